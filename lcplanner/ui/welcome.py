"""A short welcome on first start: what the sample plan is, how to import a paper, how to
start a plan of one's own.

It is shown when lcplanner starts without a file (on its default store, which holds the sample
plan the first time) while the typed setting ``start/show_welcome`` is on; its "Show this at
start-up" box turns that off. Help → Welcome shows it again at any time.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout,
                               QWidget)

WELCOME_TEXT = (
    "<h3>Welcome to lcplanner</h3>"
    "<p><b>The sample plan.</b> The plan in the tree is an invented example: portfolios "
    "with their priorities and outputs, objectives with dated milestones. Try anything on "
    "it; it lives only in this store, and you can delete it when you no longer need it.</p>"
    "<p><b>Importing a paper.</b> Choose <i>File → Import Paper…</i> and pick the committee "
    "paper as a Word file, a PDF or a text file. You see what was recognised, and can "
    "correct it, before anything is added.</p>"
    "<p><b>Starting a plan of your own.</b> <i>Edit → New Plan</i> adds an empty plan to this "
    "store; <i>File → New Store…</i> starts a separate file.</p>"
    "<p>Every change is saved as you make it. <i>Edit → Undo</i> steps back, and "
    "<i>File → Deleted Items…</i> brings back anything deleted in the last 30 days.</p>")


def should_welcome(settings, path) -> bool:
    """Welcome on a start without a file (the default store), unless turned off."""
    return path is None and bool(settings.get("start/show_welcome"))


class WelcomeDialog(QDialog):
    def __init__(self, window, parent: QWidget | None = None):
        super().__init__(parent or window)
        self.setObjectName("welcomeDialog")
        self.setWindowTitle("Welcome")
        self._window = window
        layout = QVBoxLayout(self)
        self.text = QLabel(WELCOME_TEXT)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        layout.addWidget(self.text)
        self.show_at_start = QCheckBox("&Show this at start-up")
        self.show_at_start.setChecked(bool(window.settings.get("start/show_welcome")))
        self.show_at_start.toggled.connect(
            lambda on: window.settings.set("start/show_welcome", bool(on)))
        layout.addWidget(self.show_at_start)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.import_button = buttons.addButton("&Import a Paper…",
                                               QDialogButtonBox.ButtonRole.ActionRole)
        self.new_plan_button = buttons.addButton("New &Plan",
                                                 QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button.clicked.connect(lambda: self._then(window.actions.import_paper))
        self.new_plan_button.clicked.connect(lambda: self._then(window.actions.add_plan))
        editable = window.doc is not None and not window.doc.readonly
        self.import_button.setEnabled(editable)
        self.new_plan_button.setEnabled(editable)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def _then(self, action) -> None:
        """Close the welcome, then do what its button says."""
        self.accept()
        QTimer.singleShot(0, action.trigger)


def welcome_at_start(window, path) -> bool:
    """From ``app.run``: show the welcome once the window is up, if it is wanted."""
    if not should_welcome(window.settings, path):
        return False
    QTimer.singleShot(0, lambda: WelcomeDialog(window).exec())
    return True


def show_welcome(window) -> WelcomeDialog:
    """Help → Welcome."""
    dialog = WelcomeDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    window._welcome_dialog = dialog
    return dialog
