"""One way in for every paper: the file's content says which reader reads it.

``read_blocks`` looks at the first bytes, never the name: a zip holding ``word/document.xml`` is
a Word document, ``%PDF-`` starts a PDF, and anything else is read as text (which refuses what
is not text). ``read_paper`` then hands the blocks' text to the one recogniser, so ``.docx``,
``.pdf`` and ``.txt`` all become a plan the same way.
"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

from lcplanner.importers.blocks import (SourceBlock, furniture_blocks,
                                       render_blocks)
from lcplanner.importers.errors import PaperImportError

__all__ = ["SourceKind", "source_kind", "read_blocks", "read_paper", "ReadPaper",
           "furniture_report"]


class SourceKind:
    TEXT, DOCX, PDF = "text", "docx", "pdf"


def source_kind(path: str | PathLike) -> str:
    """"docx", "pdf" or "text", from the file's content; refuses a missing or unreadable file."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
    except IsADirectoryError:
        raise PaperImportError("It is a folder, not a file.") from None
    except OSError as err:
        raise PaperImportError(f"The file could not be read ({err.strerror or err}).") from err
    if head.startswith(b"%PDF-"):
        return SourceKind.PDF
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise PaperImportError("The file is an older Word (.doc) or Office file, which "
                               "lcplanner does not read; please save it as a Word document "
                               "(.docx) or a PDF and import that.")
    if head.lstrip(b"\xef\xbb\xbf").startswith(b"{\\rtf"):
        raise PaperImportError("The file is in Rich Text Format, which lcplanner does not "
                               "read; please save it as a Word document (.docx) or a PDF "
                               "and import that.")
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            raise PaperImportError("The file is a damaged zip archive, not a paper we can "
                                   "read.") from None
        if "word/document.xml" in names:
            return SourceKind.DOCX
        raise PaperImportError("The file is a zip archive but not a Word document (.docx).")
    return SourceKind.TEXT


def read_blocks(path: str | PathLike) -> list[SourceBlock]:
    """The paper's source blocks, read by the reader its content calls for."""
    kind = source_kind(path)
    if kind == SourceKind.DOCX:
        from lcplanner.importers.readers.docx import read_docx_blocks

        return read_docx_blocks(path)
    if kind == SourceKind.PDF:
        from lcplanner.importers.readers.pdf import read_pdf_blocks

        return read_pdf_blocks(path)
    from lcplanner.importers.readers.text import read_text_blocks

    return read_text_blocks(path)


@dataclass
class ReadPaper:
    """A paper read and recognised: the unsaved plan, its blocks and what was set aside.

    A text paper's blocks are made from its text only when asked for: a text file has no
    furniture to list, and a huge paper should not hold its text twice while its plan is built.
    """

    plan: object  # lcplanner.domain.model.Plan, in no session yet
    kind: str
    _blocks: list[SourceBlock] | None = None
    _text: str | None = None
    #: what the recogniser made of the text: its own furniture (page numbers, contents lists,
    #: running lines left in a text), its merges, and the coverage measure
    recognised: object = None  # lcplanner.importers.paper_text.PaperImport

    @property
    def merges(self) -> list[tuple[str, str]]:
        return self.recognised.merges if self.recognised is not None else []

    @property
    def text_furniture(self) -> list:
        return self.recognised.furniture if self.recognised is not None else []

    def coverage(self):
        """Words and sentences of the paper found in the plan (see importers.coverage)."""
        return self.recognised.coverage()

    @property
    def blocks(self) -> list[SourceBlock]:
        if self._blocks is None:
            from lcplanner.importers.readers.text import text_blocks

            self._blocks = text_blocks(self._text or "")
        return self._blocks

    @property
    def furniture(self) -> list[SourceBlock]:
        return [] if self._blocks is None and self.kind == SourceKind.TEXT else \
            furniture_blocks(self.blocks)


def read_paper(path: str | PathLike, report=None) -> ReadPaper:
    """Read any paper and recognise its plan (raises :class:`PaperImportError`)."""
    path = Path(path)
    kind = source_kind(path)
    if report:
        report("Reading the paper…")
    if kind == SourceKind.TEXT:
        # A text paper's blocks render back to its own text; the recogniser reads that text
        # as it always has (the same line breaks, and the same digest for "already imported").
        from lcplanner.importers.readers.text import read_text

        text = read_text(path)
        blocks, layout = None, None
    else:
        blocks = read_blocks(path)
        text, layout = render_blocks(blocks)
    if report:
        report("Recognising its structure…")
    if not text.strip():
        raise PaperImportError("The file holds no text.")
    from lcplanner.importers.paper_text import read_paper as recognise  # after the checks

    found = recognise(text, source_name=path.name, layout=layout)
    return ReadPaper(found.plan, kind, blocks, text if blocks is None else None, found)


def furniture_report(furniture, text_furniture=()) -> str:
    """What was set aside as page furniture: by the reader (a Word file's headers and footers,
    a PDF's running lines and page numbers), one line per distinct text with its pages, then by
    the recogniser in the text (page numbers, contents lists), each with what it was."""
    lines = [f"Page furniture set aside: {len(furniture) + len(text_furniture)}"]
    places: dict[str, list[str]] = {}
    for block in furniture:
        where = f"page {block.page}" if block.page else block.origin
        places.setdefault(" ".join(block.text.split()), []).append(where)
    for text, where in places.items():
        lines.append(f"  {text!r} ({', '.join(dict.fromkeys(where))})")
    for item in text_furniture:  # importers.furniture.Furniture
        lines.append(f"  {item}")  # "line 4: Contents (contents list)"
    return "\n".join(lines)
