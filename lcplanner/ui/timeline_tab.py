"""The milestone timeline tab: a colleague's ``TimelineView`` fed from the service layer.

The tab exists only when ``lcplanner.ui.timeline_view`` does; clicking a milestone selects it
in the tree.
"""
from __future__ import annotations

import importlib
import logging
from typing import Callable

from PySide6.QtWidgets import QVBoxLayout, QWidget

log = logging.getLogger(__name__)


class TimelineTab(QWidget):
    def __init__(self, view_class, on_milestone: Callable[[int], None], parent=None):
        super().__init__(parent)
        self.setAccessibleName("Milestone timeline")
        self.view = view_class(self)
        self.view.milestone_activated.connect(on_milestone)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self._shown: tuple | None = None

    @classmethod
    def create(cls, on_milestone: Callable[[int], None]) -> TimelineTab | None:
        try:
            module = importlib.import_module("lcplanner.ui.timeline_view")
            view_class = module.TimelineView
        except (ImportError, AttributeError):
            return None
        return cls(view_class, on_milestone)

    def show_plan(self, store, plan_id: int | None) -> None:
        """Draw the plan's milestones (re-read each time: edits change dates and names)."""
        if plan_id is None:
            return
        from lcplanner.services import read

        try:
            timeline = read.timeline(store, plan_id)
        except Exception:  # a composer bug must not take the editor down with it
            log.exception("timeline could not be composed")
            return
        if timeline is not None:
            self.view.set_timeline(timeline)
