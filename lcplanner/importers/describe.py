"""The recognised plan as indented text with derived numbers, for ``lcplanner import --dry-run``."""
from __future__ import annotations

import re

from lcplanner.domain.counts import count_plan
from lcplanner.domain.model import Plan
from lcplanner.domain.numbering import arabic, dotted, letter, roman

def _short(text: str | None, limit: int = 160) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[:limit - 1].rstrip() + "…"


def describe(plan: Plan) -> str:
    """The recognised tree as indented text with derived numbers, for a dry run."""
    out: list[str] = []
    add = out.append
    add(f"Plan: {plan.title}" + (f" ({plan.period})" if plan.period else ""))
    add(f"  Status: {plan.status_label}" + (f"; organisation: {plan.organisation}"
                                            if plan.organisation else ""))
    for paper in plan.papers:
        add("Committee paper")
        for label, value in (("Committee", paper.committee), ("Item", paper.item_number),
                             ("Meeting date", paper.meeting_date), ("Title", paper.title),
                             ("Report by", paper.report_by), ("Job title", paper.job_title),
                             ("Contact officer", paper.contact_officer),
                             ("Telephone", paper.telephone), ("Email", paper.email),
                             ("Summary", _short(paper.summary)),
                             ("Financial implications", _short(paper.financial_implications)),
                             ("Legal implications", _short(paper.legal_implications)),
                             ("Equalities implications",
                              _short(paper.equalities_implications))):
            if value:
                add(f"  {label}: {value}")
        if paper.recommendations:
            add("  Recommendations" + (f": {_short(paper.recommendations_intro)}"
                                       if paper.recommendations_intro else ""))
            for k, rec in enumerate(paper.recommendations):
                add(f"    {arabic(k)} {_short(rec.text)}")
        for k, section in enumerate(paper.body):
            add(f"  Section {arabic(k)} {section.title or '(untitled)'}"
                f" ({len(section.paragraphs)} paragraphs)")
        for k, appendix in enumerate(paper.appendices):
            # a title that names its appendix ("Appendix A: …") is shown as the paper shows it
            named = re.match(r"appendix\s+\w+\s*[:.–—-]", appendix.title or "", re.I)
            add(f"  {appendix.title}" if named else
                f"  Appendix {letter(k).upper()}: {appendix.title}")
    if plan.sections:
        add("Narrative sections")
        for section in plan.sections:
            add(f"  {section.title or '(untitled)'} ({len(section.paragraphs)} paragraphs,"
                f" {len(section.points)} points)")
    if plan.themes:
        add("Themes")
        for k, theme in enumerate(plan.themes):
            add(f"  {arabic(k)} {theme.name}")
    if plan.portfolios:
        add("Portfolios")
    pledge_no = work_no = 0
    for p, portfolio in enumerate(plan.portfolios):
        kind = " (directorate)" if portfolio.kind == "directorate" else ""
        add(f"  {arabic(p)} {portfolio.name}{kind}")
        if portfolio.holder or portfolio.shadow_holder:
            holders = [f"Holder: {portfolio.holder}"] if portfolio.holder else []
            if portfolio.shadow_holder:
                holders.append(f"{'s' if holders else 'S'}hadow: {portfolio.shadow_holder}")
            add("      " + "; ".join(holders))
        if portfolio.note:
            add(f"      Note: {_short(portfolio.note)}")
        if portfolio.service_groups:
            add("      Service groups: " + "; ".join(g.name for g in portfolio.service_groups))
        for q, priority in enumerate(portfolio.priorities):
            group = f" [{priority.service_group.name}]" if priority.service_group else ""
            add(f"    {dotted(p, q)} {_short(priority.title)}{group}")
            if priority.outcome:
                add(f"        Outcome: {_short(priority.outcome)}")
            if priority.note:
                add(f"        Note: {_short(priority.note)}")
            for r, output in enumerate(priority.outputs):
                add(f"        {letter(r)} {_short(output.text)}")
                level0 = -1
                for sub in output.sub_points:
                    if sub.level == 0:
                        level0 += 1
                        add(f"            {roman(max(level0, 0))} {_short(sub.text)}")
                    else:
                        add(f"              • {_short(sub.text)}")
        for area in portfolio.work_areas:
            work_no += 1
            group = f" [{area.service_group.name}]" if area.service_group else ""
            add(f"    {work_no} {_short(area.text)}{group}")
    if plan.core_areas:
        add("Core areas: " + "; ".join(a.name for a in plan.core_areas))
    if plan.objectives:
        add("Objectives")
    for o, objective in enumerate(plan.objectives):
        add(f"  {arabic(o)} {objective.title}: {_short(objective.strapline)}")
        if objective.core_area is not None:
            add(f"    Core area: {objective.core_area.name}")
        for s, sub in enumerate(objective.sub_priorities):
            add(f"    {dotted(o, s)} {sub.title}")
        for m, milestone in enumerate(objective.milestones):
            add(f"    Milestone {dotted(o, m)}: {_short(milestone.name, 100)}")
            add("        Dates: " + ("; ".join(d.text for d in milestone.dates) or "none"))
            add("        Tags: " + ("; ".join(t.title for t in milestone.tags) or "none"))
            if milestone.owner or milestone.status is not None:
                add(f"        Lead: {milestone.owner or 'none'}; status: "
                    f"{milestone.status.name if milestone.status is not None else 'none'}")
    if plan.pledge_areas:
        add("Pledges")
    for area in plan.pledge_areas:
        add(f"  {area.name}")
        for pledge in area.pledges:
            pledge_no += 1
            add(f"    {pledge_no} {_short(pledge.text)}")
            for point in pledge.points:
                add(f"        • {_short(point.text)}")
    if plan.policy_events:
        add("Policy events")
        for event in plan.policy_events:
            add(f"  {event.date_text}: {_short(event.text)}")
    counts = count_plan(plan)
    add("Counts: " + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in counts.items() if v))
    return "\n".join(out)
