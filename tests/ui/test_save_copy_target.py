"""File → Save a Copy As follows the output rule: never the open store (through any link) or a
backup, never a folder or device; the copy gets the user's umask or the replaced file's mode."""
from __future__ import annotations

import os
import sqlite3
import stat

import pytest


@pytest.fixture
def errors(monkeypatch):
    shown = []
    monkeypatch.setattr("lcplanner.ui.opening.show_error",
                        lambda _parent, title, text: shown.append((title, text)))
    return shown


def _plan_titles(path) -> list[str]:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return [row[0] for row in conn.execute("SELECT title FROM plans")]
    finally:
        conn.close()


@pytest.mark.parametrize("link", [os.symlink, os.link], ids=["symbolic", "hard"])
def test_a_copy_onto_a_link_to_the_open_store_is_refused(window, tmp_path, errors, link):
    store = window.doc.store.path
    alias = tmp_path / "alias.lcplan"
    link(store, alias)
    size = store.stat().st_size
    assert window.save_copy_to(alias) is False
    assert errors == [("Cannot save a copy", f"{alias} is the store being read; an output "
                                              "never replaces its own store.")]
    assert store.stat().st_size == size and os.path.samefile(alias, store)


def test_a_copy_onto_a_backup_is_refused(window, tmp_path, errors):
    from lcplanner.store.backup import backup_before

    backup = backup_before(window.doc.store.path, reason="test")
    before = backup.read_bytes()
    assert window.save_copy_to(backup) is False
    assert errors[0][1] == (f"{backup} is a backup of an lcplanner store; an output never "
                            "replaces a backup.")
    assert backup.read_bytes() == before


def test_a_copy_may_replace_an_older_copy_and_keeps_its_mode(window, tmp_path, errors):
    older = tmp_path / "copy.lcplan"
    assert window.save_copy_to(older) is True
    older.chmod(0o640)
    assert window.save_copy_to(older) is True
    assert errors == []
    assert stat.S_IMODE(older.stat().st_mode) == 0o640
    assert _plan_titles(older) == ["Business Plan 2026/27"]


def test_a_new_copy_follows_the_umask(window, tmp_path, errors):
    old = os.umask(0o022)
    try:
        copy = tmp_path / "new.lcplan"
        assert window.save_copy_to(copy) is True
    finally:
        os.umask(old)
    assert stat.S_IMODE(copy.stat().st_mode) == 0o644
    assert not [p for p in tmp_path.iterdir() if ".lcplanner-" in p.name or
                p.name.endswith(".tmp")]
