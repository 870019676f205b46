"""The PDF writer, read back with pypdf: metadata, outline, text, fonts, hostile text."""
from __future__ import annotations

import builtins
from datetime import date
from pathlib import Path

import pytest

import pypdf

from lcplanner.compose import ir  # noqa: E402
from lcplanner.writers.atomic import ExportError  # noqa: E402
from lcplanner.writers.pdf_writer import render_pdf_bytes, write_pdf  # noqa: E402

R = ir.Run
PRINTED = date(2026, 3, 3)
HOSTILE = ["x <y> z", "R&D", '<img src="/etc/passwd">', "<b>not bold</b>", "&amp; &#65;",
           "<para>", "]]>"]


def flat(text: str) -> str:
    return " ".join(text.split())


def read(path: Path) -> tuple[pypdf.PdfReader, list[str]]:
    reader = pypdf.PdfReader(str(path))
    return reader, [page.extract_text() or "" for page in reader.pages]


def outline_titles(reader) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                out.append((depth, item.title))

    walk(reader.outline, 0)
    return out


def portfolio_doc() -> ir.Document:
    outputs = ir.ListBlock(kind="letter", items=[
        ir.ListItem([R("Publish an evidence base on the cost of statutory services")], label="a",
                    extra=[ir.Paragraph([R("Status: ", bold=True), R("\u25cf ", colour="#2e7d32"),
                                         R("On track")], style="note")]),
        ir.ListItem([R("Lead the response to the funding consultation, including:")], label="b",
                    children=ir.ListBlock(kind="roman", items=[
                        ir.ListItem([R("modelling the effect of new formulae")], label="i"),
                        ir.ListItem([R("a joint submission signed by all leaders")], label="ii",
                                    children=ir.ListBlock(kind="bullet", items=[
                                        ir.ListItem([R("drafted by officers")], label="\u2022"),
                                    ])),
                    ])),
        ir.ListItem([R("Brief MPs of every party on the funding gap")], label="c"),
    ])
    return ir.Document(
        title="Portfolio 1: Finance and Local Services", kind="portfolio",
        author="Metropolitan Councils Together", subject="Business Plan 2026/27",
        running_title="Business Plan 2026/27 \u2013 Portfolio 1", blocks=[
            ir.Contents(),
            ir.Heading("Portfolio 1: Finance and Local Services", 1),
            ir.Fields([("Portfolio holder:", "Cllr Asha Mensah"),
                       ("Shadow portfolio holder:", "Cllr Tom Whitfield")]),
            ir.Heading("Priorities", 2),
            ir.Heading("Secure fair, long-term funding for local services", 3, label="1.1"),
            ir.Paragraph([R("Outcome: ", bold=True), R("Member councils receive settlements.")]),
            outputs,
            ir.Heading("Progress at a glance", 2),
            ir.Table(["Ref", "Output", "Status"], [
                [ir.Cell.of("1.1 a"), ir.Cell.of("Publish an evidence base"),
                 ir.Cell([ir.Paragraph([R("\u25cf ", colour="#2e7d32"), R("On track")])])],
            ], widths=[12, 70, 18], caption="Progress of outputs"),
        ])


@pytest.fixture()
def portfolio_pdf(tmp_path):
    path = tmp_path / "portfolio.pdf"
    warnings = write_pdf(portfolio_doc(), path, print_date=PRINTED)
    return path, warnings


def test_metadata_and_language(portfolio_pdf):
    path, warnings = portfolio_pdf
    assert warnings == []
    reader, _ = read(path)
    meta = reader.metadata
    assert meta.title == "Portfolio 1: Finance and Local Services"
    assert meta.author == "Metropolitan Councils Together"
    assert meta.subject == "Business Plan 2026/27"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"


def test_a4_portrait_and_page_n_of_m(portfolio_pdf):
    reader, texts = read(portfolio_pdf[0])
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    n = len(reader.pages)
    for i, text in enumerate(texts, start=1):
        text = flat(text)  # the total is a form drawn after "Page i of "
        assert f"Page {i} of {n}" in text
        assert "Printed 3 March 2026" in text
        assert "Business Plan 2026/27 \u2013 Portfolio 1" in text


def test_outline_matches_headings(portfolio_pdf):
    reader, _ = read(portfolio_pdf[0])
    assert outline_titles(reader) == [
        (0, "Portfolio 1: Finance and Local Services"),
        (1, "Priorities"),
        (2, "1.1 Secure fair, long-term funding for local services"),
        (1, "Progress at a glance"),
    ]


def test_every_list_item_with_its_label(portfolio_pdf):
    _, texts = read(portfolio_pdf[0])
    body = flat("\n".join(texts))
    for expected in ["a. Publish an evidence base on the cost of statutory services",
                     "b. Lead the response to the funding consultation, including:",
                     "i. modelling the effect of new formulae",
                     "ii. a joint submission signed by all leaders",
                     "\u2022 drafted by officers",
                     "c. Brief MPs of every party on the funding gap",
                     "1.1 Secure fair, long-term funding for local services",
                     "Portfolio holder: Cllr Asha Mensah",
                     "Shadow portfolio holder: Cllr Tom Whitfield"]:
        assert expected in body


def test_status_mark_is_a_square_with_words(portfolio_pdf):
    _, texts = read(portfolio_pdf[0])
    body = flat("\n".join(texts))
    assert "Status: \u25a0 On track" in body
    assert "\u25cf" not in body  # the composer's mark became the square, not doubled


def test_contents_lists_headings_with_pages(portfolio_pdf):
    _, texts = read(portfolio_pdf[0])
    first = flat(texts[0])
    assert first.index("Contents") < first.index("Priorities")
    # "Progress at a glance" is on some page p; its contents line ends with p
    page = next(i for i, t in enumerate(texts, 1)
                if "Progress at a glance" in t and "Ref" in t)
    contents = first[first.index("Contents"):first.index("Portfolio holder")]
    entry = contents[contents.index("Progress at a glance") + len("Progress at a glance"):]
    assert entry.replace(".", " ").split()[0] == str(page)


def test_fonts_are_embedded_and_no_base14(portfolio_pdf):
    reader, _ = read(portfolio_pdf[0])
    seen = 0
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert ("LiberationSans" in font["/BaseFont"]
                    or "DejaVuSans" in font["/BaseFont"]), font["/BaseFont"]
            descriptor = (font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                          if "/DescendantFonts" in font else font["/FontDescriptor"])
            assert "/FontFile2" in descriptor.get_object()
            seen += 1
    assert seen
    assert b"Helvetica" not in portfolio_pdf[0].read_bytes()


def test_hostile_text_is_text_and_reads_no_file(tmp_path, monkeypatch):
    opened: list[str] = []
    real_open = builtins.open

    def spy(file, *args, **kw):
        opened.append(str(file))
        return real_open(file, *args, **kw)

    monkeypatch.setattr(builtins, "open", spy)
    blocks: list[ir.Block] = []
    for i, s in enumerate(HOSTILE):
        blocks += [ir.Heading(s, 1, label=str(i + 1)), ir.Paragraph.of(f"para {s} end"),
                   ir.ListBlock([ir.ListItem([R(f"item {s}")], label="a")], kind="letter"),
                   ir.Table([s], [[ir.Cell.of(f"cell {s}")]]), ir.Fields([(s, f"v {s}")])]
    doc = ir.Document(title="R&D <y>", blocks=blocks, running_title='<img src="/etc/passwd">')
    path = tmp_path / "hostile.pdf"
    assert write_pdf(doc, path, print_date=PRINTED) == []
    assert not any("passwd" in p for p in opened)
    reader, texts = read(path)
    body = flat("\n".join(texts))
    for s in HOSTILE:
        for form in (s, f"para {s} end", f"a. item {s}", f"cell {s}", f"v {s}"):
            assert form in body, form
    assert body.count('<img src="/etc/passwd">') >= len(texts)  # the running header too
    assert reader.metadata.title == "R&D <y>"
    assert [t for _, t in outline_titles(reader)] == [f"{i + 1} {s}" for i, s in
                                                       enumerate(HOSTILE)]
    raw = path.read_bytes()
    passwd = Path("/etc/passwd")
    if passwd.is_file():
        first_line = passwd.read_text(errors="replace").splitlines()[0].encode()
        assert first_line not in raw


def test_polish_hungarian_and_euro_render(tmp_path):
    path = tmp_path / "chars.pdf"
    doc = ir.Document(title="Łódź", blocks=[
        ir.Heading("Łódź and Śląsk", 1),
        ir.Paragraph([R("Budapest Ferencváros: gyűlés, kőfal, €1,250 "),
                      R("ł Ś ő €", bold=True), R(" ł Ś ő €", italic=True)])])
    assert write_pdf(doc, path, print_date=PRINTED) == []
    _, texts = read(path)
    body = flat("\n".join(texts))
    assert "Łódź and Śląsk" in body
    assert "gyűlés, kőfal, €1,250 ł Ś ő € ł Ś ő €" in body
    assert "\ufffd" not in body


def test_missing_glyph_is_replaced_visibly_and_reported(tmp_path):
    path = tmp_path / "cjk.pdf"
    doc = ir.Document(title="t", blocks=[ir.Paragraph.of("Tokyo 東京 office \U0001F9E9 end"),
                                         ir.Heading("Beijing 北京", 1)])
    warnings = write_pdf(doc, path, print_date=PRINTED)
    assert len(warnings) == 1
    for code in ("U+6771", "U+4EAC", "U+5317", "U+1F9E9"):
        assert code in warnings[0]
    _, texts = read(path)
    body = flat("\n".join(texts))
    assert "Tokyo \ufffd\ufffd office \ufffd end" in body
    assert "Beijing \ufffd\ufffd" in body


def test_thousand_character_word_wraps(tmp_path):
    word = "Q" * 1000
    path = tmp_path / "word.pdf"
    doc = ir.Document(title="t", blocks=[
        ir.Heading("H" + "h" * 600, 1), ir.Paragraph.of(word),
        ir.ListBlock([ir.ListItem([R(word)], label="a")], kind="letter"),
        ir.Table(["Word", "Other"], [[ir.Cell.of(word), ir.Cell.of("x")]], widths=[1, 3]),
        ir.Fields([("Label", word)])])
    write_pdf(doc, path, print_date=PRINTED)
    _, texts = read(path)
    assert "".join(texts).count("Q") == 4000


def test_cell_taller_than_a_page_splits(tmp_path):
    paras = [ir.Paragraph.of(f"line{i:03d} " + "lorem ipsum dolor " * 12) for i in range(90)]
    huge = " ".join(f"w{i:04d}" for i in range(2500))  # one paragraph taller than a page
    doc = ir.Document(title="t", blocks=[
        ir.Paragraph.of("Before the table."),
        ir.Table(["Milestone", "Date"], [[ir.Cell(paras), ir.Cell.of("July 2026")],
                                         [ir.Cell.of(huge), ir.Cell.of("TBC")],
                                         [ir.Cell.of("after"), ir.Cell.of("end")]],
                 widths=[4, 1])])
    path = tmp_path / "tall.pdf"
    write_pdf(doc, path, print_date=PRINTED)
    reader, texts = read(path)
    assert len(reader.pages) >= 4
    body = flat("\n".join(texts))
    assert all(f"line{i:03d}" in body for i in range(90))
    assert all(f"w{i:04d}" in body for i in range(2500))
    assert "after" in body
    # the table starts on the first page and its header repeats on the next ones
    assert "line000" in texts[0]
    assert all("Milestone" in t for t in texts)


def test_level_skips_and_empty_blocks_do_not_break(tmp_path):
    doc = ir.Document(title="", blocks=[
        ir.Heading("Deep", 3), ir.Heading("Top", 1), ir.Heading("Deeper", 4),
        ir.ListBlock([], kind="letter"), ir.Table([], []), ir.Fields([]),
        ir.Paragraph([]), ir.PageBreak(), ir.Contents(), ir.PageBreak()])
    path = tmp_path / "odd.pdf"
    write_pdf(doc, path, print_date=PRINTED)
    reader, _ = read(path)
    assert [t for _, t in outline_titles(reader)] == ["Deep", "Top", "Deeper"]


def test_landscape_document(tmp_path):
    doc = ir.Document(title="t", landscape=True, blocks=[ir.Paragraph.of("wide")])
    path = tmp_path / "land.pdf"
    write_pdf(doc, path, print_date=PRINTED)
    reader, _ = read(path)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)


def test_failure_leaves_existing_file(tmp_path, monkeypatch):
    path = tmp_path / "keep.pdf"
    path.write_bytes(b"old")
    from lcplanner.writers import pdf_writer

    def boom(self, target):
        Path(target).write_bytes(b"partial")
        raise RuntimeError("render failed")

    monkeypatch.setattr(pdf_writer._Render, "build", boom)
    with pytest.raises(RuntimeError):
        write_pdf(portfolio_doc(), path, print_date=PRINTED)
    assert path.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [path]
    with pytest.raises(ExportError):
        write_pdf(portfolio_doc(), tmp_path / "no" / "such" / "x.pdf")


def test_render_bytes_matches_file(tmp_path):
    data, warnings = render_pdf_bytes(portfolio_doc(), print_date=PRINTED)
    assert data.startswith(b"%PDF") and warnings == []


# ------------------------------------------------------------ the sample plan, composed
@pytest.mark.parametrize("kind", ["committee-paper", "plan", "portfolio", "timeline"])
def test_sample_plan_every_kind(tmp_path, kind):
    from lcplanner.compose import compose
    from lcplanner.sample import build_sample_plan

    plan = build_sample_plan()
    doc = compose(plan, kind, 1 if kind == "portfolio" else None)
    path = tmp_path / f"{kind}.pdf"
    assert write_pdf(doc, path, print_date=PRINTED) == []
    reader, texts = read(path)
    body = flat("\n".join(texts))
    assert reader.metadata.title == doc.title
    outline = [t for _, t in outline_titles(reader)]
    assert outline == [" ".join(f"{h.label} {h.text}".split()) for h in doc.outline()]
    # every line of the document's plain text is in the PDF, numbering included
    lines = doc.plain_text().splitlines()
    if kind == "timeline":  # the chart prints label and date on separate lines
        bars = [b for block in doc.blocks if isinstance(block, ir.Timeline)
                for g in block.groups for b in g.bars]
        assert bars
        lines = [b.label for b in bars] + [b.date_text for b in bars] + [
            line for line in lines if not any(line.startswith(b.label) for b in bars)]
    for line in lines:
        line = flat(line)
        if not line or " | " in line:  # tables: cell by cell below
            continue
        assert _loose(line) in _loose(body), line
    if kind == "timeline":
        assert float(reader.pages[0].mediabox.width) > float(reader.pages[0].mediabox.height)


def _loose(text: str) -> str:
    """List labels print as "a." where plain_text has "a": compare without full stops."""
    return " ".join(text.replace("\u25cf", "\u25a0").replace(".", "").split())


def test_sample_portfolio_priorities_and_outputs_with_letters(tmp_path):
    from lcplanner.compose import compose
    from lcplanner.domain import numbering
    from lcplanner.sample import build_sample_plan

    plan = build_sample_plan()
    portfolio = plan.portfolios[0]
    path = tmp_path / "p.pdf"
    write_pdf(compose(plan, "portfolio", 1), path, print_date=PRINTED)
    _, texts = read(path)
    body = flat("\n".join(texts))
    for p_index, priority in enumerate(portfolio.priorities):
        assert flat(f"{numbering.dotted(0, p_index)} {priority.title}") in body
        for o_index, output in enumerate(priority.outputs):
            # outputs are a compact table in the summary: the letter, then the output
            assert flat(f"{numbering.letter(o_index)} {output.text}") in body
