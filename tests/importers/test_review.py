"""The review step's core: blocks with roles, corrections, the plan re-formed, coverage."""
from __future__ import annotations

import pytest

from lcplanner.domain.counts import count_plan
from lcplanner.domain.model import Output, Priority
from lcplanner.importers.describe import describe
from lcplanner.importers.review import ROLES, Review, ReviewError, start_review
from lcplanner.importers.source import read_paper

from tests.fixtures.make_docx import make_harbour
from tests.support import FIXTURES

#: A small plan of our own writing: a heading the recogniser runs into the last priority's
#: note ("Looking ahead" and its paragraph), which the review corrects.
BROOKVALE = (FIXTURES / "paper_review_brookvale.txt").read_text(encoding="utf-8")


@pytest.fixture
def brookvale(tmp_path) -> Review:
    path = tmp_path / "brookvale.txt"
    path.write_text(BROOKVALE, encoding="utf-8")
    return start_review(path)


def _counts(review: Review) -> dict[str, int]:
    return {k: v for k, v in count_plan(review.plan()).items() if v}


def _full(review: Review) -> bool:
    found = review.coverage()
    return (found.words_present, found.sentences_whole) == (found.words_total,
                                                             found.sentences_total)


def test_text_paper_blocks_are_its_logical_lines_with_the_recognisers_roles(brookvale):
    assert [(b.text.split("\n")[0], b.role, b.part) for b in brookvale.blocks] == [
        ("Brookvale Councils", "narrative text", "plan header"),
        ("Business Plan 2026/27", "narrative text", "plan header"),
        ("Introduction", "narrative text", ""),
        ("This plan sets out the work of the partnership for the coming year. It was agreed "
         "by the", "narrative text", ""),
        ("1. Housing", "grouping", ""),
        ("Priority 1: Build more homes for social rent", "priority", ""),
        ("Outcome: Every member council starts new homes this year.", "priority", "outcome"),
        ("(a) Publish a shared register of public land", "output", ""),
        ("(b) Agree a common design guide", "output", ""),
        ("2. Transport", "grouping", ""),
        ("Priority 1: Make bus journeys faster and more reliable", "priority", ""),
        ("Outcome: Average journey times fall on the ten slowest routes.", "priority",
         "outcome"),
        ("(a) Map the slowest bus corridors", "output", ""),
        ("(b) Fund bus lanes on three of them", "output", ""),
        ("Looking ahead", "priority", "note"),
        ("Members will review the plan at the autumn meeting.", "priority", "note"),
    ]
    assert [b.source.origin for b in brookvale.blocks][:5] == [
        "line 1", "line 3", "line 5", "line 7", "line 10"]
    assert not brookvale.corrected and not brookvale.can_undo()


def test_no_correction_imports_exactly_what_was_recognised(tmp_path):
    path = tmp_path / "brookvale.txt"
    path.write_text(BROOKVALE, encoding="utf-8")
    read = read_paper(path)
    review = Review(read)
    assert review.plan() is read.plan
    before = describe(read.plan)
    review.set_role(3, "priority")
    assert review.plan() is not read.plan
    assert review.undo() == "Give block 4 the role priority"
    assert review.plan() is read.plan and describe(review.plan()) == before


def test_re_role_re_forms_the_tree_and_keeps_every_word(brookvale):
    assert _counts(brookvale) == {"portfolios": 2, "priorities": 2, "outputs": 4,
                                  "narrative_sections": 1}
    assert brookvale.coverage_text() == ("Words kept: 100.0% (95 of 95); sentences kept "
                                         "whole: 100.0% (17 of 17)")
    recognised_note = brookvale.plan().portfolios[1].priorities[0].note
    assert recognised_note == "Looking ahead\n\nMembers will review the plan at the autumn meeting."
    brookvale.set_role(14, "narrative text")  # "Looking ahead" is a heading, not a note
    plan = brookvale.plan()
    assert [(s.title, s.body) for s in plan.sections] == [
        ("Introduction", "This plan sets out the work of the partnership for the coming year. "
                         "It was agreed by the board in January."),
        ("Looking ahead", "")]
    # the note it was part of keeps only the rest of its text
    transport = plan.portfolios[1]
    assert [p.title for p in transport.priorities] == [
        "Make bus journeys faster and more reliable"]
    assert transport.priorities[0].note == "Members will review the plan at the autumn meeting."
    assert transport.priorities[0].outcome == ("Average journey times fall on the ten "
                                               "slowest routes.")
    assert [o.text for o in transport.priorities[0].outputs] == [
        "Map the slowest bus corridors", "Fund bus lanes on three of them"]
    assert _full(brookvale)
    brookvale.set_role(15, "narrative text")
    plan = brookvale.plan()
    assert _counts(brookvale) == {"portfolios": 2, "priorities": 2, "outputs": 4,
                                  "narrative_sections": 2}
    assert plan.sections[1].body == "Members will review the plan at the autumn meeting."
    assert plan.portfolios[1].priorities[0].note == ""
    assert plan.title == "Business Plan 2026/27" and plan.organisation == "Brookvale Councils"
    assert plan.period == "2026/27" and len(plan.source_digest) == 64
    assert plan.source_name == "brookvale.txt"
    assert _full(brookvale)
    # a narrative block given the role of output: under the last priority the reading met
    brookvale.set_role(15, "output")
    assert _counts(brookvale) == {"portfolios": 2, "priorities": 2, "outputs": 5,
                                  "narrative_sections": 2}
    assert [o.text for o in brookvale.plan().portfolios[1].priorities[0].outputs] == [
        "Map the slowest bus corridors", "Fund bus lanes on three of them",
        "Members will review the plan at the autumn meeting."]
    assert _full(brookvale)
    # a narrative block before any grouping given the role of priority: a grouping is made
    brookvale.set_role(3, "priority")
    plan = brookvale.plan()
    assert _counts(brookvale) == {"portfolios": 3, "priorities": 3, "outputs": 5,
                                  "narrative_sections": 2}
    assert [(g.name, [p.title for p in g.priorities]) for g in plan.portfolios] == [
        ("", ["This plan sets out the work of the partnership for the coming year. It was "
              "agreed by the board in January."]),
        ("Housing", ["Build more homes for social rent"]),
        ("Transport", ["Make bus journeys faster and more reliable"])]
    assert plan.sections[0].body == ""
    assert _full(brookvale)
    assert [b.corrections() for b in brookvale.blocks][13:] == [
        [], ["role changed from priority to narrative text"],
        ["role changed from priority to output"]]
    assert brookvale.undo() == "Give block 4 the role priority"
    assert brookvale.undo() == "Give block 16 the role output"
    brookvale.set_role(15, "priority")  # its first role again: not a correction
    assert not brookvale.blocks[15].changed
    assert brookvale.plan().portfolios[1].priorities[0].note == (
        "Members will review the plan at the autumn meeting.")


def test_merge_split_and_undo(brookvale):
    brookvale.merge(12)
    assert len(brookvale.blocks) == 15
    merged = brookvale.blocks[12]
    assert merged.text == "(a) Map the slowest bus corridors (b) Fund bus lanes on three of them"
    assert merged.source.origin == "line 21 to line 22"
    assert merged.corrections() == ["merged with the next block (line 22)"]
    transport = brookvale.plan().portfolios[1].priorities[0]
    assert [o.text for o in transport.outputs] == [
        "Map the slowest bus corridors (b) Fund bus lanes on three of them"]
    assert _counts(brookvale)["outputs"] == 3 and _full(brookvale)

    brookvale.split(12, merged.text.index("(b)"))
    assert [b.text for b in brookvale.blocks[12:14]] == [
        "(a) Map the slowest bus corridors", "(b) Fund bus lanes on three of them"]
    transport = brookvale.plan().portfolios[1].priorities[0]
    assert [o.text for o in transport.outputs] == [
        "Map the slowest bus corridors", "Fund bus lanes on three of them"]
    assert _counts(brookvale)["outputs"] == 4 and _full(brookvale)
    assert brookvale.blocks[13].corrections() == [
        "merged with the next block (line 22)", "split at character 34 (second part)"]

    assert brookvale.undo_text() == "Split block 13"
    assert brookvale.undo() == "Split block 13"
    assert len(brookvale.blocks) == 15
    assert brookvale.undo() == "Merge block 13 with the next"
    assert len(brookvale.blocks) == 16 and not brookvale.corrected
    assert brookvale.undo() == ""


def test_a_new_priority_holds_the_outputs_that_follow_it(brookvale):
    brookvale.set_role(7, "priority")  # "(a) Publish a shared register of public land"
    housing = brookvale.plan().portfolios[0]
    assert [(p.title, [o.text for o in p.outputs]) for p in housing.priorities] == [
        ("Build more homes for social rent", []),
        ("Publish a shared register of public land", ["Agree a common design guide"])]
    assert [len(p.outputs) for p in brookvale.plan().portfolios[1].priorities] == [2]
    assert _full(brookvale)


def test_corrections_that_cannot_be_made_are_refused(brookvale):
    with pytest.raises(ReviewError, match="no next block"):
        brookvale.merge(15)
    with pytest.raises(ReviewError, match="text on both sides"):
        brookvale.split(4, 0)
    with pytest.raises(ReviewError, match="no role called"):
        brookvale.set_role(4, "chapter")
    with pytest.raises(ReviewError, match="There is no block 17"):
        brookvale.set_role(16, "output")
    assert not brookvale.can_undo()


def test_page_furniture_set_aside_by_the_user_leaves_coverage_whole(brookvale):
    brookvale.set_role(3, "page furniture")
    assert [s.body for s in brookvale.plan().sections] == [""]
    assert brookvale.coverage_text() == ("Words kept: 100.0% (74 of 74); sentences kept "
                                         "whole: 100.0% (15 of 15)")


def test_links_both_ways(brookvale):
    plan = brookvale.plan()
    first = plan.portfolios[0].priorities[0]
    assert brookvale.items_for(5) == [first]
    assert brookvale.items_for(6) == [first]  # its outcome is part of it
    assert brookvale.block_for(first) == 5
    assert brookvale.block_for(first.outputs[1]) == 8
    brookvale.set_role(8, "priority")  # after a correction, the new plan's items
    plan = brookvale.plan()
    made = plan.portfolios[0].priorities[1]
    assert isinstance(made, Priority) and made.title == "Agree a common design guide"
    assert brookvale.items_for(8) == [made] and brookvale.block_for(made) == 8
    assert brookvale.block_for(plan.portfolios[0]) == 4


def test_word_paper_roles_and_a_correction(tmp_path):
    review = start_review(make_harbour(tmp_path / "harbour.docx"))
    roles = [(b.text, b.role) for b in review.blocks]
    assert roles[16:30] == [
        ("The Board is asked to:", "narrative text"),
        ("approve the business plan for 2025/26", "recommendation"),
        ("note the themes that frame the plan", "recommendation"),
        ("agree to receive a progress report in the autumn", "recommendation"),
        ("Our themes", "narrative text"),
        ("Theme 1: Thriving economy", "theme"),
        ("Good jobs and growing firms in every town on the coast.", "theme"),
        ("Theme 2: Healthy communities", "theme"),
        ("People live longer, healthier lives close to home.", "theme"),
        ("Appendix A: Priorities by portfolio", "narrative text"),
        ("1. Economy and Growth", "grouping"),
        ("Attract investment to the port towns", "priority"),
        ("Launch an investment prospectus for the estuary", "output"),
        ("Host two investor visits to the enterprise zone", "output"),
    ]
    block = review.blocks[27]
    assert (block.source.list_label, block.source.list_level, block.source.bold) == ("1.", 0,
                                                                                     True)
    recognised = describe(review.plan())
    assert _counts(review) == {"portfolios": 2, "priorities": 3, "outputs": 7, "themes": 2,
                               "recommendations": 3, "narrative_sections": 1}
    review.set_role(29, "priority")  # an output promoted to a priority of its own
    plan = review.plan()
    assert _counts(review) == {"portfolios": 2, "priorities": 4, "outputs": 6, "themes": 2,
                               "recommendations": 3, "narrative_sections": 1}
    economy = plan.portfolios[0]
    assert [p.title for p in economy.priorities] == [
        "Attract investment to the port towns",
        "Host two investor visits to the enterprise zone", "Help small firms to grow"]
    assert [len(p.outputs) for p in economy.priorities] == [1, 0, 3]
    assert [t.description for t in plan.themes] == [
        "Good jobs and growing firms in every town on the coast.",
        "People live longer, healthier lives close to home."]
    paper = plan.papers[0]
    assert paper.recommendations_intro == "The Board is asked to:"
    assert paper.summary.startswith("This report presents the business plan")
    assert _full(review)
    review.undo()
    assert describe(review.plan()) == recognised


def test_roles_are_the_issues_twelve():
    assert ROLES == ("grouping", "priority", "output", "sub-point", "theme", "objective",
                     "milestone", "pledge", "work area", "recommendation", "narrative text",
                     "page furniture")


@pytest.mark.parametrize("name", ["paper_directorate.txt", "paper_labelled_priorities.txt"])
def test_builder_without_corrections_gives_the_recognised_plan(name):
    """The builder itself, run with every block as recognised, re-forms the same plan: so a
    single correction changes only what it touches."""
    from lcplanner.importers.review_build import build_plan

    review = start_review(FIXTURES / name)
    plan, _ = build_plan(review.recognised_plan, review.blocks)
    assert describe(plan) == describe(review.recognised_plan)


def test_a_milestone_made_by_role_takes_its_due_dates(tmp_path):
    path = tmp_path / "brookvale.txt"
    path.write_text(BROOKVALE.replace("Members will review the plan at the autumn meeting.",
                                      "Review the plan with members by October 2026."),
                    encoding="utf-8")
    review = start_review(path)
    review.set_role(15, "milestone")
    objective = review.plan().objectives[0]
    assert objective.title == ""
    assert [(m.name, [d.text for d in m.dates]) for m in objective.milestones] == [
        ("Review the plan with members", ["by October 2026"])]
    assert isinstance(review.plan().portfolios[0].priorities[0].outputs[0], Output)


FAMILY = sorted((FIXTURES / "family").glob("*.txt"))


@pytest.mark.parametrize("path", FAMILY, ids=[p.stem for p in FAMILY])
def test_any_one_correction_keeps_every_word(path):
    """Whatever single block is given another role, every word of the paper is still in the
    plan (its page furniture aside): the re-formed plan drops nothing."""
    review = start_review(path)
    assert review.coverage().words_share == 1.0
    for index, block in enumerate(review.blocks):
        if block.role == "page furniture":
            continue
        for role in ("narrative text", "output"):
            if role == block.role:
                continue
            review.set_role(index, role)
            found = review.coverage()
            assert found.words_present == found.words_total, (index, role,
                                                              dict(found.missing_words))
            review.undo()
    assert review.plan() is review.recognised_plan
