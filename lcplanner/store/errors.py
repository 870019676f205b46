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
