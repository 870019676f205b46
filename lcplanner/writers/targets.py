"""Where an output may be written: one rule for the command line, the export dialog and
File → Save a Copy As.

An export replaces its target with a rename, so a wrong target is lost without trace. The
rule, checked before anything is written (and again just before the rename):

- never the store being exported, however it is reached (symbolic or hard link), nor its
  ``-wal``, ``-shm``, ``-journal`` or ``.lock`` companions;
- never any lcplanner store or backup, told by content (the SQLite header and lcplanner's
  ``application_id``), not by name; Save a Copy As may replace a store copy, never a backup;
- never a folder, a device, a pipe or anything else that is not a regular file;
- a read-only file only when the caller forces it;
- the folder must exist: outputs never create folders.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Iterable

from lcplanner.writers.atomic import ExportError

#: Files SQLite and lcplanner keep beside a store while it is open.
COMPANIONS = ("-wal", "-shm", "-journal", ".lock")
_APPLICATION_ID_OFFSET = 68  # in the 100-byte SQLite header, big-endian


class TargetError(ExportError):
    """The output may not be written there; ``str(err)`` is one sentence for the user.

    ``forceable`` is true when the caller may override the refusal (``--force``).
    """

    def __init__(self, message: str, *, forceable: bool = False):
        super().__init__(message)
        self.forceable = forceable


def is_a_folder(path: str | os.PathLike, what: str) -> str:
    """The one wording for "a folder where a file was expected", used everywhere."""
    return f"{path} is a folder, not {what}."


def check_folder(path: str | os.PathLike) -> None:
    """Refuse an output whose folder does not exist (outputs never create folders)."""
    folder = Path(path).parent
    if not folder.is_dir():
        if folder.exists():
            raise TargetError(f"{folder} is not a folder.")
        raise TargetError(f"The folder {folder} does not exist.")


def store_kind(path: str | os.PathLike) -> str | None:
    """"store" or "backup" when the file holds an lcplanner store, else None (by content)."""
    from lcplanner.store.engine import APPLICATION_ID, SQLITE_HEADER

    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError:
        return None
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        return None
    app_id = int.from_bytes(header[_APPLICATION_ID_OFFSET:_APPLICATION_ID_OFFSET + 4], "big")
    if app_id != APPLICATION_ID:
        return None
    return "backup" if Path(path).resolve().parent.name.endswith(".backups") else "store"


def _same(st: os.stat_result, other: str | os.PathLike) -> bool:
    try:
        return os.path.samestat(st, os.stat(other))
    except (OSError, ValueError):
        return False


def check_target(target: str | os.PathLike, *, protect: Iterable[str | os.PathLike] = (),
                 force: bool = False, replace_store: bool = False) -> None:
    """Raise :class:`TargetError` unless an output may replace (or create) ``target``.

    ``protect`` lists the stores being read (the output must never be one of them or their
    companions); ``force`` allows a read-only file; ``replace_store`` allows an lcplanner store
    that is not a backup (Save a Copy As over an older copy).
    """
    target = Path(target)
    check_folder(target)
    try:
        st = os.stat(target)  # follows links: the file a link leads to is what is at stake
    except FileNotFoundError:
        return  # nothing there (or a link to nothing, which the rename replaces)
    except OSError as exc:
        raise TargetError(f"{target} cannot be checked ({exc.strerror}).") from exc
    for store in protect:
        if _same(st, store):
            raise TargetError(f"{target} is the store being read; an output never replaces "
                              "its own store.")
        for suffix in COMPANIONS:
            if _same(st, f"{os.fspath(store)}{suffix}"):
                raise TargetError(f"{target} belongs to the store being read; an output never "
                                  "replaces it.")
    if stat.S_ISDIR(st.st_mode):
        raise TargetError(is_a_folder(target, "a file"))
    if not stat.S_ISREG(st.st_mode):
        what = ("a device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else
                "a pipe" if stat.S_ISFIFO(st.st_mode) else
                "a socket" if stat.S_ISSOCK(st.st_mode) else "a special file")
        raise TargetError(f"{target} is {what}, not a regular file; choose a file to write.")
    kind = store_kind(target)
    if kind == "backup":
        raise TargetError(f"{target} is a backup of an lcplanner store; an output never "
                          "replaces a backup.")
    if kind == "store" and not replace_store:
        raise TargetError(f"{target} is an lcplanner store; an export never replaces a store.")
    name = target.name
    for suffix in COMPANIONS:
        if name.endswith(suffix) and store_kind(target.with_name(name[:-len(suffix)])):
            raise TargetError(f"{target} belongs to an lcplanner store; an output never "
                              "replaces it.")
    if not force and (not st.st_mode & 0o222 or not os.access(target, os.W_OK)):
        raise TargetError(f"{target} is read-only.", forceable=True)


def check_suffix(target: str | os.PathLike, suffix: str, format_name: str) -> None:
    """Refuse (forceably) an output name whose extension says another format."""
    if Path(target).suffix.lower() != suffix.lower():
        raise TargetError(f"{target} does not end in {suffix}, the extension of a "
                          f"{format_name} file.", forceable=True)


__all__ = ["COMPANIONS", "TargetError", "check_folder", "check_suffix", "check_target",
           "is_a_folder", "store_kind"]
