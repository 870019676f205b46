"""A tagged (accessible) PDF, made by LibreOffice from our Word export.

reportlab cannot tag a PDF. The Word export is accessible by construction (real headings,
lists and table headers), and LibreOffice carries that structure into PDF tags.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from lcplanner.compose import ir
from lcplanner.writers.atomic import atomic_path
from lcplanner.writers.docx_writer import write_docx
from lcplanner.writers.libreoffice import TAGGED_PDF_FILTER, convert


def write_tagged_pdf(doc: ir.Document, path: str | os.PathLike, *,
                     template: str | os.PathLike | None = None) -> list[str]:
    """Write ``doc`` as a tagged PDF at ``path``; raise ExportError without LibreOffice."""
    with tempfile.TemporaryDirectory(prefix="lcplanner-tagged-") as work:
        work = Path(work)
        source = work / "paper.docx"
        warnings = write_docx(doc, source, template=template)
        produced = convert(source, TAGGED_PDF_FILTER, work)
        with atomic_path(path) as tmp:
            shutil.copyfile(produced, tmp)
    return warnings
