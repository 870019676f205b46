"""Tagged PDF through LibreOffice, and a clear message when LibreOffice is absent."""
from __future__ import annotations

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from lcplanner.cli import main
from lcplanner.compose import compose
from lcplanner.domain.model import Plan
from lcplanner.writers.atomic import ExportError
from lcplanner.writers.libreoffice import find_soffice
from lcplanner.writers.pdf_tagged import write_tagged_pdf


@pytest.fixture
def portfolio_doc(sample_store):
    with sample_store.session() as session:
        return compose(session.scalars(select(Plan)).one(), "portfolio", portfolio=1)


def test_without_libreoffice_the_message_is_clear(portfolio_doc, tmp_path, monkeypatch):
    monkeypatch.setenv("LCPLANNER_SOFFICE", "no-such-soffice")
    target = tmp_path / "out.pdf"
    with pytest.raises(ExportError, match="LibreOffice is not installed"):
        write_tagged_pdf(portfolio_doc, target)
    assert not target.exists()


def test_cli_tagged_without_libreoffice_exits_2(sample_store, store_path, tmp_path,
                                               monkeypatch, capsys):
    sample_store.close()
    monkeypatch.setenv("LCPLANNER_SOFFICE", "no-such-soffice")
    target = tmp_path / "out.pdf"
    code = main(["export", "pdf", str(store_path), "-o", str(target), "--kind", "portfolio",
                 "--portfolio", "1", "--tagged"])
    err = capsys.readouterr().err.strip()
    assert code == 2 and len(err.splitlines()) == 1 and "LibreOffice is not installed" in err
    assert not target.exists()


@pytest.mark.slow
@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice not installed (CI installs it)")
def test_tagged_pdf_has_a_structure_tree(portfolio_doc, tmp_path):
    target = tmp_path / "tagged.pdf"
    write_tagged_pdf(portfolio_doc, target)
    reader = PdfReader(target)
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert str(root.get("/Lang", "")).lower().startswith("en-gb")
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Finance and Local Services" in text
