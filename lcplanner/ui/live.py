"""A live store: the window follows changes saved by other windows and processes.

Every second the store's watcher (``store.watch``) says whether someone else has committed;
if so the tree is read again, keeping the current row, the expanded rows and the Find filter,
and the open pane is brought up to date. A pane with typing not yet saved (or a row of one of
its lists being edited) is left alone until that is saved, and the tree waits while a row is
renamed in place, so nothing typed is ever overwritten. File → Reload (F5) does the
same on demand. Read-only windows follow too: that is how they stay current.

On a PostgreSQL server the watcher LISTENs for the notices other editors' writes send; its
socket is watched by a ``QSocketNotifier``, so a change shows as soon as it is committed (the
timer stays as a fallback and keeps retrying after the server was lost).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, QSocketNotifier, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView

if TYPE_CHECKING:
    from lcplanner.store.watch import StoreWatcher

#: How often the store is asked whether it changed (one PRAGMA: next to free).
POLL_MS = 1000


def _editing_in(widget) -> bool:
    """True while a row of a list or tree in ``widget`` is being edited in place."""
    views = [widget] if isinstance(widget, QAbstractItemView) else []
    views += widget.findChildren(QAbstractItemView)
    return any(v.state() == QAbstractItemView.State.EditingState for v in views)


class LiveStore(QObject):
    """Polls the open store and refreshes the window when another connection changed it."""

    #: The tree was read again after an outside change or a Reload.
    refreshed = Signal()

    def __init__(self, window):
        super().__init__(window)
        self._window = window
        self._watcher: StoreWatcher | None = None
        #: The pane still shows the store as it was (it had typing pending at the refresh).
        self.pane_stale = False
        #: The tree is due a refresh, put off while one of its rows is being renamed.
        self.tree_stale = False
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)
        self._notifier: QSocketNotifier | None = None

    def _watch_socket(self) -> None:
        """Follow the watcher's socket (a server's notices), which changes on reconnecting."""
        fileno = self._watcher.fileno() if self._watcher is not None else None
        if self._notifier is not None and self._notifier.socket() == fileno:
            return
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if fileno is not None:
            self._notifier = QSocketNotifier(fileno, QSocketNotifier.Type.Read, self)
            self._notifier.activated.connect(self.poll)

    def attach(self, doc) -> None:
        self.detach()
        from lcplanner.store.watch import StoreWatcher  # SQLAlchemy: not before first paint

        self._watcher = StoreWatcher(doc.store)
        self._watch_socket()
        self.timer.start()

    def detach(self) -> None:
        self.timer.stop()
        self.pane_stale = self.tree_stale = False
        if self._watcher is not None:
            self._watcher.close()
            self._watcher = None
        self._watch_socket()

    def poll(self) -> None:
        if self._watcher is None or self._window.doc is None or self._window.doc.offline:
            return  # nothing can be read from a server that has gone away (ui.reconnect)
        changed = self._watcher.changed()
        self._watch_socket()
        if changed or self.tree_stale:
            if _editing_in(self._window.tree):  # a rename in progress: after it
                self.tree_stale = True
                return
            self.refresh()
        elif self.pane_stale:
            self.refresh_pane()

    def reload(self) -> None:
        """File → Reload: save pending typing, then read everything again now."""
        if self._window.doc is None:
            return
        self._window.panes.flush()
        if self._watcher is not None:
            self._watcher.changed()  # what is about to be read counts as seen
        self.refresh()
        self._window.statusBar().showMessage("Reloaded the store.", 3000)

    # --- refreshing -------------------------------------------------------------------------

    def _expanded_keys(self) -> list:
        tree, proxy = self._window.tree, self._window.proxy
        keys, pending = [], [QModelIndex()]
        while pending:
            parent = pending.pop()
            for row in range(proxy.rowCount(parent)):
                index = proxy.index(row, 0, parent)
                if tree.isExpanded(index):
                    keys.append(tree.source_key(index))
                    pending.append(index)
        return keys

    def _ancestry(self, key) -> list:
        """``key`` and its ancestors, nearest first (to fall back on if it went)."""
        model, chain = self._window.doc.model, []
        while key is not None:
            chain.append(key)
            key = model.parent_key(key) if model.contains(key) else None
        return chain

    def refresh(self) -> None:
        """Read the tree again, keeping the current row, expansion and Find filter."""
        w = self._window
        doc = w.doc
        if doc is None:
            return
        self.tree_stale = False
        key = w.tree.current_key()
        ancestry = self._ancestry(key)
        expanded = self._expanded_keys()
        w.tree.blockSignals(True)  # the pane must not be reloaded for a row that stays
        try:
            doc.reload()
            if w.proxy.needle:
                w.proxy.set_needle(w.proxy.needle, force=True)
            model = doc.model
            for expanded_key in expanded:
                if model.contains(expanded_key):
                    w.tree.expand(w.proxy.mapFromSource(model.index_for(expanded_key)))
            keep = next((k for k in ancestry if model.contains(k)), None)
            if keep is not None:
                w.select_key(keep)
        finally:
            w.tree.blockSignals(False)
        now = w.tree.current_key()
        w.find_bar._show_count(w.proxy.match_at(now))  # "2 of 5" counts the new matches
        if now != key:
            w._current_changed(now)
        else:
            self.refresh_pane()
            w._after_command(0)
        self.refreshed.emit()

    def refresh_pane(self) -> None:
        """Bring the open pane up to date, unless typing in it is waiting to be saved."""
        w = self._window
        pane = w.panes.current_pane()
        if pane is None or pane.item_id is None or w.doc is None:
            self.pane_stale = False
            return
        if pane.has_pending() or _editing_in(pane):
            self.pane_stale = True
            return
        self.pane_stale = False
        w.doc.item_changed.emit(pane.kind, pane.item_id)
