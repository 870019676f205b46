"""Alembic migrations, run in-process.

``PRAGMA user_version`` mirrors the Alembic revision: revision number n in the linear history
is version n (the baseline is 1). That lets :mod:`lcplanner.store.engine` refuse a newer store
by reading one pragma, before Alembic or SQLAlchemy touch the file.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@lru_cache(maxsize=1)
def revisions() -> tuple[str, ...]:
    """Revision ids from the baseline to head."""
    script = ScriptDirectory.from_config(alembic_config())
    return tuple(reversed([rev.revision for rev in script.walk_revisions()]))


def head_version() -> int:
    return len(revisions())


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, target: str = "head") -> None:
    """Bring the store to ``target`` and stamp ``user_version`` and ``application_id`` (on a
    server, the version in ``lcplanner_meta``)."""
    from lcplanner.store.engine import APPLICATION_ID

    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), target)
        rev = current_revision(conn)
        version = revisions().index(rev) + 1 if rev else 0
        if conn.dialect.name != "sqlite":  # a server keeps the version in a table
            from lcplanner.store.server import stamp_version

            stamp_version(conn, version)
            return
        # Both pragmas are transactional in SQLite: they commit with the migration or not at all.
        conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
        conn.exec_driver_sql(f"PRAGMA user_version={version}")
