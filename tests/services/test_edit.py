"""The service layer: each edit a committed unit of work, deletes restorable with the same ids."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from lcplanner import services
from lcplanner.domain import model as m
from lcplanner.store.engine import open_store


def _ids(store, cls, **where):
    with store.session() as s:
        q = select(cls.id).order_by(cls.position, cls.id)  # ties in id order on any engine
        for name, value in where.items():
            q = q.where(getattr(cls, name) == value)
        return list(s.scalars(q))


def _texts(store, priority_id):
    with store.session() as s:
        return list(s.scalars(select(m.Output.text).where(m.Output.priority_id == priority_id)
                              .order_by(m.Output.position)))


def _positions(store, priority_id):
    with store.session() as s:
        return list(s.scalars(select(m.Output.position)
                              .where(m.Output.priority_id == priority_id)
                              .order_by(m.Output.position)))


def test_create_at_index_is_committed(sample_store, store_path):
    priority = _ids(sample_store, m.Priority)[0]
    new = services.create(sample_store, "output", priority, 1, text="Inserted second")
    other = open_store(store_path)  # a fresh connection sees the commit
    try:
        assert _texts(other, priority)[1] == "Inserted second"
        assert _positions(other, priority) == list(range(len(_texts(other, priority))))
    finally:
        other.close()
    assert services.load_node(sample_store, "output", new).text == "Inserted second"


def test_create_rejects_unknown_field(sample_store):
    plan = _ids(sample_store, m.Plan)[0]
    with pytest.raises(services.EditError):
        services.create(sample_store, "portfolio", plan, bogus="x")


def test_new_plan_gets_default_statuses(store):
    plan = services.create(store, "plan", None, title="Business Plan 2030/31")
    assert [s.name for s in services.load_statuses(store).values() if s.plan_id == plan][:2] == [
        "Not started", "On track"]


def test_set_field_returns_old_value_and_sanitises(sample_store):
    portfolio = _ids(sample_store, m.Portfolio)[0]
    old = services.set_field(sample_store, "portfolio", portfolio, "name", "New\x00 name")
    assert old == "Finance and Local Services"
    assert services.load_node(sample_store, "portfolio", portfolio).text == "New name"
    with pytest.raises(services.EditError):
        services.set_field(sample_store, "portfolio", portfolio, "nope", 1)


def test_delete_and_restore_subtree_with_same_ids(sample_store):
    priority = _ids(sample_store, m.Priority)[0]
    portfolio_id = services.position_of(sample_store, "priority", priority)[0]
    outputs = _ids(sample_store, m.Output, priority_id=priority)
    with sample_store.session() as s:
        themes_before = [t.id for t in s.get(m.Priority, priority).themes]
        points_before = [p.id for o in s.get(m.Priority, priority).outputs for p in o.sub_points]
    assert themes_before and points_before

    snap = services.delete(sample_store, "priority", priority)
    assert snap.counts == {"priority": 1, "output": 3, "sub_point": 2}
    assert _ids(sample_store, m.Output, priority_id=priority) == []
    remaining = _ids(sample_store, m.Priority, portfolio_id=portfolio_id)
    with sample_store.session() as s:
        assert [s.get(m.Priority, i).position for i in remaining] == [0]

    services.restore(sample_store, snap)
    assert _ids(sample_store, m.Priority, portfolio_id=portfolio_id)[0] == priority
    assert _ids(sample_store, m.Output, priority_id=priority) == outputs
    with sample_store.session() as s:
        p = s.get(m.Priority, priority)
        assert [t.id for t in p.themes] == themes_before
        assert [pt.id for o in p.outputs for pt in o.sub_points] == points_before
        assert [q.position for q in p.portfolio.priorities] == [0, 1]


def test_restore_puts_back_nulled_references(sample_store):
    plan = _ids(sample_store, m.Plan)[0]
    theme = _ids(sample_store, m.Theme, plan_id=plan)[0]
    with sample_store.session() as s:
        linked = sorted(p.id for p in s.get(m.Theme, theme).priorities)
        status = s.scalars(select(m.StatusLabel).where(m.StatusLabel.name == "On track")).one()
        status_id = status.id
        using = sorted(s.scalars(select(m.Output.id).where(m.Output.status_id == status_id)))
    snap = services.delete(sample_store, "theme", theme)
    services.restore(sample_store, snap)
    with sample_store.session() as s:
        assert sorted(p.id for p in s.get(m.Theme, theme).priorities) == linked
    snap = services.delete(sample_store, "status_label", status_id)
    with sample_store.session() as s:
        assert s.scalars(select(m.Output.id).where(m.Output.status_id == status_id)).all() == []
    services.restore(sample_store, snap)
    with sample_store.session() as s:
        assert sorted(s.scalars(select(m.Output.id).where(m.Output.status_id == status_id))) \
            == using


def test_move_reorders_and_returns_undo(sample_store):
    priority = _ids(sample_store, m.Priority)[0]
    a, b, c = _ids(sample_store, m.Output, priority_id=priority)
    old = services.move(sample_store, "output", c, priority, 0)
    assert old == (priority, 2)
    assert _ids(sample_store, m.Output, priority_id=priority) == [c, a, b]
    assert _positions(sample_store, priority) == [0, 1, 2]
    services.move(sample_store, "output", c, *old)
    assert _ids(sample_store, m.Output, priority_id=priority) == [a, b, c]


def test_move_across_parents(sample_store):
    first, second = _ids(sample_store, m.Priority)[:2]
    moving = _ids(sample_store, m.Output, priority_id=first)[0]
    old = services.move(sample_store, "output", moving, second, 1)
    assert _ids(sample_store, m.Output, priority_id=second)[1] == moving
    assert _positions(sample_store, first) == [0, 1]
    assert _positions(sample_store, second) == [0, 1, 2, 3]
    services.move(sample_store, "output", moving, *old)
    assert _ids(sample_store, m.Output, priority_id=first)[0] == moving


def test_indent_outdent(sample_store):
    with sample_store.session() as s:
        output = s.scalars(select(m.Output).where(m.Output.sub_points.any())).first()
        first, second = [p.id for p in output.sub_points]
    with pytest.raises(services.EditError):
        services.indent(sample_store, first)
    assert services.indent(sample_store, second) == 0
    assert services.load_node(sample_store, "sub_point", second).level == 1
    assert services.outdent(sample_store, second) == 1


def test_links_status_and_dates(sample_store):
    with sample_store.session() as s:
        milestone = s.scalars(select(m.Milestone)).first()
        mid, tags = milestone.id, [t.id for t in milestone.objective.sub_priorities]
        other_plan_status = None
        on_track = s.scalars(select(m.StatusLabel.id)
                             .where(m.StatusLabel.name == "Done")).first()
    assert services.set_links(sample_store, "milestone", mid, "tags", tags) == [tags[0]]
    assert services.details(sample_store, "milestone", mid).values["tags"] == sorted(tags)
    assert services.set_status(sample_store, "milestone", mid, on_track) != on_track
    old = services.set_field(sample_store, "milestone", mid, "dates", ["Autumn 2026", "TBC"])
    assert old == ["July 2026"]
    assert services.details(sample_store, "milestone", mid).values["dates"] == [
        "Autumn 2026", "TBC"]
    with pytest.raises(services.EditError):
        services.set_links(sample_store, "milestone", mid, "tags", [99999])
    assert other_plan_status is None


def test_load_tree_is_complete_and_ordered(sample_store):
    nodes = services.load_tree(sample_store)
    kinds = {n.kind for n in nodes}
    assert {"plan", "portfolio", "priority", "output", "sub_point", "milestone",
            "paper", "section", "theme", "pledge", "work_area"} <= kinds
    keys = {n.key for n in nodes}
    assert all(n.parent_key is None or n.parent_key in keys for n in nodes)
    output = next(n for n in nodes if n.kind == "output")
    assert output.status_id is not None


def test_status_counts(sample_store):
    plan = _ids(sample_store, m.Plan)[0]
    counts = services.status_counts(sample_store, "plan", plan)
    assert sum(c for _, _, c in counts) == 28  # 19 outputs + 9 milestones
    assert [name for name, _, _ in counts] == ["On track", "At risk"]


def test_delete_and_restore_a_whole_plan(sample_store):
    """A plan holds rows that point sideways (objectives at core areas): undoing its deletion
    puts every row back, whatever order the snapshot listed them in."""
    from lcplanner.domain.counts import count_plan

    with sample_store.session() as s:
        plan = s.scalars(select(m.Plan)).one()
        plan_id, before = plan.id, count_plan(plan)
        linked = {o.id: o.core_area_id for o in plan.objectives}
    assert any(linked.values())
    snap = services.delete(sample_store, "plan", plan_id)
    with sample_store.session() as s:
        assert s.scalars(select(m.Objective)).all() == []
    services.restore(sample_store, snap)
    with sample_store.session() as s:
        plan = s.get(m.Plan, plan_id)
        assert count_plan(plan) == before
        assert {o.id: o.core_area_id for o in plan.objectives} == linked
