"""The core never imports Qt: it must run in CI scripts, batch jobs and worker processes."""
from __future__ import annotations

import pkgutil
import subprocess
import sys

import lcplanner

CORE = ("lcplanner.domain", "lcplanner.store", "lcplanner.importers", "lcplanner.compose",
        "lcplanner.writers", "lcplanner.services", "lcplanner.cli", "lcplanner.sample")


def _core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(lcplanner.__path__, "lcplanner."):
        if info.name.startswith(CORE) and ".migrations" not in info.name:
            names.append(info.name)
    return names


def test_core_imports_no_qt():
    modules = _core_modules()
    assert "lcplanner.domain.model" in modules
    code = ("import importlib, sys\n"
            f"for name in {modules!r}:\n"
            "    importlib.import_module(name)\n"
            "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
            "print(','.join(qt))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "", f"Qt imported by the core: {result.stdout}"
