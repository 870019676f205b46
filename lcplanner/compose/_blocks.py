"""Building blocks shared by the composers: one plan part → a run of IR blocks.

The committee paper's appendix, the plan document and the portfolio summary all show the same
portfolios, priorities, outputs, milestones, pledges and work areas; composing them here once
keeps the three documents identical in wording and numbering. Heading levels are passed in, so
each document can place a part under its own outline without ever skipping a level.
"""
from __future__ import annotations

import re
from typing import Iterable

from lcplanner.compose import ir
from lcplanner.domain import numbering
from lcplanner.domain.model import (Milestone, Objective, Output, Plan, Portfolio, Priority,
                                    StatusLabel, split_paragraphs)

#: The coloured mark put before a status name; the name itself carries the meaning.
STATUS_MARK = "\u25cf "
NOT_SET = "Not set"
_BULLET_LINE = re.compile(r"^\s*(?:[-\u2022\u25aa\u25cf*\u2013])\s+")


def status_runs(status: StatusLabel | None) -> list[ir.Run]:
    """A status as text with a coloured mark before it: never colour alone."""
    if status is None or not (status.name or "").strip():
        return [ir.Run(NOT_SET)]
    return [ir.Run(STATUS_MARK, colour=_colour(status.colour)), ir.Run(status.name)]


def _colour(value: str | None) -> str | None:
    if value and re.fullmatch(r"#[0-9a-fA-F]{6}", value):
        return value.lower()
    return None


def text_blocks(text: str | None, *, style: str = "body",
                labels: Iterable[str] | None = None) -> list[ir.Block]:
    """Blank-line separated paragraphs; lines starting "- " or "•" become a bullet list.

    ``labels`` (an iterator of "1.1", "1.2" …) numbers each paragraph that starts with text;
    a block that is only bullets continues the paragraph before it and takes no number.
    """
    blocks: list[ir.Block] = []
    label_iter = iter(labels) if labels is not None else None
    for chunk in split_paragraphs(text):
        prose: list[str] = []
        bullets: list[str] = []
        for line in chunk.split("\n"):
            if _BULLET_LINE.match(line):
                bullets.append(_BULLET_LINE.sub("", line, count=1).strip())
            elif bullets and line.strip():
                bullets[-1] += " " + line.strip()  # a bullet's wrapped second line
            elif line.strip():
                prose.append(line.strip())
        if prose:
            label = next(label_iter) if label_iter is not None else ""
            blocks.append(ir.Paragraph([ir.Run(" ".join(prose))], style=style, label=label))
        if bullets:
            blocks.append(ir.ListBlock([ir.ListItem([ir.Run(b)], label="\u2022")
                                        for b in bullets if b], kind="bullet"))
    return blocks


def section_labels(section: int) -> Iterable[str]:
    """1.1, 1.2, … for the paragraphs of body section ``section`` (0-based)."""
    index = 0
    while True:
        yield numbering.dotted(section, index)
        index += 1


# --- portfolios, priorities, outputs --------------------------------------------------------


def holder_line(portfolio: Portfolio) -> ir.Paragraph | None:
    runs: list[ir.Run] = []
    if portfolio.holder:
        runs += [ir.Run("Portfolio holder: ", bold=True), ir.Run(portfolio.holder)]
    if portfolio.shadow_holder:
        if runs:
            runs.append(ir.Run("\n"))
        runs += [ir.Run("Shadow portfolio holder: ", bold=True), ir.Run(portfolio.shadow_holder)]
    return ir.Paragraph(runs, style="meta") if runs else None


def portfolio_title(portfolio: Portfolio, index: int) -> str:
    return portfolio.name or f"{portfolio.kind.capitalize()} {numbering.arabic(index)}"


def outputs_list(priority: Priority, *, show_status: bool) -> ir.ListBlock | None:
    """The lettered outputs of a priority, with their i, ii sub-points and bullets."""
    items = [_output_item(output, index, show_status=show_status)
             for index, output in enumerate(priority.outputs)]
    return ir.ListBlock(items, kind="letter") if items else None


def _output_item(output: Output, index: int, *, show_status: bool) -> ir.ListItem:
    runs = [ir.Run(output.text or "")]
    extra: list[ir.Paragraph] = []
    if show_status:
        if output.status is not None and output.status.name:
            runs += [ir.Run(" \u2013 "), *status_runs(output.status)]
        if output.owner:
            extra.append(ir.Paragraph([ir.Run("Lead: "), ir.Run(output.owner)], style="note"))
        if output.progress_note:
            extra.append(ir.Paragraph.of(output.progress_note, style="note"))
    return ir.ListItem(runs, label=numbering.letter(index), children=_sub_points(output),
                       extra=extra)


def _sub_points(output: Output) -> ir.ListBlock | None:
    """Level 0 points are i, ii, iii; level 1 points are bullets under the point before them."""
    items: list[ir.ListItem] = []
    loose: list[ir.ListItem] = []  # level 1 points before any level 0 point
    for point in output.sub_points:
        if point.level and items:
            last = items[-1]
            if last.children is None:
                last.children = ir.ListBlock([], kind="bullet")
            last.children.items.append(ir.ListItem([ir.Run(point.text or "")], label="\u2022"))
        elif point.level:
            loose.append(ir.ListItem([ir.Run(point.text or "")], label="\u2022"))
        else:
            items.append(ir.ListItem([ir.Run(point.text or "")],
                                     label=numbering.roman(len(items))))
    if not items and loose:
        return ir.ListBlock(loose, kind="bullet")
    if loose:  # keep their meaning: bullets ahead of the first numbered point
        items[0].children = items[0].children or ir.ListBlock([], kind="bullet")
        items[0].children.items[:0] = loose
    return ir.ListBlock(items, kind="roman") if items else None


def priority_blocks(priority: Priority, label: str, level: int, *, show_status: bool,
                    pledge_numbers: dict[int, str] | None = None) -> list[ir.Block]:
    blocks: list[ir.Block] = [ir.Heading(priority.title or "Untitled priority", level, label)]
    if priority.outcome:
        blocks.append(ir.Paragraph([ir.Run("Outcome: ", bold=True),
                                    ir.Run(" ".join(split_paragraphs(priority.outcome)))]))
    links: list[str] = []
    if priority.themes:
        names = ", ".join(t.name for t in priority.themes if t.name)
        if names:
            links.append(f"Theme: {names}")
    if pledge_numbers and priority.pledges:
        numbers = [pledge_numbers[p.id] for p in priority.pledges if p.id in pledge_numbers]
        if numbers:
            links.append(("Pledge " if len(numbers) == 1 else "Pledges ") + ", ".join(numbers))
    if links:
        blocks.append(ir.Paragraph.of(". ".join(links) + ".", style="note"))
    if priority.note:
        blocks += text_blocks(priority.note, style="note")
    outputs = outputs_list(priority, show_status=show_status)
    if outputs:
        blocks.append(outputs)
    return blocks


def portfolio_blocks(portfolio: Portfolio, index: int, level: int, *, show_status: bool,
                     pledge_numbers: dict[int, str] | None = None,
                     with_heading: bool = True) -> list[ir.Block]:
    """A portfolio heading (level), its priorities (level + 1, or + 2 under service groups)."""
    number = numbering.arabic(index)
    blocks: list[ir.Block] = []
    if with_heading:
        blocks.append(ir.Heading(portfolio_title(portfolio, index), level, number))
        holder = holder_line(portfolio)
        if holder:
            blocks.append(holder)
    if portfolio.note:
        blocks += text_blocks(portfolio.note, style="note")
    group = None
    for p_index, priority in enumerate(portfolio.priorities):
        if priority.service_group is not group:
            group = priority.service_group
            if group is not None:
                blocks.append(ir.Heading(group.name or "Service group", level + 1))
        depth = level + (2 if group is not None else 1)
        blocks += priority_blocks(priority, numbering.dotted(index, p_index), depth,
                                  show_status=show_status, pledge_numbers=pledge_numbers)
    return blocks


# --- objectives and milestones --------------------------------------------------------------

MILESTONE_HEADER = ["Milestone", "Date", "Sub-priorities", "Status"]
MILESTONE_WIDTHS = [48, 16, 22, 14]


def milestone_row(milestone: Milestone) -> list[ir.Cell]:
    name = ir.Paragraph([ir.Run(milestone.name or "Untitled milestone", bold=True)])
    if milestone.text:
        name.runs += [ir.Run("\n"), ir.Run(" ".join(split_paragraphs(milestone.text)))]
    dates = [ir.Paragraph.of(d.text) for d in milestone.dates if d.text] or \
        [ir.Paragraph.of("TBC")]
    tags = [ir.Paragraph.of(t.title) for t in milestone.tags if t.title] or \
        [ir.Paragraph.of("None")]
    return [ir.Cell([name]), ir.Cell(dates), ir.Cell(tags),
            ir.Cell([ir.Paragraph(status_runs(milestone.status))])]


def objective_blocks(objective: Objective, level: int) -> list[ir.Block]:
    blocks: list[ir.Block] = [ir.Heading(objective.title or "Untitled objective", level)]
    if objective.strapline:
        blocks.append(ir.Paragraph([ir.Run(objective.strapline, italic=True)], style="lead"))
    if objective.core_area is not None and objective.core_area.name:
        blocks.append(ir.Paragraph.of(f"Core area: {objective.core_area.name}", style="note"))
    if objective.sub_priorities:
        blocks.append(ir.Paragraph([ir.Run("Sub-priorities:")]))
        blocks.append(ir.ListBlock([ir.ListItem([ir.Run(s.title)], label="\u2022")
                                    for s in objective.sub_priorities], kind="bullet"))
    if objective.milestones:
        blocks.append(ir.Table(MILESTONE_HEADER,
                               [milestone_row(m) for m in objective.milestones],
                               widths=list(MILESTONE_WIDTHS),
                               caption=f"Milestones: {objective.title}"))
    return blocks


def milestones_part(plan: Plan, level: int, *, title: str = "Objectives and milestones"
                    ) -> list[ir.Block]:
    if not plan.objectives and not plan.policy_events:
        return []
    blocks: list[ir.Block] = [ir.Heading(title, level)]
    for objective in plan.objectives:
        blocks += objective_blocks(objective, level + 1)
    if plan.policy_events:
        blocks.append(ir.Heading("Policy events", level + 1))
        blocks.append(ir.Table(["Date", "Event"],
                               [[ir.Cell.of(e.date_text or "TBC"), ir.Cell.of(e.text or "")]
                                for e in plan.policy_events],
                               widths=[25, 75], caption="Policy events"))
    return blocks


# --- pledges and work areas -----------------------------------------------------------------


def pledge_numbers(plan: Plan) -> dict[int, str]:
    """Pledge id → its number, counted continuously across areas (unsaved pledges skipped)."""
    out: dict[int, str] = {}
    index = 0
    for area in plan.pledge_areas:
        for pledge in area.pledges:
            if pledge.id is not None:
                out[pledge.id] = numbering.arabic(index)
            index += 1
    return out


def pledges_part(plan: Plan, level: int, *, title: str = "Pledges") -> list[ir.Block]:
    if not any(area.pledges for area in plan.pledge_areas):
        return []
    blocks: list[ir.Block] = [ir.Heading(title, level)]
    index = 0
    for area in plan.pledge_areas:
        blocks.append(ir.Heading(area.name or "Pledges", level + 1))
        if not area.pledges:
            continue
        items = []
        for pledge in area.pledges:
            children = None
            if pledge.points:
                children = ir.ListBlock([ir.ListItem([ir.Run(p.text or "")], label="\u2022")
                                         for p in pledge.points], kind="bullet")
            items.append(ir.ListItem([ir.Run(pledge.text or "")],
                                     label=numbering.arabic(index), children=children))
            index += 1
        blocks.append(ir.ListBlock(items, kind="number", start=index - len(items) + 1))
    return blocks


def work_areas_part(plan: Plan, level: int, *, title: str = "Work areas by portfolio"
                    ) -> list[ir.Block]:
    """Work areas numbered 1 … n continuously across portfolios and service groups."""
    if not any(p.work_areas for p in plan.portfolios):
        return []
    blocks: list[ir.Block] = [ir.Heading(title, level)]
    index = 0
    for p_index, portfolio in enumerate(plan.portfolios):
        if not portfolio.work_areas:
            continue
        blocks.append(ir.Heading(portfolio_title(portfolio, p_index), level + 1,
                                 numbering.arabic(p_index)))
        group = None
        run: list[ir.ListItem] = []

        def flush() -> None:
            if run:
                blocks.append(ir.ListBlock(list(run), kind="number",
                                           start=index - len(run) + 1))
                run.clear()

        for area in portfolio.work_areas:
            if area.service_group is not group:
                flush()
                group = area.service_group
                if group is not None:
                    blocks.append(ir.Heading(group.name or "Service group", level + 2))
            run.append(ir.ListItem([ir.Run(area.text or "")], label=numbering.arabic(index)))
            index += 1
        flush()
    return blocks
