"""The export dialog's "Add the changes recorded since" tick box: a committee paper's
background papers list the plan's changes from that date on."""
from __future__ import annotations

import getpass

import docx
from PySide6.QtCore import QDate

from lcplanner.services.history import local_time, plan_history
from lcplanner.ui.export_dialog import open_export


def test_a_committee_paper_with_the_changes_since_a_date(window, qtbot, tmp_path):
    from datetime import datetime

    from sqlalchemy import update

    from lcplanner.domain.model import ChangeRecord

    with window.doc.store.transaction() as s:  # the sample plan was made in January
        s.execute(update(ChangeRecord).values(changed_at=datetime(2026, 1, 10, 12, 0)))
    output = next(i.key for i in window.doc.model.items_in_order() if i.key[0] == "output")
    window.select_key(output)
    owner = window.panes.current_pane().widgets["owner"]
    owner.setFocus()
    owner.selectAll()
    qtbot.keyClicks(owner, "Head of finance")
    window.panes.flush()

    dialog = open_export(window, "docx")
    ui = dialog.ui
    ui.kind.setCurrentIndex(ui.kind.findData("plan"))
    assert not ui.changes.isVisibleTo(dialog)  # a committee paper's only
    ui.kind.setCurrentIndex(ui.kind.findData("committee-paper"))
    assert ui.changes.isVisibleTo(dialog) and not ui.changes_since.isEnabled()
    ui.changes.setChecked(True)
    assert ui.changes_since.isEnabled()
    ui.changes_since.setDate(QDate.currentDate())
    target = tmp_path / "paper.docx"
    dialog.set_output(target)
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.job is None and dialog.result_box is not None, timeout=30000)

    text = [p.text for p in docx.Document(str(target)).paragraphs]
    today = QDate.currentDate().toPython()
    note = text.index(f"Changes since {today.day} {today:%B %Y}")
    assert note > text.index("Background papers")
    change = plan_history(window.doc.store)[-1]
    day = local_time(change.changed_at)
    assert text[note + 1:note + 2] == [
        f"{day.day} {day:%B %Y}, {getpass.getuser()}: Output {output[1]}: owner changed "
        "from (empty) to 'Head of finance'"]
    assert not any("Plan 1 added" in t for t in text)  # made before the date
    dialog.result_box.close()
