"""Helpers for the hostile-path tests: a small disk of our own, other programs, file snapshots."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]


class SmallDisk:
    """A tmpfs mounted for one test, which can be filled to an exact amount of free space."""

    def __init__(self, root: Path):
        self.root = root
        self.filler = root / ".filler"

    def free(self) -> int:
        return os.statvfs(self.root).f_bavail * os.statvfs(self.root).f_frsize

    def fill(self, leave: int = 0) -> None:
        """Fill the disk, then give back ``leave`` bytes (rounded to whole pages)."""
        fd = os.open(self.filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        try:
            chunk = b"\0" * 65536
            while True:
                try:
                    os.write(fd, chunk)
                except OSError:
                    if len(chunk) == 1:
                        break
                    chunk = chunk[: len(chunk) // 2]
        finally:
            os.close(fd)
        if leave:
            size = self.filler.stat().st_size
            os.truncate(self.filler, max(0, size - leave))
        assert abs(self.free() - leave) <= 8192, self.free()

    def make_read_only(self) -> None:
        subprocess.run(["mount", "-o", "remount,ro", str(self.root)], check=True)


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``folder`` (but the filler) with its bytes and mtime."""
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != ".filler"}


def make_sample_store(path: Path) -> Path:
    from lcplanner.sample import build_sample_plan
    from lcplanner.store.engine import open_store

    store = open_store(path)
    try:
        with store.transaction() as session:
            session.add(build_sample_plan())
    finally:
        store.close()
    return path


def settle(path: Path) -> None:
    """Close a store as an editor would: a last read-write connection folds in and removes the
    -wal/-shm that read-only readers (backups) leave behind."""
    import sqlite3

    conn = sqlite3.connect(path)
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.close()
    assert not Path(f"{path}-wal").exists()


def cli(*argv: str, env: dict | None = None, cwd: Path | None = None,
        timeout: float = 120) -> subprocess.CompletedProcess:
    """Run ``python -m lcplanner`` as a separate program (as a user would)."""
    full_env = {**os.environ, "PYTHONPATH": str(PROJECT), **(env or {})}
    return subprocess.run([sys.executable, "-m", "lcplanner", *argv], capture_output=True,
                          text=True, env=full_env, cwd=cwd, timeout=timeout)


class OtherProgram:
    """A Python program started beside the test that says ``ready`` and waits for a line."""

    def __init__(self, code: str):
        self.proc = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     env={**os.environ, "PYTHONPATH": str(PROJECT)})
        line = self.proc.stdout.readline()
        assert line.strip() == "ready", line + self.proc.stderr.read()

    def go(self) -> None:
        self.proc.stdin.write("go\n")
        self.proc.stdin.flush()

    def finish(self, timeout: float = 60) -> str:
        out, err = self.proc.communicate(timeout=timeout)
        assert self.proc.returncode == 0, err
        return out

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def wait_until(predicate, timeout: float = 10.0) -> None:
    end = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.05)
