"""Finding date phrases inside milestone sentences and policy-event lines.

Officers write dates into the sentence ("Trial … in four districts October 2025 – drafting
of …"), so a milestone's dates have to be found before they can be parsed. A regular
expression proposes candidate phrases (months, seasons, quarters, years, ranges, "by …",
"ongoing to …", "TBC"); :class:`FuzzyDate` confirms each one, so only phrases the rest of the
product can place on a timeline are kept, and they are kept exactly as written.

Not every date a milestone mentions is a date it is due (:func:`due_dates`): a day named in
passing ("the committee's review was held on 3 May 2026"), a year that names a settlement,
a budget or a financial year ("the 2023-24 finance settlement"), or a date something happened
"since" are the sentence's, not the milestone's.
"""
from __future__ import annotations

import re

from lcplanner.domain.fuzzy_date import FuzzyDate

_MON = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
        r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b\.?")
_SEA = r"(?:[Ss]pring|[Ss]ummer|[Aa]utumn|[Ww]inter)"
_PERIOD = rf"(?:(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?{_MON}|{_SEA})"
_PERIODS = rf"{_PERIOD}(?:\s*(?:/|-|–|&)\s*{_PERIOD}|\s+{_MON})*"
_YEAR = r"(?:19|20)\d\d(?:\s*[/–-]\s*(?:(?:19|20)\d\d|\d\d)(?!\d))?(?![\d%])"
_QUARTER = r"Q[1-4](?:\s*[/–-]\s*Q[1-4])?"
_SIMPLE = rf"(?:{_PERIODS}\s+{_YEAR}|{_QUARTER}\s+{_YEAR}|{_YEAR})"
_CHAIN = rf"{_SIMPLE}(?:\s*(?:/|–|-|\bto\b)\s*{_SIMPLE})*"
_PREFIX = r"(?:(?:by|from|until|ongoing to|by the end of|end of|early|mid|late)\s+)?"
_SUFFIX = rf"(?:\s*\((?:and\s+)?on-?going(?:\s+(?:to|until)\s+{_SIMPLE})?\)|\s+and beyond)?"
DATE_PHRASE = re.compile(rf"(?<![\w/£-])(?:{_PREFIX}{_CHAIN}{_SUFFIX}|\bTBC\b)(?![\w/])")
_LEADING = re.compile(rf"^(?:{_PREFIX}{_CHAIN}|(?:{_PERIODS})(?:\s+{_YEAR})?)(?=\s+\S)")


def _readable(phrase: str) -> bool:
    return FuzzyDate.parse(phrase).kind != "unreadable"


def _as_written(phrase: str) -> str:
    """The phrase tidied only as far as the date parser needs ("(and ongoing to …)")."""
    return re.sub(r"\(\s*and\s+", "(", phrase.strip())


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """Date phrases in ``text`` as (start, end, phrase), confirmed by :class:`FuzzyDate`."""
    found = []
    for match in DATE_PHRASE.finditer(text):
        phrase = _as_written(match.group(0))
        if not _readable(phrase):
            # "June 2026 and beyond", "Mar 2026/Mar 2027": keep the part the parser can place
            core = re.split(r"\s+and beyond|\s*/\s*(?=[A-Z])", phrase)[0]
            if not _readable(core):
                continue
            phrase = core
        found.append((match.start(), match.end(), phrase))
    return found


def leading_date(text: str) -> tuple[str, str] | None:
    """Split "Mar 2026/Mar 2027 Spring Statement" into its date and the rest, if it starts so."""
    match = _LEADING.match(text.strip())
    if not match:
        return None
    rest = text.strip()[match.end():].strip(" –-:")
    if not rest or not re.search(r"\d", match.group(0)):
        return None
    return match.group(0), rest


#: What a year span names when it is not a due date: "the 2023-24 (LGF) settlement".
_NAMED_BY_YEAR = re.compile(
    r"^\s+(?:[A-Z][\w&]*\s+|\w+\s+){0,2}?(?:(?:local\s+government\s+)?(?:finance\s+)?settlements?"
    r"|budgets?|financial\s+years?|spending\s+review|accounts|precepts?|estimates"
    r"|grant\s+(?:determination|allocations?)|allocations?|council\s+tax|tax\s+year)\b",
    re.IGNORECASE)
_YEAR_ONLY = re.compile(r"^(?:19|20)\d\d(?:\s*[/–-]\s*(?:(?:19|20)\d\d|\d\d))?$")
#: Words in front that make a date one the sentence mentions, not one the milestone is due by:
#: "took place on 11 May", "since April 2021", "met in March 2024".
_IN_PASSING = re.compile(r"\b(?:(?:took\s+place|was\s+held|were\s+held|met|happened)"
                         r"(?:\s+(?:on|in))?|on|since|last)\s+$", re.IGNORECASE)
_FINANCIAL_YEAR_BEFORE = re.compile(r"\b(?:financial|tax|budget)\s+year\s+$", re.IGNORECASE)


def due_dates(text: str) -> list[tuple[int, int, str]]:
    """The date phrases of a milestone's text that say when it is due (see the module note)."""
    out = []
    for start, end, phrase in find_dates(text):
        before = text[:start]
        if _IN_PASSING.search(before):
            continue
        if _YEAR_ONLY.match(phrase) and (_NAMED_BY_YEAR.match(text[end:])
                                         or _FINANCIAL_YEAR_BEFORE.search(before)):
            continue
        out.append((start, end, phrase))
    return out
