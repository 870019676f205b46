"""The plan tree widget: drag and drop through the model's move requests, a context menu."""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QTreeView


class PlanTreeView(QTreeView):
    """A tree of the open store. Rows are uniform in height so 50,000 of them scroll freely."""

    #: The current row changed: its source-model key (kind, id) or None.
    current_key_changed = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("planTree")
        self.setAccessibleName("Plan tree")
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
        self.setExpandsOnDoubleClick(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        # Renaming in place is F2 (Edit → Rename), never a stray double-click.
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Shift+F10 and the Menu key open the context menu of the current row."""
        if event.key() == Qt.Key.Key_Menu or (
                event.key() == Qt.Key.Key_F10
                and event.modifiers() == Qt.KeyboardModifier.ShiftModifier):
            rect = self.visualRect(self.currentIndex())
            self.customContextMenuRequested.emit(
                rect.center() if rect.isValid() else self.viewport().rect().topLeft())
            event.accept()
            return
        super().keyPressEvent(event)

    def setCurrentIndex(self, index) -> None:  # noqa: N802 - Qt's name
        """A row made current by code (a command, Find, the timeline) is selected alone, even
        while Ctrl or Shift is still held from the key that ran the command; clicks and keys
        still extend the selection (Qt does those without this method)."""
        super().setCurrentIndex(index)
        if index.isValid() and self.selectionModel() is not None:
            self.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                         | QItemSelectionModel.SelectionFlag.Rows)

    def setModel(self, model) -> None:  # noqa: N802 - Qt's name
        super().setModel(model)
        if self.selectionModel() is not None:
            self.selectionModel().currentChanged.connect(self._current_changed)

    def _current_changed(self, current, _previous) -> None:
        self.current_key_changed.emit(self.source_key(current))

    def source_key(self, index):
        """(kind, id) of a row of the (filtered) view, or None."""
        if not index.isValid():
            return None
        model = self.model()
        source = model.mapToSource(index) if hasattr(model, "mapToSource") else index
        return source.model().key_at(source)

    def current_key(self):
        return self.source_key(self.currentIndex())
