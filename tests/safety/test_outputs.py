"""Hostile paths for outputs: an export never replaces what it must not, leaves no temporary
files behind (even when killed), and creates files as the user's other programs would.

Each test here failed before the output rule (lcplanner/writers/targets.py) and the reworked
atomic writes (lcplanner/writers/atomic.py).
"""
from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support import folder_state, one_line, run_cli

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def store_file(sample_store, store_path):
    """The sample store, closed: a file on disk as a user has it."""
    sample_store.close()
    return store_path


def _refused(capsys, folder: Path, *argv) -> str:
    """Run an export that must be refused: exit 2, one line, nothing in ``folder`` changed."""
    before = folder_state(folder)
    code, out, err = run_cli(capsys, *argv)
    assert code == 2, (out, err)
    assert out == ""
    assert folder_state(folder) == before
    return one_line(err)


# --- 1. an output never replaces what it must not ------------------------------------------


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_export_onto_its_own_store_is_refused_even_with_force(capsys, store_file, tmp_path, fmt):
    line = _refused(capsys, tmp_path, "export", fmt, store_file, "-o", store_file, "--force")
    assert line == (f"lcplanner: {store_file} is the store being read; an output never "
                    "replaces its own store. Nothing was written.")


@pytest.mark.parametrize("link", ["symbolic", "hard"])
def test_export_onto_a_link_to_its_store_is_refused(capsys, store_file, tmp_path, link):
    alias = tmp_path / "paper.docx"
    (os.symlink if link == "symbolic" else os.link)(store_file, alias)
    line = _refused(capsys, tmp_path, "export", "docx", store_file, "-o", alias, "--force")
    assert line.startswith(f"lcplanner: {alias} is the store being read")


@pytest.mark.parametrize("companion", ["-wal", ".lock"])
def test_export_onto_a_store_companion_is_refused(capsys, store_file, tmp_path, companion):
    side = Path(f"{store_file}{companion}")
    side.write_bytes(b"")
    line = _refused(capsys, tmp_path, "export", "pdf", store_file, "-o", side, "--force")
    assert "belongs to the store being read" in line


def test_export_onto_another_store_named_like_a_document_is_refused(capsys, store_file,
                                                                       tmp_path):
    """Told by content (SQLite header and application_id), not by the name."""
    other = tmp_path / "minutes.docx"
    shutil.copyfile(store_file, other)
    line = _refused(capsys, tmp_path, "export", "docx", store_file, "-o", other, "--force")
    assert line == (f"lcplanner: {other} is an lcplanner store; an export never replaces a "
                    "store. Nothing was written.")


def test_export_onto_a_backup_is_refused(capsys, store_file, tmp_path):
    from lcplanner.store.backup import backup_before

    backup = backup_before(store_file, reason="test")
    line = _refused(capsys, tmp_path, "export", "pdf", store_file, "-o", backup, "--force")
    assert f"{backup} is a backup of an lcplanner store" in line


def test_a_sqlite_file_of_another_program_is_not_a_store(tmp_path):
    import sqlite3

    from lcplanner.writers.targets import check_target, store_kind

    other = tmp_path / "other.docx"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    assert store_kind(other) is None
    check_target(other)  # an ordinary file: replacing it is the user's choice


@pytest.mark.parametrize("make, what", [
    (lambda p: p.mkdir(), "a folder, not a file"),
    (lambda p: os.mkfifo(p), "a pipe, not a regular file"),
])
def test_export_onto_a_folder_or_pipe_is_refused(capsys, store_file, tmp_path, make, what):
    target = tmp_path / "out.docx"
    make(target)
    line = _refused(capsys, tmp_path, "export", "docx", store_file, "-o", target, "--force")
    assert line.startswith(f"lcplanner: {target} is {what}")


def test_export_onto_a_device_is_refused(capsys, store_file, tmp_path):
    code, out, err = run_cli(capsys, "export", "pdf", store_file, "-o", os.devnull, "--force")
    assert code == 2 and out == ""
    assert one_line(err).startswith(f"lcplanner: {os.devnull} is a device, not a regular file")
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_read_only_file_needs_force(capsys, store_file, tmp_path):
    import docx

    target = tmp_path / "paper.docx"
    target.write_bytes(b"an older paper")
    target.chmod(0o444)
    line = _refused(capsys, tmp_path, "export", "docx", store_file, "-o", target)
    assert line == (f"lcplanner: {target} is read-only. Use --force to write it anyway. "
                    "Nothing was written.")
    code, out, err = run_cli(capsys, "export", "docx", store_file, "-o", target, "--force")
    assert code == 0, err
    assert out == f"Wrote {target}\n"
    assert docx.Document(str(target)).core_properties.title == "Business Plan 2026/27"
    assert stat.S_IMODE(target.stat().st_mode) == 0o444  # still read-only, as it was


def test_the_writers_refuse_a_store_whoever_calls_them(store_path, tmp_path, sample_plan):
    """The rule holds inside atomic_path too, for callers that skip the check."""
    from lcplanner.compose import compose
    from lcplanner.writers.atomic import ExportError
    from lcplanner.writers.pdf_writer import write_pdf

    document = compose(sample_plan, "plan")
    alias = tmp_path / "copy.pdf"
    os.link(store_path, alias)
    before = folder_state(tmp_path)
    with pytest.raises(ExportError, match="is an lcplanner store"):
        write_pdf(document, alias)
    assert folder_state(tmp_path) == before


def test_a_symbolic_link_loop_is_refused_in_one_line(capsys, store_file, tmp_path):
    loop = tmp_path / "loop.docx"
    loop.symlink_to(loop.name)
    line = _refused(capsys, tmp_path, "export", "docx", store_file, "-o", loop)
    assert line == (f"lcplanner: {loop} cannot be checked (Too many levels of symbolic links). "
                    "Nothing was written.")


def test_a_store_that_appears_during_the_export_is_not_replaced(store_file, tmp_path):
    """The rule is checked again just before the rename."""
    from lcplanner.writers.atomic import ExportError, atomic_path

    target = tmp_path / "paper.docx"
    with pytest.raises(ExportError, match="is an lcplanner store"):
        with atomic_path(target) as tmp:
            tmp.write_bytes(b"PK\x03\x04 the paper")
            shutil.copyfile(store_file, target)  # another program puts a store there
    assert target.read_bytes() == store_file.read_bytes()
    assert _temps(tmp_path) == []


# --- 2. no temporary files left, even by a killed export ------------------------------------


def _temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".lcplanner-" in p.name)


def test_a_failing_export_leaves_no_temporary_file(tmp_path, sample_plan, monkeypatch):
    from lcplanner.compose import compose
    from lcplanner.writers.atomic import ExportError
    from lcplanner.writers.docx_writer import write_docx

    target = tmp_path / "paper.docx"
    target.write_bytes(b"the previous paper")

    def half_written(self, path):
        Path(path).write_bytes(b"PK\x03\x04 half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("docx.document.Document.save", half_written)
    with pytest.raises(ExportError, match="No space left on device"):
        write_docx(compose(sample_plan, "plan"), target)
    assert target.read_bytes() == b"the previous paper"
    assert _temps(tmp_path) == []


_HOLD = """
import sys, time
from lcplanner.writers.atomic import atomic_path
with atomic_path(sys.argv[1]) as tmp:
    print(tmp, flush=True)
    time.sleep(120)
"""


def _holder(target: Path) -> tuple[subprocess.Popen, Path]:
    """A process in the middle of an export to ``target`` (its temporary file made)."""
    proc = subprocess.Popen([sys.executable, "-c", _HOLD, str(target)], stdout=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    tmp = Path(proc.stdout.readline().strip())
    assert tmp.exists() and tmp.parent == target.parent
    return proc, tmp


def test_a_killed_export_is_cleaned_up_by_the_next(store_file, tmp_path):
    target = tmp_path / "paper.docx"
    killed, stale = _holder(target)
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    running, live = _holder(tmp_path / "other.docx")  # an export still under way elsewhere
    try:
        time.sleep(0.05)  # both temporary files are older than the next run
        result = subprocess.run([sys.executable, "-m", "lcplanner", "export", "docx",
                                 str(store_file), "-o", str(target)], capture_output=True,
                                text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert result.returncode == 0, result.stderr
        assert not stale.exists()
        assert live.exists()  # a running export's file is left alone
        assert _temps(tmp_path) == [live.name]
    finally:
        running.kill()
        running.wait()


def test_stale_temporary_file_rules(tmp_path, monkeypatch):
    from lcplanner.writers import atomic

    now = time.time()
    monkeypatch.setattr(atomic, "RUN_STARTED", now)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    names = {
        "dead": f".a.docx.lcplanner-{dead.pid}-0123abcd.tmp",
        "alive-old": f".b.docx.lcplanner-{os.getppid()}-0123abcd.tmp",
        "alive-new": f".c.docx.lcplanner-{os.getppid()}-89abcdef.tmp",
        "ours": f".d.docx.lcplanner-{os.getpid()}-0123abcd.tmp",
        "newer-than-run": f".e.docx.lcplanner-{dead.pid}-89abcdef.tmp",
        "not-ours": ".f.docx.tmp",
    }
    ages = {"dead": 60, "alive-old": 2 * atomic.STALE_AFTER, "alive-new": 60, "ours": 60,
            "newer-than-run": -5, "not-ours": 3 * atomic.STALE_AFTER}
    for key, name in names.items():
        path = tmp_path / name
        path.write_bytes(b"")
        os.utime(path, (now - ages[key], now - ages[key]))
    removed = atomic.clean_stale_temps(tmp_path, now=now)
    assert sorted(p.name for p in removed) == sorted([names["dead"], names["alive-old"]])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        names[k] for k in ("alive-new", "ours", "newer-than-run", "not-ours"))


# --- 6. modes: the user's umask, or the replaced file's mode --------------------------------


@pytest.fixture
def umask():
    def set_umask(value: int) -> None:
        os.umask(value)

    old = os.umask(0o022)
    os.umask(old)
    yield set_umask
    os.umask(old)


@pytest.mark.parametrize("fmt, mask, mode", [("docx", 0o022, 0o644), ("pdf", 0o027, 0o640),
                                             ("docx", 0o002, 0o664)])
def test_new_exports_follow_the_umask(capsys, store_file, tmp_path, umask, fmt, mask, mode):
    umask(mask)
    target = tmp_path / f"paper.{fmt}"
    code, _, err = run_cli(capsys, "export", fmt, store_file, "-o", target)
    assert code == 0, err
    assert stat.S_IMODE(target.stat().st_mode) == mode


def test_replacing_keeps_the_existing_mode(capsys, store_file, tmp_path, umask):
    umask(0o077)
    target = tmp_path / "paper.pdf"
    target.write_bytes(b"%PDF-1.4 older")
    target.chmod(0o664)
    code, _, err = run_cli(capsys, "export", "pdf", store_file, "-o", target)
    assert code == 0, err
    assert target.read_bytes().startswith(b"%PDF") and target.stat().st_size > 1000
    assert stat.S_IMODE(target.stat().st_mode) == 0o664


# --- 5. a reader that stops early ----------------------------------------------------------


@pytest.mark.parametrize("argv", [["stats", "{store}"], ["stats", "{store}", "--json"],
                                  ["backups", "{store}"], ["--version"]])
def test_a_closed_pipe_gives_no_traceback(store_file, argv):
    """As `lcplanner stats STORE | head -1` when head has gone: quiet, status 1."""
    args = [a.format(store=store_file) for a in argv]
    proc = subprocess.Popen([sys.executable, "-m", "lcplanner", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)})
    proc.stdout.close()  # the reader has gone before the first line is printed
    err = proc.stderr.read().decode()
    code = proc.wait(timeout=60)
    assert err == ""
    assert code == 1


def test_head_of_stats_prints_one_line_and_no_error(store_file):
    result = subprocess.run(f"'{sys.executable}' -m lcplanner stats '{store_file}' | head -1",
                            shell=True, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.stdout == "#1  Business Plan 2026/27\n"
    assert result.stderr == ""
