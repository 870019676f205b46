"""Tables in a PDF: rows between horizontal rules, cells under the column headings.

A PDF table is only positioned words and ruled lines. A table we can read has a header row that
names its columns the way :mod:`lcplanner.importers.tables` knows them (milestone, date,
status, sub-priorities; date and event …) and horizontal rules between its rows, as tables are
usually set. Each column starts where its heading starts; a word belongs to the column it starts
in. In a cell that lists items (dates, sub-priorities), a line that the line above had room
for starts a new paragraph (a second date), as does a wider gap than the cell's line spacing;
otherwise, and in a prose cell (an action, an event), the cell's text wrapped. A bold run
opening a cell (a milestone's name) is kept as the cell's lead.

The table ends at the first band between rules that holds something a row cannot: type of
another size (the next heading), a word across a column's edge, or no further rule at all.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median

from lcplanner.importers.tables import column_role, is_header_row

__all__ = ["PdfTable", "find_pdf_tables"]

_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)


@dataclass
class PdfTable:
    top: float
    bottom: float
    left: float
    header: list[str]
    #: each row's cells as (text, lead): paragraphs of a cell apart by "; "
    rows: list[list[tuple[str, str]]] = field(default_factory=list)


def _bold(word: dict) -> bool:
    return bool(_BOLD.search(word.get("fontname") or ""))


def _text_lines(words: list[dict]) -> list[list[dict]]:
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(word["top"] - lines[-1][0]["top"]) <= 2.5:
            lines[-1].append(word)
        else:
            lines.append([word])
    for line in lines:
        line.sort(key=lambda w: w["x0"])
    lines.sort(key=lambda ln: ln[0]["top"])
    return lines


def _runs(line: list[dict]) -> list[list[dict]]:
    """A line's words in runs apart by wide gaps (its cells)."""
    runs: list[list[dict]] = []
    for word in line:
        if runs and word["x0"] - runs[-1][-1]["x1"] <= 1.5 * word["size"]:
            runs[-1].append(word)
        else:
            runs.append([word])
    return runs


def _cell_text(lines: list[list[dict]], right: float, leading: float,
               listing: bool) -> tuple[str, str]:
    """A cell's text and its bold lead. Only a cell that lists items (dates, sub-priorities,
    a status) is cut into paragraphs; a prose cell (an action, an event) is one paragraph."""
    text, lead = "", ""
    for k, line in enumerate(lines):
        piece = " ".join(w["text"] for w in line)
        if k:
            prev = lines[k - 1]
            space = line[0]["size"] * 0.28
            fits = prev[-1]["x1"] + space + (line[0]["x1"] - line[0]["x0"]) <= right - 1.0
            gap = line[0]["top"] - prev[0]["top"]
            if prev[-1]["text"].endswith(("/", "-")) and not fits:
                text += ""  # "Summer/" over "Autumn 2026": a word the line broke after its stroke
            elif all(_bold(w) for w in prev) and not _bold(line[0]):
                text += " "  # the bold name ends here; its text follows in the same cell
            elif listing and (fits or gap > leading + 1.0):
                text += "; "  # the line above had room: this is the cell's next paragraph
            else:
                text += " "
        text += piece
    first = [w for line in lines for w in line]
    bold = []
    for word in first:
        if not _bold(word):
            break
        bold.append(word["text"])
    if 0 < len(bold) < len(first):
        lead = " ".join(bold)
    return text, lead


def find_pdf_tables(words: list[dict], rules: list[tuple[float, float, float]]
                    ) -> list[PdfTable]:
    """The tables on one page, from its words and its horizontal rules (top, x0, x1)."""
    tops = sorted({round(top, 1) for top, _, _ in rules})
    lines = _text_lines(words)
    tables: list[PdfTable] = []
    for line in lines:
        runs = _runs(line)
        cells = [" ".join(w["text"] for w in run) for run in runs]
        top = line[0]["top"]
        if len(runs) < 2 or not is_header_row(cells) or any(t.top <= top <= t.bottom
                                                            for t in tables):
            continue
        above = [t for t in tops if top - 30 <= t <= top]
        below = [t for t in tops if t > top + 1]
        if not above or not below:
            continue
        span = [(x0, x1) for t, x0, x1 in rules if round(t, 1) == above[-1]]
        left, right = min(x0 for x0, _ in span), max(x1 for _, x1 in span)
        starts = [run[0]["x0"] for run in runs]
        pad = max(starts[0] - left, 0.0)
        edges = [s - pad for s in starts[1:]] + [right]  # each column's right edge
        size = line[0]["size"]
        table = PdfTable(top=above[-1], bottom=below[0], left=left, header=cells)
        bands = list(zip(below, below[1:]))
        band_rows = []
        for upper, lower in bands:
            inside = [w for w in words if upper < (w["top"] + w["bottom"]) / 2 < lower]
            if not inside or any(abs(w["size"] - size) > 0.6 for w in inside) or any(
                    w["x0"] < e < w["x1"] for w in inside for e in edges[:-1]):
                break
            band_rows.append(inside)
            table.bottom = lower
        gaps = [b[0]["top"] - a[0]["top"] for row in band_rows
                for a, b in zip(_text_lines(row), _text_lines(row)[1:])]
        leading = median(gaps) if gaps else size * 1.2
        for inside in band_rows:
            columns: list[list[dict]] = [[] for _ in starts]
            for word in inside:
                index = max((k for k, s in enumerate(starts) if s - pad - 1 <= word["x0"]),
                            default=0)
                columns[index].append(word)
            table.rows.append([_cell_text(_text_lines(col), edges[k] - pad, leading,
                                          column_role(cells[k]) in ("date", "tags", "status"))
                               if col else ("", "") for k, col in enumerate(columns)])
        tables.append(table)
    return tables
