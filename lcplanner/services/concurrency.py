"""Many editors on one store: versions, who changed what, locks and retries. No Qt.

Every item row carries a version (SQLAlchemy's version counter, see
``lcplanner.domain.model.Versioned``) and who changed it last and when. This module is where
the service layer

- stamps ``changed_by`` and ``changed_at`` on every row a change writes: the database user on
  PostgreSQL (``current_user``), the login name on a SQLite file;
- refuses an edit made on a stale version with a :class:`ConflictError` that carries the value
  now stored, who stored it and when, so the editor can show both and let the user choose;
- keeps siblings' positions 0, 1, 2 … when several people add, move and delete under one
  parent at the same moment: the parent row is locked (``SELECT … FOR UPDATE``) before its
  children are read, so structural edits under one parent take turns;
- runs a change again, from the start, when the database says another transaction got in the
  way (a row changed under it, a deadlock, a serialisation failure).

On SQLite a writer holds the whole file (``BEGIN IMMEDIATE``), so the locks are no-ops there
and the retries never fire; the versions and stamps work the same on both engines.
"""
from __future__ import annotations

import functools
import getpass
import random
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import event, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from lcplanner.domain.model import Versioned
from lcplanner.domain.sanitise import clean_text

#: How often a change is tried before the user is told the store is too busy.
ATTEMPTS = 12
#: Changes run again in this process because another editor got in the way (for measuring).
RETRIES = {"count": 0}
#: Columns that change when a sibling moves: not a change of the item itself.
_BOOKKEEPING = frozenset({"position", "version", "changed_by", "changed_at", "modified"})
#: An arbitrary fixed key for PostgreSQL's advisory lock that guards the order of the plans.
_PLANS_LOCK = 0x4C43504C


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def local_time(stamp: datetime | None) -> datetime | None:
    """A stored stamp (UTC, without a zone) in the computer's own time zone."""
    if stamp is None:
        return None
    return stamp.replace(tzinfo=timezone.utc).astimezone()


def describe_change(changed_by: str, changed_at: datetime | None, *,
                    nobody: str = "someone") -> str:
    """"asha at 10:42" (a day earlier: "asha on 3 March at 10:42"); ``nobody`` stands for a
    change nobody signed (rows older than the versions), "" leaves the name out."""
    who = changed_by or nobody
    when = local_time(changed_at)
    if when is None:
        return who
    today = datetime.now().astimezone().date()
    clock = when.strftime("%H:%M")
    moment = f"at {clock}" if when.date() == today else \
        f"on {when.day} {when.strftime('%B')} {when.year} at {clock}"
    return f"{who} {moment}" if who else moment


class ConflictError(ValueError):
    """An edit made on a version of the item that someone else has changed since.

    Nothing was saved. ``current`` is the value now stored, ``yours`` the value refused;
    ``changed_by``/``changed_at`` say whose change it was, ``version`` is the item's version
    now (save again with it to keep yours).
    """

    def __init__(self, kind: str, item_id: int, name: str, *, current: Any, yours: Any,
                 changed_by: str, changed_at: datetime | None, version: int | None,
                 title: str = "The item"):
        self.kind, self.item_id, self.name = kind, item_id, name
        self.current, self.yours = current, yours
        self.changed_by, self.changed_at, self.version = changed_by, changed_at, version
        if version is None:
            message = (f"{title} was deleted by someone else while you were editing it; your "
                       "change was not saved.")
        else:
            message = (f"{title}'s {name.replace('_', ' ')} was changed by "
                       f"{describe_change(changed_by, changed_at)} after you read it; "
                       "your change was not saved.")
        super().__init__(message)


# --- who is writing -------------------------------------------------------------------------


def current_user(session: Session) -> str:
    """The name a change is stamped with: the database user on a server, else the login."""
    connection = session.connection()
    cached = connection.info.get("lcplanner_user")
    if cached is None:
        if connection.dialect.name == "postgresql":
            cached = connection.execute(text("SELECT current_user")).scalar_one()
        else:
            try:
                cached = getpass.getuser()
            except Exception:  # noqa: BLE001 - no login name (a container): say nobody
                cached = ""
        connection.info["lcplanner_user"] = cached
    return cached


def stamp(session: Session, obj: Versioned) -> None:
    """Record that the current user changed ``obj`` now (which also raises its version)."""
    obj.changed_by = current_user(session)[:100]
    obj.changed_at = _now()


@event.listens_for(Session, "before_flush")
def _stamp_changes(session: Session, _context, _instances) -> None:
    """Stamp every item a flush adds or changes; a row that only moved among its siblings
    keeps its stamp (its version still rises)."""
    who, now = None, _now()  # one stamp for the whole flush (an import adds thousands)
    for obj in session.new:
        if isinstance(obj, Versioned):
            who = who if who is not None else current_user(session)[:100]
            obj.changed_by, obj.changed_at = who, now
    for obj in session.dirty:
        if not isinstance(obj, Versioned) or not session.is_modified(
                obj, include_collections=False):
            continue
        state = obj._sa_instance_state
        changed = {a.key for a in state.attrs if a.history.has_changes()}
        if changed - _BOOKKEEPING:
            who = who if who is not None else current_user(session)[:100]
            obj.changed_by, obj.changed_at = who, now


# --- locks ----------------------------------------------------------------------------------


def lock_row(session: Session, cls: type, item_id: int):
    """The row, read again and locked until the transaction ends (None when it is gone)."""
    return session.get(cls, item_id, with_for_update=True, populate_existing=True)


def lock_parent(session: Session, cls: type | None, parent_id: int | None):
    """Lock the parent whose children are about to be renumbered; return it.

    Every structural edit under one parent takes this lock before it reads the children, so
    two people adding or moving under one priority at once take turns and each sees the
    other's rows. Plans have no parent row: on a server a transaction-scoped advisory lock
    orders them instead.
    """
    if cls is None:
        connection = session.connection()
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PLANS_LOCK})
        return None
    locked = session.info.setdefault("lcplanner_locked", {})
    if (cls, parent_id) in locked:
        return locked[(cls, parent_id)]
    parent = lock_row(session, cls, parent_id)
    locked[(cls, parent_id)] = parent
    return parent


def lock_parents(session: Session, cls: type | None, *parent_ids: int | None) -> None:
    """Lock several parents of one kind, always in the same order (no deadlock between two
    people moving items across the same two parents in opposite directions)."""
    for parent_id in sorted({p for p in parent_ids if p is not None}):
        lock_parent(session, cls, parent_id)


# --- running again --------------------------------------------------------------------------


class Retry(Exception):
    """Raised inside a change when what it read moved under it: run it again."""


def _sqlstate(exc: BaseException | None) -> str:
    orig = getattr(exc, "orig", None)
    return getattr(orig, "sqlstate", None) or ""


def retryable(exc: BaseException) -> bool:
    """True for a failure that running the same change again will cure: a row changed by
    someone else between read and write, a deadlock or a serialisation failure (SQLSTATE
    class 40), possibly wrapped by the store's own one-sentence error."""
    for candidate in (exc, exc.__cause__):
        if isinstance(candidate, (StaleDataError, Retry)):
            return True
        if isinstance(candidate, DBAPIError) and _sqlstate(candidate).startswith("40"):
            return True
    return False


def retrying(fn):
    """Run a service function (one transaction) again when another editor got in the way."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        for attempt in range(ATTEMPTS):
            try:
                return fn(*args, **kwargs)
            except Exception as exc:
                if not retryable(exc):
                    raise
                if attempt == ATTEMPTS - 1:
                    from lcplanner.store.errors import StoreBusyError

                    raise StoreBusyError("Others were changing the same part of the plan at "
                                         "the same moment; nothing of this change was saved. "
                                         "Try again.") from exc
                RETRIES["count"] += 1
                time.sleep(random.uniform(0.002, 0.02) * (attempt + 1))
        raise AssertionError("unreachable")

    return wrapper


# --- versions -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stamp:
    """An item's version and who changed it last, when."""

    version: int
    changed_by: str
    changed_at: datetime | None

    @property
    def description(self) -> str:
        return describe_change(self.changed_by, self.changed_at)


def stamp_of(store, kind: str, item_id: int) -> Stamp | None:
    """The item's version and last change, or None when it does not exist."""
    from lcplanner.services.kinds import kind as get_kind

    table = get_kind(kind).table
    with store.session() as session:
        row = session.execute(select(table.c.version, table.c.changed_by, table.c.changed_at)
                              .where(table.c.id == item_id)).first()
    return None if row is None else Stamp(*row)


@dataclass(frozen=True)
class Saved:
    """What :func:`save_field` did: the value it replaced and the item's stamp after it."""

    old: Any
    version: int
    changed_by: str
    changed_at: datetime | None


#: ``base`` not given to :func:`save_field`.
UNSET = object()


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return clean_text(a) == clean_text(b)
    return a == b


@retrying
def save_field(store, kind: str, item_id: int, name: str, value: Any, *,
               expected_version: int | None = None, base: Any = UNSET) -> Saved:
    """Set one field, refusing to overwrite a change someone else made since it was read.

    ``expected_version`` is the version the editor read (None: no check, as for a script).
    When the item's version has moved on since, the edit is refused with a
    :class:`ConflictError`, unless ``base`` (the field's value as the editor read it) is
    still what is stored: then the others changed something else (another field, its place
    among its siblings) and this field is saved as asked, losing nothing. The row is locked
    while it is compared and written, so no change can slip in between.
    """
    from lcplanner.services import edit
    from lcplanner.services.kinds import kind as get_kind

    k = get_kind(kind)
    edit.check_field_name(k, name)
    with store.transaction() as session:
        obj = lock_row(session, k.cls, item_id)
        if obj is None:
            if expected_version is not None:
                raise ConflictError(kind, item_id, name, current=None, yours=value,
                                    changed_by="", changed_at=None, version=None,
                                    title=k.title)
            raise edit.EditError(f"{k.title} {item_id} does not exist.")
        old = edit._read_field(session, k, obj, name)
        if expected_version is not None and obj.version != expected_version and (
                base is UNSET or not _same(old, base)):
            raise ConflictError(kind, item_id, name, current=old, yours=value,
                                changed_by=obj.changed_by, changed_at=obj.changed_at,
                                version=obj.version, title=k.title)
        edit.write_field(session, k, obj, name, value)
        stamp(session, obj)
        session.flush()
        return Saved(old, obj.version, obj.changed_by, obj.changed_at)


__all__ = ["Saved", "save_field", "ConflictError", "Retry", "Stamp", "current_user", "describe_change", "local_time",
           "lock_parent", "lock_parents", "lock_row", "retryable", "retrying", "stamp",
           "stamp_of"]
