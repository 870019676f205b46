"""History… in the tree's context menu and File → Changes Since…: who changed what, and when."""
from __future__ import annotations

import getpass
from datetime import datetime

from PySide6.QtCore import QDate, Qt

from lcplanner.services.history import local_time
from lcplanner.ui.tree_model import Role


def _first(window, kind):
    return next(i.key for i in window.doc.model.items_in_order() if i.key[0] == kind)


def _rows(dialog):
    return [[dialog.list.topLevelItem(r).text(c) for c in range(6)]
            for r in range(dialog.list.topLevelItemCount())]


def _when(dialog, row):
    return dialog.changes[row].changed_at


def test_history_of_an_item_from_its_context_menu(window, qtbot, monkeypatch):
    output = _first(window, "output")
    old = window.doc.model.index_for(output).data(Role.TEXT)
    window.select_key(output)
    text = window.panes.current_pane().widgets["text"]
    text.setFocus()
    text.selectAll()
    qtbot.keyClicks(text, "Costs evidence published")
    window.panes.flush()

    shown = []
    monkeypatch.setattr(window, "run_menu", lambda menu, _where: shown.append(
        [a for a in menu.actions() if a.text()]))
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_Menu)
    history = next(a for a in shown[0] if a.text() == "&History…")
    history.trigger()
    dialog = window._history_dialog
    assert dialog.windowTitle() == f"History of output {output[1]}"
    when = local_time(_when(dialog, 0))
    assert _rows(dialog) == [[f"{when.day} {when:%B %Y, %H:%M}", getpass.getuser(),
                              f"Output {output[1]}", "text", old,
                              "Costs evidence published"]]
    assert dialog.status.text() == "1 change."

    window.actions.undo.trigger()  # the dialog follows: the undo is a change too
    assert [r[3:] for r in _rows(dialog)] == [
        ["text", old, "Costs evidence published"], ["text", "Costs evidence published", old]]
    dialog.close()


def test_changes_since_a_date_for_the_selected_plan(window, qtbot):
    from sqlalchemy import update

    from lcplanner.domain.model import ChangeRecord

    with window.doc.store.transaction() as s:  # the sample plan was made in January
        s.execute(update(ChangeRecord).values(changed_at=datetime(2026, 1, 10, 12, 0)))
    priority = _first(window, "priority")
    window.select_key(priority)
    window.actions.delete.trigger()
    window.actions.changes_since.trigger()
    dialog = window._history_dialog
    dialog.since.setDate(QDate.currentDate())
    rows = _rows(dialog)
    assert [r[1:4] for r in rows] == [[getpass.getuser(), f"Priority {priority[1]}", "Deleted"]]
    assert rows[0][5] == "" and rows[0][4]
    dialog.since.setDate(QDate.currentDate().addDays(1))
    assert _rows(dialog) == [] and dialog.status.text() == "No changes recorded."
    dialog.since.setDate(QDate(2026, 1, 1))  # the sample plan's making, then the delete
    when = local_time(datetime(2026, 1, 10, 12, 0))
    assert [r[:4] for r in _rows(dialog)] == [
        [f"{when.day} {when:%B %Y, %H:%M}", getpass.getuser(), "Plan 1", "Added"],
        [_rows(dialog)[1][0], getpass.getuser(), f"Priority {priority[1]}", "Deleted"]]
    assert dialog.since_utc() == datetime(2026, 1, 1) - (local_time(datetime(2026, 1, 1))
                                                         - datetime(2026, 1, 1))
    dialog.close()
