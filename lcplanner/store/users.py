"""``lcplanner users URL [add NAME --role ROLE [--portfolio N]… | remove NAME]``.

Lists, gives and takes away the store roles of :mod:`lcplanner.store.access`. lcplanner never
handles a password: a login role it creates has none until someone sets one with psql's
``\\password NAME`` (or the server admits it by its own authentication, such as peer).
"""
from __future__ import annotations

from collections import namedtuple
from typing import Callable

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from lcplanner.store import access
from lcplanner.store.errors import StoreError

PlanRow = namedtuple("PlanRow", "id title")


def _open(target: str):
    from lcplanner.store.engine import SCHEMA_VERSION
    from lcplanner.store.server import _connect_error, _engine, read_info

    engine, name = _engine(target, readonly=False)
    try:
        with engine.connect() as conn:
            info = read_info(conn)
            ready = access.installed(conn) if info.version is not None else False
    except DBAPIError as exc:
        engine.dispose()
        raise _connect_error(exc, name) from exc
    if info.version is None or info.version > SCHEMA_VERSION:
        engine.dispose()
        raise StoreError(f"{name} holds no lcplanner store this version can manage "
                         "(create one with 'lcplanner init URL')")
    return engine, name, ready


def run(target: str, action: str | None, name: str | None = None, role: str | None = None,
        portfolios: list[int] | None = None, plan: str | None = None,
        choose_plan: Callable | None = None) -> list[str]:
    """Do what was asked; the lines to print. :class:`StoreError` for a refusal (nothing is
    changed then: each change is one transaction)."""
    engine, where, ready = _open(target)
    try:
        with engine.begin() as conn:
            if not ready and action == "remove":
                raise StoreError(f"{name} has no role in {where} (it has no store roles yet); "
                                 "nothing was changed")
            if not ready and action is None:
                return [f"{where} has no store roles yet (it was not made by 'lcplanner "
                        "init'): only the database's owner and the server's superusers use "
                        "it. Its owner sets the roles up by adding someone with 'lcplanner "
                        "users URL add NAME --role ROLE'."]
            if not ready:
                access.install(conn)
            if action is None:
                return listing(conn, where)
            access.require_owner(conn, where)
            access.check_name(name, conn.execute(text("SELECT current_database()")).scalar())
            if action == "remove":
                access.remove_member(conn, name, where)
                return [f"{name} no longer has a role in {where}; the login role itself is "
                        f"kept on the server (dropuser {name} removes it)."]
            ids = _portfolio_ids(conn, role, portfolios or [], plan, choose_plan, where)
            created = access.add_member(conn, name, role, [pid for pid, _label in ids],
                                        where)
            held = f" of {', '.join(label for _pid, label in ids)}" if ids else ""
            lines = [f"{name} is now {access._article(role)} {role}{held} in {where}."]
            if created:
                lines.append(f"Created the login role {name} without a password: set one with "
                             f"psql's \\password {name} (or let the server's own "
                             "authentication admit it).")
            return lines
    except DBAPIError as exc:
        detail = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)
        raise StoreError(f"the server refused: {detail}; nothing was changed") from exc
    finally:
        engine.dispose()


def _portfolio_ids(conn, role, numbers, plan, choose_plan, where) -> list[tuple[int, str]]:
    if role != "editor":
        if numbers:
            raise StoreError(f"--portfolio applies to --role editor only (the role is {role})")
        if plan:
            raise StoreError("--plan applies to --role editor only, with --portfolio N")
        return []
    if not numbers:
        raise StoreError("--role editor needs --portfolio N (the number of a portfolio the "
                         "editor may change; repeat it for several)")
    plans = [PlanRow(*row) for row in conn.execute(text(
        "SELECT id, title FROM plans ORDER BY position, id")).all()]
    chosen = choose_plan(plans, plan)
    number_of = {p.id: number for number, p in enumerate(plans, 1)}
    mine = [row for row in access.numbered_portfolios(conn)
            if row[1] == number_of[chosen.id]]
    found = []
    for n in numbers:
        if not 1 <= n <= len(mine):
            held = (f"portfolios 1 to {len(mine)}" if len(mine) > 1 else
                    "one portfolio (1)" if mine else "no portfolios")
            raise StoreError(f"there is no portfolio {n} in '{chosen.title}' in {where} "
                             f"(it has {held})")
        pid, _plan, number, name = mine[n - 1]
        found.append((pid, f"portfolio {number} '{name}'"))
    return found


def listing(conn, where: str) -> list[str]:
    people = access.members(conn)
    if not people:
        return [f"No one has a role in {where} yet besides the server's superusers; add "
                "someone with 'lcplanner users URL add NAME --role ROLE'."]
    several = len({row[1] for row in access.numbered_portfolios(conn)}) > 1
    width = max(len(p.name) for p in people)
    lines = [f"Roles in {where}:"]
    for person in people:
        held = ""
        if person.role == "editor":
            names = [f"portfolio {number} '{name}'" + (f" (plan #{plan})" if several else "")
                     for _pid, plan, number, name in person.portfolios]
            held = " of " + ", ".join(names) if names else " of no portfolio"
        lines.append(f"  {person.name:<{width}}  {person.role}{held}")
    return lines
