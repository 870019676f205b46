"""A priority's links: the line under it naming the themes and pledges it serves.

Clerks and our own writers print them as one line, "Theme: Fair funding. Pledges 2, 5.":
:func:`priority_links` recognises such a line while the paper is read, and
:func:`link_priorities` tags the priority once the plan's themes and pledges exist.
"""
from __future__ import annotations

import re

from lcplanner.domain.model import Plan
from lcplanner.importers.outline import same_text

__all__ = ["priority_links", "link_priorities"]

_LINK_THEME = re.compile(r"^themes?\s*:\s*(\S.*?)\.?$", re.IGNORECASE)
_LINK_PLEDGE = re.compile(r"^pledges?\s*:?\s*(\d{1,3}(?:\s*(?:,|and)\s*\d{1,3})*)\.?$",
                          re.IGNORECASE)


def priority_links(text: str) -> tuple[str, list[int]] | None:
    """A priority's line of links, "Theme: Fair funding. Pledges 2, 5.": (the themes as
    written, the pledge numbers), or None when the line is anything else."""
    themes, pledges = "", []
    for part in re.split(r"(?<=\.)\s+(?=[A-Z])", text.strip()):
        if (match := _LINK_THEME.match(part)) and not themes:
            themes = match.group(1).strip()
        elif (match := _LINK_PLEDGE.match(part)) and not pledges:
            pledges = [int(n) for n in re.findall(r"\d+", match.group(1))]
        else:
            return None
    return (themes, pledges) if themes or pledges else None


def link_priorities(plan: Plan, links) -> None:
    """Tag priorities with the themes and pledges their link lines name ("Theme: A, B.
    Pledges 2, 5."); a line naming a theme or pledge the plan does not hold stays a note."""
    pledges = [p for area in plan.pledge_areas for p in area.pledges]
    for priority, lines in links:
        for names, numbers, text in lines:
            found = _themes_named(plan.themes, names)
            if found is None or any(not 1 <= n <= len(pledges) for n in numbers):
                priority.note = "\n\n".join(p for p in (priority.note, text) if p)
                continue
            priority.themes.extend(t for t in found if t not in priority.themes)
            priority.pledges.extend(pledges[n - 1] for n in numbers
                                    if pledges[n - 1] not in priority.pledges)


def _themes_named(themes, names: str):
    """The themes a link names: the whole text as one name, else each comma-separated name;
    None when a name is not one of the plan's themes."""
    if not names:
        return []
    for parts in ([names], [n.strip() for n in names.split(",")]):
        found = [next((t for t in themes if same_text(t.name, n)), None) for n in parts]
        if all(found):
            return found
    return None
