"""Rules that let an exported paper be read back: each on a small paper of our own writing.

A Word or PDF reader knows which lines are headings; the text alone does not ("Who we work for"
ends on a word no sentence ends on). These papers are made by python-docx with Word's own
heading styles, the way a clerk's paper is built.
"""
from __future__ import annotations

from docx import Document

from lcplanner.importers.lines import logical_lines
from lcplanner.importers.source import read_paper


def _portfolio(document, number: int, name: str, priorities) -> None:
    """ "1<tab>Name" over "1.1<tab>Title", an outcome and lettered outputs (typed letters)."""
    document.add_heading(f"{number}\t{name}", level=2)
    for k, (title, outcome, outputs) in enumerate(priorities, 1):
        document.add_heading(f"{number}.{k}\t{title}", level=3)
        document.add_paragraph(f"Outcome: {outcome}")
        for letter, text in zip("abcdefgh", outputs):
            document.add_paragraph(f"{letter}. {text}")


_PARKS = [("Open the riverside walk", "The walk is open from end to end all year.",
           ["Agree the route with landowners", "Lay the path surface"]),
          ("Plant street trees", "Every ward has more trees than last year.",
           ["Survey the verges", "Plant two hundred trees"])]
_LIBRARIES = [("Keep branch libraries open", "No branch closes during the year.",
               ["Recruit volunteers for the smaller branches"])]


def test_a_heading_never_runs_into_the_paragraph_below():
    text = "Who we work for\n\nResidents of the valley and the towns along it.\n"
    assert [ln.text for ln in logical_lines(text)] == [
        "Who we work for Residents of the valley and the towns along it."]  # text alone: joined
    lines = logical_lines(text, [(0, 0, True), (2, 2, False)])
    assert [(ln.text, ln.heading) for ln in lines] == [
        ("Who we work for", True), ("Residents of the valley and the towns along it.", False)]


def test_a_heading_set_on_two_lines_is_one_heading():
    text = "Parks and open spaces for the\nwhole district\n\nWe look after forty parks.\n"
    lines = logical_lines(text, [(0, 1, True), (3, 3, False)])
    assert [ln.text for ln in lines] == ["Parks and open spaces for the whole district",
                                         "We look after forty parks."]


def test_paragraphs_the_reader_found_run_on_only_where_they_plainly_do():
    """A numbered title line and its description are two paragraphs to a reader, though the
    title has no full stop (as text alone they join: a wrapped list item)."""
    title = "2.1 Keep every branch library open on Saturdays and during the school holidays"
    text = (f"{title}\n\n       Opening hours stay as they are in all twelve branches,\n"
            "       with volunteers in the smallest ones.\n\n2.2 Move the mobile library to\n\n"
            "       electric power by the end of the year.\n"
            + "\nThe committee meets monthly and publishes its minutes within ten working days.\n"
            * 20)  # a page of wrapped prose around them
    layout = [(0, 0, False), (2, 3, False), (5, 5, False), (7, 7, False)] + [
        (9 + 2 * k, 9 + 2 * k, False) for k in range(20)]
    read = [ln.text for ln in logical_lines(text, layout)][:3]
    assert read == [title[4:], "Opening hours stay as they are in all twelve branches, with "
                    "volunteers in the smallest ones.",
                    "Move the mobile library to electric power by the end of the year."]


def test_word_heading_ending_on_a_function_word_keeps_its_own_line(tmp_path):
    document = Document()
    document.add_heading("Service Plan 2026/27", level=1)
    document.add_heading("Who we work for", level=2)
    document.add_paragraph("Residents of the valley and the towns along it.")
    _portfolio(document, 1, "Parks and Leisure", _PARKS)
    _portfolio(document, 2, "Libraries", _LIBRARIES)
    path = tmp_path / "plan.docx"
    document.save(path)
    plan = read_paper(path).plan
    assert [(s.title, s.body) for s in plan.sections] == [
        ("Who we work for", "Residents of the valley and the towns along it.")]
    assert [pf.name for pf in plan.portfolios] == ["Parks and Leisure", "Libraries"]


def _committee_paper(tmp_path):
    document = Document()
    for label, value in (("Committee", "Cabinet"), ("Date", "3 March 2027"),
                         ("Report by", "Jo Finch")):
        document.add_paragraph(f"{label}:\t{value}")
    document.add_heading("Valley District Council Service Plan 2026/27", level=1)
    document.add_heading("Summary", level=2)
    document.add_paragraph("This paper sets out the service plan for the coming year.")
    document.add_heading("1\tIntroduction", level=2)
    document.add_paragraph("1.1\tThe plan was drafted with each cabinet member.")
    document.add_heading("Themes", level=2)
    for name, text in (("A greener valley", "Less carbon, more trees, cleaner water."),
                       ("Thriving towns", "High streets people choose to visit.")):
        document.add_heading(name, level=3)
        document.add_paragraph(text)
    document.add_heading("Appendices", level=2)
    document.add_paragraph("Appendix A: Service priorities")
    document.add_heading("Background papers", level=2)
    document.add_paragraph("Cabinet minutes of 12 January 2027")
    document.add_paragraph("Service Plan 2025/26")
    document.add_page_break()
    document.add_heading("Appendix A: Service priorities", level=1)
    _portfolio(document, 1, "Parks and Leisure", _PARKS)
    _portfolio(document, 2, "Libraries", _LIBRARIES)
    document.add_page_break()
    document.add_heading("Appendix B: Pledges", level=1)
    document.add_heading("Our streets", level=2)
    for pledge in ("Fill every reported pothole within a week",
                   "Light every footpath to the station"):
        document.add_paragraph(pledge, style="List Number")
    path = tmp_path / "paper.docx"
    document.save(path)
    return path


def test_appendices_heading_lists_the_appendices_and_background_papers_end_at_a_heading(
        tmp_path):
    plan = read_paper(_committee_paper(tmp_path)).plan
    paper = plan.papers[0]
    assert [a.title for a in paper.appendices] == ["Service priorities"]
    assert [b.text for b in paper.background_papers] == [
        "Cabinet minutes of 12 January 2027", "Service Plan 2025/26"]
    assert [s.title for s in paper.body] == ["Introduction"]
    assert [pf.name for pf in plan.portfolios] == ["Parks and Leisure", "Libraries"]
    assert [[p.title for p in pf.priorities] for pf in plan.portfolios] == [
        ["Open the riverside walk", "Plant street trees"], ["Keep branch libraries open"]]


def test_headings_that_only_name_plan_content_are_not_sections(tmp_path):
    """ "Themes" over the themes, and an appendix heading after the ones the paper lists
    ("Appendix B: Pledges" when it lists only A), name the plan content read under them."""
    read = read_paper(_committee_paper(tmp_path))
    plan = read.plan
    assert [t.name for t in plan.themes] == ["A greener valley", "Thriving towns"]
    assert [(a.name, [p.text for p in a.pledges]) for a in plan.pledge_areas] == [
        ("Our streets", ["Fill every reported pothole within a week",
                         "Light every footpath to the station"])]
    assert plan.sections == [] and [s.title for s in plan.papers[0].body] == ["Introduction"]
    assert [copy for what, copy in read.merges if "heading" in what] == [
        "Themes", "Appendix A: Service priorities", "Appendix B: Pledges"]


def _cell(cell, paragraphs, bold_lead: str = "") -> None:
    """Fill a table cell: its first paragraph may open with a bold name."""
    first = cell.paragraphs[0]
    if bold_lead:
        first.add_run(bold_lead).bold = True
        first.add_run(" " + paragraphs[0])
    else:
        first.add_run(paragraphs[0])
    for text in paragraphs[1:]:
        cell.add_paragraph(text)


def _milestone_paper(tmp_path):
    """Objectives as a heading, a strapline, 'Core area:', a 'Sub-priorities:' list and a
    milestone table whose columns are not in the usual order; then policy events."""
    document = Document()
    document.add_heading("Delivery Plan 2026/27", level=1)
    for title, strapline, core, subs, rows in (
            ("Cleaner rivers", "every stretch fit to swim in", "Our environment",
             ["Sewage outflows", "Farm run-off"],
             [(["June 2027"], ["Sewage outflows"], "Survey the outflows",
               "Every outflow mapped and measured.", "On track"),
              (["Q3 2026", "by March 2027"], ["Sewage outflows", "Farm run-off"],
               "Catchment agreement", "Farmers and the water company sign one plan.",
               "At risk")]),
            ("Warm homes", "no household choosing between heat and food", "Our people",
             ["Insulation"],
             [(["Winter 2026"], ["Insulation"], "Loft insulation drive",
               "Two thousand lofts insulated.", "On track")])):
        document.add_heading(title, level=2)
        document.add_paragraph(strapline)
        document.add_paragraph(f"Core area: {core}")
        document.add_paragraph("Sub-priorities:")
        for sub in subs:
            document.add_paragraph(sub, style="List Bullet")
        table = document.add_table(rows=1, cols=4)
        for cell, head in zip(table.rows[0].cells, ("Date", "Sub-priorities", "Milestone",
                                                    "Status")):
            cell.text = head
        for dates, tags, name, text, status in rows:
            cells = table.add_row().cells
            _cell(cells[0], dates)
            _cell(cells[1], tags)
            _cell(cells[2], [text], bold_lead=name)
            _cell(cells[3], ["\u25cf " + status])
    document.add_heading("Policy events", level=2)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Date", "Event"
    for date, event in (("Nov 2026", "Autumn statement"), ("May 2027", "County elections")):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = date, event
    path = tmp_path / "milestones.docx"
    document.save(path)
    return path


def test_objectives_set_out_under_headings_with_a_milestone_table(tmp_path):
    read = read_paper(_milestone_paper(tmp_path))
    plan = read.plan
    assert [(o.title, o.strapline, o.core_area.name) for o in plan.objectives] == [
        ("Cleaner rivers", "every stretch fit to swim in", "Our environment"),
        ("Warm homes", "no household choosing between heat and food", "Our people")]
    assert [a.name for a in plan.core_areas] == ["Our environment", "Our people"]
    assert [[s.title for s in o.sub_priorities] for o in plan.objectives] == [
        ["Sewage outflows", "Farm run-off"], ["Insulation"]]
    milestones = [(m.name, m.text, [d.text for d in m.dates], [t.title for t in m.tags],
                   m.status.name) for o in plan.objectives for m in o.milestones]
    assert milestones == [
        ("Survey the outflows", "Every outflow mapped and measured.", ["June 2027"],
         ["Sewage outflows"], "On track"),
        ("Catchment agreement", "Farmers and the water company sign one plan.",
         ["Q3 2026", "by March 2027"], ["Sewage outflows", "Farm run-off"], "At risk"),
        ("Loft insulation drive", "Two thousand lofts insulated.", ["Winter 2026"],
         ["Insulation"], "On track")]
    assert [(e.date_text, e.text) for e in plan.policy_events] == [
        ("Nov 2026", "Autumn statement"), ("May 2027", "County elections")]
    # the bare heading over the events only names them: listed as merged, not a section
    assert plan.sections == [] and ("merged: the heading 'Policy events' into the policy "
                                    "events under it", "Policy events") in read.merges


def test_a_name_over_the_committee_fields_is_the_organisation_and_the_title_follows(
        tmp_path):
    document = Document()
    document.add_paragraph("Kestrel Valley Partnership")
    for label, value in (("Committee", "Joint Board"), ("Item no", "6"),
                         ("Date", "4 May 2027")):
        document.add_paragraph(f"{label}:\t{value}")
    document.add_heading("Our Shared Ambitions for the Valley", level=1)
    document.add_paragraph("Report by:\tSam Idris")
    document.add_heading("Summary", level=2)
    document.add_paragraph("This paper sets out the milestones for the year.")
    _portfolio(document, 1, "Parks and Leisure", _PARKS)
    _portfolio(document, 2, "Libraries", _LIBRARIES)
    path = tmp_path / "paper.docx"
    document.save(path)
    plan = read_paper(path).plan
    assert plan.papers[0].title == "Our Shared Ambitions for the Valley"
    assert plan.organisation == "Kestrel Valley Partnership"
    assert plan.papers[0].committee == "Joint Board"


def test_tab_numbered_portfolios_over_service_group_headings_hold_their_work_areas():
    """ "1<tab>Name", a service group's heading, then work areas numbered "1." on: the
    portfolio's heading is told from its groups by its own numbering style."""
    from lcplanner.importers.paper_text import parse_paper

    plan = parse_paper(
        "Work areas by portfolio\n\n1\tParks and Leisure\n\nGrounds team\n\n"
        "1. Mow the parks each fortnight\n\n2. Prune the avenue trees\n\n"
        "Leisure centres\n\n3. Reopen the lido\n\n2\tLibraries\n\nGrounds team\n\n"
        "4. Tend the library gardens\n\nBranch network\n\n5. Extend Saturday hours\n")
    assert [(pf.name, [g.name for g in pf.service_groups],
             [(a.text, a.service_group.name) for a in pf.work_areas])
            for pf in plan.portfolios] == [
        ("Parks and Leisure", ["Grounds team", "Leisure centres"],
         [("Mow the parks each fortnight", "Grounds team"),
          ("Prune the avenue trees", "Grounds team"), ("Reopen the lido", "Leisure centres")]),
        ("Libraries", ["Grounds team", "Branch network"],
         [("Tend the library gardens", "Grounds team"),
          ("Extend Saturday hours", "Branch network")])]


def test_dry_run_shows_an_appendix_title_that_names_itself_as_the_paper_does():
    from lcplanner.domain.model import Appendix, CommitteePaper, Plan
    from lcplanner.importers.describe import describe

    plan = Plan(title="Service Plan 2026/27")
    plan.papers.append(CommitteePaper(title="Service Plan"))
    plan.papers[0].appendices += [Appendix(title="Appendix One: Priorities"),
                                  Appendix(title="Budget lines")]
    assert [ln for ln in describe(plan).splitlines() if "Appendix" in ln] == [
        "  Appendix One: Priorities", "  Appendix B: Budget lines"]


def test_body_sections_follow_the_readers_headings_not_the_length_of_a_line(tmp_path):
    """A heading longer than a heading usually is (it carries a remark in brackets) still opens
    its section; a short numbered title line and a short paragraph among numbered paragraphs
    are paragraphs of the section, not headings of their own."""
    document = Document()
    for label, value in (("Committee", "Cabinet"), ("Date", "3 March 2027")):
        document.add_paragraph(f"{label}:\t{value}")
    document.add_heading("Service Plan 2026/27", level=1)
    document.add_heading("Summary", level=2)
    document.add_paragraph("What each service will do in the year.")
    document.add_heading("1\tParks", level=2)
    document.add_paragraph("1.1\tTree planting")
    document.add_paragraph("Two hundred trees are planted along the ring road.")
    document.add_paragraph("Pocket parks")
    document.add_paragraph("Three corner plots become small gardens.")
    document.add_paragraph("1.2\tThe lido reopens in May.")
    document.add_heading("2\tLibraries (this part reflects only early talks with the new "
                         "cabinet member)", level=2)
    document.add_paragraph("2.1\tBranches keep their opening hours.")
    document.add_page_break()
    document.add_heading("Appendix A: Service priorities", level=1)
    _portfolio(document, 1, "Parks and Leisure", _PARKS)
    _portfolio(document, 2, "Libraries", _LIBRARIES)
    path = tmp_path / "paper.docx"
    document.save(path)
    body = read_paper(path).plan.papers[0].body
    assert [(s.title, s.body.split("\n\n")) for s in body] == [
        ("Parks", ["Tree planting", "Two hundred trees are planted along the ring road.",
                   "Pocket parks", "Three corner plots become small gardens.",
                   "The lido reopens in May."]),
        ("Libraries (this part reflects only early talks with the new cabinet member)",
         ["Branches keep their opening hours."])]


def test_a_line_of_a_readers_paragraph_joins_it_though_it_starts_a_word_in_capitals():
    text = ("       Managing the travel scheme that serves around 60,000\n"
            "       Londoners with severe mobility impairments.\n\n"
            "       a. Move renewals online\n\n")
    lines = logical_lines(text, [(0, 1, False), (3, 3, False)])
    assert [ln.text for ln in lines] == [
        "Managing the travel scheme that serves around 60,000 Londoners with severe mobility "
        "impairments.", "Move renewals online"]


def test_a_paragraph_cut_by_a_page_break_is_one_block_of_the_pdf(tmp_path):
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from lcplanner.importers.readers.pdf import read_pdf_blocks

    words = ("The valley councils share one depot for gritting lorries and one contract for "
             "street lighting repairs, and they plan to share more services in turn ") * 4
    sentence = words.strip() + " over the coming three years."
    path = tmp_path / "cut.pdf"
    style = getSampleStyleSheet()["BodyText"]
    SimpleDocTemplate(str(path), pagesize=(320, 240), topMargin=40, bottomMargin=40).build(
        [Paragraph("Our shared services", getSampleStyleSheet()["Heading2"]),
         Paragraph(sentence, style), Paragraph("A second paragraph follows it.", style)])
    blocks = [b for b in read_pdf_blocks(path) if not b.is_furniture]
    assert {b.page for b in blocks} == {1, 2}
    texts = [" ".join(b.text.split()) for b in blocks]
    assert texts == ["Our shared services", sentence, "A second paragraph follows it."]


def _pdf_milestone_paper(path):
    """A PDF (reportlab) with an objective set out under a heading and a ruled milestone table:
    the name in bold over its text in one cell, two dates and two sub-priorities as paragraphs
    of their cells; then a Date|Event table of policy events."""
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    sheet = getSampleStyleSheet()
    body, head = sheet["BodyText"], sheet["Heading2"]
    rules = TableStyle([("LINEABOVE", (0, 0), (-1, 0), 0.9, "black"),
                        ("LINEBELOW", (0, 0), (-1, -1), 0.4, "black"),
                        ("VALIGN", (0, 0), (-1, -1), "TOP")])

    def cell(*paragraphs):
        return [Paragraph(text, body) for text in paragraphs]

    milestones = Table(
        [[cell("<b>Milestone</b>"), cell("<b>Date</b>"), cell("<b>Sub-priorities</b>"),
          cell("<b>Status</b>")],
         [cell("<b>Survey the outflows</b><br/>Every outflow mapped and measured by the "
               "water company and the river trust together."), cell("June 2027"),
          cell("Sewage outflows"), cell("On track")],
         [cell("<b>Catchment agreement</b><br/>Farmers and the water company sign one plan."),
          cell("Q3 2026", "by March 2027"), cell("Sewage outflows", "Farm run-off"),
          cell("At risk")]], colWidths=[200, 90, 110, 70])
    milestones.setStyle(rules)
    events = Table([[cell("<b>Date</b>"), cell("<b>Event</b>")],
                    [cell("Nov 2026"), cell("Autumn statement")],
                    [cell("May 2027"), cell("County elections")]], colWidths=[120, 350])
    events.setStyle(rules)
    SimpleDocTemplate(str(path)).build([
        Paragraph("Delivery Plan 2026/27", sheet["Heading1"]),
        Paragraph("Cleaner rivers", head), Paragraph("every stretch fit to swim in", body),
        Paragraph("Core area: Our environment", body), Paragraph("Sub-priorities:", body),
        Paragraph("- Sewage outflows", body), Paragraph("- Farm run-off", body),
        milestones, Paragraph("Policy events", head), events])
    return path


def test_a_pdf_table_is_read_by_its_rules_and_column_headings(tmp_path):
    plan = read_paper(_pdf_milestone_paper(tmp_path / "plan.pdf")).plan
    assert [(o.title, o.strapline, o.core_area.name, [s.title for s in o.sub_priorities])
            for o in plan.objectives] == [
        ("Cleaner rivers", "every stretch fit to swim in", "Our environment",
         ["Sewage outflows", "Farm run-off"])]
    assert [(m.name, m.text, [d.text for d in m.dates], [t.title for t in m.tags],
             m.status.name) for m in plan.objectives[0].milestones] == [
        ("Survey the outflows", "Every outflow mapped and measured by the water company and "
         "the river trust together.", ["June 2027"], ["Sewage outflows"], "On track"),
        ("Catchment agreement", "Farmers and the water company sign one plan.",
         ["Q3 2026", "by March 2027"], ["Sewage outflows", "Farm run-off"], "At risk")]
    assert [(e.date_text, e.text) for e in plan.policy_events] == [
        ("Nov 2026", "Autumn statement"), ("May 2027", "County elections")]


def test_a_pdf_table_row_cut_by_a_page_break_is_one_row(tmp_path):
    """A long milestone split across two pages (its header repeated atop the second) is one
    milestone with all its text; the rows after it stay rows of their own."""
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    body = getSampleStyleSheet()["BodyText"]
    long_text = " ".join(f"Stage {n} of the river survey covers another reach of the valley."
                         for n in range(1, 70))
    rows = [[Paragraph("<b>Milestone</b>", body), Paragraph("<b>Date</b>", body)]]
    for name, text, date in (("Survey the weirs", long_text, "June 2027"),
                             ("Publish the findings", "A report to the partnership.",
                              "Sept 2027")):
        rows.append([Paragraph(f"<b>{name}</b><br/>{text}", body), Paragraph(date, body)])
    table = Table(rows, colWidths=[330, 120], repeatRows=1, splitInRow=1)
    table.setStyle(TableStyle([("LINEABOVE", (0, 0), (-1, 0), 0.9, "black"),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.4, "black"),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    path = tmp_path / "cut.pdf"
    style = getSampleStyleSheet()
    SimpleDocTemplate(str(path)).build([
        Paragraph("Delivery Plan 2026/27", style["Heading1"]),
        Paragraph("Cleaner rivers", style["Heading2"]), Paragraph("fit to swim in", body),
        Paragraph("Core area: Our environment", body), table])
    read = read_paper(path)
    assert len({b.page for b in read.blocks if b.in_table}) == 2
    milestones = read.plan.objectives[0].milestones
    assert [(m.name, " ".join(m.text.split()), [d.text for d in m.dates])
            for m in milestones] == [("Survey the weirs", long_text, ["June 2027"]),
                                     ("Publish the findings", "A report to the partnership.",
                                      ["Sept 2027"])]


def test_numbering_that_runs_on_across_headings_makes_pledges_in_areas():
    """Areas under plain headings, each with an introduction and a numbered list that carries
    on from the area before (1–2, then 3–5): pledges, whatever the part is called."""
    from lcplanner.importers.paper_text import parse_paper

    plan = parse_paper(
        "What we will do by 2030\n\nCleaner streets\n\nLitter spoils every ward, so we "
        "commit to:\n\n1. Empty every public bin daily\n\n2. Fine fly-tippers and name them\n\n"
        "    - in the local paper\n\n    - on the council's website\n\nSafer roads\n\n"
        "Speed is the biggest danger on our roads.\n\n3. Set a twenty limit near every "
        "school\n\n4. Light every crossing\n\n5. Fund two new crossing patrols\n")
    assert [(a.name, a.description, [(p.text, [q.text for q in p.points]) for p in a.pledges])
            for a in plan.pledge_areas] == [
        ("Cleaner streets", "Litter spoils every ward, so we commit to:",
         [("Empty every public bin daily", []),
          ("Fine fly-tippers and name them", ["in the local paper", "on the council's website"])]),
        ("Safer roads", "Speed is the biggest danger on our roads.",
         [("Set a twenty limit near every school", []), ("Light every crossing", []),
          ("Fund two new crossing patrols", [])])]


def test_lists_that_start_again_under_each_heading_are_not_pledges():
    from lcplanner.importers.paper_text import parse_paper

    plan = parse_paper(
        "Service Plan 2026/27\n\nParks\n\nOur parks team looks after forty sites.\n\n"
        "1. Mow the parks each fortnight\n\n2. Prune the avenue trees\n\nLibraries\n\n"
        "Twelve branches serve the district.\n\n1. Keep Saturday hours\n\n"
        "2. Extend the mobile library\n\nPledges\n\nStreets\n\n- Empty every bin daily\n\n"
        "- Light every crossing\n\n- Fund crossing patrols\n")
    assert [a.name for a in plan.pledge_areas] == ["Streets"]


def test_a_short_paragraph_set_wholly_in_bold_is_a_heading_to_the_reader(tmp_path):
    """Many papers make headings by setting a Normal paragraph in bold: a reader sees a
    heading, so the line stands alone though its last word is one no sentence ends on."""
    document = Document()
    document.add_heading("Service Plan 2026/27", level=1)
    document.add_paragraph().add_run("Who we work for").bold = True
    document.add_paragraph("Residents of the valley and the towns along it.")
    _portfolio(document, 1, "Parks and Leisure", _PARKS)
    _portfolio(document, 2, "Libraries", _LIBRARIES)
    path = tmp_path / "bold.docx"
    document.save(path)
    assert [(s.title, s.body) for s in read_paper(path).plan.sections] == [
        ("Who we work for", "Residents of the valley and the towns along it.")]
