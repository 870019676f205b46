"""Every seed and fixture paper: its counts, its coverage, and how long importing it takes.

    python tests/bench/bench_import_papers.py [--rounds N] [--json FILE]

For each paper (the three seeds from ../shared/seeds when present, the eight text fixtures of
tests/fixtures/family, and the Word and PDF fixtures that tests/fixtures/make_docx.py writes),
and for each seed also as Word and as PDF (the seed imported, then exported as a committee
paper by lcplanner's own writers: a structured file of that paper), prints:

  counts      what the recogniser found (portfolios, priorities, outputs, themes, …)
  coverage    share of the source's words present in the plan, and of its sentences stored
              whole (page furniture excluded), as ``lcplanner import --dry-run`` prints them
  read        the floor: merely reading the file (text decoded; Word paragraphs and tables
              walked with python-docx; PDF text extracted with pdfplumber)
  import      reading and recognising it into a plan (lcplanner.importers.source.read_paper)

Timings are the best of --rounds in this process; the machine is shared, so read the ratio
import/read, measured in the same run, rather than the seconds.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(ROOT)]

from lcplanner.domain.counts import count_plan  # noqa: E402
from lcplanner.importers.errors import PaperImportError  # noqa: E402
from lcplanner.importers.source import SourceKind, read_paper, source_kind  # noqa: E402
from tests.support import FIXTURES, SEEDS  # noqa: E402

SHOWN = ("portfolios", "priorities", "outputs", "themes", "objectives", "milestones",
         "pledges", "work_areas", "recommendations")


def read_floor(path: Path) -> None:
    """Only read the file, as the cheapest honest reader of its format would."""
    kind = source_kind(path)
    if kind == SourceKind.DOCX:
        import docx

        document = docx.Document(str(path))
        _ = [p.text for p in document.paragraphs]
        _ = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    elif kind == SourceKind.PDF:
        import pdfplumber

        with pdfplumber.open(str(path)) as pdf:
            _ = [page.extract_text() for page in pdf.pages]
    else:
        path.read_bytes().decode("utf-8", errors="replace")


def best(fn, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def papers(work: Path) -> list[tuple[str, Path]]:
    found: list[tuple[str, Path]] = []
    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    for seed in seeds:
        found.append((f"seed {seed.name[:3]} (text)", seed))
    for text in sorted((FIXTURES / "family").glob("*.txt")):
        found.append((f"{text.stem} (text)", text))
    sys.path.insert(0, str(FIXTURES))
    import make_docx  # tests/fixtures/make_docx.py

    for name in ("riverside", "northfield", "harbour"):
        found.append((f"{name} (Word)", getattr(make_docx, f"make_{name}")(work / f"{name}.docx")))
    found.append(("fenwick (PDF)", make_docx.make_fenwick_pdf(work / "fenwick.pdf")))
    from lcplanner.compose import compose
    from lcplanner.writers.docx_writer import write_docx
    from lcplanner.writers.pdf_writer import write_pdf

    for seed in seeds:
        document = compose(read_paper(seed).plan, "committee-paper")
        word, pdf = work / f"{seed.name[:3]}.docx", work / f"{seed.name[:3]}.pdf"
        write_docx(document, word)
        write_pdf(document, pdf)
        found += [(f"seed {seed.name[:3]} (Word export)", word),
                  (f"seed {seed.name[:3]} (PDF export)", pdf)]
    return found


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for label, path in papers(Path(tmp)):
            try:
                read = read_paper(path)
            except PaperImportError as err:  # said in the table, not hidden
                rows.append({"paper": label, "refused": str(err)})
                continue
            counts = count_plan(read.plan)
            cover = read.coverage()
            floor = best(lambda: read_floor(path), args.rounds)
            took = best(lambda: read_paper(path), args.rounds)
            rows.append({"paper": label, "counts": {k: counts[k] for k in SHOWN},
                         "words": round(cover.words_share * 100, 1),
                         "sentences": round(cover.sentences_share * 100, 1),
                         "furniture": len(read.furniture) + len(read.text_furniture),
                         "read_s": round(floor, 6), "import_s": round(took, 6),
                         "ratio": round(took / floor, 1) if floor else None})
    head = ["paper", *(k[:5] for k in SHOWN), "words%", "sent%", "furn", "read ms", "import ms",
            "x read"]
    print(" | ".join(head))
    for row in rows:
        if "refused" in row:
            print(f"{row['paper']} | refused: {row['refused']}")
            continue
        print(" | ".join([row["paper"], *(str(row["counts"][k]) for k in SHOWN),
                          f"{row['words']}", f"{row['sentences']}", str(row["furniture"]),
                          f"{row['read_s'] * 1000:.1f}", f"{row['import_s'] * 1000:.1f}",
                          str(row["ratio"])]))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
