"""Opening a store from the editor: the lock, clear messages for every refusal, read-only.

A store open in another instance or on another computer gets "open elsewhere (who, since
when)" and the offer to open it read-only, and so does a file the user may not write; a store
from a newer lcplanner and a file that is not a store each get their own plain message. A
damaged store is set aside as ``*.corrupt`` (as the command line does) and the latest good
backup offered. Warnings about an opened store (a network drive, a lost ``-wal``) are shown once.
Never a traceback.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from lcplanner.store.errors import (CorruptStoreError, DiskFullError, ReadOnlyStoreError,
                                    StoreError, StoreLockedError)
from lcplanner.store.failures import place_is_writable

if TYPE_CHECKING:
    from lcplanner.store.engine import Store

log = logging.getLogger(__name__)


def open_store(*args, **kwargs) -> Store:
    """:func:`lcplanner.store.engine.open_store`, imported when a store is first opened (the
    window is painted before SQLAlchemy loads)."""
    from lcplanner.store.engine import open_store as engine_open_store

    return engine_open_store(*args, **kwargs)


@dataclass
class Opened:
    store: Store
    lock: object | None = None


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok,
                      parent)
    box.exec()


def show_warning(parent: QWidget | None, title: str, message: str) -> None:
    """A store opened, but the user should know something about it."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok,
                      parent)
    box.setObjectName("storeWarning")
    box.exec()


def ask_read_only(parent: QWidget | None, message: str,
                  title: str = "Store open elsewhere") -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, message,
                      QMessageBox.StandardButton.Cancel, parent)
    read_only = box.addButton("Open &Read-Only", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(read_only)
    box.exec()
    return box.clickedButton() is read_only


def ask_restore(parent: QWidget | None, message: str) -> bool:
    """A damaged store was set aside: restore the latest good backup? (Restore / Cancel)."""
    box = QMessageBox(QMessageBox.Icon.Critical, "Store is damaged", message,
                      QMessageBox.StandardButton.Cancel, parent)
    restore = box.addButton("&Restore", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(restore)
    box.exec()
    return box.clickedButton() is restore


def show_store_warnings(parent: QWidget | None, store: Store) -> None:
    """The store's warnings, once, in one box (nothing when there are none)."""
    if not store.warnings:
        return
    title = "Store on a network drive" if store.network else "Check this store"
    show_warning(parent, title, "\n\n".join(store.warnings))


def _lock(path: Path):
    from lcplanner.store.lock import acquire_lock

    return acquire_lock(path)


def _release(lock) -> None:
    if lock is not None:
        lock.release()


def open_server(parent: QWidget | None, url: str) -> Opened | None:
    """Open the store in a server database (``postgresql://…``); None, once the user has been
    told why, when it cannot be (unreachable, refused, not a store, a newer lcplanner's)."""
    try:
        store = open_store(url)
    except StoreError as exc:
        show_error(parent, "Cannot connect to the server", str(exc))
        return None
    except Exception as exc:  # never a traceback: say what failed, log the details
        log.exception("connecting to a server failed")
        show_error(parent, "Cannot connect to the server", f"The server could not be opened "
                   f"({type(exc).__name__}).")
        return None
    show_store_warnings(parent, store)
    return Opened(store)


def open_path(parent: QWidget | None, path: str | Path, *, create: bool = False,
              seed=None) -> Opened | None:
    """Open ``path`` for editing, or read-only if the user agrees; None when it cannot be.
    A ``postgresql://`` URL opens a server's store (see :func:`open_server`)."""
    from lcplanner.store.server import is_server_url

    if is_server_url(path):
        return open_server(parent, str(path))
    path = Path(path).expanduser().resolve()
    if not create and not path.exists():
        show_error(parent, "Cannot open store", f"{path} does not exist.")
        return None
    try:
        lock = _lock(path)
    except StoreLockedError as exc:
        if not ask_read_only(parent, str(exc)):
            return None
        return _open_read_only(parent, path)
    except DiskFullError as exc:  # no room even for the lock file: it can still be read
        if not ask_read_only(parent, str(exc), title="Disk is full"):
            return None
        return _open_read_only(parent, path)
    except OSError as exc:
        show_error(parent, "Cannot open store", f"{path.name} cannot be opened: "
                   f"{exc.strerror or exc}.")
        return None
    try:
        store = seed() if seed else open_store(path, create=create)
    except CorruptStoreError as exc:
        return _recover_corrupt(parent, path, exc, lock)
    except (ReadOnlyStoreError, DiskFullError) as exc:
        _release(lock)
        # A read-only file or folder, or a full disk: the store can still be read, as it is.
        if path.exists() and (isinstance(exc, DiskFullError) or not place_is_writable(path)):
            title = "Disk is full" if isinstance(exc, DiskFullError) else "Store is read-only"
            if ask_read_only(parent, str(exc), title=title):
                return _open_read_only(parent, path)
            return None
        show_error(parent, "Cannot open store", str(exc))
        return None
    except StoreError as exc:
        _release(lock)
        show_error(parent, "Cannot open store", str(exc))
        return None
    except Exception as exc:  # never a traceback: say what failed, log the details
        log.exception("opening %s failed", path)
        _release(lock)
        show_error(parent, "Cannot open store", f"{path.name} could not be opened ({exc}).")
        return None
    show_store_warnings(parent, store)
    return Opened(store, lock)


def open_locked(parent: QWidget | None, path: str | Path, lock) -> Opened | None:
    """Open ``path`` for editing under a lock already held (after a restore)."""
    path = Path(path)
    try:
        store = open_store(path, create=False)
    except Exception as exc:
        if not isinstance(exc, StoreError):
            log.exception("opening %s failed", path)
        _release(lock)
        show_error(parent, "Cannot open store", str(exc) or type(exc).__name__)
        return None
    show_store_warnings(parent, store)
    return Opened(store, lock)


def _recover_corrupt(parent, path: Path, exc: CorruptStoreError, lock) -> Opened | None:
    """Set the damaged store aside and offer its latest good backup; open that on Restore."""
    from lcplanner.store.backup import latest_good_backup, restore_backup, set_aside_corrupt

    try:
        aside = set_aside_corrupt(path)
    except OSError as err:
        _release(lock)
        show_error(parent, "Store is damaged",
                   f"{exc} It could not be set aside ({err.strerror or err}); copy it somewhere "
                   "safe before trying again.")
        return None
    message = f"{exc} It has been set aside as {aside.name}, so nothing in it is lost."
    backup = latest_good_backup(path)
    if backup is None:
        _release(lock)
        show_error(parent, "Store is damaged", message + " No backup of it was found.")
        return None
    if not ask_restore(parent, message + f"\n\nThe latest good backup is from {backup.label}. "
                       "Restore it and open it? Changes made after that backup are only in "
                       "the damaged file."):
        _release(lock)
        return None
    try:
        restore_backup(backup.path, path)
    except (StoreError, OSError) as err:
        _release(lock)
        show_error(parent, "Cannot restore backup", str(err))
        return None
    return open_locked(parent, path, lock)


def _open_read_only(parent, path: Path) -> Opened | None:
    try:
        store = open_store(path, readonly=True, create=False)
    except StoreError as exc:
        show_error(parent, "Cannot open store", str(exc))
        return None
    except Exception as exc:
        log.exception("opening %s read-only failed", path)
        show_error(parent, "Cannot open store", f"{path.name} could not be opened ({exc}).")
        return None
    show_store_warnings(parent, store)
    return Opened(store)


def open_default(parent: QWidget | None = None) -> Opened | None:
    """The default store in the user's data folder (the sample plan on first run)."""
    from lcplanner.store.default import default_store_path, open_default_store

    return open_path(parent, default_store_path(), create=True, seed=open_default_store)
