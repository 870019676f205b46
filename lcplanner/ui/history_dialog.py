"""History: what changed, who changed it and when, read from the store's change history.

Two views of the same record (``services.history``): History… in the tree's context menu
lists every change to one item, and File → Changes Since… lists a plan's changes from a date
on (what a committee paper's background note gives; see ``lcplanner export --changes-since``).
Both follow the store: an edit here or in another editor shows at once.
"""
from __future__ import annotations

from datetime import datetime, time

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (QDateEdit, QDialogButtonBox, QFormLayout, QHeaderView,
                               QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout)

from lcplanner.services import history
from lcplanner.services.kinds import KINDS
from lcplanner.ui.following import FollowingDialog
from lcplanner.ui.tree_model import Role

COLUMNS = ["When", "Who", "Item", "Field", "Before", "After"]
_ACTIONS = {history.ADDED: "Added", history.MOVED: "Moved", history.DELETED: "Deleted",
            history.RESTORED: "Restored"}


def row_texts(change: history.Change) -> list[str]:
    """The columns of one change: when (local time), who, item, field, before, after."""
    when = history.local_time(change.changed_at)
    field = history.field_name(change.field) if change.action == history.CHANGED \
        else _ACTIONS.get(change.action, change.action)
    return [f"{when.day} {when:%B %Y, %H:%M}", change.changed_by, change.what, field,
            change.old_value or "", change.new_value or ""]


class HistoryDialog(FollowingDialog):
    """A list of changes, oldest first; for one item, or for a plan since a date."""

    def __init__(self, window, *, key: tuple[str, int] | None = None,
                 plan_id: int | None = None, title: str = ""):
        super().__init__(window)
        self.setObjectName("historyDialog")
        self.key, self.plan_id = key, plan_id
        layout = QVBoxLayout(self)
        self.since: QDateEdit | None = None
        if key is not None:
            self.setWindowTitle(f"History of {KINDS[key[0]].title.lower()} {key[1]}")
            intro = QLabel(f"Every change recorded for {title or 'this item'}, oldest first.")
        else:
            self.setWindowTitle("Changes Since")
            intro = QLabel(f"The changes recorded for {title or 'the plan'} from the date "
                           "below on, oldest first.")
            form = QFormLayout()
            self.since = QDateEdit(QDate.currentDate().addDays(-7))
            self.since.setCalendarPopup(True)
            self.since.setDisplayFormat("d MMMM yyyy")
            self.since.setAccessibleName("Changes since")
            self.since.dateChanged.connect(lambda *_a: self.refresh())
            form.addRow("Changes &since:", self.since)
            layout.addLayout(form)
        intro.setWordWrap(True)
        layout.insertWidget(0, intro)
        self.list = QTreeWidget()
        self.list.setAccessibleName("Changes")
        self.list.setHeaderLabels(COLUMNS)
        self.list.setRootIsDecorated(False)
        self.list.setWordWrap(True)
        self.list.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        layout.addWidget(self.list)
        self.status = QLabel()
        self.status.setObjectName("historyStatus")
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.follow()
        self.resize(860, 420)
        self.refresh()

    def since_utc(self) -> datetime | None:
        if self.since is None:
            return None
        day = self.since.date().toPython()
        return history.utc_from_local(datetime.combine(day, time()))

    def refresh(self) -> None:
        if self.key is not None:
            changes = history.item_history(self.doc.store, *self.key)
        else:
            changes = history.plan_history(self.doc.store, self.plan_id, self.since_utc())
        self.changes = changes
        self.list.clear()
        for change in changes:
            item = QTreeWidgetItem(row_texts(change))
            for column in (4, 5):
                item.setToolTip(column, item.text(column))
            self.list.addTopLevelItem(item)
        for column in range(4):
            self.list.resizeColumnToContents(column)
        count = len(changes)
        self.status.setText("No changes recorded." if not count else
                            f"{count} change{'s' if count != 1 else ''}.")



def _show(window, dialog: HistoryDialog) -> HistoryDialog:
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    window._history_dialog = dialog
    return dialog


def show_item_history(window) -> HistoryDialog | None:
    """History… for the item selected in the tree."""
    key = window.tree.current_key() if window.doc is not None else None
    if key is None:
        return None
    window.panes.flush()  # what is being typed is part of the history too
    label = window.doc.model.index_for(key).data(Role.TEXT) or ""
    title = f"{KINDS[key[0]].title.lower()} '{label}'" if label else ""
    return _show(window, HistoryDialog(window, key=key, title=title))


def show_changes_since(window) -> HistoryDialog | None:
    """File → Changes Since…: the selected plan's changes (the first plan's if none)."""
    if window.doc is None:
        return None
    window.panes.flush()
    key = window.tree.current_key()
    plan = window.doc.model.ancestor(key, "plan") if key else None
    if plan is None:
        plans = [i.key for i in window.doc.model.items_in_order() if i.key[0] == "plan"]
        plan = plans[0] if plans else None
    plan_id = plan[1] if plan else None
    title = f"'{window.doc.model.index_for(plan).data(Role.TEXT)}'" if plan else ""
    return _show(window, HistoryDialog(window, plan_id=plan_id, title=title))
