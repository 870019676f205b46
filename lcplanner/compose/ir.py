"""The paper IR: a format-neutral tree of blocks that every writer renders.

Composers read the store once and build this tree; writers (Word, PDF, …) only render blocks.
That keeps Word and PDF identical in content and numbering (pandoc's reader → AST → writer
shape). The IR is plain data with no ORM objects in it, so it is also the snapshot handed to a
worker thread: once composed, rendering never touches the database.

Every number and letter is already worked out by the composer (``label``); writers that can
make real lists (Word) still use real list numbering, and use ``label`` only where the format
has no lists of its own (PDF) or to check themselves.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union


@dataclass
class Run:
    """A stretch of text with one formatting. ``text`` is user text: never markup."""

    text: str
    bold: bool = False
    italic: bool = False
    #: "#rrggbb" for status marks; writers also give the mark a text equivalent.
    colour: str | None = None


@dataclass
class Paragraph:
    runs: list[Run]
    #: "body", "lead" (summary), "note" (small, muted), "meta" (header lines), "quote"
    style: str = "body"
    #: A derived paragraph number ("1.2") shown before the text, or "".
    label: str = ""
    #: True when the paragraph finishes a numbered paragraph's sentence after its list: no
    #: number of its own, set in the numbered paragraphs' text column.
    continues: bool = False
    #: True for a title line that must not end a page apart from what follows it.
    keep: bool = False

    @classmethod
    def of(cls, text: str, style: str = "body", label: str = "") -> Paragraph:
        return cls([Run(text)], style=style, label=label)

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class Heading:
    text: str
    level: int  # 1 (document part) … 4; writers never skip a level
    #: Derived number shown before the text ("1", "1.3"), or "".
    label: str = ""
    #: True for headings that go in the contents and PDF bookmarks (all of them by default).
    outline: bool = True
    #: What the heading names: "title", "section" (a paper's body section), "part" (a fixed
    #: heading such as Summary), "appendix", "portfolio", "service-group", "priority",
    #: "objective", "pledge-area", "theme". One kind has one level in a document; writers may
    #: style kinds apart (a service group never looks like a portfolio).
    kind: str = ""


@dataclass
class ListItem:
    runs: list[Run]
    #: Derived marker: "a", "ii", "3", or "•" for bullets.
    label: str = ""
    children: ListBlock | None = None
    #: Paragraphs that follow the item's first line (an outcome under a priority).
    extra: list[Paragraph] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class ListBlock:
    """A real list. Numbering restarts at every ListBlock (``start`` is its first number)."""

    items: list[ListItem]
    #: "number" (1, 2), "letter" (a, b), "roman" (i, ii), "bullet"
    kind: str = "bullet"
    start: int = 1
    #: True when the list belongs to a numbered paragraph: set in that paragraph's text column.
    continues: bool = False


@dataclass
class Cell:
    paragraphs: list[Paragraph]

    @classmethod
    def of(cls, text: str, **run) -> Cell:
        return cls([Paragraph([Run(text, **run)])])

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


@dataclass
class Table:
    """A table with one header row that repeats on every page; no merged cells."""

    header: list[str]
    rows: list[list[Cell]]
    #: Relative column widths (any positive numbers); equal when empty.
    widths: list[float] = field(default_factory=list)
    caption: str = ""
    #: Rows set close (less space in and after each cell): for summaries that must stay short.
    compact: bool = False


@dataclass
class Fields:
    """Label/value pairs: the committee header block ("Report by:", "Date:" …)."""

    pairs: list[tuple[str, str]]


@dataclass
class PageBreak:
    pass


@dataclass
class Contents:
    """A table of contents built from the document's outline headings."""

    title: str = "Contents"


@dataclass
class TimelineBar:
    label: str
    #: ISO dates (inclusive); both None for TBC or unreadable dates.
    start: str | None
    end: str | None
    date_text: str
    status: str = ""
    colour: str | None = None
    #: The store id of the milestone, so a viewer can select it.
    milestone_id: int | None = None


@dataclass
class TimelineGroup:
    title: str
    bars: list[TimelineBar]


@dataclass
class TimelineEvent:
    text: str
    date_text: str
    start: str | None
    end: str | None


@dataclass
class Timeline:
    """Milestones on a month axis, grouped by objective, with policy events as markers."""

    groups: list[TimelineGroup]
    events: list[TimelineEvent] = field(default_factory=list)
    #: ISO first and last day of the axis (whole months).
    axis_start: str | None = None
    axis_end: str | None = None


Block = Union[Heading, Paragraph, ListBlock, Table, Fields, PageBreak, Contents, Timeline]


@dataclass
class Document:
    title: str
    blocks: list[Block]
    #: "committee-paper", "plan", "portfolio", "timeline"
    kind: str = "plan"
    author: str = ""
    subject: str = ""
    language: str = "en-GB"
    #: Shown in running headers.
    running_title: str = ""
    landscape: bool = False
    #: What the composer could not fill (required parts left empty): shown after export.
    warnings: list[str] = field(default_factory=list)

    def outline(self) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading) and b.outline]

    def plain_text(self) -> str:
        """All text in reading order: what a reader of any rendering must find."""
        out: list[str] = []

        def walk_list(block: ListBlock) -> None:
            for item in block.items:
                out.append(f"{item.label} {item.text}".strip())
                out.extend(p.text for p in item.extra)
                if item.children:
                    walk_list(item.children)

        for block in self.blocks:
            if isinstance(block, Heading):
                out.append(f"{block.label} {block.text}".strip())
            elif isinstance(block, Paragraph):
                out.append(f"{block.label} {block.text}".strip())
            elif isinstance(block, ListBlock):
                walk_list(block)
            elif isinstance(block, Table):
                out.append(" | ".join(block.header))
                out.extend(" | ".join(c.text for c in row) for row in block.rows)
            elif isinstance(block, Fields):
                out.extend(f"{k} {v}" for k, v in block.pairs)
            elif isinstance(block, Timeline):
                for group in block.groups:
                    out.append(group.title)
                    out.extend(f"{b.label} {b.date_text}" for b in group.bars)
                out.extend(f"{e.date_text} {e.text}" for e in block.events)
        return "\n".join(out)
