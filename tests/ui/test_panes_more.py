"""The panes for the rest of a plan, driven through real widgets: the committee paper's lists
and body sections, pledges, narrative sections, pledge areas and themes, a priority's links and
the plan's status labels. Each edit is checked in the store, undone, checked, and redone."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from sqlalchemy import select

from lcplanner import services
from lcplanner.domain import model as m
from lcplanner.ui.tree_model import Role
from lcplanner.ui.widgets import ordered_list


def _first(store, cls, n=0):
    with store.session() as s:
        return list(s.scalars(select(cls.id).order_by(cls.id)))[n]


def _show(window, kind, item_id):
    window.select_key((kind, item_id))
    pane = window.panes.current_pane()
    assert pane is not None and (pane.kind, pane.item_id) == (kind, item_id)
    return pane


def _texts(store, kind, parent_id):
    return [row[1] for row in services.children(store, kind, parent_id)]


def _undo(window):
    window.actions.undo.trigger()


def _redo(window):
    window.actions.redo.trigger()


def _focus(qtbot, widget):
    widget.window().activateWindow()
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(widget.hasFocus, timeout=1000)


def _open_editor(olist):
    found = [e for e in olist.list.findChildren(QLineEdit) if e.isVisible()]
    return found[0] if found else None


def _edit_in_place(qtbot, olist, row, text):
    """Start editing a row (F2), type over it and press Return, as a user would."""
    editor = _open_editor(olist)
    if editor is None or olist.list.currentRow() != row:  # not just added: F2 edits the row
        _focus(qtbot, olist.list)
        olist.list.setCurrentRow(row)
        qtbot.keyClick(olist.list, Qt.Key.Key_F2)
        editor = _open_editor(olist)
    assert editor is not None, "F2 opened no editor"
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # the delegate commits a moment later (a queued call), as in the running app
    qtbot.waitUntil(lambda: olist.texts()[row] == text, timeout=1000)


# --- 1. the committee paper -----------------------------------------------------------------


def test_recommendations_add_edit_move_delete_undo_redo(window, qtbot, sample_store):
    paper = _first(sample_store, m.CommitteePaper)
    pane = _show(window, "paper", paper)
    recs = pane.lists["recommendations"]
    start = _texts(sample_store, "recommendation", paper)
    assert recs.texts() == start and len(start) == 3

    # Insert adds after the current row and opens the new row for typing
    _focus(qtbot, recs.list)
    recs.list.setCurrentRow(0)
    qtbot.keyClick(recs.list, Qt.Key.Key_Insert)
    assert _texts(sample_store, "recommendation", paper) == [start[0], "New recommendation",
                                                             *start[1:]]
    editor = recs.list.findChild(QLineEdit)
    assert editor is not None and editor.isVisible()
    editor.selectAll()
    qtbot.keyClicks(editor, "approve the consultation")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: recs.texts()[1] == "approve the consultation", timeout=1000)
    assert _texts(sample_store, "recommendation", paper)[1] == "approve the consultation"
    assert recs.texts()[1] == "approve the consultation"

    # Ctrl+Down moves it; the buttons do the same
    recs.list.setCurrentRow(1)
    qtbot.keyClick(recs.list, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert _texts(sample_store, "recommendation", paper)[2] == "approve the consultation"
    assert recs.list.currentRow() == 2
    recs.up_button.click()
    assert _texts(sample_store, "recommendation", paper)[1] == "approve the consultation"

    # Delete removes it
    _focus(qtbot, recs.list)
    recs.list.setCurrentRow(1)
    qtbot.keyClick(recs.list, Qt.Key.Key_Delete)
    assert _texts(sample_store, "recommendation", paper) == start
    assert recs.texts() == start

    # undo each step back to the start, checking the store and the list on the way
    _undo(window)
    assert _texts(sample_store, "recommendation", paper)[1] == "approve the consultation"
    _undo(window)
    _undo(window)
    assert _texts(sample_store, "recommendation", paper)[1] == "approve the consultation"
    _undo(window)  # the text
    assert _texts(sample_store, "recommendation", paper)[1] == "New recommendation"
    assert pane.lists["recommendations"].texts()[1] == "New recommendation"
    _undo(window)  # the add
    assert _texts(sample_store, "recommendation", paper) == start
    assert recs.texts() == start
    for _ in range(5):
        _redo(window)
    assert _texts(sample_store, "recommendation", paper) == start
    _undo(window)
    assert "approve the consultation" in _texts(sample_store, "recommendation", paper)


def test_appendices_and_background_papers(window, qtbot, sample_store):
    paper = _first(sample_store, m.CommitteePaper)
    pane = _show(window, "paper", paper)
    appendices = pane.lists["appendices"]
    backgrounds = pane.lists["background_papers"]
    assert appendices.list.accessibleName() == "Appendices, in order"
    assert appendices.texts() == ["Appendix A: Business Plan Portfolio Priorities"]

    appendices.add_button.click()
    _edit_in_place(qtbot, appendices, 1, "Appendix B: Milestones")
    assert _texts(sample_store, "appendix", paper) == [
        "Appendix A: Business Plan Portfolio Priorities", "Appendix B: Milestones"]
    appendices.list.setCurrentRow(1)
    appendices.up_button.click()
    assert _texts(sample_store, "appendix", paper)[0] == "Appendix B: Milestones"

    _edit_in_place(qtbot, backgrounds, 0, "Business Plan 2025/26 (Executive, June 2025)")
    assert _texts(sample_store, "background_paper", paper) == [
        "Business Plan 2025/26 (Executive, June 2025)"]

    _undo(window)
    assert _texts(sample_store, "background_paper", paper) == ["Business Plan 2025/26"]
    assert backgrounds.texts() == ["Business Plan 2025/26"]
    _undo(window)
    assert _texts(sample_store, "appendix", paper)[1] == "Appendix B: Milestones"
    _undo(window)
    _undo(window)
    assert _texts(sample_store, "appendix", paper) == [
        "Appendix A: Business Plan Portfolio Priorities"]
    for _ in range(4):
        _redo(window)
    assert _texts(sample_store, "appendix", paper)[0] == "Appendix B: Milestones"
    assert appendices.texts() == _texts(sample_store, "appendix", paper)


def test_list_context_menu_offers_the_actions(window, sample_store):
    paper = _first(sample_store, m.CommitteePaper)
    pane = _show(window, "paper", paper)
    recs = pane.lists["recommendations"]
    recs.list.setCurrentRow(0)
    texts = [a.text() for a in recs.menu_actions() if a is not None]
    assert texts == ["&Add", "&Edit Text", "Move &Up", "Move Do&wn", "&Remove"]
    assert not recs.up_action.isEnabled() and recs.down_action.isEnabled()


def test_paper_sections_are_tree_children_with_their_own_pane(window, qtbot, sample_store):
    paper = _first(sample_store, m.CommitteePaper)
    _show(window, "paper", paper)
    window.actions.add_child.trigger()
    key = window.tree.current_key()
    assert key[0] == "paper_section"
    assert window.tree.currentIndex().data(Role.NUMBER) == "3"
    pane = window.panes.current_pane()
    assert pane.ui.label_line.text() == "&Heading:" and pane.ui.body.isVisible()
    pane.ui.body.setFocus()
    qtbot.keyClicks(pane.ui.body, "Members will be consulted.")
    pane.flush()
    with sample_store.session() as s:
        assert s.get(m.PaperSection, key[1]).body == "Members will be consulted."
    # move it up with the tree's command: sections renumber
    window.tree.setFocus()
    window.actions.move_up.trigger()
    assert window.tree.currentIndex().data(Role.NUMBER) == "2"
    assert _texts(sample_store, "paper_section", paper) == ["Introduction", "New paper section",
                                                            "Next steps"]
    _undo(window)
    assert _texts(sample_store, "paper_section", paper)[2] == "New paper section"
    _undo(window)
    with sample_store.session() as s:
        assert s.get(m.PaperSection, key[1]).body == ""
    _undo(window)
    assert _texts(sample_store, "paper_section", paper) == ["Introduction", "Next steps"]
    assert not window.doc.model.contains(key)
    for _ in range(3):
        _redo(window)
    assert _texts(sample_store, "paper_section", paper)[1] == "New paper section"


# --- 2. pledges -----------------------------------------------------------------------------


def test_pledge_text_points_and_priorities(window, qtbot, sample_store):
    pledge = _first(sample_store, m.Pledge)
    pane = _show(window, "pledge", pledge)
    points = pane.lists["points"]
    before_points = _texts(sample_store, "pledge_point", pledge)
    assert points.texts() == before_points

    # text
    pane.ui.field_text.setFocus()
    pane.ui.field_text.selectAll()
    qtbot.keyClicks(pane.ui.field_text, "Win a fair funding settlement")
    pane.flush()
    with sample_store.session() as s:
        assert s.get(m.Pledge, pledge).text == "Win a fair funding settlement"

    # points: add two, reorder, edit
    points.add_button.click()
    _edit_in_place(qtbot, points, len(before_points), "three-year settlements")
    points.add_button.click()
    _edit_in_place(qtbot, points, len(before_points) + 1, "an end to bidding rounds")
    points.list.setCurrentRow(len(before_points) + 1)
    points.up_button.click()
    now = _texts(sample_store, "pledge_point", pledge)
    assert now == [*before_points, "an end to bidding rounds", "three-year settlements"]
    assert points.texts() == now
    # the tree shows the points under the pledge, and the pledge stays selected
    assert window.tree.current_key() == ("pledge", pledge)
    pledge_index = window.doc.model.index_for(("pledge", pledge))
    assert window.doc.model.rowCount(pledge_index) == len(now)

    # priorities: a checkable list of the plan's priorities with their numbers
    prio = pane.ui.field_priorities
    assert prio.item(1).text().startswith("1.2 ")
    old_links = services.details(sample_store, "pledge", pledge).values["priorities"]
    assert prio.item(1).checkState() == Qt.CheckState.Unchecked
    _focus(qtbot, prio)
    prio.setCurrentRow(1)
    qtbot.keyClick(prio, Qt.Key.Key_Space)  # the keyboard ticks the current row
    assert prio.item(1).checkState() == Qt.CheckState.Checked
    linked = services.details(sample_store, "pledge", pledge).values["priorities"]
    assert prio.item(1).data(Qt.ItemDataRole.UserRole + 1) in linked
    assert len(linked) == len(old_links) + 1

    _undo(window)  # the link
    assert services.details(sample_store, "pledge", pledge).values["priorities"] == old_links
    assert prio.item(1).checkState() == Qt.CheckState.Unchecked
    _undo(window)  # the move
    assert _texts(sample_store, "pledge_point", pledge)[-1] == "an end to bidding rounds"
    for _ in range(4):  # text, add, text, add
        _undo(window)
    assert _texts(sample_store, "pledge_point", pledge) == before_points
    assert points.texts() == before_points
    _undo(window)
    with sample_store.session() as s:
        assert s.get(m.Pledge, pledge).text == "Campaign for multi-year funding settlements " \
                                               "for councils"
    for _ in range(7):
        _redo(window)
    assert _texts(sample_store, "pledge_point", pledge) == now
    assert services.details(sample_store, "pledge", pledge).values["priorities"] == linked
    assert pane.ui.field_priorities.item(1).checkState() == Qt.CheckState.Checked


# --- 3. narrative sections -----------------------------------------------------------------


def test_narrative_section_title_body_and_points(window, qtbot, sample_store):
    section = _first(sample_store, m.NarrativeSection)
    pane = _show(window, "section", section)
    assert pane.ui.field_body.accessibleName() == "Section text"
    before = _texts(sample_store, "narrative_point", section)
    assert pane.lists["points"].texts() == before

    pane.ui.field_title.setFocus()
    pane.ui.field_title.selectAll()
    qtbot.keyClicks(pane.ui.field_title, "About us")
    pane.ui.field_body.setFocus()  # focus-out saves the title
    with sample_store.session() as s:
        assert s.get(m.NarrativeSection, section).title == "About us"
    pane.ui.field_body.moveCursor(pane.ui.field_body.textCursor().MoveOperation.End)
    qtbot.keyClicks(pane.ui.field_body, " More.")
    pane.flush()

    points = pane.lists["points"]
    _edit_in_place(qtbot, points, 0, "cross-party and member-led")
    points.list.setCurrentRow(0)
    _focus(qtbot, points.list)
    qtbot.keyClick(points.list, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert _texts(sample_store, "narrative_point", section) == [before[1],
                                                                "cross-party and member-led"]
    _undo(window)
    _undo(window)
    assert _texts(sample_store, "narrative_point", section) == before
    assert points.texts() == before
    _undo(window)
    _undo(window)
    with sample_store.session() as s:
        assert s.get(m.NarrativeSection, section).title == "Who we are"
    for _ in range(4):
        _redo(window)
    assert _texts(sample_store, "narrative_point", section)[1] == "cross-party and member-led"
    with sample_store.session() as s:
        obj = s.get(m.NarrativeSection, section)
        assert obj.title == "About us" and obj.body.endswith(" More.")


# --- 4. pledge areas and themes -------------------------------------------------------------


@pytest.mark.parametrize("kind, cls", [("pledge_area", m.PledgeArea), ("theme", m.Theme)])
def test_name_and_description(window, qtbot, sample_store, kind, cls):
    item = _first(sample_store, cls)
    pane = _show(window, kind, item)
    assert pane.ui.label_line.text() == "&Name:"
    assert pane.ui.label_body.text() == "&Description:" and pane.ui.body.isVisible()
    with sample_store.session() as s:
        old = (s.get(cls, item).name, s.get(cls, item).description)
    pane.ui.line.setFocus()
    pane.ui.line.selectAll()
    qtbot.keyClicks(pane.ui.line, "Renamed")
    pane.ui.body.setFocus()
    pane.ui.body.selectAll()
    qtbot.keyClicks(pane.ui.body, "A new description.")
    pane.flush()
    with sample_store.session() as s:
        assert (s.get(cls, item).name, s.get(cls, item).description) == (
            "Renamed", "A new description.")
    assert window.tree.currentIndex().data(Role.TEXT) == "Renamed"
    _undo(window)
    _undo(window)
    with sample_store.session() as s:
        assert (s.get(cls, item).name, s.get(cls, item).description) == old
    assert pane.ui.line.text() == old[0]
    _redo(window)
    _redo(window)
    with sample_store.session() as s:
        assert s.get(cls, item).description == "A new description."


# --- 5. a priority's themes and pledges -----------------------------------------------------


def test_priority_themes_and_pledges_checkable_and_undoable(window, sample_store):
    priority = _first(sample_store, m.Priority)
    pane = _show(window, "priority", priority)
    before = services.details(sample_store, "priority", priority).values
    themes, pledges = pane.ui.field_themes, pane.ui.field_pledges
    assert themes.count() > 1 and pledges.count() > 1
    target_theme = next(i for i in range(themes.count())
                        if themes.item(i).checkState() == Qt.CheckState.Unchecked)
    themes.item(target_theme).setCheckState(Qt.CheckState.Checked)
    target_pledge = next(i for i in range(pledges.count())
                         if pledges.item(i).checkState() == Qt.CheckState.Unchecked)
    pledges.item(target_pledge).setCheckState(Qt.CheckState.Checked)
    after = services.details(sample_store, "priority", priority).values
    assert len(after["themes"]) == len(before["themes"]) + 1
    assert len(after["pledges"]) == len(before["pledges"]) + 1
    _undo(window)
    _undo(window)
    now = services.details(sample_store, "priority", priority).values
    assert (now["themes"], now["pledges"]) == (before["themes"], before["pledges"])
    assert themes.item(target_theme).checkState() == Qt.CheckState.Unchecked
    _redo(window)
    _redo(window)
    now = services.details(sample_store, "priority", priority).values
    assert (now["themes"], now["pledges"]) == (after["themes"], after["pledges"])


# --- 6. status labels -----------------------------------------------------------------------


def _statuses(store, plan):
    return services.children(store, "status_label", plan, "name", "colour")


def test_status_labels_add_rename_recolour_move(window, qtbot, sample_store, monkeypatch):
    plan = _first(sample_store, m.Plan)
    pane = _show(window, "plan", plan)
    labels = pane.lists["statuses"]
    before = _statuses(sample_store, plan)
    assert labels.texts() == [r[1] for r in before]
    assert not labels.list.item(1).icon().isNull()

    labels.list.setCurrentRow(len(before) - 1)
    labels.add_button.click()
    _edit_in_place(qtbot, labels, len(before), "Paused")
    new_id = labels.current_id()
    assert _statuses(sample_store, plan)[-1] == (new_id, "Paused", "#8c8c8c")

    asked = []
    monkeypatch.setattr(ordered_list, "choose_colour",
                        lambda parent, initial, title: asked.append((initial, title)) or
                        "#6a1b9a")
    labels.colour_button.click()
    assert asked == [("#8c8c8c", "Colour for “Paused”")]
    assert _statuses(sample_store, plan)[-1][2] == "#6a1b9a"
    assert window.doc.model.statuses()[new_id].colour == "#6a1b9a"
    assert labels.colour_of(new_id) == "#6a1b9a"

    _focus(qtbot, labels.list)
    labels.select_id(new_id)
    qtbot.keyClick(labels.list, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert [r[1] for r in _statuses(sample_store, plan)][-2:] == ["Paused", "Done"]

    # outputs' status combos follow the labels
    output = _first(sample_store, m.Output)
    out_pane = _show(window, "output", output)
    combo = out_pane.ui.field_status_id
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "No status", "Not started", "On track", "At risk", "Off track", "Paused", "Done"]

    _show(window, "plan", plan)
    _undo(window)  # move
    _undo(window)  # colour
    assert _statuses(sample_store, plan)[-1] == (new_id, "Paused", "#8c8c8c")
    assert labels.colour_of(new_id) == "#8c8c8c"
    _undo(window)  # name
    _undo(window)  # add
    assert _statuses(sample_store, plan) == before
    assert labels.texts() == [r[1] for r in before]
    assert new_id not in window.doc.model.statuses()
    for _ in range(4):
        _redo(window)
    assert [r[1:] for r in _statuses(sample_store, plan)][-2:] == [("Paused", "#6a1b9a"),
                                                                  ("Done", "#1565c0")]
    assert new_id in window.doc.model.statuses()


def test_deleting_a_status_in_use_asks_first_and_undo_restores_it(window, qtbot, sample_store,
                                                                  monkeypatch):
    plan = _first(sample_store, m.Plan)
    pane = _show(window, "plan", plan)
    labels = pane.lists["statuses"]
    before = _statuses(sample_store, plan)
    at_risk = next(r[0] for r in before if r[1] == "At risk")
    used = services.status_usage(sample_store, at_risk)
    assert used > 0
    questions = []
    answer = [False]

    def fake_confirm(parent, title, text, action):
        questions.append(text)
        return answer[0]

    monkeypatch.setattr(ordered_list, "confirm", fake_confirm)
    _focus(qtbot, labels.list)
    labels.select_id(at_risk)
    qtbot.keyClick(labels.list, Qt.Key.Key_Delete)
    assert questions and f"{used} items carry the status “At risk”" in questions[0]
    assert _statuses(sample_store, plan) == before  # declined: nothing happened
    assert window.doc.undo_stack.count() == 0

    answer[0] = True
    labels.remove_button.click()
    assert at_risk not in [r[0] for r in _statuses(sample_store, plan)]
    assert services.status_usage(sample_store, at_risk) == 0
    assert "At risk" not in labels.texts()
    _undo(window)
    assert _statuses(sample_store, plan) == before
    assert services.status_usage(sample_store, at_risk) == used
    assert labels.texts() == [r[1] for r in before]
    _redo(window)
    assert "At risk" not in labels.texts()

    # a label nobody uses goes without a question
    questions.clear()
    done = next(r[0] for r in before if r[1] == "Done")
    if services.status_usage(sample_store, done) == 0:
        labels.select_id(done)
        labels.remove_button.click()
        assert not questions and "Done" not in labels.texts()


def test_real_colour_dialog_and_confirmation_are_guarded(window, sample_store):
    """Without a patch the dialogs go through exec(), which the test guard refuses: the
    dialogs are modal boxes shown by functions tests can replace, never static helpers."""
    plan = _first(sample_store, m.Plan)
    labels = _show(window, "plan", plan).lists["statuses"]
    labels.list.setCurrentRow(0)
    with pytest.raises(AssertionError, match="unexpected modal dialog"):
        labels.recolour()
    assert QApplication.activeModalWidget() is None


def test_read_only_store_disables_the_lists(window, sample_store):
    plan = _first(sample_store, m.Plan)
    pane = _show(window, "plan", plan)
    assert pane.lists["statuses"].add_button.isEnabled()
    pane.lists["statuses"].setEnabled(False)
    assert not pane.lists["statuses"].add_button.isEnabled()
    assert not pane.lists["statuses"].add_action.isEnabled()
