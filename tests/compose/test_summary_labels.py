"""The timeline and the portfolio summary print only what a user wrote and house-style labels:
an organisation's own labels are used, an unnamed item shows a visible mark and is reported,
and nothing is called "Untitled"."""
from __future__ import annotations

from lcplanner.compose import compose_portfolio, ir
from lcplanner.compose.house_style import HouseStyle
from lcplanner.compose.timeline import compose_timeline
from lcplanner.domain.model import PolicyEvent

MARK = "[To be completed]"


def headings(doc: ir.Document) -> list[str]:
    return [b.text for b in doc.blocks if isinstance(b, ir.Heading)]


def tables(doc: ir.Document) -> list[ir.Table]:
    return [b for b in doc.blocks if isinstance(b, ir.Table)]


def test_timeline_labels_come_from_the_house_style(sample_plan):
    hs = HouseStyle()
    hs.labels.update({"timeline": "Wall chart", "milestones_in_full": "Every milestone",
                      "number_column": "#", "objective": "Aim", "policy_events": "Outside dates",
                      "not_set": "No status yet"})
    doc = compose_timeline(sample_plan, hs=hs)
    assert doc.title == f"{sample_plan.title} \u2013 Wall chart"
    assert headings(doc) == [doc.title, "Every milestone", "Outside dates"]
    milestones, events = tables(doc)
    assert milestones.header == ["#", "Milestone", "Aim", "Date", "Status"]
    assert milestones.caption == "Every milestone"
    assert events.header == ["Date", "Event"]
    assert doc.warnings == []


def test_timeline_marks_and_reports_what_nobody_named(sample_plan):
    objective = sample_plan.objectives[0]
    objective.title = ""
    objective.milestones[0].name = "  "
    sample_plan.policy_events.append(PolicyEvent(date_text="", text=""))  # an empty row
    sample_plan.policy_events.append(PolicyEvent(date_text="Mar 2031", text=""))
    doc = compose_timeline(sample_plan, hs=HouseStyle())
    chart = next(b for b in doc.blocks if isinstance(b, ir.Timeline))
    assert chart.groups[0].title == MARK
    assert chart.groups[0].bars[0].label == MARK
    assert [e.text for e in chart.events if e.date_text == "Mar 2031"] == [MARK]
    assert len(chart.events) == len(sample_plan.policy_events) - 1  # the empty row: left out
    assert "Untitled" not in doc.plain_text()
    assert doc.warnings == [
        f"Nothing has been written for an objective's title: shown as \u201c{MARK}\u201d.",
        f"Nothing has been written for a milestone's name: shown as \u201c{MARK}\u201d.",
        f"Nothing has been written for a policy event's description: shown as "
        f"\u201c{MARK}\u201d."]


def test_portfolio_summary_labels_come_from_the_house_style(sample_plan):
    hs = HouseStyle()
    hs.labels.update({"portfolio": "Brief", "plan": "Business plan:",
                      "progress_at_a_glance": "Where we are", "exceptions": "Needs attention",
                      "priorities": "What we will do", "outputs_column": "Count",
                      "progress_note": "Latest", "outputs_by_status": "By status"})
    sample_plan.portfolios[1].kind = ""
    doc = compose_portfolio(sample_plan, 2, hs=hs)
    assert doc.title == "Brief 2: Housing and Planning"
    assert headings(doc)[:4] == [doc.title, "Where we are", "Needs attention",
                                 "What we will do"]
    fields = next(b for b in doc.blocks if isinstance(b, ir.Fields))
    assert fields.pairs[0] == ("Business plan:", sample_plan.title)
    roll_up, exceptions = tables(doc)[:2]
    assert roll_up.header == ["Status", "Count", "Share of outputs"]
    assert roll_up.caption == "Where we are"  # names the table; never printed twice
    assert exceptions.header[-1] == "Latest"


def test_outputs_without_any_status_are_counted_once_among_the_facts(sample_plan):
    portfolio = sample_plan.portfolios[1]
    for priority in portfolio.priorities:
        for output in priority.outputs:
            output.status = None
    count = sum(len(p.outputs) for p in portfolio.priorities)
    doc = compose_portfolio(sample_plan, 2, hs=HouseStyle())
    fields = next(b for b in doc.blocks if isinstance(b, ir.Fields))
    assert fields.pairs[-1] == ("Outputs:", f"{count} (Not set)")
    assert "Progress at a glance" not in headings(doc)
    assert "Exceptions" not in headings(doc)
    # the outputs' tables: compact, no header row over one column, no column of "Not set"
    assert all(t.compact and t.header == [] for t in tables(doc))
    assert sum(len(t.rows) for t in tables(doc)) == count


def test_an_unnamed_portfolio_is_marked_and_reported(sample_plan):
    sample_plan.portfolios[1].name = ""
    doc = compose_portfolio(sample_plan, 2, hs=HouseStyle())
    assert doc.title == f"Portfolio 2: {MARK}"
    assert doc.warnings == [
        f"Nothing has been written for the name of portfolio 2: shown as \u201c{MARK}\u201d."]
    assert "Untitled" not in doc.plain_text()
