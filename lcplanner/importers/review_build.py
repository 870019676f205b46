"""The plan re-formed from the roles the user gave the blocks in the review step.

One deterministic pass over the blocks in reading order, keeping the recogniser's work wherever
the user left it alone:

* the plan's header (title, period, status, organisation, source) and the committee paper's
  header fields, appendices and background papers, the core areas and policy events, are kept
  as recognised;
* a field a corrected block was part of (a note, a description, a section's body) keeps the
  rest of its text; the corrected block's words go where its role now says;
* a block the user did not touch that is part of a recognised item brings that item across
  whole, with its own fields (outcome, note, dates, status, lead, tags) but not its children,
  which follow their own blocks; a second block of the same item (an outcome, a copy of the
  list in an appendix) adds nothing but makes the item the current one again;
* a corrected block (new role, merged or split), or a block of an item whose head was
  corrected, makes a new item of its role from its own text, where the role puts it: a
  grouping; a priority under the last grouping (a grouping made if none); an output under the
  last priority; a sub-point under the last output; a milestone under the last objective, its
  due dates read from its text; a pledge under the last pledge area; a work area under the last
  grouping; a recommendation in the paper; narrative text into the plan's narrative in its
  place (a heading starts a section); page furniture nowhere.
"""
from __future__ import annotations

from sqlalchemy import inspect

from lcplanner.domain import model as m
from lcplanner.importers.coverage import content_pieces, words
from lcplanner.importers.lines import _strip_markers, logical_lines
from lcplanner.importers.review_match import cut_words, item_text, walk_items, words_left

__all__ = ["build_plan"]

#: Items that come across with the item that holds them, never from a block of their own.
_CARRIED = frozenset({"ServiceGroup", "SubPriority", "PledgePoint", "NarrativePoint",
                      "MilestoneDate"})
#: Items kept at the plan's (or paper's) level before the blocks are read.
_KEPT = frozenset({"Plan", "CommitteePaper", "CoreArea", "PolicyEvent", "Appendix",
                   "BackgroundPaper"})
_SKIP_COLUMNS = frozenset({"position", "created", "modified"})


def _owner(item):
    """The item that carries ``item`` (a portfolio its service group, an objective its
    sub-priority)."""
    for key in ("portfolio", "objective", "pledge", "section"):
        if hasattr(item, key):
            return getattr(item, key)
    return None


#: Where an item sits in its parent, for an item brought under its recognised parent.
_CHILDREN = {"Priority": "priorities", "WorkArea": "work_areas", "Output": "outputs",
             "SubPoint": "sub_points", "Milestone": "milestones", "Pledge": "pledges",
             "Recommendation": "recommendations", "PaperSection": "body"}


#: The current container an item of each kind goes in, by the reading.
_CONTAINER = {"Priority": "grouping", "WorkArea": "grouping", "Output": "priority",
              "SubPoint": "output", "Milestone": "objective", "Pledge": "pledge area"}


def _parent(item):
    """The recognised item ``item`` sits in (None for the plan's own lists)."""
    for key in ("portfolio", "priority", "output", "objective", "area", "paper"):
        if type(item).__name__ in _CHILDREN and hasattr(item, key):
            return getattr(item, key)
    return None


def _column_header(source) -> bool:
    """Whether a table cell names its column ("Action", "Lead officer"): a label."""
    from lcplanner.importers.tables import _COLUMNS

    text = " ".join(source.text.split())
    return source.table is not None and any(p.match(text) for _, p in _COLUMNS)


def _read_words(text: str) -> list[str]:
    """The words of a block the recogniser reads as content (rules, footnote lines, a
    table's header row and house-style labels are not)."""
    out: list[str] = []
    for line in logical_lines(text):
        if line.row is not None:
            if not line.row.header:
                out += [w for _, cell in line.row.cells for w in words(cell)]
        else:
            out += [w for piece in content_pieces(line.text) for w in words(piece)]
    return out


def _copy(obj, drop=frozenset()):
    """A new item of ``obj``'s kind holding its own column values (ids and links left out)."""
    values = {}
    for prop in inspect(obj).mapper.column_attrs:
        column = prop.columns[0]
        if column.primary_key or column.foreign_keys or prop.key in _SKIP_COLUMNS:
            continue
        value = getattr(obj, prop.key)
        values[prop.key] = ("" if isinstance(value, str) else None) if prop.key in drop \
            else value
    return type(obj)(**values)


class _Builder:
    def __init__(self, recognised, blocks):
        self.old = recognised
        self.blocks = blocks
        self.built: dict[int, object] = {}
        self.changed_fields: dict[int, set[str]] = {}
        self.dissolved: set[int] = set()
        self.linked: set[int] = set()
        self.heads: set[int] = set()  # items whose head some block holds
        for block in blocks:
            for link in block.links:
                self.linked.add(id(link.item))
                if link.is_head:
                    self.heads.add(id(link.item))
                if block.changed:
                    self.changed_fields.setdefault(id(link.item), set()).add(link.field)
                    if link.is_head:
                        self.dissolved.add(id(link.item))
        # the corrected blocks' words, to take out of each field they were part of
        # (not where a block left as it was holds the same words in that field: a list met
        # twice, in the body and in the appendix, is one item the second copy still holds)
        self.cut: dict[tuple[int, str], list[list[str]]] = {}
        kept: dict[tuple[int, str], list[str]] = {}
        for block in blocks:
            said = words(item_text(block.source.text, block.source.in_table))
            for link in block.links:
                if block.changed:
                    self.cut.setdefault((id(link.item), link.field), []).append(said)
                else:
                    kept.setdefault((id(link.item), link.field), []).append(
                        " " + " ".join(said) + " ")
        for key, cuts in self.cut.items():
            cuts[:] = [words_left(said, kept.get(key, ())) for said in cuts]
        self.pairs: list[tuple[object, object]] = []  # (recognised, new) for links at the end
        self.plan = m.Plan()
        self.cur: dict[str, object] = {}
        self.statuses: dict[int, object] = {}
        self.origin: dict[int, object] = {}  # id(new item) → the recognised item it copies
        self.last: dict[str, object] = {}  # the last item of each kind the reading met
        self.old_words = {w for _, _, text in walk_items(recognised) for w in words(text)}

    # --- the plan's header and what it keeps whole ------------------------------------------

    def keep_header(self) -> None:
        old, plan = self.old, self.plan
        for key in ("title", "period", "status", "organisation", "financial_quarters",
                    "source_digest", "source_name"):
            setattr(plan, key, getattr(old, key))
        for label in old.statuses:
            self.statuses[id(label)] = copy = _copy(label)
            plan.statuses.append(copy)
        plan.ensure_default_statuses()
        for paper in old.papers:
            new = self.make(paper)
            for appendix in paper.appendices:
                if id(appendix) not in self.dissolved:
                    new.appendices.append(self.make(appendix))
            for item in paper.background_papers:
                if id(item) not in self.dissolved:
                    new.background_papers.append(self.make(item))
            plan.papers.append(new)
            self.cur.setdefault("paper", new)
        for area in old.core_areas:
            if id(area) not in self.dissolved:
                plan.core_areas.append(self.make(area))
        for event in old.policy_events:
            if id(event) not in self.dissolved:
                plan.policy_events.append(self.make(event))

    def insert(self, siblings, new, old, old_siblings) -> None:
        """Put ``new`` among ``siblings`` in the recognised order of the items brought across
        (the paper may list them in another order first, in a summary)."""
        rank = {id(item): k for k, item in enumerate(old_siblings)}
        mine = rank.get(id(old), len(rank))
        for k, sibling in enumerate(siblings):
            was = self.origin.get(id(sibling))
            if was is not None and rank.get(id(was), -1) > mine:
                siblings.insert(k, new)
                return
        siblings.append(new)

    def make(self, old):
        """A copy of a recognised item, remembered as built; a field a correction took a block
    from keeps the rest of its text."""
        new = _copy(old)
        for name in self.changed_fields.get(id(old), ()):
            value = getattr(old, name, None)
            if isinstance(value, str) and name in inspect(old).mapper.column_attrs:
                for taken in self.cut.get((id(old), name), ()):
                    value = cut_words(value, taken)
                setattr(new, name, value)
        self.built[id(old)] = new
        self.origin[id(new)] = old
        self.pairs.append((old, new))
        return new

    # --- where things go ----------------------------------------------------------------------

    def grouping(self):
        if "grouping" not in self.cur:
            self.place(m.Portfolio(name=""))
        return self.cur["grouping"]

    def priority(self):
        if "priority" not in self.cur:
            self.place(m.Priority(title=""))
        return self.cur["priority"]

    def output(self):
        if "output" not in self.cur:
            self.place(m.Output(text=""))
        return self.cur["output"]

    def objective(self):
        if "objective" not in self.cur:
            self.place(m.Objective(title=""))
        return self.cur["objective"]

    def pledge_area(self):
        if "pledge area" not in self.cur:
            self.place(m.PledgeArea(name=""))
        return self.cur["pledge area"]

    def paper(self):
        if "paper" not in self.cur:
            self.cur["paper"] = m.CommitteePaper()
            self.plan.papers.append(self.cur["paper"])
        return self.cur["paper"]

    def place(self, new) -> None:
        """Put a new item where its kind goes (just after the last item of its kind the reading
        met, when that one is in the same list) and make it the current one of its kind."""
        kind = type(new).__name__
        where = {"Portfolio": lambda: self.plan.portfolios,
                 "Priority": lambda: self.grouping().priorities,
                 "Output": lambda: self.priority().outputs,
                 "SubPoint": lambda: self.output().sub_points,
                 "Theme": lambda: self.plan.themes,
                 "Objective": lambda: self.plan.objectives,
                 "Milestone": lambda: self.objective().milestones,
                 "PledgeArea": lambda: self.plan.pledge_areas,
                 "Pledge": lambda: self.pledge_area().pledges,
                 "WorkArea": lambda: self.grouping().work_areas,
                 "Recommendation": lambda: self.paper().recommendations,
                 "NarrativeSection": lambda: self.plan.sections,
                 "PaperSection": lambda: self.paper().body}[kind]
        siblings = where()
        last = self.last.get(kind)
        at = next((k for k, item in enumerate(siblings) if item is last), None)
        if at is None:
            siblings.append(new)
        else:
            siblings.insert(at + 1, new)
        self.make_current(new)

    def make_current(self, new) -> None:
        kind = type(new).__name__
        self.last[kind] = new
        key = {"Portfolio": "grouping", "Priority": "priority", "Output": "output",
               "Objective": "objective", "PledgeArea": "pledge area",
               "NarrativeSection": "narrative", "PaperSection": "narrative"}.get(kind)
        if key:
            self.cur[key] = new
            up = {"Priority": ("grouping", "portfolio"), "Output": ("priority", "priority")}
            if kind in up and getattr(new, up[kind][1], None) is not None:
                self.make_current(getattr(new, up[kind][1]))
                self.cur[key] = new
            if kind == "Portfolio":
                self.cur.pop("priority", None)
                self.cur.pop("output", None)
            elif kind == "Priority":
                self.cur.pop("output", None)

    # --- a recognised item brought across -----------------------------------------------------

    def bring(self, old):
        """The recognised item, copied with what it carries, placed; its unlinked children
        (which no block holds, so no block would bring them) come with it."""
        new = self.make(old)
        kind = type(old).__name__
        if kind == "Portfolio":
            for group in old.service_groups:
                if id(group) not in self.dissolved:
                    new.service_groups.append(self.make(group))
        elif kind == "Objective":
            for sub in old.sub_priorities:
                if id(sub) not in self.dissolved:
                    new.sub_priorities.append(self.make(sub))
        elif kind == "Pledge":
            for point in old.points:
                if id(point) not in self.dissolved:
                    new.points.append(self.make(point))
        elif kind == "NarrativeSection":
            for point in old.points:
                if id(point) not in self.dissolved:
                    new.points.append(self.make(point))
        elif kind == "Milestone" and "dates" not in self.changed_fields.get(id(old), ()):
            for date in old.dates:
                new.dates.append(_copy(date))
        parent = _parent(old)
        if parent is None:  # an item of the plan itself
            self.place(new)
            lists = {"Portfolio": "portfolios", "Theme": "themes", "Objective": "objectives",
                     "PledgeArea": "pledge_areas", "NarrativeSection": "sections"}
            if kind in lists:
                siblings = getattr(self.plan, lists[kind])
                siblings.remove(new)
                self.insert(siblings, new, old, getattr(self.old, lists[kind]))
        else:
            target = self.built.get(id(parent))
            if target is None and id(parent) not in self.dissolved:
                target = self.bring(parent)
            current = self.cur.get(_CONTAINER.get(kind, ""))
            if current is not None and id(current) not in self.origin:
                target = current  # a container the user made holds what follows it
            if target is None:  # its parent was corrected away: where the reading puts it
                self.place(new)
            else:
                rel = _CHILDREN[type(old).__name__]
                self.insert(getattr(target, rel), new, old, getattr(parent, rel))
        for rel in ("priorities", "outputs", "sub_points", "work_areas", "milestones",
                    "pledges"):
            for child in getattr(old, rel, ()):
                if id(child) not in self.linked and id(child) not in self.built:
                    self.bring(child)
        self.make_current(new)
        return new

    # --- a block made into an item of its role -------------------------------------------------

    def from_text(self, block) -> list[object]:
        text = item_text(block.source.text, block.source.in_table)
        role = block.role
        if role == "page furniture" or not text:
            return []
        if role == "narrative text":
            return [self.narrative(block, text)]
        if role == "milestone":
            from lcplanner.importers.paper_text import _milestone

            objective = self.objective()
            new = _milestone(text, objective, [])
            self.place(new)
            return [new]
        new = {"grouping": lambda: m.Portfolio(name=text),
               "priority": lambda: m.Priority(title=text),
               "output": lambda: m.Output(text=text),
               "sub-point": lambda: m.SubPoint(text=text, level=0),
               "theme": lambda: m.Theme(name=text),
               "objective": lambda: m.Objective(title=text),
               "pledge": lambda: m.Pledge(text=text),
               "work area": lambda: m.WorkArea(text=text),
               "recommendation": lambda: m.Recommendation(text=text)}[role]()
        self.place(new)
        return [new]

    def narrative(self, block, text: str):
        """Narrative text in its place: a heading opens a section, a paragraph joins the last."""
        current = self.cur.get("narrative")
        source = block.source
        heading = source.heading_level is not None or (
            not source.list_label and "\n" not in source.text.strip()
            and _strip_markers(source.text.strip()).is_heading_like())
        if heading or current is None:
            section = m.NarrativeSection(title=text if heading else "", body="" if heading
                                         else text)
            self.place(section)
            return section
        current.body = f"{current.body}\n\n{text}" if current.body else text
        return current

    # --- the pass -------------------------------------------------------------------------------

    def run(self):
        self.keep_header()
        made: list[list[object]] = []
        for block in self.blocks:
            made.append(self.one(block))
        for block, items in zip(self.blocks, made):
            if not items and not block.changed:  # a part of an item brought by a later block
                items += [self.built[id(k.item)] for k in block.links if id(k.item) in self.built]
        self.relink()
        return self.plan, made

    def one(self, block) -> list[object]:
        if block.role == "page furniture":
            return []
        if block.changed:
            return self.from_text(block)
        if not block.links:
            if _column_header(block.source) or all(
                    w in self.old_words for w in _read_words(block.source.text)):
                # a house-style label ("Summary", "Outputs"), or words the recogniser kept
                # in the paper's header: nothing to add
                return []
            return self.from_text(block)
        out: list[object] = []
        for link in block.links:
            key, kind = id(link.item), link.kind
            owner = _owner(link.item) if kind in _CARRIED else None
            if key in self.built:
                new = self.built[key]
                self.make_current(new)
            elif kind in _KEPT:
                continue
            elif key in self.dissolved and kind in ("PaperSection", "NarrativeSection"):
                # the running text of a section whose heading was corrected: in its place
                text = item_text(block.source.text, block.source.in_table)
                out.append(self.narrative(block, text))
                continue
            elif key in self.dissolved or (owner is not None and id(owner) in self.dissolved):
                if not out:
                    out += self.from_text(block)
                continue
            elif owner is not None:
                if id(owner) in self.heads and id(owner) not in self.built:
                    continue  # it comes with its item, whose own block follows
                new = self.bring(owner)
            elif not link.is_head and key in self.heads:
                continue  # an outcome, a note: the item comes across at its own block
            else:
                new = self.bring(link.item)
            if all(new is not seen for seen in out):
                out.append(new)
        if not out and kind in _KEPT:
            if kind == "CommitteePaper" and self.plan.papers:
                out.append(self.plan.papers[0])
            elif kind == "Plan":
                out.append(self.plan)
        return out

    def relink(self) -> None:
        """Links between items the recogniser made, where both ends came across."""
        for old, new in self.pairs:
            kind = type(old).__name__
            if kind in ("Priority", "WorkArea") and old.service_group is not None:
                new.service_group = self.built.get(id(old.service_group))
            if kind in ("Output", "Milestone") and old.status is not None and \
                    "status" not in self.changed_fields.get(id(old), ()):
                new.status = self.statuses.get(id(old.status))
            if kind == "Milestone":
                for tag in old.tags:
                    if id(tag) in self.built:
                        new.tags.append(self.built[id(tag)])
            if kind == "Objective" and old.core_area is not None:
                new.core_area = self.built.get(id(old.core_area))
            if kind == "Priority":
                for theme in old.themes:
                    if id(theme) in self.built:
                        new.themes.append(self.built[id(theme)])
                for pledge in old.pledges:
                    if id(pledge) in self.built:
                        new.pledges.append(self.built[id(pledge)])


def build_plan(recognised, blocks):
    """The plan re-formed from ``blocks`` (review blocks with roles) and, for each block, the
    items of the new plan it made or is part of."""
    return _Builder(recognised, blocks).run()
