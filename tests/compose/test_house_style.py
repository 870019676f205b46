"""Never invent: empty parts are left out or marked and reported; labels are house-style data;
the paper's own shape (appendix titles and numbering, notes, introductions) is kept."""
from __future__ import annotations

import json

import pytest

from lcplanner.compose import compose_committee_paper, compose_plan, ir
from lcplanner.compose.house_style import (DEFAULT_LABELS, HouseStyle, appendix_numbering,
                                           for_organisation, style_folder)
from lcplanner.domain.model import Appendix


def headings(doc: ir.Document) -> list[ir.Heading]:
    return [b for b in doc.blocks if isinstance(b, ir.Heading)]


def _empty_closing_parts(plan):
    paper = plan.papers[0]
    paper.financial_implications = paper.legal_implications = ""
    paper.equalities_implications = ""
    paper.background_papers.clear()
    return paper


def test_empty_parts_are_left_out_and_nothing_is_written_for_them(sample_plan):
    _empty_closing_parts(sample_plan)
    doc = compose_committee_paper(sample_plan, hs=HouseStyle())
    names = [h.text for h in headings(doc)]
    for gone in ("Financial implications", "Legal implications", "Equalities implications",
                 "Background papers"):
        assert gone not in names
    assert doc.warnings == []
    assert "[To be completed]" not in doc.plain_text()


def test_required_empty_parts_are_marked_and_reported(sample_plan):
    _empty_closing_parts(sample_plan)
    hs = HouseStyle(required=frozenset({"legal_implications", "background_papers"}))
    doc = compose_committee_paper(sample_plan, hs=hs)
    blocks = doc.blocks
    legal = next(h for h in headings(doc) if h.text == "Legal implications")
    assert blocks[blocks.index(legal) + 1].text == "[To be completed]"
    assert "Financial implications" not in [h.text for h in headings(doc)]
    assert doc.warnings == [
        "Nothing has been written for the legal implications: shown as \u201c[To be completed]\u201d.",
        "Nothing has been written for the background papers: shown as \u201c[To be completed]\u201d."]


def test_no_recommendation_lead_in_is_made_up(sample_plan):
    paper = sample_plan.papers[0]
    paper.recommendations_intro = ""
    doc = compose_committee_paper(sample_plan, hs=HouseStyle())
    at = next(i for i, b in enumerate(doc.blocks)
              if isinstance(b, ir.Heading) and b.text == "Recommendations")
    assert isinstance(doc.blocks[at + 1], ir.ListBlock)
    assert "asked to:" not in doc.plain_text()


def test_an_organisations_labels_come_from_its_house_style_file(sample_plan):
    folder = style_folder()
    folder.mkdir(parents=True)
    (folder / "metropolitan-councils-together.json").write_text(json.dumps({
        "labels": {"summary": "Purpose of report", "outcome": "What success looks like:",
                   "unknown_key": "ignored"},
        "required": ["background_papers"], "appendix_numbering": "word"}))
    hs = for_organisation(sample_plan.organisation)
    assert hs["summary"] == "Purpose of report" and hs["recommendations"] == "Recommendations"
    assert "unknown_key" not in hs.labels
    sample_plan.papers[0].background_papers.clear()
    doc = compose_committee_paper(sample_plan)
    names = [h.text for h in headings(doc)]
    assert "Purpose of report" in names and "Summary" not in names
    assert "What success looks like:" in doc.plain_text()
    assert "Appendix One: Business Plan Portfolio Priorities" not in names  # its own title
    assert "Appendix Two: Milestones" in names  # the parts after it, in words
    assert doc.warnings == [
        "Nothing has been written for the background papers: shown as \u201c[To be completed]\u201d."]
    # another organisation in the same installation keeps the defaults
    assert for_organisation("Another Body")["summary"] == "Summary"


def test_an_unreadable_house_style_falls_back_with_a_warning(sample_plan):
    folder = style_folder()
    folder.mkdir(parents=True)
    (folder / "default.json").write_text("{not json")
    hs = for_organisation("")
    assert hs.labels == DEFAULT_LABELS
    assert hs.warnings[0].startswith("The house style default.json could not be read")


@pytest.mark.parametrize("texts, style", [
    (["as set out at Appendix Two attached"], "word"),
    (["The detail is set out at Appendix A. More"], "letter"),
    (["see appendix 3 for the figures"], "number"),
    (["no appendix here", "An appendix and more"], ""),
])
def test_appendix_numbering_follows_the_papers_own_references(texts, style):
    assert appendix_numbering(texts) == style


def test_appendices_keep_the_papers_titles_in_its_numbering(sample_plan):
    paper = sample_plan.papers[0]
    paper.appendices[:] = [Appendix(title="The priorities in full"),
                           Appendix(title="Dated milestones")]
    paper.summary = "The priorities are at Appendix One and the milestones at Appendix Two."
    doc = compose_committee_paper(sample_plan, hs=HouseStyle())
    appendix_titles = [h.text for h in headings(doc) if h.kind == "appendix"]
    assert appendix_titles == ["Appendix One: The priorities in full",
                               "Appendix Two: Dated milestones", "Appendix Three: Pledges",
                               "Appendix Four: Work areas by portfolio"]
    listed = doc.blocks[doc.blocks.index(next(h for h in headings(doc)
                                              if h.text == "Appendices")) + 1:]
    assert [b.text for b in listed[:2]] == appendix_titles[:2]


def test_a_title_only_body_section_holds_the_plan_content(sample_plan):
    from lcplanner.domain.model import PaperSection

    paper = sample_plan.papers[0]
    paper.body.insert(1, PaperSection(title="The priorities", body=""))
    doc = compose_committee_paper(sample_plan, hs=HouseStyle())
    hs = headings(doc)
    at = next(i for i, h in enumerate(hs) if h.text == "The priorities")
    assert (hs[at].label, hs[at].level) == ("2", 2)
    assert (hs[at + 1].kind, hs[at + 1].level) == ("portfolio", 3)
    assert hs[at + 2].kind == "priority" and hs[at + 2].level == 4
    # the section after it keeps its own number
    assert next(h for h in hs if h.text == "Next steps").label == "3"


def test_a_note_follows_its_outputs_and_an_empty_title_is_marked(sample_plan):
    priority = sample_plan.portfolios[0].priorities[0]
    priority.note = "These outputs depend on the settlement."
    priority.title = ""
    hs = HouseStyle()
    doc = compose_committee_paper(sample_plan, hs=hs)
    heading = next(h for h in headings(doc) if h.label == "1.1")
    assert heading.text == "[To be completed]"
    after = doc.blocks[doc.blocks.index(heading):]
    outputs = next(i for i, b in enumerate(after) if isinstance(b, ir.ListBlock))
    note = next(i for i, b in enumerate(after) if isinstance(b, ir.Paragraph)
                and b.text == "Note: These outputs depend on the settlement.")
    assert outputs < note
    assert doc.warnings == ["Nothing has been written for the title of priority 1.1: shown as "
                            "\u201c[To be completed]\u201d."]


def test_a_paragraph_finishing_after_its_list_is_not_a_new_numbered_paragraph(sample_plan):
    section = sample_plan.papers[0].body[0]
    section.body = ("The work covers two areas:\n\u2022 housing\n\u2022 transport\n\n"
                    "where the boroughs agree.\n\nA second point follows.")
    doc = compose_committee_paper(sample_plan, hs=HouseStyle())
    at = doc.blocks.index(next(h for h in headings(doc) if h.text == section.title))
    intro, bullets, rest, second = doc.blocks[at + 1:at + 5]
    assert (intro.label, intro.text) == ("1.1", "The work covers two areas:")
    assert bullets.continues and [i.text for i in bullets.items] == ["housing", "transport"]
    assert (rest.label, rest.continues, rest.text) == ("", True, "where the boroughs agree.")
    assert (second.label, second.text) == ("1.2", "A second point follows.")


def test_pledge_areas_keep_their_introductions(sample_plan):
    sample_plan.pledge_areas[0].description = "Working together, we will:"
    doc = compose_plan(sample_plan, hs=HouseStyle())
    area = next(h for h in headings(doc) if h.kind == "pledge-area")
    after = doc.blocks[doc.blocks.index(area) + 1:]
    assert after[0].text == "Working together, we will:"
    assert isinstance(after[1], ir.ListBlock) and after[1].kind == "number"
