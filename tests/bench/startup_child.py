"""Child of run.py's startup part: start, show a window, print "painted" at its first paint.

    python startup_child.py bare|editor STORE
"""
from __future__ import annotations

import sys


def main() -> int:
    mode, store_path = sys.argv[1], sys.argv[2]
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QMainWindow, QTreeWidget

    app = QApplication([])

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint:
                print("painted", flush=True)
                app.quit()
            return False

    if mode == "bare":
        window = QMainWindow()
        window.setCentralWidget(QTreeWidget())
    else:
        from lcplanner.settings import Settings
        from lcplanner.ui import opening
        from lcplanner.ui.main_window import MainWindow

        window = MainWindow(Settings())
        opened = opening.open_path(window, store_path)
        if opened is None:
            return 2
        window.set_document(opened)
    watcher = FirstPaint()
    window.installEventFilter(watcher)
    window.resize(1200, 800)
    window.show()
    app.exec()
    if mode != "bare":
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
