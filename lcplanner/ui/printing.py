"""File → Print… and Print Preview… for the selected portfolio summary or the plan's timeline
(Print Preview can switch to another portfolio, the timeline or the plan document).

What prints is what the PDF shows: the paper is rendered by the PDF writer
(:func:`render_pdf_bytes`) and its pages are painted onto the printer. PySide6-Essentials has no
QtPdf, so the pages are rasterised by poppler's ``pdftoppm`` (at the printer's resolution, at
most 300 dpi) in a pool worker; the GUI thread only paints the finished images. A machine
without ``pdftoppm`` gets a clear message and can still export a PDF and print that.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import (QPrintDialog, QPrinter, QPrintPreviewDialog,
                                   QPrintPreviewWidget)

from lcplanner.ui.export_dialog import compose_document
from lcplanner.ui.tree_model import Role
from lcplanner.ui.worker import Report, run_job
from lcplanner.writers.atomic import ExportError

#: Highest resolution pages are rasterised at: sharp on paper, ~26 MB a page in memory.
MAX_DPI = 300
#: Resolution for the preview (it keeps every page in memory).
PREVIEW_DPI = 150
NO_PDFTOPPM = ("Printing needs the pdftoppm program (poppler-utils), which is not installed. "
               "Export a PDF (File → Export → PDF…) and print that instead.")


@dataclass(frozen=True)
class PrintTarget:
    """What File → Print prints for the current selection."""

    plan_id: int
    kind: str  # "portfolio", "timeline" or "plan" (the plan document, from Print Preview)
    portfolio: int | None
    title: str


def print_target(window) -> PrintTarget | None:
    """The selected portfolio's summary; else (or on the Timeline tab) the plan's timeline."""
    if window.doc is None:
        return None
    model, key = window.doc.model, window.tree.current_key()
    if key is None:
        first = model.index(0, 0)
        key = model.key_at(first) if first.isValid() else None
    if key is None or not model.contains(key):
        return None
    plan = model.ancestor(key, "plan")
    if plan is None:
        return None
    plan_title = model.index_for(plan).data(Qt.ItemDataRole.DisplayRole)
    on_timeline = window.timeline is not None and window.tabs.currentWidget() is window.timeline
    portfolio = None if on_timeline else model.ancestor(key, "portfolio")
    if portfolio is not None:
        index = model.index_for(portfolio)
        number = int(index.data(Role.NUMBER))
        return PrintTarget(plan[1], "portfolio", number,
                           f"Portfolio {number}: {index.data(Qt.ItemDataRole.DisplayRole)}")
    return PrintTarget(plan[1], "timeline", None, f"Timeline: {plan_title}")


# --- pages ----------------------------------------------------------------------------------


@dataclass
class RasterPages:
    """A PDF's pages as image files in a temporary folder (removed by :meth:`cleanup`)."""

    paths: list[Path]
    dpi: int
    warnings: list[str] = field(default_factory=list)
    folder: tempfile.TemporaryDirectory | None = None

    def __len__(self) -> int:
        return len(self.paths)

    def cleanup(self) -> None:
        if self.folder is not None:
            self.folder.cleanup()
            self.folder = None


def rasterise(pdf: bytes, dpi: int, *, timeout: float = 300) -> RasterPages:
    """Every page of ``pdf`` as an image at ``dpi`` (run in a worker: it takes a while)."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise ExportError(NO_PDFTOPPM)
    folder = tempfile.TemporaryDirectory(prefix="lcplanner-print-")
    work = Path(folder.name)
    source = work / "paper.pdf"
    source.write_bytes(pdf)
    try:
        result = subprocess.run([pdftoppm, "-r", str(dpi), str(source), str(work / "page")],
                                capture_output=True, text=True, timeout=timeout,
                                stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as exc:
        folder.cleanup()
        raise ExportError(f"Preparing the pages for printing took longer than {timeout:.0f} "
                          "seconds.") from exc
    # pdftoppm pads page numbers to the width of the page count: sort by the number itself.
    pages = sorted(work.glob("page-*.ppm"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    if result.returncode != 0 or not pages:
        folder.cleanup()
        detail = (result.stderr or "").strip().splitlines()
        raise ExportError("The pages could not be prepared for printing"
                          + (f": {detail[-1]}" if detail else "."))
    return RasterPages(pages, dpi, folder=folder)


def render_pages(document, dpi: int, report: Report) -> RasterPages:
    """The worker's part: the PDF writer's pages, rasterised."""
    from lcplanner.writers.pdf_writer import render_pdf_bytes

    report("Typesetting…")
    pdf, warnings = render_pdf_bytes(document)
    report("Preparing pages for the printer…")
    pages = rasterise(pdf, dpi)
    pages.warnings = warnings
    return pages


def printer_dpi(printer: QPrinter) -> int:
    return max(72, min(MAX_DPI, printer.resolution()))


def prepare_printer(printer: QPrinter, landscape: bool, title: str) -> None:
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Landscape if landscape
                               else QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)  # the PDF's pages carry their own margins
    printer.setDocName(title)


def paint_pages(printer: QPrinter, pages: RasterPages) -> int:
    """Paint each page image onto the printer, fitted to the paper; return the page count."""
    printer.setFullPage(True)
    painter = QPainter()
    if not painter.begin(printer):
        raise ExportError("The printer could not be started.")
    try:
        for number, path in enumerate(pages.paths):
            if number and not printer.newPage():
                raise ExportError("The printer refused a new page.")
            image = QImage(str(path))
            if image.isNull():
                raise ExportError(f"Page {number + 1} could not be read back for printing.")
            area = QRectF(painter.viewport())
            size = QSizeF(image.size()).scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRectF(area.x() + (area.width() - size.width()) / 2,
                            area.y() + (area.height() - size.height()) / 2,
                            size.width(), size.height())
            painter.drawImage(target, image)
    finally:
        painter.end()
    return len(pages.paths)


# --- the menu commands ----------------------------------------------------------------------


class PrintJob:
    """One Print or Print Preview: compose, rasterise in the pool, then paint or preview."""

    def __init__(self, window, target: PrintTarget, printer: QPrinter | None = None):
        self.window = window
        self.target = target
        self.printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
        self.document = compose_document(window.doc.store, target.plan_id, target.kind,
                                         target.portfolio)
        prepare_printer(self.printer, bool(self.document.landscape), target.title)
        self.pages: RasterPages | None = None
        self.preview: QPrintPreviewDialog | None = None
        self.chooser = None
        self.job = None
        self.printed = 0

    def start(self, dpi: int, on_ready) -> None:
        self.job = run_job(lambda report: render_pages(self.document, dpi, report),
                           self.window, title="Print", first_stage="Typesetting…",
                           error_title="Cannot print", on_success=on_ready)

    def print_now(self) -> None:
        """Rasterise at the printer's resolution, then print."""
        self.start(printer_dpi(self.printer), self._print_ready)

    def _print_ready(self, pages: RasterPages) -> None:
        self.pages = pages
        try:
            self.printed = paint_pages(self.printer, pages)
        except ExportError as exc:
            from lcplanner.ui.opening import show_error

            show_error(self.window, "Cannot print", str(exc))
            return
        finally:
            pages.cleanup()
        self.window.statusBar().showMessage(
            f"Printed {self.target.title} ({self.printed} page"
            f"{'' if self.printed == 1 else 's'}).", 5000)

    def show_preview(self) -> None:
        self.start(min(PREVIEW_DPI, printer_dpi(self.printer)), self._preview_ready)

    def _preview_ready(self, pages: RasterPages) -> None:
        from lcplanner.ui.print_choice import add_chooser

        if self.preview is not None:  # another choice in the open preview: new pages
            old, self.pages = self.pages, pages
            if old is not None:
                old.cleanup()
            self._show_in_preview()
            return
        self.pages = pages
        preview = self.preview = QPrintPreviewDialog(self.printer, self.window)
        preview.setObjectName("printPreview")
        preview.paintRequested.connect(lambda printer: paint_pages(printer, self.pages))
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        preview.finished.connect(lambda _r: self.pages.cleanup())
        preview.resize(900, 1000)
        self.chooser = add_chooser(self)
        self._show_in_preview()
        preview.open()

    def _show_in_preview(self) -> None:
        self.preview.setWindowTitle(f"Print Preview — {self.target.title}")
        self.chooser.show_target()
        widget = self.preview.findChild(QPrintPreviewWidget)
        if widget is not None:
            widget.updatePreview()

    def retarget(self, target: PrintTarget) -> None:
        """Print Preview's choice changed: typeset that instead, then show its pages."""
        self.document = compose_document(self.window.doc.store, target.plan_id, target.kind,
                                         target.portfolio)
        self.target = target
        prepare_printer(self.printer, bool(self.document.landscape), target.title)
        self.start(min(PREVIEW_DPI, printer_dpi(self.printer)), self._preview_ready)


def _start(window, preview: bool) -> PrintJob | None:
    if window.doc is None:
        return None
    window.panes.flush()
    target = print_target(window)
    if target is None:
        return None
    try:
        job = PrintJob(window, target)
    except ValueError as exc:
        from lcplanner.ui.opening import show_error

        show_error(window, "Cannot print", str(exc))
        return None
    if shutil.which("pdftoppm") is None:
        from lcplanner.ui.opening import show_error

        show_error(window, "Cannot print", NO_PDFTOPPM)
        return None
    window._print_job = job  # kept alive until the next print
    if preview:
        job.show_preview()
        return job
    dialog = QPrintDialog(job.printer, window)
    dialog.setWindowTitle(f"Print {target.title}")
    if dialog.exec() == QPrintDialog.DialogCode.Accepted:
        job.print_now()
    return job


def print_document(window) -> PrintJob | None:
    """File → Print…"""
    return _start(window, preview=False)


def print_preview(window) -> PrintJob | None:
    """File → Print Preview…"""
    return _start(window, preview=True)
