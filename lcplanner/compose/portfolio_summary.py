"""A portfolio summary, as managers print it: holder and shadow holder, then each priority
with its outcome and its lettered outputs with their status, and the portfolio's work areas.

Milestones belong to objectives, not portfolios, in the model; the summary therefore shows the
status of each output (what a portfolio holder answers for) and a count of outputs by status.
"""
from __future__ import annotations

from lcplanner.compose import ir
from lcplanner.compose._blocks import (NOT_SET, pledge_numbers, portfolio_blocks, portfolio_title,
                                       status_runs)
from lcplanner.domain.model import Plan


def compose_portfolio(plan: Plan, number: int) -> ir.Document:
    """Compose portfolio ``number`` (1-based, as printed) of ``plan``."""
    count = len(plan.portfolios)
    if isinstance(number, bool) or not isinstance(number, int):
        raise ValueError(f"Portfolio number must be a whole number, not {number!r}.")
    if not 1 <= number <= count:
        raise ValueError(
            f"Portfolio {number} does not exist: {plan.title or 'the plan'!r} has "
            + (f"portfolios 1 to {count}." if count > 1 else
               "one portfolio (1)." if count == 1 else "no portfolios."))
    index = number - 1
    portfolio = plan.portfolios[index]
    name = portfolio_title(portfolio, index)
    kind = (portfolio.kind or "portfolio").capitalize()
    title = f"{kind} {number}: {name}"

    blocks: list[ir.Block] = []
    if plan.organisation:
        blocks.append(ir.Paragraph.of(plan.organisation, style="meta"))
    blocks.append(ir.Heading(title, 1))
    facts = [(label, value) for label, value in (
        ("Plan:", plan.title), ("Portfolio holder:", portfolio.holder),
        ("Shadow portfolio holder:", portfolio.shadow_holder),
        ("Plan status:", plan.status_label)) if value]
    if facts:
        blocks.append(ir.Fields(facts))
    if portfolio.priorities:
        blocks.append(ir.Heading("Priorities", 2))
    blocks += portfolio_blocks(portfolio, index, 2, show_status=True,
                               pledge_numbers=pledge_numbers(plan), with_heading=False)

    counts: dict[str, list] = {}
    for priority in portfolio.priorities:
        for output in priority.outputs:
            status = output.status
            key = status.name if status is not None and status.name else NOT_SET
            counts.setdefault(key, [status, 0])[1] += 1
    if counts:
        order = {s.name: i for i, s in enumerate(plan.statuses)}
        rows = [[ir.Cell([ir.Paragraph(status_runs(status))]), ir.Cell.of(str(count))]
                for name, (status, count) in sorted(
                    counts.items(), key=lambda kv: order.get(kv[0], len(order)))]
        blocks.append(ir.Heading("Progress at a glance", 2))
        blocks.append(ir.Table(["Status", "Outputs"], rows, widths=[70, 30],
                               caption=f"Outputs by status: {name}"))

    if portfolio.work_areas:
        blocks.append(ir.Heading("Work areas", 2))
        blocks.append(ir.ListBlock([ir.ListItem([ir.Run(a.text or "")], label="\u2022")
                                    for a in portfolio.work_areas], kind="bullet"))
    return ir.Document(title=title, blocks=blocks, kind="portfolio",
                       author=plan.organisation or "", subject=plan.title or "",
                       running_title=" \u2013 ".join(p for p in (plan.title, title) if p))
