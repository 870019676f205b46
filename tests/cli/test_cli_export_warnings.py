"""What the composer could not fill is reported after export, on the command line."""
from __future__ import annotations

import json

import docx
from sqlalchemy import select

from lcplanner.cli import main
from lcplanner.compose.house_style import style_folder
from lcplanner.domain.model import Plan


def test_a_required_empty_part_is_marked_in_the_file_and_warned_about(capsys, sample_store,
                                                                      store_path, tmp_path):
    with sample_store.transaction() as session:
        plan = session.scalars(select(Plan)).one()
        plan.papers[0].background_papers.clear()
        organisation = plan.organisation
    sample_store.close()
    folder = style_folder()
    folder.mkdir(parents=True)
    slug = organisation.lower().replace(" ", "-")
    (folder / f"{slug}.json").write_text(json.dumps({"required": ["background_papers"]}))
    out = tmp_path / "paper.docx"
    assert main(["export", "docx", str(store_path), "-o", str(out),
                 "--kind", "committee-paper"]) == 0
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        "lcplanner: warning: Nothing has been written for the background papers: shown as "
        "\u201c[To be completed]\u201d."]
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    at = texts.index("Background papers")
    assert texts[at + 1] == "[To be completed]"


def test_without_a_house_style_file_an_empty_part_is_left_out_silently(capsys, sample_store,
                                                                      store_path, tmp_path):
    with sample_store.transaction() as session:
        plan = session.scalars(select(Plan)).one()
        plan.papers[0].background_papers.clear()
    sample_store.close()
    out = tmp_path / "paper.docx"
    assert main(["export", "docx", str(store_path), "-o", str(out),
                 "--kind", "committee-paper"]) == 0
    assert capsys.readouterr().err == ""
    assert "Background papers" not in [p.text for p in docx.Document(str(out)).paragraphs]
