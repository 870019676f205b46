"""Who has a store open: a small lock file beside it.

SQLite's own locks protect each transaction, not an editing session: two editors on one store
would each undo the other's work. The lock file ``<store>.lock`` says who holds the store, on
which machine and since when, so the second instance (or a colleague on a shared folder) gets
"open elsewhere" with names instead of a crash. A lock left by a process that no longer runs on
this machine is taken over; one from another machine is respected until its owner closes.
"""
from __future__ import annotations

import getpass
import json
import os
import socket
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from lcplanner.store.errors import StoreLockedError


def lock_path(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + ".lock")


def _me() -> dict:
    try:
        user = getpass.getuser()
    except Exception:  # no login name in some containers and services
        user = str(os.getuid()) if hasattr(os, "getuid") else "unknown"
    me = {"user": user, "host": socket.gethostname(), "pid": os.getpid(),
          "since": datetime.now().isoformat(timespec="seconds")}
    started = _started(os.getpid())
    if started is not None:
        me["started"] = started
    return me


def _started(pid: int) -> int | None:
    """When process ``pid`` started (clock ticks since boot, Linux), to tell a live owner from
    an unrelated process that was later given the same number."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            return int(stat.read().rsplit(")", 1)[1].split()[19])
    except (OSError, ValueError, IndexError):
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def read_owner(store_path: Path) -> dict | None:
    """The lock's owner, or None when nobody (alive) holds the store."""
    try:
        owner = json.loads(lock_path(store_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(owner, dict):
        return None
    if owner.get("host") == socket.gethostname():
        try:
            pid = int(owner.get("pid", 0))
        except (TypeError, ValueError):
            return None
        if pid <= 0 or not _alive(pid):
            return None
        if "started" in owner and _started(pid) not in (None, owner["started"]):
            return None  # that number now belongs to another process: the owner is gone
    return owner


def describe_owner(owner: dict) -> str:
    since = owner.get("since", "")
    try:
        since = datetime.fromisoformat(since).strftime("%-d %B %Y at %H:%M")
    except (TypeError, ValueError):
        pass
    who = owner.get("user", "someone")
    host = owner.get("host", "another computer")
    return f"{who} on {host}, since {since}" if since else f"{who} on {host}"


@dataclass
class Lock:
    store_path: Path

    def release(self) -> None:
        path = lock_path(self.store_path)
        try:
            owner = json.loads(path.read_text(encoding="utf-8"))
            if owner.get("pid") == os.getpid() and owner.get("host") == socket.gethostname():
                path.unlink()
        except (OSError, ValueError):
            pass

    def __enter__(self) -> Lock:
        return self

    def __exit__(self, *_exc) -> None:
        self.release()


def acquire_lock(store_path: str | os.PathLike) -> Lock:
    """Take the store's lock or raise :class:`StoreLockedError` naming who holds it."""
    store_path = Path(store_path).resolve()
    path = lock_path(store_path)
    for _attempt in range(2):
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            owner = read_owner(store_path)
            if owner is not None:
                raise StoreLockedError(
                    f"{store_path.name} is open elsewhere ({describe_owner(owner)}). "
                    "You can open it read-only.", owner)
            path.unlink(missing_ok=True)  # stale: its process is gone
            continue
        except OSError:
            # A read-only folder cannot hold a lock; the store itself will say it is read-only.
            return Lock(store_path)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(_me(), handle)
        except OSError as exc:  # a full disk: take nothing, leave nothing behind
            from lcplanner.store.failures import translate

            path.unlink(missing_ok=True)
            raise (translate(exc, store_path) or exc) from exc
        return Lock(store_path)
    raise StoreLockedError(f"{store_path.name} is being opened by another program; try again.")
