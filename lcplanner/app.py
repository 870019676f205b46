"""Starting the editor: ``lcplanner [FILE]`` ends up in :func:`run`."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from lcplanner.settings import APPLICATION, ORGANISATION

log = logging.getLogger(__name__)


def install_excepthook(parent=None) -> None:
    """An error nobody caught is logged and shown as a plain message, never as a traceback.

    The editor keeps running: every edit is already committed, so nothing typed is lost.
    """
    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.error("unexpected error", exc_info=(exc_type, exc, tb))
        try:
            from lcplanner.ui.opening import show_error

            show_error(parent, "Something went wrong",
                       f"lcplanner met an unexpected problem ({exc_type.__name__}: {exc}). "
                       "Your changes so far are saved. If it happens again, please report it.")
        except Exception:  # no GUI to show it in: the log has it
            pass

    sys.excepthook = hook


def start(path: str | None = None, argv: list[str] | None = None):
    """Show the editor window at once, then open ``path`` (the default store when None).

    The window is painted first, with "Opening …" in its status bar; the store (and with it
    SQLAlchemy) is loaded just after the first paint. When it cannot be opened the application
    exits with status 2 for a named file and 1 for the default store. SIGTERM and SIGINT close
    the window as File → Quit does. Returns ``(application, window)``.
    """
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("lcplanner")

    from lcplanner.settings import Settings
    from lcplanner.ui.lifecycle import quit_on_signals
    from lcplanner.ui.main_window import MainWindow

    window = MainWindow(Settings())
    install_excepthook(window)
    quit_on_signals(window)
    name = Path(path).name if path else "the default store"
    if path and "://" in path:  # a server's URL: its database and host, never the URL
        from lcplanner.ui.main_window import _recent_name

        name = _recent_name(path)
    window.statusBar().showMessage(f"Opening {name}…")
    window.show()
    _after_first_paint(window, lambda: _open_first(app, window, path))
    return app, window


def _open_first(app, window, path: str | None) -> None:
    from lcplanner.ui import opening

    opened = opening.open_path(window, path) if path else opening.open_default(window)
    window.statusBar().clearMessage()
    if opened is None:  # the user has been told why
        app.setQuitOnLastWindowClosed(False)
        window.hide()
        app.exit(2 if path else 1)
        return
    window.set_document(opened)
    from lcplanner.ui.welcome import welcome_at_start

    welcome_at_start(window, path)


def _after_first_paint(window, callback, fallback_ms: int = 1000) -> None:
    """Call ``callback`` once the window has painted (or after ``fallback_ms`` regardless)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class Watch(QObject):
        done = False

        def eventFilter(self, watched, event):  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint and not self.done:
                QTimer.singleShot(0, self.fire)
            return False

        def fire(self):
            if not self.done:
                self.done = True
                window.removeEventFilter(self)
                callback()

    watch = Watch(window)
    window.installEventFilter(watch)
    QTimer.singleShot(fallback_ms, watch.fire)


def run(path: str | None = None, argv: list[str] | None = None) -> int:
    """Open the editor on ``path`` (the default store when None); return the exit status."""
    from lcplanner.ui.lifecycle import QuitOnSignals

    app, window = start(path, argv)
    try:
        return app.exec()
    finally:
        handlers = window.findChild(QuitOnSignals)
        if handlers is not None:
            handlers.uninstall()


if __name__ == "__main__":
    sys.exit(run(sys.argv[1] if len(sys.argv) > 1 else None))
