"""History: every change to a plan is recorded in the same transaction, with who, when, the
item, the field and its old and new values; on both engines."""
from __future__ import annotations

import getpass
from datetime import datetime, timedelta

import pytest
from sqlalchemy import delete, func, select, update

from lcplanner import services
from lcplanner.domain import model as m
from lcplanner.services import clipboard, deleted
from lcplanner.services.history import item_history, plan_history


def _who(store):
    return "postgres" if store.engine.dialect.name == "postgresql" else getpass.getuser()


def _ids(store, cls, **where):
    with store.session() as s:
        q = select(cls.id).order_by(cls.id)
        for name, value in where.items():
            q = q.where(getattr(cls, name) == value)
        return list(s.scalars(q))


def _title(store, priority_id):
    with store.session() as s:
        return s.get(m.Priority, priority_id).title


def _forget_history(store):
    with store.transaction() as s:
        s.execute(delete(m.ChangeRecord))


def _rows(store):
    return [(c.kind, c.item_id, c.action, c.field, c.old_value, c.new_value)
            for c in plan_history(store)]


def test_making_a_plan_is_one_entry(sample_store):
    plan = _ids(sample_store, m.Plan)[0]
    changes = plan_history(sample_store)
    assert [(c.kind, c.item_id, c.action, c.field, c.old_value, c.new_value, c.plan_id)
            for c in changes] == [("plan", plan, "added", "", None, "Business Plan 2026/27",
                                   plan)]
    assert changes[0].changed_by == _who(sample_store)


def test_each_kind_of_edit_is_recorded_exactly(sample_store):
    store = sample_store
    _forget_history(store)
    first_priority, second_priority = _ids(store, m.Priority)[:2]
    one, two, three = _ids(store, m.Output, priority_id=first_priority)
    statuses = dict((name, sid) for sid, name in store.session().execute(
        select(m.StatusLabel.id, m.StatusLabel.name)))
    milestone = _ids(store, m.Milestone)[0]
    before = datetime.now().replace(microsecond=0) - timedelta(days=1)

    services.set_field(store, "output", one, "text", "Evidence on costs, published")
    services.set_status(store, "output", one, statuses["Off track"])
    services.set_field(store, "output", one, "owner", "")  # unchanged: recorded as nothing
    services.move(store, "output", three, first_priority, 0)
    services.move(store, "output", two, second_priority, 1)
    added = services.create(store, "output", first_priority, text="A new output")
    point = services.create(store, "sub_point", added, text="Its first point")
    services.set_field(store, "milestone", milestone, "dates", ["July 2027", "Q3 2027"])
    snap = services.delete(store, "priority", first_priority)
    services.restore(store, snap)

    assert _rows(store) == [
        ("output", one, "changed", "text",
         "Publish an evidence base on the cost of statutory services by the spring statement",
         "Evidence on costs, published"),
        ("output", one, "changed", "status_id", "At risk", "Off track"),
        ("output", three, "moved", "",
         "place 3 in Secure fair, long-term funding for local services",
         "place 1 in Secure fair, long-term funding for local services"),
        ("output", two, "moved", "",
         "place 3 in Secure fair, long-term funding for local services",
         f"place 2 in {_title(store, second_priority)}"),
        ("output", added, "added", "", None, "A new output"),
        ("sub_point", point, "added", "", None, "Its first point"),
        ("milestone", milestone, "changed", "dates", "July 2026", "July 2027; Q3 2027"),
        ("priority", first_priority, "deleted", "",
         "Secure fair, long-term funding for local services", None),
        ("priority", first_priority, "restored", "", None,
         "Secure fair, long-term funding for local services"),
    ]
    plan = _ids(store, m.Plan)[0]
    changes = plan_history(store)
    assert {c.plan_id for c in changes} == {plan}
    assert {c.changed_by for c in changes} == {_who(store)}
    assert all(before <= c.changed_at <= datetime.now() + timedelta(days=1) for c in changes)
    assert [(c.action, c.field) for c in item_history(store, "output", one)] == [
        ("changed", "text"), ("changed", "status_id")]


def test_a_refused_or_failed_change_leaves_no_entry(sample_store):
    store = sample_store
    _forget_history(store)
    output = _ids(store, m.Output)[0]
    with pytest.raises(services.EditError):
        services.set_field(store, "output", output, "status_id", 10_000)
    with pytest.raises(RuntimeError):
        with store.transaction() as s:
            s.get(m.Output, output).text = "Never kept"
            s.flush()
            raise RuntimeError("change of mind")
    assert _rows(store) == []


def test_deleted_items_and_paste_are_recorded_by_their_top_item(sample_store):
    store = sample_store
    _forget_history(store)
    priority = _ids(store, m.Priority)[0]
    output = _ids(store, m.Output, priority_id=priority)[0]
    clip = clipboard.copy_items(store, [("priority", priority)])
    snap, entry = deleted.delete_to_bin(store, "priority", priority)
    deleted.restore_entry(store, entry)
    portfolio = store.session().get(m.Priority, priority).portfolio_id
    pasted = clipboard.paste(store, clip, ("portfolio", portfolio))
    assert len(pasted) == 1 and pasted[0][0] == "priority"
    title = "Secure fair, long-term funding for local services"
    assert _rows(store) == [
        ("priority", priority, "deleted", "", title, None),
        ("priority", priority, "restored", "", None, title),
        ("priority", pasted[0][1], "added", "", None, title),
    ]
    assert item_history(store, "output", output) == []  # inside the subtree: not its own


def test_changes_since_a_date_for_one_plan(sample_store):
    store = sample_store
    _forget_history(store)
    output = _ids(store, m.Output)[0]
    services.set_field(store, "output", output, "owner", "Head of finance")
    services.set_field(store, "output", output, "owner", "Director of finance")
    with store.transaction() as s:  # the first change was made a week ago
        first = s.scalar(select(func.min(m.ChangeRecord.id)))
        s.execute(update(m.ChangeRecord).where(m.ChangeRecord.id == first)
                  .values(changed_at=datetime(2026, 3, 2, 9, 30)))
    plan = _ids(store, m.Plan)[0]
    since = [(c.old_value, c.new_value) for c in plan_history(store, plan,
                                                              datetime(2026, 3, 3))]
    assert since == [("Head of finance", "Director of finance")]
    assert [(c.old_value, c.new_value) for c in plan_history(store, plan)] == [
        ("", "Head of finance"), ("Head of finance", "Director of finance")]
    assert plan_history(store, plan + 1) == []


def test_links_replaced_are_recorded_by_name(sample_store):
    store = sample_store
    _forget_history(store)
    with store.session() as s:
        priority = s.scalars(select(m.Priority).where(
            m.Priority.title.startswith("Secure fair"))).one()
        themes = {t.name: t.id for t in s.scalars(select(m.Theme))}
        milestone = s.scalars(select(m.Milestone).where(
            m.Milestone.name == "Funding reform response")).one()
    chosen = [themes["Homes for everyone"], themes["A greener city"], themes["Fair funding"]]
    services.set_links(store, "priority", priority.id, "themes", chosen)
    services.set_links(store, "priority", priority.id, "themes", chosen)  # the same: nothing
    services.set_links(store, "milestone", milestone.id, "tags", [])
    assert _rows(store) == [
        ("priority", priority.id, "changed", "themes", "Fair funding",
         "A greener city; Fair funding; Homes for everyone"),
        ("milestone", milestone.id, "changed", "tags",
         "Evidence on service costs; Influencing national budgets", None),
    ]
    plan = _ids(store, m.Plan)[0]
    assert {c.plan_id for c in plan_history(store)} == {plan}
