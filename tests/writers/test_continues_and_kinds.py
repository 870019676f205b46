"""Word and PDF set text alike: what continues a numbered paragraph (its list, the rest of its
sentence, a title line's description) sits in that paragraph's text column, a title line keeps
with its description, and a service group never looks like a portfolio or priority heading."""
from __future__ import annotations

from datetime import date

import pypdf

from lcplanner.compose import ir
from lcplanner.writers.pdf_style import styles_for
from lcplanner.writers.pdf_writer import write_pdf

R = ir.Run


def placed(path) -> dict[str, tuple[float, str]]:
    """The first x position and font of each shown string, by its text (stripped)."""
    out: dict[str, tuple[float, str]] = {}
    page = pypdf.PdfReader(str(path)).pages[0]
    fonts = {}

    def visit(text, cm, tm, font_dict, size):
        key = text.strip()
        if key and key not in out:
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            out[key] = (round(x, 1), (font_dict or {}).get("/BaseFont", ""))
            fonts[key] = font_dict

    page.extract_text(visitor_text=visit)
    return out


def test_continuing_list_and_sentence_sit_in_the_numbered_text_column(tmp_path):
    doc = ir.Document("Columns", [
        ir.Paragraph.of("Our work falls into two areas:", label="2.1"),
        ir.ListBlock([ir.ListItem([R("Roads and bridges")], label="\u2022"),
                      ir.ListItem([R("Parks and open spaces")], label="\u2022")],
                     kind="bullet", continues=True),
        ir.Paragraph([R("and both are reviewed each spring.")], continues=True),
        ir.Paragraph.of("A paragraph with a number of its own.", label="2.2"),
        ir.ListBlock([ir.ListItem([R("A free-standing point")], label="\u2022")],
                     kind="bullet"),
    ], kind="committee-paper")
    path = tmp_path / "columns.pdf"
    write_pdf(doc, path, print_date=date(2026, 3, 3))
    at = placed(path)
    margin = at["2.1"][0]
    column = margin + styles_for(None).numbered_column
    assert abs(column - margin - 42.55) < 0.01  # the template's 851 twips
    assert abs(at["Our work falls into two areas:"][0] - column) < 0.6
    assert abs(at["and both are reviewed each spring."][0] - column) < 0.6
    assert abs(at["A paragraph with a number of its own."][0] - column) < 0.6
    # the continuing list's bullets start at the text column, its text further in
    assert abs(at["\u2022"][0] - column) < 0.6
    assert at["Roads and bridges"][0] > column + 10
    # a list that continues nothing stays at the margin
    assert at["A free-standing point"][0] < column


def test_service_group_is_italic_and_priorities_are_not(tmp_path):
    doc = ir.Document("Kinds", [
        ir.Heading("Resources", 2, "1", kind="portfolio"),
        ir.Heading("Buildings and grounds", 2, kind="service-group"),
        ir.Heading("Keep the halls open", 3, "1.1", kind="priority"),
    ], kind="plan")
    path = tmp_path / "kinds.pdf"
    write_pdf(doc, path, print_date=date(2026, 3, 3))
    at = placed(path)
    def font(text):
        return next(f for key, (_, f) in at.items() if key.endswith(text))

    assert "Italic" in font("Buildings and grounds")
    assert "Italic" not in font("Resources") and "Bold" in font("Resources")
    assert "Italic" not in font("Keep the halls open") and "Bold" in font("Keep the halls open")


def test_a_title_line_never_ends_a_page_without_its_description(tmp_path):
    """Wherever the page falls, the title line and its description share a page."""
    from lcplanner.writers.pdf_writer import render_pdf_bytes
    import io

    for filler in range(22, 40):
        doc = ir.Document("Keep", [
            *[ir.Paragraph.of(f"Filler line {n}.") for n in range(filler)],
            ir.Paragraph([R("Keeping the parks open all year")], label="4.1", keep=True),
            ir.Paragraph([R("Every park keeps its gates open from dawn to dusk.")],
                         continues=True),
            *[ir.Paragraph.of(f"Closing line {n}.") for n in range(40)],
        ])
        data, _ = render_pdf_bytes(doc, print_date=date(2026, 3, 3))
        pages = [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages]
        title = next(i for i, t in enumerate(pages) if "Keeping the parks" in t)
        assert "Every park keeps" in pages[title], filler


def test_word_keeps_a_title_line_with_its_description(tmp_path):
    import docx
    from docx.oxml.ns import qn

    from lcplanner.writers.docx_writer import write_docx

    doc = ir.Document("Keep", [
        ir.Paragraph([R("Keeping the parks open all year")], label="4.1", keep=True),
        ir.Paragraph([R("Every park keeps its gates open from dawn to dusk.")],
                     continues=True),
        ir.Paragraph.of("A paragraph with a number of its own.", label="4.2"),
    ])
    path = tmp_path / "keep.docx"
    write_docx(doc, path)
    kept = {p.text.split("\t")[-1]: p._p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None
            for p in docx.Document(str(path)).paragraphs if p.text}
    assert kept == {"Keeping the parks open all year": True,
                    "Every park keeps its gates open from dawn to dusk.": False,
                    "A paragraph with a number of its own.": False}
