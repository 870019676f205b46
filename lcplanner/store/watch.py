"""Noticing that another process (or another window) has changed the store.

SQLite's ``PRAGMA data_version`` changes on a connection whenever *another* connection commits
to the file, and costs next to nothing to read, so it can be polled every second. The watcher
keeps one of the store's own pooled connections for this. The store's other pooled
connections are "other connections" too, so this process's own commits would look like
outside changes: the watcher listens to the engine's commits, checks for outside changes just
before each of its own (the write lock is held then, so nobody else can commit in between), and
takes the new value as its baseline once the committing connection is handed back.

A PostgreSQL store has no such counter; there every write sends a notice (see
:mod:`lcplanner.store.notify`) and the watcher LISTENs for the ones other editors sent.
"""
from __future__ import annotations

from sqlalchemy import event

from lcplanner.store.engine import Store


class StoreWatcher:
    """``changed()`` is True once for each time someone else has committed to the store."""

    def __init__(self, store: Store):
        self._store = store
        self._raw = None
        self._listener = None
        if store.engine.dialect.name == "postgresql":
            from lcplanner.store.notify import Listener

            self._listener = Listener(store.engine, store.source)
            return
        if store.engine.dialect.name != "sqlite":  # data_version is SQLite's: nothing to poll
            return
        self._raw = store.engine.raw_connection()
        self._outside = False
        self._rebase = False
        self._baseline = self._read()
        event.listen(store.engine, "commit", self._before_own_commit)
        event.listen(store.engine.pool, "checkin", self._after_own_commit)

    def _read(self) -> int:
        cursor = self._raw.driver_connection.execute("PRAGMA data_version")
        try:
            return cursor.fetchone()[0]
        finally:
            cursor.close()

    def _before_own_commit(self, _conn) -> None:
        if self._raw is None:
            return
        if self._read() != self._baseline:
            self._outside = True
        self._rebase = True

    def _after_own_commit(self, _dbapi_conn, _record) -> None:
        if self._raw is None or not self._rebase:
            return
        self._rebase = False
        self._baseline = self._read()

    def fileno(self) -> int | None:
        """A socket that becomes readable when a server sends a notice (None for a file)."""
        return self._listener.fileno() if self._listener is not None else None

    @property
    def error(self) -> str | None:
        """Why the server cannot be listened to just now (None when it can, or for a file)."""
        return self._listener.error if self._listener is not None else None

    def changed(self) -> bool:
        """True when another connection has committed since the last call."""
        if self._listener is not None:
            return self._listener.changed()
        if self._raw is None:
            return False
        version = self._read()
        outside, self._outside = self._outside or version != self._baseline, False
        if not self._rebase:
            self._baseline = version
        return outside

    def close(self) -> None:
        """Give the connection back and stop listening (before the store is closed)."""
        if self._listener is not None:
            listener, self._listener = self._listener, None
            listener.close()
        if self._raw is None:
            return
        event.remove(self._store.engine, "commit", self._before_own_commit)
        event.remove(self._store.engine.pool, "checkin", self._after_own_commit)
        raw, self._raw = self._raw, None
        raw.close()
