"""2. Damaged means damaged: a full disk, a read-only place, an I/O error and a locked store
are each told apart from damage, and only damage found by SQLite sets a store aside."""
from __future__ import annotations

import shutil
import sqlite3

import pytest
from sqlalchemy import create_engine

from lcplanner.cli import main
from lcplanner.store import engine as engine_module
from lcplanner.store.backup import backup_before, backup_folder
from lcplanner.store.migrate import revisions, upgrade
from tests.safety.hostile import OtherProgram, cli, make_sample_store, one_line, settle, \
    snapshot
from tests.support import damage_store

PAPER = ("Tiny Council Plan 2032\n\nCorporate Plan\n\n1. Resources Directorate\n\nBudgets\n"
         "• Balance the budget\n• Publish the accounts on time\n")

FULL = ("the disk is full (", " MB free); nothing was changed. Free some space and try again.")


def _is_disk_full(line: str) -> bool:
    return line.startswith("lcplanner: " + FULL[0]) and line.endswith(FULL[1])


def _plans(path) -> list[str]:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT title FROM plans ORDER BY id")]
    finally:
        conn.close()


@pytest.fixture
def full_disk_store(small_disk, tmp_path):
    """The sample store on a small disk, closed, with a paper to import kept elsewhere."""
    store = make_sample_store(small_disk.root / "plans.lcplan")
    settle(store)
    paper = tmp_path / "paper.txt"
    paper.write_text(PAPER, encoding="utf-8")
    return small_disk, store, paper


@pytest.mark.parametrize("leave", [0, 100_000])
def test_full_disk_reads_still_work_and_nothing_is_set_aside(full_disk_store, tmp_path, leave):
    disk, store, _paper = full_disk_store
    disk.fill(leave=leave)
    before = snapshot(disk.root)
    stats = cli("stats", str(store), "--json")
    assert stats.returncode == 0, stats.stderr
    assert '"title": "Business Plan 2026/27"' in stats.stdout
    export = cli("export", "docx", str(store), "-o", str(tmp_path / "plan.docx"))
    assert export.returncode == 0, export.stderr
    assert (tmp_path / "plan.docx").stat().st_size > 10_000
    # A reader may leave SQLite's empty -wal and its -shm index (as SQLite always does for
    # read-only connections); the store itself and everything else is as it was.
    after = {name: data for name, data in snapshot(disk.root).items()
             if not name.endswith("-shm") and not (name.endswith("-wal") and not data[0])}
    assert after == before


@pytest.mark.parametrize("leave", [0, 100_000])
def test_full_disk_import_changes_nothing(full_disk_store, leave):
    disk, store, paper = full_disk_store
    disk.fill(leave=leave)
    before = snapshot(disk.root)
    done = cli("import", str(paper), "--into", str(store))
    assert done.returncode == 2 and _is_disk_full(one_line(done.stderr)), done.stderr
    assert snapshot(disk.root) == before  # no backup folder, -wal, -shm or lock file left
    assert _plans(store) == ["Business Plan 2026/27"]


def test_full_disk_at_the_backup_step_leaves_no_temporary_files(full_disk_store):
    disk, store, paper = full_disk_store
    earlier = backup_before(store, reason="manual")
    settle(store)
    disk.fill(leave=100_000)  # the in-use mark fits; a copy of the store does not
    before = snapshot(disk.root)
    done = cli("import", str(paper), "--into", str(store))
    assert done.returncode == 2 and _is_disk_full(one_line(done.stderr)), done.stderr
    assert sorted(p.name for p in backup_folder(store).iterdir()) == [earlier.name]
    assert snapshot(disk.root) == before


def test_full_disk_export_says_so_and_leaves_no_temporary_file(full_disk_store):
    disk, store, _paper = full_disk_store
    disk.fill(leave=0)
    before = snapshot(disk.root)
    done = cli("export", "pdf", str(store), "-o", str(disk.root / "plan.pdf"))
    assert done.returncode == 2 and _is_disk_full(one_line(done.stderr)), done.stderr
    assert snapshot(disk.root) == before


@pytest.mark.parametrize("leave", [0, 100_000])
def test_full_disk_migration_changes_nothing(small_disk, tmp_path, leave):
    old = small_disk.root / "old.lcplan"
    engine = create_engine(f"sqlite:///{old}")
    upgrade(engine, target=revisions()[0])
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO plans (id, position, title, period, status, organisation, "
            "financial_quarters, created, modified) VALUES (1, 0, 'Old plan', '2019/20', "
            "'draft', 'Org', 0, '2020-01-01', '2020-01-01')")
    engine.dispose()
    conn = sqlite3.connect(old)
    conn.execute("PRAGMA journal_mode=WAL")  # as lcplanner leaves its stores
    conn.close()
    paper = tmp_path / "paper.txt"
    paper.write_text(PAPER, encoding="utf-8")
    small_disk.fill(leave=leave)
    before = snapshot(small_disk.root)
    done = cli("import", str(paper), "--into", str(old))
    assert done.returncode == 2 and _is_disk_full(one_line(done.stderr)), done.stderr
    assert snapshot(small_disk.root) == before
    assert _plans(old) == ["Old plan"]


def test_read_only_folder_opens_read_only_and_import_refuses(small_disk, tmp_path):
    store = make_sample_store(small_disk.root / "plans.lcplan")
    settle(store)
    paper = tmp_path / "paper.txt"
    paper.write_text(PAPER, encoding="utf-8")
    small_disk.make_read_only()
    stats = cli("stats", str(store))
    assert stats.returncode == 0 and stats.stdout.startswith("#1  Business Plan 2026/27"), \
        stats.stderr
    export = cli("export", "docx", str(store), "-o", str(tmp_path / "plan.docx"))
    assert export.returncode == 0, export.stderr
    done = cli("import", str(paper), "--into", str(store))
    assert done.returncode == 2
    assert one_line(done.stderr) == ("lcplanner: plans.lcplan is in a read-only folder, so it "
                                     "can be opened read-only only; nothing was changed.")
    assert sorted(p.name for p in small_disk.root.iterdir()) == ["plans.lcplan"]


def test_damage_in_a_read_only_folder_is_reported_and_left_in_place(small_disk):
    store = make_sample_store(small_disk.root / "plans.lcplan")
    settle(store)
    damage_store(store)
    small_disk.make_read_only()
    done = cli("stats", str(store))
    line = one_line(done.stderr)
    assert done.returncode == 2 and "is damaged" in line
    assert "could not be set aside (Read-only file system), so it was left as it is" in line
    assert sorted(p.name for p in small_disk.root.iterdir()) == ["plans.lcplan"]


def test_an_io_error_is_not_damage(tmp_path, monkeypatch, capsys):
    store = make_sample_store(tmp_path / "plans.lcplan")

    def failing_disk(*_args, **_kwargs):
        error = sqlite3.OperationalError("disk I/O error")
        error.sqlite_errorname = "SQLITE_IOERR_READ"
        raise error

    monkeypatch.setattr(engine_module, "_check_integrity", failing_disk)
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: shutil._ntuple_diskusage(
        10 ** 10, 10 ** 9, 9 * 10 ** 9))
    assert main(["stats", str(store)]) == 2
    line = one_line(capsys.readouterr().err)
    assert line == ("lcplanner: plans.lcplan could not be read or written because of a disk "
                    "error (disk I/O error); nothing was changed. Check the disk and try again.")
    assert store.exists() and not list(tmp_path.glob("*.corrupt"))


def test_a_locked_store_is_not_damage(tmp_path):
    store = make_sample_store(tmp_path / "plans.lcplan")
    locker = OtherProgram(f"""
import sqlite3, time
conn = sqlite3.connect({str(store)!r}, isolation_level=None)
conn.execute("PRAGMA journal_mode=DELETE")
conn.execute("BEGIN EXCLUSIVE")
print("ready", flush=True)
time.sleep(6)
conn.execute("ROLLBACK")
""")
    try:
        done = cli("stats", str(store), env={"LCPLANNER_WAIT_LIMIT": "1"})
        locker.finish()
    finally:
        locker.kill()
    assert done.returncode == 2
    assert one_line(done.stderr) == (
        "lcplanner: plans.lcplan has been kept busy by another program for over 1 second; "
        "nothing was changed. Try again when it has finished.")
    assert store.exists() and not list(tmp_path.glob("*.corrupt"))


def test_read_only_file_or_folder_for_an_ordinary_user(small_disk, capsys):
    """Root writes through file modes, so the commands run as the ``nobody`` user (in this
    process, whose Python lives where ``nobody`` may not look)."""
    import os
    import pwd

    try:
        nobody = pwd.getpwnam("nobody").pw_uid
    except KeyError:
        pytest.skip("no 'nobody' user to try file modes as")
    shared = small_disk.root / "shared"  # a folder anyone may write, holding a 0444 store
    shared.mkdir()
    shared.chmod(0o777)
    locked_file = make_sample_store(shared / "plans.lcplan")
    settle(locked_file)
    locked_file.chmod(0o444)
    locked_folder = make_sample_store(small_disk.root / "team.lcplan")  # in root's 0755 folder
    settle(locked_folder)
    paper = small_disk.root / "paper.txt"
    paper.write_text(PAPER, encoding="utf-8")
    warm = small_disk.root / "warm.lcplan"  # load every module while root may read them all
    assert main(["import", str(paper), "--into", str(warm)]) == 0
    assert main(["stats", str(warm), "--json"]) == 0
    for path in list(warm.parent.glob("warm.lcplan*")):
        path.unlink() if path.is_file() else shutil.rmtree(path)
    capsys.readouterr()
    before = snapshot(small_disk.root)

    def as_nobody(*argv):
        os.setresuid(nobody, nobody, 0)
        try:
            code = main(list(argv))
        finally:
            os.setresuid(0, 0, 0)
        out, err = capsys.readouterr()
        return code, out, err

    for store, refusal in (
            (locked_file, "lcplanner: plans.lcplan is read-only. Open it read-only, or copy it "
                          "somewhere you can write."),
            (locked_folder, "lcplanner: team.lcplan is in a read-only folder, so it can be "
                            "opened read-only only; nothing was changed.")):
        code, out, err = as_nobody("stats", str(store), "--json")
        assert code == 0 and '"outputs": 19' in out, err
        code, _out, err = as_nobody("import", str(paper), "--into", str(store))
        assert code == 2 and one_line(err) == refusal
    after = {k: v for k, v in snapshot(small_disk.root).items() if not k.endswith("-shm")
             and not (k.endswith("-wal") and not v[0])}
    assert after == before and not list(small_disk.root.rglob("*.corrupt"))
    assert os.stat(locked_file).st_mode & 0o777 == 0o444
