"""File → Backups…: listing newest first, restoring into the open window, Open Folder."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QMessageBox
from sqlalchemy import select

from lcplanner.domain import model as m
from lcplanner.store.backup import backup_before, backup_folder, list_backups
from lcplanner.store.engine import open_store
from lcplanner.ui.backups_dialog import BackupsDialog, describe_reason
from lcplanner.ui.tree_model import Role


@pytest.fixture
def boxes(monkeypatch):
    """Record each message box and click the button named in ``answers`` (else Cancel)."""
    found = {"shown": [], "answers": {}}

    def fake_exec(box):
        found["shown"].append((box.windowTitle(), box.text() + "\n" + box.informativeText()))
        wanted = found["answers"].get(box.windowTitle())
        for button in box.buttons():
            if wanted and button.text().replace("&", "") == wanted:
                button.click()
                return 0
        (box.button(QMessageBox.StandardButton.Cancel)
         or box.button(QMessageBox.StandardButton.Ok)).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return found


@pytest.fixture
def window(qtbot, store_path, settings, boxes):
    from lcplanner.sample import build_sample_plan
    from lcplanner.ui.main_window import MainWindow

    store = open_store(store_path)
    with store.transaction() as session:
        session.add(build_sample_plan())
    store.close()
    win = MainWindow(settings)
    qtbot.addWidget(win)
    assert win.open_path(store_path)
    win.safety.wait()  # the on-open backup
    win.show()
    yield win
    win.close()


def _titles(win):
    return [win.proxy.index(r, 0).data(Role.TEXT) for r in range(win.proxy.rowCount())]


def _rename_plan(win, qtbot, title):
    win.tree.setCurrentIndex(win.proxy.index(0, 0))
    field = win.panes.current_pane().ui.field_title
    field.selectAll()
    qtbot.keyClicks(field, title)
    win.panes.flush()
    qtbot.waitUntil(lambda: _titles(win) == [title], timeout=3000)


def test_file_menu_has_backups(window):
    action = window.safety.backups_action
    assert action in window.menus["file"].actions()
    assert action.isEnabled() and action.text() == "&Backups…"
    opened = []
    from lcplanner.ui import backups_dialog

    def fake_exec(dialog):
        opened.append(dialog.list.topLevelItemCount())
        return QDialog.DialogCode.Rejected

    import unittest.mock
    with unittest.mock.patch.object(backups_dialog.BackupsDialog, "exec", fake_exec):
        action.trigger()
    assert opened == [1]


def test_lists_newest_first_with_reason_and_size(window, store_path, qtbot):
    backup_before(store_path, reason="manual")
    dialog = BackupsDialog(store_path, window.safety, parent=window)
    qtbot.addWidget(dialog)
    rows = [[dialog.list.topLevelItem(i).text(c) for c in range(3)]
            for i in range(dialog.list.topLevelItemCount())]
    assert [r[1] for r in rows] == ["Made by hand", "On opening"]
    assert all(r[2].endswith("KB") or r[2].endswith("bytes") for r in rows)
    whens = [b.when for b in dialog.backups]
    assert whens == sorted(whens, reverse=True)
    assert dialog.list.currentItem() is dialog.list.topLevelItem(0)
    assert dialog.restore_button.isEnabled() and dialog.folder_button.isEnabled()
    for widget in (dialog.list, dialog.restore_button, dialog.folder_button):
        assert widget.accessibleName()
    assert describe_reason("upgrade-v2").startswith("Before upgrading")


def test_restore_replaces_content_and_keeps_current_file(window, store_path, qtbot, boxes):
    _rename_plan(window, qtbot, "Renamed after the backup")
    assert _titles(window) == ["Renamed after the backup"]

    dialog = BackupsDialog(store_path, window.safety, parent=window)
    qtbot.addWidget(dialog)
    assert dialog.list.topLevelItemCount() == 1

    # Cancel first: nothing changes
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert boxes["shown"][-1][0] == "Restore Backup"
    assert "The current file is kept as plans.before-restore-" in boxes["shown"][-1][1]
    assert _titles(window) == ["Renamed after the backup"]

    boxes["answers"]["Restore Backup"] = "Restore"
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.restored and dialog.result() == QDialog.DialogCode.Accepted
    assert _titles(window) == ["Business Plan 2026/27"]  # the window shows the backup
    assert not window.doc.readonly and window.doc.lock is not None
    assert "Restored the backup" in window.statusBar().currentMessage()
    kept = list(store_path.parent.glob("plans.before-restore-*.lcplan"))
    assert len(kept) == 1
    store = open_store(kept[0], readonly=True)
    try:
        with store.session() as session:
            assert session.scalars(select(m.Plan.title)).one() == "Renamed after the backup"
    finally:
        store.close()
    # the restored store is live: editing it still works and saves
    _rename_plan(window, qtbot, "Edited after restoring")


def test_a_bad_backup_is_refused_and_the_store_reopened(window, store_path, qtbot, boxes):
    _rename_plan(window, qtbot, "Kept")
    bad = list_backups(store_path)[0].path
    bad.write_bytes(b"SQLite format 3\x00" + bytes(5000))
    dialog = BackupsDialog(store_path, window.safety, parent=window)
    qtbot.addWidget(dialog)
    boxes["answers"]["Restore Backup"] = "Restore"
    assert not dialog.restore_selected()
    assert any(t == "Cannot restore backup" and "not been changed" in text
               for t, text in boxes["shown"])
    assert window.doc is not None and _titles(window) == ["Kept"]


def test_keyboard_and_open_folder(window, store_path, qtbot, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    dialog = BackupsDialog(store_path, window.safety, parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    dialog.list.setFocus()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.restore_button
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: bool(opened), timeout=2000)  # a mnemonic clicks after a moment
    assert opened[0].toLocalFile() == str(backup_folder(store_path))
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_read_only_dialog_cannot_restore(window, store_path, qtbot):
    dialog = BackupsDialog(store_path, window.safety, readonly=True, parent=window)
    qtbot.addWidget(dialog)
    assert dialog.list.topLevelItemCount() == 1
    assert not dialog.restore_button.isEnabled()
    assert not dialog.restore_selected()


def test_no_backups_yet(tmp_path, qtbot):
    dialog = BackupsDialog(tmp_path / "empty.lcplan")
    qtbot.addWidget(dialog)
    assert dialog.list.topLevelItemCount() == 0
    assert not dialog.empty_label.isHidden()
    assert not dialog.restore_button.isEnabled() and not dialog.folder_button.isEnabled()
