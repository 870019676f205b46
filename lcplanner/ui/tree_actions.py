"""Edit actions on the current tree row, each turned into one undo command."""
from __future__ import annotations

from PySide6.QtCore import QObject

from lcplanner.services.kinds import KINDS, child_kinds
from lcplanner.ui.commands import (AddCommand, DeleteCommand, IndentCommand, MoveCommand,
                                   SetFieldCommand, describe_counts, short_title)
from lcplanner.ui.tree_model import Role

#: The child a plain "New Child Item" adds where a kind holds several kinds.
PRIMARY_CHILD = {"plan": "portfolio", "portfolio": "priority", "priority": "output",
                 "output": "sub_point", "objective": "milestone", "section": "narrative_point",
                 "pledge_area": "pledge", "pledge": "pledge_point",
                 "paper": "paper_section"}


#: Kinds whose deletion is always asked about, however little they hold.
ASK_BEFORE_DELETING = frozenset({"plan", "portfolio", "objective", "paper", "pledge_area"})
#: Title fields that are one line (a renamed title is folded onto one line).
SINGLE_LINE = frozenset({"title", "name"})


def new_values(kind: str) -> dict:
    """A new item's starting text ("New output"), selected in its pane for overtyping."""
    k = KINDS[kind]
    return {k.label: f"New {k.title.lower()}"}


class TreeEditor(QObject):
    """What Edit → New/Delete/Move/Indent do to the row the tree has current."""

    def __init__(self, window):
        super().__init__(window)
        self._window = window

    @property
    def _doc(self):
        return self._window.doc

    def _current(self):
        return self._window.tree.current_key()

    def _parent_id(self, key):
        parent = self._doc.model.parent_key(key)
        return None if parent is None else parent[1]

    # --- what is possible -------------------------------------------------------------------

    def addable_children(self, key) -> list[str]:
        if key is None:
            return []
        allowed = self._doc.access(*key).children if self._doc is not None else None
        return [k.name for k in child_kinds(key[0], tree_only=True)
                if allowed is None or k.name in allowed]

    def can_move(self, key, step: int) -> bool:
        if key is None or self._doc is None:
            return False
        position = self._doc.model.position(key) + step
        return 0 <= position < self._doc.model.siblings_count(self._doc.model.parent_key(key),
                                                               key[0])

    def can_indent(self, key, indent: bool) -> bool:
        if key is None or key[0] != "sub_point":
            return False
        level = self._doc.model.level(key)
        return (level == 0 and self._doc.model.position(key) > 0) if indent else level == 1

    # --- doing it ---------------------------------------------------------------------------

    def add_sibling(self) -> None:
        key = self._current()
        if key is None:
            self._add("plan", None, None)
            return
        self._add(key[0], self._parent_id(key), self._doc.model.position(key) + 1)

    def add_child(self, kind: str | None = None) -> None:
        key = self._current()
        if key is None:
            return
        kind = kind or PRIMARY_CHILD.get(key[0])
        if kind is None or KINDS[kind].parent != key[0]:
            return
        self._add(kind, key[1], None)

    def add_plan(self) -> None:
        self._add("plan", None, None)

    def _add(self, kind, parent_id, index) -> None:
        self._doc.push(AddCommand(self._doc, kind, parent_id, index, **new_values(kind)))
        self._window.focus_pane()

    def delete(self) -> None:
        """Delete the current item; a plan, a portfolio or anything holding more than a handful
        of items is named in a question first."""
        if self._window.selection.count() > 1:
            self._window.selection.delete()
            return
        key = self._current()
        if key is None:
            return
        model = self._doc.model
        index = model.index_for(key)
        number = model.data(index, Role.NUMBER) or ""
        title = short_title(model.data(index, Role.TEXT) or "")
        label = " ".join(p for p in (number, f"'{title}'" if title else "") if p)
        below = model.subtree_counts(key)
        if key[0] in ASK_BEFORE_DELETING or sum(below.values()) > 5:
            noun = KINDS[key[0]].title.lower()
            held = f" with {describe_counts(below)}" if below else ""
            if not self._window.confirm_delete(f"Delete {noun} {label}{held}?"):
                return
        self._window.panes.flush()
        self._doc.push(DeleteCommand(self._doc, key[0], key[1], label))

    def rename(self) -> None:
        """F2: edit the current row's title in place in the tree."""
        index = self._window.tree.currentIndex()
        if index.isValid() and not self._doc.readonly:
            self._window.tree.edit(index)

    def rename_to(self, kind: str, item_id: int, text: str) -> None:
        """The tree's in-place editor finished: one undoable field edit.

        The rename is checked against the version the row's text was read at, so a title
        someone else changed meanwhile is not written over: the user's text is kept in the
        item's pane beside theirs (see :meth:`_rename_refused`)."""
        from lcplanner import services

        text = " ".join(text.split()) if KINDS[kind].label in SINGLE_LINE else text.strip()
        if not text:
            return
        self._window.panes.flush()
        item = self._doc.model.item_for((kind, item_id))
        if item is None:
            return
        expected, shown = item.version, item.text
        now = services.load_node(self._doc.store, kind, item_id)
        if now is not None and now.text == shown:
            # The title is still what the tree shows (the version rose for another field, or
            # a move among siblings): the rename is made on the version read now.
            expected = now.version
        self._doc.push(SetFieldCommand(
            self._doc, kind, item_id, KINDS[kind].label, text, merge=False,
            text=f"Rename {KINDS[kind].title.lower()}", expected_version=expected, base=shown,
            on_conflict=lambda conflict: self._rename_refused(conflict, text)))

    def _rename_refused(self, conflict, text: str) -> None:
        """Someone else changed the title since the tree showed it: the tree shows theirs, and
        the item's pane shows the user's text beside it with Keep theirs / Use yours."""
        pane = self._window.panes.current_pane()
        if pane is None or (pane.kind, pane.item_id) != (conflict.kind, conflict.item_id):
            self._window.select_key((conflict.kind, conflict.item_id))
            pane = self._window.panes.current_pane()
        if pane is None or (pane.kind, pane.item_id) != (conflict.kind, conflict.item_id):
            self._doc.report(conflict)
            return
        pane.show_conflict(conflict, text)
        if conflict.version is not None:
            self._doc.refresh(conflict.kind, conflict.item_id)

    def move(self, step: int) -> None:
        if self._window.selection.count() > 1:
            self._window.selection.move(self._window.selection.keys(), step)
            return
        key = self._current()
        if not self.can_move(key, step):
            return
        self._window.panes.flush()
        position = self._doc.model.position(key) + step
        text = f"Move {KINDS[key[0]].title.lower()} {'up' if step < 0 else 'down'}"
        self._doc.push(MoveCommand(self._doc, key[0], key[1], self._parent_id(key), position,
                                   text=text))

    def indent(self, indent: bool = True) -> None:
        key = self._current()
        if self.can_indent(key, indent):
            self._doc.push(IndentCommand(self._doc, key[1], indent))

    def drop_move(self, kind: str, item_id: int, parent_id, index: int) -> None:
        """A drag and drop in the tree, as an undoable move (unless the user's role keeps the
        item where it is: the server would refuse it)."""
        item = self._doc.access(kind, item_id)
        parent = KINDS[kind].parent
        into = self._doc.access(parent, parent_id) if parent and parent_id is not None else None
        if not item.structure or (into is not None and kind not in into.children):
            reason = item.reason or (into.reason if into is not None else "")
            self._window.statusBar().showMessage(
                reason or f"Your role does not let you move this {KINDS[kind].title.lower()} "
                          "there.")
            return
        self._doc.push(MoveCommand(self._doc, kind, item_id, parent_id, index))
