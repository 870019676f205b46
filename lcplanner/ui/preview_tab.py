"""The paper beside the tree: the selected plan as its committee paper, plan document or a
portfolio summary will print, from the same paper IR as the Word and PDF exports.

It follows the tree (scrolled to the selected item's text) and re-composes within a second of
an edit, after typing pauses and only while the tab is shown, so it never slows typing down.
"""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QTextBrowser, QVBoxLayout,
                               QWidget)

#: What the preview can show: (IR kind, what the user calls it).
CHOICES = (("committee-paper", "Committee paper"), ("plan", "Plan document"),
           ("portfolio", "Portfolio summary"))
DELAY_MS = 600


def _compose(store, plan_id, kind, portfolio):
    from lcplanner.ui.export_dialog import compose_document

    return compose_document(store, plan_id, kind, portfolio)


class PreviewTab(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Preview")
        self.kind = QComboBox()
        self.kind.setObjectName("previewKind")
        self.kind.setAccessibleName("Document to preview")
        for value, text in CHOICES:
            self.kind.addItem(text, value)
        self.kind.activated.connect(lambda _i: self.refresh())
        self.note = QLabel()
        self.note.setObjectName("previewNote")
        self.note.setWordWrap(True)
        self.text = QTextBrowser()
        self.text.setObjectName("previewText")
        self.text.setAccessibleName("Preview of the document")
        self.text.setOpenLinks(False)
        top = QHBoxLayout()
        label = QLabel("&Show:")
        label.setBuddy(self.kind)
        top.addWidget(label)
        top.addWidget(self.kind)
        top.addWidget(self.note, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.text, 1)
        self._timer = QTimer(self, singleShot=True, interval=DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self._target: tuple | None = None
        self._shown: tuple | None = None
        self._focus = ""
        #: (store, plan_id, kind, portfolio) -> Document: the export's composer, one short
        #: session on this thread (composing a plan takes milliseconds; rendering is HTML).
        self.compose = _compose

    # --- what to show -----------------------------------------------------------------------

    def follow(self, store, plan_id: int | None, portfolio: int | None, focus: str) -> None:
        """The tree's selection moved: show its plan (and portfolio), scrolled to ``focus``."""
        self._store = store
        target = (plan_id, portfolio)
        moved = target != self._target
        self._target, self._focus = target, focus
        if moved or self._shown is None:
            self.refresh()
        else:
            self._scroll_to(focus)

    def changed(self) -> None:
        """The store changed (an edit, an undo): re-compose after a short pause."""
        if self._target is not None:
            self._timer.start()

    def refresh(self) -> None:
        self._timer.stop()
        if self._target is None or self._target[0] is None or self.compose is None:
            self.text.clear()
            self.note.setText("Select a plan, or an item in one, to preview it.")
            self._shown = None
            return
        plan_id, portfolio = self._target
        kind = self.kind.currentData()
        if kind == "portfolio" and portfolio is None:
            self.text.clear()
            self.note.setText("Select a portfolio, or an item in one, for its summary.")
            self._shown = None
            return
        try:
            document = self.compose(self._store, plan_id, kind,
                                    portfolio if kind == "portfolio" else None)
        except ValueError as exc:  # a plan without that document, a portfolio gone
            self.text.clear()
            self.note.setText(str(exc))
            self._shown = None
            return
        from lcplanner.writers.html_writer import render_html

        bar = self.text.verticalScrollBar()
        keep = bar.value() if self._shown == (plan_id, portfolio, kind) else None
        self.text.setHtml(render_html(document))
        self._shown = (plan_id, portfolio, kind)
        self.note.setText(document.title)
        if keep is not None:
            bar.setValue(keep)
        else:
            self._scroll_to(self._focus)

    def _scroll_to(self, focus: str) -> None:
        """Bring the first place the selected item's text appears into view."""
        words = " ".join(focus.split())[:60]
        if not words:
            return
        found = self.text.document().find(words, 0, QTextDocument.FindFlag(0))
        if found.isNull():
            return
        cursor = QTextCursor(found)
        cursor.clearSelection()
        self.text.setTextCursor(cursor)
        bar = self.text.verticalScrollBar()
        top = self.text.cursorRect(cursor).top()
        bar.setValue(bar.value() + top - 12)
