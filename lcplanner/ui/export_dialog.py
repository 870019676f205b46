"""File → Export → Word… and PDF…: choose what and where, then write it off the GUI thread.

The dialog reads its choices (plans, portfolios and their printed numbers) from the tree model,
never from the database. On Export the paper is composed on the GUI thread in one short
session (a few milliseconds), and the plain-data IR is handed to a pool worker that writes the
file (:mod:`lcplanner.ui.worker`), so the window keeps painting during a long export.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QPalette
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QMessageBox, QWidget

from lcplanner.settings import Settings
from lcplanner.ui.forms.ui_export_dialog import Ui_ExportDialog
from lcplanner.ui.tree_model import PlanTreeModel, Role
from lcplanner.ui.worker import Failure, Report, message_box, run_job

#: What can be exported, in menu order, with a label and a line of help.
KINDS: dict[str, tuple[str, str]] = {
    "committee-paper": ("Committee paper",
                        "The covering report with the plan as an appendix, as a committee "
                        "receives it."),
    "plan": ("Whole plan", "Cover, contents, narrative, themes, portfolios and priorities, "
                           "objectives and milestones."),
    "portfolio": ("Portfolio summary", "One portfolio as its holder prints it: priorities, "
                                       "lettered outputs and their status."),
    "timeline": ("Milestone timeline", "The plan's milestones on a month axis, landscape."),
}


@dataclass(frozen=True)
class Format:
    name: str
    suffix: str
    file_filter: str
    kinds: tuple[str, ...]
    stage: str


FORMATS = {
    "docx": Format("Word", ".docx", "Word documents (*.docx)",
                   ("committee-paper", "plan", "portfolio"), "Writing Word file…"),
    "pdf": Format("PDF", ".pdf", "PDF files (*.pdf)",
                  ("committee-paper", "plan", "portfolio", "timeline"), "Writing PDF…"),
}

NO_LIBREOFFICE = "LibreOffice is not installed"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


@dataclass(frozen=True)
class ExportRequest:
    """Everything the worker needs besides the composed paper; plain data."""

    fmt: str
    plan_id: int
    kind: str
    portfolio: int | None
    output: Path
    template: Path | None = None
    tagged: bool = False
    #: A committee paper's background papers list the changes from then on (UTC), if set.
    changes_since: datetime | None = None


def compose_document(store, plan_id: int, kind: str, portfolio: int | None,
                     changes_since: datetime | None = None):
    """The paper IR for ``plan_id`` (one short session; call on the GUI thread)."""
    from lcplanner.compose import compose
    from lcplanner.domain.model import Plan

    note = None
    if changes_since is not None:
        from lcplanner.services.history import changes_note

        note = changes_note(store, plan_id, changes_since)
    with store.session() as session:
        plan = session.get(Plan, plan_id)
        if plan is None:
            raise ValueError("The plan no longer exists.")
        return compose(plan, kind, portfolio=portfolio, changes=note)


def write_document(request: ExportRequest, document, report: Report) -> list[str]:
    """Write the composed paper (in the worker); return warnings for the user: what the
    composer could not fill (required parts left empty) first, then the writer's own."""
    return [*document.warnings, *_write_document(request, document, report)]


def _write_document(request: ExportRequest, document, report: Report) -> list[str]:
    if request.fmt == "docx":
        from lcplanner.writers.docx_writer import write_docx

        report(FORMATS["docx"].stage)
        return write_docx(document, request.output, template=request.template)
    if request.tagged:
        from lcplanner.writers.pdf_tagged import write_tagged_pdf

        report("Making a tagged PDF with LibreOffice…")
        return write_tagged_pdf(document, request.output)
    from lcplanner.writers.pdf_writer import write_pdf

    report(FORMATS["pdf"].stage)
    return write_pdf(document, request.output)


def suggested_name(plan_title: str, kind: str, portfolio: int | None, suffix: str) -> str:
    """"2020-21 Business Plan - Portfolio 2 summary.pdf": safe on every file system."""
    label = f"Portfolio {portfolio} summary" if kind == "portfolio" and portfolio else \
        KINDS[kind][0]
    title = _UNSAFE.sub("-", plan_title or "Plan").strip(" .-") or "Plan"
    return f"{title[:100]} - {label}{suffix}"


def plans_in(model: PlanTreeModel) -> list[tuple[int, str]]:
    rows = (model.index(r, 0) for r in range(model.rowCount()))
    return [(i.data(Role.ID), i.data(Qt.ItemDataRole.DisplayRole)) for i in rows
            if i.data(Role.KIND) == "plan"]


def portfolios_in(model: PlanTreeModel, plan_id: int) -> list[tuple[int, str]]:
    """(printed number, "2  Name") of each portfolio of the plan, as the tree numbers them."""
    plan = model.index_for(("plan", plan_id))
    found = []
    for row in range(model.rowCount(plan)):
        index = model.index(row, 0, plan)
        if index.data(Role.KIND) == "portfolio":
            number = index.data(Role.NUMBER)
            found.append((int(number), f"{number}  {index.data(Qt.ItemDataRole.DisplayRole)}"))
    return found


class ExportDialog(QDialog):
    """Choose kind, plan, portfolio, template or tagging, and the file; then export."""

    def __init__(self, fmt: str, doc, settings: Settings, current_key=None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(f"exportDialog_{fmt}")
        self.fmt, self.format = fmt, FORMATS[fmt]
        self.doc, self.settings = doc, settings
        self.job = None
        self.result_box: QMessageBox | None = None
        self._path_chosen = False  # once the user picks or types a path, stop suggesting
        self._confirmed: Path | None = None  # a path whose replacing the file dialog confirmed
        self.confirm_box: QMessageBox | None = None
        self.ui = Ui_ExportDialog()
        self.ui.setupUi(self)
        self.setWindowTitle(f"Export to {self.format.name}")
        self.export_button = self.ui.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.export_button.setText("&Export")

        ui = self.ui
        for kind in self.format.kinds:
            ui.kind.addItem(KINDS[kind][0], kind)
        model = doc.model
        for plan_id, title in plans_in(model):
            ui.plan.addItem(title, plan_id)

        ui.kind_help.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        ui.template_path.setToolTip("Leave blank for the house style, or choose your "
                                    "authority's own Word template")
        word = fmt == "docx"
        ui.form.setRowVisible(ui.template_row, word)
        ui.form.setRowVisible(ui.tagged, not word)
        ui.changes_since.setDate(QDate.currentDate().addDays(-7))
        ui.changes.setToolTip("List the plan's recorded changes from this date on under the "
                              "paper's background papers")
        ui.changes_since.setEnabled(False)
        ui.changes.toggled.connect(ui.changes_since.setEnabled)
        self._soffice = None
        if not word:
            from lcplanner.writers.libreoffice import find_soffice

            self._soffice = find_soffice()
            if self._soffice is None:
                ui.tagged.setEnabled(False)
                ui.tagged.setToolTip(NO_LIBREOFFICE)
            else:
                ui.tagged.setToolTip("Tagged for screen readers (accessibility regulations); "
                                     "slower, made from the Word export")

        # Defaults from the tree's selection.
        if current_key is not None and model.contains(current_key):
            plan = model.ancestor(current_key, "plan")
            if plan is not None:
                ui.plan.setCurrentIndex(max(0, ui.plan.findData(plan[1])))
        self._fill_portfolios()
        if current_key is not None and model.contains(current_key):
            portfolio = model.ancestor(current_key, "portfolio")
            if portfolio is not None:
                number = int(model.index_for(portfolio).data(Role.NUMBER))
                ui.portfolio.setCurrentIndex(max(0, ui.portfolio.findData(number)))
                ui.kind.setCurrentIndex(max(0, ui.kind.findData("portfolio")))

        ui.kind.currentIndexChanged.connect(self._kind_changed)
        ui.plan.currentIndexChanged.connect(self._plan_changed)
        ui.portfolio.currentIndexChanged.connect(self._suggest_path)
        ui.template_button.clicked.connect(self._choose_template)
        ui.output_button.clicked.connect(self._choose_output)
        ui.output_path.textEdited.connect(self._path_typed)
        ui.output_path.textChanged.connect(self._update_buttons)
        ui.buttons.accepted.connect(self.start_export)
        ui.buttons.rejected.connect(self.reject)
        self._kind_changed()

    # --- choices ----------------------------------------------------------------------------

    @property
    def kind(self) -> str:
        return self.ui.kind.currentData()

    @property
    def plan_id(self) -> int | None:
        return self.ui.plan.currentData()

    @property
    def portfolio(self) -> int | None:
        return self.ui.portfolio.currentData() if self.kind == "portfolio" else None

    def _fill_portfolios(self) -> None:
        combo = self.ui.portfolio
        combo.blockSignals(True)
        combo.clear()
        if self.plan_id is not None:
            for number, label in portfolios_in(self.doc.model, self.plan_id):
                combo.addItem(label, number)
        if combo.count() == 0:
            combo.addItem("This plan has no portfolios", None)
        combo.blockSignals(False)

    def _kind_changed(self, *_args) -> None:
        kind = self.kind
        self.ui.portfolio.setEnabled(kind == "portfolio")
        self.ui.label_portfolio.setEnabled(kind == "portfolio")
        self.ui.kind_help.setText(KINDS[kind][1])
        self.ui.form.setRowVisible(self.ui.changes_row, kind == "committee-paper")
        self._suggest_path()

    def _plan_changed(self, *_args) -> None:
        self._fill_portfolios()
        self._suggest_path()

    def _folder(self) -> Path:
        for key in ("files/export_folder", "files/last_folder"):
            folder = self.settings.get(key)
            if folder and Path(folder).is_dir():
                return Path(folder)
        return Path.home()

    def _suggest_path(self, *_args) -> None:
        if not self._path_chosen:
            title = self.ui.plan.currentText()
            name = suggested_name(title, self.kind, self.portfolio, self.format.suffix)
            self.ui.output_path.setText(str(self._folder() / name))
        self._update_buttons()

    def _path_typed(self, _text: str) -> None:
        self._path_chosen = True

    def _update_buttons(self, *_args) -> None:
        ready = (self.plan_id is not None and bool(self.ui.output_path.text().strip())
                 and (self.kind != "portfolio" or self.portfolio is not None))
        self.export_button.setEnabled(ready and self.job is None)

    def _choose_template(self) -> None:
        start = self.ui.template_path.text() or str(self._folder())
        path, _ = QFileDialog.getOpenFileName(self, "Choose a Word Template", start,
                                              "Word documents (*.docx);;All files (*)")
        if path:
            self.ui.template_path.setText(path)

    def _choose_output(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, f"Export to {self.format.name}",
                                              self.ui.output_path.text(),
                                              self.format.file_filter)
        if path:
            self.set_output(path)
            self._confirmed = self.output()  # the file dialog has asked about replacing it

    def set_output(self, path: str | Path) -> None:
        self._path_chosen = True
        self.ui.output_path.setText(str(path))

    def output(self) -> Path:
        path = Path(self.ui.output_path.text().strip()).expanduser()
        if path.suffix.lower() != self.format.suffix:
            path = path.with_name(path.name + self.format.suffix)
        return path

    def request(self) -> ExportRequest:
        template = self.ui.template_path.text().strip() if self.fmt == "docx" else ""
        return ExportRequest(self.fmt, self.plan_id, self.kind, self.portfolio, self.output(),
                             template=Path(template).expanduser() if template else None,
                             tagged=self.fmt == "pdf" and self.ui.tagged.isEnabled()
                             and self.ui.tagged.isChecked(), changes_since=self._since())

    def _since(self) -> datetime | None:
        if self.kind != "committee-paper" or not self.ui.changes.isChecked():
            return None
        from lcplanner.services.history import utc_from_local

        return utc_from_local(datetime.combine(self.ui.changes_since.date().toPython(), time()))

    # --- exporting --------------------------------------------------------------------------

    def _warn(self, title: str, text: str) -> None:
        self.result_box = message_box(self, QMessageBox.Icon.Warning, title, text)
        self.result_box.open()

    def start_export(self) -> None:
        """Compose on this thread, then write in the pool; the dialog waits, disabled."""
        if self.job is not None or not self.export_button.isEnabled():
            return
        request = self.request()
        if request.template is not None and not request.template.is_file():
            self._warn("Cannot export", f"The template {request.template} does not exist.")
            return
        from lcplanner.writers.targets import TargetError, check_target

        store_path = getattr(self.doc.store, "path", None)
        try:  # the output rule the command line applies (never the store, a device …)
            check_target(request.output, protect=[store_path] if store_path else [])
        except TargetError as exc:
            self._warn("Cannot export", str(exc))
            return
        if request.output.exists() and request.output != self._confirmed:
            self._ask_replace(request)
            return
        self._begin(request)

    def _ask_replace(self, request: ExportRequest) -> None:
        """Ask before replacing an existing file; export only on Replace."""
        box = message_box(self, QMessageBox.Icon.Question, "Replace file?",
                          f"{request.output.name} already exists in {request.output.parent}. "
                          "Replace it?")
        box.setStandardButtons(QMessageBox.StandardButton.Cancel)
        replace = box.addButton("&Replace", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.replace_button = replace

        def answered(_result: int) -> None:
            self.confirm_box = None
            if box.clickedButton() is replace:
                self._confirmed = request.output
                self._begin(request)

        box.finished.connect(answered)
        self.confirm_box = box
        box.open()

    def _begin(self, request: ExportRequest) -> None:
        if self.job is not None:
            return
        try:
            document = compose_document(self.doc.store, request.plan_id, request.kind,
                                        request.portfolio, request.changes_since)
        except ValueError as exc:
            self._warn("Cannot export", str(exc))
            return
        self.settings.set("files/export_folder", str(request.output.parent))
        self._set_busy(True)
        self.job = run_job(lambda report: write_document(request, document, report),
                           self.parentWidget() or self,
                           title=f"Export to {self.format.name}", first_stage="Composing…",
                           error_title="Export failed",
                           on_success=lambda warnings: self._exported(request, warnings),
                           on_failure=self._failed)

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.ui.kind, self.ui.plan, self.ui.portfolio, self.ui.template_path,
                       self.ui.template_button, self.ui.output_path, self.ui.output_button,
                       self.ui.changes):
            widget.setEnabled(not busy)
        self.ui.changes_since.setEnabled(not busy and self.ui.changes.isChecked())
        if not busy:
            self.ui.tagged.setEnabled(self.fmt == "pdf" and self._soffice is not None)
            self._kind_changed()
        self.ui.buttons.setEnabled(not busy)
        self._update_buttons()

    def reject(self) -> None:
        if self.job is None:  # a running export finishes; its file is never half-written
            super().reject()

    def _failed(self, _failure: Failure) -> None:
        self.job = None
        self._set_busy(False)

    def _exported(self, request: ExportRequest, warnings: list[str]) -> None:
        self.job = None
        parent = self.parentWidget()
        self.result_box = show_exported(parent, request.output, warnings)
        self.accept()


def show_exported(parent: QWidget | None, path: Path, warnings: list[str]) -> QMessageBox:
    """"Wrote …" with Open and Close; warnings listed (the first few inline, all in details)."""
    box = message_box(parent, QMessageBox.Icon.Information, "Export finished",
                      f"Wrote {path.name} in {path.parent}.")
    if warnings:
        box.setIcon(QMessageBox.Icon.Warning)
        shown = "\n".join(f"• {w}" for w in warnings[:5])
        more = f"\n… and {len(warnings) - 5} more (see details)." if len(warnings) > 5 else ""
        count = "1 warning" if len(warnings) == 1 else f"{len(warnings)} warnings"
        box.setInformativeText(f"{count}:\n{shown}{more}")
        box.setDetailedText("\n".join(warnings))
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    open_button = box.addButton("&Open", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(open_button)
    box.open_button = open_button

    def finished(_result: int) -> None:
        if box.clickedButton() is open_button:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    box.finished.connect(finished)
    box.open()
    return box


def open_export(window, fmt: str) -> ExportDialog | None:
    """File → Export → Word… / PDF…: show the dialog (window-modal, not blocking)."""
    if window.doc is None:
        return None
    window.panes.flush()  # export what was just typed
    dialog = ExportDialog(fmt, window.doc, window.settings, window.tree.current_key(), window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


__all__ = ["ExportDialog", "ExportRequest", "compose_document", "open_export", "show_exported",
           "suggested_name", "write_document"]
