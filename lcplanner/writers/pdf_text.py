"""Paragraph text for the PDF writer, fast: ready-made fragments instead of a markup parse,
and text objects that encode with a translation table.

To stay close to the cost of laying out the paragraphs themselves (see
``tests/bench/bench_pdf.py``), paragraphs are handed to reportlab as ready-made fragments (no
markup parse), a bold lead such as "Outcome:" does not force reportlab's slow mixed-font line
breaking (:class:`LeadPara`), list labels share their item's text object (:class:`ListPara`),
and text is encoded for the embedded font with a translation table (:class:`FastText`). Each
gives the same page, glyph for glyph.
"""
from __future__ import annotations

import re
from functools import lru_cache
from xml.sax.saxutils import unescape

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText


@lru_cache(maxsize=2048)
def label_width(text: str, font: str, size: float) -> float:
    """Width of a short label (list letters, numbers), measured once per process."""
    return stringWidth(text, font, size)


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


def make_frags(markup: str, style: ParagraphStyle) -> list | None:
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


#: Above this many characters a plain paragraph is set as consecutive pieces. reportlab
#: re-wraps the rest of a paragraph at every page it splits it across, so one paragraph of a
#: megabyte (hundreds of pages) costs the square of its length; pieces of a few thousand
#: characters keep the cost linear. Pieces end at sentence ends, so a reader sees at most a
#: shorter line where one sentence ends and the next starts a line.
LONG_PARAGRAPH = 6000
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+")


def long_pieces(block) -> list[str]:
    """A plain paragraph (one run, no label) of more than LONG_PARAGRAPH characters, as pieces
    of at most about half that; any other paragraph as one piece (its text)."""
    runs = getattr(block, "runs", [])
    if (getattr(block, "label", "") or len(runs) != 1 or runs[0].bold or runs[0].italic
            or runs[0].colour or len(runs[0].text) <= LONG_PARAGRAPH):
        return [block.text]
    size = LONG_PARAGRAPH // 2
    pieces: list[str] = []
    current = ""
    for sentence in _SENTENCE_END.split(runs[0].text):
        while len(sentence) > size:  # a very long sentence: at a space, else anywhere
            cut = sentence.rfind(" ", 0, size)
            cut = cut if cut > 0 else size
            if current:
                pieces.append(current)
                current = ""
            pieces.append(sentence[:cut])
            sentence = sentence[cut:].lstrip()
        if current and len(current) + 1 + len(sentence) > size:
            pieces.append(current)
            current = ""
        current = f"{current} {sentence}" if current else sentence
    if current:
        pieces.append(current)
    return pieces


def make_para(markup: str, style: ParagraphStyle, bullet: str | None = None,
          cls: type[Paragraph] | None = None) -> Paragraph:
    cls = cls or Para
    frags = make_frags(markup, style)
    if frags is None:
        return cls(markup, style, bulletText=bullet)
    para = cls(None, style, bulletText=bullet, frags=frags)
    para.text = markup
    return para


# ------------------------------------------------------------------ flowables
class FastText(PDFTextObject):
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


class Para(Paragraph):
    """A Paragraph whose lines are written through :class:`FastText`."""

    def beginText(self, x, y):  # noqa: N802 (reportlab API)
        return FastText(self.canv, x, y)


class HeadingPara(Para):
    """A heading that records its page and adds its bookmark and outline entry when drawn."""

    _lcp_anchor: tuple | None = None

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


class LeadPara(Para):
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
        tx = FastText(self.canv, x, y)
        lead = self._lcp_lead
        if lead is not None:
            tx.setFont(lead[1], lead[2])
            tx._textOut(lead[0])
        return tx


def lead_para(frags: list, markup: str, style: ParagraphStyle) -> Paragraph | None:
    """A :class:`LeadPara` for ``frags`` if they are a one-word lead and then plain text."""
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
    para = LeadPara(None, style, frags=[body])
    para.text = markup
    para._lcp_lead = (lead.text, lead.fontName, lead.fontSize,
                      stringWidth(word, lead.fontName, lead.fontSize) + space,
                      style.spaceShrinkage * space, frags)
    return para


class ListPara(Para):
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
            return FastText(self.canv, x, y)
        style = self.style
        tx = FastText(self.canv, style.bulletIndent, y)
        tx.setFont(style.bulletFontName, style.bulletFontSize)
        tx._textOut(bullet)
        tx.setXPos(x - style.bulletIndent)
        return tx


def inline_label_fits(label: str, style: ParagraphStyle) -> bool:
    """True if reportlab would not move the first line right to make room for ``label``."""
    return (style.bulletAnchor == "start" and not getattr(style, "bulletOffsetY", 0)
            and style.wordWrap != "RTL"
            and style.bulletIndent + label_width(label, style.bulletFontName,
                                                  style.bulletFontSize)
            + style.bulletFontSize * 0.6 - style.leftIndent <= style.firstLineIndent)


_SPACED_DASH = re.compile(r" +([\u2013\u2014]) ")


def dash_kept(markup: str) -> str:
    """A spaced dash never starts a line: there it would read as a list item's bullet."""
    return _SPACED_DASH.sub("\u00a0\\1 ", markup)
