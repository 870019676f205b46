"""1. Set-aside names never collide: nothing is ever moved onto an existing file."""
from __future__ import annotations

import sqlite3
from datetime import datetime

from lcplanner.store import backup as backup_module
from lcplanner.store.backup import backup_before, list_backups, restore_backup, \
    set_aside_corrupt
from tests.safety.hostile import make_sample_store


def _title(path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT title FROM plans").fetchone()[0]
    finally:
        conn.close()


def _retitle(path, title: str) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE plans SET title = ?", (title,))
    conn.close()


class _FrozenClock(datetime):
    @classmethod
    def now(cls, tz=None):
        return datetime(2026, 3, 4, 10, 11, 12, 131415)


def test_two_restores_in_the_same_second_keep_both_previous_files(tmp_path, monkeypatch):
    from lcplanner.store import restore as restore_module

    store = make_sample_store(tmp_path / "plans.lcplan")
    backup = backup_before(store, reason="manual")
    monkeypatch.setattr(restore_module, "datetime", _FrozenClock)
    _retitle(store, "First edit")
    first = restore_backup(backup, store)
    _retitle(store, "Second edit")
    second = restore_backup(backup, store)
    assert first.name == "plans.before-restore-20260304-101112.lcplan"
    assert second.name == "plans.before-restore-20260304-101112-2.lcplan"
    assert _title(first) == "First edit" and _title(second) == "Second edit"
    assert _title(store) == "Business Plan 2026/27"


def test_backups_made_in_the_same_instant_never_replace_each_other(tmp_path, monkeypatch):
    store = make_sample_store(tmp_path / "plans.lcplan")
    monkeypatch.setattr(backup_module, "datetime", _FrozenClock)
    first = backup_before(store, reason="upgrade-v3")
    _retitle(store, "Changed between the two")
    second = backup_before(store, reason="upgrade-v3")
    assert first != second
    assert {_title(first), _title(second)} == {"Business Plan 2026/27", "Changed between the two"}
    assert len(list_backups(store)) == 2


def test_setting_aside_never_moves_onto_an_existing_file(tmp_path):
    store = make_sample_store(tmp_path / "plans.lcplan")
    older = {  # left by earlier set-asides: a whole one, and a lone -wal of another
        tmp_path / "plans.lcplan.corrupt": b"the first damaged copy",
        tmp_path / "plans.lcplan.2.corrupt-wal": b"a journal kept from the second",
    }
    for path, data in older.items():
        path.write_bytes(data)
    wal = tmp_path / "plans.lcplan-wal"
    wal.write_bytes(b"this store's own journal")
    aside = set_aside_corrupt(store)
    assert aside.name == "plans.lcplan.3.corrupt"
    assert (tmp_path / "plans.lcplan.3.corrupt-wal").read_bytes() == b"this store's own journal"
    assert all(path.read_bytes() == data for path, data in older.items())
    assert not store.exists() and not wal.exists()
