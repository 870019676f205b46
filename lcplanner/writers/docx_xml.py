"""Small WordprocessingML helpers: children created in schema order.

Word refuses ("unreadable content") files whose property elements are out of schema order, so
every optional child is inserted before the first sibling that must follow it.
"""
from __future__ import annotations

from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement

PPR = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
       "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku",
       "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi",
       "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
       "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap",
       "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")
RPR = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
       "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
       "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
       "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
       "specVanish", "oMath")
SECTPR = ("headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz",
          "pgMar", "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt",
          "vAlign", "noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid",
          "printerSettings", "sectPrChange")
SETTINGS_TAIL = ("updateFields", "hdrShapeDefaults", "footnotePr", "endnotePr", "compat",
                 "docVars", "rsids", "attachedSchema", "themeFontLang", "clrSchemeMapping",
                 "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade",
                 "captions", "readModeInkLockDown", "smartTagType", "shapeDefaults",
                 "doNotEmbedSmartTags", "decimalSymbol", "listSeparator")
_SEQUENCES = {qn("w:pPr"): PPR, qn("w:rPr"): RPR, qn("w:sectPr"): SECTPR,
              qn("w:settings"): SETTINGS_TAIL}


def child(parent, tag: str, **attrs):
    """The ``w:tag`` child of ``parent``, created in schema order if absent; sets ``attrs``."""
    full = qn(f"w:{tag}")
    el = parent.find(full)
    if el is None:
        el = OxmlElement(f"w:{tag}")
        seq = _SEQUENCES.get(parent.tag)
        anchor = None
        if seq and tag in seq:
            later = {qn(f"w:{t}") for t in seq[seq.index(tag) + 1:]}
            anchor = next((c for c in parent if c.tag in later), None)
        if anchor is not None:
            anchor.addprevious(el)
        else:
            parent.append(el)
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), str(value))
    return el


def ppr_of(element):
    """The pPr of a style or paragraph, created first in place if absent."""
    ppr = element.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        rpr = element.find(qn("w:rPr"))
        if rpr is not None:
            rpr.addprevious(ppr)
        elif element.tag == qn("w:p"):
            element.insert(0, ppr)
        else:
            element.append(ppr)
    return ppr
