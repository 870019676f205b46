"""Paths shared by the tests: the seed papers beside the project and our own fixtures."""
from __future__ import annotations

from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def seed_path(prefix: str) -> Path:
    """A seed paper from ../shared/seeds, or a clean skip when the folder is absent."""
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt")) if SEEDS.is_dir() else []
    if not matches:
        pytest.skip(f"seed paper {prefix} not available ({SEEDS} absent)")
    return matches[0]


def damage_store(path: Path) -> None:
    """Flip bytes in a closed store's pages (after folding its WAL in), as a failing disk would."""
    import sqlite3

    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(path.read_bytes())
    for offset in range(4096 * 2 + 100, min(len(data), 4096 * 6), 5):
        data[offset] ^= 0x5A
    path.write_bytes(bytes(data))


def run_cli(capsys, *argv):
    """Run the command line in this process: (exit status, stdout, stderr)."""
    from lcplanner.cli import main

    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> str:
    """The single line a refusal prints on stderr (fails the test if there are more)."""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def folder_state(folder: Path) -> dict[str, tuple]:
    """Every entry of ``folder`` (recursively) with its type, size, mode and content digest:
    compare two of these to prove that nothing was written."""
    import hashlib
    import os
    import stat as st

    state = {}
    for path in sorted(folder.rglob("*")):
        info = os.lstat(path)
        digest = ""
        if st.S_ISREG(info.st_mode):
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        state[str(path.relative_to(folder))] = (st.S_IFMT(info.st_mode), info.st_size,
                                                 st.S_IMODE(info.st_mode), digest)
    return state


def store_label(target: str) -> str:
    """How the command line names a store: a file's name, a server database's name and host."""
    if target.startswith("postgresql://"):
        from lcplanner.store.server import describe

        return describe(target)
    return Path(target).name
