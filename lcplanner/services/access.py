"""What the connected user may change, item by item, as the server enforces it.

The server decides (see :mod:`lcplanner.store.access`): grants by table, row-level security
by portfolio. The editor asks here only to show the same answer before anyone types: an item
the user may not change is shown read-only with the reason, and the tree's actions that would
be refused are disabled. The answer is read from the database itself
(``has_table_privilege``, ``has_any_column_privilege`` and the editor's portfolios), never
from a copy of the rules.

A store file, or a server store without roles, allows everything (whoever can open it can
change it); a store opened read-only is the window's own matter.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import text

from lcplanner.services.kinds import KINDS, child_kinds
from lcplanner.store.access import ACCESS_SCHEMA, PORTFOLIO_SCOPE, installed, role_of

WRITES = ("INSERT", "UPDATE", "DELETE")


@dataclass(frozen=True)
class Rights:
    """The connected user's standing in a store."""

    user: str = ""
    #: "owner", "editor", "clerk", "reader"; None where everything may be changed.
    role: str | None = None
    #: Portfolios an editor changes: id → name.
    portfolios: dict[int, str] = field(default_factory=dict)
    #: Table → the writes (INSERT, UPDATE, DELETE) granted on it.
    writes: dict[str, frozenset[str]] = field(default_factory=dict)

    @property
    def everything(self) -> bool:
        return self.role in (None, "owner")


@dataclass(frozen=True)
class ItemAccess:
    #: Its fields may be changed.
    edit: bool = True
    #: It may be deleted, moved among its siblings, and have siblings added beside it.
    structure: bool = True
    #: Kinds that may be added inside it.
    children: frozenset[str] = frozenset()
    #: Why not, for the user ("" when it may be changed).
    reason: str = ""


FULL = Rights()


def read_rights(store) -> Rights:
    """The user's rights in ``store``, in one short read."""
    if store.engine.dialect.name != "postgresql":
        return FULL
    with store.engine.connect() as conn:
        if not installed(conn):
            return FULL
        user = conn.execute(text("SELECT current_user")).scalar_one()
        role = role_of(conn)
        rows = conn.execute(text(
            "SELECT c.relname, has_any_column_privilege(c.oid, 'INSERT'), "
            "has_any_column_privilege(c.oid, 'UPDATE'), has_table_privilege(c.oid, 'DELETE') "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')")).all()
        writes = {name: frozenset(w for w, ok in zip(WRITES, flags) if ok)
                  for name, *flags in rows}
        portfolios = dict(conn.execute(text(
            f"SELECT e.portfolio_id, f.name FROM {ACCESS_SCHEMA}.editor_portfolios e "
            "JOIN portfolios f ON f.id = e.portfolio_id WHERE e.role_name = current_user "
            "ORDER BY f.position, f.id")).all())
    return Rights(user=user, role=role if role is not None else "none",
                  portfolios=portfolios, writes=writes)


def portfolio_of(store, kind: str, item_id: int) -> int | None:
    """The id of the portfolio an item belongs to (a portfolio's own), None for items outside
    every portfolio (the plan, themes, objectives, the committee paper …)."""
    chain = []
    k = KINDS[kind]
    while k.name != "portfolio":
        if k.parent is None:
            return None
        chain.append(k)
        k = KINDS[k.parent]
    with store.session() as session:
        for step in chain:
            obj = session.get(step.cls, item_id)
            if obj is None:
                return None
            item_id = getattr(obj, step.fk)
    return item_id


def _names(portfolios: dict[int, str]) -> str:
    names = [f"'{name}'" if name else "an unnamed portfolio" for name in portfolios.values()]
    if not names:
        return "no portfolio"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def item_access(store, rights: Rights, kind: str, item_id: int) -> ItemAccess:
    """May the user change this item, delete or move it, add inside it; and if not, why."""
    kinds_inside = frozenset(c.name for c in child_kinds(kind))
    if rights.everything:
        return ItemAccess(children=kinds_inside)
    table = KINDS[kind].table.name
    granted = rights.writes.get(table, frozenset())
    scoped = table in PORTFOLIO_SCOPE
    portfolio = portfolio_of(store, kind, item_id) if scoped else None
    in_scope = not scoped or portfolio in rights.portfolios
    edit = "UPDATE" in granted and in_scope
    structure = edit and {"INSERT", "DELETE"} <= granted
    children = frozenset(
        c.name for c in child_kinds(kind)
        if "INSERT" in rights.writes.get(c.table.name, frozenset())
        and (c.table.name not in PORTFOLIO_SCOPE
             or (kind == "portfolio" and item_id in rights.portfolios)
             or (scoped and in_scope)))
    return ItemAccess(edit=edit, structure=structure, children=children,
                      reason="" if edit else _reason(rights, kind, scoped))


def _reason(rights: Rights, kind: str, scoped: bool) -> str:
    noun = KINDS[kind].title.lower()
    if rights.role == "reader":
        return "You are a reader of this store: nothing in it can be changed."
    if rights.role == "clerk":
        return (f"You are a clerk of this store: you change committee papers only, so this "
                f"{noun} is read-only.")
    if rights.role == "editor":
        mine = f"You are an editor of {_names(rights.portfolios)} only"
        if scoped:
            return f"{mine}; this portfolio is read-only."
        return f"{mine}; this {noun} is read-only (the store's owners change it)."
    return f"You ({rights.user}) have no role in this store: nothing in it can be changed."


def may_add_plans(rights: Rights) -> bool:
    """New plans, imports and Find and Replace across a plan: owners only."""
    return rights.everything


__all__ = ["FULL", "ItemAccess", "Rights", "item_access", "may_add_plans",
           "portfolio_of", "read_rights"]
