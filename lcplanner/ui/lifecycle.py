"""SIGTERM and SIGINT close the editor the way File → Quit does.

A logout, ``kill`` or ``timeout`` sends SIGTERM; Ctrl+C in the terminal sends SIGINT. Either
used to end the process on the spot and leave the store's lock file and an unfolded ``-wal``
behind. Here both close the window instead: typing not yet saved is committed, the write-ahead
log is folded into the store and the lock is released, exactly as on Quit.

Python runs a signal handler only when the interpreter gets control, and Qt's event loop may
sit in C++ for as long as nothing happens. So the C-level handler also writes the signal's
number to one end of a socket pair (:func:`signal.set_wakeup_fd`); a :class:`QSocketNotifier`
on the other end wakes the event loop, Python runs the handler, and the handler only posts the
close to the event loop (never closes in the middle of whatever Python code it interrupted).
"""
from __future__ import annotations

import logging
import signal
import socket

from PySide6.QtCore import QObject, QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication, QWidget

log = logging.getLogger(__name__)

SIGNALS = tuple(s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGINT", None))
                if s is not None)


class QuitOnSignals(QObject):
    """While it lives, SIGTERM and SIGINT close ``window`` (then the application quits)."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self._window = window
        self._closing = False
        self._signal = 0
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno(),
                                                 warn_on_full_buffer=False)
        self._previous = {number: signal.signal(number, self._handle) for number in SIGNALS}
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)

    def _drain(self, *_args) -> None:
        """The event loop woke: the Python handler has run by now; empty the socket."""
        try:
            while self._reader.recv(64):
                pass
        except (BlockingIOError, InterruptedError):
            pass

    def _handle(self, number: int, _frame) -> None:
        if self._closing:
            return
        self._closing = True
        self._signal = number
        QTimer.singleShot(0, self._close)  # nothing else here: it may interrupt any code

    def _close(self) -> None:
        log.info("closing on %s", signal.Signals(self._signal).name)
        app = QApplication.instance()
        # A question left open (a modal box) would keep its own event loop running: answer
        # it with Cancel, then close the window once that loop has returned.
        for _ in range(10):
            modal = app.activeModalWidget() if app is not None else None
            if modal is None:
                break
            modal.close()
        QTimer.singleShot(0, self._close_window)

    def _close_window(self) -> None:
        self._window.close()
        app = QApplication.instance()
        if app is not None:
            app.quit()

    def uninstall(self) -> None:
        """Give the signals back to whoever had them (tests, or a window closed early)."""
        for number, previous in self._previous.items():
            signal.signal(number, previous)
        signal.set_wakeup_fd(self._previous_fd)
        self._notifier.setEnabled(False)
        self._writer.close()
        self._reader.close()


def quit_on_signals(window: QWidget) -> QuitOnSignals | None:
    """Install the handlers for ``window``; None where signals cannot be handled here."""
    try:
        return QuitOnSignals(window)
    except (ValueError, OSError) as exc:  # not the main thread, or no socket pair
        log.warning("SIGTERM and SIGINT will end lcplanner without closing it: %s", exc)
        return None
