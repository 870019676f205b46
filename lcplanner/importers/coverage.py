"""Nothing dropped, nothing run together: how much of a paper an import kept.

Two figures, both over the source with its page furniture set aside (see
:mod:`lcplanner.importers.furniture`):

* **words**: the share of the source's words found in the stored plan, counted with their
  repeats (a word the paper uses forty times must be stored forty times);
* **sentences**: the share of the source's sentences stored whole, their words in order and
  uninterrupted inside one stored item (an item's fields read in order, so a milestone's name
  runs on into its text as it did on the page).

What a paper uses only to say what a line *is* is not content and is not counted: list markers
("3.", "(b)", bullets), which come back from positions, and the labels of house style
("Report by:", "Summary:", "Outcome:", "Priority 2:", "Outputs", "Financial implications
for …"). A copy the importer recognised as the same item met twice (a list repeated in the
appendix, recommendations printed twice) is listed as a merge and counted once.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import inspect

from lcplanner.domain.model import CleanLine, CleanText, Plan, StatusLabel
from lcplanner.importers.header import split_labels
from lcplanner.importers.lines import logical_lines
from lcplanner.importers.outline import (
    GROUP_LABEL, OBJECTIVE_LABEL, OUTCOME_LABEL, THEME_LABEL, TYPED_LABEL, unmark,
)
from lcplanner.importers.paper_parts import LABEL_PATTERNS, split_inline_items
from lcplanner.importers.links import priority_links
from lcplanner.importers.groupings import holder_fields

#: Fields that describe where a plan came from, not what the paper says.
_NOT_CONTENT = frozenset({"source_name", "source_digest"})
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(‘'\"“\d])")


def words(text: str) -> list[str]:
    """The comparison words of a text: case, punctuation and quote styles do not count."""
    return re.findall(r"\w+", text.casefold().replace("’", "'").replace("‘", "'"))


def stored_units(plan: Plan) -> list[str]:
    """Every stored item's text, one string per item, its fields in column order."""
    out: list[str] = []

    def walk(obj) -> None:
        mapper = inspect(obj).mapper
        parts = []
        for prop in mapper.column_attrs:
            kind = prop.columns[0].type
            if isinstance(kind, (CleanText, CleanLine)) and prop.key not in _NOT_CONTENT:
                if value := getattr(obj, prop.key):
                    parts.append(value)
            elif prop.key == "date_text" and getattr(obj, prop.key):
                parts.insert(0, getattr(obj, prop.key))  # a policy event: date, then text
        if isinstance(getattr(obj, "status", None), StatusLabel):
            parts.append(obj.status.name)  # an action's status column
        if mapper.class_.__name__ == "Priority" and obj.themes:
            out.append(", ".join(t.name for t in obj.themes))  # its "Theme: …" link line
        if mapper.class_.__name__ == "Milestone":  # its table cells: dates, sub-priorities
            if len(obj.dates) > 1:
                out.append("; ".join(d.text for d in obj.dates))
            if obj.tags:
                out.append("; ".join(t.title for t in obj.tags))
        if parts:
            out.append(" ".join(parts))
        for rel in mapper.relationships:
            if "delete-orphan" in rel.cascade and rel.key != "statuses":
                for child in getattr(obj, rel.key):
                    walk(child)

    walk(plan)
    return out


def content_pieces(text: str) -> list[str]:
    """A logical line's content: its text without house-style labels, cut where labels were."""
    text = unmark(text)
    rest, fields = split_labels(text)
    pieces = [rest] + [value for _, value in fields]
    out = []
    for piece in pieces:
        piece = piece.strip()
        if links := priority_links(piece):  # "Theme: A. Pledges 2, 5.": the numbers are
            out.append(links[0])              # derived (never stored), the names are tags
            continue
        if holders := holder_fields(piece):
            out += [value for _, value in holders]
            continue
        for pattern in LABEL_PATTERNS:
            if match := pattern.match(piece):
                piece = match.group(match.lastindex or 0) if match.lastindex else ""
                break
        else:
            for label in (GROUP_LABEL, THEME_LABEL, OBJECTIVE_LABEL, OUTCOME_LABEL, TYPED_LABEL):
                piece = label.sub("", piece, count=1)
        intro, items = split_inline_items(piece.strip())  # "(a) note …; (b) agree …"
        out += [intro] + items
    return [p for p in out if words(p)]


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if words(s)]


@dataclass
class Coverage:
    """The two figures, and what fell short of them (for the dry run and for tests)."""

    words_total: int = 0
    words_present: int = 0
    sentences_total: int = 0
    sentences_whole: int = 0
    missing_words: Counter = field(default_factory=Counter)
    broken_sentences: list[str] = field(default_factory=list)
    #: stored items that hold two list items the source kept apart
    run_together: list[str] = field(default_factory=list)

    @property
    def words_share(self) -> float:
        return self.words_present / self.words_total if self.words_total else 1.0

    @property
    def sentences_share(self) -> float:
        return self.sentences_whole / self.sentences_total if self.sentences_total else 1.0

    def summary(self) -> str:
        return (f"Coverage: words {self.words_share:.1%} ({self.words_present} of "
                f"{self.words_total}); sentences stored whole {self.sentences_share:.1%} "
                f"({self.sentences_whole} of {self.sentences_total}); items run together "
                f"{len(self.run_together)}")


#: The fields that hold one item each (a title, a name, an item's text); bodies, descriptions
#: and notes hold many lines by design and are not checked for items run together.
_ITEM_FIELDS = frozenset({"title", "name", "text"})
_MANY_LINES = frozenset({"NarrativeSection", "PaperSection", "CommitteePaper", "Plan"})


def _item_texts(plan: Plan) -> list[str]:
    out: list[str] = []

    def walk(obj) -> None:
        mapper = inspect(obj).mapper
        if mapper.class_.__name__ not in _MANY_LINES:
            name = " ".join(getattr(obj, key) or "" for key in ("name", "title", "text")
                            if key in mapper.column_attrs)
            if name.strip():
                out.append(name)
        for rel in mapper.relationships:
            if "delete-orphan" in rel.cascade and rel.key != "statuses":
                for child in getattr(obj, rel.key):
                    walk(child)

    walk(plan)
    return out


def _run_together(items: list[str], source_items: list[str], lines: set[str]) -> list[str]:
    """Stored items holding two list items of the source, side by side and whole."""
    by_first: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for text in source_items:
        key = tuple(words(text))
        if len(key) >= 3:
            by_first[key[0]].add(key)
    found = []
    for item in items:
        seq = words(item)
        if " ".join(seq) in lines:
            continue  # the source had it as one line (two names extraction ran together)
        count, k = 0, 0
        while k < len(seq):  # the longest source item starting here, then on after it
            fits = [key for key in by_first.get(seq[k], ()) if tuple(seq[k:k + len(key)]) == key]
            if fits:
                count += 1
                k += max(len(key) for key in fits)
            else:
                k += 1
        if count >= 2:
            found.append(item)
    return found


def measure(text: str, plan: Plan, merged: list[str] = ()) -> Coverage:
    """Compare ``text`` (page furniture already set aside) with what ``plan`` stores.

    ``merged`` are the texts of copies the importer listed as merged into an item it kept:
    each is taken out of the source once before counting.
    """
    segments = []
    source_items: list[str] = []
    source_lines: set[str] = set()
    for line in logical_lines(text):
        source_lines.add(" ".join(words(unmark(line.text))))
        if line.marked or line.row is not None:
            source_items.append(unmark(line.text) if line.row is None else line.row.get("action"))
        if line.row is not None:  # a table: each cell is content, the header row a label
            segments += [] if line.row.header else [cell for _, cell in line.row.cells]
        else:
            segments += content_pieces(line.text)
    source = Counter(w for seg in segments for w in words(seg))
    for copy in merged:
        source.subtract(words(copy))
    source = +source
    units = stored_units(plan)
    stored = Counter(w for unit in units for w in words(unit))
    result = Coverage()
    result.words_total = sum(source.values())
    result.words_present = sum(min(n, stored[w]) for w, n in source.items())
    result.missing_words = Counter({w: n - stored[w] for w, n in source.items() if n > stored[w]})
    keyed = [" " + " ".join(words(unit)) + " " for unit in units]
    holding: dict[str, set[int]] = defaultdict(set)  # word → the units that hold it
    for index, unit in enumerate(keyed):
        for word in set(unit.split()):
            holding[word].add(index)
    merged_keys = Counter(" ".join(words(s)) for copy in merged for s in sentences(copy))
    for seg in segments:
        for sentence in sentences(seg):
            key = " ".join(words(sentence))
            if merged_keys[key] > 0:
                merged_keys[key] -= 1
                continue
            result.sentences_total += 1
            rarest = min(key.split(), key=lambda w: len(holding.get(w, ())))
            if any(f" {key} " in keyed[u] for u in holding.get(rarest, ())):
                result.sentences_whole += 1
            else:
                result.broken_sentences.append(sentence)
    result.run_together = _run_together(_item_texts(plan), source_items, source_lines)
    return result
