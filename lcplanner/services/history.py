"""The history of a plan: who changed what and when, read back and put in words.

Every change is recorded in ``change_history`` in the same transaction as the change itself
(:mod:`lcplanner.services.recording` holds the hooks). Here it is read per item or per plan
since a date, and put in words for the command line, the editor's dialogs and a committee
paper's "Changes since" note. Times are kept in UTC and shown in local time.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from lcplanner.services.kinds import KINDS

ADDED, CHANGED, MOVED, DELETED, RESTORED = "added", "changed", "moved", "deleted", "restored"

@dataclass(frozen=True)
class Change:
    """One row of the history, as shown and exported."""

    id: int
    changed_at: datetime
    changed_by: str
    plan_id: int | None
    kind: str
    item_id: int
    action: str
    field: str
    old_value: str | None
    new_value: str | None

    @property
    def what(self) -> str:
        """'Output 12' — the item, by its kind's name and id."""
        k = KINDS.get(self.kind)
        return f"{k.title if k else self.kind} {self.item_id}"


# --- reading --------------------------------------------------------------------------------


def _changes(session: Session, query) -> list[Change]:
    from sqlalchemy import inspect

    from lcplanner.domain.model import ChangeRecord as R

    if not inspect(session.connection()).has_table(R.__tablename__):
        return []  # a store from before the history, open read-only (not migrated)

    rows = session.scalars(query.order_by(R.changed_at, R.id))
    return [Change(id=r.id, changed_at=r.changed_at, changed_by=r.changed_by,
                   plan_id=r.plan_id, kind=r.kind, item_id=r.item_id, action=r.action,
                   field=r.field, old_value=r.old_value, new_value=r.new_value) for r in rows]


def item_history(store, kind: str, item_id: int) -> list[Change]:
    """Every change recorded for one item, oldest first."""
    from lcplanner.domain.model import ChangeRecord as R

    with store.session() as session:
        return _changes(session, select(R).where(R.kind == kind, R.item_id == item_id))


def plan_history(store, plan_id: int | None = None,
                 since: datetime | None = None) -> list[Change]:
    """Changes to one plan (or to every plan) at or after ``since`` (UTC), oldest first."""
    from lcplanner.domain.model import ChangeRecord as R

    query = select(R)
    if plan_id is not None:
        query = query.where(R.plan_id == plan_id)
    if since is not None:
        query = query.where(R.changed_at >= since)
    with store.session() as session:
        return _changes(session, query)


# --- in words -------------------------------------------------------------------------------

_FIELD_NAMES = {"status_id": "status", "service_group_id": "service group",
                "core_area_id": "core area"}


def field_name(field: str) -> str:
    """A field as the user calls it ('status', 'progress note')."""
    return _FIELD_NAMES.get(field, field.replace("_", " "))


def _quoted(value: str | None) -> str:
    return f"'{value}'" if value else "(empty)"


def summary(change: Change) -> str:
    """The change in one line, without when and who: "Output 12: text changed from … to …"."""
    what = change.what
    if change.action == CHANGED:
        return (f"{what}: {field_name(change.field)} changed from {_quoted(change.old_value)} "
                f"to {_quoted(change.new_value)}")
    if change.action == MOVED:
        return f"{what} moved from {change.old_value} to {change.new_value}"
    if change.action == DELETED:
        return f"{what} deleted: {_quoted(change.old_value)}"
    return f"{what} {change.action}: {_quoted(change.new_value)}"


def local_time(moment: datetime) -> datetime:
    """A recorded time (UTC) as this computer's local time, without a zone."""
    return moment.replace(tzinfo=timezone.utc).astimezone().replace(tzinfo=None)


def utc_from_local(moment: datetime) -> datetime:
    """A local date and time as the UTC the history is kept in."""
    return moment.astimezone(timezone.utc).replace(tzinfo=None)


def parse_since(text: str) -> datetime:
    """'2026-03-01' or '2026-03-01 14:30' (local time) as UTC; ValueError when it is not."""
    for pattern in ("%Y-%m-%d", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"):
        try:
            return utc_from_local(datetime.strptime(text.strip(), pattern))
        except ValueError:
            continue
    raise ValueError(f"'{text}' is not a date lcplanner reads: write it as YYYY-MM-DD, "
                     "or YYYY-MM-DD HH:MM")


def day_text(moment: datetime) -> str:
    """'1 March 2026'."""
    return f"{moment.day} {moment:%B %Y}"


def note_lines(changes: list[Change]) -> tuple[str, ...]:
    """The changes as the committee paper's note lists them: '2 March 2026, asha: …'."""
    return tuple(f"{day_text(local_time(c.changed_at))}, {c.changed_by or '(unknown)'}: "
                 f"{summary(c)}" for c in changes)


def changes_note(store, plan_id: int, since: datetime):
    """A committee paper's "Changes since DATE" note: the plan's changes from ``since`` (UTC)."""
    from lcplanner.compose.committee_paper import ChangesNote

    return ChangesNote(since=day_text(local_time(since)),
                       lines=note_lines(plan_history(store, plan_id, since)))
