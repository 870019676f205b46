"""The house style for Word papers, and how a clerk's own template is read.

The shipped template (``resources/templates/committee-paper.docx``) is generated from this
module by ``python -m lcplanner.devtools.build_template``, so the style lives in code review,
not in a binary. When the template file is missing (a wheel without resources) the writer applies the
same style to a blank document in memory.

A clerk's template is read by style *name*. A style the writer needs that the template lacks is
added as Word's own built-in style (headings keep their outline levels, so the document stays
accessible) or, for our named styles, replaced by the nearest built-in one, each with a warning.
"""
from __future__ import annotations

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.shared import Pt, RGBColor

from lcplanner.writers.docx_xml import child

FONT = "Arial"
LANGUAGE = "en-GB"
TEXT = RGBColor(0x1A, 0x1A, 0x1A)
ACCENT = RGBColor(0x1F, 0x3A, 0x5F)   # headings: dark navy, 11:1 on white
MUTED = RGBColor(0x4D, 0x4D, 0x4D)    # notes: 8:1 on white
HEADER_FILL = "DCE6F0"
BORDER = "8C8C8C"

#: A4 in twentieths of a point, and margins of 2.5 cm.
A4 = (11906, 16838)
MARGIN = 1418
HEADER_FOOTER = 709

# Our named paragraph styles and the built-in style each falls back to.
CUSTOM_FALLBACK = {
    "Summary": "Body Text",
    "Note": "Body Text",
    "Details": "Normal",
    "Numbered Paragraph": "Body Text",
    "Table Text": "Normal",
    "Table Heading": "Table Text",
    "Plan Table": "Table Grid",
}
#: Word built-in styles the writer uses; added with Word's own look when a template lacks one.
BUILT_IN = ["Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "Body Text",
            "List Paragraph", "Quote", "Footer", "TOC Heading", "TOC 1", "TOC 2", "TOC 3",
            "Table Grid"]


# --- low-level helpers ---------------------------------------------------------------------


def set_fonts(rpr, font: str = FONT) -> None:
    """Plain font on every script slot, removing theme fonts that would override it."""
    fonts = child(rpr, "rFonts")
    for attr in list(fonts.attrib):
        if attr.endswith("Theme"):
            del fonts.attrib[attr]
    for slot in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{slot}"), font)


def set_language(rpr, language: str = LANGUAGE) -> None:
    lang = child(rpr, "lang")
    lang.set(qn("w:val"), language)
    lang.set(qn("w:eastAsia"), language)
    lang.set(qn("w:bidi"), "ar-SA")


def set_document_language(document, language: str = LANGUAGE) -> None:
    """en-GB in the style defaults (``w:lang``) and the settings' theme language."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = child(rpr_default, "rPr")
    set_language(rpr, language)
    for style in styles.iterfind(qn("w:style")):
        lang = style.find(f"{qn('w:rPr')}/{qn('w:lang')}")
        if lang is not None:
            lang.set(qn("w:val"), language)
    settings = document.settings.element
    child(settings, "themeFontLang", val=language)


# --- defining styles ------------------------------------------------------------------------


def _paragraph_style(document, name: str, base: str | None = "Normal"):
    styles = document.styles
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if base and name != base:
        try:
            style.base_style = styles[base]
        except KeyError:  # a clerk's template without the base: the style stands alone
            pass
    return style


def _format(style, *, size: float | None = None, bold: bool | None = None,
            italic: bool | None = None, colour: RGBColor | None = None,
            before: float | None = None, after: float | None = None,
            keep_next: bool | None = None, left: int | None = None,
            hanging: int | None = None, outline: int | None = None) -> None:
    font = style.font
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic
    if colour is not None:
        font.color.rgb = colour
    rpr = style.element.get_or_add_rPr()
    set_fonts(rpr)
    pf = style.paragraph_format
    if before is not None:
        pf.space_before = Pt(before)
    if after is not None:
        pf.space_after = Pt(after)
    if keep_next is not None:
        pf.keep_with_next = keep_next
    ppr = style.element.get_or_add_pPr()
    if left is not None:
        ind = child(ppr, "ind", left=left)
        if hanging:
            ind.set(qn("w:hanging"), str(hanging))
    if outline is not None:
        child(ppr, "outlineLvl", val=outline)


def _tabs(style, *stops: tuple[str, int]) -> None:
    ppr = style.element.get_or_add_pPr()
    tabs = child(ppr, "tabs")
    for kind, pos in stops:
        tab = OxmlElement("w:tab")
        tab.set(qn("w:val"), kind)
        tab.set(qn("w:pos"), str(pos))
        tabs.append(tab)


def define_builtin(document, name: str):
    """Add one of Word's built-in styles with Word's plain look (for a clerk's template)."""
    if name == "Table Grid":
        return _table_style(document, name, house=False)
    base = None if name == "Normal" else "Normal"
    style = _paragraph_style(document, name, base)
    if name.startswith("Heading "):
        level = int(name.split()[1])
        _format(style, size={1: 16, 2: 14, 3: 13, 4: 12}[level], bold=True, before=12,
                after=6, keep_next=True, outline=level - 1)
        style.next_paragraph_style = _paragraph_style(document, "Normal", None)
    elif name == "Title":
        _format(style, size=24, bold=True, after=12)
    elif name.startswith("TOC "):
        _format(style, left=(int(name.split()[1]) - 1) * 284, after=4)
    elif name == "TOC Heading":
        _format(style, size=14, bold=True, before=12, after=6)
    elif name == "Quote":
        _format(style, italic=True, left=567)
    elif name == "List Paragraph":
        _format(style, left=720)
    return style


def _table_style(document, name: str, *, house: bool):
    styles = document.styles
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.TABLE)
    el = style.element
    for old in el.findall(qn("w:tblPr")) + el.findall(qn("w:tblStylePr")):
        el.remove(old)
    tblpr = OxmlElement("w:tblPr")
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        b = OxmlElement(f"w:{edge}")
        for key, value in (("val", "single"), ("sz", "4"), ("space", "0"),
                           ("color", BORDER if house else "auto")):
            b.set(qn(f"w:{key}"), value)
        borders.append(b)
    tblpr.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for edge, width in (("top", 57), ("left", 108), ("bottom", 57), ("right", 108)):
        m = OxmlElement(f"w:{edge}")
        m.set(qn("w:w"), str(width))
        m.set(qn("w:type"), "dxa")
        margins.append(m)
    tblpr.append(margins)
    el.append(tblpr)
    if house:
        first = OxmlElement("w:tblStylePr")
        first.set(qn("w:type"), "firstRow")
        rpr = OxmlElement("w:rPr")
        rpr.append(OxmlElement("w:b"))
        first.append(rpr)
        tcpr = OxmlElement("w:tcPr")
        shd = OxmlElement("w:shd")
        for key, value in (("val", "clear"), ("color", "auto"), ("fill", HEADER_FILL)):
            shd.set(qn(f"w:{key}"), value)
        tcpr.append(shd)
        first.append(tcpr)
        el.append(first)
    return style


def apply_house_style(document) -> None:
    """Give ``document`` the committee-paper house style (A4, Arial 12 pt, en-GB)."""
    set_document_language(document)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    set_fonts(rpr)
    child(rpr, "sz", val=24)
    child(rpr, "szCs", val=24)

    normal = _paragraph_style(document, "Normal", None)
    _format(normal, size=12, colour=TEXT, after=6)
    normal.paragraph_format.line_spacing = 1.15
    _format(_paragraph_style(document, "Title"), size=26, bold=True, colour=ACCENT, after=12)
    for level, (size, before, after) in enumerate(((18, 18, 8), (14, 16, 6), (12, 12, 4),
                                                  (12, 10, 4)), start=1):
        heading = _paragraph_style(document, f"Heading {level}")
        _format(heading, size=size, bold=True, italic=level == 4, colour=ACCENT,
                before=before, after=after, keep_next=True, outline=level - 1)
        heading.next_paragraph_style = normal
    body = _paragraph_style(document, "Body Text")
    _format(body, size=12, after=8)
    _format(_paragraph_style(document, "Summary", "Body Text"), size=12, after=8)
    _format(_paragraph_style(document, "Note", "Body Text"), size=10.5, colour=MUTED, after=6)
    details = _paragraph_style(document, "Details")
    _format(details, size=12, after=2)
    _tabs(details, ("left", 3119))
    _format(_paragraph_style(document, "Numbered Paragraph", "Body Text"), left=851,
            hanging=851)
    _format(_paragraph_style(document, "List Paragraph"), left=567, after=4)
    _format(_paragraph_style(document, "Quote", "Body Text"), italic=True, left=567)
    _format(_paragraph_style(document, "Table Text"), size=11, after=2)
    _paragraph_style(document, "Table Text").paragraph_format.line_spacing = 1.0
    _format(_paragraph_style(document, "Table Heading", "Table Text"), size=11, bold=True)
    text_width = A4[0] - 2 * MARGIN
    for name in ("Header", "Footer"):
        style = _paragraph_style(document, name)
        _format(style, size=9, colour=MUTED, after=0)
        old = style.element.get_or_add_pPr().find(qn("w:tabs"))
        if old is not None:
            old.getparent().remove(old)
        _tabs(style, ("center", text_width // 2), ("right", text_width))
    _format(_paragraph_style(document, "TOC Heading"), size=14, bold=True, colour=ACCENT,
            before=12, after=6)
    for level in (1, 2, 3):
        _format(_paragraph_style(document, f"TOC {level}"), left=(level - 1) * 284,
                hanging=0, after=2 if level > 1 else 4)
    _table_style(document, "Table Grid", house=False)
    _table_style(document, "Plan Table", house=True)
    for name in ("List Number", "List Bullet", "List Continue"):
        try:
            set_fonts(document.styles[name].element.get_or_add_rPr())
        except KeyError:  # not in this template; the writer falls back and warns by name
            pass

    section = document.sections[0]
    sect = section._sectPr
    pg = child(sect, "pgSz", w=A4[0], h=A4[1])
    if pg.get(qn("w:orient")) is not None:
        del pg.attrib[qn("w:orient")]
    child(sect, "pgMar", top=MARGIN, right=MARGIN, bottom=MARGIN, left=MARGIN,
           header=HEADER_FOOTER, footer=HEADER_FOOTER, gutter=0)

    props = document.core_properties
    props.language = LANGUAGE
    props.title = "Committee paper"
    props.author = ""
    props.last_modified_by = ""
    props.comments = "House style for committee papers written by lcplanner."
    props.keywords = ""
    props.subject = ""
    props.category = "Template"
    props.revision = 1
