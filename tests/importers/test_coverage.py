"""Nothing dropped, nothing run together: the coverage measure, page furniture, merges and
due dates, on the three seeds and on small texts of our own."""
from __future__ import annotations

import pytest

from lcplanner.domain.counts import count_plan
from lcplanner.importers.coverage import content_pieces, measure
from lcplanner.importers.dates import due_dates
from lcplanner.importers.furniture import set_aside
from lcplanner.importers.paper_text import parse_paper, read_paper, read_source

from tests.support import seed_path

SEED_COUNTS = {
    "000": dict(portfolios=11, service_groups=1, priorities=33, outputs=145, sub_points=13,
                recommendations=5),
    "002": dict(objectives=6, sub_priorities=33, milestones=26, milestone_tags=58,
                policy_events=7, recommendations=1),
    "003": dict(portfolios=13, service_groups=19, themes=5, pledge_areas=7, pledges=46,
                work_areas=55, recommendations=1),
}
STRUCTURE_KEYS = ("portfolios", "priorities", "outputs", "sub_points", "objectives",
                  "sub_priorities", "milestones", "milestone_tags", "themes", "pledge_areas",
                  "pledges", "work_areas", "policy_events", "recommendations", "service_groups")


@pytest.mark.parametrize("prefix", sorted(SEED_COUNTS))
def test_seed_counts_exact_and_nothing_dropped(prefix):
    found = read_paper(read_source(seed_path(prefix)))
    counts = count_plan(found.plan)
    assert {k: counts[k] for k in STRUCTURE_KEYS} == {
        k: SEED_COUNTS[prefix].get(k, 0) for k in STRUCTURE_KEYS}
    coverage = found.coverage()
    assert coverage.missing_words == {} and coverage.broken_sentences == []
    assert coverage.run_together == []
    assert coverage.words_share == 1.0 and coverage.sentences_share == 1.0
    assert coverage.words_total > 2500 and coverage.sentences_total > 150
    assert found.furniture == []
    assert len(found.merges) == {"000": 34, "002": 0, "003": 4}[prefix]


def test_the_2020_paper_lists_what_it_took_as_one():
    found = read_paper(read_source(seed_path("000")))
    merges = [what for what, _ in found.merges]
    assert merges[0] == "merged: the recommendations, printed twice"
    assert len(merges) == 34
    housing = [m for m in merges if "Accelerating housing delivery" in m]
    assert housing == ["merged: 'Accelerating housing delivery to meet London's needs, with the "
                       "right mix of homes' in Housing and Planning, listed twice; the outcomes "
                       "differ: the other wording stays in the paper's text"]
    # the body's summary stays in the paper as text, in its place, wording and all
    body = {s.title: s.body for s in found.plan.papers[0].body}
    assert "collaborative effort and to enhanced delivery capability" in body["Housing and Planning"]


def test_a_dropped_line_and_a_split_sentence_are_measured():
    text = ("Corporate Plan 2025/26\n\n1. Housing Directorate\n\nHomes\n"
            "- Build two hundred council homes\n- Cut the waiting list by a tenth\n")
    plan = parse_paper(text)
    whole = measure(text, plan)
    assert (whole.words_share, whole.sentences_share) == (1.0, 1.0)
    plan.portfolios[0].priorities[1].title = "Cut the waiting list"
    short = measure(text, plan)
    assert short.missing_words == {"by": 1, "a": 1, "tenth": 1}
    assert short.broken_sentences == ["Cut the waiting list by a tenth"]
    assert short.words_total == whole.words_total and short.words_present == short.words_total - 3


def test_two_items_run_together_are_found():
    text = ("Corporate Plan 2025/26\n\n1. Housing Directorate\n\nHomes\n"
            "- Build two hundred council homes\n- Cut the waiting list by a tenth\n")
    plan = parse_paper(text)
    assert measure(text, plan).run_together == []
    first, second = plan.portfolios[0].priorities
    first.title = f"{first.title} {second.title}"
    plan.portfolios[0].priorities.remove(second)
    joined = measure(text, plan)
    assert joined.run_together == [
        "Build two hundred council homes Cut the waiting list by a tenth"]
    # every word and sentence is still there: only this check sees the two run together
    assert (joined.words_share, joined.sentences_share) == (1.0, 1.0)


def test_labels_are_not_content():
    assert content_pieces("Report by: Ada Lovelace Job title: Director") == [
        "Ada Lovelace", "Director"]
    assert content_pieces("Outcome: More homes are built.") == ["More homes are built."]
    assert content_pieces("Priority 3: Cleaner air") == ["Cleaner air"]
    assert content_pieces("Financial implications for the Partnership") == []
    assert content_pieces("Outputs") == []


# --- page furniture --------------------------------------------------------------------------

PAGED = """Contents
Introduction ........ 2
Our priorities ........ 3
Appendix A    5

Introduction
This plan was agreed by the board. It covers the year and will
Northvale Councils – Annual Plan 2026/27
Page 2 of 4
be reviewed in the autumn.
Northvale Councils – Annual Plan 2026/27
Page 3 of 4
The board meets monthly.
Northvale Councils – Annual Plan 2026/27
Page 4 of 4
"""


def test_page_furniture_is_set_aside_and_listed():
    text, furniture = set_aside(PAGED)
    assert [(f.line, f.why) for f in furniture] == [
        (1, "contents list"), (2, "contents list"), (3, "contents list"), (4, "contents list"),
        (8, "running header or footer"), (9, "page number"), (11, "running header or footer"),
        (12, "page number"), (14, "running header or footer"), (15, "page number")]
    assert "will\nbe reviewed" in text  # the sentence the page break cut joins up again
    assert "Northvale" not in text and "Page" not in text


def test_bare_page_numbers_climb_and_lone_numbers_stay():
    body = "\n".join(f"Line {k} of the text." for k in range(9))
    text, furniture = set_aside(f"{body}\n2\n{body}\n3\n{body}\n")
    assert [f.text for f in furniture] == ["2", "3"]
    kept, none = set_aside(f"{body}\n7\n{body}\n")
    assert none == [] and "\n7\n" in kept


def test_repeated_headings_without_page_breaks_are_not_furniture():
    text = "\n".join(["Freedom Pass", "Renew passes.", "", "Taxicard", "Book trips."] * 3)
    assert set_aside(text) == (text, [])


# --- merges (issue 13, point 5) -----------------------------------------------------------------


def test_portfolios_that_differ_by_a_number_stay_apart():
    parts = []
    for n in (1, 2, 3):
        parts.append(f"{n}. Housing and Planning Area {n}\n\n1 Homes for area {n}\n\n"
                     f"More homes are built in area {n}.\n\nOutputs\n\n"
                     f"a. Survey sites in area {n}\nb. Agree a delivery plan for area {n}\n"
                     f"c. Report progress for area {n}\n")
    found = read_paper("Business Plan 2026/27\n\n" + "\n".join(parts))
    counts = count_plan(found.plan)
    assert (counts["portfolios"], counts["priorities"], counts["outputs"]) == (3, 3, 9)
    assert [p.name for p in found.plan.portfolios] == [
        "Housing and Planning Area 1", "Housing and Planning Area 2",
        "Housing and Planning Area 3"]
    assert found.merges == []


def test_a_wide_portfolio_number_is_a_portfolio():
    text = ("Business Plan 2026/27\n\n999. Roads\n\n1 Fix potholes\n\nFewer potholes remain.\n\n"
            "a. Survey every road\nb. Repair the worst first\n\n1000. Parks\n\n1 Open more parks\n\n"
            "More residents live near a park.\n\na. Buy land\nb. Plant trees\n")
    plan = parse_paper(text)
    assert [p.name for p in plan.portfolios] == ["Roads", "Parks"]
    assert [len(p.priorities[0].outputs) for p in plan.portfolios] == [2, 2]


# --- due dates (issue 9, point 4) --------------------------------------------------------------


@pytest.mark.parametrize("text, due", [
    ("Make the case on the bill June 2026 – first reading took place on 11 May 2026.",
     ["June 2026"]),
    ("Campaign Summer 2026 to influence the 2027-28 finance settlement and the 2027/28 LGF "
     "settlement.", ["Summer 2026"]),
    ("Publish the review by March 2027; on 4 May 2026 the board met to agree its scope.",
     ["by March 2027"]),
    ("Set the 2026/27 budget by February 2026.", ["by February 2026"]),
    ("Deliver the Equality Strategy 2025–2028 with partners.", ["2025–2028"]),
    ("Report in the financial year 2026/27 and again Q3 2027.", ["Q3 2027"]),
])
def test_due_dates_are_the_dates_a_milestone_is_due(text, due):
    assert [phrase for _, _, phrase in due_dates(text)] == due


# --- never refused when it holds plan content of any kind -----------------------------------


def test_a_paper_holding_only_an_action_table_is_a_plan():
    text = ("Delivery actions 2026\n\nAction                    Lead officer       Target date\n"
            "Open the new depot        Head of Waste      March 2026\n"
            "Close the old depot       Head of Waste      June 2026\n")
    found = read_paper(text)
    counts = count_plan(found.plan)
    assert (counts["objectives"], counts["milestones"]) == (1, 2)
    assert found.plan.objectives[0].title == "Delivery actions 2026"
    assert found.coverage().words_share == 1.0


def test_a_paper_holding_only_themes_is_a_plan():
    text = ("Our themes\n\nThese guide everything we do:\n\n- Fair chances\n- Clean streets\n"
            "- Open government\n")
    plan = parse_paper(text)
    assert [t.name for t in plan.themes] == ["Fair chances", "Clean streets", "Open government"]


def test_a_memo_is_still_refused():
    from lcplanner.importers.paper_text import PaperImportError

    from tests.support import FIXTURES

    with pytest.raises(PaperImportError, match="does not look like a business plan"):
        read_paper(read_source(FIXTURES / "paper_memo.txt"))


def test_a_milestone_table_cell_of_dates_or_sub_priorities_counts_as_stored():
    """A milestone's cells list its dates and its sub-priorities joined by "; " (as a Word
    table cell of several paragraphs is read): they are stored as dates and links, and the
    measure finds them there, each word once per mention."""
    from lcplanner.domain.model import Milestone, MilestoneDate, Objective, Plan, SubPriority

    plan = Plan(title="Plan")
    objective = Objective(title="Cleaner streets")
    plan.objectives.append(objective)
    litter = SubPriority(title="Less litter in parks")
    graffiti = SubPriority(title="Graffiti removed within a week")
    objective.sub_priorities += [litter, graffiti]
    milestone = Milestone(text="Pilot new bins on the high street")
    milestone.dates += [MilestoneDate(text="March 2027"), MilestoneDate(text="Autumn 2027")]
    milestone.tags += [litter, graffiti]
    objective.milestones.append(milestone)
    text = ("Cleaner streets\n\nLess litter in parks\n\nGraffiti removed within a week\n\n"
            "Pilot new bins on the high street\n\nMarch 2027; Autumn 2027\n\n"
            "Less litter in parks; Graffiti removed within a week\n")
    coverage = measure(text, plan)
    assert coverage.missing_words == {} and coverage.broken_sentences == []
    assert (coverage.words_present, coverage.words_total) == (31, 31)
