"""Starting the editor: ``lcplanner [FILE]`` ends up in :func:`run`."""
from __future__ import annotations

import sys

from lcplanner.settings import APPLICATION, ORGANISATION


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
    opened = opening.open_path(window, path) if path else opening.open_default(window)
    if opened is None:
        return 2 if path else 1
    window.set_document(opened)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(run(sys.argv[1] if len(sys.argv) > 1 else None))
