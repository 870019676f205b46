"""A 2020/21 portfolio summary fits in two pages without dropping anything: its output tables
are compact (a point smaller, set close) in the PDF and in Word alike."""
from __future__ import annotations

from datetime import date

import docx
import pypdf
import pytest
from docx.oxml.ns import qn

from lcplanner.compose import compose_portfolio, ir
from lcplanner.compose.house_style import HouseStyle
from lcplanner.writers.docx_writer import write_docx
from lcplanner.writers.pdf_writer import write_pdf
from tests.support import seed_path


@pytest.fixture(scope="module")
def plan_2020():
    from lcplanner.importers.paper_text import parse_paper, read_source

    path = seed_path("000")
    return parse_paper(read_source(path), source_name=path.name)


def _flat(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


@pytest.mark.parametrize("number", [1, 2])
def test_seed_2020_portfolio_summary_is_two_pages_with_every_output(plan_2020, number,
                                                                    tmp_path):
    doc = compose_portfolio(plan_2020, number, hs=HouseStyle())
    path = tmp_path / f"portfolio{number}.pdf"
    write_pdf(doc, path, print_date=date(2026, 3, 3))
    reader = pypdf.PdfReader(str(path))
    assert len(reader.pages) == 2
    text = _flat(" ".join(page.extract_text() or "" for page in reader.pages))
    portfolio = plan_2020.portfolios[number - 1]
    outputs = [o for p in portfolio.priorities for o in p.outputs]
    assert outputs
    for priority in portfolio.priorities:
        assert _flat(priority.title)[:60] in text
    for output in outputs:  # nothing dropped to make it fit (first words: rows may split)
        assert _flat(output.text)[:40] in text


def test_compact_tables_are_a_point_smaller_and_close_set_in_word(tmp_path):
    doc = ir.Document("Compact", [
        ir.Table(["", "Output"], [[ir.Cell.of("a"), ir.Cell.of("Mend the roof")]],
                 compact=True),
        ir.Table(["", "Output"], [[ir.Cell.of("a"), ir.Cell.of("Paint the hall")]]),
    ])
    path = tmp_path / "compact.docx"
    write_docx(doc, path)
    tables = docx.Document(str(path)).tables
    compact, ordinary = tables[0]._tbl, tables[1]._tbl
    sizes = {sz.get(qn("w:val")) for sz in compact.iter(qn("w:sz"))}
    assert sizes == {"20"}  # the template's Table Text is 11 pt
    assert {s.get(qn("w:after")) for s in compact.iter(qn("w:spacing"))} == {"0"}
    margins = compact.find(f"{qn('w:tblPr')}/{qn('w:tblCellMar')}")
    assert [(m.tag.split('}')[1], m.get(qn("w:w"))) for m in margins] == [("top", "20"),
                                                                           ("bottom", "0")]
    assert list(ordinary.iter(qn("w:sz"))) == []
    assert ordinary.find(f"{qn('w:tblPr')}/{qn('w:tblCellMar')}") is None


def test_a_table_without_header_has_no_header_row_in_word(tmp_path):
    doc = ir.Document("Rows", [ir.Table([], [[ir.Cell.of("a"), ir.Cell.of("Mend the roof")],
                                             [ir.Cell.of("b"), ir.Cell.of("Paint the hall")]],
                                        compact=True)])
    path = tmp_path / "rows.docx"
    write_docx(doc, path)
    table = docx.Document(str(path)).tables[0]
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["a", "Mend the roof"], ["b", "Paint the hall"]]
    assert list(table._tbl.iter(qn("w:tblHeader"))) == []
    look = table._tbl.find(f"{qn('w:tblPr')}/{qn('w:tblLook')}")
    assert look.get(qn("w:firstRow")) == "0"
