"""Printing paints the PDF writer's pages; Print Preview uses the same painter; the tree
selects milestones on the timeline."""
from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget

from lcplanner.ui.tree_model import Role

needs_pdftoppm = pytest.mark.skipif(shutil.which("pdftoppm") is None,
                                    reason="pdftoppm (poppler-utils) is not installed")


def _find(win, kind, parent=QModelIndex()):
    model = win.proxy
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        if index.data(Role.KIND) == kind:
            return index
        found = _find(win, kind, index)
        if found is not None:
            return found
    return None


def _pdf_printer(path):
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def _expected_pages(window, target):
    from pypdf import PdfReader

    from lcplanner.ui.export_dialog import compose_document
    from lcplanner.writers.pdf_writer import render_pdf_bytes
    import io

    document = compose_document(window.doc.store, target.plan_id, target.kind, target.portfolio)
    pdf, _ = render_pdf_bytes(document)
    return PdfReader(io.BytesIO(pdf)).pages


def test_target_follows_selection(window):
    from lcplanner.ui.printing import print_target

    portfolio = _find(window, "portfolio")
    window.tree.setCurrentIndex(_find(window, "output"))  # inside portfolio 1
    target = print_target(window)
    assert (target.kind, target.portfolio) == ("portfolio", 1)
    assert target.title == f"Portfolio 1: {portfolio.data(Role.TEXT)}"
    window.tree.setCurrentIndex(_find(window, "milestone"))
    assert print_target(window).kind == "timeline"
    window.tree.setCurrentIndex(portfolio)
    window.tabs.setCurrentWidget(window.timeline)  # what is on screen is what prints
    assert print_target(window).kind == "timeline"


@needs_pdftoppm
@pytest.mark.parametrize("kind", ["portfolio", "timeline"])
def test_print_to_pdf_printer_gives_the_pdfs_pages(window, qtbot, tmp_path, kind):
    from pypdf import PdfReader

    from lcplanner.ui.printing import PrintJob, print_target

    window.tree.setCurrentIndex(_find(window, "output" if kind == "portfolio" else "milestone"))
    target = print_target(window)
    assert target.kind == kind
    out = tmp_path / "printed.pdf"
    job = PrintJob(window, target, _pdf_printer(out))
    job.printer.setResolution(100)  # keep the test quick; the page count is what matters
    job.print_now()
    qtbot.waitUntil(lambda: job.printed > 0, timeout=60000)
    expected = _expected_pages(window, target)
    printed = PdfReader(str(out)).pages
    assert len(printed) == len(expected) == job.printed
    # Same orientation as the PDF: the timeline is landscape, the summary portrait.
    box, want = printed[0].mediabox, expected[0].mediabox
    assert (box.width > box.height) == (want.width > want.height) == (kind == "timeline")
    assert "Printed" in window.statusBar().currentMessage()
    assert job.pages.folder is None  # temporary page images removed


@needs_pdftoppm
def test_print_preview_paints_every_page(window, qtbot, tmp_path):
    from lcplanner.ui.printing import paint_pages, print_preview

    window.tree.setCurrentIndex(_find(window, "output"))
    job = print_preview(window)
    qtbot.waitUntil(lambda: job.preview is not None and job.preview.isVisible(), timeout=60000)
    assert "Portfolio 1" in job.preview.windowTitle()
    # The preview's painter, replayed onto a PDF printer, gives the same pages.
    from pypdf import PdfReader

    out = tmp_path / "preview.pdf"
    assert paint_pages(_pdf_printer(out), job.pages) == len(PdfReader(str(out)).pages)
    job.preview.close()


def test_without_pdftoppm_printing_says_what_to_do(window, monkeypatch):
    from lcplanner.ui import printing

    shown = []
    monkeypatch.setattr(printing.shutil, "which", lambda _name: None)
    monkeypatch.setattr("lcplanner.ui.opening.show_error",
                        lambda _parent, title, text: shown.append((title, text)))
    assert printing.print_preview(window) is None
    assert shown and "pdftoppm" in shown[0][1] and "Export a PDF" in shown[0][1]


def test_tree_selection_highlights_milestone_on_timeline(window, qtbot):
    assert window.timeline is not None
    window.tabs.setCurrentWidget(window.timeline)
    milestone = _find(window, "milestone")
    window.tree.setCurrentIndex(milestone)
    assert window.timeline.view.selected_milestone() == milestone.data(Role.ID)
    window.tree.setCurrentIndex(_find(window, "output"))
    second = [i for i in _all(window, "milestone")][1]
    window.tree.setCurrentIndex(second)
    assert window.timeline.view.selected_milestone() == second.data(Role.ID)


def _all(win, kind, parent=QModelIndex()):
    model = win.proxy
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        if index.data(Role.KIND) == kind:
            yield index
        yield from _all(win, kind, index)


@needs_pdftoppm
def test_print_preview_says_what_it_prints_and_lets_the_user_choose(window, qtbot):
    from lcplanner.ui.print_choice import print_choices
    from lcplanner.ui.printing import print_preview

    window.tree.setCurrentIndex(_find(window, "output"))  # inside portfolio 1
    job = print_preview(window)
    qtbot.waitUntil(lambda: job.preview is not None and job.preview.isVisible(), timeout=60000)
    chooser = job.chooser
    portfolio = _find(window, "portfolio")
    plan_title = window.proxy.index(0, 0).data(Role.TEXT)
    expected = [c.title for c in print_choices(window, job.target.plan_id)]
    portfolios = [t for t in expected if t.startswith("Portfolio ")]
    assert expected == portfolios + [f"Timeline: {plan_title}", f"Plan document: {plan_title}"]
    assert len(portfolios) >= 2
    labels = [chooser.combo.itemText(i) for i in range(chooser.combo.count())]
    assert labels == [f"Portfolio summary — {t}" for t in portfolios] + ["Timeline",
                                                                         "Plan document"]
    assert chooser.combo.currentIndex() == 0
    first_pages = len(job.pages)
    title = f"Portfolio 1: {portfolio.data(Role.TEXT)}"
    assert chooser.says.text() == f"Prints: {title} ({first_pages} page" \
        f"{'' if first_pages == 1 else 's'})"

    for row, kind in ((chooser.combo.count() - 1, "plan"), (chooser.combo.count() - 2,
                                                             "timeline"), (1, "portfolio")):
        chooser.combo.setCurrentIndex(row)
        chooser.combo.activated.emit(row)
        target = chooser.targets[row]
        qtbot.waitUntil(lambda t=target: job.target == t and job.chooser.says.text()
                        .startswith("Prints:"), timeout=60000)
        assert job.target.kind == kind
        pages = len(_expected_pages(window, target))
        assert len(job.pages) == pages
        assert chooser.says.text() == f"Prints: {target.title} ({pages} page" \
            f"{'' if pages == 1 else 's'})"
        assert job.preview.windowTitle() == f"Print Preview — {target.title}"
        shown = job.preview.findChild(QPrintPreviewWidget)
        qtbot.waitUntil(lambda p=pages: shown.pageCount() == p, timeout=10000)
    assert job.target.portfolio == 2
    job.preview.close()
