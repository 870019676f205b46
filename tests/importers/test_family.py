"""Papers of our own writing, one per layout the family of business plans uses (DOMAIN.md,
"Variation"): each imports with the counts a careful reader finds, nothing dropped (every word
and every sentence of the source in the plan, page furniture set aside and listed) and
nothing merged that differs."""
from __future__ import annotations

import pytest

from lcplanner.domain.counts import COUNT_KEYS, count_plan
from lcplanner.importers.paper_text import read_paper, read_source

from tests.support import FIXTURES

FAMILY = FIXTURES / "family"

#: fixture → (counts a careful reader finds, lines of page furniture, merges listed)
EXPECTED = {
    "caps_directorates": (dict(portfolios=3, service_groups=9, priorities=18, themes=3,
                               narrative_sections=4), 10, 0),
    "split_header_summary_appendix": (dict(portfolios=2, priorities=4, outputs=9, sub_points=2,
                                           recommendations=4), 0, 3),
    "ambitions_action_table": (dict(objectives=3, milestones=11, recommendations=3), 0, 0),
    "themes_objectives_cells": (dict(objectives=5, milestones=7, themes=3,
                                     narrative_sections=2), 6, 0),
    "outline_numbered_strategic": (dict(portfolios=3, priorities=6, outputs=13,
                                        recommendations=3), 0, 0),
    "we_will_service_areas": (dict(portfolios=3, priorities=8, themes=3, recommendations=3,
                                   narrative_sections=1), 0, 0),
    "dash_themes_strategic_priorities": (dict(portfolios=3, service_groups=6, priorities=12,
                                              themes=3, recommendations=3,
                                              narrative_sections=1), 0, 0),
    "pledges_localities_workareas": (dict(portfolios=3, service_groups=5, themes=4,
                                          pledge_areas=3, pledges=7, work_areas=8,
                                          narrative_sections=5), 8, 0),
}


def _read(name: str):
    return read_paper(read_source(FAMILY / f"{name}.txt"), source_name=f"{name}.txt")


@pytest.fixture(scope="module", params=sorted(EXPECTED))
def imported(request):
    return request.param, _read(request.param)


def test_counts_are_exact(imported):
    name, found = imported
    counts, _, _ = EXPECTED[name]
    assert count_plan(found.plan) == {key: counts.get(key, 0) for key in COUNT_KEYS}


def test_nothing_dropped_nothing_run_together(imported):
    name, found = imported
    coverage = found.coverage()
    assert coverage.broken_sentences == [] and coverage.missing_words == {}
    assert coverage.run_together == []
    assert (coverage.words_share, coverage.sentences_share) == (1.0, 1.0)
    assert coverage.sentences_total >= 20


def test_furniture_and_merges_are_listed(imported):
    name, found = imported
    _, furniture, merges = EXPECTED[name]
    assert len(found.furniture) == furniture
    assert len(found.merges) == merges


def test_fixtures_are_realistic_in_size():
    for name in EXPECTED:
        lines = (FAMILY / f"{name}.txt").read_text(encoding="utf-8").splitlines()
        assert 60 <= len(lines) <= 250, name


# --- what each layout must come out as ------------------------------------------------------


def test_capitals_with_extra_words_are_directorates_with_areas():
    plan = _read("caps_directorates").plan
    assert plan.title == "Annual Delivery Plan 2025/26" and plan.period == "2025/26"
    assert plan.organisation == "Harrowfield Combined Authority"  # its name over its title
    assert [p.name for p in plan.portfolios] == [
        "Children's Services Directorate 2025/26 Priorities",
        "Place and Environment Directorate 2025/26 Priorities",
        "Resources Directorate 2025/26 Priorities"]
    assert {p.kind for p in plan.portfolios} == {"directorate"}
    place = plan.portfolios[1]
    assert [g.name for g in place.service_groups] == [
        "Transport", "Housing Retrofit", "Flood Resilience"]
    # the page break between "Transport" and "Housing Retrofit" does not split the directorate
    assert place.priorities[3].title == "Insulate two thousand social homes before winter"
    assert place.priorities[3].service_group.name == "Housing Retrofit"
    assert [t.name for t in plan.themes] == ["Fairer Places", "Greener Travel", "Healthy Lives"]
    assert plan.sections[-1].title == "How we will report progress"


def test_split_header_unlabelled_lettered_recommendations_and_a_summary_listed_twice():
    found = _read("split_header_summary_appendix")
    paper = found.plan.papers[0]
    assert (paper.committee, paper.item_number, paper.meeting_date, paper.report_by,
            paper.job_title, paper.contact_officer, paper.title) == (
        "Policy and Resources Board", "7", "14 October 2021", "Priya Ramaswamy",
        "Director of Policy", "Tom Ellery", "Draft Business Plan 2021-22")
    assert found.plan.title == "Business Plan 2021-22" and found.plan.period == "2021-22"
    assert paper.recommendations_intro == "The Board is asked to:"
    assert [r.text for r in paper.recommendations] == [
        "comment on the draft portfolio priorities set out in Appendix A;",
        "agree the outputs proposed for each priority;",
        "note that progress will be reported twice a year; and",
        "ask officers to bring the final plan to the December meeting."]
    assert [what for what, _ in found.merges] == [
        "merged: 'Helping residents into better paid work' in Economy and Skills, listed twice",
        "merged: 'Backing local firms to grow' in Economy and Skills, listed twice",
        "merged: 'Safer town centres at night' in Communities and Safety, listed twice"]
    # the body's summary stays in the paper, in its place, between its neighbours
    assert [s.title for s in paper.body] == [
        "Background", "Summary of portfolio priorities", "Economy and Skills",
        "Communities and Safety"]
    # the bare heading after the body names the appendix that follows, as the paper titles it
    assert [a.title for a in paper.appendices] == ["Appendix A: Portfolio priorities and outputs"]
    safety = found.plan.portfolios[1]
    assert [p.title for p in safety.priorities] == [
        "Safer town centres at night", "Keeping older residents connected"]
    assert [s.text for s in safety.priorities[0].outputs[2].sub_points] == [
        "door supervisors and bar staff;", "taxi and private hire drivers."]


def test_ambitions_over_action_tables_are_objectives_with_dated_milestones():
    plan = _read("ambitions_action_table").plan
    assert plan.title == "Strategic Action Plan 2025–2028" and plan.period == "2025–2028"
    assert plan.organisation == "Kestrel Valley Councils Partnership"
    assert [o.title for o in plan.objectives] == [
        "Good jobs close to home", "Homes people can afford",
        "A valley ready for a warmer climate"]
    assert plan.objectives[0].strapline == ("We want more of the valley's residents to find "
                                            "skilled, well paid work without a long commute")
    rows = [(m.name, m.owner, [d.text for d in m.dates], m.status.name)
            for m in plan.objectives[1].milestones]
    assert rows == [
        ("Start work on 300 homes for social rent", "Director of Housing", ["March 2027"],
         "On track"),
        ("Launch a landlord licensing scheme in two towns", "Head of Private Housing",
         ["January 2026"], "Complete"),
        ("Buy back 40 former council homes", "Director of Housing", ["TBC"], "Not started")]
    assert plan.status_named("Complete") is not None  # the paper's own status word, kept
    paper = plan.papers[0]
    assert paper.recommendations_intro == "The Board is recommended to:"
    assert len(paper.recommendations) == 3 and paper.committee == "Leaders' Board"


def test_typed_themes_group_their_objectives_and_one_cell_per_line_tables():
    found = _read("themes_objectives_cells")
    plan = found.plan
    assert plan.title == "Council Plan 2026/27" and plan.papers == []
    assert [(t.name, t.description) for t in plan.themes][1] == (
        "A cleaner borough",
        "We will keep streets clean, recycle more and cut the council's own carbon footprint.")
    assert [(o.title, o.core_area.name) for o in plan.objectives] == [
        ("Reduce anti-social behaviour in parks", "Safer neighbourhoods"),
        ("Make the walk to school safer", "Safer neighbourhoods"),
        ("Recycle more of what residents throw away", "A cleaner borough"),
        ("Cut the council's carbon emissions", "A cleaner borough"),
        ("Improve private rented homes", "Good homes")]
    first = plan.objectives[0].milestones[1]
    assert (first.name, first.owner, [d.text for d in first.dates], first.status.name) == (
        "Fund youth workers on Friday and Saturday evenings", "Head of Youth Services",
        ["Ongoing"], "On track")
    # bare page numbers beside a running footer are furniture; the text after them is not
    assert [(f.text, f.why) for f in found.furniture][:2] == [
        ("Riverside Council Plan 2026/27", "running header or footer"), ("2", "page number")]
    assert plan.sections[-1].title == "How to find out more"


def test_typed_outline_numbering_reads_as_grouping_priority_output():
    plan = _read("outline_numbered_strategic").plan
    paper = plan.papers[0]
    assert [s.title for s in paper.body] == ["Introduction"]
    assert [a.title for a in paper.appendices] == ["Appendix 1: Strategic priorities 2026/27"]
    assert paper.financial_implications == (
        "All outputs will be met from the budget for 2026/27 proposed elsewhere on this agenda.")
    assert [r.text for r in paper.recommendations][1:] == [
        "delegate minor changes of wording to the Chief Executive; and",
        "recommend the plan to Full Council for adoption."]
    carers = plan.portfolios[0].priorities[1]
    assert carers.title == "Support young carers"
    assert carers.outcome == ("Young carers are known to their school and can get a break "
                              "when they need one.")
    assert [o.text for o in carers.outputs] == [
        "Hold a register of young carers with every secondary school.",
        "Fund two short-break schemes in the school holidays."]


def test_we_will_themes_labelled_service_areas_and_recommendations_on_one_line():
    plan = _read("we_will_service_areas").plan
    assert [(t.name, t.description.splitlines()[0]) for t in plan.themes] == [
        ("Less waste", "We will:"), ("Cleaner air", "We will:"), ("Greener spaces", "We will:")]
    assert plan.themes[1].description == (
        "We will:\n\u2022 replace the last diesel refuse lorries with electric ones;\n"
        "\u2022 end the burning of garden waste at our depots.")
    assert [p.name for p in plan.portfolios] == [
        "Waste collection", "Street cleansing", "Parks and countryside"]
    assert [len(p.priorities) for p in plan.portfolios] == [3, 2, 3]
    paper = plan.papers[0]
    assert paper.recommendations_intro == "The Board is asked to"
    assert [r.text for r in paper.recommendations] == [
        "note the progress made in 2026/27;",
        "agree the three themes and the service area priorities for 2027/28; and",
        "ask the Partnership Manager to report on delivery in October."]
    assert paper.legal_implications == "None."


def test_numbered_name_dash_themes_and_labelled_strategic_priorities_with_holders():
    plan = _read("dash_themes_strategic_priorities").plan
    assert plan.title == "Corporate Plan 2024-27" and plan.period == "2024-27"
    assert [(t.name, t.description) for t in plan.themes][1] == (
        "Prevention", "acting early so that problems are solved before they become crises.")
    people = plan.portfolios[1]
    assert (people.name, people.holder, people.shadow_holder) == (
        "Resilient people", "Cllr Dafydd Hughes", "Cllr Anne Price")
    assert [g.name for g in people.service_groups] == ["Adult care", "Children and families"]
    assert people.priorities[4].title == "Give every care leaver a named mentor"
    assert people.priorities[4].service_group.name == "Children and families"
    paper = plan.papers[0]
    assert paper.recommendations_intro == ""
    assert paper.recommendations[0].text == (
        "That the Executive agrees the draft Corporate Plan 2024-27 for publication.")
    assert [b.text for b in paper.background_papers] == [
        "Public consultation report, April 2024",
        "Corporate Plan 2021-24 final progress report"]


def test_bulleted_theme_names_commitments_and_localities_that_differ_by_a_number():
    found = _read("pledges_localities_workareas")
    plan = found.plan
    assert plan.title == "Work Programme 2022/23"
    assert [t.name for t in plan.themes] == [
        "Local voice", "Green villages", "Safe lanes", "Strong councils"]
    assert [a.name for a in plan.pledge_areas] == ["Green villages", "Safe lanes", "Strong councils"]
    assert plan.pledge_areas[0].description == (
        "The Association will help every parish take practical steps on climate and nature.")
    assert [p.text for p in plan.pledge_areas[1].pledges[1].points] == [
        "The case will be made at the county highways panel in October."]
    # three areas whose names differ by a number stay three, each with its own work areas,
    # even where two of them list the same words ("Manage the joint grounds maintenance …")
    assert [(p.name, len(p.work_areas)) for p in plan.portfolios] == [
        ("Locality Board Area 1", 3), ("Locality Board Area 2", 2), ("Locality Board Area 3", 3)]
    assert [g.name for g in plan.portfolios[2].service_groups] == ["Services", "Advice"]
    assert found.merges == []
    assert [f.why for f in found.furniture].count("contents list") == 5
    assert plan.sections[-1].title == "Appendix: Membership"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_paper_pasted_in_twice_loses_nothing(name):
    """Repeats (a second copy of the implications, the title line again) are kept or listed
    as merged, never silently dropped."""
    text = read_source(FAMILY / f"{name}.txt")
    found = read_paper(text + "\n\n" + text)
    coverage = found.coverage()
    assert coverage.missing_words == {} and coverage.broken_sentences == []
    assert coverage.run_together == []


def test_a_labelled_grouping_in_capitals_is_named_in_title_case():
    text = ("Business Plan 2023-24\n\nSTRATEGIC PRIORITY ONE: HOMES AND NEIGHBOURHOODS\n\n"
            "1. Increase the number of affordable homes\n"
            "Outcome: More affordable homes are completed.\n"
            "a) Agree a shared land policy\nb) Set up a joint housing company\n")
    plan = read_paper(text).plan
    assert [p.name for p in plan.portfolios] == ["Homes and Neighbourhoods"]
    assert [len(p.outputs) for p in plan.portfolios[0].priorities] == [2]
