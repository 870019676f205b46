"""The store's own word list: names the spell checker should accept ("Haringey", "CELC")."""
from __future__ import annotations

from sqlalchemy import delete, select

from lcplanner.domain.model import DictionaryWord
from lcplanner.domain.sanitise import clean_line


def load_words(store) -> set[str]:
    with store.session() as session:
        return set(session.scalars(select(DictionaryWord.word)))


def add_word(store, word: str) -> str:
    """Add ``word`` (one word, as typed); return it as stored. Adding it twice is harmless."""
    word = clean_line(word).strip()
    if not word or len(word) > 100 or any(ch.isspace() for ch in word):
        raise ValueError("Only a single word can be added to the dictionary.")
    with store.transaction() as session:
        if session.scalar(select(DictionaryWord.id).where(DictionaryWord.word == word)) is None:
            session.add(DictionaryWord(word=word))
    return word


def remove_word(store, word: str) -> None:
    with store.transaction() as session:
        session.execute(delete(DictionaryWord).where(DictionaryWord.word == word))
