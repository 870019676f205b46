"""A huge paragraph is set as consecutive pieces in the PDF: linear, nothing lost."""
from __future__ import annotations

import re

from lcplanner.compose import ir
from lcplanner.writers.pdf_text import LONG_PARAGRAPH, long_pieces


def test_short_and_formatted_paragraphs_stay_whole():
    assert long_pieces(ir.Paragraph.of("One sentence. Two.")) == ["One sentence. Two."]
    bold = ir.Paragraph([ir.Run("x. " * LONG_PARAGRAPH, bold=True)])
    assert len(long_pieces(bold)) == 1
    numbered = ir.Paragraph.of("y. " * LONG_PARAGRAPH, label="2.1")
    assert len(long_pieces(numbered)) == 1


def test_pieces_end_at_sentences_and_keep_every_word():
    text = " ".join(f"Sentence {n} says what the councils agreed." for n in range(2000))
    pieces = long_pieces(ir.Paragraph.of(text))
    assert len(pieces) > 10
    assert all(len(p) <= LONG_PARAGRAPH // 2 for p in pieces)
    assert all(p.endswith(".") for p in pieces)
    assert " ".join(pieces).split() == text.split()


def test_a_sentence_or_word_longer_than_a_piece_is_cut_without_loss():
    text = "word " * 4000 + "x" * 9000
    pieces = long_pieces(ir.Paragraph.of(text))
    assert "".join(pieces).replace(" ", "") == text.replace(" ", "")
    assert all(len(p) <= LONG_PARAGRAPH // 2 for p in pieces)


def test_a_long_paragraph_reaches_the_pdf_whole_and_in_order(tmp_path):
    import pypdf

    from lcplanner.writers.pdf_writer import write_pdf

    text = " ".join(f"Item {n} of the programme is delivered by the councils." for n in range(1500))
    write_pdf(ir.Document("Long", [ir.Paragraph.of(text)], kind="plan"), tmp_path / "l.pdf")
    pages = pypdf.PdfReader(str(tmp_path / "l.pdf")).pages
    assert len(pages) > 5
    body = []
    for page in pages:  # each page opens with its running title, date and number
        lines = (page.extract_text() or "").split("\n")
        while lines and re.fullmatch(r"Long|Printed .*|Page \d+ of ?|\d+", lines[0].strip()):
            lines.pop(0)
        body.append(" ".join(lines))
    found = [int(n) for n in re.findall(r"Item (\d+) of", " ".join(" ".join(body).split()))]
    assert found == list(range(1500))
