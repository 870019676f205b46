"""Who may read and change a store on a PostgreSQL server, enforced by the server itself.

Each store (one database) has four group roles named after its database, never after an
organisation: ``<db>_reader`` reads everything; ``<db>_clerk`` reads everything and keeps the
committee papers around the plans (header, summary, recommendations, sections, appendices,
background papers); ``<db>_editor`` reads everything and changes the portfolios it is given
(the portfolio's own fields, its service groups, priorities with their outputs, sub-points and
links, and work areas), nothing else; ``<db>_owner`` owns the tables, changes everything and
manages who has which role. A person is a login role that is a member of one of them.

Grants say which tables each group may write; row-level security says which rows: a policy on
every portfolio table lets an editor touch a row only when its portfolio is one of theirs (the
table ``lcplanner_access.editor_portfolios`` maps login roles to portfolio ids, reached through
the row's parents), so a script that connects with an editor's credentials cannot change
another portfolio either. Nobody else may connect to the database or use its schema.

The mapping lives in a schema of its own, outside the model, so SQLite stores and the schema
check (which reads the store's schema only) are unaffected. :func:`install` is idempotent: it
runs at ``lcplanner init`` and again after a migration, so tables a migration adds get their
grants and policies too (a table not listed below is written by owners only).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.engine import Connection

from lcplanner.store.errors import StoreError

ACCESS_SCHEMA = "lcplanner_access"
ROLES = ("reader", "clerk", "editor", "owner")
#: Longest database name whose role names still fit PostgreSQL's 63 bytes ("_reader" …).
MAX_DATABASE_NAME = 63 - len("_editor")

#: Tables an editor writes, with the expression that finds a row's portfolio (row-level
#: security compares it with the editor's portfolios). ``None``: the table is not written by
#: editors at all, only read. Portfolios themselves are updated, never added or deleted.
PORTFOLIO_SCOPE = {
    "portfolios": "portfolios.id",
    "service_groups": "service_groups.portfolio_id",
    "priorities": "priorities.portfolio_id",
    "work_areas": "work_areas.portfolio_id",
    "outputs": "(SELECT p.portfolio_id FROM priorities p WHERE p.id = outputs.priority_id)",
    "priority_themes": "(SELECT p.portfolio_id FROM priorities p "
                       "WHERE p.id = priority_themes.priority_id)",
    "priority_pledges": "(SELECT p.portfolio_id FROM priorities p "
                        "WHERE p.id = priority_pledges.priority_id)",
    "sub_points": "(SELECT p.portfolio_id FROM outputs o JOIN priorities p "
                  "ON p.id = o.priority_id WHERE o.id = sub_points.output_id)",
}
#: What an editor may do to each portfolio table. A portfolio is made, removed, ordered and
#: given to a plan by owners: an editor updates its other columns only.
EDITOR_PRIVILEGES = {name: "INSERT, UPDATE, DELETE" for name in PORTFOLIO_SCOPE}
EDITOR_PRIVILEGES["portfolios"] = "UPDATE"
PORTFOLIO_FIXED_COLUMNS = ("id", "plan_id", "position")
#: The committee paper around a plan: what a clerk writes.
PAPER_TABLES = ("committee_papers", "recommendations", "paper_sections", "appendices",
                "background_papers")
#: Kept for every writer (editor and clerk): what they delete is kept here for Restore, and
#: words added to the spelling dictionary.
SHARED_TABLES = {"deleted_items": "INSERT, DELETE", "dictionary_words": "INSERT",
                 "change_history": "INSERT"}
#: What a writer's new row must satisfy, where "any row" is too much: the history records a
#: change under the name of whoever made it, so nobody can write one in another's name.
SHARED_CHECKS = {"change_history": "changed_by = current_user"}

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.@-]{0,62}")


class AccessError(StoreError):
    """A request about roles that cannot be met (bad name, unknown portfolio, not an owner)."""


def q(name: str) -> str:
    """An identifier, always quoted (role names keep their case, as createuser makes them)."""
    return '"' + name.replace('"', '""') + '"'


def group_names(database: str) -> dict[str, str]:
    """The store's group roles by role: ``{"reader": "plans_reader", …}``."""
    if len(database.encode()) > MAX_DATABASE_NAME:
        raise AccessError(f"the database name '{database}' is too long for its roles' names "
                          f"(at most {MAX_DATABASE_NAME} bytes)")
    return {role: f"{database}_{role}" for role in ROLES}


def _database(conn: Connection) -> str:
    return conn.execute(text("SELECT current_database()")).scalar_one()


def _tables(conn: Connection) -> list[str]:
    return list(conn.execute(text(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY 1")).scalars())


def installed(conn: Connection) -> bool:
    """True when the store's access rules are in place (``lcplanner init`` made them)."""
    return conn.execute(text("SELECT to_regclass(:t)"),
                        {"t": f"{ACCESS_SCHEMA}.editor_portfolios"}).scalar() is not None


def _me(conn: Connection) -> tuple[str, bool, bool]:
    """(current user, superuser, may create roles)."""
    row = conn.execute(text("SELECT rolname, rolsuper, rolcreaterole FROM pg_roles "
                            "WHERE rolname = current_user")).one()
    return row[0], bool(row[1]), bool(row[2])


def _role_exists(conn: Connection, name: str) -> bool:
    return conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"),
                        {"n": name}).first() is not None


def check_installable(conn: Connection) -> None:
    """Refuse, before anything is made, a user who cannot set up the store's roles."""
    me, superuser, createrole = _me(conn)
    database = _database(conn)
    group_names(database)  # a name too long for its roles is refused here
    db_owner = conn.execute(text("SELECT pg_get_userbyid(datdba) FROM pg_database "
                                 "WHERE datname = current_database()")).scalar_one()
    if not superuser and (not createrole or db_owner != me):
        raise AccessError(f"{me} cannot set up the store's roles: lcplanner init needs the "
                          "database's owner with the right to create roles (createuser "
                          f"--createrole {me}; createdb --owner {me} {database}); nothing "
                          "was changed.")


def install(conn: Connection) -> None:
    """Create (or bring up to date) the store's group roles, grants and row-level security,
    in the caller's transaction; the connecting user becomes an owner."""
    check_installable(conn)
    me, superuser, _createrole = _me(conn)
    database = _database(conn)
    groups = group_names(database)
    owner, everyone = q(groups["owner"]), ", ".join(q(n) for n in groups.values())
    schema = q(conn.execute(text("SELECT current_schema()")).scalar_one())
    mapping = f"{ACCESS_SCHEMA}.editor_portfolios"
    statements = [f"CREATE ROLE {q(name)} NOLOGIN" for name in groups.values()
                  if not _role_exists(conn, name)]
    if not superuser:  # a superuser is an owner of every store already
        statements.append(f"GRANT {owner} TO {q(me)} WITH ADMIN OPTION")
    statements += [f"GRANT {q(groups[role])} TO {owner} WITH ADMIN OPTION"
                   for role in ("reader", "clerk", "editor")]
    statements += [
        # nobody without one of the store's roles connects to it or sees into its schema
        f"REVOKE ALL ON DATABASE {q(database)} FROM PUBLIC",
        f"REVOKE ALL ON SCHEMA {schema} FROM PUBLIC",
        f"GRANT CONNECT ON DATABASE {q(database)} TO {everyone}",
        f"GRANT USAGE ON SCHEMA {schema} TO {everyone}",
        f"GRANT CREATE ON SCHEMA {schema} TO {owner}",  # owners own (and migrate) the tables
        f"CREATE SCHEMA IF NOT EXISTS {ACCESS_SCHEMA}",
        f"CREATE TABLE IF NOT EXISTS {mapping} (role_name name NOT NULL, portfolio_id "
        f"integer NOT NULL REFERENCES {schema}.portfolios (id) ON DELETE CASCADE, "
        "PRIMARY KEY (role_name, portfolio_id))",
        f"CREATE OR REPLACE FUNCTION {ACCESS_SCHEMA}.may_edit(portfolio integer) RETURNS "
        f"boolean LANGUAGE sql STABLE AS $$ SELECT EXISTS (SELECT 1 FROM {mapping} e "
        "WHERE e.portfolio_id = portfolio AND e.role_name = current_user) $$",
        f"REVOKE ALL ON SCHEMA {ACCESS_SCHEMA} FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA {ACCESS_SCHEMA} TO {everyone}",
        f"GRANT SELECT ON {mapping} TO {everyone}",
        f"ALTER SCHEMA {ACCESS_SCHEMA} OWNER TO {owner}",
        f"ALTER TABLE {mapping} OWNER TO {owner}",
        f"ALTER FUNCTION {ACCESS_SCHEMA}.may_edit(integer) OWNER TO {owner}",
    ]
    for statement in statements:
        conn.execute(text(statement))
    secure_tables(conn)


def secure_tables(conn: Connection) -> None:
    """Give every table of the store its owner, grants and policies (again after a migration,
    which may have added tables)."""
    groups = group_names(_database(conn))
    for table in _tables(conn):
        _secure_table(conn, table, groups)
    schema = conn.execute(text("SELECT current_schema()")).scalar_one()
    conn.execute(text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {q(schema)} TO "
                      f"{q(groups['clerk'])}, {q(groups['editor'])}"))


def _secure_table(conn: Connection, table: str, groups: dict[str, str]) -> None:
    """Grants and row-level security of one table (dropping and remaking its policies)."""
    t = q(table)
    statements = [f"ALTER TABLE {t} OWNER TO {q(groups['owner'])}",
                  f"REVOKE ALL ON {t} FROM PUBLIC",
                  f"GRANT SELECT ON {t} TO " + ", ".join(
                      q(groups[r]) for r in ("reader", "clerk", "editor"))]
    if table in ("lcplanner_meta", "alembic_version"):
        conn.execute(text("; ".join(statements)))
        return
    for name in conn.execute(text("SELECT policyname FROM pg_policies WHERE tablename = :t "
                                  "AND schemaname = current_schema()"), {"t": table}).scalars():
        statements.append(f"DROP POLICY {q(name)} ON {t}")
    statements += [f"ALTER TABLE {t} ENABLE ROW LEVEL SECURITY",
                   f"CREATE POLICY lcp_read ON {t} FOR SELECT USING (true)",
                   f"CREATE POLICY lcp_owner ON {t} TO {q(groups['owner'])} "
                   "USING (true) WITH CHECK (true)"]
    if table in PORTFOLIO_SCOPE:
        scope = f"{ACCESS_SCHEMA}.may_edit({PORTFOLIO_SCOPE[table]})"
        granted = EDITOR_PRIVILEGES[table]
        if table == "portfolios":  # columns read now: a migration's new ones are included
            columns = [c for c in conn.execute(text(
                "SELECT attname FROM pg_attribute WHERE attrelid = CAST(:t AS regclass) "
                "AND attnum > 0 AND NOT attisdropped ORDER BY attnum"), {"t": table}).scalars()
                if c not in PORTFOLIO_FIXED_COLUMNS]
            statements.append(f"REVOKE ALL ON {t} FROM {q(groups['editor'])}")
            granted = f"UPDATE ({', '.join(q(c) for c in columns)})"
        statements += [f"GRANT SELECT ON {t} TO {q(groups['editor'])}",
                       f"GRANT {granted} ON {t} TO {q(groups['editor'])}",
                       f"CREATE POLICY lcp_editor ON {t} TO {q(groups['editor'])} "
                       f"USING ({scope}) WITH CHECK ({scope})"]
    if table in PAPER_TABLES:
        statements += [f"GRANT INSERT, UPDATE, DELETE ON {t} TO {q(groups['clerk'])}",
                       f"CREATE POLICY lcp_clerk ON {t} TO {q(groups['clerk'])} "
                       "USING (true) WITH CHECK (true)"]
    if table in SHARED_TABLES:
        writers = f"{q(groups['clerk'])}, {q(groups['editor'])}"
        statements += [f"GRANT {SHARED_TABLES[table]} ON {t} TO {writers}",
                       f"CREATE POLICY lcp_writer ON {t} TO {writers} "
                       f"USING (true) WITH CHECK ({SHARED_CHECKS.get(table, 'true')})"]
    conn.execute(text("; ".join(statements)))


# --- who has which role -----------------------------------------------------------------------


@dataclass
class Member:
    name: str
    role: str
    #: Portfolios an editor changes: (id, plan number, portfolio number, portfolio name).
    portfolios: list[tuple[int, int, int, str]] = field(default_factory=list)


def role_of(conn: Connection, user: str | None = None) -> str | None:
    """The store role ``user`` (the connecting user by default) holds, the strongest first;
    "owner" for a superuser; None for none."""
    groups = group_names(_database(conn))
    user = user or conn.execute(text("SELECT current_user")).scalar_one()
    if conn.execute(text("SELECT rolsuper FROM pg_roles WHERE rolname = :u"),
                    {"u": user}).scalar():
        return "owner"
    direct = set(conn.execute(text(
        "SELECT g.rolname FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid "
        "JOIN pg_roles m ON m.oid = a.member WHERE m.rolname = :u"), {"u": user}).scalars())
    for role in ("owner", "editor", "clerk", "reader"):
        if groups[role] in direct:
            return role
    return None


def numbered_portfolios(conn: Connection) -> list[tuple[int, int, int, str]]:
    """Every portfolio as (id, plan number, portfolio number, name), numbered as ``stats`` and
    ``export --portfolio`` number them."""
    rows = conn.execute(text(
        "SELECT f.id, dense_rank() OVER (ORDER BY p.position, p.id), "
        "row_number() OVER (PARTITION BY p.id ORDER BY f.position, f.id), f.name "
        "FROM portfolios f JOIN plans p ON p.id = f.plan_id ORDER BY 2, 3")).all()
    return [tuple(row) for row in rows]


def members(conn: Connection) -> list[Member]:
    """Everyone with a role in the store, by name, with an editor's portfolios."""
    groups = group_names(_database(conn))
    by_group = {name: role for role, name in groups.items()}
    rows = conn.execute(text(
        "SELECT m.rolname, g.rolname FROM pg_auth_members a "
        "JOIN pg_roles g ON g.oid = a.roleid JOIN pg_roles m ON m.oid = a.member "
        "WHERE g.rolname = ANY(:groups) AND NOT (m.rolname = ANY(:groups)) ORDER BY 1"),
        {"groups": list(groups.values())}).all()
    strongest: dict[str, str] = {}
    for name, group in rows:
        role = by_group[group]
        if name not in strongest or ROLES.index(role) > ROLES.index(strongest[name]):
            strongest[name] = role
    numbered = {row[0]: row for row in numbered_portfolios(conn)}
    mapping: dict[str, list] = {}
    for name, pid in conn.execute(text(f"SELECT role_name, portfolio_id FROM {ACCESS_SCHEMA}"
                                       ".editor_portfolios")).all():
        if pid in numbered:
            mapping.setdefault(name, []).append(numbered[pid])
    return [Member(name, role, sorted(mapping.get(name, []), key=lambda r: (r[1], r[2])))
            for name, role in sorted(strongest.items())]


# --- changing who has which role ------------------------------------------------------------


def check_name(name: str, database: str) -> None:
    if not _NAME.fullmatch(name) or name.lower().startswith("pg_") or name == "public":
        raise AccessError(f"'{name}' is not a role name lcplanner accepts (a letter or '_' "
                          "first, then letters, digits, '_', '.', '@' or '-', at most 63)")
    if name in group_names(database).values():
        raise AccessError(f"{name} is one of the store's own group roles, not a person")


def require_owner(conn: Connection, where: str) -> None:
    """Only an owner (or a superuser) changes who has which role."""
    me = conn.execute(text("SELECT current_user")).scalar_one()
    role = role_of(conn, me)
    if role != "owner":
        held = f"you ({me}) are {_article(role)} {role}" if role else \
            f"you ({me}) have no role in it"
        raise AccessError(f"only an owner of {where} manages its users; {held}")


def _article(role: str) -> str:
    return "an" if role[0] in "aeiou" else "a"


def add_member(conn: Connection, name: str, role: str, portfolio_ids: list[int],
               where: str) -> bool:
    """Give ``name`` ``role`` (instead of any other it had; an editor keeps the portfolios it
    had and gains ``portfolio_ids``), creating the login role without a password when it does
    not exist. True when the login role was created."""
    database = _database(conn)
    groups = group_names(database)
    created = False
    if not _role_exists(conn, name):
        _me_name, superuser, createrole = _me(conn)
        if not (superuser or createrole):
            raise AccessError(f"there is no role named {name} on the server and you may not "
                              f"create roles: ask its administrator to run 'createuser "
                              f"{name}', then add it again")
        conn.execute(text(f"CREATE ROLE {q(name)} LOGIN"))
        created = True
    current = role_of(conn, name)
    if role != "owner" and groups["owner"] in _direct_groups(conn, name):
        _not_the_last_owner(conn, name, where)
    for other in ROLES:
        if other != role and groups[other] in _direct_groups(conn, name):
            conn.execute(text(f"REVOKE {q(groups[other])} FROM {q(name)}"))
    admin = " WITH ADMIN OPTION" if role == "owner" else ""
    conn.execute(text(f"GRANT {q(groups[role])} TO {q(name)}{admin}"))
    table = f"{ACCESS_SCHEMA}.editor_portfolios"
    if role != "editor" or current != "editor":
        conn.execute(text(f"DELETE FROM {table} WHERE role_name = :n"), {"n": name})
    for pid in portfolio_ids:
        conn.execute(text(f"INSERT INTO {table} (role_name, portfolio_id) VALUES (:n, :p) "
                          "ON CONFLICT DO NOTHING"), {"n": name, "p": pid})
    return created


def _direct_groups(conn: Connection, name: str) -> set[str]:
    return set(conn.execute(text(
        "SELECT g.rolname FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid "
        "JOIN pg_roles m ON m.oid = a.member WHERE m.rolname = :u"), {"u": name}).scalars())


def _not_the_last_owner(conn: Connection, name: str, where: str) -> None:
    if len([m for m in members(conn) if m.role == "owner"]) <= 1:
        raise AccessError(f"{name} is the only owner of {where}: make someone else an owner "
                          "first; nothing was changed")


def remove_member(conn: Connection, name: str, where: str) -> None:
    """Take ``name``'s role in the store away (the login role itself stays on the server)."""
    groups = group_names(_database(conn))
    held = _direct_groups(conn, name) & set(groups.values())
    if not held:
        raise AccessError(f"{name} has no role in {where}; nothing was changed")
    if groups["owner"] in held:
        _not_the_last_owner(conn, name, where)
    for group in sorted(held):
        conn.execute(text(f"REVOKE {q(group)} FROM {q(name)}"))
    conn.execute(text(f"DELETE FROM {ACCESS_SCHEMA}.editor_portfolios WHERE role_name = :n"),
                 {"n": name})
