"""Spell checking in every prose field: underline, suggestions, Add to Dictionary (kept in the
store), Ignore, and a clear word when the dictionary is missing."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCharFormat

from lcplanner.domain import model as m
from lcplanner.ui.spelling import Speller
from tests.ui.test_main_window import _find_row, _select, _stored

enchant = pytest.importorskip("enchant", reason="pyenchant is not installed")
try:
    enchant.Dict("en_GB")
except Exception:  # noqa: BLE001 - DictNotFoundError
    pytest.skip("the en-GB Hunspell dictionary (hunspell-en-gb) is not installed",
                allow_module_level=True)


def _underlined(edit) -> list[str]:
    """The words drawn with a spell-check underline in a multi-line field."""
    words = []
    block = edit.document().begin()
    while block.isValid():
        for fmt_range in block.layout().formats():
            if fmt_range.format.underlineStyle() == \
                    QTextCharFormat.UnderlineStyle.SpellCheckUnderline:
                words.append(block.text()[fmt_range.start:fmt_range.start + fmt_range.length])
        block = block.next()
    return words


def _point_at(edit, offset: int) -> QPoint:
    cursor = edit.textCursor()
    cursor.setPosition(offset)
    return edit.cursorRect(cursor).center()


def test_british_spelling_is_accepted_and_mistakes_are_found():
    speller = Speller()
    assert speller.available
    for word in ("organisation", "programme", "colour", "centre", "council's", "CELC"):
        assert speller.check(word), word
    text = "The boroughs will recieve a programe of support."
    assert [text[s:s + n] for s, n in speller.misspelt(text)] == ["recieve", "programe"]
    assert "programme" in speller.suggest("programe")


def test_misspelt_words_are_underlined_in_a_pane(window, qtbot):
    pane = _select(window, _find_row(window, "output"))
    field = pane.widgets["text"]
    field.setPlainText("Publish a tranparent account of spending")
    assert _underlined(field) == ["tranparent"]


def test_a_suggestion_replaces_the_word_as_an_undoable_edit(window, qtbot, sample_store):
    output = _find_row(window, "output")
    pane = _select(window, output)
    output_id = window.tree.current_key()[1]
    field = pane.widgets["text"]
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "Agree the budgt with members")
    pane.flush()
    from lcplanner.ui.spelling import SpellCheck

    spelling = pane.findChild(SpellCheck)
    menu = spelling.menu_for(field, _point_at(field, 12))
    suggestions = [a for a in menu.actions() if a.objectName() == "spellingSuggestion"]
    assert "budget" in [a.text() for a in suggestions]
    next(a for a in suggestions if a.text() == "budget").trigger()
    assert field.toPlainText() == "Agree the budget with members"
    pane.flush()
    assert _stored(sample_store, m.Output, output_id, "text") == "Agree the budget with members"
    window.actions.undo.trigger()
    assert _stored(sample_store, m.Output, output_id, "text") == "Agree the budgt with members"


def test_add_to_dictionary_is_kept_in_the_store(window, qtbot, sample_store):
    from lcplanner.services.words import load_words
    from lcplanner.ui.spelling import SpellCheck

    pane = _select(window, _find_row(window, "output"))
    field = pane.widgets["text"]
    field.setPlainText("Work with Eastmarsh partners")
    assert _underlined(field) == ["Eastmarsh"]
    menu = pane.findChild(SpellCheck).menu_for(field, _point_at(field, 12))
    add = next(a for a in menu.actions() if a.text().startswith("Add “Eastmarsh”"))
    add.trigger()
    assert _underlined(field) == []
    assert load_words(sample_store) == {"Eastmarsh"}
    assert Speller(load_words(sample_store)).check("Eastmarsh")  # a new sitting knows it


def test_ignore_lasts_for_the_sitting_only(window, sample_store):
    from lcplanner.services.words import load_words
    from lcplanner.ui.spelling import SpellCheck

    pane = _select(window, _find_row(window, "output"))
    field = pane.widgets["text"]
    field.setPlainText("Meet the Quorvale team")
    menu = pane.findChild(SpellCheck).menu_for(field, _point_at(field, 10))
    next(a for a in menu.actions() if a.text().startswith("Ignore")).trigger()
    assert _underlined(field) == []
    assert load_words(sample_store) == set()


def test_one_line_fields_are_checked_too(window, qtbot):
    from lcplanner.ui.spelling import SpellCheck

    pane = _select(window, _find_row(window, "portfolio"))
    field = pane.widgets["name"]
    field.setText("Enviroment and Transport")
    field.setCursorPosition(3)
    menu = pane.findChild(SpellCheck).menu_for(field, field.cursorRect().center())
    assert "Environment" in [a.text() for a in menu.actions()
                             if a.objectName() == "spellingSuggestion"]


def test_codes_and_dates_are_not_checked(window):
    pane = _select(window, _find_row(window, "milestone"))
    dates = pane.widgets["dates"]
    dates.setPlainText("Autmn 2026")
    assert _underlined(dates) == []


def test_missing_dictionary_is_said_once(qtbot, sample_store, settings, monkeypatch):
    from lcplanner.ui import spelling
    from lcplanner.ui.main_window import MainWindow
    from lcplanner.ui.opening import Opened

    monkeypatch.setattr(spelling, "LANGUAGE", "xx_NOWHERE")
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.set_document(Opened(sample_store))
    assert "dictionary" in win.statusBar().currentMessage()
    assert "hunspell-en-gb" in win.statusBar().currentMessage()
    win.statusBar().clearMessage()
    win.set_document(Opened(sample_store))
    assert "dictionary" not in win.statusBar().currentMessage()  # once, not on every store
    pane = win.panes.pane_for("output")
    assert pane.widgets["text"].contextMenuPolicy() != 3  # fields keep their own menu


def test_simple_panes_are_checked_too(window):
    """Themes, objectives, work areas … share one form whose fields are bound per kind."""
    pane = _select(window, _find_row(window, "theme"))
    body = pane.ui.body
    body.setPlainText("Homes people can aford")
    assert _underlined(body) == ["aford"]
