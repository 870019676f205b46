"""Two editors on one store: when the other one changes a field this one is typing in, the
typed text is kept and shown beside theirs ("Changed by asha at 10:42"), and Keep theirs /
Use yours store exactly the chosen text. The other editor is a second store on the same file
(the service layer is tested against PostgreSQL in tests/services and tests/server)."""
from __future__ import annotations

import getpass

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from lcplanner import services
from lcplanner.domain import model as m
from lcplanner.services.concurrency import local_time, stamp_of
from lcplanner.store.engine import open_store
from lcplanner.ui import opening

#: Who this process signs its changes as (the other editor is 'asha').
ME = getpass.getuser()


@pytest.fixture
def output(sample_store):
    with sample_store.session() as session:
        return session.scalars(select(m.Output.id).order_by(m.Output.id)).first()


@pytest.fixture
def other(store_path, monkeypatch):
    """The other editor, whose changes are signed 'asha'."""
    opened = open_store(store_path)
    monkeypatch.setattr(getpass, "getuser", lambda: "asha")
    yield opened
    opened.close()


def _show(window, kind, item_id):
    window.select_key((kind, item_id))
    pane = window.panes.current_pane()
    assert (pane.kind, pane.item_id) == (kind, item_id)
    return pane


def _type(qtbot, widget, text):
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    widget.selectAll()
    qtbot.keyClicks(widget, text)


def _stored(store, output_id):
    return services.details(store, "output", output_id).values["text"]


def _clock(store, output_id):
    return local_time(stamp_of(store, "output", output_id).changed_at).strftime("%H:%M")


def _conflict_shown(qtbot, window, sample_store, other, output):
    pane = _show(window, "output", output)
    services.set_field(other, "output", output, "text", "Their wording of the output")
    _type(qtbot, pane.ui.field_text, "My wording")
    pane.flush()
    bar = pane.conflict_bar
    assert bar.isVisible()
    assert bar.message.text() == (
        f"Changed by asha at {_clock(sample_store, output)} while you were editing the "
        f"{pane.ui.label_field_text.text().replace('&', '').rstrip(': ').lower()}. "
        "Your text was not saved: choose which to keep.")
    assert bar.theirs_text.toPlainText() == "Their wording of the output"
    assert bar.yours_text.toPlainText() == "My wording"
    assert pane.ui.field_text.toPlainText() == "My wording"  # the user's text stays
    assert _stored(sample_store, output) == "Their wording of the output"
    assert window.statusBar().currentMessage().startswith("Output's text was changed by asha")
    return pane


def test_the_item_pane_says_who_changed_it_last_and_when(window, qtbot, sample_store, other,
                                                         output):
    pane = _show(window, "output", output)
    assert pane.last_change.text() == f"Last changed by {ME} at {_clock(sample_store, output)}"
    services.set_field(other, "output", output, "owner", "Housing officer")
    window.doc.refresh("output", output)  # as a live update would
    assert pane.last_change.text() == f"Last changed by asha at {_clock(sample_store, output)}"


def test_keep_theirs_drops_my_text_for_the_stored_one(window, qtbot, sample_store, other, output):
    pane = _conflict_shown(qtbot, window, sample_store, other, output)
    pane.conflict_bar.keep_theirs.click()
    assert not pane.conflict_bar.isVisible()
    assert pane.ui.field_text.toPlainText() == "Their wording of the output"
    assert _stored(sample_store, output) == "Their wording of the output"
    assert pane.last_change.text() == f"Last changed by asha at {_clock(sample_store, output)}"
    # later typing is saved on their version, without a conflict
    _type(qtbot, pane.ui.field_text, "Agreed wording")
    pane.flush()
    assert not pane.conflict_bar.isVisible()
    assert _stored(sample_store, output) == "Agreed wording"


def test_use_yours_saves_my_text_over_theirs_and_undo_gives_theirs_back(window, qtbot,
                                                                        sample_store, other,
                                                                        output):
    pane = _conflict_shown(qtbot, window, sample_store, other, output)
    pane.conflict_bar.use_yours.click()
    assert not pane.conflict_bar.isVisible()
    assert _stored(sample_store, output) == "My wording"
    assert pane.ui.field_text.toPlainText() == "My wording"
    window.actions.undo.trigger()
    assert _stored(sample_store, output) == "Their wording of the output"
    window.actions.redo.trigger()
    assert _stored(sample_store, output) == "My wording"


def test_typing_on_after_a_conflict_keeps_the_newest_text_as_mine(window, qtbot, sample_store,
                                                                  other, output):
    pane = _conflict_shown(qtbot, window, sample_store, other, output)
    qtbot.keyClicks(pane.ui.field_text, ", finished")
    pane.flush()
    assert pane.conflict_bar.yours_text.toPlainText() == "My wording, finished"
    assert _stored(sample_store, output) == "Their wording of the output"
    pane.conflict_bar.use_yours.click()
    assert _stored(sample_store, output) == "My wording, finished"


def test_undo_does_not_overwrite_a_later_change_by_someone_else(window, qtbot, sample_store,
                                                                other, output, monkeypatch):
    pane = _show(window, "output", output)
    _type(qtbot, pane.ui.field_text, "Mine first")
    pane.flush()
    assert _stored(sample_store, output) == "Mine first"
    services.set_field(other, "output", output, "text", "Theirs after")
    shown = []
    monkeypatch.setattr(opening, "show_error", lambda _parent, title, message: shown.append(
        (title, message)))
    window.actions.undo.trigger()
    assert _stored(sample_store, output) == "Theirs after"
    assert shown == [("The change could not be saved",
                      f"Output's text was changed by asha at {_clock(sample_store, output)} "
                      "after you read it; your change was not saved.")]


def test_last_change_wording_for_unsigned_and_older_changes():
    from datetime import datetime, timedelta

    from lcplanner.ui.panes.conflict import last_change_text

    now = datetime.utcnow().replace(microsecond=0)
    clock = local_time(now).strftime("%H:%M")
    assert last_change_text("asha", now) == f"Last changed by asha at {clock}"
    assert last_change_text("", now) == f"Last changed at {clock}"  # rows from before versions
    assert last_change_text("", None) == ""
    old = now - timedelta(days=400)
    when = local_time(old)
    assert last_change_text("asha", old) == (
        f"Last changed by asha on {when.day} {when.strftime('%B')} {when.year} at "
        f"{when.strftime('%H:%M')}")


def test_a_conflict_left_open_follows_the_user_to_another_item_and_back(window, qtbot,
                                                                        sample_store, other,
                                                                        output):
    pane = _conflict_shown(qtbot, window, sample_store, other, output)
    with sample_store.session() as session:
        second = session.scalars(select(m.Output.id).where(m.Output.id != output)
                                 .order_by(m.Output.id)).first()
    heading = pane.ui.heading.text()
    _show(window, "output", second)
    assert pane.conflict_bar.isVisible() and pane.ui.heading.text() != heading
    assert pane.conflict_bar.message.text().endswith(
        f"while you were editing the text ({heading}). Your text was not saved: choose which "
        "to keep.")
    assert pane.ui.field_text.toPlainText() == _stored(sample_store, second)
    _show(window, "output", output)
    assert pane.ui.field_text.toPlainText() == "My wording"  # the user's text, not theirs
    pane.conflict_bar.use_yours.click()
    assert _stored(sample_store, output) == "My wording"
    assert _stored(sample_store, second) != "My wording"


def test_typing_in_an_item_someone_deleted_keeps_the_text_and_cannot_overwrite(
        window, qtbot, sample_store, other, output):
    pane = _show(window, "output", output)
    services.delete(other, "output", output)
    _type(qtbot, pane.ui.field_text, "Words for a deleted output")
    pane.flush()
    bar = pane.conflict_bar
    assert bar.message.text() == ("Deleted by someone else while you were editing it. Your text "
                                  "is below; it was not saved.")
    assert bar.yours_text.toPlainText() == "Words for a deleted output"
    assert not bar.use_yours.isEnabled()
    assert services.details(sample_store, "output", output) is None
    bar.keep_theirs.click()
    assert not bar.isVisible()


# --- a rename in place in the tree (F2) ------------------------------------------------------


@pytest.fixture
def portfolio(sample_store):
    with sample_store.session() as session:
        return session.scalars(select(m.Portfolio.id).order_by(m.Portfolio.id)).first()


def _portfolio_name(store, portfolio_id):
    return services.details(store, "portfolio", portfolio_id).values["name"]


def _rename_in_tree(window, qtbot, key, text):
    from PySide6.QtWidgets import QApplication, QLineEdit

    window.select_key(key)
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def _tree_text(window, key):
    from lcplanner.ui.tree_model import Role

    return window.doc.model.data(window.doc.model.index_for(key), Role.TEXT)


def _renamed_over_theirs(window, qtbot, sample_store, other, portfolio):
    key = ("portfolio", portfolio)
    shown = _tree_text(window, key)
    services.set_field(other, "portfolio", portfolio, "name", "Their portfolio name")
    assert _tree_text(window, key) == shown  # this window has not seen their change yet
    _rename_in_tree(window, qtbot, key, "My portfolio name")
    pane = window.panes.current_pane()
    qtbot.waitUntil(lambda: pane.conflict_bar.isVisible(), timeout=2000)
    assert _portfolio_name(sample_store, portfolio) == "Their portfolio name"
    assert (pane.kind, pane.item_id) == key
    clock = _clock_of(sample_store, "portfolio", portfolio)
    assert pane.conflict_bar.message.text() == (
        f"Changed by asha at {clock} while you were editing the name. Your text was not saved: "
        "choose which to keep.")
    assert pane.conflict_bar.theirs_text.toPlainText() == "Their portfolio name"
    assert pane.conflict_bar.yours_text.toPlainText() == "My portfolio name"
    assert pane.ui.field_name.text() == "My portfolio name"  # the user's text is kept
    assert _tree_text(window, key) == "Their portfolio name"
    assert window.statusBar().currentMessage() == (
        f"Portfolio's name was changed by asha at {clock} after you read it; your change was "
        "not saved.")
    assert window.doc.undo_stack.undoText() != "Rename portfolio"  # nothing to undo
    return pane


def _clock_of(store, kind, item_id):
    return local_time(stamp_of(store, kind, item_id).changed_at).strftime("%H:%M")


def test_a_rename_in_the_tree_does_not_write_over_their_title_keep_theirs(
        window, qtbot, sample_store, other, portfolio):
    pane = _renamed_over_theirs(window, qtbot, sample_store, other, portfolio)
    pane.conflict_bar.keep_theirs.click()
    assert not pane.conflict_bar.isVisible()
    assert pane.ui.field_name.text() == "Their portfolio name"
    assert _portfolio_name(sample_store, portfolio) == "Their portfolio name"
    # a rename made now, on their version, goes through
    _rename_in_tree(window, qtbot, ("portfolio", portfolio), "Agreed portfolio name")
    qtbot.waitUntil(lambda: _portfolio_name(sample_store, portfolio) == "Agreed portfolio name",
                    timeout=2000)
    assert not pane.conflict_bar.isVisible()


def test_a_rename_in_the_tree_refused_can_still_be_used_knowingly(window, qtbot, sample_store,
                                                                  other, portfolio):
    pane = _renamed_over_theirs(window, qtbot, sample_store, other, portfolio)
    pane.conflict_bar.use_yours.click()
    assert not pane.conflict_bar.isVisible()
    assert _portfolio_name(sample_store, portfolio) == "My portfolio name"
    assert _tree_text(window, ("portfolio", portfolio)) == "My portfolio name"
    window.actions.undo.trigger()
    assert _portfolio_name(sample_store, portfolio) == "Their portfolio name"


def test_a_rename_in_the_tree_after_they_changed_another_field_is_saved(
        window, qtbot, sample_store, other, portfolio):
    key = ("portfolio", portfolio)
    before = stamp_of(sample_store, "portfolio", portfolio).version
    services.set_field(other, "portfolio", portfolio, "holder", "Councillor Rowe")
    assert stamp_of(sample_store, "portfolio", portfolio).version > before
    _rename_in_tree(window, qtbot, key, "Renamed after their holder change")
    qtbot.waitUntil(lambda: _portfolio_name(sample_store, portfolio)
                    == "Renamed after their holder change", timeout=2000)
    assert services.details(sample_store, "portfolio", portfolio).values["holder"] == \
        "Councillor Rowe"
    assert not window.panes.current_pane().conflict_bar.isVisible()
    assert window.doc.undo_stack.undoText() == "Rename portfolio"
