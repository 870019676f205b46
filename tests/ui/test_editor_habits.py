"""The habits of a good desktop editor: find that steps and resets, safe deletes, rename in
place, keyboard paths back to the tree, unique access keys in every menu."""
from __future__ import annotations

import re

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu

from lcplanner.domain import model as m
from lcplanner.ui.tree_model import Role
from tests.ui.test_main_window import _find_row, _rows, _select, _stored


def _search(window, qtbot, text):
    window.find_box.setText(text)
    window.find_bar.apply()
    return window.find_bar.count.text()


def _shown_keys(window, parent=QModelIndex()):
    keys = []
    for index in _rows(window, parent):
        keys.append(index.data(Role.KEY))
        keys.extend(_shown_keys(window, index))
    return keys


# --- find -------------------------------------------------------------------------------------


def test_find_counts_and_steps_through_matches_in_tree_order(window, qtbot):
    order = [item.key for item in window.doc.model.items_in_order()]
    expected = [item.key for item in window.doc.model.items_in_order()
                if "work" in item.haystack]
    assert len(expected) >= 3
    assert _search(window, qtbot, "Work") == f"{len(expected)} matches"
    window.tree.setCurrentIndex(QModelIndex())
    seen = [window.find_bar.step(1) for _ in expected]
    assert seen == expected  # the first match first, then each in tree order
    assert window.find_bar.count.text() == f"{len(expected)} of {len(expected)}"
    assert window.find_bar.step(1) == expected[0]  # wraps round
    assert window.find_bar.count.text() == f"1 of {len(expected)}"
    assert window.find_bar.step(-1) == expected[-1]
    assert sorted(expected, key=order.index) == expected


def test_f3_and_shift_f3_are_next_and_previous(window, qtbot):
    _search(window, qtbot, "work")
    matches = window.proxy.match_keys()
    window.tree.setFocus()
    window.tree.setCurrentIndex(QModelIndex())
    qtbot.keyClick(window.tree, Qt.Key.Key_F3)
    assert window.tree.current_key() == matches[0]
    qtbot.keyClick(window.tree, Qt.Key.Key_F3)
    assert window.tree.current_key() == matches[1]
    qtbot.keyClick(window.tree, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert window.tree.current_key() == matches[0]
    assert window.find_bar.count.text() == f"1 of {len(matches)}"


def test_enter_in_find_goes_to_the_first_match(window, qtbot):
    window.start_find()
    qtbot.keyClicks(window.find_box, "work")
    qtbot.keyClick(window.find_box, Qt.Key.Key_Return)
    assert window.tree.current_key() == window.proxy.match_keys()[0]


def test_no_matches_is_said(window, qtbot):
    assert _search(window, qtbot, "zzqx nowhere") == "No matches"
    assert window.proxy.rowCount() == 0


def test_escape_clears_find_and_keeps_the_row(window, qtbot):
    _search(window, qtbot, "work")
    target = window.proxy.match_keys()[1]
    window.select_key(target)
    window.find_box.setFocus()
    qtbot.keyClick(window.find_box, Qt.Key.Key_Escape)
    assert window.find_box.text() == ""
    assert window.proxy.needle == ""
    assert window.find_bar.count.text() == ""
    assert window.tree.current_key() == target
    assert len(_shown_keys(window)) > len(window.proxy.match_keys())


def test_opening_another_store_resets_find(window, qtbot, tmp_path):
    from lcplanner.sample import build_sample_plan
    from lcplanner.store.engine import open_store
    from lcplanner.ui.opening import Opened

    assert _search(window, qtbot, "zzqx nowhere") == "No matches"
    other = open_store(tmp_path / "other.lcplan", create=True)
    with other.transaction() as session:
        session.add(build_sample_plan())
    window.set_document(Opened(other))
    assert window.find_box.text() == "" and window.proxy.needle == ""
    assert window.find_bar.count.text() == ""
    assert window.proxy.rowCount() == 1  # the plan is there, not an empty-looking tree


def test_new_rows_stay_visible_while_filtered(window, qtbot):
    _search(window, qtbot, "work")
    window.select_key(window.proxy.match_keys()[0])
    key = window.tree.current_key()
    window.editor.add_sibling()
    added = window.tree.current_key()
    assert added != key and added[0] == key[0]
    assert window.proxy.mapFromSource(window.doc.model.index_for(added)).isValid()


def test_timeline_click_on_a_hidden_milestone_shows_that_milestone(window, qtbot):
    milestones = [item.key for item in window.doc.model.items_in_order()
                  if item.kind == "milestone"]
    assert len(milestones) >= 2
    first, second = milestones[0], milestones[1]
    window.select_key(first)
    second_text = window.doc.model.data(window.doc.model.index_for(second), Role.TEXT)
    first_text = window.doc.model.data(window.doc.model.index_for(first), Role.TEXT)
    assert second_text.casefold() not in first_text.casefold()
    _search(window, qtbot, first_text)  # the second milestone is filtered out
    assert not window.proxy.mapFromSource(window.doc.model.index_for(second)).isValid()
    window._timeline_clicked(second[1])
    assert window.tree.current_key() == second
    assert window.panes.current_pane().item_id == second[1]
    assert window.proxy.needle == ""
    assert "Find was cleared" in window.statusBar().currentMessage()


# --- deleting ---------------------------------------------------------------------------------


def test_deleting_a_plan_asks_first_naming_what_goes(window, qtbot, sample_store, monkeypatch):
    asked = []
    monkeypatch.setattr(window, "confirm_delete", lambda q: asked.append(q) or False)
    plan = _rows(window)[0]
    _select(window, plan)
    plan_id = plan.data(Role.ID)
    window.actions.delete.trigger()
    assert len(asked) == 1
    counts = window.doc.model.subtree_counts(("plan", plan_id))
    assert asked[0].startswith(f"Delete plan '{plan.data(Role.TEXT)[:20]}")
    assert f"{counts['portfolio']} portfolios" in asked[0]
    assert window.doc.model.contains(("plan", plan_id))  # cancelled: nothing happened
    assert window.doc.undo_stack.count() == 0

    monkeypatch.setattr(window, "confirm_delete", lambda q: True)
    window.actions.delete.trigger()
    assert not window.doc.model.contains(("plan", plan_id))
    label = window.doc.undo_stack.undoText()
    assert label.startswith("Delete plan '") and len(label) <= 60
    window.actions.undo.trigger()
    assert window.doc.model.contains(("plan", plan_id))


def test_small_items_are_deleted_without_a_question(window, qtbot, monkeypatch):
    monkeypatch.setattr(window, "confirm_delete", lambda q: (_ for _ in ()).throw(
        AssertionError("asked about an output")))
    output = _find_row(window, "output")
    _select(window, output)
    key = window.tree.current_key()
    window.actions.delete.trigger()
    assert not window.doc.model.contains(key)


def test_confirm_delete_defaults_to_cancel(window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    seen = {}

    def answer(box):
        seen["default"] = box.defaultButton().text()
        seen["text"] = box.text()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    assert window.confirm_delete("Delete plan 'X' with 2 portfolios?") is False
    assert seen["default"] == "Cancel"
    assert seen["text"] == "Delete plan 'X' with 2 portfolios?"


# --- keyboard ---------------------------------------------------------------------------------


def test_f2_renames_in_place_as_one_undo_step(window, qtbot, sample_store):
    portfolio = _find_row(window, "portfolio")
    _select(window, portfolio)
    portfolio_id = portfolio.data(Role.ID)
    old = portfolio.data(Role.TEXT)
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_F2)
    editor = window.tree.findChild(QLineEdit)
    assert editor is not None and editor.text() == old
    editor.selectAll()
    qtbot.keyClicks(editor, "Culture and Tourism")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _stored(sample_store, m.Portfolio, portfolio_id, "name")
                    == "Culture and Tourism", timeout=2000)
    assert window.doc.undo_stack.undoText() == "Rename portfolio"
    window.actions.undo.trigger()
    assert _stored(sample_store, m.Portfolio, portfolio_id, "name") == old


def test_shift_f10_opens_the_row_context_menu(window, qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(window, "run_menu", lambda menu, _where: shown.append(
        [act.text() for act in menu.actions() if act.text()]))
    _select(window, _find_row(window, "priority"))
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(window.tree, Qt.Key.Key_Menu)
    assert len(shown) == 2
    assert any(t.startswith("&Delete") for t in shown[0])


def test_ctrl_down_in_a_text_field_moves_the_item(window, qtbot):
    output = _find_row(window, "output")
    pane = _select(window, output)
    key = window.tree.current_key()
    before = window.doc.model.position(key)
    field = pane.widgets["text"]
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert window.doc.model.position(key) == before + 1
    assert window.tree.current_key() == key


def test_f6_and_escape_return_to_the_tree(window, qtbot):
    window.show()
    window.activateWindow()
    pane = _select(window, _find_row(window, "output"))
    field = pane.widgets["text"]
    field.setFocus()
    qtbot.waitUntil(field.hasFocus, timeout=1000)
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is window.tree
    field.setFocus()
    qtbot.waitUntil(field.hasFocus, timeout=1000)
    window.actions.go_to_tree.trigger()
    assert QApplication.focusWidget() is window.tree
    assert window.actions.go_to_tree.shortcut().toString() == "F6"


def _mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).casefold() if found else None


def test_every_menu_has_unique_access_keys(window):
    _select(window, _find_row(window, "priority"))
    checked = 0

    def check(menu: QMenu, where: str):
        nonlocal checked
        menu.aboutToShow.emit()  # menus filled on demand (New, Open Recent)
        keys: dict[str, str] = {}
        for action in menu.actions():
            if action.isSeparator() or not action.text():
                continue
            key = _mnemonic(action.text())
            assert key is not None, f"{where} → {action.text()!r} has no access key"
            assert key not in keys, f"{where}: {action.text()!r} and {keys[key]!r} share &{key}"
            keys[key] = action.text()
            checked += 1
            if action.menu() is not None:
                check(action.menu(), f"{where} → {action.text()}")

    bar_keys: dict[str, str] = {}
    for action in window.menuBar().actions():
        key = _mnemonic(action.text())
        assert key is not None and key not in bar_keys, action.text()
        bar_keys[key] = action.text()
        check(action.menu(), action.text())
    assert checked >= 25


# --- screens, palettes, zoom, shortcuts ---------------------------------------------------------


def test_window_fits_small_screens_at_any_scale(window):
    from PySide6.QtCore import QRect

    from lcplanner.ui.view_options import fit_to_screen

    for available in (QRect(0, 0, 1366, 768 - 40), QRect(0, 0, 911, 512 - 27),
                      QRect(1600, 0, 1067, 667)):  # 100%, 150%, a second screen at 150%
        window.resize(1200, 780)
        window.move(40, 40)
        fit_to_screen(window, available)
        frame = window.frameGeometry()
        assert available.contains(frame), (available, frame)


def test_text_zoom_steps_and_is_remembered(window, settings):
    from lcplanner.ui.view_options import TextZoom

    base = window.tree.font().pointSizeF()
    window.actions.zoom_in.trigger()
    window.actions.zoom_in.trigger()
    assert window.tree.font().pointSizeF() == base + 2
    assert settings.get("view/text_zoom") == 2
    window.actions.zoom_out.trigger()
    assert window.tree.font().pointSizeF() == base + 1
    again = TextZoom(type(window.tree)(), settings)  # a new window starts zoomed as it was
    assert again.step == 1
    window.actions.zoom_reset.trigger()
    assert window.tree.font().pointSizeF() == base
    assert [k.toString() for k in window.actions.zoom_in.shortcuts()][0] == "Ctrl++"


def test_keyboard_shortcuts_are_listed_from_the_actions(window):
    dialog = window.show_shortcuts()
    rows = {dialog.table.item(r, 0).text(): dialog.table.item(r, 1).text()
            for r in range(dialog.table.rowCount())}
    assert rows["Find Next"] == "F3"
    assert rows["Find Previous"] == "Shift+F3"
    assert rows["Rename"] == "F2"
    assert rows["Go to Tree"] == "F6"
    assert rows["Undo"] == "Ctrl+Z"
    with_keys = {a.text() for a in window.actions.__dict__.values()
                 if hasattr(a, "shortcuts") and a.shortcuts()}
    assert dialog.table.rowCount() == len(with_keys)
    dialog.close()


def test_status_marks_differ_by_shape_and_say_their_name(window):
    from lcplanner.ui.tree_model import SHAPES, status_icon, status_shape

    statuses = sorted(window.doc.model.statuses().values(), key=lambda s: s.position)
    shapes = [status_shape(s.position) for s in statuses[:len(SHAPES)]]
    assert len(set(shapes)) == len(shapes)  # no two statuses of a plan share a shape
    images = [status_icon("#808080", p).pixmap(12, 12).toImage() for p in range(len(SHAPES))]
    assert len({img.constBits().tobytes() for img in images}) == len(SHAPES)  # grey: shape only
    output = _find_row(window, "output")
    index = QModelIndex(output)
    status = index.data(Role.STATUS_NAME)
    assert status
    assert status in index.data(Qt.ItemDataRole.ToolTipRole)
    assert status in index.data(Qt.ItemDataRole.AccessibleTextRole)


def test_text_colours_have_contrast_in_light_and_dark_palettes(window):
    from PySide6.QtGui import QColor, QPalette

    from lcplanner.ui.colours import (HIGHLIGHT, HIGHLIGHT_TEXT, contrast_ratio,
                                      warning_colour)

    light, dark = QPalette(QColor("#f0f0f0")), QPalette(QColor("#2b2b2b"))
    light.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    assert contrast_ratio(HIGHLIGHT, HIGHLIGHT_TEXT) >= 4.5
    for palette in (light, dark):
        base = palette.color(QPalette.ColorRole.Base)
        assert contrast_ratio(warning_colour(palette), base) >= 4.5, palette
        assert contrast_ratio(palette.color(QPalette.ColorRole.Text), base) >= 4.5


def test_a_pane_with_one_line_keeps_it_at_the_top(window, qtbot):
    """A sub-priority has only a title: the form stays at the top, not floating mid-pane."""
    window.resize(1200, 900)
    pane = _select(window, _find_row(window, "sub_priority"))
    qtbot.waitUntil(lambda: pane.ui.line.isVisible(), timeout=1000)
    assert not pane.ui.body.isVisible()
    top = pane.ui.line.mapTo(pane, pane.ui.line.rect().topLeft()).y()
    assert pane.height() > 400 and top < 120, (top, pane.height())


def test_find_opens_exactly_the_rows_that_hold_matches(window, qtbot):
    """The tree shows every match with its ancestors open, and nothing else."""
    model = window.doc.model
    _search(window, qtbot, "work")
    matches = window.proxy.match_keys()
    expected = set()
    for key in matches:
        while key is not None:
            expected.add(key)
            key = model.parent_key(key)
    assert set(_shown_keys(window)) == expected
    seen, index = [], window.tree.model().index(0, 0)
    while index.isValid():  # walking the tree as drawn: every shown row is reachable
        seen.append(index.data(Role.KEY))
        index = window.tree.indexBelow(index)
    assert len(seen) == len(expected) and set(seen) == expected
    window.find_bar.clear()
    assert len(_shown_keys(window)) == len(model)


def test_tree_rows_are_labelled_with_their_tag_and_number(window, qtbot):
    """The delegate reads the muted label before each row straight from the model's row."""
    model, delegate = window.doc.model, window.tree.itemDelegate()
    labels = {}
    for item in model.items_in_order():
        index = window.proxy.mapFromSource(model.index_for(item.key))
        labels.setdefault(item.kind, delegate._label(index))
        expected = " ".join(p for p in (index.data(Role.TAG), index.data(Role.NUMBER)) if p)
        assert delegate._label(index) == expected
    assert labels["portfolio"] == "1" and labels["priority"] == "1.1"
    assert labels["output"] == "a"
