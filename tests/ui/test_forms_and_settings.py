"""Compiled forms match their .ui files; settings come back with their declared types."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QByteArray, QSettings

from lcplanner.devtools import build_forms
from lcplanner.settings import OPTIONS, Settings


def test_compiled_forms_are_current():
    forms = sorted(build_forms.FORMS.glob("*.ui"))
    assert forms, "no forms found"
    stale = build_forms.stale_forms()
    assert not stale, (f"{[p.name for p in stale]} changed since they were compiled: run "
                       "python -m lcplanner.devtools.build_forms")


def test_every_form_has_accessible_fields(qapp):
    import importlib

    from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QPlainTextEdit, QWidget

    for ui in build_forms.FORMS.glob("*.ui"):
        module = importlib.import_module(f"lcplanner.ui.forms.ui_{ui.stem}")
        form_class = next(v for k, v in vars(module).items() if k.startswith("Ui_"))
        host = QWidget()
        form_class().setupUi(host)
        for widget in [*host.findChildren(QLineEdit), *host.findChildren(QPlainTextEdit)]:
            if isinstance(widget.parent(), QAbstractSpinBox):  # a date or number box's own
                widget = widget.parent()                      # editor: named by its box
            assert widget.accessibleName(), f"{ui.name}: {widget.objectName()} has no name"


def test_settings_round_trip_with_types(tmp_path, qapp):
    path = str(tmp_path / "s.ini")
    settings = Settings(QSettings(path, QSettings.Format.IniFormat))
    assert settings.get("files/recent") == []
    assert settings.get("editor/save_delay_ms") == 1000
    settings.add_recent_file("/a.lcplan")
    settings.add_recent_file("/b.lcplan")
    settings.add_recent_file("/a.lcplan")
    settings.set("editor/save_delay_ms", 5000)
    settings.set("window/geometry", QByteArray(b"\x01\x02"))
    settings.sync()
    again = Settings(QSettings(path, QSettings.Format.IniFormat))  # as a new process reads it
    assert again.recent_files() == ["/a.lcplan", "/b.lcplan"]
    assert again.get("editor/save_delay_ms") == 5000
    assert again.save_delay_ms() == 2000  # never more than two seconds
    assert again.get("find/expand_matches") is True
    assert isinstance(again.get("window/geometry"), QByteArray)
    for option in OPTIONS.values():
        value = again.get(option.key)
        assert isinstance(value, option.type), option.key
    with pytest.raises(KeyError):
        again.get("no/such/key")
