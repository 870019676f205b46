"""Find: a filter over the tree that keeps matches' ancestors, highlights the match, and steps
through matches with a count."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QLineEdit, QStyle, QStyledItemDelegate,
                               QStyleOptionViewItem, QWidget)

from lcplanner.ui.colours import HIGHLIGHT, HIGHLIGHT_TEXT
from lcplanner.ui.tree_model import TAGS, Role



class TreeFilter:
    """Find's filter: shows rows whose text (title, outcome, owner …) contains the needle, with
    their ancestors.

    The matches are found in one pass over the model's rows in tree order, kept as a list (for
    "3 of 17" and next / previous) and as a set of rows to show (matches and their ancestors),
    which the model then publishes alone (:meth:`PlanTreeModel.show_only`). No proxy model
    stands between the tree and the model: laying the result out, Qt asks the model itself
    about each row it shows (an index and its flags), a third of what it asked through a
    filter proxy, which also ran a filter method in Python for every row of each open parent.

    The window and the tests speak to the tree through this object as they would through a
    filter proxy: ``mapFromSource`` gives the shown index of a model row (invalid if hidden),
    ``mapToSource`` is the identity, ``index`` and ``rowCount`` read what the tree shows.
    """

    def __init__(self):
        self._model = None
        self._needle = ""
        self.matches: list = []
        self._match_index: dict | None = None
        self._holders: set = set()

    @property
    def needle(self) -> str:
        return self._needle

    def sourceModel(self):  # noqa: N802 - the name a filter proxy has
        return self._model

    def setSourceModel(self, model) -> None:  # noqa: N802
        self._needle, self.matches, self._match_index, self._holders = "", [], None, set()
        self._model = model

    def set_needle(self, text: str, *, force: bool = False) -> None:
        needle = " ".join(text.split()).casefold()
        if needle == self._needle and not force:
            return
        self._needle = needle
        shown = self._collect()
        if self._model is not None and (shown is not None or self._model.filtering):
            self._model.show_only(shown)

    def _collect(self) -> set | None:
        """The rows to show for the needle (matches and their ancestors), or None for all."""
        model = self._model
        self.matches, self._match_index, self._holders = [], None, set()
        if not self._needle or model is None:
            return None
        needle, shown, matches, holders = self._needle, set(), self.matches, self._holders
        for item in model.items_in_order():
            if needle in item.haystack:
                matches.append(item)
                while item is not None and item not in shown:
                    shown.add(item)
                    if item.parent is not None:
                        holders.add(item.parent)
                    item = item.parent
        return shown

    def match_keys(self) -> list[tuple[str, int]]:
        return [item.key for item in self.matches]

    def open_rows(self) -> list:
        """Indexes of the shown rows that hold shown rows, parents first: expanding just
        these shows every match (what expandAll would, without visiting every row)."""
        model = self._model
        if model is None:
            return []
        depth: dict = {}

        def level(item) -> int:
            if item not in depth:
                depth[item] = 0 if item.parent is None else level(item.parent) + 1
            return depth[item]

        holders = sorted(self._holders, key=level)
        return [index for index in map(model.view_index, holders) if index.isValid()]

    def match_at(self, key) -> int | None:
        """Where the row ``key`` stands among the matches, or None if it is not one."""
        if key is None or not self.matches or self._model is None:
            return None
        if self._match_index is None:  # by row, not by key: no tuple made per match
            self._match_index = {item: n for n, item in enumerate(self.matches)}
        return self._match_index.get(self._model.item_for(key))

    # --- what the tree shows ------------------------------------------------------------------

    def mapFromSource(self, index: QModelIndex) -> QModelIndex:  # noqa: N802
        """The index the tree shows for a model row, or an invalid one if Find hides it."""
        if self._model is None or not index.isValid():
            return QModelIndex()
        return self._model.view_index(index.internalPointer())

    def mapToSource(self, index: QModelIndex) -> QModelIndex:  # noqa: N802
        return QModelIndex(index)

    def index(self, row: int, column: int = 0, parent: QModelIndex = QModelIndex()) -> QModelIndex:
        return QModelIndex() if self._model is None else self._model.index(row, column, parent)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if self._model is None else self._model.rowCount(parent)


class TreeDelegate(QStyledItemDelegate):
    """Paints a row as its derived number (muted) then its text, with any Find match marked."""

    def __init__(self, proxy: TreeFilter, parent=None):
        super().__init__(parent)
        self._proxy = proxy

    def _label(self, index) -> str:
        """The muted tag and number before a row's text ("Theme 2", "1.3", "b")."""
        model = self._proxy.sourceModel()
        if model is None or index.model() is not model:
            return " ".join(p for p in (index.data(Role.TAG), index.data(Role.NUMBER)) if p)
        item = index.internalPointer()  # straight from the row: no round trip through Qt
        return " ".join(p for p in (TAGS.get(item.kind, ""), model.number(item)) if p)

    def paint(self, painter, option, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        number = self._label(index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget else None
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect: QRect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        rect = rect.adjusted(2, 0, -2, 0)
        metrics = opt.fontMetrics
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Normal if opt.state & QStyle.StateFlag.State_Active \
            else QPalette.ColorGroup.Inactive
        text_colour = opt.palette.color(group, QPalette.ColorRole.HighlightedText if selected
                                        else QPalette.ColorRole.Text)
        painter.save()
        painter.setFont(opt.font)
        x = rect.left()
        if number:
            muted = QColor(text_colour)
            if not selected:
                muted.setAlpha(150)
            painter.setPen(muted)
            label = number + "  "
            painter.drawText(QRect(x, rect.top(), rect.width(), rect.height()),
                             int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                             label)
            x += metrics.horizontalAdvance(label)
        available = max(0, rect.right() - x)
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, available)
        needle = self._proxy.needle
        if needle:
            at = shown.casefold().find(needle)
            if at >= 0:
                left = x + metrics.horizontalAdvance(shown[:at])
                width = metrics.horizontalAdvance(shown[at:at + len(needle)])
                painter.fillRect(QRect(left, rect.top() + 1, width, rect.height() - 2),
                                 HIGHLIGHT)
                align = int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
                painter.setPen(text_colour)
                painter.drawText(QRect(x, rect.top(), available, rect.height()), align, shown)
                # the match itself in black on the light highlight, in any palette
                painter.setPen(HIGHLIGHT_TEXT)
                painter.drawText(QRect(left, rect.top(), width, rect.height()), align,
                                 shown[at:at + len(needle)])
                painter.restore()
                return
        painter.setPen(text_colour)
        painter.drawText(QRect(x, rect.top(), available, rect.height()),
                         int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), shown)
        painter.restore()

    def sizeHint(self, option, index):  # noqa: N802
        size = super().sizeHint(option, index)
        number = self._label(index)
        if number:
            size.setWidth(size.width() + option.fontMetrics.horizontalAdvance(number + "  "))
        return size


class FindBar(QWidget):
    """The find box above the tree, with its match count and next / previous.

    Typing filters the tree (after a short pause); Enter goes to the first match, then the next;
    F3 / Shift+F3 (window actions) step through matches with "3 of 17" shown; Esc clears the
    search and returns to the tree. The window calls :meth:`reset` when another store opens.
    """

    #: The search is about to be cleared: collapsing first spares the filter from re-checking
    #: every row under every open parent (50,000 of them after a broad search).
    about_to_clear = Signal()
    #: The search was cleared (the window restores its opening view of the tree).
    cleared = Signal()
    #: Focus should go back to the tree (Esc, or Enter after a search).
    done = Signal()
    #: The tree was filtered by a new search.
    applied = Signal()

    def __init__(self, proxy: TreeFilter, tree, parent=None):
        super().__init__(parent)
        self._proxy, self._tree = proxy, tree
        self.edit = QLineEdit()
        self.edit.setObjectName("findBox")
        self.edit.setPlaceholderText("Find (Ctrl+F): filter by title or text")
        self.edit.setAccessibleName("Find in plan")
        self.edit.setClearButtonEnabled(True)
        self.edit.installEventFilter(self)
        self.count = QLabel()
        self.count.setObjectName("findCount")
        self.count.setAccessibleName("Find matches")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.count)
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.apply)
        self.edit.textChanged.connect(lambda _t: self._timer.start())
        self.edit.returnPressed.connect(self._enter)

    # --- searching --------------------------------------------------------------------------

    def apply(self) -> None:
        """Filter the tree by the box's text now."""
        self._timer.stop()
        had_needle = bool(self._proxy.needle)
        clearing = had_needle and not " ".join(self.edit.text().split())
        key = self._tree.current_key()
        if clearing:
            self.about_to_clear.emit()
        self._proxy.set_needle(self.edit.text())
        if clearing:
            self.cleared.emit()
            if key is not None:
                self.window().select_key(key)
        elif self._proxy.needle:
            self.applied.emit()
        self._show_count()
        current = self._tree.currentIndex()
        if current.isValid():
            self._tree.scrollTo(current)
        # no repaint asked for here: a new needle changes the rows shown (a layout change),
        # after which the tree repaints them all, highlights included

    def reset(self) -> None:
        """Forget the search (another store was opened): nothing filtered, box empty."""
        self._timer.stop()
        self.edit.blockSignals(True)
        self.edit.clear()
        self.edit.blockSignals(False)
        self._show_count()

    def clear(self) -> None:
        """Esc: clear the search and go back to the tree, keeping the current row."""
        self.edit.clear()
        self.apply()
        self.done.emit()

    def _enter(self) -> None:
        """Enter: the first match, then the next one on each further Enter."""
        self.apply()
        if self._proxy.match_at(self._tree.current_key()) is not None:
            self.step(1)
        elif self._proxy.matches:
            self._go(0)
        self.done.emit()

    def _go(self, at: int) -> tuple[str, int]:
        key = self._proxy.matches[at].key
        self.window().select_key(key)
        self._show_count(at)
        return key

    def _show_count(self, at: int | None = None) -> None:
        matches = self._proxy.matches
        if not self._proxy.needle:
            self.count.setText("")
        elif not matches:
            self.count.setText("No matches")
        elif at is None:
            self.count.setText(f"{len(matches)} match{'es' if len(matches) != 1 else ''}")
        else:
            self.count.setText(f"{at + 1} of {len(matches)}")

    def step(self, direction: int) -> tuple[str, int] | None:
        """Go to the next (1) or previous (-1) match after the current row, wrapping round."""
        if self._timer.isActive() or self._proxy.needle != " ".join(
                self.edit.text().split()).casefold():
            self.apply()
        matches = self._proxy.matches
        if not matches:
            self._show_count()
            return None
        current = self._tree.current_key()
        at = self._proxy.match_at(current)
        if at is not None:
            at = (at + direction) % len(matches)
        else:
            at = self._nearest(current, direction, matches)
        return self._go(at)

    def _nearest(self, current, direction: int, matches: list) -> int:
        """The first match after (or before) a row that is not itself a match."""
        if current is None:
            return 0 if direction > 0 else len(matches) - 1
        order = {id(item): n for n, item in
                 enumerate(self._proxy.sourceModel().items_in_order())}
        here = order.get(id(self._proxy.sourceModel().item_for(current)), -1)
        ranks = [order[id(item)] for item in matches]
        if direction > 0:
            return next((k for k, rank in enumerate(ranks) if rank > here), 0)
        return next((k for k in range(len(ranks) - 1, -1, -1) if ranks[k] < here),
                    len(matches) - 1)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if watched is self.edit and event.type() == QEvent.Type.KeyPress \
                and event.key() == Qt.Key.Key_Escape:
            self.clear()
            return True
        return super().eventFilter(watched, event)
