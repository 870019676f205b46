"""The PDF reader: lines with their font size, weight and indent, and page furniture set aside.

A PDF has no paragraphs, only positioned glyphs. pdfplumber gives us words with their font and
position; we group them into lines (one baseline), lines into blocks (a gap taller than the
line spacing, a change of font size or a new page starts a block) and keep each block's lines
as lines, with their indent as leading spaces, which is what a careful text extraction shows
and what the recogniser reads. A wide gap between words on one line (a table's columns) stays
a run of spaces.

Page furniture (running headers and footers, "Page n of m", bare page numbers) is recognised
by position and repetition: a line in the top or bottom band of the page whose text, digits
aside, recurs on at least half the pages, or which is plainly a page number. It is marked
``is_furniture`` and listed, never silently dropped.
"""
from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from os import PathLike

from lcplanner.importers.blocks import CELL_GAP, SourceBlock
from lcplanner.importers.errors import PaperImportError
from lcplanner.importers.readers.pdf_tables import PdfTable, find_pdf_tables

__all__ = ["MAX_PDF_MB", "read_pdf_blocks"]

#: The largest PDF we read (a year's plan is a few hundred kilobytes).
MAX_PDF_MB = 50
#: Share of the page height at its top and bottom where running headers and footers sit.
BAND = 0.09
_PAGE_NUMBER = re.compile(
    r"^(?:page\s+\d+(?:\s*(?:of|/)\s*\d+)?|[-–—]?\s*\d{1,4}\s*[-–—]?|\d+\s*/\s*\d+"
    r"|[ivxlc]{1,6})$", re.IGNORECASE)
_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_TERMINAL = (".", "!", "?", ";", ":")


@dataclass
class _Line:
    page: int
    number: int
    top: float
    bottom: float
    x0: float
    size: float
    bold: bool
    lead: str
    text: str
    page_height: float
    x1: float = 0.0
    furniture: bool = False
    table: PdfTable | None = None  # a table read whole, standing in for its lines
    words: list = field(default_factory=list, repr=False)


#: A list label that a tab separates from its text ("a.", "(iv)", "1.2", a bullet glyph).
_LABEL = re.compile(r"^(?:\(?[a-z]{1,4}[.)]|\(?\d+(?:\.\d+)*[.)]?|[\u2022\u25aa\u25cf\u2013\u2212"
                    r"\uf0b7\uf0a7o\-*·])$", re.IGNORECASE)


def _line_text(words: list[dict], size: float) -> str:
    """The line's words; a wide gap (a table's columns) stays a run of spaces, except the tab
    after a list label, which is one space as in any extraction of a list."""
    out = ""
    prev = None
    for k, word in enumerate(words):
        if prev is not None:
            wide = word["x0"] - prev["x1"] > 1.5 * size
            out += CELL_GAP if wide and not (k == 1 and _LABEL.match(prev["text"])) else " "
        out += word["text"]
        prev = word
    return out


def _lines(page, page_no: int) -> list[_Line]:
    words = page.extract_words(x_tolerance=1.5, y_tolerance=2, keep_blank_chars=False,
                               use_text_flow=False, extra_attrs=["fontname", "size"])
    height = float(page.height)
    rules = [(line["top"], line["x0"], line["x1"]) for line in page.lines
             if abs(line["bottom"] - line["top"]) < 1.5 and line["x1"] - line["x0"] > 100]
    tables = find_pdf_tables(words, rules) if rules else []
    if tables:
        words = [w for w in words if not any(t.top < (w["top"] + w["bottom"]) / 2 < t.bottom
                                             for t in tables)]
    words.sort(key=lambda w: (round(w["top"], 0), w["x0"]))
    groups: list[list[dict]] = []
    for word in words:
        if groups and abs(word["top"] - groups[-1][0]["top"]) <= 2.0:
            groups[-1].append(word)
        else:
            groups.append([word])
    out = []
    for n, group in enumerate(groups, 1):
        group.sort(key=lambda w: w["x0"])
        sizes = Counter(round(w["size"], 1) for w in group for _ in w["text"])
        size = sizes.most_common(1)[0][0]
        bold_chars = sum(len(w["text"]) for w in group if _BOLD.search(w["fontname"] or ""))
        total = sum(len(w["text"]) for w in group)
        lead_words = []
        for w in group:
            if not _BOLD.search(w["fontname"] or ""):
                break
            lead_words.append(w["text"])
        lead = " ".join(lead_words) if 0 < len(lead_words) < len(group) else ""
        out.append(_Line(page=page_no, number=n, top=min(w["top"] for w in group),
                         bottom=max(w["bottom"] for w in group), x0=group[0]["x0"], size=size,
                         bold=bold_chars * 2 > total, lead=lead, text=_line_text(group, size),
                         page_height=float(page.height), x1=max(w["x1"] for w in group)))
    for table in tables:  # each in its place among the lines
        out.append(_Line(page=page_no, number=0, top=table.top, bottom=table.bottom,
                         x0=table.left, size=0.0, bold=False, lead="", text="",
                         page_height=height, x1=table.left, table=table))
    out.sort(key=lambda line: line.top)
    return out


def _key(text: str) -> str:
    """A line's text with its numbers blanked, so "Page 3 of 9" matches "Page 4 of 9"."""
    return re.sub(r"\d+", "#", " ".join(text.split())).casefold()


def _mark_furniture(pages: list[list[_Line]]) -> None:
    """Mark running headers, footers and page numbers, by position and repetition."""
    def banded(line: _Line) -> bool:
        return line.table is None and (line.top < line.page_height * BAND
                                       or line.bottom > line.page_height * (1 - BAND))

    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({_key(line.text) for line in lines if banded(line)})
    repeated = max(2, (len(pages) + 1) // 2)
    for lines in pages:
        for line in lines:
            if not banded(line):
                continue
            text = " ".join(line.text.split())
            if _PAGE_NUMBER.match(text) or (len(pages) > 1 and counts[_key(text)] >= repeated):
                line.furniture = True


def _blocks(pages: list[list[_Line]]) -> list[SourceBlock]:
    body = [line for lines in pages for line in lines if not line.furniture]
    if not body:
        return []
    sizes = Counter(round(line.size) for line in body for _ in line.text)
    body_size = sizes.most_common(1)[0][0]
    larger = sorted({round(line.size) for line in body if round(line.size) > body_size},
                    reverse=True)
    margin: dict[int, float] = {}
    for line in body:
        margin[line.page] = min(margin.get(line.page, line.x0), line.x0)
    left = min(margin.values())
    out: list[SourceBlock] = []
    current: list[_Line] = []

    def flush() -> None:
        if not current:
            return
        first = current[0]
        rendered = []
        for line in current:
            spaces = int(round((line.x0 - left) / max(first.size * 0.5, 1.0)))
            rendered.append(" " * max(spaces, 0) + line.text)
        level = None
        if round(first.size) in larger:
            level = larger.index(round(first.size)) + 1
        elif first.bold and len(current) == 1 and len(first.text.split()) <= 14:
            level = len(larger) + 1
        out.append(SourceBlock(
            text="\n".join(rendered), origin=f"page {first.page}, line {first.number}",
            heading_level=level, bold=all(line.bold for line in current), lead=first.lead,
            page=first.page, font_size=first.size, indent=round(first.x0 - left, 1)))
        current.clear()

    right = max(line.x1 for line in body)

    def runs_on(prev: _Line, line: _Line) -> bool:
        """A paragraph the page break cut: its last line is full and unfinished, and the next
        page carries on at the same indent in the same type."""
        return (prev.x1 >= right - 4 * prev.size and not prev.text.rstrip().endswith(_TERMINAL)
                and abs(line.x0 - prev.x0) < 1.0 and abs(line.size - prev.size) <= 0.6
                and line.bold == prev.bold and len(current) > 1)

    # number, last page, header, rows, whether every row opened with a name in bold
    tables: list[tuple[int, int, list[str], int, bool]] = []

    def table_blocks(line: _Line) -> None:
        """A table's cells as blocks; its header repeated atop the next page carries it on."""
        table = line.table
        last = tables[-1] if tables else None
        go_on = (last is not None and last[2] == table.header and last[1] == line.page - 1
                 and (not out or out[-1].table == last[0]))
        number, row = (last[0], last[3]) if go_on else (len(tables) + 1, 0)
        rows = table.rows if go_on else [[(h, "") for h in table.header]] + table.rows
        named = [any(lead for _, lead in cells[:1]) for cells in table.rows]
        if go_on and rows and last[4] and not named[0]:
            # every row so far opens with a name in bold, this one does not: the row the page
            # break cut carries on here
            _carry_on(out, number, row, rows.pop(0))
        for cells in rows:
            row += 1
            for k, (text, lead) in enumerate(cells, 1):
                if text:
                    out.append(SourceBlock(
                        text=text, origin=f"page {line.page}, table {number}, row {row}, "
                        f"cell {k}", lead=lead, page=line.page, table=number, table_row=row,
                        table_cell=k))
        was_named = last[4] if go_on else True
        tables[number - 1:] = [(number, line.page, table.header, row,
                                was_named and all(named))]

    for line in body:
        if line.table is not None:
            flush()
            table_blocks(line)
            continue
        if current:
            prev = current[-1]
            gap = line.top - prev.bottom
            cut = line.page != prev.page and runs_on(prev, line)  # a paragraph carries on
            if not cut and (line.page != prev.page or gap > 0.55 * prev.size
                            or abs(line.size - prev.size) > 0.6 or line.bold != prev.bold):
                flush()
        current.append(line)
    flush()
    furniture = [SourceBlock(text=" ".join(line.text.split()),
                             origin=f"page {line.page}, line {line.number}", page=line.page,
                             font_size=line.size, is_furniture=True)
                 for lines in pages for line in lines if line.furniture]
    return _in_reading_order(out, furniture)


def _carry_on(out: list[SourceBlock], number: int, row: int, cells) -> None:
    """Add a cut row's rest to the cells of the row it continues: the page break fell inside
    a cell's paragraph as often as between two, so the rest follows after a space."""
    from dataclasses import replace

    for k, (text, _) in enumerate(cells, 1):
        if not text:
            continue
        at = next((i for i, b in enumerate(out) if (b.table, b.table_row, b.table_cell)
                   == (number, row, k)), None)
        if at is None:
            out.append(SourceBlock(text=text, origin=out[-1].origin, table=number,
                                   table_row=row, table_cell=k, page=out[-1].page))
            continue
        out[at] = replace(out[at], text=out[at].text + " " + text)


def _in_reading_order(blocks: list[SourceBlock],
                      furniture: list[SourceBlock]) -> list[SourceBlock]:
    """Content and furniture together, page by page (furniture first on its page)."""
    by_page: dict[int, list[SourceBlock]] = {}
    for block in furniture:
        by_page.setdefault(block.page or 0, []).append(block)
    out: list[SourceBlock] = []
    page = None
    for block in blocks:
        if block.page != page:
            page = block.page
            out.extend(by_page.pop(page or 0, []))
        out.append(block)
    for rest in by_page.values():
        out.extend(rest)
    return out


def read_pdf_blocks(path: str | PathLike) -> list[SourceBlock]:
    """The blocks of a PDF; a malformed, encrypted or over-large one is refused in a sentence."""
    if os.stat(path).st_size > MAX_PDF_MB * 1024 * 1024:
        raise PaperImportError(f"The file is larger than the {MAX_PDF_MB} MB a paper's PDF may "
                               "be; it was not read.")
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    pages: list[list[_Line]] = []
    try:
        with pdfplumber.open(path) as pdf:
            for number, page in enumerate(pdf.pages, 1):
                pages.append(_lines(page, number))
    except PaperImportError:
        raise
    except (PDFEncryptionError, PDFPasswordIncorrect):
        raise PaperImportError("The file is an encrypted PDF; please save an unprotected copy "
                               "and import that.") from None
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on a broken file
        causes = (exc, *exc.args)  # pdfplumber wraps pdfminer's error in its own
        if any(isinstance(c, (PDFEncryptionError, PDFPasswordIncorrect)) for c in causes):
            raise PaperImportError("The file is an encrypted PDF; please save an unprotected "
                                   "copy and import that.") from None
        raise PaperImportError("The file is damaged and cannot be read as a PDF.") from None
    if not any(pages):
        raise PaperImportError("The file holds no text (it may be scanned images); "
                               "please import a PDF with text in it.")
    _mark_furniture(pages)
    return _blocks(pages)
