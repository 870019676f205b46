"""Notices between editors on a server: each write announces itself in its own transaction,
and a watcher hears everyone's but its own."""
from __future__ import annotations

import time

import pytest
from sqlalchemy import select, text

from lcplanner import services
from lcplanner.domain import model as m
from lcplanner.store.engine import open_store
from lcplanner.store.notify import CHANNEL
from lcplanner.store.watch import StoreWatcher


@pytest.fixture
def pair(pg_url):
    """Two editors' stores on one server database holding the sample plan."""
    from lcplanner.sample import build_sample_plan

    first = open_store(pg_url)
    with first.transaction() as session:
        session.add(build_sample_plan())
    second = open_store(pg_url)
    yield first, second
    second.close()
    first.close()


def _output_id(store):
    with store.session() as s:
        return s.scalars(select(m.Output.id).order_by(m.Output.id)).first()


def _changed_within(watcher, seconds=2.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if watcher.changed():
            return True
        time.sleep(0.02)
    return False


def test_every_open_store_has_its_own_source(pair):
    first, second = pair
    assert first.source and second.source and first.source != second.source


def test_another_editors_write_is_heard_once_and_own_writes_are_not(pair):
    first, second = pair
    watcher = StoreWatcher(first)
    try:
        assert watcher.fileno() is not None and watcher.error is None
        output = _output_id(first)
        services.set_field(first, "output", output, "text", "Mine")
        services.create(first, "output", _priority_of(first, output), text="Also mine")
        assert not _changed_within(watcher, 0.5)
        services.set_field(second, "output", output, "text", "Theirs")
        assert _changed_within(watcher)
        assert watcher.changed() is False
    finally:
        watcher.close()


def _priority_of(store, output_id):
    with store.session() as s:
        return s.get(m.Output, output_id).priority_id


def test_reads_and_rolled_back_writes_send_nothing(pair, pg_url):
    first, second = pair
    import psycopg

    args, kwargs = first.engine.dialect.create_connect_args(first.engine.url)
    heard = psycopg.connect(*args, **kwargs, autocommit=True)
    try:
        heard.execute(f"LISTEN {CHANNEL}")
        services.details(second, "output", _output_id(second))  # a read
        services.children(second, "priority", _priority_of(second, _output_id(second)))
        with pytest.raises(RuntimeError):
            with second.transaction() as session:
                session.execute(text("UPDATE outputs SET text = 'never' WHERE id = :i"),
                                {"i": _output_id(second)})
                raise RuntimeError("change of mind")
        with second.transaction():  # a transaction that writes nothing
            pass
        assert [n.payload for n in heard.notifies(timeout=0.3)] == []
        services.set_field(second, "output", _output_id(second), "owner", "Someone")
        got = [n for n in heard.notifies(timeout=2, stop_after=1)]
        assert [(n.channel, n.payload) for n in got] == [
            (CHANNEL, f'{{"source": "{second.source}"}}')]
    finally:
        heard.close()


def test_a_sqlite_store_sends_no_notices(sample_store):
    assert sample_store.source is None
    watcher = StoreWatcher(sample_store)
    try:
        assert watcher.fileno() is None and watcher.error is None
    finally:
        watcher.close()


def test_a_url_with_its_own_connect_timeout_is_listened_to(pg_url):
    store = open_store(pg_url + "&connect_timeout=3")
    other = open_store(pg_url)
    watcher = StoreWatcher(store)
    try:
        assert watcher.error is None and watcher.fileno() is not None
        with other.transaction() as session:
            session.add(m.Plan(title="A plan from elsewhere"))
        assert _changed_within(watcher)
    finally:
        watcher.close()
        other.close()
        store.close()
