"""The Qt binding we install must not leak references to None (PySide6 6.12 on CPython 3.11 does,
and the interpreter aborts after a few thousand calls: see pyproject.toml)."""
from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel


def test_void_calls_and_empty_data_keep_none_alive(qapp):
    probe = QObject()
    model = QStandardItemModel()
    model.appendRow(QStandardItem("row"))
    index = model.index(0, 0)
    before = sys.getrefcount(None)
    for _ in range(2000):
        probe.setObjectName("probe")      # returns None
        index.data(Qt.ItemDataRole.ToolTipRole)  # no tooltip: None
    assert sys.getrefcount(None) >= before - 100
