"""The service layer runs on both engines: every test here that takes ``store``,
``sample_store`` or ``store_path`` runs once on a SQLite file and once on a PostgreSQL database
(see ``store_target`` in tests/conftest.py). ``store_path`` is then where the store lives, a
path or a URL, as ``open_store`` takes either."""
from __future__ import annotations

import pytest


@pytest.fixture
def store_path(store_target):
    return store_target


@pytest.fixture
def store(target_store):
    return target_store
