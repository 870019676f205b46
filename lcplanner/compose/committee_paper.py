"""The committee paper: header block, summary, recommendations, body, implications, appendices.

Only the paper's own text is printed, in the paper's own order; the composer adds labels and
fixed headings from the organisation's house style (:mod:`lcplanner.compose.house_style`) and
nothing else. An empty part is left out, or, when the house style requires it, shown as "[To
be completed]" and reported in :attr:`ir.Document.warnings`.

Where the plan content goes: a body section with a title and no text of its own is the place
the paper gives its plan content ("2. Specific milestones", then the milestones), so the first
such section takes the first part of the plan; the paper's appendices take the following parts
in order, under the paper's own titles and numbering style ("Appendix One" or "Appendix A", as
its text refers to them); any part left over gets an appendix of its own after them.

Outline (levels never skip, one level per kind): the paper's title is level 1; Summary,
Recommendations, body sections and the closing parts are level 2; an appendix is level 1 and
what it holds starts at level 2 (portfolios and service groups 2, priorities 3).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from lcplanner.compose import ir
from lcplanner.compose._blocks import (milestones_part, narrative_blocks, pledge_numbers,
                                       pledges_part, policy_events_table, portfolio_blocks,
                                       section_labels, text_blocks, theme_blocks,
                                       work_areas_part)
from lcplanner.compose.house_style import HouseStyle, appendix_numbering, for_organisation
from lcplanner.domain import numbering
from lcplanner.domain.model import CommitteePaper, Plan

#: A part of the plan: (house-style key of its fixed heading, builder(level, with_heading)).
Part = tuple[str, Callable[[int, bool], list[ir.Block]]]


@dataclass(frozen=True)
class ChangesNote:
    """The plan's recorded changes since a date, for the background papers: the date as the
    note names it ("1 March 2026") and one line per change, oldest first (see
    :func:`lcplanner.services.history.note_lines`)."""

    since: str
    lines: tuple[str, ...]


def compose_committee_paper(plan: Plan, paper: CommitteePaper | int | None = None, *,
                            hs: HouseStyle | None = None,
                            changes: ChangesNote | None = None) -> ir.Document:
    """Compose ``plan`` as a committee paper (the plan's first paper unless one is given).

    ``paper`` may be one of the plan's :class:`CommitteePaper` objects or its 1-based number;
    ``hs`` is the house style (the organisation's own, or the defaults, when not given);
    ``changes`` adds a "Changes since DATE" note to the background papers.
    """
    paper = _pick_paper(plan, paper)
    hs = hs or for_organisation(plan.organisation)
    title = (paper.title if paper and paper.title else plan.title) or \
        hs.missing("the paper's title")
    blocks: list[ir.Block] = []
    if plan.organisation:
        blocks.append(ir.Paragraph.of(plan.organisation, style="meta"))
    if paper is not None:
        top = [(hs[key], value) for key, value in (
            ("committee", paper.committee), ("item_number", paper.item_number),
            ("meeting_date", paper.meeting_date)) if value]
        if top:
            blocks.append(ir.Fields(top))
    blocks.append(ir.Heading(title, 1, kind="title"))
    events_in_text = paper is not None and _events_intro(plan, paper) is not None
    parts = _parts(plan, hs, events=not events_in_text)
    if paper is not None:
        blocks += _paper_body(plan, paper, hs, parts, changes)
    else:  # a plan published on its own: its parts under its title
        for key, build in parts:
            blocks += build(2, key != "priorities")
        if changes is not None:
            blocks.append(ir.Heading(hs["background_papers"], 2, kind="part"))
            blocks += _changes_note(changes, hs)
    return ir.Document(
        title=title, blocks=blocks, kind="committee-paper",
        author=plan.organisation or (paper.report_by if paper else "") or "",
        subject=" \u2013 ".join(p for p in (plan.title, _subject(paper, hs)) if p),
        running_title=_running_title(paper, title, hs), warnings=hs.warnings)


def plan_appendix(plan: Plan, level: int, hs: HouseStyle | None = None) -> list[ir.Block]:
    """Portfolios → priorities → lettered outputs, then milestones, pledges and work areas."""
    hs = hs or HouseStyle()
    blocks: list[ir.Block] = []
    for key, build in _parts(plan, hs):
        blocks += build(level, key != "priorities")
    return blocks


def _parts(plan: Plan, hs: HouseStyle, *, events: bool = True) -> list[Part]:
    """The plan's non-empty parts, in the order papers print them."""
    pledges = pledge_numbers(plan)
    portfolios = [(i, p) for i, p in enumerate(plan.portfolios)
                  if p.priorities or (p.note and not p.work_areas)]

    def priorities(level: int, with_heading: bool) -> list[ir.Block]:
        out: list[ir.Block] = []
        if with_heading:
            out.append(ir.Heading(hs["portfolio_priorities"], level, kind="part"))
            level += 1
        for index, portfolio in portfolios:
            out += portfolio_blocks(portfolio, index, level, show_status=False,
                                    pledge_numbers=pledges, hs=hs)
        return out

    candidates: list[Part] = [
        ("priorities", priorities),
        ("milestones", lambda level, head: milestones_part(
            plan, level, title=hs["milestones"], hs=hs, events=events, with_heading=head)),
        ("pledges", lambda level, head: pledges_part(plan, level, hs=hs, with_heading=head)),
        ("work_areas", lambda level, head: work_areas_part(plan, level, hs=hs,
                                                           with_heading=head)),
    ]
    present = {"priorities": bool(portfolios),
               "milestones": bool(plan.objectives or (events and plan.policy_events)),
               "pledges": any(a.pledges for a in plan.pledge_areas),
               "work_areas": any(p.work_areas for p in plan.portfolios)}
    return [part for part in candidates if present[part[0]]]


_PART_TITLES = {"priorities": "portfolio_priorities", "milestones": "milestones",
                "pledges": "pledges", "work_areas": "work_areas"}


def _pick_paper(plan: Plan, paper: CommitteePaper | int | None) -> CommitteePaper | None:
    if paper is None:
        return plan.papers[0] if plan.papers else None
    if isinstance(paper, bool) or not isinstance(paper, (int, CommitteePaper)):
        raise TypeError("paper must be a CommitteePaper, a 1-based number or None")
    if isinstance(paper, int):
        if not 1 <= paper <= len(plan.papers):
            raise ValueError(f"Committee paper {paper} does not exist: {plan.title!r} has "
                             f"{len(plan.papers)} paper(s).")
        return plan.papers[paper - 1]
    return paper


def _events_intro(plan: Plan, paper: CommitteePaper):
    """The body section whose text ends by introducing the policy events ("These include:")
    with no list of its own, or None: the events are then shown right after it."""
    if not plan.policy_events:
        return None
    for section in paper.body:
        text = (section.body or "").rstrip()
        words = f"{section.title} {text}".casefold()
        if text.endswith(":") and ("polic" in words or "event" in words):
            return section
    return None


def _required(hs: HouseStyle, key: str, what: str, blocks: list[ir.Block]) -> None:
    """A required part nobody has written: its heading and a visible mark, reported."""
    if key in hs.required:
        blocks.append(ir.Heading(hs[key], 2, kind="part"))
        blocks.append(ir.Paragraph.of(hs.missing(what)))


def _changes_note(changes: ChangesNote, hs: HouseStyle) -> list[ir.Block]:
    """"Changes since 1 March 2026", then one bullet per recorded change (none: the heading
    alone says nothing changed)."""
    blocks: list[ir.Block] = [ir.Paragraph.of(f"{hs['changes_since']} {changes.since}")]
    if changes.lines:
        blocks.append(ir.ListBlock([ir.ListItem([ir.Run(line)]) for line in changes.lines],
                                   kind="bullet"))
    return blocks


def _paper_body(plan: Plan, paper: CommitteePaper, hs: HouseStyle,
                parts: list[Part], changes: ChangesNote | None = None) -> list[ir.Block]:
    blocks: list[ir.Block] = []
    people = [(hs[key], value) for key, value in (
        ("report_by", paper.report_by), ("job_title", paper.job_title),
        ("contact_officer", paper.contact_officer), ("telephone", paper.telephone),
        ("email", paper.email)) if value]
    if people:
        blocks.append(ir.Fields(people))

    if paper.summary:
        blocks.append(ir.Heading(hs["summary"], 2, kind="part"))
        blocks += text_blocks(paper.summary, style="lead")
    else:
        _required(hs, "summary", "the summary", blocks)

    if paper.recommendations:
        blocks.append(ir.Heading(hs["recommendations"], 2, kind="part"))
        if paper.recommendations_intro:
            blocks += text_blocks(paper.recommendations_intro)
        blocks.append(ir.ListBlock(
            [ir.ListItem([ir.Run(" ".join((r.text or "").split()))],
                         label=numbering.arabic(i))
             for i, r in enumerate(paper.recommendations)], kind="number"))
    else:
        _required(hs, "recommendations", "the recommendations", blocks)

    waiting = list(parts)
    events_after = _events_intro(plan, paper)
    for index, section in enumerate(paper.body):
        blocks.append(ir.Heading(section.title or hs.missing(
            f"the title of section {numbering.arabic(index)}"), 2,
            numbering.arabic(index), kind="section"))
        blocks += text_blocks(section.body, labels=section_labels(index))
        if section is events_after:
            blocks.append(policy_events_table(plan, hs))
        if not (section.body or "").strip() and waiting:
            _key, build = waiting.pop(0)
            blocks += build(3, False)

    blocks += _main_text(plan, hs)

    for key in ("financial_implications", "legal_implications", "equalities_implications"):
        text = getattr(paper, key)
        if text:
            blocks.append(ir.Heading(hs[key], 2, kind="part"))
            blocks += text_blocks(text)
        else:
            _required(hs, key, f"the {hs[key][:1].lower()}{hs[key][1:]}", blocks)

    style = appendix_numbering(_paper_texts(plan, paper))
    appendices: list[tuple[str, list[ir.Block]]] = []
    for a_index, appendix in enumerate(paper.appendices):
        label = hs.appendix_label(a_index, style)
        content = waiting.pop(0)[1](2, False) if waiting else []
        appendices.append((_appendix_title(appendix.title, label, hs), content))
    for key, build in waiting:
        label = hs.appendix_label(len(appendices), style)
        appendices.append((f"{label}: {hs[_PART_TITLES[key]]}", build(2, False)))

    if paper.appendices:
        blocks.append(ir.Heading(hs["appendices"], 2, kind="part"))
        blocks += [ir.Paragraph.of(title) for title, _ in appendices[:len(paper.appendices)]]
    backgrounds = [b.text for b in paper.background_papers if b.text]
    if backgrounds:
        blocks.append(ir.Heading(hs["background_papers"], 2, kind="part"))
        for text in backgrounds:
            blocks += text_blocks(text)
    elif changes is None:
        _required(hs, "background_papers", "the background papers", blocks)
    if changes is not None:
        if not backgrounds:
            blocks.append(ir.Heading(hs["background_papers"], 2, kind="part"))
        blocks += _changes_note(changes, hs)

    for title, content in appendices:
        if not content:
            continue  # an appendix the plan does not hold (a separate file): listed only
        blocks.append(ir.PageBreak())
        blocks.append(ir.Heading(title, 1, kind="appendix"))
        blocks += content
    return blocks


def _appendix_title(title: str, label: str, hs: HouseStyle) -> str:
    """"Appendix A: Title"; a title that already names its appendix is the paper's own."""
    if not title:
        return label
    if title.casefold().startswith(hs["appendix"].casefold() + " "):
        return title
    return f"{label}: {title}"


def _main_text(plan: Plan, hs: HouseStyle) -> list[ir.Block]:
    """The plan's narrative sections (its main text) and themes, in the plan's order.

    Themes follow the section that introduces them ("The themes are:"), or, when no
    section names them, come after the narrative under the house heading.
    """
    blocks: list[ir.Block] = []
    themes_shown = not plan.themes
    for section in plan.sections:
        blocks += narrative_blocks(section, hs)
        if not themes_shown and "theme" in (section.title or "").casefold():
            blocks += theme_blocks(plan, hs, 3)
            themes_shown = True
    if not themes_shown:
        blocks.append(ir.Heading(hs["themes"], 2, kind="part"))
        blocks += theme_blocks(plan, hs, 3)
    return blocks


def _paper_texts(plan: Plan, paper: CommitteePaper):
    yield paper.summary
    for section in paper.body:
        yield section.body
    for section in plan.sections:
        yield section.body
    for recommendation in paper.recommendations:
        yield recommendation.text


def _subject(paper: CommitteePaper | None, hs: HouseStyle) -> str:
    if paper is None:
        return ""
    parts = [paper.committee, paper.meeting_date,
             f"{hs['item']} {paper.item_number}" if paper.item_number else ""]
    return ", ".join(p for p in parts if p)


def _running_title(paper: CommitteePaper | None, title: str, hs: HouseStyle) -> str:
    if paper is None:
        return title
    head = " \u2013 ".join(p for p in (paper.committee, paper.meeting_date) if p)
    item = f"{hs['item']} {paper.item_number}" if paper.item_number else ""
    parts = [p for p in (head, item) if p]
    if len("    ".join(parts + [title])) <= 70 or not parts:  # one footer line with the page
        parts.append(title)
    return "    ".join(parts)
