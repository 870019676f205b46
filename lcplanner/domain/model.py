"""The plan as SQLAlchemy 2 entities.

Every year's paper fits one model (see DOMAIN.md): a Plan holds narrative sections, themes,
portfolios (→ service groups → priorities → outputs → sub-points), core areas and objectives
(→ sub-priorities, milestones), pledge areas (→ pledges), work areas, policy events and the
committee papers that carry it to meetings.

Order is by ``position``; every ordered collection is an ``ordering_list`` so positions stay
0, 1, 2 … after any insert, move or delete. Numbers and letters are derived from positions
(``lcplanner.domain.numbering``), never stored. All text goes through the sanitiser on
assignment and again on the way into the database.
"""
from __future__ import annotations

import enum
from datetime import datetime, timezone

from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Integer, String, Table, Text, event
from sqlalchemy.ext.orderinglist import ordering_list
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from lcplanner.domain.fuzzy_date import FuzzyDate
from lcplanner.domain.sanitise import clean_line, clean_text


class CleanText(TypeDecorator):
    """Multi-line user text, sanitised on the way into the database."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return clean_text(value)


class CleanLine(TypeDecorator):
    """Single-line user text (names, titles), sanitised on the way into the database."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return clean_line(value)


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class Versioned:
    """An item several people may edit at once: a version counter and who changed it last.

    ``version`` is SQLAlchemy's version counter: every UPDATE of the row says ``WHERE version =
    <the one read>`` and raises the counter, so a write based on a stale read changes nothing
    and is refused (see ``lcplanner.services.versions``). ``changed_by`` and ``changed_at`` are
    set by the service layer on every write: the database user on a server, the login name on
    a file.
    """

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1, server_default="1")
    changed_by: Mapped[str] = mapped_column(String(100), default="", server_default="")
    changed_at: Mapped[datetime | None] = mapped_column(DateTime, default=_now)

    @declared_attr.directive
    def __mapper_args__(cls):
        return {"version_id_col": cls.__table__.c.version}


class PlanStatus(str, enum.Enum):
    """The approval cycle a plan goes through."""

    DRAFT = "draft"
    EXECUTIVE_DISCUSSION = "executive_discussion"
    LEADERS_COMMENT = "leaders_comment"
    EXECUTIVE_FINAL = "executive_final"
    APPROVED = "approved"

    @property
    def label(self) -> str:
        return _PLAN_STATUS_LABELS[self]


_PLAN_STATUS_LABELS = {
    PlanStatus.DRAFT: "Draft",
    PlanStatus.EXECUTIVE_DISCUSSION: "Executive discussion",
    PlanStatus.LEADERS_COMMENT: "Leaders' Committee comment",
    PlanStatus.EXECUTIVE_FINAL: "Executive final",
    PlanStatus.APPROVED: "Approved",
}

#: Default progress labels for outputs and milestones; each plan holds its own copy as data.
DEFAULT_STATUSES = [
    ("Not started", "#8c8c8c"),
    ("On track", "#2e7d32"),
    ("At risk", "#ef8f00"),
    ("Off track", "#c62828"),
    ("Done", "#1565c0"),
]


def _position() -> Mapped[int]:
    return mapped_column(Integer, nullable=False, default=0)


def _parent(table: str) -> Mapped[int]:
    return mapped_column(ForeignKey(f"{table}.id", ondelete="CASCADE"), index=True, nullable=False)


def _children(cls: str, back: str) -> Mapped[list]:
    return relationship(cls, back_populates=back, order_by=f"{cls}.position",
                        collection_class=ordering_list("position"),
                        cascade="all, delete-orphan", passive_deletes=True)


priority_themes = Table(
    "priority_themes", Base.metadata,
    Column("priority_id", ForeignKey("priorities.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True),
)
priority_pledges = Table(
    "priority_pledges", Base.metadata,
    Column("priority_id", ForeignKey("priorities.id", ondelete="CASCADE"), primary_key=True),
    Column("pledge_id", ForeignKey("pledges.id", ondelete="CASCADE"), primary_key=True),
)
milestone_tags = Table(
    "milestone_tags", Base.metadata,
    Column("milestone_id", ForeignKey("milestones.id", ondelete="CASCADE"), primary_key=True),
    Column("sub_priority_id", ForeignKey("sub_priorities.id", ondelete="CASCADE"),
           primary_key=True),
)


class StoreState(Base):
    """One row about the store itself: whether an editor has it open (see store/engine.py)."""

    __tablename__ = "store_state"
    id: Mapped[int] = mapped_column(primary_key=True)
    in_use: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")


class DictionaryWord(Base):
    """A word the spell checker accepts in this store (the organisation's own names)."""

    __tablename__ = "dictionary_words"
    id: Mapped[int] = mapped_column(primary_key=True)
    word: Mapped[str] = mapped_column(CleanLine(100), unique=True)


class DeletedItem(Base):
    """Something deleted in the editor, kept for 30 days so it can be restored to its place.

    ``snapshot`` is the JSON of the delete's :class:`~lcplanner.services.edit.Snapshot`. No
    foreign keys: an entry outlives the plan it came from.
    """

    __tablename__ = "deleted_items"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    item_id: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text, default="")
    #: Where it was, in words ("priority 'Housing' in plan 'Business plan 2026/27'").
    origin: Mapped[str] = mapped_column(Text, default="")
    deleted_at: Mapped[datetime] = mapped_column(DateTime, default=_now, index=True)
    snapshot: Mapped[str] = mapped_column(Text)


class ChangeRecord(Base):
    """One change to a plan: who made it, when, to which item, and the field's old and new
    value as text (``action`` is added, changed, moved, deleted or restored; ``field`` is
    empty but for a changed field). No foreign keys: the history outlives what it describes.
    """

    __tablename__ = "change_history"
    id: Mapped[int] = mapped_column(primary_key=True)
    changed_at: Mapped[datetime] = mapped_column(DateTime, default=_now, index=True)
    changed_by: Mapped[str] = mapped_column(String(100), default="")
    plan_id: Mapped[int | None] = mapped_column(Integer, index=True)
    kind: Mapped[str] = mapped_column(String(40))
    item_id: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(20))
    field: Mapped[str] = mapped_column(String(60), default="")
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)


class Plan(Versioned, Base):
    """One year's or period's business plan."""

    __tablename__ = "plans"
    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int] = _position()
    title: Mapped[str] = mapped_column(CleanLine(300), default="")
    period: Mapped[str] = mapped_column(CleanLine(100), default="")
    status: Mapped[str] = mapped_column(String(40), default=PlanStatus.DRAFT.value)
    organisation: Mapped[str] = mapped_column(CleanLine(200), default="")
    #: Quarters in milestone dates are UK financial quarters (Q1 = April–June) when true.
    financial_quarters: Mapped[bool] = mapped_column(Boolean, default=False)
    #: SHA-256 of the imported source text, so importing the same paper twice is noticed.
    source_digest: Mapped[str | None] = mapped_column(String(64), index=True)
    source_name: Mapped[str | None] = mapped_column(CleanLine(500))
    created: Mapped[datetime] = mapped_column(DateTime, default=_now)
    modified: Mapped[datetime] = mapped_column(DateTime, default=_now, onupdate=_now)

    statuses: Mapped[list[StatusLabel]] = _children("StatusLabel", "plan")
    papers: Mapped[list[CommitteePaper]] = _children("CommitteePaper", "plan")
    sections: Mapped[list[NarrativeSection]] = _children("NarrativeSection", "plan")
    themes: Mapped[list[Theme]] = _children("Theme", "plan")
    portfolios: Mapped[list[Portfolio]] = _children("Portfolio", "plan")
    core_areas: Mapped[list[CoreArea]] = _children("CoreArea", "plan")
    objectives: Mapped[list[Objective]] = _children("Objective", "plan")
    pledge_areas: Mapped[list[PledgeArea]] = _children("PledgeArea", "plan")
    policy_events: Mapped[list[PolicyEvent]] = _children("PolicyEvent", "plan")

    def ensure_default_statuses(self) -> None:
        """Give a plan the standard progress labels if it has none yet."""
        if not self.statuses:
            for name, colour in DEFAULT_STATUSES:
                self.statuses.append(StatusLabel(name=name, colour=colour))

    def status_named(self, name: str) -> StatusLabel | None:
        wanted = name.strip().casefold()
        return next((s for s in self.statuses if s.name.casefold() == wanted), None)

    @property
    def status_label(self) -> str:
        try:
            return PlanStatus(self.status).label
        except ValueError:
            return self.status


class StatusLabel(Versioned, Base):
    """A progress label ("On track") with its colour; labels are data, per plan."""

    __tablename__ = "status_labels"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = _parent("plans")
    position: Mapped[int] = _position()
    name: Mapped[str] = mapped_column(CleanLine(60), default="")
    colour: Mapped[str] = mapped_column(String(9), default="#8c8c8c")
    plan: Mapped[Plan] = relationship(back_populates="statuses")


# --- the committee paper -------------------------------------------------------------------


class CommitteePaper(Versioned, Base):
    """The paper that takes a plan to a meeting: header block, summary, recommendations …"""

    __tablename__ = "committee_papers"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = _parent("plans")
    position: Mapped[int] = _position()
    committee: Mapped[str] = mapped_column(CleanLine(200), default="")
    item_number: Mapped[str] = mapped_column(CleanLine(20), default="")
    #: As written on the paper ("3 March 2020"); see :attr:`meeting`.
    meeting_date: Mapped[str] = mapped_column(CleanLine(60), default="")
    title: Mapped[str] = mapped_column(CleanLine(300), default="")
    report_by: Mapped[str] = mapped_column(CleanLine(200), default="")
    job_title: Mapped[str] = mapped_column(CleanLine(200), default="")
    contact_officer: Mapped[str] = mapped_column(CleanLine(200), default="")
    telephone: Mapped[str] = mapped_column(CleanLine(60), default="")
    email: Mapped[str] = mapped_column(CleanLine(200), default="")
    summary: Mapped[str] = mapped_column(CleanText, default="")
    #: The sentence that introduces the list: "The Executive is asked to:".
    recommendations_intro: Mapped[str] = mapped_column(CleanText, default="")
    financial_implications: Mapped[str] = mapped_column(CleanText, default="")
    legal_implications: Mapped[str] = mapped_column(CleanText, default="")
    equalities_implications: Mapped[str] = mapped_column(CleanText, default="")

    plan: Mapped[Plan] = relationship(back_populates="papers")
    recommendations: Mapped[list[Recommendation]] = _children("Recommendation", "paper")
    body: Mapped[list[PaperSection]] = _children("PaperSection", "paper")
    appendices: Mapped[list[Appendix]] = _children("Appendix", "paper")
    background_papers: Mapped[list[BackgroundPaper]] = _children("BackgroundPaper", "paper")

    @property
    def meeting(self) -> FuzzyDate:
        return FuzzyDate.parse(self.meeting_date or "")


class Recommendation(Versioned, Base):
    __tablename__ = "recommendations"
    id: Mapped[int] = mapped_column(primary_key=True)
    paper_id: Mapped[int] = _parent("committee_papers")
    position: Mapped[int] = _position()
    text: Mapped[str] = mapped_column(CleanText, default="")
    paper: Mapped[CommitteePaper] = relationship(back_populates="recommendations")


class PaperSection(Versioned, Base):
    """A numbered body section; its paragraphs (blank-line separated) are numbered 1.1, 1.2 …"""

    __tablename__ = "paper_sections"
    id: Mapped[int] = mapped_column(primary_key=True)
    paper_id: Mapped[int] = _parent("committee_papers")
    position: Mapped[int] = _position()
    title: Mapped[str] = mapped_column(CleanLine(300), default="")
    body: Mapped[str] = mapped_column(CleanText, default="")
    paper: Mapped[CommitteePaper] = relationship(back_populates="body")

    @property
    def paragraphs(self) -> list[str]:
        return split_paragraphs(self.body)


class Appendix(Versioned, Base):
    __tablename__ = "appendices"
    id: Mapped[int] = mapped_column(primary_key=True)
    paper_id: Mapped[int] = _parent("committee_papers")
    position: Mapped[int] = _position()
    title: Mapped[str] = mapped_column(CleanLine(300), default="")
    paper: Mapped[CommitteePaper] = relationship(back_populates="appendices")


class BackgroundPaper(Versioned, Base):
    __tablename__ = "background_papers"
    id: Mapped[int] = mapped_column(primary_key=True)
    paper_id: Mapped[int] = _parent("committee_papers")
    position: Mapped[int] = _position()
    text: Mapped[str] = mapped_column(CleanText, default="")
    paper: Mapped[CommitteePaper] = relationship(back_populates="background_papers")


# --- narrative, themes ----------------------------------------------------------------------


class NarrativeSection(Versioned, Base):
    """Purpose, context, principles …: a titled text block with bulleted points."""

    __tablename__ = "narrative_sections"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = _parent("plans")
    position: Mapped[int] = _position()
    title: Mapped[str] = mapped_column(CleanLine(300), default="")
    body: Mapped[str] = mapped_column(CleanText, default="")
    plan: Mapped[Plan] = relationship(back_populates="sections")
    points: Mapped[list[NarrativePoint]] = _children("NarrativePoint", "section")

    @property
    def paragraphs(self) -> list[str]:
        return split_paragraphs(self.body)


class NarrativePoint(Versioned, Base):
    __tablename__ = "narrative_points"
    id: Mapped[int] = mapped_column(primary_key=True)
    section_id: Mapped[int] = _parent("narrative_sections")
    position: Mapped[int] = _position()
    text: Mapped[str] = mapped_column(CleanText, default="")
    section: Mapped[NarrativeSection] = relationship(back_populates="points")


class Theme(Versioned, Base):
    __tablename__ = "themes"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = _parent("plans")
    position: Mapped[int] = _position()
    name: Mapped[str] = mapped_column(CleanLine(300), default="")
    description: Mapped[str] = mapped_column(CleanText, default="")
    plan: Mapped[Plan] = relationship(back_populates="themes")
    priorities: Mapped[list[Priority]] = relationship(
        secondary=priority_themes, back_populates="themes", order_by="Priority.id")


# --- portfolios → service groups → priorities → outputs → sub-points ------------------------


class Portfolio(Versioned, Base):
    """A numbered policy area led by an Executive member (or, in some years, a directorate)."""

    __tablename__ = "portfolios"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = _parent("plans")
    position: Mapped[int] = _position()
    name: Mapped[str] = mapped_column(CleanLine(300), default="")
    #: "portfolio" or "directorate": how the year's paper calls it.
    kind: Mapped[str] = mapped_column(String(20), default="portfolio")
    holder: Mapped[str] = mapped_column(CleanLine(200), default="")
    shadow_holder: Mapped[str] = mapped_column(CleanLine(200), default="")
    note: Mapped[str] = mapped_column(CleanText, default="")
    plan: Mapped[Plan] = relationship(back_populates="portfolios")
    service_groups: Mapped[list[ServiceGroup]] = _children("ServiceGroup", "portfolio")
    priorities: Mapped[list[Priority]] = _children("Priority", "portfolio")
    work_areas: Mapped[list[WorkArea]] = _children("WorkArea", "portfolio")


class ServiceGroup(Versioned, Base):
    """A heading inside a portfolio ("Transport and Mobility Services")."""

    __tablename__ = "service_groups"
    id: Mapped[int] = mapped_column(primary_key=True)
    portfolio_id: Mapped[int] = _parent("portfolios")
    position: Mapped[int] = _position()
    name: Mapped[str] = mapped_column(CleanLine(300), default="")
    portfolio: Mapped[Portfolio] = relationship(back_populates="service_groups")


class Priority(Versioned, Base):
    """Numbered within its portfolio; optionally filed under one of its service groups."""

    __tablename__ = "priorities"
    id: Mapped[int] = mapped_column(primary_key=True)
    portfolio_id: Mapped[int] = _parent("portfolios")
    service_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("service_groups.id", ondelete="SET NULL"), index=True)
    position: Mapped[int] = _position()
    title: Mapped[str] = mapped_column(CleanText, default="")
    outcome: Mapped[str] = mapped_column(CleanText, default="")
    note: Mapped[str] = mapped_column(CleanText, default="")
    portfolio: Mapped[Portfolio] = relationship(back_populates="priorities")
    service_group: Mapped[ServiceGroup | None] = relationship()
    outputs: Mapped[list[Output]] = _children("Output", "priority")
    themes: Mapped[list[Theme]] = relationship(
        secondary=priority_themes, back_populates="priorities", order_by="Theme.position")
    pledges: Mapped[list[Pledge]] = relationship(
        secondary=priority_pledges, back_populates="priorities", order_by="Pledge.id")


class Output(Versioned, Base):
    """Lettered a, b, c under its priority."""

    __tablename__ = "outputs"
    id: Mapped[int] = mapped_column(primary_key=True)
    priority_id: Mapped[int] = _parent("priorities")
    position: Mapped[int] = _position()
    text: Mapped[str] = mapped_column(CleanText, default="")
    owner: Mapped[str] = mapped_column(CleanLine(200), default="")
    status_id: Mapped[int | None] = mapped_column(
        ForeignKey("status_labels.id", ondelete="SET NULL"), index=True)
    progress_note: Mapped[str] = mapped_column(CleanText, default="")
    priority: Mapped[Priority] = relationship(back_populates="outputs")
    status: Mapped[StatusLabel | None] = relationship()
    sub_points: Mapped[list[SubPoint]] = _children("SubPoint", "output")


class SubPoint(Versioned, Base):
    """A point under an output, two levels deep, kept flat in reading order like a Word list.

    ``level`` 0 points are numbered i, ii, iii; level 1 points are bullets under the level 0
    point before them. Indent and outdent change the level only.
    """

    __tablename__ = "sub_points"
    id: Mapped[int] = mapped_column(primary_key=True)
    output_id: Mapped[int] = _parent("outputs")
    position: Mapped[int] = _position()
    level: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(CleanText, default="")
    output: Mapped[Output] = relationship(back_populates="sub_points")


class WorkArea(Versioned, Base):
    """An appendix work area, numbered continuously across the whole plan."""

    __tablename__ = "work_areas"
    id: Mapped[int] = mapped_column(primary_key=True)
    portfolio_id: Mapped[int] = _parent("portfolios")
    service_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("service_groups.id", ondelete="SET NULL"), index=True)
    position: Mapped[int] = _position()
    text: Mapped[str] = mapped_column(CleanText, default="")
    portfolio: Mapped[Portfolio] = relationship(back_populates="work_areas")
    service_group: Mapped[ServiceGroup | None] = relationship()


# --- core areas → objectives → sub-priorities, milestones ----------------------------------


class CoreArea(Versioned, Base):
    __tablename__ = "core_areas"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = _parent("plans")
    position: Mapped[int] = _position()
    name: Mapped[str] = mapped_column(CleanLine(300), default="")
    description: Mapped[str] = mapped_column(CleanText, default="")
    plan: Mapped[Plan] = relationship(back_populates="core_areas")
    objectives: Mapped[list[Objective]] = relationship(
        back_populates="core_area", order_by="Objective.position")


class Objective(Versioned, Base):
    """A Shared Ambitions objective with its strapline (a short line saying what it aims at)."""

    __tablename__ = "objectives"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = _parent("plans")
    core_area_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_areas.id", ondelete="SET NULL"), index=True)
    position: Mapped[int] = _position()
    title: Mapped[str] = mapped_column(CleanLine(300), default="")
    strapline: Mapped[str] = mapped_column(CleanText, default="")
    plan: Mapped[Plan] = relationship(back_populates="objectives")
    core_area: Mapped[CoreArea | None] = relationship(back_populates="objectives")
    sub_priorities: Mapped[list[SubPriority]] = _children("SubPriority", "objective")
    milestones: Mapped[list[Milestone]] = _children("Milestone", "objective")


class SubPriority(Versioned, Base):
    __tablename__ = "sub_priorities"
    id: Mapped[int] = mapped_column(primary_key=True)
    objective_id: Mapped[int] = _parent("objectives")
    position: Mapped[int] = _position()
    title: Mapped[str] = mapped_column(CleanLine(300), default="")
    objective: Mapped[Objective] = relationship(back_populates="sub_priorities")
    milestones: Mapped[list[Milestone]] = relationship(
        secondary=milestone_tags, back_populates="tags", order_by="Milestone.position")


class Milestone(Versioned, Base):
    """A dated deliverable, tagged to one or more sub-priorities."""

    __tablename__ = "milestones"
    id: Mapped[int] = mapped_column(primary_key=True)
    objective_id: Mapped[int] = _parent("objectives")
    position: Mapped[int] = _position()
    name: Mapped[str] = mapped_column(CleanText, default="")
    text: Mapped[str] = mapped_column(CleanText, default="")
    #: The officer who delivers it (store version 2).
    owner: Mapped[str] = mapped_column(CleanLine(200), default="", server_default="")
    status_id: Mapped[int | None] = mapped_column(
        ForeignKey("status_labels.id", ondelete="SET NULL"), index=True)
    objective: Mapped[Objective] = relationship(back_populates="milestones")
    status: Mapped[StatusLabel | None] = relationship()
    dates: Mapped[list[MilestoneDate]] = _children("MilestoneDate", "milestone")
    tags: Mapped[list[SubPriority]] = relationship(
        secondary=milestone_tags, back_populates="milestones", order_by="SubPriority.position")

    def fuzzy_dates(self, financial: bool = False) -> list[FuzzyDate]:
        return [d.fuzzy(financial) for d in self.dates]


class MilestoneDate(Versioned, Base):
    """One date of a milestone, kept exactly as the officer wrote it."""

    __tablename__ = "milestone_dates"
    id: Mapped[int] = mapped_column(primary_key=True)
    milestone_id: Mapped[int] = _parent("milestones")
    position: Mapped[int] = _position()
    text: Mapped[str] = mapped_column(CleanLine(120), default="")
    milestone: Mapped[Milestone] = relationship(back_populates="dates")

    def fuzzy(self, financial: bool = False) -> FuzzyDate:
        return FuzzyDate.parse(self.text, financial=financial)


class PolicyEvent(Versioned, Base):
    """Dated context shown beside milestones ("Oct 2022/Oct 2023 Autumn Budget")."""

    __tablename__ = "policy_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = _parent("plans")
    position: Mapped[int] = _position()
    date_text: Mapped[str] = mapped_column(CleanLine(120), default="")
    text: Mapped[str] = mapped_column(CleanText, default="")
    plan: Mapped[Plan] = relationship(back_populates="policy_events")

    def fuzzy(self, financial: bool = False) -> FuzzyDate:
        return FuzzyDate.parse(self.date_text, financial=financial)


# --- pledges --------------------------------------------------------------------------------


class PledgeArea(Versioned, Base):
    __tablename__ = "pledge_areas"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = _parent("plans")
    position: Mapped[int] = _position()
    name: Mapped[str] = mapped_column(CleanLine(300), default="")
    #: The area's introduction (store version 4).
    description: Mapped[str] = mapped_column(CleanText, default="", server_default="")
    plan: Mapped[Plan] = relationship(back_populates="pledge_areas")
    pledges: Mapped[list[Pledge]] = _children("Pledge", "area")


class Pledge(Versioned, Base):
    """A pledge to residents; numbered continuously across areas."""

    __tablename__ = "pledges"
    id: Mapped[int] = mapped_column(primary_key=True)
    area_id: Mapped[int] = _parent("pledge_areas")
    position: Mapped[int] = _position()
    text: Mapped[str] = mapped_column(CleanText, default="")
    area: Mapped[PledgeArea] = relationship(back_populates="pledges")
    points: Mapped[list[PledgePoint]] = _children("PledgePoint", "pledge")
    priorities: Mapped[list[Priority]] = relationship(
        secondary=priority_pledges, back_populates="pledges", order_by="Priority.id")


class PledgePoint(Versioned, Base):
    __tablename__ = "pledge_points"
    id: Mapped[int] = mapped_column(primary_key=True)
    pledge_id: Mapped[int] = _parent("pledges")
    position: Mapped[int] = _position()
    text: Mapped[str] = mapped_column(CleanText, default="")
    pledge: Mapped[Pledge] = relationship(back_populates="points")


# --- helpers --------------------------------------------------------------------------------


def split_paragraphs(body: str | None) -> list[str]:
    """Blank-line separated paragraphs, each with its inner line breaks kept."""
    if not body:
        return []
    blocks = [b.strip() for b in body.replace("\r\n", "\n").split("\n\n")]
    return [b for b in blocks if b]


def _sanitise_on_set(column_type):
    clean = clean_text if isinstance(column_type, CleanText) else clean_line

    def listener(_target, value, _old, _initiator):
        return clean(value) if isinstance(value, str) else value

    return listener


def _install_sanitisers() -> None:
    """Sanitise on assignment too, so in-memory objects match what the store will hold."""
    for mapper in Base.registry.mappers:
        for prop in mapper.column_attrs:
            column_type = prop.columns[0].type
            if isinstance(column_type, (CleanText, CleanLine)):
                event.listen(getattr(mapper.class_, prop.key), "set",
                             _sanitise_on_set(column_type), retval=True)


_install_sanitisers()
