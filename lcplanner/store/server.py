"""A store in a PostgreSQL database, shared by a team: ``postgresql://host/db``.

The URL follows libpq's conventions (``postgresql://user@host:port/db``, and the Unix-socket
form ``postgresql://user@/db?host=/dir``); credentials come from libpq too (``PGPASSWORD``,
``~/.pgpass``, service files), so a URL holding a password is refused: lcplanner never keeps
one. A server has no lock file, no WAL and no backup files beside it (the server's own tools,
``pg_dump`` and the like, back it up).

A SQLite store is versioned by ``PRAGMA user_version``; a server database keeps the same number
in a small table, ``lcplanner_meta`` (beside Alembic's ``alembic_version``), so a database that a
newer lcplanner has migrated is refused before anything is written, as a newer file is. Its
schema is compared with the model's through the catalogue, as a file's is (see
:mod:`lcplanner.store.schema_check`): triggers, rules, views, foreign tables or columns are
refused.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError

from lcplanner.store.errors import (AlteredStoreError, ConnectionLostError, NewerStoreError,
                                    NotAStoreError, StoreError)
from lcplanner.store.schema_check import schema_problems

SCHEMES = ("postgresql://", "postgres://")
META_TABLE = "lcplanner_meta"
APPLICATION = "lcplanner"
#: Seconds libpq waits for a server to answer a new connection.
CONNECT_TIMEOUT = 5

#: Everything in the current schema that could hold or run something, in one statement:
#: tables with their columns, views, triggers, rules and the indexes that back no constraint.
_SCHEMA_QUERY = """
SELECT 'table', c.relname, c.relname, a.attname
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
 WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'f')
UNION ALL
SELECT 'view', c.relname, c.relname, NULL
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = current_schema() AND c.relkind IN ('v', 'm')
UNION ALL
SELECT 'trigger', t.tgname, c.relname, NULL
  FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = current_schema() AND NOT t.tgisinternal
UNION ALL
SELECT 'rule', r.rulename, r.tablename, NULL FROM pg_rules r
 WHERE r.schemaname = current_schema()
UNION ALL
SELECT 'index', i.relname, c.relname, NULL
  FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
  JOIN pg_class c ON c.oid = x.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = current_schema()
   AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)
"""


def is_server_url(target) -> bool:
    """True for a ``postgresql://`` (or ``postgres://``) URL rather than a file's path."""
    return isinstance(target, str) and target.strip().lower().startswith(SCHEMES)


def engine_url(target: str) -> URL:
    """The SQLAlchemy URL (psycopg 3 driver) for a libpq-style URL; refuses a password."""
    try:
        url = make_url(target.strip())
    except ArgumentError as exc:
        raise StoreError(f"{target} is not a PostgreSQL URL lcplanner understands.") from exc
    if url.password is not None:
        raise StoreError("The server URL holds a password: lcplanner does not take one there. "
                         "Give it in PGPASSWORD or ~/.pgpass instead.")
    if not url.database:
        raise StoreError(f"{target} names no database (postgresql://host/DATABASE).")
    return url.set(drivername="postgresql+psycopg")


def describe(target: str | URL) -> str:
    """How a message names the database: 'the database plans on host' (never a password)."""
    url = target if isinstance(target, URL) else make_url(target.strip())
    host = url.host or url.query.get("host") or "the local server"
    if isinstance(host, tuple):
        host = host[0]
    return f"the database '{url.database}' on {host}"


@dataclass
class ServerInfo:
    tables: int
    version: int | None  # None: no lcplanner_meta (empty, or not lcplanner's)


def read_info(conn: Connection) -> ServerInfo:
    tables = conn.execute(text(
        "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')"
    )).scalar_one()
    if conn.execute(text("SELECT to_regclass(:t)"), {"t": META_TABLE}).scalar() is None:
        return ServerInfo(tables=tables, version=None)
    rows = dict(conn.execute(text(f"SELECT name, value FROM {META_TABLE}")).all())
    if rows.get("application") != APPLICATION or not rows.get("schema_version", "").isdigit():
        return ServerInfo(tables=tables, version=None)
    return ServerInfo(tables=tables, version=int(rows["schema_version"]))


def check_server_schema(conn: Connection, name: str, *, current: bool) -> None:
    rows = [tuple(row) for row in conn.execute(text(_SCHEMA_QUERY))]
    problems = schema_problems(rows, current=current, allowed={META_TABLE})
    if problems:
        shown = "; ".join(problems[:3])
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        raise AlteredStoreError(
            f"{name} cannot be opened: this store has been altered: {shown}{more}. "
            "Nothing in it was run or changed.")


def stamp_version(conn: Connection, version: int) -> None:
    """Record lcplanner's schema version in the database (in the caller's transaction)."""
    conn.execute(text(f"CREATE TABLE IF NOT EXISTS {META_TABLE} (name VARCHAR(64) PRIMARY KEY, "
                      "value VARCHAR(200) NOT NULL)"))
    for key, value in (("application", APPLICATION), ("schema_version", str(version))):
        conn.execute(text(f"INSERT INTO {META_TABLE} (name, value) VALUES (:k, :v) "
                          "ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value"),
                     {"k": key, "v": value})


def create_server_schema(engine: Engine) -> None:
    """Make the schema at the current version on an empty database, in one transaction."""
    from lcplanner.domain.model import Base
    from lcplanner.store.engine import HEAD_REVISION, SCHEMA_VERSION

    with engine.begin() as conn:
        Base.metadata.create_all(conn)
        conn.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
                          "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"))
        conn.execute(text("INSERT INTO alembic_version (version_num) VALUES (:r)"),
                     {"r": HEAD_REVISION})
        stamp_version(conn, SCHEMA_VERSION)


def translate_server(exc: BaseException, name: str) -> StoreError | None:
    """A lost or refused connection during a change, or a change the user's role does not
    allow (SQLSTATE 42501, see :mod:`lcplanner.store.access`), as one sentence; None for
    anything else."""
    if isinstance(exc, DBAPIError) and getattr(exc.orig, "sqlstate", None) == "42501":
        detail = str(exc.orig).strip().splitlines()[0]
        return StoreError(f"{name} refused the change ({detail}): your role in this store "
                          "does not allow it; nothing of it was saved.")
    if isinstance(exc, DBAPIError) and (exc.connection_invalidated
                                        or isinstance(exc, OperationalError)):
        detail = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)
        return ConnectionLostError(f"The connection to {name} was lost ({detail}); nothing "
                                   "of this change was saved.")
    return None


def _connect_error(exc: DBAPIError, name: str) -> StoreError:
    detail = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)
    return StoreError(f"Cannot reach {name}: {detail}")


def _engine(target: str, *, readonly: bool) -> tuple[Engine, str]:
    url = engine_url(target)
    # A server that has gone away is found out at once (pre-ping), and one that does not answer
    # keeps nobody waiting long (libpq's connect_timeout, unless the URL gives its own).
    timeout = {} if "connect_timeout" in url.query else {"connect_timeout": CONNECT_TIMEOUT}
    engine = create_engine(url, pool_pre_ping=True, connect_args=timeout)
    if readonly:
        engine = engine.execution_options(postgresql_readonly=True)
    return engine, describe(url)


def open_server(target: str, *, create: bool = True, readonly: bool = False,
                migrate: bool = True):
    """Open the store in a server database, creating the schema in an empty one (``create``)
    and migrating an older one (``migrate``); a :class:`StoreError` says why not."""
    from lcplanner.store.engine import SCHEMA_VERSION, Store

    engine, name = _engine(target, readonly=readonly)
    try:
        with engine.connect() as conn:
            info = read_info(conn)
            if info.version is not None and info.version <= SCHEMA_VERSION:
                check_server_schema(conn, name, current=info.version == SCHEMA_VERSION)
    except DBAPIError as exc:
        engine.dispose()
        raise _connect_error(exc, name) from exc
    except StoreError:
        engine.dispose()
        raise
    try:
        if info.version is None and info.tables:
            raise NotAStoreError(f"{name} is not an lcplanner store (it holds "
                                 f"{info.tables} tables lcplanner did not create).")
        if info.version is not None and info.version > SCHEMA_VERSION:
            raise NewerStoreError(
                f"{name} was saved by a newer version of lcplanner (store version "
                f"{info.version}; this version reads up to {SCHEMA_VERSION}). Update lcplanner "
                "to open it; the database has not been changed.")
        if info.version is None:
            if readonly or not create:
                raise StoreError(f"{name} holds no lcplanner store yet: create one with "
                                 "'lcplanner init URL'.")
            create_server_schema(engine)
        elif info.version < SCHEMA_VERSION and not readonly and migrate:
            from lcplanner.store.migrate import upgrade

            upgrade(engine)
            _secure_new_tables(engine)
    except DBAPIError as exc:
        engine.dispose()
        raise _connect_error(exc, name) from exc
    except BaseException:
        engine.dispose()
        raise
    return Store(path=None, engine=engine, readonly=readonly, url=target.strip(), name=name)


def _secure_new_tables(engine: Engine) -> None:
    """After a migration: the store's access rules cover the tables it added (see
    :mod:`lcplanner.store.access`)."""
    from lcplanner.store import access

    with engine.begin() as conn:
        if access.installed(conn):
            access.secure_tables(conn)


def init_server(target: str) -> str:
    """Create the schema on an empty database and stamp it; return how it is named."""
    engine, name = _engine(target, readonly=False)
    try:
        with engine.connect() as conn:
            info = read_info(conn)
        if info.version is not None:
            raise StoreError(f"{name} already holds an lcplanner store (store version "
                             f"{info.version}); nothing was changed.")
        if info.tables:
            raise StoreError(f"{name} is not empty (it holds {info.tables} tables): "
                             "lcplanner init needs an empty database; nothing was changed.")
        from lcplanner.store import access

        with engine.connect() as conn:
            access.check_installable(conn)
        create_server_schema(engine)
        with engine.begin() as conn:
            access.install(conn)
    except DBAPIError as exc:
        raise _connect_error(exc, name) from exc
    finally:
        engine.dispose()
    return name
