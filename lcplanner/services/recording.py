"""Recording the history: every change written to ``change_history`` in its own transaction.

One set of session hooks (:func:`install`, put on every store's session factory) writes the
rows, so no edit function has to remember to: whatever a transaction changes through the ORM
is seen when it is flushed (an item added, a field changed, an item moved to another place or
parent, an item deleted), and rows put back with SQL inserts (an undone delete, a restore from
Deleted items, a paste) are seen as they are executed. A subtree counts once, by its top item:
adding a plan or deleting a priority with its outputs is one entry, not one per row. Siblings
renumbered around a move are not changes of theirs; only the item put in its new place
(appended to a collection, or marked by :func:`mark_moved`) is recorded as moved. The entries of a transaction are written just
before it commits, one per field (a field set twice keeps its first old and last new value).

Values are kept as text as the user sees them: a status, service group or core area by its
name, not its id; a milestone's dates, and linked themes, pledges or tags (replaced with SQL by
``set_field``: compared before and after when the transaction commits), joined with "; ". Who
made the change is the database user on a server (so it is the role the server enforces) and
the computer's user for a file. Plans reordered among themselves are not recorded (their list
is not an ORM collection).
"""
from __future__ import annotations

import enum
import getpass

from sqlalchemy import event, insert, select, text
from sqlalchemy.orm import Session, object_session
from sqlalchemy.orm.attributes import get_history
from sqlalchemy.sql.dml import Delete, Insert
from sqlalchemy.sql.elements import BinaryExpression, BindParameter

from lcplanner.services.history import ADDED, CHANGED, DELETED, MOVED, RESTORED
from lcplanner.services.kinds import KINDS, Kind

#: Reference fields recorded by the name of what they point at.
_REFERENCES = {"status_id": "status_label", "service_group_id": "service_group",
               "core_area_id": "core_area"}
_APPENDED = "lcplanner_history_appended"
_INSERTED = "lcplanner_history_inserted"
_WHO = "lcplanner_history_who"
_PENDING = "lcplanner_history_pending"
_LINKS_OLD = "lcplanner_history_links_old"
_LINKS_NEW = "lcplanner_history_links_new"

_KIND_OF_TABLE: dict[str, Kind] = {}
_KIND_OF_CLASS: dict[type, Kind] = {}
#: Link table name → [(own column, kind, field, other column, other kind name)].
_LINK_FIELDS: dict[str, list[tuple[str, Kind, str, str, str]]] = {}
_installed_collections = False


def _kinds_ready() -> None:
    global _installed_collections
    if _KIND_OF_TABLE:
        return
    for k in KINDS.values():
        _KIND_OF_TABLE[k.table.name] = k
        _KIND_OF_CLASS[k.cls] = k
    for k in KINDS.values():
        for name, (table, own, other) in k.links.items():
            target = next(iter(table.c[other].foreign_keys)).column.table.name
            _LINK_FIELDS.setdefault(table.name, []).append(
                (own, k, name, other, _KIND_OF_TABLE[target].name))
    if not _installed_collections:
        _installed_collections = True
        for k in KINDS.values():
            if k.parent is not None and k.collection:
                event.listen(getattr(KINDS[k.parent].cls, k.collection), "append", _on_append)


def mark_moved(session: Session, obj) -> None:
    """Record ``obj`` as moved by the user when it is next flushed (its siblings, shifted with
    SQL around it, are not: see :mod:`lcplanner.services.positions`)."""
    session.info.setdefault(_APPENDED, []).append(obj)


def _on_append(target, value, _initiator):
    session = object_session(target)
    if session is not None:
        session.info.setdefault(_APPENDED, []).append(value)
    return value


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _who(session: Session) -> str:
    who = session.info.get(_WHO)
    if who is None:
        if session.get_bind().dialect.name == "postgresql":
            who = session.connection().execute(text("SELECT current_user")).scalar_one()
        else:
            try:
                who = getpass.getuser()
            except Exception:  # no user name to be had (a stripped-down container)
                who = ""
        session.info[_WHO] = who
    return who


def _parent_row(conn, k: Kind, parent_id):
    parent = KINDS[k.parent]
    row = conn.execute(select(parent.table).where(parent.table.c.id == parent_id)).mappings()
    return parent, row.first()


def _plan_of(conn, k: Kind, row: dict) -> int | None:
    """The plan an item (given as its row's values) belongs to."""
    while k.parent is not None:
        parent, found = _parent_row(conn, k, row.get(k.fk))
        if found is None:
            return None
        k, row = parent, found
    return row.get("id")


def _label(conn, kind: str, item_id) -> str | None:
    if item_id is None:
        return None
    k = KINDS[kind]
    return conn.execute(select(k.table.c[k.label]).where(k.table.c.id == item_id)).scalar()


def _place(conn, k: Kind, parent_id, position) -> str:
    """Where an item sits, in words: 'place 3 in Housing' (places counted from 1)."""
    if k.parent is None or position is None:
        return f"place {(position or 0) + 1}"
    title = _label(conn, k.parent, parent_id) or f"{KINDS[k.parent].title} {parent_id}"
    return f"place {position + 1} in {title}"


def _row(obj, k: Kind) -> dict:
    return {c.key: getattr(obj, c.key, None) for c in k.table.c if c.key in obj.__dict__}


def _old(obj, name):
    history = get_history(obj, name)
    if history.deleted:
        return history.deleted[0]
    return history.unchanged[0] if history.unchanged else None


def _value(conn, name: str, value):
    if name in _REFERENCES and value is not None:
        return _label(conn, _REFERENCES[name], value) or str(value)
    return _text(value)


def _changes_of(conn, obj, k: Kind, appended: bool) -> list[tuple]:
    found = []
    parent_moved = k.fk is not None and get_history(obj, k.fk).has_changes()
    position_moved = get_history(obj, "position").has_changes()
    if appended and (parent_moved or position_moved):
        old_parent = _old(obj, k.fk) if k.fk else None
        new_parent = getattr(obj, k.fk) if k.fk else None
        found.append((MOVED, "", _place(conn, k, old_parent, _old(obj, "position")),
                      _place(conn, k, new_parent, obj.position)))
    for name in k.fields:
        history = get_history(obj, name)
        if history.has_changes():
            new = history.added[0] if history.added else None
            found.append((CHANGED, name, _value(conn, name, _old(obj, name)),
                          _value(conn, name, new)))
    if k.name == "milestone":
        dates = get_history(obj, "dates")
        if dates.added or dates.deleted:
            found.append((CHANGED, "dates", _dates(dates.unchanged + dates.deleted),
                          _dates(dates.unchanged + dates.added)))
    return found


def _dates(dates) -> str | None:
    return "; ".join(d.text for d in sorted(dates, key=lambda d: d.position)) or None


def _after_flush(session: Session, _context) -> None:
    _kinds_ready()
    appended = {id(o) for o in session.info.pop(_APPENDED, [])}
    new = [o for o in session.new if type(o) in _KIND_OF_CLASS]
    deleted = [o for o in session.deleted if type(o) in _KIND_OF_CLASS]
    dirty = [o for o in session.dirty if type(o) in _KIND_OF_CLASS]
    if not (new or deleted or dirty):
        return
    conn = session.connection()
    entries = []
    gone = {(type(o), o.id) for o in deleted}
    made = {(type(o), o.id) for o in new}
    for group, action, others in ((new, ADDED, made), (deleted, DELETED, gone)):
        for obj in group:
            k = _KIND_OF_CLASS[type(obj)]
            if k.name == "milestone_date":
                continue  # recorded as the milestone's dates (see _changes_of)
            if k.parent is not None and (KINDS[k.parent].cls, getattr(obj, k.fk)) in others:
                continue  # part of a subtree added or deleted whole: its top item says so
            label = _text(getattr(obj, k.label, None))
            entries.append((k, _row(obj, k), action, "",
                            label if action == DELETED else None,
                            label if action == ADDED else None))
    for obj in dirty:
        k = _KIND_OF_CLASS[type(obj)]
        if k.name == "milestone_date" or (type(obj), obj.id) in gone:
            continue
        for action, name, old, value in _changes_of(conn, obj, k, id(obj) in appended):
            entries.append((k, _row(obj, k), action, name, old, value))
    _write(session, conn, entries)


def _write(session: Session, conn, entries) -> None:
    """Keep the entries until the transaction commits (see :func:`_before_commit`)."""
    pending = session.info.setdefault(_PENDING, [])
    for k, row, action, name, old, new in entries:
        pending.append({"plan_id": _plan_of(conn, k, row), "kind": k.name,
                        "item_id": row["id"], "action": action, "field": name,
                        "old_value": old, "new_value": new})


def _merged(pending: list[dict]) -> list[dict]:
    """One entry per field changed in a transaction (a milestone's dates are cleared and
    written again in two flushes): the first old value and the last new one."""
    rows, at = [], {}
    for entry in pending:
        key = (entry["kind"], entry["item_id"], entry["field"])
        if entry["action"] == CHANGED and key in at:
            rows[at[key]]["new_value"] = entry["new_value"]
            continue
        if entry["action"] == CHANGED:
            at[key] = len(rows)
        rows.append(dict(entry))
    return [r for r in rows if r["action"] != CHANGED or r["old_value"] != r["new_value"]]


def _before_commit(session: Session) -> None:
    session.flush()
    pending = session.info.pop(_PENDING, []) + _link_entries(session)
    if not pending:
        return
    from lcplanner.domain.model import ChangeRecord, _now

    who, now = _who(session), _now()
    rows = [{**row, "changed_at": now, "changed_by": who} for row in _merged(pending)]
    if rows:
        session.connection().execute(insert(ChangeRecord.__table__), rows)


def _on_execute(state):
    """Rows inserted with SQL (a restore, an undone delete, a paste): the top one of each
    subtree is recorded, restored when it comes back with its old id, added otherwise."""
    statement = state.statement
    if not isinstance(statement, (Insert, Delete)):
        return None
    _kinds_ready()
    if statement.table.name in _LINK_FIELDS:
        _link_statement(state, statement)
        return None
    if not isinstance(statement, Insert):
        return None
    k = _KIND_OF_TABLE.get(statement.table.name)
    if k is None:
        return None
    params = state.parameters
    many = isinstance(params, (list, tuple)) and len(params) > 0
    rows = [dict(p) for p in params] if many else \
        [{**statement.compile().params, **(params or {})}]
    result = state.invoke_statement()
    session = state.session
    inserted = session.info.setdefault(_INSERTED, set())
    action = RESTORED if all(r.get("id") is not None for r in rows) else ADDED
    if not many and rows[0].get("id") is None:
        key = result.inserted_primary_key
        rows[0]["id"] = key[0] if key else None
    entries = []
    for row in rows:
        if row.get("id") is None:
            continue
        inserted.add((k.table.name, row["id"]))
        if k.name == "milestone_date" or (
                k.parent is not None
                and (KINDS[k.parent].table.name, row.get(k.fk)) in inserted):
            continue
        label = _text(row.get(k.label))
        entries.append((k, row, action, "", None, label))
    _write(session, session.connection(), entries)
    return result


def _link_statement(state, statement) -> None:
    """A link field replaced (``set_field`` deletes an item's links, then inserts the new
    ones): the links before the delete and those inserted after it are kept, and compared
    when the transaction commits (see :func:`_link_entries`)."""
    session = state.session
    old = session.info.setdefault(_LINKS_OLD, {})
    fields = _LINK_FIELDS[statement.table.name]
    if isinstance(statement, Delete):
        clause = statement.whereclause
        if not (isinstance(clause, BinaryExpression) and isinstance(clause.right, BindParameter)
                and getattr(clause.left, "name", None)):
            return
        for own, k, name, other, _other_kind in fields:
            key = (k.name, clause.right.value, name)
            if own == clause.left.name and key not in old:
                table = statement.table
                old[key] = set(session.connection().execute(
                    select(table.c[other]).where(table.c[own] == clause.right.value)).scalars())
        return
    new = session.info.setdefault(_LINKS_NEW, {})
    params = state.parameters
    rows = [dict(p) for p in params] if isinstance(params, (list, tuple)) and params else \
        [{**statement.compile().params, **(params or {})}]
    for row in rows:
        for own, k, name, other, _other_kind in fields:
            key = (k.name, row.get(own), name)
            if key in old and row.get(other) is not None:
                new.setdefault(key, set()).add(row[other])


def _link_entries(session: Session) -> list[dict]:
    """One changed entry per link field whose links differ from before (names, not ids)."""
    old = session.info.pop(_LINKS_OLD, {})
    new = session.info.pop(_LINKS_NEW, {})
    if not old:
        return []
    conn = session.connection()
    entries = []
    for (kind, item_id, name), before in old.items():
        after = new.get((kind, item_id, name), set())
        if before == after:
            continue
        k = KINDS[kind]
        other_kind = next(f[4] for f in _LINK_FIELDS[k.links[name][0].name]
                          if f[1].name == kind and f[2] == name)
        row = conn.execute(select(k.table).where(k.table.c.id == item_id)).mappings().first()

        def names(ids):
            return "; ".join(sorted(_label(conn, other_kind, i) or str(i) for i in ids)) or None

        entries.append({"plan_id": _plan_of(conn, k, dict(row)) if row else None,
                        "kind": kind, "item_id": item_id, "action": CHANGED, "field": name,
                        "old_value": names(before), "new_value": names(after)})
    return entries


def _forget(session: Session) -> None:
    for key in (_APPENDED, _INSERTED, _WHO, _PENDING, _LINKS_OLD, _LINKS_NEW):
        session.info.pop(key, None)


def install(sessions) -> None:
    """Record every change made through sessions of ``sessions`` (a sessionmaker)."""
    event.listen(sessions, "after_flush", _after_flush)
    event.listen(sessions, "do_orm_execute", _on_execute)
    event.listen(sessions, "before_commit", _before_commit)
    event.listen(sessions, "after_commit", _forget)
    event.listen(sessions, "after_rollback", _forget)
