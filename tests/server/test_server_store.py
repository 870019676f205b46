"""A store in a PostgreSQL database: opened by URL, versioned, checked, migrated."""
from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, select, text

from lcplanner.domain.model import Base, Plan
from lcplanner.store.engine import HEAD_REVISION, SCHEMA_VERSION, open_store
from lcplanner.store.errors import (AlteredStoreError, NewerStoreError, NotAStoreError,
                                    ReadOnlyStoreError, StoreError)
from lcplanner.store.migrate import current_revision, revisions, upgrade
from lcplanner.store.server import engine_url, init_server


def _raw(url):
    return create_engine(engine_url(url))


def _meta(url):
    engine = _raw(url)
    with engine.connect() as conn:
        rows = dict(conn.execute(text("SELECT name, value FROM lcplanner_meta")).all())
        rev = current_revision(conn)
    engine.dispose()
    return rows, rev


def _diff(conn):
    """Differences between the database and the model, beside lcplanner_meta (not a model
    table: the server's version stamp)."""
    context = MigrationContext.configure(conn, opts={
        "include_name": lambda name, kind, _parents: name != "lcplanner_meta"})
    return compare_metadata(context, Base.metadata)


def _sample(store):
    from lcplanner.sample import build_sample_plan

    with store.transaction() as session:
        session.add(build_sample_plan())


def test_a_new_store_on_a_server_is_made_from_the_model_and_stamped(pg_url):
    store = open_store(pg_url)
    try:
        assert store.path is None and store.url == pg_url
        assert store.name.startswith("the database 'lcp_")
        with store.engine.connect() as conn:
            assert conn.dialect.name == "postgresql"
            assert _diff(conn) == []
    finally:
        store.close()
    assert _meta(pg_url) == ({"application": "lcplanner", "schema_version": str(SCHEMA_VERSION)},
                             HEAD_REVISION)


def test_the_sample_plan_round_trips_through_a_server(pg_url):
    from lcplanner.sample import build_sample_plan

    expected = build_sample_plan()
    store = open_store(pg_url)
    _sample(store)
    store.close()
    again = open_store(pg_url, readonly=True)
    try:
        with again.session() as session:
            plan = session.scalars(select(Plan)).one()
            assert plan.title == expected.title
            assert [p.name for p in plan.portfolios] == [p.name for p in expected.portfolios]
            assert plan.portfolios
    finally:
        again.close()


def test_migrations_run_on_postgresql_from_the_baseline_to_the_model(pg_url):
    engine = _raw(pg_url)
    upgrade(engine, revisions()[0])
    assert _meta(pg_url) == ({"application": "lcplanner", "schema_version": "1"},
                             revisions()[0])
    for number, revision in enumerate(revisions()[1:], 2):
        upgrade(engine, revision)
        assert _meta(pg_url)[0]["schema_version"] == str(number)
    with engine.connect() as conn:
        assert _diff(conn) == []
    engine.dispose()
    assert _meta(pg_url) == ({"application": "lcplanner", "schema_version": str(SCHEMA_VERSION)},
                             HEAD_REVISION)


def test_an_older_server_store_is_migrated_on_opening_and_keeps_its_rows(pg_url):
    engine = _raw(pg_url)
    upgrade(engine, revisions()[0])
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO plans (title, position, period, status, organisation, "
                          "financial_quarters, created, modified) VALUES ('An older plan', 0, "
                          "'', 'draft', '', false, now(), now())"))
    engine.dispose()
    store = open_store(pg_url)
    try:
        with store.session() as session:
            assert session.scalars(select(Plan.title)).all() == ["An older plan"]
    finally:
        store.close()
    assert _meta(pg_url) == ({"application": "lcplanner", "schema_version": str(SCHEMA_VERSION)},
                             HEAD_REVISION)


def test_a_server_store_from_a_newer_lcplanner_is_refused_and_untouched(pg_url):
    open_store(pg_url).close()
    engine = _raw(pg_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE lcplanner_meta SET value = :v WHERE name = 'schema_version'"),
                     {"v": str(SCHEMA_VERSION + 1)})
    engine.dispose()
    with pytest.raises(NewerStoreError) as caught:
        open_store(pg_url)
    assert str(caught.value) == (
        f"the database '{engine_url(pg_url).database}' on {engine_url(pg_url).query['host']} "
        f"was saved by a newer version of lcplanner (store version {SCHEMA_VERSION + 1}; this "
        f"version reads up to {SCHEMA_VERSION}). Update lcplanner to open it; the database has "
        "not been changed.")
    assert _meta(pg_url)[0]["schema_version"] == str(SCHEMA_VERSION + 1)


def test_another_applications_database_is_refused(pg_url):
    engine = _raw(pg_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE invoices (n integer)"))
    engine.dispose()
    with pytest.raises(NotAStoreError, match=r"is not an lcplanner store \(it holds 1 tables"):
        open_store(pg_url)


@pytest.mark.parametrize("sql, problem", [
    (["CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END'",
      "CREATE TRIGGER sneaky BEFORE UPDATE ON plans FOR EACH ROW EXECUTE FUNCTION f()"],
     "it holds a trigger named 'sneaky' that lcplanner did not create"),
    ("CREATE VIEW peek AS SELECT title FROM plans", "it holds a view named 'peek'"),
    ("CREATE RULE quiet AS ON DELETE TO themes DO INSTEAD NOTHING",
     "it holds a rule named 'quiet'"),
    ("ALTER TABLE plans ADD COLUMN extra text",
     "the table 'plans' has a column 'extra' that lcplanner did not create"),
])
def test_an_altered_server_store_is_refused(pg_url, sql, problem):
    open_store(pg_url).close()
    engine = _raw(pg_url)
    with engine.begin() as conn:
        for statement in sql if isinstance(sql, list) else [sql]:
            conn.execute(text(statement))
    engine.dispose()
    with pytest.raises(AlteredStoreError, match=problem):
        open_store(pg_url)


def test_a_read_only_server_store_refuses_writes_even_in_raw_sql(pg_url):
    open_store(pg_url).close()
    store = open_store(pg_url, readonly=True)
    try:
        with pytest.raises(ReadOnlyStoreError):
            with store.transaction():
                pass
        with store.engine.connect() as conn:
            with pytest.raises(Exception, match="read-only transaction"):
                conn.execute(text("CREATE TABLE sneaked_in (n integer)"))
    finally:
        store.close()


def test_an_empty_database_is_not_created_when_asked_not_to(pg_url):
    for kwargs in ({"create": False}, {"readonly": True}):
        with pytest.raises(StoreError, match=r"holds no lcplanner store yet: create one with "
                                             r"'lcplanner init URL'\.$"):
            open_store(pg_url, **kwargs)
    engine = _raw(pg_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT to_regclass('plans')")).scalar() is None
    engine.dispose()


def test_a_password_in_the_url_is_refused(pg_cluster):
    with pytest.raises(StoreError, match="Give it in PGPASSWORD or ~/.pgpass instead"):
        open_store(f"postgresql://someone:secret@/plans?host={pg_cluster.socket_dir}")


def test_an_unreachable_server_is_one_sentence(tmp_path):
    with pytest.raises(StoreError) as caught:
        open_store(f"postgresql://nobody@/plans?host={tmp_path}")
    message = str(caught.value)
    assert message.startswith(f"Cannot reach the database 'plans' on {tmp_path}: ")
    assert "\n" not in message


def test_init_stamps_an_empty_database_and_refuses_twice(pg_url):
    init_server(pg_url)
    assert _meta(pg_url) == ({"application": "lcplanner", "schema_version": str(SCHEMA_VERSION)},
                             HEAD_REVISION)
    with pytest.raises(StoreError, match=r"already holds an lcplanner store \(store version "
                                         rf"{SCHEMA_VERSION}\); nothing was changed\.$"):
        init_server(pg_url)


def test_init_refuses_a_database_holding_other_tables(pg_url):
    engine = _raw(pg_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE invoices (n integer)"))
    engine.dispose()
    with pytest.raises(StoreError, match=r"is not empty \(it holds 1 tables\)"):
        init_server(pg_url)
    engine = _raw(pg_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
                            ).scalar() == 1
    engine.dispose()


def test_a_connection_lost_mid_change_is_one_sentence_and_saves_nothing(pg_cluster, pg_url):
    store = open_store(pg_url)
    _sample(store)
    try:
        with pytest.raises(StoreError) as caught:
            with store.transaction() as session:
                plan = session.scalars(select(Plan)).one()
                plan.title = "Half-made change"
                session.flush()
                pid = session.execute(text("SELECT pg_backend_pid()")).scalar_one()
                pg_cluster.admin(f"SELECT pg_terminate_backend({pid})")
                session.execute(text("SELECT 1"))
        message = str(caught.value)
        assert message.startswith(f"The connection to {store.name} was lost (")
        assert message.endswith("); nothing of this change was saved.")
        assert "\n" not in message
        with store.session() as session:  # the pool reconnects; the change is not there
            assert session.scalars(select(Plan.title)).one() == "Business Plan 2026/27"
    finally:
        store.close()
