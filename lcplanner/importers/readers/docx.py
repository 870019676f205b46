"""The Word reader: a ``.docx`` as source blocks, read by meaning rather than by look.

Only a file that :func:`lcplanner.importers.docx_guard.check_docx` has passed is opened. Each
paragraph becomes a block with what Word knows about it: its heading level (a "Heading n"
style, or an outline level on the paragraph or its style), its list level and the label its
number would print (worked out from ``numbering.xml`` by :mod:`.numbering`), whether it is bold
or opens with a bold label, its table, row and cell, and its page as far as explicit breaks
say. Tracked changes are read as Word displays them with markup hidden: insertions and moves in
kept, deletions and moves out dropped. Fields show their displayed result, not their code.
Running headers and footers are returned as page furniture, so a dry run can list them.
"""
from __future__ import annotations

import re
from os import PathLike
from pathlib import Path

from docx.oxml.ns import qn

from lcplanner.importers.blocks import SourceBlock
from lcplanner.importers.docx_guard import UnsafeDocumentError, check_docx
from lcplanner.importers.errors import PaperImportError
from lcplanner.importers.readers.numbering import ListNumbering

__all__ = ["read_docx_blocks"]

_VAL = qn("w:val")
_P, _TBL, _TR, _TC, _R = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:r")
_PPR, _RPR = qn("w:pPr"), qn("w:rPr")
#: Elements whose text Word does not display (deleted or moved-away text, field codes,
#: properties) and the second copy of drawing content kept for older readers.
_HIDDEN = frozenset(qn(t) for t in ("w:del", "w:moveFrom", "w:instrText", "w:delText",
                                    "w:delInstrText", "w:pPr", "w:rPr", "w:tblPr", "w:trPr",
                                    "w:tcPr", "w:sectPr"))
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_CONTAINERS = frozenset(qn(t) for t in ("w:sdt", "w:sdtContent", "w:customXml", "w:ins",
                                        "w:moveTo", "w:smartTag", "w:hyperlink"))
_HEADING_NAME = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)
_OFF = ("0", "false", "off", "none")


def _on(el) -> bool:
    return el is not None and el.get(_VAL, "true").casefold() not in _OFF


class _Styles:
    """What the reader needs from ``styles.xml``: heading level, numbering and bold, inherited."""

    def __init__(self, root):
        self._by_id: dict[str, object] = {}
        self.default_paragraph = None
        if root is None:
            return
        for style in root.iterfind(qn("w:style")):
            sid = style.get(qn("w:styleId"))
            self._by_id[sid] = style
            if style.get(qn("w:type")) == "paragraph" and \
                    style.get(qn("w:default"), "0").casefold() in ("1", "true", "on"):
                self.default_paragraph = sid

    def chain(self, sid: str | None):
        seen = set()
        while sid and sid not in seen and sid in self._by_id:
            seen.add(sid)
            style = self._by_id[sid]
            yield style
            based = style.find(qn("w:basedOn"))
            sid = based.get(_VAL) if based is not None else None

    def name(self, sid: str | None) -> str:
        style = self._by_id.get(sid or "")
        name = style.find(qn("w:name")) if style is not None else None
        return name.get(_VAL, "") if name is not None else ""

    def heading_level(self, sid: str | None) -> int | None:
        for style in self.chain(sid):
            name = style.find(qn("w:name"))
            value = name.get(_VAL, "") if name is not None else ""
            if match := _HEADING_NAME.match(value):
                return int(match.group(1))
            if value.casefold() == "title":
                return 0
            outline = style.find(f"{_PPR}/{qn('w:outlineLvl')}")
            if outline is not None:
                return _outline(outline)
        return None

    def numbering(self, sid: str | None) -> tuple[str, int] | None:
        for style in self.chain(sid):
            num = style.find(f"{_PPR}/{qn('w:numPr')}")
            if num is not None:
                num_id = num.find(qn("w:numId"))
                ilvl = num.find(qn("w:ilvl"))
                if num_id is not None:
                    return num_id.get(_VAL, "0"), int(ilvl.get(_VAL, "0")) if ilvl is not None \
                        else 0
        return None

    def bold(self, sid: str | None) -> bool:
        for style in self.chain(sid):
            b = style.find(f"{_RPR}/{qn('w:b')}")
            if b is not None:
                return _on(b)
        return False

    def page_break_before(self, sid: str | None) -> bool:
        for style in self.chain(sid):
            br = style.find(f"{_PPR}/{qn('w:pageBreakBefore')}")
            if br is not None:
                return _on(br)
        return False

    def numbered_styles(self) -> dict[str, tuple[str, int]]:
        """Style id → (numId, level) for styles that carry numbering (for numStyleLink)."""
        out = {}
        for sid in self._by_id:
            found = self.numbering(sid)
            if found:
                out[sid] = found
        return out


def _outline(el) -> int | None:
    try:
        value = int(el.get(_VAL, "9"))
    except ValueError:
        return None
    return value + 1 if 0 <= value < 9 else None


class _Reader:
    def __init__(self, document):
        part = document.part
        self.styles = _Styles(part.styles.element)
        try:
            numbering_root = part.numbering_part.element
        except (KeyError, NotImplementedError):
            numbering_root = None
        self.numbering = ListNumbering(numbering_root, self.styles.numbered_styles())
        self.body = document.element.body
        self.blocks: list[SourceBlock] = []
        self.page = 1
        self.paragraph_no = 0
        self.table_no = 0
        self.carry = ""  # text of a paragraph whose mark was deleted: it joins the next one

    # -- text of one paragraph ---------------------------------------------------------

    def _runs(self, el, style_bold: bool, out: list[tuple[str, bool]]) -> None:
        """Append (text, bold) pieces of ``el``'s displayed text in reading order."""
        for child in el:
            tag = child.tag
            if tag in _HIDDEN or tag == _FALLBACK:
                continue
            if tag == _R:
                rpr = child.find(_RPR)
                bold = style_bold
                if rpr is not None:
                    rstyle = rpr.find(qn("w:rStyle"))
                    if rstyle is not None and self.styles.bold(rstyle.get(_VAL)):
                        bold = True
                    b = rpr.find(qn("w:b"))
                    if b is not None:
                        bold = _on(b)
                self._run(child, bold, out)
            elif tag == _P:  # a text box's paragraph inside a drawing
                self._runs(child, style_bold, out)
                out.append((" ", style_bold))
            else:
                self._runs(child, style_bold, out)

    def _run(self, run, bold: bool, out: list[tuple[str, bool]]) -> None:
        for child in run:
            tag = child.tag
            if tag == qn("w:t"):
                out.append((child.text or "", bold))
            elif tag == qn("w:tab") or tag == qn("w:ptab"):
                out.append(("\t", bold))
            elif tag == qn("w:br"):
                if child.get(qn("w:type")) == "page":
                    self.page += 1
                    out.append((" ", bold))
                else:
                    out.append((" ", bold))
            elif tag == qn("w:cr"):
                out.append((" ", bold))
            elif tag in (qn("w:noBreakHyphen"), qn("w:softHyphen")):
                out.append(("-" if tag == qn("w:noBreakHyphen") else "", bold))
            elif tag == qn("w:sym"):
                char = child.get(qn("w:char"), "")
                try:
                    out.append((chr(int(char, 16)), bold))
                except ValueError:
                    pass
            elif tag not in _HIDDEN and tag != _FALLBACK and len(child):
                self._runs(child, bold, out)  # drawings holding text boxes, alternate content

    # -- one paragraph -----------------------------------------------------------------

    def paragraph(self, p, *, table: tuple[int, int, int] | None = None) -> None:
        self.paragraph_no += 1
        ppr = p.find(_PPR)
        sid = None
        num = None
        outline = None
        mark_deleted = False
        if ppr is not None:
            pstyle = ppr.find(qn("w:pStyle"))
            sid = pstyle.get(_VAL) if pstyle is not None else None
            numpr = ppr.find(qn("w:numPr"))
            if numpr is not None:
                num_id, ilvl = numpr.find(qn("w:numId")), numpr.find(qn("w:ilvl"))
                style_num = self.styles.numbering(sid)
                num = (num_id.get(_VAL, "0") if num_id is not None else
                       (style_num[0] if style_num else "0"),
                       int(ilvl.get(_VAL, "0")) if ilvl is not None else
                       (style_num[1] if style_num else 0))
            if (level := ppr.find(qn("w:outlineLvl"))) is not None:
                outline = _outline(level)
            if _on(ppr.find(qn("w:pageBreakBefore"))):
                self.page += 1
            elif ppr.find(qn("w:pageBreakBefore")) is None and self.styles.page_break_before(sid):
                self.page += 1
            mark_deleted = ppr.find(f"{_RPR}/{qn('w:del')}") is not None
        sid = sid or self.styles.default_paragraph
        if num is None:
            num = self.styles.numbering(sid)
        page = self.page
        style_bold = self.styles.bold(sid)
        pieces: list[tuple[str, bool]] = []
        self._runs(p, style_bold, pieces)
        text = "".join(t for t, _ in pieces)
        if ppr is not None and ppr.find(qn("w:sectPr")) is not None:
            self.page += 1  # a section break (next page, the usual kind) ends the page
        if mark_deleted and not table:
            self.carry += text
            return
        text, self.carry = (self.carry + text).strip(), ""
        label = ""
        if num is not None:  # an empty numbered paragraph still takes its number in Word
            label, _ = self.numbering.label(num[0], num[1])
        if not text:
            return
        heading = outline if outline is not None else self.styles.heading_level(sid)
        lead = ""
        for piece, bold in pieces:
            if not bold and piece.strip():
                break
            lead += piece
        bold_all = bool(text) and all(b for t, b in pieces if t.strip())
        lead = "" if bold_all else lead.strip()
        origin = f"paragraph {self.paragraph_no}"
        cells = {}
        if table:
            origin = f"table {table[0]}, row {table[1]}, cell {table[2]}"
            cells = {"table": table[0], "table_row": table[1], "table_cell": table[2]}
        self.blocks.append(SourceBlock(
            text=text, origin=origin, heading_level=heading,
            list_level=num[1] if label else None, list_label=label, bold=bold_all, lead=lead,
            page=page, **cells))

    # -- tables and the body -----------------------------------------------------------

    def table(self, tbl, outer: tuple[int, int, int] | None = None) -> None:
        if outer is None:
            self.table_no += 1
        number = outer[0] if outer else self.table_no
        for r, tr in enumerate(tbl.iterfind(_TR), 1):
            for c, tc in enumerate(tr.iterfind(_TC), 1):
                where = outer if outer else (number, r, c)
                self.container(tc, where)

    def container(self, el, table: tuple[int, int, int] | None = None) -> None:
        for child in el:
            tag = child.tag
            if tag == _P:
                self.paragraph(child, table=table)
            elif tag == _TBL:
                self.table(child, table)
            elif tag in _CONTAINERS:
                self.container(child, table)

    def furniture(self, document) -> list[SourceBlock]:
        seen: set[str] = set()
        out = []
        for rel in document.part.rels.values():
            kind = rel.reltype.rsplit("/", 1)[-1]
            if kind not in ("header", "footer") or rel.is_external:
                continue
            for p in rel.target_part.element.iter(_P):
                pieces: list[tuple[str, bool]] = []
                self._runs(p, False, pieces)
                text = "".join(t for t, _ in pieces).strip()
                if text and text not in seen:
                    seen.add(text)
                    out.append(SourceBlock(text=text, origin=f"page {kind}", is_furniture=True))
        return out


def read_docx_blocks(path: str | PathLike) -> list[SourceBlock]:
    """The blocks of a Word document, refusing a hostile or damaged one with one sentence."""
    import docx  # python-docx, only once the guard has passed the file

    try:
        check_docx(path)
    except UnsafeDocumentError as exc:
        message = str(exc)  # the guard names the file; the caller names it once already
        name = Path(path).name
        if message.startswith(name + " "):
            message = "The file " + message[len(name) + 1:]
        raise PaperImportError(message) from None
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # noqa: BLE001 - a damaged part: one sentence, no traceback
        raise PaperImportError("The file is damaged and cannot be read as a Word "
                               "document.") from exc
    reader = _Reader(document)
    reader.container(reader.body)
    if reader.carry.strip():
        reader.blocks.append(SourceBlock(text=reader.carry.strip(),
                                         origin=f"paragraph {reader.paragraph_no}",
                                         page=reader.page))
    return reader.furniture(document) + reader.blocks
