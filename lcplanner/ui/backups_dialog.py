"""File → Backups…: the open store's backups, newest first, with Restore… and Open Folder."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHBoxLayout,
                               QHeaderView, QLabel, QMessageBox, QPushButton, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout, QWidget)

from lcplanner.store.backup import BackupInfo, backup_folder, list_backups

BACKUP_ROLE = Qt.ItemDataRole.UserRole + 1

_REASONS = {"on-open": "On opening", "editing": "While editing", "manual": "Made by hand",
            "automatic": "Automatic", "import": "Before an import",
            "before-import": "Before an import"}


def describe_reason(reason: str) -> str:
    if reason in _REASONS:
        return _REASONS[reason]
    if reason.startswith("upgrade-v"):
        return f"Before upgrading (from store version {reason[len('upgrade-v'):]})"
    return reason.replace("-", " ").capitalize() or "Unknown"


def describe_size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def describe_when(when: datetime) -> str:
    return f"{when.day} {when:%B %Y, %H:%M:%S}"


def aside_name(store_path: Path, now: datetime | None = None) -> str:
    """The name the current file will be kept under (as ``restore_backup`` names it)."""
    now = now or datetime.now()
    return f"{store_path.stem}.before-restore-{now:%Y%m%d-%H%M%S}{store_path.suffix}"


def confirm_restore(parent: QWidget | None, backup: BackupInfo, store_path: Path) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, "Restore Backup",
                      f"Restore the backup from {describe_when(backup.when)} into "
                      f"{store_path.name}?",
                      QMessageBox.StandardButton.Cancel, parent)
    box.setInformativeText(
        f"The current file is kept as {aside_name(store_path)}, beside it. The store is "
        "closed, replaced by the backup and opened again; changes made since the backup are "
        "only in the kept file.")
    restore = box.addButton("&Restore", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is restore


class BackupsDialog(QDialog):
    """Lists ``store_path``'s backups; restores one through ``safety`` (a SafetyNet)."""

    def __init__(self, store_path: Path, safety=None, *, readonly: bool = False,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("backupsDialog")
        self.setWindowTitle(f"Backups of {store_path.name}")
        self.store_path = Path(store_path)
        self.safety = safety
        self.readonly = readonly
        self.restored = False

        intro = QLabel(
            "lcplanner backs up this store when you open it (once a day) and after every 30 "
            "minutes of editing, keeping recent backups and then one a day, week and month. "
            "Newest first.")
        intro.setWordWrap(True)

        self.list = QTreeWidget()
        self.list.setObjectName("backupList")
        self.list.setAccessibleName("Backups")
        self.list.setAccessibleDescription("The store's backups, newest first")
        self.list.setHeaderLabels(["When", "Reason", "Size"])
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAllColumnsShowFocus(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.list.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.list.header().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.list.currentItemChanged.connect(lambda *_a: self._update_buttons())
        intro.setBuddy(self.list)

        self.empty_label = QLabel("This store has no backups yet.")
        self.empty_label.setObjectName("noBackups")

        self.restore_button = QPushButton("&Restore…")
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setAccessibleName("Restore the selected backup")
        self.restore_button.setAutoDefault(False)
        self.restore_button.clicked.connect(self.restore_selected)
        self.folder_button = QPushButton("Open &Folder")
        self.folder_button.setObjectName("openFolderButton")
        self.folder_button.setAccessibleName("Open the backups folder")
        self.folder_button.setAutoDefault(False)
        self.folder_button.clicked.connect(self.open_folder)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close")

        row = QHBoxLayout()
        row.addWidget(self.restore_button)
        row.addWidget(self.folder_button)
        row.addStretch(1)
        row.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list)
        layout.addWidget(self.empty_label)
        if readonly:
            note = QLabel("The store is open read-only, so a backup cannot be restored into it.")
            note.setWordWrap(True)
            note.setObjectName("readOnlyNote")
            layout.addWidget(note)
        layout.addLayout(row)
        self.setTabOrder(self.list, self.restore_button)
        self.setTabOrder(self.restore_button, self.folder_button)
        self.resize(620, 380)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        self.backups = list_backups(self.store_path)
        for backup in self.backups:
            try:
                size = describe_size(backup.path.stat().st_size)
            except OSError:
                size = "missing"
            item = QTreeWidgetItem([describe_when(backup.when), describe_reason(backup.reason),
                                    size])
            item.setData(0, BACKUP_ROLE, backup)
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(0, str(backup.path))
            self.list.addTopLevelItem(item)
        self.empty_label.setVisible(not self.backups)
        if self.backups:
            self.list.setCurrentItem(self.list.topLevelItem(0))
        self.list.setFocus()
        self._update_buttons()

    def selected(self) -> BackupInfo | None:
        item = self.list.currentItem()
        return item.data(0, BACKUP_ROLE) if item is not None else None

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None and not self.readonly
                                       and self.safety is not None)
        self.folder_button.setEnabled(backup_folder(self.store_path).is_dir())

    def restore_selected(self) -> bool:
        backup = self.selected()
        if backup is None or self.readonly or self.safety is None:
            return False
        if not confirm_restore(self, backup, self.store_path):
            return False
        self.restored = self.safety.restore(backup)
        if self.restored:
            self.accept()
        else:
            self.refresh()
        return self.restored

    def open_folder(self) -> None:
        folder = backup_folder(self.store_path)
        if folder.is_dir():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
