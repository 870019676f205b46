"""Child of run.py's startup part: start, show a window, print "painted" at its first paint.

    python startup_child.py bare|editor|loaded STORE

``editor`` starts the editor as ``lcplanner STORE`` does (lcplanner.app.start: the window is
painted first, the store opened right after); ``loaded`` waits for the first paint after the
store's tree is in the window.
"""
from __future__ import annotations

import sys


def main() -> int:
    mode, store_path = sys.argv[1], sys.argv[2]
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QTreeWidget

    app = QApplication([])

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint:
                print("painted", flush=True)
                app.quit()
            return False

    watcher = FirstPaint()
    if mode == "bare":
        window = QMainWindow()
        window.setCentralWidget(QTreeWidget())
        window.installEventFilter(watcher)
    else:
        from lcplanner.app import start

        _app, window = start(store_path)
        if mode == "editor":
            window.installEventFilter(watcher)
        else:
            def when_loaded():
                if window.doc is None:
                    QTimer.singleShot(2, when_loaded)
                    return
                window.installEventFilter(watcher)
                window.update()

            when_loaded()
    window.resize(1200, 800)
    window.show()
    status = app.exec()
    if status:
        return status
    if mode != "bare":
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
