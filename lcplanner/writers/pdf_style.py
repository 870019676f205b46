"""The PDF's paragraph styles, read from the Word template so that both formats share one house
style: the same face (Liberation Sans standing in for Arial), sizes, spacing, line spacing and
colours, and the same page margins. ``--template`` therefore styles the PDF as well as the
Word file. Styles are read by name, each falling back along its ``basedOn`` chain to the
document defaults, as Word itself resolves them; a name the template lacks takes the nearest
one (a missing "Summary" is "Body Text", a missing "Body Text" is "Normal").
"""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from lcplanner.resources import template_path
from lcplanner.writers.pdf_fonts import Fonts, register_fonts

#: The shipped house-style template (the same file the Word writer uses).
TEMPLATE = template_path()
#: Arial's line height ("single" spacing in Word) as a multiple of the font size; Liberation
#: Sans has the same vertical metrics.
SINGLE = 1.149

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass(frozen=True)
class Look:
    """One resolved Word paragraph style."""

    size: float = 12.0
    bold: bool = False
    italic: bool = False
    colour: str = "1A1A1A"
    before: float = 0.0
    after: float = 6.0
    line: float = 1.15  # multiple of single spacing
    indent: float = 0.0  # left indent, points


@dataclass(frozen=True)
class House:
    """What the PDF takes from the template: face, looks by style name, colours, margins."""

    font: str = "Arial"
    looks: tuple[tuple[str, Look], ...] = ()
    header_fill: str = "DCE6F0"
    margins: tuple[float, float, float, float] = (25 * mm, 25 * mm, 25 * mm, 25 * mm)  # t r b l

    def look(self, *names: str) -> Look:
        table = dict(self.looks)
        for name in names:
            if name in table:
                return table[name]
        return table.get("Normal", Look())


_NAMES = ("Normal", "Body Text", "Summary", "Note", "Details", "Quote", "Table Text",
          "Table Heading", "TOC Heading", "TOC 1", "TOC 2", "Heading 1", "Heading 2",
          "Heading 3", "Heading 4", "Title", "Numbered Paragraph")

_house_lock = threading.Lock()
_house_cache: dict[tuple, House] = {}


def read_house(template: str | os.PathLike | None = None) -> House:
    """The house style of ``template`` (the shipped one when None), cached per file version.

    A template that cannot be read gives the shipped style; the Word writer reports the
    problem with the template itself.
    """
    path = Path(template) if template else TEMPLATE
    try:
        stat = path.stat()
        key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    except OSError:
        return House(looks=(("Normal", Look()),))
    with _house_lock:
        house = _house_cache.get(key)
        if house is None:
            try:
                house = _read(path)
            except Exception:  # noqa: BLE001 - any unreadable template: the default look
                house = House(looks=(("Normal", Look()),)) if template is None else \
                    read_house(None)
            _house_cache[key] = house
        return house


def _read(path: Path) -> House:
    import docx

    document = docx.Document(str(path))
    styles = document.styles
    defaults = styles.element.find(f"{_W}docDefaults")
    default_size = 10.0
    default_font = "Arial"
    if defaults is not None:
        sz = defaults.find(f"{_W}rPrDefault/{_W}rPr/{_W}sz")
        if sz is not None and (sz.get(f"{_W}val") or "").isdigit():
            default_size = int(sz.get(f"{_W}val")) / 2
        fonts = defaults.find(f"{_W}rPrDefault/{_W}rPr/{_W}rFonts")
        if fonts is not None and fonts.get(f"{_W}ascii"):
            default_font = fonts.get(f"{_W}ascii")

    def chain(name):
        try:
            style = styles[name]
        except KeyError:
            return []
        out = []
        while style is not None and len(out) < 10:
            out.append(style)
            style = style.base_style
        return out

    def first(styles_, get, default):
        for s in styles_:
            try:
                value = get(s)
            except (AttributeError, ValueError):
                value = None
            if value is not None:
                return value
        return default

    looks: list[tuple[str, Look]] = []
    font = default_font
    for name in _NAMES:
        c = chain(name)
        if not c:
            continue
        if name == "Normal":
            font = first(c, lambda s: s.font.name, default_font)
        line = first(c, lambda s: s.paragraph_format.line_spacing, 1.0)
        if not isinstance(line, float):  # an exact height (a Length): as a multiple
            line = 1.0
        colour = first(c, lambda s: str(s.font.color.rgb) if s.font.color.type else None,
                       "000000")
        looks.append((name, Look(
            size=first(c, lambda s: s.font.size and s.font.size.pt, default_size),
            bold=bool(first(c, lambda s: s.font.bold, False)),
            italic=bool(first(c, lambda s: s.font.italic, False)),
            colour=colour if len(colour) == 6 else "000000",
            before=first(c, lambda s: s.paragraph_format.space_before
                         and s.paragraph_format.space_before.pt, 0.0),
            after=first(c, lambda s: s.paragraph_format.space_after
                        and s.paragraph_format.space_after.pt, 0.0),
            line=max(0.8, min(line, 3.0)),
            indent=first(c, lambda s: s.paragraph_format.left_indent
                         and s.paragraph_format.left_indent.pt, 0.0))))
    fill = "DCE6F0"
    try:
        for shd in styles["Plan Table"].element.iter(f"{_W}shd"):
            value = shd.get(f"{_W}fill") or ""
            if len(value) == 6:
                fill = value
                break
    except KeyError:
        pass
    section = document.sections[0]

    def margin(value, default=25 * mm):
        return value.pt if value is not None and 10 <= value.pt <= 200 else default

    margins = (margin(section.top_margin), margin(section.right_margin),
               margin(section.bottom_margin), margin(section.left_margin))
    return House(font=font or "Arial", looks=tuple(looks), header_fill=fill, margins=margins)


def _hex(value: str) -> Color:
    return HexColor(f"#{value}")


def _mix(c: Color, amount: float) -> Color:
    """``c`` lightened towards white by ``amount`` (0…1)."""
    return Color(c.red + (1 - c.red) * amount, c.green + (1 - c.green) * amount,
                 c.blue + (1 - c.blue) * amount)


@dataclass
class Styles:
    """Paragraph styles by the IR's names ("body", "h2", "cell" …) and the house colours."""

    fonts: Fonts
    house: House
    by_name: dict[str, ParagraphStyle] = field(default_factory=dict)
    _derived: dict[tuple, ParagraphStyle] = field(default_factory=dict)

    def __post_init__(self) -> None:
        f, h = self.fonts, self.house
        self.ink = _hex(h.look("Normal").colour)
        self.head_ink = _hex(h.look("Heading 1").colour)
        self.muted = _hex(h.look("Note").colour)
        self.rule = _mix(self.muted, 0.55)
        self.header_fill = _hex(h.header_fill)
        s = self.by_name

        def make(key: str, look: Look, *, parent: ParagraphStyle | None = None,
                 **extra) -> ParagraphStyle:
            face = f.face(look.bold, look.italic)
            style = ParagraphStyle(
                f"lcp-{key}", parent=parent, fontName=face, fontSize=look.size,
                leading=round(look.size * SINGLE * look.line, 2), textColor=_hex(look.colour),
                spaceBefore=look.before, spaceAfter=look.after, alignment=TA_LEFT,
                bulletFontName=face, splitLongWords=1, allowWidows=0, allowOrphans=0,
                hyphenationLang="", embeddedHyphenation=0, uriWasteReduce=0)
            for k, v in extra.items():
                setattr(style, k, v)
            return style

        body = s["body"] = make("body", h.look("Body Text", "Normal"))
        s["lead"] = make("lead", h.look("Summary", "Body Text"))
        s["note"] = make("note", h.look("Note", "Body Text"))
        details = h.look("Details", "Normal")
        s["meta"] = make("meta", details, textColor=self.muted)
        quote = h.look("Quote", "Body Text")
        s["quote"] = make("quote", quote, leftIndent=quote.indent or 28, rightIndent=28,
                          textColor=self.muted)
        cell = h.look("Table Text", "Normal")
        s["cell"] = make("cell", cell)
        s["cell-head"] = make("cell-head", h.look("Table Heading", "Table Text"),
                              fontName=f.bold, textColor=self.head_ink)
        s["caption"] = make("caption", cell, fontName=f.bold, textColor=self.head_ink,
                            spaceBefore=6, spaceAfter=4)
        s["field-label"] = make("field-label", details, fontName=f.bold, spaceAfter=0)
        s["field-value"] = make("field-value", details, spaceAfter=0)
        s["toc-title"] = make("toc-title", h.look("TOC Heading", "Heading 1"))
        for level in range(1, 5):
            s[f"h{level}"] = make(f"h{level}", h.look(f"Heading {level}"))
        self.toc_size = h.look("TOC 1", "Normal").size
        #: The text column of numbered paragraphs (the "Numbered Paragraph" style's indent,
        #: 851 twips in the shipped template): a paragraph or list that continues one is set
        #: there, as in Word.
        numbered = dict(h.looks).get("Numbered Paragraph")
        self.numbered_column = numbered.indent if numbered and numbered.indent > 0 else 42.55
        self.body = body

    def get(self, name: str) -> ParagraphStyle:
        return self.by_name.get(name) or self.by_name["body"]

    def derived(self, key: tuple, make) -> ParagraphStyle:
        """A style derived from the base ones, made once per process for each ``key``."""
        style = self._derived.get(key)
        if style is None:
            style = self._derived[key] = make()
        return style


_styles_lock = threading.Lock()
_styles_cache: dict[House, Styles] = {}


def styles_for(template: str | os.PathLike | None = None) -> Styles:
    """The styles for ``template``, built once per process (they are never changed after)."""
    house = read_house(template)
    fonts = register_fonts(house.font)
    with _styles_lock:
        styles = _styles_cache.get(house)
        if styles is None:
            styles = _styles_cache[house] = Styles(fonts, house)
        return styles
