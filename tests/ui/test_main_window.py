"""The editor driven through real widgets: add, edit, move, delete, undo/redo, find, dates."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from sqlalchemy import select

from lcplanner.domain import model as m
from lcplanner.ui.opening import Opened
from lcplanner.ui.commands import short_title
from lcplanner.ui.tree_model import Role


def _rows(win, parent=QModelIndex()):
    """Rows under ``parent``; pass a QPersistentModelIndex for a parent kept across edits
    (a plain index into a proxy is invalid after any change to the rows)."""
    proxy = win.proxy
    parent = QModelIndex(parent)
    return [proxy.index(r, 0, parent) for r in range(proxy.rowCount(parent))]


def _find_row(win, kind, text=None, parent=QModelIndex()):
    for index in _rows(win, parent):
        if index.data(Role.KIND) == kind and (text is None or index.data(Role.TEXT) == text):
            return QPersistentModelIndex(index)
        found = _find_row(win, kind, text, index)
        if found is not None:
            return found
    return None


def _select(win, index):
    win.tree.setCurrentIndex(QModelIndex(index))
    return win.panes.current_pane()


def _letters(win, priority_index):
    return [(i.data(Role.NUMBER), i.data(Role.TEXT)) for i in _rows(win, priority_index)
            if i.data(Role.KIND) == "output"]


def _stored(store, cls, item_id, field):
    with store.session() as session:
        return getattr(session.get(cls, item_id), field)


def test_add_portfolio_priority_output_and_type(window, qtbot, sample_store):
    plan = _rows(window)[0]
    _select(window, plan)
    window.editor.add_child("portfolio")
    key = window.tree.current_key()
    assert key[0] == "portfolio"
    assert window.tree.currentIndex().data(Role.NUMBER) == "5"
    pane = window.panes.current_pane()
    name = pane.ui.field_name
    assert name.hasFocus() or True  # focus is best effort offscreen
    name.selectAll()
    qtbot.keyClicks(name, "Children and Young People")
    # continuous save: within two seconds, with no other action
    qtbot.waitUntil(lambda: _stored(sample_store, m.Portfolio, key[1], "name")
                    == "Children and Young People", timeout=2000)
    assert window.tree.currentIndex().data(Role.TEXT) == "Children and Young People"

    window.actions.add_child.trigger()  # the primary child of a portfolio: a priority
    priority = window.tree.current_key()
    assert priority[0] == "priority"
    assert window.tree.currentIndex().data(Role.NUMBER) == "5.1"
    window.actions.add_child.trigger()
    output = window.tree.current_key()
    assert output[0] == "output" and window.tree.currentIndex().data(Role.NUMBER) == "a"
    window.actions.add_sibling.trigger()
    assert window.tree.currentIndex().data(Role.NUMBER) == "b"

    stack = window.doc.undo_stack
    assert stack.count() == 5  # add, name typed, add, add, add
    for _ in range(5):
        window.actions.undo.trigger()
    assert not window.doc.model.contains(key)
    with sample_store.session() as s:
        assert s.get(m.Portfolio, key[1]) is None
    for _ in range(5):
        window.actions.redo.trigger()
    assert window.doc.model.contains(output)
    assert _stored(sample_store, m.Portfolio, key[1], "name") == "Children and Young People"


def test_continuous_typing_is_one_undo_step(window, qtbot, sample_store):
    """Saves made while typing goes on (the two-second deadline) merge into one undo step."""
    priority = _find_row(window, "priority")
    pane = _select(window, priority)
    priority_id = priority.data(Role.ID)
    original = priority.data(Role.TEXT)
    field = pane.ui.field_outcome
    field.setFocus()
    field.moveCursor(field.textCursor().MoveOperation.End)
    qtbot.keyClicks(field, " More")
    pane.flush(end_step=False)  # what the deadline timer does mid-burst
    qtbot.keyClicks(field, " still")
    window.actions.undo.trigger()  # saves the pending typing first, then undoes all of it
    assert window.doc.undo_stack.count() == 1
    assert not _stored(sample_store, m.Priority, priority_id, "outcome").endswith("still")
    assert not field.toPlainText().endswith("More")
    window.actions.redo.trigger()
    assert field.toPlainText().endswith(" More still")
    assert priority.data(Role.TEXT) == original


def test_typing_after_a_pause_is_its_own_undo_step(window, qtbot, sample_store):
    priority = _find_row(window, "priority")
    pane = _select(window, priority)
    priority_id = priority.data(Role.ID)
    field = pane.ui.field_outcome
    field.setFocus()
    field.moveCursor(field.textCursor().MoveOperation.End)
    qtbot.keyClicks(field, " More")
    pane.flush()  # a pause: the idle timer saves and ends the step
    qtbot.keyClicks(field, " still")
    window.actions.undo.trigger()
    assert window.doc.undo_stack.count() == 2
    assert window.doc.undo_stack.index() == 1
    assert _stored(sample_store, m.Priority, priority_id, "outcome").endswith(" More")
    assert field.toPlainText().endswith(" More")
    window.actions.undo.trigger()
    assert not field.toPlainText().endswith("More")


def test_continuous_typing_is_saved_every_two_seconds(window, qtbot, sample_store):
    """Typing that never pauses for the idle save is still committed within two seconds."""
    priority = _find_row(window, "priority")
    pane = _select(window, priority)
    priority_id = priority.data(Role.ID)
    field = pane.ui.field_outcome
    field.setFocus()
    field.moveCursor(field.textCursor().MoveOperation.End)
    typed = ""
    for k in range(32):  # a key every 100 ms for 3.2 s: the 1 s idle timer never fires
        qtbot.keyClicks(field, "x")
        typed += "x"
        qtbot.wait(100)
    stored = _stored(sample_store, m.Priority, priority_id, "outcome")
    assert stored.endswith("x" * 15), stored[-40:]  # at least one save mid-burst
    assert window.doc.undo_stack.count() == 1  # and still one undo step


def test_move_output_reletters_siblings(window, qtbot, sample_store):
    priority = _find_row(window, "priority")
    window.tree.expand(QModelIndex(priority))
    before = _letters(window, priority)
    assert [n for n, _ in before] == ["a", "b", "c"]
    first = _rows(window, priority)[0]
    _select(window, first)
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    after = _letters(window, priority)
    assert after == [("a", before[1][1]), ("b", before[0][1]), ("c", before[2][1])]
    assert window.tree.currentIndex().data(Role.NUMBER) == "b"  # the moved row stays selected
    with sample_store.session() as s:
        texts = [o.text for o in s.get(m.Priority, priority.data(Role.ID)).outputs]
    assert texts == [t for _, t in after]
    window.actions.undo.trigger()
    assert _letters(window, priority) == before
    window.actions.redo.trigger()
    assert _letters(window, priority) == after


def test_delete_priority_and_undo_in_one_step(window, sample_store):
    priority = _find_row(window, "priority")
    priority_id = priority.data(Role.ID)
    outputs_before = _letters(window, priority)
    portfolio = QPersistentModelIndex(priority.parent())
    title = priority.data(Role.TEXT)
    _select(window, priority)
    window.actions.delete.trigger()  # three outputs: deleted without a question
    assert window.doc.undo_stack.undoText() == f"Delete priority 1.1 '{short_title(title)}'"
    numbers = [i.data(Role.NUMBER) for i in _rows(window, portfolio)
               if i.data(Role.KIND) == "priority"]
    assert numbers == ["1.1"]  # the old 1.2 is now 1.1
    with sample_store.session() as s:
        assert s.get(m.Priority, priority_id) is None
        assert s.scalars(select(m.Output).where(m.Output.priority_id == priority_id)).all() == []
    window.actions.undo.trigger()
    restored = window.proxy.mapFromSource(window.doc.model.index_for(("priority", priority_id)))
    assert restored.data(Role.NUMBER) == "1.1"
    assert _letters(window, QPersistentModelIndex(restored)) == outputs_before
    assert window.tree.current_key() == ("priority", priority_id)


def test_find_narrows_tree_and_keeps_ancestors(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.find_box, "benchmarking")
    qtbot.waitUntil(lambda: window.proxy.needle == "benchmarking", timeout=1000)
    plan = _rows(window)[0]
    portfolios = _rows(window, plan)
    assert [p.data(Role.TEXT) for p in portfolios] == ["Finance and Local Services"]
    priorities = _rows(window, portfolios[0])
    assert [p.data(Role.NUMBER) for p in priorities] == ["1.2"]
    outputs = _rows(window, priorities[0])
    assert [o.data(Role.TEXT) for o in outputs] == [
        "Run a benchmarking club on adult social care costs"]
    assert outputs[0].data(Role.NUMBER) == "a"  # numbers are the real ones, not the filtered
    assert window.tree.isExpanded(priorities[0])
    # outcomes are searched too
    window.find_box.setText("multi-year settlements")
    qtbot.waitUntil(lambda: window.proxy.needle == "multi-year settlements", timeout=1000)
    assert [p.data(Role.NUMBER) for p in _rows(window, _rows(window, plan)[0])] == ["1.1"]
    window.find_box.clear()
    qtbot.waitUntil(lambda: window.proxy.needle == "", timeout=1000)
    assert len(_rows(window, plan)) > 10


def test_milestone_dates_read_back(window, qtbot, sample_store):
    milestone = _find_row(window, "milestone", "Options for local taxes agreed")
    pane = _select(window, milestone)
    assert pane.ui.reading_dates.text() == "Autumn 2026 → Sep–Nov 2026"
    pane.ui.field_dates.setFocus()
    pane.ui.field_dates.setPlainText("Q2 2027\nsometime soonish")
    assert "Q2 2027 → Apr–Jun 2027" in pane.ui.reading_dates.text()
    assert "⚠ sometime soonish: cannot read this date" in pane.ui.reading_dates.text()
    window.tree.setFocus()  # focus-out saves
    with sample_store.session() as s:
        assert [d.text for d in s.get(m.Milestone, milestone.data(Role.ID)).dates] == [
            "Q2 2027", "sometime soonish"]
    window.actions.undo.trigger()
    assert pane.ui.field_dates.toPlainText() == "Autumn 2026"
    assert pane.ui.reading_dates.text() == "Autumn 2026 → Sep–Nov 2026"


def test_status_change_colours_tree_and_counts(window, sample_store):
    priority = _find_row(window, "priority")
    window.tree.expand(QModelIndex(priority))
    output = QPersistentModelIndex(_rows(window, priority)[0])
    pane = _select(window, output)
    assert "At risk 2" in window.counts.plain()
    combo = pane.ui.field_status_id
    combo.setCurrentIndex(combo.findText("Done"))
    combo.activated.emit(combo.currentIndex())
    assert output.data(Role.STATUS_NAME) == "Done"
    assert output.data(Role.STATUS_COLOUR) == "#1565c0"
    assert "Done 1" in window.counts.plain() and "At risk 1" in window.counts.plain()
    window.actions.undo.trigger()
    assert output.data(Role.STATUS_NAME) == "At risk"


def test_drag_and_drop_is_an_undoable_move(window, qtbot):
    model = window.doc.model
    priority = _find_row(window, "priority")
    source_priority = window.proxy.mapToSource(QModelIndex(priority))
    outputs = [model.index(r, 0, source_priority) for r in range(3)]
    moved_id = outputs[0].data(Role.ID)
    data = model.mimeData([outputs[0]])
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 3, 0, source_priority) is False
    qtbot.waitUntil(lambda: window.doc.undo_stack.count() == 1, timeout=1000)
    assert model.index(2, 0, source_priority).data(Role.ID) == moved_id
    window.actions.undo.trigger()
    assert model.index(0, 0, source_priority).data(Role.ID) == moved_id


def test_sub_point_indent_outdent(window):
    output = _find_row(window, "output",
                       "Lead the response to the funding reform consultation, including:")
    window.tree.expand(QModelIndex(output))
    second = QPersistentModelIndex(_rows(window, output)[1])
    _select(window, second)
    assert second.data(Role.NUMBER) == "ii"
    window.actions.indent.trigger()
    assert second.data(Role.NUMBER) == "•"
    window.actions.undo.trigger()
    assert second.data(Role.NUMBER) == "ii"


def test_layout_is_restored(qtbot, sample_store, settings):
    from lcplanner.ui.main_window import MainWindow

    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.show()
    first.resize(760, 540)  # the offscreen screen is 800 px wide
    first.splitter.setSizes([300, 460])
    wanted = first.splitter.sizes()
    first.save_layout()
    assert not settings.get("window/geometry").isEmpty()
    second = MainWindow(settings)
    qtbot.addWidget(second)
    second.show()
    assert second.size() == first.size()
    assert second.splitter.sizes() == wanted


def test_timeline_click_selects_milestone(window, qtbot):
    assert window.timeline is not None
    milestone = _find_row(window, "milestone", "Autumn budget submission")
    milestone_id = milestone.data(Role.ID)
    _select(window, _rows(window)[0])
    window.tabs.setCurrentWidget(window.timeline)
    view = window.timeline.view
    qtbot.waitUntil(lambda: view.timeline() is not None, timeout=2000)
    view.ensure_visible(milestone_id)
    rect = view.bar_rect(milestone_id)
    assert rect is not None
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.tree.current_key() == ("milestone", milestone_id)
    assert window.tabs.currentWidget() is window.panes
    assert window.panes.current_pane().ui.field_name.text() == "Autumn budget submission"


def test_read_only_store_refuses_edits(qtbot, sample_store, store_path, settings, monkeypatch):
    from lcplanner.store.engine import open_store
    from lcplanner.ui import opening
    from lcplanner.ui.main_window import MainWindow

    errors = []
    monkeypatch.setattr(opening, "show_error", lambda _p, _t, message: errors.append(message))
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.set_document(Opened(open_store(store_path, readonly=True)))
    assert "[read-only]" in win.windowTitle()
    assert not win.actions.delete.isEnabled()
    win.editor.add_sibling()
    assert errors and "read-only" in errors[0]
    win.close()
