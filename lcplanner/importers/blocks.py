"""Source blocks: what every reader (text, Word, PDF) hands the one recogniser.

A reader's only job is to turn its file into a stream of :class:`SourceBlock` s: the text of a
paragraph, heading, list item or table cell as the reader saw it, with the layout hints its
format carries (heading level, list level and the label the list number would print, bold,
table row and cell, page) and where it came from. The recogniser is shared by all formats and
reads text, so :func:`blocks_to_text` renders the stream the way a careful extraction would:
one logical line per block, a blank line between paragraphs, headings and list labels kept.
The same blocks let a test prove nothing was dropped (every block that is not page furniture
must reach the plan).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

__all__ = ["SourceBlock", "blocks_to_text", "render_blocks", "content_blocks", "furniture_blocks"]

#: Spaces between the cells of a table row in the rendered text: a run of spaces, as a
#: layout-preserving extraction leaves them, so a row stays one line and its cells stay apart.
CELL_GAP = "    "
#: Between the paragraphs of one table cell ("Q1 2027" over "by March 2027" in a date
#: cell): they stay one cell of the row, but two items, as a reader of the cell sees them.
CELL_PARAGRAPHS = "; "
#: Spaces per list level in front of a nested list item (how extraction shows nesting).
LEVEL_INDENT = 4


@dataclass(frozen=True)
class SourceBlock:
    """One paragraph, heading, list item or table cell of a source document.

    ``text`` is the block's text as the document displays it, list number excluded: the label
    the list would print ("a.", "1.1", "(iii)", a bullet glyph) is in ``list_label``.
    ``lead`` is a bold run that opens the paragraph ("Milestone name:"), already part of
    ``text`` (a hint only: plain extraction shows no bold, and the recogniser reads it so);
    ``bold`` says the whole block is bold. ``origin`` says where the block came from
    in words a user can follow ("paragraph 12", "page 3, line 7", "table 2, row 4, cell 1").
    """

    text: str
    origin: str = ""
    heading_level: int | None = None
    list_level: int | None = None
    list_label: str = ""
    bold: bool = False
    lead: str = ""
    table: int | None = None
    table_row: int | None = None
    table_cell: int | None = None
    page: int | None = None
    font_size: float | None = None
    indent: float | None = None
    is_furniture: bool = False

    @property
    def in_table(self) -> bool:
        return self.table is not None

    def display(self) -> str:
        """The block as one line a reader sees: its list label, then its text."""
        label = self.list_label
        return f"{label} {self.text}" if label else self.text


def content_blocks(blocks: Iterable[SourceBlock]) -> list[SourceBlock]:
    """The blocks that carry the paper's content (page furniture left out)."""
    return [b for b in blocks if not b.is_furniture and b.text.strip()]


def furniture_blocks(blocks: Iterable[SourceBlock]) -> list[SourceBlock]:
    """The blocks set aside as page furniture (running headers, footers, page numbers)."""
    return [b for b in blocks if b.is_furniture]


def _line(block: SourceBlock) -> str:
    # Spaces are the recogniser's to read (indents, runs of spaces between flattened cells):
    # only line ends are trimmed here.
    text = "\n".join(part.rstrip() for part in block.text.split("\n"))
    line = f"{block.list_label} {text}" if block.list_label else text
    if block.list_level and block.heading_level is None:  # a heading is never shown indented
        line = " " * (LEVEL_INDENT * block.list_level) + line
    return line


def blocks_to_text(blocks: Iterable[SourceBlock]) -> str:
    """The text the recogniser reads: one line per block (one per table row), blank between.

    Page furniture is left out here (it is listed, not read as content). A table row becomes
    one line with its cells apart by a run of spaces; a cell's paragraphs are joined by
    :data:`CELL_PARAGRAPHS`, a bold run opening a cell's paragraph (a milestone's name) is shown
    as ``**bold**`` the way an extraction to text shows emphasis, and an empty cell leaves
    nothing (as in any flattened table).
    """
    return render_blocks(blocks)[0]


def render_blocks(blocks: Iterable[SourceBlock]
                  ) -> tuple[str, list[tuple[int, int, bool]]]:
    """The text of :func:`blocks_to_text`, and the reader's layout of it: for each block (each
    table row), its first and last physical line (0-based) and whether the reader saw it set
    as a heading (a heading style or level, or a short line set wholly in bold). A block is a
    paragraph as its file holds it; a heading is the paper's own word that a line stands alone. Plain text cannot say either, so they travel
    beside the text.
    """
    out: list[str] = []
    headings: set[int] = set()  # indexes into ``out`` of heading blocks
    row_key: tuple[int | None, int | None] | None = None
    cells: dict[int, list[str]] = {}

    def flush_row() -> None:
        texts = [CELL_PARAGRAPHS.join(parts) for _, parts in sorted(cells.items())]
        texts = [t for t in texts if t]
        if texts:
            out.append(CELL_GAP.join(texts))
        cells.clear()

    for block in blocks:
        if block.is_furniture:
            continue
        key = (block.table, block.table_row) if block.in_table else None
        if key != row_key:
            flush_row()
            row_key = key
        if key is not None:
            cell = _line(block).strip()
            if block.lead and not block.list_label and cell.startswith(block.lead):
                cell = f"**{block.lead}**{cell[len(block.lead):]}"  # a name set in bold
            if cell:
                cells.setdefault(block.table_cell or 0, []).append(cell)
            continue
        line = _line(block)
        if line.strip():
            if block.heading_level is not None or (  # a short line set wholly in bold
                    block.bold and not block.list_label and len(block.text.split()) <= 14
                    and "\n" not in block.text):
                headings.add(len(out))
            out.append(line)
    flush_row()
    layout: list[tuple[int, int, bool]] = []
    physical = 0
    for k, line in enumerate(out):
        height = line.count("\n") + 1
        layout.append((physical, physical + height - 1, k in headings))
        physical += height + 1  # the blank line between blocks
    return "\n\n".join(out) + ("\n" if out else ""), layout
