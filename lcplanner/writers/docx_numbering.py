"""Real Word lists: one abstract definition per kind of list, one ``w:num`` per IR ListBlock.

Word continues a list across every paragraph that shares a ``w:num``; and two ``w:num``s on
the same abstract definition also continue each other unless the second one says otherwise.
So every ListBlock gets its own ``w:num`` with a ``w:lvlOverride/w:startOverride`` at the level
it is shown at: the outputs under each priority start again at "a", pledges carry on from the
number the composer gives. Levels only indent; the kind (letter, roman …) is the same at every
level of one abstract definition, so a nested list shows its own kind at its own depth.
"""
from __future__ import annotations

from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement

#: IR kind → (numFmt, lvlText for level n).
_FORMATS = {
    "number": ("decimal", "%{n}."),
    "letter": ("lowerLetter", "%{n}."),
    "roman": ("lowerRoman", "%{n}."),
    "bullet": ("bullet", None),
}
_BULLETS = ("\u2022", "\u2013", "\u25aa")
#: Indent per level (1 cm) and the hanging indent that holds the number.
STEP = 567
LEVELS = 9


def indent(level: int) -> int:
    """Left indent (twips) of list level ``level`` (0-based)."""
    return STEP * (level + 1)


class Numbering:
    """Adds this writer's list definitions to a document's numbering part, once."""

    def __init__(self, document, font: str | None = None):
        self._root = document.part.numbering_part.element
        self._font = font
        self._abstract: dict[str, str] = {}
        ids = [int(n.get(qn("w:numId"))) for n in self._root.iterfind(qn("w:num"))]
        self._next_num = max(ids, default=0) + 1
        abstract_ids = [int(a.get(qn("w:abstractNumId")))
                        for a in self._root.iterfind(qn("w:abstractNum"))]
        self._next_abstract = max(abstract_ids, default=-1) + 1

    def _abstract_for(self, kind: str) -> str:
        if kind not in self._abstract:
            fmt, text = _FORMATS.get(kind, _FORMATS["bullet"])
            aid = str(self._next_abstract)
            self._next_abstract += 1
            el = OxmlElement("w:abstractNum")
            el.set(qn("w:abstractNumId"), aid)
            nsid = OxmlElement("w:nsid")
            nsid.set(qn("w:val"), f"{0x4C430000 + int(aid):08X}")
            el.append(nsid)
            multi = OxmlElement("w:multiLevelType")
            multi.set(qn("w:val"), "multilevel")
            el.append(multi)
            name = OxmlElement("w:name")
            name.set(qn("w:val"), f"lcplanner {kind}")
            el.append(name)
            for level in range(LEVELS):
                el.append(self._level(level, fmt, text))
            # abstractNum elements must all come before the first w:num.
            first_num = self._root.find(qn("w:num"))
            if first_num is not None:
                first_num.addprevious(el)
            else:
                self._root.append(el)
            self._abstract[kind] = aid
        return self._abstract[kind]

    def _level(self, level: int, fmt: str, text: str | None):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(level))
        for tag, value in (("w:start", "1"), ("w:numFmt", fmt),
                           ("w:lvlText", text.format(n=level + 1) if text
                            else _BULLETS[level % len(_BULLETS)]),
                           ("w:lvlJc", "left")):
            child = OxmlElement(tag)
            child.set(qn("w:val"), value)
            lvl.append(child)
        ppr = OxmlElement("w:pPr")
        ind = OxmlElement("w:ind")
        ind.set(qn("w:left"), str(indent(level)))
        ind.set(qn("w:hanging"), str(STEP))
        ppr.append(ind)
        lvl.append(ppr)
        if self._font:
            rpr = OxmlElement("w:rPr")
            fonts = OxmlElement("w:rFonts")
            for slot in ("ascii", "hAnsi", "cs"):
                fonts.set(qn(f"w:{slot}"), self._font)
            fonts.set(qn("w:hint"), "default")
            rpr.append(fonts)
            lvl.append(rpr)
        return lvl

    def new_list(self, kind: str, level: int, start: int = 1) -> str:
        """A fresh ``w:num`` for one ListBlock, numbered from ``start`` at ``level``."""
        aid = self._abstract_for(kind)
        num_id = str(self._next_num)
        self._next_num += 1
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), num_id)
        ref = OxmlElement("w:abstractNumId")
        ref.set(qn("w:val"), aid)
        num.append(ref)
        override = OxmlElement("w:lvlOverride")
        override.set(qn("w:ilvl"), str(level))
        start_el = OxmlElement("w:startOverride")
        start_el.set(qn("w:val"), str(max(start, 0)))
        override.append(start_el)
        num.append(override)
        self._root.append(num)
        return num_id
