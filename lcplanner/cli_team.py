"""The command line's commands for a team's store on a server, and for its record of changes.

    lcplanner init URL                create the store in an empty PostgreSQL database
    lcplanner users URL [add NAME --role R [--portfolio N]... [--plan MATCH] | remove NAME]
    lcplanner history FILE [--since DATE] [--plan MATCH|#N]

Part of the contract in :mod:`lcplanner.cli` (same exit statuses, one line on stderr for bad
input); kept apart so that module stays readable.
"""
from __future__ import annotations

from lcplanner.cli import (EXIT_OK, _bad, _is_server, _label, _open, _Parser, _plans, _since,
                           choose_plan)

ROLES = ("reader", "editor", "clerk", "owner")


def add_team_parsers(sub) -> None:
    """The init, users and history sub-commands, added to the main parser's ``sub``."""
    p_init = sub.add_parser("init", help="create the store in an empty PostgreSQL database")
    p_init.add_argument("url", help="postgresql://host/db (credentials from PGPASSWORD, "
                        "~/.pgpass or a service file)")

    p_users = sub.add_parser("users", help="list who has which role in a PostgreSQL store, "
                             "or give or take a role")
    p_users.add_argument("url", help="postgresql://host/db")
    actions = p_users.add_subparsers(dest="action", parser_class=_Parser)
    p_add = actions.add_parser("add", prog="lcplanner users URL add",
                               help="give a database role (made if needed, without a "
                                    "password) a role in the store")
    p_add.add_argument("name")
    p_add.add_argument("--role", required=True, choices=ROLES)
    p_add.add_argument("--portfolio", type=int, action="append", metavar="N",
                       help="a portfolio an editor may change (repeat for several)")
    p_add.add_argument("--plan", metavar="MATCH",
                       help="the plan holding the portfolios, when the store holds several")
    p_remove = actions.add_parser("remove", prog="lcplanner users URL remove",
                                  help="take a database role's role in the store away")
    p_remove.add_argument("name")
    p_history = sub.add_parser("history", help="list the changes made to a store's plans, "
                               "oldest first: when, who, which item and field, old and new")
    p_history.add_argument("file")
    p_history.add_argument("--since", metavar="DATE", help="only changes made on or after "
                           "DATE (YYYY-MM-DD or 'YYYY-MM-DD HH:MM', local time)")
    p_history.add_argument("--plan", metavar="MATCH", help="one plan: title containing MATCH, "
                           "or #N as 'lcplanner stats' numbers it")


def cmd_init(args) -> int:
    from lcplanner.store.errors import StoreError
    from lcplanner.store.server import init_server

    if not _is_server(args.url):
        raise _bad(f"{args.url} is not a PostgreSQL URL (postgresql://host/db): a store file "
                   "is created by 'lcplanner import' or the editor")
    try:
        name = init_server(args.url)
    except StoreError as exc:
        raise _bad(str(exc)) from exc
    print(f"Created an lcplanner store in {name}.")
    return EXIT_OK


def cmd_users(args) -> int:
    from lcplanner.store import users
    from lcplanner.store.errors import StoreError

    if not _is_server(args.url):
        raise _bad(f"users needs a PostgreSQL store (postgresql://host/db), not {args.url}: "
                   "whoever may open a store file may change all of it")
    try:
        lines = users.run(args.url, args.action, getattr(args, "name", None),
                          getattr(args, "role", None), getattr(args, "portfolio", None),
                          getattr(args, "plan", None), choose_plan)
    except StoreError as exc:
        raise _bad(str(exc)) from exc
    for line in lines:
        print(line)
    return EXIT_OK


def cmd_history(args) -> int:
    from lcplanner.services import history

    since = _since(args.since)
    store = _open(args.file, readonly=True)
    try:
        plan_id = None
        if args.plan is not None:
            with store.session() as session:
                plan_id = choose_plan(_plans(session), args.plan).id
        changes = history.plan_history(store, plan_id, since)
    finally:
        store.close()
    if not changes:
        print(f"No changes recorded in {_label(args.file)}"
              + (f" since {args.since.strip()}." if since else "."))
    for change in changes:
        when = history.local_time(change.changed_at).strftime("%Y-%m-%d %H:%M")
        print(f"{when}  {change.changed_by or '(unknown)'}  {history.summary(change)}")
    return EXIT_OK
