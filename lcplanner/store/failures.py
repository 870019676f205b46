"""Why a store could not be read or written, told apart: damage, a full disk, an I/O error, a
read-only place, or another program busy with it.

SQLite reports all of these as ``sqlite3.DatabaseError`` subclasses, and Python adds ``OSError``
for the files lcplanner writes itself (lock files, backup copies). Only damage found by SQLite on
a file it could read justifies setting a store aside; everything else leaves the files as they
are and says what to do. :func:`translate` maps an exception to the :mod:`errors` class a user
can act on, with its sentence.

Waiting: when another program holds SQLite's write lock, a command waits up to
:func:`wait_limit` seconds (``LCPLANNER_WAIT_LIMIT`` overrides the default of 30), telling the
user once through the notice set with :func:`set_wait_notice`, then gives up with one sentence.
"""
from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path
from typing import Callable

from lcplanner.store.errors import (CorruptStoreError, DiskFullError, ReadOnlyStoreError,
                                    StoreBusyError, StoreError, StoreIOError)

#: Seconds a command waits for another program to finish writing before it gives up.
WAIT_LIMIT_SECONDS = 30.0
#: Below this much free space, an I/O error from SQLite is taken to mean the disk is full
#: (SQLite reports a failed growth of its ``-shm`` file as an I/O error, not as "full").
NEARLY_FULL_BYTES = 1 << 20

_wait_notice: Callable[[str], None] | None = None


def wait_limit() -> float:
    try:
        return max(0.0, float(os.environ.get("LCPLANNER_WAIT_LIMIT", WAIT_LIMIT_SECONDS)))
    except ValueError:
        return WAIT_LIMIT_SECONDS


def set_wait_notice(notice: Callable[[str], None] | None) -> None:
    """Who to tell when a command starts waiting (the command line prints to stderr)."""
    global _wait_notice
    _wait_notice = notice


def seconds(amount: float) -> str:
    return f"{amount:g} second" + ("" if amount == 1 else "s")


def notify_waiting(path: Path, what: str = "to finish writing") -> None:
    if _wait_notice is not None:
        _wait_notice(f"waiting for another program {what} {path.name} "
                     f"(up to {seconds(wait_limit())})…")


def busy_message(path: Path) -> str:
    return (f"{path.name} has been kept busy by another program for over "
            f"{seconds(wait_limit())}; nothing was changed. Try again when it has finished.")


def free_bytes(path: Path) -> int | None:
    """Free space on the disk holding ``path`` (its nearest existing folder)."""
    folder = Path(path)
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        return shutil.disk_usage(folder if folder.is_dir() else folder.parent).free
    except OSError:
        return None


def disk_full_message(path: Path) -> str:
    free = free_bytes(path)
    amount = "no space" if free is None else f"{free / 2 ** 20:.1f} MB"
    return f"the disk is full ({amount} free); nothing was changed. Free some space and try again."


def sqlite_cause(exc: BaseException) -> BaseException:
    """The driver's exception behind a SQLAlchemy wrapper or a ``raise … from``."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, (sqlite3.Error, OSError)):
            return exc
        exc = getattr(exc, "orig", None) or exc.__cause__ or exc.__context__
    return exc


def _name(exc: BaseException) -> str:
    return getattr(exc, "sqlite_errorname", "") or ""


def is_corruption(exc: BaseException) -> bool:
    cause = sqlite_cause(exc)
    return _name(cause).startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))


def translate(exc: BaseException, path: Path) -> StoreError | None:
    """The :class:`StoreError` a user should see for ``exc`` met on ``path``; None if unknown."""
    if isinstance(exc, StoreError):
        return exc
    cause = sqlite_cause(exc)
    path = Path(path)
    name = _name(cause)
    code = cause.errno if isinstance(cause, OSError) else None
    free = free_bytes(path)
    nearly_full = free is not None and free < NEARLY_FULL_BYTES
    if code in (errno.ENOSPC, errno.EDQUOT) or name.startswith("SQLITE_FULL") or (
            (name.startswith("SQLITE_IOERR") or code == errno.EIO) and nearly_full):
        return DiskFullError(disk_full_message(path))
    if code in (errno.EACCES, errno.EPERM, errno.EROFS) or name.startswith(
            ("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")):
        return ReadOnlyStoreError(
            f"{path.name} cannot be written here ({_detail(cause)}); nothing was changed.")
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return StoreBusyError(busy_message(path))
    if code == errno.ELOOP:
        return StoreError(f"{path} is a symbolic link that leads back to itself (a loop).")
    if name.startswith("SQLITE_IOERR") or code == errno.EIO:
        return StoreIOError(
            f"{path.name} could not be read or written because of a disk error "
            f"({_detail(cause)}); nothing was changed. Check the disk and try again.")
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return CorruptStoreError(f"{path.name} is damaged and cannot be opened ({cause}).")
    return None


def _detail(cause: BaseException) -> str:
    if isinstance(cause, OSError):
        return cause.strerror or str(cause)
    return str(cause)


def place_is_writable(path: Path) -> bool:
    """True when ``path`` and its folder can be written (SQLite writes ``-wal`` files beside
    the store). ``os.access`` also says False on a read-only mount, for root too."""
    folder = path.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        return False
    return not path.exists() or os.access(path, os.W_OK)


def sidecars(path: Path) -> list[Path]:
    return [Path(f"{path}{suffix}") for suffix in ("-wal", "-shm", "-journal")]


def remove_new_sidecars(path: Path, existed: set[Path]) -> None:
    """Remove ``-wal``/``-shm``/``-journal`` files a failed attempt left that were not there
    before it (SQLite leaves them when it cannot size its shared memory on a full disk)."""
    for side in sidecars(path):
        if side not in existed:
            try:
                side.unlink()
            except OSError:
                pass


def existing_sidecars(path: Path) -> set[Path]:
    return {side for side in sidecars(path) if side.exists()}


def connect_readonly(path: Path) -> sqlite3.Connection:
    """A read-only connection to ``path`` that never changes it.

    A store in WAL mode needs a ``-shm`` file to be read; in a read-only folder or on a full disk
    that cannot be made. When no ``-wal`` is there (nobody has the store open), the file alone is
    the whole store and is read as immutable instead.
    """
    path = Path(path).resolve()
    uri = f"{path.as_uri()}?mode=ro"
    before = existing_sidecars(path)
    wal = Path(f"{path}-wal")
    if not place_is_writable(path) and not wal.exists():
        return _connect(f"{uri}&immutable=1")
    conn = None
    try:
        conn = _connect(uri)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.DatabaseError as exc:
        if conn is not None:
            conn.close()
        cannot_write = _name(exc).startswith(
            ("SQLITE_CANTOPEN", "SQLITE_READONLY", "SQLITE_IOERR", "SQLITE_FULL", "SQLITE_PERM"))
        if not cannot_write or wal in before:  # damage, or a store in use: no shortcut
            raise
        remove_new_sidecars(path, before)
        return _connect(f"{uri}&immutable=1")


def _connect(uri: str) -> sqlite3.Connection:
    conn = sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=wait_limit())
    conn.execute("PRAGMA trusted_schema=OFF")
    return conn
