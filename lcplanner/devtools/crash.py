"""Kill a writer at random moments and check that nothing it reported committed is lost.

A child process edits a store through the same service layer the editor uses and prints one
line per committed edit. The parent kills it with SIGKILL at a random moment, then checks that
SQLite's ``integrity_check`` passes and that every edit the child reported is in the store.
Used by ``tests/store/test_crash.py`` (50 kills) and ``tests/bench/bench_crash.py`` (1,000).
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path


def child(path: str) -> None:
    """Edit forever: add outputs, retitle the plan; report each committed edit on stdout."""
    from sqlalchemy import select

    from lcplanner.domain.model import Priority
    from lcplanner.services import edit
    from lcplanner.store.engine import open_store
    from lcplanner.store.lock import acquire_lock

    store = open_store(path)
    acquire_lock(store.path)
    with store.session() as session:
        priority = session.scalars(select(Priority).order_by(Priority.id)).first()
        priority_id, plan_id = priority.id, priority.portfolio.plan_id
    print("ready", flush=True)
    n = int(os.environ.get("CRASH_START", "0"))
    while True:
        n += 1
        output_id = edit.create(store, "output", priority_id, text=f"crash edit {n}")
        print(f"output {output_id} {n}", flush=True)
        edit.set_field(store, "plan", plan_id, "title", f"Crash plan {n}")
        print(f"title {n}", flush=True)


@dataclass
class CrashReport:
    kills: int = 0
    edits_checked: int = 0
    failures: list[str] = field(default_factory=list)


def _prepare(path: Path) -> None:
    from lcplanner.sample import build_sample_plan
    from lcplanner.store.engine import open_store

    store = open_store(path)
    with store.transaction() as session:
        session.add(build_sample_plan())
    store.close()


def _verify(path: Path, outputs: dict[int, int], last_title: int) -> list[str]:
    from sqlalchemy import select

    from lcplanner.domain.model import Output, Plan
    from lcplanner.store.engine import integrity_ok, open_store

    problems = []
    store = open_store(path)
    try:
        if not integrity_ok(store):
            problems.append("integrity_check failed")
        with store.session() as session:
            found = dict(session.execute(select(Output.id, Output.text)).all())
            title = session.scalars(select(Plan.title)).first()
    finally:
        store.close()
    for output_id, n in outputs.items():
        if found.get(output_id) != f"crash edit {n}":
            problems.append(f"output {output_id} (edit {n}) lost")
    if last_title:
        seen = int(title.rsplit(" ", 1)[1]) if title.startswith("Crash plan ") else 0
        if seen < last_title:
            problems.append(f"title edit {last_title} lost (store has {title!r})")
    return problems


def run_crashes(folder: Path, kills: int, *, seed: int = 0, max_delay: float = 0.25,
                progress=None) -> CrashReport:
    """Start, kill and check ``kills`` times; return what was checked and what failed."""
    rng = random.Random(seed)
    path = folder / "crash.lcplan"
    _prepare(path)
    report = CrashReport()
    outputs: dict[int, int] = {}
    last_title = 0
    n = 0
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    for kill in range(kills):
        env["CRASH_START"] = str(n)
        proc = subprocess.Popen([sys.executable, "-m", "lcplanner.devtools.crash", str(path)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=env)
        first = proc.stdout.readline()
        if first.strip() != "ready":
            proc.kill()
            report.failures.append(f"child did not start: {first!r} {proc.stderr.read()}")
            break
        time.sleep(rng.uniform(0, max_delay))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        for line in proc.stdout.read().splitlines():
            parts = line.split()
            if parts[:1] == ["output"] and len(parts) == 3:
                outputs[int(parts[1])] = int(parts[2])
                n = max(n, int(parts[2]))
            elif parts[:1] == ["title"] and len(parts) == 2:
                last_title = int(parts[1])
        proc.stdout.close()
        proc.stderr.close()
        report.kills += 1
        problems = _verify(path, outputs, last_title)
        report.edits_checked = len(outputs) + (1 if last_title else 0)
        if problems:
            report.failures.extend(f"kill {kill + 1}: {p}" for p in problems)
            break
        if progress:
            progress(report)
    return report


if __name__ == "__main__":
    child(sys.argv[1])
