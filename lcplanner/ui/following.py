"""A window's side dialog that stays current: read again after an undo or redo in its window,
and after a change another window or editor made to the store, while it is shown."""
from __future__ import annotations

import contextlib

from PySide6.QtWidgets import QDialog


class FollowingDialog(QDialog):
    """A dialog over ``window``'s open store; subclasses give :meth:`refresh` and call
    :meth:`follow` once their widgets exist."""

    def __init__(self, window):
        super().__init__(window)
        self._window = window
        self.doc = window.doc

    def follow(self) -> None:
        self.doc.undo_stack.indexChanged.connect(self._refresh_later)
        self._window.live.refreshed.connect(self._refresh_later)  # other windows and editors
        self.doc.destroyed.connect(self.close)  # another store opened: this list is not its

    def _refresh_later(self, *_args) -> None:
        if self.isVisible():
            self.refresh()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        with contextlib.suppress(RuntimeError, TypeError):  # already gone with the window
            self.doc.undo_stack.indexChanged.disconnect(self._refresh_later)
            self._window.live.refreshed.disconnect(self._refresh_later)
        super().closeEvent(event)
