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
from dataclasses import dataclass, field
from os import PathLike

from lcplanner.domain.counts import count_plan
from lcplanner.domain.model import (
    Appendix, BackgroundPaper, CommitteePaper, CoreArea, NarrativePoint, NarrativeSection,
    Output, PaperSection, Plan, PlanStatus, Pledge, PledgeArea, PledgePoint, PolicyEvent,
    Portfolio, Priority, Recommendation, ServiceGroup, SubPoint, Theme, WorkArea,
)
from lcplanner.importers.coverage import Coverage, measure
from lcplanner.importers.describe import describe  # noqa: F401  (re-exported)
from lcplanner.importers.furniture import Furniture, kept_spans, set_aside
from lcplanner.importers.header import _NAME_LINE, parse_header
from lcplanner.importers.errors import PaperImportError
from lcplanner.importers.lines import logical_lines
from lcplanner.importers.links import link_priorities
from lcplanner.importers.milestones import (  # noqa: F401 (_milestone: the review step's)
    _milestone, attach_milestones, link_core_areas, objective_of,
)
from lcplanner.importers.outline import (
    Outline, core_areas, merge_occurrences, same_text, strip_outcome_label,
)
from lcplanner.importers.structure import Reader

__all__ = ["PaperImportError", "PaperImport", "read_source", "read_paper", "parse_paper",
           "describe"]

#: Section titles that belong to the plan's own narrative rather than to the covering paper.
_NARRATIVE_TITLES = re.compile(
    r"purpose|context|themes|principles|the way we work|strengthening|equalit\w* objectives"
    r"|our priorities|work plan|vision|values|ambitions|about us|who we are|what we do|pledge"
    r"|commitment", re.I)


# --- reading the file ----------------------------------------------------------------------


def read_source(path: str | PathLike) -> str:
    """Read a text file as the paper's text, refusing what is not text (see readers.text)."""
    from lcplanner.importers.readers.text import read_text

    return read_text(path)


# --- building the plan ---------------------------------------------------------------------


@dataclass
class PaperImport:
    """A paper read into a plan, with what the reader set aside and what it took as one."""

    plan: Plan
    #: the text the plan was read from: the source without its page furniture
    text: str
    furniture: list[Furniture] = field(default_factory=list)
    #: (what was merged or kept, the copy's text if it was set aside as a duplicate)
    merges: list[tuple[str, str]] = field(default_factory=list)

    def coverage(self) -> Coverage:
        return measure(self.text, self.plan, [copy for _, copy in self.merges if copy])


def read_paper(text: str, *, source_name: str = "",
               layout: list[tuple[int, int, bool]] | None = None) -> PaperImport:
    """Read a paper's text; raise :class:`PaperImportError` if it holds no plan content.

    ``layout`` is where a Word or PDF reader saw its paragraphs and headings (see
    :func:`lcplanner.importers.blocks.render_blocks`); plain text has none to give.
    """
    if not text or not text.strip():
        raise PaperImportError("The text is empty.")
    original = text.replace("\r\n", "\n").replace("\r", "\n")
    text, furniture = set_aside(original)
    lines = logical_lines(text, kept_spans(layout, furniture))
    fields, start = parse_header(lines)
    outline = Reader(lines, start, fields).read()
    del lines  # a huge paper's logical lines are not needed while its plan is built
    # (read before building: the build lets each portfolio's outline go once it is made)
    named = any(pf.named and any(pf.occurrences) for pf in outline.portfolios)
    plan = _build(outline, text)
    plan.source_digest = hashlib.sha256(original.encode("utf-8")).hexdigest()
    plan.source_name = source_name
    if not _has_plan_structure(plan, named):
        raise PaperImportError(
            "This text does not look like a business plan: no themes, groupings with "
            "priorities, objectives, milestones or dated actions, pledges or work areas "
            "were found.")
    return PaperImport(plan, text, furniture, outline.merges)


def parse_paper(text: str, *, source_name: str = "") -> Plan:
    """Read a paper's text into an unsaved plan; raise :class:`PaperImportError` if it is not one."""
    return read_paper(text, source_name=source_name).plan


def _has_plan_structure(plan: Plan, named_groupings: bool = False) -> bool:
    """Whether the text holds plan content of any kind, not just a header or a numbered memo.

    A committee header, or a couple of numbered headings with sentences under them, is not
    enough: a memo has those too. Any of these is: themes, objectives, milestones (dated
    actions), pledges, work areas, outputs under priorities, priorities with outcomes in at
    least two portfolios, or priorities under a grouping the paper names as one (a
    directorate, "Service area: …", a heading in capitals).
    """
    counts = count_plan(plan)
    if any(counts[key] for key in ("themes", "objectives", "milestones", "pledges",
                                   "work_areas", "outputs")):
        return True
    if named_groupings:
        return True
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
_PLAN_KIND = (r"(?:(?:Annual|Strategic|Joint)\s+)?(?:Business|Corporate|Annual|Work|Strategic|Service"
              r"|Delivery|Council|Action|Improvement) (?:Plan|Programme)")
#: "2020/21", "2021-22", "2025–2028", "2026/27"
_PERIOD = r"(?:19|20)\d\d\s?[/–-]\s?(?:(?:19|20)\d\d|\d\d)"
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
    found = re.search(rf"\b({_PLAN_KIND}) (?:for )?({_PERIOD})(?!\d)", text)
    title = outline.paper.get("title", "")
    if found:
        plan.title, plan.period = f"{found.group(1)} {found.group(2)}", found.group(2)
    else:
        plan.title = title or next((s.title for s in outline.sections if s.title), "Imported plan")
        bare = _STATUS_PREFIX.sub("", plan.title)
        plan.title = (bare[:1].upper() + bare[1:]) if bare else plan.title
        period = re.search(rf"\b({_PERIOD})(?!\d)", plan.title)
        plan.period = period.group(1) if period else ""
    plan.organisation = ""
    for pattern in _ORGANISATION:
        for match in pattern.finditer(text):
            if name := _organisation_name(match.group(1)):
                plan.organisation = name
                break
        if plan.organisation:
            break
    if not plan.organisation and outline.paper.get("organisation"):
        plan.organisation = _organisation_name(outline.paper["organisation"]) or \
            outline.paper["organisation"]
    if not plan.organisation and not outline.paper:  # a plan published on its own: its
        # name line over its title
        head = [ln.strip() for ln in text.split("\n") if ln.strip()][:2]
        if len(head) == 2 and _NAME_LINE.match(head[0]) and re.search(_PLAN_KIND, head[1]):
            plan.organisation = _organisation_name(head[0])
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
    priorities = {id(pf): merge_occurrences(pf, outline.merges) for pf in outline.portfolios}
    # the title line (and, in a plan with no header or on the paper's first line, the name
    # line) is stored as the plan's title and organisation: its first copy as a heading is not
    # stored again
    first = next((s for s in outline.sections if s.title or s.blocks), None)
    letterhead = bool(first is not None and not first.blocks and plan.organisation
                      and same_text(first.title, plan.organisation))
    titles = [t for t in (plan.title, plan.organisation if letterhead or not outline.paper
                          else "") if t]

    def structure(section) -> bool:
        """The plan's own listing of a portfolio, now structure (or a bare repeated heading)."""
        if section.occurrence is None:
            return False
        pf, index = section.occurrence
        return index == pf.primary or (not section.blocks and bool(priorities[id(pf)]
                                                                   or pf.work_areas))

    # where the body's text ends: a bare heading after it names the appendix that follows
    body_at = [i for i, section in enumerate(outline.sections)
               if paper is not None and (section.paragraphs or section.points)
               and not structure(section) and not _NARRATIVE_TITLES.search(section.title or "")]
    for at, section in enumerate(outline.sections):
        if structure(section):
            continue
        if not (section.paragraphs or section.points or section.title):
            continue
        said = next((s for s in titles if same_text(section.title, s)), None)
        if not section.blocks and said is not None:
            titles.remove(said)  # the title line itself, stored as the plan's (or paper's) title
            continue
        if not section.blocks and paper is not None and _appendix_heading(paper, section.title):
            # an appendix's own heading ("Appendix Two", or its title again): the paper
            # already holds that appendix, so the heading is listed as merged into it
            outline.merges.append((f"merged: the heading '{section.title}' into the appendix "
                                   "it names", section.title))
            continue
        if not section.blocks and (part := _part_heading(paper, outline, section.title)):
            # "Appendix C: Pledges" after the listed appendices, or "Themes" over the themes:
            # a heading that only names plan content read below it
            outline.merges.append((f"merged: the heading '{section.title}' into the {part} "
                                   "under it", section.title))
            continue
        if (not section.blocks and section.title and body_at and at > body_at[-1]
                and not paper.appendices):
            paper.appendices.append(Appendix(title=section.title))  # the appendix's heading
            continue
        if not section.blocks and section.title and body_at and body_at[0] < at < body_at[-1]:
            # a bare heading between the body's sections is the body's own heading for the plan
            # content it introduces ("2. Milestones"): it keeps its place and its number
            paper.body.append(PaperSection(title=section.title, body=""))
            continue
        if not section.blocks and paper is not None and _introduces_narrative(
                outline.sections[at + 1:], structure):
            # a bare heading over the plan's own text ("Main text of the plan"): its title
            plan.sections.append(NarrativeSection(title=section.title, body=""))
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
    links: list[tuple[Priority, list]] = []
    while outline.portfolios:  # each portfolio's outline is let go once its rows are made
        pf = outline.portfolios.pop()
        _add_portfolio(plan, pf, priorities.pop(id(pf)), links)
    for name in outline.theme_areas or core_areas(outline.paper.get("summary", "")):
        plan.core_areas.append(CoreArea(name=name))
    for objective in outline.objectives:
        plan.objectives.append(objective_of(objective))
    link_core_areas(plan, outline)
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
    attach_milestones(plan, outline)  # after all objectives: tags may cross objectives
    link_priorities(plan, links)
    return plan


_APPENDIX_LABEL = re.compile(r"^appendix\s+(?P<mark>[a-z]|\d+|one|two|three|four|five|six|"
                            r"seven|eight|nine|ten)\b\s*[:.–—-]?\s*(?P<title>.*)$",
                            re.IGNORECASE)
_MARK_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _appendix_index(found: re.Match) -> int:
    """0 for "Appendix A", "Appendix 1" or "Appendix One", and so on."""
    mark = found.group("mark").casefold()
    return (_MARK_WORDS.index(mark) if mark in _MARK_WORDS
            else int(mark) - 1 if mark.isdigit() else ord(mark) - ord("a"))


def _appendix_heading(paper: CommitteePaper, title: str) -> bool:
    """Whether a bare heading is an appendix's own: "Appendix Two" (or "Appendix B: Title"),
    or the title of an appendix the paper lists. Such a heading names the appendix, which the
    paper already holds (its title is filled in when the list had none)."""
    if not title:
        return False
    if any(same_text(title, a.title) for a in paper.appendices if a.title):
        return True
    found = _APPENDIX_LABEL.match(title.strip())
    if found is None:
        return False
    index = _appendix_index(found)
    rest = found.group("title").strip()
    if index < len(paper.appendices):
        if rest and not paper.appendices[index].title:
            paper.appendices[index].title = rest
        return not rest or same_text(rest, paper.appendices[index].title)
    return False


def _part_heading(paper: CommitteePaper | None, outline: Outline, title: str) -> str:
    """What a bare heading names when it only names plan content: "the themes" for the label
    "Themes" when the paper holds themes, "the plan content" for an appendix's heading after
    those the paper lists ("Appendix C: Pledges" when it lists A and B); "" for any other."""
    if outline.themes and title.strip().casefold() == "themes":
        return "themes"  # the bare label, as "Summary" is one ("Our themes" is a heading)
    found = _APPENDIX_LABEL.match(title.strip())
    if paper is None or found is None or not paper.appendices:
        return ""
    return "plan content" if _appendix_index(found) >= len(paper.appendices) else ""


def _introduces_narrative(following, structure) -> bool:
    """Whether the next section with text is the plan's own narrative (a purpose, themes …)."""
    for section in following:
        if structure(section) or not section.blocks:
            continue
        return bool(_NARRATIVE_TITLES.search(section.title or ""))
    return False


def _paper(outline: Outline) -> CommitteePaper | None:
    fields = outline.paper
    if not (fields or outline.recommendations or outline.appendices
            or outline.background_papers):
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


def _add_portfolio(plan: Plan, pf, priorities, links) -> None:
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
        if pri.links:
            links.append((priority, pri.links))
        portfolio.priorities.append(priority)
    for group, area_text in pf.work_areas:
        portfolio.work_areas.append(WorkArea(text=area_text, service_group=groups.get(group)))
    plan.portfolios.append(portfolio)
