"""The row-versions migration (0007) on both engines: items already in a store start at
version 1, stamped with the time of the upgrade, and the ORM's version counter works on them."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import create_engine, text

from lcplanner import services
from lcplanner.services.concurrency import stamp_of
from lcplanner.store.engine import HEAD_REVISION, SCHEMA_VERSION, open_store
from lcplanner.store.migrate import current_revision, upgrade
from lcplanner.store.server import engine_url, is_server_url

_ROWS = [
    "INSERT INTO plans (id, position, title, period, status, organisation, financial_quarters, "
    "created, modified) VALUES (1, 0, 'Old plan', '2024/25', 'draft', 'Org', false, "
    "'2024-01-01', '2024-01-01')",
    "INSERT INTO portfolios (id, plan_id, position, name, kind, holder, shadow_holder, note) "
    "VALUES (1, 1, 0, 'Homes', 'portfolio', '', '', '')",
    "INSERT INTO priorities (id, portfolio_id, position, title, outcome, note) "
    "VALUES (1, 1, 0, 'More homes', '', '')",
    "INSERT INTO outputs (id, priority_id, position, text, owner, progress_note) "
    "VALUES (1, 1, 0, 'Build them', '', '')",
]


def _raw_engine(target: str):
    return create_engine(engine_url(target) if is_server_url(target) else f"sqlite:///{target}")


def test_an_older_store_gains_versions_and_keeps_its_rows(store_target):
    engine = _raw_engine(store_target)
    upgrade(engine, "0006_deleted_items")
    with engine.begin() as conn:
        for sql in _ROWS:
            conn.execute(text(sql))
    engine.dispose()
    before = datetime.utcnow() - timedelta(minutes=5)
    store = open_store(store_target)  # migrates (a file after a backup)
    try:
        with store.engine.connect() as conn:
            assert current_revision(conn) == HEAD_REVISION  # through 0007 to the head
        got = stamp_of(store, "output", 1)
        assert (got.version, got.changed_by) == (1, "")
        assert before <= got.changed_at <= datetime.utcnow() + timedelta(minutes=5)
        services.set_field(store, "output", 1, "text", "Build more of them")
        assert stamp_of(store, "output", 1).version == 2
        assert services.details(store, "output", 1).values["text"] == "Build more of them"
        assert SCHEMA_VERSION >= 7
    finally:
        store.close()


def test_the_migration_goes_down_again(store_target):
    engine = _raw_engine(store_target)
    upgrade(engine, "0007_row_versions")
    from alembic import command

    from lcplanner.store.migrate import alembic_config

    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0006_deleted_items")
        columns = {r[0] for r in conn.execute(text(
            "SELECT name FROM pragma_table_info('outputs')" if conn.dialect.name == "sqlite"
            else "SELECT column_name FROM information_schema.columns "
                 "WHERE table_name = 'outputs'"))}
    engine.dispose()
    assert "version" not in columns and "changed_by" not in columns and "text" in columns
