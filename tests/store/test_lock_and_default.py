"""The 'open elsewhere' lock and the default store."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from sqlalchemy import select

from lcplanner.domain.model import Plan
from lcplanner.store.default import default_store_path, open_default_store
from lcplanner.store.errors import StoreLockedError
from lcplanner.store.lock import acquire_lock, lock_path, read_owner


def test_second_holder_is_told_who_and_since_when(store_path):
    with acquire_lock(store_path):
        # Another process on this machine, alive, holding the lock:
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
        try:
            lock_path(store_path).write_text(json.dumps(
                {"user": "asha", "host": os.uname().nodename, "pid": child.pid,
                 "since": "2026-11-23T09:30:00"}))
            with pytest.raises(StoreLockedError) as caught:
                acquire_lock(store_path)
            message = str(caught.value)
            assert "open elsewhere" in message and "asha" in message
            assert "23 November 2026 at 09:30" in message and "read-only" in message
        finally:
            child.kill()
            child.wait()


def test_lock_from_another_machine_is_respected(store_path):
    lock_path(store_path).write_text(json.dumps(
        {"user": "ruth", "host": "other-pc", "pid": 1, "since": "2026-11-23T08:00:00"}))
    with pytest.raises(StoreLockedError, match="ruth on other-pc"):
        acquire_lock(store_path)


def test_stale_lock_of_a_dead_process_is_taken_over(store_path):
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    lock_path(store_path).write_text(json.dumps(
        {"user": "x", "host": os.uname().nodename, "pid": child.pid, "since": "2026-01-01"}))
    assert read_owner(store_path) is None
    lock = acquire_lock(store_path)
    assert json.loads(lock_path(store_path).read_text())["pid"] == os.getpid()
    lock.release()
    assert not lock_path(store_path).exists()


def test_garbage_lock_file_does_not_block(store_path):
    lock_path(store_path).write_text("not json {")
    acquire_lock(store_path).release()


def test_default_store_holds_the_sample_plan_once():
    path = default_store_path()
    assert not path.exists()
    store = open_default_store()
    store.close()
    store = open_default_store()
    try:
        with store.session() as session:
            titles = session.scalars(select(Plan.title)).all()
        assert titles == ["Business Plan 2026/27"]
    finally:
        store.close()
