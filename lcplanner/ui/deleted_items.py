"""File → Deleted Items…: what was deleted, where from and when, each restorable in place.

The list is kept in the store (``services.deleted``), so it survives a restart where undo
does not. Restoring is one undoable command; undoing it deletes the item again and puts it
back on the list with its original date.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QDialogButtonBox, QHeaderView,
                               QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout)

from lcplanner.services import EditError, deleted
from lcplanner.services.kinds import KINDS
from lcplanner.ui.commands import _Command, describe_counts, short_title
from lcplanner.ui.following import FollowingDialog

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1


class RestoreDeletedCommand(_Command):
    """Put a Deleted items entry back in its place (one undo step)."""

    def __init__(self, doc, entry: deleted.DeletedEntry):
        title = f" '{short_title(entry.title)}'" if entry.title else ""
        super().__init__(doc, f"Restore {KINDS[entry.kind].title.lower()}{title}")
        self.entry = entry
        self._entry_id = entry.id
        self._restored: deleted.Restored | None = None
        #: Why the restore was refused (a sentence for the user), or None.
        self.error: str | None = None

    def redo(self) -> None:
        try:
            self._redo()
        except EditError as exc:  # refused (its parent is gone): said in the dialog
            self.error = str(exc)
            self.setObsolete(True)
        except Exception as exc:  # noqa: BLE001 - any failure must leave the stack usable
            self.setObsolete(True)
            self.doc.report(exc)

    def _redo(self) -> None:
        self._restored = deleted.restore_entry(self.doc.store, self._entry_id)
        self.error = None
        r = self._restored
        self._show_restored(r.kind, r.item_id, r.parent_id)

    def _undo(self) -> None:
        r = self._restored
        _snap, self._entry_id = deleted.delete_to_bin(self.doc.store, r.kind, r.item_id,
                                                      deleted_at=self.entry.deleted_at)
        self._hide(r.kind, r.item_id, r.parent_id)

    @property
    def message(self) -> str:
        return self._restored.message if self._restored else ""


def when_text(moment) -> str:
    return f"{moment.day} {moment:%B %Y, %H:%M}"


class DeletedItemsDialog(FollowingDialog):
    """The store's Deleted items, newest first, with Restore."""

    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("deletedItemsDialog")
        self.setWindowTitle("Deleted Items")
        layout = QVBoxLayout(self)
        intro = QLabel(f"Everything deleted in this store in the last {deleted.KEEP_DAYS} "
                       "days. Restore puts an item back where it was, with everything that "
                       "was in it.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QTreeWidget()
        self.list.setAccessibleName("Deleted items")
        self.list.setHeaderLabels(["What", "Where from", "Deleted", "With it"])
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.list.currentItemChanged.connect(lambda *_a: self._update_buttons())
        self.list.itemActivated.connect(lambda *_a: self.restore_current())
        layout.addWidget(self.list)
        self.status = QLabel()
        self.status.setObjectName("deletedItemsStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = buttons.addButton("&Restore",
                                                QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(self.restore_current)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.follow()
        self.resize(760, 420)
        self.refresh()

    def refresh(self) -> None:
        """Read the list again (after a restore, its undo, or a delete)."""
        current = self.current_entry()
        self.list.clear()
        self._entries = deleted.entries(self.doc.store)
        for entry in self._entries:
            rest = dict(entry.counts)
            rest[entry.kind] = rest.get(entry.kind, 1) - 1
            item = QTreeWidgetItem([entry.what, entry.origin.capitalize() if entry.origin
                                    else "", when_text(entry.deleted_at),
                                    describe_counts(rest)])
            item.setData(0, ENTRY_ROLE, entry.id)
            item.setToolTip(1, entry.origin)
            self.list.addTopLevelItem(item)
            if current is not None and entry.id == current.id:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.topLevelItemCount():
            self.list.setCurrentItem(self.list.topLevelItem(0))
        for column in range(3):
            self.list.resizeColumnToContents(column)
        if not self._entries:
            self.status.setText("Nothing has been deleted in the last "
                                f"{deleted.KEEP_DAYS} days.")
        self._update_buttons()

    def current_entry(self) -> deleted.DeletedEntry | None:
        item = self.list.currentItem()
        if item is None:
            return None
        entry_id = item.data(0, ENTRY_ROLE)
        return next((e for e in getattr(self, "_entries", []) if e.id == entry_id), None)

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.current_entry() is not None
                                       and not self.doc.readonly)

    def restore_current(self) -> RestoreDeletedCommand | None:
        entry = self.current_entry()
        if entry is None or self.doc.readonly:
            return None
        self._window.panes.flush()
        command = RestoreDeletedCommand(self.doc, entry)
        self.doc.push(command)
        self.refresh()
        self.status.setText(command.error or command.message)
        return command



def show_deleted_items(window) -> DeletedItemsDialog | None:
    """File → Deleted Items…"""
    if window.doc is None:
        return None
    dialog = DeletedItemsDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    window._deleted_dialog = dialog
    return dialog
