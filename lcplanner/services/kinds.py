"""The kinds of item an edit can touch, declared once.

Every service function and the tree model work from this table: which ORM class and table a
kind lives in, which kind is its parent and through which column, the ordered collection that
holds it (an ``ordering_list``, so positions stay 0, 1, 2 …), the fields an officer may edit and
the column shown as its title. Pure Python: no Qt.

The ORM classes are named here, not imported: the table is read by the editor's window before
any store is open, and SQLAlchemy's mappers are only needed once one is (start-up is faster).
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field


def _model():
    return importlib.import_module("lcplanner.domain.model")


@dataclass(frozen=True)
class Kind:
    name: str
    #: Name of the ORM class in ``lcplanner.domain.model`` (see :attr:`cls`).
    model: str
    #: Parent kind, or None for a plan (plans are ordered across the store).
    parent: str | None
    #: Column on this kind's table that points at the parent row.
    fk: str | None
    #: Ordered collection on the parent class holding items of this kind.
    collection: str | None
    #: Column shown as the row's text in the tree.
    label: str
    #: Columns an officer may edit.
    fields: tuple[str, ...]
    #: What the user calls one ("Output").
    title: str
    #: True when the kind is a row in the tree; others are lists edited inside a pane.
    in_tree: bool = True
    #: Further columns searched by Find.
    search: tuple[str, ...] = ()
    #: Link fields (many-to-many) editable as lists of ids: field → (name of the association
    #: table in ``lcplanner.domain.model``, own column, other column); see :attr:`links`.
    link_tables: dict = field(default_factory=dict)

    @property
    def cls(self) -> type:
        return getattr(_model(), self.model)

    @property
    def table(self):
        return self.cls.__table__

    @property
    def links(self) -> dict:
        """Link field → (association Table, own column, other column)."""
        model = _model()
        return {name: (getattr(model, table), own, other)
                for name, (table, own, other) in self.link_tables.items()}


_PAPER_FIELDS = ("committee", "item_number", "meeting_date", "title", "report_by", "job_title",
                 "contact_officer", "telephone", "email", "summary", "recommendations_intro",
                 "financial_implications", "legal_implications", "equalities_implications")

_ALL = [
    Kind("plan", "Plan", None, None, None, "title",
         ("title", "period", "status", "organisation", "financial_quarters"), "Plan",
         search=("period", "organisation")),
    Kind("paper", "CommitteePaper", "plan", "plan_id", "papers", "title", _PAPER_FIELDS,
         "Committee paper", search=("committee", "summary")),
    Kind("section", "NarrativeSection", "plan", "plan_id", "sections", "title",
         ("title", "body"), "Narrative section", search=("body",)),
    Kind("narrative_point", "NarrativePoint", "section", "section_id", "points", "text",
         ("text",), "Point"),
    Kind("theme", "Theme", "plan", "plan_id", "themes", "name", ("name", "description"),
         "Theme", search=("description",)),
    Kind("portfolio", "Portfolio", "plan", "plan_id", "portfolios", "name",
         ("name", "kind", "holder", "shadow_holder", "note"), "Portfolio",
         search=("holder", "shadow_holder")),
    Kind("service_group", "ServiceGroup", "portfolio", "portfolio_id", "service_groups", "name",
         ("name",), "Service group"),
    Kind("priority", "Priority", "portfolio", "portfolio_id", "priorities", "title",
         ("title", "outcome", "note", "service_group_id"), "Priority", search=("outcome",),
         link_tables={"themes": ("priority_themes", "priority_id", "theme_id"),
                "pledges": ("priority_pledges", "priority_id", "pledge_id")}),
    Kind("output", "Output", "priority", "priority_id", "outputs", "text",
         ("text", "owner", "status_id", "progress_note"), "Output",
         search=("owner", "progress_note")),
    Kind("sub_point", "SubPoint", "output", "output_id", "sub_points", "text",
         ("text", "level"), "Sub-point"),
    Kind("work_area", "WorkArea", "portfolio", "portfolio_id", "work_areas", "text",
         ("text", "service_group_id"), "Work area"),
    Kind("objective", "Objective", "plan", "plan_id", "objectives", "title",
         ("title", "strapline", "core_area_id"), "Objective", search=("strapline",)),
    Kind("sub_priority", "SubPriority", "objective", "objective_id", "sub_priorities", "title",
         ("title",), "Sub-priority"),
    Kind("milestone", "Milestone", "objective", "objective_id", "milestones", "name",
         ("name", "text", "status_id"), "Milestone", search=("text",),
         link_tables={"tags": ("milestone_tags", "milestone_id", "sub_priority_id")}),
    Kind("pledge_area", "PledgeArea", "plan", "plan_id", "pledge_areas", "name",
         ("name", "description"), "Pledge area", search=("description",)),
    Kind("pledge", "Pledge", "pledge_area", "area_id", "pledges", "text", ("text",), "Pledge",
         link_tables={"priorities": ("priority_pledges", "pledge_id", "priority_id")}),
    Kind("pledge_point", "PledgePoint", "pledge", "pledge_id", "points", "text", ("text",),
         "Pledge point"),
    Kind("policy_event", "PolicyEvent", "plan", "plan_id", "policy_events", "text",
         ("date_text", "text"), "Policy event", search=("date_text",)),
    # A committee paper's numbered body sections are tree rows under the paper (like a plan's
    # narrative sections): each is a heading with paragraphs of prose, edited in its own pane,
    # and moved, added and deleted with the tree's commands.
    Kind("paper_section", "PaperSection", "paper", "paper_id", "body", "title",
         ("title", "body"), "Paper section", search=("body",)),
    # Lists edited inside a pane rather than as tree rows.
    Kind("status_label", "StatusLabel", "plan", "plan_id", "statuses", "name",
         ("name", "colour"), "Status", in_tree=False),
    Kind("core_area", "CoreArea", "plan", "plan_id", "core_areas", "name",
         ("name", "description"), "Core area", in_tree=False),
    Kind("recommendation", "Recommendation", "paper", "paper_id", "recommendations", "text",
         ("text",), "Recommendation", in_tree=False),
    Kind("appendix", "Appendix", "paper", "paper_id", "appendices", "title", ("title",),
         "Appendix", in_tree=False),
    Kind("background_paper", "BackgroundPaper", "paper", "paper_id", "background_papers",
         "text", ("text",), "Background paper", in_tree=False),
    Kind("milestone_date", "MilestoneDate", "milestone", "milestone_id", "dates", "text",
         ("text",), "Date", in_tree=False),
]

KINDS: dict[str, Kind] = {k.name: k for k in _ALL}
#: Tree kinds in the order their rows appear under a shared parent.
TREE_ORDER: tuple[str, ...] = tuple(k.name for k in _ALL if k.in_tree)


def kind(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        raise ValueError(f"unknown kind {name!r}") from None


def child_kinds(parent: str, *, tree_only: bool = False) -> list[Kind]:
    """Kinds whose parent is ``parent``, in tree order."""
    return [k for k in _ALL if k.parent == parent and (k.in_tree or not tree_only)]


def can_hold(parent: str | None, child: str) -> bool:
    return KINDS[child].parent == parent
