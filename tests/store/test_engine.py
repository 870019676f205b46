"""Opening, creating, refusing and migrating stores."""
from __future__ import annotations

import hashlib
import os
import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, func, select

from tests.support import damage_store
from lcplanner.domain.model import Base, Plan
from lcplanner.store.backup import backup_folder, copy_store
from lcplanner.store.engine import (APPLICATION_ID, integrity_ok, open_store, schema_version)
from lcplanner.store.errors import (CorruptStoreError, NewerStoreError, NotAStoreError,
                                    ReadOnlyStoreError)
from lcplanner.store.migrate import revisions, upgrade


def _pragma(path, name):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        conn.close()


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_store_is_marked_and_versioned(store, store_path):
    assert _pragma(store_path, "application_id") == APPLICATION_ID
    assert _pragma(store_path, "user_version") == schema_version() == len(revisions())
    assert _pragma(store_path, "journal_mode") == "wal"


def test_every_connection_enforces_foreign_keys_and_full_sync(store):
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_model_and_migrations_agree(tmp_path):
    """Replaying every migration from nothing gives the schema a new store is created with."""
    from lcplanner.store.engine import HEAD_REVISION, SCHEMA_VERSION

    assert revisions()[-1] == HEAD_REVISION and len(revisions()) == SCHEMA_VERSION
    engine = create_engine(f"sqlite:///{tmp_path / 'replayed.lcplan'}")
    upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diff == []
    assert _pragma(tmp_path / "replayed.lcplan", "user_version") == SCHEMA_VERSION


def test_a_new_store_is_stamped_at_head(store):
    from lcplanner.store.migrate import current_revision

    with store.engine.connect() as conn:
        assert current_revision(conn) == revisions()[-1]
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_sample_plan_round_trips(sample_store):
    with sample_store.session() as session:
        plan = session.scalars(select(Plan)).one()
        assert plan.organisation and plan.portfolios
        outputs = plan.portfolios[0].priorities[0].outputs
        assert [o.position for o in outputs] == list(range(len(outputs)))
    assert integrity_ok(sample_store)


def test_transaction_rolls_back_whole(target_sample_store):
    with pytest.raises(RuntimeError):
        with target_sample_store.transaction() as session:
            plan = session.scalars(select(Plan)).one()
            plan.title = "Changed"
            session.flush()
            raise RuntimeError("boom")
    with target_sample_store.session() as session:
        assert session.scalars(select(Plan.title)).one() == "Business Plan 2026/27"


def test_newer_store_is_refused_and_untouched(sample_store, store_path):
    sample_store.close()
    conn = sqlite3.connect(store_path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute(f"PRAGMA user_version={schema_version() + 5}")
    conn.commit()
    conn.close()
    before = _digest(store_path)
    with pytest.raises(NewerStoreError, match="newer version of lcplanner"):
        open_store(store_path)
    assert _digest(store_path) == before


@pytest.mark.parametrize("content", [b"Dear colleague, please find attached...",
                                     b"PK\x03\x04" + bytes(200), bytes(range(256)) * 4])
def test_a_file_that_is_not_a_store_gets_a_clear_message(tmp_path, content):
    path = tmp_path / "memo.lcplan"
    path.write_bytes(content)
    with pytest.raises(NotAStoreError, match="not an lcplanner store"):
        open_store(path)
    assert path.read_bytes() == content


def test_another_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    before = _digest(path)
    with pytest.raises(NotAStoreError, match="SQLite database but not an lcplanner store"):
        open_store(path)
    assert _digest(path) == before


def test_damaged_store_is_detected(sample_store, store_path):
    sample_store.close()
    damage_store(store_path)
    with pytest.raises(CorruptStoreError, match="damaged"):
        open_store(store_path)


def test_truncated_store_is_detected(sample_store, store_path):
    sample_store.close()
    conn = sqlite3.connect(store_path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = store_path.read_bytes()
    store_path.write_bytes(data[: len(data) // 3])
    with pytest.raises(CorruptStoreError):
        open_store(store_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write read-only files")
def test_read_only_file_is_refused_for_writing_but_opens_read_only(sample_store, store_path):
    sample_store.close()
    store_path.chmod(0o444)
    try:
        with pytest.raises(ReadOnlyStoreError, match="read-only"):
            open_store(store_path)
    finally:
        store_path.chmod(0o644)


def test_read_only_open_cannot_write(sample_store, store_path):
    sample_store.close()
    ro = open_store(store_path, readonly=True)
    try:
        with ro.session() as session:
            assert session.scalar(select(func.count()).select_from(Plan)) == 1
        with pytest.raises(ReadOnlyStoreError):
            with ro.transaction():
                pass
    finally:
        ro.close()


def test_upgrade_from_the_baseline_backs_up_and_keeps_data(tmp_path):
    path = tmp_path / "old.lcplan"
    engine = create_engine(f"sqlite:///{path}")
    upgrade(engine, target=revisions()[0])
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO plans (id, position, title, period, status, organisation, "
            "financial_quarters, created, modified) VALUES (1, 0, 'Old plan', '2019/20', "
            "'draft', 'Org', 0, '2020-01-01', '2020-01-01')")
        conn.exec_driver_sql("INSERT INTO objectives (id, plan_id, position, title, strapline)"
                             " VALUES (1, 1, 0, 'Objective', '')")
        conn.exec_driver_sql("INSERT INTO milestones (id, objective_id, position, name, text)"
                             " VALUES (1, 1, 0, 'Milestone', '')")
    engine.dispose()
    assert _pragma(path, "user_version") == 1

    store = open_store(path)
    try:
        assert _pragma(path, "user_version") == schema_version()
        with store.session() as session:
            plan = session.scalars(select(Plan)).one()
            assert plan.title == "Old plan"
            assert plan.objectives[0].milestones[0].owner == ""
    finally:
        store.close()
    backups = list(backup_folder(path).iterdir())
    assert len(backups) == 1 and "upgrade-v1" in backups[0].name
    assert _pragma(backups[0], "user_version") == 1


def test_copy_store_is_consistent_and_self_contained(sample_store, store_path, tmp_path):
    target = tmp_path / "copy" / "copy.lcplan"
    copy_store(store_path, target)
    assert not target.with_name("copy.lcplan-wal").exists()
    copy = open_store(target)
    try:
        with copy.session() as session:
            assert session.scalars(select(Plan.title)).one() == "Business Plan 2026/27"
    finally:
        copy.close()


def test_unwritable_store_is_refused_with_a_clear_message(sample_store, store_path,
                                                          monkeypatch):
    """As root chmod does not bite, so the permission answer is simulated."""
    sample_store.close()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, *a, **k: False if (
        mode == os.W_OK and str(p) == str(store_path)) else real_access(p, mode, *a, **k))
    with pytest.raises(ReadOnlyStoreError, match="read-only"):
        open_store(store_path)


def test_store_on_a_network_share_uses_a_rollback_journal(tmp_path, monkeypatch):
    share = tmp_path / "share"
    share.mkdir()
    mounts = tmp_path / "mounts"
    mounts.write_text(f"/dev/sda1 / ext4 rw 0 0\n//server/plans {share} cifs rw 0 0\n")
    monkeypatch.setenv("LCPLANNER_MOUNTS", str(mounts))
    path = share / "team.lcplan"
    store = open_store(path)
    try:
        assert store.network
        assert any("network drive" in w for w in store.warnings)
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
    finally:
        store.close()
    local = open_store(tmp_path / "local.lcplan")
    try:
        assert not local.network and local.warnings == []
    finally:
        local.close()


def test_a_copy_without_its_wal_is_noticed(sample_store, store_path, tmp_path):
    # The editor has the store open and has made edits that live only in the -wal file.
    with sample_store.transaction() as session:
        session.scalars(select(Plan)).one().title = "Edited just now"
    copy = tmp_path / "copied.lcplan"
    copy.write_bytes(store_path.read_bytes())  # a careless copy: no -wal
    opened = open_store(copy)
    try:
        assert any("-wal) is missing" in w for w in opened.warnings)
    finally:
        opened.close()
    sample_store.close()
    again = open_store(store_path)  # closed properly: no warning
    try:
        assert again.warnings == []
    finally:
        again.close()


def test_a_copy_without_its_wal_is_noticed_under_our_own_lock(sample_store, store_path,
                                                             tmp_path):
    from lcplanner.store.lock import acquire_lock

    with sample_store.transaction() as session:
        session.scalars(select(Plan)).one().title = "Edited just now"
    copy = tmp_path / "copied.lcplan"
    copy.write_bytes(store_path.read_bytes())
    with acquire_lock(copy):  # the editor takes the lock before it opens
        opened = open_store(copy)
        try:
            assert any("-wal) is missing" in w for w in opened.warnings)
        finally:
            opened.close()
