"""5. A refused command writes nothing at all; 6. a write lock held elsewhere is waited for;
7. one line, never a traceback (a symbolic link loop; disk errors); 8. import backups thinned."""
from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import time

from lcplanner.cli import main
from lcplanner.store.backup import KEEP_RECENT, backup_folder
from tests.safety.hostile import OtherProgram, cli, make_sample_store, one_line, settle, \
    snapshot

PAPER = ("Tiny Council Plan {year}\n\nCorporate Plan\n\n1. Resources Directorate\n\nBudgets\n"
         "• Balance the budget in {year}\n• Publish the accounts on time\n")

#: Holds SQLite's write lock on the store (a write in progress) for {hold} seconds.
HOLDER = r"""
import sqlite3, time
conn = sqlite3.connect({path!r}, isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
conn.execute("UPDATE plans SET title = title")
print("ready", flush=True)
time.sleep({hold})
conn.execute("COMMIT")
conn.close()
"""


def _paper(tmp_path, year: int = 2031):
    paper = tmp_path / f"paper-{year}.txt"
    paper.write_text(PAPER.format(year=year), encoding="utf-8")
    return paper


def test_an_import_refused_as_open_elsewhere_writes_nothing(tmp_path, capsys):
    store = make_sample_store(tmp_path / "plans.lcplan")
    settle(store)
    paper = _paper(tmp_path)
    other = subprocess.Popen(["sleep", "60"])  # a live process on this machine holds it
    try:
        store.with_name("plans.lcplan.lock").write_text(json.dumps({
            "user": "colleague", "host": socket.gethostname(), "pid": other.pid,
            "since": "2026-01-05T09:00:00"}), encoding="utf-8")
        before = snapshot(tmp_path)
        time.sleep(0.02)
        code = main(["import", str(paper), "--into", str(store)])
        line = one_line(capsys.readouterr().err)
    finally:
        other.kill()
        other.wait()
    assert code == 2 and "is open elsewhere (colleague on" in line
    assert snapshot(tmp_path) == before  # bytes and modification times of every file


def test_a_write_held_for_12_seconds_is_waited_for(tmp_path):
    store = make_sample_store(tmp_path / "plans.lcplan")
    holder = OtherProgram(HOLDER.format(path=str(store), hold=12))
    try:
        started = time.monotonic()
        done = cli("import", str(_paper(tmp_path)), "--into", str(store))
        took = time.monotonic() - started
        holder.finish()
    finally:
        holder.kill()
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == ("lcplanner: waiting for another program to finish writing "
                                   "plans.lcplan (up to 30 seconds)…")
    assert done.stdout.startswith("Imported 'Tiny Council Plan 2031' into plans.lcplan")
    assert took > 9


def test_a_write_held_past_the_limit_gives_up_with_one_line(tmp_path):
    store = make_sample_store(tmp_path / "plans.lcplan")
    settle(store)
    paper = _paper(tmp_path)
    before = snapshot(tmp_path)
    holder = OtherProgram(HOLDER.format(path=str(store), hold=8))
    try:
        done = cli("import", str(paper), "--into", str(store),
                   env={"LCPLANNER_WAIT_LIMIT": "2"})
        holder.finish()
    finally:
        holder.kill()
    assert done.returncode == 2 and "Traceback" not in done.stderr
    waiting, gave_up = done.stderr.strip().splitlines()
    assert waiting.startswith("lcplanner: waiting for another program to finish writing")
    assert gave_up == ("lcplanner: plans.lcplan has been kept busy by another program for over "
                       "2 seconds; nothing was changed. Try again when it has finished.")
    assert {k: v[0] for k, v in snapshot(tmp_path).items()} == \
        {k: v[0] for k, v in before.items()}


def test_a_symbolic_link_loop_as_the_store_is_one_line(tmp_path, capsys):
    loop = tmp_path / "loop.lcplan"
    os.symlink(loop, loop)
    for argv in (["import", str(_paper(tmp_path)), "--into", str(loop)],
                 ["stats", str(loop)], ["restore", str(loop), "--into", str(loop)]):
        code = main(argv)
        line = one_line(capsys.readouterr().err)
        assert code == 2 and "a symbolic link that leads back to itself (a loop)" in line, line


def test_import_backups_are_thinned(tmp_path, capsys):
    store = make_sample_store(tmp_path / "plans.lcplan")
    for year in range(2031, 2045):  # 14 imports
        assert main(["import", str(_paper(tmp_path, year)), "--into", str(store)]) == 0
    capsys.readouterr()
    conn = sqlite3.connect(store)
    assert conn.execute("SELECT count(*) FROM plans").fetchone()[0] == 15
    conn.close()
    assert len(list(backup_folder(store).glob("*-import.lcplan"))) == KEEP_RECENT
