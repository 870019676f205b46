"""The three real seed papers import as a careful reader would count them.

The seeds are committee papers extracted from PDF and Word (see shared/seeds/README.md); their
text stays outside the project, so these tests skip when it is absent.
"""
from __future__ import annotations

import re

import pytest

from lcplanner.domain.counts import count_plan
from lcplanner.importers.paper_text import describe, parse_paper, read_source

from tests.support import seed_path


def _seed(prefix: str):
    path = seed_path(prefix)
    return parse_paper(read_source(path), source_name=path.name)


@pytest.fixture(scope="module")
def plan_2020():
    return _seed("000")


@pytest.fixture(scope="module")
def shared_ambitions():
    return _seed("002")


@pytest.fixture(scope="module")
def plan_2019():
    return _seed("003")


def _portfolio(plan, name):
    return next(p for p in plan.portfolios if p.name.startswith(name))


# --- seed 000: Business Plan 2020/21 -----------------------------------------------------


def test_2020_counts(plan_2020):
    counts = count_plan(plan_2020)
    assert counts["portfolios"] == 11
    assert counts["priorities"] == 33
    assert counts["outputs"] == 145
    assert 10 <= counts["sub_points"] <= 16
    assert counts["recommendations"] == 5


def test_2020_plan_and_header(plan_2020):
    assert plan_2020.title == "Business Plan 2020/21"
    assert plan_2020.period == "2020/21"
    assert plan_2020.status == "draft"
    assert len(plan_2020.source_digest) == 64
    paper = plan_2020.papers[0]
    assert paper.committee == "Executive"
    assert paper.item_number == "5"
    assert paper.meeting_date == "3 March 2020"
    assert paper.report_by == "John O'Brien"
    assert paper.job_title == "Chief Executive"
    assert paper.recommendations_intro == "The Executive is asked to:"
    assert paper.recommendations[0].text.startswith("discuss the emerging draft content")
    assert paper.recommendations[4].text.startswith("agree that officers")
    assert paper.legal_implications == "None specifically flowing from this paper."


def test_2020_portfolios_in_order(plan_2020):
    names = [p.name for p in plan_2020.portfolios]
    assert names[0] == "Finance Performance & Improvement"
    assert names[-1] == "Grants"
    crime = _portfolio(plan_2020, "Crime")
    assert crime.name == "Crime & Public Protection"
    assert "early inter-action" in crime.note


def test_2020_output_with_lost_letter_keeps_its_place(plan_2020):
    finance = _portfolio(plan_2020, "Finance")
    improvement = finance.priorities[2]
    assert improvement.title == "Supporting London boroughs to drive continual improvement"
    texts = [o.text for o in improvement.outputs]
    assert texts[1].startswith("Conclude a fundamental review of the LAPS tool")  # "c" between
    assert texts[2].startswith("Deliver an updated programme of peer support")
    # the run-on line after "… and work with" belongs to output d, not a new output
    assert "treasurers and chief executives to influence CIPFA" in texts[3]
    assert len(texts) == 5


def test_2020_body_and_appendix_priorities_merge(plan_2020):
    transport = _portfolio(plan_2020, "Transport")
    assert len(transport.priorities) == 10
    freedom = transport.priorities[2]
    assert freedom.title == "Freedom Pass"
    assert freedom.outcome.startswith("Ensure effective day to day management")
    assert freedom.service_group.name == "Transport and Mobility Services"
    assert [o.text for o in freedom.outputs][3] == "Improve fraud detection and prevention"
    housing = _portfolio(plan_2020, "Housing")
    assert housing.priorities[0].title == (
        "Accelerating housing delivery to meet London's needs, with the right mix of homes")


def test_2020_sub_points(plan_2020):
    crime = _portfolio(plan_2020, "Crime")
    police = crime.priorities[1].outputs[1]
    assert [s.text[:20] for s in police.sub_points] == [
        "at least 600 officer", "boroughs to be inclu", "stable resourcing of"]
    assert all(s.level == 0 for s in police.sub_points)
    grants = _portfolio(plan_2020, "Grants").priorities[0]
    assert grants.outputs[1].sub_points[1].text == "victims of sexual and domestic violence."
    assert len(grants.outputs) == 6


def test_2020_no_markers_left_in_text(plan_2020):
    marker = re.compile(r"^(?:[a-z][.)\t]|\([a-z]\)|[ivx]+[.)]|[-•·¢>\uf0b7\uf0d8]|o\s)")
    number = re.compile(r"^\d+[.)]?\s")  # outputs may start "100 digital apprentices …"
    for portfolio in plan_2020.portfolios:
        assert not number.match(portfolio.name), portfolio.name
        for priority in portfolio.priorities:
            assert not marker.match(priority.title), priority.title
            assert not number.match(priority.title), priority.title
            for output in priority.outputs:
                assert not marker.match(output.text), output.text
                for sub in output.sub_points:
                    assert not marker.match(sub.text), sub.text


def test_2020_note_on_priority(plan_2020):
    schools = _portfolio(plan_2020, "Schools")
    assert "seeking to focus this work" in schools.priorities[0].note
    assert len(schools.priorities[0].outputs) == 2


# --- seed 002: Shared Ambitions milestones -----------------------------------------------


def test_shared_ambitions_counts(shared_ambitions):
    counts = count_plan(shared_ambitions)
    assert len(shared_ambitions.core_areas) == 4
    assert counts["objectives"] == 6
    assert counts["sub_priorities"] == 33
    assert counts["milestones"] == 26
    assert counts["milestone_tags"] >= 40
    assert counts["policy_events"] == 7
    assert counts["recommendations"] == 1


def test_shared_ambitions_header(shared_ambitions):
    paper = shared_ambitions.papers[0]
    assert paper.committee == "Leaders' Committee"
    assert paper.item_number == "4"
    assert paper.meeting_date == "27th July 2022"
    assert paper.title == "London Councils' Shared Ambitions Milestones"
    assert paper.report_by == "Alison Griffin"
    assert paper.telephone == "0207 934 9575"
    assert paper.email == "alison.griffin@londoncouncils.gov.uk"


def test_every_milestone_has_a_date_and_a_tag(shared_ambitions):
    for objective in shared_ambitions.objectives:
        for milestone in objective.milestones:
            assert milestone.dates, milestone.name
            assert milestone.tags, milestone.name
            for date in milestone.dates:
                assert date.fuzzy().kind != "unreadable", date.text


def test_milestone_dates_as_written(shared_ambitions):
    dates = {d.text for o in shared_ambitions.objectives for m in o.milestones for d in m.dates}
    assert "Summer/Autumn 2022" in dates
    assert "July 2022 (ongoing to April 2023)" in dates
    assert "by Jan 2023" in dates


def test_objectives_and_tags(shared_ambitions):
    first = shared_ambitions.objectives[0]
    assert first.title == "London's Future"
    assert first.strapline == "a relentless focus on levelling up"
    organisation = shared_ambitions.objectives[5]
    assert [s.title for s in organisation.sub_priorities] == [
        "Powers", "People and diversity", "Premises", "Practices", "Budget strategy"]
    budget = organisation.milestones[2]
    assert [t.title for t in budget.tags] == ["Premises", "Budget strategy"]
    assert "roadmap that ensures" in budget.text  # the line broken off by extraction
    labelled = first.milestones[0]
    assert labelled.name == "Building collaboration"
    assert [t.title for t in labelled.tags] == ["Building collaboration between London partners"]


def test_milestone_dates_are_the_dates_it_is_due(shared_ambitions):
    """Issue 9, point 4: a day named in passing (the bill's readings) and the years that name a
    settlement are the sentence's, not the milestone's; the text keeps them all."""
    by_name = {m.name: m for o in shared_ambitions.objectives for m in o.milestones}
    bill = next(m for name, m in by_name.items() if name.startswith("Making the case"))
    assert [d.text for d in bill.dates] == ["June 2022"]
    assert "11 May 2022" in bill.text and "8 June 2022" in bill.text
    funding = by_name["Fair funding campaigning"]
    assert [d.text for d in funding.dates] == ["Summer/Autumn 2022", "summer 2022"]
    assert "2023-24 finance settlement" in funding.text
    assert "2023/24 LGF settlement" in funding.text
    dated = sum(len(m.dates) for m in by_name.values())
    assert dated == 39  # 43 before: the four above were taken as due dates


def test_policy_events(shared_ambitions):
    events = [(e.date_text, e.text) for e in shared_ambitions.policy_events]
    assert ("Oct 2022/Oct 2023", "Autumn Budget") in events
    assert events[0] == ("Sep Oct 2022/23", "Party Conferences")


# --- seed 003: Business Plan 2019/20 -----------------------------------------------------


def test_2019_counts(plan_2019):
    counts = count_plan(plan_2019)
    assert counts["themes"] == 5
    assert counts["pledge_areas"] == 7
    assert counts["pledges"] == 46
    assert counts["work_areas"] == 55
    assert counts["portfolios"] in (12, 13)
    assert counts["recommendations"] == 1
    assert counts["outputs"] == 0


def test_2019_themes_pledges_and_work_areas(plan_2019):
    assert plan_2019.title == "Business Plan 2019/20"
    assert plan_2019.themes[0].name == "Resourcing London"
    assert plan_2019.themes[0].description.startswith("Lobbying for London")
    housing = plan_2019.pledge_areas[0]
    assert housing.name == "Housing"
    assert len(housing.pledges) == 4
    assert housing.pledges[1].points[0].text.endswith("PLACE to deliver homes across the capital by 2022.")
    assert [a.name for a in plan_2019.pledge_areas][-1] == "New Ways of Working"
    transport = plan_2019.portfolios[0]
    assert transport.name == "Transport & Environment"
    assert transport.work_areas[2].service_group.name == "Freedom Pass"
    employers = plan_2019.portfolios[-1]
    assert employers.name == "London Regional Employers"
    assert employers.work_areas[-1].text.startswith("Promote innovation and transformation")
    assert plan_2019.papers[0].committee.startswith("Leaders")


def test_2019_describe_numbers_work_areas_continuously(plan_2019):
    text = describe(plan_2019)
    assert "    55 Promote innovation" in text
    assert "    46 Explore how London" in text
