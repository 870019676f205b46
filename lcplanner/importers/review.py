"""The review step: the paper as blocks with roles, which the user may correct before import.

Qt-free, so it is tested on its own and the dialog only shows it. A :class:`Review` starts from
what the recogniser made of the paper (:func:`lcplanner.importers.source.read_paper`): each
content block has the role of the item it is part of (a portfolio's heading is a grouping, a
priority's outcome is part of the priority), page furniture has the role "page furniture",
and anything else is narrative text. The user can give a block another role, merge a block
with the next, or split one; each correction is marked on its block and can be undone.

:meth:`Review.plan` is the plan to import: with no corrections, exactly the recogniser's plan
(nothing the user did not ask for is changed); with corrections, the plan re-formed from the
roles by one deterministic builder (:mod:`lcplanner.importers.review_build`).
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from lcplanner.importers.review_match import (
    Link, item_text, match_blocks, part_of, review_blocks, role_of,
)

__all__ = ["ROLES", "ReviewBlock", "Review", "ReviewError", "start_review"]

#: Every role a block can have, in the order the dialog lists them.
ROLES = ("grouping", "priority", "output", "sub-point", "theme", "objective", "milestone",
         "pledge", "work area", "recommendation", "narrative text", "page furniture")


class ReviewError(ValueError):
    """A correction that cannot be made (no next block to merge with, a split at an end)."""


@dataclass(frozen=True)
class ReviewBlock:
    """One block under review: the source block, its role, and what corrected it.

    ``initial_role`` is what the recogniser made of it; ``links`` the recognised items it is
    part of; ``marks`` the merges and splits that made it (a changed role is a mark too).
    """

    source: object  # lcplanner.importers.blocks.SourceBlock
    role: str
    initial_role: str
    links: tuple[Link, ...] = ()
    part: str = ""
    marks: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return self.role != self.initial_role or bool(self.marks)

    @property
    def text(self) -> str:
        return self.source.text

    def corrections(self) -> list[str]:
        """The corrections made to this block, in words (the dialog's tooltip)."""
        out = list(self.marks)
        if self.role != self.initial_role:
            out.append(f"role changed from {self.initial_role} to {self.role}")
        return out


class Review:
    """The blocks of one read paper under review, with undoable corrections."""

    def __init__(self, read):
        self.read = read
        recognised = read.recognised
        self.recognised_plan = read.plan
        furniture = [f.line for f in getattr(recognised, "furniture", ())] \
            if read.kind == "text" else []
        sources = review_blocks(read.blocks, read.kind, furniture)
        links = match_blocks(sources, read.plan)
        self.blocks: list[ReviewBlock] = []
        for source, found in zip(sources, links):
            role = "page furniture" if source.is_furniture else role_of(found)
            self.blocks.append(ReviewBlock(source, role, role, tuple(found), part_of(found)))
        self._undo: list[tuple[list[ReviewBlock], str]] = []
        self._built = None
        self._coverage = None

    # --- corrections --------------------------------------------------------------------------

    def _push(self, what: str) -> None:
        self._undo.append((list(self.blocks), what))
        self._built = None
        self._coverage = None

    def set_role(self, index: int, role: str) -> None:
        if role not in ROLES:
            raise ReviewError(f"There is no role called {role!r}.")
        block = self._block(index)
        if role == block.role:
            return
        self._push(f"Give block {index + 1} the role {role}")
        self.blocks[index] = replace(block, role=role)

    def merge(self, index: int) -> None:
        """Block ``index`` and the next as one block, their texts joined by a space."""
        first = self._block(index)
        if index + 1 >= len(self.blocks):
            raise ReviewError("The last block has no next block to merge with.")
        second = self.blocks[index + 1]
        self._push(f"Merge block {index + 1} with the next")
        text = f"{first.source.text.rstrip()} {second.source.text.lstrip()}"
        origin = first.source.origin if not second.source.origin else \
            f"{first.source.origin} to {second.source.origin}"
        # the merged block plays the first block's part, unless that was page furniture
        lead = second if first.role == "page furniture" else first
        merged = replace(lead, source=replace(first.source, text=text, origin=origin),
                         links=first.links + tuple(k for k in second.links
                                                   if k not in first.links),
                         marks=first.marks + second.marks
                         + (f"merged with the next block ({second.source.origin})",))
        self.blocks[index:index + 2] = [merged]

    def split(self, index: int, at: int) -> None:
        """Block ``index`` as two blocks, cut at character ``at`` of its text."""
        block = self._block(index)
        text = block.source.text
        head, tail = text[:at].rstrip(), text[at:].lstrip()
        if not 0 < at < len(text) or not head.strip() or not tail.strip():
            raise ReviewError("A block can only be split where there is text on both sides.")
        self._push(f"Split block {index + 1}")
        mark = f"split at character {at}"
        first = replace(block, source=replace(block.source, text=head), marks=block.marks
                        + (mark + " (first part)",))
        second = replace(block, source=replace(block.source, text=tail,
                                               origin=f"{block.source.origin}, after the split"),
                         marks=block.marks + (mark + " (second part)",))
        self.blocks[index:index + 1] = [first, second]

    def undo(self) -> str:
        """Take back the last correction; returns what it was ("" when there was none)."""
        if not self._undo:
            return ""
        self.blocks, what = self._undo.pop()
        self._built = None
        self._coverage = None
        return what

    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo_text(self) -> str:
        return self._undo[-1][1] if self._undo else ""

    @property
    def corrected(self) -> bool:
        return any(block.changed for block in self.blocks)

    def _block(self, index: int) -> ReviewBlock:
        if not 0 <= index < len(self.blocks):
            raise ReviewError(f"There is no block {index + 1}.")
        return self.blocks[index]

    # --- the plan and its links ---------------------------------------------------------------

    def _build(self):
        if self._built is None:
            if not self.corrected:
                made = [[link.item for link in block.links] for block in self.blocks]
                self._built = (self.recognised_plan, made)
            else:
                from lcplanner.importers.review_build import build_plan

                self._built = build_plan(self.recognised_plan, self.blocks)
        return self._built

    def plan(self):
        """The plan to import (see the module note)."""
        return self._build()[0]

    def items_for(self, index: int) -> list:
        """The items of :meth:`plan` that block ``index`` made or is part of."""
        return list(self._build()[1][index])

    def block_for(self, item) -> int | None:
        """The first block that made ``item`` (an item of :meth:`plan`) or is part of it."""
        for index, items in enumerate(self._build()[1]):
            if any(item is found for found in items):
                return index
        return None

    # --- coverage -----------------------------------------------------------------------------

    def coverage(self):
        """Words and sentences of the paper found in :meth:`plan` (importers.coverage); a
        block the user set aside as page furniture is taken out of the source, as the
        recogniser's own furniture is."""
        if self._coverage is None:
            from lcplanner.importers.coverage import measure

            recognised = self.read.recognised
            merged = [copy for _, copy in recognised.merges if copy]
            merged += [item_text(b.source.text, b.source.in_table) for b in self.blocks
                       if b.role == "page furniture" and b.initial_role != "page furniture"]
            self._coverage = measure(recognised.text, self.plan(), merged)
        return self._coverage

    def coverage_text(self) -> str:
        """The two figures in words for the dialog."""
        found = self.coverage()
        return (f"Words kept: {found.words_share:.1%} ({found.words_present} of "
                f"{found.words_total}); sentences kept whole: {found.sentences_share:.1%} "
                f"({found.sentences_whole} of {found.sentences_total})")


def start_review(path, report=None) -> Review:
    """Read a paper and start its review (raises PaperImportError as read_paper does)."""
    from lcplanner.importers.source import read_paper

    return Review(read_paper(path, report))
