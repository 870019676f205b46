"""Several rows at once, and the item clipboard, driven through the tree with mouse and keys."""
from __future__ import annotations

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from lcplanner import services
from lcplanner.domain import model as m
from lcplanner.ui.selection import CLIP_MIME
from lcplanner.ui.tree_model import Role
from tests.ui.test_main_window import _find_row, _rows, _select

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def _outputs(window, priority):
    window.tree.expand(QModelIndex(priority))
    return [QPersistentModelIndex(i) for i in _rows(window, priority)
            if i.data(Role.KIND) == "output"]


def _click(window, qtbot, index, modifier=Qt.KeyboardModifier.NoModifier):
    rect = window.tree.visualRect(QModelIndex(index))
    assert rect.isValid()
    qtbot.mouseClick(window.tree.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def _texts(store, priority_id):
    with store.session() as s:
        return list(s.scalars(select(m.Output.text).where(m.Output.priority_id == priority_id)
                              .order_by(m.Output.position)))


def _priorities(window):
    out = []
    for plan in _rows(window):
        for portfolio in _rows(window, plan):
            if portfolio.data(Role.KIND) == "portfolio":
                out.extend(QPersistentModelIndex(i) for i in _rows(window, portfolio)
                           if i.data(Role.KIND) == "priority")
    return out


def _key(index):
    return QModelIndex(index).data(Role.KEY)


# --- extended selection ---------------------------------------------------------------------


def test_ctrl_click_and_delete_removes_all_as_one_step(window, qtbot, sample_store):
    priority = _priorities(window)[0]
    priority_id = priority.data(Role.ID)
    a, b, c = _outputs(window, priority)[:3]
    before = _texts(sample_store, priority_id)
    _click(window, qtbot, a)
    _click(window, qtbot, c, CTRL)
    assert window.selection.keys() == [_key(a), _key(c)]
    assert window.tree.current_key() == _key(c)  # the pane shows the current row
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_Delete)
    assert _texts(sample_store, priority_id) == [before[1]]
    assert window.doc.undo_stack.count() == 1
    assert window.doc.undo_stack.undoText() == "Delete 2 outputs"
    window.actions.undo.trigger()
    assert _texts(sample_store, priority_id) == before
    window.actions.redo.trigger()
    assert _texts(sample_store, priority_id) == [before[1]]


def test_shift_arrow_extends_and_ctrl_down_moves_them_together(window, qtbot, sample_store):
    priority = _priorities(window)[1]
    priority_id = priority.data(Role.ID)
    a, b, c = _outputs(window, priority)[:3]
    before = _texts(sample_store, priority_id)
    _click(window, qtbot, a)
    qtbot.keyClick(window.tree, Qt.Key.Key_Down, SHIFT)
    assert window.selection.keys() == [_key(a), _key(b)]
    qtbot.keyClick(window.tree, Qt.Key.Key_Down, CTRL)
    assert _texts(sample_store, priority_id) == [before[2], before[0], before[1]]
    assert window.doc.undo_stack.undoText() == "Move 2 outputs down"
    assert sorted(window.selection.keys()) == sorted([_key(a), _key(b)])  # still selected
    qtbot.keyClick(window.tree, Qt.Key.Key_Down, CTRL)  # at the end: nothing happens
    assert window.doc.undo_stack.count() == 1
    window.actions.undo.trigger()
    assert _texts(sample_store, priority_id) == before


def test_moving_rows_of_different_parents_is_refused_with_a_reason(window, qtbot,
                                                                   sample_store):
    first, second = _priorities(window)[:2]
    a = _outputs(window, first)[0]
    x = _outputs(window, second)[0]
    _click(window, qtbot, a)
    _click(window, qtbot, x, CTRL)
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_Down, CTRL)
    assert window.doc.undo_stack.count() == 0
    assert window.statusBar().currentMessage() == (
        "Only items of one kind under the same parent move together.")


def test_mixed_kinds_delete_together_with_a_short_label(window, qtbot, sample_store,
                                                        monkeypatch):
    asked = []
    monkeypatch.setattr(window, "confirm_delete", lambda q: asked.append(q) or True)
    first, second = _priorities(window)[:2]
    output = _outputs(window, second)[0]
    output_key, priority_key = _key(output), _key(first)
    _click(window, qtbot, first)
    _click(window, qtbot, output, CTRL)
    window.actions.delete.trigger()
    assert asked and asked[0].startswith("Delete 1 priority and 1 output with 3 outputs")
    assert not window.doc.model.contains(output_key)
    assert not window.doc.model.contains(priority_key)
    assert window.doc.undo_stack.undoText() == "Delete 1 priority and 1 output"
    window.actions.undo.trigger()
    assert window.doc.model.contains(output_key) and window.doc.model.contains(priority_key)


def test_status_of_every_selected_output_from_the_context_menu(window, qtbot, sample_store,
                                                               monkeypatch):
    priority = _priorities(window)[0]
    outs = _outputs(window, priority)[:3]
    ids = [o.data(Role.ID) for o in outs]

    def statuses():
        with sample_store.session() as s:
            return [s.get(m.Output, i).status.name if s.get(m.Output, i).status else None
                    for i in ids]

    before = statuses()
    _click(window, qtbot, outs[0])
    _click(window, qtbot, outs[2], SHIFT)
    assert len(window.selection.keys()) == 3
    chosen = []

    def run(menu, _where):
        sub = next(a.menu() for a in menu.actions() if a.text() == "Set &Status")
        names = [a.text().replace("&", "") for a in sub.actions()]
        assert names == ["Not started", "On track", "At risk", "Off track", "Done"]
        chosen.append([a.text() for a in menu.actions() if a.text()])
        next(a for a in sub.actions() if a.text().replace("&", "") == "Done").trigger()

    monkeypatch.setattr(window, "run_menu", run)
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_F10, SHIFT)
    assert {"Cu&t", "Cop&y", "&Paste", "Dup&licate"} <= set(chosen[0])
    assert statuses() == ["Done"] * 3
    assert window.doc.undo_stack.undoText() == "Mark 3 outputs 'Done'"
    assert QModelIndex(outs[1]).data(Role.STATUS_NAME) == "Done"
    window.actions.undo.trigger()
    assert statuses() == before


# --- copy, cut, paste, duplicate ------------------------------------------------------------


def _priority_shape(store, priority_id):
    with store.session() as s:
        p = s.get(m.Priority, priority_id)
        return (p.title, p.outcome, [(o.text, [(sp.level, sp.text) for sp in o.sub_points])
                                     for o in p.outputs])


def test_copy_and_paste_a_priority_into_another_portfolio(window, qtbot, sample_store):
    source = _priorities(window)[0]
    source_id = source.data(Role.ID)
    _click(window, qtbot, source)
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_C, CTRL)
    data = QApplication.clipboard().mimeData()
    assert data.hasFormat(CLIP_MIME)
    lines = data.text().splitlines()
    assert lines[0] == f"1.1 {source.data(Role.TEXT)}"
    assert lines[1].startswith("    a. ")
    assert window.statusBar().currentMessage() == "Copied 1 priority."

    plan = _rows(window)[0]
    portfolios = [QPersistentModelIndex(i) for i in _rows(window, plan)
                  if i.data(Role.KIND) == "portfolio"]
    target = portfolios[1]
    count = len([i for i in _rows(window, target) if i.data(Role.KIND) == "priority"])
    _click(window, qtbot, target)
    qtbot.keyClick(window.tree, Qt.Key.Key_V, CTRL)
    pasted = window.tree.current_key()
    assert pasted[0] == "priority" and pasted[1] != source_id
    assert window.tree.currentIndex().data(Role.NUMBER) == f"2.{count + 1}"
    assert _priority_shape(sample_store, pasted[1]) == _priority_shape(sample_store, source_id)
    assert window.doc.undo_stack.undoText() == "Paste priority"
    window.actions.undo.trigger()
    assert not window.doc.model.contains(pasted)
    window.actions.redo.trigger()
    assert window.doc.model.contains(pasted)  # the very same rows come back
    assert window.doc.model.subtree_counts(pasted) == window.doc.model.subtree_counts(
        ("priority", source_id))


def test_cut_and_paste_an_output_onto_another_priority(window, qtbot, sample_store):
    first, second = _priorities(window)[:2]
    first_id, second_id = first.data(Role.ID), second.data(Role.ID)
    output = _outputs(window, first)[0]
    text = output.data(Role.TEXT)
    before_first, before_second = _texts(sample_store, first_id), _texts(sample_store,
                                                                          second_id)
    _click(window, qtbot, output)
    qtbot.keyClick(window.tree, Qt.Key.Key_X, CTRL)
    assert _texts(sample_store, first_id) == before_first[1:]
    assert window.doc.undo_stack.undoText() == "Cut output"
    _click(window, qtbot, second)
    qtbot.keyClick(window.tree, Qt.Key.Key_V, CTRL)  # a priority holds outputs: inside it
    assert _texts(sample_store, second_id) == before_second + [text]
    window.actions.undo.trigger()
    window.actions.undo.trigger()
    assert _texts(sample_store, first_id) == before_first
    assert _texts(sample_store, second_id) == before_second


def test_paste_between_stores_in_two_windows(window, qtbot, sample_store, settings, tmp_path):
    from lcplanner.store.engine import open_store
    from lcplanner.ui.main_window import MainWindow
    from lcplanner.ui.opening import Opened

    other = open_store(tmp_path / "next-year.lcplan")
    plan_id = services.create(other, "plan", None, title="Business Plan 2027/28")
    services.create(other, "portfolio", plan_id, name="Finance")
    second = MainWindow(settings)
    qtbot.addWidget(second)
    second.set_document(Opened(other))
    second.show()
    try:
        source = _priorities(window)[:2]
        _click(window, qtbot, source[0])
        _click(window, qtbot, source[1], SHIFT)
        window.actions.copy.trigger()
        portfolio = _find_row(second, "portfolio")
        _select(second, portfolio)
        second.actions.paste.trigger()
        assert second.doc.undo_stack.undoText() == "Paste 2 priorities"
        with other.session() as s:
            pasted = s.scalars(select(m.Priority).order_by(m.Priority.position)).all()
            assert [p.title for p in pasted] == [i.data(Role.TEXT) for i in source]
            assert all(not p.themes and not p.pledges for p in pasted)  # other plan's links
            ids = [p.id for p in pasted]
            names = [o.status.name for o in pasted[0].outputs]
            assert {o.status.plan_id for o in pasted[0].outputs} == {plan_id}
        with sample_store.session() as s:  # statuses found by name in the other plan
            assert names == [o.status.name for o in
                             s.get(m.Priority, source[0].data(Role.ID)).outputs]
        assert [_priority_shape(other, i)[2] for i in ids] == [
            _priority_shape(sample_store, i.data(Role.ID))[2] for i in source]
    finally:
        second.close()


def test_duplicate_puts_a_copy_after_the_item(window, qtbot, sample_store):
    priority = _priorities(window)[0]
    priority_id = priority.data(Role.ID)
    _click(window, qtbot, priority)
    qtbot.keyClick(window.tree, Qt.Key.Key_D, CTRL)
    copy = window.tree.current_key()
    assert copy != ("priority", priority_id)
    assert window.tree.currentIndex().data(Role.NUMBER) == "1.2"
    assert window.doc.undo_stack.undoText() == "Duplicate priority"
    assert _priority_shape(sample_store, copy[1]) == _priority_shape(sample_store, priority_id)
    with sample_store.session() as s:
        assert {t.id for t in s.get(m.Priority, copy[1]).themes} == {
            t.id for t in s.get(m.Priority, priority_id).themes}  # same plan: links kept


def test_plain_text_pasted_on_a_priority_becomes_outputs(window, qtbot, sample_store):
    priority = _priorities(window)[0]
    priority_id = priority.data(Role.ID)
    before = _texts(sample_store, priority_id)
    data = QMimeData()
    data.setText("• Hold a summit on fair funding\n• Publish a joint statement\n")
    QApplication.clipboard().setMimeData(data)
    _click(window, qtbot, priority)
    qtbot.keyClick(window.tree, Qt.Key.Key_V, CTRL)
    assert _texts(sample_store, priority_id) == before + [
        "Hold a summit on fair funding", "Publish a joint statement"]
    assert window.doc.undo_stack.undoText() == "Paste 2 outputs"


def test_paste_where_the_kind_does_not_fit_says_so(window, qtbot, sample_store):
    output = _outputs(window, _priorities(window)[0])[0]
    _click(window, qtbot, output)
    window.actions.copy.trigger()
    theme = _find_row(window, "theme")
    _click(window, qtbot, theme)
    window.actions.paste.trigger()
    assert window.doc.undo_stack.count() == 0
    assert window.statusBar().currentMessage() == (
        "An output goes in a priority; choose one to paste it into.")


def test_ctrl_c_and_ctrl_v_in_a_text_field_stay_the_fields_own(window, qtbot, sample_store):
    window.show()
    window.activateWindow()
    output = _outputs(window, _priorities(window)[0])[0]
    pane = _select(window, output)
    field = pane.widgets["text"]
    field.setFocus()
    qtbot.waitUntil(field.hasFocus, timeout=1000)
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_C, CTRL)
    data = QApplication.clipboard().mimeData()
    assert not data.hasFormat(CLIP_MIME)
    assert QApplication.clipboard().text() == output.data(Role.TEXT)
    rows = len(window.doc.model)
    qtbot.keyClick(field, Qt.Key.Key_End, CTRL)
    qtbot.keyClick(field, Qt.Key.Key_V, CTRL)
    assert field.toPlainText() == output.data(Role.TEXT) * 2
    assert len(window.doc.model) == rows  # no item was pasted


def test_new_shortcuts_are_listed(window):
    dialog = window.show_shortcuts()
    rows = {dialog.table.item(r, 0).text(): dialog.table.item(r, 1).text()
            for r in range(dialog.table.rowCount())}
    dialog.close()
    assert rows["Cut"] == "Ctrl+X" and rows["Copy"] == "Ctrl+C"
    assert rows["Paste"] == "Ctrl+V" and rows["Duplicate"] == "Ctrl+D"
    assert rows["Find and Replace"] == "Ctrl+H"


def test_a_row_made_current_by_code_is_selected_alone_while_ctrl_is_held(window, qtbot):
    first, second = _priorities(window)[:2]
    _click(window, qtbot, first)
    _click(window, qtbot, second, CTRL)  # leaves Ctrl as the application's modifier state
    assert len(window.selection.keys()) == 2
    window.select_key(_key(first))  # as an undo or a find step does
    assert window.selection.keys() == [_key(first)]


def test_cutting_a_portfolio_asks_first(window, qtbot, monkeypatch):
    asked = []
    monkeypatch.setattr(window, "confirm_delete", lambda q: asked.append(q) or False)
    portfolio = _find_row(window, "portfolio")
    key = _key(portfolio)
    _click(window, qtbot, portfolio)
    qtbot.keyClick(window.tree, Qt.Key.Key_X, CTRL)
    assert asked and asked[0].startswith("Cut portfolio with ")
    assert window.doc.model.contains(key) and window.doc.undo_stack.count() == 0
