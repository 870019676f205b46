"""Fixtures for composer tests: the sample plan loaded from a real store, the 2020/21 seed."""
from __future__ import annotations

import pytest

from tests.support import seed_path


@pytest.fixture
def seed_2020_plan():
    """The 2020/21 Executive paper (seed 000), imported; skips when seed or importer is absent."""
    path = seed_path("000")
    from lcplanner.importers.paper_text import parse_paper, read_source

    return parse_paper(read_source(path), source_name=path.name)
