"""The team load benchmark (tests/bench/bench_team.py), briefly: four editors for three seconds
on a PostgreSQL server and one writer on a SQLite file. Its consistency checks must hold, and
must catch a lost edit, a missing item and a gap in positions when one is made."""
from __future__ import annotations

from sqlalchemy import create_engine, text

from lcplanner.store.server import engine_url
from tests.bench.bench_team import run_editors, run_sqlite, verify


def _sql(url, *statements):
    engine = create_engine(engine_url(url))
    with engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))
    engine.dispose()


def test_four_editors_lose_nothing_and_keep_positions(pg_url, tmp_path):
    figures = run_editors(pg_url, 4, 3.0, tmp_path)
    assert figures.errors == []
    assert figures.checks.lost == [] and figures.checks.notes == []
    assert figures.checks.positions_ok and figures.checks.integrity_ok
    kinds = {ack[0] for r in figures.results for ack in r["acks"]}
    assert {"set", "add", "move", "delete"} <= kinds
    assert figures.edits == figures.checks.acknowledged > 40
    assert len({r["editor"] for r in figures.results}) == 4

    # The checks are real: an overwritten save, a vanished item and a gap are each caught.
    saved = next(ack for r in figures.results for ack in r["acks"] if ack[0] == "set")
    added = [ack[1] for r in figures.results for ack in r["acks"] if ack[0] == "add"]
    survivor = next(i for i in added if all(
        ack[1] != i or ack[0] != "delete" for r in figures.results for ack in r["acks"]))
    _sql(pg_url, f"UPDATE outputs SET text = 'overwritten' WHERE id = {saved[1]}")
    checks = verify(pg_url, figures.layout, figures.results)
    assert any(f"output {saved[1]} holds 'overwritten'" in line for line in checks.lost)
    _sql(pg_url, f"DELETE FROM outputs WHERE id = {survivor}")
    checks = verify(pg_url, figures.layout, figures.results)
    assert f"output {survivor} was acknowledged but is missing" in checks.lost
    first = figures.layout["priorities"][0]
    _sql(pg_url, "UPDATE outputs SET position = position + 100 "
                 f"WHERE priority_id = {first} AND position = 0")
    checks = verify(pg_url, figures.layout, figures.results)
    assert not checks.positions_ok
    assert any(note.startswith(f"priority {first}: positions [") for note in checks.notes)


def test_one_sqlite_writer_is_checked_the_same_way(tmp_path):
    figures = run_sqlite(tmp_path / "single.lcplan", 2.0)
    assert figures.errors == [] and figures.conflicts == 0
    assert figures.checks.ok and figures.checks.acknowledged == figures.edits > 20
