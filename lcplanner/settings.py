"""Every setting lcplanner keeps, declared once with its type and default.

QSettings hands back strings in a new process unless asked for a type, so every read passes
``type=``; nothing else in the program spells a settings key.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

ORGANISATION = "lcplanner"
APPLICATION = "lcplanner"


@dataclass(frozen=True)
class Option:
    key: str
    type: type
    default: Any
    doc: str = ""


OPTIONS: dict[str, Option] = {o.key: o for o in [
    Option("window/geometry", QByteArray, QByteArray(), "main window size and place"),
    Option("window/state", QByteArray, QByteArray(), "toolbars and docks"),
    Option("window/splitter", QByteArray, QByteArray(), "tree and pane widths"),
    Option("files/recent", list, [],
           "recently opened stores, newest first: files, and servers by URL (no password)"),
    Option("files/recent_limit", int, 8, "how many recent stores File → Open Recent lists"),
    Option("files/last_folder", str, "", "where Open and Save a Copy As start"),
    Option("files/export_folder", str, "", "where File → Export saves (last folder used)"),
    Option("files/import_folder", str, "", "where File → Import Paper starts"),
    Option("editor/save_delay_ms", int, 1000, "typing is saved after this pause (at most 2 s)"),
    Option("find/expand_matches", bool, True, "expand the tree to show every match"),
    Option("view/text_zoom", int, 0, "points added to the tree's and panes' text size"),
    Option("start/show_welcome", bool, True,
           "show the welcome when lcplanner starts on its default store"),
]}


class Settings:
    """Typed access to QSettings; pass a QSettings to use another file (tests)."""

    def __init__(self, qsettings: QSettings | None = None):
        self._q = qsettings if qsettings is not None else QSettings(ORGANISATION, APPLICATION)

    def get(self, key: str) -> Any:
        option = OPTIONS[key]
        if option.type is list:
            value = self._q.value(key, [], type=list)
            # QSettings returns a single-entry list as a plain string in some back ends.
            if isinstance(value, str):
                value = [value] if value else []
            return [str(v) for v in value or []]
        value = self._q.value(key, option.default, type=option.type)
        return option.default if value is None else value

    def set(self, key: str, value: Any) -> None:  # noqa: A003
        option = OPTIONS[key]
        if option.type is not list and not isinstance(value, option.type):
            value = option.type(value)
        self._q.setValue(key, value)

    def sync(self) -> None:
        self._q.sync()

    # --- recent files -----------------------------------------------------------------------

    def recent_files(self) -> list[str]:
        return self.get("files/recent")

    def add_recent_file(self, path: str) -> list[str]:
        files = [path, *[p for p in self.recent_files() if p != path]]
        files = files[: self.get("files/recent_limit")]
        self.set("files/recent", files)
        return files

    def forget_recent_file(self, path: str) -> None:
        self.set("files/recent", [p for p in self.recent_files() if p != path])

    def save_delay_ms(self) -> int:
        """Never longer than two seconds: nothing typed may wait longer to be saved."""
        return max(100, min(2000, self.get("editor/save_delay_ms")))
