"""The default store in the user's data folder, seeded with the sample plan on first run."""
from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

from lcplanner.store.engine import Store, open_store

APP_NAME = "lcplanner"


def data_folder() -> Path:
    """Where lcplanner keeps its files; ``LCPLANNER_DATA`` overrides it (tests, portable use)."""
    override = os.environ.get("LCPLANNER_DATA")
    return Path(override) if override else Path(user_data_dir(APP_NAME, appauthor=False))


def default_store_path() -> Path:
    return data_folder() / "plans.lcplan"


def open_default_store() -> Store:
    """Open the default store, creating it with the sample plan the first time."""
    from lcplanner.domain.model import Plan
    from lcplanner.sample import build_sample_plan
    from sqlalchemy import func, select

    path = default_store_path()
    fresh = not path.exists()
    store = open_store(path)
    if fresh:
        with store.transaction() as session:
            if not session.scalar(select(func.count()).select_from(Plan)):
                session.add(build_sample_plan())
    return store
