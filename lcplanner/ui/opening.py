"""Opening a store from the editor: the lock, clear messages for every refusal, read-only.

A store open in another instance or on another computer gets "open elsewhere (who, since
when)" and the offer to open it read-only; a store from a newer lcplanner, a file that is not a
store and a damaged store each get their own plain message. Never a traceback.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from lcplanner.store.engine import Store, open_store
from lcplanner.store.errors import StoreError, StoreLockedError


@dataclass
class Opened:
    store: Store
    lock: object | None = None


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok,
                      parent)
    box.exec()


def ask_read_only(parent: QWidget | None, message: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, "Store open elsewhere", message,
                      QMessageBox.StandardButton.Cancel, parent)
    read_only = box.addButton("Open Read-Only", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(read_only)
    box.exec()
    return box.clickedButton() is read_only


def _lock(path: Path):
    from lcplanner.store.lock import acquire_lock

    return acquire_lock(path)


def open_path(parent: QWidget | None, path: str | Path, *, create: bool = False,
              seed=None) -> Opened | None:
    """Open ``path`` for editing, or read-only if the user agrees; None when it cannot be."""
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
    try:
        store = seed() if seed else open_store(path, create=create)
    except StoreError as exc:
        lock.release()
        show_error(parent, "Cannot open store", str(exc))
        return None
    for warning in store.warnings:
        show_error(parent, "Store on a network drive", warning)
    return Opened(store, lock)


def _open_read_only(parent, path: Path) -> Opened | None:
    try:
        return Opened(open_store(path, readonly=True))
    except StoreError as exc:
        show_error(parent, "Cannot open store", str(exc))
        return None


def open_default(parent: QWidget | None = None) -> Opened | None:
    """The default store in the user's data folder (the sample plan on first run)."""
    from lcplanner.store.default import default_store_path, open_default_store

    return open_path(parent, default_store_path(), create=True, seed=open_default_store)
