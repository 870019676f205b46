"""Opening stores from the editor: clear messages, read-only when open elsewhere."""
from __future__ import annotations

import sqlite3

import pytest

from tests.support import damage_store
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


def test_read_only_file_offers_read_only(qapp, sample_store, store_path, messages, monkeypatch):
    import os

    sample_store.close()
    real_access = os.access  # root may write anything: pretend the file is read-only
    monkeypatch.setattr(os, "access", lambda p, mode, *a, **k: False if (
        mode & os.W_OK and str(p) == str(store_path)) else real_access(p, mode, *a, **k))
    asked = []
    monkeypatch.setattr(opening, "ask_read_only",
                        lambda _p, message, title="": asked.append((title, message)) or True)
    opened = opening.open_path(None, store_path)
    assert asked and asked[0][0] == "Store is read-only" and "is read-only" in asked[0][1]
    assert opened is not None and opened.store.readonly and opened.lock is None
    opened.store.close()
    monkeypatch.setattr(opening, "ask_read_only", lambda *_a, **_k: False)
    assert opening.open_path(None, store_path) is None
    assert not messages["errors"]


def test_damaged_store_offers_latest_backup(qapp, sample_store, store_path, messages,
                                            monkeypatch):
    from lcplanner.store.backup import backup_before

    backup_before(store_path, reason="manual")
    sample_store.close()
    damage_store(store_path)
    offered = []
    monkeypatch.setattr(opening, "ask_restore", lambda _p, message: offered.append(message)
                        or True)
    opened = opening.open_path(None, store_path)
    assert offered and "plans.lcplan.corrupt" in offered[0] and "latest good backup" in offered[0]
    assert opened is not None and not opened.store.readonly and opened.lock is not None
    assert store_path.with_name("plans.lcplan.corrupt").exists()
    opened.lock.release()
    opened.store.close()


def test_unexpected_errors_are_shown_plainly(qapp, messages, monkeypatch):
    import sys

    from lcplanner.app import install_excepthook

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook(None)
    try:
        raise ValueError("boom")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    assert messages["errors"] and "ValueError: boom" in messages["errors"][0]
    assert "Traceback" not in messages["errors"][0]
