"""SIGTERM and SIGINT close the editor as File → Quit does: real signals to a real process.

The editor is started in a subprocess as ``lcplanner STORE`` starts it (``lcplanner.app.run``,
offscreen). Once the store is shown, the child types into the plan's title without pausing long
enough for the typing to be saved on its own, and says so; the test then sends the signal. The
typed text must be in the store, the lock file gone, the write-ahead log folded in, and the
next open must have nothing to warn about.
"""
from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGTERM") or sys.platform == "win32",
                                reason="POSIX signals")

_CHILD = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from lcplanner.settings import APPLICATION, ORGANISATION, Settings

app = QApplication(["lcplanner"])
app.setOrganizationName(ORGANISATION)
app.setApplicationName(APPLICATION)
Settings().set("editor/save_delay_ms", 2000)  # the longest pause before typing is saved

from lcplanner.app import run
from lcplanner.ui.main_window import MainWindow


def type_when_shown():
    windows = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow)]
    pane = windows[0].panes.current_pane() if windows and windows[0].doc else None
    if pane is None or pane.kind != "plan":
        QTimer.singleShot(10, type_when_shown)
        return
    QTest.keyClicks(pane.widgets["title"], " typed")
    print("typed", flush=True)


QTimer.singleShot(0, type_when_shown)
sys.exit(run(sys.argv[1]))
"""


def _plan_title(path: Path) -> str:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT title FROM plans ORDER BY id").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_closes_the_editor_like_quit(closed_store, number):
    from lcplanner.store.engine import open_store
    from lcplanner.store.lock import lock_path

    title = _plan_title(closed_store)
    child = subprocess.Popen([sys.executable, "-c", _CHILD, str(closed_store)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = child.stdout.readline()
        assert line == "typed\n", line + child.stderr.read() if line == "" else line
        assert lock_path(closed_store).exists()  # the editor holds the store
        child.send_signal(number)
        _out, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == 0, err
    assert "Traceback" not in err, err

    assert not lock_path(closed_store).exists()
    wal = Path(f"{closed_store}-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    assert _plan_title(closed_store) == title + " typed"  # read without the -wal: folded in
    reopened = open_store(closed_store)
    try:
        assert reopened.warnings == []
    finally:
        reopened.close()


def test_handlers_are_given_back(qtbot):
    from PySide6.QtWidgets import QWidget

    from lcplanner.ui.lifecycle import quit_on_signals

    before = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)
    widget = QWidget()
    qtbot.addWidget(widget)
    handlers = quit_on_signals(widget)
    assert handlers is not None
    assert signal.getsignal(signal.SIGTERM) == handlers._handle
    handlers.uninstall()
    assert (signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)) == before
