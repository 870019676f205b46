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
from lcplanner.compose.house_style import DEFAULT_LABELS, HouseStyle
from lcplanner.domain import numbering
from lcplanner.domain.model import (Milestone, Objective, Output, Plan, Portfolio, Priority,
                                    StatusLabel, split_paragraphs)

#: The coloured mark put before a status name; the name itself carries the meaning.
STATUS_MARK = "\u25cf "
NOT_SET = DEFAULT_LABELS["not_set"]
#: How a finished paragraph ends: a full stop, colon … possibly inside quotes or brackets.
_SENTENCE_END = re.compile(r"[.!?:;][\"'\u2019\u201d)\]]*\s*$")
#: A sentence ending inside a paragraph ("… 2019/20.  The content …").
_INNER_SENTENCE_END = re.compile(r"[.!?][\"'\u2019\u201d)\]]*\s+\S")
_BULLET_LINE = re.compile(r"^\s*(?:[-\u2022\u25aa\u25cf*\u2013])\s+")


def status_runs(status: StatusLabel | None, hs: HouseStyle | None = None) -> list[ir.Run]:
    """A status as text with a coloured mark before it: never colour alone."""
    if status is None or not (status.name or "").strip():
        return [ir.Run(hs["not_set"] if hs else NOT_SET)]
    return [ir.Run(STATUS_MARK, colour=_colour(status.colour)), ir.Run(status.name)]


def _colour(value: str | None) -> str | None:
    if value and re.fullmatch(r"#[0-9a-fA-F]{6}", value):
        return value.lower()
    return None


def text_blocks(text: str | None, *, style: str = "body",
                labels: Iterable[str] | None = None) -> list[ir.Block]:
    """Blank-line separated paragraphs; lines starting "- " or "•" become a bullet list.

    ``labels`` (an iterator of "1.1", "1.2" …) numbers each paragraph that starts with text;
    a block that is only bullets continues the paragraph before it and takes no number, and a
    paragraph that starts in lower case after a list ("…in two areas:", the list, "the
    holders have …") finishes that sentence: it takes no number either and stays in the
    numbered paragraph's text column, as its list does.

    A paragraph that ends without a full stop is either a sentence broken by extraction
    (prose that ends mid-sentence: "…with the Chair and individual" / "Portfolio Holders.",
    joined back into one paragraph) or a title line ("Keeping the parks open all
    year") whose description follows: the description then stays a
    paragraph of its own, continuing the title's numbered paragraph, never run into it.
    """
    blocks: list[ir.Block] = []
    label_iter = iter(labels) if labels is not None else None
    numbered = label_iter is not None
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
            joined = " ".join(prose)
            last = blocks[-1] if blocks else None
            after_list = isinstance(last, ir.ListBlock)
            open_line = isinstance(last, ir.Paragraph) and not bullets and \
                not _SENTENCE_END.search(last.text)
            if open_line and _broken_sentence(last.text, joined):
                # a paragraph broken mid-sentence by extraction ("…and individual" /
                # "Portfolio Holders."): one paragraph, as the paper has it
                last.runs[-1].text += " " + joined
            elif open_line and (last.label or last.continues):
                # a title line's description: its own paragraph in the title's text column
                last.keep = True  # and the title line never ends a page without it
                blocks.append(ir.Paragraph([ir.Run(joined)], style=style, continues=True))
            elif after_list and joined[:1].islower():
                blocks.append(ir.Paragraph([ir.Run(joined)], style=style,
                                           continues=numbered))
            else:
                label = next(label_iter) if label_iter is not None else ""
                blocks.append(ir.Paragraph([ir.Run(joined)], style=style, label=label))
        if bullets:
            blocks.append(ir.ListBlock([ir.ListItem([ir.Run(b)], label="\u2022")
                                        for b in bullets if b], kind="bullet",
                                       continues=numbered))
    return blocks


def _broken_sentence(before: str, after: str) -> bool:
    """Whether ``after`` finishes the sentence ``before`` ends in: it starts in lower case,
    or ``before`` is prose (a sentence has already ended inside it) stopping on a word in
    lower case, as a line broken by extraction does. A title line has no sentence end."""
    if after[:1].islower():
        return True
    words = before.split()
    return bool(words) and words[-1][:1].islower() and _INNER_SENTENCE_END.search(before) \
        is not None


def narrative_blocks(section, hs: HouseStyle) -> list[ir.Block]:
    """A narrative section of the plan (purpose, principles …): its heading, text and points."""
    blocks: list[ir.Block] = [ir.Heading(section.title or hs.missing("a section's title"), 2,
                                         kind="section")]
    blocks += text_blocks(section.body)
    if section.points:
        blocks.append(ir.ListBlock([ir.ListItem([ir.Run(p.text or "")], label="\u2022")
                                    for p in section.points], kind="bullet"))
    return blocks


def theme_blocks(plan: Plan, hs: HouseStyle, level: int) -> list[ir.Block]:
    """Each theme as a heading at ``level`` with its description."""
    blocks: list[ir.Block] = []
    for theme in plan.themes:
        blocks.append(ir.Heading(theme.name or hs.missing("a theme's name"), level,
                                 kind="theme"))
        blocks += text_blocks(theme.description)
    return blocks


def section_labels(section: int) -> Iterable[str]:
    """1.1, 1.2, … for the paragraphs of body section ``section`` (0-based)."""
    index = 0
    while True:
        yield numbering.dotted(section, index)
        index += 1


# --- portfolios, priorities, outputs --------------------------------------------------------


def holder_line(portfolio: Portfolio, hs: HouseStyle | None = None) -> ir.Paragraph | None:
    hs = hs or HouseStyle()
    runs: list[ir.Run] = []
    if portfolio.holder:
        runs += [ir.Run(hs["portfolio_holder"] + " ", bold=True), ir.Run(portfolio.holder)]
    if portfolio.shadow_holder:
        if runs:
            runs.append(ir.Run("\n"))
        runs += [ir.Run(hs["shadow_holder"] + " ", bold=True),
                 ir.Run(portfolio.shadow_holder)]
    return ir.Paragraph(runs, style="meta") if runs else None


def portfolio_title(portfolio: Portfolio, index: int, hs: HouseStyle | None = None) -> str:
    """The portfolio's name; a nameless one is marked as still to be completed."""
    if portfolio.name:
        return portfolio.name
    if hs is not None:
        return hs.missing(f"the name of {portfolio.kind or 'portfolio'} "
                          f"{numbering.arabic(index)}")
    return DEFAULT_LABELS["to_be_completed"]


def outputs_list(priority: Priority, *, show_status: bool,
                 hs: HouseStyle | None = None) -> ir.ListBlock | None:
    """The lettered outputs of a priority, with their i, ii sub-points and bullets."""
    hs = hs or HouseStyle()
    items = [_output_item(output, index, show_status=show_status, hs=hs)
             for index, output in enumerate(priority.outputs)]
    return ir.ListBlock(items, kind="letter") if items else None


def _output_item(output: Output, index: int, *, show_status: bool,
                 hs: HouseStyle) -> ir.ListItem:
    runs = [ir.Run(output.text or "")]
    extra: list[ir.Paragraph] = []
    if show_status:
        if output.status is not None and output.status.name:
            runs += [ir.Run(" \u2013 "), *status_runs(output.status, hs)]
        if output.owner:
            extra.append(ir.Paragraph([ir.Run(hs["lead"] + " "), ir.Run(output.owner)],
                                      style="note"))
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
                    pledge_numbers: dict[int, str] | None = None,
                    hs: HouseStyle | None = None) -> list[ir.Block]:
    """A priority: heading, outcome, links, its outputs, then its note.

    A note on a priority comments on what the priority holds ("the outputs indicated
    above"), so it follows the outputs, as papers print it.
    """
    hs = hs or HouseStyle()
    title = priority.title or hs.missing(f"the title of priority {label}")
    blocks: list[ir.Block] = [ir.Heading(title, level, label, kind="priority")]
    if priority.outcome:
        blocks.append(ir.Paragraph([ir.Run(hs["outcome"] + " ", bold=True),
                                    ir.Run(" ".join(split_paragraphs(priority.outcome)))]))
    links: list[str] = []
    if priority.themes:
        names = ", ".join(t.name for t in priority.themes if t.name)
        if names:
            links.append(f"{hs['theme']} {names}")
    if pledge_numbers and priority.pledges:
        numbers = [pledge_numbers[p.id] for p in priority.pledges if p.id in pledge_numbers]
        if numbers:
            word = hs["pledge"] if len(numbers) == 1 else hs["pledges_ref"]
            links.append(f"{word} " + ", ".join(numbers))
    if links:
        blocks.append(ir.Paragraph.of(". ".join(links) + ".", style="note"))
    outputs = outputs_list(priority, show_status=show_status, hs=hs)
    if outputs:
        blocks.append(outputs)
    if priority.note:
        note = text_blocks(priority.note, style="note")
        first = note[0] if note else None
        if isinstance(first, ir.Paragraph):
            first.runs.insert(0, ir.Run(hs["note"] + " ", bold=True))
        blocks += note
    return blocks


def portfolio_blocks(portfolio: Portfolio, index: int, level: int, *, show_status: bool,
                     pledge_numbers: dict[int, str] | None = None,
                     with_heading: bool = True,
                     hs: HouseStyle | None = None) -> list[ir.Block]:
    """A portfolio heading (level) and its priorities (always level + 1).

    A service group is a run of the portfolio's priorities with a name: its heading has the
    portfolio's level (a kind of its own, never a priority's level), so every priority in a
    document sits at one level, with or without a group, and no level is skipped.
    """
    hs = hs or HouseStyle()
    number = numbering.arabic(index)
    blocks: list[ir.Block] = []
    if with_heading:
        blocks.append(ir.Heading(portfolio_title(portfolio, index, hs), level, number,
                                 kind="portfolio"))
        holder = holder_line(portfolio, hs)
        if holder:
            blocks.append(holder)
    if portfolio.note:
        blocks += text_blocks(portfolio.note, style="note")
    group = None
    for p_index, priority in enumerate(portfolio.priorities):
        if priority.service_group is not group:
            group = priority.service_group
            if group is not None:
                blocks.append(ir.Heading(group.name or hs.missing("a service group's name"),
                                         level, kind="service-group"))
        blocks += priority_blocks(priority, numbering.dotted(index, p_index), level + 1,
                                  show_status=show_status, pledge_numbers=pledge_numbers,
                                  hs=hs)
    return blocks


# --- objectives and milestones --------------------------------------------------------------

MILESTONE_HEADER = ["Milestone", "Date", "Sub-priorities", "Status"]
MILESTONE_WIDTHS = [48, 16, 22, 14]


def _columns(milestones: list[Milestone]) -> tuple[bool, bool]:
    """Whether the tags and status columns have anything to show: a plan that records no
    status (or no tags) gets no column full of "Not set"."""
    return (any(m.tags for m in milestones),
            any(m.status is not None and m.status.name for m in milestones))


def milestone_header(hs: HouseStyle | None = None, tags: bool = True,
                     status: bool = True) -> list[str]:
    hs = hs or HouseStyle()
    return [hs["milestone"], hs["date"]] + ([hs["sub_priorities_column"]] if tags else []) + \
        ([hs["status"]] if status else [])


def _widths(tags: bool, status: bool) -> list[float]:
    widths = list(MILESTONE_WIDTHS)
    if not status:
        widths[0] += widths.pop(3)
    if not tags:
        widths[0] += widths.pop(2)
    return widths


def milestone_row(milestone: Milestone, hs: HouseStyle | None = None, tags: bool = True,
                  status: bool = True) -> list[ir.Cell]:
    hs = hs or HouseStyle()
    name = ir.Paragraph([ir.Run(milestone.name or hs.missing("a milestone's name"),
                                bold=True)])
    if milestone.text:
        name.runs += [ir.Run("\n"), ir.Run(" ".join(split_paragraphs(milestone.text)))]
    dates = [ir.Paragraph.of(d.text) for d in milestone.dates if d.text] or \
        [ir.Paragraph.of(hs["no_date"])]
    cells = [ir.Cell([name]), ir.Cell(dates)]
    if tags:
        cells.append(ir.Cell([ir.Paragraph.of(t.title) for t in milestone.tags if t.title]
                             or [ir.Paragraph.of(hs["no_tags"])]))
    if status:
        cells.append(ir.Cell([ir.Paragraph(status_runs(milestone.status, hs))]))
    return cells


def objective_blocks(objective: Objective, level: int, hs: HouseStyle | None = None,
                     columns: tuple[bool, bool] | None = None) -> list[ir.Block]:
    hs = hs or HouseStyle()
    tags, status = columns or _columns(objective.milestones)
    title = objective.title or hs.missing("an objective's title")
    blocks: list[ir.Block] = [ir.Heading(title, level, kind="objective")]
    # the lines under the heading never end a page apart from what they introduce
    if objective.strapline:
        blocks.append(ir.Paragraph([ir.Run(objective.strapline, italic=True)], style="lead",
                                   keep=True))
    if objective.core_area is not None and objective.core_area.name:
        blocks.append(ir.Paragraph([ir.Run(f"{hs['core_area']} {objective.core_area.name}")],
                                   style="note", keep=True))
    if objective.sub_priorities:
        blocks.append(ir.Paragraph([ir.Run(hs["sub_priorities"])]))
        blocks.append(ir.ListBlock([ir.ListItem([ir.Run(s.title)], label="\u2022")
                                    for s in objective.sub_priorities], kind="bullet"))
    if objective.milestones:
        blocks.append(ir.Table(milestone_header(hs, tags, status),
                               [milestone_row(m, hs, tags, status)
                                for m in objective.milestones],
                               widths=_widths(tags, status),
                               caption=f"{hs['milestones']}: {title}"))
    return blocks


def policy_events_table(plan: Plan, hs: HouseStyle | None = None) -> ir.Table:
    hs = hs or HouseStyle()
    return ir.Table([hs["date"], hs["event"]],
                    [[ir.Cell.of(e.date_text or hs["no_date"]), ir.Cell.of(e.text or "")]
                     for e in plan.policy_events],
                    widths=[25, 75], caption=hs["policy_events"])


def milestones_part(plan: Plan, level: int, *, title: str | None = None,
                    hs: HouseStyle | None = None, events: bool = True,
                    with_heading: bool = True) -> list[ir.Block]:
    """Objectives with their milestone tables (and the policy events unless ``events`` is
    False: a paper that introduces them in its own text shows them there)."""
    hs = hs or HouseStyle()
    events = events and bool(plan.policy_events)
    if not plan.objectives and not events:
        return []
    blocks: list[ir.Block] = []
    if with_heading:
        blocks.append(ir.Heading(title or hs["objectives_and_milestones"], level, kind="part"))
    inner = level + 1 if with_heading else level
    columns = _columns([m for o in plan.objectives for m in o.milestones])
    for objective in plan.objectives:
        blocks += objective_blocks(objective, inner, hs, columns)
    if events:
        blocks.append(ir.Heading(hs["policy_events"], inner, kind="policy-events"))
        blocks.append(policy_events_table(plan, hs))
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


def pledges_part(plan: Plan, level: int, *, title: str | None = None,
                 hs: HouseStyle | None = None, with_heading: bool = True) -> list[ir.Block]:
    """Pledge areas, each with its own introduction ("We will:") and then its pledges,
    numbered continuously across areas."""
    hs = hs or HouseStyle()
    if not any(area.pledges for area in plan.pledge_areas):
        return []
    blocks: list[ir.Block] = []
    if with_heading:
        blocks.append(ir.Heading(title or hs["pledges"], level, kind="part"))
    inner = level + 1 if with_heading else level
    index = 0
    for area in plan.pledge_areas:
        blocks.append(ir.Heading(area.name or hs.missing("a pledge area's name"), inner,
                                 kind="pledge-area"))
        blocks += text_blocks(area.description)
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


def work_areas_part(plan: Plan, level: int, *, title: str | None = None,
                    hs: HouseStyle | None = None, with_heading: bool = True
                    ) -> list[ir.Block]:
    """Work areas numbered 1 … n continuously across portfolios and service groups.

    As in the portfolios' part, a service group's heading has its portfolio's level.
    """
    hs = hs or HouseStyle()
    if not any(p.work_areas for p in plan.portfolios):
        return []
    blocks: list[ir.Block] = []
    if with_heading:
        blocks.append(ir.Heading(title or hs["work_areas"], level, kind="part"))
    inner = level + 1 if with_heading else level
    index = 0
    for p_index, portfolio in enumerate(plan.portfolios):
        if not portfolio.work_areas:
            continue
        blocks.append(ir.Heading(portfolio_title(portfolio, p_index, hs), inner,
                                 numbering.arabic(p_index), kind="portfolio"))
        if portfolio.note and not portfolio.priorities:  # else shown with its priorities
            blocks += text_blocks(portfolio.note, style="note")
        group = None
        run: list[ir.ListItem] = []

        def flush() -> None:
            if run:
                blocks.append(ir.ListBlock(list(run), kind="number",
                                           start=index - len(run) + 1))
                run.clear()

        groups = list(portfolio.service_groups)
        held = {id(a.service_group) for a in portfolio.work_areas} | {
            id(p.service_group) for p in portfolio.priorities}
        shown = -1  # the last group whose heading is in place
        for area in portfolio.work_areas:
            if area.service_group is not group:
                flush()
                group = area.service_group
                if group is not None:
                    at = next((k for k, g in enumerate(groups) if g is group), shown)
                    # a group that holds nothing of its own (a heading over the services
                    # listed after it) keeps its place among the headings
                    for empty in groups[shown + 1:at]:
                        if id(empty) not in held:
                            blocks.append(ir.Heading(empty.name or hs.missing(
                                "a service group's name"), inner, kind="service-group"))
                    shown = max(shown, at)
                    blocks.append(ir.Heading(group.name or hs.missing("a service group's name"),
                                             inner, kind="service-group"))
            run.append(ir.ListItem([ir.Run(area.text or "")], label=numbering.arabic(index)))
            index += 1
        flush()
    return blocks
