"""A live store: a window follows changes another process saves, without disturbing typing."""
from __future__ import annotations

import subprocess
import sys

from PySide6.QtCore import Qt

from lcplanner import services
from lcplanner.store.engine import open_store
from lcplanner.ui.main_window import MainWindow
from lcplanner.ui.opening import Opened
from lcplanner.ui.tree_model import Role


def _keys(window, kind):
    return [item.key for item in window.doc.model.items_in_order() if item.key[0] == kind]


def _text(window, key):
    return window.doc.model.index_for(key).data(Role.TEXT)


def _proxy_index(window, key):
    return window.proxy.mapFromSource(window.doc.model.index_for(key))


def _elsewhere(store_path, change):
    """Run ``change(store)`` on a second connection to the same file, as another window would."""
    other = open_store(store_path)
    try:
        return change(other)
    finally:
        other.close()


def test_another_process_edit_shows_within_seconds(window, qtbot, store_path):
    outputs = _keys(window, "output")
    current = outputs[0]
    window.select_key(current)
    script = ("import sys; from lcplanner import services; "
              "from lcplanner.store.engine import open_store; "
              "s = open_store(sys.argv[1]); "
              "services.set_field(s, 'output', int(sys.argv[2]), 'text', 'Typed in another "
              "process'); s.close()")
    subprocess.run([sys.executable, "-c", script, str(store_path), str(outputs[1][1])],
                   check=True, timeout=60)
    qtbot.waitUntil(lambda: _text(window, outputs[1]) == "Typed in another process",
                    timeout=5000)
    assert window.tree.current_key() == current


def test_refresh_keeps_current_row_expansion_and_find(window, qtbot, store_path):
    model = window.doc.model
    output = _keys(window, "output")[0]
    priority = model.parent_key(output)
    portfolio = model.parent_key(priority)
    window.tree.expand(_proxy_index(window, priority))
    other_portfolio = next(k for k in _keys(window, "portfolio") if k != portfolio)
    window.tree.collapse(_proxy_index(window, other_portfolio))
    window.select_key(output)
    _elsewhere(store_path, lambda s: services.set_field(s, "output", output[1], "owner",
                                                        "Somebody else"))
    window.live.poll()
    assert window.tree.current_key() == output
    assert window.tree.isExpanded(_proxy_index(window, priority))
    assert not window.tree.isExpanded(_proxy_index(window, other_portfolio))
    assert window.panes.current_pane().widgets["owner"].text() == "Somebody else"

    needle = _text(window, output)
    window.find_box.setText(needle)
    window.find_bar.apply()
    assert [m.key for m in window.proxy.matches] == [output]

    new_id = _elsewhere(store_path, lambda s: services.create(
        s, "output", priority[1], 0, text=f"{needle}, again"))
    window.live.poll()

    assert window.doc.model.contains(("output", new_id))
    assert [m.key for m in window.proxy.matches] == [("output", new_id), output]
    assert window.find_box.text() == needle
    assert window.find_bar.count.text() == "2 of 2"
    assert window.tree.current_key() == output
    window.find_bar.clear()
    assert window.tree.current_key() == output


def test_own_edits_do_not_trigger_a_refresh(window, qtbot):
    refreshed = []
    window.live.refreshed.connect(lambda: refreshed.append(1))
    output = _keys(window, "output")[0]
    window.select_key(output)
    window.actions.add_sibling.trigger()
    window.live.poll()
    assert refreshed == []


def test_pane_waits_for_pending_typing_and_never_loses_it(window, qtbot, store_path):
    output = _keys(window, "output")[0]
    window.select_key(output)
    pane = window.panes.current_pane()
    owner = pane.widgets["owner"]
    text = pane.widgets["text"]
    owner.setFocus()
    owner.selectAll()
    qtbot.keyClicks(owner, "Head of housing")
    assert pane.has_pending()

    def change(store):
        services.set_field(store, "output", output[1], "progress_note", "Checked by the clerk")
        services.set_field(store, "output", output[1], "text", "Reworded elsewhere")
    _elsewhere(store_path, change)
    window.live.poll()

    assert _text(window, output) == "Reworded elsewhere"  # the tree is current
    assert window.live.pane_stale  # the pane waits for the typing to be saved
    assert owner.text() == "Head of housing"
    assert text.toPlainText() != "Reworded elsewhere"
    assert owner.hasFocus()
    qtbot.keyClicks(owner, " and communities")  # typing goes on undisturbed
    qtbot.waitUntil(lambda: not pane.has_pending(), timeout=5000)  # saved by the pane's timer
    window.live.poll()
    assert not window.live.pane_stale
    assert owner.text() == "Head of housing and communities"
    assert text.toPlainText() == "Reworded elsewhere"
    assert pane.widgets["progress_note"].toPlainText() == "Checked by the clerk"
    assert services.details(window.doc.store, "output", output[1]).values["owner"] == \
        "Head of housing and communities"


def test_current_item_deleted_elsewhere_falls_back_to_its_parent(window, qtbot, store_path):
    output = _keys(window, "output")[0]
    priority = window.doc.model.parent_key(output)
    window.select_key(output)
    _elsewhere(store_path, lambda s: services.delete(s, "output", output[1]))
    window.live.poll()
    assert window.tree.current_key() == priority
    assert window.panes.current_pane().kind == "priority"


def test_reload_reads_the_store_at_once(window, qtbot, store_path):
    window.live.timer.stop()  # no polling: only F5
    plan = _keys(window, "plan")[0]
    _elsewhere(store_path, lambda s: services.set_field(s, "plan", plan[1], "title",
                                                        "Renamed in another window"))
    assert _text(window, plan) != "Renamed in another window"
    window.activateWindow()
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_F5)
    assert _text(window, plan) == "Renamed in another window"
    assert window.statusBar().currentMessage() == "Reloaded the store."


def test_a_read_only_window_stays_current(qtbot, sample_store, store_path, settings):
    reader = MainWindow(settings)
    qtbot.addWidget(reader)
    reader.set_document(Opened(open_store(store_path, readonly=True)))
    reader.show()
    try:
        output = _keys(reader, "output")[0]
        services.set_field(sample_store, "output", output[1], "text", "Saved by the editor")
        qtbot.waitUntil(lambda: _text(reader, output) == "Saved by the editor", timeout=5000)
    finally:
        reader.close()


def test_a_rename_in_progress_is_not_cut_short(window, qtbot, store_path):
    from PySide6.QtWidgets import QApplication, QLineEdit

    plan, output = _keys(window, "plan")[0], _keys(window, "output")[0]
    window.select_key(plan)
    window.tree.setFocus()
    window.actions.rename.trigger()
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Plan renamed in place")
    _elsewhere(store_path, lambda s: services.set_field(s, "output", output[1], "text",
                                                        "Changed meanwhile"))
    window.live.poll()
    assert window.live.tree_stale
    assert _text(window, output) != "Changed meanwhile"
    assert editor.text() == "Plan renamed in place"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _text(window, plan) == "Plan renamed in place", timeout=3000)
    window.live.poll()
    assert not window.live.tree_stale
    assert _text(window, output) == "Changed meanwhile"
    assert _text(window, plan) == "Plan renamed in place"
    assert window.tree.current_key() == plan


def test_a_list_row_being_edited_in_the_pane_is_left_alone(window, qtbot, store_path):
    from PySide6.QtWidgets import QAbstractItemView

    pane = None
    for key in _keys(window, "pledge") + _keys(window, "section"):
        window.select_key(key)
        pane = window.panes.current_pane()
        lists = [w for w in pane.lists.values() if w.isVisible() and w.list.count()]
        if lists:
            break
    assert lists, "the sample plan has a pledge or section with points"
    points = lists[0].list
    key = window.tree.current_key()
    points.setFocus()
    points.setCurrentRow(0)
    points.editItem(points.item(0))
    assert points.state() == QAbstractItemView.State.EditingState
    field = services.KINDS[key[0]].label
    _elsewhere(store_path, lambda s: services.set_field(s, key[0], key[1], field,
                                                        "Retitled elsewhere"))
    window.live.poll()
    assert _text(window, key) == "Retitled elsewhere"
    assert window.live.pane_stale
    assert points.state() == QAbstractItemView.State.EditingState  # still editing
    qtbot.keyClick(points.viewport().focusWidget() or points, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: points.state() != QAbstractItemView.State.EditingState,
                    timeout=3000)
    window.live.poll()
    assert not window.live.pane_stale
    widget = pane.widgets[field]
    shown = widget.text() if hasattr(widget, "text") else widget.toPlainText()
    assert shown == "Retitled elsewhere"
