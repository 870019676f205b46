"""Copy and paste of items with new ids: structure kept, links only within the same plan."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from lcplanner import services
from lcplanner.domain import model as m
from lcplanner.services import clipboard as cb
from lcplanner.store.engine import open_store


def _first(store, cls, **where):
    with store.session() as s:
        q = select(cls).order_by(cls.id)
        for name, value in where.items():
            q = q.where(getattr(cls, name) == value)
        return s.scalars(q).first()


def _priority_view(store, priority_id):
    with store.session() as s:
        p = s.get(m.Priority, priority_id)
        return (p.title, p.outcome, [t.id for t in p.themes], [x.id for x in p.pledges],
                [(o.text, o.status.name if o.status else None,
                  [(sp.level, sp.text) for sp in o.sub_points]) for o in p.outputs])


def _second_plan(store):
    plan_id = services.create(store, "plan", None, title="Business Plan 2027/28")
    portfolio = services.create(store, "portfolio", plan_id, name="Finance")
    return plan_id, portfolio


def test_copy_and_paste_a_priority_into_another_portfolio_of_the_same_plan(sample_store):
    priority = _first(sample_store, m.Priority)
    with sample_store.session() as s:
        target = s.scalars(select(m.Portfolio.id).order_by(m.Portfolio.position)).all()[1]
        count_before = s.scalar(select(func.count()).select_from(m.Priority)
                                .where(m.Priority.portfolio_id == target))
    clip = cb.Clip.from_json(cb.copy_items(sample_store, [("priority", priority.id)]).to_json())
    created = cb.paste(sample_store, clip, ("portfolio", target))
    assert len(created) == 1 and created[0][0] == "priority" and created[0][1] != priority.id
    old, new = _priority_view(sample_store, priority.id), _priority_view(sample_store,
                                                                        created[0][1])
    assert new == old  # title, outcome, outputs, statuses, sub-points; themes and pledges kept
    assert new[2] and new[3]
    with sample_store.session() as s:
        pasted = s.get(m.Priority, created[0][1])
        assert pasted.portfolio_id == target and pasted.position == count_before
        assert [o.id for o in pasted.outputs] != [o.id for o in s.get(m.Priority,
                                                                      priority.id).outputs]


def test_paste_on_a_priority_goes_after_it(sample_store):
    first = _first(sample_store, m.Priority)
    clip = cb.copy_items(sample_store, [("priority", first.id)])
    created = cb.paste(sample_store, clip, ("priority", first.id))
    with sample_store.session() as s:
        order = s.scalars(select(m.Priority.id).where(m.Priority.portfolio_id
                                                      == first.portfolio_id)
                          .order_by(m.Priority.position)).all()
        positions = s.scalars(select(m.Priority.position).where(
            m.Priority.portfolio_id == first.portfolio_id).order_by(m.Priority.position)).all()
    assert order[:2] == [first.id, created[0][1]]
    assert positions == list(range(len(order)))


def test_paste_into_another_plan_drops_links_and_matches_statuses_by_name(sample_store):
    priority = _first(sample_store, m.Priority)
    _plan, portfolio = _second_plan(sample_store)
    created = cb.paste(sample_store, cb.copy_items(sample_store, [("priority", priority.id)]),
                       ("portfolio", portfolio))
    title, outcome, themes, pledges, outputs = _priority_view(sample_store, created[0][1])
    assert themes == [] and pledges == []
    assert outputs == _priority_view(sample_store, priority.id)[4]  # "On track" by name
    with sample_store.session() as s:
        new_plan_statuses = {st.id for st in s.scalars(select(m.StatusLabel)
                                                       .where(m.StatusLabel.plan_id == _plan))}
        statuses = {o.status_id for o in s.get(m.Priority, created[0][1]).outputs}
    assert statuses <= new_plan_statuses


def test_paste_into_another_store(sample_store, tmp_path):
    priority = _first(sample_store, m.Priority)
    text = cb.copy_items(sample_store, [("priority", priority.id)]).to_json()
    other = open_store(tmp_path / "other.lcplan")
    try:
        plan = services.create(other, "plan", None, title="Plan")
        portfolio = services.create(other, "portfolio", plan, name="Finance")
        created = cb.paste(other, cb.Clip.from_json(text), ("portfolio", portfolio))
        title, _o, themes, pledges, outputs = _priority_view(other, created[0][1])
        assert title == priority.title and themes == [] and pledges == []
        assert [o[0] for o in outputs] == [o[0] for o in
                                           _priority_view(sample_store, priority.id)[4]]
    finally:
        other.close()


def test_a_whole_plan_pastes_with_its_statuses_tags_and_groups_remapped(sample_store):
    plan = _first(sample_store, m.Plan)
    created = cb.paste(sample_store, cb.copy_items(sample_store, [("plan", plan.id)]),
                       ("plan", plan.id))
    new_plan = created[0][1]
    with sample_store.session() as s:
        copy = s.get(m.Plan, new_plan)
        assert copy.position == 1 and copy.title == plan.title
        own_statuses = {st.id for st in copy.statuses}
        outputs = [o for pf in copy.portfolios for pr in pf.priorities for o in pr.outputs]
        assert outputs and all(o.status_id in own_statuses for o in outputs)
        milestones = [ms for ob in copy.objectives for ms in ob.milestones]
        assert any(ms.tags for ms in milestones)
        assert all(t.objective_id == ms.objective_id for ms in milestones for t in ms.tags)
        assert all(ob.core_area is None or ob.core_area.plan_id == new_plan
                   for ob in copy.objectives)
        themes = {t.id for t in copy.themes}
        linked = [t.id for pf in copy.portfolios for pr in pf.priorities for t in pr.themes]
        assert linked and set(linked) <= themes


def test_paste_where_the_kind_does_not_fit_is_refused(sample_store):
    output = _first(sample_store, m.Output)
    theme = _first(sample_store, m.Theme)
    with pytest.raises(services.EditError, match="output goes in a priority"):
        cb.paste(sample_store, cb.copy_items(sample_store, [("output", output.id)]),
                 ("theme", theme.id))


def test_outline_text_is_numbered_and_indented(sample_store):
    priority = _first(sample_store, m.Priority)
    text = cb.outline_text(sample_store, [("priority", priority.id)])
    lines = text.splitlines()
    assert lines[0] == f"1.1 {priority.title}"
    assert lines[1].startswith("    a. Publish an evidence base")
    assert lines[2].startswith("    b. Lead the response")
    assert lines[3] == "        i. modelling the effect of new formulae on every member council"
    assert lines[4] == "        ii. a joint submission signed by all leaders"


def test_plain_text_lines_become_outputs_of_a_priority(sample_store):
    priority = _first(sample_store, m.Priority)
    before = _priority_view(sample_store, priority.id)[4]
    clip = cb.clip_from_text("• Agree the budget\n• Publish the report\n"
                             "    - by the spring\n    - in plain English\n", "priority")
    created = cb.paste(sample_store, clip, ("priority", priority.id))
    assert [k for k, _ in created] == ["output", "output"]
    after = _priority_view(sample_store, priority.id)[4]
    assert after[:len(before)] == before
    assert after[len(before):] == [("Agree the budget", None, []),
                                   ("Publish the report", None,
                                    [(0, "by the spring"), (0, "in plain English")])]


def test_outline_round_trips_into_priorities_on_a_portfolio(sample_store):
    priority = _first(sample_store, m.Priority)
    text = cb.outline_text(sample_store, [("priority", priority.id)])
    _plan, portfolio = _second_plan(sample_store)
    created = cb.paste(sample_store, cb.clip_from_text(text, "portfolio"),
                       ("portfolio", portfolio))
    title, _o, _t, _p, outputs = _priority_view(sample_store, created[0][1])
    original = _priority_view(sample_store, priority.id)
    assert title == original[0]
    assert [(o[0], o[2]) for o in outputs] == [(o[0], o[2]) for o in original[4]]


def test_parse_outline_strips_bullets_and_numbers():
    assert cb.parse_outline("1. One\n\n    a) Two\n    (iii) Three\n\t* Four\n2.1 Five") == [
        (0, "One"), (1, "Two"), (1, "Three"), (1, "Four"), (0, "Five")]


def test_other_json_is_refused():
    with pytest.raises(services.EditError, match="another version"):
        cb.Clip.from_json('{"lcplanner": 99}')


@pytest.mark.parametrize("text", [
    '{"lcplanner": 1, "items": []}',
    '{"lcplanner": 1, "items": [{"kind": "nonsense", "values": {}, "children": []}]}',
    '{"lcplanner": 1, "items": [{"kind": "priority", "values": {}, "children": '
    '[{"kind": "milestone", "values": {}, "children": []}]}]}',
])
def test_malformed_clipboard_items_are_refused(text):
    with pytest.raises(services.EditError, match="cannot read"):
        cb.Clip.from_json(text)
