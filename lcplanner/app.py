"""Starting the editor: ``lcplanner [FILE]`` ends up in :func:`run`."""
from __future__ import annotations

import logging
import sys

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


def run(path: str | None = None, argv: list[str] | None = None) -> int:
    """Open the editor on ``path`` (the default store when None); return the exit status."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("lcplanner")

    from lcplanner.settings import Settings
    from lcplanner.ui import opening
    from lcplanner.ui.main_window import MainWindow

    window = MainWindow(Settings())
    install_excepthook(window)
    opened = opening.open_path(window, path) if path else opening.open_default(window)
    if opened is None:
        return 2 if path else 1
    window.set_document(opened)
    window.show()
    from lcplanner.ui.welcome import welcome_at_start

    welcome_at_start(window, path)
    return app.exec()


if __name__ == "__main__":
    sys.exit(run(sys.argv[1] if len(sys.argv) > 1 else None))
