"""File → Import Paper… through the worker, the preview dialog and the tree."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from lcplanner.domain import model as m
from lcplanner.ui.tree_model import Role

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture
def messages(monkeypatch):
    """Message boxes opened, captured (and shown, without blocking)."""
    shown: list[QMessageBox] = []
    real_open = QMessageBox.open

    def capture(box):
        shown.append(box)
        real_open(box)

    monkeypatch.setattr(QMessageBox, "open", capture)
    return shown


def _plans(win):
    return [win.proxy.index(r, 0).data(Role.TEXT) for r in range(win.proxy.rowCount())]


def _plan_count(store):
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(m.Plan))


def _import(win, qtbot, name):
    from lcplanner.ui.import_dialog import import_paper

    run = import_paper(win, FIXTURES / name)
    assert run is not None
    return run


def test_import_shows_tree_then_adds_plan_and_selects_it(window, qtbot, sample_store,
                                                         messages):
    from lcplanner.store.backup import list_backups

    assert window.actions.import_paper.shortcut().toString() == "Ctrl+I"
    before = _plans(window)
    run = _import(window, qtbot, "paper_directorate.txt")
    qtbot.waitUntil(lambda: run.preview is not None and run.preview.isVisible(), timeout=30000)
    preview = run.preview
    text = preview.tree_text.toPlainText()
    assert "1.1 Make the case for a multi-year funding settlement" in text
    assert preview.tree_text.isReadOnly()
    assert "2 portfolios" in preview.counts.text() and "10 priorities" in preview.counts.text()
    assert "1 narrative section." in preview.counts.text()
    assert "one step that Edit → Undo takes back" in \
        preview.findChild(type(preview.counts), "importNote").text()
    assert _plans(window) == before  # nothing changes before Import
    assert _plan_count(sample_store) == 1

    preview.import_button.click()
    assert _plans(window) == [*before, "Corporate Plan 2024/25"]
    current = window.tree.currentIndex()
    assert current.data(Role.KIND) == "plan" and current.data(Role.TEXT) == \
        "Corporate Plan 2024/25"
    assert window.tree.isExpanded(current)
    kinds = {window.proxy.index(r, 0, current).data(Role.KIND)
             for r in range(window.proxy.rowCount(current))}
    assert "portfolio" in kinds
    assert _plan_count(sample_store) == 2
    assert [b.reason for b in list_backups(sample_store.path)].count("import") == 1
    assert "Imported paper_directorate.txt" in window.statusBar().currentMessage()
    assert not messages
    # the whole import is one undo step, and redo brings it back with the same rows
    stack = window.doc.undo_stack
    assert stack.count() == 1 and stack.undoText() == "Import plan 'Corporate Plan 2024/25'"
    plan_key = current.data(Role.KEY)
    rows = len(window.doc.model)
    window.actions.undo.trigger()
    assert _plans(window) == before and _plan_count(sample_store) == 1
    assert not window.doc.model.contains(plan_key)
    window.actions.redo.trigger()
    assert _plans(window) == [*before, "Corporate Plan 2024/25"]
    assert window.doc.model.contains(plan_key) and len(window.doc.model) == rows
    assert _plan_count(sample_store) == 2
    assert not messages


def test_same_paper_again_says_which_plan_holds_it(window, qtbot, sample_store, messages):
    run = _import(window, qtbot, "paper_directorate.txt")
    qtbot.waitUntil(lambda: run.preview is not None, timeout=30000)
    run.preview.import_button.click()
    rows = _plans(window)

    again = _import(window, qtbot, "paper_directorate.txt")
    qtbot.waitUntil(lambda: bool(messages), timeout=30000)
    assert again.preview is None
    assert messages[-1].text() == ("paper_directorate.txt is already in this store as "
                                   "'Corporate Plan 2024/25'; nothing was changed.")
    assert _plans(window) == rows and _plan_count(sample_store) == 2


def test_memo_is_refused_with_the_importers_message(window, qtbot, sample_store, messages):
    run = _import(window, qtbot, "paper_memo.txt")
    qtbot.waitUntil(lambda: bool(messages), timeout=30000)
    box = messages[-1]
    assert box.icon() == QMessageBox.Icon.Warning
    assert box.windowTitle() == "Cannot import the paper"
    assert box.text().startswith("paper_memo.txt: This text does not look like a business plan")
    assert run.preview is None and _plan_count(sample_store) == 1


def test_cancel_changes_nothing(window, qtbot, sample_store, messages):
    run = _import(window, qtbot, "paper_directorate.txt")
    qtbot.waitUntil(lambda: run.preview is not None, timeout=30000)
    run.preview.reject()
    assert _plan_count(sample_store) == 1 and len(_plans(window)) == 1


def test_binary_file_is_refused(window, qtbot, tmp_path, messages):
    from lcplanner.ui.import_dialog import import_paper

    junk = tmp_path / "scan.txt"
    junk.write_bytes(b"\x00\x01\x02\x03" * 50)
    import_paper(window, junk)
    qtbot.waitUntil(lambda: bool(messages), timeout=30000)
    assert "binary file" in messages[-1].text()


def test_damaged_pdf_named_txt_is_refused(window, qtbot, tmp_path, messages):
    """The content decides the reader: a PDF header in a .txt is read, and refused, as a PDF."""
    from lcplanner.ui.import_dialog import import_paper

    junk = tmp_path / "scan.txt"
    junk.write_bytes(b"%PDF-1.4\x00\x01\x02" * 50)
    import_paper(window, junk)
    qtbot.waitUntil(lambda: bool(messages), timeout=30000)
    assert messages[-1].text() == "scan.txt: The file is damaged and cannot be read as a PDF."


@pytest.mark.parametrize("maker, name, furniture", [
    ("make_harbour", "harbour.docx", False), ("make_fenwick_pdf", "fenwick.pdf", True)])
def test_word_and_pdf_papers_import_through_the_dialog(window, qtbot, sample_store, messages,
                                                       tmp_path, maker, name, furniture):
    from lcplanner.ui.import_dialog import import_paper
    from tests.fixtures import make_docx

    source = getattr(make_docx, maker)(tmp_path / name)
    run = import_paper(window, source)
    qtbot.waitUntil(lambda: run.preview is not None and run.preview.isVisible(), timeout=30000)
    counts = run.preview.counts.text()
    assert "2 portfolios, 3 priorities, 7 outputs" in counts
    text = run.preview.tree_text.toPlainText()
    assert ("Page furniture set aside: 4" in text) is furniture
    run.preview.accept()
    qtbot.waitUntil(lambda: run.plan_id is not None, timeout=30000)
    assert _plan_count(sample_store) == 2
