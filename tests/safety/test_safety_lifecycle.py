"""9. A clean lifecycle: a 0-byte -wal is not "missing"; a stale lock of a dead process on this
machine is taken over without a warning. 2. The editor opens a store in a read-only place or on
a full disk read-only, saying so."""
from __future__ import annotations

import signal
import sqlite3
from pathlib import Path

from lcplanner.store.engine import open_store
from lcplanner.store.lock import acquire_lock, lock_path, read_owner
from tests.safety.hostile import OtherProgram, make_sample_store, settle

#: An editor's opening of a store (the lock, then the store), stopped by a signal while open.
EDITOR = r"""
from lcplanner.store.engine import open_store
from lcplanner.store.lock import acquire_lock
import time
lock = acquire_lock({path!r})
store = open_store({path!r})
with store.transaction() as session:
    pass
print("ready", flush=True)
time.sleep(120)
"""


def _stopped_editor(path: Path, sig: int) -> int:
    editor = OtherProgram(EDITOR.format(path=str(path)))
    editor.proc.send_signal(sig)
    editor.proc.wait()
    return editor.proc.pid


def test_an_editor_killed_twice_leaves_no_false_warning(tmp_path):
    store_path = make_sample_store(tmp_path / "plans.lcplan")
    for sig in (signal.SIGKILL, signal.SIGTERM):
        pid = _stopped_editor(store_path, sig)
        # what the stopped editor left: its lock, the in-use mark and an empty -wal
        assert f'"pid": {pid}' in lock_path(store_path).read_text(encoding="utf-8")
        wal = Path(f"{store_path}-wal")
        assert wal.exists() and wal.stat().st_size == 0
        conn = sqlite3.connect(f"{store_path.as_uri()}?mode=ro", uri=True)
        assert conn.execute("SELECT in_use FROM store_state").fetchone()[0] == 1
        conn.close()
        assert read_owner(store_path) is None  # its process is gone: the lock is stale
        lock = acquire_lock(store_path)  # taken over without a word
        store = open_store(store_path)
        try:
            assert store.warnings == []
        finally:
            store.close()
            lock.release()
        assert not lock_path(store_path).exists()


def test_a_copy_without_its_wal_is_still_noticed(tmp_path):
    store_path = make_sample_store(tmp_path / "plans.lcplan")
    _stopped_editor(store_path, signal.SIGKILL)
    copy = tmp_path / "copy.lcplan"
    copy.write_bytes(store_path.read_bytes())  # the -wal left behind
    store = open_store(copy)
    try:
        assert len(store.warnings) == 1 and "(copy.lcplan-wal) is missing" in store.warnings[0]
    finally:
        store.close()


def test_the_editor_opens_a_store_in_a_read_only_folder_read_only(qapp, small_disk,
                                                                  monkeypatch):
    from lcplanner.ui import opening

    store_path = make_sample_store(small_disk.root / "plans.lcplan")
    settle(store_path)
    small_disk.make_read_only()
    asked, errors = [], []
    monkeypatch.setattr(opening, "ask_read_only",
                        lambda _p, message, title="": asked.append((title, message)) or True)
    monkeypatch.setattr(opening, "show_error", lambda _p, _t, message: errors.append(message))
    opened = opening.open_path(None, store_path)
    try:
        assert errors == []
        assert asked == [("Store is read-only", "plans.lcplan is in a read-only folder, so it "
                          "can be opened read-only only; nothing was changed.")]
        assert opened is not None and opened.store.readonly
        from sqlalchemy import select

        from lcplanner.domain.model import Plan

        with opened.store.session() as session:
            assert session.scalars(select(Plan.title)).all() == ["Business Plan 2026/27"]
    finally:
        if opened is not None:
            opened.store.close()
    assert sorted(p.name for p in small_disk.root.iterdir()) == ["plans.lcplan"]


def test_the_editor_offers_read_only_on_a_full_disk(qapp, small_disk, monkeypatch):
    from lcplanner.ui import opening

    store_path = make_sample_store(small_disk.root / "plans.lcplan")
    settle(store_path)
    before = store_path.read_bytes()
    small_disk.fill(leave=0)
    asked = []
    monkeypatch.setattr(opening, "ask_read_only",
                        lambda _p, message, title="": asked.append((title, message)) or True)
    monkeypatch.setattr(opening, "show_error", lambda *_a: asked.append(("error", _a)))
    opened = opening.open_path(None, store_path)
    try:
        assert len(asked) == 1 and asked[0][0] == "Disk is full"
        assert asked[0][1].startswith("the disk is full (0.0 MB free); nothing was changed.")
        assert opened is not None and opened.store.readonly
    finally:
        if opened is not None:
            opened.store.close()
    assert store_path.read_bytes() == before
    assert not lock_path(store_path).exists() and not store_path.with_name(
        "plans.lcplan.corrupt").exists()


def test_a_lock_whose_process_number_was_given_to_another_program_is_taken_over(tmp_path):
    import json
    import socket
    import subprocess

    store_path = make_sample_store(tmp_path / "plans.lcplan")
    unrelated = subprocess.Popen(["sleep", "60"])  # alive, but not the one that took the lock
    try:
        lock_path(store_path).write_text(json.dumps({
            "user": "someone", "host": socket.gethostname(), "pid": unrelated.pid,
            "since": "2026-01-05T09:00:00", "started": 1}), encoding="utf-8")
        assert read_owner(store_path) is None
        with acquire_lock(store_path):
            owner = json.loads(lock_path(store_path).read_text(encoding="utf-8"))
            assert owner["pid"] != unrelated.pid and owner["started"] > 1
        assert not lock_path(store_path).exists()
        # the process that wrote it, still running: respected
        from lcplanner.store.lock import _started

        lock_path(store_path).write_text(json.dumps({
            "user": "someone", "host": socket.gethostname(), "pid": unrelated.pid,
            "since": "2026-01-05T09:00:00", "started": _started(unrelated.pid)}),
            encoding="utf-8")
        assert read_owner(store_path)["user"] == "someone"
    finally:
        unrelated.kill()
        unrelated.wait()


def test_copies_a_killed_process_left_are_removed_on_the_next_backup_and_restore(tmp_path):
    import os
    import subprocess

    from lcplanner.store.backup import backup_before, backup_folder, restore_backup

    store_path = make_sample_store(tmp_path / "plans.lcplan")
    first = backup_before(store_path, reason="manual")
    gone = subprocess.Popen(["true"])
    gone.wait()  # a process number nobody uses now
    folder = backup_folder(store_path)
    stale = [folder / f".{first.name}.{gone.pid}.k3x_9abq.tmp",
             folder / f".{first.name}.{gone.pid}.k3x_9abq.tmp-journal",
             tmp_path / f".plans.lcplan.restoring-{gone.pid}-1",
             tmp_path / f".plans.lcplan.restoring-{gone.pid}-1-wal"]
    running = [folder / f".{first.name}.{os.getppid()}.q7w_2zzz.tmp",  # a copy in progress
               tmp_path / ".notes.txt"]  # not ours at all
    for path in stale + running:
        path.write_bytes(b"partial copy")
    backup_before(store_path, reason="manual")
    assert not any(p.exists() for p in stale[:2]) and all(p.exists() for p in stale[2:])
    restore_backup(first, store_path)
    assert not any(p.exists() for p in stale)
    assert all(p.read_bytes() == b"partial copy" for p in running)
