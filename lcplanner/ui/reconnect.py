"""When the server goes away mid-edit: say so plainly, keep the typing, save it on return.

A change that finds the server gone (``ConnectionLostError``) marks the document offline
instead of showing a box: the status bar says that the server is not answering and that what
is typed is kept. The panes keep their typing pending meanwhile (``panes.base``), and a timer
asks the server every few seconds whether it is back; once it is, the typing is saved, the
window reads the store again (others may have changed it meanwhile), and the status bar says
so. Typing is saved only on the version it was based on: a field someone changed while the
server was away shows theirs beside the user's text in the pane instead (``panes.conflicts``). The engine's pool checks each connection before use (``pool_pre_ping``), so connections
the server dropped are replaced rather than failing the next save.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox

#: How often a server that went away is asked again (milliseconds).
RETRY_MS = 2000


class Reconnector(QObject):
    """Retries an offline document's server and saves the kept typing when it answers."""

    #: The server answered again and the kept typing was saved.
    reconnected = Signal()

    def __init__(self, window):
        super().__init__(window)
        self._window = window
        self.timer = QTimer(self)
        self.timer.setInterval(RETRY_MS)
        self.timer.timeout.connect(self.try_again)
        self.message = ""

    def attach(self, doc) -> None:
        doc.connection_lost.connect(self.lost)

    def detach(self) -> None:
        self.timer.stop()

    def lost(self, message: str) -> None:
        """Say it in the status bar until the server is back."""
        self.message = (f"{message} The server is not answering: what you type is kept, and "
                        "saved as soon as it is back.")
        self._window.statusBar().showMessage(self.message)
        if not self.timer.isActive():
            self.timer.start()

    def try_again(self) -> bool:
        """Ask the server; when it answers, save what was kept and read the store again."""
        doc = self._window.doc
        if doc is None or not doc.offline:
            self.timer.stop()
            return False
        if not doc.store.reachable():
            if not self._window.statusBar().currentMessage():  # another message went by
                self._window.statusBar().showMessage(self.message)
            return False
        doc.offline = False
        already = self._window.panes.open_conflict()
        self._window.panes.flush()
        if doc.offline:  # gone again while saving: the next attempt will tell
            return False
        self.timer.stop()
        self._window.live.refresh()
        self._window._current_changed(self._window.tree.current_key())  # the pane follows
        name = doc.store.name or "the store"
        refused = self._window.panes.open_conflict()
        if refused is not None and refused is not already:  # someone changed it meanwhile: theirs beside yours, unsaved
            self._window.statusBar().showMessage(f"Connected to {name} again. {refused}", 15000)
        else:
            self._window.statusBar().showMessage(
                f"Connected to {name} again; what you typed has been saved.", 15000)
        self.reconnected.emit()
        return True

    def may_close(self) -> bool:
        """Closing while the server is away: ask first when typing would be lost."""
        if not self._window.panes.has_pending():
            return True
        box = QMessageBox(QMessageBox.Icon.Warning, "The server is not answering",
                          "What you typed since the server went away has not been saved yet: "
                          "closing now loses it. Keep the window open until the server is "
                          "back, or copy the text somewhere safe first.",
                          QMessageBox.StandardButton.Cancel, self._window)
        close = box.addButton("&Close Anyway", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is close
