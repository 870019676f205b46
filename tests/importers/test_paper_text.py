"""The paper-text importer on our own fixtures: shapes the seeds do not show, bad files, hostile
text and the dry-run description."""
from __future__ import annotations

from pathlib import Path

import pytest

from lcplanner.domain.counts import count_plan
from lcplanner.importers.lines import logical_lines
from lcplanner.importers.paper_text import PaperImportError, describe, parse_paper, read_source

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

#: A small fictional paper in the 2020/21 shape (header, portfolios → priorities → outputs).
SMALL_PAPER = """\
Item no: 7
Executive
Corporate Plan 2031/32
Report by: Sam Okafor Job title: Director of Policy
Date: 12 May 2031
Contact Officer:
Priya Shah
Telephone:0207 000 0000Email: priya.shah@example.org

Summary: This paper presents the draft plan for comment.

Recommendations: The Executive is asked to:
• comment on the draft plan
• agree the portfolio priorities

1. Finance and Performance

1 Secure fair funding for member councils

Member councils receive a fair share of national funding.

Outputs
a) Publish evidence on the cost of temporary accommodation.
b) Respond to the funding consultation, arguing for:
   i. a multi-year settlement
   ii. an end to competitive bidding
      - including for capital funds
c) Hold a funding summit with treasurers.

2 Support councils to improve

Councils deliver improving services and share what works.

(a) Run a peer review programme
(b) Share benchmarking data every quarter

2. Transport

1 Keep concessionary travel running well

Older and disabled residents travel free on public transport.

a.\tRenew the travel pass contract.
b.\tMove applications online.
"""


def test_small_paper_reads_header_and_numbers():
    plan = parse_paper(SMALL_PAPER, source_name="small.txt")
    paper = plan.papers[0]
    assert (paper.committee, paper.item_number, paper.meeting_date) == (
        "Executive", "7", "12 May 2031")
    assert (paper.report_by, paper.job_title) == ("Sam Okafor", "Director of Policy")
    assert paper.contact_officer == "Priya Shah"
    assert paper.telephone == "0207 000 0000"
    assert paper.email == "priya.shah@example.org"
    assert [r.text for r in paper.recommendations] == [
        "comment on the draft plan", "agree the portfolio priorities"]
    assert plan.title == "Corporate Plan 2031/32" and plan.period == "2031/32"
    assert plan.source_name == "small.txt"
    counts = count_plan(plan)
    assert (counts["portfolios"], counts["priorities"], counts["outputs"]) == (2, 3, 7)
    consultation = plan.portfolios[0].priorities[0].outputs[1]
    assert [(s.level, s.text) for s in consultation.sub_points] == [
        (0, "a multi-year settlement"), (0, "an end to competitive bidding"),
        (1, "including for capital funds")]
    assert plan.portfolios[0].priorities[1].outputs[0].text == "Run a peer review programme"
    assert plan.portfolios[1].priorities[0].outputs[0].text == "Renew the travel pass contract."


def test_describe_shows_derived_numbers():
    text = describe(parse_paper(SMALL_PAPER))
    lines = text.splitlines()
    assert "  1 Finance and Performance" in lines
    assert "    1.1 Secure fair funding for member councils" in lines
    assert "    1.2 Support councils to improve" in lines
    assert "        a Publish evidence on the cost of temporary accommodation." in lines
    assert "            i a multi-year settlement" in lines
    assert "            ii an end to competitive bidding" in lines
    assert "  Item: 7" in lines
    assert lines[-1].startswith("Counts: portfolios 2")


def test_directorate_fixture():
    plan = parse_paper(read_source(FIXTURES / "paper_directorate.txt"))
    assert plan.papers == []  # no committee header at all
    assert [(p.name, p.kind) for p in plan.portfolios] == [
        ("Policy & Public Affairs Directorate", "directorate"),
        ("Services Directorate", "directorate")]
    policy = plan.portfolios[0]
    assert [g.name for g in policy.service_groups] == [
        "Finance and Resourcing", "Housing and Planning", "Climate and Environment"]
    assert len(policy.priorities) == 7
    assert policy.priorities[3].title == "Press for new powers to bring empty homes back into use"
    assert policy.priorities[3].service_group.name == "Housing and Planning"
    counts = count_plan(plan)
    assert (counts["priorities"], counts["outputs"]) == (10, 0)
    assert plan.title == "Corporate Plan 2024/25"
    assert "London" not in plan.organisation


def test_memo_is_not_a_plan():
    text = read_source(FIXTURES / "paper_memo.txt")
    with pytest.raises(PaperImportError) as err:
        parse_paper(text)
    message = str(err.value)
    assert message.endswith(".") and "business plan" in message


@pytest.mark.parametrize("text", [
    "Eggs\nMilk\nBread\nWashing-up liquid\n",
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n\nSed do eiusmod tempor.\n",
    "Item no: 3\nExecutive\nReport by: A Person\nDate: 1 May 2030\n\nSummary: Nothing here.\n",
])
def test_other_non_plans_are_refused(text):
    with pytest.raises(PaperImportError):
        parse_paper(text)


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "plan.docx"
    path.write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 4)
    with pytest.raises(PaperImportError, match="binary"):
        read_source(path)


def test_control_character_soup_is_refused(tmp_path):
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(1, 32)) * 40 + b"some words")
    with pytest.raises(PaperImportError, match="binary"):
        read_source(path)


def test_empty_and_blank_files_are_refused(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_bytes(b"  \r\n\t\n   \n")
    with pytest.raises(PaperImportError, match="empty"):
        read_source(empty)
    with pytest.raises(PaperImportError, match="blank"):
        read_source(blank)


def test_cp1252_and_bom_and_crlf(tmp_path):
    cp = tmp_path / "cp1252.txt"
    cp.write_bytes(SMALL_PAPER.replace("Finance and Performance", "Finance – Council’s Performance")
                   .replace("\n", "\r\n").encode("cp1252"))
    text = read_source(cp)
    assert "\r" not in text
    plan = parse_paper(text)
    assert plan.portfolios[0].name == "Finance – Council’s Performance"
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + SMALL_PAPER.encode("utf-8"))
    assert read_source(bom).startswith("Item no: 7")


def test_hostile_text_survives_intact():
    long_word = "x" * 1000
    hostile = (SMALL_PAPER
               .replace("Finance and Performance", "Finance <b>& Performance</b> 🎉")
               .replace("Secure fair funding for member councils",
                        "Secure fair funding \x07for councils بلدية עירייה")
               .replace("Member councils receive a fair share of national funding.",
                        f"Councils receive a fair share {long_word} of funding.")
               .replace("Hold a funding summit with treasurers.",
                        "Hold a summit <script>alert(1)</script> & report back."))
    plan = parse_paper(hostile)
    finance = plan.portfolios[0]
    assert finance.name == "Finance <b>& Performance</b> 🎉"
    priority = finance.priorities[0]
    assert priority.title == "Secure fair funding for councils بلدية עירייה"  # BEL dropped
    assert long_word in priority.outcome
    assert priority.outputs[2].text == "Hold a summit <script>alert(1)</script> & report back."
    assert "🎉" in describe(plan)


def test_source_digest_identifies_the_text():
    first = parse_paper(SMALL_PAPER)
    again = parse_paper(SMALL_PAPER)
    other = parse_paper(SMALL_PAPER.replace("Transport", "Transport and Highways"))
    assert first.source_digest == again.source_digest != other.source_digest
    assert len(first.source_digest) == 64


def test_broken_sentences_are_rejoined():
    lines = logical_lines("- d. Repeat the analysis and work with\n\n"
                          "- treasurers to influence the review.\n"
                          "- e. Develop a repository.\n"
                          "Deliver at least 2500 charging points by 2022, including the option for\n\n"
                          "20 rapid charge points in each borough.\n")
    assert [ln.text for ln in lines] == [
        "Repeat the analysis and work with treasurers to influence the review.",
        "Develop a repository.",
        "Deliver at least 2500 charging points by 2022, including the option for "
        "20 rapid charge points in each borough."]
    assert [ln.enum for ln in lines] == ["d", "e", ""]


def test_objectives_with_milestones_from_plain_text():
    text = """\
2. Milestones

2.1 Stronger Communities: a fair deal for every neighbourhood.

- Safer streets
- Youth services

- Launch a youth services review in six councils Spring 2032 – findings shared with all members. (Youth services)
- Publish a safer streets toolkit by Jan 2033 for ward councillors. (*Safer streets – Youth services*)
"""
    plan = parse_paper(text)
    objective = plan.objectives[0]
    assert (objective.title, objective.strapline) == (
        "Stronger Communities", "a fair deal for every neighbourhood")
    assert [s.title for s in objective.sub_priorities] == ["Safer streets", "Youth services"]
    first, second = objective.milestones
    assert first.name == "Launch a youth services review in six councils"
    assert [d.text for d in first.dates] == ["Spring 2032"]
    assert [t.title for t in first.tags] == ["Youth services"]
    assert [d.text for d in second.dates] == ["by Jan 2033"]
    assert [t.title for t in second.tags] == ["Safer streets", "Youth services"]


def test_typed_numbering_same_style_for_portfolios_and_priorities():
    text = """\
1. Finance

1. Deliver fair funding for councils

Councils receive a fair share of funding.

a. Publish a funding report.
b. Brief members of parliament.

2. Support councils to improve

Councils improve year on year.

a. Run peer reviews.

2. Housing

1. Build more council homes

More homes are started each year.

a. Share a pipeline of sites.
"""
    plan = parse_paper(text)
    assert [p.name for p in plan.portfolios] == ["Finance", "Housing"]
    assert [q.title for q in plan.portfolios[0].priorities] == [
        "Deliver fair funding for councils", "Support councils to improve"]
    assert count_plan(plan)["outputs"] == 4


_LINKED = """Business Plan 2026/27

Themes

Clean streets

Every street is swept and every bin is emptied on time.

Safe parks

Parks are lit, open and looked after.

1. Neighbourhoods

1.1 Keep the town centre tidy

Outcome: Residents rate the town centre as clean in the annual survey.

Theme: Clean streets, Safe parks.

a. Add a second evening sweep in the market square

b. Publish the cleansing rota online

1.2 Reopen the lido

Outcome: The lido opens for the summer season.

Theme: Open water.

a. Repair the lido pumps
"""


def test_a_priority_link_line_tags_its_themes_and_an_unknown_theme_stays_a_note():
    """"Theme: A, B." under a priority (as clerks and our writers print it) tags the
    priority; a theme the plan does not hold is kept, word for word, as the priority's note."""
    from lcplanner.importers.paper_text import read_paper as read_text_paper

    read = read_text_paper(_LINKED)
    tidy, lido = read.plan.portfolios[0].priorities
    assert [t.name for t in tidy.themes] == ["Clean streets", "Safe parks"]
    assert tidy.note == ""
    assert [o.text for o in tidy.outputs] == [
        "Add a second evening sweep in the market square", "Publish the cleansing rota online"]
    assert lido.themes == [] and lido.note == "Theme: Open water."
    coverage = read.coverage()
    assert (coverage.words_share, coverage.sentences_share) == (1.0, 1.0)


_APPENDICES_TYPED = """Business Plan 2026/27

Appendix C: Pledges

Streets and spaces

1. Sweep every shopping parade twice a week

2. Keep every park open until dusk

Homes

3. Inspect every privately rented home once in five years

Appendix D: Work areas by portfolio

1\tNeighbourhoods

1. Street cleansing contract management

2. Parks and open spaces

2\tHousing

3. Private rented sector licensing
"""


def test_pledge_areas_over_numbered_pledges_then_work_areas_under_tab_numbered_portfolios():
    """A pledge area's heading is followed by its numbered pledges (short, heading-like lines);
    the next appendix opens a part of its own; portfolios numbered "1<tab>Name" hold the work
    areas numbered "1." that run on beneath them."""
    plan = parse_paper(_APPENDICES_TYPED)
    assert [(a.name, [p.text for p in a.pledges]) for a in plan.pledge_areas] == [
        ("Streets and spaces", ["Sweep every shopping parade twice a week",
                                "Keep every park open until dusk"]),
        ("Homes", ["Inspect every privately rented home once in five years"])]
    assert [(pf.name, [w.text for w in pf.work_areas]) for pf in plan.portfolios] == [
        ("Neighbourhoods", ["Street cleansing contract management", "Parks and open spaces"]),
        ("Housing", ["Private rented sector licensing"])]


_TAB_OUTLINE = """Business Plan 2026/27

1\tIntroduction

1.1\tThis plan was drafted with each portfolio holder in the spring.

1.2\tLibraries: the service review reports to the Executive in the autumn.

2\tCulture and Leisure

drafted before the new portfolio holder took office

2.1\tWiden access to libraries, museums and sports centres for residents on low incomes.

Outcome: More residents on low incomes use a library or sports centre every month.

a. Extend the leisure card to every household on council tax support

Venues

2.2\tKeep the town museum open six days a week

Outcome: The museum opens six days a week all year.

a. Recruit a volunteer front-of-house team

3\tArchives

3.1\tCatalogue and digitise the parish, vestry and rate book records held in the borough archive for public use

a. Digitise the rate books first
"""


def test_tab_numbered_portfolio_with_a_note_long_titles_over_outcomes_and_a_group():
    """"2<tab>Name" over "2.1<tab>Title" with an outcome is a portfolio and its priority (a
    title ending in a full stop included); the lower-case remark under the heading is the
    portfolio's note, not part of its name; a heading between priorities is a group."""
    plan = parse_paper(_TAB_OUTLINE)
    pf, archives = plan.portfolios
    assert plan.objectives == []  # "1.2 Libraries: …" after "1.1": a paragraph
    assert [(p.title, [o.text for o in p.outputs]) for p in archives.priorities] == [
        ("Catalogue and digitise the parish, vestry and rate book records held in the "
         "borough archive for public use", ["Digitise the rate books first"])]
    assert pf.name == "Culture and Leisure"
    assert pf.note == "drafted before the new portfolio holder took office"
    assert [(p.title, p.service_group.name if p.service_group else "") for p in pf.priorities] \
        == [("Widen access to libraries, museums and sports centres for residents on low "
             "incomes.", ""), ("Keep the town museum open six days a week", "Venues")]
    assert [len(p.outputs) for p in pf.priorities] == [1, 1]


def test_a_committee_label_opening_a_header_line_names_the_committee():
    """"Committee:<tab>Cabinet" is the committee (not the body named by the sentence that
    introduces the recommendations); "the Audit Committee: …" inside a sentence is no label."""
    plan = parse_paper("Committee:\tCabinet\n\nItem no:\t7\n\nBusiness Plan 2026/27\n\n"
                       "The Leaders' Board is asked to:\n\na. approve the plan\n\n"
                       "Themes\n\nClean streets\n\nWe report to the Audit Committee: it meets "
                       "each quarter and reviews every risk.\n")
    paper = plan.papers[0]
    assert (paper.committee, paper.item_number) == ("Cabinet", "7")
    assert [r.text for r in paper.recommendations] == ["approve the plan"]
