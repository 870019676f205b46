"""Telling every open editor on a server that the store changed: PostgreSQL's LISTEN/NOTIFY.

Each write to a server store sends ``pg_notify('lcplanner', payload)`` in the same transaction
as the write itself, from one session hook (:func:`install`), so the notice is delivered
exactly when the change is committed and never for a change rolled back. Only a transaction
that wrote something sends one (PostgreSQL assigns a transaction id at the first write). The
payload is JSON naming the store connection that wrote (``{"source": …}``), so a window can tell
its own commits from everyone else's.

:class:`Listener` keeps a connection of its own (psycopg, autocommit) that LISTENs; reading
what arrived never blocks, and its socket (:meth:`Listener.fileno`) can be watched by an event
loop. When the server goes away the listener says so and connects again on a later call; what
was missed meanwhile counts as a change, so the window reads the store again.
"""
from __future__ import annotations

import contextlib
import json
import uuid

from sqlalchemy import event, text

CHANNEL = "lcplanner"
_NOTIFY = text("SELECT pg_notify(:channel, :payload) "
               "WHERE pg_current_xact_id_if_assigned() IS NOT NULL")


def new_source() -> str:
    """A name for one open store, unique across processes and machines."""
    return uuid.uuid4().hex


def install(sessions, source: str) -> None:
    """Make every session from ``sessions`` (a sessionmaker) announce its commits."""
    payload = json.dumps({"source": source})

    def before_commit(session) -> None:
        session.flush()  # what is pending is written first, so the test below sees it
        if session.info.get("lcplanner_began"):
            session.execute(_NOTIFY, {"channel": CHANNEL, "payload": payload})

    def after_begin(session, _transaction, _connection) -> None:
        session.info["lcplanner_began"] = True

    def after_end(session) -> None:
        session.info.pop("lcplanner_began", None)

    event.listen(sessions, "after_begin", after_begin)
    event.listen(sessions, "before_commit", before_commit)
    event.listen(sessions, "after_commit", after_end)
    event.listen(sessions, "after_rollback", after_end)


class Listener:
    """A LISTEN connection to a server store; :meth:`changed` reads without waiting."""

    def __init__(self, engine, source: str):
        self._engine = engine
        self._source = source
        self._conn = None
        #: Something may have been missed (the connection was lost or never made).
        self._missed = False
        #: The last connection failure, as the driver said it (None while connected).
        self.error: str | None = None
        self._connect()

    def _connect(self) -> bool:
        import psycopg

        args, kwargs = self._engine.dialect.create_connect_args(self._engine.url)
        kwargs.setdefault("connect_timeout", 5)  # unless the URL gives its own
        try:
            conn = psycopg.connect(*args, **{**kwargs, "autocommit": True})
            conn.execute(f"LISTEN {CHANNEL}")
        except psycopg.Error as exc:
            self.error = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
            self._missed = True
            return False
        self._conn, self.error = conn, None
        return True

    def fileno(self) -> int | None:
        """The socket notices arrive on (it changes after a reconnection); None when down."""
        if self._conn is None or self._conn.closed:
            return None
        try:
            return self._conn.fileno()
        except Exception:
            return None

    def changed(self) -> bool:
        """True when another connection has committed since the last call (or when that
        cannot be known because the connection was lost: then reading again is the safe
        answer)."""
        import psycopg

        if self._conn is None:
            if not self._connect():
                return False
        outside = False
        try:
            for notice in self._conn.notifies(timeout=0):
                outside = outside or _source_of(notice.payload) != self._source
        except psycopg.Error as exc:
            self._drop(exc)
            return False
        if self._missed:
            self._missed, outside = False, True
        return outside

    def _drop(self, exc) -> None:
        self.error = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
        self._missed = True
        self.close()

    def close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            import psycopg

            with contextlib.suppress(psycopg.Error, OSError):  # a dead link closes as it can
                conn.close()


def _source_of(payload: str) -> str | None:
    try:
        return json.loads(payload).get("source")
    except (ValueError, AttributeError):
        return None
