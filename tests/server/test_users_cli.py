"""``lcplanner users URL [add NAME --role R [--portfolio N]… | remove NAME]`` and the roles that
``lcplanner init`` sets up."""
from __future__ import annotations

import psycopg
import pytest

from tests.server.access_support import make_access_store
from tests.support import one_line, run_cli, store_label


@pytest.fixture
def access_store(capsys, pg_url):
    return make_access_store(capsys, pg_url)


def test_users_lists_each_role_with_an_editors_portfolios(capsys, access_store):
    n = access_store.names
    code, out, err = run_cli(capsys, "users", access_store.url)
    assert (code, err) == (0, "")
    width = max(len(name) for name in n.values())
    assert out.splitlines() == [
        f"Roles in {store_label(access_store.url)}:",
        f"  {n['clerk']:<{width}}  clerk",
        f"  {n['editor']:<{width}}  editor of portfolio 1 'Finance and Local Services'",
        f"  {n['owner']:<{width}}  owner",
        f"  {n['reader']:<{width}}  reader",
    ]


def test_add_creates_a_login_role_without_a_password_and_says_how_to_set_one(capsys,
                                                                              access_store):
    name = f"{access_store.database}_asha"
    code, out, err = run_cli(capsys, "users", access_store.url, "add", name, "--role",
                             "editor", "--portfolio", "2", "--portfolio", "3")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"{name} is now an editor of portfolio 2 'Housing and Planning', portfolio 3 "
        f"'Transport and Environment' in {store_label(access_store.url)}.",
        f"Created the login role {name} without a password: set one with psql's \\password "
        f"{name} (or let the server's own authentication admit it)."]
    with access_store.connect("postgres") as conn:
        assert conn.execute("SELECT rolcanlogin, rolpassword IS NULL FROM pg_authid "
                            "WHERE rolname = %s", (name,)).fetchone() == (True, True)
    # adding a portfolio keeps the ones held; a new role replaces the old one
    assert run_cli(capsys, "users", access_store.url, "add", name, "--role", "editor",
                   "--portfolio", "4")[0] == 0
    listed = run_cli(capsys, "users", access_store.url)[1]
    assert ("editor of portfolio 2 'Housing and Planning', portfolio 3 'Transport and "
            "Environment', portfolio 4 'Health and Care'") in listed
    code, out, _ = run_cli(capsys, "users", access_store.url, "add", name, "--role", "reader")
    assert (code, out) == (0, f"{name} is now a reader in {store_label(access_store.url)}.\n")
    listed = run_cli(capsys, "users", access_store.url)[1]
    assert [line.split() for line in listed.splitlines() if name in line] == [[name, "reader"]]
    with access_store.connect(name) as conn:  # and the server agrees
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE priorities SET title = 'x'")


def test_remove_takes_the_role_away_and_keeps_the_login_role(capsys, access_store):
    reader = access_store.names["reader"]
    code, out, err = run_cli(capsys, "users", access_store.url, "remove", reader)
    assert (code, err) == (0, "")
    assert out == (f"{reader} no longer has a role in {store_label(access_store.url)}; the "
                   f"login role itself is kept on the server (dropuser {reader} removes it).\n")
    assert reader not in run_cli(capsys, "users", access_store.url)[1]
    with access_store.connect("postgres") as conn:
        assert conn.execute("SELECT count(*) FROM pg_roles WHERE rolname = %s",
                            (reader,)).fetchone()[0] == 1


@pytest.mark.parametrize("argv, message", [
    (["add", "someone", "--role", "admin"],
     "lcplanner users URL add: argument --role: invalid choice: 'admin' (choose from "
     "'reader', 'editor', 'clerk', 'owner') (see 'lcplanner users URL add --help')"),
    (["add", "someone", "--role", "editor", "--portfolio", "9"],
     "lcplanner: there is no portfolio 9 in 'Business Plan 2026/27' in {store} (it has "
     "portfolios 1 to 4)"),
    (["add", "someone", "--role", "editor"],
     "lcplanner: --role editor needs --portfolio N (the number of a portfolio the editor may "
     "change; repeat it for several)"),
    (["add", "someone", "--role", "clerk", "--portfolio", "1"],
     "lcplanner: --portfolio applies to --role editor only (the role is clerk)"),
    (["add", "pg_monitor", "--role", "reader"],
     "lcplanner: 'pg_monitor' is not a role name lcplanner accepts (a letter or '_' first, "
     "then letters, digits, '_', '.', '@' or '-', at most 63)"),
    (["add", "someone", "--role", "editor", "--portfolio", "1", "--plan", "2019"],
     "lcplanner: no plan's title contains '2019' (plans: Business Plan 2026/27)"),
    (["remove", "nobody_at_all"],
     "lcplanner: nobody_at_all has no role in {store}; nothing was changed"),
])
def test_bad_input_is_one_line_and_changes_nothing(capsys, access_store, argv, message):
    before = run_cli(capsys, "users", access_store.url)[1]
    code, out, err = run_cli(capsys, "users", access_store.url, *argv)
    assert (code, out) == (2, "")
    assert one_line(err) == message.format(store=store_label(access_store.url))
    assert run_cli(capsys, "users", access_store.url)[1] == before
    with access_store.connect("postgres") as conn:
        assert conn.execute("SELECT count(*) FROM pg_roles WHERE rolname = 'someone'"
                            ).fetchone()[0] == 0


def test_only_an_owner_manages_users(capsys, access_store):
    editor = access_store.names["editor"]
    code, out, err = run_cli(capsys, "users", access_store.url_as(editor), "add",
                             access_store.names["reader"], "--role", "owner")
    assert (code, out) == (2, "")
    assert one_line(err) == (f"lcplanner: only an owner of {store_label(access_store.url)} "
                             f"manages its users; you ({editor}) are an editor")
    owner = access_store.names["owner"]
    code, out, err = run_cli(capsys, "users", access_store.url_as(owner), "add",
                             access_store.names["reader"], "--role", "clerk")
    assert (code, err) == (0, "")
    # an owner who may not create roles still gives roles to existing ones; a new name is
    # one clear line
    code, _out, err = run_cli(capsys, "users", access_store.url_as(owner), "add",
                              f"{access_store.database}_new", "--role", "reader")
    assert code == 2
    assert one_line(err) == (f"lcplanner: there is no role named {access_store.database}_new "
                             "on the server and you may not create roles: ask its "
                             f"administrator to run 'createuser {access_store.database}_new', "
                             "then add it again")


def test_the_last_owner_cannot_be_removed_nor_made_something_else(capsys, access_store):
    owner = access_store.names["owner"]
    expected = (f"lcplanner: {owner} is the only owner of {store_label(access_store.url)}: "
                "make someone else an owner first; nothing was changed")
    for argv in (["remove", owner], ["add", owner, "--role", "reader"]):
        code, _out, err = run_cli(capsys, "users", access_store.url, *argv)
        assert (code, one_line(err)) == (2, expected)
    assert f"{owner}  owner" in run_cli(capsys, "users", access_store.url)[1]
    # with a second owner, the first may step down
    second = access_store.names["clerk"]
    assert run_cli(capsys, "users", access_store.url, "add", second, "--role", "owner")[0] == 0
    code, out, err = run_cli(capsys, "users", access_store.url, "add", owner, "--role",
                             "reader")
    assert (code, err) == (0, "")


def test_users_of_a_store_file_is_refused(capsys, tmp_path):
    code, out, err = run_cli(capsys, "users", tmp_path / "plans.lcplan")
    assert (code, out) == (2, "")
    assert one_line(err) == (f"lcplanner: users needs a PostgreSQL store (postgresql://host/db),"
                             f" not {tmp_path / 'plans.lcplan'}: whoever may open a store file "
                             "may change all of it")


def test_init_by_the_databases_owner_makes_them_the_stores_owner(capsys, pg_cluster, pg_url):
    from sqlalchemy.engine import make_url

    database, socket = make_url(pg_url).database, make_url(pg_url).query["host"]
    planner = f"{database}_planning"
    pg_cluster.admin(f'CREATE ROLE "{planner}" LOGIN CREATEROLE')
    pg_cluster.admin(f'ALTER DATABASE "{database}" OWNER TO "{planner}"')
    url = f"postgresql://{planner}@/{database}?host={socket}"
    code, _out, err = run_cli(capsys, "init", url)
    assert code == 0, err
    code, out, err = run_cli(capsys, "users", url)
    assert out.splitlines() == [f"Roles in {store_label(url)}:", f"  {planner}  owner"]
    code, out, err = run_cli(capsys, "users", url, "add", f"{database}_ben", "--role", "editor",
                             "--portfolio", "1")
    assert (code, one_line(err)) == (2, "lcplanner: the store holds no plans")
    code, out, err = run_cli(capsys, "users", url, "add", f"{database}_ben", "--role", "reader")
    assert (code, err) == (0, "")
    with psycopg.connect(host=socket, dbname=database, user=f"{database}_ben") as conn:
        assert conn.execute("SELECT count(*) FROM plans").fetchone()[0] == 0


def test_init_by_a_user_who_may_not_create_roles_is_refused_and_changes_nothing(
        capsys, pg_cluster, pg_url):
    from sqlalchemy.engine import make_url

    database, socket = make_url(pg_url).database, make_url(pg_url).query["host"]
    plain = f"{database}_plain"
    pg_cluster.admin(f'CREATE ROLE "{plain}" LOGIN')
    pg_cluster.admin(f'ALTER DATABASE "{database}" OWNER TO "{plain}"')
    url = f"postgresql://{plain}@/{database}?host={socket}"
    code, out, err = run_cli(capsys, "init", url)
    assert (code, out) == (2, "")
    assert one_line(err) == (f"lcplanner: {plain} cannot set up the store's roles: lcplanner "
                             "init needs the database's owner with the right to create roles "
                             f"(createuser --createrole {plain}; createdb --owner {plain} "
                             f"{database}); nothing was changed.")
    with psycopg.connect(host=socket, dbname=database, user="postgres") as conn:
        assert conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
                            ).fetchone()[0] == 0


def test_a_database_name_too_long_for_its_roles_is_refused_by_init(capsys, pg_cluster):
    import os

    from tests.pg import drop_database

    database = f"lcp_{os.getpid()}_".ljust(57, "x")
    pg_cluster.admin(f'CREATE DATABASE "{database}"')
    try:
        code, out, err = run_cli(capsys, "init", pg_cluster.url(database))
        assert (code, out) == (2, "")
        assert one_line(err) == (f"lcplanner: the database name '{database}' is too long for "
                                 "its roles' names (at most 56 bytes)")
        with psycopg.connect(host=str(pg_cluster.socket_dir), dbname=database,
                             user="postgres") as conn:
            assert conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
                                ).fetchone()[0] == 0
    finally:
        drop_database(pg_cluster, database)


def test_a_reader_exports_and_an_editor_cannot_import_a_plan(capsys, access_store, tmp_path):
    import docx

    from tests.support import FIXTURES

    reader_url = access_store.url_as(access_store.names["reader"])
    target = tmp_path / "plan.docx"
    code, out, err = run_cli(capsys, "export", "docx", reader_url, "-o", target)
    assert (code, out) == (0, f"Wrote {target}\n"), err
    assert "Finance and Local Services" in "\n".join(
        p.text for p in docx.Document(str(target)).paragraphs)
    editor_url = access_store.url_as(access_store.names["editor"])
    code, out, err = run_cli(capsys, "import", FIXTURES / "paper_directorate.txt",
                             "--into", editor_url)
    assert (code, out) == (2, "")
    assert one_line(err) == (f"lcplanner: {store_label(editor_url)} refused the change "
                             "(permission denied for table plans): your role in this store "
                             "does not allow it; nothing of it was saved.")
    with access_store.connect("postgres") as conn:
        assert conn.execute("SELECT count(*) FROM plans").fetchone()[0] == 1


def test_with_several_plans_plan_chooses_where_the_portfolio_numbers_count(capsys,
                                                                           access_store):
    from tests.support import FIXTURES

    assert run_cli(capsys, "import", FIXTURES / "paper_directorate.txt", "--into",
                   access_store.url)[0] == 0
    name = f"{access_store.database}_two"
    code, _out, err = run_cli(capsys, "users", access_store.url, "add", name, "--role",
                              "editor", "--portfolio", "1")
    assert code == 2
    assert one_line(err).startswith("lcplanner: the store holds 2 plans; choose one with "
                                    "--plan MATCH or --plan #N (#1 Business Plan 2026/27; #2 ")
    code, out, err = run_cli(capsys, "users", access_store.url, "add", name, "--role",
                             "editor", "--portfolio", "1", "--plan", "#2")
    assert (code, err) == (0, "")
    with access_store.connect("postgres") as conn:
        second = conn.execute("SELECT f.name FROM portfolios f JOIN plans p ON p.id = f.plan_id "
                              "ORDER BY p.position DESC, p.id DESC, f.position LIMIT 1"
                              ).fetchone()[0]
    assert out.startswith(f"{name} is now an editor of portfolio 1 '{second}' in ")
    listed = run_cli(capsys, "users", access_store.url)[1].splitlines()
    assert "editor of portfolio 1 'Finance and Local Services' (plan #1)" in \
        next(line for line in listed if access_store.names["editor"] in line)
    assert f"editor of portfolio 1 '{second}' (plan #2)" in \
        next(line for line in listed if name in line)
