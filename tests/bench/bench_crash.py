"""Crash soak: ``python tests/bench/bench_crash.py [KILLS]`` (default 1,000 kills).

Prints how many kills and reported edits were checked, and any edit lost.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from lcplanner.devtools.crash import run_crashes


def main() -> int:
    kills = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        def progress(report):
            if report.kills % 50 == 0:
                print(f"  {report.kills} kills, {report.edits_checked} edits checked",
                      flush=True)
        report = run_crashes(Path(folder), kills, seed=kills, progress=progress)
    elapsed = time.perf_counter() - started
    print(f"crash soak: {report.kills} kills, {report.edits_checked} committed edits checked, "
          f"{len(report.failures)} failures, {elapsed:.0f} s")
    for failure in report.failures:
        print("  FAIL", failure)
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
