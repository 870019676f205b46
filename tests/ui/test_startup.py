"""Start-up: the window is painted first, the store is opened right after.

Each case runs ``lcplanner.app`` in a fresh interpreter (what is imported before the first paint
is only visible there) and reports what it saw as one JSON line.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys

_CHILD = r"""
import json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

app = QApplication(["lcplanner"])
HEAVY = ("sqlalchemy", "alembic", "docx", "reportlab", "lxml")
seen = {}

from lcplanner.ui import opening
opening.show_error = lambda _parent, title, message: seen.setdefault("error", message)

from lcplanner.app import start
_app, window = start(sys.argv[1])
seen["heavy_after_start"] = [m for m in HEAVY if m in sys.modules]
seen["status"] = window.statusBar().currentMessage()


class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and "paint" not in seen:
            seen["paint"] = {"store_open": window.doc is not None,
                             "heavy": [m for m in HEAVY if m in sys.modules]}
        return False


watch = FirstPaint()
window.installEventFilter(watch)


def when_loaded():
    if window.doc is None:
        QTimer.singleShot(5, when_loaded)
        return
    seen["rows"] = window.proxy.rowCount()
    seen["heavy_when_open"] = [m for m in HEAVY if m in sys.modules]
    seen["status_after"] = window.statusBar().currentMessage()
    seen["title"] = window.windowTitle()
    window.close()


QTimer.singleShot(0, when_loaded)
seen["exit"] = app.exec()
print(json.dumps(seen))
"""


def _start(path) -> dict:
    out = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_the_window_paints_before_the_store_and_sqlalchemy_load(tmp_path):
    from lcplanner.sample import build_sample_plan
    from lcplanner.store.engine import open_store

    path = tmp_path / "plans.lcplan"
    store = open_store(path)
    with store.transaction() as session:
        session.add(build_sample_plan())
    store.close()

    seen = _start(path)
    assert seen["heavy_after_start"] == []
    assert seen["status"] == "Opening plans.lcplan…"
    assert seen["paint"] == {"store_open": False, "heavy": []}
    assert seen["rows"] == 1
    # Opening a current store needs SQLAlchemy only: no migrations, no writers.
    assert seen["heavy_when_open"] == ["sqlalchemy"]
    # "Opening …" is gone; the backup made on opening may already have said its name
    # (it runs beside the opening, so whether it has finished by now is a matter of timing)
    assert re.fullmatch(r"|Backed up as plans-[\d-]+-on-open\.lcplan", seen["status_after"])
    assert seen["title"] == "plans.lcplan — lcplanner"
    assert seen["exit"] == 0


def test_a_store_that_cannot_be_opened_exits_2_after_saying_why(tmp_path):
    memo = tmp_path / "memo.lcplan"
    memo.write_text("not a store\n", encoding="utf-8")

    seen = _start(memo)
    assert seen["exit"] == 2
    assert "memo.lcplan" in seen["error"]
    assert "rows" not in seen
