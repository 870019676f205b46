"""Spell checking in British English for every text field of the panes.

Words are checked against the en-GB Hunspell dictionary (through Enchant) and the store's own
word list (the organisation's names: Add to Dictionary puts a word there, for everyone who
opens the store). Misspelt words get a red wavy underline; the field's context menu offers
suggestions, "Add to Dictionary" and "Ignore". Replacing a word is an ordinary edit, so it is
saved and undone like typing. Without the dictionary, fields work as before and the window says
once that spelling is not checked.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import (QColor, QInputMethodEvent, QSyntaxHighlighter, QTextCharFormat,
                           QTextCursor)
from PySide6.QtWidgets import QLineEdit, QMenu, QPlainTextEdit, QWidget

#: A word: letters with inner apostrophes or hyphens ("council's", "cross-party" as two).
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
UNDERLINE = QColor("#d32f2f")
LANGUAGE = "en_GB"


class Speller:
    """The dictionary plus the store's word list and this sitting's ignored words."""

    def __init__(self, words: set[str] | None = None,
                 add_word: Callable[[str], str] | None = None, language: str | None = None):
        self._add_word = add_word
        self._accepted = {w.casefold() for w in (words or ())}
        self.problem = ""
        self._dict = None
        try:
            import enchant

            self._dict = enchant.Dict(language or LANGUAGE)
        except ImportError:
            self.problem = ("Spelling is not checked: the Enchant library is not installed "
                            "(see the README).")
        except Exception:  # enchant.errors.DictNotFoundError, or a broken provider
            self.problem = ("Spelling is not checked: the British English dictionary "
                            "(hunspell-en-gb) is not installed.")
        self.listeners: list[Callable[[], None]] = []

    @property
    def available(self) -> bool:
        return self._dict is not None

    def check(self, word: str) -> bool:
        """True when ``word`` is spelt right (or is not a word we judge: acronyms, one letter)."""
        if self._dict is None or len(word) < 2 or word.isupper():
            return True
        folded = word.casefold().replace("’", "'")
        if folded in self._accepted:
            return True
        word = word.replace("’", "'")
        return self._dict.check(word) or self._dict.check(word.lower())

    def suggest(self, word: str, limit: int = 6) -> list[str]:
        if self._dict is None:
            return []
        return self._dict.suggest(word.replace("’", "'"))[:limit]

    def misspelt(self, text: str) -> list[tuple[int, int]]:
        """(start, length) of each misspelt word in ``text``."""
        return [(m.start(), m.end() - m.start()) for m in WORD.finditer(text)
                if not self.check(m.group())]

    def add(self, word: str) -> None:
        """Add to the store's word list (kept), or only for now when there is no store."""
        if self._add_word is not None:
            word = self._add_word(word)
        self._accepted.add(word.casefold())
        self._changed()

    def ignore(self, word: str) -> None:
        """Accept ``word`` for the rest of this sitting only."""
        self._accepted.add(word.casefold())
        self._changed()

    def _changed(self) -> None:
        for listener in list(self.listeners):
            listener()


class _Highlighter(QSyntaxHighlighter):
    """Red wavy underline under misspelt words of a multi-line field."""

    def __init__(self, edit: QPlainTextEdit, speller: Speller):
        super().__init__(edit.document())
        self._speller = speller
        self._format = QTextCharFormat()
        self._format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        self._format.setUnderlineColor(UNDERLINE)

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt's name
        for start, length in self._speller.misspelt(text):
            self.setFormat(start, length, self._format)


class _LineMarks(QObject):
    """The same underline in a one-line field. QLineEdit has no highlighter; formats given
    through an input-method event are drawn by it without touching the text or its undo."""

    def __init__(self, edit: QLineEdit, speller: Speller):
        super().__init__(edit)
        self._edit, self._speller = edit, speller
        edit.textChanged.connect(self.refresh)

    def refresh(self, *_args) -> None:
        edit = self._edit
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        fmt.setUnderlineColor(UNDERLINE)
        cursor = edit.cursorPosition()
        attributes = [QInputMethodEvent.Attribute(
            QInputMethodEvent.AttributeType.TextFormat, start - cursor, length, fmt)
            for start, length in self._speller.misspelt(edit.text())]
        event = QInputMethodEvent("", attributes)
        from PySide6.QtCore import QCoreApplication

        QCoreApplication.sendEvent(edit, event)


class SpellCheck(QObject):
    """Attaches checking and the context menu to the text fields of one pane."""

    def __init__(self, speller: Speller, parent: QObject | None = None):
        super().__init__(parent)
        self.speller = speller
        self._refreshers: list[Callable[[], None]] = []
        speller.listeners.append(self.refresh)

    def attach(self, widget: QWidget) -> None:
        if not self.speller.available:
            return
        if isinstance(widget, QPlainTextEdit):
            highlighter = _Highlighter(widget, self.speller)
            self._refreshers.append(highlighter.rehighlight)
        elif isinstance(widget, QLineEdit):
            marks = _LineMarks(widget, self.speller)
            self._refreshers.append(marks.refresh)
            marks.refresh()
        else:
            return
        widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        widget.customContextMenuRequested.connect(
            lambda pos, w=widget: self.show_menu(w, pos))

    def refresh(self) -> None:
        for refresh in self._refreshers:
            refresh()

    # --- the context menu -------------------------------------------------------------------

    def menu_for(self, widget: QWidget, pos) -> QMenu:
        """The field's standard menu with suggestions for the misspelt word at ``pos`` first."""
        menu = widget.createStandardContextMenu()
        found = self._word_at(widget, pos)
        if found is None:
            return menu
        word, start = found
        first = menu.actions()[0] if menu.actions() else None
        suggestions = self.speller.suggest(word)
        for suggestion in suggestions:
            action = menu.addAction(suggestion)
            action.setObjectName("spellingSuggestion")
            font = action.font()
            font.setBold(True)
            action.setFont(font)
            action.triggered.connect(lambda _c=False, s=suggestion: self.replace(
                widget, start, len(word), s))
            menu.insertAction(first, action)
        if not suggestions:
            none = menu.addAction("(no suggestions)")
            none.setEnabled(False)
            menu.insertAction(first, none)
        add = menu.addAction(f"Add “{word}” to Dictionary")
        add.triggered.connect(lambda _c=False: self.speller.add(word))
        menu.insertAction(first, add)
        ignore = menu.addAction(f"Ignore “{word}”")
        ignore.triggered.connect(lambda _c=False: self.speller.ignore(word))
        menu.insertAction(first, ignore)
        menu.insertSeparator(first)
        return menu

    def show_menu(self, widget: QWidget, pos) -> None:
        menu = self.menu_for(widget, pos)
        menu.exec(widget.mapToGlobal(pos))
        menu.deleteLater()

    def _word_at(self, widget: QWidget, pos) -> tuple[str, int] | None:
        if isinstance(widget, QPlainTextEdit):
            cursor = widget.cursorForPosition(pos)
            block = cursor.block()
            text, offset, base = block.text(), cursor.positionInBlock(), block.position()
        else:
            text, offset, base = widget.text(), widget.cursorPositionAt(pos), 0
        for match in WORD.finditer(text):
            if match.start() <= offset <= match.end():
                if self.speller.check(match.group()):
                    return None
                return match.group(), base + match.start()
        return None

    @staticmethod
    def replace(widget: QWidget, start: int, length: int, text: str) -> None:
        """Put ``text`` in place of the misspelt word, as typing would (saved, undoable)."""
        if isinstance(widget, QPlainTextEdit):
            cursor = QTextCursor(widget.document())
            cursor.setPosition(start)
            cursor.setPosition(start + length, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(text)
        else:
            widget.setSelection(start, length)
            widget.insert(text)  # emits textEdited, which the pane saves
