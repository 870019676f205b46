"""Import a business plan from the extracted text of a committee paper.

Committee papers reach us as text pulled out of PDF or Word: headers scattered, list numbering
lost or typed, sentences broken across lines. Import happens in three steps, each in its own
module so each can be read and tested alone:

1. :mod:`lcplanner.importers.lines` turns physical lines into logical ones (paragraphs, headings,
   list items with their markers taken apart);
2. :mod:`lcplanner.importers.header` and :mod:`lcplanner.importers.structure` read those into an
   outline, the way a careful reader would;
3. this module turns the outline into an unsaved :class:`~lcplanner.domain.model.Plan` and can
   describe it back as indented text with derived numbers (``lcplanner import --dry-run``).

Numbers and letters typed in the paper are never stored: they come back from positions.
"""
from __future__ import annotations

import hashlib
import re
from difflib import SequenceMatcher
from os import PathLike

from lcplanner.domain.counts import count_plan, items
from lcplanner.domain.model import (
    Appendix, BackgroundPaper, CommitteePaper, CoreArea, Milestone, MilestoneDate,
    NarrativePoint, NarrativeSection, Objective, Output, PaperSection, Plan, PlanStatus, Pledge,
    PledgeArea, PledgePoint, PolicyEvent, Portfolio, Priority, Recommendation, ServiceGroup,
    SubPoint, SubPriority, Theme, WorkArea,
)
from lcplanner.domain.numbering import arabic, dotted, letter, roman
from lcplanner.importers.dates import find_dates
from lcplanner.importers.errors import PaperImportError
from lcplanner.importers.header import parse_header
from lcplanner.importers.lines import logical_lines
from lcplanner.importers.outline import (
    ObjectiveB, Outline, best_name, core_areas, merge_occurrences, norm, strip_outcome_label,
    unmark,
)
from lcplanner.importers.structure import Reader

__all__ = ["PaperImportError", "read_source", "parse_paper", "describe"]

#: Section titles that belong to the plan's own narrative rather than to the covering paper.
_NARRATIVE_TITLES = re.compile(
    r"purpose|context|themes|principles|the way we work|strengthening|equalit\w* objectives"
    r"|our priorities|work plan|vision|values|ambitions|about us|pledge|commitment", re.I)


# --- reading the file ----------------------------------------------------------------------


def read_source(path: str | PathLike) -> str:
    """Read a text file as the paper's text, refusing what is not text (see readers.text)."""
    from lcplanner.importers.readers.text import read_text

    return read_text(path)


# --- building the plan ---------------------------------------------------------------------


def parse_paper(text: str, *, source_name: str = "") -> Plan:
    """Read a paper's text into an unsaved plan; raise :class:`PaperImportError` if it is not one."""
    if not text or not text.strip():
        raise PaperImportError("The text is empty.")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = logical_lines(text)
    fields, start = parse_header(lines)
    outline = Reader(lines, start, fields).read()
    del lines  # a huge paper's logical lines are not needed while its plan is built
    plan = _build(outline, text)
    plan.source_digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    plan.source_name = source_name
    if not _has_plan_structure(plan):
        raise PaperImportError(
            "This text does not look like a business plan: no portfolios or directorates with "
            "priorities, objectives with milestones, pledges or work areas were found.")
    return plan


def _has_plan_structure(plan: Plan) -> bool:
    """Whether the text holds real plan content, not just a header or a numbered memo.

    A committee header, or a couple of numbered headings with sentences under them, is not
    enough: a memo has those too. We need outputs under priorities, priorities with outcomes in
    at least two portfolios, bulleted priorities under directorates, milestones, pledges or
    work areas.
    """
    counts = count_plan(plan)
    with_outcomes = sum(1 for pf in plan.portfolios
                        if sum(1 for p in pf.priorities if p.outcome) >= 2)
    directorate = sum(len(pf.priorities) for pf in plan.portfolios if pf.kind == "directorate")
    return (counts["outputs"] >= 2 or with_outcomes >= 2 or directorate >= 2
            or counts["milestones"] >= 2 or counts["pledges"] >= 3 or counts["work_areas"] >= 3)


#: Words that describe a plan's state or a year, never an organisation ("Draft Business Plan").
_NOT_A_NAME = frozenset("""draft final proposed revised approved outline annual updated
interim emerging refreshed new main text summary appendix consultation year next last this
that these our their its it we they he she which who business corporate plan""".split())
#: "Draft " (or "Final ", "Revised draft " …) in front of a title: the status says it.
_STATUS_PREFIX = re.compile(r"^(?:(?:draft|final|proposed|revised|updated|interim)\s+)+",
                            re.IGNORECASE)
_PLAN_KIND = r"(?:Business|Corporate|Annual|Work|Strategic|Service) Plan"
_NAME = r"([A-Z][\w&]*(?: (?:[A-Z][\w&]*|of|and|&)){0,5})"
#: Ways a paper names its organisation, surest first.
_ORGANISATION = (
    re.compile(r"^\s*(?:Financial|Legal|Equalities) implications for ([A-Z][\w’' ]{2,60}?)\s*$",
               re.MULTILINE | re.IGNORECASE),
    re.compile(rf"\b{_NAME}\s+(?:is|are)\s*:?\s*(?:[^\w\s]\s*)?(?:the|a|an)\s+"
               r"(?:[\w-]+\s+){0,2}?(?:collective\s+voice|representative\s+(?:body|organisation)"
               r"|cross-party\s+(?:body|organisation))\b"),
    re.compile(rf"\b{_NAME}['’]s?\s+(?:(?i:draft|final|proposed|revised)\s+)?{_PLAN_KIND}\b"),
)


def _organisation_name(candidate: str) -> str:
    """The candidate as an organisation's name, or "" when it is not one ("Draft", "This")."""
    name = re.sub(r"^(?:the|of)\s+", "", candidate.strip(), flags=re.IGNORECASE)
    words = [w.casefold().strip("’'") for w in name.split()]
    if not words or not name[:1].isupper() or any(w in _NOT_A_NAME for w in words):
        return ""
    return name


def _plan_header(plan: Plan, outline: Outline, text: str) -> None:
    """Title, period and organisation, as far as the paper states them.

    The organisation is only taken where the paper names it ("… implications for <Name>",
    "<Name> is the collective voice …", "<Name>'s Business Plan"); capitalised words in front
    of "Business Plan" are not enough ("Draft Business Plan 2024/25" names nobody). A status
    word in the title ("Draft …") is the plan's status, not part of its title.
    """
    found = re.search(rf"\b({_PLAN_KIND}) (?:for )?((?:19|20)\d\d/\d\d)\b", text)
    title = outline.paper.get("title", "")
    if found:
        plan.title, plan.period = f"{found.group(1)} {found.group(2)}", found.group(2)
    else:
        plan.title = title or next((s.title for s in outline.sections if s.title), "Imported plan")
        bare = _STATUS_PREFIX.sub("", plan.title)
        plan.title = (bare[:1].upper() + bare[1:]) if bare else plan.title
        period = re.search(r"\b((?:19|20)\d\d/\d\d)\b", plan.title)
        plan.period = period.group(1) if period else ""
    plan.organisation = ""
    for pattern in _ORGANISATION:
        for match in pattern.finditer(text):
            if name := _organisation_name(match.group(1)):
                plan.organisation = name
                break
        if plan.organisation:
            break
    if not plan.organisation and title:
        possessive = re.match(r"^([A-Z][\w]+(?: [A-Z][\w]+){0,4})['’]s?\s", title)
        plan.organisation = _organisation_name(possessive.group(1)) if possessive else ""
    lowered = text.casefold()
    drafted = "draft" in plan.title.casefold() or "draft" in title.casefold()
    if "approved business plan" in lowered and not drafted:
        plan.status = PlanStatus.APPROVED.value
    else:
        plan.status = PlanStatus.DRAFT.value


def _build(outline: Outline, text: str) -> Plan:
    plan = Plan()
    plan.ensure_default_statuses()
    _plan_header(plan, outline, text)
    paper = _paper(outline)
    if paper is not None:
        plan.papers.append(paper)
    for section in outline.sections:
        if not (section.paragraphs or section.points):
            continue
        if paper is None or _NARRATIVE_TITLES.search(section.title or ""):
            kinds = [kind for kind, _ in section.blocks]
            first_point = kinds.index("point") if "point" in kinds else len(kinds)
            if "paragraph" in kinds[first_point:]:
                # prose resumes after a list: keep the order, the list as bullet lines
                narrative = NarrativeSection(title=section.title, body=section.body_text())
            else:  # introduction, then its points
                narrative = NarrativeSection(title=section.title,
                                             body="\n\n".join(section.paragraphs))
                for point in section.points:
                    narrative.points.append(NarrativePoint(text=point))
            plan.sections.append(narrative)
        else:
            paper.body.append(PaperSection(title=section.title, body=section.body_text()))
    for name, description in outline.themes:
        plan.themes.append(Theme(name=name, description=description))
    outline.portfolios.reverse()
    while outline.portfolios:  # each portfolio's outline is let go once its rows are made
        _add_portfolio(plan, outline.portfolios.pop())
    for name in core_areas(outline.paper.get("summary", "")):
        plan.core_areas.append(CoreArea(name=name))
    for objective in outline.objectives:
        plan.objectives.append(_objective(objective))
    _link_core_areas(plan, outline)
    for name, pledges, intro in outline.pledge_areas:
        area = PledgeArea(name=name, description="\n\n".join(intro))
        for pledge_text, points in pledges:
            pledge = Pledge(text=pledge_text)
            for point in points:
                pledge.points.append(PledgePoint(text=point))
            area.pledges.append(pledge)
        plan.pledge_areas.append(area)
    for date_text, event in outline.policy_events:
        plan.policy_events.append(PolicyEvent(date_text=date_text, text=event))
    _attach_milestones(plan, outline)  # after all objectives: tags may cross objectives
    return plan


def _paper(outline: Outline) -> CommitteePaper | None:
    fields = outline.paper
    if not (fields or outline.recommendations):
        return None
    paper = CommitteePaper(**{k: v for k, v in fields.items() if hasattr(CommitteePaper, k)})
    paper.recommendations_intro = outline.recommendations_intro
    for item in outline.recommendations:
        paper.recommendations.append(Recommendation(text=item))
    for title in outline.appendices:
        paper.appendices.append(Appendix(title=title))
    for item in outline.background_papers:
        paper.background_papers.append(BackgroundPaper(text=item))
    return paper


def _add_portfolio(plan: Plan, pf) -> None:
    priorities = merge_occurrences(pf)
    if not (priorities or pf.work_areas):
        return  # a numbered heading that turned out to hold no plan content
    portfolio = Portfolio(name=pf.name, kind=pf.kind, note=pf.note, holder=pf.holder,
                          shadow_holder=pf.shadow_holder)
    groups: dict[str, ServiceGroup] = {}
    for name in pf.groups:
        groups[name] = ServiceGroup(name=name)
        portfolio.service_groups.append(groups[name])
    for pri in priorities:
        priority = Priority(title=pri.title, outcome=strip_outcome_label(pri.outcome),
                            note=pri.note,
                            service_group=groups.get(pri.group))
        for out in pri.outputs:
            output = Output(text=out.text)
            for level, sub_text, _ in out.subs:
                output.sub_points.append(SubPoint(text=sub_text, level=level))
            priority.outputs.append(output)
        portfolio.priorities.append(priority)
    for group, area_text in pf.work_areas:
        portfolio.work_areas.append(WorkArea(text=area_text, service_group=groups.get(group)))
    plan.portfolios.append(portfolio)


# --- milestones ----------------------------------------------------------------------------


def _tag_matches(tag_text: str, titles: list[str]) -> list[int]:
    """Indexes of sub-priority titles named in a tag bracket, separators or not.

    "(*Premises – Budget strategy*)" names two; "(Developing Integrated Care Systems Addressing
    violence against women and girls)" names two with the dash lost in extraction. A title
    counts as named when most of its words appear, in order, in the bracket.
    """
    words = norm(tag_text).split()
    hits = []
    for k, title in enumerate(titles):
        title_words = norm(title).split()
        if not title_words:
            continue
        blocks = SequenceMatcher(None, title_words, words, autojunk=False).get_matching_blocks()
        covered = sum(b.size for b in blocks)
        if covered / len(title_words) >= 0.75:
            hits.append(k)
    return hits


def _milestone(raw: str, objective: Objective, everyone: list[SubPriority]) -> Milestone:
    text = raw.strip()
    name = ""
    label = re.match(r"^\*\*(.+?)\*\*\s*:?\s*", text) or re.match(r"^\*\*(.+?):\*\*\s*", text)
    if label:
        name = label.group(1).rstrip(":").strip()
        text = text[label.end():]
    text = unmark(text)
    own = list(objective.sub_priorities)
    tags: list[SubPriority] = []
    bracket = re.search(r"\(([^()]+)\)\s*\.?\s*$", text)
    if bracket:
        hits = _tag_matches(bracket.group(1), [s.title for s in own])
        pool = own
        if not hits:
            hits = _tag_matches(bracket.group(1), [s.title for s in everyone])
            pool = everyone
        if hits:
            tags = [pool[k] for k in hits]
            text = text[:bracket.start()].rstrip()
    if not tags:  # no bracket: a sub-priority named in the label or the sentence itself
        for sub in own:
            key = norm(sub.title)
            if (name and norm(sub.title).startswith(norm(name))) or re.search(
                    rf"\b{re.escape(key)}\b", norm(raw)):
                tags.append(sub)
    dates = find_dates(text)
    if not name and dates:
        start, end, _ = dates[0]
        head = text[:start].rstrip(" –-(,")
        head = re.sub(r"\s+(?:by|from|until|in)$", "", head)
        if 3 <= len(head.split()) <= 30:
            name = head
            text = text[end:].lstrip(" –-),.;:")
            text = re.sub(r"^\((?:and\s+)?on-?going[^)]*\)\s*", "", text)
    if not name:
        sentence = re.match(r"^(.{10,200}?[.;])\s+(?=[A-Z])", text)
        name, text = (sentence.group(1), text[sentence.end():]) if sentence else (text, "")
    milestone = Milestone(name=name, text=text.strip())
    seen: set[str] = set()
    for _, _, phrase in dates:
        if phrase not in seen:
            seen.add(phrase)
            milestone.dates.append(MilestoneDate(text=phrase))
    for sub in tags:
        if sub not in milestone.tags:
            milestone.tags.append(sub)
    return milestone


def _objective(found: ObjectiveB) -> Objective:
    objective = Objective(title=found.title, strapline=found.strapline.rstrip("."))
    for title in found.sub_priorities:
        objective.sub_priorities.append(SubPriority(title=title))
    return objective


def _link_core_areas(plan: Plan, outline: Outline) -> None:
    """Put each objective under the core area the paper places it in, where the text says so.

    An objective whose title names a core area ("London's Future: …" and the core area
    "London's future") belongs to that one; otherwise one listed under a heading that names a
    core area belongs to it (the paper's own grouping). An objective that matches no core
    area, or two equally well, is left for the user to place.
    """
    names = [area.name for area in plan.core_areas]
    if not names:
        return
    for objective, found in zip(plan.objectives, outline.objectives):
        index = best_name(objective.title, names)
        if index is None and found.heading:
            index = best_name(found.heading, names)
        if index is not None:
            objective.core_area = plan.core_areas[index]


def _attach_milestones(plan: Plan, outline: Outline) -> None:
    everyone = [s for o in plan.objectives for s in o.sub_priorities]
    for objective, found in zip(plan.objectives, outline.objectives):
        for raw in found.milestones:
            objective.milestones.append(_milestone(raw, objective, everyone))


# --- describing the plan -------------------------------------------------------------------


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
            add(f"  Appendix {letter(k).upper()}: {appendix.title}")
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
                for sub in items(output, "sub_points"):
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
    if plan.pledge_areas:
        add("Pledges")
    for area in plan.pledge_areas:
        add(f"  {area.name}")
        for pledge in area.pledges:
            pledge_no += 1
            add(f"    {pledge_no} {_short(pledge.text)}")
            for point in items(pledge, "points"):
                add(f"        • {_short(point.text)}")
    if plan.policy_events:
        add("Policy events")
        for event in plan.policy_events:
            add(f"  {event.date_text}: {_short(event.text)}")
    counts = count_plan(plan)
    add("Counts: " + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in counts.items() if v))
    return "\n".join(out)
