"""Benchmark: exporting the 2020/21 committee paper to Word, against a floor from the same run.

    python tests/bench/bench_docx.py [--repeat N]

The floor is python-docx writing the same paragraphs (the IR's plain text, one paragraph per
line) with no logic at all: no styles looked up, no lists, no tables, no properties. The export
is ``write_docx`` on the composed paper (composing is timed separately). When pandoc is on PATH
it converts the same text as Markdown to .docx, for comparison. Uses seed 000 through the
importer when both are present, else the sample plan scaled up to a similar size.
Best-of-N timings; no limits are asserted (this is not a test).
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import docx

from lcplanner.compose import compose_committee_paper
from lcplanner.writers.docx_writer import write_docx

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.support import SEEDS  # noqa: E402


def load_plan():
    seeds = sorted(SEEDS.glob("000_*.txt")) if SEEDS.is_dir() else []
    try:
        from lcplanner.importers.paper_text import parse_paper
    except ImportError:
        parse_paper = None
    if seeds and parse_paper is not None:
        return parse_paper(seeds[0].read_text(encoding="utf-8")), f"seed {seeds[0].name}"
    from lcplanner.domain.model import Output, Portfolio, Priority
    from lcplanner.sample import build_sample_plan

    plan = build_sample_plan()
    for n in range(7):  # to about 11 portfolios, 33 priorities, 145 outputs
        portfolio = Portfolio(name=f"Portfolio {n + 5}", holder="Cllr A", shadow_holder="Cllr B")
        for q in range(4):
            priority = Priority(title=f"Priority {q + 1} of portfolio {n + 5}",
                                outcome="An outcome statement of a sentence or two. " * 2)
            for o in range(5):
                priority.outputs.append(Output(text=f"Output {o + 1}: " + "words " * 25))
            portfolio.priorities.append(priority)
        plan.portfolios.append(portfolio)
    return plan, "sample plan, scaled up"


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args(argv)
    plan, source = load_plan()
    doc = compose_committee_paper(plan)
    lines = doc.plain_text().split("\n")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)

        def floor():
            document = docx.Document()
            for line in lines:
                document.add_paragraph(line)
            document.save(str(out / "floor.docx"))

        def export():
            write_docx(doc, out / "paper.docx")

        def compose_and_export():
            write_docx(compose_committee_paper(plan), out / "paper2.docx")

        floor()
        export()  # warm caches (imports, template read) before timing
        t_floor = best(floor, args.repeat)
        t_export = best(export, args.repeat)
        t_compose = best(lambda: compose_committee_paper(plan), args.repeat)
        t_both = best(compose_and_export, args.repeat)
        print(f"source: {source}; {len(lines)} paragraphs of text, "
              f"{sum(map(len, lines))} characters")
        print(f"floor (raw python-docx, same paragraphs): {t_floor * 1000:8.1f} ms")
        print(f"write_docx (styles, lists, tables):       {t_export * 1000:8.1f} ms  "
              f"ratio {t_export / t_floor:.2f}x")
        print(f"compose only:                             {t_compose * 1000:8.1f} ms")
        print(f"compose + write_docx:                     {t_both * 1000:8.1f} ms  "
              f"ratio {t_both / t_floor:.2f}x")
        pandoc = shutil.which("pandoc")
        if pandoc:
            source_md = out / "paper.md"
            source_md.write_text("\n\n".join(lines), encoding="utf-8")

            def run_pandoc():
                subprocess.run([pandoc, str(source_md), "-o", str(out / "pandoc.docx")],
                               check=True)

            t_pandoc = best(run_pandoc, max(3, args.repeat // 3))
            print(f"pandoc (Markdown → docx, same text):      {t_pandoc * 1000:8.1f} ms  "
                  f"ratio {t_pandoc / t_floor:.2f}x")
        else:
            print("pandoc: not installed; skipped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
