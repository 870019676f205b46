"""Edit → Find and Replace (Ctrl+H): a preview of every change, unticking, one undo step."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from lcplanner import services
from lcplanner.domain import model as m
from lcplanner.services import replace
from lcplanner.ui.replace_dialog import ReplaceDialog
from lcplanner.ui.tree_model import Role
from tests.ui.test_main_window import _find_row, _select

CTRL = Qt.KeyboardModifier.ControlModifier


def _open(window, qtbot) -> ReplaceDialog:
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_H, CTRL)
    dialog = window.findChild(ReplaceDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def _fill(dialog, qtbot, needle, replacement):
    dialog.find_edit.setFocus()
    qtbot.keyClicks(dialog.find_edit, needle)
    qtbot.keyClicks(dialog.replace_edit, replacement)
    qtbot.waitUntil(lambda: dialog.summary.text().endswith("will change."), timeout=3000)


def _plan_id(store):
    with store.session() as s:
        return s.scalars(select(m.Plan.id)).one()


def _marked_fields(store):
    """Put one word in a text field of many kinds; return (kind, id, field) of each."""
    with store.session() as s:
        milestone = s.scalars(select(m.Milestone)).first()
        rows = [("milestone", milestone.id, "name"), ("milestone", milestone.id, "text"),
                ("pledge", s.scalars(select(m.Pledge.id)).first(), "text"),
                ("section", s.scalars(select(m.NarrativeSection.id)).first(), "body"),
                ("paper", s.scalars(select(m.CommitteePaper.id)).first(), "summary"),
                ("priority", s.scalars(select(m.Priority.id)).first(), "outcome"),
                ("output", s.scalars(select(m.Output.id)).first(), "progress_note"),
                ("portfolio", s.scalars(select(m.Portfolio.id)).first(), "name")]
    for kind, item_id, name in rows:
        services.set_field(store, kind, item_id, name, f"Ask the Quangocouncil about {kind}")
    return rows


def _value(store, kind, item_id, name):
    k = services.KINDS[kind]
    with store.session() as s:
        return getattr(s.get(k.cls, item_id), name)


def test_replace_all_covers_every_kind_and_undoes_in_one_step(window, qtbot, sample_store):
    rows = _marked_fields(sample_store)
    window.doc.reload()
    _select(window, _find_row(window, "portfolio"))
    dialog = _open(window, qtbot)
    assert dialog.scope.text() == "In: Business Plan 2026/27"
    _fill(dialog, qtbot, "quangocouncil", "Agency")
    assert dialog.preview.topLevelItemCount() == len(rows)
    shown = {(c.kind, c.id, c.field) for c in dialog.changes}
    assert shown == set(rows)
    first = dialog.preview.topLevelItem(0)
    assert first.text(2) == f"Ask the Quangocouncil about {dialog.changes[0].kind}"
    assert first.text(3) == f"Ask the Agency about {dialog.changes[0].kind}"
    qtbot.mouseClick(dialog.replace_all, Qt.MouseButton.LeftButton)
    for kind, item_id, name in rows:
        assert _value(sample_store, kind, item_id, name) == f"Ask the Agency about {kind}"
    stack = window.doc.undo_stack
    assert stack.count() == 1
    assert stack.undoText() == f"Replace 'quangocouncil' with 'Agency' ({len(rows)} places)"
    assert window.actions.undo.text() == f"&Undo {stack.undoText()}"
    portfolio = next(r for r in rows if r[0] == "portfolio")
    index = window.doc.model.index_for(portfolio[:2])
    assert window.doc.model.data(index, Role.TEXT) == "Ask the Agency about portfolio"
    assert dialog.summary.text() == "No matches in this plan."
    window.actions.undo.trigger()
    for kind, item_id, name in rows:
        assert _value(sample_store, kind, item_id, name) == f"Ask the Quangocouncil about {kind}"
    assert window.doc.model.data(index, Role.TEXT) == "Ask the Quangocouncil about portfolio"
    window.actions.redo.trigger()
    assert _value(sample_store, *rows[0]) == f"Ask the Agency about {rows[0][0]}"
    dialog.close()


def test_unticked_changes_are_left_alone(window, qtbot, sample_store):
    rows = _marked_fields(sample_store)
    _select(window, _find_row(window, "output"))
    dialog = _open(window, qtbot)
    _fill(dialog, qtbot, "Quangocouncil", "Agency")
    skipped = dialog.changes[1]
    dialog.preview.topLevelItem(1).setCheckState(0, Qt.CheckState.Unchecked)
    assert dialog.summary.text() == (f"{len(rows) - 1} places in {len(rows) - 1} of "
                                     f"{len(rows)} fields will change.")
    assert dialog.apply() == len(rows) - 1
    assert _value(sample_store, skipped.kind, skipped.id, skipped.field) == skipped.before
    assert window.statusBar().currentMessage() == (
        f"Replace 'Quangocouncil' with 'Agency' ({len(rows) - 1} places).")
    dialog.close()


def test_match_case_and_whole_words_narrow_the_preview(window, qtbot, sample_store):
    plan = _plan_id(sample_store)
    with sample_store.session() as s:
        output = s.scalars(select(m.Output.id)).first()
    services.set_field(sample_store, "output", output, "text",
                       "Zorgle zorgles and zorgle")
    _select(window, _find_row(window, "output"))
    dialog = _open(window, qtbot)
    _fill(dialog, qtbot, "zorgle", "Blip")
    assert [c.after for c in dialog.changes] == ["Blip Blips and Blip"]
    dialog.whole_words.setChecked(True)
    assert [c.after for c in dialog.changes] == ["Blip zorgles and Blip"]
    dialog.match_case.setChecked(True)
    assert [c.after for c in dialog.changes] == ["Zorgle zorgles and Blip"]
    assert dialog.changes == replace.find_changes(sample_store, plan, "zorgle", "Blip",
                                                  match_case=True, whole_words=True)
    dialog.apply()
    assert _value(sample_store, "output", output, "text") == "Zorgle zorgles and Blip"
    assert window.doc.undo_stack.undoText() == "Replace 'zorgle' with 'Blip' (1 place)"
    dialog.close()


def test_the_dialog_opens_from_the_edit_menu_with_the_find_text(window, qtbot):
    window.find_box.setText("Housing")
    window.find_bar.apply()
    window.actions.replace.trigger()
    dialog = window.findChild(ReplaceDialog)
    assert dialog.find_edit.text() == "Housing"
    assert dialog.preview.topLevelItemCount() == len(dialog.changes) > 0
    assert window.actions.replace.shortcut().toString() == "Ctrl+H"
    assert "Find and Repla&ce…" in [a.text() for a in window.menus["edit"].actions()]
    dialog.close()
    assert QApplication.activeModalWidget() is None
