"""Reading a store for the editor: light nodes for the tree, details for a pane.

The tree needs only ids, parent ids, positions and a line of text per row, so it is loaded with
one SELECT of the needed columns per kind rather than by walking ORM relationships: a store
with 50,000 outputs loads in a fraction of a second. Nothing returned here is an ORM object, so
nothing returned can go stale or reach the database later.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from lcplanner.domain import model as m
from lcplanner.services.kinds import KINDS, TREE_ORDER, Kind, child_kinds
from lcplanner.services.kinds import kind as get_kind
from lcplanner.store.engine import Store

#: Longest text kept for a tree row; the pane shows the rest.
_DISPLAY_LIMIT = 400


@dataclass(slots=True)
class Node:
    """One tree row: what the tree shows and searches, and where the row sits."""

    kind: str
    id: int
    parent_id: int | None
    position: int
    text: str
    #: Further text searched by Find (outcome, owner …), not shown.
    search: str = ""
    level: int = 0
    status_id: int | None = None
    #: The row's version when it was read: a rename in the tree is checked against it.
    version: int = 0

    @property
    def key(self) -> tuple[str, int]:
        return (self.kind, self.id)

    @property
    def parent_key(self) -> tuple[str, int] | None:
        parent = KINDS[self.kind].parent
        return None if parent is None else (parent, self.parent_id)


@dataclass(frozen=True, slots=True)
class StatusInfo:
    id: int
    plan_id: int
    name: str
    colour: str
    position: int


@dataclass
class Details:
    """An item's fields for its pane, with the choices its pickers offer."""

    kind: str
    id: int
    plan_id: int
    values: dict[str, Any]
    #: name → [(id, text)]: statuses, themes, pledges, tags, service groups …
    choices: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    financial_quarters: bool = False
    #: The item's version when it was read, and who changed it last, when (UTC).
    version: int = 0
    changed_by: str = ""
    changed_at: datetime | None = None


def _one_line(text: str | None) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= _DISPLAY_LIMIT else text[: _DISPLAY_LIMIT - 1] + "…"


def _label(kind: str, row: dict) -> str:
    if kind == "policy_event":
        return _one_line(" — ".join(p for p in (row["date_text"], row["text"]) if p))
    if kind == "paper":
        bits = [row["title"] or "Committee paper"]
        if row["committee"] or row["meeting_date"]:
            bits.append(f"({' '.join(p for p in (row['committee'], row['meeting_date']) if p)})")
        return _one_line(" ".join(bits))
    return _one_line(row[KINDS[kind].label])


def _columns(k: Kind) -> list:
    t = k.table
    names = ["id", "position", "version", k.label, *k.search]
    if k.fk:
        names.append(k.fk)
    if k.name == "sub_point":
        names.append("level")
    if "status_id" in t.c:
        names.append("status_id")
    if k.name == "paper":
        names += ["committee", "meeting_date"]
    if k.name == "policy_event":
        names += ["date_text"]
    return [t.c[n] for n in dict.fromkeys(names)]


def _select_nodes(session: Session, k: Kind, where=None) -> list[Node]:
    """Rows of one kind as nodes; rows are read as plain tuples (no per-row attribute lookups,
    which dominate the cost at 50,000 rows)."""
    columns = _columns(k)
    query = select(*columns)
    if where is not None:
        query = query.where(where)
    at = {c.name: i for i, c in enumerate(columns)}
    i_id, i_pos, i_label, i_version = at["id"], at["position"], at[k.label], at["version"]
    i_fk = at.get(k.fk) if k.fk else None
    i_level, i_status = at.get("level"), at.get("status_id")
    i_search = [at[name] for name in k.search]
    custom = k.name in ("policy_event", "paper")
    names = [c.name for c in columns]
    nodes = []
    for row in session.execute(query):
        text = _label(k.name, dict(zip(names, row))) if custom else _one_line(row[i_label])
        nodes.append(Node(
            k.name, row[i_id], row[i_fk] if i_fk is not None else None, row[i_pos], text,
            " ".join(row[i] or "" for i in i_search) if i_search else "",
            (row[i_level] or 0) if i_level is not None else 0,
            row[i_status] if i_status is not None else None, row[i_version]))
    return nodes


def load_tree(store: Store) -> list[Node]:
    """Every tree row in the store, one SELECT per kind; parents come before children."""
    with store.session() as session:
        nodes: list[Node] = []
        for name in TREE_ORDER:
            nodes.extend(_select_nodes(session, KINDS[name]))
        return nodes


def load_subtree(store: Store, kind: str, item_id: int) -> list[Node]:
    """One item and its tree descendants (after a restore), parents first."""
    k = get_kind(kind)
    with store.session() as session:
        nodes = _select_nodes(session, k, k.table.c.id == item_id)
        level = [(k, [item_id])] if nodes else []
        while level:
            next_level = []
            for parent_kind, ids in level:
                for child in child_kinds(parent_kind.name, tree_only=True):
                    found = _select_nodes(session, child, child.table.c[child.fk].in_(ids))
                    if found:
                        nodes.extend(found)
                        next_level.append((child, [n.id for n in found]))
            level = next_level
        return nodes


def load_node(store: Store, kind: str, item_id: int) -> Node | None:
    k = get_kind(kind)
    with store.session() as session:
        found = _select_nodes(session, k, k.table.c.id == item_id)
        return found[0] if found else None


def load_statuses(store: Store) -> dict[int, StatusInfo]:
    with store.session() as session:
        rows = session.execute(select(m.StatusLabel.id, m.StatusLabel.plan_id,
                                      m.StatusLabel.name, m.StatusLabel.colour,
                                      m.StatusLabel.position))
        return {r.id: StatusInfo(r.id, r.plan_id, r.name, r.colour, r.position) for r in rows}


def plan_id_of(session: Session, kind: str, item_id: int) -> int:
    k = get_kind(kind)
    while k.parent is not None:
        item_id = session.scalar(select(k.table.c[k.fk]).where(k.table.c.id == item_id))
        k = KINDS[k.parent]
    return item_id


def details(store: Store, kind: str, item_id: int) -> Details | None:
    """An item's editable fields and the choices its pane offers, or None if it is gone."""
    k = get_kind(kind)
    with store.session() as session:
        row = session.execute(select(k.table).where(k.table.c.id == item_id)).mappings().first()
        if row is None:
            return None
        plan_id = plan_id_of(session, kind, item_id)
        values = {name: row[name] for name in k.fields}
        for name, (table, own, other) in k.links.items():
            values[name] = sorted(session.scalars(select(table.c[other])
                                                  .where(table.c[own] == item_id)))
        choices: dict[str, list[tuple[int, str]]] = {}
        if "status_id" in k.fields:
            choices["statuses"] = [(s.id, s.name) for s in session.scalars(
                select(m.StatusLabel).where(m.StatusLabel.plan_id == plan_id)
                .order_by(m.StatusLabel.position))]
        if kind == "priority":
            choices["themes"] = list(session.execute(
                select(m.Theme.id, m.Theme.name).where(m.Theme.plan_id == plan_id)
                .order_by(m.Theme.position)).all())
            choices["pledges"] = list(session.execute(
                select(m.Pledge.id, m.Pledge.text).join(m.PledgeArea)
                .where(m.PledgeArea.plan_id == plan_id)
                .order_by(m.PledgeArea.position, m.Pledge.position)).all())
        if kind == "pledge":
            choices["priorities"] = priority_choices(session, plan_id)
        if kind == "plan":
            values["statuses"] = [tuple(r) for r in session.execute(
                select(m.StatusLabel.id, m.StatusLabel.name, m.StatusLabel.colour)
                .where(m.StatusLabel.plan_id == item_id).order_by(m.StatusLabel.position))]
        if kind in ("priority", "work_area"):
            choices["service_groups"] = list(session.execute(
                select(m.ServiceGroup.id, m.ServiceGroup.name)
                .where(m.ServiceGroup.portfolio_id == row[k.fk])
                .order_by(m.ServiceGroup.position)).all())
        if kind == "milestone":
            choices["tags"] = list(session.execute(
                select(m.SubPriority.id, m.SubPriority.title)
                .where(m.SubPriority.objective_id == row["objective_id"])
                .order_by(m.SubPriority.position)).all())
            values["dates"] = list(session.scalars(
                select(m.MilestoneDate.text).where(m.MilestoneDate.milestone_id == item_id)
                .order_by(m.MilestoneDate.position)))
        if kind == "objective":
            choices["core_areas"] = list(session.execute(
                select(m.CoreArea.id, m.CoreArea.name).where(m.CoreArea.plan_id == plan_id)
                .order_by(m.CoreArea.position)).all())
        for child in child_kinds(kind):
            if not child.in_tree and child.collection not in values:
                values[child.collection] = list(session.execute(
                    select(child.table.c.id, child.table.c[child.label])
                    .where(child.table.c[child.fk] == item_id)
                    .order_by(child.table.c.position)).all())
        financial = bool(session.scalar(select(m.Plan.financial_quarters)
                                        .where(m.Plan.id == plan_id)))
        return Details(kind, item_id, plan_id, values, choices, financial, row["version"],
                       row["changed_by"], row["changed_at"])


def priority_choices(session: Session, plan_id: int) -> list[tuple[int, str]]:
    """The plan's priorities as (id, "1.2 Title"), numbered as the tree numbers them."""
    rows = session.execute(
        select(m.Priority.id, m.Priority.title, m.Priority.position, m.Portfolio.position)
        .join(m.Portfolio, m.Priority.portfolio_id == m.Portfolio.id)
        .where(m.Portfolio.plan_id == plan_id)
        .order_by(m.Portfolio.position, m.Priority.position))
    return [(pid, f"{pf_pos + 1}.{pr_pos + 1} {_one_line(title)}")
            for pid, title, pr_pos, pf_pos in rows]


def status_counts(store: Store, kind: str, item_id: int) -> list[tuple[str, str, int]]:
    """(status name, colour, count) of the outputs and milestones under a plan, portfolio,
    priority or objective, in the plan's status order; items with no status are left out."""
    o, pr, pf = m.Output, m.Priority, m.Portfolio
    ms, ob = m.Milestone, m.Objective
    queries = []
    if kind == "plan":
        queries.append(select(o.status_id, func.count()).join(pr, o.priority_id == pr.id)
                       .join(pf, pr.portfolio_id == pf.id).where(pf.plan_id == item_id))
        queries.append(select(ms.status_id, func.count()).join(ob, ms.objective_id == ob.id)
                       .where(ob.plan_id == item_id))
    elif kind == "portfolio":
        queries.append(select(o.status_id, func.count()).join(pr, o.priority_id == pr.id)
                       .where(pr.portfolio_id == item_id))
    elif kind == "priority":
        queries.append(select(o.status_id, func.count()).where(o.priority_id == item_id))
    elif kind == "objective":
        queries.append(select(ms.status_id, func.count()).where(ms.objective_id == item_id))
    else:
        return []
    counts: dict[int, int] = {}
    with store.session() as session:
        for query in queries:
            for status_id, count in session.execute(query.group_by("status_id")):
                if status_id is not None:
                    counts[status_id] = counts.get(status_id, 0) + count
        labels = session.execute(select(m.StatusLabel.id, m.StatusLabel.name,
                                        m.StatusLabel.colour)
                                 .where(m.StatusLabel.id.in_(list(counts)))
                                 .order_by(m.StatusLabel.position)).all()
    return [(name, colour, counts[sid]) for sid, name, colour in labels]


def timeline(store: Store, plan_id: int):
    """The plan's milestones as an ``ir.Timeline`` (composed in one short session)."""
    from lcplanner.compose import compose
    from lcplanner.compose.ir import Timeline

    with store.session() as session:
        plan = session.get(m.Plan, plan_id)
        if plan is None:
            return None
        document = compose(plan, "timeline")
    return next((b for b in document.blocks if isinstance(b, Timeline)), None)
