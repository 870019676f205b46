"""What the View and Help menus do to the window: text zoom, fitting the screen, and the list
of keyboard shortcuts (read from the actions themselves, so it is never out of date)."""
from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

#: Text zoom steps, in points added to the normal size.
ZOOM_RANGE = (-4, 12)


class TextZoom:
    """Ctrl++ / Ctrl+- / Ctrl+0: the tree's and panes' text larger or smaller, remembered."""

    def __init__(self, window: QWidget, settings):
        self._window, self._settings = window, settings
        self._base = window.font().pointSizeF()
        self.step = 0
        self.set_step(settings.get("view/text_zoom"))

    def set_step(self, step: int) -> None:
        self.step = max(ZOOM_RANGE[0], min(ZOOM_RANGE[1], int(step)))
        font = self._window.font()
        font.setPointSizeF(self._base + self.step)
        self._window.setFont(font)
        self._settings.set("view/text_zoom", self.step)

    def zoom_in(self) -> None:
        self.set_step(self.step + 1)

    def zoom_out(self) -> None:
        self.set_step(self.step - 1)

    def reset(self) -> None:
        self.set_step(0)


def fit_to_screen(window: QWidget, available: QRect) -> None:
    """Keep the window (frame included) inside the screen's available area: smaller where it
    would not fit (a 1366×768 laptop, or 150% scaling), moved where it hangs off an edge."""
    frame = window.frameGeometry()
    extra_w = frame.width() - window.width()
    extra_h = frame.height() - window.height()
    width = min(window.width(), available.width() - extra_w)
    height = min(window.height(), available.height() - extra_h)
    if (width, height) != (window.width(), window.height()):
        window.resize(max(width, 320), max(height, 240))
    frame = window.frameGeometry()
    x = min(max(frame.x(), available.x()), available.right() + 1 - frame.width())
    y = min(max(frame.y(), available.y()), available.bottom() + 1 - frame.height())
    if (x, y) != (frame.x(), frame.y()):
        window.move(max(x, available.x()), max(y, available.y()))


def shortcut_rows(actions: list[QAction]) -> list[tuple[str, str]]:
    """(command, keys) for every action with a shortcut, in menu order, without "&"."""
    rows = []
    for action in actions:
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
        keys = [k for k in keys if k]
        if keys:
            name = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
            rows.append((name.rstrip("…").rstrip("."), ", ".join(keys)))
    return rows


class ShortcutsDialog(QDialog):
    """Help → Keyboard Shortcuts."""

    def __init__(self, rows: list[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setHorizontalHeaderLabels(["Command", "Keys"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for row, (name, keys) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(name))
            self.table.setItem(row, 1, QTableWidgetItem(keys))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.resizeColumnToContents(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(460, 520)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
