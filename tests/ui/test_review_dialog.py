"""File → Import's review, through real widgets: roles by key, menu and box, merge, split,
undo in the dialog, the tree linked both ways, then Import and Edit → Undo."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from lcplanner.domain import model as m
from lcplanner.domain.counts import count_plan
from lcplanner.ui.review_dialog import MARK, MARK_COLUMN, ROLE_COLUMN, TEXT_COLUMN

from tests.support import FIXTURES


def _plan_count(store):
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(m.Plan))


def _stored_counts(store, plan_id):
    with store.session() as session:
        plan = session.get(m.Plan, plan_id)
        return {k: v for k, v in count_plan(plan).items() if v}


@pytest.fixture
def preview(window, qtbot, tmp_path):
    from lcplanner.ui.import_dialog import import_paper

    path = tmp_path / "brookvale.txt"  # a copy: the import folder is remembered in settings
    path.write_bytes((FIXTURES / "paper_review_brookvale.txt").read_bytes())
    run = import_paper(window, path)
    qtbot.waitUntil(lambda: run.preview is not None and run.preview.isVisible(), timeout=30000)
    run.preview.run = run
    return run.preview


def _select(panel, qtbot, row):
    panel.table.selectRow(row)
    panel.table.setFocus()
    qtbot.waitUntil(panel.table.hasFocus, timeout=5000)
    assert panel.current_row() == row


def _cell(panel, row, column):
    return panel.table.item(row, column).text()


def test_review_corrections_then_import_is_one_undo_step(window, qtbot, sample_store,
                                                        preview):
    panel = preview.panel
    assert panel.table.rowCount() == 16
    assert _cell(panel, 14, ROLE_COLUMN) == "priority (note)"
    assert _cell(panel, 14, MARK_COLUMN) == ""
    assert preview.counts.text() == ("<b>Business Plan 2026/27</b>: 2 portfolios, "
                                     "2 priorities, 4 outputs, 1 narrative section.")
    assert preview.coverage.text() == ("Words kept: 100.0% (95 of 95); sentences kept whole: "
                                       "100.0% (17 of 17).")

    # by key: N makes "Looking ahead" narrative text, a heading of its own
    _select(panel, qtbot, 14)
    qtbot.keyClick(panel.table, Qt.Key.Key_N)
    assert _cell(panel, 14, ROLE_COLUMN) == "narrative text"
    assert _cell(panel, 14, MARK_COLUMN) == MARK
    assert panel.table.item(14, MARK_COLUMN).toolTip() == (
        "line 24\n"
        "Corrected: role changed from priority to narrative text")
    assert preview.counts.text().endswith("2 portfolios, 2 priorities, 4 outputs, "
                                          "2 narrative sections. (1 corrected block)")

    # by the context menu: its paragraph is narrative text too
    _select(panel, qtbot, 15)
    menu = panel.context_menu()
    labels = [a.text() for a in menu.actions() if a.text()]
    assert labels[:3] == ["&Grouping", "&Priority", "&Output"]
    assert [a.shortcut().toString() for a in menu.actions()][:12] == [
        "G", "P", "O", "S", "T", "B", "M", "L", "W", "R", "N", "F"]
    action = next(a for a in menu.actions() if a.text() == "&Narrative text")
    action.trigger()
    assert _cell(panel, 15, ROLE_COLUMN) == "narrative text"
    assert "2 priorities, 4 outputs, 2 narrative sections. (2 corrected blocks)" in \
        preview.counts.text()
    # Shift+F10 opens the same menu at the current block
    qtbot.keyClick(panel.table, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: panel.menu.isVisible(), timeout=5000)
    panel.menu.close()
    panel.menu = None
    qtbot.keyClick(panel.table, Qt.Key.Key_Menu)  # and so does the Menu key
    qtbot.waitUntil(lambda: panel.menu is not None and panel.menu.isVisible(), timeout=5000)
    panel.menu.close()

    # by the role box: an output, under the last priority the reading met
    box = panel.role_box
    box.setCurrentIndex(box.findData("output"))
    box.activated.emit(box.currentIndex())
    assert _cell(panel, 15, ROLE_COLUMN) == "output"
    assert _cell(panel, 15, MARK_COLUMN) == MARK
    assert preview.counts.text().endswith("2 priorities, 5 outputs, 2 narrative sections. "
                                          "(2 corrected blocks)")
    tree_text = [panel.tree.topLevelItem(k).text(0) for k in
                 range(panel.tree.topLevelItemCount())]
    assert tree_text == ["Narrative: Introduction", "Narrative: Looking ahead", "1 Housing",
                         "2 Transport"]
    priority = panel.tree.topLevelItem(3).child(0)
    assert priority.text(0) == "2.1 Make bus journeys faster and more reliable"
    assert [priority.child(k).text(0) for k in range(priority.childCount())] == [
        "a Map the slowest bus corridors", "b Fund bus lanes on three of them",
        "c Members will review the plan at the autumn meeting."]
    assert panel.tree.currentItem() is priority.child(2)  # the block's item, selected

    # merge with the next block (Ctrl+M), then split it again where the cursor is
    _select(panel, qtbot, 12)
    qtbot.keyClick(panel.table, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert panel.table.rowCount() == 15
    assert _cell(panel, 12, TEXT_COLUMN) == ("(a) Map the slowest bus corridors (b) Fund bus "
                                             "lanes on three of them")
    assert _cell(panel, 12, MARK_COLUMN) == MARK
    assert "4 outputs" in preview.counts.text()
    qtbot.keyClick(panel.table, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    dialog = panel.split_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    cursor = dialog.editor.textCursor()
    cursor.setPosition(dialog.editor.toPlainText().index("(b)"))
    dialog.editor.setTextCursor(cursor)
    dialog.split_button.click()
    assert panel.table.rowCount() == 16
    assert [_cell(panel, k, TEXT_COLUMN) for k in (12, 13)] == [
        "(a) Map the slowest bus corridors", "(b) Fund bus lanes on three of them"]
    assert "5 outputs" in preview.counts.text()

    # Ctrl+Z in the dialog takes back the split, nothing else
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert panel.table.rowCount() == 15 and "4 outputs" in preview.counts.text()
    assert preview.coverage.text() == ("Words kept: 100.0% (95 of 95); sentences kept whole: "
                                       "100.0% (17 of 17).")

    # the block and the tree are linked both ways
    _select(panel, qtbot, 5)
    assert panel.tree.currentItem().text(0) == "1.1 Build more homes for social rent"
    panel.tree.setCurrentItem(panel.tree.topLevelItem(3))  # "2 Transport"
    assert panel.current_row() == 9 and panel.role_box.currentData() == "grouping"

    assert _plan_count(sample_store) == 1  # nothing written before Import
    preview.import_button.click()
    run = preview.run
    assert run.plan_id is not None and _plan_count(sample_store) == 2
    assert _stored_counts(sample_store, run.plan_id) == {
        "portfolios": 2, "priorities": 2, "outputs": 4, "narrative_sections": 2}
    stack = window.doc.undo_stack
    assert stack.count() == 1 and stack.undoText() == "Import plan 'Business Plan 2026/27'"
    window.actions.undo.trigger()
    assert _plan_count(sample_store) == 1
    window.actions.redo.trigger()
    assert _stored_counts(sample_store, run.plan_id)["outputs"] == 4


def test_merge_of_the_last_block_says_why_not(preview, qtbot):
    panel = preview.panel
    _select(panel, qtbot, 15)
    assert not panel.merge_button.isEnabled()
    panel.merge_current()
    assert preview.message.text() == "The last block has no next block to merge with."
    assert panel.table.rowCount() == 16


def test_split_is_first_offered_after_a_sentence():
    from lcplanner.ui.review_dialog import split_point

    assert split_point("Members agreed. The plan stands") == len("Members agreed. ")
    assert split_point("(a) Map the slowest bus corridors (b) Fund") == len("(a) Map the slowest ")
    assert split_point("Word") == 2


def test_access_keys_are_unique(preview):
    from PySide6.QtWidgets import QAbstractButton, QLabel

    texts = [w.text() for w in preview.findChildren(QAbstractButton) if w.isVisible()]
    texts += [w.text() for w in preview.findChildren(QLabel) if w.buddy() is not None]
    texts += [preview.panel.tabs.tabText(k) for k in range(preview.panel.tabs.count())]
    keys = [t[t.index("&") + 1].casefold() for t in texts if "&" in t]
    assert len(keys) == len(set(keys)) and len(keys) == 8


def test_cancel_after_corrections_writes_nothing(preview, qtbot, sample_store):
    panel = preview.panel
    _select(panel, qtbot, 3)
    qtbot.keyClick(panel.table, Qt.Key.Key_P)
    assert "3 portfolios, 3 priorities" in preview.counts.text()
    preview.reject()
    assert _plan_count(sample_store) == 1
