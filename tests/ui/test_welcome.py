"""The welcome on first start: shown when lcplanner starts on its default store, until the
"Show this at start-up" box is cleared; never for a file named on the command line."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from lcplanner.settings import Settings
from lcplanner.ui.welcome import WelcomeDialog


@pytest.fixture
def started(monkeypatch, qapp, tmp_path):
    """``app.run`` as a user starts it, with its event loop run once and settings in a file;
    returns the welcome dialogs it showed and the windows it opened."""
    ini = str(tmp_path / "settings.ini")
    monkeypatch.setattr("lcplanner.settings.Settings",
                        lambda: Settings(QSettings(ini, QSettings.Format.IniFormat)))
    shown, windows = [], []

    def fake_exec(dialog):
        shown.append(dialog)
        return 0

    monkeypatch.setattr(WelcomeDialog, "exec", fake_exec)
    def run_events(*_args):
        """The event loop, briefly: the store opens after the first paint, then the welcome."""
        import time

        before, deadline, opened = len(shown), time.monotonic() + 20, None
        while time.monotonic() < deadline and len(shown) == before:
            QApplication.processEvents()
            time.sleep(0.01)
            if opened is None and windows and windows[-1].doc is not None:
                opened = time.monotonic()  # the store is open: a welcome comes next, if any
            if opened is not None and time.monotonic() - opened > 0.5:
                break
        return 0

    monkeypatch.setattr(QApplication, "exec", run_events)
    from lcplanner.ui import main_window

    original_show = main_window.MainWindow.show
    monkeypatch.setattr(main_window.MainWindow, "show",
                        lambda self: (windows.append(self), original_show(self))[1])
    yield shown, windows, ini
    for window in windows:
        window.close()


def test_first_start_welcomes_until_turned_off(started):
    from lcplanner.app import run

    shown, windows, ini = started
    assert run(None) == 0
    [welcome] = shown
    assert welcome.parent() is windows[0]
    assert welcome.show_at_start.isChecked()
    text = welcome.text.text()
    assert "sample plan" in text and "File → Import Paper…" in text and "Edit → New Plan" in text
    welcome.show_at_start.click()  # "Show this at start-up" off
    assert Settings(QSettings(ini, QSettings.Format.IniFormat)).get(
        "start/show_welcome") is False
    windows[0].close()

    assert run(None) == 0  # the next start
    assert len(shown) == 1


def test_a_store_named_on_the_command_line_is_not_welcomed(started, sample_store, store_path):
    from lcplanner.app import run

    shown, windows, _ini = started
    sample_store.close()
    assert run(str(store_path)) == 0
    assert windows and shown == []


def test_help_welcome_shows_it_again_and_its_buttons_act(window, qtbot, monkeypatch):
    window.settings.set("start/show_welcome", False)
    window.actions.welcome.trigger()
    dialog = window._welcome_dialog
    qtbot.waitExposed(dialog)
    assert window.actions.welcome.text() == "&Welcome"
    assert not dialog.show_at_start.isChecked()
    dialog.show_at_start.click()
    assert window.settings.get("start/show_welcome") is True
    plans = window.proxy.rowCount()
    with qtbot.waitSignal(dialog.finished, timeout=3000):  # the welcome closes first
        qtbot.mouseClick(dialog.new_plan_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.proxy.rowCount() == plans + 1, timeout=3000)
