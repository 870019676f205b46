"""Keeping the open store safe: automatic backups, restore, and the read-only mark.

* On opening, a backup is made when the newest is over a day old (reason ``on-open``).
* While editing, a backup is made 30 minutes after the first edit since the last backup
  (reason ``editing``); with no edits the timer does not run at all.
* Never for a read-only store.

Backups are copies through SQLite's backup API on their own connection, so they run on a worker
thread (a one-thread pool, so two never overlap) while the editor keeps its own connection open
in WAL mode. Before the store is closed or restored, running backups are waited for.
"""
from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel

from lcplanner.store.backup import BackupInfo, automatic_backup

log = logging.getLogger(__name__)

#: A backup on opening when the newest is older than this.
OPEN_BACKUP_EVERY = timedelta(days=1)
#: A backup this long after the first edit since the last backup.
EDIT_BACKUP_INTERVAL_MS = 30 * 60 * 1000

READ_ONLY_MESSAGE = "Read-only: changes cannot be saved"


class _Signals(QObject):
    finished = Signal(object, object)  # (these signals, the result)
    failed = Signal(object, str)  # (these signals, the message)


class _Job(QRunnable):
    """Run ``work`` on a pool thread and report back through queued signals."""

    def __init__(self, work, signals: _Signals):
        super().__init__()
        self.setAutoDelete(True)
        self._work = work
        self._signals = signals

    def run(self) -> None:  # noqa: D401 - Qt's name
        try:
            result = self._work()
        except Exception as exc:  # a failed backup is reported, never raised into Qt
            log.exception("backup failed")
            self._signals.failed.emit(self._signals, str(exc) or type(exc).__name__)
        else:
            self._signals.finished.emit(self._signals, result)


class SafetyNet(QObject):
    """Automatic backups, File → Backups… and the read-only mark for one main window."""

    #: A backup was made: (Path,).
    backup_made = Signal(object)
    #: An automatic backup failed: (message,).
    backup_failed = Signal(str)

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.doc = None
        self._connected = False
        self.dirty = False
        self._jobs: set[_Signals] = set()
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)

        self.edit_timer = QTimer(self)
        self.edit_timer.setObjectName("editBackupTimer")
        self.edit_timer.setSingleShot(True)
        self.edit_timer.setInterval(EDIT_BACKUP_INTERVAL_MS)
        self.edit_timer.timeout.connect(self.backup_after_edits)

        self.read_only_label = QLabel("Read-only")
        self.read_only_label.setObjectName("readOnlyLabel")
        self.read_only_label.setAccessibleName("Read-only store")
        self.read_only_label.setToolTip("This store is open read-only; changes cannot be saved.")
        self.read_only_label.setStyleSheet("QLabel { font-weight: bold; padding: 0 6px; }")
        self.read_only_label.hide()
        window.statusBar().addPermanentWidget(self.read_only_label)

        self.backups_action = QAction("&Backups…", window)
        self.backups_action.setObjectName("backupsAction")
        self.backups_action.setStatusTip("List this store's backups and restore one")
        self.backups_action.triggered.connect(self.show_backups)
        self.backups_action.setEnabled(False)
        self._add_to_file_menu()

    def _add_to_file_menu(self) -> None:
        menu = self.window.menus.get("file") if hasattr(self.window, "menus") else None
        if menu is None:
            return
        actions = menu.actions()
        anchor = getattr(getattr(self.window, "actions", None), "save_copy", None)
        before = None
        if anchor in actions and actions.index(anchor) + 1 < len(actions):
            before = actions[actions.index(anchor) + 1]
        menu.insertAction(before, self.backups_action) if before is not None \
            else menu.addAction(self.backups_action)

    # --- the open document ------------------------------------------------------------------

    def attach(self, doc) -> None:
        """A document was opened in the window."""
        self.doc = doc
        self.dirty = False
        has_file = doc.store.path is not None
        self.backups_action.setEnabled(has_file)
        self.read_only_label.setVisible(doc.readonly)
        self.window.tree.setDragEnabled(not doc.readonly)
        if doc.readonly:
            self.window.statusBar().showMessage(READ_ONLY_MESSAGE)
            return
        doc.undo_stack.indexChanged.connect(self._edited)
        doc.item_changed.connect(self._edited)
        self._connected = True
        if has_file:
            path = doc.store.path
            self._run(lambda: automatic_backup(path, every=OPEN_BACKUP_EVERY, reason="on-open"))

    def detach(self) -> None:
        """The document is about to close: stop the timer and let running backups finish."""
        self.edit_timer.stop()
        self.wait()
        if self.doc is not None and self._connected:
            for signal, slot in ((self.doc.undo_stack.indexChanged, self._edited),
                                 (self.doc.item_changed, self._edited)):
                try:
                    signal.disconnect(slot)
                except (RuntimeError, TypeError):
                    pass
        self.doc = None
        self._connected = False
        self.dirty = False
        self.backups_action.setEnabled(False)
        self.read_only_label.hide()
        self.window.tree.setDragEnabled(True)

    def _edited(self, *_args) -> None:
        if self.doc is None or self.doc.readonly:
            return
        self.dirty = True
        if not self.edit_timer.isActive():
            self.edit_timer.start()

    def backup_after_edits(self) -> None:
        """The editing timer ran out: back up if anything changed since the last backup."""
        doc = self.doc
        if doc is None or doc.readonly or doc.store.path is None or not self.dirty:
            return
        self.dirty = False
        self.window.panes.flush()  # what is typed is in the store before it is copied
        path = doc.store.path
        self._run(lambda: automatic_backup(path, every=timedelta(0), reason="editing"))

    # --- running backups off the GUI thread -------------------------------------------------

    def _run(self, work) -> None:
        signals = _Signals(self)
        self._jobs.add(signals)
        signals.finished.connect(self._finished)
        signals.failed.connect(self._failed)
        self.pool.start(_Job(work, signals))

    def _forget(self, signals: _Signals) -> None:
        self._jobs.discard(signals)
        signals.deleteLater()

    def _finished(self, signals: _Signals, made) -> None:
        self._forget(signals)
        if made is None:
            return
        self.window.statusBar().showMessage(f"Backed up as {Path(made).name}", 5000)
        self.backup_made.emit(made)

    def _failed(self, signals: _Signals, message: str) -> None:
        self._forget(signals)
        self.window.statusBar().showMessage(f"The automatic backup failed: {message}", 10000)
        self.backup_failed.emit(message)

    def busy(self) -> bool:
        return bool(self._jobs)

    def wait(self) -> None:
        """Wait for running backups and deliver their results."""
        self.pool.waitForDone()
        QCoreApplication.sendPostedEvents(self, int(QEvent.Type.MetaCall.value))

    # --- File → Backups… --------------------------------------------------------------------

    def show_backups(self) -> None:
        from lcplanner.ui.backups_dialog import BackupsDialog

        if self.doc is None or self.doc.store.path is None:
            return
        self.window.panes.flush()
        dialog = BackupsDialog(self.doc.store.path, self, readonly=self.doc.readonly,
                               parent=self.window)
        dialog.exec()
        dialog.deleteLater()

    def restore(self, backup: BackupInfo) -> bool:
        """Close the store, restore ``backup`` over it (current file kept aside), reopen it.

        The store's lock is held throughout, so nobody else opens it in between. Returns True
        when the backup was restored; either way the window shows the store afterwards.
        """
        from lcplanner.store.backup import restore_backup
        from lcplanner.store.errors import StoreError
        from lcplanner.ui import opening

        window, doc = self.window, self.doc
        if doc is None or doc.readonly or doc.store.path is None:
            return False
        path = doc.store.path
        window.panes.flush()
        lock, doc.lock = doc.lock, None  # keep the lock while the file is replaced
        window.set_document(None)
        restored, aside = False, None
        try:
            aside = restore_backup(backup.path, path)
            restored = True
        except (StoreError, OSError) as exc:
            opening.show_error(window, "Cannot restore backup",
                               f"{exc} The current file has not been changed.")
        except Exception as exc:  # never a traceback
            log.exception("restore failed")
            opening.show_error(window, "Cannot restore backup",
                               f"{backup.path.name} could not be restored ({exc}). The current "
                               "file has not been changed.")
        opened = opening.open_locked(window, path, lock)
        if opened is not None:
            window.set_document(opened)
        if restored:
            kept = f"; the previous file is kept as {aside.name}" if aside else ""
            window.statusBar().showMessage(f"Restored the backup from {backup.label}{kept}.",
                                           15000)
        return restored
