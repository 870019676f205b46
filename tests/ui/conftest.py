"""GUI test fixtures: offscreen Qt, a store with the sample plan, an editor document."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


@pytest.fixture
def doc(qapp, sample_store):
    from lcplanner.ui.document import EditorDocument

    document = EditorDocument(sample_store)
    yield document
    document.undo_stack.clear()


@pytest.fixture
def settings(tmp_path, qapp):
    from PySide6.QtCore import QSettings

    from lcplanner.settings import Settings

    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
