"""3. Restore is atomic and exclusive; 7. relative paths work (one line, never a traceback)."""
from __future__ import annotations

import os
import sqlite3
import stat
import time

import pytest

from lcplanner.cli import main
from lcplanner.store.backup import backup_before
from tests.safety.hostile import OtherProgram, cli, make_sample_store, one_line, settle

#: A program that ignores lcplanner's lock file: it keeps the store open with SQLite and
#: commits edits, printing an acknowledgement after each commit.
WRITER = r"""
import sqlite3, sys, time
conn = sqlite3.connect({path!r}, isolation_level=None, timeout=60)
conn.execute("CREATE TABLE IF NOT EXISTS writer_log (n INTEGER)")
for n in range(3):
    conn.execute("INSERT INTO writer_log VALUES (?)", (n,))
print("ready", flush=True)
sys.stdin.readline()
for n in range(3, 17):
    conn.execute("INSERT INTO writer_log VALUES (?)", (n,))
    print("ack", n, flush=True)
    time.sleep({pause})
conn.close()
"""


def _logged(path) -> list[int]:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT n FROM writer_log ORDER BY n")]
    finally:
        conn.close()


def test_restore_refuses_while_another_program_writes_and_its_edits_survive(tmp_path,
                                                                            monkeypatch, capsys):
    store = make_sample_store(tmp_path / "plans.lcplan")
    backup = backup_before(store, reason="manual")
    monkeypatch.setenv("LCPLANNER_WAIT_LIMIT", "1.5")
    writer = OtherProgram(WRITER.format(path=str(store), pause=0))
    try:
        code = main(["restore", str(backup), "--into", str(store)])
        err = capsys.readouterr().err
        writer.go()
        acks = writer.finish().split("\n")
    finally:
        writer.kill()
    assert code == 2
    assert "open in another program, so it was not replaced" in err.strip().splitlines()[-1]
    assert "Traceback" not in err
    assert len([a for a in acks if a.startswith("ack")]) == 14
    assert _logged(store) == list(range(17))  # every acknowledged edit is in the store
    assert not list(tmp_path.glob("plans.before-restore-*"))


def test_restore_waits_for_the_writer_to_close_and_keeps_its_edits_aside(tmp_path):
    store = make_sample_store(tmp_path / "plans.lcplan")
    backup = backup_before(store, reason="manual")
    writer = OtherProgram(WRITER.format(path=str(store), pause=0.5))
    try:
        writer.go()  # about 7 seconds of commits, then it closes
        done = cli("restore", str(backup), "--into", str(store))
        writer.finish()
    finally:
        writer.kill()
    assert done.returncode == 0, done.stderr
    assert "waiting for another program to close plans.lcplan" in done.stderr
    aside = tmp_path / done.stdout.split("kept as ")[1].rstrip(".\n")
    assert _logged(aside) == list(range(17))
    conn = sqlite3.connect(store)
    assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name='writer_log'").fetchone()
    conn.close()


def test_restored_store_follows_the_umask_and_keeps_the_existing_mode(tmp_path, capsys):
    store = make_sample_store(tmp_path / "plans.lcplan")
    backup = backup_before(store, reason="manual")
    old = os.umask(0o022)
    try:
        os.chmod(store, 0o640)
        assert main(["restore", str(backup), "--into", str(store)]) == 0
        assert stat.S_IMODE(store.stat().st_mode) == 0o640
        fresh = tmp_path / "fresh.lcplan"
        assert main(["restore", str(backup), "--into", str(fresh)]) == 0
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
    finally:
        os.umask(old)


def test_restore_with_relative_paths_works_like_absolute_ones(tmp_path, monkeypatch, capsys):
    store = make_sample_store(tmp_path / "plans.lcplan")
    backup = backup_before(store, reason="manual")
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    assert main(["backups", "plans.lcplan"]) == 0
    listed = capsys.readouterr().out.strip().split("\t")[1]
    assert listed == f"plans.lcplan.backups/{backup.name}"  # the relative form it prints
    code = main(["restore", listed, "--into", "plans.lcplan"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out.startswith(f"Restored {backup.name} into plans.lcplan; the previous file is kept")


def test_restore_onto_itself_is_refused(tmp_path, capsys):
    store = make_sample_store(tmp_path / "plans.lcplan")
    before = store.read_bytes()
    assert main(["restore", str(store), "--into", str(store)]) == 2
    assert "is the store itself" in one_line(capsys.readouterr().err)
    assert store.read_bytes() == before


@pytest.mark.parametrize("leave", [0, 100_000])
def test_restore_on_a_full_disk_changes_nothing(small_disk, leave):
    from tests.safety.hostile import snapshot

    store = make_sample_store(small_disk.root / "plans.lcplan")
    backup = backup_before(store, reason="manual")
    settle(store)
    small_disk.fill(leave=leave)
    before = snapshot(small_disk.root)
    time.sleep(0.01)
    done = cli("restore", str(backup), "--into", str(store))
    assert done.returncode == 2
    line = one_line(done.stderr)
    assert "the disk is full (" in line and "MB free); nothing was changed" in line
    after = snapshot(small_disk.root)
    assert set(after) == set(before)  # no -wal, -shm, staged copy or aside file left
    conn = sqlite3.connect(f"{store.as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        assert conn.execute("SELECT title FROM plans").fetchone()[0] == "Business Plan 2026/27"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def test_copies_follow_the_umask_and_keep_a_replaced_file_s_mode(tmp_path):
    from lcplanner.store.backup import copy_store

    store = make_sample_store(tmp_path / "plans.lcplan")
    old = os.umask(0o027)
    try:
        fresh = copy_store(store, tmp_path / "copy.lcplan")
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o640
        existing = tmp_path / "shared.lcplan"
        existing.write_bytes(b"an older copy")
        os.chmod(existing, 0o664)
        copy_store(store, existing)
        assert stat.S_IMODE(existing.stat().st_mode) == 0o664
        assert existing.read_bytes()[:16] == b"SQLite format 3\0"
    finally:
        os.umask(old)
