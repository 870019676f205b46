"""Copying items with everything below them, and pasting them elsewhere with new ids.

A copy is built the way a delete's :class:`~lcplanner.services.edit.Snapshot` is (one bulk read
of the subtree), but it is kept as plain JSON-ready data: the item's fields, its children in
order, and the links to themes, pledges and sub-priorities. It names the store and plan it came
from, so a paste into the same plan keeps links that point outside the copied items and a paste
anywhere else drops them (another plan's themes are not this plan's). Statuses are matched by
name in the plan pasted into. Pure Python: no Qt.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import insert, select, update

from lcplanner.domain import model as m
from lcplanner.domain.numbering import arabic, letter, roman
from lcplanner.services.concurrency import current_user, lock_parent, retrying
from lcplanner.services.edit import EditError, _count, _parent_clause, snapshot
from lcplanner.services.kinds import KINDS
from lcplanner.services.read import plan_id_of
from lcplanner.store.engine import Store
from lcplanner.store.portable import insert_ignoring_duplicates

FORMAT_VERSION = 1
_KIND_OF_TABLE = {k.table.name: k.name for k in KINDS.values()}
#: What lines of plain text become when pasted onto an item of a kind (onto a priority:
#: outputs); kinds not named here take the lines as siblings of their own kind.
TEXT_CHILD = {"plan": "portfolio", "portfolio": "priority", "priority": "output",
              "output": "sub_point", "objective": "milestone", "section": "narrative_point",
              "pledge_area": "pledge", "pledge": "pledge_point", "paper": "paper_section"}


@dataclass
class Clip:
    """Copied items: top items in order, each a nested dict; where they came from."""

    items: list[dict]
    #: (store identity, plan id) of the copied items, or None for text from elsewhere.
    source: tuple[str, int] | None = None
    links: list[tuple[str, dict]] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps({"lcplanner": FORMAT_VERSION, "source": self.source,
                           "items": self.items, "links": self.links})

    @classmethod
    def from_json(cls, text: str) -> Clip:
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("lcplanner") != FORMAT_VERSION:
            raise EditError("The clipboard holds items from another version of lcplanner.")
        items = data.get("items")
        if not isinstance(items, list) or not items or not all(map(_well_formed, items)):
            raise EditError("The clipboard holds items lcplanner cannot read.")
        source = tuple(data["source"]) if data.get("source") else None
        links = [(str(t), dict(r)) for t, r in data.get("links", [])
                 if t in m.Base.metadata.tables and isinstance(r, dict)]
        return cls(items, source, links)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for item in self.items:
            out[item["kind"]] = out.get(item["kind"], 0) + 1
        return out


def _well_formed(node) -> bool:
    """A copied item as :func:`copy_items` writes it: a known kind, a dict of values, and
    children of kinds that belong under it."""
    if not (isinstance(node, dict) and node.get("kind") in KINDS
            and isinstance(node.get("values"), dict) and isinstance(node.get("children"), list)):
        return False
    return all(_well_formed(c) and KINDS[c["kind"]].parent == node["kind"]
               for c in node["children"])


def store_identity(store: Store) -> str:
    """Tells stores apart across windows and sessions: the file's real path, or the URL."""
    if store.path is not None:
        return str(store.path.resolve())
    return store.engine.url.render_as_string(hide_password=True)


# --- copying ------------------------------------------------------------------------------


#: Columns a copy does not take: where the row sits, and its version and last change (a
#: pasted row is new, made by whoever pastes it).
_NOT_COPIED = frozenset({"id", "position", "version", "changed_by", "changed_at"})


def _plain(value: Any) -> bool:
    return not isinstance(value, (datetime, date, bytes))


def copy_items(store: Store, keys: list[tuple[str, int]]) -> Clip:
    """The items ``keys`` with their subtrees, in the order given."""
    items, links, plans = [], {}, set()
    with store.session() as session:
        for kind, item_id in keys:
            snap = snapshot(session, kind, item_id)
            plans.add(plan_id_of(session, kind, item_id) if KINDS[kind].parent else item_id)
            nodes: dict[tuple[str, int], dict] = {}
            for table, row in snap.rows:
                k = KINDS[_KIND_OF_TABLE[table]]
                node = {"kind": k.name, "id": row["id"], "level": row.get("level", 0),
                        "values": {c: v for c, v in row.items()
                                   if c not in _NOT_COPIED and c != k.fk and _plain(v)},
                        "children": []}
                if k.name == "plan":
                    node["values"].update(source_digest=None, source_name=None)
                parent = nodes.get((k.parent, row.get(k.fk))) if k.parent and nodes else None
                if parent is not None:
                    parent["children"].append(node)
                nodes[(k.name, row["id"])] = node
            top = nodes[(kind, item_id)]
            items.append(top)
            for table, row in snap.links:
                links[(table, tuple(sorted(row.items())))] = (table, row)
    source = (store_identity(store), plans.pop()) if len(plans) == 1 else None
    return Clip(items, source, list(links.values()))


def outline_text(store: Store, keys: list[tuple[str, int]], clip: Clip | None = None) -> str:
    """The copied items as an indented, numbered outline (for Word or an e-mail)."""
    clip = clip or copy_items(store, keys)
    lines: list[str] = []
    with store.session() as session:
        for (kind, item_id), item in zip(keys, clip.items):
            k = KINDS[kind]
            position = session.scalar(select(k.table.c.position).where(k.table.c.id == item_id))
            prefix = ""
            if kind == "priority":
                portfolio = session.scalar(select(m.Portfolio.position).join(m.Priority)
                                           .where(m.Priority.id == item_id))
                prefix = f"{arabic(portfolio)}.{arabic(position)}"
            _outline(item, position or 0, 0, lines, prefix)
    return "\n".join(lines) + "\n"


def _number(kind: str, position: int, level: int, roman_index: int) -> str:
    if kind in ("portfolio", "objective", "paper_section", "priority", "pledge", "work_area"):
        return f"{arabic(position)}."
    if kind == "output":
        return f"{letter(position)}."
    if kind == "sub_point":
        return "•" if level else f"{roman(roman_index)}."
    return "•"


def _outline(node: dict, position: int, depth: int, lines: list[str], prefix: str = "",
             roman_index: int = 0) -> None:
    k = KINDS[node["kind"]]
    if not k.in_tree:  # statuses, dates, recommendations … are not lines of the outline
        return
    text = " ".join(str(node["values"].get(k.label) or "").split())
    if node["kind"] == "milestone":
        dates = [c["values"].get("text", "") for c in node["children"]
                 if c["kind"] == "milestone_date"]
        if dates:
            text = f"{text} ({', '.join(dates)})"
    number = prefix or _number(node["kind"], position, node.get("level", 0), roman_index)
    lines.append(f"{'    ' * depth}{number} {text}".rstrip())
    per_kind: dict[str, int] = {}
    romans = 0
    for child in node["children"]:
        at = per_kind.get(child["kind"], 0)
        per_kind[child["kind"]] = at + 1
        _outline(child, at, depth + 1, lines, roman_index=romans)
        if child["kind"] == "sub_point" and not child.get("level"):
            romans += 1


# --- plain text ----------------------------------------------------------------------------

_MARKER = re.compile(r"^(?:[-*•▪◦·–—o]\s+|\d+(?:\.\d+)+\.?\s+"
                     r"|\(?(?:\d+|[a-z]|[ivxlc]+)[.)]\s+)", re.IGNORECASE)


def parse_outline(text: str) -> list[tuple[int, str]]:
    """(depth, text) per non-blank line: bullets and numbers ("•", "a.", "1.2", "(iii)")
    dropped, depth from the indentation (a tab or four spaces a step)."""
    out: list[tuple[int, str]] = []
    indents: list[int] = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        if not raw.strip():
            continue
        expanded = raw.replace("\t", "    ")
        indent = len(expanded) - len(expanded.lstrip())
        while indents and indent < indents[-1]:
            indents.pop()
        if not indents or indent > indents[-1]:
            indents.append(indent)
        line = expanded.strip()
        while True:
            stripped = _MARKER.sub("", line, count=1)
            if stripped == line or not stripped.strip():
                break
            line = stripped.strip()
        out.append((len(indents) - 1, line))
    return out


def clip_from_text(text: str, target_kind: str | None) -> Clip:
    """Lines of plain text as items for ``target_kind``: onto a priority they are outputs,
    onto a portfolio priorities, onto an output sub-points; lines indented under a line become
    its children (outputs under a pasted priority, bullets under a pasted sub-point)."""
    if target_kind is None:
        raise EditError("Choose where the text should go first.")
    top_kind = TEXT_CHILD.get(target_kind, target_kind)
    roots: list[dict] = []
    stack: list[tuple[int, dict]] = []
    for depth, line in parse_outline(text):
        while stack and stack[-1][0] >= depth:
            stack.pop()
        parent = stack[-1][1] if stack else None
        if parent is None:
            kind = top_kind
        elif parent["kind"] == "sub_point":
            kind = "sub_point"
        else:
            kind = TEXT_CHILD.get(parent["kind"])
        if kind is None:  # nowhere deeper to go: a sibling of the line above
            parent = stack[-2][1] if len(stack) > 1 else None
            kind = parent and TEXT_CHILD.get(parent["kind"]) or top_kind
        node = {"kind": kind, "id": None, "level": 0, "children": [],
                "values": {KINDS[kind].label: line}}
        if kind == "sub_point" and parent is not None and parent["kind"] == "sub_point":
            node["level"] = node["values"]["level"] = 1
            parent = next((p for _d, p in reversed(stack) if p["kind"] != "sub_point"), None)
        (parent["children"] if parent is not None else roots).append(node)
        stack.append((depth, node))
    if not roots:
        raise EditError("The clipboard holds no text to paste.")
    return Clip(roots)


# --- pasting -------------------------------------------------------------------------------


def _place(session, kind: str, target: tuple[str, int] | None) -> tuple[int | None, int | None]:
    """(parent id, index) for an item of ``kind`` pasted on ``target``: inside it when it holds
    that kind, after it (or after its nearest ancestor of that kind) otherwise."""
    want = KINDS[kind].parent
    if target is None:
        if want is None:
            return None, None
        raise EditError(f"Choose where the {KINDS[kind].title.lower()} should go first.")
    current = target
    while current is not None:
        k = KINDS[current[0]]
        if current[0] == want:
            return current[1], None
        row = session.execute(select(k.table).where(k.table.c.id == current[1])).mappings().first()
        if row is None:
            raise EditError(f"{k.title} {current[1]} does not exist.")
        if current[0] == kind:
            return (row[k.fk] if k.fk else None), row["position"] + 1
        current = (k.parent, row[k.fk]) if k.parent else None
    held = KINDS[want].title.lower() if want else "store"
    raise EditError(f"{_a(KINDS[kind].title.lower()).capitalize()} goes in {_a(held)}; choose "
                    f"one to paste it into.")


def _a(noun: str) -> str:
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


def check_paste(store: Store, clip: Clip, target: tuple[str, int] | None) -> None:
    """Raise :class:`EditError` saying why the clip cannot go on ``target``; write nothing."""
    with store.session() as session:
        for kind in dict.fromkeys(item["kind"] for item in clip.items):
            _place(session, kind, target)


@retrying
def paste(store: Store, clip: Clip, target: tuple[str, int] | None) -> list[tuple[str, int]]:
    """Insert copies of the clip's items on ``target`` in one transaction; return their keys.

    Everything below each item comes along with new ids; links between copied items follow
    them; links to items outside the copy survive only within the plan they were copied from.
    """
    with store.transaction() as session:
        target_plan = None
        if target is not None:
            target_plan = plan_id_of(session, *target) if KINDS[target[0]].parent else target[1]
        same_plan = clip.source is not None and clip.source == (store_identity(store),
                                                                 target_plan)
        new_ids: dict[tuple[str, int], int] = {}
        created: list[tuple[str, int]] = []
        statuses = _status_names(session, target_plan)
        pending_refs: list[tuple[str, int, str, Any]] = []
        place_cache: dict[str, tuple[int | None, int | None]] = {}
        for item in clip.items:
            kind = item["kind"]
            if kind not in place_cache:
                place_cache[kind] = _place(session, kind, target)
            parent_id, index = place_cache[kind]
            k = KINDS[kind]
            lock_parent(session, KINDS[k.parent].cls if k.parent else None, parent_id)
            size = _count(session, k, parent_id)
            index = size if index is None or index > size else index
            session.execute(update(k.table).where(_parent_clause(k, parent_id))
                            .where(k.table.c.position >= index)
                            .values(position=k.table.c.position + 1,
                                    version=k.table.c.version + 1))
            if kind == "sub_point" and index == 0 and item.get("level"):
                item = {**item, "level": 0, "values": {**item["values"], "level": 0}}
            new_id = _insert(session, item, parent_id, index, new_ids, pending_refs)
            created.append((kind, new_id))
            place_cache[kind] = (parent_id, index + 1)
        _fix_refs(session, pending_refs, new_ids, same_plan, statuses)
        _copy_links(session, clip.links, new_ids, same_plan)
        session.expire_all()
        return created


def _status_names(session, plan_id: int | None) -> dict[str, int]:
    if plan_id is None:
        return {}
    return {name.casefold(): sid for sid, name in session.execute(
        select(m.StatusLabel.id, m.StatusLabel.name).where(m.StatusLabel.plan_id == plan_id))}


def _insert(session, node: dict, parent_id, position: int, new_ids, pending) -> int:
    """Insert one copied row and its children; references wait in ``pending`` until every
    row exists (a copied output's status may be a copied status of a copied plan)."""
    k = KINDS[node["kind"]]
    values = {c: v for c, v in node["values"].items() if c in k.table.c}
    refs = {r: values.pop(r) for r in _REF_TARGET if r in values}
    if k.fk:
        values[k.fk] = parent_id
    values["position"] = position
    values["changed_by"] = current_user(session)[:100]
    new_id = session.execute(insert(k.table).values(**values)).inserted_primary_key[0]
    if node.get("id") is not None:
        new_ids[(k.name, node["id"])] = new_id
    pending.extend((k.name, new_id, ref, value) for ref, value in refs.items())
    per_kind: dict[str, int] = {}
    for child in node["children"]:
        at = per_kind.get(child["kind"], 0)
        per_kind[child["kind"]] = at + 1
        _insert(session, child, new_id, at, new_ids, pending)
    return new_id


_REF_TARGET = {"status_id": "status_label", "service_group_id": "service_group",
               "core_area_id": "core_area"}


def _fix_refs(session, pending, new_ids, same_plan: bool, statuses: dict[str, int]) -> None:
    """Point copied references at the copies, or at the same item within the same plan (a
    status by its name in another plan), or at nothing."""
    tables = {k.name: k.table for k in KINDS.values()}
    for kind, row_id, ref, value in pending:
        if value is None:
            continue
        target_kind = _REF_TARGET[ref]
        new = new_ids.get((target_kind, value))
        if new is None and ref == "status_id":
            name = session.scalar(select(m.StatusLabel.name).where(m.StatusLabel.id == value))
            new = statuses.get((name or "").casefold())
        elif new is None and same_plan and ref != "service_group_id":
            new = value
        elif new is None and ref == "service_group_id" and same_plan:
            group_portfolio = session.scalar(select(m.ServiceGroup.portfolio_id)
                                             .where(m.ServiceGroup.id == value))
            own = session.scalar(select(tables[kind].c.portfolio_id)
                                 .where(tables[kind].c.id == row_id))
            new = value if group_portfolio == own else None
        if new is not None:
            table = tables[kind]
            session.execute(update(table).where(table.c.id == row_id).values({ref: new}))


def _copy_links(session, links, new_ids, same_plan: bool) -> None:
    tables = m.Base.metadata.tables
    for table_name, row in links:
        table = tables[table_name]
        new_row, copied = {}, False
        for column, value in row.items():
            target = next(iter(table.c[column].foreign_keys)).column.table.name
            new = new_ids.get((_KIND_OF_TABLE[target], value))
            if new is not None:
                copied = True
            new_row[column] = new if new is not None else (value if same_plan else None)
        if not copied or None in new_row.values():
            continue
        if table_name == "milestone_tags":  # tags stay within the milestone's own objective
            objective = session.scalar(select(m.Milestone.objective_id)
                                       .where(m.Milestone.id == new_row["milestone_id"]))
            tag_objective = session.scalar(select(m.SubPriority.objective_id)
                                           .where(m.SubPriority.id == new_row["sub_priority_id"]))
            if objective != tag_objective:
                continue
        insert_ignoring_duplicates(session, table, new_row)


__all__ = ["Clip", "TEXT_CHILD", "check_paste", "clip_from_text", "copy_items", "outline_text", "parse_outline",
           "paste", "store_identity"]
