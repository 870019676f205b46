"""Deleted items: everything deleted in the editor, kept 30 days, restorable after a restart.

Undo lives in memory and ends with the window; this list lives in the store. A delete made
through the editor writes its :class:`~lcplanner.services.edit.Snapshot` (as JSON) in the same
transaction as the delete itself, so the item and its entry never exist both or neither.
Restoring puts the subtree back under its old parent at its old position, with the same ids
when they are still free (new ids otherwise); when the parent is gone it refuses with a
sentence saying why.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone

from sqlalchemy import delete as sql_delete
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from lcplanner.domain.model import Base, DeletedItem
from lcplanner.services.concurrency import retrying
from lcplanner.services.edit import EditError, Snapshot, delete_in, restore_in
from lcplanner.services.kinds import KINDS
from lcplanner.store.engine import Store

#: Entries older than this are purged when the store is opened for editing.
KEEP_DAYS = 30


@dataclass(frozen=True)
class DeletedEntry:
    """One row of File → Deleted Items."""

    id: int
    kind: str
    item_id: int
    title: str
    origin: str
    deleted_at: datetime
    counts: dict

    @property
    def what(self) -> str:
        noun = KINDS[self.kind].title
        return f"{noun} '{self.title}'" if self.title else noun


@dataclass(frozen=True)
class Restored:
    kind: str
    item_id: int
    parent_id: int | None
    message: str


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


# --- the snapshot as JSON -------------------------------------------------------------------


def _encode(value):
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    return value


def _decode(value):
    if isinstance(value, dict) and set(value) == {"$datetime"}:
        return datetime.fromisoformat(value["$datetime"])
    return value


def _rows_out(rows) -> list:
    return [[table, {k: _encode(v) for k, v in row.items()}] for table, row in rows]


def _rows_in(rows) -> tuple:
    return tuple((table, {k: _decode(v) for k, v in row.items()}) for table, row in rows)


def snapshot_to_json(snap: Snapshot) -> str:
    return json.dumps({"kind": snap.kind, "id": snap.id, "parent_id": snap.parent_id,
                       "position": snap.position, "rows": _rows_out(snap.rows),
                       "links": _rows_out(snap.links), "refs": [list(r) for r in snap.refs],
                       "counts": snap.counts}, ensure_ascii=False, separators=(",", ":"))


def snapshot_from_json(text: str) -> Snapshot:
    data = json.loads(text)
    return Snapshot(kind=data["kind"], id=data["id"], parent_id=data["parent_id"],
                    position=data["position"], rows=_rows_in(data["rows"]),
                    links=_rows_in(data["links"]), refs=tuple(tuple(r) for r in data["refs"]),
                    counts=dict(data["counts"]))


# --- where an item was ----------------------------------------------------------------------


def _short(text: str | None, limit: int = 60) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[:limit - 1].rstrip() + "…"


def _named(kind: str, row) -> str:
    k = KINDS[kind]
    label = _short(getattr(row, k.label, "") or "")
    return f"{k.title.lower()} '{label}'" if label else k.title.lower()


def origin_of(session: Session, kind: str, parent_id: int | None) -> str:
    """Where an item of ``kind`` under ``parent_id`` sits, in words, nearest parent first."""
    parts = []
    k = KINDS[kind]
    while k.parent is not None and parent_id is not None:
        parent_kind = KINDS[k.parent]
        row = session.get(parent_kind.cls, parent_id)
        if row is None:
            break
        parts.append(_named(parent_kind.name, row))
        parent_id = getattr(row, parent_kind.fk) if parent_kind.fk else None
        k = parent_kind
    return " in ".join(parts) if parts else "the store"


# --- recording ------------------------------------------------------------------------------


@retrying
def delete_to_bin(store: Store, kind: str, item_id: int, *,
                  deleted_at: datetime | None = None) -> tuple[Snapshot, int]:
    """Delete an item and record it in Deleted items, in one transaction.

    Returns the snapshot (for undo) and the entry's id (so undo can take it off the list).
    """
    with store.transaction() as session:
        k = KINDS[kind]
        top = session.get(k.cls, item_id)
        if top is None:
            raise EditError(f"{k.title} {item_id} does not exist.")
        title = _short(getattr(top, k.label, "") or "")
        origin = origin_of(session, kind, getattr(top, k.fk) if k.fk else None)
        snap = delete_in(session, kind, item_id)
        entry = DeletedItem(kind=kind, item_id=item_id, title=title, origin=origin,
                            deleted_at=deleted_at or _now(), snapshot=snapshot_to_json(snap))
        session.add(entry)
        session.flush()
        return snap, entry.id


@retrying
def undo_delete(store: Store, snap: Snapshot, entry_id: int) -> None:
    """Undo of a delete: the subtree back with its ids, and off the Deleted items list."""
    with store.transaction() as session:
        restore_in(session, snap)
        session.execute(sql_delete(DeletedItem).where(DeletedItem.id == entry_id))


def entries(store: Store) -> list[DeletedEntry]:
    """Everything on the list, newest first."""
    with store.session() as session:
        rows = session.scalars(select(DeletedItem).order_by(DeletedItem.deleted_at.desc(),
                                                            DeletedItem.id.desc())).all()
        return [DeletedEntry(r.id, r.kind, r.item_id, r.title, r.origin, r.deleted_at,
                             json.loads(r.snapshot).get("counts", {})) for r in rows]


def count(store: Store) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(DeletedItem)) or 0


def purge(store: Store, *, now: datetime | None = None, days: int = KEEP_DAYS) -> int:
    """Remove entries deleted more than ``days`` ago; return how many went."""
    cutoff = (now or _now()) - timedelta(days=days)
    with store.transaction() as session:
        result = session.execute(sql_delete(DeletedItem).where(DeletedItem.deleted_at < cutoff))
        return result.rowcount or 0


# --- restoring ------------------------------------------------------------------------------


def _exists(session: Session, table_name: str, row_id, cache: dict) -> bool:
    key = (table_name, row_id)
    if key not in cache:
        table = Base.metadata.tables[table_name]
        cache[key] = session.scalar(select(func.count()).select_from(table)
                                    .where(table.c.id == row_id)) > 0
    return cache[key]


def _any_taken(session: Session, snap: Snapshot) -> bool:
    """Whether any id of the subtree is in use again (a few queries, even for a whole plan)."""
    by_table: dict[str, list[int]] = {}
    for table_name, row in snap.rows:
        by_table.setdefault(table_name, []).append(row["id"])
    for table_name, ids in by_table.items():
        table = Base.metadata.tables[table_name]
        for start in range(0, len(ids), 500):
            if session.scalar(select(func.count()).select_from(table)
                              .where(table.c.id.in_(ids[start:start + 500]))):
                return True
    return False


def _remap(session: Session, snap: Snapshot) -> Snapshot:
    """New ids for the whole subtree when any of its old ids has been taken since."""
    tables = Base.metadata.tables
    if not _any_taken(session, snap):
        return snap
    mapping: dict[tuple[str, int], int] = {}
    next_id: dict[str, int] = {}
    for table_name, row in snap.rows:
        if table_name not in next_id:
            next_id[table_name] = (session.scalar(select(func.max(tables[table_name].c.id)))
                                   or 0) + 1
        mapping[(table_name, row["id"])] = next_id[table_name]
        next_id[table_name] += 1

    def fix(table_name: str, row: dict) -> dict:
        row = dict(row)
        if "id" in row and (table_name, row["id"]) in mapping:
            row["id"] = mapping[(table_name, row["id"])]
        for fk in tables[table_name].foreign_keys:
            column, target = fk.parent.name, fk.column.table.name
            if (target, row.get(column)) in mapping:
                row[column] = mapping[(target, row[column])]
        return row

    refs = []
    for table_name, column, row_id, value in snap.refs:
        target = next(fk.column.table.name for fk in tables[table_name].c[column].foreign_keys)
        refs.append((table_name, column, mapping.get((table_name, row_id), row_id),
                     mapping.get((target, value), value)))
    top_table = KINDS[snap.kind].table.name
    return replace(snap, id=mapping[(top_table, snap.id)],
                   rows=tuple((t, fix(t, r)) for t, r in snap.rows),
                   links=tuple((t, fix(t, r)) for t, r in snap.links), refs=tuple(refs))


def _drop_dangling(session: Session, snap: Snapshot) -> Snapshot:
    """References from the subtree to rows deleted since (a theme, a core area) are dropped:
    a nullable column is emptied, a link is left out."""
    tables = Base.metadata.tables
    inside = {(t, r["id"]) for t, r in snap.rows}
    cache: dict = {}
    top_table = KINDS[snap.kind].table.name

    def gone(target: str, value) -> bool:
        return value is not None and (target, value) not in inside and \
            not _exists(session, target, value, cache)

    rows = []
    for table_name, row in snap.rows:
        row = dict(row)
        for fk in tables[table_name].foreign_keys:
            column = fk.parent.name
            if gone(fk.column.table.name, row.get(column)):
                if table_name == top_table and row["id"] == snap.id:
                    continue  # the parent itself: checked before, with its own message
                if not fk.parent.nullable:
                    raise EditError("It refers to something that no longer exists, so it "
                                    "cannot be put back.")
                row[column] = None
        rows.append((table_name, row))
    links = tuple((t, r) for t, r in snap.links
                  if not any(gone(fk.column.table.name, r.get(fk.parent.name))
                             for fk in tables[t].foreign_keys))
    return replace(snap, rows=tuple(rows), links=links)


def _parent_missing(session: Session, entry: DeletedItem, snap: Snapshot) -> str | None:
    k = KINDS[snap.kind]
    if k.parent is None or session.get(KINDS[k.parent].cls, snap.parent_id) is not None:
        return None
    parent = KINDS[k.parent]
    what = f"{k.title} '{entry.title}'" if entry.title else k.title
    holder = None
    for other in session.scalars(select(DeletedItem).where(DeletedItem.id != entry.id)):
        rows = json.loads(other.snapshot)["rows"]
        if any(t == parent.table.name and r["id"] == snap.parent_id for t, r in rows):
            holder = other
            break
    if holder is not None:
        return (f"{what} cannot be restored: the {parent.title.lower()} it was in was deleted "
                f"too. Restore {KINDS[holder.kind].title.lower()} '{holder.title}' first.")
    return (f"{what} cannot be restored: the {parent.title.lower()} it was in "
            f"({entry.origin}) no longer exists.")


@retrying
def restore_entry(store: Store, entry_id: int) -> Restored:
    """Put an entry back in its place and take it off the list, in one transaction.

    Raises :class:`EditError` with a sentence for the user when it cannot go back.
    """
    with store.transaction() as session:
        entry = session.get(DeletedItem, entry_id)
        if entry is None:
            raise EditError("That deleted item is no longer on the list.")
        snap = snapshot_from_json(entry.snapshot)
        refusal = _parent_missing(session, entry, snap)
        if refusal:
            raise EditError(refusal)
        snap = _drop_dangling(session, _remap(session, snap))
        restore_in(session, snap)
        k = KINDS[snap.kind]
        what = f"{k.title.lower()} '{entry.title}'" if entry.title else k.title.lower()
        where = "" if k.parent is None else f" to {entry.origin}"
        session.delete(entry)
        return Restored(snap.kind, snap.id, snap.parent_id, f"Restored {what}{where}.")


__all__ = ["KEEP_DAYS", "DeletedEntry", "Restored", "count", "delete_to_bin", "entries",
           "origin_of", "purge", "restore_entry", "snapshot_from_json", "snapshot_to_json",
           "undo_delete"]
