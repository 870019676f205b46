"""The open store as the editor sees it: the tree model, the undo stack, change signals.

Passed explicitly to the window, panes and commands (no global). Widgets never hold a Session;
they ask this object's store through the service layer.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from lcplanner import services
from lcplanner.ui.tree_model import PlanTreeModel

if TYPE_CHECKING:
    from lcplanner.store.engine import Store

log = logging.getLogger(__name__)

#: Kinds edited as rows of a list in their parent's pane.
LISTED_IN_PARENT = frozenset(
    {k.name for k in services.KINDS.values() if not k.in_tree and k.parent is not None}
    | {"narrative_point", "pledge_point"})


class EditorDocument(QObject):
    """One open store with its tree model and undo history."""

    #: An item's fields changed in the store (by a command or its undo): (kind, id).
    item_changed = Signal(str, int)
    #: A command asks the window to select and show an item: ((kind, id),).
    select_requested = Signal(object)
    #: An edit could not be saved; the message is for the user.
    error_occurred = Signal(str)
    #: The server went away during an edit (the message says so); see :attr:`offline`.
    connection_lost = Signal(str)

    def __init__(self, store: Store, lock=None, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.lock = lock
        self.model = PlanTreeModel(self)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(1000)
        #: The server could not be reached at the last edit: typing waits in the panes until
        #: the window has connected again (``ui.reconnect``).
        self.offline = False
        from lcplanner.services import access

        #: What the connected user may change (a server's roles; everything in a file).
        self.rights = access.read_rights(store)
        self._access: dict[tuple[str, int], access.ItemAccess] = {}
        self.undo_stack.indexChanged.connect(lambda _i: self._access.clear())
        if not store.readonly and (self.rights.everything
                                   or "DELETE" in self.rights.writes.get("deleted_items", ())):
            from lcplanner.services import deleted

            deleted.purge(store)  # Deleted items are kept 30 days
        self.reload(rights=False)

    @property
    def readonly(self) -> bool:
        return self.store.readonly

    def access(self, kind: str, item_id: int):
        """May the user change this item (and if not, why): see :mod:`lcplanner.services.access`."""
        from lcplanner.services import access

        key = (kind, item_id)
        if key not in self._access:
            try:
                self._access[key] = access.item_access(self.store, self.rights, kind, item_id)
            except Exception:  # the server gone for a moment: offer it; the server decides
                log.exception("reading what may be changed failed")
                return access.ItemAccess(children=frozenset(
                    k.name for k in services.child_kinds(kind)))
        return self._access[key]

    def reload(self, *, rights: bool = True) -> None:
        """Read the whole tree again (after opening, or to recover from a failed edit), and
        the user's rights (an owner may have changed their role meanwhile)."""
        if rights:
            from lcplanner.services import access

            self.rights = access.read_rights(self.store)
        self._access.clear()
        self.model.load(services.load_tree(self.store), services.load_statuses(self.store))

    def push(self, command: QUndoCommand) -> None:
        if self.readonly:
            self.error_occurred.emit("This store is open read-only; changes cannot be saved.")
            return
        self.undo_stack.push(command)

    def refresh(self, kind: str, item_id: int) -> None:
        """Bring the tree row and any pane showing the item up to date with the store."""
        if kind in services.TREE_ORDER:
            node = services.load_node(self.store, kind, item_id)
            if node is not None:
                self.model.update_node(node)
        if kind in ("status_label", "plan"):
            self.model.set_statuses(services.load_statuses(self.store))
        self.item_changed.emit(kind, item_id)
        if kind in LISTED_IN_PARENT:
            # The item is a row of a list in its parent's pane (a recommendation, a point, a
            # status label …): that pane shows it too.
            parent = services.KINDS[kind].parent
            try:
                parent_id = services.position_of(self.store, kind, item_id)[0]
            except services.EditError:
                return
            self.item_changed.emit(parent, parent_id)

    def report(self, exc: BaseException) -> None:
        """An edit failed: tell the user, and re-read the tree so it matches the store.

        A server that went away is said in the status bar, not in a box: the typing is kept
        and saved when the server is back (nothing can be re-read until then)."""
        from lcplanner.store.errors import ConnectionLostError

        if isinstance(exc, ConnectionLostError):
            log.warning("edit failed: %s", exc)
            self.offline = True
            self.connection_lost.emit(str(exc))
            return
        log.exception("edit failed", exc_info=exc)
        self.error_occurred.emit(str(exc) or type(exc).__name__)
        try:
            self.reload()
        except Exception:  # the store itself is gone; the message above says enough
            log.exception("reload after a failed edit failed")

    def close(self) -> None:
        self.undo_stack.clear()
        self.store.close()
        if self.lock is not None:
            self.lock.release()
            self.lock = None
