"""Copies of a store made through SQLite's online backup API.

The backup API copies a consistent snapshot even while the store is open and in WAL mode, which a
plain file copy does not (a copy without its ``-wal`` loses the newest edits). Backups live in a
folder beside the store, named ``<store>.backups``.
"""
from __future__ import annotations

import os
import sqlite3
import tempfile
from datetime import datetime
from pathlib import Path

BACKUP_SUFFIX = ".lcplan"


def backup_folder(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + ".backups")


def copy_store(source: str | os.PathLike, target: str | os.PathLike) -> Path:
    """Write a consistent copy of ``source`` to ``target`` atomically (Save a Copy As).

    The copy is made into a temporary file in the target's folder and then renamed over the
    target, so a failure leaves any existing target untouched.
    """
    source, target = Path(source), Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
                # A copy is a single self-contained file: no -wal beside it.
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def backup_before(store_path: Path, reason: str) -> Path:
    """Back up ``store_path`` before something risky (a migration, an import)."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    name = f"{store_path.stem}-{stamp}-{reason}{BACKUP_SUFFIX}"
    return copy_store(store_path, backup_folder(store_path) / name)
