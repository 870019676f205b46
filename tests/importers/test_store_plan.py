"""An imported plan stored a portfolio at a time comes back whole and in order."""
from __future__ import annotations

import pytest

from lcplanner.domain.counts import count_plan
from lcplanner.domain.model import Plan
from lcplanner.importers.paper_text import describe, parse_paper, read_source
from lcplanner.importers.store_plan import add_imported_plan
from lcplanner.store.engine import open_store

from tests.support import seed_path


@pytest.mark.parametrize("prefix", ["000", "002", "003"])
def test_seed_stored_in_steps_reads_back_the_same(tmp_path, prefix):
    path = seed_path(prefix)  # 003: themes, pledges and work areas link across portfolios
    plan = parse_paper(read_source(path), source_name=path.name)
    before, counts = describe(plan), count_plan(plan)
    store = open_store(tmp_path / "s.lcplan", readonly=False, create=True)
    try:
        with store.transaction() as session:
            add_imported_plan(session, plan)
        with store.session() as session:
            stored = session.query(Plan).one()
            assert count_plan(stored) == counts
            assert describe(stored) == before
            assert [p.position for p in stored.portfolios] == list(range(counts["portfolios"]))
    finally:
        store.close()
