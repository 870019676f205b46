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


@pytest.fixture
def window(qtbot, sample_store, settings):
    """The main window on the sample plan, shown."""
    from lcplanner.ui.main_window import MainWindow
    from lcplanner.ui.opening import Opened

    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.set_document(Opened(sample_store))
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


@pytest.fixture(autouse=True)
def _no_unexpected_modal(monkeypatch):
    """A modal box nobody answers would hang the run: fail the test with its text instead.

    Tests that expect a message patch ``QMessageBox.exec`` (or the helper that shows it)
    themselves, which overrides this.
    """
    from PySide6.QtWidgets import QDialog, QMessageBox

    def refuse(box):
        text = box.text() if isinstance(box, QMessageBox) else box.windowTitle()
        raise AssertionError(f"unexpected modal dialog: {text!r}")

    monkeypatch.setattr(QMessageBox, "exec", refuse)
    monkeypatch.setattr(QDialog, "exec", refuse)


@pytest.fixture(autouse=True)
def _empty_clipboard(qapp):
    """Leave the clipboard empty: mime data still owned by Qt's clipboard when the interpreter
    shuts down crashes the offscreen platform at exit (a segmentation fault after the run)."""
    yield
    qapp.clipboard().clear()


@pytest.fixture
def closed_store(tmp_path):
    """A store file holding the sample plan, closed: for an editor started in a subprocess."""
    from lcplanner.sample import build_sample_plan
    from lcplanner.store.engine import open_store

    path = tmp_path / "plans.lcplan"
    store = open_store(path)
    with store.transaction() as session:
        session.add(build_sample_plan())
    store.close()
    return path
