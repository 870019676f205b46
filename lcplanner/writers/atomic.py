"""Write a file so that a failure never leaves a half-written or damaged target.

The content goes to a temporary file in the target's folder and is then renamed over the
target. If the target is open in Word (locked on Windows) or its folder is read-only, the old
file stays as it was and the caller gets a clear :class:`ExportError`.
"""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


class ExportError(Exception):
    """An export could not be written; ``str(err)`` is one sentence for the user."""


@contextmanager
def atomic_path(target: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path to write to; on success it replaces ``target``."""
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"The folder {folder} does not exist.")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=target.suffix,
                                        dir=folder)
    except OSError as exc:
        raise ExportError(f"Cannot write to {folder}: {exc.strerror}.") from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        try:
            os.replace(tmp, target)
        except OSError as exc:
            raise ExportError(
                f"Cannot replace {target.name} ({exc.strerror}); if it is open in another "
                "program, close it and try again. The existing file has not been changed."
            ) from exc
    finally:
        tmp.unlink(missing_ok=True)
