"""The plan as a document of its own: cover, contents, narrative, themes, portfolios,
objectives and milestones, then pledges and work areas as appendices.

Outline: the plan's title is level 1; every main part (each narrative section, "Themes",
"Portfolio priorities", "Objectives and milestones") is level 2 beneath it; appendices are level
1 parts of their own.
"""
from __future__ import annotations

from lcplanner.compose import ir
from lcplanner.compose._blocks import (milestones_part, narrative_blocks, pledge_numbers,
                                       pledges_part, portfolio_blocks, theme_blocks,
                                       work_areas_part)
from lcplanner.compose.house_style import HouseStyle, for_organisation
from lcplanner.domain.model import Plan


def compose_plan(plan: Plan, *, hs: HouseStyle | None = None) -> ir.Document:
    hs = hs or for_organisation(plan.organisation)
    title = plan.title or hs.missing("the plan's title")
    blocks: list[ir.Block] = []
    if plan.organisation:
        blocks.append(ir.Paragraph.of(plan.organisation, style="meta"))
    blocks.append(ir.Heading(title, 1, kind="title"))
    facts = [(label, value) for label, value in (
        (hs["period"], plan.period), (hs["plan_status"], plan.status_label)) if value]
    if facts:
        blocks.append(ir.Fields(facts))
    blocks.append(ir.Contents(hs["contents"]))
    blocks.append(ir.PageBreak())

    for section in plan.sections:
        blocks += narrative_blocks(section, hs)

    if plan.themes:
        blocks.append(ir.Heading(hs["themes"], 2, kind="part"))
        blocks += theme_blocks(plan, hs, 3)

    pledges = pledge_numbers(plan)
    if any(p.priorities for p in plan.portfolios):
        blocks.append(ir.Heading(hs["portfolio_priorities"], 2, kind="part"))
        for index, portfolio in enumerate(plan.portfolios):
            if portfolio.priorities or (portfolio.note and not portfolio.work_areas):
                blocks += portfolio_blocks(portfolio, index, 3, show_status=True,
                                           pledge_numbers=pledges, hs=hs)

    blocks += milestones_part(plan, 2, hs=hs)

    appendix = 0
    for key, build in (("pledges", pledges_part), ("work_areas", work_areas_part)):
        part = build(plan, 2, hs=hs, with_heading=False)
        if part:
            blocks.append(ir.PageBreak())
            blocks.append(ir.Heading(f"{hs.appendix_label(appendix, '')}: {hs[key]}", 1,
                                     kind="appendix"))
            blocks += part
            appendix += 1
    return ir.Document(title=title, blocks=blocks, kind="plan",
                       author=plan.organisation or "",
                       subject=" ".join(p for p in (plan.organisation, plan.period) if p),
                       running_title=" \u2013 ".join(p for p in (plan.organisation, title) if p),
                       warnings=hs.warnings)
