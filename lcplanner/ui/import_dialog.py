"""File → Import Paper…: read a committee paper (Word, PDF or text), let the user review what
was recognised, then add it.

The importer runs in a pool worker (a long paper takes a moment); the review dialog shows the
paper's blocks with their roles beside the recognised tree, with counts and coverage, and lets
the user correct roles, merge and split blocks (:mod:`lcplanner.ui.review_dialog`). On Import
the store is backed up first, the plan as reviewed is added in one transaction, and the tree
gains the new plan's rows through the model's insert API; the whole import is one undo step
(:class:`~lcplanner.ui.commands.ImportCommand`). A paper already in the store is refused,
saying which plan holds it.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QLabel, QMessageBox,
                               QVBoxLayout, QWidget)

from lcplanner.ui.worker import Report, message_box, run_job

FILE_FILTER = ("Papers (*.docx *.pdf *.txt);;Word documents (*.docx);;PDF files (*.pdf);;"
               "Text files (*.txt);;All files (*)")


@dataclass
class ParsedPaper:
    """The importer's result: an unsaved plan, its review and what to show about it."""

    source: Path
    plan: object  # lcplanner.domain.model.Plan, not in any session yet
    description: str
    counts: dict[str, int]
    #: the blocks with their roles, for the user to correct (lcplanner.importers.review)
    review: object = None
    #: what the reader and the recogniser set aside or took as one, for the Details tab
    notes: str = ""

    @property
    def summary(self) -> str:
        from lcplanner.domain.counts import counted

        return ", ".join(counted(count, name) for name, count in self.counts.items()
                         if count) or "nothing"

    def take_review(self) -> None:
        """Import what the review now says (the recogniser's plan if nothing was corrected)."""
        from lcplanner.domain.counts import count_plan

        if self.review is not None:
            self.plan = self.review.plan()
            self.counts = count_plan(self.plan)


def parse_source(path: Path, report: Report) -> ParsedPaper:
    """The worker's part: read and recognise the paper, whatever its format (Word, PDF or text,
    told apart by content), and start its review; raises PaperImportError."""
    from lcplanner.domain.counts import count_plan
    from lcplanner.importers.paper_text import PaperImportError, describe
    from lcplanner.importers.review import Review
    from lcplanner.importers.source import furniture_report, read_paper

    try:
        read = read_paper(path, report)
    except PaperImportError as exc:
        raise PaperImportError(f"{path.name}: {exc}") from exc
    notes = ""
    if read.furniture or read.text_furniture:
        notes += "\n" + furniture_report(read.furniture, read.text_furniture)
    if read.merges:
        notes += f"\nMerged or kept as one: {len(read.merges)}"
        notes += "".join(f"\n  {what}" for what, _ in read.merges)
    if report:
        report("Matching the blocks with the plan…")
    review = Review(read)
    description = describe(read.plan) + "\n" + review.coverage().summary() + notes
    return ParsedPaper(path, read.plan, description, count_plan(read.plan), review, notes)


def plan_holding(store, digest: str | None) -> str | None:
    """The title of the plan imported from the same text, if any."""
    from sqlalchemy import select

    from lcplanner.domain.model import Plan

    if not digest:
        return None
    with store.session() as session:
        same = session.scalars(select(Plan).where(Plan.source_digest == digest)).first()
        return None if same is None else (same.title or "(untitled plan)")


def add_plan(store, plan) -> int:
    """Add the imported plan after the store's other plans, in one transaction."""
    from sqlalchemy import func, select

    from lcplanner.domain.model import Plan

    from lcplanner.importers.store_plan import add_imported_plan

    with store.transaction() as session:
        plan.position = session.scalar(select(func.count()).select_from(Plan)) or 0
        add_imported_plan(session, plan)  # one transaction, flushed a portfolio at a time
        return plan.id


class ImportPreview(QDialog):
    """The review: source blocks and the recognised tree, corrections, coverage; Import or
    Cancel (see :mod:`lcplanner.ui.review_dialog`)."""

    def __init__(self, parsed: ParsedPaper, parent: QWidget | None = None):
        super().__init__(parent)
        from lcplanner.ui.review_dialog import ReviewPanel

        self.parsed = parsed
        self.setObjectName("importPreview")
        self.setWindowTitle(f"Import Paper — {parsed.source.name}")
        self.resize(1180, 720)
        layout = QVBoxLayout(self)

        intro = QLabel(f"lcplanner recognised this plan in {parsed.source.name}. Check each "
                       "block's role; give a block another role by its key or its context "
                       "menu, merge or split blocks, and the plan on the right follows.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.counts = QLabel()
        self.counts.setObjectName("importCounts")
        self.counts.setWordWrap(True)
        self.counts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.counts)
        self.coverage = QLabel()
        self.coverage.setObjectName("importCoverage")
        self.coverage.setWordWrap(True)
        layout.addWidget(self.coverage)

        self.message = QLabel()
        self.message.setObjectName("reviewMessage")
        self.message.setWordWrap(True)
        self.panel = ReviewPanel(parsed.review, self, details=parsed.notes,
                                 on_change=self.review_changed, on_message=self.show_message)
        self.tree_text = self.panel.tree_text
        layout.addWidget(self.panel, 1)
        self.addAction(self.panel.undo_action)
        layout.addWidget(self.message)
        note = QLabel("Nothing is written until you press Import. The store is backed up "
                      "before the plan is added, and the whole import is one step that "
                      "Edit → Undo takes back.")
        note.setObjectName("importNote")
        note.setWordWrap(True)
        layout.addWidget(note)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.addButton("&Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.review_changed()
        self.panel.table.setFocus()  # Enter imports (the default button); Escape cancels

    def review_changed(self) -> None:
        """The counts and coverage of the plan as the review now stands."""
        from lcplanner.domain.counts import count_plan, counted

        review = self.parsed.review
        plan = review.plan()
        title = getattr(plan, "title", "") or "(untitled plan)"
        summary = ", ".join(counted(n, key) for key, n in count_plan(plan).items() if n) \
            or "nothing"
        corrected = sum(1 for block in review.blocks if block.changed)
        after = f" ({counted(corrected, 'corrected_blocks')})" if corrected else ""
        self.counts.setText(f"<b>{_escape(title)}</b>: {_escape(summary)}.{after}")
        self.coverage.setText(review.coverage_text() + ".")
        self.show_message("")

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def accept(self) -> None:
        self.parsed.take_review()
        super().accept()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class PaperImport:
    """One File → Import Paper… from choosing the file to selecting the new plan."""

    def __init__(self, window):
        self.window = window
        self.job = None
        self.preview: ImportPreview | None = None
        self.message: QMessageBox | None = None
        self.plan_id: int | None = None

    def _say(self, icon, title: str, text: str) -> None:
        self.message = message_box(self.window, icon, title, text)
        self.message.open()

    def start(self, path: str | Path) -> None:
        path = Path(path)
        self.window.settings.set("files/import_folder", str(path.parent))
        self.job = run_job(lambda report: parse_source(path, report), self.window,
                           title="Import Paper", first_stage="Reading the paper…",
                           error_title="Cannot import the paper", on_success=self._parsed)

    def _parsed(self, parsed: ParsedPaper) -> None:
        doc = self.window.doc
        if doc is None:
            return
        holder = plan_holding(doc.store, getattr(parsed.plan, "source_digest", None))
        if holder is not None:
            self._say(QMessageBox.Icon.Information, "Already imported",
                      f"{parsed.source.name} is already in this store as '{holder}'; "
                      "nothing was changed.")
            return
        self.preview = ImportPreview(parsed, self.window)
        self.preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview.accepted.connect(lambda: self.commit(parsed))
        self.preview.open()

    def commit(self, parsed: ParsedPaper) -> int | None:
        """Back up, add the plan, show it in the tree and select it."""
        from lcplanner.store.backup import backup_before, thin_backups
        from lcplanner.store.errors import StoreError

        window, doc = self.window, self.window.doc
        if doc is None or doc.readonly:
            return None
        window.panes.flush()
        backup = None
        if doc.store.path is not None:
            try:
                backup = backup_before(doc.store.path, reason="import")
                thin_backups(doc.store.path)  # import backups are thinned like the others
            except (OSError, StoreError) as exc:  # a full disk says so (DiskFullError)
                reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
                self._say(QMessageBox.Icon.Warning, "Cannot import the paper",
                          f"The store could not be backed up first ({reason}), "
                          "so nothing was imported.")
                return None
        try:
            plan_id = add_plan(doc.store, parsed.plan)
        except Exception as exc:  # noqa: BLE001 - the store is unchanged; say why
            self._say(QMessageBox.Icon.Warning, "Cannot import the paper",
                      f"The plan could not be added: {exc}. Nothing was changed.")
            return None
        from lcplanner.ui.commands import ImportCommand

        doc.push(ImportCommand(doc, plan_id, parsed.plan.title or parsed.source.name))
        self.plan_id = plan_id
        window.select_key(("plan", plan_id))
        index = window.tree.currentIndex()
        if index.isValid():
            window.tree.expand(index)
        kept = f" A backup was taken first: {backup.name}." if backup is not None else ""
        window.statusBar().showMessage(f"Imported {parsed.source.name}: {parsed.summary}.{kept}",
                                       10000)
        return plan_id


def import_paper(window, path: str | Path | None = None) -> PaperImport | None:
    """File → Import Paper…: choose a .docx, .pdf or .txt (unless ``path`` is given) and start."""
    doc = window.doc
    if doc is None:
        return None
    if doc.readonly:
        box = message_box(window, QMessageBox.Icon.Warning, "Cannot import the paper",
                          "This store is open read-only; nothing can be imported into it.")
        box.open()
        return None
    if path is None:
        folder = window.settings.get("files/import_folder") or \
            window.settings.get("files/last_folder") or str(Path.home())
        path, _ = QFileDialog.getOpenFileName(window, "Import Paper", folder, FILE_FILTER)
        if not path:
            return None
    run = PaperImport(window)
    window._paper_import = run  # kept alive until the next import
    run.start(path)
    return run
