"""Row versions: every write raises an item's version and says who made it and when; an edit
made on a version someone else has changed since is refused with what they stored. Runs on a
SQLite file and on a PostgreSQL database (see conftest.py)."""
from __future__ import annotations

import getpass
from datetime import datetime, timedelta

import pytest

from lcplanner import services
from lcplanner.services.concurrency import ConflictError, save_field, stamp_of
from lcplanner.store.engine import open_store


def _user(store) -> str:
    return "postgres" if store.engine.dialect.name == "postgresql" else getpass.getuser()


def _plan(store):
    plan = services.create(store, "plan", None, title="Plan for the year")
    portfolio = services.create(store, "portfolio", plan, name="Homes")
    priority = services.create(store, "priority", portfolio, title="More homes")
    outputs = [services.create(store, "output", priority, text=t) for t in ("One", "Two")]
    return priority, outputs


def _text(store, output_id):
    return services.details(store, "output", output_id).values["text"]


def test_a_new_item_is_at_version_1_stamped_with_who_made_it(store):
    before = datetime.utcnow() - timedelta(seconds=5)
    _priority, (first, _second) = _plan(store)
    got = stamp_of(store, "output", first)
    assert got.version == 1
    assert got.changed_by == _user(store)
    assert before <= got.changed_at <= datetime.utcnow() + timedelta(seconds=5)


def test_every_write_raises_the_version_and_restamps(store):
    _priority, (first, _second) = _plan(store)
    services.set_field(store, "output", first, "text", "One, reworded")
    services.set_field(store, "output", first, "owner", "Housing officer")
    got = stamp_of(store, "output", first)
    assert got.version == 3 and got.changed_by == _user(store)
    saved = save_field(store, "output", first, "text", "Again", expected_version=3)
    assert (saved.old, saved.version) == ("One, reworded", 4)
    assert stamp_of(store, "output", first).version == 4


def test_an_edit_on_a_stale_version_is_refused_with_the_stored_value(store, store_path):
    _priority, (first, _second) = _plan(store)
    read = stamp_of(store, "output", first)
    other = open_store(store_path)  # a second editor on the same store
    try:
        services.set_field(other, "output", first, "text", "Theirs")
    finally:
        other.close()
    with pytest.raises(ConflictError) as caught:
        services.set_field(store, "output", first, "text", "Mine",
                           expected_version=read.version, base="One")
    conflict = caught.value
    assert (conflict.current, conflict.yours, conflict.version) == ("Theirs", "Mine", 2)
    assert conflict.changed_by == _user(store)
    assert conflict.changed_at == stamp_of(store, "output", first).changed_at
    assert str(conflict).startswith("Output's text was changed by ")
    assert str(conflict).endswith("after you read it; your change was not saved.")
    assert _text(store, first) == "Theirs"
    # "Use yours": saved on the version the conflict reported.
    services.set_field(store, "output", first, "text", "Mine",
                       expected_version=conflict.version, base=conflict.current)
    assert _text(store, first) == "Mine"
    assert stamp_of(store, "output", first).version == 3


def test_a_change_elsewhere_in_the_item_or_its_place_is_no_conflict(store):
    priority, (first, second) = _plan(store)
    read = stamp_of(store, "output", second)
    first_before = stamp_of(store, "output", first)
    services.create(store, "output", priority, 0, text="New first")  # renumbers both
    services.set_field(store, "output", second, "owner", "Someone")
    moved = stamp_of(store, "output", first)
    assert moved.version == 2 and moved.changed_at == first_before.changed_at
    services.set_field(store, "output", second, "text", "Two, reworded",
                       expected_version=read.version, base="Two")
    details = services.details(store, "output", second)
    assert (details.values["text"], details.values["owner"]) == ("Two, reworded", "Someone")
    with pytest.raises(ConflictError):  # without the value it read, any change is a conflict
        services.set_field(store, "output", second, "text", "Lost?",
                           expected_version=read.version)


def test_a_move_among_siblings_keeps_the_items_last_change(store):
    priority, (first, _second) = _plan(store)
    before = stamp_of(store, "output", first)
    services.move(store, "output", first, priority, 1)
    after = stamp_of(store, "output", first)
    assert after.version == before.version + 1
    assert (after.changed_by, after.changed_at) == (before.changed_by, before.changed_at)


def test_a_link_field_is_versioned_like_a_column(store):
    _priority, (first, _second) = _plan(store)
    plan_id = services.details(store, "output", first).plan_id
    theme = services.create(store, "theme", plan_id, name="Fairness")
    priority = services.position_of(store, "output", first)[0]
    read = stamp_of(store, "priority", priority)
    services.set_field(store, "priority", priority, "themes", [theme])
    assert stamp_of(store, "priority", priority).version == read.version + 1
    with pytest.raises(ConflictError) as caught:
        services.set_field(store, "priority", priority, "themes", [],
                           expected_version=read.version, base=[])
    assert caught.value.current == [theme]


def test_an_edit_of_an_item_deleted_meanwhile_is_refused_as_deleted(store):
    _priority, (first, _second) = _plan(store)
    read = stamp_of(store, "output", first)
    services.delete(store, "output", first)
    with pytest.raises(ConflictError) as caught:
        services.set_field(store, "output", first, "text", "Mine",
                           expected_version=read.version)
    assert caught.value.version is None and caught.value.yours == "Mine"
    assert "deleted by someone else" in str(caught.value)


def test_an_undone_delete_comes_back_with_its_version_and_stamp(store):
    _priority, (first, _second) = _plan(store)
    services.set_field(store, "output", first, "text", "Edited")
    before = stamp_of(store, "output", first)
    snap = services.delete(store, "output", first)
    services.restore(store, snap)
    assert stamp_of(store, "output", first) == before


def test_a_change_another_editor_got_in_the_way_of_runs_again_then_gives_up_in_a_sentence(
        monkeypatch):
    from sqlalchemy.orm.exc import StaleDataError

    from lcplanner.services import concurrency
    from lcplanner.store.errors import StoreBusyError

    monkeypatch.setattr(concurrency.time, "sleep", lambda _s: None)
    calls = []

    @concurrency.retrying
    def twice_in_the_way():
        calls.append(1)
        if len(calls) < 3:
            raise StaleDataError("row changed")
        return "done"

    assert twice_in_the_way() == "done" and len(calls) == 3

    @concurrency.retrying
    def always_in_the_way():
        raise concurrency.Retry()

    with pytest.raises(StoreBusyError) as caught:
        always_in_the_way()
    assert str(caught.value) == ("Others were changing the same part of the plan at the same "
                                 "moment; nothing of this change was saved. Try again.")

    @concurrency.retrying
    def conflicting():
        calls.append(1)
        raise ConflictError("output", 1, "text", current="a", yours="b", changed_by="asha",
                            changed_at=None, version=2)

    calls.clear()
    with pytest.raises(ConflictError):
        conflicting()
    assert len(calls) == 1  # a conflict is the user's to settle, never run again
