"""The right-hand side of the window: the pane for whatever is selected in the tree."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QStackedWidget, QWidget

from lcplanner.ui.spelling import SpellCheck, Speller

if TYPE_CHECKING:
    from lcplanner.ui.panes.base import FieldPane


class PaneStack(QStackedWidget):
    """One pane per kind of item (built on first use); an empty page when nothing is selected."""

    def __init__(self, doc, save_delay_ms: int = 1000, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Item details")
        self._doc = doc
        self._delay = save_delay_ms
        self._classes: dict[str, type] | None = None  # the forms load when first needed
        self._panes: dict[type, tuple[QScrollArea, FieldPane]] = {}
        self._empty = QLabel("Select an item in the tree to edit it.")
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setWordWrap(True)
        self.addWidget(self._empty)
        self._current: FieldPane | None = None
        self.speller: Speller | None = None

    def set_document(self, doc) -> None:
        self.flush()
        for scroll, pane in self._panes.values():
            self.removeWidget(scroll)
            scroll.deleteLater()
        self._panes.clear()
        self._current = None
        self._doc = doc
        self.speller = _speller_for(doc) if doc is not None else None
        self.setCurrentWidget(self._empty)

    def current_pane(self) -> FieldPane | None:
        return self._current

    def pane_for(self, kind: str) -> FieldPane | None:
        if self._classes is None:
            from lcplanner.ui.panes.panes import pane_classes

            self._classes = pane_classes()
        cls = self._classes.get(kind)
        if cls is None:
            return None
        if cls not in self._panes:
            pane = cls(self._doc, self._delay)
            if self.speller is not None and self.speller.available:
                spelling = SpellCheck(self.speller, pane)
                for widget in pane.prose_widgets():
                    spelling.attach(widget)
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            scroll.setWidget(pane)
            self.addWidget(scroll)
            self._panes[cls] = (scroll, pane)
        return self._panes[cls][1]

    def show_item(self, kind: str | None, item_id: int | None, heading: str = "") -> None:
        self.flush()
        pane = self.pane_for(kind) if kind else None
        if pane is None:
            self._current = None
            self.setCurrentWidget(self._empty)
            return
        pane.show_item(kind, item_id, heading)
        self._current = pane
        self.setCurrentWidget(self._panes[type(pane)][0])

    def flush(self) -> None:
        """Save any typing not yet saved (before undo, selection change, close)."""
        for _scroll, pane in self._panes.values():
            pane.flush()

    def open_conflict(self):
        """The refused save a pane's conflict bar shows (the first), or None."""
        for _scroll, pane in self._panes.values():
            if pane.conflict_bar.conflict is not None:
                return pane.conflict_bar.conflict
        return None

    def has_pending(self) -> bool:
        """True while a pane holds typing not yet saved (a server away keeps it there)."""
        return any(pane.has_pending() for _scroll, pane in self._panes.values())


def _speller_for(doc) -> Speller:
    """British English plus the store's word list; Add to Dictionary writes to the store
    (or, read-only, keeps the word for this sitting)."""
    from lcplanner.services.words import add_word, load_words

    store = doc.store
    if getattr(doc, "readonly", False):
        return Speller(load_words(store))
    return Speller(load_words(store), add_word=lambda word: add_word(store, word))
