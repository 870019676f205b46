"""Every edit as an undoable command: call the service (which commits), then the tree model.

Commands hold kinds, ids and values, never ORM objects or widgets. A failed service call marks
the command obsolete, so the undo stack drops it, and the document reports the error.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoCommand

from lcplanner import services
from lcplanner.services.kinds import KINDS

#: Commands that merge with the one before them when they edit the same field.
FIELD_EDIT_ID = 1001

_PLURALS = {"priority": "priorities", "sub_priority": "sub-priorities",
            "sub_point": "sub-points", "pledge_point": "pledge points",
            "narrative_point": "points", "work_area": "work areas",
            "service_group": "service groups", "pledge_area": "pledge areas",
            "policy_event": "policy events", "milestone_date": "dates",
            "background_paper": "background papers", "paper_section": "paper sections",
            "appendix": "appendices", "status_label": "statuses", "core_area": "core areas"}


def _noun(kind: str, count: int = 1) -> str:
    title = KINDS[kind].title.lower()
    if count == 1:
        return title
    return _PLURALS.get(kind, title + "s")


def describe_counts(counts: dict[str, int]) -> str:
    """"4 priorities and 17 outputs" from {"priority": 4, "output": 17}."""
    parts = [f"{n} {_noun(k, n)}" for k, n in counts.items() if n]
    if len(parts) < 2:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def describe_items(counts: dict[str, int]) -> str:
    """"output" for one item, else as :func:`describe_counts` ("3 outputs")."""
    if sum(counts.values()) == 1:
        return _noun(next(k for k, n in counts.items() if n))
    return describe_counts(counts)


def short_title(text: str, limit: int = 40) -> str:
    """An item's title for an undo label or a question: one line, at most ``limit`` long."""
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[:limit - 1].rstrip() + "…"


def _parent_key(kind: str, parent_id: int | None):
    parent = KINDS[kind].parent
    return None if parent is None else (parent, parent_id)


class _Command(QUndoCommand):
    def __init__(self, doc, text: str, focus: tuple[str, int] | None = None):
        super().__init__(text)
        self.doc = doc
        #: The tree row to select after a redo or undo instead of the edited item: the pane
        #: whose list made the edit (a pledge for its points), so the edit stays in view.
        self.focus = focus

    def _select(self, key: tuple[str, int]) -> None:
        self.doc.select_requested.emit(self.focus or key)

    def redo(self) -> None:
        try:
            self._redo()
        except Exception as exc:  # noqa: BLE001 - any failure must leave the stack usable
            self.setObsolete(True)
            self.doc.report(exc)

    def undo(self) -> None:
        try:
            self._undo()
        except Exception as exc:  # noqa: BLE001
            self.setObsolete(True)
            self.doc.report(exc)

    def _redo(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError

    def _show_restored(self, kind: str, item_id: int, parent_id: int | None) -> None:
        if KINDS[kind].in_tree:
            self.doc.model.insert_nodes(services.load_subtree(self.doc.store, kind, item_id))
            self._select((kind, item_id))
            if self.focus:
                self.doc.refresh(*self.focus)
        else:
            self.doc.refresh(KINDS[kind].parent, parent_id)
            if self.focus:
                self._select(self.focus)

    def _hide(self, kind: str, item_id: int, parent_id: int | None) -> None:
        if KINDS[kind].in_tree:
            self.doc.model.remove_node((kind, item_id))
            if self.focus:
                self.doc.refresh(*self.focus)
        else:
            self.doc.refresh(KINDS[kind].parent, parent_id)
        if self.focus:
            self._select(self.focus)


class AddCommand(_Command):
    """Add an item; redo after undo re-creates it with the same id."""

    def __init__(self, doc, kind: str, parent_id: int | None, index: int | None = None, *,
                 focus: tuple[str, int] | None = None, **values: Any):
        super().__init__(doc, f"Add {_noun(kind)}", focus)
        self.kind, self.parent_id, self.index, self.values = kind, parent_id, index, values
        self.item_id: int | None = None
        self._snapshot: services.Snapshot | None = None

    def _redo(self) -> None:
        if self._snapshot is None:
            self.item_id = services.create(self.doc.store, self.kind, self.parent_id,
                                           self.index, **self.values)
        else:
            services.restore(self.doc.store, self._snapshot)
        self._show_restored(self.kind, self.item_id, self.parent_id)

    def _undo(self) -> None:
        self._snapshot = services.delete(self.doc.store, self.kind, self.item_id)
        self._hide(self.kind, self.item_id, self.parent_id)


class ImportCommand(_Command):
    """An imported plan, as one undo step: undo takes the whole plan out again (kept in memory,
    not in Deleted items: nobody deleted it), redo puts it back with the same ids.

    The plan is already in the store when the command is pushed (the import reports its own
    failures before anything is on the stack); the first redo only shows it.
    """

    def __init__(self, doc, plan_id: int, title: str):
        super().__init__(doc, f"Import plan '{short_title(title)}'")
        self.plan_id = plan_id
        self._snapshot: services.Snapshot | None = None

    def _redo(self) -> None:
        if self._snapshot is not None:
            services.restore(self.doc.store, self._snapshot)
        self.doc.model.set_statuses(services.load_statuses(self.doc.store))
        self._show_restored("plan", self.plan_id, None)

    def _undo(self) -> None:
        self._snapshot = services.delete(self.doc.store, "plan", self.plan_id)
        self._hide("plan", self.plan_id, None)


class DeleteCommand(_Command):
    """Delete an item with everything under it; one undo brings the whole subtree back."""

    def __init__(self, doc, kind: str, item_id: int, label: str = "",
                 focus: tuple[str, int] | None = None):
        super().__init__(doc, f"Delete {_noun(kind)}{' ' + label if label else ''}", focus)
        self.kind, self.item_id = kind, item_id
        self._snapshot: services.Snapshot | None = None

    def _redo(self) -> None:
        # Recorded in Deleted items with the delete; undo takes the entry off the list again.
        from lcplanner.services import deleted  # SQLAlchemy: loaded after the first paint

        self._snapshot, self._entry_id = deleted.delete_to_bin(self.doc.store, self.kind,
                                                               self.item_id)
        self._hide(self.kind, self.item_id, self._snapshot.parent_id)

    def _undo(self) -> None:
        from lcplanner.services import deleted

        deleted.undo_delete(self.doc.store, self._snapshot, self._entry_id)
        self._show_restored(self.kind, self.item_id, self._snapshot.parent_id)


class MoveCommand(_Command):
    """Move an item among its siblings or to another parent (up/down, drag and drop)."""

    def __init__(self, doc, kind: str, item_id: int, new_parent_id: int | None,
                 new_index: int, text: str | None = None,
                 focus: tuple[str, int] | None = None):
        super().__init__(doc, text or f"Move {_noun(kind)}", focus)
        self.kind, self.item_id = kind, item_id
        self.new_parent_id, self.new_index = new_parent_id, new_index
        self._old: tuple[int | None, int] | None = None
        self._kept: dict[str, Any] = {}

    def _redo(self) -> None:
        store = self.doc.store
        if self._old is None:
            old_parent = services.position_of(store, self.kind, self.item_id)[0]
            if old_parent != self.new_parent_id:  # links that cannot follow to a new parent
                values = services.details(store, self.kind, self.item_id).values
                self._kept = {f: values[f] for f in ("service_group_id", "tags") if f in values}
        self._old = services.move(store, self.kind, self.item_id, self.new_parent_id,
                                  self.new_index)
        self._apply()

    def _undo(self) -> None:
        services.move(self.doc.store, self.kind, self.item_id, *self._old)
        for name, value in self._kept.items():
            services.set_field(self.doc.store, self.kind, self.item_id, name, value)
        self._apply()

    def _apply(self) -> None:
        parent_id, index = services.position_of(self.doc.store, self.kind, self.item_id)
        if KINDS[self.kind].in_tree:
            self.doc.model.move_node((self.kind, self.item_id),
                                     _parent_key(self.kind, parent_id), index)
            self._select((self.kind, self.item_id))
            if self.focus:
                self.doc.refresh(*self.focus)
        else:
            self.doc.refresh(KINDS[self.kind].parent, parent_id)
            if self.focus:
                self._select(self.focus)


class SetFieldCommand(_Command):
    """Set one field. Consecutive saves of the same field while typing goes on merge into one
    undo step; a save marked ``new_step`` (typing resumed after a pause) starts another.

    A pane gives the version and value it read (``expected_version``, ``base``): a field that
    someone else changed since is not overwritten; ``on_conflict`` gets the
    :class:`~lcplanner.services.concurrency.ConflictError` and the command is dropped.
    ``on_saved`` gets the item's new version and stamp. Undo and redo are checked the same way
    against the version this command left, so undo never overwrites another person's change.
    """

    def __init__(self, doc, kind: str, item_id: int, name: str, value: Any,
                 text: str | None = None, merge: bool = True,
                 focus: tuple[str, int] | None = None, new_step: bool = False, *,
                 expected_version: int | None = None, base: Any = None,
                 on_saved=None, on_conflict=None):
        super().__init__(doc, text or f"Edit {_noun(kind)} {name.replace('_', ' ')}", focus)
        self.kind, self.item_id, self.name, self.value = kind, item_id, name, value
        self.merge = merge
        #: Typing after a pause starts its own undo step instead of merging into the last.
        self.new_step = new_step
        self.old: Any = None
        self._first = True
        self.expected_version, self.base = expected_version, base
        self.on_saved, self.on_conflict = on_saved, on_conflict
        #: The item's version after this command's last redo or undo.
        self._after: int | None = None

    def id(self) -> int:  # noqa: A003 - Qt's name
        return FIELD_EDIT_ID if self.merge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (isinstance(other, SetFieldCommand) and other.merge and not other.new_step and
                (other.kind, other.item_id, other.name) == (self.kind, self.item_id, self.name)):
            return False
        self.value = other.value
        self._after = other._after
        if self.value == self.old:
            self.setObsolete(True)
        return True

    def _save(self, value: Any, expected: int | None, base: Any):
        from lcplanner.services.concurrency import UNSET, save_field

        return save_field(self.doc.store, self.kind, self.item_id, self.name, value,
                          expected_version=expected,
                          base=UNSET if expected is None else base)

    def _redo(self) -> None:
        from lcplanner.services.concurrency import ConflictError

        if self._first:
            try:
                saved = self._save(self.value, self.expected_version, self.base)
            except ConflictError as conflict:
                if self.on_conflict is None:
                    raise
                self.setObsolete(True)  # nothing saved: the stack drops it
                self.on_conflict(conflict)
                return
            self.old, self._first = saved.old, False
        else:  # redo after undo: only on the version the undo left
            saved = self._save(self.value, self._after, self.old)
        self._after = saved.version
        if self.on_saved is not None:
            self.on_saved(saved)
        self.doc.refresh(self.kind, self.item_id)

    def _undo(self) -> None:
        saved = self._save(self.old, self._after, self.value)
        self._after = saved.version
        self.doc.refresh(self.kind, self.item_id)
        self._select((self.kind, self.item_id))


class IndentCommand(_Command):
    """Indent (bullet under the point before) or outdent a sub-point."""

    def __init__(self, doc, item_id: int, indent: bool):
        super().__init__(doc, "Indent sub-point" if indent else "Outdent sub-point")
        self.item_id, self.indent = item_id, indent
        self.old = 0

    def _redo(self) -> None:
        fn = services.indent if self.indent else services.outdent
        self.old = fn(self.doc.store, self.item_id)
        self.doc.refresh("sub_point", self.item_id)

    def _undo(self) -> None:
        services.set_field(self.doc.store, "sub_point", self.item_id, "level", self.old)
        self.doc.refresh("sub_point", self.item_id)


class PasteCommand(_Command):
    """Insert copied items (with everything below them) on a target row; undo deletes them,
    redo puts the very same rows back."""

    def __init__(self, doc, clip, target: tuple[str, int] | None, verb: str = "Paste"):
        super().__init__(doc, f"{verb} {describe_items(clip.counts())}")
        self.clip, self.target = clip, target
        self.created: list[tuple[str, int]] = []
        self._snapshots: list[services.Snapshot] = []

    def _redo(self) -> None:
        from lcplanner.services import clipboard

        if not self._snapshots:
            self.created = clipboard.paste(self.doc.store, self.clip, self.target)
        else:
            for snap in reversed(self._snapshots):
                services.restore(self.doc.store, snap)
            self._snapshots = []
        if any(kind == "plan" for kind, _id in self.created):  # its own status labels
            self.doc.model.set_statuses(services.load_statuses(self.doc.store))
        for kind, item_id in self.created:
            self.doc.model.insert_nodes(services.load_subtree(self.doc.store, kind, item_id))
        if self.created:
            self._select(self.created[-1])

    def _undo(self) -> None:
        self._snapshots = []
        for kind, item_id in reversed(self.created):
            self._snapshots.append(services.delete(self.doc.store, kind, item_id))
            self.doc.model.remove_node((kind, item_id))
        if self.target is not None and self.doc.model.contains(self.target):
            self._select(self.target)
