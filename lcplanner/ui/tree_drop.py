"""Drag and drop in the plan tree: a drop never edits, it asks for an undoable move."""
from __future__ import annotations

import json

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, Qt

from lcplanner.services.kinds import KINDS

MIME_TYPE = "application/x-lcplanner-items"


class TreeDrops:
    """Mixed into :class:`PlanTreeModel`: a drop is checked against the parent rules and
    turned into its ``move_requested`` signal, which the window makes into a command."""

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes) -> QMimeData:
        keys = [list(self.key_at(i)) for i in indexes if i.isValid()]
        data = QMimeData()
        data.setData(MIME_TYPE, QByteArray(json.dumps(keys).encode()))
        return data

    def _decode(self, data: QMimeData) -> tuple[str, int] | None:
        if data is None or not data.hasFormat(MIME_TYPE):
            return None
        try:
            keys = json.loads(bytes(data.data(MIME_TYPE)).decode())
        except ValueError:
            return None
        if len(keys) != 1:
            return None
        key = (str(keys[0][0]), int(keys[0][1]))
        return key if key in self._items else None

    def resolve_drop(self, data: QMimeData, row: int, parent: QModelIndex):
        """Where a drop would move the dragged row: (key, new parent key, index) or None."""
        key = self._decode(data)
        if key is None:
            return None
        target = self._item(parent)
        kind = key[0]
        if target.kind == kind and target is not self._root:  # dropped on a sibling: before it
            row, target = target.vrow, target.parent
        if KINDS[kind].parent != target.kind:
            return None
        item = self._items[key]
        ancestor = target
        while ancestor is not None:  # never into itself
            if ancestor is item:
                return None
            ancestor = ancestor.parent
        # ``row`` counts the rows shown (a filter may hide some): before the row-th shown one
        before = target.children[:target.shown[row].row] if 0 <= row < len(target.shown) \
            else target.children
        position = sum(1 for c in before if c.kind == kind and c is not item)
        return key, (None if target is self._root else target.key), position

    def canDropMimeData(self, data, action, row, column, parent) -> bool:
        if action != Qt.DropAction.MoveAction:
            return False
        return self.resolve_drop(data, row, parent) is not None

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        key, parent_key, position = self.resolve_drop(data, row, parent)
        self.move_requested.emit(key[0], key[1], None if parent_key is None else parent_key[1],
                                 position)
        # False: the move happens through an undo command; the view must not remove rows.
        return False
