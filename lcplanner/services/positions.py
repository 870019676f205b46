"""Siblings' positions kept 0, 1, 2 … by adds, moves and deletes, in one statement each.

Adding, moving or deleting an item renumbers the siblings after it. Renumbering them one ORM
row at a time costs a statement per sibling (each checked against its version), and the
parent stays locked all that while; here the siblings in the affected range are shifted by a
single UPDATE (which also raises their versions: their place changed), so a structural edit
takes the same few statements however many siblings there are. The caller holds the parent's
lock (:func:`~lcplanner.services.concurrency.lock_parent`), so nobody else renumbers the same
siblings meanwhile. No Qt.
"""
from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from lcplanner.services.kinds import Kind
from lcplanner.services.recording import mark_moved


def count(session: Session, k: Kind, parent_id: int) -> int:
    """How many items of kind ``k`` the parent holds now."""
    return session.scalar(select(func.count()).select_from(k.table)
                          .where(k.table.c[k.fk] == parent_id)) or 0


def shift(session: Session, k: Kind, parent_id: int, start: int, stop: int | None,
          by: int) -> None:
    """Move the siblings at positions ``start`` ≤ p < ``stop`` (to the end when None) by
    ``by`` places."""
    table = k.table
    where = [table.c[k.fk] == parent_id, table.c.position >= start]
    if stop is not None:
        where.append(table.c.position < stop)
    session.execute(update(table).where(*where)
                    .values(position=table.c.position + by, version=table.c.version + 1))


def clamp(index: int | None, size: int) -> int:
    if index is None or index > size:
        return size
    return max(0, index)


def insert_at(session: Session, k: Kind, parent_id: int, index: int | None, obj) -> int:
    """Put a new ``obj`` at ``index`` among the parent's children (the end when None)."""
    at = clamp(index, count(session, k, parent_id))
    shift(session, k, parent_id, at, None, +1)
    setattr(obj, k.fk, parent_id)
    obj.position = at
    session.add(obj)
    return at


def close_gap(session: Session, k: Kind, parent_id: int, position: int) -> None:
    """The siblings after a removed item move up one place."""
    shift(session, k, parent_id, position + 1, None, -1)


def move_to(session: Session, k: Kind, obj, new_parent_id: int, new_index: int) -> int:
    """Move ``obj`` to ``new_index`` among ``new_parent_id``'s children, counted after it has
    left its old place; return the index it ends at."""
    old_parent_id, old = getattr(obj, k.fk), obj.position
    if old_parent_id == new_parent_id:
        new = clamp(new_index, count(session, k, new_parent_id) - 1)
        if new < old:
            shift(session, k, new_parent_id, new, old, +1)
        elif new > old:
            shift(session, k, new_parent_id, old + 1, new + 1, -1)
    else:
        close_gap(session, k, old_parent_id, old)
        new = clamp(new_index, count(session, k, new_parent_id))
        shift(session, k, new_parent_id, new, None, +1)
        setattr(obj, k.fk, new_parent_id)
    obj.position = new
    mark_moved(session, obj)  # the one item the user moved, for the history
    return new
