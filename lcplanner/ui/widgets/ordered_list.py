"""An ordered list of short texts edited in place: recommendations, points, appendices …

One widget for every list of children a pane edits: a list with Add, Remove, Move Up and Move
Down buttons, the same actions on a context menu and on keys while the list has focus (Insert,
Delete, Ctrl+Up, Ctrl+Down; F2 or a double click edits a row in place). Each change is an undo
command on the document's stack (add, delete, move, edit text), so it is saved at once and undone
with Ctrl+Z like any other edit. The widget never reads the store: the pane gives it its rows
(:meth:`set_items`) whenever the item it shows changes, which includes after an undo.

:class:`StatusLabelList` is the same list for a plan's status labels, with a colour swatch on
each row and a Colour… action, and a confirmation before deleting a label still in use.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QAbstractScrollArea, QColorDialog,
                               QHBoxLayout, QListWidget, QListWidgetItem, QMenu, QMessageBox,
                               QPushButton, QSizePolicy, QVBoxLayout, QWidget)

from lcplanner.domain.sanitise import clean_line
from lcplanner.services.kinds import KINDS

ID_ROLE = Qt.ItemDataRole.UserRole + 1


# --- modal dialogs, each behind a function a test can replace -------------------------------


def confirm(parent: QWidget | None, title: str, text: str, action: str) -> bool:
    """Ask before a destructive step; True when the user chose ``action``."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Cancel,
                      parent)
    button = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is button


def choose_colour(parent: QWidget | None, initial: str, title: str) -> str | None:
    """A colour from QColorDialog as "#rrggbb", or None when cancelled."""
    dialog = QColorDialog(QColor(initial), parent)
    dialog.setWindowTitle(title)
    if dialog.exec() != QColorDialog.DialogCode.Accepted:
        return None
    colour = dialog.selectedColor()
    return colour.name() if colour.isValid() else None


# --- the list ------------------------------------------------------------------------------


class OrderedTextList(QWidget):
    """An ordered list of children of one item, each a line of text edited in place."""

    #: The rows were replaced (after a change or an undo).
    items_set = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = None
        self.kind: str | None = None
        self.parent_id: int | None = None
        self.focus_key: tuple[str, int] | None = None
        self.before_edit: Callable[[], None] | None = None
        self._filling = False
        self._noun = "item"
        #: row id → (version, text) the row was last shown or saved at: an edit in place is
        #: checked against it, so a row someone else changed meanwhile is not written over.
        self._read: dict[int, tuple[int, str]] = {}
        #: Told (conflict, your text) when an edit was refused for that reason.
        self.on_conflict: Callable | None = None

        self.list = QListWidget(self)
        self.list.setObjectName("list")
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._menu)
        self.list.itemChanged.connect(self._item_edited)
        self.list.currentRowChanged.connect(self._update_buttons)
        self.list.setSpacing(1)
        # As tall as its rows (between about three and eight of them), so a short list does
        # not push the rest of the pane out of view.
        self.list.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.list.setMinimumHeight(84)
        self.list.setMaximumHeight(200)
        self.list.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)

        self.add_action = self._action("&Add", QKeySequence(Qt.Key.Key_Insert), self.add)
        self.remove_action = self._action("&Remove", QKeySequence(QKeySequence.StandardKey.Delete),
                                          self.remove)
        self.up_action = self._action("Move &Up", QKeySequence("Ctrl+Up"), lambda: self.move(-1))
        self.down_action = self._action("Move Do&wn", QKeySequence("Ctrl+Down"),
                                        lambda: self.move(1))
        self.edit_action = QAction("&Edit Text", self)
        self.edit_action.setShortcut(QKeySequence(Qt.Key.Key_F2))
        self.edit_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.edit_action.triggered.connect(self.edit_current)

        self.buttons = QVBoxLayout()
        self.buttons.setContentsMargins(0, 0, 0, 0)
        self.add_button = self._button(self.add_action)
        self.remove_button = self._button(self.remove_action)
        self.up_button = self._button(self.up_action)
        self.down_button = self._button(self.down_action)
        self.buttons.addStretch(1)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(self.buttons)
        self.setFocusProxy(self.list)
        self._update_buttons()

    def _action(self, text: str, key: QKeySequence, slot) -> QAction:
        action = QAction(text, self)
        action.setShortcut(key)
        # Only while the list itself has focus: Delete in the in-place editor deletes a letter.
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        self.list.addAction(action)
        return action

    def _button(self, action: QAction) -> QPushButton:
        # No mnemonic: a pane may hold several lists; their keys work while the list has focus.
        button = QPushButton(action.text().replace("&", ""), self)
        button.clicked.connect(action.trigger)
        button.setAutoDefault(False)
        self.buttons.addWidget(button)
        return button

    # --- set-up -----------------------------------------------------------------------------

    #: Columns each row holds after its id and text (see :meth:`set_items`).
    extra_columns: tuple[str, ...] = ()

    def configure(self, doc, kind: str, parent_id: int | None, *,
                  focus: tuple[str, int] | None = None,
                  before_edit: Callable[[], None] | None = None,
                  on_conflict: Callable | None = None) -> None:
        """Edit the children of kind ``kind`` under ``parent_id``; commands re-select ``focus``
        (the pane's item) after a redo or undo; ``before_edit`` saves the pane's typing first;
        ``on_conflict`` is told of an edit refused because someone else changed the row."""
        self.doc, self.kind, self.parent_id = doc, kind, parent_id
        self.focus_key, self.before_edit = focus, before_edit
        self.on_conflict = on_conflict
        title = KINDS[kind].title
        self._noun = title[0].lower() + title[1:] if not title.isupper() else title
        name = self.accessibleName() or title
        self.list.setAccessibleName(name)
        self.list.setAccessibleDescription(
            f"Insert adds a {self._noun}, Delete removes one, Ctrl+Up and Ctrl+Down move it, "
            "F2 edits its text")
        for button, text in ((self.add_button, f"Add a {self._noun}"),
                             (self.remove_button, f"Remove the selected {self._noun}"),
                             (self.up_button, f"Move the selected {self._noun} up"),
                             (self.down_button, f"Move the selected {self._noun} down")):
            button.setAccessibleName(text)
            button.setToolTip(text)
        self._update_buttons()

    def setEnabled(self, enabled: bool) -> None:  # noqa: N802 - Qt's name
        super().setEnabled(enabled)
        self._update_buttons()

    @property
    def noun(self) -> str:
        """What a row is, in a sentence ("recommendation")."""
        return self._noun

    @property
    def field(self) -> str:
        return KINDS[self.kind].label

    def new_text(self) -> str:
        return f"New {self._noun}"

    def set_items(self, rows: Sequence[tuple], versions: dict[int, int] | None = None) -> None:
        """Show ``rows``: ``(id, text, …)`` tuples in order; keep the current row by id.
        ``versions`` (row id → version read with the rows) lets edits in place be checked."""
        current = self.current_id()
        self._read = {row[0]: (versions[row[0]], row[1] or "") for row in rows
                      if versions is not None and row[0] in versions}
        self._filling = True
        self.list.blockSignals(True)
        try:
            if [row[0] for row in rows] == self.ids():
                # Same rows in the same order (a text edit or its undo): update in place, so
                # the row being edited is not deleted under its own itemChanged signal.
                for i, row in enumerate(rows):
                    item = self.list.item(i)
                    if item.text() != (row[1] or ""):
                        item.setText(row[1] or "")
                    self.decorate(item, row)
                rows = ()
            else:
                self.list.clear()
            for row in rows:
                item = QListWidgetItem(row[1] or "")
                item.setData(ID_ROLE, row[0])
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                              | Qt.ItemFlag.ItemIsEditable)
                self.decorate(item, row)
                self.list.addItem(item)
            if current is not None:
                self.select_id(current)
        finally:
            self.list.blockSignals(False)
            self._filling = False
        self._update_buttons()
        self.items_set.emit()

    def decorate(self, item: QListWidgetItem, row: tuple) -> None:
        """Hook: dress a row (a colour swatch, say)."""

    # --- reading ----------------------------------------------------------------------------

    def ids(self) -> list[int]:
        return [self.list.item(i).data(ID_ROLE) for i in range(self.list.count())]

    def texts(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else item.data(ID_ROLE)

    def select_id(self, item_id: int) -> bool:
        for i in range(self.list.count()):
            if self.list.item(i).data(ID_ROLE) == item_id:
                self.list.setCurrentRow(i)
                return True
        return False

    # --- editing ----------------------------------------------------------------------------

    def _ready(self) -> bool:
        if self.doc is None or self.parent_id is None or not self.isEnabled():
            return False
        if self.before_edit is not None:
            self.before_edit()
        return True

    def add(self) -> None:
        """Add a row after the current one (at the end when none) and edit its text."""
        from lcplanner.ui.commands import AddCommand

        if not self._ready():
            return
        row = self.list.currentRow()
        index = row + 1 if row >= 0 else None
        command = AddCommand(self.doc, self.kind, self.parent_id, index, focus=self.focus_key,
                             **{self.field: self.new_text()})
        self.doc.push(command)
        if command.item_id is not None and self.select_id(command.item_id):
            self.list.setFocus(Qt.FocusReason.OtherFocusReason)
            self.edit_current()

    def remove(self) -> None:
        from lcplanner.ui.commands import DeleteCommand

        item_id, row = self.current_id(), self.list.currentRow()
        if item_id is None or not self._ready() or not self.confirm_remove(item_id):
            return
        text = " ".join(self.list.item(row).text().split())
        label = f"“{text[:40]}…”" if len(text) > 40 else (f"“{text}”" if text else "")
        self.doc.push(DeleteCommand(self.doc, self.kind, item_id, label, focus=self.focus_key))
        if self.list.count():
            self.list.setCurrentRow(min(row, self.list.count() - 1))

    def confirm_remove(self, item_id: int) -> bool:
        """Hook: ask before removing a row (a status label in use)."""
        return True

    def move(self, step: int) -> None:
        from lcplanner.ui.commands import MoveCommand

        item_id, row = self.current_id(), self.list.currentRow()
        target = row + step
        if item_id is None or not 0 <= target < self.list.count() or not self._ready():
            return
        text = f"Move {self._noun} {'up' if step < 0 else 'down'}"
        self.doc.push(MoveCommand(self.doc, self.kind, item_id, self.parent_id, target,
                                  text=text, focus=self.focus_key))
        self.select_id(item_id)

    def edit_current(self) -> None:
        item = self.list.currentItem()
        if item is not None and self.isEnabled():
            self.list.editItem(item)

    def set_text(self, item_id: int, text: str) -> None:
        """Set a row's text as one undo step (what editing in place does), on the version the
        row was read at."""
        if not self._ready():
            return
        self._push_checked(item_id, self.field, text, f"Edit {self._noun}",
                           self._read.get(item_id, (None, None))[1])

    def _push_checked(self, item_id: int, name: str, value, label: str, base) -> None:
        from lcplanner.ui.commands import SetFieldCommand

        version = self._read.get(item_id, (None, None))[0]

        def saved(result) -> None:
            if name == self.field:
                self._read[item_id] = (result.version, value)
            elif item_id in self._read:
                self._read[item_id] = (result.version, self._read[item_id][1])

        def refused(conflict) -> None:
            if self.on_conflict is None:
                raise conflict
            self.on_conflict(conflict, value)

        self.doc.push(SetFieldCommand(self.doc, self.kind, item_id, name, value, text=label,
                                      merge=False, focus=self.focus_key,
                                      expected_version=version, base=base,
                                      on_saved=saved, on_conflict=refused))

    def show_text(self, item_id: int, text: str) -> None:
        """Show ``text`` in a row without saving it (the user's text of a refused edit)."""
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(ID_ROLE) == item_id:
                self.list.blockSignals(True)
                item.setText(text)
                self.list.blockSignals(False)

    def _item_edited(self, item: QListWidgetItem) -> None:
        if self._filling:
            return
        text = clean_line(item.text())
        if text != item.text():
            self.list.blockSignals(True)
            item.setText(text)
            self.list.blockSignals(False)
        item_id = item.data(ID_ROLE)
        self.set_text(item_id, text)
        self.select_id(item_id)

    # --- menu and buttons -------------------------------------------------------------------

    def _menu(self, pos) -> None:
        menu = QMenu(self)
        for action in self.menu_actions():
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        menu.popup(self.list.viewport().mapToGlobal(pos))

    def menu_actions(self) -> list[QAction | None]:
        return [self.add_action, self.edit_action, None, self.up_action, self.down_action, None,
                self.remove_action]

    def _update_buttons(self, *_args) -> None:
        row = self.list.currentRow()
        editable = self.isEnabled() and self.doc is not None and not self.doc.readonly
        count = self.list.count()
        states = ((self.add_action, editable), (self.edit_action, editable and row >= 0),
                  (self.remove_action, editable and row >= 0),
                  (self.up_action, editable and row > 0),
                  (self.down_action, editable and 0 <= row < count - 1))
        for action, on in states:
            action.setEnabled(on)
        for button, action in ((self.add_button, self.add_action),
                               (self.remove_button, self.remove_action),
                               (self.up_button, self.up_action),
                               (self.down_button, self.down_action)):
            button.setEnabled(action.isEnabled())


class StatusLabelList(OrderedTextList):
    """A plan's status labels: name and colour swatch; recolour; confirm deleting one in use."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.colour_action = QAction("&Colour…", self)
        self.colour_action.setShortcut(QKeySequence("Ctrl+K"))
        self.colour_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.colour_action.triggered.connect(self.recolour)
        self.list.addAction(self.colour_action)
        self.colour_button = QPushButton("Colour…", self)
        self.colour_button.setAutoDefault(False)
        self.colour_button.clicked.connect(self.colour_action.trigger)
        self.buttons.insertWidget(1, self.colour_button)
        self.list.setAlternatingRowColors(False)
        self._colours: dict[int, str] = {}

    def configure(self, doc, kind, parent_id, **kwargs) -> None:
        super().configure(doc, kind, parent_id, **kwargs)
        self.colour_button.setAccessibleName("Change the selected status's colour")
        self.colour_button.setToolTip("Change the selected status's colour (Ctrl+K)")
        self.list.setAccessibleDescription(
            self.list.accessibleDescription() + ", Ctrl+K changes its colour")

    extra_columns = ("colour",)

    def new_text(self) -> str:
        return "New status"

    def decorate(self, item: QListWidgetItem, row: tuple) -> None:
        from lcplanner.ui.tree_model import status_icon

        colour = row[2] if len(row) > 2 and row[2] else "#8c8c8c"
        self._colours[row[0]] = colour
        item.setIcon(status_icon(colour, self.list.row(item) if self.list.row(item) >= 0
                                 else self.list.count()))
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{row[1]}, colour {colour}")
        item.setToolTip(f"{row[1]} ({colour})")

    def colour_of(self, item_id: int) -> str | None:
        return self._colours.get(item_id)

    def recolour(self) -> None:
        item_id = self.current_id()
        if item_id is None or self.doc is None or not self.isEnabled():
            return
        name = self.list.currentItem().text()
        colour = choose_colour(self, self._colours.get(item_id, "#8c8c8c"),
                               f"Colour for “{name}”")
        if colour is None or colour == self._colours.get(item_id) or not self._ready():
            return
        self._push_checked(item_id, "colour", colour, f"Change colour of status “{name}”",
                           self._colours.get(item_id))
        self.select_id(item_id)

    def confirm_remove(self, item_id: int) -> bool:
        from lcplanner import services

        used = services.status_usage(self.doc.store, item_id)
        if not used:
            return True
        name = self.list.currentItem().text()
        things = "item carries" if used == 1 else "items carry"
        return confirm(self, "Delete status",
                       f"{used} {things} the status “{name}”. If you delete it they will have "
                       "no status.\n\nYou can undo this with Edit → Undo.", "&Delete Status")

    def menu_actions(self):
        actions = super().menu_actions()
        return [*actions[:2], self.colour_action, *actions[2:]]

    def _update_buttons(self, *args) -> None:
        super()._update_buttons(*args)
        if hasattr(self, "colour_action"):
            self.colour_action.setEnabled(self.edit_action.isEnabled())
            self.colour_button.setEnabled(self.colour_action.isEnabled())
