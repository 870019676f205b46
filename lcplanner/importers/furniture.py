"""Page furniture: what a printed page carries that is not the paper's content.

Text taken from a PDF (or a Word file printed to PDF) keeps each page's running header and
footer, its "Page 3 of 12" or bare page number, and the contents list at the front. None of it
belongs in the plan, and left in it breaks sentences in two and makes headings out of footers.
It is recognised here, before anything else reads the text, and set aside *and listed*, so the
user (and the coverage measure) can see exactly what was not imported.

What counts as furniture, the way a reader tells it:

* a page marker: "Page 3 of 12", "Page 3", "- 3 -", "3 | Page", a form feed;
* bare numbers alone on their line that climb through the paper (2, 3, 4 …), far apart;
* a running header or footer: a short line repeated on three or more pages, each time beside
  a page marker or page break;
* a contents list: a "Contents" heading and the entries under it that end in a page number.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass

_PAGE_MARKER = re.compile(
    r"^(?:page\s+\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|[-–—]\s*\d{1,4}\s*[-–—]"
    r"|\d{1,4}\s*\|\s*page|\d{1,4}\s+of\s+\d{1,4})$", re.IGNORECASE)
_BARE_NUMBER = re.compile(r"^\d{1,4}$")
_CONTENTS = re.compile(r"^(?:table\s+of\s+)?contents\s*:?$", re.IGNORECASE)
#: "Introduction ........ 3", "2. Our priorities      5", "Appendix A\t12"
_CONTENTS_ENTRY = re.compile(r"^\S.{0,110}?(?:\s*\.{3,}\s*|\s{2,}|\t+|\s+)\d{1,3}$")
_RUNNING_MAX_WORDS = 15


@dataclass(frozen=True)
class Furniture:
    """One line set aside: its 1-based line number in the source, its text, and why."""

    line: int
    text: str
    why: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.text} ({self.why})"


def _page_numbers(lines: list[str]) -> set[int]:
    """Indexes of bare numbers that climb through the paper, each well apart from the last."""
    chosen: list[tuple[int, int]] = []  # (line index, number), each one to three above the last
    for k, raw in enumerate(lines):
        if not _BARE_NUMBER.match(raw.strip()):
            continue
        value = int(raw.strip())
        if not chosen or (0 < value - chosen[-1][1] <= 3 and k - chosen[-1][0] >= 8):
            chosen.append((k, value))
    return {k for k, _ in chosen} if len(chosen) >= 2 else set()


def _contents(lines: list[str]) -> set[int]:
    """A contents heading and the page-numbered entries under it."""
    out: set[int] = set()
    for k, raw in enumerate(lines):
        if not _CONTENTS.match(raw.strip()):
            continue
        entries = []
        j = k + 1
        while j < len(lines):
            text = lines[j].strip()
            if not text:
                j += 1
                continue
            if not _CONTENTS_ENTRY.match(text):
                break
            entries.append(j)
            j += 1
        if len(entries) >= 2:
            out.add(k)
            out.update(entries)
    return out


def _near_marker(lines: list[str], k: int, markers: set[int], reach: int = 3) -> bool:
    """Whether line ``k`` sits within ``reach`` non-blank lines of a page marker or break."""
    for step in (-1, 1):
        j, seen = k + step, 0
        while 0 <= j < len(lines) and seen < reach:
            if j in markers:
                return True
            if lines[j].strip():
                seen += 1
            j += step
    return False


def set_aside(text: str) -> tuple[str, list[Furniture]]:
    """The text without its page furniture, and the furniture found, in reading order.

    Furniture lines are removed outright (not blanked), so a sentence that a page break cut in
    two joins up again as it did on the page.
    """
    lines = text.split("\n")
    marks: dict[int, str] = {}
    markers: set[int] = set()
    for k, raw in enumerate(lines):
        if "\f" in raw:
            markers.add(k)
            lines[k] = raw.replace("\f", "")
        if _PAGE_MARKER.match(lines[k].strip()):
            marks[k] = "page number"
            markers.add(k)
    for k in _page_numbers(lines):
        marks.setdefault(k, "page number")
        markers.add(k)
    for k in _contents(lines):
        marks.setdefault(k, "contents list")
    if markers:
        where: dict[str, list[int]] = defaultdict(list)
        for k, raw in enumerate(lines):
            stripped = raw.strip()
            if k not in marks and stripped and len(stripped.split()) <= _RUNNING_MAX_WORDS:
                where[stripped].append(k)
        for places in where.values():
            if len(places) >= 3:
                beside = [j for j in places if _near_marker(lines, j, markers)]
                if len(beside) >= 3:
                    for j in beside:
                        marks.setdefault(j, "running header or footer")
    found = [Furniture(k + 1, lines[k].strip(), why) for k, why in sorted(marks.items())]
    kept = [raw for k, raw in enumerate(lines) if k not in marks]
    return "\n".join(kept), found


def kept_spans(spans: list[tuple[int, int, bool]] | None,
               furniture: list[Furniture]) -> list[tuple[int, int, bool]] | None:
    """Line spans (first, last, flag) of the text before :func:`set_aside`, renumbered for
    the text after it (a span whose lines were all set aside is dropped); None stays None."""
    if spans is None:
        return None
    removed = sorted(item.line - 1 for item in furniture)
    gone = set(removed)
    out = []
    for first, last, flag in spans:
        kept = [k - bisect_left(removed, k) for k in range(first, last + 1) if k not in gone]
        if kept:
            out.append((kept[0], kept[-1], flag))
    return out
