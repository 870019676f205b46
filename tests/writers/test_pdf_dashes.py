"""A spaced dash in running text never starts a line of the PDF: there it would read as a list
item's bullet (to a clerk, and to the importer reading the paper back)."""
from __future__ import annotations

import io

import pdfplumber

from lcplanner.compose import ir
from lcplanner.writers.pdf_writer import render_pdf_bytes


def test_a_spaced_dash_stays_at_the_end_of_its_line():
    # the dash falls at every place along a line in turn, so some of them meet a line's end
    blocks: list = [ir.Heading("Homes", 2)]
    for n in range(20, 50):
        blocks.append(ir.Paragraph.of("Safe homes for every family " + "in the borough " * (
            n // 3) + "and nearby" * (n % 3) + " \u2013 regardless of tenure or income."))
    data, _ = render_pdf_bytes(ir.Document(title="Dashes", blocks=blocks))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        lines = [ln.strip() for page in pdf.pages for ln in (page.extract_text() or "")
                 .splitlines()]
    assert not [ln for ln in lines if ln.startswith("\u2013")]
    assert any(ln.endswith("\u2013") for ln in lines)  # it was kept with the word before it
