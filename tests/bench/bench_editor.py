"""Editor benchmark: open and filter a store of 50,000 outputs, beside a floor.

The floor is measured in the same run: a bare PySide6 window with a QTreeWidget holding the same
rows, filled from a plain SELECT, and filtered by hiding non-matching items. Each ratio is
given in wall-clock time and in this process's processor time (on a shared machine the
first swings with the load). Run it as a script (it is not collected by pytest):

    python tests/bench/bench_editor.py [--outputs 50000] [--json]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

WORDS = ("funding", "housing", "transport", "skills", "health", "climate", "digital", "safety",
         "procurement", "workforce", "evidence", "lobbying", "pensions", "waste", "planning")


def build_store(path: Path, outputs: int) -> None:
    """One plan, 20 portfolios, 25 priorities each, outputs spread evenly, in bulk inserts."""
    from sqlalchemy import insert

    from lcplanner.domain import model as m
    from lcplanner.store.engine import open_store

    rng = random.Random(7)
    store = open_store(path)
    portfolios, per_portfolio = 20, 25
    per_priority = max(1, outputs // (portfolios * per_portfolio))
    with store.transaction() as session:
        plan = m.Plan(title="Business Plan (benchmark)", period="2030/31")
        plan.ensure_default_statuses()
        session.add(plan)
        session.flush()
        statuses = [s.id for s in plan.statuses]
        session.execute(insert(m.Portfolio), [
            {"id": p + 1, "plan_id": plan.id, "position": p, "name": f"Portfolio {p + 1}"}
            for p in range(portfolios)])
        session.execute(insert(m.Priority), [
            {"id": p * per_portfolio + q + 1, "portfolio_id": p + 1, "position": q,
             "title": f"Priority {p + 1}.{q + 1} on {rng.choice(WORDS)}",
             "outcome": f"Councils see better {rng.choice(WORDS)}."}
            for p in range(portfolios) for q in range(per_portfolio)])
        rows, next_id = [], 1
        for priority in range(1, portfolios * per_portfolio + 1):
            for o in range(per_priority):
                rows.append({"id": next_id, "priority_id": priority, "position": o,
                             "text": f"Deliver {rng.choice(WORDS)} work item {next_id} with "
                                     f"{rng.choice(WORDS)} partners",
                             "status_id": rng.choice(statuses)})
                next_id += 1
        session.execute(insert(m.Output), rows)
    store.close()


#: Processor seconds of this process per timed step (the machine may be shared: wall-clock
#: ratios then swing with the load, processor-time ratios much less).
CPU: dict[str, float] = {}


def timed(fn, name: str = ""):
    start, cpu = time.perf_counter(), time.process_time()
    result = fn()
    if name:
        CPU[name] = time.process_time() - cpu
    return time.perf_counter() - start, result


def floor_open(app, path: Path):
    """Bare PySide6: a QTreeWidget of the same rows from plain SELECTs, shown and painted."""
    import sqlite3

    from PySide6.QtWidgets import QMainWindow, QTreeWidget, QTreeWidgetItem

    conn = sqlite3.connect(path)
    window = QMainWindow()
    tree = QTreeWidget()
    tree.setHeaderHidden(True)
    tree.setUniformRowHeights(True)
    window.setCentralWidget(tree)
    items = {}
    for pid, title in conn.execute("SELECT id, title FROM plans"):
        items[("plan", pid)] = QTreeWidgetItem([title])
        tree.addTopLevelItem(items[("plan", pid)])
    for table, kind, parent_kind, fk, col in (
            ("portfolios", "portfolio", "plan", "plan_id", "name"),
            ("priorities", "priority", "portfolio", "portfolio_id", "title"),
            ("outputs", "output", "priority", "priority_id", "text")):
        for row_id, parent_id, text in conn.execute(
                f"SELECT id, {fk}, {col} FROM {table} ORDER BY {fk}, position"):
            item = QTreeWidgetItem(items[(parent_kind, parent_id)], [text])
            items[(kind, row_id)] = item
    conn.close()
    tree.expandToDepth(1)
    window.resize(1200, 800)
    window.show()
    app.processEvents()
    window.grab()
    return window, tree


def floor_filter(app, window, tree, needle: str) -> int:
    """Hide every row that neither matches nor holds a match; show matches' ancestors."""
    shown = 0

    def visit(item) -> bool:
        nonlocal shown
        keep = needle in item.text(0).casefold()
        for i in range(item.childCount()):
            keep = visit(item.child(i)) or keep
        item.setHidden(not keep)
        shown += keep
        return keep

    for i in range(tree.topLevelItemCount()):
        visit(tree.topLevelItem(i))
    tree.expandAll()
    app.processEvents()
    window.grab()
    return shown


def floor_clear(app, window, tree) -> None:
    """Show every row again and go back to the opening view (plans and portfolios open)."""
    stack = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    while stack:
        item = stack.pop()
        item.setHidden(False)
        stack.extend(item.child(i) for i in range(item.childCount()))
    tree.collapseAll()
    tree.expandToDepth(1)
    app.processEvents()
    window.grab()


def editor_open(app, path: Path, settings):
    from lcplanner.store.engine import open_store
    from lcplanner.ui.main_window import MainWindow
    from lcplanner.ui.opening import Opened

    window = MainWindow(settings)
    window.resize(1200, 800)
    window.set_document(Opened(open_store(path)))
    window.show()
    app.processEvents()
    window.grab()
    return window


def editor_filter(app, window, needle: str) -> None:
    window.find_box.setText(needle)
    window._find_done()
    app.processEvents()
    window.grab()


def shown_rows(window) -> int:
    """Rows the filtered tree holds (counted outside the timing: the floor counts as it hides)."""
    count, stack = 0, [window.proxy.index(r, 0) for r in range(window.proxy.rowCount())]
    while stack:
        index = stack.pop()
        count += 1
        stack.extend(window.proxy.index(r, 0, index) for r in range(window.proxy.rowCount(index)))
    return count


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outputs", type=int, default=50_000)
    parser.add_argument("--needle", default="work item 4", help="text to filter by")
    parser.add_argument("--json", action="store_true", help="print JSON only")
    args = parser.parse_args(argv)

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from lcplanner.settings import Settings

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.lcplan"
        build_seconds, _ = timed(lambda: build_store(path, args.outputs))
        settings = Settings(QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat))
        needle = args.needle.casefold()

        floor_open_s, (floor_window, tree) = timed(lambda: floor_open(app, path), "floor open")
        floor_filter_s, floor_rows = timed(
            lambda: floor_filter(app, floor_window, tree, needle), "floor filter")
        floor_clear_s, _ = timed(lambda: floor_clear(app, floor_window, tree), "floor clear")
        floor_window.close()
        editor_open_s, window = timed(lambda: editor_open(app, path, settings), "editor open")
        editor_filter_s, _ = timed(lambda: editor_filter(app, window, needle), "editor filter")
        editor_rows = shown_rows(window)
        clear_s, _ = timed(lambda: editor_filter(app, window, ""), "editor clear")
        window.close()

    results = {
        "outputs": args.outputs, "store_build_s": round(build_seconds, 3), "needle": needle,
        "open": {"editor_s": round(editor_open_s, 3), "floor_s": round(floor_open_s, 3),
                 "ratio": round(editor_open_s / floor_open_s, 2)},
        "filter": {"editor_s": round(editor_filter_s, 3), "floor_s": round(floor_filter_s, 3),
                   "ratio": round(editor_filter_s / floor_filter_s, 2),
                   "editor_rows_shown": editor_rows, "floor_rows_shown": floor_rows},
        "clear": {"editor_s": round(clear_s, 3), "floor_s": round(floor_clear_s, 3),
                  "ratio": round(clear_s / floor_clear_s, 2)},
    }
    for name in ("open", "filter", "clear"):
        editor_cpu, floor_cpu = CPU[f"editor {name}"], CPU[f"floor {name}"]
        results[name].update({"editor_cpu_s": round(editor_cpu, 3),
                              "floor_cpu_s": round(floor_cpu, 3),
                              "cpu_ratio": round(editor_cpu / max(floor_cpu, 1e-6), 2)})
    if args.json:
        print(json.dumps(results))
        return 0
    print(f"store of {args.outputs:,} outputs built in {build_seconds:.2f} s")
    print(f"{'':18}{'editor':>10}{'floor':>10}{'ratio':>8}{'processor time ratio':>23}")
    for name in ("open", "filter", "clear"):
        r = results[name]
        print(f"{name:18}{r['editor_s']:>9.3f}s{r['floor_s']:>9.3f}s{r['ratio']:>7.2f}×"
              f"{r['cpu_ratio']:>22.2f}×")
    print(f"rows shown after filtering {needle!r}: editor {editor_rows}, floor {floor_rows}")
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
