"""File → Export → Word… / PDF… driven through the real dialog and the worker thread."""
from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from lcplanner.ui.tree_model import Role


def _select_portfolio(win, number: str):
    plan = win.proxy.index(0, 0)
    for row in range(win.proxy.rowCount(plan)):
        index = win.proxy.index(row, 0, plan)
        if index.data(Role.KIND) == "portfolio" and index.data(Role.NUMBER) == number:
            win.tree.setCurrentIndex(index)
            return index.data(Role.TEXT)
    raise AssertionError(f"no portfolio {number}")


def _open(win, fmt):
    from lcplanner.ui.export_dialog import open_export

    dialog = open_export(win, fmt)
    assert dialog is not None and dialog.isVisible()
    return dialog


def _wait_done(qtbot, dialog):
    qtbot.waitUntil(lambda: dialog.job is None and dialog.result_box is not None, timeout=30000)


def test_menu_holds_word_and_pdf(window):
    export = window.menus["export"]
    assert export.isEnabled()
    texts = [a.text() for a in export.actions()]
    assert texts == ["&Word…", "&PDF…"]
    assert window.actions.export_docx.shortcut().toString() == "Ctrl+Shift+E"
    assert window.actions.print.isEnabled() and window.actions.import_paper.isEnabled()


def test_export_portfolio_summary_to_word(window, qtbot, tmp_path, monkeypatch):
    import docx

    opened = []
    monkeypatch.setattr("lcplanner.ui.export_dialog.QDesktopServices.openUrl",
                        lambda url: opened.append(url.toLocalFile()))
    name = _select_portfolio(window, "2")
    dialog = _open(window, "docx")
    ui = dialog.ui
    # The selection decides the defaults: portfolio summary of portfolio 2.
    assert dialog.kind == "portfolio" and dialog.portfolio == 2
    assert ui.portfolio.isEnabled()
    assert ui.template_path.isVisibleTo(dialog) and not ui.tagged.isVisibleTo(dialog)
    assert [ui.kind.itemData(i) for i in range(ui.kind.count())] == \
        ["committee-paper", "plan", "portfolio"]
    assert ui.output_path.text().endswith("Business Plan 2026-27 - Portfolio 2 summary.docx")
    target = tmp_path / "summary.docx"
    dialog.set_output(target)
    dialog.export_button.click()
    _wait_done(qtbot, dialog)
    assert target.exists()
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert name in text
    box = dialog.result_box
    assert box.isVisible() and "summary.docx" in box.text()
    box.open_button.click()
    assert opened == [str(target)]
    assert window.settings.get("files/export_folder") == str(tmp_path)


def test_export_timeline_and_plan_to_pdf(window, qtbot, tmp_path):
    from pypdf import PdfReader

    dialog = _open(window, "pdf")
    ui = dialog.ui
    assert not ui.template_path.isVisibleTo(dialog) and ui.tagged.isVisibleTo(dialog)
    ui.kind.setCurrentIndex(ui.kind.findData("plan"))
    assert not ui.portfolio.isEnabled()
    target = tmp_path / "plan.pdf"
    dialog.set_output(tmp_path / "plan")  # the suffix is added
    dialog.export_button.click()
    _wait_done(qtbot, dialog)
    text = "\n".join(page.extract_text() for page in PdfReader(str(target)).pages)
    assert "Housing and Planning" in text
    dialog.result_box.close()

    dialog = _open(window, "pdf")
    dialog.ui.kind.setCurrentIndex(dialog.ui.kind.findData("timeline"))
    timeline = tmp_path / "timeline.pdf"
    dialog.set_output(timeline)
    dialog.start_export()
    assert not dialog.ui.kind.isEnabled()  # busy while the worker writes
    _wait_done(qtbot, dialog)
    assert len(PdfReader(str(timeline)).pages) >= 1


def test_suggested_path_follows_choices_until_typed(window, tmp_path):
    window.settings.set("files/export_folder", str(tmp_path))
    dialog = _open(window, "pdf")
    ui = dialog.ui
    ui.kind.setCurrentIndex(ui.kind.findData("timeline"))
    assert ui.output_path.text() == str(tmp_path / "Business Plan 2026-27 - Milestone "
                                                    "timeline.pdf")
    ui.output_path.clear()
    assert not dialog.export_button.isEnabled()
    from PySide6.QtTest import QTest

    QTest.keyClicks(ui.output_path, str(tmp_path / "mine.pdf"))
    ui.kind.setCurrentIndex(ui.kind.findData("plan"))
    assert ui.output_path.text() == str(tmp_path / "mine.pdf")
    assert dialog.export_button.isEnabled()


@pytest.fixture
def unwritable_folder(tmp_path):
    """A folder the user cannot write to (root may write anywhere: use /proc there)."""
    if sys.platform == "win32":
        pytest.skip("needs POSIX permissions")
    if os.geteuid() == 0:
        if not os.path.isdir("/proc"):
            pytest.skip("running as root without /proc")
        yield Path("/proc")
        return
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(stat.S_IRUSR | stat.S_IXUSR)
    yield locked
    locked.chmod(stat.S_IRWXU)


def test_unwritable_folder_shows_message_and_keeps_dialog(window, qtbot, unwritable_folder,
                                                          monkeypatch):
    shown = []
    real_open = QMessageBox.open

    def capture(box):
        shown.append((box.icon(), box.windowTitle(), box.text()))
        real_open(box)

    monkeypatch.setattr(QMessageBox, "open", capture)
    dialog = _open(window, "docx")
    dialog.set_output(unwritable_folder / "paper.docx")
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.job is None and bool(shown), timeout=30000)
    icon, title, text = shown[-1]
    assert icon == QMessageBox.Icon.Warning and title == "Export failed"
    assert text.startswith(f"Cannot write to {unwritable_folder}")
    assert not (unwritable_folder / "paper.docx").exists()
    # The dialog stays open and usable to choose another folder.
    assert dialog.isVisible() and dialog.ui.kind.isEnabled() and dialog.export_button.isEnabled()
    assert window.isVisible()


def test_target_that_cannot_be_replaced_keeps_it(window, qtbot, tmp_path, monkeypatch):
    boxes = []
    monkeypatch.setattr(QMessageBox, "open", lambda box: boxes.append(box))
    out = tmp_path / "out"
    (out / "paper.docx").mkdir(parents=True)  # a folder where the file should go
    dialog = _open(window, "docx")
    dialog.set_output(out / "paper.docx")
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.job is None and bool(boxes), timeout=30000)
    assert boxes[-1].text() == f"{out / 'paper.docx'} is a folder, not a file."
    assert (out / "paper.docx").is_dir()
    assert [p.name for p in out.iterdir()] == ["paper.docx"]  # no temporary file left


def test_unexpected_error_says_so_with_details(window, qtbot, tmp_path, monkeypatch):
    def broken(*_args, **_kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("lcplanner.writers.pdf_writer.write_pdf", broken)
    boxes = []
    monkeypatch.setattr(QMessageBox, "open", lambda box: boxes.append(box))
    dialog = _open(window, "pdf")
    dialog.set_output(tmp_path / "x.pdf")
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.job is None and bool(boxes), timeout=30000)
    box = boxes[-1]
    assert box.icon() == QMessageBox.Icon.Critical
    assert "unexpected" in box.text() and "division by zero" in box.text()
    assert "ZeroDivisionError" in box.detailedText()


def test_tagged_disabled_without_libreoffice(window, monkeypatch):
    monkeypatch.setenv("LCPLANNER_SOFFICE", "no-such-soffice")
    dialog = _open(window, "pdf")
    assert not dialog.ui.tagged.isEnabled()
    assert dialog.ui.tagged.toolTip() == "LibreOffice is not installed"
    assert dialog.request().tagged is False


def test_portfolio_kind_without_portfolios_cannot_export(window):
    window.editor.add_plan()
    plan_key = window.tree.current_key()
    assert plan_key[0] == "plan"
    dialog = _open(window, "docx")
    assert dialog.plan_id == plan_key[1]
    dialog.ui.kind.setCurrentIndex(dialog.ui.kind.findData("portfolio"))
    assert dialog.portfolio is None and not dialog.export_button.isEnabled()


def test_screenshot(window, qtbot):
    dialog = _open(window, "pdf")
    qtbot.waitExposed(dialog)
    assert not dialog.grab().isNull()
    if os.environ.get("LCPLANNER_SCREENSHOTS"):
        dialog.grab().save(os.path.join(os.environ["LCPLANNER_SCREENSHOTS"], "export.png"))


# --- the output rule and the question before replacing ---------------------------------------


def _capture_boxes(monkeypatch):
    """Message boxes opened (window-modal, non-blocking) are recorded, not shown."""
    boxes = []
    real_open = QMessageBox.open

    def capture(box):
        boxes.append(box)
        real_open(box)

    monkeypatch.setattr(QMessageBox, "open", capture)
    return boxes


@pytest.mark.parametrize("make, sentence", [
    (lambda store, p: os.symlink(store, p), "{p} is the store being read; an output never "
                                             "replaces its own store."),
    (lambda store, p: os.link(store, p), "{p} is the store being read; an output never "
                                          "replaces its own store."),
    (lambda store, p: __import__("shutil").copyfile(store, p),
     "{p} is an lcplanner store; an export never replaces a store."),
    (lambda store, p: os.mkfifo(p), "{p} is a pipe, not a regular file; choose a file to write."),
    (lambda store, p: (p.write_bytes(b"old"), p.chmod(0o444)), "{p} is read-only."),
], ids=["symbolic-link", "hard-link", "another-store", "pipe", "read-only"])
def test_output_rule_refuses_with_the_command_line_sentence(window, qtbot, tmp_path,
                                                            monkeypatch, make, sentence):
    from tests.support import folder_state

    boxes = _capture_boxes(monkeypatch)
    target = tmp_path / "out" / "paper.docx"
    target.parent.mkdir()
    make(window.doc.store.path, target)
    # the store's own on-open backup is made on a worker and may land at any moment: the
    # output folder and the store are what the refused export must leave alone
    before = folder_state(target.parent), window.doc.store.path.read_bytes()
    dialog = _open(window, "docx")
    dialog.set_output(target)
    dialog.export_button.click()
    assert [b.text() for b in boxes] == [sentence.format(p=target)]
    assert boxes[0].windowTitle() == "Cannot export"
    assert dialog.job is None and dialog.isVisible() and dialog.export_button.isEnabled()
    qtbot.wait(50)
    assert (folder_state(target.parent), window.doc.store.path.read_bytes()) == before


def test_existing_file_is_replaced_only_when_the_user_says_so(window, qtbot, tmp_path,
                                                              monkeypatch):
    import docx

    boxes = _capture_boxes(monkeypatch)
    target = tmp_path / "paper.docx"
    target.write_bytes(b"last month's paper")
    dialog = _open(window, "docx")
    dialog.set_output(target)
    dialog.export_button.click()
    question = dialog.confirm_box
    assert question is not None and boxes == [question]
    assert question.text() == f"paper.docx already exists in {tmp_path}. Replace it?"
    assert question.defaultButton() is question.button(QMessageBox.StandardButton.Cancel)
    question.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.wait(50)
    assert dialog.job is None and dialog.isVisible()
    assert target.read_bytes() == b"last month's paper"

    dialog.export_button.click()
    dialog.confirm_box.replace_button.click()
    _wait_done(qtbot, dialog)
    assert docx.Document(str(target)).core_properties.title == "Business Plan 2026/27"


def test_a_file_chosen_in_the_save_dialog_is_not_asked_about_twice(window, qtbot, tmp_path,
                                                                   monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "paper.pdf"
    target.write_bytes(b"%PDF-1.4 older")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    dialog = _open(window, "pdf")
    dialog.ui.output_button.click()  # the file dialog confirms replacing on its own
    dialog.export_button.click()
    assert dialog.confirm_box is None
    _wait_done(qtbot, dialog)
    assert target.read_bytes().startswith(b"%PDF") and target.stat().st_size > 1000
