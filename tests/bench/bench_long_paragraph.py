"""A single huge paragraph in Word and PDF, beside each other (issue: a long paragraph must not
cost the square of its length). Run: python tests/bench/bench_long_paragraph.py [MB ...]"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path


def measure(size: int) -> tuple[float, float]:
    from lcplanner.compose import ir
    from lcplanner.writers.docx_writer import write_docx
    from lcplanner.writers.pdf_writer import write_pdf

    sentence = "The councils agree a shared programme of housing and transport work. "
    text = (sentence * (size // len(sentence) + 1))[:size]
    doc = ir.Document("Long", [ir.Heading("A long paragraph", 1), ir.Paragraph.of(text)],
                      kind="plan")
    folder = Path(tempfile.mkdtemp())
    start = time.perf_counter()
    write_docx(doc, folder / "long.docx")
    word = time.perf_counter() - start
    start = time.perf_counter()
    write_pdf(doc, folder / "long.pdf")
    return word, time.perf_counter() - start


def main(argv: list[str]) -> int:
    sizes = [float(a) for a in argv] or [0.1, 0.5, 1.0]
    measure(10_000)  # fonts and template loaded once, as in a running editor
    print(f"{'paragraph':>10}{'Word':>9}{'PDF':>9}{'PDF/Word':>10}{'PDF s/MB':>10}")
    for mb in sizes:
        word, pdf = measure(int(mb * 1_000_000))
        print(f"{mb:>8.1f}MB{word:>8.2f}s{pdf:>8.2f}s{pdf / word:>9.1f}×{pdf / mb:>9.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
