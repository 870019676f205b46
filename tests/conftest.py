"""Shared fixtures. Qt runs offscreen: without a display pytest would otherwise abort."""
from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_data(tmp_path_factory, monkeypatch):
    """Never touch the real user data folder or settings from a test."""
    data = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("LCPLANNER_DATA", str(data))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(data / "config"))


@pytest.fixture
def store_path(tmp_path) -> Path:
    return tmp_path / "plans.lcplan"


@pytest.fixture
def store(store_path):
    from lcplanner.store.engine import open_store

    opened = open_store(store_path)
    yield opened
    opened.close()


@pytest.fixture
def sample_store(store):
    """A store holding the sample plan."""
    from lcplanner.sample import build_sample_plan

    with store.transaction() as session:
        session.add(build_sample_plan())
    return store


@pytest.fixture
def sample_plan(sample_store):
    """The sample plan, loaded from a real store in an open session."""
    from sqlalchemy import select

    from lcplanner.domain.model import Plan

    session = sample_store.session()
    try:
        yield session.scalars(select(Plan)).one()
    finally:
        session.close()


# A throwaway PostgreSQL server for the tests that run against one (skipped without it).
from tests.pg import pg_cluster, pg_url  # noqa: E402,F401


@pytest.fixture(params=["sqlite", "postgresql"])
def store_target(request, tmp_path) -> str:
    """Where a store lives, once per engine: a file's path, then a server database's URL
    (that run is skipped, with the reason, where PostgreSQL cannot be started)."""
    if request.param == "sqlite":
        return str(tmp_path / "plans.lcplan")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def target_store(store_target):
    """An open, empty store on each engine (see ``store_target``)."""
    from lcplanner.store.engine import open_store

    opened = open_store(store_target)
    yield opened
    opened.close()


@pytest.fixture
def target_sample_store(target_store):
    """The sample plan in a store on each engine."""
    from lcplanner.sample import build_sample_plan

    with target_store.transaction() as session:
        session.add(build_sample_plan())
    return target_store
