"""The milestone pane shows which date phrases of the wording are due dates, and changes that."""
from __future__ import annotations

from PySide6.QtCore import Qt

from lcplanner import services
from lcplanner.ui.tree_model import Role
from tests.ui.test_main_window import _find_row, _select

WORDING = "Leaders agree in Autumn 2026 which freedoms to pursue, after the meeting held on " \
          "4 May 2026."


def _bar(window, milestone_id):
    window.tabs.setCurrentWidget(window.timeline)  # the timeline is drawn when it is shown
    timeline = window.timeline.view.timeline()
    window.tabs.setCurrentWidget(window.panes)
    return next(bar for group in timeline.groups for bar in group.bars
                if bar.milestone_id == milestone_id)


def test_ticking_a_phrase_makes_it_a_due_date_as_one_undo_step(window, qtbot, sample_store):
    milestone = _find_row(window, "milestone", "Options for local taxes agreed")
    milestone_id = milestone.data(Role.ID)
    pane = _select(window, milestone)
    assert pane.due_checks == [] and not pane.due_none.isHidden()
    pane.ui.field_text.setFocus()
    pane.ui.field_text.setPlainText(WORDING)
    # shown while typing, before anything is saved: the stored date is ticked
    assert [c.text() for c in pane.due_checks] == ["“Autumn 2026” is a due date",
                                                   "“4 May 2026” is a due date"]
    assert [c.isChecked() for c in pane.due_checks] == [True, False]
    assert pane.due_checks[1].accessibleName() == "4 May 2026 is a due date"
    assert pane.due_none.isHidden()
    assert (_bar(window, milestone_id).start, _bar(window, milestone_id).end) == \
        ("2026-09-01", "2026-11-30")

    qtbot.mouseClick(pane.due_checks[1], Qt.MouseButton.LeftButton)
    assert services.edit.milestone_dates(sample_store, milestone_id) == ["Autumn 2026",
                                                                        "4 May 2026"]
    assert window.doc.undo_stack.undoText() == "Make “4 May 2026” a due date"
    assert [c.isChecked() for c in pane.due_checks] == [True, True]
    assert pane.ui.field_dates.toPlainText() == "Autumn 2026\n4 May 2026"
    assert (_bar(window, milestone_id).start, _bar(window, milestone_id).end) == \
        ("2026-05-04", "2026-11-30")

    first = pane.due_checks[0]
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Space)  # unticked from the keyboard
    assert services.edit.milestone_dates(sample_store, milestone_id) == ["4 May 2026"]
    assert window.doc.undo_stack.undoText() == "Take “Autumn 2026” off the due dates"
    assert [c.isChecked() for c in pane.due_checks] == [False, True]

    window.actions.undo.trigger()
    assert services.edit.milestone_dates(sample_store, milestone_id) == ["Autumn 2026",
                                                                        "4 May 2026"]
    assert [c.isChecked() for c in pane.due_checks] == [True, True]
    window.actions.undo.trigger()
    assert services.edit.milestone_dates(sample_store, milestone_id) == ["Autumn 2026"]
    assert [c.isChecked() for c in pane.due_checks] == [True, False]
    assert (_bar(window, milestone_id).start, _bar(window, milestone_id).end) == \
        ("2026-09-01", "2026-11-30")
    window.actions.undo.trigger()  # and the wording itself
    assert pane.due_checks == [] and not pane.due_none.isHidden()
