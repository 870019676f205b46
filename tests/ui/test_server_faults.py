"""The server going away under a running editor: said plainly in the status bar, the typing
kept, and saved once the server is back. The cluster here is this module's own, stopped and
started again under the editor."""
from __future__ import annotations

import shutil

import pytest
from PySide6.QtWidgets import QMessageBox

from lcplanner import services
from lcplanner.store.engine import open_store
from lcplanner.ui.main_window import MainWindow
from lcplanner.ui.opening import Opened
from tests.pg import drop_database, new_database, start_cluster


@pytest.fixture(scope="module")
def own_cluster():
    cluster = start_cluster()
    try:
        yield cluster
    finally:
        cluster.stop()
        shutil.rmtree(cluster.folder, ignore_errors=True)


@pytest.fixture
def server_window(qtbot, own_cluster, settings):
    from lcplanner.sample import build_sample_plan

    name = new_database(own_cluster)
    url = own_cluster.url(name)
    seed = open_store(url)
    with seed.transaction() as session:
        session.add(build_sample_plan())
    seed.close()
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.set_document(Opened(open_store(url)))
    window.show()
    yield window, own_cluster, url
    window.close()
    if not (own_cluster.folder / "data" / "postmaster.pid").exists():  # a test failed midway
        own_cluster.start()
    drop_database(own_cluster, name)


def _owner(url, output_id):
    store = open_store(url)
    try:
        return services.details(store, "output", output_id).values["owner"]
    finally:
        store.close()


def test_typing_while_the_server_is_down_is_kept_and_saved_when_it_returns(server_window,
                                                                          qtbot, monkeypatch):
    window, cluster, url = server_window
    output = next(i.key for i in window.doc.model.items_in_order() if i.key[0] == "output")
    window.select_key(output)
    pane = window.panes.current_pane()
    owner = pane.widgets["owner"]
    owner.setFocus()
    owner.selectAll()
    qtbot.keyClicks(owner, "Saved before the fault")
    window.panes.flush()
    assert _owner(url, output[1]) == "Saved before the fault"

    cluster.stop("fast")  # every connection ends, as when a server goes away
    owner.selectAll()
    qtbot.keyClicks(owner, "Typed while the server was away")
    qtbot.waitUntil(lambda: window.doc.offline, timeout=5000)  # the pane's own save found it
    message = window.statusBar().currentMessage()
    assert message.startswith(f"The connection to {window.doc.store.name} was lost (")
    assert message.endswith("The server is not answering: what you type is kept, and saved "
                            "as soon as it is back.")
    assert owner.text() == "Typed while the server was away" and pane.has_pending()
    qtbot.keyClicks(owner, ", and more")  # typing goes on while it is away
    qtbot.wait(2500)  # a retry or two find it still away
    assert window.doc.offline and owner.text() == "Typed while the server was away, and more"
    other = [i.key for i in window.doc.model.items_in_order() if i.key[0] == "output"][1]
    window.select_key(other)  # nothing can be read meanwhile: the pane stays where it is
    assert window.panes.current_pane() is pane and pane.item_id == output[1]
    assert owner.text() == "Typed while the server was away, and more"
    asked = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box.text()))
    assert window.close() is False and window.isVisible()  # closing would lose the typing
    assert asked and asked[0].startswith("What you typed since the server went away has not "
                                         "been saved yet")

    cluster.start()
    qtbot.waitUntil(lambda: not window.doc.offline, timeout=10000)
    assert not pane.has_pending()
    assert window.statusBar().currentMessage() == (
        f"Connected to {window.doc.store.name} again; what you typed has been saved.")
    assert _owner(url, output[1]) == "Typed while the server was away, and more"
    assert pane.item_id == other[1]  # the pane has followed the tree
    window.select_key(output)
    assert owner.text() == "Typed while the server was away, and more"

    owner.selectAll()  # and editing goes on as before
    qtbot.keyClicks(owner, "After the return")
    window.panes.flush()
    assert _owner(url, output[1]) == "After the return"


def test_typing_kept_while_the_server_was_down_does_not_overwrite_a_change_made_meanwhile(
        server_window, qtbot):
    from lcplanner.services.concurrency import local_time, stamp_of

    window, cluster, url = server_window
    database = url.split("/")[3].split("?")[0]
    asha = f"{database}_asha"  # roles are the cluster's: named after this test's database
    cluster.admin(f'CREATE ROLE "{asha}" LOGIN SUPERUSER')
    output = next(i.key for i in window.doc.model.items_in_order() if i.key[0] == "output")
    window.select_key(output)
    pane = window.panes.current_pane()
    owner = pane.widgets["owner"]

    cluster.stop("fast")
    owner.setFocus()
    owner.selectAll()
    qtbot.keyClicks(owner, "Typed while the server was away")
    qtbot.waitUntil(lambda: window.doc.offline, timeout=5000)
    window.reconnect.timer.stop()  # the test says when the editor tries again
    cluster.start()
    theirs = open_store(url.replace("postgres@", f"{asha}@"))
    try:
        services.set_field(theirs, "output", output[1], "owner", "Changed while it was away")
        clock = local_time(stamp_of(theirs, "output", output[1]).changed_at).strftime("%H:%M")
    finally:
        theirs.close()

    assert window.reconnect.try_again()
    assert not window.doc.offline and not pane.has_pending()
    assert _owner(url, output[1]) == "Changed while it was away"  # theirs, not overwritten
    bar = pane.conflict_bar
    assert bar.isVisible()
    assert bar.message.text() == (
        f"Changed by {asha} at {clock} while you were editing the owner. Your text was not "
        "saved: choose which to keep.")
    assert bar.theirs_text.toPlainText() == "Changed while it was away"
    assert bar.yours_text.toPlainText() == "Typed while the server was away"
    assert owner.text() == "Typed while the server was away"
    assert window.statusBar().currentMessage() == (
        f"Connected to {window.doc.store.name} again. Output's owner was changed by {asha} at "
        f"{clock} after you read it; your change was not saved.")
    bar.use_yours.click()
    assert _owner(url, output[1]) == "Typed while the server was away"
