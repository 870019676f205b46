"""The timeline of all milestones: one bar per milestone on a month axis, grouped by
objective, with policy events as markers. Dates stay as written (``date_text``); the span
comes from :class:`FuzzyDate` and is None for TBC or unreadable dates.

Every label is house style (:class:`HouseStyle`); a milestone or objective nobody has named
shows the visible "[To be completed]" mark and is reported, and a policy event with neither
text nor date is left out (there is nothing to place or say).
"""
from __future__ import annotations

from calendar import monthrange
from datetime import date

from lcplanner.compose import ir
from lcplanner.compose.house_style import HouseStyle, for_organisation
from lcplanner.domain.fuzzy_date import FuzzyDate, parse_dates
from lcplanner.domain.model import Milestone, Plan


def _span(fuzzies: list[FuzzyDate]) -> tuple[date | None, date | None]:
    starts = [d for f in fuzzies for d in (f.start, f.end) if d is not None]
    if not starts:
        return None, None
    firsts = [f.start or f.end for f in fuzzies if f.start or f.end]
    lasts = [f.end or f.start for f in fuzzies if f.start or f.end]
    return min(firsts), max(lasts)


def _bar(milestone: Milestone, financial: bool, hs: HouseStyle) -> ir.TimelineBar:
    fuzzies = [FuzzyDate.parse(d.text or "", financial=financial) for d in milestone.dates]
    start, end = _span(fuzzies)
    status = milestone.status
    return ir.TimelineBar(
        label=(milestone.name or "").strip() or hs.missing("a milestone's name"),
        start=start.isoformat() if start else None, end=end.isoformat() if end else None,
        date_text="; ".join(d.text for d in milestone.dates if d.text) or hs["no_date"],
        status=status.name if status is not None else "",
        colour=status.colour if status is not None else None,
        milestone_id=milestone.id)


def timeline_block(plan: Plan, hs: HouseStyle | None = None) -> ir.Timeline:
    hs = hs or HouseStyle()
    financial = bool(plan.financial_quarters)
    groups = [ir.TimelineGroup((o.title or "").strip() or hs.missing("an objective's title"),
                               [_bar(m, financial, hs) for m in o.milestones])
              for o in plan.objectives if o.milestones]
    events = []
    for event in plan.policy_events:
        text = (event.text or "").strip()
        if not text:
            if not (event.date_text or "").strip():
                continue  # an empty row: nothing to place and nothing to say
            text = hs.missing("a policy event's description")
        # "Oct 2022/Oct 2023 Autumn Budget" happens twice: one marker for each date.
        dates = parse_dates(event.date_text or "", financial=financial) or [
            FuzzyDate.parse("", financial=financial)]
        for when in dates:
            start, end = _span([when])
            events.append(ir.TimelineEvent(text, when.text or hs["no_date"],
                                           start.isoformat() if start else None,
                                           end.isoformat() if end else None))
    days = [date.fromisoformat(d) for g in groups for b in g.bars for d in (b.start, b.end) if d]
    days += [date.fromisoformat(d) for e in events for d in (e.start, e.end) if d]
    axis_start = axis_end = None
    if days:
        first, last = min(days), max(days)
        axis_start = first.replace(day=1).isoformat()
        axis_end = last.replace(day=monthrange(last.year, last.month)[1]).isoformat()
    return ir.Timeline(groups, events, axis_start, axis_end)


def timeline_tables(chart: ir.Timeline, hs: HouseStyle | None = None) -> list[ir.Block]:
    """The chart's milestones in full, numbered as in the chart (which shortens long names),
    and the policy events; a page of its own after the chart."""
    hs = hs or HouseStyle()
    rows = []
    number = 0
    for group in chart.groups:
        for bar in group.bars:
            number += 1
            status = [ir.Run("\u25cf ", colour=bar.colour), ir.Run(bar.status)] \
                if bar.status else [ir.Run(hs["not_set"])]
            rows.append([ir.Cell.of(str(number)), ir.Cell.of(bar.label),
                         ir.Cell.of(group.title), ir.Cell.of(bar.date_text),
                         ir.Cell([ir.Paragraph(status)])])
    blocks: list[ir.Block] = []
    if rows:
        blocks += [ir.PageBreak(), ir.Heading(hs["milestones_in_full"], 2, kind="part"),
                   ir.Table([hs["number_column"], hs["milestone"], hs["objective"], hs["date"],
                             hs["status"]], rows,
                            widths=[5, 43, 24, 16, 12], caption=hs["milestones_in_full"])]
    if chart.events:
        blocks += [ir.Heading(hs["policy_events"], 2, kind="part"),
                   ir.Table([hs["date"], hs["event"]],
                            [[ir.Cell.of(e.date_text), ir.Cell.of(e.text)] for e in chart.events],
                            widths=[25, 75], caption=hs["policy_events"])]
    return blocks


def compose_timeline(plan: Plan, *, hs: HouseStyle | None = None) -> ir.Document:
    hs = hs or for_organisation(plan.organisation)
    name = (plan.title or "").strip()
    title = f"{name} \u2013 {hs['timeline']}" if name else hs["timeline"]
    blocks: list[ir.Block] = []
    if plan.organisation:
        blocks.append(ir.Paragraph.of(plan.organisation, style="meta"))
    chart = timeline_block(plan, hs)
    blocks += [ir.Heading(title, 1, kind="title"), chart, *timeline_tables(chart, hs)]
    return ir.Document(title=title, blocks=blocks, kind="timeline",
                       author=plan.organisation or "", subject=plan.title or "",
                       running_title=title, landscape=True, warnings=hs.warnings)
