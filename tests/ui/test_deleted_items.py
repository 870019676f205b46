"""File → Deleted Items…: deletes made in the editor are listed, and restored in place, even
after the window (and its undo history) is gone."""
from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt

from lcplanner.services import deleted
from lcplanner.store.engine import open_store
from lcplanner.ui.opening import Opened
from lcplanner.ui.tree_model import Role


def _first(window, kind):
    return next(item.key for item in window.doc.model.items_in_order() if item.key[0] == kind)


def _children_text(window, parent_key):
    model = window.doc.model
    parent = model.index_for(parent_key)
    return [model.index(row, 0, parent).data(Role.TEXT) for row in range(model.rowCount(parent))]


def _open_dialog(window, qtbot):
    window.actions.deleted_items.trigger()
    dialog = window._deleted_dialog
    qtbot.waitExposed(dialog)
    return dialog


def _rows(dialog):
    return [[dialog.list.topLevelItem(r).text(c) for c in range(4)]
            for r in range(dialog.list.topLevelItemCount())]


def test_menu_entry_has_its_own_access_key(window):
    assert window.actions.deleted_items in window.menus["file"].actions()
    assert window.actions.deleted_items.text() == "&Deleted Items…"
    assert window.actions.reload in window.menus["file"].actions()


def test_delete_is_listed_undo_takes_it_off_redo_puts_it_back(window, qtbot):
    key = _first(window, "output")
    model = window.doc.model
    parent = model.parent_key(key)
    text = model.index_for(key).data(Role.TEXT)
    window.select_key(key)
    window.actions.delete.trigger()
    assert not model.contains(key)

    dialog = _open_dialog(window, qtbot)
    [row] = _rows(dialog)
    assert row[0].startswith("Output '") and text.split()[0] in row[0]
    assert row[1].startswith("Priority '")
    assert row[2]  # the date and time of the delete
    window.actions.undo.trigger()
    assert model.contains(key)
    assert _rows(dialog) == []
    assert dialog.status.text() == "Nothing has been deleted in the last 30 days."
    window.actions.redo.trigger()
    assert [r[0] for r in _rows(dialog)] == [row[0]]
    assert text not in _children_text(window, parent)
    dialog.close()


def test_restore_after_a_restart_is_one_undo_step(window, qtbot, store_path, settings):
    key = _first(window, "output")
    model = window.doc.model
    parent = model.parent_key(key)
    before = _children_text(window, parent)
    window.select_key(key)
    window.actions.delete.trigger()
    window.set_document(None)  # closes the store: the undo history is gone
    assert not window.actions.undo.isEnabled()

    window.set_document(Opened(open_store(store_path)))
    assert not window.actions.undo.isEnabled()
    assert _children_text(window, parent) != before
    dialog = _open_dialog(window, qtbot)
    assert dialog.restore_button.isEnabled()
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert _children_text(window, parent) == before  # back at its old position
    assert window.tree.current_key() == key  # and shown
    assert dialog.status.text().startswith("Restored output '")
    assert _rows(dialog) == []
    assert window.actions.undo.text().startswith("&Undo Restore output '")

    window.actions.undo.trigger()  # deleted again, and back on the list
    assert _children_text(window, parent) != before
    [row] = _rows(dialog)
    assert row[0].startswith("Output '")
    window.actions.redo.trigger()
    assert _children_text(window, parent) == before
    dialog.close()


def test_a_refused_restore_says_why_in_the_dialog(window, qtbot, monkeypatch):
    output = _first(window, "output")
    priority = window.doc.model.parent_key(output)
    monkeypatch.setattr(window, "confirm_delete", lambda _question: True)
    window.select_key(output)
    window.actions.delete.trigger()
    window.select_key(priority)
    window.actions.delete.trigger()
    dialog = _open_dialog(window, qtbot)
    assert [r[0].split(" ")[0] for r in _rows(dialog)] == ["Priority", "Output"]
    dialog.list.setCurrentItem(dialog.list.topLevelItem(1))  # the output
    command = dialog.restore_current()
    assert command.error is not None
    assert dialog.status.text() == command.error
    assert "cannot be restored: the priority it was in was deleted too." in command.error
    assert len(_rows(dialog)) == 2
    assert not window.doc.model.contains(output)
    assert not window.actions.undo.text().startswith("&Undo Restore")
    dialog.close()


def test_entries_older_than_thirty_days_are_purged_on_open(window, store_path):
    from datetime import datetime, timedelta

    key = _first(window, "output")
    store = window.doc.store
    deleted.delete_to_bin(store, key[0], key[1],
                          deleted_at=datetime.utcnow() - timedelta(days=31))
    assert deleted.count(store) == 1
    window.set_document(Opened(open_store(store_path)))
    assert deleted.count(window.doc.store) == 0


def test_deletes_made_in_another_window_appear(window, qtbot, store_path):
    dialog = _open_dialog(window, qtbot)
    assert _rows(dialog) == []
    key = _first(window, "output")
    other = open_store(store_path)
    try:
        deleted.delete_to_bin(other, key[0], key[1])
    finally:
        other.close()
    window.live.poll()
    assert [r[0].split(" ")[0] for r in _rows(dialog)] == ["Output"]
    assert not window.doc.model.contains(key)
    dialog.close()


def test_read_only_window_lists_but_cannot_restore(qtbot, sample_store, store_path, settings):
    from lcplanner.ui.main_window import MainWindow

    from lcplanner.services import load_tree

    output = next(n for n in load_tree(sample_store) if n.kind == "output")
    deleted.delete_to_bin(sample_store, "output", output.id)
    reader = MainWindow(settings)
    qtbot.addWidget(reader)
    reader.set_document(Opened(open_store(store_path, readonly=True)))
    reader.show()
    try:
        dialog = _open_dialog(reader, qtbot)
        assert [r[0].split(" ")[0] for r in _rows(dialog)] == ["Output"]
        assert not dialog.restore_button.isEnabled()
        assert dialog.restore_current() is None
        reader.set_document(None)  # the store goes: so does its list
        qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(),
                        timeout=3000)
    finally:
        reader.close()
