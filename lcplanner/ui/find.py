"""Find: a filter over the tree that keeps matches' ancestors and highlights the match."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from lcplanner.ui.tree_model import Role

HIGHLIGHT = QColor("#ffe27a")


class TreeFilterProxy(QSortFilterProxyModel):
    """Shows rows whose text (title, outcome, owner …) contains the needle, with ancestors."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.setAutoAcceptChildRows(False)
        self.setDynamicSortFilter(False)
        self._needle = ""

    @property
    def needle(self) -> str:
        return self._needle

    def set_needle(self, text: str) -> None:
        needle = " ".join(text.split()).casefold()
        if needle == self._needle:
            return
        self.beginFilterChange()
        self._needle = needle
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:  # noqa: N802
        if not self._needle:
            return True
        return self._needle in self.sourceModel().haystack(source_row, source_parent)


class TreeDelegate(QStyledItemDelegate):
    """Paints a row as its derived number (muted) then its text, with any Find match marked."""

    def __init__(self, proxy: TreeFilterProxy, parent=None):
        super().__init__(parent)
        self._proxy = proxy

    def paint(self, painter, option, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        number = " ".join(p for p in (index.data(Role.TAG), index.data(Role.NUMBER)) if p)
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
                if selected:
                    text_colour = QColor("#000000")
        painter.setPen(text_colour)
        painter.drawText(QRect(x, rect.top(), available, rect.height()),
                         int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), shown)
        painter.restore()

    def sizeHint(self, option, index):  # noqa: N802
        size = super().sizeHint(option, index)
        number = " ".join(p for p in (index.data(Role.TAG), index.data(Role.NUMBER)) if p)
        if number:
            size.setWidth(size.width() + option.fontMetrics.horizontalAdvance(number + "  "))
        return size
