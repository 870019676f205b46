"""Restoring a backup over a store, and setting a damaged store aside, without losing a byte.

Restore is exclusive and atomic:

1. The caller holds the store's lock file (:mod:`lock`); here SQLite's own exclusive lock is
   taken too, which also waits for (or refuses) a program that writes to the store while
   ignoring the lock file: SQLite will not leave WAL mode while another connection is open.
   Leaving WAL mode folds every committed edit into the main file.
2. The backup is checked, copied next to the store and the copy checked again.
3. The current file is kept aside under a name no file has (a hard link: no space needed, and
   never onto an existing file), then the copy is renamed over the store in one step.

Any failure before the rename leaves the store as it was and removes what was made. Kept-aside
names never collide: each is checked with its ``-wal``/``-shm``/``-journal`` and the move itself
refuses an existing target, so two restores in the same second keep both previous files.
"""
from __future__ import annotations

import os
import sqlite3
import time
from datetime import datetime
from pathlib import Path
from typing import Callable

from lcplanner.store.backup import (copy_store, move_no_replace, new_file_mode,
                                    remove_stale_copies)
from lcplanner.store.errors import (CorruptStoreError, DiskFullError, NewerStoreError,
                                    StoreBusyError, StoreError, StoreIOError)
from lcplanner.store.failures import (connect_readonly, existing_sidecars, is_corruption,
                                      notify_waiting, remove_new_sidecars, seconds, sidecars,
                                      translate, wait_limit)

#: How long each attempt at SQLite's exclusive lock waits (seconds) before looking again.
_STEP_SECONDS = 0.5


def free_name(make_name: Callable[[int], Path]) -> Path:
    """The first of ``make_name(1)``, ``make_name(2)``, … that is free with its sidecars."""
    for n in range(1, 10_000):
        candidate = make_name(n)
        if not any(os.path.lexists(p) for p in (candidate, *sidecars(candidate))):
            return candidate
    raise FileExistsError(f"no free name beside {make_name(1)}")


def set_aside(path: Path, make_name: Callable[[int], Path], *, keep: bool = False) -> Path:
    """Move (or with ``keep``, hard-link) ``path`` and its -wal/-shm to a free name."""
    for _attempt in range(100):
        target = free_name(make_name)
        try:
            if keep:
                os.link(path, target)
            else:
                move_no_replace(path, target)
        except FileExistsError:
            continue  # taken between the look and the move: take the next
        for side, side_target in zip(sidecars(path)[:2], sidecars(target)[:2]):
            if side.exists():
                if keep:
                    os.link(side, side_target)
                else:
                    move_no_replace(side, side_target)
        return target
    raise FileExistsError(f"no free name beside {path}")


def set_aside_corrupt(store_path: str | os.PathLike) -> Path:
    """Move a damaged store (and its -wal/-shm) to ``<name>.corrupt`` (``<name>.2.corrupt``…)
    and return that path."""
    store_path = Path(store_path)
    return set_aside(store_path, lambda n: store_path.with_name(
        f"{store_path.name}.corrupt" if n == 1 else f"{store_path.name}.{n}.corrupt"))


def before_restore_name(into: Path, when: datetime) -> Callable[[int], Path]:
    stamp = f"{when:%Y%m%d-%H%M%S}"
    return lambda n: into.with_name(
        f"{into.stem}.before-restore-{stamp}{'' if n == 1 else f'-{n}'}{into.suffix}")


def _check_backup(backup: Path, into: Path) -> None:
    from lcplanner.store.engine import SCHEMA_VERSION, inspect_file

    if not backup.is_file():
        raise StoreError(f"{backup} does not exist.")
    if into.exists() and os.path.samefile(backup, into):
        raise StoreError(f"{backup.name} is the store itself, not a backup of it.")
    info = inspect_file(backup)  # a foreign or altered file is refused here
    if info.empty:
        raise StoreError(f"{backup.name} is empty, not a backup.")
    if info.user_version > SCHEMA_VERSION:
        raise NewerStoreError(f"{backup.name} was saved by a newer version of lcplanner; "
                              "update lcplanner to restore it. Nothing was changed.")
    _verify(backup)


def _verify(path: Path, name: str | None = None) -> None:
    try:
        conn = connect_readonly(path)
        try:
            rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if is_corruption(exc):
            raise CorruptStoreError(f"{name or path.name} is damaged ({exc}).") from exc
        raise translate(exc, path) or exc
    if rows != ["ok"]:
        raise CorruptStoreError(f"{name or path.name} is damaged ({rows[0]}).")


def hold_exclusively(path: Path) -> sqlite3.Connection | None:
    """SQLite's exclusive lock on ``path``, with every committed edit in the main file.

    Waits while another program has the store open, telling the user once, and gives up after
    :func:`wait_limit` seconds. Returns None for a file SQLite finds damaged (its bytes are
    kept aside as they are).
    """
    conn = sqlite3.connect(path, timeout=_STEP_SECONDS, isolation_level=None)
    deadline = None
    try:
        conn.execute("PRAGMA trusted_schema=OFF")
        while True:
            try:
                mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
                if mode == "delete":
                    conn.execute("BEGIN EXCLUSIVE")
                    return conn
            except sqlite3.DatabaseError as exc:
                if is_corruption(exc):
                    conn.close()
                    return None
                if not isinstance(translate(exc, path), StoreBusyError):
                    raise translate(exc, path) or exc
            now = time.monotonic()
            if deadline is None:
                deadline = now + wait_limit()
                notify_waiting(path, "to close")
            if now >= deadline:
                raise StoreBusyError(
                    f"{path.name} is open in another program, so it was not replaced; nothing "
                    f"was changed. Close that program and try again (lcplanner waited "
                    f"{seconds(wait_limit())}).")
            time.sleep(_STEP_SECONDS)
    except BaseException:
        conn.close()
        raise


def _let_go(conn: sqlite3.Connection | None, *, back_to_wal: bool) -> None:
    if conn is None:
        return
    try:
        conn.execute("ROLLBACK")
        if back_to_wal:  # as it was: the store's next opening would do this anyway
            conn.execute("PRAGMA journal_mode=WAL")
    except sqlite3.Error:
        pass
    finally:
        conn.close()


def restore_backup(backup: str | os.PathLike, into: str | os.PathLike) -> Path | None:
    """Replace ``into`` with ``backup``, keeping the current file aside; return where it went.

    The backup is checked first (it must be an lcplanner store and pass SQLite's integrity
    check), so a bad backup never replaces a file. The caller holds the store's lock file.
    """
    from lcplanner.store.engine import resolve_path

    backup, into = resolve_path(backup), resolve_path(into)
    _check_backup(backup, into)
    remove_stale_copies(into.parent)  # staged copies a killed restore left behind
    current = into.exists() and into.stat().st_size > 0
    before = existing_sidecars(into)
    holder = hold_exclusively(into) if current else None
    staged = aside = None
    try:
        mode = new_file_mode(into)
        staged = copy_store(backup, free_name(
            lambda n: into.with_name(f".{into.name}.restoring-{os.getpid()}-{n}")),
            replace=False)
        os.chmod(staged, mode)
        _verify(staged, backup.name)
        if current:
            # A hard link keeps the current bytes under the new name at no cost in space; a
            # damaged file (no SQLite lock) keeps its -wal/-shm with it.
            aside = set_aside(into, before_restore_name(into, datetime.now()), keep=True)
        os.replace(staged, into)
        staged = None
    except BaseException as exc:
        for path in ((staged, *sidecars(staged)) if staged else ()):
            path.unlink(missing_ok=True)
        if aside is not None:
            for path in (aside, *sidecars(aside)):
                path.unlink(missing_ok=True)
        _let_go(holder, back_to_wal=True)
        error = translate(exc, into)
        wal = Path(f"{into}-wal")
        if isinstance(error, (DiskFullError, StoreIOError)) and (
                not wal.exists() or wal.stat().st_size == 0):
            remove_new_sidecars(into, before)  # as it was: no -wal/-shm that were not there
        if error is None or error is exc:
            raise
        raise error from exc
    _let_go(holder, back_to_wal=False)
    for side in sidecars(into):  # an old -wal must never be replayed into the restored file
        side.unlink(missing_ok=True)
    return aside
