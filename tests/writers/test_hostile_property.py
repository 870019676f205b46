"""Any text a user can store exports to Word and PDF: no exception, meaning kept, no file read.

Hypothesis draws from all of Unicode plus control characters, markup-like strings and huge
words; the text goes through the model's sanitiser (as anything stored does) and then into
both writers.
"""
from __future__ import annotations

import builtins
import io
import os
from pathlib import Path

from docx import Document as open_docx
from hypothesis import HealthCheck, given, settings, strategies as st
from pypdf import PdfReader

from lcplanner.compose import ir
from lcplanner.domain.model import Output
from lcplanner.writers.docx_writer import write_docx
from lcplanner.writers.pdf_writer import render_pdf_bytes

MARKUP = st.sampled_from(["x <y> z", "R&D", "<img src='/etc/passwd'/>", "&amp;", "<b>bold</b>",
                          "]]>", "<!ENTITY x SYSTEM 'file:///etc/passwd'>", "%s %d {0}",
                          "<font name='/etc/passwd'>", "<a href='file:///etc/passwd'>x</a>"])
ANY_TEXT = st.text(alphabet=st.characters(codec=None, blacklist_categories=()), max_size=60)
HOSTILE = st.lists(st.one_of(ANY_TEXT, MARKUP, st.just("w" * 1000), st.just("😀 مرحبا שלום ł Ś ő €")),
                   min_size=1, max_size=4).map(" ".join)


def _sanitised(text: str) -> str:
    return Output(text=text).text  # the model boundary, as for anything stored


def _document(text: str) -> ir.Document:
    return ir.Document(title=text[:80] or "Untitled", author=text[:40], blocks=[
        ir.Heading(text or "Heading", 1, label="1"),
        ir.Paragraph.of(text),
        ir.ListBlock([ir.ListItem([ir.Run(text)], label="a",
                                  children=ir.ListBlock([ir.ListItem([ir.Run(text)],
                                                                     label="i")], "roman"))],
                     "letter"),
        ir.Table(["Milestone", "Date"], [[ir.Cell.of(text), ir.Cell.of(text[:30])]]),
        ir.Fields([("Report by:", text)]),
    ])


class _OpenWatch:
    """Records every file opened for reading outside the writers' own resources."""

    def __init__(self, allowed: list[Path]):
        self.allowed = [str(p) for p in allowed]
        self.seen: list[str] = []

    def check(self, path) -> None:
        name = os.fspath(path) if isinstance(path, (str, bytes, os.PathLike)) else ""
        if isinstance(name, bytes):
            name = name.decode(errors="replace")
        if name and not any(name.startswith(a) for a in self.allowed):
            self.seen.append(name)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(raw=HOSTILE)
def test_hostile_text_survives_both_writers(raw, tmp_path, monkeypatch):
    import docx as docx_package
    import reportlab

    from lcplanner.resources import root

    text = _sanitised(raw)
    doc = _document(text)
    resources = root()
    watch = _OpenWatch([str(tmp_path), str(resources), str(Path(reportlab.__file__).parent),
                        str(Path(docx_package.__file__).parent), "/tmp", "/proc", "/dev",
                        "/usr/share/fonts", "/usr/lib", os.path.dirname(os.__file__)])
    real_open = builtins.open

    def watched_open(file, *args, **kwargs):
        watch.check(file)
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", watched_open)
    monkeypatch.setattr(io, "open", watched_open)

    target = tmp_path / "hostile.docx"
    write_docx(doc, target)
    pdf_bytes, _warnings = render_pdf_bytes(doc)
    monkeypatch.undo()

    assert watch.seen == [], f"writers read files: {watch.seen}"
    body = "\n".join(p.text for p in open_docx(str(target)).paragraphs)
    cells = [c.text for t in open_docx(str(target)).tables for row in t.rows for c in row.cells]
    squeeze = lambda s: "".join(s.split())  # noqa: E731 - Word keeps text, not line breaks
    assert squeeze(text) in squeeze(body) or text.strip() == ""
    assert any(squeeze(text) == squeeze(c) for c in cells) or text.strip() == ""

    reader = PdfReader(io.BytesIO(pdf_bytes))
    assert len(reader.pages) >= 1
    pdf_text = "".join(page.extract_text() for page in reader.pages)
    if text.isascii() and text.isprintable():
        assert squeeze(text)[:200] in squeeze(pdf_text)
    assert b"root:x:0:0" not in pdf_bytes
