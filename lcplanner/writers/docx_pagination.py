"""Pagination rules for Word that styles alone do not give.

Headings keep with the next paragraph by style (and explicitly, see the writer), and tables
keep their header and last rows together. Here: a sentence that introduces a list ("… the
following:") keeps with the list's first item, so it never ends a page alone.
"""
from __future__ import annotations

from docx.oxml.ns import qn

from lcplanner.writers.docx_xml import child

_P, _PPR, _NUMPR = qn("w:p"), qn("w:pPr"), qn("w:numPr")


def _text(p) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def keep_intros_with_lists(body) -> int:
    """Give ``w:keepNext`` to each body paragraph ending in a colon that a list item follows;
    return how many were changed."""
    changed = 0
    for p in body.iterchildren(_P):
        following = p.getnext()
        if following is None or following.tag != _P:
            continue
        if following.find(f"{_PPR}/{_NUMPR}") is None:
            continue
        if not _text(p).rstrip().endswith(":"):
            continue
        ppr = p.find(_PPR)
        if ppr is None:
            ppr = p.makeelement(_PPR, {})
            p.insert(0, ppr)
        child(ppr, "keepNext")
        changed += 1
    return changed
