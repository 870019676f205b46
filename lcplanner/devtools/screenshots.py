"""Render the editor to PNG files for review and for the README.

    python -m lcplanner.devtools.screenshots OUTDIR

Uses the 2020/21 seed paper (main window) and the Shared Ambitions seed (timeline) from
``../shared/seeds`` when present and importable, the sample plan otherwise. Offscreen: no
display needed.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def _plans():
    """(name, Plan) pairs to load: the seed papers if they import, else the sample plan."""
    from lcplanner.sample import build_sample_plan

    found = []
    try:
        from lcplanner.importers.paper_text import parse_paper, read_source

        for prefix in ("000", "002"):
            for path in sorted(SEEDS.glob(f"{prefix}_*.txt")):
                found.append((prefix, parse_paper(read_source(path), source_name=path.name)))
    except Exception as exc:  # noqa: BLE001 - screenshots still work from the sample
        print(f"seed papers not used ({exc}); showing the sample plan", file=sys.stderr)
        found = []
    return found or [("sample", build_sample_plan())]


def _select(window, kind, predicate=lambda index: True):
    from PySide6.QtCore import QModelIndex

    from lcplanner.ui.tree_model import Role

    proxy, stack = window.proxy, [QModelIndex()]
    while stack:
        parent = stack.pop(0)
        for row in range(proxy.rowCount(parent)):
            index = proxy.index(row, 0, parent)
            if index.data(Role.KIND) == kind and predicate(index):
                window.tree.setCurrentIndex(index)
                window.tree.scrollTo(index)
                return index
            stack.append(index)
    return None


def render(outdir: Path) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QModelIndex, QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from lcplanner.settings import Settings
    from lcplanner.store.engine import open_store
    from lcplanner.ui.main_window import MainWindow
    from lcplanner.ui.opening import Opened

    outdir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "screens.lcplan"
        store = open_store(path)
        with store.transaction() as session:
            for _name, plan in _plans():
                plan.ensure_default_statuses()
                session.add(plan)
        settings = Settings(QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat))
        window = MainWindow(settings)
        window.resize(1280, 800)
        window.set_document(Opened(store))
        window.show()

        def shot(name: str) -> None:
            for _ in range(3):
                app.processEvents()
            target = outdir / name
            window.grab().save(str(target))
            written.append(target)

        priority = _select(window, "priority")
        if priority is not None:
            window.tree.expand(priority)
            window.tree.expand(priority.parent())
        shot("editor-priority.png")
        output = _select(window, "output")
        if output is not None:
            window.tree.expand(output.parent())
        shot("editor-output.png")
        if _select(window, "milestone") is not None:
            shot("editor-milestone.png")
        window.find_box.setText("fund")
        window._find_done()
        shot("editor-find.png")
        window.find_box.clear()
        window._find_done()
        if window.timeline is not None:
            last_plan = window.proxy.index(window.proxy.rowCount(QModelIndex()) - 1, 0)
            window.tree.setCurrentIndex(last_plan)
            window.tabs.setCurrentWidget(window.timeline)
            shot("editor-timeline.png")
        review_shot(window, app, outdir, written)
        window.close()
    return written


def review_shot(window, app, outdir: Path, written: list[Path]) -> None:
    """File → Import's review dialog on the 2020/21 seed, one block corrected."""
    from lcplanner.ui.import_dialog import ImportPreview, parse_source

    source = next(iter(sorted(SEEDS.glob("000_*.txt"))), None)
    if source is None:
        return
    try:
        parsed = parse_source(source, lambda _stage: None)
    except Exception as exc:  # noqa: BLE001 - the other screenshots stand without it
        print(f"review dialog not shown ({exc})", file=sys.stderr)
        return
    dialog = ImportPreview(parsed, window)
    dialog.show()
    panel = dialog.panel
    row = next((k for k, b in enumerate(parsed.review.blocks) if b.role == "output"), 0)
    panel.table.selectRow(row)
    panel.set_role("priority")
    for _ in range(3):
        app.processEvents()
    target = outdir / "import-review.png"
    dialog.grab().save(str(target))
    written.append(target)
    dialog.reject()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    args = parser.parse_args(argv)
    for path in render(args.outdir):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
