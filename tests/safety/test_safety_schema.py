"""4. Opening a store never runs its code; 7. a dropped column is one line, not a traceback."""
from __future__ import annotations

import sqlite3

import pytest

from lcplanner.cli import main
from lcplanner.store.engine import open_store
from lcplanner.store.errors import AlteredStoreError
from lcplanner.store.failures import connect_readonly
from lcplanner.store.schema_check import check_schema
from tests.safety.hostile import make_sample_store, one_line

PAPER = ("Tiny Council Plan 2030\n\nCorporate Plan\n\n1. Resources Directorate\n\nBudgets\n"
         "• Balance the budget\n• Publish the accounts on time\n")


def _alter(path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def _count(path, table: str) -> int:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


def test_a_trigger_in_the_store_never_runs_on_import(tmp_path, capsys):
    store = make_sample_store(tmp_path / "plans.lcplan")
    outputs = _count(store, "outputs")
    assert outputs == 19
    _alter(store, "CREATE TRIGGER wipe AFTER UPDATE ON store_state BEGIN "
                  "DELETE FROM outputs; END")
    paper = tmp_path / "paper.txt"
    paper.write_text(PAPER, encoding="utf-8")
    code = main(["import", str(paper), "--into", str(store)])
    line = one_line(capsys.readouterr().err)
    assert code == 2
    assert "this store has been altered: it holds a trigger named 'wipe'" in line
    assert _count(store, "outputs") == outputs and _count(store, "plans") == 1


@pytest.mark.parametrize("statement, said", [
    ("CREATE VIEW everything AS SELECT * FROM outputs", "a view named 'everything'"),
    ("CREATE TABLE notes (body TEXT)", "a table named 'notes' that lcplanner did not create"),
    ("CREATE INDEX by_title ON plans (title)", "an index named 'by_title'"),
    ("ALTER TABLE plans DROP COLUMN period", "the column 'plans.period' is missing"),
    ("ALTER TABLE plans ADD COLUMN secret TEXT", "the table 'plans' has a column 'secret'"),
])
def test_altered_stores_get_one_refusal_for_every_command(tmp_path, capsys, statement, said):
    store = make_sample_store(tmp_path / "plans.lcplan")
    _alter(store, statement)
    before = store.read_bytes()
    for argv in (["stats", str(store)], ["export", "docx", str(store), "-o",
                                         str(tmp_path / "out.docx")]):
        code = main(argv)
        line = one_line(capsys.readouterr().err)
        assert code == 2 and "this store has been altered" in line and said in line, line
    with pytest.raises(AlteredStoreError, match="has been altered"):
        open_store(store)
    assert store.read_bytes() == before
    assert not (tmp_path / "out.docx").exists() and store.exists()


def test_every_connection_distrusts_the_schema(tmp_path):
    store_path = make_sample_store(tmp_path / "plans.lcplan")
    for readonly in (False, True):
        store = open_store(store_path, readonly=readonly)
        try:
            with store.engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA trusted_schema").scalar() == 0
        finally:
            store.close()
    conn = connect_readonly(store_path)
    try:
        assert conn.execute("PRAGMA trusted_schema").fetchone()[0] == 0
    finally:
        conn.close()


def test_the_check_is_one_read_of_sqlite_master(tmp_path):
    store = make_sample_store(tmp_path / "plans.lcplan")
    conn = connect_readonly(store)
    statements = []
    conn.set_trace_callback(statements.append)
    try:
        check_schema(conn, store, current=True)
    finally:
        conn.close()
    run = [s for s in statements if not s.startswith("--")]  # "--" lines are its parts
    assert len(run) == 1 and "sqlite_master" in run[0]
