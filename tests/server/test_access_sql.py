"""Access is enforced by the database: each role's credentials, used in raw SQL, can do only
what the role allows (not through lcplanner's UI or services)."""
from __future__ import annotations

import psycopg
import pytest

from tests.server.access_support import a_priority_of, make_access_store, portfolio_ids


@pytest.fixture
def access_store(capsys, pg_url):
    return make_access_store(capsys, pg_url)


def _count(conn, sql, args=()):
    return conn.execute(sql, args).fetchone()[0]


def _refused(conn, sql, args=()):
    """Run ``sql`` expecting the server to refuse it; the error's message (rolled back)."""
    with pytest.raises(psycopg.errors.InsufficientPrivilege) as caught:
        conn.execute(sql, args)
    conn.rollback()
    return str(caught.value)


def test_a_reader_reads_everything_and_can_change_nothing(access_store):
    reader = access_store.names["reader"]
    first = portfolio_ids(access_store)[0]
    with access_store.connect(reader) as conn:
        assert _count(conn, "SELECT count(*) FROM portfolios") == 4
        assert _count(conn, "SELECT count(*) FROM outputs") > 0
        assert "permission denied for table priorities" in _refused(
            conn, "UPDATE priorities SET title = 'Rewritten' WHERE portfolio_id = %s", (first,))
        assert "permission denied for table themes" in _refused(
            conn, "INSERT INTO themes (plan_id, position, name, description) "
                  "SELECT id, 9, 'Sneaked in', '' FROM plans")
        assert "permission denied for table outputs" in _refused(conn, "DELETE FROM outputs")
        assert "permission denied for table plans" in _refused(
            conn, "UPDATE plans SET title = 'Mine now'")
        assert "permission denied for table editor_portfolios" in _refused(
            conn, "INSERT INTO lcplanner_access.editor_portfolios VALUES (current_user, %s)",
            (first,))
        assert "permission denied for schema public" in _refused(
            conn, "CREATE TABLE public.scratch (n integer)")
    with access_store.connect("postgres") as conn:
        assert _count(conn, "SELECT count(*) FROM plans WHERE title = 'Business Plan 2026/27'") \
            == 1


def test_an_editor_changes_their_portfolio_and_no_other(access_store):
    editor = access_store.names["editor"]
    mine, other = portfolio_ids(access_store)[:2]
    my_priority, other_priority = (a_priority_of(access_store, mine),
                                   a_priority_of(access_store, other))
    with access_store.connect(editor) as conn:
        done = conn.execute("UPDATE priorities SET title = 'Edited by the editor' "
                            "WHERE id = %s", (my_priority,))
        assert done.rowcount == 1
        refused = conn.execute("UPDATE priorities SET title = 'Not theirs' WHERE id = %s",
                               (other_priority,))
        assert refused.rowcount == 0
        # outputs and sub-points reach their portfolio through their parents
        assert conn.execute("UPDATE outputs SET text = 'Edited output' WHERE priority_id = %s",
                            (my_priority,)).rowcount >= 1
        assert conn.execute("UPDATE outputs SET text = 'Not theirs' WHERE priority_id = %s",
                            (other_priority,)).rowcount == 0
        assert conn.execute("DELETE FROM outputs WHERE priority_id = %s",
                            (other_priority,)).rowcount == 0
        conn.execute("INSERT INTO outputs (priority_id, position, text, owner, progress_note) "
                     "VALUES (%s, 50, 'A new output of theirs', '', '')", (my_priority,))
        conn.commit()
        with pytest.raises(psycopg.errors.InsufficientPrivilege,
                           match='new row violates row-level security policy for table '
                                 '"outputs"'):
            conn.execute("INSERT INTO outputs (priority_id, position, text, owner, "
                         "progress_note) VALUES (%s, 50, 'Planted', '', '')", (other_priority,))
        conn.rollback()
        with pytest.raises(psycopg.errors.InsufficientPrivilege,
                           match='new row violates row-level security policy for table '
                                 '"priorities"'):  # nor move a priority into another portfolio
            conn.execute("UPDATE priorities SET portfolio_id = %s WHERE id = %s",
                         (other, my_priority))
        conn.rollback()
        assert conn.execute("UPDATE portfolios SET holder = 'Cllr New' WHERE id = %s",
                            (mine,)).rowcount == 1
        assert conn.execute("UPDATE portfolios SET holder = 'Cllr New' WHERE id = %s",
                            (other,)).rowcount == 0
        conn.commit()
        assert "permission denied for table portfolios" in _refused(
            conn, "DELETE FROM portfolios WHERE id = %s", (mine,))
        for column in ("position", "plan_id"):  # its place is the owners' to change
            assert "permission denied for table portfolios" in _refused(
                conn, f"UPDATE portfolios SET {column} = {column} + 1 WHERE id = %s", (mine,))
        assert "permission denied for table themes" in _refused(
            conn, "UPDATE themes SET name = 'Renamed'")
        assert "permission denied for table plans" in _refused(
            conn, "UPDATE plans SET title = 'Renamed'")
        assert "permission denied for table committee_papers" in _refused(
            conn, "UPDATE committee_papers SET summary = ''")
    with access_store.connect("postgres") as conn:
        titles = dict(conn.execute("SELECT id, title FROM priorities WHERE id IN (%s, %s)",
                                   (my_priority, other_priority)).fetchall())
        assert titles[my_priority] == "Edited by the editor"
        assert titles[other_priority] != "Not theirs"
        assert _count(conn, "SELECT count(*) FROM outputs WHERE priority_id = %s",
                      (other_priority,)) > 0
        assert _count(conn, "SELECT count(*) FROM outputs WHERE text = 'Planted'") == 0
        assert _count(conn, "SELECT count(*) FROM outputs "
                            "WHERE text = 'A new output of theirs'") == 1
        assert _count(conn, "SELECT count(*) FROM portfolios WHERE holder = 'Cllr New'") == 1


def test_a_clerk_reads_everything_and_writes_only_the_committee_paper(access_store):
    clerk = access_store.names["clerk"]
    with access_store.connect(clerk) as conn:
        assert _count(conn, "SELECT count(*) FROM priorities") > 0
        assert conn.execute("UPDATE committee_papers SET item_number = '7'").rowcount == 1
        conn.execute("INSERT INTO recommendations (paper_id, position, text) "
                     "SELECT id, 9, 'Note the plan' FROM committee_papers")
        conn.commit()
        assert "permission denied for table priorities" in _refused(
            conn, "UPDATE priorities SET title = 'Clerked'")
        assert "permission denied for table portfolios" in _refused(
            conn, "DELETE FROM portfolios")
        assert "permission denied for table plans" in _refused(
            conn, "UPDATE plans SET status = 'approved'")
    with access_store.connect("postgres") as conn:
        assert _count(conn, "SELECT count(*) FROM committee_papers WHERE item_number = '7'") == 1
        assert _count(conn, "SELECT count(*) FROM recommendations "
                            "WHERE text = 'Note the plan'") == 1


def test_a_role_of_another_store_cannot_even_connect(capsys, access_store, pg_cluster):
    from tests.pg import drop_database, new_database
    from tests.support import run_cli

    other_db = new_database(pg_cluster)
    try:
        other = pg_cluster.url(other_db)
        assert run_cli(capsys, "init", other)[0] == 0
        stranger = f"{other_db}_owner_user"
        assert run_cli(capsys, "users", other, "add", stranger, "--role", "owner")[0] == 0
        with pytest.raises(psycopg.OperationalError,
                           match=f'permission denied for database "{access_store.database}"'):
            access_store.connect(stranger)
        # nor can a login role with no role at all, though the server knows it
        pg_cluster.admin(f'CREATE ROLE "{other_db}_nobody" LOGIN')
        with pytest.raises(psycopg.OperationalError, match="permission denied for database"):
            access_store.connect(f"{other_db}_nobody")
    finally:
        drop_database(pg_cluster, other_db)


def test_an_owner_changes_everything_and_manages_roles(access_store):
    owner = access_store.names["owner"]
    other = portfolio_ids(access_store)[1]
    with access_store.connect(owner) as conn:
        assert conn.execute("UPDATE priorities SET title = 'Owner edit' WHERE portfolio_id = %s",
                            (other,)).rowcount >= 1
        assert conn.execute("UPDATE plans SET title = 'Owner title'").rowcount == 1
        conn.execute(f'GRANT "{access_store.database}_reader" TO '
                     f'"{access_store.names["clerk"]}"')
        conn.commit()


def test_a_removed_reader_can_no_longer_connect(capsys, access_store):
    from tests.support import run_cli

    reader = access_store.names["reader"]
    code, out, err = run_cli(capsys, "users", access_store.url, "remove", reader)
    assert code == 0, err
    with pytest.raises(psycopg.OperationalError, match="permission denied for database"):
        access_store.connect(reader)


def test_the_store_with_its_access_rules_still_passes_the_schema_check(access_store):
    from lcplanner.store.engine import open_store

    for user in access_store.names.values():
        store = open_store(access_store.url_as(user), readonly=True)
        store.close()


def test_history_is_written_only_in_ones_own_name_and_never_rewritten(access_store):
    """Editors and clerks add history rows as they edit, under their own name only; nobody
    but an owner changes or removes a row, and a reader adds none."""
    editor, reader = access_store.names["editor"], access_store.names["reader"]
    insert = ("INSERT INTO change_history (changed_at, changed_by, kind, item_id, action, "
              "field) VALUES (now(), %s, 'priority', 1, 'changed', 'title')")
    with access_store.connect(editor) as conn:
        conn.execute(insert, (editor,))
        conn.commit()
        with pytest.raises(psycopg.errors.InsufficientPrivilege,
                           match='new row violates row-level security policy for table '
                                 '"change_history"'):
            conn.execute(insert, ("someone_else",))
        conn.rollback()
        assert "permission denied for table change_history" in _refused(
            conn, "UPDATE change_history SET changed_by = 'someone_else'")
        assert "permission denied for table change_history" in _refused(
            conn, "DELETE FROM change_history")
    with access_store.connect(reader) as conn:
        assert "permission denied for table change_history" in _refused(conn, insert, (reader,))
    with access_store.connect("postgres") as conn:
        written = conn.execute("SELECT changed_by, count(*) FROM change_history "
                               "WHERE changed_by <> 'postgres' GROUP BY changed_by").fetchall()
        assert written == [(editor, 1)]  # the setup's own rows are the owner's
