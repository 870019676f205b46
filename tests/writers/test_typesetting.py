"""Pagination, one house style with Word, contents page numbers, wall-chart timeline."""
from __future__ import annotations

import math
import shutil
from datetime import date

import docx
import pypdf
import pytest

from lcplanner.compose import ir
from lcplanner.writers.docx_writer import write_docx
from lcplanner.writers.pdf_style import styles_for
from lcplanner.writers.pdf_writer import write_pdf

PRINTED = date(2026, 3, 3)
FILLER = ("Members agreed the approach after a long discussion of the options, the costs "
          "and the timetable for each borough in turn. ") * 3


def pages_text(path) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in pypdf.PdfReader(str(path)).pages]


def test_heading_is_never_the_last_thing_on_a_page(tmp_path):
    blocks: list = [ir.Heading("Report", 1)]
    for n in range(1, 40):
        blocks.append(ir.Heading(f"Section heading number {n}", 2))
        blocks += [ir.Paragraph.of(f"Opening words of section {n}. " + FILLER)] * 2
    path = tmp_path / "p.pdf"
    write_pdf(ir.Document(title="Report", blocks=blocks), path, print_date=PRINTED)
    texts = pages_text(path)
    assert len(texts) > 3
    for n in range(1, 40):
        heading = next(i for i, t in enumerate(texts) if f"Section heading number {n} " in t)
        opening = next(i for i, t in enumerate(texts) if f"Opening words of section {n}." in t)
        assert heading == opening, n


def test_pdf_is_set_in_the_template_face_and_sizes(tmp_path):
    styles = styles_for(None)
    assert styles.get("body").fontSize == 12 and styles.get("h1").fontSize == 18
    assert styles.get("body").fontName == "LCSans"
    path = tmp_path / "p.pdf"
    write_pdf(ir.Document(title="T", blocks=[ir.Paragraph.of("Łódź, Śląsk, Győr and ✓")]),
              path, print_date=PRINTED)
    reader = pypdf.PdfReader(str(path))
    fonts = sorted(f.get_object()["/BaseFont"].split("+")[-1]
                   for f in reader.pages[0]["/Resources"]["/Font"].values())
    assert "LiberationSans" in fonts and "DejaVuSans" in fonts  # ✓ comes from the fallback
    assert "Łódź, Śląsk, Győr and ✓" in pages_text(path)[0]


def test_template_styles_the_pdf(tmp_path):
    from lcplanner.writers.pdf_style import TEMPLATE
    from docx.shared import Pt, RGBColor

    template = tmp_path / "own.docx"
    shutil.copy(TEMPLATE, template)
    document = docx.Document(str(template))
    document.styles["Body Text"].font.size = Pt(14)
    document.styles["Heading 1"].font.color.rgb = RGBColor(0x80, 0x00, 0x20)
    document.save(str(template))
    styles = styles_for(template)
    assert styles.get("body").fontSize == 14
    assert styles.head_ink.hexval() == "0x800020"


def test_a3_paper(tmp_path):
    doc = ir.Document(title="T", blocks=[ir.Paragraph.of("x")], kind="timeline", landscape=True)
    path = tmp_path / "a3.pdf"
    write_pdf(doc, path, paper="a3", print_date=PRINTED)
    box = pypdf.PdfReader(str(path)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (1191, 842)


def test_timeline_fits_one_page_per_14_milestones_with_the_key_on_each(tmp_path):
    groups = [ir.TimelineGroup(f"Objective {g}", [
        ir.TimelineBar(f"Milestone {g}-{m} with a long name that the chart has to shorten so "
                       f"that it fits on one line of the label column", f"2023-0{m % 9 + 1}-01",
                       f"2023-0{m % 9 + 1}-28", f"month {m}") for m in range(5)])
        for g in range(6)]
    events = [ir.TimelineEvent(f"Event {i}", f"2023-0{i + 1}", f"2023-0{i + 1}-01",
                               f"2023-0{i + 1}-28") for i in range(7)]
    doc = ir.Document(title="Timeline", kind="timeline", landscape=True,
                      blocks=[ir.Heading("Timeline", 1), ir.Timeline(groups, events)])
    path = tmp_path / "t.pdf"
    write_pdf(doc, path, print_date=PRINTED)
    texts = pages_text(path)
    assert len(texts) <= math.ceil(30 / 14)
    assert all("Key:" in t for t in texts)
    assert all(f"Event {i}" in " ".join(texts) for i in range(7))


def _contents_doc() -> ir.Document:
    blocks: list = [ir.Heading("Plan", 1), ir.Contents()]
    for n in range(1, 6):
        blocks.append(ir.Heading(f"Part number {n}", 2, label=str(n)))
        blocks += [ir.Paragraph.of(FILLER)] * 8
    return ir.Document(title="Plan", blocks=blocks)


def test_word_contents_never_prompts(tmp_path, monkeypatch):
    monkeypatch.setenv("LCPLANNER_SOFFICE", "no-such-soffice")
    path = tmp_path / "c.docx"
    write_docx(_contents_doc(), path)
    document = docx.Document(str(path))
    assert "updateFields" not in document.settings.element.xml
    toc = [p.text for p in document.paragraphs if p.style.name == "TOC 2"]
    assert toc[0] == "1\tPart number 1"  # no layout pass: no page numbers, no placeholder


@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")),
                    reason="LibreOffice is not installed")
def test_word_contents_page_numbers_match_the_rendered_pages(tmp_path):
    from lcplanner.writers.libreoffice import convert

    path = tmp_path / "c.docx"
    write_docx(_contents_doc(), path)
    document = docx.Document(str(path))
    assert "updateFields" not in document.settings.element.xml
    toc = {p.text.split("\t")[1]: int(p.text.split("\t")[-1]) for p in document.paragraphs
           if p.style.name == "TOC 2"}
    assert len(toc) == 5
    pdf = convert(path, "pdf", tmp_path)
    texts = pages_text(pdf)
    for title, page in toc.items():
        found = [i for i, t in enumerate(texts, 1) if f"{title} " in t or t.endswith(title)]
        assert page == found[-1], (title, page, found)


def test_word_timeline_is_a_picture_with_alt_text_then_the_table(tmp_path, sample_plan):
    from lcplanner.compose import compose

    path = tmp_path / "t.docx"
    warnings = write_docx(compose(sample_plan, "timeline"), path)
    assert warnings == []
    document = docx.Document(str(path))
    body = document.element.body
    pictures = body.findall(".//" + "{http://schemas.openxmlformats.org/drawingml/2006/"
                            "wordprocessingDrawing}docPr")
    assert pictures and all("milestone" in p.get("descr") for p in pictures)
    assert len(document.inline_shapes) == len(pictures)
    assert document.tables[0].rows[0].cells[1].text == "Milestone"
    bars = [b for g in next(b for b in compose(sample_plan, "timeline").blocks
                            if isinstance(b, ir.Timeline)).groups for b in g.bars]
    assert [r.cells[1].text for r in document.tables[0].rows[1:]] == [b.label for b in bars]


def test_a_word_too_wide_for_its_column_breaks_after_a_slash_not_mid_word(tmp_path):
    rows = [[ir.Cell.of("Summer/Autumn 2022"), ir.Cell.of("A milestone with a long name " * 4)]]
    doc = ir.Document(title="T", blocks=[ir.Table(["Date", "Milestone"], rows, widths=[17, 83])])
    path = tmp_path / "t.pdf"
    write_pdf(doc, path, print_date=PRINTED)
    lines = (pypdf.PdfReader(str(path)).pages[0].extract_text() or "").splitlines()
    assert "Summer/" in [line.strip() for line in lines]
    assert not any(line.strip().startswith(("umn", "tumn", "mn ")) for line in lines)


def test_word_table_rows_may_break_but_never_strand_the_header_or_last_row(tmp_path):
    rows = [[ir.Cell.of(f"Row {n}"), ir.Cell.of(FILLER)] for n in range(4)]
    path = tmp_path / "t.docx"
    write_docx(ir.Document(title="T", blocks=[ir.Table(["Name", "Text"], rows)]), path)
    table = docx.Document(str(path)).tables[0]
    trs = [row._tr for row in table.rows]
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    assert [tr.find(f"{w}trPr/{w}cantSplit") is not None for tr in trs] == \
        [True, False, False, False, False]
    assert trs[0].find(f"{w}trPr/{w}tblHeader") is not None
    keep = [all(p.find(f"{w}pPr/{w}keepNext") is not None for p in tr.iter(f"{w}p"))
            for tr in trs]
    assert keep == [True, False, False, True, False]


def test_word_headings_keep_with_next_whatever_the_template(tmp_path):
    path = tmp_path / "h.docx"
    write_docx(_contents_doc(), path)
    headings = [p for p in docx.Document(str(path)).paragraphs
                if p.style.name.startswith("Heading")]
    assert headings and all(p.paragraph_format.keep_with_next for p in headings)


def _intro_doc(n: int) -> ir.Document:
    blocks: list = [ir.Heading("Report", 1)]
    blocks += [ir.Paragraph.of(f"Paragraph {i}. " + FILLER) for i in range(n)]
    blocks.append(ir.Paragraph.of("We will deliver the following:"))
    blocks.append(ir.ListBlock([ir.ListItem([ir.Run(f"First point of the list {i}")],
                                            label="\u2022") for i in range(3)]))
    return ir.Document(title="Report", blocks=blocks)


def test_a_sentence_introducing_a_list_keeps_with_it(tmp_path):
    # whatever the amount of text before it, the sentence and the first item share a page
    for n in range(9, 13):
        path = tmp_path / f"i{n}.pdf"
        write_pdf(_intro_doc(n), path, print_date=PRINTED)
        texts = pages_text(path)
        intro = next(i for i, t in enumerate(texts) if "the following:" in t)
        first = next(i for i, t in enumerate(texts) if "First point of the list 0" in t)
        assert intro == first, n
    path = tmp_path / "i.docx"
    write_docx(_intro_doc(2), path)
    intro = next(p for p in docx.Document(str(path)).paragraphs
                 if p.text.endswith("the following:"))
    assert intro.paragraph_format.keep_with_next


def test_no_last_page_with_only_a_few_lines_when_pages_can_run_long(tmp_path, monkeypatch):
    from lcplanner.writers import pdf_writer

    blocks = [ir.Heading("Report", 1)] + [ir.Paragraph.of(f"P{i}. " + FILLER) for i in range(16)]
    blocks.append(ir.Paragraph.of("Closing words of the report."))
    doc = ir.Document(title="R", blocks=blocks)
    path = tmp_path / "r.pdf"
    write_pdf(doc, path, print_date=PRINTED)
    texts = pages_text(path)
    assert len(texts) == 2 and "Closing words of the report." in texts[-1]
    monkeypatch.setattr(pdf_writer, "SHORT_LAST_PAGE", 0)  # without: a third page, 3 lines
    write_pdf(doc, path, print_date=PRINTED)
    assert len(pages_text(path)) == 3
