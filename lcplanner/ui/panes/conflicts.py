"""How a pane deals with others' changes: the version each field was read at, and theirs
beside yours when a save is refused (see :class:`~lcplanner.ui.panes.conflict.ConflictBar`).

A mixin of :class:`~lcplanner.ui.panes.base.FieldPane`, kept apart so the pane's own module
stays about binding, showing and saving fields.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QListWidget, QPlainTextEdit

from lcplanner.services.kinds import KINDS
from lcplanner.ui.commands import SetFieldCommand
from lcplanner.ui.panes.conflict import as_text, last_change_text
from lcplanner.ui.widgets.ordered_list import ID_ROLE


class ConflictHandling:
    """Saved versions, refused saves, Keep theirs and Use yours for a field pane."""

    def _saved(self, key: tuple[str, int], name: str, value: Any, saved) -> None:
        """A save of the field went through: later saves are checked against its version."""
        if key != (self.kind, self.item_id):
            return
        self._read[name] = (saved.version, value)
        if self.details is not None:
            self.details.version = saved.version
        self.last_change.setText(last_change_text(saved.changed_by, saved.changed_at))

    def _open_conflict_field(self) -> str | None:
        conflict = self.conflict_bar.conflict
        if conflict is None or (conflict.kind, conflict.item_id) != (self.kind, self.item_id):
            return None
        return conflict.name

    def _field_label(self, name: str) -> str:
        label = getattr(self.ui, f"label_field_{name}", None)
        text = label.text().replace("&", "").rstrip(": ") if label is not None else ""
        return f"the {(text or name.replace('_', ' ')).lower()}"

    def _conflict(self, conflict, yours: Any) -> None:
        """Someone else changed the field since it was read: keep the user's text in the field,
        show theirs beside it, save nothing until the user chooses."""
        here = (conflict.kind, conflict.item_id) == (self.kind, self.item_id)
        if here or self.conflict_bar.conflict is None:
            self.conflict_bar.item_heading = self.ui.heading.text() if here else \
                f"{KINDS[conflict.kind].title} {conflict.item_id}"
        shown = (lambda v: self._shown_value(conflict.name, v)) if here else as_text
        self.conflict_bar.show_conflict(conflict, yours, self._field_label(conflict.name), shown)
        self._name_conflict_item()
        status = getattr(self.window(), "statusBar", None)  # said there too, not in a box
        if status is not None:
            status().showMessage(str(conflict), 10000)

    def _shown_value(self, name: str, value: Any) -> str:
        """A field's value as its widget shows it: a choice's or a check list's names."""
        widget = self.widgets.get(name)
        if isinstance(widget, QComboBox):
            found = widget.findData(value)
            return widget.itemText(found) if found >= 0 else as_text(value)
        if isinstance(widget, QCheckBox):
            return "Ticked" if value else "Not ticked"
        if isinstance(widget, QListWidget):
            wanted = set(value or [])
            return "\n".join(widget.item(i).text() for i in range(widget.count())
                             if widget.item(i).data(ID_ROLE) in wanted) or "None"
        return as_text(value)

    def show_conflict(self, conflict, yours: Any) -> None:
        """A change made outside the pane's own fields (a rename in the tree) was refused: the
        field shows the user's text and the bar shows theirs beside it, as for typing here."""
        self._conflict(conflict, yours)
        widget = self.widgets.get(conflict.name)
        if widget is not None and (conflict.kind, conflict.item_id) == (self.kind, self.item_id):
            self._pending.pop(conflict.name, None)
            self._set_widget(conflict.name, widget, yours)

    def _row_conflict(self, widget, conflict, yours: Any) -> None:
        """An edit of a row of one of the pane's lists was refused: the row keeps the user's
        text, the bar shows theirs beside it."""
        self.conflict_bar.item_heading = self.ui.heading.text()
        self.conflict_bar.show_conflict(conflict, yours, f"the {widget.noun}", as_text)
        self._name_conflict_item()
        if conflict.name == widget.field and conflict.version is not None:
            widget.show_text(conflict.item_id, as_text(yours))
        status = getattr(self.window(), "statusBar", None)
        if status is not None:
            status().showMessage(str(conflict), 10000)

    def _in_a_list(self, conflict) -> bool:
        """True when the conflict is about a row of one of the lists the pane shows."""
        return any(w.kind == conflict.kind and w.parent_id == self.item_id
                   and conflict.item_id in w.ids() for w in self.lists.values())

    def _name_conflict_item(self) -> None:
        """The bar names the item it is about when the pane shows another one."""
        conflict = self.conflict_bar.conflict
        if conflict is not None:
            here = (conflict.kind, conflict.item_id) == (self.kind, self.item_id) or \
                self._in_a_list(conflict)
            self.conflict_bar.set_item_shown(here)

    def keep_theirs(self) -> None:
        """Drop the user's text for the stored one."""
        conflict = self.conflict_bar.conflict
        if conflict is None:
            return
        in_a_list = self._in_a_list(conflict)
        self.conflict_bar.clear()
        self._pending.pop(conflict.name, None)
        if (conflict.kind, conflict.item_id) == (self.kind, self.item_id):
            self._on_item_changed(self.kind, self.item_id)
        elif in_a_list and self.details is not None:  # the row shows theirs again
            self.fill_lists(self.details)

    def use_yours(self) -> None:
        """Save the user's text over theirs, knowingly (on the version they left)."""
        conflict = self.conflict_bar.conflict
        if conflict is None or conflict.version is None:
            return
        here = (conflict.kind, conflict.item_id) == (self.kind, self.item_id)
        yours = self.conflict_bar.yours
        widget = self.widgets.get(conflict.name)
        if here and isinstance(widget, (QLineEdit, QPlainTextEdit)):
            self._pending.pop(conflict.name, None)
            yours = widget.text() if isinstance(widget, QLineEdit) else \
                self._text_of(conflict.name, widget)
        self.conflict_bar.clear()
        key = (conflict.kind, conflict.item_id)
        self.doc.push(SetFieldCommand(
            self.doc, conflict.kind, conflict.item_id, conflict.name, yours, merge=False,
            expected_version=conflict.version, base=conflict.current,
            on_saved=lambda saved: self._saved(key, conflict.name, yours, saved),
            on_conflict=lambda again: self._conflict(again, yours)))
        if here and self.details is not None:
            self.details.values[conflict.name] = yours
