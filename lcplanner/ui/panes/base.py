"""An edit pane: a Designer form whose ``field_*`` widgets are bound to an item's fields.

Each widget named ``field_<name>`` edits the field ``<name>``. Typing is saved after a short
pause, at least every two seconds while typing goes on, on focus-out, before another item is
shown, before undo, and on close; saves during one burst of typing merge into one undo step.
Choices (combo boxes, check lists) save at once.

Panes never write to the store themselves: they push commands, and re-read the item through the
service layer when the document says it changed (an undo, say).
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QCheckBox, QComboBox, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QPlainTextEdit, QWidget)

from lcplanner import services
from lcplanner.domain.sanitise import clean_line, clean_text
from lcplanner.services.kinds import KINDS, child_kinds
from lcplanner.ui.commands import SetFieldCommand
from lcplanner.ui.panes.conflict import ConflictBar, last_change_text
from lcplanner.ui.panes.conflicts import ConflictHandling
from lcplanner.ui.widgets.ordered_list import OrderedTextList

ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: Fields that hold codes, dates or addresses rather than prose: not spell checked.
NOT_PROSE = frozenset({"dates", "email", "telephone", "item_number", "meeting_date", "colour",
                       "period"})


def _is_move_key(event) -> bool:
    """Ctrl+Up / Ctrl+Down: the window's Move Up / Move Down, wherever focus is."""
    return (event.modifiers() == Qt.KeyboardModifier.ControlModifier
            and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down))


class _UndoGuard(QObject):
    """Lets Ctrl+Z and Ctrl+Up/Down reach the window's actions instead of a text field's own,
    saves pending typing when a field loses focus, and returns to the tree on Esc."""

    def __init__(self, pane: FieldPane):
        super().__init__(pane)
        self._pane = pane

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.ShortcutOverride:
            if event.matches(QKeySequence.StandardKey.Undo) or \
                    event.matches(QKeySequence.StandardKey.Redo):
                return True  # not accepted: the window's shortcut fires
        elif event.type() == QEvent.Type.KeyPress and _is_move_key(event):
            actions = getattr(self._pane.window(), "actions", None)
            if actions is not None:  # the tree's Move Up / Move Down, from a text field
                self._pane.flush()
                move = actions.move_up if event.key() == Qt.Key.Key_Up else actions.move_down
                if move.isEnabled():
                    move.trigger()
                return True
        elif event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
            self._pane.flush()
            window = self._pane.window()
            if hasattr(window, "focus_tree"):
                window.focus_tree()
                return True
        elif event.type() == QEvent.Type.FocusOut:
            self._pane.flush()
        return False


class FieldPane(ConflictHandling, QWidget):
    """Base of every edit pane."""

    form_class: type = None
    kinds: tuple[str, ...] = ()

    def __init__(self, doc, save_delay_ms: int = 1000, parent: QWidget | None = None):
        super().__init__(parent)
        self.ui = self.form_class()
        self.ui.setupUi(self)
        self.doc = doc
        self.kind: str | None = None
        self.item_id: int | None = None
        self.details: services.Details | None = None
        self._loading = False
        self._flushing = False
        self._pending: dict[str, Any] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(save_delay_ms)
        self._timer.timeout.connect(self.flush)
        # Continuous typing never pauses long enough for the timer above: save it at least
        # every two seconds anyway, so a crash loses at most the last two seconds.
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.setInterval(max(save_delay_ms, 2000))
        self._deadline.timeout.connect(lambda: self.flush(end_step=False))
        #: The next save starts a new undo step (after a pause, or in another field or item).
        self._new_step = True
        self._guard = _UndoGuard(self)
        font = self.ui.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.ui.heading.setFont(font)
        #: Why the item shown may not be changed by this user (a server store's roles).
        self.access_note = QLabel()
        self.access_note.setObjectName("accessNote")
        self.access_note.setWordWrap(True)
        self.access_note.setTextFormat(Qt.TextFormat.PlainText)
        self.access_note.setAccessibleName("Why this item is read-only")
        self.access_note.hide()
        self.ui.outer.insertWidget(1, self.access_note)
        #: Who changed the item last, when; and theirs beside yours when someone else changed a
        #: field the user was typing in (see :meth:`_conflict`).
        self.last_change = QLabel(self)
        self.last_change.setObjectName("last_change")
        self.conflict_bar = ConflictBar(self)
        self.conflict_bar.keep_theirs_requested.connect(self.keep_theirs)
        self.conflict_bar.use_yours_requested.connect(self.use_yours)
        self.ui.outer.insertWidget(2, self.last_change)
        self.ui.outer.insertWidget(3, self.conflict_bar)
        #: field → (version, value) the field's widget was last filled with or saved at: the
        #: version a typed save is checked against (see ``services.concurrency.save_field``).
        self._read: dict[str, tuple[int, Any]] = {}
        self.widgets: dict[str, QWidget] = {}
        for widget in self.findChildren(QWidget):
            name = widget.objectName()
            if name.startswith("field_"):
                self.bind(name[len("field_"):], widget)
        #: Ordered lists of children, by the parent's collection: ``list_points`` edits the
        #: item's ``points``, each change an undo command of its own.
        self.lists: dict[str, OrderedTextList] = {
            w.objectName()[len("list_"):]: w for w in self.findChildren(OrderedTextList)
            if w.objectName().startswith("list_")}
        doc.item_changed.connect(self._on_item_changed)

    # --- binding ----------------------------------------------------------------------------

    def bind(self, name: str, widget: QWidget) -> None:
        self.widgets[name] = widget
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(lambda text, n=name: self._typed(n, text))
            widget.editingFinished.connect(self.flush)
            widget.installEventFilter(self._guard)
        elif isinstance(widget, QPlainTextEdit):
            widget.setUndoRedoEnabled(False)
            widget.textChanged.connect(lambda n=name, w=widget: self._typed(n, self._text_of(n, w)))
            widget.installEventFilter(self._guard)
        elif isinstance(widget, QComboBox):
            widget.activated.connect(lambda _i, n=name, w=widget: self._chosen(n, w.currentData()))
        elif isinstance(widget, QCheckBox):
            widget.clicked.connect(lambda checked, n=name: self._chosen(n, bool(checked)))
        elif isinstance(widget, QListWidget):
            widget.itemChanged.connect(lambda _item, n=name, w=widget: self._chosen(
                n, self._checked_ids(w)))

    def _text_of(self, name: str, widget: QPlainTextEdit) -> Any:
        text = widget.toPlainText()
        if name == "dates":
            return [line.strip() for line in text.splitlines() if line.strip()]
        return text

    @staticmethod
    def _checked_ids(widget: QListWidget) -> list[int]:
        return sorted(widget.item(i).data(ID_ROLE) for i in range(widget.count())
                      if widget.item(i).checkState() == Qt.CheckState.Checked)

    # --- showing an item --------------------------------------------------------------------

    def show_item(self, kind: str, item_id: int, heading: str = "") -> None:
        self.flush()
        self.kind, self.item_id = kind, item_id
        self.details = services.details(self.doc.store, kind, item_id)
        self.ui.heading.setText(heading or KINDS[kind].title)
        self._loading = True
        try:
            self.configure(kind)
            self._read = {}
            self.last_change.setText("")
            self._name_conflict_item()
            if self.details is not None:
                self.fill_choices(self.details)
                self._fill_widgets(self.details)
                self.loaded(self.details)
                self.fill_lists(self.details)
        finally:
            self._loading = False
        self._apply_access()

    def _apply_access(self) -> None:
        """Fields enabled only where the user may change the item; the reason shown if not."""
        editable = not self.doc.readonly
        reason = ""
        if editable and self.details is not None and hasattr(self.doc, "access"):
            access = self.doc.access(self.kind, self.item_id)
            editable, reason = access.edit, access.reason
        self.access_note.setText(reason)
        self.access_note.setVisible(bool(reason))
        for widget in [*self.widgets.values(), *self.lists.values()]:
            widget.setEnabled(editable)

    def configure(self, kind: str) -> None:
        """Adjust the form for ``kind`` (panes that serve several kinds)."""

    def fill_choices(self, details: services.Details) -> None:
        """Fill combo boxes and check lists from ``details.choices``."""
        statuses = details.choices.get("statuses")
        widget = self.widgets.get("status_id")
        if statuses is not None and isinstance(widget, QComboBox):
            fill_combo(widget, [(None, "No status"), *statuses])
        for name in ("themes", "pledges", "tags", "priorities"):
            widget = self.widgets.get(name)
            if isinstance(widget, QListWidget):
                fill_checklist(widget, details.choices.get(name, []))

    def loaded(self, details: services.Details) -> None:
        """Hook run after the widgets are filled."""

    def _fill_widgets(self, details: services.Details) -> None:
        """Show the stored values, except in a field whose conflict is still open (the user's
        text stays); note the version each field now shows."""
        open_conflict = self._open_conflict_field()
        for name, widget in self.widgets.items():
            if name == open_conflict:  # back on the item: the field shows the user's text
                self._set_widget(name, widget, self.conflict_bar.yours)
                continue
            value = details.values.get(name)
            self._set_widget(name, widget, value)
            self._read[name] = (details.version, value)
        self.last_change.setText(last_change_text(details.changed_by, details.changed_at))

    def _set_widget(self, name: str, widget: QWidget, value: Any) -> None:
        widget.blockSignals(True)
        try:
            if isinstance(widget, QLineEdit):
                if clean_line(widget.text()) != (value or "") or not widget.hasFocus():
                    widget.setText(value or "")
            elif isinstance(widget, QPlainTextEdit):
                text = "\n".join(value) if isinstance(value, list) else (value or "")
                current = widget.toPlainText()
                same = (current.splitlines() == text.splitlines()) if name == "dates" else \
                    clean_text(current) == text
                if not same or not widget.hasFocus():
                    widget.setPlainText(text)
            elif isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(0, widget.findData(value)))
            elif isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            elif isinstance(widget, QListWidget):
                wanted = set(value or [])
                for i in range(widget.count()):
                    item = widget.item(i)
                    item.setCheckState(Qt.CheckState.Checked if item.data(ID_ROLE) in wanted
                                       else Qt.CheckState.Unchecked)
        finally:
            widget.blockSignals(False)

    def _on_item_changed(self, kind: str, item_id: int) -> None:
        if (kind, item_id) != (self.kind, self.item_id) or self._flushing:
            return
        self._pending.clear()
        self._timer.stop()
        self.details = services.details(self.doc.store, kind, item_id)
        if self.details is None:
            return
        self._loading = True
        try:
            self._fill_widgets(self.details)
            self.loaded(self.details)
            self.fill_lists(self.details)
        finally:
            self._loading = False
        self._apply_access()

    def fill_lists(self, details: services.Details) -> None:
        """Give each ordered list its rows: the item's children of the list's collection."""
        for collection, widget in self.lists.items():
            child = next((k for k in child_kinds(details.kind) if k.collection == collection),
                         None)
            widget.setVisible(child is not None)
            if child is None:
                continue
            widget.configure(self.doc, child.name, details.id, focus=(details.kind, details.id),
                             before_edit=self.flush,
                             on_conflict=lambda c, yours, w=widget: self._row_conflict(w, c,
                                                                                       yours))
            # Read with each row's version, so an edit in place is checked against it.
            rows = services.children(self.doc.store, child.name, details.id, child.label,
                                     *widget.extra_columns, "version")
            widget.set_items([row[:-1] for row in rows], {row[0]: row[-1] for row in rows})
            conflict = self.conflict_bar.conflict
            if conflict is not None and conflict.kind == child.name and \
                    conflict.name == child.label and conflict.item_id in widget.ids():
                widget.show_text(conflict.item_id, self.conflict_bar.yours)

    # --- saving -----------------------------------------------------------------------------

    def _typed(self, name: str, value: Any) -> None:
        if self._loading or self.item_id is None:
            return
        self._pending[name] = value
        self.edited(name, value)
        self._timer.start()
        if not self._deadline.isActive():
            self._deadline.start()

    def edited(self, name: str, value: Any) -> None:
        """Hook: a field was typed in (before it is saved)."""

    def _chosen(self, name: str, value: Any) -> None:
        if self._loading or self.item_id is None:
            return
        self.flush()
        # Checked against the version the choice was read at, as typing is (see ``flush``).
        version, base = self._read.get(name, (None, None))
        key = (self.kind, self.item_id)
        self.doc.push(SetFieldCommand(
            self.doc, self.kind, self.item_id, name, value, merge=False,
            expected_version=version, base=base,
            on_saved=lambda saved: self._saved(key, name, value, saved),
            on_conflict=lambda conflict: self._conflict(conflict, value)))

    def prose_widgets(self) -> list:
        """The text fields that hold prose (spell checked); codes, dates and addresses are not."""
        return [w for name, w in self.widgets.items() if name not in NOT_PROSE]

    def has_pending(self) -> bool:
        return bool(self._pending)

    def flush(self, *, end_step: bool = True) -> None:
        """Save pending typing now.

        Saves during continuous typing (``end_step=False``) extend the current undo step; a
        save after a pause, on focus-out or before another item ends it, so undo goes back one
        burst of typing at a time rather than a whole sitting's.
        """
        self._timer.stop()
        self._deadline.stop()
        if not self._pending or self.item_id is None:
            self._pending.clear()
            self._new_step = True
            return
        pending, self._pending = self._pending, {}
        self._flushing = True
        try:
            for name, value in pending.items():
                if self.doc.offline:  # the server is away: kept until it is back
                    self._pending[name] = value
                    continue
                if self.details is not None and self.details.values.get(name) == value:
                    continue
                version, base = self._read.get(name, (None, None))
                key = (self.kind, self.item_id)
                self.doc.push(SetFieldCommand(
                    self.doc, self.kind, self.item_id, name, value, new_step=self._new_step,
                    expected_version=version, base=base,
                    on_saved=lambda saved, n=name, v=value, k=key: self._saved(k, n, v, saved),
                    on_conflict=lambda conflict, v=value: self._conflict(conflict, v)))
                if self.doc.offline:  # it went away during this save: nothing was saved
                    self._pending[name] = value
                    continue
                if self.details is not None:
                    self.details.values[name] = value
        finally:
            self._flushing = False
            self._new_step = end_step

    def focus_first(self) -> None:
        for widget in self.widgets.values():
            if widget.isVisible() and widget.isEnabled():
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                if isinstance(widget, QLineEdit):
                    widget.selectAll()
                elif isinstance(widget, QPlainTextEdit):
                    widget.selectAll()
                return


def fill_combo(combo: QComboBox, choices: list[tuple[Any, str]]) -> None:
    combo.blockSignals(True)
    combo.clear()
    for value, text in choices:
        combo.addItem(text, value)
    combo.blockSignals(False)


def fill_checklist(widget: QListWidget, choices: list[tuple[int, str]]) -> None:
    widget.blockSignals(True)
    widget.clear()
    for value, text in choices:
        item = QListWidgetItem(" ".join(text.split()))
        item.setData(ID_ROLE, value)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        widget.addItem(item)
    widget.blockSignals(False)
