"""No lost update outside the typed fields either: a choice (status), a check list of links
(a priority's themes), a milestone's dates and a row of a pane's ordered list are saved only on
the version they were read at. When the other editor (a second store on the same file, signed
'asha') changed the same thing meanwhile, the user's value is kept and shown beside theirs."""
from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from lcplanner import services
from lcplanner.domain import model as m
from tests.ui.test_conflicts import _clock_of, _show, _type, other  # noqa: F401 - a fixture


def _first(store, cls):
    with store.session() as session:
        return session.scalars(select(cls.id).order_by(cls.id)).first()


def _message(store, kind, item_id, field):
    return (f"Changed by asha at {_clock_of(store, kind, item_id)} while you were editing "
            f"{field}. Your text was not saved: choose which to keep.")


# --- a choice --------------------------------------------------------------------------------


def test_a_status_chosen_after_they_chose_another_is_not_written_over_theirs(
        window, qtbot, sample_store, other):
    output = _first(sample_store, m.Output)
    pane = _show(window, "output", output)
    combo = pane.ui.field_status_id
    names = {combo.itemData(i): combo.itemText(i) for i in range(combo.count())}
    statuses = [sid for sid in names if sid is not None
                and sid != services.details(sample_store, "output", output).values["status_id"]]
    theirs, mine = statuses[0], statuses[1]
    services.set_field(other, "output", output, "status_id", theirs)
    combo.setCurrentIndex(combo.findData(mine))
    combo.activated.emit(combo.currentIndex())
    bar = pane.conflict_bar
    assert bar.isVisible()
    assert bar.message.text() == _message(sample_store, "output", output, "the status")
    assert bar.theirs_text.toPlainText() == names[theirs]  # names, not ids
    assert bar.yours_text.toPlainText() == names[mine]
    assert combo.currentData() == mine  # the user's choice stays on show
    assert services.details(sample_store, "output", output).values["status_id"] == theirs
    bar.keep_theirs.click()
    assert combo.currentData() == theirs
    assert services.details(sample_store, "output", output).values["status_id"] == theirs


def test_themes_ticked_after_they_changed_them_are_kept_until_the_user_chooses(
        window, qtbot, sample_store, other):
    priority = _first(sample_store, m.Priority)
    pane = _show(window, "priority", priority)
    themes = pane.ui.field_themes
    before = services.details(sample_store, "priority", priority).values["themes"]
    unticked = [i for i in range(themes.count())
                if themes.item(i).checkState() == Qt.CheckState.Unchecked]
    theirs_row, mine_row = unticked[0], unticked[1]
    theirs_id, mine_id = (themes.item(r).data(Qt.ItemDataRole.UserRole + 1)
                          for r in (theirs_row, mine_row))
    services.set_field(other, "priority", priority, "themes", sorted([*before, theirs_id]))
    themes.item(mine_row).setCheckState(Qt.CheckState.Checked)
    bar = pane.conflict_bar
    assert bar.isVisible()
    assert bar.message.text() == _message(sample_store, "priority", priority, "the themes")
    assert themes.item(theirs_row).text() in bar.theirs_text.toPlainText().splitlines()
    assert themes.item(mine_row).text() in bar.yours_text.toPlainText().splitlines()
    assert themes.item(theirs_row).text() not in bar.yours_text.toPlainText().splitlines()
    assert services.details(sample_store, "priority", priority).values["themes"] == \
        sorted([*before, theirs_id])
    bar.use_yours.click()
    assert not bar.isVisible()
    assert services.details(sample_store, "priority", priority).values["themes"] == \
        sorted([*before, mine_id])


def test_a_choice_after_they_changed_another_field_is_saved(window, qtbot, sample_store,
                                                              other):
    output = _first(sample_store, m.Output)
    pane = _show(window, "output", output)
    combo = pane.ui.field_status_id
    mine = next(combo.itemData(i) for i in range(combo.count()) if combo.itemData(i)
                not in (None, combo.currentData()))
    services.set_field(other, "output", output, "text", "Their text for the output")
    combo.setCurrentIndex(combo.findData(mine))
    combo.activated.emit(combo.currentIndex())
    assert not pane.conflict_bar.isVisible()
    values = services.details(sample_store, "output", output).values
    assert (values["status_id"], values["text"]) == (mine, "Their text for the output")


# --- a milestone's dates (typed, one line each) ----------------------------------------------


def test_dates_typed_after_they_changed_them_are_not_written_over_theirs(
        window, qtbot, sample_store, other):
    milestone = _first(sample_store, m.Milestone)
    pane = _show(window, "milestone", milestone)
    services.set_field(other, "milestone", milestone, "dates", ["March 2027", "June 2027"])
    _type(qtbot, pane.ui.field_dates, "April 2027")
    qtbot.keyClick(pane.ui.field_dates, Qt.Key.Key_Return)
    qtbot.keyClicks(pane.ui.field_dates, "July 2027")
    pane.flush()
    bar = pane.conflict_bar
    assert bar.message.text() == _message(sample_store, "milestone", milestone, "the dates")
    assert bar.theirs_text.toPlainText() == "March 2027\nJune 2027"
    assert bar.yours_text.toPlainText() == "April 2027\nJuly 2027"
    assert services.edit.milestone_dates(sample_store, milestone) == ["March 2027", "June 2027"]
    bar.use_yours.click()
    assert services.edit.milestone_dates(sample_store, milestone) == ["April 2027", "July 2027"]


# --- a row of a pane's ordered list, edited in place ------------------------------------------


def _recommendations(store, paper):
    return [text for _id, text in services.children(store, "recommendation", paper)]


def _row_refused(window, qtbot, sample_store, other):
    from tests.ui.test_panes_more import _edit_in_place

    paper = _first(sample_store, m.CommitteePaper)
    pane = _show(window, "paper", paper)
    recs = pane.lists["recommendations"]
    row_id = recs.ids()[1]
    first = _recommendations(sample_store, paper)[0]
    services.set_field(other, "recommendation", row_id, "text", "their wording of the second")
    assert recs.texts()[1] != "their wording of the second"  # not seen here yet
    _edit_in_place(qtbot, recs, 1, "my wording of the second")
    bar = pane.conflict_bar
    assert bar.isVisible()
    assert bar.message.text() == _message(sample_store, "recommendation", row_id,
                                          "the recommendation")
    assert bar.theirs_text.toPlainText() == "their wording of the second"
    assert bar.yours_text.toPlainText() == "my wording of the second"
    assert recs.texts()[1] == "my wording of the second"  # the row keeps the user's text
    assert _recommendations(sample_store, paper)[:2] == [first, "their wording of the second"]
    assert window.statusBar().currentMessage().startswith(
        "Recommendation's text was changed by asha at ")
    # a re-read of the pane (an undo elsewhere, a live update) keeps the user's text on show
    window.doc.refresh("paper", paper)
    assert recs.texts()[1] == "my wording of the second"
    return pane, recs, paper


def test_a_list_row_edited_after_they_changed_it_keep_theirs(window, qtbot, sample_store, other):
    pane, recs, paper = _row_refused(window, qtbot, sample_store, other)
    pane.conflict_bar.keep_theirs.click()
    assert not pane.conflict_bar.isVisible()
    assert recs.texts()[1] == "their wording of the second"
    assert _recommendations(sample_store, paper)[1] == "their wording of the second"


def test_a_list_row_edited_after_they_changed_it_use_yours(window, qtbot, sample_store, other):
    pane, recs, paper = _row_refused(window, qtbot, sample_store, other)
    pane.conflict_bar.use_yours.click()
    assert not pane.conflict_bar.isVisible()
    assert _recommendations(sample_store, paper)[1] == "my wording of the second"
    assert recs.texts()[1] == "my wording of the second"
    # the row's version is read again: a further edit in place is saved without a conflict
    from tests.ui.test_panes_more import _edit_in_place

    _edit_in_place(qtbot, recs, 1, "our agreed wording")
    assert not pane.conflict_bar.isVisible()
    assert _recommendations(sample_store, paper)[1] == "our agreed wording"


def test_a_list_row_edited_after_they_moved_it_is_saved(window, qtbot, sample_store, other):
    from tests.ui.test_panes_more import _focus, _open_editor

    paper = _first(sample_store, m.CommitteePaper)
    pane = _show(window, "paper", paper)
    recs = pane.lists["recommendations"]
    row_id = recs.ids()[0]
    before = _recommendations(sample_store, paper)
    services.move(other, "recommendation", recs.ids()[1], paper, 0)  # shifts the first down
    _focus(qtbot, recs.list)
    recs.list.setCurrentRow(0)
    qtbot.keyClick(recs.list, Qt.Key.Key_F2)
    editor = _open_editor(recs)
    editor.selectAll()
    qtbot.keyClicks(editor, "my wording of the first")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: services.details(sample_store, "recommendation", row_id)
                    .values["text"] == "my wording of the first", timeout=2000)
    assert not pane.conflict_bar.isVisible()
    assert sorted(_recommendations(sample_store, paper)) == sorted(
        ["my wording of the first", *before[1:]])


def test_a_due_date_ticked_after_they_changed_the_dates_is_not_written_over_theirs(
        window, qtbot, sample_store, other):
    from tests.ui.test_due_date_ticks import WORDING
    from tests.ui.test_main_window import _find_row, _select

    row = _find_row(window, "milestone", "Options for local taxes agreed")
    milestone = row.data(Qt.ItemDataRole.UserRole + 2)
    pane = _select(window, row)
    services.set_field(sample_store, "milestone", milestone, "text", WORDING)
    window.doc.refresh("milestone", milestone)
    assert [c.isChecked() for c in pane.due_checks] == [True, False]
    services.set_field(other, "milestone", milestone, "dates", ["Spring 2027"])
    qtbot.mouseClick(pane.due_checks[1], Qt.MouseButton.LeftButton)
    bar = pane.conflict_bar
    assert bar.isVisible()
    assert bar.message.text() == _message(sample_store, "milestone", milestone, "the dates")
    assert bar.theirs_text.toPlainText() == "Spring 2027"
    assert services.edit.milestone_dates(sample_store, milestone) == ["Spring 2027"]
    bar.keep_theirs.click()
    assert pane.ui.field_dates.toPlainText() == "Spring 2027"
