"""The small disk fixture for the hostile-path tests (helpers live in hostile.py)."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.safety.hostile import SmallDisk


@pytest.fixture
def small_disk():
    """A 4 MB tmpfs (as root: CI runs as root); a clean skip where mounting is not allowed.

    It is mounted on a folder of its own that every user may pass through (a test runs
    commands as another user there), not under pytest's private temporary folder."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    root = Path(tempfile.mkdtemp(prefix="lcplanner-disk-"))
    root.chmod(0o755)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m,mode=0755", "tmpfs",
                           str(root)], capture_output=True, text=True)
    if done.returncode != 0:
        root.rmdir()
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip() or done.returncode}")
    try:
        yield SmallDisk(root)
    finally:
        if subprocess.run(["umount", str(root)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(root)], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)
