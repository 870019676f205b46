"""Write a file so that a failure never leaves a half-written or damaged target.

The content goes to a temporary file in the target's folder and is then renamed over the
target. If the target is open in Word (locked on Windows) or its folder is read-only, the old
file stays as it was and the caller gets a clear :class:`ExportError`.

The target is checked against the output rule (:mod:`lcplanner.writers.targets`) before the
temporary file is made and again just before the rename. The new file gets the mode a plain
``open()`` would give it (the user's umask), or the mode of the file it replaces.

Temporary files are named ``.<target name>.lcplanner-<pid>-<token>.tmp``. A failure removes its
own; a run killed outright cannot, so each export first removes the ones in its folder that a
finished run left behind (older than this run, from a process that is no longer running, or
a day old).
"""
from __future__ import annotations

import os
import re
import secrets
import stat
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

#: When this run started, as far as temporary files are concerned.
RUN_STARTED = time.time()
STALE_AFTER = 24 * 3600  # seconds; a temporary file this old is stale whoever made it
_TEMP = re.compile(r"^\..*\.lcplanner-(?P<pid>\d+)-[0-9a-f]{8}\.tmp$", re.DOTALL)


class ExportError(Exception):
    """An export could not be written; ``str(err)`` is one sentence for the user."""


def temp_name(target: Path) -> str:
    """The name of a temporary file for ``target``: recognisable, unique, never too long."""
    return f".{target.name[:100]}.lcplanner-{os.getpid()}-{secrets.token_hex(4)}.tmp"


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process, or cannot tell: leave its files alone
    return True


def clean_stale_temps(folder: Path, *, now: float | None = None) -> list[Path]:
    """Remove temporary files that killed exports left in ``folder``; return them."""
    now = time.time() if now is None else now
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        found = _TEMP.match(entry.name)
        if not found:
            continue
        pid = int(found["pid"])
        try:
            st = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(st.st_mode) or pid == os.getpid() or st.st_mtime >= RUN_STARTED:
                continue
            if _running(pid) and now - st.st_mtime < STALE_AFTER:
                continue
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            continue  # gone already, or not ours to remove
    return removed


@contextmanager
def atomic_path(target: str | os.PathLike, *, replace_store: bool = False) -> Iterator[Path]:
    """Yield a temporary path to write to; on success it replaces ``target``.

    The checks that no caller may override (never a store, a backup, a folder or a device)
    are made here; callers check first with their own ``protect`` and ``force``
    (:func:`lcplanner.writers.targets.check_target`).
    """
    from lcplanner.writers.targets import check_target

    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    check_target(target, force=True, replace_store=replace_store)
    clean_stale_temps(folder)
    tmp = folder / temp_name(target)
    try:
        # 0o666 through the umask: the mode any new file of the user's would get.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0),
                     0o666)
    except OSError as exc:
        raise ExportError(f"Cannot write to {folder}: {exc.strerror}.") from exc
    try:
        new_mode = stat.S_IMODE(os.fstat(fd).st_mode)
    finally:
        os.close(fd)
    try:
        yield tmp
        check_target(target, force=True, replace_store=replace_store)
        try:
            existing = os.stat(target)
        except OSError:
            existing = None
        try:
            os.chmod(tmp, stat.S_IMODE(existing.st_mode) if existing else new_mode)
            os.replace(tmp, target)
        except OSError as exc:
            raise ExportError(
                f"Cannot replace {target.name} ({exc.strerror}); if it is open in another "
                "program, close it and try again. The existing file has not been changed."
            ) from exc
    finally:
        tmp.unlink(missing_ok=True)
