"""A team on one plan: many editors' service layers at once on a throwaway PostgreSQL cluster.

    python tests/bench/bench_team.py [--seconds 60] [--editors 20] [--json FILE]

Each editor is a process of its own, with its own connection, making mixed edits for the given
time: typing (a field saved on the version it read; a conflict is resolved as a user would,
half the time keeping theirs, half the time saving theirs over), adding outputs, moving them
within and across priorities, deleting them, and undoing deletes (restore). Every edit the
service layer acknowledges is logged by its process. Afterwards the store is checked:

- no acknowledged edit was lost: every field holds the value of its highest-versioned
  acknowledged save, every item added and not deleted exists (and none deleted does);
- positions under every parent are exactly 0..n-1;
- integrity: no row points at a missing parent (and on SQLite ``PRAGMA integrity_check``).

The same figures are printed beside them for one writer on a SQLite file (run for a quarter of
the time). Edits per second count acknowledged edits; commit latency is the time of one service
call (one transaction), conflicts are edits refused because someone else changed the field
first. Without PostgreSQL installed it says so in one line and exits 0.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

#: Priorities everybody adds under, moves across and types in; outputs each holds at the start.
SHARED_PRIORITIES = 4
SHARED_OUTPUTS = 3
#: The mix of edits (weights): typing dominates, as it does in an editor. After a delete, the
#: next edit is its undo (a restore) this often.
MIX = (("type", 58), ("add", 16), ("move", 16), ("delete", 10))
UNDO_AFTER_DELETE = 0.4


# --- one editor ------------------------------------------------------------------------------


def _output_text(session, output_id):
    from sqlalchemy import select

    from lcplanner.domain.model import Output

    return session.execute(select(Output.text, Output.version)
                           .where(Output.id == output_id)).first()


def _took(latencies: list[float], by_kind: dict, action: str, started: float) -> None:
    took = time.perf_counter() - started
    latencies.append(took)
    by_kind.setdefault(action, []).append(took)


def editor(url: str, number: int, start_at: float, seconds: float, layout: dict) -> dict:
    """Make mixed edits until the time is up; return what was acknowledged and measured."""
    from lcplanner import services
    from lcplanner.services.concurrency import RETRIES, ConflictError, save_field
    from lcplanner.store.engine import open_store

    rng = random.Random(number * 7919 + 1)
    store = open_store(url)
    priorities, shared = layout["priorities"], layout["shared_outputs"]
    mine: list[int] = []
    deleted: list = []
    acks: list[list] = []
    latencies: list[float] = []
    #: Latency of each edit by kind of edit, for the breakdown: kind → seconds.
    by_kind: dict[str, list[float]] = {}
    conflicts = 0
    errors: list[str] = []
    actions = [a for a, w in MIX for _ in range(w)]
    counter = 0
    retries_before = RETRIES["count"]
    wait = start_at - time.time()
    if wait > 0:
        time.sleep(wait)
    end = time.time() + seconds
    while time.time() < end:
        action = rng.choice(actions)
        if action in ("move", "delete") and not mine:
            action = "add"
        if acks and acks[-1][0] == "delete" and rng.random() < UNDO_AFTER_DELETE:
            action = "undo"  # takes back the editor's own last edit, as Edit → Undo does
        counter += 1
        try:
            if action == "type":
                item = rng.choice(shared) if rng.random() < 0.4 or not mine else rng.choice(mine)
                with store.session() as session:
                    base, version = _output_text(session, item)
                value = f"editor {number} typed {counter}"
                time.sleep(rng.uniform(0, 0.005))  # the rest of the word
                started = time.perf_counter()
                try:
                    saved = save_field(store, "output", item, "text", value,
                                       expected_version=version, base=base)
                except ConflictError as conflict:
                    _took(latencies, by_kind, action, started)
                    conflicts += 1
                    if conflict.version is None or rng.random() < 0.5:
                        continue  # keep theirs
                    started = time.perf_counter()  # use yours, on the version they left
                    try:
                        saved = save_field(store, "output", item, "text", value,
                                           expected_version=conflict.version,
                                           base=conflict.current)
                    except ConflictError:
                        _took(latencies, by_kind, action, started)
                        conflicts += 1
                        continue
                _took(latencies, by_kind, action, started)
                acks.append(["set", item, saved.version, value])
            elif action == "add":
                value = f"editor {number} added {counter}"
                parent = rng.choice(priorities)
                started = time.perf_counter()
                item = services.create(store, "output", parent, rng.randint(0, 8), text=value)
                _took(latencies, by_kind, action, started)
                mine.append(item)
                acks.append(["add", item, 1, value])
            elif action == "move":
                item = rng.choice(mine)
                started = time.perf_counter()
                services.move(store, "output", item, rng.choice(priorities), rng.randint(0, 8))
                _took(latencies, by_kind, action, started)
                acks.append(["move", item, None, None])
            elif action == "delete":
                item = mine.pop(rng.randrange(len(mine)))
                started = time.perf_counter()
                deleted.append(services.delete(store, "output", item))
                _took(latencies, by_kind, action, started)
                acks.append(["delete", item, None, None])
            else:  # undo a delete of mine: the same row back, with the same id
                snap = deleted.pop()
                started = time.perf_counter()
                services.restore(store, snap)
                _took(latencies, by_kind, action, started)
                mine.append(snap.id)
                acks.append(["restore", snap.id, None, None])
        except Exception as exc:  # noqa: BLE001 - reported and counted, the run goes on
            errors.append(f"{action}: {type(exc).__name__}: {exc}")
    store.close()
    return {"editor": number, "acks": acks, "latencies": latencies, "by_kind": by_kind,
            "conflicts": conflicts,
            "errors": errors, "retries": RETRIES["count"] - retries_before}


# --- the store before and after ----------------------------------------------------------


def prepare(url: str) -> dict:
    """One plan with the shared priorities and outputs; their ids."""
    from lcplanner import services
    from lcplanner.store.engine import open_store

    store = open_store(url)
    try:
        plan = services.create(store, "plan", None, title="Plan shared by a team")
        portfolio = services.create(store, "portfolio", plan, name="Shared portfolio")
        priorities = [services.create(store, "priority", portfolio, title=f"Priority {n}")
                      for n in range(1, SHARED_PRIORITIES + 1)]
        shared = [services.create(store, "output", p, text=f"Shared output {n}")
                  for p in priorities for n in range(SHARED_OUTPUTS)]
    finally:
        store.close()
    return {"priorities": priorities, "shared_outputs": shared}


@dataclass
class Checks:
    acknowledged: int = 0
    lost: list[str] = field(default_factory=list)
    positions_ok: bool = True
    integrity_ok: bool = True
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.lost and self.positions_ok and self.integrity_ok


def verify(url: str, layout: dict, results: list[dict]) -> Checks:
    """Compare the store with every acknowledged edit (see the module's docstring)."""
    from sqlalchemy import func, select, text

    from lcplanner.domain.model import Base, Output
    from lcplanner.store.engine import open_store

    checks = Checks()
    last_value: dict[int, tuple[int, str]] = {}
    alive = set(layout["shared_outputs"])
    for result in results:  # an editor deletes and restores only its own outputs, in order
        for kind, item, version, value in result["acks"]:
            checks.acknowledged += 1
            if kind == "add":  # a new row (SQLite may give a deleted row's id again)
                last_value[item] = (version, value)
            elif kind == "set" and (item not in last_value or version > last_value[item][0]):
                last_value[item] = (version, value)
            if kind in ("add", "restore"):
                alive.add(item)
            elif kind == "delete":
                alive.discard(item)
    store = open_store(url, readonly=True)
    try:
        with store.session() as session:
            stored = dict(session.execute(select(Output.id, Output.text)).all())
            for item in sorted(alive - set(stored)):
                checks.lost.append(f"output {item} was acknowledged but is missing")
            for item in sorted(set(stored) - alive):
                checks.lost.append(f"output {item} was deleted (acknowledged) but is there")
            for item, (version, value) in sorted(last_value.items()):
                if item in stored and stored[item] != value:
                    checks.lost.append(f"output {item} holds {stored[item]!r}, not the last "
                                       f"acknowledged {value!r} (version {version})")
            for priority in layout["priorities"]:
                positions = list(session.scalars(select(Output.position)
                                                 .where(Output.priority_id == priority)
                                                 .order_by(Output.position)))
                if positions != list(range(len(positions))):
                    checks.positions_ok = False
                    checks.notes.append(f"priority {priority}: positions {positions}")
            for table in Base.metadata.sorted_tables:
                for fk in table.foreign_keys:
                    target = fk.column.table
                    orphans = session.scalar(
                        select(func.count()).select_from(table)
                        .outerjoin(target, fk.parent == fk.column)
                        .where(fk.parent.isnot(None), fk.column.is_(None)))
                    if orphans:
                        checks.integrity_ok = False
                        checks.notes.append(f"{orphans} rows of {table.name} point at no "
                                            f"{target.name}")
            if session.bind.dialect.name == "sqlite":
                result = [r[0] for r in session.execute(text("PRAGMA integrity_check"))]
                if result != ["ok"]:
                    checks.integrity_ok = False
                    checks.notes.append(f"integrity_check: {result[:3]}")
    finally:
        store.close()
    return checks


# --- a run -----------------------------------------------------------------------------------


@dataclass
class Figures:
    engine: str
    editors: int
    seconds: float
    edits: int
    edits_per_second: float
    p50_ms: float
    p95_ms: float
    conflicts: int
    retries: int
    #: kind of edit → (p50, p95) in milliseconds.
    kinds: dict
    errors: list[str]
    checks: Checks
    #: What the run prepared and each editor's log (to check again, in tests).
    layout: dict = field(default_factory=dict)
    results: list = field(default_factory=list)


def _figures(engine: str, editors: int, seconds: float, results: list[dict],
             checks: Checks, layout: dict) -> Figures:
    latencies = sorted(x for r in results for x in r["latencies"])
    edits = sum(len(r["acks"]) for r in results)

    def quantile(q):
        if not latencies:
            return 0.0
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000

    return Figures(engine, editors, seconds, edits, edits / seconds if seconds else 0.0,
                   round(statistics.median(latencies) * 1000, 2) if latencies else 0.0,
                   round(quantile(0.95), 2), sum(r["conflicts"] for r in results),
                   sum(r.get("retries", 0) for r in results), _by_kind(results),
                   [e for r in results for e in r["errors"]], checks, layout, results)


def _by_kind(results: list[dict]) -> dict:
    merged: dict[str, list[float]] = {}
    for result in results:
        for kind, values in result.get("by_kind", {}).items():
            merged.setdefault(kind, []).extend(values)
    out = {}
    for kind, values in merged.items():
        values.sort()
        out[kind] = (round(statistics.median(values) * 1000, 1),
                     round(values[min(len(values) - 1, int(0.95 * len(values)))] * 1000, 1))
    return out


def run_editors(url: str, editors: int, seconds: float, folder: Path) -> Figures:
    """Prepare the plan, run ``editors`` processes for ``seconds``, verify, measure."""
    layout = prepare(url)
    start_at = time.time() + 2.0 + 0.3 * editors  # every process imported and connected
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}
    procs = []
    for number in range(editors):
        out = folder / f"editor-{number}.json"
        procs.append((out, subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--editor", str(number),
             "--url", url, "--start-at", repr(start_at), "--seconds", str(seconds),
             "--layout", json.dumps(layout), "--out", str(out)], env=env)))
    results = []
    for out, proc in procs:
        proc.wait(timeout=seconds + 120 + 0.3 * editors)
        if proc.returncode != 0 or not out.exists():
            results.append({"editor": -1, "acks": [], "latencies": [], "conflicts": 0,
                            "errors": [f"an editor process ended with {proc.returncode}"]})
            continue
        results.append(json.loads(out.read_text()))
    checks = verify(url, layout, results)
    engine = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    return _figures(engine, editors, seconds, results, checks, layout)


def run_sqlite(path: Path, seconds: float) -> Figures:
    """One writer on a SQLite file, in this process."""
    url = str(path)
    layout = prepare(url)
    result = editor(url, 0, time.time(), seconds, layout)
    return _figures("SQLite", 1, seconds, [result], verify(url, layout, [result]), layout)


def table(figures: list[Figures]) -> str:
    head = ["", *[f"{f.engine}, {f.editors} editor{'s' if f.editors > 1 else ''}"
                  for f in figures]]
    rows = [
        ("seconds", [f"{f.seconds:g}" for f in figures]),
        ("edits per second", [f"{f.edits_per_second:.1f}" for f in figures]),
        ("p50 commit latency (ms)", [f"{f.p50_ms:.1f}" for f in figures]),
        ("p95 commit latency (ms)", [f"{f.p95_ms:.1f}" for f in figures]),
        *((f"  {kind} p50 / p95 (ms)", [
            "{:.0f} / {:.0f}".format(*f.kinds[kind]) if kind in f.kinds else "-"
            for f in figures]) for kind in ("type", "add", "move", "delete", "undo")),
        ("conflicts detected", [str(f.conflicts) for f in figures]),
        ("edits run again (retries)", [str(f.retries) for f in figures]),
        ("acknowledged edits checked", [str(f.checks.acknowledged) for f in figures]),
        ("acknowledged edits lost", [str(len(f.checks.lost)) for f in figures]),
        ("positions 0..n-1", ["yes" if f.checks.positions_ok else "NO" for f in figures]),
        ("integrity", ["yes" if f.checks.integrity_ok else "NO" for f in figures]),
        ("failed edits", [str(len(f.errors)) for f in figures]),
    ]
    widths = [max(len(r[0]) for r in rows)] + [max(len(h), 12) for h in head[1:]]
    lines = ["  ".join(h.rjust(w) if i else h.ljust(w) for i, (h, w) in
                       enumerate(zip(head, widths)))]
    for label, cells in rows:
        lines.append("  ".join([label.ljust(widths[0]),
                                *(c.rjust(w) for c, w in zip(cells, widths[1:]))]))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--editors", type=int, default=20)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--editor", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--start-at", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--layout", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.editor is not None:  # one editor's process
        result = editor(args.url, args.editor, args.start_at, args.seconds,
                        json.loads(args.layout))
        args.out.write_text(json.dumps(result))
        return 0
    if args.seconds <= 0 or args.editors < 1:
        print("--seconds must be above 0 and --editors at least 1.", file=sys.stderr)
        return 2

    from tests.pg import find_bin, new_database, start_cluster

    if find_bin() is None:
        print("skipped: PostgreSQL is not installed (apt-get install postgresql), so there is "
              "no server to load")
        return 0
    try:
        cluster = start_cluster()
    except BaseException as exc:  # pytest.skip's exception: the reason is its message
        if type(exc).__name__ != "Skipped":
            raise
        print(f"skipped: {exc}")
        return 0
    try:
        with tempfile.TemporaryDirectory(prefix="lcteam-") as folder:
            folder = Path(folder)
            print(f"{args.editors} editors on PostgreSQL ({cluster.bin.parent.name}) for "
                  f"{args.seconds:g} s, then 1 writer on SQLite …", flush=True)
            server = run_editors(cluster.url(new_database(cluster)), args.editors,
                                 args.seconds, folder)
            single = run_sqlite(folder / "single.lcplan", max(2.0, args.seconds / 4))
    finally:
        cluster.stop()
        import shutil

        shutil.rmtree(cluster.folder, ignore_errors=True)
    print(table([server, single]))
    for figures in (server, single):
        for line in [*figures.checks.lost[:10], *figures.checks.notes[:10],
                     *figures.errors[:10]]:
            print(f"  {figures.engine}: {line}")
    if args.json:
        args.json.write_text(json.dumps([{
            "engine": f.engine, "editors": f.editors, "seconds": f.seconds,
            "edits": f.edits, "edits_per_second": round(f.edits_per_second, 1),
            "p50_ms": f.p50_ms, "p95_ms": f.p95_ms, "conflicts": f.conflicts,
            "retries": f.retries, "by_kind_ms": f.kinds,
            "acknowledged": f.checks.acknowledged, "lost": len(f.checks.lost),
            "positions_ok": f.checks.positions_ok, "integrity_ok": f.checks.integrity_ok,
            "failed_edits": len(f.errors)} for f in (server, single)], indent=2))
    ok = all(f.checks.ok and not f.errors for f in (server, single))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
