"""Composers: content, numbering and outline of the committee paper, plan, portfolio, timeline."""
from __future__ import annotations

import pytest

from lcplanner.compose import KINDS, compose, compose_committee_paper, compose_portfolio, ir


def headings(doc: ir.Document) -> list[ir.Heading]:
    return [b for b in doc.blocks if isinstance(b, ir.Heading)]


def assert_no_skipped_levels(doc: ir.Document) -> None:
    previous = 0
    for heading in headings(doc):
        assert 1 <= heading.level <= previous + 1, (heading, previous)
        previous = heading.level


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_has_an_outline_without_skips(sample_plan, kind):
    doc = compose(sample_plan, kind, portfolio=1)
    assert doc.kind == kind
    assert doc.title
    assert headings(doc)[0].level == 1
    assert_no_skipped_levels(doc)


def test_unknown_kind_and_missing_portfolio_are_value_errors(sample_plan):
    with pytest.raises(ValueError, match="Unknown document kind"):
        compose(sample_plan, "minutes")
    with pytest.raises(ValueError, match="portfolio number"):
        compose(sample_plan, "portfolio")


@pytest.mark.parametrize("number", [0, 5, -1, "2", 1.0, True])
def test_portfolio_out_of_range(sample_plan, number):
    with pytest.raises(ValueError, match="Portfolio"):
        compose_portfolio(sample_plan, number)


def test_committee_paper_shell(sample_plan):
    doc = compose_committee_paper(sample_plan)
    blocks = doc.blocks
    fields = [b for b in blocks if isinstance(b, ir.Fields)]
    pairs = dict(p for f in fields for p in f.pairs)
    assert pairs["Committee:"] == "Executive"
    assert pairs["Item no:"] == "4"
    assert pairs["Date:"] == "9 June 2026"
    assert pairs["Report by:"] == "Sarah Whitcombe"
    assert pairs["Job title:"] == "Chief Executive"
    assert pairs["Telephone:"] and pairs["Email:"] and pairs["Contact officer:"]
    names = [h.text for h in headings(doc)]
    order = ["Summary", "Recommendations", "Introduction", "Next steps", "Financial implications",
             "Legal implications", "Equalities implications", "Appendices", "Background papers"]
    assert [n for n in names if n in order] == order
    # Recommendations: the intro sentence, then a numbered list.
    at = next(i for i, b in enumerate(blocks)
              if isinstance(b, ir.Heading) and b.text == "Recommendations")
    intro, recs = blocks[at + 1], blocks[at + 2]
    assert isinstance(intro, ir.Paragraph) and intro.text == "The Executive is asked to:"
    assert isinstance(recs, ir.ListBlock) and recs.kind == "number" and len(recs.items) == 3
    # Body sections numbered 1, 2 and their paragraphs 1.1, 1.2.
    intro_heading = next(h for h in headings(doc) if h.text == "Introduction")
    assert intro_heading.label == "1" and intro_heading.level == 2
    labels = [b.label for b in blocks if isinstance(b, ir.Paragraph) and b.label]
    assert labels == ["1.1", "1.2", "2.1", "2.2"]
    # The plan goes in the appendix, after a page break.
    appendix = next(h for h in headings(doc) if h.text.startswith("Appendix A"))
    assert appendix.level == 1
    assert isinstance(blocks[blocks.index(appendix) - 1], ir.PageBreak)
    assert "No legal consequences arise from the plan as drafted." in doc.plain_text()


def test_outputs_lettered_under_the_right_priority(sample_plan):
    doc = compose_committee_paper(sample_plan)
    blocks = doc.blocks
    for p_index, portfolio in enumerate(sample_plan.portfolios, start=1):
        for q_index, priority in enumerate(portfolio.priorities, start=1):
            heading = next(b for b in blocks if isinstance(b, ir.Heading)
                           and b.label == f"{p_index}.{q_index}" and b.text == priority.title)
            at = blocks.index(heading)
            outcome = blocks[at + 1]
            assert outcome.text == f"Outcome: {priority.outcome}"
            outputs = next(b for b in blocks[at:] if isinstance(b, ir.ListBlock))
            assert outputs.kind == "letter" and outputs.start == 1
            assert [i.label for i in outputs.items] == list("abcdefgh"[:len(priority.outputs)])
            assert [i.text for i in outputs.items] == [o.text for o in priority.outputs]
    # Sub-points are i, ii under their output.
    output = sample_plan.portfolios[0].priorities[0].outputs[1]
    heading = next(b for b in blocks if isinstance(b, ir.Heading) and b.label == "1.1")
    lst = next(b for b in blocks[blocks.index(heading):] if isinstance(b, ir.ListBlock))
    children = lst.items[1].children
    assert children.kind == "roman"
    assert [(c.label, c.text) for c in children.items] == \
        [("i", output.sub_points[0].text), ("ii", output.sub_points[1].text)]


def test_level_one_sub_points_are_bullets_under_the_point_before(sample_plan):
    from lcplanner.domain.model import SubPoint

    output = sample_plan.portfolios[0].priorities[0].outputs[1]
    output.sub_points.insert(1, SubPoint(text="a detail", level=1))
    lst = next(b for b in compose_committee_paper(sample_plan).blocks
               if isinstance(b, ir.ListBlock) and b.kind == "letter")
    first = lst.items[1].children.items[0]
    assert first.label == "i"
    assert first.children.kind == "bullet" and first.children.items[0].text == "a detail"
    assert lst.items[1].children.items[1].label == "ii"


def test_pledges_and_work_areas_are_numbered_continuously(sample_plan):
    doc = compose_committee_paper(sample_plan)
    blocks = doc.blocks
    # each part of the plan the paper's one appendix cannot hold gets an appendix of its own
    start = blocks.index(next(h for h in headings(doc) if h.text == "Appendix C: Pledges"))
    end = blocks.index(next(h for h in headings(doc)
                            if h.text == "Appendix D: Work areas by portfolio"))
    pledge_lists = [b for b in blocks[start:end] if isinstance(b, ir.ListBlock)
                    and b.kind == "number"]
    assert [(b.start, [i.label for i in b.items]) for b in pledge_lists] == \
        [(1, ["1", "2"]), (3, ["3", "4"])]
    work = [b for b in blocks[end:] if isinstance(b, ir.ListBlock)]
    labels = [i.label for b in work for i in b.items]
    assert labels == [str(n) for n in range(1, 10)]
    assert all(b.start == int(b.items[0].label) for b in work)
    # the service group gets its own heading, at its portfolio's level and in a kind of its own
    group = next(h for h in headings(doc) if h.text == "Transport services")
    portfolio = next(h for h in headings(doc)[::-1] if h.text == "Transport and Environment")
    assert (group.level, group.kind) == (portfolio.level, "service-group")
    assert portfolio.kind == "portfolio"


def test_milestones_table_has_dates_as_written_and_status_as_text(sample_plan):
    doc = compose_committee_paper(sample_plan)
    tables = [b for b in doc.blocks if isinstance(b, ir.Table)
              and b.header[0] == "Milestone"]
    assert len(tables) == 3
    rows = [r for t in tables for r in t.rows]
    assert len(rows) == 9
    by_name = {r[0].paragraphs[0].runs[0].text: r for r in rows}
    funding = by_name["Funding reform response"]
    assert [p.text for p in funding[1].paragraphs] == ["Q1 2027", "by March 2027"]
    assert [p.text for p in funding[2].paragraphs] == ["Evidence on service costs",
                                                       "Influencing national budgets"]
    status = funding[3].paragraphs[0].runs
    assert status[-1].text == "At risk" and status[-1].colour is None
    assert status[0].colour == "#ef8f00"  # colour only on the mark, never alone
    assert all(t.header == ["Milestone", "Date", "Sub-priorities", "Status"] for t in tables)


def test_organisation_comes_from_data(sample_plan):
    sample_plan.organisation = "Northern Boroughs Partnership"
    for kind in KINDS:
        text = compose(sample_plan, kind, portfolio=1).plain_text()
        assert "Northern Boroughs Partnership" in text
        assert "London Councils" not in text


def test_paper_with_no_committee_header(sample_plan):
    sample_plan.papers.clear()
    doc = compose_committee_paper(sample_plan)
    assert not any(isinstance(b, ir.Fields) for b in doc.blocks)
    assert headings(doc)[0].text == sample_plan.title
    assert_no_skipped_levels(doc)
    assert "Publish an evidence base" in doc.plain_text()


def test_portfolio_summary(sample_plan):
    doc = compose_portfolio(sample_plan, 2)
    text = doc.plain_text()
    assert doc.title == "Portfolio 2: Housing and Planning"
    assert "Portfolio holder: Cllr Ruth Okafor" in text
    assert "Shadow portfolio holder: Cllr Daniel Price" in text
    assert "2.1 Reduce the use of temporary accommodation" in text
    assert "a | Agree common rates for nightly-paid accommodation across members | " \
           "\u25cf At risk" in text
    assert "Finance and Local Services" not in text
    assert "Output lead" not in text  # no output names a lead: the field is left out
    tables = [b for b in doc.blocks if isinstance(b, ir.Table)]
    roll_up, exceptions = tables[0], tables[1]
    assert [(r[0].text, r[1].text, len(r[2].text)) for r in roll_up.rows] == [
        ("\u25cf On track", "3", 16), ("\u25cf At risk", "2", 11)]
    assert roll_up.compact and roll_up.caption == "Progress at a glance"
    assert exceptions.header == ["Ref", "Output", "Status", "Progress note"]
    assert [(r[0].text, r[2].text) for r in exceptions.rows] == [
        ("2.1 a", "\u25cf At risk"), ("2.2 a", "\u25cf At risk")]
    # page one (roll-up, exceptions) comes before the priorities
    kinds = [b.text if isinstance(b, ir.Heading) else type(b).__name__ for b in doc.blocks]
    assert kinds.index("Progress at a glance") < kinds.index("Exceptions") \
        < kinds.index("Priorities")


def test_portfolio_summary_names_output_leads_only_when_set(sample_plan):
    output = sample_plan.portfolios[1].priorities[0].outputs[0]
    output.owner = "Head of Housing Policy"
    output.progress_note = "Two members still to agree the rate card."
    doc = compose_portfolio(sample_plan, 2)
    fields = next(b for b in doc.blocks if isinstance(b, ir.Fields))
    assert ("Output lead:", "Head of Housing Policy") in fields.pairs
    exceptions = [b for b in doc.blocks if isinstance(b, ir.Table)][1]
    assert exceptions.rows[0][3].text == "Two members still to agree the rate card."


def test_plan_document(sample_plan):
    doc = compose(sample_plan, "plan")
    assert any(isinstance(b, ir.Contents) for b in doc.blocks)
    names = [h.text for h in headings(doc)]
    for expected in ("Who we are", "The way we work", "Themes", "Portfolio priorities",
                     "Objectives and milestones", "Appendix A: Pledges",
                     "Appendix B: Work areas by portfolio"):
        assert expected in names
    assert "we publish what we do and what it costs" in doc.plain_text()


def test_timeline(sample_plan):
    doc = compose(sample_plan, "timeline")
    assert doc.landscape
    timeline = next(b for b in doc.blocks if isinstance(b, ir.Timeline))
    assert [g.title for g in timeline.groups] == [o.title for o in sample_plan.objectives]
    bars = {b.label: b for g in timeline.groups for b in g.bars}
    assert (bars["Autumn budget submission"].start, bars["Autumn budget submission"].end) == \
        ("2026-09-01", "2026-09-30")
    tbc = bars["Planning specialists pool"]
    assert tbc.start is None and tbc.end is None and tbc.date_text == "TBC"
    assert all(b.milestone_id is not None for b in bars.values())
    assert timeline.axis_start <= min(b.start for b in bars.values() if b.start)
    assert timeline.axis_start.endswith("-01")
    assert [e.text for e in timeline.events][0] == "Autumn Budget"


def test_seed_2020_committee_paper(seed_2020_plan):
    doc = compose_committee_paper(seed_2020_plan)
    assert_no_skipped_levels(doc)
    priorities = [h for h in headings(doc) if h.level >= 3 and "." in h.label]
    assert len(priorities) == sum(len(p.priorities) for p in seed_2020_plan.portfolios)
    letters = [b for b in doc.blocks if isinstance(b, ir.ListBlock) and b.kind == "letter"]
    assert sum(len(b.items) for b in letters) == \
        sum(len(q.outputs) for p in seed_2020_plan.portfolios for q in p.priorities)
    assert seed_2020_plan.organisation in doc.plain_text()


def test_a_policy_event_on_two_dates_gets_two_markers(sample_store):
    from sqlalchemy import select

    from lcplanner.compose.timeline import timeline_block
    from lcplanner.domain.model import Plan, PolicyEvent

    with sample_store.transaction() as session:
        plan = session.scalars(select(Plan)).one()
        plan.policy_events.append(PolicyEvent(date_text="Oct 2026/Oct 2027",
                                              text="Autumn Budget"))
    with sample_store.session() as session:
        timeline = timeline_block(session.scalars(select(Plan)).one())
    budget = [e for e in timeline.events if e.text == "Autumn Budget"]
    assert [(e.date_text, e.start) for e in budget][-2:] == [("Oct 2026", "2026-10-01"),
                                                             ("Oct 2027", "2027-10-01")]
