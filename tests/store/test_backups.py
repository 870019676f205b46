"""Backups: rotation, thinning, restore, and damaged stores set aside."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from tests.support import damage_store
from lcplanner.cli import main
from lcplanner.domain.model import Plan
from lcplanner.store.backup import (automatic_backup, backup_before, backup_folder,
                                    list_backups, restore_backup, thin_backups)
from lcplanner.store.engine import open_store
from lcplanner.store.errors import CorruptStoreError


def _title(path):
    store = open_store(path)
    try:
        with store.session() as session:
            return session.scalars(select(Plan.title)).one()
    finally:
        store.close()


def _retitle(store, title):
    with store.transaction() as session:
        session.scalars(select(Plan)).one().title = title


def test_automatic_backup_waits_for_its_interval(sample_store, store_path):
    first = automatic_backup(store_path, every=timedelta(days=1))
    assert first is not None and first.exists()
    assert automatic_backup(store_path, every=timedelta(days=1)) is None
    later = datetime.now() + timedelta(days=2)
    assert automatic_backup(store_path, every=timedelta(days=1), now=later) is not None
    assert len(list_backups(store_path)) == 2


def test_thinning_keeps_recent_then_daily_weekly_monthly(store_path, tmp_path):
    folder = backup_folder(store_path)
    folder.mkdir(parents=True)
    now = datetime(2026, 11, 23, 12, 0)
    # one backup every 6 hours for 400 days
    for hours in range(0, 400 * 24, 6):
        when = now - timedelta(hours=hours)
        (folder / f"plans-{when:%Y%m%d-%H%M%S-%f}-automatic.lcplan").write_bytes(b"x")
    before = len(list_backups(store_path))
    thin_backups(store_path, now=now)
    kept = list_backups(store_path)
    assert before == 1600 and len(kept) < 40
    ages = [now - b.when for b in kept]
    assert sum(a <= timedelta(hours=60) for a in ages) >= 10  # every recent one
    assert any(timedelta(days=20) < a <= timedelta(days=28) for a in ages)  # weekly
    assert any(timedelta(days=200) < a < timedelta(days=372) for a in ages)  # monthly
    assert not any(a > timedelta(days=31 * 12 + 1) for a in ages)


def test_restore_keeps_the_current_file_aside(sample_store, store_path):
    backup = backup_before(store_path, reason="manual")
    _retitle(sample_store, "Edited after the backup")
    sample_store.close()
    aside = restore_backup(backup, store_path)
    assert _title(store_path) == "Business Plan 2026/27"
    assert aside is not None and _title(aside) == "Edited after the backup"


def test_restore_refuses_a_damaged_backup(sample_store, store_path, tmp_path):
    sample_store.close()
    bad = tmp_path / "bad.lcplan"
    bad.write_bytes(b"SQLite format 3\x00" + bytes(5000))
    before = store_path.read_bytes()
    with pytest.raises(CorruptStoreError):
        restore_backup(bad, store_path)
    assert store_path.read_bytes() == before


def test_cli_backups_and_restore(sample_store, store_path, capsys):
    backup = backup_before(store_path, reason="manual")
    _retitle(sample_store, "Changed")
    sample_store.close()
    assert main(["backups", str(store_path)]) == 0
    assert str(backup) in capsys.readouterr().out
    assert main(["restore", str(backup), "--into", str(store_path)]) == 0
    assert "previous file is kept" in capsys.readouterr().out
    assert _title(store_path) == "Business Plan 2026/27"


def test_damaged_store_is_set_aside_and_the_backup_offered(sample_store, store_path, capsys):
    backup = backup_before(store_path, reason="manual")
    sample_store.close()
    damage_store(store_path)
    code = main(["stats", str(store_path)])
    err = capsys.readouterr().err.strip()
    assert code == 2 and len(err.splitlines()) == 1
    assert "damaged" in err and "plans.lcplan.corrupt" in err and str(backup) in err
    assert not store_path.exists()
    assert store_path.with_name("plans.lcplan.corrupt").exists()
    assert main(["restore", str(backup), "--into", str(store_path)]) == 0
    assert _title(store_path) == "Business Plan 2026/27"


def test_a_backup_of_an_open_store_opens_without_a_lost_wal_warning(sample_store, store_path):
    backup = backup_before(store_path, reason="manual")  # the store is open and in use
    opened = open_store(backup)
    try:
        assert opened.warnings == []
    finally:
        opened.close()
