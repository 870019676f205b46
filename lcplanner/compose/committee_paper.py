"""The committee paper: header block, summary, recommendations, body, implications, appendix.

Outline (levels never skip): the paper's title is the only level 1 heading before the
appendix; Summary, Recommendations, the numbered body sections and the closing sections are
level 2; the appendix title is level 1 again, its portfolios level 2, priorities level 3.
A plan with no committee paper still composes: the plan content under the plan's title.
"""
from __future__ import annotations

from lcplanner.compose import ir
from lcplanner.compose._blocks import (milestones_part, pledge_numbers, pledges_part,
                                       portfolio_blocks, section_labels, text_blocks,
                                       work_areas_part)
from lcplanner.domain import numbering
from lcplanner.domain.model import CommitteePaper, Plan

NO_IMPLICATIONS = "None specifically flowing from this paper."
DEFAULT_APPENDIX = "Appendix A: Business Plan Portfolio Holder Priorities"


def compose_committee_paper(plan: Plan, paper: CommitteePaper | int | None = None
                            ) -> ir.Document:
    """Compose ``plan`` as a committee paper (the plan's first paper unless one is given).

    ``paper`` may be one of the plan's :class:`CommitteePaper` objects or its 1-based number.
    """
    paper = _pick_paper(plan, paper)
    title = (paper.title if paper and paper.title else plan.title) or "Business plan"
    blocks: list[ir.Block] = []
    if plan.organisation:
        blocks.append(ir.Paragraph.of(plan.organisation, style="meta"))
    if paper is not None:
        top = [(label, value) for label, value in (
            ("Committee:", paper.committee), ("Item no:", paper.item_number),
            ("Date:", paper.meeting_date)) if value]
        if top:
            blocks.append(ir.Fields(top))
    blocks.append(ir.Heading(title, 1))
    if paper is not None:
        blocks += _paper_body(plan, paper)
        appendix_title = paper.appendices[0].title if paper.appendices and \
            paper.appendices[0].title else DEFAULT_APPENDIX
        blocks.append(ir.PageBreak())
        blocks.append(ir.Heading(appendix_title, 1))
        level = 2
    else:
        level = 2
    blocks += plan_appendix(plan, level)
    return ir.Document(
        title=title, blocks=blocks, kind="committee-paper",
        author=(paper.report_by if paper and paper.report_by else plan.organisation) or "",
        subject=_subject(paper) or plan.title or "",
        running_title=_running_title(plan, paper, title))


def plan_appendix(plan: Plan, level: int) -> list[ir.Block]:
    """Portfolios → priorities → lettered outputs, then milestones, pledges and work areas."""
    pledges = pledge_numbers(plan)
    blocks: list[ir.Block] = []
    for index, portfolio in enumerate(plan.portfolios):
        if portfolio.priorities or portfolio.note:
            blocks += portfolio_blocks(portfolio, index, level, show_status=False,
                                       pledge_numbers=pledges)
    blocks += milestones_part(plan, level, title="Milestones")
    blocks += pledges_part(plan, level)
    blocks += work_areas_part(plan, level)
    return blocks


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


def _paper_body(plan: Plan, paper: CommitteePaper) -> list[ir.Block]:
    blocks: list[ir.Block] = []
    people = [(label, value) for label, value in (
        ("Report by:", paper.report_by), ("Job title:", paper.job_title),
        ("Contact officer:", paper.contact_officer), ("Telephone:", paper.telephone),
        ("Email:", paper.email)) if value]
    if people:
        blocks.append(ir.Fields(people))

    if paper.summary:
        blocks.append(ir.Heading("Summary", 2))
        blocks += text_blocks(paper.summary, style="lead")

    if paper.recommendations:
        blocks.append(ir.Heading("Recommendations", 2))
        intro = paper.recommendations_intro or (
            f"The {paper.committee} is asked to:" if paper.committee else "Members are asked to:")
        blocks += text_blocks(intro)
        blocks.append(ir.ListBlock(
            [ir.ListItem([ir.Run(" ".join((r.text or "").split()))],
                         label=numbering.arabic(i))
             for i, r in enumerate(paper.recommendations)], kind="number"))

    for index, section in enumerate(paper.body):
        blocks.append(ir.Heading(section.title or "Untitled section", 2,
                                 numbering.arabic(index)))
        blocks += text_blocks(section.body, labels=section_labels(index))

    for heading, text in (("Financial implications", paper.financial_implications),
                          ("Legal implications", paper.legal_implications),
                          ("Equalities implications", paper.equalities_implications)):
        blocks.append(ir.Heading(heading, 2))
        blocks += text_blocks(text or NO_IMPLICATIONS)

    if paper.appendices:
        blocks.append(ir.Heading("Appendices", 2))
        blocks += [ir.Paragraph.of(a.title) for a in paper.appendices if a.title]
    blocks.append(ir.Heading("Background papers", 2))
    backgrounds = [b.text for b in paper.background_papers if b.text]
    if backgrounds:
        for text in backgrounds:
            blocks += text_blocks(text)
    else:
        blocks.append(ir.Paragraph.of("None."))
    return blocks


def _subject(paper: CommitteePaper | None) -> str:
    if paper is None:
        return ""
    parts = [paper.committee, paper.meeting_date,
             f"Item {paper.item_number}" if paper.item_number else ""]
    return ", ".join(p for p in parts if p)


def _running_title(plan: Plan, paper: CommitteePaper | None, title: str) -> str:
    if paper is None:
        return title
    head = " \u2013 ".join(p for p in (paper.committee, paper.meeting_date) if p)
    item = f"Item {paper.item_number}" if paper.item_number else ""
    return "    ".join(p for p in (head, item, title) if p)
