"""Paths shared by the tests: the seed papers beside the project and our own fixtures."""
from __future__ import annotations

from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def seed_path(prefix: str) -> Path:
    """A seed paper from ../shared/seeds, or a clean skip when the folder is absent."""
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt")) if SEEDS.is_dir() else []
    if not matches:
        pytest.skip(f"seed paper {prefix} not available ({SEEDS} absent)")
    return matches[0]
