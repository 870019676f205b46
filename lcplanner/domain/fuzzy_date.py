"""Milestone dates as officers actually type them in committee papers.

Business plans rarely give exact dates: they say "Autumn 2022", "Q1 2023/24" or "by Jan 2023".
Turning those into exact dates would put words in the council's mouth, so a :class:`FuzzyDate`
keeps the text exactly as written and works out, alongside it, the span of days the text covers.
The span is what lets the editor sort milestones and place them on a time axis; the text is what
gets printed, so the paper always says what the officer wrote.

Standard library only (no Qt), so the domain layer can be tested and reused on its own.
"""
from __future__ import annotations

import functools
import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

__all__ = ["FuzzyDate", "parse_dates"]

# Anything longer is prose rather than a date; the cap also bounds the cost of range splitting.
_MAX_LENGTH = 120
_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_FULL = ("january", "february", "march", "april", "may", "june", "july", "august",
         "september", "october", "november", "december")  # not calendar.month_name: locale-bound
_MONTHS = {**{a.lower(): i for i, a in enumerate(_ABBR, 1)},
           **{f: i for i, f in enumerate(_FULL, 1)}, "sept": 9}
# UK meteorological seasons (three months each); winter runs into the following year.
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}
# Thirds of a year (four months each), as in "Early 2023" or "end of 2022".
_PARTS = {"early": 1, "start": 1, "beginning": 1, "mid": 5, "late": 9, "end": 9}
_TBC = {"", "tbc", "tba", "tbd", "to be confirmed", "to be agreed", "to be announced",
        "to be determined", "to be decided"}
_QUALIFIERS = {"by": "by", "no later than": "by", "until": "by", "from": "from",
               "starting": "from", "before": "before", "prior to": "before"}
_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"})

# Every pattern runs on lower-cased text; re.ASCII keeps \d from matching non-Latin digits.
_A = re.ASCII
_Y = r"(\d{4}|'?\d{2})"
_ONG = r"on[- ]?going"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_PREFIX = r"(?:the\s+)?(early|start|beginning|mid|late|end)(?:\s+of|-)?\s*(?:the\s+)?"
_RE_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", _A)
_RE_NUMERIC = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})", _A)
_RE_DMY = re.compile(_WEEKDAY + r"(\d{1,2})(?:st|nd|rd|th)?[\s-]+(?:of\s+)?([a-z]+)\.?[\s,-]+"
                     + _Y, _A)
_RE_MDY = re.compile(_WEEKDAY + r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", _A)
_RE_WEEK = re.compile(r"(?:w/c|w/b|wc|w\.c\.|week\s+(?:commencing|beginning|starting))\s*(.+)",
                      _A)
_RE_PART = re.compile(_PREFIX + _Y, _A)
_RE_MONTH = re.compile(r"(?:" + _PREFIX + r")?([a-z]+)\.?[\s,-]*" + _Y, _A)
_SEASON = r"(spring|summer|autumn|winter)"
_RE_SEASON = re.compile(_SEASON + r"(?:\s*(?:/|&|and|to|-)\s*" + _SEASON + r")?[\s,-]*" + _Y
                        + r"(?:\s*/\s*(\d{4}|\d{2}))?", _A)
_RE_QUARTER = re.compile(r"(?:q|quarter\s*)([1-4])[\s,-]*" + _Y
                         + r"(?:\s*[/-]\s*(\d{4}|\d{2}))?", _A)
_RE_FINANCIAL_YEAR = re.compile(r"(?:fy|financial year)?\s*(\d{4})\s*/\s*(\d{4}|\d{2})", _A)
_RE_YEAR = re.compile(r"\d{4}", _A)
_RE_YEARS = re.compile(r"(\d{4})\s*-\s*(\d{4}|\d{2})", _A)
_RE_RANGE_SEP = re.compile(r"\s*(?:-|\bto\b|\buntil\b|\btill\b|\bthrough\b)\s*", _A)
_RE_ONGOING = re.compile(_ONG + r"(?:\s+(to|until|till|through|from|since)\s+(.+))?", _A)
_RE_PAREN_ONGOING = re.compile(r"(.+?)\s*\(\s*" + _ONG + r"(?:\s+(?:to|until|till)\s+(.+?))?\s*\)",
                               _A)
_RE_TRAIL_ONGOING = re.compile(r"(?:from\s+|since\s+)?(.+?)[\s,-]*(?:and\s+)?(?:" + _ONG
                               + r"|onwards)", _A)
_RE_QUALIFIER = re.compile(r"(" + "|".join(_QUALIFIERS) + r")\s+(.+)", _A)
# Separators between several dates in one milestone cell (see parse_dates).
_STRONG_SEP = re.compile(r"[;\n\r]+")
_WEAK_SEP = re.compile(r"(,|&|\+|/|\band\b)", re.IGNORECASE | re.ASCII)
# "March/April 2023": two months sharing a year read as one span.
_RE_SLASH = re.compile(r"\s*/\s*", _A)


class _Span(NamedTuple):
    start: date | None
    end: date | None
    kind: str
    qualifier: str = ""


def _year(text: str) -> int:
    """Read a year; two digits pivot like strptime's ``%y`` ("Dec 22" is 2022, "95" is 1995)."""
    digits = text.lstrip("'")
    return int(digits) + (0 if len(digits) == 4 else 2000 if int(digits) < 70 else 1900)


def _second_year(first: int, text: str) -> int | None:
    """Expand the "23" of "2022/23"; a short form more than 20 years on is not a year pair."""
    if len(text) == 4:
        return int(text)
    year = first // 100 * 100 + int(text) + (100 if int(text) < first % 100 else 0)
    return year if year - first <= 20 else None


def _months(year: int, month: int, count: int) -> tuple[date, date]:
    """First and last day of ``count`` months from ``month`` (which may run past December)."""
    sy, sm = divmod(year * 12 + month - 1, 12)
    ey, em = divmod(year * 12 + month - 2 + count, 12)
    return date(sy, sm + 1, 1), date(ey, em + 1, monthrange(ey, em + 1)[1])


def _exact(s: str) -> date | None:
    if m := _RE_ISO.fullmatch(s):
        return date(int(m[1]), int(m[2]), int(m[3]))
    if m := _RE_NUMERIC.fullmatch(s):  # UK papers write day first
        return date(_year(m[3]), int(m[2]), int(m[1]))
    if (m := _RE_DMY.fullmatch(s)) and m[2] in _MONTHS:
        return date(_year(m[3]), _MONTHS[m[2]], int(m[1]))
    if (m := _RE_MDY.fullmatch(s)) and m[1] in _MONTHS:
        return date(int(m[3]), _MONTHS[m[1]], int(m[2]))
    return None


def _single(s: str, financial: bool) -> _Span | None:
    """One period: a day, week, month, season, quarter or year. Impossible dates give None."""
    try:
        return _single_unchecked(s, financial)
    except (ValueError, OverflowError):  # 31 February, year 0, winter 9999 ...
        return None


def _single_unchecked(s: str, financial: bool) -> _Span | None:
    if day := _exact(s):
        return _Span(day, day, "exact")
    if m := _RE_WEEK.fullmatch(s):
        day = _exact(m[1])
        return _Span(day, day + timedelta(days=6), "range") if day else None
    if m := _RE_PART.fullmatch(s):
        return _Span(*_months(_year(m[2]), _PARTS[m[1]], 4), "season")
    if m := _RE_SEASON.fullmatch(s):
        year = _year(m[3])
        if m[4] and (m[1] != "winter" or m[2] or _second_year(year, m[4]) != year + 1):
            return None  # only "Winter 2022/23" names two years
        start, end = _months(year, _SEASONS[m[1]], 3)
        if m[2]:  # "Summer/Autumn 2022": from the first season to the end of the second
            end = _months(year, _SEASONS[m[2]], 3)[1]
            if end < start:
                end = _months(year + 1, _SEASONS[m[2]], 3)[1]
        return _Span(start, end, "season")
    if m := _RE_QUARTER.fullmatch(s):
        year = _year(m[2])
        if m[3]:  # "Q1 2023/24" names a financial year whatever the caller says
            if _second_year(year, m[3]) != year + 1:
                return None
            financial = True
        first_month = 3 * int(m[1]) + (1 if financial else -2)  # Q1 is April or January
        return _Span(*_months(year, first_month, 3), "quarter")
    if m := _RE_FINANCIAL_YEAR.fullmatch(s):  # UK financial years run April to March
        first, last = int(m[1]), _second_year(int(m[1]), m[2])
        if last is None or last <= first:
            return None
        kind = "year" if last == first + 1 else "range"
        return _Span(*_months(first, 4, 12 * (last - first)), kind)
    if _RE_YEAR.fullmatch(s):
        return _Span(*_months(int(s), 1, 12), "year")
    if (m := _RE_MONTH.fullmatch(s)) and m[2] in _MONTHS:
        return _Span(*_months(_year(m[3]), _MONTHS[m[2]], 1), "month")
    return None


def _borrow(left: str, right: str, last: _Span, financial: bool) -> _Span | None:
    """Read the left of "July - Sept 2022" or "5-11 Sep 2022" using the right's year or month."""
    if not (tail := re.search(r"(\d{4}|\d{2})$", right, _A)):
        return None
    if left.isdigit() and len(left) <= 2:
        month_year = re.search(r"[a-z]+\.?\s*(?:\d{4}|\d{2})$", right, _A)
        return _single(f"{left} {month_year[0]}", financial) if month_year else None
    first = _single(f"{left} {tail[1]}", financial)
    if first and first.start > last.start and len(tail[1]) == 4:  # "Nov - Feb 2023"
        first = _single(f"{left} {int(tail[1]) - 1}", financial)
    return first


def _range(s: str, financial: bool) -> _Span | None:
    """A single period, or two joined by a dash or "to", spanning first start to last end."""
    if found := _single(s, financial):
        return found
    if m := _RE_YEARS.fullmatch(s):  # "2022-23" is two calendar years; "2022/23" is financial
        first, last = int(m[1]), _second_year(int(m[1]), m[2])
        if last is None or last < first or last > 9999:
            return None
        return _Span(*_months(first, 1, 12 * (last - first + 1)), "range")
    for sep in _RE_RANGE_SEP.finditer(s):
        left, right = s[:sep.start()], s[sep.end():]
        if left and right and (last := _single(right, financial)):
            first = _single(left, financial) or _borrow(left, right, last, financial)
            if first and first.start <= last.end:
                return _Span(first.start, last.end, "range")
    # "March/April 2023" is one span; "Oct 2022/Oct 2023" names two dates (see parse_dates).
    for sep in _RE_SLASH.finditer(s):
        left, right = s[:sep.start()], s[sep.end():]
        if left and right and _single(left, financial) is None \
                and (last := _single(right, financial)):
            first = _borrow(left, right, last, financial)
            if first and first.start <= last.end:
                return _Span(first.start, last.end, "range")
    return None


def _parse(s: str, financial: bool) -> _Span | None:
    """Ongoing work and qualifiers wrap a period; everything else is a period or a range."""
    if m := _RE_ONGOING.fullmatch(s):  # "ongoing to April 2023": the start is not stated
        if not m[1]:
            return _Span(None, None, "ongoing", "ongoing")
        if (found := _range(m[2], financial)) is None:
            return None
        if m[1] in ("from", "since"):
            return _Span(found.start, None, "ongoing", "ongoing")
        return _Span(None, found.end, "ongoing", "ongoing")
    if m := _RE_PAREN_ONGOING.fullmatch(s) or _RE_TRAIL_ONGOING.fullmatch(s):
        if (first := _range(m[1], financial)) is None:
            return None
        if m.re is _RE_PAREN_ONGOING and m[2]:  # "July 2022 (ongoing to April 2023)"
            last = _range(m[2], financial)
            ok = last is not None and first.start <= last.end
            return _Span(first.start, last.end, "range", "ongoing") if ok else None
        if first.kind == "range":
            return first._replace(qualifier="ongoing")
        return _Span(first.start, None, "ongoing", "ongoing")
    if m := _RE_QUALIFIER.fullmatch(s):
        # The span stays the period named, so it can be drawn; the qualifier says how the
        # milestone relates to it ("by Jan 2023" is due within or before January).
        if (found := _range(m[2], financial)) is None:
            return None
        if m[1] == "from" and found.kind == "range":  # "from July 2022 to March 2023"
            return found
        return found._replace(qualifier=_QUALIFIERS[m[1]])
    return _range(s, financial)


def _day(d: date) -> str:
    return f"{d.day} {_ABBR[d.month - 1]} {d.year}"


def _month(d: date) -> str:
    return f"{_ABBR[d.month - 1]} {d.year}"


def _is_month_end(d: date) -> bool:
    return d.day == monthrange(d.year, d.month)[1]


def _span_text(start: date, end: date) -> str:
    """The shortest clear British reading of a span: "2022", "Sep–Nov 2022", "5–11 Sep 2022"."""
    if start == end:
        return _day(start)
    a, b = _ABBR[start.month - 1], _ABBR[end.month - 1]
    if start.day == 1 and _is_month_end(end):
        if start.month == 1 and end.month == 12:
            return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
        if (start.year, start.month) == (end.year, end.month):
            return _month(start)
        if start.year == end.year:
            return f"{a}–{b} {end.year}"
        return f"{_month(start)}–{_month(end)}"
    if start.year != end.year:
        return f"{_day(start)}–{_day(end)}"
    if start.month == end.month:
        return f"{start.day}–{end.day} {b} {end.year}"
    return f"{start.day} {a}–{end.day} {b} {end.year}"


@functools.total_ordering
@dataclass(frozen=True)
class FuzzyDate:
    """A milestone date kept exactly as written, with the span of days it covers.

    Equality and hashing compare every field, so "Jul 2022" and "July 2022" are different values
    (they print differently); ordering uses :meth:`sort_key`, which puts them side by side.
    """

    text: str
    start: date | None
    end: date | None
    kind: str
    qualifier: str = ""

    @classmethod
    def parse(cls, text: str, *, financial: bool = False) -> FuzzyDate:
        """Read ``text``; never raises for a ``str``, since cells hold whatever officers typed.

        ``financial`` says a plan counts quarters from April, so "Q1 2023" is April–June 2023.
        Text that cannot be read becomes an ``"unreadable"`` date that still keeps its words.
        """
        if not isinstance(text, str):
            raise TypeError(f"text expected, got {type(text).__name__}")
        s = " ".join(text.split()).lower().translate(_DASHES).strip(" .,;:")
        if s in _TBC and (s or not text.strip()):  # blank is TBC; lone punctuation is not
            return cls(text, None, None, "tbc")
        found = None
        if len(s) <= _MAX_LENGTH:
            try:
                found = _parse(s, financial)
            except (ValueError, OverflowError):  # a date past 9999 and the like
                found = None
        return cls(text, *found) if found else cls(text, None, None, "unreadable")

    def __str__(self) -> str:
        return self.text

    @property
    def is_tbc(self) -> bool:
        return self.kind == "tbc"

    @property
    def is_readable(self) -> bool:
        """TBC counts as readable: it was understood, it just names no time yet."""
        return self.kind != "unreadable"

    def reading(self) -> str:
        """How the editor understood the text, so an officer can check it at a glance."""
        if self.kind == "unreadable":
            return "cannot read this date"
        if self.kind == "tbc":
            return "to be confirmed"
        if self.kind == "ongoing":
            if (start := self.start) is not None:
                return f"ongoing from {_month(start) if start.day == 1 else _day(start)}"
            if (end := self.end) is not None:
                return f"ongoing to {_month(end) if _is_month_end(end) else _day(end)}"
            return "ongoing"
        span = _span_text(self.start, self.end)
        return f"{span} (ongoing)" if self.qualifier == "ongoing" else " ".join(
            part for part in (self.qualifier, span) if part)

    def sort_key(self) -> tuple:
        """Dated entries by (start, or end when open-started; end), then undated "ongoing",
        then TBC, then unreadable; ties by text. The trailing fields only separate values that
        differ elsewhere, so the order agrees with equality and is a true total order."""
        dated = self.start is not None or self.end is not None
        rank = 3 if self.kind == "unreadable" else 2 if self.kind == "tbc" else 0 if dated else 1
        anchor = self.start or self.end or date.max
        return (rank, anchor, self.end or date.max, self.text, self.start is None,
                self.end is None, self.kind, self.qualifier)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, FuzzyDate):
            return NotImplemented
        return self.sort_key() < other.sort_key()


def parse_dates(text: str, *, financial: bool = False) -> list[FuzzyDate]:
    """All the dates in one milestone cell, e.g. "July 2022; Oct 2022" or "June 2022, Sept 2022".

    A cell that reads as one date as a whole stays one ("May 11, 2022", "Summer/Autumn 2022").
    Otherwise ";" and line breaks always separate; commas, "&" and "and" separate only where the
    pieces read as dates, the longest readable run winning. A blank cell holds no dates.
    """
    whole = FuzzyDate.parse(text, financial=financial)
    if not text.strip():
        return []
    if whole.is_readable:
        return [whole]
    found = [d for chunk in _STRONG_SEP.split(text) if chunk.strip()
             for d in _split_chunk(chunk, financial)]
    return [whole] if len(found) == 1 and not found[0].is_readable else found


def _split_chunk(chunk: str, financial: bool) -> list[FuzzyDate]:
    """Split on weak separators, greedily taking the longest run (up to three pieces) that reads.

    Pieces that read as nothing are kept together as one unreadable date, so no words are lost.
    """
    whole = FuzzyDate.parse(chunk.strip(), financial=financial)
    if whole.is_readable:
        return [whole]
    bits = _WEAK_SEP.split(chunk)  # text, separator, text, ...
    count = (len(bits) + 1) // 2

    def words(i: int, j: int) -> str:
        return "".join(bits[2 * i:2 * j - 1]).strip()

    out: list[FuzzyDate] = []
    lost: tuple[int, int] | None = None
    i = 0
    while i <= count:  # the pass at i == count only flushes what was lost
        found, j = None, i
        for j in range(min(count, i + 3), i, -1):
            if bits[2 * i].strip() and bits[2 * j - 2].strip():
                if (found := FuzzyDate.parse(words(i, j), financial=financial)).is_readable:
                    break
                found = None
        if found is None and i < count:
            if bits[2 * i].strip():
                lost = (lost[0] if lost else i, i + 1)
            i += 1
            continue
        if lost:
            out.append(FuzzyDate.parse(words(*lost), financial=financial))
            lost = None
        if found is None:
            break
        out.append(found)
        i = j
    return out if any(d.is_readable for d in out) else [whole]
