"""Two editors on one PostgreSQL server: each sees the other's edits within two seconds, in the
tree and the open pane, and never has the field it is typing in disturbed."""
from __future__ import annotations

import pytest

from lcplanner import services
from lcplanner.store.engine import open_store
from lcplanner.ui.main_window import MainWindow
from lcplanner.ui.opening import Opened
from lcplanner.ui.tree_model import Role


@pytest.fixture
def editors(qtbot, pg_url, settings):
    """Two main windows, each with its own connection to one server database."""
    from lcplanner.sample import build_sample_plan

    seed = open_store(pg_url)
    with seed.transaction() as session:
        session.add(build_sample_plan())
    seed.close()
    windows = []
    for _ in range(2):
        window = MainWindow(settings)
        qtbot.addWidget(window)
        window.set_document(Opened(open_store(pg_url)))
        window.show()
        windows.append(window)
    yield windows
    for window in windows:
        window.close()


def _outputs(window):
    return [i.key for i in window.doc.model.items_in_order() if i.key[0] == "output"]


def _text(window, key):
    return window.doc.model.index_for(key).data(Role.TEXT)


def _type_into(qtbot, widget, words):
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClicks(widget, words)


def test_an_edit_in_one_editor_appears_in_the_other_within_two_seconds(qtbot, editors):
    first, second = editors
    output = _outputs(first)[0]
    first.select_key(output)
    second.select_key(output)
    second.live.timer.stop()  # no polling: only the server's notice can wake the second

    _type_into(qtbot, first.panes.current_pane().widgets["text"], "Drafted by the first")
    first.panes.flush()
    qtbot.waitUntil(lambda: _text(second, output) == "Drafted by the first", timeout=2000)
    qtbot.waitUntil(lambda: second.panes.current_pane().widgets["text"].toPlainText()
                    == "Drafted by the first", timeout=2000)
    assert second.tree.current_key() == output

    before = _outputs(second)
    first.select_key(output)
    first.actions.add_sibling.trigger()  # a new output after it, in the first editor
    added = set(_outputs(first)) - set(before)
    assert len(added) == 1
    qtbot.waitUntil(lambda: set(_outputs(second)) - set(before) == added, timeout=2000)
    assert _outputs(second) == _outputs(first)  # in the same place
    assert second.tree.current_key() == output


def test_the_field_being_typed_in_is_left_alone(qtbot, editors):
    first, second = editors
    output = _outputs(first)[0]
    other = _outputs(first)[1]
    first.select_key(other)
    second.select_key(output)
    pane = second.panes.current_pane()
    owner = pane.widgets["owner"]
    _type_into(qtbot, owner, "Head of transport")
    assert pane.has_pending()

    _type_into(qtbot, first.panes.current_pane().widgets["text"], "Another output reworded")
    first.panes.flush()
    first.select_key(output)
    _type_into(qtbot, first.panes.current_pane().widgets["progress_note"], "Checked on Monday")
    first.panes.flush()

    qtbot.waitUntil(lambda: _text(second, other) == "Another output reworded", timeout=2000)
    assert owner.text() == "Head of transport" and owner.hasFocus()
    assert pane.widgets["progress_note"].toPlainText() != "Checked on Monday"
    qtbot.keyClicks(owner, " and parking")  # typing goes on undisturbed
    qtbot.waitUntil(lambda: not pane.has_pending(), timeout=5000)  # saved by the pane's timer
    qtbot.waitUntil(lambda: pane.widgets["progress_note"].toPlainText() == "Checked on Monday",
                    timeout=2000)
    assert owner.text() == "Head of transport and parking"
    assert services.details(second.doc.store, "output", output[1]).values["owner"] == \
        "Head of transport and parking"
    # ... and the first editor, whose pane is open on the same output, hears the second's save.
    qtbot.waitUntil(lambda: first.panes.current_pane().widgets["owner"].text()
                    == "Head of transport and parking", timeout=2000)


def test_the_other_editors_timeline_follows(qtbot, editors):
    first, second = editors
    milestone = next(i.key for i in first.doc.model.items_in_order() if i.key[0] == "milestone")
    second.select_key(milestone)
    second.tabs.setCurrentWidget(second.timeline)
    qtbot.waitUntil(lambda: second.timeline.view.timeline() is not None, timeout=2000)

    def label():
        bars = [b for g in second.timeline.view.timeline().groups for b in g.bars]
        return next(b.label for b in bars if b.milestone_id == milestone[1])

    assert label() != "Budget letter sent to every party"
    first.select_key(milestone)
    _type_into(qtbot, first.panes.current_pane().widgets["name"],
               "Budget letter sent to every party")
    first.panes.flush()
    qtbot.waitUntil(lambda: label() == "Budget letter sent to every party", timeout=2000)
