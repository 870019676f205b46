"""Which date phrases in a milestone's wording are its due dates, and changing that. No Qt.

A milestone's name and text often mention several dates; only some say when it is due (see
:func:`lcplanner.importers.dates.due_dates`). Its due dates are stored as ``MilestoneDate``
rows, each kept as written. The milestone pane lists every date phrase of the wording with a
"due date" tick: :func:`date_phrases` says which phrases there are and which are due now, and
:func:`dates_with` gives the milestone's dates after the user ticks or unticks one.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from lcplanner.domain.model import Milestone, MilestoneDate
from lcplanner.importers.dates import due_dates, find_dates
from lcplanner.services.edit import EditError
from lcplanner.store.engine import Store


@dataclass(frozen=True)
class DatePhrase:
    #: The phrase exactly as the wording gives it ("October 2025", "by spring 2026").
    phrase: str
    #: Whether it is one of the milestone's due dates now.
    due: bool
    #: Whether an import would take it as a due date (not a date mentioned in passing).
    suggested: bool


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def date_phrases(name: str, text: str, dates: list[str]) -> list[DatePhrase]:
    """The date phrases of a milestone's name and text, in reading order and each once, with
    whether each is one of ``dates`` (its due dates as stored)."""
    due = {_norm(d) for d in dates}
    seen: set[str] = set()
    out: list[DatePhrase] = []
    for part in (name or "", text or ""):
        suggested = {_norm(phrase) for _, _, phrase in due_dates(part)}
        for _, _, phrase in find_dates(part):
            key = _norm(phrase)
            if key in seen:
                continue
            seen.add(key)
            out.append(DatePhrase(phrase, key in due, key in suggested))
    return out


def dates_with(dates: list[str], phrases: list[str], phrase: str, due: bool) -> list[str]:
    """``dates`` with ``phrase`` made a due date (``due``) or no longer one.

    A phrase made due goes among the dates in the order the wording gives its phrases (dates
    typed by hand that the wording does not mention keep their places); one no longer due is
    taken out wherever it stands, however its spacing or capitals differ.
    """
    key = _norm(phrase)
    kept = [d for d in dates if _norm(d) != key]
    if not due:
        return kept
    rank = {_norm(p): n for n, p in enumerate(phrases)}
    mine = rank.get(key, len(rank))
    for at, date in enumerate(kept):
        if rank.get(_norm(date), -1) > mine:
            return [*kept[:at], phrase, *kept[at:]]
    return [*kept, phrase]


def _wording(store: Store, milestone_id: int) -> tuple[str, str, list[str]]:
    with store.session() as session:
        milestone = session.get(Milestone, milestone_id)
        if milestone is None:
            raise EditError(f"Milestone {milestone_id} does not exist.")
        dates = list(session.scalars(select(MilestoneDate.text)
                                     .where(MilestoneDate.milestone_id == milestone_id)
                                     .order_by(MilestoneDate.position)))
        return milestone.name, milestone.text, dates


def milestone_phrases(store: Store, milestone_id: int) -> list[DatePhrase]:
    """:func:`date_phrases` of a stored milestone."""
    name, text, dates = _wording(store, milestone_id)
    return date_phrases(name, text, dates)


def dates_after_toggle(store: Store, milestone_id: int, phrase: str, due: bool) -> list[str]:
    """The stored milestone's dates once ``phrase`` is made a due date or no longer one (to be
    written by ``set_field(…, "dates", …)``, so that the change can be undone)."""
    name, text, dates = _wording(store, milestone_id)
    phrases = [p.phrase for p in date_phrases(name, text, dates)]
    return dates_with(dates, phrases, phrase, due)


__all__ = ["DatePhrase", "date_phrases", "dates_with", "milestone_phrases", "dates_after_toggle"]
