"""What Print Preview shows, said in its toolbar, and a choice of what else it could print.

The preview opens on what File → Print would print for the selection (a portfolio's summary
or the plan's timeline); the toolbar names it with its page count and offers every portfolio
summary of the plan, the timeline and the plan document. Choosing one typesets it in the
pool and replaces the pages in the open preview.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QToolBar, QWidget

from lcplanner.ui.tree_model import Role


def print_choices(window, plan_id: int) -> list:
    """Everything the plan can be printed as: each portfolio's summary, timeline, plan."""
    from lcplanner.ui.printing import PrintTarget

    model = window.doc.model
    plan = model.index_for(("plan", plan_id))
    if not plan.isValid():
        return []
    plan_title = plan.data(Qt.ItemDataRole.DisplayRole)
    found = []
    for row in range(model.rowCount(plan)):
        index = model.index(row, 0, plan)
        if index.data(Role.KIND) == "portfolio":
            number = int(index.data(Role.NUMBER))
            found.append(PrintTarget(plan_id, "portfolio", number,
                                     f"Portfolio {number}: "
                                     f"{index.data(Qt.ItemDataRole.DisplayRole)}"))
    found.append(PrintTarget(plan_id, "timeline", None, f"Timeline: {plan_title}"))
    found.append(PrintTarget(plan_id, "plan", None, f"Plan document: {plan_title}"))
    return found


def choice_label(target) -> str:
    if target.kind == "portfolio":
        return f"Portfolio summary — {target.title}"
    return {"timeline": "Timeline", "plan": "Plan document"}[target.kind]


class PreviewChooser(QWidget):
    """"Prints: … (n pages)" and the choice of what to print, for a preview's toolbar."""

    def __init__(self, job, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("printChoice")
        self._job = job
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        label = QLabel("Print &what:")
        self.combo = QComboBox()
        self.combo.setAccessibleName("What to print")
        label.setBuddy(self.combo)
        self.targets = print_choices(job.window, job.target.plan_id)
        for target in self.targets:
            self.combo.addItem(choice_label(target))
        if job.target in self.targets:
            self.combo.setCurrentIndex(self.targets.index(job.target))
        self.combo.activated.connect(self._chosen)
        self.says = QLabel()
        self.says.setObjectName("printSays")
        layout.addWidget(label)
        layout.addWidget(self.combo)
        layout.addWidget(self.says)
        self.show_target()

    def _chosen(self, row: int) -> None:
        target = self.targets[row]
        if target == self._job.target:
            return
        try:
            self._job.retarget(target)
        except ValueError as exc:  # nothing to print as that (a plan with no timeline, say)
            self.combo.setCurrentIndex(self.targets.index(self._job.target))
            self.says.setText(str(exc))
            return
        self.says.setText(f"Preparing {target.title}…")

    def show_target(self) -> None:
        pages = len(self._job.pages) if self._job.pages is not None else 0
        self.says.setText(f"Prints: {self._job.target.title} ({pages} page"
                          f"{'' if pages == 1 else 's'})")


def add_chooser(job) -> PreviewChooser:
    """Put the chooser in the preview dialog's toolbar (or on top when it has none)."""
    preview = job.preview
    chooser = PreviewChooser(job, preview)
    toolbar = preview.findChild(QToolBar)
    if toolbar is not None:
        toolbar.addSeparator()
        toolbar.addWidget(chooser)
    else:
        preview.layout().insertWidget(0, chooser)
    return chooser


__all__ = ["PreviewChooser", "add_chooser", "choice_label", "print_choices"]
