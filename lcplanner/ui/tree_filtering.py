"""Find's filter inside the plan tree model: the model publishes only the rows asked for.

Views then lay the filtered tree out asking the model directly, with no proxy model between
(a filter proxy makes Qt call into Python two to three times as often for each row shown).
The model keeps, per row, the list of children views see (``shown``, the same list as
``children`` when no filter is on) and the row's place in it (``vrow``).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex

if TYPE_CHECKING:
    from lcplanner.ui.tree_model import _Item


class FilteredRows:
    """Mixed into :class:`PlanTreeModel`: which rows views see while Find filters the tree.

    The model sets ``_visible`` (None, or the set of rows seen) and ``_filtered`` (rows whose
    ``shown`` list is a filtered copy) and keeps them up to date through its edits.
    """

    @property
    def filtering(self) -> bool:
        return self._visible is not None

    def is_shown(self, item: _Item) -> bool:
        """Whether views see ``item`` (always, unless a filter hides it)."""
        return self._visible is None or item is self._root or item in self._visible

    def view_index(self, item: _Item | None) -> QModelIndex:
        """The index views see for ``item``, or an invalid one if a filter hides it."""
        if item is None or item is self._root or not self.is_shown(item):
            return QModelIndex()
        return self.createIndex(item.vrow, 0, item)

    def show_only(self, items: set[_Item] | None) -> None:
        """Publish only ``items`` (each given with its ancestors) to views, or every row again
        (None), in one layout change: views keep what they had expanded and selected where
        those rows are still seen.

        This is the Find filter: the model answers Qt from the filtered child lists directly,
        so laying out the result costs no call into Python beyond the model's own answers
        (a filter proxy in Python asked two to three times as much for each row)."""
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        for parent in self._filtered:
            parent.shown = parent.children
            for row, child in enumerate(parent.children):
                child.vrow = row
        self._filtered = set()
        self._visible = items
        if items is not None:
            self._filter_children(self._root)
            for item in items:
                if item.children:
                    self._filter_children(item)
        self.changePersistentIndexList(
            before, [self.view_index(index.internalPointer()) for index in before])
        self.layoutChanged.emit()

    def _filter_children(self, parent: _Item) -> None:
        """Work out which of ``parent``'s children views see (a filter is on)."""
        visible = self._visible
        shown = [child for child in parent.children if child in visible]
        for row, child in enumerate(shown):
            child.vrow = row
        parent.shown = shown
        self._filtered.add(parent)

    def _hide(self, item: _Item) -> None:
        """Take ``item`` and the rows below it out of the filtered rows."""
        stack = [item]
        while stack:
            current = stack.pop()
            self._visible.discard(current)
            stack.extend(current.children)

    def _move_filtered(self, item: _Item, new_parent: _Item, row: int) -> None:
        """A move while a filter is on, as one layout change: the row may leave or join what
        views see (it stays seen if it was and its new parent is)."""
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        if not self.is_shown(new_parent):
            self._hide(item)
        self._place(item, new_parent, row)
        self.changePersistentIndexList(
            before, [self.view_index(index.internalPointer()) for index in before])
        self.layoutChanged.emit()
