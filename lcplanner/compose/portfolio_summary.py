"""A portfolio summary that summarises, as a portfolio holder reads it before a meeting.

Page one: the portfolio, its holder and shadow holder (and the output leads, when outputs name
them: the model has no lead officer for a portfolio, so none is invented), the roll-up of
outputs by status (a small bar chart and the counts), then the exceptions, the outputs at risk
or off track, with their progress notes. From page two: each priority with its outcome and its
lettered outputs with their status, and the portfolio's work areas.

Milestones belong to objectives, not portfolios, in the model; the summary therefore rolls up
the status of each output (what a portfolio holder answers for).

Every label and heading is house style (:class:`HouseStyle`); a portfolio nobody has named
shows the visible "[To be completed]" mark and is reported as a warning.
"""
from __future__ import annotations

from lcplanner.compose import ir
from lcplanner.compose._blocks import pledge_numbers, portfolio_blocks, portfolio_title, status_runs
from lcplanner.compose.house_style import HouseStyle, for_organisation
from lcplanner.domain import numbering
from lcplanner.domain.model import Plan

#: Status names (case-insensitive) that make an output an exception on page one.
EXCEPTIONS = ("at risk", "off track")
#: The longest bar in the roll-up chart, in block characters.
BAR = 16


def compose_portfolio(plan: Plan, number: int, *, hs: HouseStyle | None = None) -> ir.Document:
    """Compose portfolio ``number`` (1-based, as printed) of ``plan``."""
    count = len(plan.portfolios)
    if isinstance(number, bool) or not isinstance(number, int):
        raise ValueError(f"Portfolio number must be a whole number, not {number!r}.")
    if not 1 <= number <= count:
        raise ValueError(
            f"Portfolio {number} does not exist: {plan.title or 'the plan'!r} has "
            + (f"portfolios 1 to {count}." if count > 1 else
               "one portfolio (1)." if count == 1 else "no portfolios."))
    hs = hs or for_organisation(plan.organisation)
    index = number - 1
    portfolio = plan.portfolios[index]
    name = portfolio_title(portfolio, index, hs)
    kind = (portfolio.kind or "").strip().capitalize() or hs["portfolio"]
    title = f"{kind} {number}: {name}"

    blocks: list[ir.Block] = []
    if plan.organisation:
        blocks.append(ir.Paragraph.of(plan.organisation, style="meta"))
    blocks.append(ir.Heading(title, 1, kind="title"))
    leads = list(dict.fromkeys(o.owner.strip() for p in portfolio.priorities
                               for o in p.outputs if (o.owner or "").strip()))
    outputs = [o for p in portfolio.priorities for o in p.outputs]
    # no output has a status yet: a one-bar chart would say nothing, so the roll-up is the
    # count with "Not set", once, among the facts; and no column of "Not set" further down
    statuses = any(o.status is not None and o.status.name for o in outputs)
    facts = [(label, value) for label, value in (
        (hs["plan"], plan.title), (hs["portfolio_holder"], portfolio.holder),
        (hs["shadow_holder"], portfolio.shadow_holder),
        (hs["output_leads"] if len(leads) > 1 else hs["output_lead"], ", ".join(leads)),
        (hs["plan_status"], plan.status_label)) if value]
    if outputs and not statuses:
        facts.append((hs["outputs_count"], f"{len(outputs)} ({hs['not_set']})"))
    if facts:
        blocks.append(ir.Fields(facts))
    if statuses:
        blocks += _roll_up(plan, portfolio, hs)
        blocks += _exceptions(portfolio, index, hs)

    if portfolio.priorities:
        blocks.append(ir.Heading(hs["priorities"], 2, kind="part"))
    with_outputs = iter([p for p in portfolio.priorities if p.outputs])
    for block in portfolio_blocks(portfolio, index, 2, show_status=False,
                                  pledge_numbers=pledge_numbers(plan), with_heading=False,
                                  hs=hs):
        if isinstance(block, ir.ListBlock) and block.kind == "letter":
            # the outputs of the next priority that has some
            block = _as_table(block, next(with_outputs).outputs, hs, statuses)
        blocks.append(block)
    if portfolio.work_areas:
        blocks.append(ir.Heading(hs["work_areas_short"], 2, kind="part"))
        blocks.append(ir.ListBlock([ir.ListItem([ir.Run(a.text or "")], label="\u2022")
                                    for a in portfolio.work_areas], kind="bullet"))
    return ir.Document(title=title, blocks=blocks, kind="portfolio",
                       author=plan.organisation or "", subject=plan.title or "",
                       running_title=" \u2013 ".join(p for p in (plan.title, title) if p),
                       warnings=hs.warnings)


def _roll_up(plan: Plan, portfolio, hs: HouseStyle) -> list[ir.Block]:
    """Outputs by status, in the plan's order of statuses: counts and a bar for each."""
    counts: dict[str, list] = {}
    for priority in portfolio.priorities:
        for output in priority.outputs:
            status = output.status
            key = status.name if status is not None and status.name else hs["not_set"]
            counts.setdefault(key, [status, 0])[1] += 1
    if not counts:
        return []
    order = {s.name: i for i, s in enumerate(plan.statuses)}
    most = max(n for _, n in counts.values())
    rows = []
    for _, (status, n) in sorted(counts.items(), key=lambda kv: order.get(kv[0], len(order))):
        bar = "\u2588" * max(1, round(BAR * n / most))
        rows.append([ir.Cell([ir.Paragraph(status_runs(status, hs))]), ir.Cell.of(str(n)),
                     ir.Cell([ir.Paragraph([ir.Run(bar, colour=_bar_colour(status))])])])
    # the caption names the table for screen readers (Word's table title); printed, it
    # would only repeat the heading above it, so it is the heading's own words
    return [ir.Heading(hs["progress_at_a_glance"], 2, kind="part"),
            ir.Table([hs["status"], hs["outputs_column"], hs["share_column"]], rows,
                     widths=[34, 14, 52], caption=hs["progress_at_a_glance"], compact=True)]


def _bar_colour(status) -> str | None:
    colour = getattr(status, "colour", None) or ""
    return colour.lower() if len(colour) == 7 and colour.startswith("#") else None


def _exceptions(portfolio, index: int, hs: HouseStyle) -> list[ir.Block]:
    """The outputs at risk or off track, with their progress notes (left out when none)."""
    rows = []
    for p_index, priority in enumerate(portfolio.priorities):
        for o_index, output in enumerate(priority.outputs):
            status = output.status
            if status is None or (status.name or "").strip().casefold() not in EXCEPTIONS:
                continue
            ref = f"{numbering.dotted(index, p_index)} {numbering.letter(o_index)}"
            rows.append([ir.Cell.of(ref), ir.Cell.of(output.text or ""),
                         ir.Cell([ir.Paragraph(status_runs(status, hs))]),
                         ir.Cell.of(output.progress_note or "")])
    if not rows:
        return []
    return [ir.Heading(hs["exceptions"], 2, kind="part"),
            ir.Table([hs["ref"], hs["output"], hs["status"], hs["progress_note"]], rows,
                     widths=[9, 45, 14, 32], caption=hs["exceptions_caption"], compact=True)]


def _as_table(outputs: ir.ListBlock, stored: list, hs: HouseStyle,
              statuses: bool = True) -> ir.Table:
    """A priority's outputs as a compact table: letter, output (its sub-points as lines),
    status. Denser than a list, so a year's portfolio reads in two pages."""
    rows = []
    for item, output in zip(outputs.items, stored):
        paragraphs = [ir.Paragraph(list(item.runs))]
        for child in (item.children.items if item.children else []):
            paragraphs.append(ir.Paragraph(list(child.runs), label=child.label))
        row = [ir.Cell.of(item.label), ir.Cell(paragraphs)]
        if statuses:
            row.append(ir.Cell([ir.Paragraph(status_runs(output.status, hs))]))
        rows.append(row)
    if not statuses:  # one column of text under its letters: no header row to say so
        return ir.Table([], rows, widths=[4, 96], compact=True)
    return ir.Table(["", hs["output"], hs["status"]], rows, widths=[4, 78, 18], compact=True)
