"""Opening stores from the editor: clear messages, read-only when open elsewhere."""
from __future__ import annotations

import sqlite3

import pytest

from lcplanner.ui import opening


@pytest.fixture
def messages(monkeypatch):
    shown = {"errors": [], "asked": []}
    monkeypatch.setattr(opening, "show_error",
                        lambda _p, _t, message: shown["errors"].append(message))
    return shown


def test_locked_store_offers_read_only(qapp, sample_store, store_path, messages, monkeypatch):
    first = opening.open_path(None, store_path)
    assert first is not None and first.lock is not None
    # the lock file names this process, which is alive: a second open is refused
    monkeypatch.setattr(opening, "ask_read_only",
                        lambda _p, message: messages["asked"].append(message) or True)
    second = opening.open_path(None, store_path)
    assert messages["asked"] and "open elsewhere" in messages["asked"][0]
    assert second is not None and second.store.readonly and second.lock is None
    second.store.close()
    monkeypatch.setattr(opening, "ask_read_only", lambda _p, _m: False)
    assert opening.open_path(None, store_path) is None
    first.lock.release()
    first.store.close()


def test_newer_store_is_refused_clearly(qapp, store, store_path, messages):
    store.close()
    conn = sqlite3.connect(store_path)
    conn.execute("PRAGMA user_version=999")
    conn.commit()
    conn.close()
    assert opening.open_path(None, store_path) is None
    assert "newer version of lcplanner" in messages["errors"][0]
    assert not store_path.with_name(store_path.name + ".lock").exists()


def test_not_a_store_is_refused(qapp, tmp_path, messages):
    path = tmp_path / "notes.lcplan"
    path.write_text("hello")
    assert opening.open_path(None, path) is None
    assert "not an lcplanner store" in messages["errors"][0]


def test_default_store_opens_on_sample(qapp, messages):
    opened = opening.open_default(None)
    assert opened is not None
    from lcplanner import services

    assert any(n.kind == "plan" for n in services.load_tree(opened.store))
    opened.lock.release()
    opened.store.close()
