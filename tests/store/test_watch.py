"""The store watcher: another connection's commits are noticed, this process's own are not."""
from __future__ import annotations

import subprocess
import sys

from sqlalchemy import select

from lcplanner import services
from lcplanner.domain import model as m
from lcplanner.store.engine import open_store
from lcplanner.store.watch import StoreWatcher


def _first_output(store):
    with store.session() as s:
        return s.scalars(select(m.Output).order_by(m.Output.id)).first()


def test_own_commits_are_not_outside_changes(sample_store):
    watcher = StoreWatcher(sample_store)
    try:
        assert watcher.changed() is False
        output = _first_output(sample_store)
        services.set_field(sample_store, "output", output.id, "text", "Edited here")
        services.create(sample_store, "output", output.priority_id, text="Added here")
        assert watcher.changed() is False
    finally:
        watcher.close()


def test_another_connection_is_noticed_once(sample_store, store_path):
    watcher = StoreWatcher(sample_store)
    other = open_store(store_path)
    try:
        output = _first_output(sample_store)
        services.set_field(other, "output", output.id, "text", "Edited elsewhere")
        assert watcher.changed() is True
        assert watcher.changed() is False
    finally:
        other.close()
        watcher.close()


def test_an_outside_change_before_an_own_commit_is_not_lost(sample_store, store_path):
    watcher = StoreWatcher(sample_store)
    other = open_store(store_path)
    try:
        output = _first_output(sample_store)
        services.set_field(other, "output", output.id, "text", "Edited elsewhere")
        services.create(sample_store, "output", output.priority_id, text="Then here")
        assert watcher.changed() is True
    finally:
        other.close()
        watcher.close()


def test_a_read_only_store_sees_another_process_write(sample_store, store_path):
    reader = open_store(store_path, readonly=True)
    watcher = StoreWatcher(reader)
    try:
        output = _first_output(sample_store)
        script = ("import sys; from lcplanner import services; "
                  "from lcplanner.store.engine import open_store; "
                  "s = open_store(sys.argv[1]); "
                  "services.set_field(s, 'output', int(sys.argv[2]), 'text', 'From a process'); "
                  "s.close()")
        subprocess.run([sys.executable, "-c", script, str(store_path), str(output.id)],
                       check=True, timeout=60)
        assert watcher.changed() is True
        assert _first_output(reader).text == "From a process"
        assert watcher.changed() is False
    finally:
        watcher.close()
        reader.close()
