"""The export dialog's worker reports what the composer could not fill, before the writer's own
warnings, so the result box lists it."""
from __future__ import annotations

from lcplanner.compose import compose_committee_paper
from lcplanner.compose.house_style import HouseStyle
from lcplanner.ui.export_dialog import ExportRequest, write_document


def test_composer_warnings_come_first(sample_plan, tmp_path):
    sample_plan.papers[0].legal_implications = ""
    doc = compose_committee_paper(
        sample_plan, hs=HouseStyle(required=frozenset({"legal_implications"})))
    request = ExportRequest("docx", sample_plan.id, "committee-paper", None,
                            tmp_path / "paper.docx")
    stages: list[str] = []
    warnings = write_document(request, doc, stages.append)
    assert warnings == ["Nothing has been written for the legal implications: shown as "
                        "\u201c[To be completed]\u201d."]
    assert (tmp_path / "paper.docx").is_file() and stages
