"""Edit → Find and Replace (Ctrl+H): every change over the current plan listed first, the
officer unticks what should stay, and Replace All is one undo step that undo puts right."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QPushButton, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout)

from lcplanner import services
from lcplanner.services import replace
from lcplanner.services.kinds import KINDS
from lcplanner.ui.commands import short_title

#: Characters of context shown either side of the first match in the preview.
CONTEXT = 30


def snippet(text: str, needle_at: int, length: int) -> str:
    """The text around a match, on one line, with "…" where it was cut."""
    # little before the match, more after: the change itself must show in a narrow column
    flat_start = max(0, needle_at - CONTEXT // 3)
    end = min(len(text), needle_at + length + CONTEXT)
    piece = " ".join(text[flat_start:end].split())
    return ("…" if flat_start else "") + piece + ("…" if end < len(text) else "")


class ReplaceCommand(QUndoCommand):
    """Write the chosen replacements in one transaction; undo writes every old text back."""

    def __init__(self, doc, changes: list[replace.Change], needle: str, replacement: str):
        places = sum(c.count for c in changes)
        super().__init__(f"Replace '{short_title(needle, 20)}' with "
                         f"'{short_title(replacement, 20)}' ({places} "
                         f"place{'s' if places != 1 else ''})")
        self.doc, self.changes = doc, changes

    def _write(self, values, expected) -> None:
        edits = [(c.kind, c.id, c.field, v) for c, v in zip(self.changes, values)]
        replace.set_fields(self.doc.store, edits, expected)
        for key in dict.fromkeys((c.kind, c.id) for c in self.changes):
            self.doc.refresh(*key)

    def redo(self) -> None:
        try:
            self._write([c.after for c in self.changes], [c.before for c in self.changes])
        except Exception as exc:  # noqa: BLE001 - a failed replace must leave the stack usable
            self.setObsolete(True)
            self.doc.report(exc)

    def undo(self) -> None:
        try:
            self._write([c.before for c in self.changes], None)
        except Exception as exc:  # noqa: BLE001
            self.setObsolete(True)
            self.doc.report(exc)


class ReplaceDialog(QDialog):
    """Find what, replace with, match case, whole words; a preview of every change."""

    def __init__(self, window, plan_id: int, plan_title: str):
        super().__init__(window)
        self.setObjectName("replaceDialog")
        self.setWindowTitle("Find and Replace")
        self._window, self.plan_id = window, plan_id
        self.changes: list[replace.Change] = []

        self.find_edit = QLineEdit()
        self.find_edit.setAccessibleName("Find what")
        self.replace_edit = QLineEdit()
        self.replace_edit.setAccessibleName("Replace with")
        self.match_case = QCheckBox("Match &case")
        self.whole_words = QCheckBox("&Whole words only")
        form = QFormLayout()
        find_label, replace_label = QLabel("Fi&nd what:"), QLabel("Re&place with:")
        find_label.setBuddy(self.find_edit)
        replace_label.setBuddy(self.replace_edit)
        form.addRow(find_label, self.find_edit)
        form.addRow(replace_label, self.replace_edit)
        options = QHBoxLayout()
        options.addWidget(self.match_case)
        options.addWidget(self.whole_words)
        options.addStretch(1)
        form.addRow(options)

        self.scope = QLabel(f"In: {plan_title}")
        self.preview = QTreeWidget()
        self.preview.setObjectName("replacePreview")
        self.preview.setAccessibleName("Changes to make")
        self.preview.setHeaderLabels(["Item", "Field", "Before", "After"])
        self.preview.setRootIsDecorated(False)
        header = self.preview.header()
        header.setStretchLastSection(False)
        # what changes needs the room: the item and field names are short, before and after
        # share the rest (each still resizable by hand); the full texts are in the tooltips
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.preview.setColumnWidth(0, 170)
        self.preview.setColumnWidth(1, 70)
        self.summary = QLabel()
        self.summary.setObjectName("replaceSummary")

        buttons = QDialogButtonBox()
        self.replace_all = QPushButton("Replace &All")
        buttons.addButton(self.replace_all, QDialogButtonBox.ButtonRole.AcceptRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText("C&lose")
        close.clicked.connect(self.close)
        self.replace_all.clicked.connect(self.apply)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.scope)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.resize(760, 480)

        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self.refresh)
        for edit in (self.find_edit, self.replace_edit):
            edit.textChanged.connect(lambda _t: self._timer.start())
        for box in (self.match_case, self.whole_words):
            box.toggled.connect(lambda _c: self.refresh())
        self.preview.itemChanged.connect(lambda _i, _c: self._update_summary())
        self.refresh()

    # --- the preview ------------------------------------------------------------------------

    def refresh(self) -> None:
        """Search again and list every change, all ticked."""
        self._timer.stop()
        self.preview.clear()
        self.changes = []
        needle = self.find_edit.text()
        doc = self._window.doc
        if needle and doc is not None:
            self._window.panes.flush()
            self.changes = replace.find_changes(
                doc.store, self.plan_id, needle, self.replace_edit.text(),
                match_case=self.match_case.isChecked(),
                whole_words=self.whole_words.isChecked())
            regex = replace.pattern(needle, self.match_case.isChecked(),
                                    self.whole_words.isChecked())
            self.preview.blockSignals(True)
            for change in self.changes:
                found = regex.search(change.before)
                at = found.start() if found else 0
                after_at = at  # the replacement starts where the first match did
                row = QTreeWidgetItem([
                    self._where(change), change.field.replace("_", " "),
                    snippet(change.before, at, len(found.group()) if found else 0),
                    snippet(change.after, after_at, len(self.replace_edit.text()))])
                row.setToolTip(2, change.before)
                row.setToolTip(3, change.after)
                row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                row.setCheckState(0, Qt.CheckState.Checked)
                self.preview.addTopLevelItem(row)
            self.preview.blockSignals(False)
        self._update_summary()

    def _where(self, change: replace.Change) -> str:
        title = KINDS[change.kind].title
        model = self._window.doc.model
        number = ""
        if model.contains((change.kind, change.id)):
            from lcplanner.ui.tree_model import Role

            number = model.data(model.index_for((change.kind, change.id)), Role.NUMBER) or ""
        name = short_title(change.item, 40)
        return " ".join(p for p in (title, number, f"'{name}'" if name else "") if p)

    def chosen(self) -> list[replace.Change]:
        return [c for n, c in enumerate(self.changes)
                if self.preview.topLevelItem(n).checkState(0) == Qt.CheckState.Checked]

    def _update_summary(self) -> None:
        chosen = self.chosen()
        places = sum(c.count for c in chosen)
        if not self.find_edit.text():
            text = "Type the text to find."
        elif not self.changes:
            text = "No matches in this plan."
        else:
            text = (f"{places} place{'s' if places != 1 else ''} in {len(chosen)} of "
                    f"{len(self.changes)} field{'s' if len(self.changes) != 1 else ''} "
                    f"will change.")
        self.summary.setText(text)
        self.replace_all.setEnabled(bool(chosen) and not self._window.doc.readonly)

    # --- doing it ---------------------------------------------------------------------------

    def apply(self) -> int:
        """Replace All: the ticked changes as one undo step; returns how many fields changed."""
        chosen = self.chosen()
        if not chosen:
            return 0
        doc = self._window.doc
        doc.push(ReplaceCommand(doc, chosen, self.find_edit.text(), self.replace_edit.text()))
        self._window.statusBar().showMessage(doc.undo_stack.undoText() + ".", 8000)
        self.refresh()
        return len(chosen)


def open_replace(window) -> ReplaceDialog | None:
    """Ctrl+H: the dialog over the plan of the selected row (or the first plan)."""
    doc = window.doc
    if doc is None:
        return None
    key = window.tree.current_key()
    plan = doc.model.ancestor(key, "plan") if key else None
    if plan is None:
        first = doc.model.root_item().children
        plan = first[0].key if first else None
    if plan is None:
        return None
    details = services.details(doc.store, "plan", plan[1])
    dialog = ReplaceDialog(window, plan[1], details.values["title"] if details else "")
    text = window.find_box.text() if hasattr(window, "find_box") else ""
    if text:
        dialog.find_edit.setText(text)
        dialog.refresh()
    dialog.show()
    dialog.find_edit.setFocus()
    return dialog
