"""FuzzyDate: milestone dates as typed in committee papers, kept verbatim but sortable."""
from __future__ import annotations

import dataclasses
import itertools
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lcplanner.domain.fuzzy_date import FuzzyDate, parse_dates

D = date

# text, financial, start, end, kind, qualifier, reading
EXAMPLES = [
    # months
    ("July 2022", False, D(2022, 7, 1), D(2022, 7, 31), "month", "", "Jul 2022"),
    ("Sept 2022", False, D(2022, 9, 1), D(2022, 9, 30), "month", "", "Sep 2022"),
    ("Sep 2022", False, D(2022, 9, 1), D(2022, 9, 30), "month", "", "Sep 2022"),
    ("Jan 2023", False, D(2023, 1, 1), D(2023, 1, 31), "month", "", "Jan 2023"),
    ("January 2023", False, D(2023, 1, 1), D(2023, 1, 31), "month", "", "Jan 2023"),
    ("june 2022", False, D(2022, 6, 1), D(2022, 6, 30), "month", "", "Jun 2022"),
    ("JUNE 2022", False, D(2022, 6, 1), D(2022, 6, 30), "month", "", "Jun 2022"),
    ("Dec 22", False, D(2022, 12, 1), D(2022, 12, 31), "month", "", "Dec 2022"),
    ("Feb 2024", False, D(2024, 2, 1), D(2024, 2, 29), "month", "", "Feb 2024"),
    # seasons and parts of a year
    ("Autumn 2022", False, D(2022, 9, 1), D(2022, 11, 30), "season", "", "Sep–Nov 2022"),
    ("Summer 2022", False, D(2022, 6, 1), D(2022, 8, 31), "season", "", "Jun–Aug 2022"),
    ("Spring 2023", False, D(2023, 3, 1), D(2023, 5, 31), "season", "", "Mar–May 2023"),
    ("Winter 2022", False, D(2022, 12, 1), D(2023, 2, 28), "season", "", "Dec 2022–Feb 2023"),
    ("Summer/Autumn 2022", False, D(2022, 6, 1), D(2022, 11, 30), "season", "", "Jun–Nov 2022"),
    ("Early 2023", False, D(2023, 1, 1), D(2023, 4, 30), "season", "", "Jan–Apr 2023"),
    ("Late 2022", False, D(2022, 9, 1), D(2022, 12, 31), "season", "", "Sep–Dec 2022"),
    ("Mid 2023", False, D(2023, 5, 1), D(2023, 8, 31), "season", "", "May–Aug 2023"),
    ("End 2022", False, D(2022, 9, 1), D(2022, 12, 31), "season", "", "Sep–Dec 2022"),
    ("end of 2022", False, D(2022, 9, 1), D(2022, 12, 31), "season", "", "Sep–Dec 2022"),
    # quarters
    ("Q2 2023", False, D(2023, 4, 1), D(2023, 6, 30), "quarter", "", "Apr–Jun 2023"),
    ("Q4 2023", False, D(2023, 10, 1), D(2023, 12, 31), "quarter", "", "Oct–Dec 2023"),
    ("Q1 2023", True, D(2023, 4, 1), D(2023, 6, 30), "quarter", "", "Apr–Jun 2023"),
    ("Q2 2023", True, D(2023, 7, 1), D(2023, 9, 30), "quarter", "", "Jul–Sep 2023"),
    ("Q4 2023", True, D(2024, 1, 1), D(2024, 3, 31), "quarter", "", "Jan–Mar 2024"),
    ("Q1 2023/24", False, D(2023, 4, 1), D(2023, 6, 30), "quarter", "", "Apr–Jun 2023"),
    ("Q1 2023/24", True, D(2023, 4, 1), D(2023, 6, 30), "quarter", "", "Apr–Jun 2023"),
    # years and ranges
    ("2022", False, D(2022, 1, 1), D(2022, 12, 31), "year", "", "2022"),
    ("2022-2023", False, D(2022, 1, 1), D(2023, 12, 31), "range", "", "2022–2023"),
    ("2022-23", False, D(2022, 1, 1), D(2023, 12, 31), "range", "", "2022–2023"),
    ("2022-25", False, D(2022, 1, 1), D(2025, 12, 31), "range", "", "2022–2025"),
    ("2022/23", False, D(2022, 4, 1), D(2023, 3, 31), "year", "", "Apr 2022–Mar 2023"),
    ("2022 – 2023", False, D(2022, 1, 1), D(2023, 12, 31), "range", "", "2022–2023"),
    ("July 2022 - March 2023", False, D(2022, 7, 1), D(2023, 3, 31), "range", "",
     "Jul 2022–Mar 2023"),
    ("July 2022 (ongoing to April 2023)", False, D(2022, 7, 1), D(2023, 4, 30), "range",
     "ongoing", "Jul 2022–Apr 2023 (ongoing)"),
    ("ongoing to April 2023", False, None, D(2023, 4, 30), "ongoing", "ongoing",
     "ongoing to Apr 2023"),
    ("Ongoing", False, None, None, "ongoing", "ongoing", "ongoing"),
    # qualifiers: the span stays the period named
    ("by Jan 2023", False, D(2023, 1, 1), D(2023, 1, 31), "month", "by", "by Jan 2023"),
    ("from May 2022", False, D(2022, 5, 1), D(2022, 5, 31), "month", "from", "from May 2022"),
    ("before Summer 2022", False, D(2022, 6, 1), D(2022, 8, 31), "season", "before",
     "before Jun–Aug 2022"),
    ("w/c 5 September 2022", False, D(2022, 9, 5), D(2022, 9, 11), "range", "", "5–11 Sep 2022"),
    # exact dates
    ("11 May 2022", False, D(2022, 5, 11), D(2022, 5, 11), "exact", "", "11 May 2022"),
    ("11th May 2022", False, D(2022, 5, 11), D(2022, 5, 11), "exact", "", "11 May 2022"),
    ("May 11, 2022", False, D(2022, 5, 11), D(2022, 5, 11), "exact", "", "11 May 2022"),
    ("2022-05-11", False, D(2022, 5, 11), D(2022, 5, 11), "exact", "", "11 May 2022"),
    ("11/05/2022", False, D(2022, 5, 11), D(2022, 5, 11), "exact", "", "11 May 2022"),
    # to be confirmed
    ("TBC", False, None, None, "tbc", "", "to be confirmed"),
    ("TBA", False, None, None, "tbc", "", "to be confirmed"),
    ("tbc", False, None, None, "tbc", "", "to be confirmed"),
    ("To be confirmed", False, None, None, "tbc", "", "to be confirmed"),
    ("", False, None, None, "tbc", "", "to be confirmed"),
    # unreadable
    ("when funding allows", False, None, None, "unreadable", "", "cannot read this date"),
    ("  ", False, None, None, "tbc", "", "to be confirmed"),
    ("TBC.", False, None, None, "tbc", "", "to be confirmed"),
    (".", False, None, None, "unreadable", "", "cannot read this date"),
    ("31/02/2022", False, None, None, "unreadable", "", "cannot read this date"),
    ("2023-2022", False, None, None, "unreadable", "", "cannot read this date"),
    # a few more forms officers use
    ("July - Sept 2022", False, D(2022, 7, 1), D(2022, 9, 30), "range", "", "Jul–Sep 2022"),
    ("Nov - Feb 2023", False, D(2022, 11, 1), D(2023, 2, 28), "range", "", "Nov 2022–Feb 2023"),
    ("Winter 2022/23", False, D(2022, 12, 1), D(2023, 2, 28), "season", "", "Dec 2022–Feb 2023"),
    ("Jul-22", False, D(2022, 7, 1), D(2022, 7, 31), "month", "", "Jul 2022"),
    ("by the end of March 2023", False, D(2023, 3, 1), D(2023, 3, 31), "month", "by",
     "by Mar 2023"),
    ("from July 2022 to March 2023", False, D(2022, 7, 1), D(2023, 3, 31), "range", "",
     "Jul 2022–Mar 2023"),
    ("July 2022 onwards", False, D(2022, 7, 1), None, "ongoing", "ongoing",
     "ongoing from Jul 2022"),
    ("w/c 29 August 2022", False, D(2022, 8, 29), D(2022, 9, 4), "range", "",
     "29 Aug–4 Sep 2022"),
]


@pytest.mark.parametrize(("text", "financial", "start", "end", "kind", "qualifier", "reading"),
                         EXAMPLES, ids=[f"{e[0]!r}{' fin' if e[1] else ''}" for e in EXAMPLES])
def test_examples(text, financial, start, end, kind, qualifier, reading):
    fd = FuzzyDate.parse(text, financial=financial)
    assert (fd.start, fd.end, fd.kind, fd.qualifier) == (start, end, kind, qualifier)
    assert fd.reading() == reading
    assert str(fd) == text
    assert fd.is_tbc == (kind == "tbc")
    assert fd.is_readable == (kind != "unreadable")


@pytest.mark.parametrize("reading", sorted({e[6] for e in EXAMPLES} - {"cannot read this date"}))
def test_readings_read_back_as_the_same_span(reading):
    original = next(e for e in EXAMPLES if e[6] == reading)
    again = FuzzyDate.parse(reading, financial=original[1])
    assert again.reading() == reading


def test_value_semantics():
    a, b = FuzzyDate.parse("July 2022"), FuzzyDate.parse("July 2022")
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert FuzzyDate.parse("Jul 2022") != a  # same span, different words
    assert "'July 2022'" in repr(a)
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.text = "Aug 2022"  # type: ignore[misc]


def test_ordering_examples():
    texts = ["when funding allows", "TBC", "Ongoing", "Q2 2023", "Autumn 2022", "11 May 2022",
             "by Jan 2023", "ongoing to April 2023", "2022", "Jul 2022", "July 2022"]
    ordered = [str(d) for d in sorted(FuzzyDate.parse(t) for t in texts)]
    assert ordered == ["2022", "11 May 2022", "Jul 2022", "July 2022", "Autumn 2022",
                       "by Jan 2023", "Q2 2023", "ongoing to April 2023", "Ongoing", "TBC",
                       "when funding allows"]
    assert FuzzyDate.parse("July 2022") < FuzzyDate.parse("Aug 2022") <= FuzzyDate.parse("TBC")
    assert FuzzyDate.parse("2022") > FuzzyDate.parse("Jan 2022")  # same start, longer span
    with pytest.raises(TypeError):
        FuzzyDate.parse("2022") < "2023"  # noqa: B015


@pytest.mark.parametrize("bad", [None, 2022, b"July 2022", date(2022, 7, 1), ["July 2022"]])
def test_non_text_is_a_type_error(bad):
    with pytest.raises(TypeError):
        FuzzyDate.parse(bad)
    with pytest.raises(TypeError):
        parse_dates(bad)


@pytest.mark.parametrize("text", ["July\x00 2022", "\x1b[31mJuly 2022", "🎉 July 2022 🎉",
                                  "July 2022" * 200, "a" * 1000, "-" * 1000, "( ongoing" * 100,
                                  "9999-12-31", "Winter 9999", "Q4 9999", "w/c 31 Dec 9999",
                                  "0000", "Q1 2023/25", "2022/2100", "٢٠٢٢"])
def test_awkward_text_never_raises_and_is_kept(text):
    fd = FuzzyDate.parse(text, financial=True)
    assert str(fd) == text
    assert isinstance(fd.reading(), str)


def test_year_9999_still_reads():
    assert FuzzyDate.parse("9999-12-31").kind == "exact"
    assert FuzzyDate.parse("Winter 9999").kind == "unreadable"  # would end in year 10000


@pytest.mark.parametrize(("text", "parts"), [
    ("July 2022; Oct 2022", ["July 2022", "Oct 2022"]),
    ("Sept 2022 and Jan 2023", ["Sept 2022", "Jan 2023"]),
    ("June 2022, Sept 2022", ["June 2022", "Sept 2022"]),
    ("June 2022\nSept 2022", ["June 2022", "Sept 2022"]),
    ("July 2022 (ongoing to April 2023)", ["July 2022 (ongoing to April 2023)"]),
    ("Summer/Autumn 2022", ["Summer/Autumn 2022"]),
    ("Summer and Autumn 2022", ["Summer and Autumn 2022"]),
    ("May 11, 2022", ["May 11, 2022"]),
    ("May 11, 2022, June 2022", ["May 11, 2022", "June 2022"]),
    ("TBC; July 2022", ["TBC", "July 2022"]),
    ("June 2022, subject to funding, and Sept 2022", ["June 2022", "subject to funding",
                                                      "Sept 2022"]),
    ("when funding allows, or sooner", ["when funding allows, or sooner"]),
    ("when funding allows; July 2022", ["when funding allows", "July 2022"]),
    ("", []),
    ("  ;  ", []),
])
def test_parse_dates_examples(text, parts):
    assert [str(d) for d in parse_dates(text)] == parts


def test_parse_dates_passes_financial_on():
    (q4,) = parse_dates("Q4 2023", financial=True)
    assert q4.start == D(2024, 1, 1)
    assert [d.start for d in parse_dates("Q1 2023; Q4 2023", financial=True)] == [
        D(2023, 4, 1), D(2024, 1, 1)]


# --- properties -----------------------------------------------------------------------------

FULL = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December"]
SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
TBC_TEXTS = ["TBC", "TBA", "tbc", "To be confirmed", "to be agreed", ""]
UNREADABLE_TEXTS = ["when funding allows", "subject to Cabinet approval", "asap", "?", "n/a"]
years = st.integers(1990, 2100)


@st.composite
def valid_dates(draw) -> tuple[str, str, int]:
    """A date as an officer might type it, with the kind it should read as and its year."""
    form = draw(st.sampled_from(["month", "season", "part", "quarter", "fquarter", "year",
                                 "fyear", "exact"]))
    y = draw(years)
    if form == "month":
        m = draw(st.integers(0, 11))
        name = draw(st.sampled_from([FULL[m], SHORT[m]] + (["Sept"] if m == 8 else [])))
        text, kind = f"{name} {y}", "month"
    elif form == "season":
        text, kind = f"{draw(st.sampled_from(['Spring', 'Summer', 'Autumn', 'Winter']))} {y}", "season"
    elif form == "part":
        text, kind = f"{draw(st.sampled_from(['Early', 'Mid', 'Late', 'End', 'end of']))} {y}", "season"
    elif form == "quarter":
        text, kind = f"Q{draw(st.integers(1, 4))} {y}", "quarter"
    elif form == "fquarter":
        text, kind = f"Q{draw(st.integers(1, 4))} {y}/{(y + 1) % 100:02d}", "quarter"
    elif form == "year":
        text, kind = str(y), "year"
    elif form == "fyear":
        text, kind = f"{y}/{(y + 1) % 100:02d}", "year"
    else:
        d = draw(st.dates(date(y, 1, 1), date(y, 12, 31)))
        text = draw(st.sampled_from([f"{d.day} {FULL[d.month - 1]} {y}", f"{d:%Y-%m-%d}",
                                     f"{d.day:02d}/{d.month:02d}/{y}",
                                     f"{SHORT[d.month - 1]} {d.day}, {y}"]))
        kind = "exact"
    return draw(st.sampled_from([text, text.lower(), text.upper()])), kind, y


@settings(max_examples=500)
@given(st.text())
def test_round_trip_for_any_text(text):
    fd = FuzzyDate.parse(text)
    assert str(fd) == text and fd.text == text
    assert isinstance(fd.reading(), str) and isinstance(fd.sort_key(), tuple)
    if fd.start is not None and fd.end is not None:
        assert fd.start <= fd.end


@given(st.text(alphabet=st.sampled_from("0123456789/-–. QqwcbyfromJulSeptAutumn()ongi,;"),
               max_size=30), st.booleans())
def test_round_trip_for_date_like_text(text, financial):
    fd = FuzzyDate.parse(text, financial=financial)
    assert str(fd) == text
    if fd.start is not None and fd.end is not None:
        assert fd.start <= fd.end


@given(valid_dates(), st.booleans())
def test_generated_dates_read(case, financial):
    text, kind, year = case
    fd = FuzzyDate.parse(text, financial=financial)
    assert fd.is_readable and not fd.is_tbc, text
    assert fd.kind == kind
    assert fd.start <= fd.end
    assert fd.start.year in ((year, year + 1) if kind == "quarter" else (year,))
    assert fd.reading() != "cannot read this date"


def _rank(fd: FuzzyDate) -> int:
    if not fd.is_readable:
        return 3
    if fd.is_tbc:
        return 2
    return 0 if (fd.start or fd.end) else 1


anything = st.one_of(valid_dates().map(lambda c: c[0]), st.sampled_from(TBC_TEXTS),
                     st.sampled_from(UNREADABLE_TEXTS), st.text(max_size=12))


@given(st.lists(anything, max_size=25), st.booleans())
def test_ordering_is_total_and_follows_start(texts, financial):
    dates = [FuzzyDate.parse(t, financial=financial) for t in texts]
    ordered = sorted(dates)
    ranks = [_rank(d) for d in ordered]
    assert ranks == sorted(ranks)  # dated, undated readable, TBC, unreadable
    anchors = [d.start or d.end for d in ordered if _rank(d) == 0]
    assert anchors == sorted(anchors)
    starts = [d.start for d in ordered if d.start is not None]
    assert starts == sorted(starts)
    for a, b in itertools.product(dates[:10], repeat=2):
        assert [a < b, a == b, a > b].count(True) == 1
        assert (a <= b) == (a < b or a == b)
        assert (a < b) == (a.sort_key() < b.sort_key())


@given(st.lists(st.one_of(valid_dates().map(lambda c: c[0]),
                          st.sampled_from([t for t in TBC_TEXTS if t])), min_size=1, max_size=6),
       st.booleans())
def test_parse_dates_splits_what_was_joined(parts, financial):
    found = parse_dates("; ".join(parts), financial=financial)
    assert found == [FuzzyDate.parse(p, financial=financial) for p in parts]


@pytest.mark.parametrize("text, start, end", [
    ("March/April 2023", date(2023, 3, 1), date(2023, 4, 30)),
    ("Jul/Aug 2022", date(2022, 7, 1), date(2022, 8, 31)),
])
def test_two_months_sharing_a_year_read_as_one_span(text, start, end):
    parsed = FuzzyDate.parse(text)
    assert (parsed.start, parsed.end, parsed.kind, str(parsed)) == (start, end, "range", text)


def test_a_slash_between_two_full_dates_names_two_dates():
    # Policy events as papers write them: the Autumn Budget in both years.
    assert [d.reading() for d in parse_dates("Oct 2022/Oct 2023")] == ["Oct 2022", "Oct 2023"]
    assert not FuzzyDate.parse("Oct 2022/Oct 2023").is_readable
