"""Opening a store: one SQLite file per workspace (``.lcplan``), several plans per file.

The store is identified by ``PRAGMA application_id`` and versioned by ``PRAGMA user_version``
(kept equal to the number of Alembic revisions applied). A file that is not a store, or a store
from a newer lcplanner, is refused before anything is written to it. Older stores are backed up
through SQLite's backup API and then migrated in-process.

Everything above this module talks to the store through a SQLAlchemy URL and ORM sessions, so a
shared PostgreSQL server can follow; the SQLite-only pragmas live here and nowhere else.
"""
from __future__ import annotations

import os
import socket
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from lcplanner.store.errors import (CorruptStoreError, DiskFullError, NewerStoreError,
                                    NotAStoreError, ReadOnlyStoreError, StoreBusyError,
                                    StoreError, StoreIOError)
from lcplanner.store.failures import (busy_message, connect_readonly, existing_sidecars,
                                      notify_waiting, remove_new_sidecars, translate,
                                      wait_limit)
from lcplanner.store.schema_check import check_schema

#: "LCPL" — marks a SQLite file as an lcplanner store.
APPLICATION_ID = 0x4C43504C
SQLITE_HEADER = b"SQLite format 3\x00"
SUFFIX = ".lcplan"
_NETWORK_FS = {"nfs", "nfs4", "cifs", "smb", "smb2", "smbfs", "smb3", "afs", "9p", "fuse.sshfs",
               "davfs", "ncpfs", "glusterfs", "ceph"}


#: The ``user_version`` this build writes: one per Alembic revision (a test checks they agree).
#: Kept as a constant so that opening a current store never loads Alembic's scripts.
SCHEMA_VERSION = 8
#: The Alembic revision a new store is stamped with (the last of the history).
HEAD_REVISION = "0008_history"


def schema_version() -> int:
    return SCHEMA_VERSION


def is_network_path(path: Path, mounts_file: str = "/proc/mounts") -> bool:
    """True when ``path`` lies on a network file system, where WAL must not be used."""
    try:
        target = os.path.realpath(path.parent if not path.is_dir() else path)
        best, best_type = "", ""
        with open(mounts_file, encoding="utf-8") as mounts:
            for line in mounts:
                parts = line.split()
                if len(parts) < 3:
                    continue
                mount_point = parts[1].replace("\\040", " ")
                if (target == mount_point or target.startswith(mount_point.rstrip("/") + "/")) \
                        and len(mount_point) >= len(best):
                    best, best_type = mount_point, parts[2]
        return best_type in _NETWORK_FS
    except OSError:
        return False


@dataclass
class StoreInfo:
    """What a look at a file's header tells, without changing it."""

    exists: bool
    user_version: int = 0
    application_id: int = 0
    empty: bool = True


def resolve_path(path: str | os.PathLike) -> Path:
    """``path`` made absolute, links followed; a link loop is a :class:`StoreError`."""
    path = Path(path).expanduser()
    try:
        return path.resolve()
    except (RuntimeError, OSError) as exc:  # Python 3.11 says RuntimeError, 3.13 OSError
        raise StoreError(f"{path} is a symbolic link that leads back to itself (a loop), "
                         "not a store.") from exc


def inspect_file(path: Path) -> StoreInfo:
    """Read a store's identity read-only; raise a :class:`StoreError` for foreign files.

    An lcplanner store also has its schema compared with the one lcplanner makes (see
    :mod:`schema_check`), in the same read, before any other connection touches it.
    """
    path = resolve_path(path)
    if not path.exists():
        return StoreInfo(exists=False)
    if path.is_dir():
        raise NotAStoreError(f"{path} is a folder, not an lcplanner store.")
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except PermissionError as exc:
        raise ReadOnlyStoreError(f"{path} cannot be read: permission denied.") from exc
    except OSError as exc:
        raise (translate(exc, path) or StoreError(f"{path} cannot be read ({exc}).")) from exc
    if size == 0:
        return StoreInfo(exists=True)
    if header != SQLITE_HEADER:
        raise NotAStoreError(f"{path.name} is not an lcplanner store (it is not a SQLite file).")
    try:
        conn = connect_readonly(path)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if app_id == APPLICATION_ID and version <= SCHEMA_VERSION:
                check_schema(conn, path, current=version == SCHEMA_VERSION)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise (translate(exc, path) or CorruptStoreError(
            f"{path.name} is damaged and cannot be opened ({exc}).")) from exc
    if app_id != APPLICATION_ID and tables:
        raise NotAStoreError(
            f"{path.name} is a SQLite database but not an lcplanner store.")
    return StoreInfo(exists=True, user_version=version, application_id=app_id,
                     empty=tables == 0)


def _configure_sqlite(engine: Engine, path: Path, *, wal: bool, readonly: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        # pysqlite's own transaction handling interferes with SAVEPOINT and DDL; let
        # SQLAlchemy emit BEGIN itself (see the SQLAlchemy SQLite dialect notes).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA trusted_schema=OFF")
        cur.execute("PRAGMA foreign_keys=ON")
        # A writer in WAL mode waits in short steps (see _begin_write) and is never kept from
        # reading; otherwise (readers, rollback journals) SQLite waits as long as allowed.
        wait_ms = BUSY_STEP_MS if wal and not readonly else int(wait_limit() * 1000)
        cur.execute(f"PRAGMA busy_timeout={max(wait_ms, BUSY_STEP_MS)}")
        if not readonly:
            cur.execute("PRAGMA synchronous=FULL")
            cur.execute(f"PRAGMA journal_mode={'WAL' if wal else 'DELETE'}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        if readonly:
            conn.exec_driver_sql("BEGIN")
        else:
            _begin_write(conn, path)


#: How long SQLite itself waits for a lock before lcplanner looks again (milliseconds).
BUSY_STEP_MS = 1000


def _begin_write(conn, path: Path) -> None:
    """``BEGIN IMMEDIATE``, waiting for another program's write to finish: the user is told
    once, and after :func:`wait_limit` seconds the command gives up with one sentence."""
    deadline = None
    while True:
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            return
        except Exception as exc:  # SQLAlchemy wraps the driver's OperationalError
            if not isinstance(translate(exc, path), StoreBusyError):
                raise
        now = time.monotonic()
        if deadline is None:
            deadline = now + wait_limit()
            notify_waiting(path)
        if now >= deadline:
            raise StoreBusyError(busy_message(path))


@dataclass
class Store:
    """An open store: its engine and a session factory. Widgets never hold one directly."""

    path: Path | None
    engine: Engine
    readonly: bool = False
    network: bool = False
    warnings: list[str] = field(default_factory=list)
    #: False for a short command that must write nothing but its own change.
    marks_in_use: bool = True
    #: A server database's URL as given (never with a password), None for a file.
    url: str | None = None
    #: How messages name a server database ("the database 'plans' on host").
    name: str | None = None

    def __post_init__(self):
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        from lcplanner.services.recording import install as record_history

        record_history(self._sessions)  # every change is kept in change_history
        #: Names this open store in the notices it sends to other editors (a server's).
        self.source = None
        if self.engine.dialect.name == "postgresql":
            from lcplanner.store.notify import install, new_source

            self.source = new_source()
            install(self._sessions, self.source)

    def session(self) -> Session:
        return self._sessions()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed whole on success, rolled back whole on any error."""
        if self.readonly:
            raise ReadOnlyStoreError("This store is open read-only; changes cannot be saved.")
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException as exc:
            try:
                session.rollback()
            except Exception:  # a server connection already gone: nothing to roll back
                pass
            # A full disk, a lock held too long or a disk error: one sentence, not a traceback.
            if self.path is not None:
                error = translate(exc, self.path)
            else:
                from lcplanner.store.server import translate_server

                error = translate_server(exc, self.name or "the server")
            if error is None or error is exc:
                raise
            raise error from exc
        finally:
            session.close()

    def reachable(self) -> bool:
        """True when the store answers (a server may have gone away); never raises."""
        try:
            with self.engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
            return True
        except Exception:  # noqa: BLE001 - any failure means "not now"
            return False

    def close(self) -> None:
        """Mark the store closed and fold the WAL into the main file, then let go."""
        if not self.readonly and self.path is not None and self.marks_in_use:
            try:
                _set_in_use(self.engine, False)
                checkpoint(self.engine)
            except Exception:  # closing must never raise; the WAL keeps the data safe
                pass
        self.engine.dispose()


def sqlite_url(path: Path, *, readonly: bool = False) -> str:
    if readonly:
        return f"sqlite:///file:{path}?mode=ro&uri=true"
    return f"sqlite:///{path}"


def open_store(path: str | os.PathLike, *, create: bool = True, readonly: bool = False,
               migrate: bool = True, mark_in_use: bool = True) -> Store:
    """Open (or create) the store at ``path``, migrating an older one after a backup.

    ``mark_in_use=False`` (one short command under the lock) writes nothing on opening, so a
    command that then fails or is refused leaves the file exactly as it was.

    Raises a :class:`StoreError` subclass with a message fit for the user when the file is not
    a store, is from a newer lcplanner, is damaged, or cannot be written.

    A ``postgresql://`` URL opens a store in a server database instead (see
    :mod:`lcplanner.store.server`): no lock file, no journal, no backup files.
    """
    from lcplanner.store.server import is_server_url, open_server

    if is_server_url(path):
        return open_server(path, create=create, readonly=readonly, migrate=migrate)
    path = resolve_path(path)
    before = existing_sidecars(path)
    info = inspect_file(path)
    current = schema_version()
    if info.exists and info.user_version > current:
        raise NewerStoreError(
            f"{path.name} was saved by a newer version of lcplanner (store version "
            f"{info.user_version}; this version reads up to {current}). Update lcplanner to "
            "open it; the file has not been changed.")
    if not info.exists and not create:
        raise StoreError(f"{path} does not exist.")
    if not info.exists or info.empty:
        if readonly:
            raise StoreError(f"{path.name} is empty, so there is nothing to show read-only.")
        _check_writable(path)
    elif not readonly and not os.access(path.parent, os.W_OK | os.X_OK):
        raise ReadOnlyStoreError(
            f"{path.name} is in a read-only folder, so it can be opened read-only only; "
            "nothing was changed.")
    elif not readonly and not os.access(path, os.W_OK):
        raise ReadOnlyStoreError(
            f"{path.name} is read-only. Open it read-only, or copy it somewhere you can write.")

    network = is_network_path(path, os.environ.get("LCPLANNER_MOUNTS", "/proc/mounts"))
    engine = create_engine(sqlite_url(path, readonly=readonly),
                           **({"creator": lambda: connect_readonly(path)} if readonly else {}))
    _configure_sqlite(engine, path, wal=not network, readonly=readonly)
    store = Store(path=path, engine=engine, readonly=readonly, network=network,
                  marks_in_use=mark_in_use)
    if network:
        store.warnings.append(
            f"{path.name} is on a network drive: lcplanner uses a rollback journal there "
            "instead of WAL, and saving may be slower.")
    made = None  # the backup made before a migration, removed again if the migration fails
    try:
        _check_integrity(engine, path, quick=True, skip=not info.exists or info.empty)
        if not readonly:
            if info.exists and not info.empty and info.user_version < current and migrate:
                from lcplanner.store.backup import backup_before

                made = backup_before(path, reason=f"upgrade-v{info.user_version}")
            if not info.exists or info.empty:
                create_schema(engine)
            elif info.user_version < current:
                from lcplanner.store.migrate import upgrade

                upgrade(engine)
            if mark_in_use:
                _note_lost_wal(store, wal_existed=Path(f"{path}-wal") in before)
    except BaseException as exc:
        engine.dispose()
        error = translate(exc, path)
        if not readonly and isinstance(error, (DiskFullError, StoreIOError, ReadOnlyStoreError)):
            # SQLite could not set up its -wal/-shm (nobody else can have them in use either):
            # a failed attempt leaves none that were not there before.
            remove_new_sidecars(path, before)
        if not readonly:
            if not info.exists:
                path.unlink(missing_ok=True)
            if made is not None:
                made.unlink(missing_ok=True)
                try:
                    made.parent.rmdir()  # only when it is empty: the folder this open made
                except OSError:
                    pass
        if error is None or error is exc:
            raise
        raise error from exc
    return store


def checkpoint(engine: Engine) -> None:
    """Fold the WAL into the main file. Must run outside a transaction, so on the raw driver."""
    raw = engine.raw_connection()
    try:
        raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
    finally:
        raw.close()


def _set_in_use(engine: Engine, value: bool) -> bool:
    """Set the in-use mark; return what it was."""
    from lcplanner.domain.model import StoreState

    with Session(engine) as session, session.begin():
        state = session.get(StoreState, 1)
        if state is None:
            state = StoreState(id=1, in_use=False)
            session.add(state)
        was = bool(state.in_use)
        state.in_use = value
    return was


def _note_lost_wal(store: Store, *, wal_existed: bool) -> None:
    """Warn when the store was left in use but its ``-wal`` file is missing.

    While an editor has a store open, the main file says "in use" (the mark is checkpointed into
    it at once), and recent edits may live only in ``<store>-wal``. Finding the mark with no
    ``-wal`` beside it means the file was copied or moved without its ``-wal``: the newest edits
    are not in this copy.
    """
    from lcplanner.store.lock import read_owner

    # Present means present, even at 0 bytes (an editor stopped by a signal after its last
    # checkpoint leaves an empty -wal); it is looked for before lcplanner's first connection,
    # which would make one.
    wal_present = wal_existed
    was_in_use = _set_in_use(store.engine, True)
    checkpoint(store.engine)
    owner = read_owner(store.path)
    elsewhere = owner is not None and not (owner.get("pid") == os.getpid()
                                           and owner.get("host") == socket.gethostname())
    if was_in_use and not wal_present and not store.network and not elsewhere:
        store.warnings.append(
            f"{store.path.name} was not closed properly and its journal file "
            f"({store.path.name}-wal) is missing: if the file was copied while lcplanner had it "
            "open, the most recent changes are not in it. Check it, or restore a backup.")


def create_schema(engine: Engine) -> None:
    """Make a new store at the current version in one transaction.

    A new store is created from the model and stamped with the head revision, as Alembic
    recommends, instead of replaying every migration: faster, and a test checks that replaying
    the migrations from nothing gives the same schema.
    """
    from lcplanner.domain.model import Base

    with engine.begin() as conn:
        Base.metadata.create_all(conn)
        conn.exec_driver_sql("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
                             "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))")
        conn.exec_driver_sql("INSERT INTO alembic_version (version_num) VALUES (?)",
                             (HEAD_REVISION,))
        conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
        conn.exec_driver_sql(f"PRAGMA user_version={SCHEMA_VERSION}")


def _check_writable(path: Path) -> None:
    folder = path.parent
    if not folder.exists():
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ReadOnlyStoreError(f"Cannot create the folder {folder}: {exc.strerror}.") from exc
    if not os.access(folder, os.W_OK):
        raise ReadOnlyStoreError(f"Cannot write a store in {folder}: permission denied.")


def _check_integrity(engine: Engine, path: Path, *, quick: bool, skip: bool) -> None:
    if skip:
        return
    pragma = "quick_check" if quick else "integrity_check"
    with engine.connect() as conn:
        rows = [r[0] for r in conn.exec_driver_sql(f"PRAGMA {pragma}")]
    if rows != ["ok"]:
        detail = " ".join(" ".join(rows[:3]).split())
        detail = detail if len(detail) <= 120 else detail[:117] + "..."
        raise CorruptStoreError(f"{path.name} is damaged ({detail}).")


def integrity_ok(store: Store) -> bool:
    """Full ``PRAGMA integrity_check``; True when SQLite finds nothing wrong."""
    with store.engine.connect() as conn:
        return [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check")] == ["ok"]
