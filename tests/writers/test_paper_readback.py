"""Checks anyone can run on the three seed papers, through the files a clerk receives.

For each seed: every stored paragraph and item is in the committee paper (Word read back with
python-docx, PDF with pypdf) in the order it is stored; every sentence of the export is stored
text or a house label; and each kind of heading has one level, in the IR and in the .docx, for
every kind of document.
"""
from __future__ import annotations

import re
import unicodedata
import zipfile

import pytest

from lcplanner.compose import KINDS, compose, ir
from lcplanner.compose.house_style import HouseStyle
from lcplanner.writers.docx_writer import write_docx
from tests.support import seed_path

SEEDS = ("000", "002", "003")
_BULLET = re.compile(r"^\s*(?:[-\u2022\u25aa\u25cf*\u2013])\s+")
#: What a writer prints around the text: page furniture and list labels, never sentences.
_FURNITURE = re.compile(r"Page\d+of\d*|Printed\d{1,2}[A-Z][a-z]+\d{4}|\d+(?:\.\d+)*\.?"
                        r"|(?<![A-Za-z])[a-z]{1,4}\.(?![A-Za-z])")
_LEFTOVER_OK = re.compile(r"^[\d.:;,()\u2022\u25cf\u2013\u2014\-|]*$")


def _norm(text: str) -> str:
    """Compare text as a reader sees it: no whitespace, one form of each character."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or "")).replace("\u00ad", "")


def _pieces(text: str | None) -> list[str]:
    """A stored text as the lines a reader finds, bullet marks dropped."""
    out = []
    for line in (text or "").split("\n"):
        line = _BULLET.sub("", line).strip()
        if line:
            out.append(line)
    return out


def stored_groups(plan, raw: bool = False) -> list[list[str]]:
    """Everything the plan stores, as groups whose order the paper must keep (normalised for
    comparison, or as stored with ``raw``)."""
    groups: list[list[str]] = []
    for paper in plan.papers:
        groups.append(_pieces(paper.summary))
        groups.append(_pieces(paper.recommendations_intro)
                      + [" ".join(r.text.split()) for r in paper.recommendations])
        for section in paper.body:
            groups.append(_pieces(section.title) + _pieces(section.body))
        groups.append([t for t in (paper.financial_implications, paper.legal_implications,
                                   paper.equalities_implications) if t])
        groups.append([a.title for a in paper.appendices if a.title])
        groups.append([b.text for b in paper.background_papers if b.text])
    for section in plan.sections:
        groups.append(_pieces(section.title) + _pieces(section.body)
                      + [p.text for p in section.points])
    groups.append([piece for t in plan.themes for piece in [t.name, *_pieces(t.description)]])
    for portfolio in plan.portfolios:
        for priority in portfolio.priorities:
            group = [priority.title, " ".join(priority.outcome.split())]
            for output in priority.outputs:
                group += [output.text] + [s.text for s in output.sub_points]
            groups.append(group + _pieces(priority.note))
        groups.append([a.text for a in portfolio.work_areas])
    for objective in plan.objectives:
        group = [objective.title, objective.strapline] + \
            [s.title for s in objective.sub_priorities]
        for milestone in objective.milestones:
            group += [milestone.name, " ".join(milestone.text.split())]
        groups.append(group)
    groups.append([e.text for e in plan.policy_events])
    for area in plan.pledge_areas:
        group = [area.name, *_pieces(area.description)]
        for pledge in area.pledges:
            group += [pledge.text] + [p.text for p in pledge.points]
        groups.append(group)
    if raw:
        return [[p for p in g if p and _norm(p)] for g in groups if g]
    return [[_norm(p) for p in g if p and _norm(p)] for g in groups if g]


def header_values(plan) -> list[str]:
    values = [plan.organisation, plan.title]
    for paper in plan.papers:
        values += [paper.committee, paper.item_number, paper.meeting_date, paper.title,
                   paper.report_by, paper.job_title, paper.contact_officer, paper.telephone,
                   paper.email]
    for portfolio in plan.portfolios:
        values += [portfolio.name, portfolio.holder, portfolio.shadow_holder, portfolio.note]
        values += [g.name for g in portfolio.service_groups]
    for objective in plan.objectives:
        for milestone in objective.milestones:
            values += [d.text for d in milestone.dates] + [t.title for t in milestone.tags]
            values.append(milestone.status.name if milestone.status else "")
    values += [e.date_text for e in plan.policy_events]
    return [v for v in values if v]


def house_labels(hs: HouseStyle) -> set[str]:
    labels = set(hs.all_labels())
    for style in ("letter", "word", "number"):
        labels |= {hs.appendix_label(i, style) for i in range(12)}
    return labels


def docx_text(path) -> list[str]:
    """The body's paragraphs in reading order, table cells included."""
    import docx

    document = docx.Document(str(path))
    out: list[str] = []
    for el in document.element.body.iter():
        if el.tag.endswith("}p"):
            text = "".join(node.text or "" if node.tag.endswith("}t") else
                           "\t" if node.tag.endswith("}tab") else
                           "\n" if node.tag.endswith("}br") else ""
                           for node in el.iter())
            if text.strip():
                out.append(text)
    return out


_PDF_FURNITURE = re.compile(r"^(?:Printed \d{1,2} [A-Z][a-z]+ \d{4}|Page \d+ of ?|\d+)$")


def pdf_text(path, running_title: str) -> str:
    """The pages' text without the furniture each page starts with (running title, date,
    page number), so a paragraph running over a page break reads as one."""
    import pypdf

    pages = []
    for page in pypdf.PdfReader(str(path)).pages:
        lines = (page.extract_text() or "").split("\n")
        while lines and (lines[0].strip() == running_title.strip()
                         or _PDF_FURNITURE.match(lines[0].strip())):
            lines.pop(0)
        pages.append("\n".join(lines))
    return "\n".join(pages)


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    """Each seed imported, composed as a committee paper and written to Word and PDF."""
    from lcplanner.importers.paper_text import parse_paper, read_source
    from lcplanner.writers.pdf_writer import write_pdf

    out = {}
    folder = tmp_path_factory.mktemp("papers")
    for prefix in SEEDS:
        path = seed_path(prefix)
        plan = parse_paper(read_source(path), source_name=path.name)
        hs = HouseStyle()
        from lcplanner.compose import compose_committee_paper

        doc = compose_committee_paper(plan, hs=hs)
        write_docx(doc, folder / f"{prefix}.docx")
        write_pdf(doc, folder / f"{prefix}.pdf")
        out[prefix] = (plan, doc, hs, folder / f"{prefix}.docx", folder / f"{prefix}.pdf")
    return out


def _assert_in_order(text: str, groups: list[list[str]], where: str) -> int:
    found = 0
    for group in groups:
        cursor = 0
        for piece in group:
            at = text.find(piece, cursor)
            assert at >= 0, f"{where}: {piece[:80]!r} missing or out of its stored order"
            cursor = at + len(piece)
            found += 1
    return found


@pytest.mark.parametrize("prefix", SEEDS)
def test_every_stored_paragraph_and_item_is_in_the_word_paper_in_order(seeds, prefix):
    plan, _doc, _hs, docx_path, _ = seeds[prefix]
    text = _norm("".join(docx_text(docx_path)))
    groups = stored_groups(plan)
    assert _assert_in_order(text, groups, f"{prefix}.docx") == sum(map(len, groups)) > 40


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFKC", text or "").casefold()
                      .replace("\u00ad", ""))


#: How far apart two words of one stored item may stand in the PDF's extracted text: a table
#: row too tall for what is left of a page is split across the break, and text extraction
#: reads the split row's cells side by side, so a cell's words arrive interleaved with its
#: neighbours'. Order and presence are still required.
_PDF_GAP = 120


def _match_from(stream: list[str], wanted: list[str], cursor: int) -> int | None:
    """Where ``wanted`` ends in ``stream`` at or after ``cursor``, its words in order and each
    within ``_PDF_GAP`` of the one before; None if nowhere."""
    start = cursor
    while True:
        try:
            first = stream.index(wanted[0], start)
        except ValueError:
            return None
        last, ok = first, True
        for word in wanted[1:]:
            try:
                last = stream.index(word, last + 1, min(len(stream), last + 1 + _PDF_GAP))
            except ValueError:
                ok = False
                break
        if ok:
            return last + 1
        start = first + 1


def _assert_in_order_pdf(stream: list[str], groups: list[list[str]], where: str,
                         sources: list[list[str]]) -> int:
    found = 0
    for group, raw in zip(groups, sources):
        cursor = 0
        for piece in raw:
            wanted = _words(piece)
            if not wanted:
                continue
            end = _match_from(stream, wanted, cursor)
            assert end is not None, f"{where}: {piece[:80]!r} missing or out of its stored order"
            cursor = end
            found += 1
    return found


@pytest.mark.parametrize("prefix", SEEDS)
def test_every_stored_paragraph_and_item_is_in_the_pdf_paper_in_order(seeds, prefix):
    plan, doc, _hs, _, pdf_path = seeds[prefix]
    stream = _words(pdf_text(pdf_path, doc.running_title))
    raw = stored_groups(plan, raw=True)
    groups = stored_groups(plan)
    assert _assert_in_order_pdf(stream, groups, f"{prefix}.pdf", raw) == \
        sum(map(len, groups)) > 40


def _leftovers(text: str, plan, hs: HouseStyle) -> list[str]:
    """What remains of ``text`` once stored text, header values and labels are taken out."""
    known = {_norm(p) for g in stored_groups(plan) for p in g}
    known |= {_norm(v) for v in header_values(plan)}
    known |= {_norm(label) for label in house_labels(hs)}
    known.discard("")
    for piece in sorted(known, key=len, reverse=True):
        text = text.replace(piece, "|")
    text = _FURNITURE.sub("|", text)
    return [t for t in text.split("|") if not _LEFTOVER_OK.match(t)]


@pytest.mark.parametrize("prefix", SEEDS)
def test_every_sentence_is_stored_text_or_a_house_label(seeds, prefix):
    plan, doc, hs, docx_path, pdf_path = seeds[prefix]
    for paragraph in docx_text(docx_path):
        assert _leftovers(_norm(paragraph), plan, hs) == [], paragraph[:120]
    # The PDF renders the same IR; split table rows interleave cells in its extracted text
    # (see _PDF_GAP), so there every word must come from stored text, a value or a label.
    known = set()
    for text in [p for g in stored_groups(plan, raw=True) for p in g] + header_values(plan) \
            + sorted(house_labels(hs)):
        known.update(_words(text))
    strays = [w for w in _words(pdf_text(pdf_path, doc.running_title))
              if w not in known and not w.isdigit() and not re.fullmatch(r"[ivxl]+|[a-z]", w)
              and w not in {"page", "of", "printed"}]
    assert strays == []


def test_the_whitelist_check_catches_an_invented_sentence(seeds):
    plan, _doc, hs, _docx, _pdf = seeds["000"]
    line = _norm("Legal implications Officers expect no consequences whatsoever.")
    assert _leftovers(line, plan, hs) == [_norm("Officers expect no consequences whatsoever.")]


def _kinds_and_levels(doc: ir.Document) -> dict[str, set[int]]:
    levels: dict[str, set[int]] = {}
    for block in doc.blocks:
        if isinstance(block, ir.Heading) and block.kind:
            levels.setdefault(block.kind, set()).add(block.level)
    return levels


def _docx_heading_levels(path, doc: ir.Document) -> dict[str, set[int]]:
    """The level each IR heading was written at in the .docx, by the IR heading's kind."""
    import docx

    written = []
    for p in docx.Document(str(path)).paragraphs:
        name = p.style.name if p.style is not None else ""
        if name.startswith("Heading "):
            written.append((p.text.split("\t")[-1], int(name.split()[-1])))
    levels: dict[str, set[int]] = {}
    cursor = 0
    for block in doc.blocks:
        if not isinstance(block, ir.Heading):
            continue
        while written[cursor][0] != block.text:
            cursor += 1  # headings the writer adds itself (a timeline's groups)
        if block.kind:
            levels.setdefault(block.kind, set()).add(written[cursor][1])
        cursor += 1
    return levels


@pytest.mark.parametrize("prefix", SEEDS)
@pytest.mark.parametrize("kind", KINDS)
def test_one_heading_level_per_kind_in_the_ir_and_the_docx(seeds, prefix, kind, tmp_path):
    plan = seeds[prefix][0]
    if kind == "portfolio" and not plan.portfolios:  # nothing to summarise: said, not drawn
        with pytest.raises(ValueError, match="no portfolios"):
            compose(plan, kind, portfolio=1)
        return
    doc = compose(plan, kind, portfolio=1)
    path = tmp_path / "out.docx"
    warnings = write_docx(doc, path)
    assert not [w for w in warnings if "skip" in w]
    for levels in (_kinds_and_levels(doc), _docx_heading_levels(path, doc)):
        assert all(len(v) == 1 for v in levels.values()), levels
        if "priority" in levels and "service-group" in levels:
            assert levels["priority"] != levels["service-group"]
    previous = 0
    for heading in (b for b in doc.blocks if isinstance(b, ir.Heading)):
        assert heading.level <= previous + 1, heading
        previous = heading.level


def test_seed_2020_service_group_sits_beside_its_portfolio_and_above_its_priorities(seeds):
    doc = seeds["000"][1]
    hs = [b for b in doc.blocks if isinstance(b, ir.Heading)]
    group = next(i for i, h in enumerate(hs) if h.kind == "service-group")
    assert hs[group].text == "Transport and Mobility Services"
    assert (hs[group - 1].label, hs[group + 1].label) == ("7.2", "7.3")
    assert hs[group - 1].level == hs[group + 1].level == hs[group].level + 1


def test_seed_papers_keep_their_appendix_titles_numbering_and_body(seeds):
    titles = {p: [b.text for b in seeds[p][1].blocks
                  if isinstance(b, ir.Heading) and b.kind == "appendix"] for p in SEEDS}
    assert titles["000"] == ["Appendix A: Business Plan Portfolio Holder Priorities"]
    assert titles["003"] == ["Appendix One: Priorities to 2022",
                             "Appendix Two: London Councils Business Plan Work Areas by "
                             "Portfolio"]
    assert titles["002"] == []  # its milestones are in its own body section 2
    sections = [(b.label, b.text) for b in seeds["002"][1].blocks
                if isinstance(b, ir.Heading) and b.kind == "section"]
    assert sections[:2] == [("1", "Introduction"), ("2", "Specific Shared Ambitions Milestones")]
    text = seeds["003"][1].plain_text()
    assert "We therefore commit to:" in text  # a pledge area's own introduction
    assert "asked to:" not in text  # no lead-in of our own before its recommendation


def test_word_package_names_lcplanner_and_the_plan(seeds):
    import docx

    plan, doc, _hs, path, _ = seeds["002"]
    with zipfile.ZipFile(path) as package:
        app = package.read("docProps/app.xml").decode()
        assert not [n for n in package.namelist() if "thumbnail" in n]  # the template's
    assert "<Application>lcplanner</Application>" in app
    assert re.search(r"<AppVersion>\d\d\.\d{4}</AppVersion>", app)
    assert "Microsoft" not in app and "<Pages>" not in app and "<Words>" not in app
    props = docx.Document(str(path)).core_properties
    assert props.title == "London Councils' Shared Ambitions Milestones"
    assert props.author == plan.organisation
    assert props.subject.startswith(plan.title) and "27th July 2022" in props.subject
    assert props.language == "en-GB" and props.created == props.modified
