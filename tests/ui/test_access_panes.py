"""The editor on a server store shows what the user's role may not change as read-only, with
the reason, and offers no tree action the server would refuse (a real cluster, real roles)."""
from __future__ import annotations

import psycopg
import pytest

from tests.server.access_support import a_priority_of, make_access_store, portfolio_ids


@pytest.fixture
def access_store(capsys, pg_url):
    return make_access_store(capsys, pg_url)


@pytest.fixture
def open_as(qtbot, settings, access_store):
    """A shown editor window on the store, connected as one of its people."""
    from lcplanner.store.engine import open_store
    from lcplanner.ui.main_window import MainWindow
    from lcplanner.ui.opening import Opened

    windows = []

    def opener(role):
        win = MainWindow(settings)
        qtbot.addWidget(win)
        win.set_document(Opened(open_store(access_store.url_as(access_store.names[role]))))
        win.show()
        qtbot.waitExposed(win)
        windows.append(win)
        return win

    yield opener
    for win in windows:
        win.close()


def _show(win, key):
    win.select_key(key)
    assert win.tree.current_key() == key
    return win.panes.current_pane()


def _theme_id(store):
    with store.connect("postgres") as conn:
        return conn.execute("SELECT id FROM themes ORDER BY position LIMIT 1").fetchone()[0]


def test_an_editor_edits_their_portfolio_and_sees_why_others_are_read_only(
        qtbot, access_store, open_as):
    win = open_as("editor")
    mine, other = portfolio_ids(access_store)[:2]
    my_priority, other_priority = (a_priority_of(access_store, mine),
                                   a_priority_of(access_store, other))

    pane = _show(win, ("priority", my_priority))
    assert pane.access_note.isHidden()
    title = pane.widgets["title"]
    assert title.isEnabled()
    a = win.actions
    assert [x.isEnabled() for x in (a.delete, a.rename, a.add_child, a.add_sibling, a.cut)] \
        == [True] * 5
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "Typed by the editor")
    pane.flush()
    with access_store.connect("postgres") as conn:
        assert conn.execute("SELECT title FROM priorities WHERE id = %s",
                            (my_priority,)).fetchone()[0] == "Typed by the editor"

    pane = _show(win, ("priority", other_priority))
    reason = ("You are an editor of 'Finance and Local Services' only; this portfolio is "
              "read-only.")
    assert pane.access_note.isVisible() and pane.access_note.text() == reason
    assert [w.isEnabled() for w in pane.widgets.values()] == [False] * len(pane.widgets)
    assert win.statusBar().currentMessage() == reason
    assert [x.isEnabled() for x in (a.delete, a.rename, a.add_child, a.add_sibling, a.cut,
                                    a.duplicate, a.move_up, a.move_down, a.paste)] \
        == [False] * 9
    assert a.copy.isEnabled()  # reading is allowed

    # their own portfolio: its fields, and new priorities inside it, but not deleting it
    pane = _show(win, ("portfolio", mine))
    assert pane.widgets["holder"].isEnabled() and pane.access_note.isHidden()
    assert (a.rename.isEnabled(), a.add_child.isEnabled(), a.delete.isEnabled(),
            a.move_down.isEnabled()) == (True, True, False, False)

    pane = _show(win, ("theme", _theme_id(access_store)))
    assert pane.access_note.text() == ("You are an editor of 'Finance and Local Services' only;"
                                       " this theme is read-only (the store's owners change "
                                       "it).")
    assert not pane.widgets["name"].isEnabled()
    assert not a.add_plan.isEnabled() and not a.import_paper.isEnabled()
    assert not a.replace.isEnabled()


def test_a_reader_sees_everything_read_only_with_the_reason(access_store, open_as):
    win = open_as("reader")
    other = portfolio_ids(access_store)[1]
    pane = _show(win, ("priority", a_priority_of(access_store, other)))
    assert pane.access_note.text() == ("You are a reader of this store: nothing in it can be "
                                       "changed.")
    assert not any(w.isEnabled() for w in pane.widgets.values())
    a = win.actions
    assert not any(x.isEnabled() for x in (a.add_plan, a.add_sibling, a.add_child, a.delete,
                                           a.rename, a.paste, a.replace, a.import_paper))


def test_a_clerk_edits_the_committee_paper_only(qtbot, access_store, open_as):
    win = open_as("clerk")
    with access_store.connect("postgres") as conn:
        paper = conn.execute("SELECT id FROM committee_papers").fetchone()[0]
    pane = _show(win, ("paper", paper))
    assert pane.access_note.isHidden() and pane.widgets["item_number"].isEnabled()
    item_number = pane.widgets["item_number"]
    item_number.setFocus()
    item_number.selectAll()
    qtbot.keyClicks(item_number, "12")
    pane.flush()
    with access_store.connect("postgres") as conn:
        assert conn.execute("SELECT item_number FROM committee_papers").fetchone()[0] == "12"
    pane = _show(win, ("priority", a_priority_of(access_store, portfolio_ids(access_store)[0])))
    assert pane.access_note.text() == ("You are a clerk of this store: you change committee "
                                       "papers only, so this priority is read-only.")
    assert not pane.widgets["title"].isEnabled()


def test_what_the_pane_allows_the_server_allows(access_store, open_as):
    """The pane's answer is the server's: the same editor's raw SQL on the read-only
    priority changes nothing."""
    win = open_as("editor")
    other_priority = a_priority_of(access_store, portfolio_ids(access_store)[1])
    assert not win.doc.access("priority", other_priority).edit
    with access_store.connect(access_store.names["editor"]) as conn:
        assert conn.execute("UPDATE priorities SET title = 'x' WHERE id = %s",
                            (other_priority,)).rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE themes SET name = 'x'")


def _count(store, sql, args=()):
    with store.connect("postgres") as conn:
        return conn.execute(sql, args).fetchone()[0]


def test_an_editor_adds_deletes_and_undoes_in_their_portfolio(access_store, open_as,
                                                              monkeypatch):
    """Row-level security lets the editor's ordinary work through: a new output, a delete kept
    for Restore, and its undo (the rows put back)."""
    win = open_as("editor")
    monkeypatch.setattr(win, "confirm_delete", lambda _question: True)
    mine = portfolio_ids(access_store)[0]
    priority = a_priority_of(access_store, mine)
    outputs = _count(access_store, "SELECT count(*) FROM outputs WHERE priority_id = %s",
                     (priority,))
    _show(win, ("priority", priority))
    win.editor.add_child("output")
    assert _count(access_store, "SELECT count(*) FROM outputs WHERE priority_id = %s",
                  (priority,)) == outputs + 1
    _show(win, ("priority", priority))
    win.actions.delete.trigger()
    assert _count(access_store, "SELECT count(*) FROM priorities WHERE id = %s",
                  (priority,)) == 0
    assert _count(access_store, "SELECT count(*) FROM deleted_items WHERE item_id = %s",
                  (priority,)) == 1
    win.undo()
    assert _count(access_store, "SELECT count(*) FROM priorities WHERE id = %s",
                  (priority,)) == 1
    assert _count(access_store, "SELECT count(*) FROM outputs WHERE priority_id = %s",
                  (priority,)) == outputs + 1


def test_a_selection_reaching_into_another_portfolio_is_not_deleted(access_store, open_as,
                                                                    monkeypatch):
    from PySide6.QtCore import QItemSelectionModel

    win = open_as("editor")
    monkeypatch.setattr(win, "confirm_delete", lambda _question: True)
    mine, other = portfolio_ids(access_store)[:2]
    keys = [("priority", a_priority_of(access_store, mine)),
            ("priority", a_priority_of(access_store, other))]
    _show(win, keys[0])
    model = win.tree.selectionModel()
    model.select(win.proxy.mapFromSource(win.doc.model.index_for(keys[1])),
                 QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    assert sorted(win.selection.keys()) == sorted(keys)
    assert win.selection.delete() is False
    assert win.statusBar().currentMessage() == ("You are an editor of 'Finance and Local "
                                                "Services' only; this portfolio is read-only.")
    assert _count(access_store, "SELECT count(*) FROM priorities WHERE id IN (%s, %s)",
                  (keys[0][1], keys[1][1])) == 2
    assert win.doc.undo_stack.count() == 0


def test_a_role_changed_while_the_editor_is_open_shows_on_reload(capsys, access_store,
                                                                   open_as):
    from tests.support import run_cli

    win = open_as("editor")
    other = portfolio_ids(access_store)[1]
    pane = _show(win, ("priority", a_priority_of(access_store, other)))
    assert not pane.widgets["title"].isEnabled()
    code, _out, err = run_cli(capsys, "users", access_store.url, "add",
                              access_store.names["editor"], "--role", "editor",
                              "--portfolio", "2")
    assert code == 0, err
    win.reload_store()  # File → Reload
    assert pane.widgets["title"].isEnabled() and pane.access_note.isHidden()
    assert win.actions.delete.isEnabled()
    assert win.doc.rights.portfolios == {portfolio_ids(access_store)[0]:
                                         "Finance and Local Services",
                                         other: "Housing and Planning"}
