"""Crash safety: SIGKILL at random moments never loses a reported edit or damages the store."""
from __future__ import annotations

import os

import pytest

from lcplanner.devtools.crash import run_crashes

KILLS = int(os.environ.get("LCPLANNER_CRASH_KILLS", "50"))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="SIGKILL semantics are POSIX")
def test_killed_writer_loses_nothing_it_reported(tmp_path):
    report = run_crashes(tmp_path, KILLS, seed=20261123)
    assert report.failures == []
    assert report.kills == KILLS
    # The kills must land among real work, or the test proves nothing.
    assert report.edits_checked > KILLS
