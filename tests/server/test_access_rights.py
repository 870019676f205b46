"""``services.access``: what each role may change, item by item, as read from the server; and
access rules that survive a migration."""
from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from lcplanner.services.access import FULL, item_access, portfolio_of, read_rights
from lcplanner.store.engine import open_store
from tests.server.access_support import a_priority_of, make_access_store, portfolio_ids


@pytest.fixture
def access_store(capsys, pg_url):
    return make_access_store(capsys, pg_url)


def _first(store, sql, args=()):
    with store.connect("postgres") as conn:
        return conn.execute(sql, args).fetchone()[0]


def test_an_editors_rights_cover_their_portfolio_down_to_sub_points(access_store):
    mine, other = portfolio_ids(access_store)[:2]
    store = open_store(access_store.url_as(access_store.names["editor"]))
    try:
        rights = read_rights(store)
        assert (rights.role, rights.portfolios) == ("editor",
                                                    {mine: "Finance and Local Services"})
        assert rights.writes["priorities"] == {"INSERT", "UPDATE", "DELETE"}
        assert rights.writes["portfolios"] == {"UPDATE"}
        assert rights.writes["themes"] == frozenset()
        output = _first(access_store, "SELECT o.id FROM outputs o JOIN priorities p "
                                      "ON p.id = o.priority_id WHERE p.portfolio_id = %s "
                                      "ORDER BY o.id LIMIT 1", (mine,))
        assert portfolio_of(store, "output", output) == mine
        assert portfolio_of(store, "theme", 1) is None
        mine_priority = item_access(store, rights, "priority",
                                    a_priority_of(access_store, mine))
        assert (mine_priority.edit, mine_priority.structure, mine_priority.children,
                mine_priority.reason) == (True, True, frozenset({"output"}), "")
        own_portfolio = item_access(store, rights, "portfolio", mine)
        assert (own_portfolio.edit, own_portfolio.structure, own_portfolio.children) == (
            True, False, frozenset({"service_group", "priority", "work_area"}))
        elsewhere = item_access(store, rights, "output",
                                _first(access_store, "SELECT o.id FROM outputs o JOIN "
                                       "priorities p ON p.id = o.priority_id WHERE "
                                       "p.portfolio_id = %s LIMIT 1", (other,)))
        assert (elsewhere.edit, elsewhere.structure, elsewhere.children) == (
            False, False, frozenset())
        assert elsewhere.reason == ("You are an editor of 'Finance and Local Services' only; "
                                    "this portfolio is read-only.")
        plan = item_access(store, rights, "plan", _first(access_store, "SELECT id FROM plans"))
        assert (plan.edit, plan.children) == (False, frozenset())
        assert plan.reason == ("You are an editor of 'Finance and Local Services' only; this "
                               "plan is read-only (the store's owners change it).")
    finally:
        store.close()


@pytest.mark.parametrize("role, everything", [("owner", True), ("clerk", False),
                                              ("reader", False)])
def test_each_roles_rights_are_what_the_server_grants(access_store, role, everything):
    store = open_store(access_store.url_as(access_store.names[role]))
    try:
        rights = read_rights(store)
        assert (rights.role, rights.everything) == (role, everything)
        paper = item_access(store, rights, "paper",
                            _first(access_store, "SELECT id FROM committee_papers"))
        assert paper.edit is (role != "reader")
        plan = item_access(store, rights, "plan", _first(access_store, "SELECT id FROM plans"))
        assert plan.edit is everything
        assert ("paper" in plan.children) is (role != "reader")
    finally:
        store.close()


def test_a_store_file_allows_everything(sample_store):
    assert read_rights(sample_store) is FULL
    assert item_access(sample_store, FULL, "priority", 1).edit


def test_tables_a_migration_adds_get_the_stores_access_rules(capsys, pg_url):
    """A store set up at an older version, then migrated on opening: the tables the migrations
    add are secured as the others are (row-level security on, the editor's grants)."""
    from lcplanner.store import access
    from lcplanner.store.migrate import revisions, upgrade
    from lcplanner.store.server import engine_url

    engine = create_engine(engine_url(pg_url))
    upgrade(engine, revisions()[0])
    with engine.begin() as conn:
        access.install(conn)
        assert conn.execute(text("SELECT to_regclass('deleted_items')")).scalar() is None
    engine.dispose()
    open_store(pg_url).close()  # migrates to the current version
    engine = create_engine(engine_url(pg_url))
    with engine.connect() as conn:
        unsecured = conn.execute(text(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relkind = 'r' AND NOT c.relrowsecurity "
            "AND c.relname NOT IN ('lcplanner_meta', 'alembic_version')")).scalars().all()
        database = conn.execute(text("SELECT current_database()")).scalar()
        grants = conn.execute(text(
            "SELECT has_table_privilege(:r, 'deleted_items', 'INSERT'), "
            "has_table_privilege(:r, 'deleted_items', 'UPDATE'), "
            "has_table_privilege(:reader, 'dictionary_words', 'SELECT'), "
            "has_table_privilege(:reader, 'dictionary_words', 'INSERT')"),
            {"r": f"{database}_editor", "reader": f"{database}_reader"}).one()
    engine.dispose()
    assert unsecured == []
    assert tuple(grants) == (True, False, True, False)


def test_a_change_the_role_does_not_allow_is_one_sentence_and_saves_nothing(access_store):
    from sqlalchemy import select

    from lcplanner.domain.model import Theme
    from lcplanner.store.errors import StoreError

    store = open_store(access_store.url_as(access_store.names["editor"]))
    try:
        with pytest.raises(StoreError) as caught:
            with store.transaction() as session:
                session.scalars(select(Theme)).first().name = "Renamed by an editor"
        assert str(caught.value) == (f"{store.name} refused the change (permission denied for "
                                     "table themes): your role in this store does not allow "
                                     "it; nothing of it was saved.")
    finally:
        store.close()
    assert _first(access_store, "SELECT count(*) FROM themes "
                                "WHERE name = 'Renamed by an editor'") == 0
