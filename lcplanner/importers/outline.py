"""The outline a paper is read into: plain dataclasses, before anything becomes ORM objects.

Keeping the reader's findings apart from the ORM lets the reader change its mind cheaply (a
portfolio met in the body and again in the appendix is merged here) and keeps the rules that
compare titles in one place.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher


def norm(text: str) -> str:
    """Comparison key: case, punctuation and "&"/"and" differences do not count."""
    text = text.casefold().replace("&", " and ").replace("’", "'")
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def text_key(text: str) -> str:
    """Comparison key that forgives only extraction noise: case, punctuation, spacing, "&" for
    "and", broken hyphenation. "Area 1" and "Area 2" keep different keys."""
    return "".join(norm(text).split())


def same_text(a: str, b: str) -> bool:
    """Whether two texts are the same words once extraction noise is set aside."""
    return bool(text_key(a)) and text_key(a) == text_key(b)


def similar(a: str, b: str, threshold: float = 0.8) -> bool:
    na, nb = norm(a), norm(b)
    if not na or not nb:
        return False
    short, long_ = sorted((na, nb), key=len)
    if len(short) >= 12 and long_.startswith(short):
        return True
    return SequenceMatcher(None, na, nb).ratio() >= threshold


def unmark(text: str) -> str:
    """Remove Markdown emphasis that some extractors leave around bold and italic runs."""
    return re.sub(r"\*{1,2}([^*]+?)\*{1,2}", r"\1", text).replace("**", "").strip()


#: Words a paper types in front of a numbered item ("Priority 1:", "Output (a)").
_LABEL_WORD = r"(?i:priority|objective|output|aim|action|deliverable|sub-?priority)"
_NUMBER_WORD = (r"(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)")
_DASHES = "–—-"
TYPED_LABEL = re.compile(
    rf"^{_LABEL_WORD}\s+(?:(?i:no)\.?\s*)?(?:"
    # "Priority 1:", "Priority 1 –", "Output b)", "Priority one:": number or letter, then a mark
    rf"(?:\d+(?:\.\d+)*|[a-zA-Z]|[ivxIVX]{{1,5}}|{_NUMBER_WORD})"
    rf"\s*(?:[:.)](?=\s|$)|\s[{_DASHES}](?=\s|$))"
    # "Output (a)", "Priority (2):"
    rf"|\((?:\d+|[a-zA-Z]|[ivxIVX]{{1,5}})\)(?:\s*[:.](?=\s|$)|\s+[{_DASHES}](?=\s|$))?"
    # "Priority 3 Increase …": a bare number only before a capitalised word
    rf"|\d+(?:\.\d+)*(?=\s+[A-Z‘'\"“]))\s*")
#: A top grouping named by its label: "Ambition 2: …", "Strategic priority 3 – …",
#: "Service area: …", "Directorate 1." (the label is house style; the name follows it).
GROUP_LABEL = re.compile(
    r"^(?i:directorate|portfolio|service\s+area|ambition|strategic\s+priority|priority\s+area)"
    rf"(?:\s+(?:\d+|[A-Z]|{_NUMBER_WORD}))?(?:\s*[:.](?=\s|$)|\s+[{_DASHES}](?=\s))\s*")
#: "Theme 1: Safer neighbourhoods", "Theme A – …": a theme that objectives follow.
THEME_LABEL = re.compile(
    rf"^(?i:theme)\s+(?:\d+|[A-Z]|{_NUMBER_WORD})(?:\s*[:.](?=\s)|\s+[{_DASHES}](?=\s))\s*(?=\S)")
#: "Objective 1.1 Reduce …", "Objective 2: …": an objective named by its label.
OBJECTIVE_LABEL = re.compile(
    rf"^(?i:objective)\s+(?:\d+(?:\.\d+)*|[A-Z])(?:\s*[:.](?=\s)|\s+[{_DASHES}](?=\s)|(?=\s+[A-Z]))"
    r"\s*(?=\S)")
#: "Outcome:", "Outcomes –", "Success looks like:" in front of an outcome statement.
OUTCOME_LABEL = re.compile(
    r"^(?i:(?:(?:expected|intended|desired|key)\s+)?outcomes?"
    r"|(?:what\s+)?success\s+(?:looks|will\s+look)\s+like)"
    rf"(?:\s*:|\s+[{_DASHES}](?=\s))\s*")


def strip_label(text: str) -> str:
    """"Priority 1: Cleaner air" → "Cleaner air": typed labels and numbers are not stored
    (numbers come back from positions). Text that only starts with such a word ("Priority will
    be given …") is left alone. A label alone on its line gives ""."""
    return TYPED_LABEL.sub("", text, count=1).strip()


def strip_outcome_label(text: str) -> str:
    """"Outcome: More homes." → "More homes."; "Outcomes for residents improve." stays."""
    return OUTCOME_LABEL.sub("", text, count=1).strip()


@dataclass
class OutputB:
    text: str
    subs: list[tuple[int, str, bool]] = field(default_factory=list)  # level, text, enumerated


@dataclass
class PriorityB:
    title: str
    outcome: str = ""
    note: str = ""
    group: str = ""
    numbered: bool = False
    bulleted: bool = False
    outputs: list[OutputB] = field(default_factory=list)
    #: the line naming the themes or pledges it serves ("Theme: A, B. Pledges 2, 5."), as
    #: (theme names as written, pledge numbers, the line itself)
    links: list[tuple[str, list[int], str]] = field(default_factory=list)


@dataclass
class PortfolioB:
    name: str
    kind: str = "portfolio"
    note: str = ""
    holder: str = ""
    shadow_holder: str = ""
    groups: list[str] = field(default_factory=list)
    occurrences: list[list[PriorityB]] = field(default_factory=list)
    primary: int = -1  # which occurrence became the plan's (set by merge_occurrences)
    #: named by a label or in capitals ("Service area: …"): bullets under it are priorities
    named: bool = False
    work_areas: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class ActionB:
    """A row of an action table: what will be done, who leads it, when it is due, its status."""

    text: str
    owner: str = ""
    date: str = ""
    status: str = ""
    tags: str = ""  # the sub-priorities it serves, as the table names them


@dataclass
class ObjectiveB:
    title: str
    strapline: str
    heading: str = ""  # the heading the objective was found under ("Political leadership")
    labelled: bool = False  # named by a typed label ("Objective 1.1 …")
    core_area: str = ""  # named on a line of its own under the heading ("Core area: …")
    sub_priorities: list[str] = field(default_factory=list)
    milestones: list[str | ActionB] = field(default_factory=list)


@dataclass
class SectionB:
    """A titled text section: paragraphs and bulleted points, kept in reading order."""

    title: str
    #: ("paragraph" | "point", text) in the order the paper has them
    blocks: list[tuple[str, str]] = field(default_factory=list)
    #: for a portfolio's listing read as text too: (portfolio, index of the occurrence)
    occurrence: tuple[PortfolioB, int] | None = None

    @property
    def paragraphs(self) -> list[str]:
        return [text for kind, text in self.blocks if kind == "paragraph"]

    @property
    def points(self) -> list[str]:
        return [text for kind, text in self.blocks if kind == "point"]

    def add_paragraph(self, text: str) -> None:
        self.blocks.append(("paragraph", text))

    def add_point(self, text: str) -> None:
        self.blocks.append(("point", text))

    def body_text(self, bullet: str = "\u2022 ") -> str:
        """Paragraphs as blank-line separated blocks; a run of points becomes bullet lines
        under the paragraph before it ("…in two areas:" then its list), so the text reads in
        the paper's order and the composers show the run as a bullet list."""
        chunks: list[str] = []
        for kind, text in self.blocks:
            if kind == "point":
                line = bullet + text
                if chunks:
                    chunks[-1] += "\n" + line
                else:
                    chunks.append(line)
            else:
                chunks.append(text)
        return "\n\n".join(chunks)


@dataclass
class Outline:
    """What the reader found, before it becomes ORM objects."""

    paper: dict[str, str] = field(default_factory=dict)
    recommendations_intro: str = ""
    recommendations: list[str] = field(default_factory=list)
    appendices: list[str] = field(default_factory=list)
    background_papers: list[str] = field(default_factory=list)
    sections: list[SectionB] = field(default_factory=list)
    themes: list[tuple[str, str]] = field(default_factory=list)
    portfolios: list[PortfolioB] = field(default_factory=list)
    objectives: list[ObjectiveB] = field(default_factory=list)
    #: (area name, [(pledge, [points])], [introduction paragraphs])
    pledge_areas: list[tuple[str, list[tuple[str, list[str]]], list[str]]] = field(
        default_factory=list)
    policy_events: list[tuple[str, str]] = field(default_factory=list)
    known_names: list[str] = field(default_factory=list)
    #: themes typed as "Theme 1: …" that objectives follow: they group those objectives
    theme_areas: list[str] = field(default_factory=list)
    #: What the reader took as one thing met twice: (what, the copy's text if it was set
    #: aside as a duplicate, else ""), for the dry run and the coverage measure.
    merges: list[tuple[str, str]] = field(default_factory=list)


def _repair(occ: list[PriorityB], primary: list[PriorityB]) -> list[PriorityB]:
    """A summary that printed a title and its outcome as two lines reads as two items; put them
    back together where the pair is, word for word, a full entry's title and outcome."""
    out: list[PriorityB] = []
    k = 0
    while k < len(occ):
        pri = occ[k]
        if not pri.outcome:  # a title with its outcome run on after it on the same line
            for entry in primary:
                head = text_key(entry.title)
                if head and text_key(pri.title).startswith(head) and text_key(pri.title) != head:
                    cut = len(entry.title.split())
                    words = pri.title.split()
                    if text_key(" ".join(words[:cut])) == head:
                        pri.title, pri.outcome = " ".join(words[:cut]), " ".join(words[cut:])
                        break
        nxt = occ[k + 1] if k + 1 < len(occ) else None
        if nxt is not None and not pri.outcome and not nxt.outcome and not nxt.outputs and any(
                text_key(p.title) == text_key(pri.title)
                and text_key(p.outcome) == text_key(nxt.title) for p in primary):
            pri.outcome = nxt.title
            k += 1
        out.append(pri)
        k += 1
    return out


def merge_occurrences(pf: PortfolioB, merges: list[tuple[str, str]] | None = None
                      ) -> list[PriorityB]:
    """One list of priorities from the body's and the appendix's listings of a portfolio.

    The fullest listing (most outputs, then most numbered priorities) is the plan's; the others
    are the paper's summary of it and stay in the paper as text where they stand (see
    ``SectionB.occurrence``). A summary item is the same priority as a full entry only when
    their titles are the same words once extraction noise is set aside; it then lends the
    entry an outcome, note or group the entry lacks, and the pairing is listed in ``merges``.
    A summary item matching no entry is a priority of its own and is kept, never dropped.
    """
    merges = merges if merges is not None else []
    for occ in pf.occurrences:
        for pri in occ:
            if not pri.outcome and (m := re.match(r"^([^:]{2,70}):\s+(\S.{15,})$", pri.title)) \
                    and len(m.group(1).split()) <= 8 and pri.outputs:
                pri.title, pri.outcome = m.group(1), m.group(2)
            pri.title = pri.title.rstrip(":").strip()
    occurrences = [occ for occ in pf.occurrences if occ]
    if not occurrences:
        return []
    primary = max(occurrences, key=lambda o: (sum(len(p.outputs) for p in o),
                                              sum(p.numbered for p in o), len(o)))
    pf.primary = next(k for k, occ in enumerate(pf.occurrences) if occ is primary)
    extra: list[PriorityB] = []
    for occ in occurrences:
        if occ is primary:
            continue
        for pri in _repair(occ, primary):
            match = next((p for p in primary if same_text(p.title, pri.title)), None)
            if match is None:
                extra.append(pri)
                merges.append((f"kept: '{pri.title}' is listed only once in {pf.name}", ""))
                continue
            lent = [name for name in ("outcome", "note", "group")
                    if getattr(pri, name) and not getattr(match, name)]
            for name in lent:
                setattr(match, name, getattr(pri, name))
            differs = pri.outcome and match.outcome and text_key(pri.outcome) != text_key(
                match.outcome)
            merges.append((f"merged: '{match.title}' in {pf.name}, listed twice"
                           + (f"; {', '.join(lent)} taken from the other listing" if lent else "")
                           + ("; the outcomes differ: the other wording stays in the paper's text" if differs else ""), ""))
    return primary + extra


#: Words that do not make two names the same name.
_FILLER = frozenset("""a an the of to for and or in on at by with from as s our its their
their this that is are be""".split())


def _content_words(text: str) -> list[str]:
    return [w for w in norm(text).split() if w not in _FILLER]


def name_coverage(a: str, b: str) -> float:
    """How far the shorter of two names is found, word by word and in order, in the other.

    "Health and the council role in recovery" is wholly in "Health and the district
    council role in Recovery" (1.0); "Flood defence" is in "Flood Defence and Net
    Zero" (1.0); "Political leadership" shares nothing with "London's Voice" (0.0).
    """
    wa, wb = _content_words(a), _content_words(b)
    if not wa or not wb:
        return 0.0
    short, long_ = sorted((wa, wb), key=len)
    blocks = SequenceMatcher(None, short, long_, autojunk=False).get_matching_blocks()
    return sum(block.size for block in blocks) / len(short)


def best_name(text: str, names: list[str], threshold: float = 0.75) -> int | None:
    """The index of the one name ``text`` matches best, or None when none or several do."""
    scores = [name_coverage(text, name) for name in names]
    best = max(scores, default=0.0)
    if best < threshold or scores.count(best) > 1:
        return None
    return scores.index(best)


def core_areas(summary_text: str) -> list[str]:
    """"… around four core areas of A, B, C and D." → [A, B, C, D] (the paper's own words)."""
    numbers = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
    match = re.search(r"\b(\w+) core areas\s+(?:of|:)\s+(.+?)\.(?:\s|$)",
                      summary_text, re.IGNORECASE)
    if not match:
        return []
    want = numbers.get(match.group(1).casefold()) or (
        int(match.group(1)) if match.group(1).isdigit() else 0)
    items = [p.strip() for p in re.split(r",\s*(?:and\s+)?", match.group(2)) if p.strip()]
    while want and len(items) < want and " and " in items[-1]:
        head, tail = items[-1].split(" and ", 1)
        items[-1:] = [head, tail]
    if want and len(items) != want:
        return []
    return [i[:1].upper() + i[1:] for i in items]
