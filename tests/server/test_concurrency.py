"""Several editors changing one parent's children at the same moment, on a PostgreSQL server:
positions stay exactly 0..n-1, every acknowledged item exists, and no typed change is lost."""
from __future__ import annotations

import random
import threading

from sqlalchemy import func, select

from lcplanner import services
from lcplanner.domain import model as m
from lcplanner.services.concurrency import ConflictError, stamp_of
from lcplanner.store.engine import open_store

EDITORS = 6
STEPS = 30


def _setup(url):
    store = open_store(url)
    plan = services.create(store, "plan", None, title="Shared plan")
    portfolio = services.create(store, "portfolio", plan, name="Homes")
    priorities = [services.create(store, "priority", portfolio, title=t) for t in "AB"]
    store.close()
    return priorities


def _positions(store, cls, column, parent_id):
    with store.session() as session:
        return list(session.scalars(select(cls.position).where(column == parent_id)
                                    .order_by(cls.position)))


def _race(url, worker, editors=EDITORS):
    start = threading.Barrier(editors)
    results, failures = [None] * editors, []

    def run(n):
        store = open_store(url)
        try:
            start.wait()
            results[n] = worker(store, n)
        except BaseException as exc:  # noqa: BLE001 - reported by the test below
            failures.append(exc)
        finally:
            store.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(editors)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert failures == []
    return results


def test_racing_creates_moves_and_deletes_keep_positions_and_items(pg_url):
    first, second = _setup(pg_url)

    def editor(store, n):
        rng = random.Random(n)
        mine: set[int] = set()
        for step in range(STEPS):
            action = rng.random()
            if action < 0.5 or len(mine) < 2:
                parent = rng.choice((first, second))
                mine.add(services.create(store, "output", parent, rng.randint(0, 5),
                                         text=f"editor {n} step {step}"))
            elif action < 0.8:  # move one of mine, within or across the two priorities
                item = rng.choice(sorted(mine))
                services.move(store, "output", item, rng.choice((first, second)),
                              rng.randint(0, 6))
            else:
                item = rng.choice(sorted(mine))
                services.delete(store, "output", item)
                mine.discard(item)
        return mine

    acknowledged = set().union(*_race(pg_url, editor))
    store = open_store(pg_url)
    try:
        with store.session() as session:
            stored = set(session.scalars(select(m.Output.id)))
            assert session.scalar(select(func.count()).select_from(m.Output)) == len(stored)
        assert stored == acknowledged
        for parent in (first, second):
            positions = _positions(store, m.Output, m.Output.priority_id, parent)
            assert positions == list(range(len(positions)))
        assert sum(len(_positions(store, m.Output, m.Output.priority_id, p))
                   for p in (first, second)) == len(acknowledged)
    finally:
        store.close()


def test_racing_typing_on_one_field_loses_no_acknowledged_change(pg_url):
    first, _second = _setup(pg_url)
    setup = open_store(pg_url)
    output = services.create(setup, "output", first, text="Start")
    setup.close()

    def editor(store, n):
        saved, conflicts = [], 0
        for step in range(15):
            read = stamp_of(store, "output", output)
            base = services.details(store, "output", output).values["text"]
            value = f"editor {n} typed {step}"
            try:
                done = services.concurrency.save_field(
                    store, "output", output, "text", value,
                    expected_version=read.version, base=base)
            except ConflictError:
                conflicts += 1
                continue
            saved.append((done.version, value))
        return saved, conflicts

    results = _race(pg_url, editor)
    saved = [s for done, _c in results for s in done]
    versions = [v for v, _value in saved]
    assert len(versions) == len(set(versions))  # no two acknowledged writes on one version
    store = open_store(pg_url)
    try:
        got = stamp_of(store, "output", output)
        assert got.version == max(versions) == len(saved) + 1
        assert services.details(store, "output", output).values["text"] == max(saved)[1]
    finally:
        store.close()
    assert sum(c for _done, c in results) == EDITORS * 15 - len(saved)
