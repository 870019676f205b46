"""Deleted items: recorded with the delete, kept 30 days, restored in place after a restart."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from lcplanner import services
from lcplanner.domain import model as m
from lcplanner.services import deleted
from lcplanner.services.edit import snapshot
from lcplanner.store.engine import open_store


def _first(store, cls, **where):
    with store.session() as s:
        q = select(cls).order_by(cls.position, cls.id)
        for name, value in where.items():
            q = q.where(getattr(cls, name) == value)
        return s.scalars(q).first()


def _output_texts(store, priority_id):
    with store.session() as s:
        return list(s.scalars(select(m.Output.text).where(m.Output.priority_id == priority_id)
                              .order_by(m.Output.position)))


def _sub_points(store, output_id):
    with store.session() as s:
        return list(s.execute(select(m.SubPoint.id, m.SubPoint.text, m.SubPoint.level)
                              .where(m.SubPoint.output_id == output_id)
                              .order_by(m.SubPoint.position)))


def _short(text):
    flat = " ".join(text.split())
    return flat if len(flat) <= 60 else flat[:59].rstrip() + "…"


def _an_output_with_points(store):
    with store.session() as s:
        return s.scalars(select(m.Output).join(m.SubPoint).order_by(m.Output.id)).first()


def test_snapshot_round_trips_through_json(sample_store):
    plan = _first(sample_store, m.Plan)
    with sample_store.session() as s:
        snap = snapshot(s, "plan", plan.id)
    again = deleted.snapshot_from_json(deleted.snapshot_to_json(snap))
    assert again == snap
    plan_row = dict(again.rows[0][1])
    assert isinstance(plan_row["created"], datetime)


def test_a_delete_is_recorded_with_what_and_where(sample_store):
    output = _an_output_with_points(sample_store)
    points = _sub_points(sample_store, output.id)
    with sample_store.session() as s:
        priority = s.get(m.Priority, output.priority_id)
        portfolio = s.get(m.Portfolio, priority.portfolio_id)
        plan = s.get(m.Plan, portfolio.plan_id)
        expected_origin = (f"priority '{_short(priority.title)}' in portfolio "
                           f"'{_short(portfolio.name)}' in plan '{_short(plan.title)}'")
    snap, entry_id = deleted.delete_to_bin(sample_store, "output", output.id)
    assert snap.counts == {"output": 1, "sub_point": len(points)}
    [entry] = deleted.entries(sample_store)
    assert (entry.id, entry.kind, entry.item_id) == (entry_id, "output", output.id)
    assert entry.title == _short(output.text)
    assert entry.origin == expected_origin
    assert entry.counts == {"output": 1, "sub_point": len(points)}
    assert abs(entry.deleted_at - datetime.utcnow()) < timedelta(minutes=1)


def test_restore_after_a_restart_puts_it_back_in_place(sample_store, store_path):
    output = _an_output_with_points(sample_store)
    before = _output_texts(sample_store, output.priority_id)
    points = _sub_points(sample_store, output.id)
    _snap, entry_id = deleted.delete_to_bin(sample_store, "output", output.id)
    assert output.text not in _output_texts(sample_store, output.priority_id)
    sample_store.close()

    reopened = open_store(store_path)  # a new process, as far as the store can tell
    try:
        result = deleted.restore_entry(reopened, entry_id)
        assert (result.kind, result.item_id, result.parent_id) == (
            "output", output.id, output.priority_id)
        assert result.message.startswith("Restored output '") and " to priority '" in \
            result.message
        assert _output_texts(reopened, output.priority_id) == before
        assert _sub_points(reopened, output.id) == points  # same ids, text and levels
        assert deleted.entries(reopened) == []
    finally:
        reopened.close()


def test_undoing_a_delete_takes_it_off_the_list(sample_store):
    output = _an_output_with_points(sample_store)
    snap, entry_id = deleted.delete_to_bin(sample_store, "output", output.id)
    assert deleted.count(sample_store) == 1
    deleted.undo_delete(sample_store, snap, entry_id)
    assert deleted.count(sample_store) == 0
    assert _sub_points(sample_store, output.id)


def test_purge_keeps_thirty_days(sample_store):
    now = datetime(2026, 11, 30, 9, 0)
    outputs = []
    with sample_store.session() as s:
        outputs = list(s.scalars(select(m.Output.id).order_by(m.Output.id).limit(3)))
    for output_id, age in zip(outputs, (31, 29, 0)):
        deleted.delete_to_bin(sample_store, "output", output_id,
                              deleted_at=now - timedelta(days=age))
    assert deleted.purge(sample_store, now=now) == 1
    assert sorted(e.item_id for e in deleted.entries(sample_store)) == sorted(outputs[1:])
    assert deleted.purge(sample_store, now=now) == 0


def test_restore_refuses_when_the_parent_was_deleted_too(sample_store):
    output = _an_output_with_points(sample_store)
    with sample_store.session() as s:
        priority = s.get(m.Priority, output.priority_id)
        priority_title = priority.title
    _, output_entry = deleted.delete_to_bin(sample_store, "output", output.id)
    _, priority_entry = deleted.delete_to_bin(sample_store, "priority", priority.id)
    with pytest.raises(services.EditError) as caught:
        deleted.restore_entry(sample_store, output_entry)
    short = _short(priority_title)
    assert str(caught.value).endswith(
        f"cannot be restored: the priority it was in was deleted too. Restore priority "
        f"'{short}' first.")
    assert deleted.count(sample_store) == 2  # nothing changed
    deleted.restore_entry(sample_store, priority_entry)
    deleted.restore_entry(sample_store, output_entry)
    assert _sub_points(sample_store, output.id)
    assert deleted.count(sample_store) == 0


def test_restore_refuses_when_the_parent_is_gone_for_good(sample_store):
    output = _an_output_with_points(sample_store)
    _, entry_id = deleted.delete_to_bin(sample_store, "output", output.id)
    services.delete(sample_store, "priority", output.priority_id)  # not through the editor
    with pytest.raises(services.EditError, match=r"the priority it was in \(priority '.*"
                                                 r"\) no longer exists\.$"):
        deleted.restore_entry(sample_store, entry_id)


def test_restore_takes_new_ids_when_the_old_ones_were_reused(sample_store):
    output = _an_output_with_points(sample_store)
    points = _sub_points(sample_store, output.id)
    _, entry_id = deleted.delete_to_bin(sample_store, "output", output.id)
    with sample_store.transaction() as s:  # SQLite hands out the freed id again
        s.add(m.Output(id=output.id, priority_id=output.priority_id, position=99,
                       text="Written after the delete"))
    result = deleted.restore_entry(sample_store, entry_id)
    assert result.item_id != output.id
    texts = _output_texts(sample_store, output.priority_id)
    assert output.text in texts and "Written after the delete" in texts
    restored = _sub_points(sample_store, result.item_id)
    assert [(t, lv) for _i, t, lv in restored] == [(t, lv) for _i, t, lv in points]


def test_a_deleted_plan_comes_back_whole(sample_store, store_path):
    plan = _first(sample_store, m.Plan)
    with sample_store.session() as s:
        outputs = s.scalar(select(func.count()).select_from(m.Output))
    _, entry_id = deleted.delete_to_bin(sample_store, "plan", plan.id)
    [entry] = deleted.entries(sample_store)
    assert entry.origin == "the store" and entry.counts["output"] == outputs
    result = deleted.restore_entry(sample_store, entry_id)
    assert result.message == f"Restored plan '{entry.title}'."
    with sample_store.session() as s:
        assert s.scalar(select(func.count()).select_from(m.Output)) == outputs
        assert s.get(m.Plan, plan.id).created == plan.created


def test_links_to_things_deleted_since_are_left_out(sample_store):
    with sample_store.session() as s:
        link = s.execute(select(m.priority_themes)).first()
    assert link is not None, "the sample plan links a priority to a theme"
    priority_id, theme_id = link
    _, entry_id = deleted.delete_to_bin(sample_store, "priority", priority_id)
    services.delete(sample_store, "theme", theme_id)
    deleted.restore_entry(sample_store, entry_id)
    with sample_store.session() as s:
        assert s.get(m.Priority, priority_id) is not None
        assert s.execute(select(m.priority_themes)
                         .where(m.priority_themes.c.priority_id == priority_id)
                         .where(m.priority_themes.c.theme_id == theme_id)).first() is None
