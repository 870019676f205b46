"""File → Connect to Server…: a store on a PostgreSQL server, opened in the editor, kept with
the recent files; a URL holding a password is refused in the dialog."""
from __future__ import annotations

from PySide6.QtCore import Qt

from lcplanner.store.engine import open_store
from lcplanner.ui import opening
from lcplanner.ui.connect_dialog import NO_PASSWORD, build_url
from lcplanner.ui.tree_model import Role


def _seeded(pg_url):
    from lcplanner.sample import build_sample_plan

    store = open_store(pg_url)
    with store.transaction() as session:
        plan = build_sample_plan()
        plan.title = "Business Plan on the server"
        session.add(plan)
    store.close()
    return pg_url


def _plan_titles(window):
    return [window.doc.model.index_for(i.key).data(Role.TEXT)
            for i in window.doc.model.items_in_order() if i.key[0] == "plan"]


def test_the_fields_make_one_url():
    assert build_url("/run/postgresql", 0, "plans", "asha") == \
        "postgresql://asha@/plans?host=/run/postgresql"
    assert build_url("db.example.org", 5433, "business plans", "") == \
        "postgresql://db.example.org:5433/business%20plans"
    assert build_url(" /tmp/pg ", 6000, "plans", "") == \
        "postgresql:///plans?host=/tmp/pg&port=6000"


def test_connect_to_a_server_from_the_file_menu(window, qtbot, pg_cluster, pg_url):
    _seeded(pg_url)
    database = pg_url.split("/")[3].split("?")[0]
    window.actions.connect_server.trigger()
    dialog = window._connect_dialog
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.host, str(pg_cluster.socket_dir))
    qtbot.keyClicks(dialog.database, database)
    qtbot.keyClicks(dialog.user, "postgres")
    assert dialog.url.text() == pg_url
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)

    assert window.doc.store.url == pg_url
    assert _plan_titles(window) == ["Business Plan on the server"]
    assert window.windowTitle().startswith(f"the database '{database}' on ")
    assert window.settings.recent_files()[0] == pg_url
    window.menus["recent"].aboutToShow.emit()
    first = window.menus["recent"].actions()[0]
    assert first.text() == f"&1 the database '{database}' on {pg_cluster.socket_dir}"

    window.open_path(window.settings.recent_files()[1])  # back to the file, then the server
    assert window.doc.store.url is None
    window.menus["recent"].aboutToShow.emit()
    server = next(a for a in window.menus["recent"].actions() if "database" in a.text())
    server.trigger()
    assert window.doc.store.url == pg_url and _plan_titles(window) == [
        "Business Plan on the server"]
    window.actions.connect_server.trigger()  # the last server is offered again
    assert window._connect_dialog.url.text() == pg_url
    window._connect_dialog.reject()


def test_a_password_in_the_url_is_refused_in_the_dialog(window, qtbot, pg_url):
    before = window.doc.store
    window.actions.connect_server.trigger()
    dialog = window._connect_dialog
    qtbot.keyClicks(dialog.url, pg_url.replace("postgres@", "postgres:hunter2@"))
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.problem.text() == NO_PASSWORD
    assert window.doc.store is before
    assert not any("hunter2" in p for p in window.settings.recent_files())
    dialog.reject()


def test_an_unreachable_server_is_said_plainly(window, qtbot, tmp_path, monkeypatch):
    said = []
    monkeypatch.setattr(opening, "show_error", lambda _p, title, text: said.append((title, text)))
    before = window.doc.store
    window.actions.connect_server.trigger()
    dialog = window._connect_dialog
    qtbot.keyClicks(dialog.url, f"postgresql://postgres@/plans?host={tmp_path}")
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    assert window.doc.store is before
    assert len(said) == 1 and said[0][0] == "Cannot connect to the server"
    assert said[0][1].startswith(f"Cannot reach the database 'plans' on {tmp_path}: ")
