"""Tables and label/value fields for the PDF writer (a mixin of its renderer).

Table rows may run over pages with the header row repeated: a tall row is cut into sub-rows
(:func:`pdf_parts.split_tall_row`); a word too wide for its column breaks after a slash rather
than mid-word; a caption is kept with the table's first rows, and left out when it only
repeats the heading just above it.
"""
from __future__ import annotations

import re

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from lcplanner.compose import ir
from lcplanner.writers.pdf_parts import Gap, split_tall_row
from lcplanner.writers.pdf_text import make_para

#: How much smaller (points) a compact table's text is than the template's Table Text.
COMPACT_SMALLER = 1.0


class TablesMixin:
    """``table`` and ``fields`` for the renderer, which provides ``styles``, ``fonts``,
    ``plain``, ``markup``, ``frame_width`` and ``_last_heading``."""

    def table(self, block: ir.Table) -> list[Flowable]:
        out: list[Flowable] = []
        cols = max([len(block.header)] + [len(r) for r in block.rows] + [1])
        weights = list(block.widths[:cols]) if block.widths else []
        weights = [w if isinstance(w, (int, float)) and w > 0 else 1.0 for w in weights]
        weights += [1.0] * (cols - len(weights))
        total_w = self.frame_width
        widths = [total_w * w / sum(weights) for w in weights]
        cell = self.styles.get("cell")
        head = self.styles.get("cell-head")
        if block.compact:  # rows set close: a point smaller, no space after a paragraph
            cell, head = (self._compact(cell), self._compact(head))
        data: list[list[list[Flowable]]] = []
        row_ends: list[int] = []  # index in ``data`` of the last sub-row of each row
        has_header = any(h.strip() for h in block.header)
        if has_header:
            data.append([[make_para(self.plain(h, head.fontName) or "\u00a0", head)]
                         for h in block.header] + [[]] * (cols - len(block.header)))
            row_ends.append(0)
        inner = [w - 10 for w in widths]  # minus left and right padding
        for row in block.rows:
            cells = []
            for c, width in zip(row, inner):
                paras = [self.paragraph_in(p, cell, width) for p in c.paragraphs] or [
                    make_para("\u00a0", cell)]
                cells.append(paras)
            cells += [[make_para("\u00a0", cell)]] * (cols - len(row))
            data.extend(split_tall_row(cells, inner, cell))
            row_ends.append(len(data) - 1)
        if not data:
            return out
        if block.caption.strip() and " ".join(block.caption.split()) != self._last_heading:
            caption = make_para(self.plain(block.caption, self.fonts.bold),
                                self.styles.get("caption"))
            caption._lcp_keep = True
            out.append(caption)
        commands = [
            ("FONTNAME", (0, 0), (-1, -1), self.fonts.regular),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 5),
            ("TOPPADDING", (0, 0), (-1, -1), 2 if block.compact else 3.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5 if block.compact else 2.5),
            ("LINEABOVE", (0, 0), (-1, 0), 0.9, self.styles.head_ink),
            ("LINEBELOW", (0, -1), (-1, -1), 0.9, self.styles.head_ink),
        ]
        previous = -1
        for end in row_ends:
            if end - previous > 1:  # continuation sub-rows sit close together, no rule
                commands += [("TOPPADDING", (0, previous + 2), (-1, end), 0),
                             ("BOTTOMPADDING", (0, previous + 1), (-1, end - 1), 0)]
            commands.append(("LINEBELOW", (0, end), (-1, end), 0.4, self.styles.rule))
            previous = end
        if has_header:
            commands += [("BACKGROUND", (0, 0), (-1, 0), self.styles.header_fill),
                         ("LINEBELOW", (0, 0), (-1, 0), 0.8, self.styles.head_ink)]
        table = Table(data, colWidths=widths, repeatRows=1 if has_header else 0,
                      splitByRow=1, hAlign="LEFT")
        table.setStyle(TableStyle(commands))
        out.append(table)
        out.append(Gap(1, 5 if block.compact else 8))
        return out

    def _compact(self, base: ParagraphStyle) -> ParagraphStyle:
        return self.styles.derived(
            ("compact", base.name),
            lambda: ParagraphStyle(f"{base.name}-compact", parent=base, spaceAfter=0,
                                   fontSize=base.fontSize - COMPACT_SMALLER,
                                   leading=base.leading * (base.fontSize - COMPACT_SMALLER)
                                   / base.fontSize))

    def paragraph_in(self, p: ir.Paragraph, cell_style: ParagraphStyle,
                     width: float = 0.0) -> Paragraph:
        base = self.styles.get(p.style) if p.style != "body" else cell_style
        style = self.styles.derived(
            ("cell", p.style, cell_style.name),
            lambda: ParagraphStyle(f"lcp-cell-{p.style}", parent=cell_style,
                                   fontSize=min(base.fontSize, cell_style.fontSize),
                                   leading=min(base.leading, cell_style.leading),
                                   textColor=base.textColor, fontName=base.fontName))
        runs = p.runs
        if width and any("/" in r.text for r in runs):
            runs = [ir.Run(_slash_breaks(r.text, width, style), r.bold, r.italic, r.colour)
                    for r in runs]
        text = self.markup(runs, base_italic=style.fontName == self.fonts.italic)
        if p.label:
            text = f"{self.plain(p.label)}\u2002{text}"
        return make_para(text or "\u00a0", style)

    def fields(self, block: ir.Fields) -> Table:
        label_style = self.styles.get("field-label")
        value_style = self.styles.get("field-value")
        longest = max((stringWidth(k, label_style.fontName, label_style.fontSize)
                       for k, _ in block.pairs), default=60.0)
        lw = min(max(longest + 14, 80.0), self.frame_width * 0.36)
        rows = [[make_para(self.plain(k, label_style.fontName), label_style),
                 make_para(self.plain(v) or "\u00a0", value_style)] for k, v in block.pairs]
        if not rows:
            rows = [[make_para("\u00a0", label_style), make_para("\u00a0", value_style)]]
        table = Table(rows, colWidths=[lw, self.frame_width - lw], hAlign="LEFT",
                      splitInRow=1, spaceAfter=12)
        table.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), self.fonts.regular),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LINEABOVE", (0, 0), (-1, 0), 0.9, self.styles.head_ink),
            ("LINEBELOW", (0, -1), (-1, -1), 0.9, self.styles.head_ink),
            ("LINEBELOW", (0, 0), (-1, -2), 0.3, HexColor("#d3d8de")),
        ]))
        return table


def _slash_breaks(text: str, width: float, style: ParagraphStyle) -> str:
    """``text`` with a line break allowed after "/" in a word too wide for ``width``
    ("Summer/Autumn 2022" in a narrow column), so that it breaks there and never mid-word
    without a hyphen. A word that fits is left as it is."""
    words = text.split(" ")
    for i, word in enumerate(words):
        if "/" in word.strip("/") and stringWidth(word, style.fontName,
                                                  style.fontSize) > width:
            words[i] = re.sub(r"(?<=\w)/(?=\w)", "/ ", word)
    return " ".join(words)


