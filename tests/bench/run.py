"""One benchmark command: every figure beside a floor measured in the same run.

    python tests/bench/run.py [--quick] [--json FILE]

Parts (each in its own process, so peak memory is per part):
  startup   start to first paint of the editor on the 2020/21 plan, and to the first paint with
            the plan's tree in it, vs a bare PySide6 window
  editor    open and filter a store of 50,000 outputs, vs a bare QTreeWidget (bench_editor.py)
  import    importing seed 000, vs reading the file and inserting as many rows with sqlite3
  export    Word and PDF of the 2020/21 plan and of a plan 100x its size, vs raw python-docx /
            reportlab writing the same paragraphs (growth should be linear)
Prints a table, then the JSON (also written to --json FILE). Needs ../shared/seeds for the
2020/21 plan. Timings are best of a few rounds; the machine is shared, so read the ratios.
--quick uses 10x instead of 100x and 5,000 outputs, for a smoke run.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(ROOT), str(HERE)]

from tests.support import SEEDS  # noqa: E402


def seed_000() -> Path:
    found = sorted(SEEDS.glob("000_*.txt")) if SEEDS.is_dir() else []
    if not found:
        sys.exit(f"seed 000 is needed for the benchmark ({SEEDS} absent)")
    return found[0]


def best(fn, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def load_plan():
    from lcplanner.importers.paper_text import parse_paper, read_source

    path = seed_000()
    return parse_paper(read_source(path), source_name=path.name)


def scaled_plan(factor: int):
    """The 2020/21 plan with its portfolios repeated ``factor`` times (fresh objects each)."""
    plan = load_plan()
    for _ in range(factor - 1):
        for portfolio in list(load_plan().portfolios):
            plan.portfolios.append(portfolio)
    return plan


# --- parts -----------------------------------------------------------------------------------


def part_startup(args) -> dict:
    """Measured from before the child process starts to the window's first paint."""
    with tempfile.TemporaryDirectory() as folder:
        store_path = Path(folder) / "plan.lcplan"
        from lcplanner.cli import main as cli

        with open(os.devnull, "w") as quiet:
            stdout, sys.stdout = sys.stdout, quiet
            try:
                cli(["import", str(seed_000()), "--into", str(store_path)])
            finally:
                sys.stdout = stdout
        results = {}
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LCPLANNER_DATA=folder)
        # An installed lcplanner has its bytecode compiled at install (pip does it): time the
        # start, not the compiler. The first round of each mode writes the cache.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        for mode in ("bare", "editor", "loaded"):
            runs = []
            for _ in range(args.rounds):
                start = time.perf_counter()
                out = subprocess.run([sys.executable, str(HERE / "startup_child.py"), mode,
                                      str(store_path)], capture_output=True, text=True, env=env,
                                     check=True)
                assert out.stdout.strip() == "painted", out.stdout + out.stderr
                runs.append(time.perf_counter() - start)
            results[mode] = min(runs)
    return {"first_paint": {"value_s": results["editor"], "floor_s": results["bare"]},
            "store_shown": {"value_s": results["loaded"], "floor_s": results["bare"]}}


def part_editor(args) -> dict:
    outputs = 5_000 if args.quick else 50_000
    out = subprocess.run([sys.executable, str(HERE / "bench_editor.py"), "--outputs",
                          str(outputs), "--json"], capture_output=True, text=True, check=True,
                         env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    data = json.loads(out.stdout.strip().splitlines()[-1])
    return {f"open {outputs:,} outputs": {"value_s": data["open"]["editor_s"],
                                           "floor_s": data["open"]["floor_s"]},
            f"filter {outputs:,} outputs": {"value_s": data["filter"]["editor_s"],
                                             "floor_s": data["filter"]["floor_s"]}}


def part_import(args) -> dict:
    import sqlite3

    from lcplanner.domain.counts import count_plan
    from lcplanner.importers.paper_text import parse_paper, read_source
    from lcplanner.store.engine import open_store

    path = seed_000()
    rows = sum(count_plan(load_plan()).values())

    with tempfile.TemporaryDirectory() as folder:
        def ours():
            target = Path(folder) / f"ours-{time.perf_counter_ns()}.lcplan"
            store = open_store(target)
            with store.transaction() as session:
                session.add(parse_paper(read_source(path), source_name=path.name))
            store.close()

        def floor():
            text = path.read_text(encoding="utf-8")
            lines = [line.strip() for line in text.splitlines() if line.strip()]
            conn = sqlite3.connect(Path(folder) / f"floor-{time.perf_counter_ns()}.db")
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, parent INT, pos INT, body TEXT)")
            with conn:
                conn.executemany("INSERT INTO t (parent, pos, body) VALUES (?, ?, ?)",
                                 [(i // 5, i % 5, lines[i % len(lines)]) for i in range(rows)])
            conn.close()

        ours()
        floor()
        return {"import seed 000 (new store)": {"value_s": best(ours, args.rounds),
                                                "floor_s": best(floor, args.rounds)}}


def part_export(args) -> dict:
    import docx

    from bench_pdf import floor_pdf
    from lcplanner.compose import compose
    from lcplanner.writers.docx_writer import write_docx
    from lcplanner.writers.pdf_writer import write_pdf

    factor = 10 if args.quick else 100
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        for label, plan, rounds in (("2020/21 plan", load_plan(), args.rounds),
                                    (f"{factor}x plan", scaled_plan(factor), 1)):
            doc = compose(plan, "plan")
            lines = doc.plain_text().split("\n")

            def word_floor():
                document = docx.Document()
                for line in lines:
                    document.add_paragraph(line)
                document.save(str(out / "floor.docx"))

            word_floor() if rounds > 1 else None
            results[f"Word, {label}"] = {
                "value_s": best(lambda: write_docx(compose(plan, "plan"), out / "p.docx"),
                                rounds),
                "floor_s": best(word_floor, rounds)}
            results[f"PDF, {label}"] = {
                "value_s": best(lambda: write_pdf(compose(plan, "plan"), out / "p.pdf"),
                                rounds),
                "floor_s": best(lambda: floor_pdf(doc, str(out / "floor.pdf")), rounds)}
    for kind in ("Word", "PDF"):
        small, big = results[f"{kind}, 2020/21 plan"], results[f"{kind}, {factor}x plan"]
        big["growth"] = round(big["value_s"] / small["value_s"] / factor, 2)
    return results


PARTS = {"startup": part_startup, "editor": part_editor, "import": part_import,
         "export": part_export}


def run_part(name: str, args) -> tuple[dict, int]:
    """Run one part in a child process; return its figures and its peak memory in KiB."""
    command = [sys.executable, str(Path(__file__).resolve()), "--part", name,
               "--rounds", str(args.rounds)] + (["--quick"] if args.quick else [])
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    stdout = proc.stdout.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"benchmark part {name} failed (exit {proc.returncode})")
    return json.loads(stdout.strip().splitlines()[-1]), usage.ru_maxrss


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=sorted(PARTS))
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", metavar="FILE")
    args = parser.parse_args(argv)
    if args.part:
        print(json.dumps(PARTS[args.part](args)))
        return 0

    table, memory = {}, {}
    for name in PARTS:
        print(f"running {name}…", file=sys.stderr, flush=True)
        figures, peak_kib = run_part(name, args)
        table.update(figures)
        memory[name] = round(peak_kib / 1024, 1)
    for row in table.values():
        row["ratio"] = round(row["value_s"] / row["floor_s"], 2)
    width = max(map(len, table)) + 2
    print(f"{'measure':<{width}}{'lcplanner':>11}{'floor':>11}{'ratio':>8}{'growth':>8}")
    for name, row in table.items():
        growth = f"{row['growth']:.2f}" if "growth" in row else ""
        print(f"{name:<{width}}{row['value_s']:>10.3f}s{row['floor_s']:>10.3f}s"
              f"{row['ratio']:>7.2f}x{growth:>8}")
    print("peak memory (MiB): " + ", ".join(f"{k} {v}" for k, v in memory.items()))
    print("growth = (time for the big plan / time for 2020/21) / size factor; 1.00 is linear")
    report = {"figures": table, "peak_memory_mib": memory, "quick": args.quick}
    print(json.dumps(report))
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
