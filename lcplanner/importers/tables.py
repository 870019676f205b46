"""Tables flattened to text: action plans with a lead officer, a target date and a status.

Extraction leaves a table in one of two shapes, and a reader knows both at a glance:

* one row per line, cells apart by runs of spaces (or tabs), under a header row::

      Action                      Lead officer      Target date    Status
      Open two family hubs        Head of Early Help  March 2026   On track

* one cell per line, the header's cells first, then each row's cells in the same order::

      Action
      Lead officer
      Target date
      Status
      Open two family hubs
      Head of Early Help
      March 2026
      On track

A table is only recognised under a header that names its columns (an action or deliverable,
and a date, lead or status); rows are kept whole, one per action, and never joined to the
lines around them the way broken sentences are.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from lcplanner.domain.fuzzy_date import FuzzyDate

#: column header words → the role of the column
_COLUMNS = (
    ("action", re.compile(r"^(?:actions?|activit(?:y|ies)|tasks?|deliverables?|milestones?"
                          r"|what we will do|key actions?)$", re.IGNORECASE)),
    ("owner", re.compile(r"^(?:lead(?:\s+officer)?|owner|responsible(?:\s+officer)?|who"
                         r"|lead\s+directorate)$", re.IGNORECASE)),
    ("date", re.compile(r"^(?:target\s+date|due(?:\s+date)?|deadline|timescales?|by\s+when"
                        r"|when|date)$", re.IGNORECASE)),
    ("status", re.compile(r"^(?:status|progress|rag(?:\s+status)?)$", re.IGNORECASE)),
    # the sub-priorities (or themes, objectives) a milestone serves
    ("tags", re.compile(r"^(?:sub-?priorit(?:y|ies)|tags?|serves|linked\s+to)$",
                        re.IGNORECASE)),
    # what happens on a date, beside the plan's milestones: a policy event
    ("event", re.compile(r"^(?:events?|policy\s+events?|what\s+happens)$", re.IGNORECASE)),
)
_GAP = re.compile(r"(?: {2,}|\t+)")
#: "6<tab>Resource implications", "6.1<tab>…": a numbered heading or paragraph set with a tab
#: after its number, as papers set them; never a table row, though the tab parts it in two
_NUMBERED_TAB = re.compile(r"^\d{1,3}(?:\.\d{1,3})*\.?\t")


@dataclass
class TableRow:
    """One row: its cells by role ("action", "owner", "date", "status"), in column order."""

    cells: list[tuple[str, str]]
    header: bool = False

    def get(self, role: str) -> str:
        return next((text for r, text in self.cells if r == role), "")

    @property
    def events(self) -> bool:
        """Whether the row belongs to a table of dated policy events."""
        return any(role == "event" for role, _ in self.cells)

    @property
    def text(self) -> str:
        return " ".join(text for _, text in self.cells)


def _role(cell: str) -> str:
    return next((role for role, pattern in _COLUMNS if pattern.match(cell.strip())), "")


def column_role(heading: str) -> str:
    """What a column holds, from its heading: "action", "owner", "date", "status", "tags",
    "event", or "" for a heading this module does not know."""
    return _role(heading)


def _roles(cells: list[str]) -> list[str] | None:
    """The roles of a header's cells, or None when these cells are not a table header.

    Columns may come in any order: a table of actions (or milestones) has an action column
    and any of a lead, a date, a status and the sub-priorities served; a table of policy
    events has a date and an event column.
    """
    roles = [_role(c) for c in cells]
    if len(cells) < 2 or "" in roles or len(set(roles)) != len(roles):
        return None
    if "event" in roles:
        return roles if set(roles) == {"date", "event"} else None
    return roles if "action" in roles else None


def is_header_row(cells: list[str]) -> bool:
    """Whether these cells name a table's columns (action, lead, date, status): labels."""
    return _roles(cells) is not None


def _is_date(cell: str) -> bool:
    return FuzzyDate.parse(cell).kind != "unreadable"


def find_tables(lines: list[str]) -> dict[int, TableRow | int]:
    """Physical line index → the row that starts there, or the index of the row's first line
    for the lines a one-cell-per-line row spreads over."""
    out: dict[int, TableRow | int] = {}
    k = 0
    while k < len(lines):
        cells = [c for c in _GAP.split(lines[k].strip()) if c]
        roles = _roles(cells)
        if roles:  # one row per line
            out[k] = TableRow(list(zip(roles, cells)), header=True)
            j = k + 1
            while j < len(lines):
                row = [c for c in _GAP.split(lines[j].strip()) if c]
                if not row:
                    j += 1
                    continue
                if len(row) != len(roles) or _NUMBERED_TAB.match(lines[j].strip(" ")):
                    break
                out[j] = TableRow(list(zip(roles, row)))
                j += 1
            k = j
            continue
        # one cell per line: header cells on consecutive lines
        head = []
        j = k
        while j < len(lines) and lines[j].strip() and _role(lines[j]):
            head.append(lines[j].strip())
            j += 1
        roles = _roles(head) if len(head) >= 3 else None
        if not roles:
            k += 1
            continue
        for n in range(len(head)):
            out[k + n] = k if n else TableRow(list(zip(roles, head)), header=True)
        while True:
            spots = []
            while j < len(lines) and len(spots) < len(roles):
                if lines[j].strip():
                    spots.append(j)
                j += 1
            if len(spots) < len(roles):
                break
            cells = [lines[s].strip() for s in spots]
            if "date" in roles and not _is_date(cells[roles.index("date")]):
                break
            out[spots[0]] = TableRow(list(zip(roles, cells)))
            for s in spots[1:]:
                out[s] = spots[0]
            k = j
        k = max(k + 1, (max(out) + 1) if out else k + 1)
    return out
