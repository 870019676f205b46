"""Errors a user can act on. Each carries one clear sentence in British English."""
from __future__ import annotations


class StoreError(Exception):
    """A store could not be opened or written; ``str(err)`` is the message for the user."""


class NotAStoreError(StoreError):
    """The file is not an lcplanner store (another SQLite file, a document, random bytes)."""


class NewerStoreError(StoreError):
    """The store was written by a newer lcplanner; it is left untouched."""


class CorruptStoreError(StoreError):
    """SQLite reports damage; the file should be set aside and a backup offered."""


class StoreLockedError(StoreError):
    """Another instance or person has the store open."""

    def __init__(self, message: str, owner: dict | None = None):
        super().__init__(message)
        self.owner = owner or {}


class ReadOnlyStoreError(StoreError):
    """The file or its folder cannot be written."""


class DiskFullError(StoreError):
    """The disk holding the store (or its backups) has no room; nothing was changed."""


class StoreIOError(StoreError):
    """The disk could not be read or written (an I/O error), which is not damage to the store."""


class StoreBusyError(StoreError):
    """Another program kept the store busy (writing, or open) for longer than lcplanner waits."""


class AlteredStoreError(StoreError):
    """The store's schema holds things lcplanner did not create (triggers, views, tables) or
    lacks columns it needs; nothing in it is run."""


class ConnectionLostError(StoreError):
    """The server could not be reached during a change (it went away, or is restarting);
    nothing of that change was saved, and the same change can be made again once it is back."""
