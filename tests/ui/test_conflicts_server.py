"""Two editor windows on one PostgreSQL server (a throwaway cluster, real roles): while one
user types in a field, the other changes the same field; the typing user's save shows
"Changed by <their role> at HH:MM" beside their text, and Keep theirs / Use yours leave
exactly the chosen text stored. The other window follows by itself (LISTEN/NOTIFY)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from lcplanner import services
from lcplanner.services.concurrency import local_time, stamp_of
from lcplanner.store.engine import open_store
from tests.pg import SUPERUSER
from tests.server.access_support import make_access_store


@pytest.fixture
def access_store(capsys, pg_url):
    return make_access_store(capsys, pg_url)


@pytest.fixture
def two_windows(qtbot, settings, access_store):
    """The plan's owner's window and the superuser's, each on its own connection."""
    from lcplanner.ui.main_window import MainWindow
    from lcplanner.ui.opening import Opened

    windows = []
    for url in (access_store.url_as(access_store.names["owner"]), access_store.url):
        win = MainWindow(settings)
        qtbot.addWidget(win)
        win.set_document(Opened(open_store(url)))
        win.show()
        qtbot.waitExposed(win)
        windows.append(win)
    yield windows
    for win in windows:
        win.close()


def _output(window):
    return next(i.key for i in window.doc.model.items_in_order() if i.key[0] == "output")


def _show(window, key):
    window.select_key(key)
    pane = window.panes.current_pane()
    assert (pane.kind, pane.item_id) == key
    return pane


def _type(qtbot, widget, text):
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    widget.selectAll()
    qtbot.keyClicks(widget, text)


def _stored(access_store, output_id):
    store = open_store(access_store.url)
    try:
        return services.details(store, "output", output_id).values["text"]
    finally:
        store.close()


def _refused(qtbot, access_store, two_windows):
    theirs_win, my_win = two_windows
    key = _output(my_win)
    mine, theirs = _show(my_win, key), _show(theirs_win, key)
    _type(qtbot, mine.ui.field_text, "My wording, typed on the server")
    mine._timer.stop()  # still typing: nothing saved yet
    mine._deadline.stop()
    assert mine.has_pending()
    _type(qtbot, theirs.ui.field_text, "Their wording, saved first")
    theirs.flush()
    assert _stored(access_store, key[1]) == "Their wording, saved first"
    owner = access_store.names["owner"]
    clock = local_time(stamp_of(theirs_win.doc.store, "output", key[1]).changed_at
                       ).strftime("%H:%M")
    assert stamp_of(theirs_win.doc.store, "output", key[1]).changed_by == owner
    mine.flush()  # a pause in the typing: the save is refused
    bar = mine.conflict_bar
    assert bar.isVisible()
    assert bar.message.text() == (
        f"Changed by {owner} at {clock} while you were editing the text. Your text was not "
        "saved: choose which to keep.")
    assert bar.theirs_text.toPlainText() == "Their wording, saved first"
    assert bar.yours_text.toPlainText() == "My wording, typed on the server"
    assert mine.ui.field_text.toPlainText() == "My wording, typed on the server"
    assert _stored(access_store, key[1]) == "Their wording, saved first"
    return mine, theirs, key


def test_keep_theirs_on_a_server_leaves_their_text(qtbot, access_store, two_windows):
    mine, theirs, key = _refused(qtbot, access_store, two_windows)
    mine.conflict_bar.keep_theirs.click()
    assert not mine.conflict_bar.isVisible()
    assert mine.ui.field_text.toPlainText() == "Their wording, saved first"
    assert _stored(access_store, key[1]) == "Their wording, saved first"
    assert mine.last_change.text().startswith(f"Last changed by {access_store.names['owner']} ")


def test_use_yours_on_a_server_saves_mine_and_their_window_follows(qtbot, access_store,
                                                                   two_windows):
    mine, theirs, key = _refused(qtbot, access_store, two_windows)
    mine.conflict_bar.use_yours.click()
    assert not mine.conflict_bar.isVisible()
    assert _stored(access_store, key[1]) == "My wording, typed on the server"
    theirs.ui.field_text.clearFocus()
    qtbot.waitUntil(lambda: theirs.ui.field_text.toPlainText()
                    == "My wording, typed on the server", timeout=5000)
    assert theirs.last_change.text().startswith(f"Last changed by {SUPERUSER} ")


def test_a_rename_in_the_tree_on_a_server_does_not_write_over_theirs(qtbot, access_store,
                                                                     two_windows):
    from PySide6.QtWidgets import QApplication, QLineEdit

    theirs_win, my_win = two_windows
    key = next(i.key for i in my_win.doc.model.items_in_order() if i.key[0] == "portfolio")
    my_win.select_key(key)
    my_win.tree.setFocus()
    qtbot.keyClick(my_win.tree, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "My name for the portfolio")
    # their window saves a new name meanwhile (through its store: focusing a field of theirs
    # here would end this window's in-place editor)
    services.set_field(theirs_win.doc.store, "portfolio", key[1], "name",
                       "Their name for the portfolio")
    qtbot.wait(1500)  # their notice arrives: the tree waits while the row is being renamed
    assert editor.isVisible() and editor.text() == "My name for the portfolio"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    pane = my_win.panes.current_pane()
    qtbot.waitUntil(lambda: pane.conflict_bar.isVisible(), timeout=3000)
    clock = local_time(stamp_of(my_win.doc.store, "portfolio", key[1]).changed_at
                       ).strftime("%H:%M")
    assert pane.conflict_bar.message.text() == (
        f"Changed by {access_store.names['owner']} at {clock} while you were editing the name. "
        "Your text was not saved: choose which to keep.")
    assert pane.ui.field_name.text() == "My name for the portfolio"
    store = open_store(access_store.url)
    try:
        assert services.details(store, "portfolio", key[1]).values["name"] == \
            "Their name for the portfolio"
        pane.conflict_bar.use_yours.click()
        assert services.details(store, "portfolio", key[1]).values["name"] == \
            "My name for the portfolio"
    finally:
        store.close()
