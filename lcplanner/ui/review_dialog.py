"""The import review: the paper's blocks on the left, the recognised plan on the right.

Each block shows the role the recogniser gave it and the layout hints its reader found
(heading level, list label, table cell, page, bold); its origin is in the tooltip. The user
gives a block another role by key (the letters listed in the context menu), by the role box or
by the context menu (Shift+F10 or the Menu key too), merges a block with the next (Ctrl+M) or
splits one at a point they choose (Ctrl+Shift+M); the tree on the right re-forms at once, and
each corrected block carries a mark (a glyph, and the corrections in its tooltip). Ctrl+Z
takes back the last correction. Selecting a block selects what it became in the tree, and the
other way round. Nothing is written until Import; the import is one undo step in the editor.

The review itself (roles, corrections, the re-formed plan) is Qt-free:
:mod:`lcplanner.importers.review`. This module only shows it.
"""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QActionGroup, QFontDatabase, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel,
    QMenu, QPlainTextEdit, QPushButton, QSplitter, QTableWidget, QTableWidgetItem, QTabWidget,
    QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

#: The key that gives the current block each role, and the role's label with its access key
#: in the context menu (the letters are unique within the menu).
ROLE_KEYS = {"grouping": ("G", "&Grouping"), "priority": ("P", "&Priority"),
             "output": ("O", "&Output"), "sub-point": ("S", "&Sub-point"),
             "theme": ("T", "&Theme"), "objective": ("B", "O&bjective"),
             "milestone": ("M", "&Milestone"), "pledge": ("L", "P&ledge"),
             "work area": ("W", "&Work area"), "recommendation": ("R", "&Recommendation"),
             "narrative text": ("N", "&Narrative text"),
             "page furniture": ("F", "Page &furniture")}
MARK = "\u270e"  # ✎: a corrected block
MARK_COLUMN, ROLE_COLUMN, TEXT_COLUMN, HINTS_COLUMN = range(4)


def hints(source, pages: bool = True) -> str:
    """The layout hints a reader found for a block, in words (its page only when the paper
    has more than one)."""
    out = []
    if source.heading_level is not None:
        out.append("title" if source.heading_level == 0 else f"heading {source.heading_level}")
    if source.list_label or source.list_level is not None:
        level = f" level {source.list_level + 1}" if source.list_level else ""
        out.append(f"list{level} “{source.list_label}”" if source.list_label else f"list{level}")
    if source.table is not None:
        out.append(f"table {source.table}, row {source.table_row}, cell {source.table_cell}")
    if source.page is not None and pages:
        out.append(f"page {source.page}")
    if source.bold:
        out.append("bold")
    return "; ".join(out)


def plan_rows(plan) -> list[tuple[str, object, list]]:
    """The plan as (label, item, children) rows with derived numbers, for the tree."""
    from lcplanner.domain.numbering import arabic, dotted, letter, roman

    def short(text: str, limit: int = 120) -> str:
        flat = " ".join((text or "").split())
        return flat if len(flat) <= limit else flat[:limit - 1].rstrip() + "…"

    rows: list[tuple[str, object, list]] = []
    for paper in plan.papers:
        children = [(f"Recommendation {arabic(k)}: {short(r.text)}", r, [])
                    for k, r in enumerate(paper.recommendations)]
        children += [(f"Section: {short(s.title) or '(untitled)'}", s, [])
                     for s in paper.body]
        rows.append((f"Committee paper: {short(paper.title) or '(untitled)'}", paper,
                     children))
    for section in plan.sections:
        rows.append((f"Narrative: {short(section.title) or '(untitled)'}", section,
                     [(f"• {short(p.text)}", p, []) for p in section.points]))
    for k, theme in enumerate(plan.themes):
        rows.append((f"Theme {arabic(k)}: {short(theme.name)}", theme, []))
    work = 0
    for p, portfolio in enumerate(plan.portfolios):
        children = []
        for q, priority in enumerate(portfolio.priorities):
            outputs = []
            for r, output in enumerate(priority.outputs):
                subs, level0 = [], -1
                for sub in output.sub_points:
                    level0 += sub.level == 0
                    mark = roman(max(level0, 0)) if sub.level == 0 else "•"
                    subs.append((f"{mark} {short(sub.text)}", sub, []))
                outputs.append((f"{letter(r)} {short(output.text)}", output, subs))
            children.append((f"{dotted(p, q)} {short(priority.title) or '(untitled)'}",
                             priority, outputs))
        for area in portfolio.work_areas:
            work += 1
            children.append((f"Work area {work}: {short(area.text)}", area, []))
        rows.append((f"{arabic(p)} {short(portfolio.name) or '(untitled grouping)'}",
                     portfolio, children))
    for o, objective in enumerate(plan.objectives):
        children = [(f"{dotted(o, s)} {short(sub.title)}", sub, [])
                    for s, sub in enumerate(objective.sub_priorities)]
        children += [(f"Milestone {dotted(o, k)}: {short(m.name)}"
                      + (f" ({'; '.join(d.text for d in m.dates)})" if m.dates else ""), m, [])
                     for k, m in enumerate(objective.milestones)]
        rows.append((f"Objective {arabic(o)}: {short(objective.title) or '(untitled)'}",
                     objective, children))
    pledge = 0
    for area in plan.pledge_areas:
        children = []
        for item in area.pledges:
            pledge += 1
            children.append((f"Pledge {pledge}: {short(item.text)}", item, []))
        rows.append((f"Pledges: {short(area.name) or '(untitled)'}", area, children))
    return rows


def split_point(text: str) -> int:
    """Where a split is first offered: after the first sentence that has text after it, else
    at the word boundary nearest the middle."""
    import re

    for found in re.finditer(r"[.;:!?]\s+(?=\S)", text):
        return found.end()
    spaces = [k for k, c in enumerate(text) if c.isspace() and 0 < k < len(text) - 1]
    return min(spaces, key=lambda k: abs(k - len(text) // 2)) + 1 if spaces else len(text) // 2


class SplitDialog(QDialog):
    """Where to split a block: the user puts the text cursor there and presses Split."""

    def __init__(self, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("splitBlock")
        self.setWindowTitle("Split Block")
        layout = QVBoxLayout(self)
        label = QLabel("Put the cursor where the block should be split, then press Split. "
                       "The text after the cursor becomes a block of its own.")
        label.setWordWrap(True)
        layout.addWidget(label)
        self.editor = QPlainTextEdit(text)
        self.editor.setReadOnly(True)
        self.editor.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                            | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.editor.setAccessibleName("Block text")
        self.editor.setTabChangesFocus(True)
        cursor = self.editor.textCursor()
        cursor.setPosition(split_point(text))
        self.editor.setTextCursor(cursor)
        layout.addWidget(self.editor)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.split_button = buttons.addButton("&Split", QDialogButtonBox.ButtonRole.AcceptRole)
        self.split_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, 220)

    @property
    def offset(self) -> int:
        return self.editor.textCursor().position()


class ReviewPanel(QWidget):
    """The blocks, the recognised tree and the correction controls, over one Review."""

    def __init__(self, review, parent: QWidget | None = None, *, details: str = "",
                 on_change=None, on_message=None):
        super().__init__(parent)
        self.review = review
        #: what the reader set aside and merged, shown under the plan in the Details tab
        self.extra_details = details
        self.on_change, self.on_message = on_change, on_message
        self.last_message = ""
        self._syncing = False
        self._tree_items: dict[int, QTreeWidgetItem] = {}
        self.split_dialog: SplitDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        layout.addWidget(splitter, 1)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        blocks_label = QLabel("Source &blocks (a mark ✎ shows a correction):")
        left_layout.addWidget(blocks_label)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("reviewBlocks")
        self.table.setAccessibleName("Source blocks")
        self.table.setHorizontalHeaderLabels(["", "Role", "Text", "Layout or line"])
        self.table.horizontalHeaderItem(MARK_COLUMN).setToolTip("Corrected")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        # sized once per refresh (sizing to contents on every cell set is slow on a long paper)
        header.setSectionResizeMode(MARK_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ROLE_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TEXT_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(HINTS_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(HINTS_COLUMN, self.fontMetrics().horizontalAdvance("M" * 14))
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu_at)
        blocks_label.setBuddy(self.table)
        left_layout.addWidget(self.table, 1)

        controls = QHBoxLayout()
        role_label = QLabel("&Role:")
        self.role_box = QComboBox()
        self.role_box.setObjectName("reviewRole")
        from lcplanner.importers.review import ROLES

        for role in ROLES:
            self.role_box.addItem(f"{role} ({ROLE_KEYS[role][0]})", role)
        role_label.setBuddy(self.role_box)
        self.role_box.activated.connect(self._role_chosen)
        controls.addWidget(role_label)
        controls.addWidget(self.role_box)
        self.merge_button = QPushButton("&Merge with Next")
        self.merge_button.setToolTip("Join this block and the next into one (Ctrl+M)")
        self.merge_button.clicked.connect(self.merge_current)
        self.split_button = QPushButton("S&plit…")
        self.split_button.setToolTip("Cut this block in two where you choose (Ctrl+Shift+M)")
        self.split_button.clicked.connect(self.ask_split)
        self.undo_button = QPushButton("&Undo Correction")
        self.undo_button.setObjectName("reviewUndo")
        self.undo_button.clicked.connect(self.undo)
        for button in (self.merge_button, self.split_button, self.undo_button):
            button.setAutoDefault(False)
            controls.addWidget(button)
        controls.addStretch(1)
        left_layout.addLayout(controls)
        splitter.addWidget(left)

        self.tabs = QTabWidget()
        self.tree = QTreeWidget()
        self.tree.setObjectName("reviewTree")
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("Recognised plan")
        self.tree.header().setStretchLastSection(False)  # long titles scroll, not cut short
        self.tree_text = QPlainTextEdit()
        self.tree_text.setObjectName("importTree")
        self.tree_text.setReadOnly(True)
        self.tree_text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.tree_text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.tree_text.setAccessibleName("Recognised plan structure as text")
        self.tree_text.setTabChangesFocus(True)
        self.tabs.addTab(self.tree, "Plan &structure")
        self.tabs.addTab(self.tree_text, "&Details")
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([700, 440])

        self._actions()
        self.table.itemSelectionChanged.connect(self._block_selected)
        self.tree.itemSelectionChanged.connect(self._item_selected)
        self.refresh()
        if self.table.rowCount():
            self.table.selectRow(0)

    # --- keys and menu ----------------------------------------------------------------------

    def _actions(self) -> None:
        from lcplanner.importers.review import ROLES

        self.role_actions: dict[str, QAction] = {}
        group = QActionGroup(self.table)  # one role at a time: shown as a choice in the menu
        for role in ROLES:
            key, label = ROLE_KEYS[role]
            action = QAction(label, self.table)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.setCheckable(True)
            group.addAction(action)
            action.triggered.connect(lambda _=False, r=role: self.set_role(r))
            self.table.addAction(action)
            self.role_actions[role] = action
        self.merge_action = self._action("Merge with Ne&xt", "Ctrl+M", self.merge_current)
        self.split_action = self._action("Spl&it…", "Ctrl+Shift+M", self.ask_split)
        self.undo_action = self._action("&Undo Correction", QKeySequence.StandardKey.Undo,
                                        self.undo, self)
        menu_key = self._action("Correct Block", "Shift+F10", self._menu_here)
        menu_key.setShortcuts([QKeySequence("Shift+F10"), QKeySequence(Qt.Key.Key_Menu)])

    def _action(self, text, key, slot, owner=None) -> QAction:
        owner = owner or self.table
        action = QAction(text, owner)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        owner.addAction(action)
        return action

    def context_menu(self) -> QMenu:
        """The corrections for the current block: roles with their keys, merge, split, undo."""
        menu = QMenu(self)
        current = self.current_block()
        for role, action in self.role_actions.items():
            action.setChecked(current is not None and current.role == role)
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.merge_action)
        menu.addAction(self.split_action)
        menu.addSeparator()
        menu.addAction(self.undo_action)
        self.undo_action.setEnabled(self.review.can_undo())
        return menu

    def _menu_at(self, point: QPoint) -> None:
        self.menu = self.context_menu()
        self.menu.popup(self.table.viewport().mapToGlobal(point))

    def _menu_here(self) -> None:
        row = self.current_row()
        rect = self.table.visualRect(self.table.model().index(max(row, 0), TEXT_COLUMN))
        self._menu_at(rect.bottomLeft())

    # --- corrections --------------------------------------------------------------------------

    def current_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def current_block(self):
        row = self.current_row()
        return self.review.blocks[row] if 0 <= row < len(self.review.blocks) else None

    def set_role(self, role: str) -> None:
        row = self.current_row()
        if row >= 0:
            self.review.set_role(row, role)
            self.refresh(row)

    def _role_chosen(self, index: int) -> None:
        self.set_role(self.role_box.itemData(index))

    def merge_current(self) -> None:
        from lcplanner.importers.review import ReviewError

        row = self.current_row()
        try:
            self.review.merge(row)
        except ReviewError as exc:
            self.status(str(exc))
            return
        self.refresh(row)

    def ask_split(self) -> None:
        block = self.current_block()
        if block is None:
            return
        self.split_dialog = SplitDialog(block.text, self)
        row = self.current_row()
        self.split_dialog.accepted.connect(lambda: self.split_at(row, self.split_dialog.offset))
        self.split_dialog.open()

    def split_at(self, row: int, offset: int) -> None:
        from lcplanner.importers.review import ReviewError

        try:
            self.review.split(row, offset)
        except ReviewError as exc:
            self.status(str(exc))
            return
        self.refresh(row)

    def undo(self) -> None:
        row = self.current_row()
        if self.review.undo():
            self.refresh(min(max(row, 0), len(self.review.blocks) - 1))

    def status(self, text: str) -> None:
        """A word to the user about a correction that could not be made (the dialog shows it)."""
        self.last_message = text
        if self.on_message is not None:
            self.on_message(text)

    # --- showing the review -------------------------------------------------------------------

    def refresh(self, row: int | None = None) -> None:
        """Show the blocks and the re-formed plan; keep ``row`` (or the current row) selected."""
        self._syncing = True
        blocks = self.review.blocks
        pages = len({b.source.page for b in blocks if b.source.page is not None}) > 1
        self.table.setUpdatesEnabled(False)
        self.table.setRowCount(len(blocks))
        for k, block in enumerate(blocks):
            corrections = block.corrections()
            layout = hints(block.source, pages)
            tip = block.source.origin + (f"; {layout}" if layout else "") + (
                f"; part of its item: {block.part}" if block.part and not block.changed
                else "")
            if corrections:
                tip += "\nCorrected: " + "; ".join(corrections)
            role = f"{block.role} ({block.part})" if block.part and not block.changed \
                else block.role
            cells = (MARK if corrections else "", role,
                     " ".join(block.text.split()), layout or block.source.origin)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(f"{block.text}\n\n{tip}" if column == TEXT_COLUMN else tip)
                if column == MARK_COLUMN and corrections:
                    item.setData(Qt.ItemDataRole.AccessibleTextRole, "corrected")
                if corrections and column == ROLE_COLUMN:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(k, column, item)
        self.table.resizeColumnToContents(MARK_COLUMN)
        self.table.resizeColumnToContents(ROLE_COLUMN)
        self.table.setUpdatesEnabled(True)
        self._show_plan()
        self.undo_button.setEnabled(self.review.can_undo())
        self.undo_button.setToolTip(self.review.undo_text() or "Nothing to undo")
        self._syncing = False
        if row is not None and blocks:
            self.table.selectRow(min(row, len(blocks) - 1))
        self._block_selected()
        if self.on_change is not None:
            self.on_change()

    def _show_plan(self) -> None:
        from lcplanner.importers.describe import describe

        plan = self.review.plan()
        self.tree.clear()
        self._tree_items.clear()

        def add(parent, rows) -> None:
            for label, item, children in rows:
                node = QTreeWidgetItem(parent, [label])
                node.setToolTip(0, label)
                self._tree_items[id(item)] = node
                node.setData(0, Qt.ItemDataRole.UserRole, id(item))
                add(node, children)

        add(self.tree.invisibleRootItem(), plan_rows(plan))
        self._items_by_id = {id(item): item for item in _walk(plan)}
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        self.tree_text.setPlainText(describe(plan) + "\n" + self.review.coverage().summary()
                                    + self.extra_details)

    def _block_selected(self) -> None:
        if self._syncing:
            return
        block = self.current_block()
        if block is None:
            return
        index = self.role_box.findData(block.role)
        self.role_box.setCurrentIndex(index)
        self.merge_action.setEnabled(self.current_row() + 1 < len(self.review.blocks))
        self.merge_button.setEnabled(self.merge_action.isEnabled())
        for item in self.review.items_for(self.current_row()):
            node = self._tree_items.get(id(item))
            if node is not None:
                self._syncing = True
                self.tree.setCurrentItem(node)
                self.tree.scrollToItem(node)
                self._syncing = False
                return
        self._syncing = True
        self.tree.clearSelection()
        self._syncing = False

    def _item_selected(self) -> None:
        if self._syncing:
            return
        node = self.tree.currentItem()
        if node is None:
            return
        item = self._items_by_id.get(node.data(0, Qt.ItemDataRole.UserRole))
        row = self.review.block_for(item) if item is not None else None
        if row is not None:
            self._syncing = True
            self.table.selectRow(row)
            self.table.scrollToItem(self.table.item(row, TEXT_COLUMN))
            self._syncing = False
            block = self.current_block()
            self.role_box.setCurrentIndex(self.role_box.findData(block.role))

    def selected_item(self):
        node = self.tree.currentItem()
        return None if node is None else self._items_by_id.get(
            node.data(0, Qt.ItemDataRole.UserRole))

    def select_item(self, item) -> None:
        node = self._tree_items.get(id(item))
        if node is not None:
            self.tree.setCurrentItem(node)


def _walk(plan):
    """Every item of an unsaved plan (for the tree's links back to blocks)."""
    for _, item, children in plan_rows(plan):
        yield item
        stack = list(children)
        while stack:
            _, child, more = stack.pop()
            yield child
            stack.extend(more)
