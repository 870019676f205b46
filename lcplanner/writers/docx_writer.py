"""Render the paper IR as a Word document in house style, accessible by construction.

Only IR blocks are rendered here; what goes in a paper is the composers' business. The body is
built as WordprocessingML directly (with lxml, in schema order), which is both faster than
python-docx's one-paragraph-at-a-time API and the only way to reach real list numbering,
repeating header rows and table alt text.

Accessibility (Public Sector Bodies Accessibility Regulations 2018) holds by construction:
headings use the real "Heading n" styles and never skip a level (a skip is clamped and warned
about); the document's title and en-GB language are set in the core properties and styles;
tables have one header row that repeats (``w:tblHeader``), alt text, and no merged cells;
lists are real Word lists whose numbering restarts per list; no paragraph is bold to look like
a heading; status is always text, with colour only as an extra mark.
"""
from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path

import docx
from docx.styles import BabelFish
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree

from lcplanner.compose import ir
from lcplanner.resources import template_path
from lcplanner.domain.sanitise import clean_text
from lcplanner.writers import docx_style
from lcplanner.importers.docx_guard import UnsafeDocumentError, check_docx
from lcplanner.writers.atomic import ExportError, atomic_path
from lcplanner.writers.docx_contents import PLACEHOLDER, fill_page_numbers
from lcplanner.writers.docx_numbering import Numbering, indent
from lcplanner.writers.docx_pagination import keep_intros_with_lists
from lcplanner.writers.docx_props import now, set_app_properties, user_name
from lcplanner.writers.docx_xml import child

#: The shipped house-style template.
TEMPLATE = template_path()

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_P, _R, _T, _PPR, _RPR = qn("w:p"), qn("w:r"), qn("w:t"), qn("w:pPr"), qn("w:rPr")
_VAL = qn("w:val")
_PIECES = re.compile(r"(\n|\t)")
# Strong right-to-left letters (Hebrew, Arabic, Syriac, Thaana, NKo … and their presentation
# forms) and strong left-to-right ones, enough to find a paragraph's base direction.
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]|[\U00010800-\U00010fff]"
                  "|[\U0001e800-\U0001efff]")
_STRONG = re.compile("[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]|" + _RTL.pattern)

_IR_STYLES = {"body": "Body Text", "lead": "Summary", "note": "Note", "meta": "Details",
              "quote": "Quote"}
#: The text column of numbered paragraphs (the "Numbered Paragraph" style's hanging indent):
#: a paragraph or list that continues one is set there, never out in the number's margin.
_NUMBERED_TEXT = 851
_TEMPLATE_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def _no_space_after(ppr) -> None:
    child(ppr, "spacing", after=0)


def write_docx(doc: ir.Document, path: str | os.PathLike, *,
               template: str | os.PathLike | None = None) -> list[str]:
    """Write ``doc`` to ``path`` (atomically) and return warnings for the user.

    ``template`` is any .docx or .dotx; its styles are used by name. Without one, the shipped
    house style is used. Raises :class:`ExportError` with one clear sentence on failure; the
    file at ``path``, if any, is then left as it was.
    """
    warnings: list[str] = []
    document = _open_template(template, warnings)
    renderer = _Renderer(document, doc, warnings)
    renderer.render()
    keep_intros_with_lists(document.element.body)
    fill_page_numbers(document, renderer.toc_slots, warnings)
    with atomic_path(path) as tmp:
        try:
            document.save(str(tmp))
        except OSError as exc:
            raise ExportError(f"Cannot write {Path(path).name}: {exc.strerror or exc}.") from exc
    return warnings


# --- template -------------------------------------------------------------------------------


def _open_template(template, warnings: list[str]):
    if template is None:
        if TEMPLATE.is_file():
            return docx.Document(str(TEMPLATE))
        document = docx.Document()
        docx_style.apply_house_style(document)
        warnings.append("The house-style template was not found; used the built-in house style.")
        return document
    path = Path(template)
    if not path.is_file():
        raise ExportError(f"The template {path} does not exist.")
    try:
        check_docx(path)  # zip bombs and entity tricks are refused before anything parses it
    except UnsafeDocumentError as exc:
        raise ExportError(f"The template cannot be used: {exc}") from exc
    try:
        data = path.read_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            types = package.read("[Content_Types].xml")
            if _TEMPLATE_TYPE.encode() in types:  # a .dotx: open it as a document
                out = io.BytesIO()
                with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
                    for info in package.infolist():
                        content = package.read(info.filename)
                        if info.filename == "[Content_Types].xml":
                            content = content.replace(_TEMPLATE_TYPE.encode(),
                                                      _DOCUMENT_TYPE.encode())
                        copy.writestr(info, content)
                data = out.getvalue()
        return docx.Document(io.BytesIO(data))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, PackageNotFoundError,
            etree.XMLSyntaxError) as exc:
        raise ExportError(f"The template {path.name} is not a Word document that can be "
                          f"read ({exc}).") from exc


class _Styles:
    """Style name → style id in the open document, falling back with a warning."""

    def __init__(self, document, warnings: list[str]):
        self._document = document
        self._warnings = warnings
        self._ids: dict[str, str | None] = {}
        self._by_name = {}
        for el in document.styles.element.iterfind(qn("w:style")):
            name = el.find(qn("w:name"))
            if name is not None:
                ui = BabelFish.internal2ui(name.get(_VAL))
                self._by_name.setdefault(ui.casefold(), el)

    def by_id(self, style_id: str):
        """The style element whose id is ``style_id``, or None."""
        return next((el for el in self._by_name.values()
                     if el.get(qn("w:styleId")) == style_id), None)

    def element(self, name: str):
        """The style element named ``name`` once resolved (None if it fell back)."""
        self.id(name)
        return self._by_name.get(name.casefold())

    def id(self, name: str) -> str | None:
        if name not in self._ids:
            self._ids[name] = self._resolve(name)
        return self._ids[name]

    def _resolve(self, name: str) -> str | None:
        el = self._by_name.get(name.casefold())
        if el is not None:
            return el.get(qn("w:styleId"))
        if name in docx_style.CUSTOM_FALLBACK:  # an acyclic chain ending in a built-in
            fallback = docx_style.CUSTOM_FALLBACK[name]
            self._warnings.append(f"The template has no style named \u201c{name}\u201d; "
                                  f"used \u201c{fallback}\u201d instead.")
            return self.id(fallback)
        if name in docx_style.BUILT_IN:
            style = docx_style.define_builtin(self._document, name)
            self._by_name[name.casefold()] = style.element
            self._warnings.append(f"The template has no style named \u201c{name}\u201d; "
                                  f"added Word\u2019s built-in \u201c{name}\u201d.")
            return style.style_id
        self._warnings.append(f"The template has no style named \u201c{name}\u201d; "
                              "used the default paragraph style.")
        return None


# --- rendering ------------------------------------------------------------------------------


def _text(value: str) -> str:
    return clean_text(value or "") or ""


def _direction_rtl(text: str) -> bool:
    match = _STRONG.search(text)
    return bool(match and _RTL.match(match.group(0)))


class _Renderer:
    def __init__(self, document, doc: ir.Document, warnings: list[str]):
        self.document = document
        self.doc = doc
        self.warnings = warnings
        self.styles = _Styles(document, warnings)
        self.numbering = Numbering(document, docx_style.FONT)
        self.body = document.element.body
        self.sect = self.body.find(qn("w:sectPr"))
        self.page_break = False
        self.level = 0
        self.bookmarks = {id(h): f"_Toc_lcp{i}" for i, h in enumerate(doc.outline(), 1)}
        self.toc_slots: list = []  # (heading text, page-number w:t) for docx_contents

    # -- the document --------------------------------------------------------------------

    def render(self) -> None:
        for el in list(self.body):
            if el.tag != qn("w:sectPr"):
                self.body.remove(el)
        if self.sect is None:
            self.sect = etree.SubElement(self.body, qn("w:sectPr"))
        self._page_setup()
        for block in self.doc.blocks:
            self._block(block)
        self._properties()
        self._footer()

    def _append(self, el) -> None:
        self.sect.addprevious(el)

    def _block(self, block: ir.Block) -> None:
        if isinstance(block, ir.Heading):
            self._heading(block)
        elif isinstance(block, ir.Paragraph):
            self._append(self._paragraph(block))
        elif isinstance(block, ir.ListBlock):
            self._list(block, 0)
        elif isinstance(block, ir.Table):
            self._table(block)
        elif isinstance(block, ir.Fields):
            self._fields(block)
        elif isinstance(block, ir.PageBreak):
            self.page_break = True
        elif isinstance(block, ir.Contents):
            self._contents(block)
        elif isinstance(block, ir.Timeline):
            self._timeline(block)
        else:
            self.warnings.append(f"Skipped a block this writer does not know: "
                                 f"{type(block).__name__}.")

    # -- paragraphs and runs -------------------------------------------------------------

    def _p(self, style: str | None, runs: list[ir.Run], *, label: str = "",
           ppr_extra=None):
        p = etree.Element(_P)
        ppr = etree.SubElement(p, _PPR)
        style_id = self.styles.id(style) if style else None
        if style_id:
            etree.SubElement(ppr, qn("w:pStyle")).set(_VAL, style_id)
        if self.page_break:
            self.page_break = False
            child(ppr, "pageBreakBefore")
        if ppr_extra:
            ppr_extra(ppr)
        text = label + "".join(r.text or "" for r in runs)
        if _direction_rtl(text):
            child(ppr, "bidi")
        if label:
            self._run(p, ir.Run(label + "\t"))
        for run in runs:
            self._run(p, run)
        if len(ppr) == 0:
            p.remove(ppr)
        return p

    def _run(self, p, run: ir.Run) -> None:
        text = _text(run.text)
        if not text:
            return
        r = etree.SubElement(p, _R)
        if run.bold or run.italic or run.colour or _RTL.search(text):
            rpr = etree.SubElement(r, _RPR)
            if run.bold:
                etree.SubElement(rpr, qn("w:b"))
                etree.SubElement(rpr, qn("w:bCs"))
            if run.italic:
                etree.SubElement(rpr, qn("w:i"))
                etree.SubElement(rpr, qn("w:iCs"))
            colour = (run.colour or "").lstrip("#")
            if re.fullmatch(r"[0-9a-fA-F]{6}", colour):
                etree.SubElement(rpr, qn("w:color")).set(_VAL, colour.upper())
            if _RTL.search(text) and not _STRONG.sub(
                    lambda m: "" if _RTL.match(m.group(0)) else "L", text).count("L"):
                etree.SubElement(rpr, qn("w:rtl"))
        for piece in _PIECES.split(text):
            if piece == "\n":
                etree.SubElement(r, qn("w:br"))
            elif piece == "\t":
                etree.SubElement(r, qn("w:tab"))
            elif piece:
                t = etree.SubElement(r, _T)
                t.text = piece
                if piece[0] == " " or piece[-1] == " ":
                    t.set(_XML_SPACE, "preserve")

    def _paragraph(self, block: ir.Paragraph):
        if block.keep or block.text.rstrip().endswith(":"):
            # a title line or an introduction stays with what follows it
            return self._keep_next(self._paragraph_el(block))
        return self._paragraph_el(block)

    @staticmethod
    def _keep_next(p):
        ppr = p.find(_PPR)
        if ppr is None:
            ppr = etree.SubElement(p, _PPR)
            p.insert(0, ppr)
        child(ppr, "keepNext")
        return p

    def _paragraph_el(self, block: ir.Paragraph):
        if block.label:
            style = "Numbered Paragraph"
        elif getattr(block, "continues", False):
            def column(ppr):
                child(ppr, "ind", left=_NUMBERED_TEXT, hanging=0)

            return self._p("Numbered Paragraph", block.runs, ppr_extra=column)
        else:
            style = _IR_STYLES.get(block.style, "Body Text")
        return self._p(style, block.runs, label=block.label)

    def _heading(self, block: ir.Heading) -> None:
        level = max(1, min(int(block.level), 4))
        if level > self.level + 1:
            self.warnings.append(f"Heading \u201c{block.text[:60]}\u201d would skip from level "
                                 f"{self.level} to {level}; shown at level {self.level + 1}.")
            level = self.level + 1
        self.level = level

        def hanging(ppr):
            child(ppr, "keepNext")  # even when a clerk's template forgot it on the style
            if block.label:
                child(ppr, "ind", left=851, hanging=851)

        # a service group has its portfolio's level but never its look: set in italic
        group = getattr(block, "kind", "") == "service-group"
        p = self._p(f"Heading {level}", [ir.Run(block.text, italic=group)], label=block.label,
                    ppr_extra=hanging)
        bookmark = self.bookmarks.get(id(block))
        if bookmark:
            mark_id = bookmark.rsplit("p", 1)[1]
            start = etree.Element(qn("w:bookmarkStart"))
            start.set(qn("w:id"), mark_id)
            start.set(qn("w:name"), bookmark)
            end = etree.Element(qn("w:bookmarkEnd"))
            end.set(qn("w:id"), mark_id)
            p.insert(1 if p.find(_PPR) is not None else 0, start)
            p.append(end)
        self._append(p)

    def _fields(self, block: ir.Fields) -> None:
        for label, value in block.pairs:
            runs = [ir.Run(label, bold=True), ir.Run("\t"), ir.Run(value)] if value else \
                [ir.Run(label)]
            self._append(self._p("Details", runs))

    # -- lists ---------------------------------------------------------------------------

    def _list(self, block: ir.ListBlock, level: int, inset: int = 0) -> None:
        if not block.items:
            return
        level = min(level, 8)
        if getattr(block, "continues", False):
            inset = _NUMBERED_TEXT
        num_id = self.numbering.new_list(block.kind, level, block.start)
        for item in block.items:
            # a list's end gets a body paragraph's space, so the text after it does not
            # run on from its last item
            last = level == 0 and item is block.items[-1] and not item.extra \
                and not item.children

            def numbered(ppr, num_id=num_id, last=last):
                num = child(ppr, "numPr")
                etree.SubElement(num, qn("w:ilvl")).set(_VAL, str(level))
                etree.SubElement(num, qn("w:numId")).set(_VAL, num_id)
                if last:
                    child(ppr, "spacing", after=160)
                if inset:
                    child(ppr, "ind", left=indent(level) + inset, hanging=indent(0))

            self._append(self._p("List Paragraph", item.runs, ppr_extra=numbered))
            for extra in item.extra:
                def continued(ppr):
                    child(ppr, "ind", left=indent(level) + inset, hanging=0)

                style = _IR_STYLES.get(extra.style, "Body Text")
                self._append(self._p("List Paragraph" if style == "Body Text" else style,
                                     extra.runs, ppr_extra=continued))
            if item.children:
                self._list(item.children, level + 1, inset)

    # -- tables --------------------------------------------------------------------------

    def _table(self, block: ir.Table, header_style: str = "Table Heading") -> None:
        columns = max([len(block.header)] + [len(r) for r in block.rows])
        if not columns:
            return
        header = list(block.header) + [""] * (columns - len(block.header))
        widths = [float(w) for w in block.widths if w and w > 0]
        if len(widths) != columns:
            widths = [1.0] * columns
        total_width = self._text_width()
        twips = [int(total_width * w / sum(widths)) for w in widths]

        tbl = etree.Element(qn("w:tbl"))
        tblpr = etree.SubElement(tbl, qn("w:tblPr"))
        style_id = self.styles.id("Plan Table")
        if style_id:
            etree.SubElement(tblpr, qn("w:tblStyle")).set(_VAL, style_id)
        tblw = etree.SubElement(tblpr, qn("w:tblW"))
        tblw.set(qn("w:w"), str(sum(twips)))
        tblw.set(qn("w:type"), "dxa")
        etree.SubElement(tblpr, qn("w:tblLayout")).set(qn("w:type"), "fixed")
        if block.compact:  # rows set close: a little space above and below each cell
            margins = etree.SubElement(tblpr, qn("w:tblCellMar"))
            for edge, width in (("top", 20), ("bottom", 0)):
                m = etree.SubElement(margins, qn(f"w:{edge}"))
                m.set(qn("w:w"), str(width))
                m.set(qn("w:type"), "dxa")
        has_header = any(h.strip() for h in header)
        look = etree.SubElement(tblpr, qn("w:tblLook"))
        for key, value in (("val", "0420" if has_header else "0400"),
                           ("firstRow", "1" if has_header else "0"), ("lastRow", "0"),
                           ("firstColumn", "0"), ("lastColumn", "0"), ("noHBand", "1"),
                           ("noVBand", "1")):
            look.set(qn(f"w:{key}"), value)
        caption = _text(block.caption or (header[0] if header else ""))
        if caption:
            etree.SubElement(tblpr, qn("w:tblCaption")).set(_VAL, caption[:255])
        grid = etree.SubElement(tbl, qn("w:tblGrid"))
        for width in twips:
            etree.SubElement(grid, qn("w:gridCol")).set(qn("w:w"), str(width))

        if has_header:  # a table of rows only has no header row (nor a first-row look)
            head_cells = [ir.Cell([ir.Paragraph([ir.Run(h, bold=True)])]) for h in header]
            self._row(tbl, head_cells, twips, header=True, style=header_style,
                      compact=block.compact)
        for row in block.rows:
            cells = list(row) + [ir.Cell([ir.Paragraph([])])] * (columns - len(row))
            self._row(tbl, cells, twips, header=False, style="Table Text",
                      compact=block.compact)
        # the header row never ends a page alone, nor does a last row start one alone
        rows = tbl.findall(qn("w:tr"))
        for tr in rows[:1] + rows[-2:-1]:
            for ppr in tr.iter(_PPR):
                child(ppr, "keepNext")
        if self.page_break:  # a table cannot carry pageBreakBefore itself
            self._append(self._p(None, []))
        self._append(tbl)
        # A table must not touch the next table; a small gap paragraph keeps them apart.
        self._append(self._p("Table Text", []))

    def _row(self, tbl, cells: list[ir.Cell], twips: list[int], *, header: bool,
             style: str, compact: bool = False) -> None:
        tr = etree.SubElement(tbl, qn("w:tr"))
        trpr = etree.SubElement(tr, qn("w:trPr"))
        if header:  # only the header row is kept whole; long body rows may break
            etree.SubElement(trpr, qn("w:cantSplit"))
            etree.SubElement(trpr, qn("w:tblHeader"))
        for cell, width in zip(cells, twips):
            tc = etree.SubElement(tr, qn("w:tc"))
            tcpr = etree.SubElement(tc, qn("w:tcPr"))
            tcw = etree.SubElement(tcpr, qn("w:tcW"))
            tcw.set(qn("w:w"), str(width))
            tcw.set(qn("w:type"), "dxa")
            paragraphs = cell.paragraphs or [ir.Paragraph([])]
            for para in paragraphs:
                p = self._p(style, para.runs, label=para.label,
                            ppr_extra=_no_space_after if compact else None)
                if compact:  # a point smaller than the style, as the PDF sets it
                    size = str(self._compact_size(style))
                    for r in p.iter(_R):
                        rpr = r.find(_RPR)
                        if rpr is None:
                            rpr = etree.Element(_RPR)
                            r.insert(0, rpr)
                        child(rpr, "sz", val=size)
                        child(rpr, "szCs", val=size)
                tc.append(p)

    def _compact_size(self, style: str) -> int:
        """Half-points: ``style``'s size (along its basedOn chain) less one point."""
        el, half = self.styles.element(style), 0
        for _ in range(10):
            if el is None:
                break
            sz = el.find(f"{qn('w:rPr')}/{qn('w:sz')}")
            if sz is not None and (sz.get(_VAL) or "").isdigit():
                half = int(sz.get(_VAL))
                break
            based = el.find(qn("w:basedOn"))
            el = self.styles.by_id(based.get(_VAL)) if based is not None else None
        return max(12, (half or 22) - 2)

    def _text_width(self) -> int:
        size = self.sect.find(qn("w:pgSz"))
        margins = self.sect.find(qn("w:pgMar"))
        try:
            width = int(size.get(qn("w:w")))
            left = int(margins.get(qn("w:left")))
            right = int(margins.get(qn("w:right")))
            return max(width - left - right, 2000)
        except (AttributeError, TypeError, ValueError):
            return docx_style.A4[0] - 2 * docx_style.MARGIN

    # -- contents and timeline -----------------------------------------------------------

    def _contents(self, block: ir.Contents) -> None:
        """A real TOC field, filled in with linked entries so it reads well before updating."""
        self._append(self._p("TOC Heading", [ir.Run(block.title or "Contents")]))
        position = next(i for i, b in enumerate(self.doc.blocks) if b is block)
        entries = [b for b in self.doc.blocks[position:]
                   if isinstance(b, ir.Heading) and b.outline and b.level <= 3]
        paragraphs = []
        for heading in entries:
            level = max(1, min(heading.level, 3))

            def label_tab(ppr, level=level):
                tabs = child(ppr, "tabs")
                if heading.label:
                    tab = etree.SubElement(tabs, qn("w:tab"))
                    tab.set(_VAL, "left")
                    tab.set(qn("w:pos"), str((level - 1) * 284 + 567))
                tab = etree.SubElement(tabs, qn("w:tab"))  # the page number, dot leader
                for key, value in (("val", "right"), ("leader", "dot"),
                                   ("pos", str(self._text_width()))):
                    tab.set(qn(f"w:{key}"), value)

            p = self._p(f"TOC {level}", [ir.Run(heading.text), ir.Run("\t"),
                                         ir.Run(PLACEHOLDER)],
                        label=heading.label, ppr_extra=label_tab)
            link = etree.Element(qn("w:hyperlink"))
            link.set(qn("w:anchor"), self.bookmarks[id(heading)])
            link.set(qn("w:history"), "1")
            for r in p.findall(_R):
                link.append(r)
            p.append(link)
            self.toc_slots.append((heading.text, link.findall(f"{_R}/{_T}")[-1]))
            paragraphs.append(p)
        if not paragraphs:
            paragraphs = [self._p("TOC 1", [ir.Run("Update this field to list the headings.")])]
        first, last = paragraphs[0], paragraphs[-1]
        begin = etree.Element(_R)
        fld = etree.SubElement(begin, qn("w:fldChar"))
        fld.set(qn("w:fldCharType"), "begin")
        instr = etree.Element(_R)
        it = etree.SubElement(instr, qn("w:instrText"))
        it.set(_XML_SPACE, "preserve")
        it.text = ' TOC \\o "1-3" \\h \\z \\u '
        sep = etree.Element(_R)
        etree.SubElement(sep, qn("w:fldChar")).set(qn("w:fldCharType"), "separate")
        at = 1 if first.find(_PPR) is not None else 0
        for el in (sep, instr, begin):
            first.insert(at, el)
        end = etree.SubElement(last, _R)
        etree.SubElement(end, qn("w:fldChar")).set(qn("w:fldCharType"), "end")
        for p in paragraphs:
            self._append(p)

    def _timeline(self, block: ir.Timeline) -> None:
        """The chart as a picture with alt text (the composer puts the full table after it);
        where no picture can be made, a table per group."""
        from lcplanner.writers.docx_picture import timeline_pictures, wall_chart_margins

        if self.doc.kind == "timeline":
            wall_chart_margins(self.sect)
        pictures = timeline_pictures(self.document, block, self._text_width(), self.sect,
                                     self.warnings)
        for picture in pictures:
            self._append(picture)
        if pictures:
            return
        level = min(self.level + 1, 4)
        for group in block.groups:
            self._heading(ir.Heading(group.title, level))
            rows = [[ir.Cell.of(bar.label), ir.Cell.of(bar.date_text),
                     ir.Cell([ir.Paragraph(
                         [ir.Run("\u25cf ", colour=bar.colour), ir.Run(bar.status)]
                         if bar.status else [ir.Run("Not set")])])]
                    for bar in group.bars]
            self._table(ir.Table(["Milestone", "Date", "Status"], rows, widths=[60, 22, 18],
                                 caption=f"Milestones: {group.title}"))
        if block.events:
            self._heading(ir.Heading("Policy events", level))
            rows = [[ir.Cell.of(e.date_text), ir.Cell.of(e.text)] for e in block.events]
            self._table(ir.Table(["Date", "Event"], rows, widths=[25, 75],
                                 caption="Policy events"))

    # -- page, footer, properties -----------------------------------------------------------

    def _page_setup(self) -> None:
        size = child(self.sect, "pgSz")
        width, height = size.get(qn("w:w")), size.get(qn("w:h"))
        if not width or not height:
            width, height = docx_style.A4
        width, height = int(width), int(height)
        if self.doc.landscape != (width > height):
            width, height = height, width
        size.set(qn("w:w"), str(width))
        size.set(qn("w:h"), str(height))
        if self.doc.landscape:
            size.set(qn("w:orient"), "landscape")
        elif size.get(qn("w:orient")) is not None:
            del size.attrib[qn("w:orient")]
        margins = self.sect.find(qn("w:pgMar"))
        if margins is None:
            m = docx_style.MARGIN
            child(self.sect, "pgMar", top=m, right=m, bottom=m, left=m,
                  header=docx_style.HEADER_FOOTER, footer=docx_style.HEADER_FOOTER, gutter=0)

    def _footer(self) -> None:
        section = self.document.sections[0]
        footer = section.footer
        has_content = not footer.is_linked_to_previous and any(
            p.text.strip() or p._p.find(f".//{qn('w:fldChar')}") is not None
            or p._p.find(f".//{qn('w:fldSimple')}") is not None
            for p in footer.paragraphs)
        if has_content:
            return
        ftr = footer._element
        for el in list(ftr):
            ftr.remove(el)

        style_tabs = self.styles.element("Footer")
        style_tabs = style_tabs.findall(f"{_PPR}/{qn('w:tabs')}/{qn('w:tab')}") \
            if style_tabs is not None else []

        def right_tab(ppr):
            tabs = child(ppr, "tabs")
            for old in style_tabs:  # the template's own stops would catch the tab first
                clear = etree.SubElement(tabs, qn("w:tab"))
                clear.set(_VAL, "clear")
                clear.set(qn("w:pos"), old.get(qn("w:pos")) or "0")
            tab = etree.SubElement(tabs, qn("w:tab"))
            tab.set(_VAL, "right")
            tab.set(qn("w:pos"), str(self._text_width()))

        p = self._p("Footer", [ir.Run(self.doc.running_title or self.doc.title), ir.Run("\t"),
                               ir.Run("Page ")], ppr_extra=right_tab)
        for instr in ("PAGE", None, "NUMPAGES"):
            if instr is None:
                self._run(p, ir.Run(" of "))
                continue
            fld = etree.SubElement(p, qn("w:fldSimple"))
            fld.set(qn("w:instr"), f" {instr} \\* MERGEFORMAT ")
            r = etree.SubElement(fld, _R)
            etree.SubElement(r, _T).text = "1"
        ftr.append(p)

    def _properties(self) -> None:
        language = self.doc.language or docx_style.LANGUAGE
        docx_style.set_document_language(self.document, language)
        props = self.document.core_properties
        stamp = now()
        author = _text(self.doc.author)[:255] or user_name()
        props.title = _text(self.doc.title)[:255]
        props.subject = _text(self.doc.subject)[:255]
        props.author = author
        props.last_modified_by = author
        props.language = language
        props.category = self.doc.kind
        props.comments = ""
        props.keywords = ""
        props.created = stamp
        props.modified = stamp
        props.revision = 1
        set_app_properties(self.document, _text(self.doc.author)[:255])
        # no w:updateFields: the contents is filled in (docx_contents), never a prompt
        update = self.document.settings.element.find(qn("w:updateFields"))
        if update is not None:
            update.getparent().remove(update)
