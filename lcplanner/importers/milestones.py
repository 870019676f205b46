"""Objectives and their milestones: from what the reader found to the plan's rows.

A milestone is read from its text (its name, the dates it is due, the sub-priorities its
bracket names) or from a table row whose columns say which cell is which.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher

from lcplanner.domain.model import (CoreArea, Milestone, MilestoneDate, Objective, Plan,
                                    StatusLabel, SubPriority)
from lcplanner.importers.dates import due_dates
from lcplanner.importers.blocks import CELL_PARAGRAPHS
from lcplanner.importers.outline import (ActionB, ObjectiveB, Outline, best_name, norm, same_text,
                                        unmark)

__all__ = ["objective_of", "link_core_areas", "attach_milestones"]


def _tag_matches(tag_text: str, titles: list[str]) -> list[int]:
    """Indexes of sub-priority titles named in a tag bracket, separators or not.

    "(*Depots – Fleet renewal*)" names two; "(Opening family hubs Reducing rough sleeping in
    town centres)" names two with the dash lost in extraction. A title
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
    """A milestone with its text kept whole: dates and tags are read from it, not cut out.

    The name is the paper's own label ("**Building collaboration:**") or, failing one, the
    words before the first date it is due ("Trial … in four districts" | "October 2025 –
    drafting of …"), or its first sentence; the text is everything after the name, so name
    and text read together are the paper's words in the paper's order.
    """
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
    if not tags:  # no bracket: a sub-priority named in the label or the sentence itself
        for sub in own:
            key = norm(sub.title)
            if (name and norm(sub.title).startswith(norm(name))) or re.search(
                    rf"\b{re.escape(key)}\b", norm(raw)):
                tags.append(sub)
    dates = due_dates(text[:bracket.start()] if bracket and tags else text)
    if not name and dates:
        start, _, _ = dates[0]
        head = text[:start].rstrip(" –-(,")
        head = re.sub(r"\s+(?:by|from|until|in)$", "", head)
        if 3 <= len(head.split()) <= 30:
            name = head
            text = text[len(head):]
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


def objective_of(found: ObjectiveB) -> Objective:
    objective = Objective(title=found.title, strapline=found.strapline.rstrip("."))
    for title in found.sub_priorities:
        objective.sub_priorities.append(SubPriority(title=title))
    return objective


def link_core_areas(plan: Plan, outline: Outline) -> None:
    """Put each objective under the core area the paper places it in, where the text says so.

    An objective whose title names a core area ("London's Future: …" and the core area
    "London's future") belongs to that one; otherwise one listed under a heading that names a
    core area belongs to it (the paper's own grouping). An objective that matches no core
    area, or two equally well, is left for the user to place.
    """
    for found in outline.objectives:  # "Core area: …" under an objective names its own
        if found.core_area and not any(same_text(a.name, found.core_area)
                                       for a in plan.core_areas):
            plan.core_areas.append(CoreArea(name=found.core_area))
    names = [area.name for area in plan.core_areas]
    if not names:
        return
    for objective, found in zip(plan.objectives, outline.objectives):
        if found.core_area:
            objective.core_area = next(a for a in plan.core_areas
                                       if same_text(a.name, found.core_area))
    if any(found.core_area for found in outline.objectives):
        return  # the paper says where each objective belongs: nothing is guessed
    if outline.theme_areas:  # "Theme 1: …" then its objectives: the paper's own grouping
        for objective, found in zip(plan.objectives, outline.objectives):
            if found.heading in names:
                objective.core_area = plan.core_areas[names.index(found.heading)]
        return
    for objective, found in zip(plan.objectives, outline.objectives):
        index = best_name(objective.title, names)
        if index is None and found.heading:
            index = best_name(found.heading, names)
        if index is not None:
            objective.core_area = plan.core_areas[index]


def _named(titles: list[SubPriority], text: str) -> SubPriority | None:
    return next((s for s in titles if same_text(s.title, text)), None)


def _action(plan: Plan, row: ActionB, objective: Objective,
            everyone: list[SubPriority]) -> Milestone:
    """A table row as a milestone: the date column is the date it is due, as written.

    A name set in bold opens the action cell ("**Name** what it means"): the rest of the cell
    is the milestone's text. A cell's paragraphs (several dates, several sub-priorities) come
    apart at the reader's "; ". The sub-priorities column names the milestone's tags.
    """
    milestone = Milestone(name=row.text, text="", owner=row.owner)
    if label := re.match(r"^\*\*(.+?)\*\*\s*", row.text):
        milestone.name, milestone.text = label.group(1).strip(), row.text[label.end():].strip()
    for phrase in row.date.split(CELL_PARAGRAPHS) if row.date else ():
        if phrase.strip():
            milestone.dates.append(MilestoneDate(text=phrase.strip()))
    for part in row.tags.split(CELL_PARAGRAPHS) if row.tags else ():
        sub = _named(objective.sub_priorities, part) or _named(everyone, part)
        if sub is None:  # a sub-priority written a little differently, or several run on
            own = _tag_matches(part, [s.title for s in objective.sub_priorities])
            found = [objective.sub_priorities[k] for k in own]
        else:
            found = [sub]
        for sub in found:
            if sub not in milestone.tags:
                milestone.tags.append(sub)
    status = re.sub(r"^[^\w]+", "", row.status or "")  # a coloured mark before the word
    if status:
        label = plan.status_named(status)
        if label is None:  # the paper's own status word ("Complete"): kept as a label
            label = StatusLabel(name=status, colour="#8c8c8c")
            plan.statuses.append(label)
        milestone.status = label
    return milestone


def attach_milestones(plan: Plan, outline: Outline) -> None:
    everyone = [s for o in plan.objectives for s in o.sub_priorities]
    for objective, found in zip(plan.objectives, outline.objectives):
        for raw in found.milestones:
            objective.milestones.append(_action(plan, raw, objective, everyone)
                                        if isinstance(raw, ActionB)
                                        else _milestone(raw, objective, everyone))
