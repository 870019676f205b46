"""Benchmark: importing huge papers, and each seed from text, Word and PDF, beside a read floor.

    python tests/bench/bench_import_size.py [--sizes 1,10,17] [--timeout 60] [--no-seeds]

Each measurement runs in a fresh process (so peak memory is its own, from ``wait4``):

* floor: merely read the file (bytes, decoded);
* reader: the reader layer (the text reader's decode and checks, and its blocks);
* import: reader, recogniser and building the unsaved plan (what ``import --dry-run`` does
  before it prints);
* store: the whole ``lcplanner import`` into a new store (the plan written and committed).

The huge papers are generated plans (numbered portfolios, priorities, lettered outputs) of
1, 10 and ~17 MB; a 100 MB one is shown to be refused at once (over the 20 MB limit). For each
seed, its text, and the Word and PDF our own writers make from its plan, are read and imported.
A run that passes ``--timeout`` seconds is stopped and shown as such. Nothing is asserted.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

_WORDS = ("housing transport skills waste parks care health libraries culture finance "
          "planning roads youth safety energy water").split()
#: Sixteen portfolios, as a large plan has; a huge paper has many priorities in each (fewer
#: than a thousand, so every number stays three digits wide, as papers number them).
_PORTFOLIOS = ("Finance and Performance", "Housing and Planning", "Transport and Environment",
               "Health and Social Care", "Children and Young People", "Crime and Public Protection",
               "Culture and Tourism", "Skills and Employment", "Climate Resilience",
               "Digital Services", "Equalities and Inclusion", "Grants and Voluntary Sector",
               "Fire and Emergency Planning", "Libraries and Archives",
               "Waste and Street Cleansing", "Economic Development")

_STAGES = {
    "floor": "open(PATH, 'rb').read().decode('utf-8', 'replace')",
    "reader": "from lcplanner.importers.source import read_blocks\n"
              "from lcplanner.importers.blocks import blocks_to_text\n"
              "blocks_to_text(read_blocks(PATH))",
    "import": "from lcplanner.importers.source import read_paper\n"
              "from lcplanner.importers.errors import PaperImportError\n"
              "try:\n    read_paper(PATH)\nexcept PaperImportError as e:\n"
              "    print('refused:', e)",
    "store": "import os, sys\nfrom lcplanner.cli import main\n"
             "out = PATH + '.lcplan'\n"
             "code = main(['import', PATH, '--into', out])\n"
             "os.path.exists(out) and os.remove(out)",
}


def make_paper(path: Path, megabytes: float) -> Path:
    """A generated plan of about ``megabytes`` MB: sixteen portfolios, each with an equal share
    of numbered priorities (title, outcome, eight lettered outputs), written line by line."""
    target = int(megabytes * 2**20)
    per = target // len(_PORTFOLIOS)
    with open(path, "w", encoding="utf-8") as out:
        size = out.write("Business Plan 2025/26\n\nWhat each portfolio will deliver this year.\n\n")
        for p, name in enumerate(_PORTFOLIOS, 1):
            size += out.write(f"{p}. {name}\n\n")
            end, q = size + per, 0
            while size < end:
                q += 1
                topic = _WORDS[q % 16]
                size += out.write(f"{q} Improve how the councils deliver {topic} work in round "
                                  f"{q}\n\nOutcome: Residents see the {topic} work of round {q} "
                                  "delivered on time, to the standard agreed with member "
                                  "councils, with progress reported to the portfolio holder "
                                  "every quarter and problems raised early.\n\n")
                for r in range(8):
                    size += out.write(f"   {'abcdefgh'[r]}. Publish report {r + 1} on the "
                                      f"{topic} work of round {q}, with the evidence and the "
                                      "costs agreed by officers\n")
                size += out.write("\n")
    return path


def measure(stage: str, path: Path, timeout: float) -> tuple[str, str, str]:
    """(seconds, peak MB, note) of one stage on one file, in a fresh process."""
    code = f"PATH = {str(path)!r}\n" + _STAGES[stage]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            os.wait4(proc.pid, 0)
            return f">{timeout:.0f}", "-", "stopped"
        time.sleep(0.02)
    elapsed = time.perf_counter() - start
    out = (proc.stdout.read() + proc.stderr.read()).strip().splitlines()
    note = out[-1][:70] if out else ""
    return f"{elapsed:.2f}", f"{usage.ru_maxrss / 1024:.0f}", note


def _table(rows: list[tuple[str, ...]], head: tuple[str, ...]) -> str:
    widths = [max(len(str(r[k])) for r in rows + [head]) for k in range(len(head))]
    line = lambda r: "  ".join(str(c).ljust(w) for c, w in zip(r, widths))  # noqa: E731
    return "\n".join([line(head), line(tuple("-" * w for w in widths))] + [line(r) for r in rows])


def seed_files(folder: Path) -> list[tuple[str, str, Path]]:
    """(seed, format, path): each seed's text, and Word and PDF made from its imported plan."""
    from lcplanner.compose import compose
    from lcplanner.importers.source import read_paper
    from lcplanner.writers.docx_writer import write_docx
    from lcplanner.writers.pdf_writer import write_pdf
    from tests.support import SEEDS

    out = []
    for seed in sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []:
        prefix = seed.name[:3]
        document = compose(read_paper(seed).plan, "committee-paper")
        write_docx(document, folder / f"{prefix}.docx")
        write_pdf(document, folder / f"{prefix}.pdf")
        out += [(prefix, "text", seed), (prefix, "Word", folder / f"{prefix}.docx"),
                (prefix, "PDF", folder / f"{prefix}.pdf")]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,17")
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--no-seeds", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rows = []
        for mb in [float(s) for s in args.sizes.split(",")] + [100.0]:
            path = folder / f"paper_{mb:g}mb.txt"
            if mb > 20:
                with open(path, "wb") as handle:  # sparse: the size is all the check reads
                    handle.truncate(int(mb * 2**20))
            else:
                make_paper(path, mb)
            size = f"{path.stat().st_size / 2**20:.1f}"
            for stage in ("floor", "reader", "import", "store"):
                if mb > 20 and stage == "floor":
                    continue
                rows.append((size, stage, *measure(stage, path, args.timeout)))
        print("Huge text papers (seconds, peak resident MB, fresh process each)")
        print(_table(rows, ("MB", "stage", "seconds", "peak MB", "last line of output")))
        if args.no_seeds:
            return
        rows = []
        for prefix, fmt, path in seed_files(folder):
            floor = measure("floor", path, args.timeout)
            reader = measure("reader", path, args.timeout)
            full = measure("import", path, args.timeout)
            rows.append((prefix, fmt, f"{path.stat().st_size / 1024:.0f}", floor[0], reader[0],
                         full[0], full[1], full[2] or "imported"))
        print()
        print("Seeds from text, and from the Word and PDF our writers make of them")
        print(_table(rows, ("seed", "format", "KB", "read s", "reader s", "import s",
                            "peak MB", "result")))


if __name__ == "__main__":
    main()
