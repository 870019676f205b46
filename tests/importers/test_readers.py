"""The readers: each turns its format into source blocks with the hints its format carries."""
from __future__ import annotations

import codecs
import re
import zipfile

import pytest
from docx import Document

from lcplanner.importers.blocks import SourceBlock, blocks_to_text, render_blocks
from lcplanner.importers.errors import PaperImportError
from lcplanner.importers.readers import text as text_reader
from lcplanner.importers.readers.numbering import format_number
from lcplanner.importers.source import read_blocks, source_kind

from tests.fixtures.make_docx import (Lists, make_fenwick_pdf, make_harbour, make_northfield,
                                      make_riverside, numbered)

# --- blocks → text ---------------------------------------------------------------------------


def test_blocks_render_one_line_each_with_labels_levels_and_table_rows():
    blocks = [
        SourceBlock("Head", heading_level=1),
        SourceBlock("First output", list_level=0, list_label="a."),
        SourceBlock("A sub-point", list_level=1, list_label="i."),
        SourceBlock("Numbered heading", heading_level=2, list_level=1, list_label="1.1"),
        SourceBlock("Page 1 of 2", is_furniture=True),
        SourceBlock("Action", table=1, table_row=1, table_cell=1),
        SourceBlock("Lead", table=1, table_row=1, table_cell=2),
        SourceBlock("second line of lead", table=1, table_row=1, table_cell=2),
        SourceBlock("Do it now", table=1, table_row=2, table_cell=1, lead="Do it"),
        SourceBlock("After the table"),
    ]
    # a cell's paragraphs stay apart as items of the cell; a bold name opening a cell shows
    assert blocks_to_text(blocks) == (
        "Head\n\na. First output\n\n    i. A sub-point\n\n1.1 Numbered heading\n\n"
        "Action    Lead; second line of lead\n\n**Do it** now\n\nAfter the table\n")
    # the reader's layout travels beside the text: each block's lines, heading or not
    assert render_blocks(blocks)[1] == [(0, 0, True), (2, 2, False), (4, 4, False),
                                        (6, 6, True), (8, 8, False), (10, 10, False),
                                        (12, 12, False)]
    wrapped = [SourceBlock("Body"), SourceBlock("A heading set\non two lines", heading_level=2)]
    assert render_blocks(wrapped) == ("Body\n\nA heading set\non two lines\n",
                                      [(0, 0, False), (2, 3, True)])


def test_text_blocks_keep_the_papers_own_lines():
    text = "Title\n\n  1. First\nwrapped on\n\n\n\nLast\n"
    blocks = text_reader.text_blocks(text)
    assert [(b.text, b.origin) for b in blocks] == [
        ("Title", "line 1"), ("  1. First\nwrapped on", "line 3"), ("Last", "line 8")]
    assert blocks_to_text(blocks) == "Title\n\n  1. First\nwrapped on\n\nLast\n"


# --- text ------------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding, bom", [
    ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-32-le", codecs.BOM_UTF32_LE), ("utf-32-be", codecs.BOM_UTF32_BE),
    ("utf-8", codecs.BOM_UTF8)])
def test_unicode_text_with_a_byte_order_mark_is_read(tmp_path, encoding, bom):
    path = tmp_path / "paper.txt"
    path.write_bytes(bom + "Plan – 2025/26\r\nPriorités\r\n".encode(encoding))
    assert text_reader.read_text(path) == "Plan – 2025/26\nPriorités\n"
    assert source_kind(path) == "text"


def test_windows_1252_text_is_read(tmp_path):
    path = tmp_path / "paper.txt"
    path.write_bytes("Leaders’ Committee – £5m\n".encode("cp1252"))
    assert text_reader.read_text(path) == "Leaders’ Committee – £5m\n"


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:  # sparse: 21 MB that costs nothing to make
        handle.truncate(21 * 2**20)
    opened = []
    monkeypatch.setattr(text_reader, "_decode", lambda *a: opened.append(a) or [""])
    with pytest.raises(PaperImportError) as err:
        read_blocks(path)
    assert str(err.value) == ("The file holds 21 MB, more than the 20 MB of text a paper may "
                              "hold; it was not read.")
    assert opened == []


def test_utf16_text_may_take_twice_the_bytes(tmp_path):
    path = tmp_path / "wide.txt"
    body = ("Priority text line\n" * 600_000).encode("utf-16-le")  # 21.7 MB, 11.4 M characters
    path.write_bytes(codecs.BOM_UTF16_LE + body)
    assert text_reader.read_text(path).count("\n") == 600_000


# --- Word --------------------------------------------------------------------------------------


@pytest.mark.parametrize("n, fmt, expected", [
    (1, "lowerLetter", "a"), (27, "lowerLetter", "aa"), (3, "upperLetter", "C"),
    (4, "lowerRoman", "iv"), (9, "upperRoman", "IX"), (7, "decimal", "7"),
    (5, "decimalZero", "05")])
def test_number_formats(n, fmt, expected):
    assert format_number(n, fmt) == expected


def test_word_lists_print_the_labels_word_would(tmp_path):
    blocks = [b for b in read_blocks(make_riverside(tmp_path / "r.docx")) if b.list_label]
    labels = [(b.list_label, b.list_level, b.heading_level) for b in blocks]
    assert labels[:9] == [("1.", 0, 1), ("1.1", 1, 2), ("a.", 0, None), ("b.", 0, None),
                          ("i.", 1, None), ("ii.", 1, None), ("c.", 0, None), ("1.2", 1, 2),
                          ("a.", 0, None)]  # outputs start again at "a." under each priority
    assert [b.list_label for b in blocks if b.heading_level == 1] == ["1.", "2.", "3."]
    assert [b.list_label for b in blocks if b.heading_level == 2] == ["1.1", "1.2", "2.1",
                                                                     "3.1"]


def test_list_continues_across_instances_unless_told_to_restart(tmp_path):
    document = Document()
    lists = Lists(document)
    aid = lists.define([("decimal", "%1)")])
    first, second, fresh = lists.instance(aid), lists.instance(aid), lists.instance(aid, 0)
    for text, num in (("one", first), ("two", first), ("three", second), ("again", fresh)):
        numbered(document.add_paragraph(text), num)
    document.save(tmp_path / "l.docx")
    assert [b.display() for b in read_blocks(tmp_path / "l.docx")] == [
        "1) one", "2) two", "3) three", "1) again"]


def test_word_reader_keeps_tables_tracked_changes_fields_and_headers(tmp_path):
    blocks = read_blocks(make_northfield(tmp_path / "n.docx"))
    furniture = [b for b in blocks if b.is_furniture]
    assert [(b.text, b.origin) for b in furniture] == [
        ("Northfield Borough Council: Service Plan", "page header")]
    intro = blocks[2]
    assert intro.text == ("This plan lists the priorities of both directorates for the coming "
                          "year. It was last updated on 3 February 2025.")
    assert intro.origin == "paragraph 2"
    cells = [b for b in blocks if b.in_table]
    assert len(cells) == 16 and cells[0].bold and not cells[4].bold
    assert (cells[5].text, cells[5].origin) == ("Head of Waste", "table 1, row 2, cell 2")
    bullets = [b for b in blocks if b.list_level == 0]
    assert len(bullets) == 10 and all(b.list_label == "\uf0b7" for b in bullets)
    assert blocks[3].heading_level == 1 and blocks[4].heading_level == 2


def test_word_bold_lead_and_page_breaks(tmp_path):
    document = Document()
    p = document.add_paragraph()
    p.add_run("Milestone name:").bold = True
    p.add_run(" what it delivers")
    document.add_page_break()
    document.add_paragraph("On the second page").runs[0].bold = True
    document.save(tmp_path / "b.docx")
    first, second = read_blocks(tmp_path / "b.docx")
    assert (first.lead, first.bold, first.page) == ("Milestone name:", False, 1)
    assert (second.text, second.bold, second.page) == ("On the second page", True, 2)


def test_hostile_word_file_is_refused_in_one_sentence(tmp_path):
    good = tmp_path / "good.docx"
    Document().save(good)
    evil = tmp_path / "evil.docx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(evil, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "e">]><w:document/>'
            zout.writestr(item, data)
    with pytest.raises(PaperImportError) as err:
        read_blocks(evil)
    assert str(err.value).startswith("The file declares XML entities in word/document.xml")


def test_kind_is_decided_by_content_not_name(tmp_path):
    docx_named_txt = make_harbour(tmp_path / "paper.txt")
    pdf_named_docx = make_fenwick_pdf(tmp_path / "paper.docx")
    assert source_kind(docx_named_txt) == "docx" and source_kind(pdf_named_docx) == "pdf"
    plain_zip = tmp_path / "notes.docx"
    with zipfile.ZipFile(plain_zip, "w") as archive:
        archive.writestr("notes.txt", "hello")
    with pytest.raises(PaperImportError, match="zip archive but not a Word document"):
        read_blocks(plain_zip)


# --- PDF ---------------------------------------------------------------------------------------


def test_pdf_lines_carry_size_weight_indent_and_furniture_is_set_aside(tmp_path):
    blocks = read_blocks(make_fenwick_pdf(tmp_path / "f.pdf"))
    furniture = [(b.text, b.origin) for b in blocks if b.is_furniture]
    assert furniture == [
        ("Fenwick District Council: Business Plan 2025/26", "page 1, line 1"),
        ("Page 1 of 2", "page 1, line 10"),
        ("Fenwick District Council: Business Plan 2025/26", "page 2, line 1"),
        ("Page 2 of 2", "page 2, line 9")]
    content = [b for b in blocks if not b.is_furniture]
    title = content[0]
    assert (title.text, title.font_size, title.bold, title.heading_level) == (
        "Fenwick District Council", 18.0, True, 1)
    output = next(b for b in content if "Agree savings" in b.text)
    assert output.indent == 18.0 and not output.bold and output.font_size == 11.0
    assert output.text == "   a. Agree savings proposals with every service by October\n" \
                          "   b. Publish a three-year capital strategy"


def test_a_single_page_number_is_furniture_but_body_numbers_are_not(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "one.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont("Helvetica", 11)
    pdf.drawString(56, 700, "12")
    pdf.drawString(56, 680, "A line of body text about twelve councils")
    pdf.drawCentredString(A4[0] / 2, 30, "7")
    pdf.save()
    blocks = read_blocks(path)
    assert [(b.text, b.is_furniture) for b in blocks] == [
        ("7", True), ("12", False), ("A line of body text about twelve councils", False)]


@pytest.mark.parametrize("content, message", [
    (b"%PDF-1.7\n% nothing else here\n", "The file is damaged and cannot be read as a PDF."),
    (b"%PDF-1.4\n" + bytes(range(256)) * 8, "The file is damaged and cannot be read as a PDF."),
])
def test_malformed_pdf_is_refused_in_one_sentence(tmp_path, content, message):
    path = tmp_path / "broken.pdf"
    path.write_bytes(content)
    with pytest.raises(PaperImportError) as err:
        read_blocks(path)
    assert str(err.value) == message


def test_encrypted_pdf_is_refused(tmp_path):
    from pypdf import PdfReader, PdfWriter

    plain = make_fenwick_pdf(tmp_path / "plain.pdf")
    writer = PdfWriter()
    for page in PdfReader(plain).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner")
    locked = tmp_path / "locked.pdf"
    with open(locked, "wb") as handle:
        writer.write(handle)
    with pytest.raises(PaperImportError) as err:
        read_blocks(locked)
    assert str(err.value) == ("The file is an encrypted PDF; please save an unprotected copy "
                              "and import that.")


def test_pdf_protected_only_against_changes_is_read(tmp_path):
    """An owner password (no password to open) restricts editing, not reading: it imports."""
    from pypdf import PdfReader, PdfWriter

    plain = make_fenwick_pdf(tmp_path / "plain.pdf")
    writer = PdfWriter()
    for page in PdfReader(plain).pages:
        writer.add_page(page)
    writer.encrypt(user_password="", owner_password="owner")
    locked = tmp_path / "restricted.pdf"
    with open(locked, "wb") as handle:
        writer.write(handle)
    assert [b.text for b in read_blocks(locked)] == [b.text for b in read_blocks(plain)]


def test_word_start_values_are_honoured(tmp_path):
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    document = Document()
    lists = Lists(document)
    aid = lists.define([("upperRoman", "%1."), ("lowerLetter", "(%2)")])
    num = lists.instance(aid)
    instance = lists.root.find(f"{qn('w:num')}[@{qn('w:numId')}='{num}']")
    override = OxmlElement("w:lvlOverride")
    override.set(qn("w:ilvl"), "0")
    start = OxmlElement("w:startOverride")
    start.set(qn("w:val"), "4")
    override.append(start)
    instance.append(override)
    for text, level in (("fourth", 0), ("under it", 1), ("and again", 1), ("fifth", 0),
                        ("new run", 1)):
        numbered(document.add_paragraph(text), num, level)
    document.save(tmp_path / "s.docx")
    assert [b.display() for b in read_blocks(tmp_path / "s.docx")] == [
        "IV. fourth", "(a) under it", "(b) and again", "V. fifth", "(a) new run"]


def test_an_empty_numbered_paragraph_still_takes_its_number(tmp_path):
    document = Document()
    lists = Lists(document)
    num = lists.instance(lists.define([("lowerLetter", "%1.")]))
    for text in ("first", "", "third"):
        numbered(document.add_paragraph(text), num)
    document.save(tmp_path / "e.docx")
    assert [b.display() for b in read_blocks(tmp_path / "e.docx")] == ["a. first", "c. third"]


def test_pdf_keeps_table_columns_apart_but_not_a_list_label_from_its_text(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "gaps.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont("Helvetica", 11)
    pdf.drawString(56, 700, "b.")
    pdf.drawString(100, 700, "Publish the annual report")
    pdf.drawString(56, 640, "Agree the contract")
    pdf.drawString(250, 640, "Head of Waste")
    pdf.drawString(400, 640, "June 2025")
    pdf.save()
    assert [b.text for b in read_blocks(path)] == [
        "b. Publish the annual report", "Agree the contract    Head of Waste    June 2025"]


@pytest.mark.parametrize("head, says", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "older Word (.doc)"),
    (b"{\\rtf1\\ansi Business Plan}", "Rich Text Format")])
def test_formats_we_do_not_read_are_named(tmp_path, head, says):
    path = tmp_path / "paper.txt"
    path.write_bytes(head)
    with pytest.raises(PaperImportError, match=re.escape(says)):
        read_blocks(path)
