"""Find and Replace over one plan: every text field of every kind, previewed, applied at once.

:func:`find_changes` lists each field that would change (item, field, before, after) so the
editor can show them and let the officer untick some; :func:`set_fields` writes a chosen set in
one transaction and returns the old values, which undo writes back the same way. Pure Python.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from lcplanner.domain.model import CleanLine, CleanText
from lcplanner.domain.sanitise import clean_line, clean_text
from lcplanner.services.edit import EditError, snapshot
from lcplanner.services.kinds import KINDS

_KIND_OF_TABLE = {k.table.name: k.name for k in KINDS.values()}


@dataclass(frozen=True)
class Change:
    """One field of one item, before and after the replacement."""

    kind: str
    id: int
    field: str
    before: str
    after: str
    #: How many times the text occurs in the field.
    count: int
    #: The item's own title (its label field), to say where the change is.
    item: str


def text_fields(kind: str) -> tuple[str, ...]:
    """The fields of ``kind`` an officer types text into (titles, outcomes, notes …)."""
    k = KINDS[kind]
    return tuple(f for f in k.fields
                 if f in k.table.c and isinstance(k.table.c[f].type, (CleanText, CleanLine)))


def pattern(needle: str, match_case: bool = False, whole_words: bool = False) -> re.Pattern:
    if not needle:
        raise EditError("Type the text to find.")
    body = re.escape(needle)
    if whole_words:
        body = rf"(?<!\w){body}(?!\w)"
    return re.compile(body, 0 if match_case else re.IGNORECASE)


def find_changes(store, plan_id: int, needle: str, replacement: str, *,
                 match_case: bool = False, whole_words: bool = False) -> list[Change]:
    """Every field of the plan that contains ``needle``, with its text after replacing, in the
    order the plan holds them (parents before children)."""
    regex = pattern(needle, match_case, whole_words)
    changes = []
    with store.session() as session:
        snap = snapshot(session, "plan", plan_id)
    for table, row in snap.rows:
        kind = _KIND_OF_TABLE[table]
        label = KINDS[kind].label
        for name in text_fields(kind):
            before = row.get(name) or ""
            after, count = regex.subn(lambda _m: replacement, before)
            if count:
                changes.append(Change(kind, row["id"], name, before, after, count,
                                      " ".join(str(row.get(label) or "").split())))
    return changes


def set_fields(store, edits: list[tuple[str, int, str, str]],
               expected: list[str] | None = None) -> list[str]:
    """Set many text fields in one transaction: (kind, id, field, value) each. When
    ``expected`` is given, each field must still hold that text (nobody changed it since the
    preview), or nothing is written. Returns the old values, in order."""
    old = []
    with store.transaction() as session:
        for at, (kind, item_id, name, value) in enumerate(edits):
            k = KINDS[kind]
            if name not in text_fields(kind):
                raise EditError(f"{k.title} has no text field {name!r}.")
            obj = session.get(k.cls, item_id)
            if obj is None:
                raise EditError(f"{k.title} {item_id} no longer exists.")
            current = getattr(obj, name) or ""
            if expected is not None and current != expected[at]:
                raise EditError(f"A {k.title.lower()} changed since the preview; search again.")
            old.append(current)
            clean = clean_text if isinstance(k.table.c[name].type, CleanText) else clean_line
            setattr(obj, name, clean(value))
    return old


def plan_of(store, kind: str, item_id: int) -> int:
    from lcplanner.services.read import plan_id_of

    with store.session() as session:
        return plan_id_of(session, kind, item_id)


__all__ = ["Change", "find_changes", "pattern", "plan_of", "set_fields", "text_fields"]
