"""Typed labels in committee papers: "Priority 1:", "Outcome:", "Portfolio holder:" and the
organisation a paper names (or does not name). Numbers and labels the paper typed are never
stored; labelled lines under a portfolio heading are its holders, not service groups."""
from __future__ import annotations

from pathlib import Path

import pytest

from lcplanner.domain.counts import count_plan
from lcplanner.importers.outline import strip_label, strip_outcome_label
from lcplanner.importers.paper_text import describe, parse_paper, read_source

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

_PORTFOLIOS = """\
1. Culture and Tourism
{holders}

Priority 1: Grow visitor numbers outside the centre
Outcome: More visitors spend a night in outer boroughs.
(a) Publish a shared events calendar
(b) Run a joint marketing campaign

Priority 2 – Protect local venues
Success looks like: No borough loses a grassroots venue without a plan to replace it.
(a) Map venues at risk

2. Skills and Employment
{holders2}

Objective 3: Close the skills gap in green trades
Outcomes: Colleges in every sub-region offer retrofit courses.
Output (a) Agree a shared curriculum with colleges
Output (b) Publish labour market data each quarter
"""


def _paper(holders: str = "", holders2: str = "", *, title: str = "Draft Business Plan 2031/32",
           extra: str = "") -> str:
    return (f"Executive\n\n{title}     Item no: 4\n\nReport by: Kit Moss  Job title: Director\n"
            f"Date: 3 June 2031\n\nSummary: The draft plan for comment.\n\n{extra}"
            + _PORTFOLIOS.format(holders=holders, holders2=holders2))


# --- 1. organisation and title -------------------------------------------------------------


def test_status_word_in_title_is_not_the_organisation():
    plan = parse_paper(_paper())
    assert plan.organisation == ""
    assert plan.title == "Business Plan 2031/32" and plan.period == "2031/32"
    assert plan.status == "draft"
    assert plan.papers[0].title == "Draft Business Plan 2031/32"  # the paper keeps its words


@pytest.mark.parametrize("title", ["Final Business Plan 2031/32", "Proposed Business Plan 2031/32",
                                   "Revised Draft Business Plan 2031/32",
                                   "Business Plan 2031/32"])
def test_no_organisation_guessed_from_plain_titles(title):
    assert parse_paper(_paper(title=title)).organisation == ""


@pytest.mark.parametrize("title, extra, expected", [
    ("Riverside Partnership's Business Plan 2031/32", "", "Riverside Partnership"),
    ("Draft Business Plan 2031/32", "Metro Boroughs Forum is the collective voice of its "
     "members.\n\n", "Metro Boroughs Forum"),
    ("Draft Business Plan 2031/32", "The report sets out Metro Boroughs’ Business Plan for "
     "2031/32.\n\n", "Metro Boroughs"),
])
def test_organisation_taken_when_the_paper_names_it(title, extra, expected):
    assert parse_paper(_paper(title=title, extra=extra)).organisation == expected


def test_draft_prefix_dropped_from_a_title_without_a_plan_phrase():
    plan = parse_paper(_paper(title="Draft Corporate Strategy Refresh"))
    assert plan.title == "Corporate Strategy Refresh"
    assert plan.status == "draft"
    assert plan.organisation == ""


# --- 2. holders ----------------------------------------------------------------------------


@pytest.mark.parametrize("holders, holder, shadow", [
    ("Portfolio holder: Cllr Ann Reed", "Cllr Ann Reed", ""),
    ("PORTFOLIO HOLDER:Cllr Ann Reed\nShadow portfolio holder : Cllr Bo Lee",
     "Cllr Ann Reed", "Cllr Bo Lee"),
    ("Lead member: Cllr Ann Reed\nShadow: Cllr Bo Lee", "Cllr Ann Reed", "Cllr Bo Lee"),
    ("Executive member:  Cllr Ann Reed\ndeputy: Cllr Bo Lee", "Cllr Ann Reed", "Cllr Bo Lee"),
    ("Portfolio holder: Cllr Ann Reed   Shadow: Cllr Bo Lee", "Cllr Ann Reed", "Cllr Bo Lee"),
])
def test_holder_lines_fill_the_portfolio_and_nothing_else(holders, holder, shadow):
    plan = parse_paper(_paper(holders, "Lead Member: Cllr Jo Park"))
    culture, skills = plan.portfolios
    assert (culture.holder, culture.shadow_holder) == (holder, shadow)
    assert (skills.holder, skills.shadow_holder) == ("Cllr Jo Park", "")
    for portfolio in plan.portfolios:
        assert portfolio.service_groups == []
        assert portfolio.note == ""
        for priority in portfolio.priorities:
            assert priority.service_group is None
            assert "Cllr" not in (priority.note + priority.title + priority.outcome)
    tree = describe(plan).split("\nPortfolios\n", 1)[1].splitlines()
    assert all(line.startswith("      Holder: ") for line in tree if "Cllr" in line)


def test_holders_shown_in_describe():
    text = describe(parse_paper(_paper("Portfolio holder: Cllr Ann Reed\nShadow: Cllr Bo Lee")))
    assert "      Holder: Cllr Ann Reed; shadow: Cllr Bo Lee" in text.splitlines()


# --- 3. typed labels on priorities and outputs -----------------------------------------------


def test_typed_labels_are_stripped_from_titles_and_outputs():
    plan = parse_paper(_paper())
    culture, skills = plan.portfolios
    assert [p.title for p in culture.priorities] == [
        "Grow visitor numbers outside the centre", "Protect local venues"]
    assert [p.title for p in skills.priorities] == ["Close the skills gap in green trades"]
    assert [o.text for o in skills.priorities[0].outputs] == [
        "Agree a shared curriculum with colleges", "Publish labour market data each quarter"]
    assert count_plan(plan)["outputs"] == 5


@pytest.mark.parametrize("raw, clean", [
    ("Priority 1: Increase the supply of homes", "Increase the supply of homes"),
    ("Priority 1 – Increase the supply of homes", "Increase the supply of homes"),
    ("priority 12. Increase the supply", "Increase the supply"),
    ("Priority 3 Increase the supply", "Increase the supply"),
    ("Objective 2: Cleaner air", "Cleaner air"),
    ("Output (a) Publish a plan", "Publish a plan"),
    ("Output b: Publish a plan", "Publish a plan"),
    ("Priority one: Cleaner air", "Cleaner air"),
    # genuine text that merely starts with such a word stays
    ("Priority will be given to families", "Priority will be given to families"),
    ("Priority areas for the year", "Priority areas for the year"),
    ("Priority 20 boroughs have signed up", "Priority 20 boroughs have signed up"),
    ("Objective setting with partners", "Objective setting with partners"),
    ("Output-based contracts for care", "Output-based contracts for care"),
    ("Objective a-level results", "Objective a-level results"),
])
def test_strip_label(raw, clean):
    assert strip_label(raw) == clean


def test_label_alone_on_its_line_takes_the_next_line_as_title():
    text = _paper().replace("Priority 1: Grow visitor", "Priority 1:\nGrow visitor")
    culture = parse_paper(text).portfolios[0]
    assert culture.priorities[0].title == "Grow visitor numbers outside the centre"
    assert culture.priorities[0].outcome == "More visitors spend a night in outer boroughs."


# --- 4. outcome labels -----------------------------------------------------------------------


def test_outcome_labels_are_stripped():
    plan = parse_paper(_paper())
    assert [p.outcome for pf in plan.portfolios for p in pf.priorities] == [
        "More visitors spend a night in outer boroughs.",
        "No borough loses a grassroots venue without a plan to replace it.",
        "Colleges in every sub-region offer retrofit courses."]


@pytest.mark.parametrize("raw, clean", [
    ("Outcome: More homes.", "More homes."),
    ("OUTCOMES : More homes.", "More homes."),
    ("Success looks like: More homes.", "More homes."),
    ("Outcome – More homes.", "More homes."),
    ("Outcomes for residents improve.", "Outcomes for residents improve."),
    ("Outcome-based commissioning spreads.", "Outcome-based commissioning spreads."),
])
def test_strip_outcome_label(raw, clean):
    assert strip_outcome_label(raw) == clean


# --- the lead's fixture, in full ----------------------------------------------------------


def test_labelled_priorities_fixture():
    plan = parse_paper(read_source(FIXTURES / "paper_labelled_priorities.txt"))
    assert (plan.title, plan.period, plan.status, plan.organisation) == (
        "Business Plan 2024/25", "2024/25", "draft", "")
    paper = plan.papers[0]
    assert (paper.committee, paper.item_number, paper.meeting_date, paper.title) == (
        "Leaders' Committee", "6", "12 March 2024", "Draft Business Plan 2024/25")
    assert (paper.report_by, paper.job_title, paper.contact_officer) == (
        "Priya Shah", "Director, Policy and Public Affairs", "Daniel Moss")
    assert (paper.telephone, paper.email) == ("020 7946 0000", "daniel.moss@example.org")
    assert paper.summary == "This report sets out the draft Business Plan for 2024/25 for comment."
    assert paper.financial_implications == "None specifically flowing from this report."
    assert paper.recommendations_intro == "Leaders' Committee is asked to:"
    assert [r.text for r in paper.recommendations] == [
        "comment on the draft priorities set out in Appendix A; and",
        "note that the Executive will agree the final plan in May."]

    tree = [(pf.name, pf.holder, pf.shadow_holder, [g.name for g in pf.service_groups],
             pf.note, [(p.title, p.outcome, p.note, p.service_group,
                        [(o.text, [(s.level, s.text) for s in o.sub_points])
                         for o in p.outputs]) for p in pf.priorities])
            for pf in plan.portfolios]
    assert tree == [
        ("Housing and Planning", "Cllr Ann Reed", "", [], "", [
            ("Increase the supply of genuinely affordable homes",
             "More social rent homes are started in every borough.", "", None, [
                 ("Publish a joint delivery plan with housing associations", []),
                 ("Lobby for grant rates that reflect London's land costs, including:", [
                     (0, "a submission to the spending review"),
                     (0, "a cross-party briefing for MPs")]),
                 ("Share planning expertise between boroughs", [])]),
            ("Reduce the use of temporary accommodation",
             "Fewer families in nightly-paid accommodation.", "", None, [
                 ("Agree common rates for nightly-paid accommodation", []),
                 ("Report quarterly on out-of-area placements", [])])]),
        ("Transport and Environment", "Cllr Tom Hale", "", [], "", [
            ("Improve air quality around schools",
             "Every borough has school streets at its most polluted schools.", "", None, [
                 ("Fund a shared school streets programme", []),
                 ("Publish air quality data for every school", [])])]),
    ]
    counts = count_plan(plan)
    assert {k: v for k, v in counts.items() if v} == {
        "portfolios": 2, "priorities": 3, "outputs": 7, "sub_points": 2, "recommendations": 2}


def test_labels_alone_on_their_lines_and_a_group_over_labelled_priorities():
    text = """\
1. Culture and Tourism
Portfolio holder:
Cllr Ann Reed

Heritage
Priority 1:
Protect listed buildings at risk
Outcome:
Fewer buildings on the at-risk register.
- Survey buildings at risk
- Publish a heritage fund prospectus

Priority 2: Open more buildings to the public
Outcomes:
- More open days
- Longer opening hours
(a) Agree a shared open-days calendar

2. Skills
Priority 1: Close the skills gap
Outcome: Colleges offer retrofit courses.
(a) Agree a shared curriculum
"""
    culture, skills = parse_paper(text).portfolios
    assert (culture.holder, culture.shadow_holder) == ("Cllr Ann Reed", "")
    assert [g.name for g in culture.service_groups] == ["Heritage"]
    first, second = culture.priorities
    assert (first.title, first.outcome) == (
        "Protect listed buildings at risk", "Fewer buildings on the at-risk register.")
    assert first.service_group.name == "Heritage"
    assert [o.text for o in first.outputs] == [
        "Survey buildings at risk", "Publish a heritage fund prospectus"]
    assert second.title == "Open more buildings to the public"
    assert second.outcome == "\u2022 More open days\n\u2022 Longer opening hours"
    assert [o.text for o in second.outputs] == ["Agree a shared open-days calendar"]
    assert skills.holder == "" and skills.priorities[0].title == "Close the skills gap"
