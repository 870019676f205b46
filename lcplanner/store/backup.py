"""Copies of a store made through SQLite's online backup API.

The backup API copies a consistent snapshot even while the store is open and in WAL mode, which a
plain file copy does not (a copy without its ``-wal`` loses the newest edits). Backups live in a
folder beside the store, named ``<store>.backups``.
"""
from __future__ import annotations

import os
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import datetime, timedelta
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
                # A copy is a single self-contained file: no -wal beside it, and complete, so
                # it must not carry the source's "in use" mark (see engine._note_lost_wal).
                dst.execute("PRAGMA journal_mode=DELETE")
                if dst.execute("SELECT 1 FROM sqlite_master WHERE name='store_state'").fetchone():
                    with dst:
                        dst.execute("UPDATE store_state SET in_use = 0")
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


# --- rotation ------------------------------------------------------------------------------

#: Keep every backup this recent, then one a day, a week and a month, as Anki does.
KEEP_RECENT = 10
KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_MONTHLY = 12


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    when: datetime
    reason: str

    @property
    def label(self) -> str:
        return f"{self.when:%-d %B %Y, %H:%M:%S} ({self.reason.replace('-', ' ')})"


def list_backups(store_path: str | os.PathLike) -> list[BackupInfo]:
    """The store's backups, newest first."""
    store_path = Path(store_path)
    folder = backup_folder(store_path)
    prefix = f"{store_path.stem}-"
    found = []
    if folder.is_dir():
        for path in folder.glob(f"{prefix}*{BACKUP_SUFFIX}"):
            rest = path.name[len(prefix):-len(BACKUP_SUFFIX)]
            parts = rest.split("-", 3)
            try:
                when = datetime.strptime("-".join(parts[:3]), "%Y%m%d-%H%M%S-%f")
            except ValueError:
                continue
            found.append(BackupInfo(path, when, parts[3] if len(parts) > 3 else ""))
    return sorted(found, key=lambda b: b.when, reverse=True)


def automatic_backup(store_path: str | os.PathLike, *, every: timedelta,
                     reason: str = "automatic", now: datetime | None = None) -> Path | None:
    """Back up when the newest backup is older than ``every``; thin the old ones after."""
    store_path = Path(store_path)
    now = now or datetime.now()
    newest = next(iter(list_backups(store_path)), None)
    if newest is not None and now - newest.when < every:
        return None
    made = backup_before(store_path, reason=reason)
    thin_backups(store_path, now=now)
    return made


def thin_backups(store_path: str | os.PathLike, *, now: datetime | None = None) -> list[Path]:
    """Delete backups that the keep-policy no longer needs; return what was deleted."""
    now = now or datetime.now()
    backups = list_backups(store_path)
    keep = {b.path for b in backups[:KEEP_RECENT]}
    buckets: dict[tuple, Path] = {}
    for backup in backups:  # newest first: the first seen in each bucket is kept
        age = now - backup.when
        if age <= timedelta(days=KEEP_DAILY):
            key = ("day", backup.when.date())
        elif age <= timedelta(weeks=KEEP_WEEKLY):
            key = ("week", backup.when.isocalendar()[:2])
        elif age <= timedelta(days=31 * KEEP_MONTHLY):
            key = ("month", backup.when.year, backup.when.month)
        else:
            continue
        buckets.setdefault(key, backup.path)
    keep |= set(buckets.values())
    deleted = []
    for backup in backups:
        if backup.path not in keep:
            backup.path.unlink(missing_ok=True)
            deleted.append(backup.path)
    return deleted


def _remove_sidecars(path: Path) -> None:
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def restore_backup(backup: str | os.PathLike, into: str | os.PathLike) -> Path | None:
    """Replace ``into`` with ``backup``, keeping the current file aside; return where it went.

    The backup is checked first (it must open as a store and pass SQLite's integrity check), so a
    bad backup never replaces a file. The store being replaced must not be open.
    """
    from lcplanner.store.engine import inspect_file
    from lcplanner.store.errors import CorruptStoreError, StoreError

    backup, into = Path(backup), Path(into)
    if not backup.is_file():
        raise StoreError(f"{backup} does not exist.")
    info = inspect_file(backup)
    if info.empty:
        raise StoreError(f"{backup.name} is empty, not a backup.")
    conn = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as exc:
        raise CorruptStoreError(f"{backup.name} is damaged ({exc}).") from exc
    finally:
        conn.close()
    if rows != ["ok"]:
        raise CorruptStoreError(f"{backup.name} is damaged ({rows[0]}).")

    aside = None
    if into.exists() and into.stat().st_size:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = into.with_name(f"{into.stem}.before-restore-{stamp}{into.suffix}")
        try:
            copy_store(into, aside)  # a consistent copy, WAL included
        except sqlite3.DatabaseError:
            os.replace(into, aside)  # damaged: keep its bytes as they are
    staged = copy_store(backup, into.with_name(f".{into.name}.restoring"))
    _remove_sidecars(into)  # an old -wal must never be replayed into the restored file
    os.replace(staged, into)
    return aside


def set_aside_corrupt(store_path: str | os.PathLike) -> Path:
    """Move a damaged store (and its -wal/-shm) to ``<name>.corrupt`` and return that path."""
    store_path = Path(store_path)
    target = store_path.with_name(store_path.name + ".corrupt")
    n = 1
    while target.exists():
        n += 1
        target = store_path.with_name(f"{store_path.name}.{n}.corrupt")
    os.replace(store_path, target)
    for suffix in ("-wal", "-shm"):
        side = Path(f"{store_path}{suffix}")
        if side.exists():
            os.replace(side, Path(f"{target}{suffix}"))
    return target


def latest_good_backup(store_path: str | os.PathLike) -> BackupInfo | None:
    """The newest backup that passes SQLite's quick check."""
    for backup in list_backups(store_path):
        try:
            conn = sqlite3.connect(f"{backup.path.resolve().as_uri()}?mode=ro", uri=True)
            try:
                if [r[0] for r in conn.execute("PRAGMA quick_check")] == ["ok"]:
                    return backup
            finally:
                conn.close()
        except sqlite3.DatabaseError:
            continue
    return None
