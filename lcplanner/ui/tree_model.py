"""The plan tree as a thin Qt adapter over light nodes.

The model holds ids, positions and a line of text per row (``services.Node``), never ORM
objects, so it cannot go stale against the store and loads 50,000 rows quickly. A small
mutation API (:meth:`PlanTreeModel.insert_nodes`, :meth:`remove_node`, :meth:`move_node`,
:meth:`update_node`) emits exact row signals; undo commands call it after the service call has
committed. Numbers and letters ("1.3", "b", "ii") are derived from positions on every paint, so
they are right after any move or undo; the model tells views which rows' numbers changed.

Drag and drop never edits directly: a drop is checked against the parent rules and turned into
a ``move_requested`` signal, which the window makes into an undoable command (``tree_drop``).
Find filters the tree inside the model, which then publishes only the rows found
(``tree_filtering``); the status marks are drawn in ``status_marks``.
"""
from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt, Signal

from lcplanner.domain.numbering import arabic, letter, roman
from lcplanner.services.kinds import KINDS, TREE_ORDER
from lcplanner.ui.status_marks import SHAPES, status_icon, status_shape
from lcplanner.ui.tree_drop import MIME_TYPE, TreeDrops
from lcplanner.ui.tree_filtering import FilteredRows

if TYPE_CHECKING:  # the service layer loads SQLAlchemy; the model needs only its names
    from lcplanner.services.read import Node, StatusInfo

_KIND_RANK = {name: rank for rank, name in enumerate(TREE_ORDER)}


class Role(IntEnum):
    """Data the window and delegates read from a row besides its display text."""

    KIND = Qt.ItemDataRole.UserRole + 1
    ID = Qt.ItemDataRole.UserRole + 2
    KEY = Qt.ItemDataRole.UserRole + 3
    NUMBER = Qt.ItemDataRole.UserRole + 4
    TEXT = Qt.ItemDataRole.UserRole + 5
    STATUS_NAME = Qt.ItemDataRole.UserRole + 6
    STATUS_COLOUR = Qt.ItemDataRole.UserRole + 7
    LEVEL = Qt.ItemDataRole.UserRole + 8
    #: A short muted word before rows whose kind the number alone does not tell ("Theme").
    TAG = Qt.ItemDataRole.UserRole + 9


#: Kinds whose rows carry a tag; portfolios, priorities, outputs and points show numbers only.
TAGS = {"paper": "Paper", "section": "Section", "theme": "Theme", "service_group": "Group",
        "work_area": "Work area", "objective": "Objective", "sub_priority": "Sub-priority",
        "milestone": "Milestone", "pledge_area": "Pledges", "pledge": "Pledge",
        "paper_section": "Section",
        "policy_event": "Event"}


class _Item:
    """A row: a light node plus where it sits among its siblings."""

    __slots__ = ("kind", "id", "parent", "children", "row", "position", "text", "haystack",
                 "level", "status_id", "shown", "vrow", "version")

    def __init__(self, node: Node | None, parent: _Item | None = None):
        self.parent = parent
        self.children: list[_Item] = []
        #: The children views see: the same list as ``children`` unless a filter is on.
        self.shown: list[_Item] = self.children
        self.row = 0
        #: Where views see this row among its parent's shown children.
        self.vrow = 0
        if node is None:  # the invisible root
            self.kind, self.id, self.position, self.text = None, 0, 0, ""
            self.haystack, self.level, self.status_id = "", 0, None
            self.version = 0
        else:
            self.kind, self.id, self.position = node.kind, node.id, node.position
            self.text, self.level, self.status_id = node.text, node.level, node.status_id
            self.haystack = f"{node.text}\n{node.search}".casefold()
            #: The version the row's text was read at (a rename in place is checked against it).
            self.version = node.version

    @property
    def key(self) -> tuple[str, int]:
        return (self.kind, self.id)

    def sort_key(self):
        return (_KIND_RANK[self.kind], self.position)


def _kind_flags(kind: str) -> Qt.ItemFlag:
    flags = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
             | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
             | Qt.ItemFlag.ItemIsEditable)
    if not any(k.parent == kind for k in KINDS.values() if k.in_tree):
        flags |= Qt.ItemFlag.ItemNeverHasChildren
    return flags


#: Each kind's row flags, worked out once (Qt asks for them on every row it lays out).
_FLAGS = {name: _kind_flags(name) for name in KINDS}
#: The same for a row that holds no rows at the moment. Qt reads flags afresh each time, and a
#: row saying it has no children spares the tree view two more calls into Python (is it
#: expanded? does it have children?) for each such row it lays out: after a search, most of
#: the rows shown are outputs without sub-points. Once a child is added the row's flags say
#: so again, and the view learns of the child from the rows-inserted signal.
_LEAF_FLAGS = {name: flags | Qt.ItemFlag.ItemNeverHasChildren for name, flags in _FLAGS.items()}
_NO_INDEX = QModelIndex()

class PlanTreeModel(FilteredRows, TreeDrops, QAbstractItemModel):
    """Plans → portfolios → priorities → outputs → sub-points, and the rest of each plan."""

    #: A drop asked for a move: (kind, id, new parent id, new index among same-kind siblings).
    move_requested = Signal(str, int, object, int)
    #: The in-place editor (F2) asked to rename a row: (kind, id, new text).
    rename_requested = Signal(str, int, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._root = _Item(None)
        self._items: dict[tuple[str, int], _Item] = {}
        self._statuses: dict[int, StatusInfo] = {}
        #: The rows views see while a filter is on (each with its ancestors), else None.
        self._visible: set[_Item] | None = None
        #: Rows whose ``shown`` list is a filtered copy of their children.
        self._filtered: set[_Item] = set()
        #: Every row in tree order, until the rows change (see :meth:`items_in_order`).
        self._order: list[_Item] | None = None

    # --- loading ----------------------------------------------------------------------------

    def load(self, nodes: list[Node], statuses: dict[int, StatusInfo]) -> None:
        """Replace everything (opening a store)."""
        self.beginResetModel()
        self._root = _Item(None)
        self._items = {}
        self._visible, self._filtered, self._order = None, set(), None
        self._statuses = dict(statuses)
        self._attach(nodes)
        self.endResetModel()

    def _attach(self, nodes: list[Node], show: bool = False) -> None:
        """Build items for ``nodes`` (parents first) under the items they name; no signals.

        With ``show``, the new rows are seen even while a filter is on."""
        parents: dict[int, _Item] = {}
        visible = self._visible if show else None
        for node in nodes:
            key = node.parent_key
            parent = self._root if key is None else self._items.get(key)
            if parent is None:
                continue  # its parent is not a tree row: never shown
            item = _Item(node, parent)
            parent.children.append(item)
            self._items[item.key] = item
            parents[id(parent)] = parent
            if visible is not None:
                visible.add(item)
        for parent in parents.values():
            self._reindex(parent, sort=True)

    def set_statuses(self, statuses: dict[int, StatusInfo]) -> None:
        self._statuses = dict(statuses)
        self._emit_all_changed(self._root)

    def statuses(self) -> dict[int, StatusInfo]:
        return dict(self._statuses)

    # --- Qt model interface -----------------------------------------------------------------

    def _item(self, index: QModelIndex) -> _Item:
        return index.internalPointer() if index.isValid() else self._root

    def index(self, row: int, column: int, parent: QModelIndex = _NO_INDEX) -> QModelIndex:
        # Qt calls this for every row it lays out (several times through the Find filter), so
        # it does as little as it can: only column 0 ever holds rows or children.
        item = parent.internalPointer() if parent.isValid() else self._root
        if column or row < 0 or row >= len(item.shown):
            return QModelIndex()
        return self.createIndex(row, 0, item.shown[row])

    def parent(self, index: QModelIndex = QModelIndex()) -> QModelIndex:  # noqa: A003
        if not index.isValid():
            return QModelIndex()
        parent = index.internalPointer().parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.vrow, 0, parent)

    def rowCount(self, parent: QModelIndex = _NO_INDEX) -> int:
        if not parent.isValid():
            return len(self._root.shown)
        return len(parent.internalPointer().shown) if parent.column() == 0 else 0

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 1

    def hasChildren(self, parent: QModelIndex = _NO_INDEX) -> bool:
        return self.rowCount(parent) > 0

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item: _Item = index.internalPointer()
        if role == Qt.ItemDataRole.DisplayRole:
            # The derived number is painted by the view's delegate (Role.NUMBER), so a row's
            # own data stays put when a sibling is inserted before it.
            return item.text or "(untitled)"
        if role == Qt.ItemDataRole.EditRole:
            return item.text
        if role == Qt.ItemDataRole.DecorationRole:
            status = self._statuses.get(item.status_id)
            return status_icon(status.colour, status.position) if status else None
        if role == Qt.ItemDataRole.ToolTipRole:
            status = self._statuses.get(item.status_id)
            title = KINDS[item.kind].title
            return f"{title}: {status.name} ({status_shape(status.position)} mark)" \
                if status else title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            status = self._statuses.get(item.status_id)
            parts = [KINDS[item.kind].title, self.number(item), item.text,
                     status.name if status else ""]
            return ", ".join(p for p in parts if p)
        if role == Role.KIND:
            return item.kind
        if role == Role.ID:
            return item.id
        if role == Role.KEY:
            return item.key
        if role == Role.NUMBER:
            return self.number(item)
        if role == Role.TEXT:
            return item.text
        if role == Role.LEVEL:
            return item.level
        if role == Role.TAG:
            return TAGS.get(item.kind, "")
        if role in (Role.STATUS_NAME, Role.STATUS_COLOUR):
            status = self._statuses.get(item.status_id)
            if status is None:
                return None
            return status.name if role == Role.STATUS_NAME else status.colour
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        item = index.internalPointer()  # None for the invisible root
        if item is None:
            return Qt.ItemFlag.ItemIsDropEnabled
        return _FLAGS[item.kind] if item.shown else _LEAF_FLAGS[item.kind]

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        """The in-place editor never writes: it asks for an undoable rename instead."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        item: _Item = index.internalPointer()
        if isinstance(value, str) and value != item.text:
            self.rename_requested.emit(item.kind, item.id, value)
        return False

    # --- numbers ----------------------------------------------------------------------------

    def number(self, item: _Item) -> str:
        """The derived number or letter of a row: "2", "2.1", "b", "ii", "•", or ""."""
        kind = item.kind
        if kind in ("portfolio", "objective", "paper_section"):
            return arabic(item.position)
        if kind == "priority":
            return f"{arabic(item.parent.position)}.{arabic(item.position)}"
        if kind == "output":
            return letter(item.position)
        if kind == "sub_point":
            if item.level:
                return "•"
            before = sum(1 for s in item.parent.children[: item.row] if s.level == 0)
            return roman(before)
        if kind in ("narrative_point", "pledge_point"):
            return "•"
        if kind in ("pledge", "work_area"):
            return str(self._continuous(item))
        return ""

    def _continuous(self, item: _Item) -> int:
        """Pledges and work areas run on 1, 2, 3 … across their areas and portfolios."""
        holder = item.parent
        total = item.position + 1
        for sibling in holder.parent.children:
            if sibling is holder:
                break
            if sibling.kind == holder.kind:
                total += sum(1 for c in sibling.children if c.kind == item.kind)
        return total

    # --- lookups ----------------------------------------------------------------------------

    def index_for(self, key: tuple[str, int] | None) -> QModelIndex:
        """The row ``key`` for reading its data (even while a filter hides it from views; use
        :meth:`view_index` for an index to show)."""
        item = self._items.get(tuple(key)) if key else None
        if item is None:
            return QModelIndex()
        return self.createIndex(item.vrow if self.is_shown(item) else item.row, 0, item)

    def key_at(self, index: QModelIndex) -> tuple[str, int] | None:
        return index.internalPointer().key if index.isValid() else None

    def contains(self, key: tuple[str, int]) -> bool:
        return tuple(key) in self._items

    def parent_key(self, key: tuple[str, int]) -> tuple[str, int] | None:
        item = self._items[tuple(key)]
        return None if item.parent is self._root else item.parent.key

    def siblings_count(self, parent_key: tuple[str, int] | None, kind: str) -> int:
        parent = self._root if parent_key is None else self._items[tuple(parent_key)]
        return sum(1 for c in parent.children if c.kind == kind)

    def position(self, key: tuple[str, int]) -> int:
        return self._items[tuple(key)].position

    def level(self, key: tuple[str, int]) -> int:
        return self._items[tuple(key)].level

    def ancestor(self, key: tuple[str, int], kind: str) -> tuple[str, int] | None:
        item = self._items.get(tuple(key))
        while item is not None and item is not self._root:
            if item.kind == kind:
                return item.key
            item = item.parent
        return None

    def haystack(self, row: int, parent: QModelIndex) -> str:
        """Lower-cased searchable text of a row (for the Find filter)."""
        return self._item(parent).shown[row].haystack

    def subtree_counts(self, key: tuple[str, int]) -> dict[str, int]:
        """How many rows of each kind lie below ``key`` (for "Delete portfolio … with …?")."""
        counts: dict[str, int] = {}
        stack = list(self._items[tuple(key)].children)
        while stack:
            item = stack.pop()
            counts[item.kind] = counts.get(item.kind, 0) + 1
            stack.extend(item.children)
        return {kind: counts[kind] for kind in TREE_ORDER if kind in counts}

    def item_for(self, key) -> _Item | None:
        return self._items.get(tuple(key)) if key else None

    def root_item(self) -> _Item:
        return self._root

    def items_in_order(self) -> list[_Item]:
        """Every row, in the order the tree shows them (depth first), for Find.

        The list is kept until the rows change (each search walks it once); read it, never
        change it."""
        if self._order is not None:
            return self._order
        out: list[_Item] = []
        stack = list(reversed(self._root.children))
        while stack:
            item = stack.pop()
            out.append(item)
            if item.children:
                stack.extend(reversed(item.children))
        self._order = out
        return out

    def __len__(self) -> int:
        return len(self._items)

    # --- mutations (called by undo commands after the store has changed) ----------------------

    def _row_for(self, parent: _Item, kind: str, position: int,
                 exclude: _Item | None = None) -> int:
        """The row at which an item of ``kind`` at ``position`` belongs under ``parent``."""
        rank, same, row = _KIND_RANK[kind], 0, 0
        for row, child in enumerate(c for c in parent.children if c is not exclude):
            child_rank = _KIND_RANK[child.kind]
            if child_rank > rank or (child_rank == rank and same == position):
                return row
            if child_rank == rank:
                same += 1
        return len([c for c in parent.children if c is not exclude])

    def _parent_item(self, parent_key) -> _Item:
        return self._root if parent_key is None else self._items[tuple(parent_key)]

    def _index_of(self, item: _Item) -> QModelIndex:
        return QModelIndex() if item is self._root else self.createIndex(item.vrow, 0, item)

    def insert_nodes(self, nodes: list[Node]) -> None:
        """Insert a new row and its descendants (``nodes`` parents first, top first).

        While a filter is on, a row added where the user can see its parent is seen too (it
        would be odd for a new output to vanish); under a hidden parent it stays hidden."""
        top = nodes[0]
        parent = self._parent_item(top.parent_key)
        row = self._row_for(parent, top.kind, top.position)
        visible, seen = self._visible, self.is_shown(parent)
        if seen:
            vrow = row if visible is None else \
                sum(1 for child in parent.children[:row] if child in visible)
            self.beginInsertRows(self._index_of(parent), vrow, vrow)
        item = _Item(top, parent)
        parent.children.insert(row, item)
        self._items[item.key] = item
        if seen and visible is not None:
            visible.add(item)
        self._reindex(parent)
        self._attach(nodes[1:], show=seen)
        if seen:
            self.endInsertRows()
        self._numbers_changed(parent, top.kind)

    def remove_node(self, key: tuple[str, int]) -> None:
        item = self._items[tuple(key)]
        parent = item.parent
        seen = self.is_shown(item)
        if seen:
            self.beginRemoveRows(self._index_of(parent), item.vrow, item.vrow)
        del parent.children[item.row]
        self._forget(item)
        self._reindex(parent)
        if seen:
            self.endRemoveRows()
        self._numbers_changed(parent, item.kind)

    def _forget(self, item: _Item) -> None:
        stack = [item]
        while stack:
            current = stack.pop()
            self._items.pop(current.key, None)
            self._filtered.discard(current)
            if self._visible is not None:
                self._visible.discard(current)
            stack.extend(current.children)

    def move_node(self, key: tuple[str, int], new_parent_key, new_position: int) -> None:
        """Move a row to ``new_position`` among same-kind children of ``new_parent_key``."""
        item = self._items[tuple(key)]
        old_parent, new_parent = item.parent, self._parent_item(new_parent_key)
        source_row = item.row
        final_row = self._row_for(new_parent, item.kind, new_position, exclude=item)
        destination = final_row
        if new_parent is old_parent and final_row > source_row:
            destination = final_row + 1
        if new_parent is old_parent and destination in (source_row, source_row + 1):
            return
        if self._visible is not None:
            self._move_filtered(item, new_parent, final_row)
        else:
            if not self.beginMoveRows(self._index_of(old_parent), source_row, source_row,
                                      self._index_of(new_parent), destination):
                return
            self._place(item, new_parent, final_row)
            self.endMoveRows()
        self._numbers_changed(old_parent, item.kind)
        if new_parent is not old_parent:
            self._numbers_changed(new_parent, item.kind)
        self._emit_all_changed(item)

    def _place(self, item: _Item, new_parent: _Item, row: int) -> None:
        """Take ``item`` from its parent's children and put it at ``row`` under ``new_parent``."""
        old_parent = item.parent
        del old_parent.children[item.row]
        new_parent.children.insert(row, item)
        item.parent = new_parent
        self._reindex(old_parent)
        if new_parent is not old_parent:
            self._reindex(new_parent)

    def update_node(self, node: Node) -> None:
        """New text, status or level for an existing row."""
        item = self._items.get(node.key)
        if item is None:
            return
        level_changed = item.level != node.level
        item.text, item.level, item.status_id = node.text, node.level, node.status_id
        item.version = node.version
        item.haystack = f"{node.text}\n{node.search}".casefold()
        if self.is_shown(item):
            index = self._index_of(item)
            self.dataChanged.emit(index, index)
        if level_changed:
            self._numbers_changed(item.parent, item.kind)

    def _reindex(self, parent: _Item, sort: bool = False) -> None:
        """Recompute rows and same-kind positions after a change among ``parent``'s children.

        Only a load sorts (by stored positions); mutations keep the list in order themselves.
        """
        if sort:
            parent.children.sort(key=_Item.sort_key)
        self._order = None
        counts: dict[str, int] = {}
        for row, child in enumerate(parent.children):
            child.row = child.vrow = row
            child.parent = parent
            child.position = counts.get(child.kind, 0)
            counts[child.kind] = child.position + 1
        if self._visible is not None:
            self._filter_children(parent)

    def _numbers_changed(self, parent: _Item, kind: str) -> None:
        """Tell views which rows' derived numbers may have changed."""
        self._emit_children_changed(parent)
        if kind in ("portfolio", "objective"):
            for child in parent.children:
                if child.kind == kind:
                    self._emit_children_changed(child)
        plan = parent
        while plan is not None and plan.kind not in ("plan", None):
            plan = plan.parent
        if plan is None:
            return
        if kind in ("work_area", "portfolio"):
            for portfolio in plan.children:
                if portfolio.kind == "portfolio":
                    self._emit_children_changed(portfolio)
        if kind in ("pledge", "pledge_area"):
            for area in plan.children:
                if area.kind == "pledge_area":
                    self._emit_children_changed(area)

    def _emit_children_changed(self, parent: _Item) -> None:
        shown = parent.shown
        if shown and self.is_shown(parent):
            first = self.createIndex(0, 0, shown[0])
            last = self.createIndex(len(shown) - 1, 0, shown[-1])
            self.dataChanged.emit(first, last)

    def _emit_all_changed(self, top: _Item) -> None:
        stack = [top]
        while stack:
            current = stack.pop()
            self._emit_children_changed(current)
            stack.extend(c for c in current.shown if c.shown)


__all__ = ["PlanTreeModel", "Role", "MIME_TYPE", "SHAPES", "status_icon", "status_shape"]
