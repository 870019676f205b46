"""The plan as a document of its own: cover, contents, narrative, themes, portfolios,
objectives and milestones, then pledges and work areas as appendices.

Outline: the plan's title is level 1; every main part (each narrative section, "Themes",
"Portfolio priorities", "Objectives and milestones") is level 2 beneath it; appendices are level
1 parts of their own.
"""
from __future__ import annotations

from lcplanner.compose import ir
from lcplanner.compose._blocks import (milestones_part, pledge_numbers, pledges_part,
                                       portfolio_blocks, text_blocks, work_areas_part)
from lcplanner.domain.model import Plan


def compose_plan(plan: Plan) -> ir.Document:
    title = plan.title or "Business plan"
    blocks: list[ir.Block] = []
    if plan.organisation:
        blocks.append(ir.Paragraph.of(plan.organisation, style="meta"))
    blocks.append(ir.Heading(title, 1))
    facts = [(label, value) for label, value in (
        ("Period:", plan.period), ("Status:", plan.status_label)) if value]
    if facts:
        blocks.append(ir.Fields(facts))
    blocks.append(ir.Contents())
    blocks.append(ir.PageBreak())

    for section in plan.sections:
        blocks.append(ir.Heading(section.title or "Untitled section", 2))
        blocks += text_blocks(section.body)
        if section.points:
            blocks.append(ir.ListBlock([ir.ListItem([ir.Run(p.text or "")], label="\u2022")
                                        for p in section.points], kind="bullet"))

    if plan.themes:
        blocks.append(ir.Heading("Themes", 2))
        for theme in plan.themes:
            blocks.append(ir.Heading(theme.name or "Untitled theme", 3))
            blocks += text_blocks(theme.description)

    pledges = pledge_numbers(plan)
    if any(p.priorities for p in plan.portfolios):
        blocks.append(ir.Heading("Portfolio priorities", 2))
        for index, portfolio in enumerate(plan.portfolios):
            blocks += portfolio_blocks(portfolio, index, 3, show_status=True,
                                       pledge_numbers=pledges)

    blocks += milestones_part(plan, 2)

    appendix = iter("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    for part in (pledges_part(plan, 1, title="Pledges"),
                 work_areas_part(plan, 1, title="Work areas by portfolio")):
        if part:
            first = part[0]
            assert isinstance(first, ir.Heading)
            first.text = f"Appendix {next(appendix)}: {first.text}"
            blocks.append(ir.PageBreak())
            blocks += part
    return ir.Document(title=title, blocks=blocks, kind="plan",
                       author=plan.organisation or "",
                       subject=" ".join(p for p in (plan.organisation, plan.period) if p),
                       running_title=" \u2013 ".join(p for p in (plan.organisation, title) if p))
