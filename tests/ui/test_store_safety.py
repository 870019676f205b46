"""The editor keeps stores safe: automatic backups, damaged stores, warnings, read-only.

Real windows and real message boxes; ``QMessageBox.exec`` is patched to record each box and
click the button a test chose (Cancel or OK otherwise).
"""
from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import datetime, timedelta

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from tests.support import damage_store
from lcplanner.domain import model as m
from lcplanner.store.backup import backup_before, backup_folder, list_backups
from lcplanner.store.engine import open_store
from lcplanner.store.lock import lock_path
from lcplanner.ui import opening
from lcplanner.ui.tree_model import Role


class Boxes:
    """Message boxes shown, and which button to click in each (by title)."""

    def __init__(self):
        self.shown: list[tuple[str, str]] = []
        self.answers: dict[str, str] = {}

    def titles(self) -> list[str]:
        return [title for title, _text in self.shown]

    def text(self, title: str) -> str:
        return "\n".join(text for t, text in self.shown if t == title)


@pytest.fixture
def boxes(monkeypatch):
    found = Boxes()

    def fake_exec(box):
        text = box.text()
        if box.informativeText():
            text += "\n" + box.informativeText()
        found.shown.append((box.windowTitle(), text))
        wanted = found.answers.get(box.windowTitle())
        for button in box.buttons():
            if wanted and button.text().replace("&", "") == wanted:
                button.click()
                return 0
        fallback = box.button(QMessageBox.StandardButton.Cancel) or \
            box.button(QMessageBox.StandardButton.Ok)
        if fallback is not None:
            fallback.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return found


@pytest.fixture
def plan_path(store_path):
    """A closed store holding the sample plan, with no backups yet."""
    from lcplanner.sample import build_sample_plan

    store = open_store(store_path)
    with store.transaction() as session:
        session.add(build_sample_plan())
    store.close()
    return store_path


@pytest.fixture
def make_window(qtbot, settings):
    from lcplanner.ui.main_window import MainWindow

    made = []

    def make():
        win = MainWindow(settings)
        qtbot.addWidget(win)
        made.append(win)
        return win

    yield make
    for win in made:
        win.close()


def _open(win, path) -> bool:
    ok = win.open_path(path)
    win.safety.wait()
    return ok


def _count(path, cls) -> int:
    store = open_store(path, readonly=True)
    try:
        with store.session() as session:
            return session.scalar(select(func.count()).select_from(cls))
    finally:
        store.close()


def _plan_titles(win) -> list[str]:
    proxy = win.proxy
    return [proxy.index(r, 0).data(Role.TEXT) for r in range(proxy.rowCount())]


def _retitle(path, title):
    store = open_store(path)
    with store.transaction() as session:
        session.scalars(select(m.Plan)).first().title = title
    store.close()


# --- automatic backups ---------------------------------------------------------------------

def test_backup_on_open_once_a_day(make_window, plan_path, boxes):
    win = make_window()
    assert _open(win, plan_path)
    backups = list_backups(plan_path)
    assert [b.reason for b in backups] == ["on-open"]
    assert _count(backups[0].path, m.Plan) == 1

    win.set_document(None)
    assert _open(win, plan_path)  # the same day: no second backup
    assert len(list_backups(plan_path)) == 1

    # make the only backup two days old: the next opening backs up again
    old = datetime.now() - timedelta(days=2)
    backups[0].path.rename(backup_folder(plan_path) /
                           f"{plan_path.stem}-{old:%Y%m%d-%H%M%S-%f}-on-open.lcplan")
    win.set_document(None)
    assert _open(win, plan_path)
    assert [b.when.date() for b in list_backups(plan_path)] == [datetime.now().date(),
                                                                old.date()]
    assert not boxes.shown


def test_editing_timer_backs_up_after_edits_only(make_window, plan_path, qtbot, boxes):
    win = make_window()
    assert _open(win, plan_path)
    safety = win.safety
    safety.edit_timer.setInterval(100)
    assert not safety.edit_timer.isActive()  # nothing edited: the timer does not run
    qtbot.wait(300)
    safety.wait()
    assert [b.reason for b in list_backups(plan_path)] == ["on-open"]

    before = _count(plan_path, m.Portfolio)
    win.tree.setCurrentIndex(win.proxy.index(0, 0))
    win.editor.add_child("portfolio")
    assert safety.dirty and safety.edit_timer.isActive()
    qtbot.waitUntil(lambda: "editing" in [b.reason for b in list_backups(plan_path)],
                    timeout=3000)
    safety.wait()
    editing = [b for b in list_backups(plan_path) if b.reason == "editing"]
    assert len(editing) == 1
    assert _count(editing[0].path, m.Portfolio) == before + 1  # the edit is in the backup
    assert "Backed up as" in win.statusBar().currentMessage()

    qtbot.wait(300)  # no edits since: no more backups
    safety.wait()
    assert len([b for b in list_backups(plan_path) if b.reason == "editing"]) == 1
    assert not safety.edit_timer.isActive()


def test_no_backups_for_a_read_only_store(make_window, plan_path, monkeypatch, boxes):
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, *a, **k: False if (
        mode & os.W_OK and str(p) == str(plan_path)) else real_access(p, mode, *a, **k))
    boxes.answers["Store is read-only"] = "Open Read-Only"
    win = make_window()
    assert _open(win, plan_path)
    assert "is read-only" in boxes.text("Store is read-only")
    assert win.doc.readonly
    assert list_backups(plan_path) == []
    assert not lock_path(plan_path).exists()  # a read-only open holds no lock


def test_a_failed_backup_is_reported_not_raised(make_window, plan_path, monkeypatch, boxes):
    from lcplanner.ui import safety

    def broken(*_a, **_k):
        raise OSError("No space left on device")

    monkeypatch.setattr(safety, "automatic_backup", broken)
    win = make_window()
    failures = []
    win.safety.backup_failed.connect(failures.append)
    assert _open(win, plan_path)
    assert failures == ["No space left on device"]
    assert "automatic backup failed" in win.statusBar().currentMessage()


# --- damaged stores ------------------------------------------------------------------------

def test_damaged_store_set_aside_and_backup_restored(make_window, plan_path, boxes):
    backup_before(plan_path, reason="manual")
    _retitle(plan_path, "Changed after the backup")
    damage_store(plan_path)
    boxes.answers["Store is damaged"] = "Restore"
    win = make_window()
    assert _open(win, plan_path)
    message = boxes.text("Store is damaged")
    assert "damaged" in message and "set aside as plans.lcplan.corrupt" in message
    assert "latest good backup is from" in message
    assert plan_path.with_name("plans.lcplan.corrupt").exists()
    assert _plan_titles(win) == ["Business Plan 2026/27"]  # the backup's content
    assert not win.doc.readonly and win.doc.lock is not None


def test_damaged_store_cancel_leaves_it_set_aside(make_window, plan_path, boxes):
    backup_before(plan_path, reason="manual")
    damage_store(plan_path)
    win = make_window()
    assert not _open(win, plan_path)  # Cancel
    assert "Store is damaged" in boxes.titles()
    assert not plan_path.exists() and plan_path.with_name("plans.lcplan.corrupt").exists()
    assert not lock_path(plan_path).exists()


def test_damaged_store_without_backup_says_so(make_window, plan_path, boxes):
    damage_store(plan_path)
    win = make_window()
    assert not _open(win, plan_path)
    assert "No backup of it was found" in boxes.text("Store is damaged")
    assert "Traceback" not in boxes.text("Store is damaged")


# --- warnings ------------------------------------------------------------------------------

def test_network_share_warning_shown_once(make_window, plan_path, tmp_path, monkeypatch, boxes):
    mounts = tmp_path / "mounts"
    mounts.write_text(f"server:/share {tmp_path} nfs4 rw 0 0\n")
    monkeypatch.setenv("LCPLANNER_MOUNTS", str(mounts))
    win = make_window()
    assert _open(win, plan_path)
    assert boxes.titles() == ["Store on a network drive"]
    assert "network drive" in boxes.text("Store on a network drive")
    assert win.doc.store.network


def test_lost_wal_warning_shown(make_window, plan_path, tmp_path, boxes):
    live = open_store(plan_path)  # in use: the mark is in the main file, edits in the -wal
    copy = tmp_path / "copied.lcplan"
    shutil.copyfile(plan_path, copy)  # copied without its -wal
    live.close()
    win = make_window()
    assert _open(win, copy)
    assert boxes.titles() == ["Check this store"]
    assert "-wal" in boxes.text("Check this store")


# --- locked and read-only ------------------------------------------------------------------

def test_locked_store_opens_read_only_and_refuses_edits(make_window, plan_path, boxes):
    first = opening.open_path(None, plan_path)  # "another instance"
    try:
        boxes.answers["Store open elsewhere"] = "Open Read-Only"
        win = make_window()
        assert _open(win, plan_path)
        asked = boxes.text("Store open elsewhere")
        assert "open elsewhere (" in asked and ", since " in asked
        assert win.doc.readonly
        assert "read-only" in win.windowTitle().lower()
        assert win.safety.read_only_label.isVisibleTo(win)
        assert win.safety.read_only_label.text() == "Read-only"
        assert win.statusBar().currentMessage().startswith("Read-only")
        for action in win.actions.editing:
            assert not action.isEnabled(), action.text()
        assert not win.actions.undo.isEnabled() and not win.tree.dragEnabled()
        plans = _count(plan_path, m.Plan)
        win.editor.add_plan()
        assert "read-only" in boxes.text("The change could not be saved")
        assert win.doc.undo_stack.count() == 0 and _count(plan_path, m.Plan) == plans
        pane = win.panes.current_pane()
        assert pane is not None and not any(w.isEnabled() for w in pane.widgets.values())
        assert list_backups(plan_path) == []

        boxes.answers.clear()  # Cancel: nothing opens
        other = make_window()
        assert not _open(other, plan_path)
        assert other.doc is None
    finally:
        first.lock.release()
        first.store.close()


def test_newer_store_refused_in_the_editor(make_window, plan_path, boxes):
    conn = sqlite3.connect(plan_path)
    conn.execute("PRAGMA user_version=999")
    conn.commit()
    conn.close()
    win = make_window()
    assert not _open(win, plan_path)
    assert "newer version of lcplanner" in boxes.text("Cannot open store")
    assert not lock_path(plan_path).exists()


def test_save_a_copy_on_a_full_disk_says_so(make_window, plan_path, tmp_path, monkeypatch,
                                            boxes):
    import errno
    import tempfile

    win = make_window()
    assert _open(win, plan_path)

    def no_room(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tempfile, "mkstemp", no_room)
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: shutil._ntuple_diskusage(
        10 ** 9, 10 ** 9, 0))
    assert not win.save_copy_to(tmp_path / "copy.lcplan")
    assert boxes.titles()[-1] == "Cannot save a copy"
    assert boxes.text("Cannot save a copy") == (
        "copy.lcplan: the disk is full (0.0 MB free); nothing was changed. Free some space "
        "and try again.")
    assert not (tmp_path / "copy.lcplan").exists()
