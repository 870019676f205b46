"""Every change to a plan, as one short transaction each.

The editor's undo commands, the crash test and scripts all edit through these functions, so
there is one place where a change is validated and committed. Each function opens its own unit
of work with ``store.transaction()``: when it returns, the change is on disk.

Deleting returns a :class:`Snapshot` of the whole subtree (rows, links between items, and the
references that the delete set to NULL), so :func:`restore` can put it back with the same ids:
an undone delete is indistinguishable from no delete at all.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from sqlalchemy import delete as sql_delete
from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from lcplanner.domain.model import Base, MilestoneDate, Plan
from lcplanner.services import positions
from lcplanner.services.concurrency import (UNSET, Retry, lock_parent, lock_parents, lock_row,
                                            retrying)
from lcplanner.services.kinds import KINDS, Kind, child_kinds, kind as get_kind
from lcplanner.services.validate import validate as _validate
from lcplanner.store.engine import Store
from lcplanner.store.portable import insert_ignoring_duplicates


class EditError(ValueError):
    """An edit that cannot be made (wrong parent, unknown field, missing item)."""


@dataclass(frozen=True)
class Snapshot:
    """A deleted subtree, enough to re-create it exactly (same ids, same place)."""

    kind: str
    id: int
    parent_id: int | None
    position: int
    #: (table name, row) parent before child.
    rows: tuple[tuple[str, dict], ...]
    #: Association rows (priority ↔ theme, milestone ↔ sub-priority …) that touched the subtree.
    links: tuple[tuple[str, dict], ...] = ()
    #: (table, column, row id, value): references the delete set to NULL, to put back.
    refs: tuple[tuple[str, str, int, int], ...] = ()
    #: Number of rows per kind, for messages ("1 priority, 3 outputs").
    counts: dict = field(default_factory=dict)


# --- helpers --------------------------------------------------------------------------------


def _get(session: Session, k: Kind, item_id: int):
    obj = session.get(k.cls, item_id)
    if obj is None:
        raise EditError(f"{k.title} {item_id} does not exist.")
    return obj


def _lock(session: Session, k: Kind, parent_id: int) -> None:
    """Lock the parent whose children are about to be renumbered (see
    :func:`~lcplanner.services.concurrency.lock_parent`)."""
    if lock_parent(session, KINDS[k.parent].cls, parent_id) is None:
        raise EditError(f"{KINDS[k.parent].title} {parent_id} does not exist.")


def _siblings(session: Session, k: Kind, parent_id: int | None) -> list:
    """The plans in order, renumbered like an ordering list (other kinds' positions are kept
    by :mod:`lcplanner.services.positions`); locked first on a server."""
    assert k.parent is None, k.name
    lock_parent(session, None, None)
    return _PlanList(session)


class _PlanList(list):
    """Plans are ordered across the store; renumber their positions like an ordering_list."""

    def __init__(self, session: Session):
        super().__init__(session.scalars(select(Plan).order_by(Plan.position, Plan.id)))
        self._renumber()

    def _renumber(self):
        for index, plan in enumerate(self):
            if plan.position != index:
                plan.position = index

    def insert(self, index, obj):
        super().insert(index, obj)
        self._renumber()

    def remove(self, obj):
        super().remove(obj)
        self._renumber()

    def append(self, obj):
        super().append(obj)
        self._renumber()


def _parent_id(k: Kind, obj) -> int | None:
    return getattr(obj, k.fk) if k.fk else None


# --- create, delete, restore ----------------------------------------------------------------


@retrying
def create(store: Store, kind: str, parent_id: int | None, index: int | None = None,
           **values: Any) -> int:
    """Add a new item of ``kind`` under ``parent_id`` at ``index`` (end when None)."""
    k = get_kind(kind)
    unknown = set(values) - set(k.fields)
    if unknown:
        raise EditError(f"{k.title} has no field {sorted(unknown)[0]!r}.")
    with store.transaction() as session:
        obj = k.cls(**values)
        if kind == "plan":
            siblings = _siblings(session, k, parent_id)
            session.add(obj)
            obj.ensure_default_statuses()
            siblings.insert(positions.clamp(index, len(siblings)), obj)
        else:
            _lock(session, k, parent_id)
            positions.insert_at(session, k, parent_id, index, obj)
        session.flush()
        return obj.id


def _association_tables():
    return [t for t in Base.metadata.sorted_tables if "id" not in t.c]


def _null_refs():
    """(table, column, target table) for every ON DELETE SET NULL reference."""
    found = []
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if (fk.ondelete or "").upper() == "SET NULL":
                found.append((table, fk.parent.name, fk.column.table.name))
    return found


def snapshot(session: Session, kind: str, item_id: int) -> Snapshot:
    """Read a subtree in a few bulk SELECTs (one per kind per level)."""
    k = get_kind(kind)
    top = session.execute(select(k.table).where(k.table.c.id == item_id)).mappings().first()
    if top is None:
        raise EditError(f"{k.title} {item_id} does not exist.")
    rows: list[tuple[str, dict]] = [(k.table.name, dict(top))]
    ids_by_table: dict[str, list[int]] = {k.table.name: [item_id]}
    counts = {kind: 1}
    level = [(k, [item_id])]
    while level:
        next_level = []
        for parent_kind, parent_ids in level:
            for child in child_kinds(parent_kind.name):
                fk = child.table.c[child.fk]
                found = [dict(r) for r in session.execute(
                    select(child.table).where(fk.in_(parent_ids))
                    .order_by(fk, child.table.c.position)).mappings()]
                if found:
                    rows.extend((child.table.name, r) for r in found)
                    ids = [r["id"] for r in found]
                    ids_by_table.setdefault(child.table.name, []).extend(ids)
                    counts[child.name] = counts.get(child.name, 0) + len(ids)
                    next_level.append((child, ids))
        level = next_level
    links: dict[tuple, tuple[str, dict]] = {}
    for table in _association_tables():
        for fk in table.foreign_keys:
            ids = ids_by_table.get(fk.column.table.name)
            if not ids:
                continue
            for r in session.execute(select(table).where(table.c[fk.parent.name].in_(ids))
                                     ).mappings():
                row = dict(r)
                links[(table.name, tuple(sorted(row.items())))] = (table.name, row)
    refs = []
    for table, column, target in _null_refs():
        ids = ids_by_table.get(target)
        if not ids:
            continue
        for row_id, value in session.execute(
                select(table.c.id, table.c[column]).where(table.c[column].in_(ids))):
            refs.append((table.name, column, row_id, value))
    return Snapshot(kind=kind, id=item_id, parent_id=top.get(k.fk) if k.fk else None,
                    position=top["position"], rows=tuple(rows), links=tuple(links.values()),
                    refs=tuple(refs), counts=counts)


@retrying
def delete(store: Store, kind: str, item_id: int) -> Snapshot:
    """Delete an item and everything under it; return what :func:`restore` needs."""
    with store.transaction() as session:
        return delete_in(session, kind, item_id)


def delete_in(session: Session, kind: str, item_id: int) -> Snapshot:
    """:func:`delete` inside the caller's transaction (Deleted items records it alongside)."""
    k = get_kind(kind)
    parent_id = _parent_id(k, _get(session, k, item_id))
    siblings = _siblings(session, k, parent_id) if k.parent is None else \
        _lock(session, k, parent_id)
    obj = lock_row(session, k.cls, item_id)  # nobody adds under it while it is read
    if obj is None:
        raise EditError(f"{k.title} {item_id} does not exist.")
    if _parent_id(k, obj) != parent_id:
        raise Retry()  # moved by someone else since it was first read
    snap = snapshot(session, kind, item_id)
    if k.parent is None:
        siblings.remove(obj)  # the ordering list closes the gap in positions
    session.delete(obj)
    session.flush()
    if k.parent is not None:
        positions.close_gap(session, k, parent_id, snap.position)
    return snap


@retrying
def restore(store: Store, snap: Snapshot) -> None:
    """Put a deleted subtree back where it was, with the same ids."""
    with store.transaction() as session:
        restore_in(session, snap)


def restore_in(session: Session, snap: Snapshot) -> None:
    """:func:`restore` inside the caller's transaction."""
    k = get_kind(snap.kind)
    tables = Base.metadata.tables
    if k.parent is None:
        lock_parent(session, None, None)
    elif lock_parent(session, KINDS[k.parent].cls, snap.parent_id) is None:
        raise EditError(f"{k.title} {snap.id} cannot be restored: the "
                        f"{KINDS[k.parent].title.lower()} it was in no longer exists.")
    if session.get(k.cls, snap.id) is not None:
        raise EditError(f"{k.title} {snap.id} already exists.")
    count = _count(session, k, snap.parent_id)
    position = min(snap.position, count)
    session.execute(update(k.table).where(_parent_clause(k, snap.parent_id))
                    .where(k.table.c.position >= position)
                    .values(position=k.table.c.position + 1, version=k.table.c.version + 1))
    # Rows go back in the schema's dependency order (the snapshot lists them parent before
    # child, but an objective also points at a core area of the same plan), so every
    # foreign key finds its row, on any engine.
    order = {table.name: n for n, table in enumerate(Base.metadata.sorted_tables)}
    first = snap.rows[0]
    rows = [({**first[1], "position": position}, first[0])] + [
        (row, name) for name, row in sorted(snap.rows[1:], key=lambda r: order[r[0]])]
    session.execute(insert(tables[first[0]]).values(**rows[0][0]))
    # One executemany per table (rows of a table share their columns): a plan with thousands
    # of outputs comes back in a moment, not one statement per row.
    for table_name, group in groupby(rows[1:], key=lambda r: r[1]):
        session.execute(insert(tables[table_name]), [row for row, _name in group])
    for table_name, row in snap.links:
        insert_ignoring_duplicates(session, tables[table_name], row)
    for table_name, column, row_id, value in snap.refs:
        table = tables[table_name]
        session.execute(update(table).where(table.c.id == row_id).values({column: value}))
    session.expire_all()


def _parent_clause(k: Kind, parent_id: int | None):
    if k.fk is None:
        return k.table.c.id.isnot(None)
    return k.table.c[k.fk] == parent_id


def _count(session: Session, k: Kind, parent_id: int | None) -> int:
    return session.scalar(select(func.count()).select_from(k.table)
                          .where(_parent_clause(k, parent_id))) or 0


# --- fields and links -----------------------------------------------------------------------


def _read_field(session: Session, k: Kind, obj, name: str):
    if name in k.links:
        table, own, other = k.links[name]
        return sorted(session.scalars(select(table.c[other]).where(table.c[own] == obj.id)))
    if k.name == "milestone" and name == "dates":
        return [d.text for d in obj.dates]
    return getattr(obj, name)


def set_field(store: Store, kind: str, item_id: int, name: str, value: Any, *,
              expected_version: int | None = None, base: Any = UNSET) -> Any:
    """Set one field (a column, a link list of ids, or a milestone's dates); return the old value.

    Link fields (``themes``, ``pledges``, ``tags``) take a list of ids; a milestone's ``dates``
    takes a list of date texts as officers typed them. With ``expected_version`` (the version
    the editor read) a field someone else has changed since is not overwritten: see
    :func:`~lcplanner.services.concurrency.save_field`.
    """
    from lcplanner.services.concurrency import save_field

    return save_field(store, kind, item_id, name, value, expected_version=expected_version,
                      base=base).old


def check_field_name(k: Kind, name: str) -> None:
    if name not in k.fields and name not in k.links and not (k.name == "milestone"
                                                            and name == "dates"):
        raise EditError(f"{k.title} has no field {name!r}.")


def write_field(session: Session, k: Kind, obj, name: str, value: Any) -> None:
    """Validate and set one field of ``obj`` in the caller's transaction."""
    _validate(session, k, obj, name, value)
    if name in k.links:
        table, own, other = k.links[name]
        session.execute(sql_delete(table).where(table.c[own] == obj.id))
        for other_id in dict.fromkeys(value):
            session.execute(insert(table).values({own: obj.id, other: other_id}))
        session.expire(obj, [name])
    elif k.name == "milestone" and name == "dates":
        obj.dates.clear()
        session.flush()
        for text in value:
            if text.strip():
                obj.dates.append(MilestoneDate(text=text.strip()))
    else:
        setattr(obj, name, value)


def set_status(store: Store, kind: str, item_id: int, status_id: int | None) -> int | None:
    """Set an output's or milestone's progress status; return the old one."""
    return set_field(store, kind, item_id, "status_id", status_id)


def set_links(store: Store, kind: str, item_id: int, name: str, ids: list[int]) -> list[int]:
    """Replace a priority's themes or pledges, or a milestone's tags; return the old ids."""
    return set_field(store, kind, item_id, name, list(ids))


# --- moving ---------------------------------------------------------------------------------


def position_of(store: Store, kind: str, item_id: int) -> tuple[int | None, int]:
    """(parent id, index) of an item."""
    k = get_kind(kind)
    with store.session() as session:
        row = session.execute(select(k.table).where(k.table.c.id == item_id)).mappings().first()
        if row is None:
            raise EditError(f"{k.title} {item_id} does not exist.")
        return (row[k.fk] if k.fk else None), row["position"]


@retrying
def move(store: Store, kind: str, item_id: int, new_parent_id: int | None,
         new_index: int) -> tuple[int | None, int]:
    """Move an item to ``new_index`` among the children of ``new_parent_id``.

    ``new_index`` counts in the list after the item has left its old place. Returns the old
    (parent id, index), which is exactly the move that undoes this one.
    """
    k = get_kind(kind)
    with store.transaction() as session:
        obj = _get(session, k, item_id)
        old_parent = _parent_id(k, obj)
        if k.parent is not None:
            lock_parents(session, KINDS[k.parent].cls, old_parent, new_parent_id)
            for parent_id in {old_parent, new_parent_id}:
                _lock(session, k, parent_id)
            session.refresh(obj)
            if _parent_id(k, obj) != old_parent:
                raise Retry()  # moved by someone else before the lock
            return _move_child(session, k, obj, new_parent_id, new_index)
        plans = _siblings(session, k, None)  # a plan: ordered across the store
        old_index = plans.index(obj)
        plans.remove(obj)
        plans.insert(positions.clamp(new_index, len(plans)), obj)
        session.flush()
        return None, old_index


def _move_child(session: Session, k: Kind, obj, new_parent_id: int,
                new_index: int) -> tuple[int, int]:
    old = (_parent_id(k, obj), obj.position)
    if old[0] != new_parent_id:
        if k.name in ("priority", "work_area") and obj.service_group_id is not None:
            obj.service_group_id = None  # groups belong to the old portfolio
        if k.name == "milestone":
            obj.tags.clear()  # tags are the old objective's sub-priorities
    at = positions.move_to(session, k, obj, new_parent_id, new_index)
    if k.name == "sub_point" and obj.level and at == 0:
        obj.level = 0
    session.flush()
    return old


def indent(store: Store, sub_point_id: int) -> int:
    """Make a sub-point a bullet under the point before it; return the old level."""
    with store.session() as session:
        point = _get(session, KINDS["sub_point"], sub_point_id)
        if point.position == 0:
            raise EditError("The first point cannot be indented.")
    return set_field(store, "sub_point", sub_point_id, "level", 1)


def outdent(store: Store, sub_point_id: int) -> int:
    """Make a bulleted sub-point a numbered one again; return the old level."""
    return set_field(store, "sub_point", sub_point_id, "level", 0)


# --- ordered lists of children -------------------------------------------------------------


def children(store: Store, kind: str, parent_id: int, *names: str) -> list[tuple]:
    """The items of ``kind`` under ``parent_id`` in order, as ``(id, label)`` tuples, or as
    ``(id, *names)`` when field names are given.

    With :func:`create`, :func:`delete`/:func:`restore`, :func:`move` and :func:`set_field` this
    is the whole API for an ordered list of children (recommendations, points, appendices,
    background papers, status labels …): positions stay 0, 1, 2 … after every change.
    """
    k = get_kind(kind)
    if k.parent is None:
        raise EditError(f"{k.title} is not a child of anything.")
    columns = names or (k.label,)
    unknown = [n for n in columns if n not in k.table.c]
    if unknown:
        raise EditError(f"{k.title} has no field {unknown[0]!r}.")
    with store.session() as session:
        _get(session, KINDS[k.parent], parent_id)
        rows = session.execute(select(k.table.c.id, *(k.table.c[n] for n in columns))
                               .where(k.table.c[k.fk] == parent_id)
                               .order_by(k.table.c.position))
        return [tuple(r) for r in rows]


def status_usage(store: Store, status_id: int) -> int:
    """How many outputs and milestones carry a status label (before deleting it)."""
    from lcplanner.domain import model as m

    with store.session() as session:
        return sum(session.scalar(select(func.count()).select_from(cls)
                                  .where(cls.status_id == status_id)) or 0
                   for cls in (m.Output, m.Milestone))


def milestone_dates(store: Store, milestone_id: int) -> list[str]:
    with store.session() as session:
        return list(session.scalars(select(MilestoneDate.text)
                                    .where(MilestoneDate.milestone_id == milestone_id)
                                    .order_by(MilestoneDate.position)))


__all__ = ["EditError", "Snapshot", "create", "delete", "restore", "set_field", "set_status",
           "set_links", "move", "indent", "outdent", "position_of", "snapshot", "milestone_dates",
           "delete_in", "restore_in",
           "children", "status_usage"]
