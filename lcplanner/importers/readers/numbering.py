"""Word list numbering: the label a numbered paragraph would print, from ``numbering.xml``.

A paragraph names a list instance (``w:num``) and a level; the instance points at an abstract
definition whose level says the format (decimal, lowerLetter, lowerRoman, bullet …), the start
value and the text around the number (``%1.%2`` prints "1.1"). Word keeps one set of counters
per abstract definition, so two instances of one definition continue each other, unless an
instance overrides a level's start (``w:lvlOverride/w:startOverride``): then it starts again
there the first time it is used. A level's counter starts again whenever a higher level is
used (or the one ``w:lvlRestart`` names). This is what Word and LibreOffice print, and what the
reader must reproduce for "a." under each priority to come back as "a.".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from docx.oxml.ns import qn

from lcplanner.domain.numbering import roman

_VAL = qn("w:val")
_LEVEL_REF = re.compile(r"%([1-9])")


@dataclass
class Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    restart: int | None = None  # 1-based level after which this one restarts; 0 = never
    legal: bool = False


@dataclass
class _Instance:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)
    levels: dict[int, Level] = field(default_factory=dict)
    used: bool = False


def _val(el, tag: str, default: str | None = None) -> str | None:
    found = el.find(qn(tag))
    return found.get(_VAL, default) if found is not None else default


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _level(lvl) -> Level:
    restart = lvl.find(qn("w:lvlRestart"))
    return Level(fmt=_val(lvl, "w:numFmt", "decimal") or "decimal",
                 text=_val(lvl, "w:lvlText", "") or "",
                 start=_int(_val(lvl, "w:start"), 1),
                 restart=None if restart is None else _int(restart.get(_VAL), 0),
                 legal=lvl.find(qn("w:isLgl")) is not None)


def _alpha(n: int) -> str:
    """a … z, aa … zz, aaa …: how Word letters past z."""
    if n <= 0:
        return ""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """One level's counter as its format prints it."""
    if fmt in ("lowerLetter", "upperLetter"):
        text = _alpha(n)
        return text.upper() if fmt == "upperLetter" else text
    if fmt in ("lowerRoman", "upperRoman"):
        text = roman(n - 1) if n > 0 else "0"
        return text.upper() if fmt == "upperRoman" else text
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


class ListNumbering:
    """Counts a document's numbered paragraphs in reading order and gives each its label."""

    def __init__(self, root, style_numbering: dict[str, tuple[str, int]] | None = None):
        self._abstract: dict[str, dict[int, Level]] = {}
        self._links: dict[str, str] = {}  # abstract id → style it takes its levels from
        self._style_abstract: dict[str, str] = {}
        self._instances: dict[str, _Instance] = {}
        self._counters: dict[str, dict[int, int]] = {}
        self._pending: dict[str, dict[int, int]] = {}  # start overrides not yet applied
        self._style_numbering = style_numbering or {}
        if root is None:
            return
        for abstract in root.iterfind(qn("w:abstractNum")):
            aid = abstract.get(qn("w:abstractNumId"))
            self._abstract[aid] = {_int(lvl.get(qn("w:ilvl")), 0): _level(lvl)
                                   for lvl in abstract.iterfind(qn("w:lvl"))}
            if (link := _val(abstract, "w:numStyleLink")) is not None:
                self._links[aid] = link
            if (link := _val(abstract, "w:styleLink")) is not None:
                self._style_abstract[link] = aid
        for num in root.iterfind(qn("w:num")):
            instance = _Instance(abstract=_val(num, "w:abstractNumId", "") or "")
            for override in num.iterfind(qn("w:lvlOverride")):
                ilvl = _int(override.get(qn("w:ilvl")), 0)
                start = _val(override, "w:startOverride")
                if start is not None:
                    instance.starts[ilvl] = _int(start, 1)
                lvl = override.find(qn("w:lvl"))
                if lvl is not None:
                    instance.levels[ilvl] = _level(lvl)
            self._instances[num.get(qn("w:numId"))] = instance

    def _resolve(self, aid: str) -> str:
        """Follow a numStyleLink to the definition that holds the levels."""
        for _ in range(4):
            style = self._links.get(aid)
            if style is None:
                break
            target = self._style_abstract.get(style)
            if target is None and style in self._style_numbering:
                target = self._instances.get(self._style_numbering[style][0],
                                             _Instance("")).abstract
            if not target or target == aid:
                break
            aid = target
        return aid

    def label(self, num_id: str, ilvl: int) -> tuple[str, str]:
        """(label, format) for the next paragraph of list ``num_id`` at level ``ilvl``.

        ("", "") when the instance does not exist or is numbering id 0 (numbering removed).
        """
        instance = self._instances.get(num_id)
        if instance is None or num_id == "0":
            return "", ""
        aid = self._resolve(instance.abstract)
        levels = dict(self._abstract.get(aid, {}))
        levels.update(instance.levels)
        level = levels.get(ilvl)
        if level is None:
            return "", ""
        counters = self._counters.setdefault(aid, {})
        pending = self._pending.setdefault(aid, {})
        if not instance.used:
            instance.used = True
            for k, start in instance.starts.items():
                counters.pop(k, None)
                pending[k] = start
        first = pending.pop(ilvl, None)
        if ilvl in counters and first is None:
            counters[ilvl] += 1
        else:
            counters[ilvl] = first if first is not None else level.start
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels.get(deeper, Level()).restart
            if restart is None or (restart and ilvl + 1 <= restart):
                del counters[deeper]
        if level.fmt == "bullet":
            return level.text, "bullet"

        def value(match: re.Match) -> str:
            k = int(match.group(1)) - 1
            n = counters.get(k)
            if n is None:
                n = levels.get(k, Level()).start
            fmt = "decimal" if level.legal and k < ilvl else levels.get(k, Level()).fmt
            return format_number(n, fmt)

        return _LEVEL_REF.sub(value, level.text).strip(), level.fmt
