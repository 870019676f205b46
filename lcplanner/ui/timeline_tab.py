"""The milestone timeline tab: a colleague's ``TimelineView`` fed from the service layer.

The tab exists only when ``lcplanner.ui.timeline_view`` does; clicking a milestone selects it
in the tree.
"""
from __future__ import annotations

import importlib
import importlib.util
import logging
from typing import Callable

from PySide6.QtWidgets import QVBoxLayout, QWidget

log = logging.getLogger(__name__)


class TimelineTab(QWidget):
    """The view is built when first needed (the tab shown, a plan drawn), not at start-up."""

    def __init__(self, view_class: Callable[[], type], on_milestone: Callable[[int], None],
                 parent=None):
        super().__init__(parent)
        self.setAccessibleName("Milestone timeline")
        self._view_class = view_class
        self._on_milestone = on_milestone
        self._view = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._shown: tuple | None = None

    @property
    def view(self):
        if self._view is None:
            self._view = self._view_class()(self)
            self._view.milestone_activated.connect(self._on_milestone)
            self._layout.addWidget(self._view)
            if self.isVisible():  # a child added to a shown widget is not shown by itself
                self._view.show()
            self._layout.activate()  # sized now: a click may be aimed at it straight away
        return self._view

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        _ = self.view  # built on first show
        super().showEvent(event)

    @classmethod
    def create(cls, on_milestone: Callable[[int], None]) -> TimelineTab | None:
        """The tab, or None when this build has no timeline view."""
        if importlib.util.find_spec("lcplanner.ui.timeline_view") is None:
            return None

        def view_class() -> type:
            return importlib.import_module("lcplanner.ui.timeline_view").TimelineView

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
