"""The command line against a server database: init, and the file-only commands' refusals."""
from __future__ import annotations

import json

from sqlalchemy import create_engine, text

from lcplanner.store.engine import SCHEMA_VERSION
from lcplanner.store.server import engine_url
from tests.support import FIXTURES, one_line, run_cli, store_label


def test_init_creates_the_store_and_import_stats_export_use_it(capsys, pg_url, tmp_path):
    import docx

    code, out, err = run_cli(capsys, "init", pg_url)
    assert (code, err) == (0, "")
    assert out == f"Created an lcplanner store in {store_label(pg_url)}.\n"
    code, out, _ = run_cli(capsys, "stats", pg_url)
    assert (code, out) == (0, f"{store_label(pg_url)} holds no plans.\n")
    code, out, err = run_cli(capsys, "import", FIXTURES / "paper_directorate.txt",
                             "--into", pg_url)
    assert code == 0, err
    assert out.startswith("Imported '") and f"' into {store_label(pg_url)}: " in out
    code, out, _ = run_cli(capsys, "stats", pg_url, "--json")
    plans = json.loads(out)["plans"]
    assert len(plans) == 1 and plans[0]["counts"]["priorities"] > 0
    target = tmp_path / "plan.docx"
    code, out, err = run_cli(capsys, "export", "docx", pg_url, "-o", target)
    assert (code, out) == (0, f"Wrote {target}\n"), err
    text_ = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert "Move all pass applications online" in text_


def test_init_refuses_a_database_that_is_not_empty_with_one_line(capsys, pg_url):
    engine = create_engine(engine_url(pg_url))
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE invoices (n integer)"))
    engine.dispose()
    code, out, err = run_cli(capsys, "init", pg_url)
    assert (code, out) == (2, "")
    assert one_line(err) == (f"lcplanner: {store_label(pg_url)} is not empty (it holds 1 "
                             "tables): lcplanner init needs an empty database; nothing was "
                             "changed.")


def test_init_twice_says_the_store_is_there(capsys, pg_url):
    assert run_cli(capsys, "init", pg_url)[0] == 0
    code, _, err = run_cli(capsys, "init", pg_url)
    assert code == 2
    assert one_line(err) == (f"lcplanner: {store_label(pg_url)} already holds an lcplanner "
                             f"store (store version {SCHEMA_VERSION}); nothing was changed.")


def test_init_of_a_file_path_is_refused(capsys, tmp_path):
    code, _, err = run_cli(capsys, "init", tmp_path / "plans.lcplan")
    assert code == 2
    assert one_line(err) == (f"lcplanner: {tmp_path / 'plans.lcplan'} is not a PostgreSQL URL "
                             "(postgresql://host/db): a store file is created by 'lcplanner "
                             "import' or the editor")
    assert not (tmp_path / "plans.lcplan").exists()


def test_stats_on_an_empty_database_points_at_init(capsys, pg_url):
    code, _, err = run_cli(capsys, "stats", pg_url)
    assert code == 2
    assert one_line(err) == (f"lcplanner: {store_label(pg_url)} holds no lcplanner store yet: "
                             "create one with 'lcplanner init URL'.")


def test_backups_and_restore_need_a_file(capsys, pg_url, tmp_path):
    expected = ("works on a store file only; a server database is backed up and restored "
                "with the server's own tools (pg_dump, pg_restore)")
    code, _, err = run_cli(capsys, "backups", pg_url)
    assert (code, one_line(err)) == (2, f"lcplanner: 'lcplanner backups' {expected}")
    code, _, err = run_cli(capsys, "restore", tmp_path / "old.lcplan", "--into", pg_url)
    assert (code, one_line(err)) == (2, f"lcplanner: 'lcplanner restore' {expected}")


def test_a_server_that_cannot_be_reached_is_one_line(capsys, tmp_path):
    code, out, err = run_cli(capsys, "stats", f"postgresql://nobody@/plans?host={tmp_path}")
    assert (code, out) == (2, "")
    assert one_line(err).startswith(f"lcplanner: Cannot reach the database 'plans' on "
                                    f"{tmp_path}: ")


def test_a_password_in_the_url_is_refused_by_every_command(capsys, tmp_path):
    url = f"postgresql://clerk:hunter2@/plans?host={tmp_path}"
    for argv in (("stats", url), ("init", url),
                 ("import", FIXTURES / "paper_directorate.txt", "--into", url)):
        code, out, err = run_cli(capsys, *argv)
        assert (code, out) == (2, "")
        assert one_line(err) == ("lcplanner: The server URL holds a password: lcplanner does "
                                 "not take one there. Give it in PGPASSWORD or ~/.pgpass "
                                 "instead.")
        assert "hunter2" not in err


def test_the_editor_refuses_a_server_url_with_a_password_before_starting(capsys, pg_url):
    url = pg_url.replace("postgres@", "postgres:hunter2@")
    code, out, err = run_cli(capsys, url)
    assert (code, out) == (2, "") and "hunter2" not in err
    assert one_line(err) == ("lcplanner: The server URL holds a password: lcplanner does "
                             "not take one there. Give it in PGPASSWORD or ~/.pgpass instead.")
