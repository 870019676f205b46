"""Revision 0008 adds the change history to an existing store, on both engines, keeping its
rows; its downgrade takes the table away again."""
from __future__ import annotations

from sqlalchemy import create_engine, inspect, select, text

from lcplanner import services
from lcplanner.domain import model as m
from lcplanner.store.engine import open_store
from lcplanner.store.migrate import current_revision, revisions, upgrade
from lcplanner.store.server import engine_url, is_server_url


def _engine(target):
    if is_server_url(target):
        return create_engine(engine_url(target))
    return create_engine(f"sqlite:///{target}")


def test_history_is_added_to_an_older_store_and_records_from_then_on(store_target):
    engine = _engine(store_target)
    before = revisions()[revisions().index("0008_history") - 1]
    upgrade(engine, before)
    with engine.begin() as conn:
        assert not inspect(conn).has_table("change_history")
        conn.execute(text("INSERT INTO plans (id, title, position, period, status, organisation,"
                          " financial_quarters, created, modified) VALUES (1, 'An older plan',"
                          " 0, '', 'draft', '', false, '2026-01-05', '2026-01-05')"))
    engine.dispose()

    store = open_store(store_target)
    try:
        with store.session() as s:
            assert s.scalars(select(m.Plan.title)).all() == ["An older plan"]
            assert s.scalars(select(m.ChangeRecord)).all() == []
            assert current_revision(s.connection()) == "0008_history"
        services.set_field(store, "plan", 1, "title", "The older plan, renamed")
        with store.session() as s:
            assert [(r.kind, r.item_id, r.action, r.field, r.old_value, r.new_value, r.plan_id)
                    for r in s.scalars(select(m.ChangeRecord))] == [
                ("plan", 1, "changed", "title", "An older plan", "The older plan, renamed", 1)]
    finally:
        store.close()

    engine = _engine(store_target)
    from alembic import command

    from lcplanner.store.migrate import alembic_config

    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), before)
    with engine.connect() as conn:
        assert not inspect(conn).has_table("change_history")
        assert conn.execute(text("SELECT title FROM plans")).scalars().all() == [
            "The older plan, renamed"]
    engine.dispose()
