"""Render a paper IR :class:`~lcplanner.compose.ir.Document` to PDF with reportlab.

One pass, no ``multiBuild``: the numbers that are only known at the end ("of m" in the footer,
the page numbers in the contents) are PDF form XObjects that every page references and that are
filled in just before the file is saved. That keeps the writer close to the cost of laying out
the paragraphs themselves (see ``tests/bench/bench_pdf.py``). To stay there, paragraphs are
handed to reportlab as ready-made fragments (no markup parse), a bold lead such as "Outcome:"
does not force reportlab's slow mixed-font line breaking (:class:`_LeadPara`), list labels
share their item's text object (:class:`_ListPara`), and text is encoded for the embedded font
with a translation table (:class:`_FastText`). Each gives the same page, glyph for glyph.

* A4, portrait or landscape (``doc.landscape``); a portrait document switches to landscape pages
  for a timeline and back.
* Running header (running title) and footer ("Page n of m", print date).
* A bookmark for every outline heading, nested by level; title, author, subject and /Lang in
  the metadata.
* DejaVu Sans embedded (subset); characters it lacks print as U+FFFD and are listed in the
  returned warnings.
* User text is never markup: every string is escaped before it reaches a Paragraph.
"""
from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from xml.sax.saxutils import escape, unescape

from reportlab import rl_config
from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Flowable, Frame,
                                KeepTogether, NextPageTemplate, PageBreak, PageTemplate,
                                Paragraph, Spacer, Table, TableStyle)
from reportlab.platypus.doctemplate import FrameBreak
from reportlab.platypus.paragraph import cleanBlockQuotedText

from lcplanner.compose import ir
from lcplanner.writers.atomic import ExportError, atomic_path
from lcplanner.writers.pdf_fonts import Fonts, GlyphGuard, register_fonts
from lcplanner.writers.timeline_chart import TimelineChart

__all__ = ["write_pdf", "render_pdf_bytes", "ExportError"]

# Binary (Flate only) streams instead of reportlab's default ASCII85 on top: a smaller file,
# and ASCII85 in pure Python was a third of the time spent saving. Process-wide by reportlab's
# design; lcplanner is the only reportlab user in its process.
rl_config.useA85 = 0

INK = HexColor("#1d2733")
HEAD_INK = HexColor("#16324f")
MUTED = HexColor("#5b6570")
RULE = HexColor("#a7b0ba")
HEADER_FILL = HexColor("#e8ecf1")
TOC_INK = HexColor("#2b3540")

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")

MARGIN_X = 20 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 20 * mm
LIST_STEP = 20.0  # indent per list level, points


def _british(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


@lru_cache(maxsize=2048)
def _label_width(text: str, font: str, size: float) -> float:
    """Width of a short label (list letters, numbers), measured once per process."""
    return stringWidth(text, font, size)


# --------------------------------------------------------------------------- styles
@dataclass
class _Styles:
    fonts: Fonts
    by_name: dict[str, ParagraphStyle] = field(default_factory=dict)
    _derived: dict[tuple, ParagraphStyle] = field(default_factory=dict)

    def __post_init__(self) -> None:
        f = self.fonts
        base = ParagraphStyle("lcp-body", fontName=f.regular, fontSize=10, leading=14,
                              textColor=INK, spaceAfter=6, alignment=TA_LEFT,
                              bulletFontName=f.regular,
                              splitLongWords=1, allowWidows=0, allowOrphans=0)
        s = self.by_name
        s["body"] = base
        s["lead"] = ParagraphStyle("lcp-lead", parent=base, fontSize=11, leading=15.5,
                                   spaceAfter=8)
        s["note"] = ParagraphStyle("lcp-note", parent=base, fontSize=8.5, leading=11.5,
                                   textColor=MUTED, spaceAfter=4)
        s["meta"] = ParagraphStyle("lcp-meta", parent=base, fontSize=9, leading=12.5,
                                   textColor=MUTED, spaceAfter=2)
        s["quote"] = ParagraphStyle("lcp-quote", parent=base, fontName=f.italic,
                                    leftIndent=18, rightIndent=18, textColor=MUTED)
        s["cell"] = ParagraphStyle("lcp-cell", parent=base, fontSize=8.8, leading=11.6,
                                   spaceAfter=2)
        s["cell-head"] = ParagraphStyle("lcp-cell-head", parent=s["cell"], fontName=f.bold,
                                        textColor=HEAD_INK)
        s["caption"] = ParagraphStyle("lcp-caption", parent=base, fontName=f.bold,
                                      fontSize=9, leading=12, textColor=HEAD_INK,
                                      spaceBefore=4, spaceAfter=4)
        s["field-label"] = ParagraphStyle("lcp-field-label", parent=base, fontName=f.bold,
                                          fontSize=9, leading=12.5, textColor=MUTED,
                                          spaceAfter=0)
        s["field-value"] = ParagraphStyle("lcp-field-value", parent=base, fontSize=9.5,
                                          leading=12.5, spaceAfter=0)
        s["toc-title"] = ParagraphStyle("lcp-toc-title", parent=base, fontName=f.bold,
                                        fontSize=15, leading=19, textColor=HEAD_INK,
                                        spaceAfter=10)
        for level, (size, lead, before, after) in enumerate(
                [(17, 21, 16, 8), (13.5, 17, 14, 6), (11.5, 15, 10, 4), (10, 14, 8, 3)],
                start=1):
            s[f"h{level}"] = ParagraphStyle(
                f"lcp-h{level}", parent=base, fontName=f.bold if level < 4 else f.bolditalic,
                fontSize=size, leading=lead, spaceBefore=before, spaceAfter=after,
                textColor=HEAD_INK)

    def get(self, name: str) -> ParagraphStyle:
        return self.by_name.get(name) or self.by_name["body"]

    def derived(self, key: tuple, make) -> ParagraphStyle:
        """A style derived from the base ones, made once per process for each ``key``."""
        style = self._derived.get(key)
        if style is None:
            style = self._derived[key] = make()
        return style


_styles_lock = threading.Lock()
_styles_cache: dict[Fonts, _Styles] = {}


def _styles_for(fonts: Fonts) -> _Styles:
    """The styles for ``fonts``, built once per process (they are never changed after)."""
    with _styles_lock:
        styles = _styles_cache.get(fonts)
        if styles is None:
            styles = _styles_cache[fonts] = _Styles(fonts)
        return styles


# ------------------------------------------------------------------ paragraph text
# The writer only ever produces these tags around escaped text (plus <font> for status marks
# and <br/> for line breaks, which go through reportlab's parser). Cutting such markup into
# fragments directly gives the same fragments as the parser, without an HTML parse per
# paragraph, except that text the parser would cut at every entity (R&amp;D gives "R", "&",
# "D") stays in one fragment: the same words, widths and line breaks, fewer text operators.
_SIMPLE_TAG = re.compile(r"<(/?)([bi])>")
_frag_templates: dict[tuple[int, bool, bool], tuple[ParagraphStyle, object]] = {}


def _frag_template(style: ParagraphStyle, bold: bool, italic: bool):
    key = (id(style), bold, italic)
    hit = _frag_templates.get(key)
    if hit is None or hit[0] is not style:
        probe = "x"
        if bold:
            probe = f"<b>{probe}</b>"
        if italic:
            probe = f"<i>{probe}</i>"
        hit = _frag_templates[key] = (style, Paragraph(probe, style).frags[0])
    return hit[1]


def _frags(markup: str, style: ParagraphStyle) -> list | None:
    """reportlab fragments for ``markup`` in ``style``; None when the parser is needed."""
    if "<f" in markup or "<br" in markup:
        return None
    text = cleanBlockQuotedText(markup)
    pieces: list[list] = []  # [text, bold, italic]
    bold = italic = False
    pos = 0
    for m in _SIMPLE_TAG.finditer(text):
        if m.start() > pos:
            seg = text[pos:m.start()]
            if pieces and pieces[-1][1] == bold and pieces[-1][2] == italic:
                pieces[-1][0] += seg
            else:
                pieces.append([seg, bold, italic])
        if m.group(2) == "b":
            bold = not m.group(1)
        else:
            italic = not m.group(1)
        pos = m.end()
    if pos < len(text):
        seg = text[pos:]
        if pieces and pieces[-1][1] == bold and pieces[-1][2] == italic:
            pieces[-1][0] += seg
        else:
            pieces.append([seg, bold, italic])
    return [_frag_template(style, b, i).clone(text=unescape(t), link=[], us_lines=[])
            for t, b, i in pieces]


def _para(markup: str, style: ParagraphStyle, bullet: str | None = None,
          cls: type[Paragraph] | None = None) -> Paragraph:
    cls = cls or _Para
    frags = _frags(markup, style)
    if frags is None:
        return cls(markup, style, bulletText=bullet)
    para = cls(None, style, bulletText=bullet, frags=frags)
    para.text = markup
    return para


# ------------------------------------------------------------------ flowables
class _FastText(PDFTextObject):
    """A text object that encodes text for an embedded TrueType font with ``str.translate``.

    reportlab maps every character to its code in the font subset and escapes it for the
    PDF string one character at a time, in Python, for every line of every paragraph. Once a
    character has its code in the first subset, the same bytes come from a translation table
    built up as characters are first met (text with a character not met before, or outside
    the first subset, goes through reportlab, which assigns its code). The output is the
    same, byte for byte.
    """

    def _formatText(self, text):  # noqa: N802 (reportlab API)
        codes = getattr(self._canvas, "_lcp_codes", None)
        if codes is None:  # a canvas not made by this writer
            return super()._formatText(text)
        enc = codes.get(self._fontname)
        if enc is None:
            enc = codes[self._fontname] = _SubsetCodes.make(self._fontname, self._canvas)
        if not enc or not text or type(text) is not str:
            return super()._formatText(text)
        if not enc.known.issuperset(text):
            out = super()._formatText(text)
            enc.learn(text)
            return out
        if self._curSubset != 0:
            self._curSubset = 0
            return (f"{enc.font.getSubsetInternalName(0, enc.doc)} {fp_str(self._fontsize)} Tf "
                    f"{fp_str(self._leading)} TL ({text.translate(enc.table)}) Tj")
        return f"({text.translate(enc.table)}) Tj"


class _SubsetCodes:
    """The escaped first-subset code of each character met so far, for one font in one PDF."""

    __slots__ = ("font", "doc", "state", "escape", "known", "table")

    @classmethod
    def make(cls, font_name: str, canvas):
        font = getFont(font_name)
        if not getattr(font, "_dynamicFont", False) or not hasattr(font, "splitString"):
            return False
        enc = cls()
        enc.font, enc.doc, enc.escape = font, canvas._doc, canvas._escape
        font.splitString("", enc.doc)  # creates reportlab's state for this document
        enc.state = font.state[enc.doc]
        enc.known = set()
        enc.table = {}
        return enc

    def learn(self, text: str) -> None:
        assignments = self.state.assignments
        for ch in set(text).difference(self.known):
            n = assignments.get(32 if ch == "\xa0" else ord(ch))
            if n is not None and 0 < n < 256:
                self.known.add(ch)
                self.table[ord(ch)] = self.escape(bytes((n,)))


class _Para(Paragraph):
    """A Paragraph whose lines are written through :class:`_FastText`."""

    def beginText(self, x, y):  # noqa: N802 (reportlab API)
        return _FastText(self.canv, x, y)


class _HeadingPara(_Para):
    """A heading that records its page and adds its bookmark and outline entry when drawn."""

    _lcp_anchor: tuple[_Render, int, str, int] | None = None

    def split(self, availWidth, availHeight):  # noqa: N803
        parts = super().split(availWidth, availHeight)
        if parts:
            parts[0]._lcp_anchor = self._lcp_anchor
            for p in parts[1:]:
                p._lcp_anchor = None
        return parts

    def draw(self):
        anchor = self._lcp_anchor
        if anchor is not None:
            render, index, title, level = anchor
            c = self.canv
            key = f"lcp-h{index}"
            c.bookmarkHorizontal(key, 0, self.height + 4)
            c.addOutlineEntry(title, key, level=level, closed=level >= 2)
            render.heading_pages[index] = c.getPageNumber()
            self._lcp_anchor = None
        super().draw()


class _LeadPara(_Para):
    """A paragraph that opens with a one-word lead in another face ("Outcome: " in bold).

    reportlab lays out text in two faces with its general mixed-font algorithm, several times
    slower than its single-font one. This paragraph is laid out as the body text alone, the
    single-font way, with the first line shortened by exactly what the lead takes in the
    mixed-font algorithm (the lead, its space, less the shrink that space allows); the lead
    is then drawn at the start of the first line, in the same text object, so that the body
    follows it exactly where reportlab would have put it. Where the two could differ (a word
    that has to be split, a first line that has to squeeze its spaces) it falls back to
    reportlab's mixed-font layout of the original fragments.
    """

    #: (lead text, face, size, advance, shrink allowance, mixed-font fragments or None)
    _lcp_lead: tuple | None = None

    def breakLines(self, width):  # noqa: N802 (reportlab API)
        lead = self._lcp_lead
        if lead is None:
            return super().breakLines(width)
        widths = list(width) if isinstance(width, (list, tuple)) else [width]
        _, _, _, advance, allowance, mixed = lead
        laid = super().breakLines([widths[0] - advance + allowance] + widths[1:])
        if mixed is None or (laid.kind == 0 and not self._splitLongWordCount
                             and not self._hyphenations and laid.lines
                             and laid.lines[0][0] - allowance > -1e-8):
            return laid
        self._lcp_lead = None
        self.frags = mixed
        return super().breakLines(width)

    def split(self, availWidth, availHeight):  # noqa: N803
        parts = super().split(availWidth, availHeight)
        lead = self._lcp_lead
        if len(parts) == 2 and lead is not None:
            parts[0]._lcp_lead = lead[:5] + (None,)
            parts[1]._lcp_lead = None
        return parts

    def beginText(self, x, y):  # noqa: N802 (reportlab API)
        tx = _FastText(self.canv, x, y)
        lead = self._lcp_lead
        if lead is not None:
            tx.setFont(lead[1], lead[2])
            tx._textOut(lead[0])
        return tx


def _lead_para(frags: list, markup: str, style: ParagraphStyle) -> Paragraph | None:
    """A :class:`_LeadPara` for ``frags`` if they are a one-word lead and then plain text."""
    if len(frags) != 2 or style.alignment != TA_LEFT or style.firstLineIndent:
        return None
    lead, body = frags
    word = lead.text[:-1]
    text = body.text
    if (not lead.text.endswith(" ") or not word or word != "".join(word.split())
            or text != " ".join(text.split()) or "\xad" in text or "\xad" in word
            or lead.fontSize != body.fontSize or lead.textColor != body.textColor
            or lead.rise or body.rise):
        return None
    space = stringWidth(" ", lead.fontName, lead.fontSize)
    para = _LeadPara(None, style, frags=[body])
    para.text = markup
    para._lcp_lead = (lead.text, lead.fontName, lead.fontSize,
                      stringWidth(word, lead.fontName, lead.fontSize) + space,
                      style.spaceShrinkage * space, frags)
    return para


class _ListPara(_Para):
    """A list item whose label is drawn in the same text object as its first line.

    reportlab draws a bullet in a text object of its own (font, colour, position), one more
    per item. When the label is in the text colour and ends before the text starts (so it
    cannot push the first line right), the label is written at the start of the item's own
    text object instead: the same glyphs at the same place, fewer operators.
    """

    #: the label ends before the text begins (set by the writer, never on split parts)
    _lcp_inline_ok = False
    _lcp_bullet: str | None = None

    def draw(self):
        bullet = self.bulletText
        laid = getattr(self, "blPara", None)
        style = self.style
        colour = getattr(style, "bulletColor", style.textColor)
        if (self._lcp_inline_ok and bullet and laid is not None and laid.kind == 0
                and laid.lines and colour == laid.textColor):
            self.bulletText = None
            self._lcp_bullet = bullet
            try:
                self.drawPara(self.debug)
            finally:
                self.bulletText = bullet
                self._lcp_bullet = None
        else:
            self.drawPara(self.debug)

    def beginText(self, x, y):  # noqa: N802 (reportlab API)
        bullet = self._lcp_bullet
        if bullet is None:
            return _FastText(self.canv, x, y)
        style = self.style
        tx = _FastText(self.canv, style.bulletIndent, y)
        tx.setFont(style.bulletFontName, style.bulletFontSize)
        tx._textOut(bullet)
        tx.setXPos(x - style.bulletIndent)
        return tx


def _inline_label_fits(label: str, style: ParagraphStyle) -> bool:
    """True if reportlab would not move the first line right to make room for ``label``."""
    return (style.bulletAnchor == "start" and not getattr(style, "bulletOffsetY", 0)
            and style.wordWrap != "RTL"
            and style.bulletIndent + _label_width(label, style.bulletFontName,
                                                  style.bulletFontSize)
            + style.bulletFontSize * 0.6 - style.leftIndent <= style.firstLineIndent)


class _TocLine(Flowable):
    """One contents line: label, wrapped title, dot leader, page number (a form XObject)."""

    NUMBER_W = 28.0

    def __init__(self, label: str, text: str, index: int, level: int, fonts: Fonts,
                 size: float) -> None:
        super().__init__()
        self.label, self.text, self.index, self.level = label, text, index, level
        self.fonts, self.size = fonts, size
        self.font = fonts.bold if level == 0 else fonts.regular
        self.indent = level * 16.0
        self.label_w = 30.0 if label else 0.0
        self.lines: list[str] = []

    def wrap(self, availWidth, availHeight):  # noqa: N803
        text_w = availWidth - self.indent - self.label_w - self.NUMBER_W - 8
        self.lines = simpleSplit(self.text, self.font, self.size, max(text_w, 40)) or [""]
        self.width = availWidth
        self.leading = self.size * 1.4
        self.height = len(self.lines) * self.leading + (5 if self.level == 0 else 1.5)
        return self.width, self.height

    def split(self, availWidth, availHeight):  # noqa: N803
        return []

    def draw(self) -> None:
        # one text object for label, title lines and dot leader (in that order, as read)
        c = self.canv
        size = self.size
        c.setFillColor(INK if self.level == 0 else TOC_INK)
        y = self.height - size - (3.5 if self.level == 0 else 0.5)
        x = self.indent
        tx = _FastText(c, x, y)
        tx.setFont(self.font, size)
        if self.label:
            tx._textOut(self.label, 1)
        x += self.label_w
        for i, line in enumerate(self.lines):
            tx.setTextOrigin(x, y)
            tx._textOut(line, 1)
            if i < len(self.lines) - 1:
                y -= self.leading
        end = x + stringWidth(self.lines[-1], self.font, size) + 4
        right = self.width - self.NUMBER_W - 2
        regular = self.fonts.regular
        dot = stringWidth(". ", regular, size)
        if right - end > dot:
            dots = ". " * int((right - end) / dot)
            tx.setFillColor(RULE)
            tx.setFont(regular, size)
            tx.setTextOrigin(right - stringWidth(dots, regular, size), y)
            tx._textOut(dots, 1)
        c.drawText(tx)
        c.saveState()
        c.translate(self.width, y)
        c.doForm(f"lcp_toc_{self.index}")
        c.restoreState()
        c.linkRect("", f"lcp-h{self.index}", (self.indent, y - 3, self.width, y + self.size),
                   relative=1, thickness=0)


class _KeepWithNext(KeepTogether):
    """keepWithNext that does not push a page-sized table to the next page.

    reportlab moves a heading and everything kept with it to a new page whenever the group
    does not fit, which leaves most of a page empty before a long table. When the group could
    never fit on one page anyway, start it here as long as the heading and a few lines fit.
    """

    def split(self, aW, aH):  # noqa: N803
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        frame = getattr(self, "_frame", None)
        if frame is not None and self._H > frame._height:
            if aH >= self._H0 + 60 or getattr(frame, "_atTop", False):
                return self._content[:]
            return [FrameBreak()] + self._content[:]
        return super().split(aW, aH)


class _Template(BaseDocTemplate):

    """Draws header and footer on each page and fills in the deferred numbers at the end."""

    def __init__(self, filename, render: _Render, **kw) -> None:
        self.render = render
        super().__init__(filename, **kw)

    def _endBuild(self):  # noqa: N802 (reportlab API)
        self._doSave = 0
        super()._endBuild()
        self.render.finish(self.canv)
        self.canv.save()


# ---------------------------------------------------------------------- render
class _Render:
    def __init__(self, doc: ir.Document, print_date: date) -> None:
        self.doc = doc
        self.print_date = print_date
        self.fonts = register_fonts()
        self.guard = GlyphGuard(self.fonts)
        self.styles = _styles_for(self.fonts)
        self.heading_pages: dict[int, int] = {}
        self.pages = 0
        self._digit_w = stringWidth("0", self.fonts.regular, 8)
        self.toc_used: list[int] = []
        self._titles: dict[float, str] = {}
        self._printed = f"Printed {_british(print_date)}"
        self.warnings: list[str] = []
        self.running = self.guard.clean(
            (doc.running_title or doc.title or "").replace("\n", " ").strip(),
            self.fonts.regular)

    # ---- text
    def markup(self, runs: list[ir.Run], base_bold: bool = False,
               base_italic: bool = False) -> str:
        out: list[str] = []
        for run in runs:
            bold = run.bold or base_bold
            italic = run.italic or base_italic
            face = self.fonts.face(bold, italic)
            text = escape(self.guard.clean(run.text, face)).replace("\n", "<br/>")
            if run.colour:
                # a status mark: a small coloured square, always followed by the status in
                # words (the composer's own mark glyph, if the run is only that, is replaced)
                colour = _safe_colour(run.colour)
                square = (f'<font face="{self.fonts.regular}" color="{colour}">\u25a0</font>'
                          "\u00a0")
                bare = run.text.strip()
                if len(bare) <= 1 and not bare.isalnum():
                    text = square
                else:
                    lead = text[: len(text) - len(text.lstrip(" "))]
                    text = f"{lead}{square}{text.lstrip(' ')}"
            if bold:
                text = f"<b>{text}</b>"
            if italic:
                text = f"<i>{text}</i>"
            out.append(text)
        return "".join(out)

    def plain(self, text: str, face: str | None = None) -> str:
        return escape(self.guard.clean(text, face)).replace("\n", "<br/>")

    # ---- blocks
    def flowables(self) -> list[Flowable]:
        story: list[Flowable] = []
        outline_index = 0
        heading_index = 0
        prev_level = 0
        self._outline: list[tuple[int, ir.Heading, int]] = []
        # index the outline headings first, so a contents block can refer to later ones
        for block in self.doc.blocks:
            if isinstance(block, ir.Heading) and block.outline:
                level = max(1, min(block.level, prev_level + 1, 4))
                self._outline.append((outline_index, block, level))
                prev_level = level
                outline_index += 1
        outline_iter = iter(self._outline)
        portrait = not self.doc.landscape
        for block in self.doc.blocks:
            if isinstance(block, ir.Heading):
                level = max(1, min(block.level, 4))
                style = self.styles.get(f"h{level}")
                label = self.plain(block.label, self.fonts.bold)
                text = self.plain(block.text, style.fontName)
                para = _para(f"{label}\u2002{text}" if label else text, style, cls=_HeadingPara)
                if block.outline:
                    index, _, olevel = next(outline_iter)
                    title = f"{block.label} {block.text}".strip().replace("\n", " ")
                    para._lcp_anchor = (self, index, self.guard.clean(title), olevel - 1)
                # keep a heading with what follows: room for it and about three lines, or a
                # new page (cheaper than keepWithNext, which lays the next block out twice)
                story.append(CondPageBreak(style.spaceBefore + style.leading * 2 + 48))
                story.append(para)
                heading_index += 1
            elif isinstance(block, ir.Paragraph):
                story.append(self.paragraph(block))
            elif isinstance(block, ir.ListBlock):
                story.extend(self.list_block(block, 0))
                story.append(Spacer(1, 3))
            elif isinstance(block, ir.Table):
                story.extend(self.table(block))
            elif isinstance(block, ir.Fields):
                story.append(self.fields(block))
            elif isinstance(block, ir.PageBreak):
                story.append(PageBreak())
            elif isinstance(block, ir.Contents):
                story.extend(self.contents(block))
            elif isinstance(block, ir.Timeline):
                chart = TimelineChart(block, self.fonts, self.guard, print_date=self.print_date)
                if portrait:
                    story.extend([NextPageTemplate("landscape"), PageBreak(), chart,
                                  NextPageTemplate("portrait"), PageBreak()])
                else:
                    story.append(chart)
            else:  # pragma: no cover - a new block type the writer does not know yet
                self.warnings.append(f"A {type(block).__name__} block was left out of the PDF.")
        if story and isinstance(story[-1], PageBreak):
            story.pop()
        return story

    def paragraph(self, block: ir.Paragraph, *, indent: float = 0.0) -> Paragraph:
        style = self.styles.get(block.style)
        text = self.markup(block.runs, base_italic=style.fontName == self.fonts.italic)
        if block.label:
            hang = max(30.0, _label_width(block.label, style.fontName, style.fontSize) + 10)
            parent = style
            style = self.styles.derived(
                ("num", parent.name, indent, hang),
                lambda: ParagraphStyle(f"{parent.name}-num", parent=parent,
                                       leftIndent=parent.leftIndent + indent + hang,
                                       bulletIndent=parent.leftIndent + indent,
                                       bulletFontName=parent.fontName,
                                       bulletFontSize=parent.fontSize))
            return _para(text, style, self.guard.clean(block.label))
        if indent:
            parent = style
            style = self.styles.derived(
                ("in", parent.name, indent),
                lambda: ParagraphStyle(f"{parent.name}-in", parent=parent,
                                       leftIndent=parent.leftIndent + indent))
        if len(block.runs) > 1:
            frags = _frags(text, style)
            para = _lead_para(frags, text, style) if frags else None
            if para is not None:
                return para
        return _para(text or "\u00a0", style)

    def list_block(self, block: ir.ListBlock, depth: int) -> list[Flowable]:
        out: list[Flowable] = []
        body = self.styles.get("body")
        bullet = block.kind == "bullet"
        labels = [self._list_label(item.label, block.kind) for item in block.items]
        label_w = max((_label_width(l, body.fontName, body.fontSize) for l in labels),
                      default=0.0)
        step = max(LIST_STEP, label_w + 7)
        left = depth * LIST_STEP + step
        style = self.styles.derived(
            ("list", depth, block.kind, left, step),
            lambda: ParagraphStyle(f"lcp-list-{depth}-{block.kind}", parent=body,
                                   leftIndent=left, bulletIndent=left - step,
                                   spaceAfter=3.5, bulletFontName=body.fontName,
                                   bulletFontSize=body.fontSize if not bullet else 9.5))
        for item, label in zip(block.items, labels):
            text = self.markup(item.runs) or "\u00a0"
            label = self.guard.clean(label)
            para = _para(text, style, label, cls=_ListPara)
            para._lcp_inline_ok = bool(label) and _inline_label_fits(label, style)
            out.append(para)
            for extra in item.extra:
                out.append(self.paragraph(extra, indent=left))
            if item.children and item.children.items:
                out.extend(self.list_block(item.children, depth + 1))
        return out

    @staticmethod
    def _list_label(label: str, kind: str) -> str:
        label = (label or "").strip()
        if kind == "bullet":
            return label or "\u2022"
        if label and label[-1].isalnum():
            return f"{label}."
        return label

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
        data: list[list[list[Flowable]]] = []
        row_ends: list[int] = []  # index in ``data`` of the last sub-row of each row
        has_header = any(h.strip() for h in block.header)
        if has_header:
            data.append([[_para(self.plain(h, head.fontName) or "\u00a0", head)]
                         for h in block.header] + [[]] * (cols - len(block.header)))
            row_ends.append(0)
        inner = [w - 10 for w in widths]  # minus left and right padding
        for row in block.rows:
            cells = []
            for c in row:
                paras = [self.paragraph_in(p, cell) for p in c.paragraphs] or [
                    _para("\u00a0", cell)]
                cells.append(paras)
            cells += [[_para("\u00a0", cell)]] * (cols - len(row))
            data.extend(_split_tall_row(cells, inner, cell))
            row_ends.append(len(data) - 1)
        if not data:
            return out
        if block.caption.strip():
            out.append(CondPageBreak(80))
            out.append(_para(self.plain(block.caption, self.fonts.bold),
                                 self.styles.get("caption")))
        commands = [
            ("FONTNAME", (0, 0), (-1, -1), self.fonts.regular),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 5),
            ("TOPPADDING", (0, 0), (-1, -1), 3.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ("LINEABOVE", (0, 0), (-1, 0), 0.9, HEAD_INK),
            ("LINEBELOW", (0, -1), (-1, -1), 0.9, HEAD_INK),
        ]
        previous = -1
        for end in row_ends:
            if end - previous > 1:  # continuation sub-rows sit close together, no rule
                commands += [("TOPPADDING", (0, previous + 2), (-1, end), 0),
                             ("BOTTOMPADDING", (0, previous + 1), (-1, end - 1), 0)]
            commands.append(("LINEBELOW", (0, end), (-1, end), 0.4, RULE))
            previous = end
        if has_header:
            commands += [("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                         ("LINEBELOW", (0, 0), (-1, 0), 0.8, HEAD_INK)]
        table = Table(data, colWidths=widths, repeatRows=1 if has_header else 0,
                      splitByRow=1, hAlign="LEFT")
        table.setStyle(TableStyle(commands))
        out.append(table)
        out.append(Spacer(1, 8))
        return out

    def paragraph_in(self, p: ir.Paragraph, cell_style: ParagraphStyle) -> Paragraph:
        base = self.styles.get(p.style) if p.style != "body" else cell_style
        style = self.styles.derived(
            ("cell", p.style, cell_style.name),
            lambda: ParagraphStyle(f"lcp-cell-{p.style}", parent=cell_style,
                                   fontSize=min(base.fontSize, cell_style.fontSize),
                                   leading=min(base.leading, cell_style.leading),
                                   textColor=base.textColor, fontName=base.fontName))
        text = self.markup(p.runs, base_italic=style.fontName == self.fonts.italic)
        if p.label:
            text = f"{escape(self.guard.clean(p.label))}\u2002{text}"
        return _para(text or "\u00a0", style)

    def fields(self, block: ir.Fields) -> Table:
        label_style = self.styles.get("field-label")
        value_style = self.styles.get("field-value")
        longest = max((stringWidth(k, label_style.fontName, label_style.fontSize)
                       for k, _ in block.pairs), default=60.0)
        lw = min(max(longest + 14, 80.0), self.frame_width * 0.36)
        rows = [[_para(self.plain(k, label_style.fontName), label_style),
                 _para(self.plain(v) or "\u00a0", value_style)] for k, v in block.pairs]
        if not rows:
            rows = [[_para("\u00a0", label_style), _para("\u00a0", value_style)]]
        table = Table(rows, colWidths=[lw, self.frame_width - lw], hAlign="LEFT",
                      splitInRow=1, spaceAfter=12)
        table.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), self.fonts.regular),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LINEABOVE", (0, 0), (-1, 0), 0.9, HEAD_INK),
            ("LINEBELOW", (0, -1), (-1, -1), 0.9, HEAD_INK),
            ("LINEBELOW", (0, 0), (-1, -2), 0.3, HexColor("#d3d8de")),
        ]))
        return table

    def contents(self, block: ir.Contents) -> list[Flowable]:
        out: list[Flowable] = [_para(self.plain(block.title or "Contents", self.fonts.bold),
                                         self.styles.get("toc-title"))]
        for index, heading, level in self._outline:
            if level > 3:
                continue
            label = self.guard.clean(heading.label.strip())
            text = self.guard.clean(heading.text.replace("\n", " ").strip(),
                                    self.fonts.bold if level == 1 else self.fonts.regular)
            out.append(_TocLine(label, text, index, level - 1, self.fonts,
                                10 if level == 1 else 9.5))
            self.toc_used.append(index)
        out.append(Spacer(1, 12))
        return out

    # ---- page furniture
    def _running_title(self, width: float) -> str:
        """The running title, cut with an ellipsis to fit between the margins (per width)."""
        title = self._titles.get(width)
        if title is None:
            regular = self.fonts.regular
            title = self.running
            avail = width - 2 * MARGIN_X
            if stringWidth(title, regular, 8) > avail:
                while title and stringWidth(title + "\u2026", regular, 8) > avail:
                    title = title[:-1]
                title += "\u2026"
            self._titles[width] = title
        return title

    def on_page(self, canvas, doc) -> None:
        self.pages += 1
        width, height = canvas._pagesize
        regular = self.fonts.regular
        top = height - 13 * mm
        bottom = 11 * mm
        canvas.saveState()
        canvas.setFillColor(MUTED)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.lines([(MARGIN_X, top - 4, width - MARGIN_X, top - 4),
                      (MARGIN_X, bottom + 10, width - MARGIN_X, bottom + 10)])
        tx = _FastText(canvas, MARGIN_X, top)
        tx.setFont(regular, 8)
        tx._textOut(self._running_title(width), 1)
        tx.setTextOrigin(MARGIN_X, bottom)
        tx._textOut(self._printed, 1)
        # "Page n of " now, the total later: one form XObject shared by every page, in a
        # slot as wide as its digits (DejaVu's figures are all one width)
        slot = self._digit_w * max(2, len(str(self.pages)))
        right = width - MARGIN_X - slot
        page = f"Page {self.pages} of "
        tx.setTextOrigin(right - stringWidth(page, regular, 8), bottom)
        tx._textOut(page, 1)
        canvas.drawText(tx)
        canvas.translate(right, bottom)
        canvas.doForm("lcp_total")
        canvas.restoreState()

    def finish(self, canvas) -> None:
        """Define the forms referenced by the pages: page totals and contents numbers."""
        f = self.fonts
        # a few bytes each: compressing them costs more than it saves
        compression = canvas._pageCompression
        canvas._pageCompression = 0
        canvas.beginForm("lcp_total", lowerx=-5, lowery=-5, upperx=60, uppery=15)
        canvas.setFont(f.regular, 8)
        canvas.setFillColor(MUTED)
        canvas.drawString(0, 0, str(self.pages))
        canvas.endForm()
        for index in dict.fromkeys(self.toc_used):
            page = self.heading_pages.get(index)
            canvas.beginForm(f"lcp_toc_{index}", lowerx=-60, lowery=-5, upperx=0, uppery=15)
            canvas.setFont(f.regular, 9.5)
            canvas.setFillColor(INK)
            canvas.drawRightString(0, 0, str(page) if page else "\u2013")
            canvas.endForm()
        canvas._pageCompression = compression

    @property
    def frame_width(self) -> float:
        return self._frame_width

    # ---- build
    def build(self, target) -> None:
        doc = self.doc
        portrait_size = A4
        landscape_size = landscape(A4)
        first_size = landscape_size if doc.landscape else portrait_size
        self._frame_width = first_size[0] - 2 * MARGIN_X

        def frame(size, ident):
            return Frame(MARGIN_X, MARGIN_BOTTOM, size[0] - 2 * MARGIN_X,
                         size[1] - MARGIN_TOP - MARGIN_BOTTOM, id=ident,
                         leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

        templates = [
            PageTemplate("portrait", frames=[frame(portrait_size, "p")], onPage=self.on_page,
                         pagesize=portrait_size),
            PageTemplate("landscape", frames=[frame(landscape_size, "l")],
                         onPage=self.on_page, pagesize=landscape_size),
        ]
        if doc.landscape:
            templates.reverse()
        template = _Template(
            target, self, pagesize=first_size, pageTemplates=templates,
            leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM, title=self.guard.clean(doc.title or ""),
            author=self.guard.clean(doc.author or ""), subject=self.guard.clean(doc.subject or ""),
            creator="lcplanner", producer="lcplanner (reportlab)", lang=doc.language or "en-GB",
            initialFontName=self.fonts.regular, invariant=0, keepTogetherClass=_KeepWithNext)
        story = self.flowables() or [Spacer(1, 1)]
        template.build(story, canvasmaker=_canvasmaker(self))
        self.warnings.extend(self.guard.warnings())


#: A table row taller than this is cut into sub-rows, so that it can break across pages.
ROW_CHUNK = 200.0


def _split_tall_row(cells: list[list[Paragraph]], widths: list[float],
                    style: ParagraphStyle) -> list[list[list[Flowable]]]:
    """Return ``cells`` as one row, or as several sub-rows if it is taller than ROW_CHUNK.

    reportlab tables break between rows only (``splitInRow`` misplaces repeated headers), so a
    cell taller than a page would not fit anywhere. Cutting the row at paragraph and line
    boundaries into sub-rows of at most ROW_CHUNK points lets it flow over as many pages as
    it needs; the sub-rows share one rule below, so they still read as one row.
    """
    def rough(p: Paragraph, width: float) -> float:
        chars = sum(len(getattr(f, "text", "")) for f in p.frags)
        per_line = max(width / (p.style.fontSize * 0.5), 1.0)
        return (chars / per_line + 1) * p.style.leading

    if all(sum(rough(p, w) for p in paras) < ROW_CHUNK * 0.6
           for paras, w in zip(cells, widths)):
        return [cells]
    columns: list[list[list[Paragraph]]] = []
    for paras, width in zip(cells, widths):
        chunks: list[list[Paragraph]] = [[]]
        used = 0.0
        queue = list(paras)
        while queue:
            p = queue.pop(0)
            _, h = p.wrap(width, ROW_CHUNK)
            h += p.getSpaceAfter()
            if used + h <= ROW_CHUNK:
                chunks[-1].append(p)
                used += h
                continue
            room = ROW_CHUNK - used
            parts = p.split(width, room) if room > p.style.leading * 2 else []
            if len(parts) == 2:
                chunks[-1].append(parts[0])
                queue.insert(0, parts[1])
            elif chunks[-1]:
                queue.insert(0, p)
            else:  # a single line taller than a chunk: keep it, nothing better to do
                chunks[-1].append(p)
                used = ROW_CHUNK
                continue
            chunks.append([])
            used = 0.0
        columns.append([c for c in chunks if c])
    depth = max(len(c) for c in columns)
    if depth == 1:
        return [cells]
    return [[col[i] if i < len(col) else [] for col in columns] for i in range(depth)]


def _canvasmaker(render: _Render):
    from reportlab.pdfgen.canvas import Canvas

    def make(*args, **kw):
        c = Canvas(*args, **kw)
        c._lcp_codes = {}  # see _FastText
        c.setPageCompression(1)
        c.showOutline()
        return c

    return make


def _safe_colour(value: str) -> str:
    value = value.strip()
    if len(value) in (4, 7) and value.startswith("#") and all(
            ch in "0123456789abcdefABCDEF" for ch in value[1:]):
        return value
    return "#808080"


def render_pdf_bytes(doc: ir.Document, *, print_date: date | None = None
                     ) -> tuple[bytes, list[str]]:
    """Render ``doc`` in memory: (PDF bytes, warnings). Used by print preview."""
    import io

    buf = io.BytesIO()
    render = _Render(doc, print_date or date.today())
    render.build(buf)
    return buf.getvalue(), render.warnings


def write_pdf(doc: ir.Document, path: str | os.PathLike, *,
              print_date: date | None = None) -> list[str]:
    """Write ``doc`` to ``path`` as PDF; return warnings for the user (may be empty).

    The file is written through :func:`atomic_path`: a failure leaves any existing file as it
    was and raises :class:`ExportError`.
    """
    render = _Render(doc, print_date or date.today())
    with atomic_path(path) as tmp:
        try:
            render.build(str(tmp))
        except ExportError:
            raise
        except OSError as exc:
            raise ExportError(f"Cannot write the PDF: {exc.strerror or exc}.") from exc
    return render.warnings
