"""Page numbers for the Word contents, without Word's "update fields" prompt.

The contents is a real TOC field whose cached result lists the headings, each linked to its
bookmark. Word shows that cached result as it is, so the file never asks to update fields.
The page numbers in it come from a layout pass: when LibreOffice is installed, the document is
converted to PDF once (with its own profile, see :mod:`libreoffice`), the page of every heading
is read from the PDF's bookmarks, and the numbers are written into the cached result. Each
entry already holds a placeholder of the same width ("00"), so filling in the numbers does not
move a line. Without LibreOffice (or if the pass fails) the entries stay without numbers:
a contents without page numbers is better than a prompt on every opening.
"""
from __future__ import annotations

import re
import tempfile
from pathlib import Path

from docx.oxml.ns import qn

from lcplanner.writers import libreoffice

#: What an entry's page number holds until the layout pass fills it in (two figures wide).
PLACEHOLDER = "00"
_BOOKMARK_FILTER = ('pdf:writer_pdf_Export:{"ExportBookmarks":{"type":"boolean","value":"true"}}')


def _norm(text: str) -> str:
    return re.sub(r"\W+", "", text).casefold()


def heading_pages(pdf: Path, titles: list[str]) -> list[int | None]:
    """The page of each of ``titles`` (in document order) from ``pdf``'s bookmarks."""
    import pypdf

    reader = pypdf.PdfReader(str(pdf))
    marks: list[tuple[str, int]] = []

    def walk(items) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
                continue
            try:
                marks.append((_norm(item.title or ""), reader.get_destination_page_number(item) + 1))
            except Exception:  # noqa: BLE001 - a bookmark without a page: skip it
                continue

    walk(reader.outline)
    pages: list[int | None] = []
    at = 0
    for title in titles:
        want = _norm(title)
        found = None
        for i in range(at, len(marks)):
            if want and (marks[i][0].endswith(want) or want in marks[i][0]):
                found = i
                break
        if found is None:
            pages.append(None)
            continue
        pages.append(marks[found][1])
        at = found + 1
    return pages


def fill_page_numbers(document, slots: list, warnings: list[str]) -> bool:
    """Write real page numbers into the contents of ``document`` (python-docx); True if done.

    ``slots`` are (heading text, placeholder ``w:t`` element) pairs for the contents entries,
    in order. When no layout pass is possible, the placeholders are removed with the tab
    before them, and False is returned.
    """
    if not slots:
        return False
    pages: list[int | None] = []
    if libreoffice.find_soffice() is not None:
        with tempfile.TemporaryDirectory(prefix="lcplanner-toc-") as folder:
            source = Path(folder) / "contents.docx"
            try:
                document.save(str(source))
                pdf = libreoffice.convert(source, _BOOKMARK_FILTER, Path(folder), timeout=120)
                pages = heading_pages(pdf, [title for title, _ in slots])
            except Exception as exc:  # noqa: BLE001 - any failure: no numbers, no prompt
                warnings.append(f"The contents has no page numbers: the layout pass through "
                                f"LibreOffice failed ({exc}).")
                pages = []
    done = bool(pages) and all(p is not None for p in pages)
    for i, (_, t) in enumerate(slots):
        if done:
            t.text = str(pages[i])
            continue
        run = t.getparent()
        previous = run.getprevious()
        if previous is not None and previous.find(qn("w:tab")) is not None:
            previous.getparent().remove(previous)
        run.getparent().remove(run)
    return done
