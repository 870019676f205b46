"""Slow work off the GUI thread: run a callable in a QThreadPool, report back by signal.

The shape of Picard's ``run_task`` and Anki's ``CollectionOp``: the GUI thread copies what the
work needs (a composed paper IR, a file name), a pool thread does the rest, and the result or
the error comes back as a queued signal, so the window keeps painting and never freezes.

``run_job`` adds what every user-facing job wants: a busy progress dialog with the current
stage ("Composing…", "Writing Word file…") and a clear message when the job fails. Errors the
user can act on (:class:`ExportError`, :class:`PaperImportError`) show their own sentence;
anything else says it was unexpected and carries the traceback as details.
"""
from __future__ import annotations

import logging
import traceback
from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

log = logging.getLogger(__name__)

#: Called from the worker with the text of the stage it has reached.
Report = Callable[[str], None]

#: Errors whose message is written for the user; anything else is a bug, shown as unexpected.
EXPECTED_ERRORS: tuple[type[BaseException], ...] = ()


def _expected_errors() -> tuple[type[BaseException], ...]:
    global EXPECTED_ERRORS
    if not EXPECTED_ERRORS:
        from lcplanner.importers.paper_text import PaperImportError
        from lcplanner.writers.atomic import ExportError

        EXPECTED_ERRORS = (ExportError, PaperImportError)
    return EXPECTED_ERRORS


@dataclass(frozen=True)
class Failure:
    """A job's error as the GUI thread receives it."""

    error: BaseException
    details: str

    @property
    def expected(self) -> bool:
        return isinstance(self.error, _expected_errors())

    @property
    def message(self) -> str:
        return str(self.error) or type(self.error).__name__


_DOCUMENT_POOL: QThreadPool | None = None


def document_pool() -> QThreadPool:
    """One worker thread for document jobs: reportlab and python-docx keep module-level state
    (font registries, settings) that is not safe to use from two threads at once, so exports,
    previews and imports queue behind one another instead of racing."""
    global _DOCUMENT_POOL
    if _DOCUMENT_POOL is None:
        _DOCUMENT_POOL = QThreadPool()
        _DOCUMENT_POOL.setMaxThreadCount(1)
    return _DOCUMENT_POOL


class Job(QObject):
    """One callable run in the pool. Signals arrive on the thread that made the job."""

    #: The stage reached, for a progress label.
    progressed = Signal(str)
    #: The callable's return value.
    succeeded = Signal(object)
    #: A :class:`Failure`.
    failed = Signal(object)
    #: After ``succeeded`` or ``failed``.
    finished = Signal()

    # Cross-thread hops: emitted in the pool thread, delivered queued on the job's thread.
    _progress = Signal(str)
    _result = Signal(object)
    _error = Signal(object)

    def __init__(self, fn: Callable[[Report], Any], parent: QObject | None = None):
        super().__init__(parent)
        self._fn = fn
        self.running = False
        queued = Qt.ConnectionType.QueuedConnection
        self._progress.connect(self.progressed, queued)
        self._result.connect(self._on_result, queued)
        self._error.connect(self._on_error, queued)

    def start(self, pool: QThreadPool | None = None) -> Job:
        self.running = True
        (pool or document_pool()).start(_Runnable(self))
        return self

    def _run(self) -> None:  # in the pool thread
        try:
            result = self._fn(self._progress.emit)
        except BaseException as exc:  # noqa: BLE001 - every error must reach the GUI
            self._error.emit(Failure(exc, traceback.format_exc()))
        else:
            self._result.emit(result)

    @Slot(object)
    def _on_result(self, result) -> None:
        self.running = False
        self.succeeded.emit(result)
        self.finished.emit()

    @Slot(object)
    def _on_error(self, failure: Failure) -> None:
        self.running = False
        if not failure.expected:
            log.error("background job failed\n%s", failure.details)
        self.failed.emit(failure)
        self.finished.emit()


class _Runnable(QRunnable):
    def __init__(self, job: Job):
        super().__init__()
        self._job = job
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            self._job._run()
        except RuntimeError:  # the job's owner was closed meanwhile: nobody to tell
            log.warning("a background job finished after its window closed")


def run_task(fn: Callable[[Report], Any], parent: QObject, *,
             on_success: Callable[[Any], None] | None = None,
             on_failure: Callable[[Failure], None] | None = None,
             pool: QThreadPool | None = None) -> Job:
    """Run ``fn(report)`` in the pool; call back on the GUI thread. No user interface."""
    job = Job(fn, parent)
    if on_success is not None:
        job.succeeded.connect(on_success)
    if on_failure is not None:
        job.failed.connect(on_failure)
    job.finished.connect(job.deleteLater)
    return job.start(pool)


def run_job(fn: Callable[[Report], Any], parent: QWidget, *, title: str, first_stage: str,
            on_success: Callable[[Any], None],
            on_failure: Callable[[Failure], None] | None = None,
            error_title: str | None = None, pool: QThreadPool | None = None) -> Job:
    """Run ``fn`` with a busy progress dialog over ``parent``; show a message if it fails.

    ``on_failure`` runs after the message has been shown (to re-enable a dialog, say).
    """
    progress = QProgressDialog(first_stage, "", 0, 0, parent)
    progress.setObjectName("jobProgress")
    progress.setWindowTitle(title)
    progress.setCancelButton(None)  # a half-written file is never left behind; no cancel
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumWidth(360)
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    # A quick job never flashes a dialog; a slow one shows it after a moment.
    show_timer = QTimer(progress, singleShot=True, interval=250)
    show_timer.timeout.connect(progress.show)
    show_timer.start()

    job = Job(fn, parent)
    job.progress_dialog = progress
    job.progressed.connect(progress.setLabelText)

    def done() -> None:
        show_timer.stop()
        progress.hide()
        progress.deleteLater()

    def failed(failure: Failure) -> None:
        done()
        show_failure(parent, error_title or f"{title} failed", failure)
        if on_failure is not None:
            on_failure(failure)

    def succeeded(result) -> None:
        done()
        on_success(result)

    job.succeeded.connect(succeeded)
    job.failed.connect(failed)
    job.finished.connect(job.deleteLater)
    return job.start(pool)


# --- messages -------------------------------------------------------------------------------


def message_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str, *,
                details: str = "", informative: str = "") -> QMessageBox:
    """A window-modal message box, opened without blocking (``open``, not ``exec``)."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("jobMessage")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    if informative:
        box.setInformativeText(informative)
    if details:
        box.setDetailedText(details)
    return box


def show_failure(parent: QWidget | None, title: str, failure: Failure) -> QMessageBox:
    """Tell the user why the job failed: their sentence, or "unexpected" with the details."""
    if failure.expected:
        box = message_box(parent, QMessageBox.Icon.Warning, title, failure.message)
    else:
        box = message_box(
            parent, QMessageBox.Icon.Critical, title,
            f"An unexpected error stopped the work: {failure.message}",
            informative="Nothing in the store was changed. Please report this, with the "
                        "details below.",
            details=failure.details)
    box.open()
    return box
