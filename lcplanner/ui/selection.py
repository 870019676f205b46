"""What the tree's commands do to several selected rows at once, and the item clipboard.

Delete, move, status, cut, copy, paste and duplicate each become ONE undo step (a macro of the
single-item commands) with a short label ("Delete 3 outputs"). Copied items go on the system
clipboard twice: as lcplanner's own JSON (structure and links, for pasting into any plan of any
store) and as an indented, numbered outline in plain text (for Word or an e-mail). The
clipboard service (SQLAlchemy) is imported on first use, so the window paints without it.
"""
from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QByteArray, QItemSelectionModel, QMimeData, QObject
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit

from lcplanner import services
from lcplanner.services.kinds import KINDS, TREE_ORDER
from lcplanner.ui.commands import (DeleteCommand, MoveCommand, PasteCommand, SetFieldCommand,
                                   describe_counts, describe_items, short_title)

#: lcplanner's own clipboard format: items with their subtrees, as JSON.
CLIP_MIME = "application/x-lcplanner-clip+json"
_TEXT_WIDGETS = (QLineEdit, QPlainTextEdit, QTextEdit)
_RANK = {name: rank for rank, name in enumerate(TREE_ORDER)}


class SelectionEditor(QObject):
    """The selected rows of the window's tree, and the edits that act on all of them."""

    def __init__(self, window):
        super().__init__(window)
        self._window = window

    @property
    def _doc(self):
        return self._window.doc

    def _say(self, message: str) -> None:
        self._window.statusBar().showMessage(message, 8000)

    # --- which rows -------------------------------------------------------------------------

    def keys(self) -> list[tuple[str, int]]:
        """Selected rows in tree order; the current row when nothing is selected."""
        if self._doc is None:
            return []
        tree = self._window.tree
        keys = [tree.source_key(i) for i in tree.selectionModel().selectedRows()]
        keys = [k for k in keys if k is not None]
        if len(keys) < 2:
            current = tree.current_key()
            return keys or ([current] if current is not None else [])
        order = self._order()
        return sorted(keys, key=lambda k: order.get(k, 0))

    def _order(self) -> dict:
        return {item.key: n for n, item in enumerate(self._doc.model.items_in_order())}

    def tops(self, keys=None) -> list[tuple[str, int]]:
        """The selected rows without those inside another selected row (deleting or copying a
        priority takes its outputs anyway)."""
        keys = self.keys() if keys is None else keys
        chosen = set(keys)
        model = self._doc.model
        out = []
        for key in keys:
            parent = model.parent_key(key)
            while parent is not None and parent not in chosen:
                parent = model.parent_key(parent)
            if parent is None:
                out.append(key)
        return out

    def count(self) -> int:
        """How many rows the item commands act on (without sorting them)."""
        if self._doc is None:
            return 0
        selected = len(self._window.tree.selectionModel().selectedRows())
        return selected or (1 if self._window.tree.current_key() is not None else 0)

    @staticmethod
    def _counts(keys) -> dict[str, int]:
        counts = Counter(k for k, _ in keys)
        return {k: counts[k] for k in sorted(counts, key=_RANK.get)}

    def reselect(self, keys) -> None:
        """Select ``keys`` again after an edit (commands make their own row current)."""
        tree, model = self._window.tree, self._doc.model
        selection = tree.selectionModel()
        for key in keys:
            if model.contains(key):
                index = self._window.proxy.mapFromSource(model.index_for(key))
                if index.isValid():
                    selection.select(index, QItemSelectionModel.SelectionFlag.Select
                                     | QItemSelectionModel.SelectionFlag.Rows)

    def _macro(self, label: str, commands) -> bool:
        doc = self._doc
        if doc is None:
            return False
        if doc.readonly:
            doc.error_occurred.emit("This store is open read-only; changes cannot be saved.")
            return False
        self._window.panes.flush()
        stack = doc.undo_stack
        stack.beginMacro(label)
        try:
            for command in commands:
                stack.push(command)
        finally:
            stack.endMacro()
        return True

    # --- delete, move, status ---------------------------------------------------------------

    def refused(self, keys, structure: bool = True) -> str:
        """Why the user's role may not change (``structure``: delete or move) one of ``keys``
        ("" when it may: a store file, an owner, an editor's own portfolio)."""
        for key in keys:
            access = self._doc.access(*key)
            if not (access.structure if structure else access.edit):
                return access.reason or "Your role does not let you change one of these items."
        return ""

    def delete(self, keys=None, verb: str = "Delete") -> bool:
        """Delete every selected row (and what it holds) as one step, asking first when a plan,
        a portfolio or more than a handful of items would go."""
        from lcplanner.ui.tree_actions import ASK_BEFORE_DELETING

        keys = self.tops(keys)
        if not keys:
            return False
        if reason := self.refused(keys):
            self._say(reason)
            return False
        model = self._doc.model
        counts = self._counts(keys)
        below: dict[str, int] = {}
        for key in keys:
            for kind, n in model.subtree_counts(key).items():
                below[kind] = below.get(kind, 0) + n
        if any(k in ASK_BEFORE_DELETING for k in counts) or sum(below.values()) + len(keys) > 5:
            held = f" with {describe_counts(below)}" if below else ""
            if not self._window.confirm_delete(f"{verb} {describe_items(counts)}{held}?"):
                return False
        return self._macro(f"{verb} {describe_items(counts)}",
                           (DeleteCommand(self._doc, kind, item_id) for kind, item_id in keys))

    def movable(self, keys, step: int) -> str:
        """Why the rows cannot move by ``step`` ("" when they can)."""
        model = self._doc.model
        parents = {model.parent_key(k) for k in keys}
        if len({k for k, _ in keys}) > 1 or len(parents) > 1:
            return "Only items of one kind under the same parent move together."
        positions = [model.position(k) for k in keys]
        size = model.siblings_count(parents.pop(), keys[0][0])
        if (step < 0 and min(positions) == 0) or (step > 0 and max(positions) == size - 1):
            return ""  # at the end already: nothing to say, nothing to do
        return self.refused(keys) or "ok"

    def move(self, keys, step: int) -> bool:
        reason = self.movable(keys, step)
        if reason != "ok":
            if reason:
                self._say(reason)
            return False
        model = self._doc.model
        ordered = sorted(keys, key=model.position, reverse=step > 0)
        parent = model.parent_key(keys[0])
        parent_id = None if parent is None else parent[1]
        label = (f"Move {describe_counts(self._counts(keys))} "
                 f"{'up' if step < 0 else 'down'}")
        done = self._macro(label, (MoveCommand(self._doc, k, i, parent_id,
                                               model.position((k, i)) + step)
                                   for k, i in ordered))
        self.reselect(keys)
        return done

    def set_status(self, name: str) -> bool:
        """Give every selected output and milestone the status called ``name`` in its plan."""
        keys = [k for k in self.keys() if "status_id" in KINDS[k[0]].fields]
        model = self._doc.model
        by_plan = {(s.plan_id, s.name.casefold()): s.id for s in model.statuses().values()}
        commands, skipped = [], self.count() - len(keys)
        targets = []
        for key in keys:
            plan = model.ancestor(key, "plan")
            status = by_plan.get((plan[1] if plan else None, name.casefold()))
            if status is None:
                skipped += 1
                continue
            targets.append(key)
            commands.append(SetFieldCommand(self._doc, key[0], key[1], "status_id", status,
                                            merge=False))
        if not commands:
            self._say(f"None of the selected items can be marked '{name}'.")
            return False
        if reason := self.refused(targets, structure=False):
            self._say(reason)
            return False
        done = self._macro(f"Mark {describe_counts(self._counts(targets))} "
                           f"'{short_title(name, 30)}'", commands)
        if skipped:
            self._say(f"{skipped} selected item{'s' if skipped > 1 else ''} left as "
                      f"{'they were' if skipped > 1 else 'it was'}: no status '{name}'.")
        self.reselect(keys)
        return done

    def status_names(self) -> list[str]:
        """Statuses offered for the selection: those of the current row's plan."""
        if self._doc is None:
            return []
        key = self._window.tree.current_key()
        plan = self._doc.model.ancestor(key, "plan") if key else None
        statuses = sorted((s for s in self._doc.model.statuses().values()
                           if plan and s.plan_id == plan[1]), key=lambda s: s.position)
        return [s.name for s in statuses]

    # --- the clipboard ----------------------------------------------------------------------

    @staticmethod
    def _text_focus():
        widget = QApplication.focusWidget()
        return widget if isinstance(widget, _TEXT_WIDGETS) else None

    def copy(self) -> bool:
        field = self._text_focus()
        if field is not None:  # Edit → Copy from a text field copies its text
            field.copy()
            return False
        keys = self.tops()
        if not keys:
            return False
        from lcplanner.services import clipboard

        self._window.panes.flush()
        store = self._doc.store
        clip = clipboard.copy_items(store, keys)
        data = QMimeData()
        data.setData(CLIP_MIME, QByteArray(clip.to_json().encode()))
        data.setText(clipboard.outline_text(store, keys, clip))
        QApplication.clipboard().setMimeData(data)
        self._say(f"Copied {describe_counts(clip.counts())}.")
        return True

    def cut(self) -> bool:
        field = self._text_focus()
        if field is not None:
            field.cut()
            return False
        keys = self.tops()
        if not keys or self._doc.readonly:
            return False
        return self.copy() and self.delete(keys, verb="Cut")

    def clip(self):
        """What the clipboard holds as items for the current row, or None with a message."""
        from lcplanner.services import clipboard

        data = QApplication.clipboard().mimeData()
        try:
            if data is not None and data.hasFormat(CLIP_MIME):
                return clipboard.Clip.from_json(bytes(data.data(CLIP_MIME)).decode())
            if data is not None and data.hasText() and data.text().strip():
                key = self._window.tree.current_key()
                return clipboard.clip_from_text(data.text(), key[0] if key else None)
        except (services.EditError, ValueError, KeyError, TypeError) as exc:
            self._say(str(exc) if isinstance(exc, services.EditError)
                      else "The clipboard holds nothing lcplanner can paste.")
            return None
        self._say("The clipboard is empty.")
        return None

    def paste(self) -> bool:
        field = self._text_focus()
        if field is not None:
            field.paste()
            return False
        if self._doc is None:
            return False
        clip = self.clip()
        if clip is None:
            return False
        from lcplanner.services import clipboard

        target = self._window.tree.current_key()
        try:
            clipboard.check_paste(self._doc.store, clip, target)
        except services.EditError as exc:
            self._say(str(exc))
            return False
        self._window.panes.flush()
        self._doc.push(PasteCommand(self._doc, clip, target))
        self._say(f"Pasted {describe_counts(clip.counts())}.")
        return True

    def duplicate(self) -> bool:
        """A copy of each selected item straight after it, as one step."""
        keys = self.tops()
        if not keys or self._doc is None:
            return False
        from lcplanner.services import clipboard

        store = self._doc.store
        self._window.panes.flush()
        commands = [PasteCommand(self._doc, clipboard.copy_items(store, [key]), key,
                                 "Duplicate") for key in keys]
        if len(commands) == 1:
            self._doc.push(commands[0])
            return True
        return self._macro(f"Duplicate {describe_counts(self._counts(keys))}", commands)


def status_menu(window, menu) -> None:
    """"Set Status" in a context menu: each status of the current row's plan, applied to every
    selected output and milestone as one step."""
    from lcplanner.ui.main_window import with_access_key

    selection = window.selection
    doc = window.doc
    if doc is None or doc.readonly or not any("status_id" in KINDS[k].fields
                                              for k, _ in selection.keys()):
        return
    names = selection.status_names()
    if not names:
        return
    sub = menu.addMenu("Set &Status")
    used: set[str] = set()
    for name in names:
        sub.addAction(with_access_key(name.replace("&", "&&"), used),
                      lambda n=name: selection.set_status(n))
