"""Counts per status for the selected plan or portfolio, in the status bar."""
from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from lcplanner import services
from lcplanner.ui.tree_model import Role


class StatusCounts(QLabel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setAccessibleName("Status counts")

    def show_for(self, doc, key) -> None:
        """Counts for the portfolio (or objective) holding ``key``, else for its plan."""
        if doc is None or key is None:
            self.clear()
            return
        model = doc.model
        scope = model.ancestor(key, "portfolio") or model.ancestor(key, "objective") \
            or model.ancestor(key, "plan")
        if scope is None:
            self.clear()
            return
        counts = services.status_counts(doc.store, *scope)
        title = services.KINDS[scope[0]].title
        number = model.data(model.index_for(scope), Role.NUMBER)
        label = f"{title} {number}" if number else title
        if not counts:
            self.setText(f"{escape(label)}: no statuses set")
            self.setAccessibleDescription(f"{label}: no statuses set")
            return
        parts = [f'<span style="color:{escape(colour)}">●</span> {escape(name)} {count}'
                 for name, colour, count in counts]
        self.setText(f"{escape(label)}: " + " &nbsp; ".join(parts))
        self.setAccessibleDescription(f"{label}: " + ", ".join(
            f"{name} {count}" for name, _, count in counts))

    def plain(self) -> str:
        return self.accessibleDescription()
