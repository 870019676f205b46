"""Whole papers through the readers and the one recogniser: counts, nothing dropped, round trips.

The Word and PDF papers are made by ``tests/fixtures/make_docx.py`` (our own words, Word's own
styles and list numbering). The round trips export the sample plan and the three seeds to Word
and to PDF and read each file back: the same tree, texts, dates and order.
"""
from __future__ import annotations

import re

import pytest
from sqlalchemy import inspect

from lcplanner.domain.counts import count_plan
from lcplanner.importers.blocks import content_blocks
from lcplanner.importers.coverage import content_pieces
from lcplanner.importers.paper_text import describe
from lcplanner.importers.source import read_paper
from lcplanner.importers.tables import is_header_row

from tests.fixtures.make_docx import (make_fenwick_pdf, make_harbour, make_northfield,
                                      make_riverside)
from tests.support import seed_path

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
#: A typed list marker at the start of a line ("b.", "(iv)", "2.1"): a derived number, not stored.
_MARKER = re.compile(r"^\s*(?:\(?[a-z]{1,4}[.)]|\d+(?:\.\d+)*[.)]?)\s+", re.MULTILINE)


def plan_words(plan) -> set[str]:
    """Every word stored anywhere in the plan's tree (all text columns of all its rows)."""
    seen: set[int] = set()
    words: set[str] = set()
    stack = [plan]
    while stack:
        obj = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        mapper = inspect(obj).mapper
        for column in mapper.column_attrs:
            value = getattr(obj, column.key)
            if isinstance(value, str):
                words.update(w.casefold() for w in _WORD.findall(value))
        for rel in mapper.relationships:
            value = getattr(obj, rel.key)
            if value is None:
                continue
            stack.extend(value if isinstance(value, list) else [value])
    return words


def missing_words(read) -> list[tuple[str, list[str]]]:
    """(origin, words) of every content block with a word the plan does not hold.

    House-style labels ("Outcome:", "Theme 1:") are the organisation's, not the paper's
    content (DOMAIN.md): they are left out as the coverage measure leaves them out.
    """
    stored = plan_words(read.plan)
    rows: dict[tuple[int, int], list[str]] = {}
    for block in content_blocks(read.blocks):
        if block.in_table:
            rows.setdefault((block.table, block.table_row), []).append(block.text)
    out = []
    for block in content_blocks(read.blocks):
        if block.in_table and is_header_row(rows[(block.table, block.table_row)]):
            continue  # column headings are labels, as the coverage measure counts them
        text = " ".join(content_pieces(_MARKER.sub("", block.text)))
        lost = [w for w in _WORD.findall(text) if w.casefold() not in stored]
        if lost:
            out.append((block.origin, lost))
    return out


def _counts(read, keys):
    counts = count_plan(read.plan)
    return {k: counts[k] for k in keys}


# --- our own papers ----------------------------------------------------------------------------


def test_harbour_word_paper(tmp_path):
    read = read_paper(make_harbour(tmp_path / "paper.docx"))
    assert read.kind == "docx"
    assert _counts(read, ("portfolios", "priorities", "outputs", "themes",
                          "recommendations")) == {
        "portfolios": 2, "priorities": 3, "outputs": 7, "themes": 2, "recommendations": 3}
    plan = read.plan
    assert [o.text for o in plan.portfolios[0].priorities[1].outputs] == [
        "Open a shared business advice line", "Fund fifty start-up grants",
        "Run a procurement fair for local suppliers"]


def test_harbour_words_all_reach_the_plan(tmp_path):
    read = read_paper(make_harbour(tmp_path / "paper.docx"))
    assert missing_words(read) == []


def test_fenwick_pdf_paper(tmp_path):
    read = read_paper(make_fenwick_pdf(tmp_path / "paper.pdf"))
    assert read.kind == "pdf"
    assert _counts(read, ("portfolios", "priorities", "outputs")) == {
        "portfolios": 2, "priorities": 3, "outputs": 7}
    assert [b.text for b in read.furniture] == [
        "Fenwick District Council: Business Plan 2025/26", "Page 1 of 2",
        "Fenwick District Council: Business Plan 2025/26", "Page 2 of 2"]
    assert read.plan.portfolios[0].priorities[1].title == \
        "Modernise the way residents pay and claim"


def test_fenwick_words_all_reach_the_plan(tmp_path):
    """Every content word is stored, the organisation's line that opens the paper included
    (a plan with no committee header takes its organisation from the name over its title)."""
    read = read_paper(make_fenwick_pdf(tmp_path / "paper.pdf"))
    assert missing_words(read) == []
    assert read.coverage().words_share == 1.0


def test_riverside_word_paper(tmp_path):
    read = read_paper(make_riverside(tmp_path / "paper.docx"))
    assert _counts(read, ("portfolios", "priorities", "outputs", "sub_points")) == {
        "portfolios": 3, "priorities": 4, "outputs": 12, "sub_points": 5}
    assert missing_words(read) == []


def test_northfield_word_paper(tmp_path):
    read = read_paper(make_northfield(tmp_path / "paper.docx"))
    assert _counts(read, ("portfolios", "service_groups", "priorities")) == {
        "portfolios": 2, "service_groups": 5, "priorities": 10}
    assert missing_words(read) == []


def test_text_and_word_read_alike(tmp_path):
    """The same paper as text (what the Word reader renders) and as Word: the same plan."""
    docx = make_harbour(tmp_path / "paper.docx")
    from lcplanner.importers.blocks import blocks_to_text
    from lcplanner.importers.source import read_blocks

    text = tmp_path / "paper.txt"
    text.write_text(blocks_to_text(read_blocks(docx)), encoding="utf-8")
    assert describe(read_paper(text).plan) == describe(read_paper(docx).plan)


# --- round trips: export, import, compare -------------------------------------------------------


def _export(plan, fmt: str, path):
    from lcplanner.compose import compose

    document = compose(plan, "committee-paper")
    if fmt == "docx":
        from lcplanner.writers.docx_writer import write_docx

        write_docx(document, path)
    else:
        from lcplanner.writers.pdf_writer import write_pdf

        write_pdf(document, path)
    return path


def _portfolio_tree(plan):
    return [(pf.name, [(p.title, p.outcome, [o.text for o in p.outputs])
                       for p in pf.priorities]) for pf in plan.portfolios]


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_sample_plan_round_trip(tmp_path, fmt):
    from lcplanner.sample import build_sample_plan

    plan = build_sample_plan()
    back = read_paper(_export(plan, fmt, tmp_path / f"sample.{fmt}")).plan
    assert _portfolio_tree(back) == _portfolio_tree(plan)
    assert describe(back).splitlines()[2:] == describe(plan).splitlines()[2:]
    assert _milestones(back) == _milestones(plan)


def _milestones(plan):
    """Each milestone's name, text, dates, tags and status, objective by objective."""
    return [[(m.name, m.text or "", [d.text for d in m.dates], [t.title for t in m.tags],
              m.status.name if m.status else None) for m in o.milestones]
            for o in plan.objectives]


@pytest.mark.parametrize("fmt,prefix", [
    (fmt, prefix) for fmt in ("docx", "pdf") for prefix in ("000", "002", "003")])
def test_seed_round_trip(tmp_path, fmt, prefix):
    path = seed_path(prefix)
    plan = read_paper(path).plan
    back = read_paper(_export(plan, fmt, tmp_path / f"{prefix}.{fmt}")).plan
    assert count_plan(back) == count_plan(plan)
    assert describe(back).splitlines()[2:] == describe(plan).splitlines()[2:]


def test_seed_002_word_round_trip_gives_back_its_milestones_whole(tmp_path):
    """Names, texts, dates (as written), tags and statuses of all 26 milestones."""
    plan = read_paper(seed_path("002")).plan
    back = read_paper(_export(plan, "docx", tmp_path / "002.docx")).plan
    assert _milestones(back) == _milestones(plan)
    assert sum(len(m) for m in _milestones(back)) == 26


def test_seed_000_word_round_trip_gives_back_its_portfolios_exactly(tmp_path):
    """What the seed round trips already prove for seed 000's Word export: the same counts
    and the same portfolios, priorities, outcomes and outputs, in order."""
    plan = read_paper(seed_path("000")).plan
    back = read_paper(_export(plan, "docx", tmp_path / "000.docx")).plan
    assert count_plan(back) == count_plan(plan)
    assert _portfolio_tree(back) == _portfolio_tree(plan)
    assert [(pf.note, pf.holder) for pf in back.portfolios] == [
        (pf.note, pf.holder) for pf in plan.portfolios]


# --- files made by another producer (LibreOffice), as users' files are -------------------------


@pytest.mark.slow
@pytest.mark.parametrize("target", ["pdf", "docx:MS Word 2007 XML"])
def test_harbour_saved_by_libreoffice_reads_the_same(tmp_path, target):
    """LibreOffice rewrites the numbering and lays the pages out itself; the readers still
    find the same plan (its PDF's list labels come with tabs, its Word file with new lists)."""
    import shutil
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice (soffice) is not installed; CI installs "
                    "libreoffice-writer-nogui to run this check")
    source = make_harbour(tmp_path / "paper.docx")
    out = tmp_path / "out"
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                    target, "--outdir", str(out), str(source)],
                   check=True, capture_output=True, timeout=300)
    made = out / ("paper.pdf" if target == "pdf" else "paper.docx")
    read = read_paper(made)
    assert read.kind == target[:4].rstrip(":")
    assert _counts(read, ("portfolios", "priorities", "outputs", "themes",
                          "recommendations")) == {
        "portfolios": 2, "priorities": 3, "outputs": 7, "themes": 2, "recommendations": 3}
    original = read_paper(source).plan
    assert _portfolio_tree(read.plan) == _portfolio_tree(original)
