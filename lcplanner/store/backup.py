"""Copies of a store made through SQLite's online backup API.

The backup API copies a consistent snapshot even while the store is open and in WAL mode, which a
plain file copy does not (a copy without its ``-wal`` loses the newest edits). Backups live in a
folder beside the store, named ``<store>.backups``.
"""
from __future__ import annotations

import errno
import os
import re
import sqlite3
import stat
import tempfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

BACKUP_SUFFIX = ".lcplan"


def backup_folder(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + ".backups")


def new_file_mode(target: Path) -> int:
    """The mode a file written at ``target`` gets: an existing file's own mode, else what the
    user's umask allows (never the 0600 of a temporary file)."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process's umask, read without changing it where the system allows (threads)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def move_no_replace(source: Path, target: Path) -> None:
    """Move ``source`` to ``target``; raise ``FileExistsError`` rather than replace a file."""
    try:
        os.link(source, target)
    except FileExistsError:
        raise
    except OSError as exc:  # no hard links here (some network and FAT drives)
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV,
                             errno.EMLINK):
            raise
        if os.path.lexists(target):
            raise FileExistsError(errno.EEXIST, "File exists", str(target)) from exc
        os.rename(source, target)
        return
    os.unlink(source)


def copy_store(source: str | os.PathLike, target: str | os.PathLike, *,
               replace: bool = True) -> Path:
    """Write a consistent copy of ``source`` to ``target`` atomically (Save a Copy As).

    The copy is made into a temporary file in the target's folder and then renamed over the
    target, so a failure leaves any existing target untouched and no temporary file behind.
    With ``replace=False`` an existing target is never replaced (``FileExistsError``). A full
    disk or an unwritable folder raises the :class:`StoreError` that says so.
    """
    from lcplanner.store.errors import CorruptStoreError
    from lcplanner.store.failures import (connect_readonly, is_corruption, sidecars,
                                          sqlite_cause, translate)

    source, target = Path(source).resolve(), Path(target)
    tmp = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # The process number in the name lets a later run tell a copy in progress from one
        # a killed process left behind (see remove_stale_copies).
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp",
                                        dir=target.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        os.chmod(tmp, new_file_mode(target))
        src = connect_readonly(source)
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
        if replace:
            os.replace(tmp, target)
        else:
            move_no_replace(tmp, target)
    except BaseException as exc:
        if tmp is not None:
            for path in (tmp, *sidecars(tmp)):
                path.unlink(missing_ok=True)
        if isinstance(exc, FileExistsError):
            raise
        if is_corruption(exc):
            raise CorruptStoreError(
                f"{source.name} is damaged ({sqlite_cause(exc)}).") from exc
        error = translate(exc, target)
        if error is None or error is exc:
            raise
        raise error from exc
    return target


def backup_before(store_path: Path, reason: str) -> Path:
    """Back up ``store_path`` before something risky (a migration, an import).

    Never replaces an existing backup (two in the same microsecond get the next one), and a
    failure leaves no trace: no temporary file, and no backup folder that was not there before.
    """
    folder = backup_folder(store_path)
    made_folder = not folder.exists()
    remove_stale_copies(folder)
    when = datetime.now()
    try:
        for step in range(1000):
            stamp = (when + timedelta(microseconds=step)).strftime("%Y%m%d-%H%M%S-%f")
            target = folder / f"{store_path.stem}-{stamp}-{reason}{BACKUP_SUFFIX}"
            if os.path.lexists(target):
                continue
            try:
                return copy_store(store_path, target, replace=False)
            except FileExistsError:
                continue
        raise FileExistsError(errno.EEXIST, "no free backup name", str(folder))
    except BaseException:
        if made_folder:
            try:
                folder.rmdir()
            except OSError:
                pass
        raise


#: A temporary copy's name: ``.<target>.<pid>.<random>.tmp`` (and a restore's staged copy,
#: ``.<store>.restoring-<pid>-<n>``), each possibly with SQLite's -journal/-wal/-shm.
_TEMPORARY = re.compile(r"^\..+?(?:\.(\d+)\.[A-Za-z0-9_]{8}\.tmp|\.restoring-(\d+)-\d+)"
                        r"(?:-journal|-wal|-shm)?$")


def remove_stale_copies(folder: Path) -> list[Path]:
    """Remove temporary copies that a killed lcplanner left in ``folder``; return them.

    Only files whose process is no longer running are removed: a copy in progress in another
    lcplanner is left alone.
    """
    from lcplanner.store.lock import _alive

    removed = []
    try:
        names = [entry.name for entry in os.scandir(folder) if entry.name.startswith(".")]
    except OSError:
        return removed
    for name in names:
        match = _TEMPORARY.match(name)
        if match is None:
            continue
        pid = int(match.group(1) or match.group(2))
        if pid != os.getpid() and not _alive(pid):
            try:
                (folder / name).unlink()
                removed.append(folder / name)
            except OSError:
                pass
    return removed


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


def restore_backup(backup: str | os.PathLike, into: str | os.PathLike) -> Path | None:
    """Replace ``into`` with ``backup``, keeping the current file aside (see :mod:`restore`)."""
    from lcplanner.store.restore import restore_backup as restore

    return restore(backup, into)


def set_aside_corrupt(store_path: str | os.PathLike) -> Path:
    """Move a damaged store (and its -wal/-shm) to ``<name>.corrupt`` (see :mod:`restore`)."""
    from lcplanner.store.restore import set_aside_corrupt as set_aside

    return set_aside(store_path)


def latest_good_backup(store_path: str | os.PathLike) -> BackupInfo | None:
    """The newest backup that passes SQLite's quick check."""
    from lcplanner.store.failures import connect_readonly

    for backup in list_backups(store_path):
        try:
            conn = connect_readonly(backup.path)
            try:
                if [r[0] for r in conn.execute("PRAGMA quick_check")] == ["ok"]:
                    return backup
            finally:
                conn.close()
        except sqlite3.DatabaseError:
            continue
    return None
