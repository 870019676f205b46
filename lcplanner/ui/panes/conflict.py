"""What a pane shows when someone else changed a field while the user was typing in it.

The user's text is never thrown away: the field keeps it, and this bar shows it beside the
text now stored, saying whose change that is ("Changed by asha at 10:42"), with two choices:
Keep theirs (the field takes the stored text) or Use yours (the user's text is saved over it,
knowingly). Until one is chosen, nothing of the user's text is saved.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QFrame, QGridLayout, QHBoxLayout, QLabel, QPlainTextEdit,
                               QPushButton, QVBoxLayout, QWidget)

from lcplanner.services.concurrency import ConflictError, describe_change
from lcplanner.ui.colours import warning_colour


def as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    return str(value)


def last_change_text(changed_by: str, changed_at) -> str:
    """"Last changed by asha at 10:42" for an item pane."""
    if not changed_by and changed_at is None:
        return ""
    if not changed_by:
        return f"Last changed {describe_change('', changed_at, nobody='')}"
    return f"Last changed by {describe_change(changed_by, changed_at)}"


class ConflictBar(QFrame):
    """Theirs beside yours, for one field of one item, until the user chooses."""

    keep_theirs_requested = Signal()
    use_yours_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("conflict_bar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.conflict: ConflictError | None = None
        self.yours: Any = None
        #: The heading of the item the conflict is about ("Output 1.2 a").
        self.item_heading = ""
        self._field_label = ""
        outer = QVBoxLayout(self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        colour = warning_colour(self.palette())
        self.message.setStyleSheet(f"font-weight: bold; color: {colour.name()};")
        outer.addWidget(self.message)
        grid = QGridLayout()
        self.theirs_label = QLabel("Theirs (saved now)", self)
        self.yours_label = QLabel("Yours (not saved)", self)
        self.theirs_text = QPlainTextEdit(self)
        self.yours_text = QPlainTextEdit(self)
        for column, (label, box) in enumerate(((self.theirs_label, self.theirs_text),
                                               (self.yours_label, self.yours_text))):
            box.setReadOnly(True)
            box.setMaximumHeight(110)
            grid.addWidget(label, 0, column)
            grid.addWidget(box, 1, column)
        outer.addLayout(grid)
        buttons = QHBoxLayout()
        self.keep_theirs = QPushButton("Keep theirs", self)
        self.use_yours = QPushButton("Use yours", self)
        self.keep_theirs.setToolTip("Drop your text and show the saved one")
        self.use_yours.setToolTip("Save your text in place of theirs")
        self.keep_theirs.clicked.connect(self.keep_theirs_requested)
        self.use_yours.clicked.connect(self.use_yours_requested)
        buttons.addStretch(1)
        buttons.addWidget(self.keep_theirs)
        buttons.addWidget(self.use_yours)
        outer.addLayout(buttons)
        self.hide()

    def show_conflict(self, conflict: ConflictError, yours: Any, field_label: str,
                      shown: Callable[[Any], str] = as_text) -> None:
        """``shown`` words a value as the field shows it (a choice's name rather than its id)."""
        self.conflict, self.yours, self._field_label = conflict, yours, field_label
        self.theirs_text.setPlainText(shown(conflict.current))
        self.yours_text.setPlainText(shown(yours))
        self.set_item_shown(True)
        self.show()

    def set_item_shown(self, shown: bool) -> None:
        """Word the message for the item on show, or name the item when another is shown."""
        conflict = self.conflict
        if conflict is None:
            return
        where = "" if shown or not self.item_heading else f" ({self.item_heading})"
        field_label = self._field_label
        if conflict.version is None:
            self.message.setText(f"Deleted by someone else while you were editing it{where}. "
                                 "Your text is below; it was not saved.")
            self.use_yours.setEnabled(False)
        else:
            self.message.setText(
                f"Changed by {describe_change(conflict.changed_by, conflict.changed_at)} "
                f"while you were editing {field_label}{where}. Your text was not saved: "
                "choose which to keep.")
            self.use_yours.setEnabled(True)

    def clear(self) -> None:
        self.conflict, self.yours = None, None
        self.hide()
