"""The milestone timeline chart in PDF: landscape, labels, TBC lane, events, page splits."""
from __future__ import annotations

from datetime import date


import pypdf

from lcplanner.compose import ir  # noqa: E402
from lcplanner.writers.pdf_writer import write_pdf  # noqa: E402

B = ir.TimelineBar
PRINTED = date(2022, 6, 1)


def flat(text: str) -> str:
    return " ".join(text.split())


def groups(with_tbc: bool = True) -> list[ir.TimelineGroup]:
    g1 = ir.TimelineGroup("Levelling up and tackling deprivation", [
        B("Pan-London SEND plan", "2022-09-01", "2022-11-30", "Autumn 2022", "On track",
          "#2e7d32"),
        B("Representation in the five new ICSs", "2022-07-01", "2023-04-30",
          "July 2022 (and ongoing to April 2023)", "At risk", "#ef8f00"),
        B("Budget submission", "2022-09-01", "2022-09-30", "September 2022", "Done", "#1565c0"),
        B("Programme launch", "2022-09-14", "2022-09-14", "14 September 2022"),
    ])
    bars = [B("Fair funding campaigning", "2022-06-01", "2022-11-30", "Summer/Autumn 2022"),
            B("Workforce strategy", "2021-01-01", "2024-12-31", "2021-2024")]
    if with_tbc:
        bars += [B("London Tribunals contract", None, None, "TBC"),
                 B("Unreadable date milestone", None, None, "sometime soonish")]
    return [g1, ir.TimelineGroup("A fair share of funding", bars)]


EVENTS = [ir.TimelineEvent("Autumn Budget", "Oct 2022", "2022-10-01", "2022-10-31"),
          ir.TimelineEvent("Levelling Up Bill", "2022-2023", "2022-05-11", "2023-10-26"),
          ir.TimelineEvent("Spending Review", "Nov 2022", "2022-11-17", "2022-11-17"),
          ir.TimelineEvent("Spending Review follow-up", "Nov 2022", "2022-11-18", None),
          ir.TimelineEvent("Undated event", "TBC", None, None)]


def timeline_doc(gs, events=EVENTS, landscape=True, **axis) -> ir.Document:
    return ir.Document(title="Shared Ambitions: timeline", kind="timeline",
                       landscape=landscape, author="Councils Together",
                       blocks=[ir.Heading("Timeline of milestones", 1),
                               ir.Timeline(gs, events, **axis)])


def render(tmp_path, doc, name="t.pdf"):
    path = tmp_path / name
    warnings = write_pdf(doc, path, print_date=PRINTED)
    reader = pypdf.PdfReader(str(path))
    return reader, [p.extract_text() or "" for p in reader.pages], warnings


def test_landscape_page_with_every_label_and_tbc_lane(tmp_path):
    reader, texts, warnings = render(tmp_path, timeline_doc(
        groups(), axis_start="2022-04-01", axis_end="2023-12-31"))
    assert warnings == []
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)
    body = flat("\n".join(texts))
    for g in groups():
        assert g.title in body
        for bar in g.bars:
            assert bar.label in body
            assert bar.date_text in body
            if bar.status:
                assert f"{bar.status} {bar.date_text}" in body
    assert "To be confirmed" in body
    assert "Oct 2022 Autumn Budget" in body
    assert "2022-2023 Levelling Up Bill" in body
    assert "Undated event" not in body  # listed in the table after the chart, not drawn
    for year in ("2022", "2023"):
        assert year in body
    assert "Key:" in body
    assert [o.title for o in reader.outline] == ["Timeline of milestones"]


def test_no_tbc_group_without_tbc_dates(tmp_path):
    _, texts, _ = render(tmp_path, timeline_doc(groups(with_tbc=False), events=EVENTS[:3]))
    assert "To be confirmed" not in "\n".join(texts)


def test_axis_computed_when_missing_and_nothing_dated(tmp_path):
    _, texts, _ = render(tmp_path, timeline_doc(groups()))
    body = flat("\n".join(texts))
    assert "2021" in body and "2024" in body  # the axis covers the widest bar
    only_tbc = [ir.TimelineGroup("Only TBC", [B("Nobody knows", None, None, "TBC")])]
    _, texts, _ = render(tmp_path, timeline_doc(only_tbc, events=[]), "tbc.pdf")
    body = flat("\n".join(texts))
    assert "Nobody knows" in body and "To be confirmed" in body


def test_long_timeline_splits_and_repeats_axis(tmp_path):
    many = [ir.TimelineGroup(f"Objective {g}", [
        B(f"Milestone {g}-{i} with a label long enough to wrap onto a second line in the "
          f"label column of the chart", f"2022-{(i % 12) + 1:02d}-01",
          f"2022-{(i % 12) + 1:02d}-28", "some month", "On track", "#2e7d32")
        for i in range(9)]) for g in range(8)]
    many.append(ir.TimelineGroup("Tail", [B("Tail TBC", None, None, "TBC")]))
    reader, texts, warnings = render(tmp_path, timeline_doc(many, events=EVENTS[:2]))
    assert warnings == []
    assert len(reader.pages) >= 3
    body = flat("\n".join(texts))
    for g in range(8):
        for i in range(9):
            assert f"Milestone {g}-{i} with a label" in body
    for n, text in enumerate(texts):
        page = flat(text)
        # the axis (years, months, event labels) repeats on every page
        assert "2022" in page and "Jan" in page and "Dec" in page
        assert "Oct 2022 Autumn Budget" in page
        assert ("Milestone (continued)" in page) == (n > 0)
        assert float(reader.pages[n].mediabox.width) > float(reader.pages[n].mediabox.height)
    assert "(continued)" in body  # a group that runs over a page says so
    assert all("Key:" in flat(t) for t in texts)  # the key is on every page
    # no milestone is printed twice
    assert body.count("Milestone 3-4 with a label") == 1


def test_timeline_inside_a_portrait_document_gets_landscape_pages(tmp_path):
    doc = ir.Document(title="Plan", blocks=[
        ir.Heading("Plan", 1), ir.Paragraph.of("Before."),
        ir.Heading("Timeline", 2), ir.Timeline(groups(), EVENTS),
        ir.Heading("After", 2), ir.Paragraph.of("After the chart.")])
    reader, texts, _ = render(tmp_path, doc)
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height)))
             for p in reader.pages]
    assert (595, 842) in sizes and (842, 595) in sizes
    chart_page = next(i for i, t in enumerate(texts) if "Pan-London SEND plan" in t)
    after_page = next(i for i, t in enumerate(texts) if "After the chart." in t)
    assert sizes[chart_page] == (842, 595)
    assert sizes[after_page] == (595, 842)


def test_chart_text_is_never_markup_and_missing_glyphs_are_marked(tmp_path):
    gs = [ir.TimelineGroup("R&D <objective>", [
        B('<img src="/etc/passwd"> x <y> z', "2022-05-01", "2022-05-31", "May 2022"),
        B("Tokyo 東京", "2022-06-01", "2022-06-30", "June 2022")])]
    _, texts, warnings = render(tmp_path, timeline_doc(gs, events=[]))
    body = flat("\n".join(texts))
    assert "R&D <objective>" in body
    assert '<img src="/etc/passwd"> x <y> z' in body
    assert "Tokyo \ufffd\ufffd" in body
    assert warnings and "U+6771" in warnings[0]


def test_bad_colours_and_reversed_dates_do_not_break(tmp_path):
    gs = [ir.TimelineGroup("Odd", [
        B("Reversed", "2023-05-01", "2022-05-31", "odd", "Status", "not-a-colour"),
        B("Start only", "2022-05-01", None, "May 2022"),
        B("End only", None, "2022-08-31", "by August 2022"),
        B("Bad iso", "2022-13-45", "nonsense", "??")])]
    _, texts, _ = render(tmp_path, timeline_doc(gs, events=[]))
    body = flat("\n".join(texts))
    for label in ("Reversed", "Start only", "End only", "Bad iso"):
        assert label in body
