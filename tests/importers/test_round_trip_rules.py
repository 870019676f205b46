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
    lines = logical_lines(text, headings=[(0, 0)])
    assert [(ln.text, ln.heading) for ln in lines] == [
        ("Who we work for", True), ("Residents of the valley and the towns along it.", False)]


def test_a_heading_set_on_two_lines_is_one_heading():
    text = "Parks and open spaces for the\nwhole district\n\nWe look after forty parks.\n"
    lines = logical_lines(text, headings=[(0, 1)])
    assert [ln.text for ln in lines] == ["Parks and open spaces for the whole district",
                                         "We look after forty parks."]


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
    document.add_heading("Appendices", level=2)
    document.add_paragraph("Appendix A: Service priorities")
    document.add_heading("Background papers", level=2)
    document.add_paragraph("Cabinet minutes of 12 January 2027")
    document.add_paragraph("Service Plan 2025/26")
    document.add_page_break()
    document.add_heading("Appendix A: Service priorities", level=1)
    _portfolio(document, 1, "Parks and Leisure", _PARKS)
    _portfolio(document, 2, "Libraries", _LIBRARIES)
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
