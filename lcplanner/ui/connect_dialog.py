"""File → Connect to Server…: open a store kept in a PostgreSQL database, shared by a team.

The server is given as a URL (``postgresql://host/plans``, or ``postgresql://user@/plans?
host=/run/postgresql`` for a Unix socket) or field by field; either way the dialog builds one
URL and checks it before connecting. A password is never taken: libpq's own ways
(``PGPASSWORD``, ``~/.pgpass``, a service file) are used, so lcplanner never keeps one in
clear. Servers connected to are kept with the recent files (File → Open Recent).
"""
from __future__ import annotations

from urllib.parse import quote

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QSpinBox, QVBoxLayout)

NO_PASSWORD = ("lcplanner does not take a password: give it in PGPASSWORD or in your "
               "~/.pgpass file (libpq's password file), and leave it out of the URL.")


def build_url(host: str, port: int, database: str, user: str) -> str:
    """The URL for fields as typed: a host starting with '/' is a Unix socket's folder."""
    host, database, user = host.strip(), database.strip(), user.strip()
    who = f"{quote(user, safe='')}@" if user else ""
    if host.startswith("/"):
        tail = f"?host={quote(host, safe='/')}" + (f"&port={port}" if port else "")
        return f"postgresql://{who}/{quote(database, safe='')}{tail}"
    place = host + (f":{port}" if port else "")
    return f"postgresql://{who}{place}/{quote(database, safe='')}"


def check_url(url: str) -> str | None:
    """Why ``url`` cannot be used (one sentence), or None when it can."""
    from sqlalchemy.engine import make_url

    from lcplanner.store.errors import StoreError
    from lcplanner.store.server import engine_url, is_server_url

    if not is_server_url(url):
        return "Give a PostgreSQL URL (postgresql://host/database) or fill in the fields."
    try:
        if make_url(url.strip()).password is not None:
            return NO_PASSWORD
        engine_url(url)
    except StoreError as exc:
        return str(exc)
    except Exception:  # noqa: BLE001 - whatever the parser says, one sentence
        return "That is not a PostgreSQL URL lcplanner understands."
    return None


class ConnectDialog(QDialog):
    """A server's URL, or host, port, database and user; Connect checks it first."""

    def __init__(self, parent=None, recent: str = ""):
        super().__init__(parent)
        self.setObjectName("connectDialog")
        self.setWindowTitle("Connect to Server")
        layout = QVBoxLayout(self)
        intro = QLabel("A plan store in a PostgreSQL database, shared with your team. The "
                       "password, if the server asks for one, comes from PGPASSWORD or "
                       "~/.pgpass, never from here.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.url = QLineEdit(recent)
        self.url.setPlaceholderText("postgresql://host/database")
        self.url.setAccessibleName("Server URL")
        form.addRow("&URL:", self.url)
        form.addRow(QLabel("or, field by field:"))
        self.host = QLineEdit()
        self.host.setPlaceholderText("db.example.org, or a socket folder such as /run/postgresql")
        self.port = QSpinBox()
        self.port.setRange(0, 65535)
        self.port.setSpecialValueText("default")
        self.database = QLineEdit()
        self.user = QLineEdit()
        self.user.setPlaceholderText("your login name if empty")
        for label, widget in (("&Host or socket:", self.host), ("&Port:", self.port),
                              ("&Database:", self.database), ("U&ser:", self.user)):
            form.addRow(label, widget)
            if isinstance(widget, QLineEdit):
                widget.textEdited.connect(self._fields_edited)
        self.port.valueChanged.connect(self._fields_edited)
        layout.addLayout(form)
        self.problem = QLabel()
        self.problem.setObjectName("connectProblem")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.connect_button = buttons.addButton("&Connect", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, 0)

    def _fields_edited(self, *_args) -> None:
        """Typing in the fields writes the URL they make (the URL is what is used)."""
        if self.database.text().strip() or self.host.text().strip():
            self.url.setText(build_url(self.host.text(), self.port.value(),
                                       self.database.text(), self.user.text()))
        self.problem.clear()

    def chosen_url(self) -> str:
        return self.url.text().strip()

    def accept(self) -> None:
        problem = check_url(self.chosen_url())
        if problem:
            self.problem.setText(problem)
            return
        super().accept()
