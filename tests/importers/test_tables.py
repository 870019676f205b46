"""Tables flattened to text: found only under a header that names its columns, kept row by
row, and ended where the rows stop fitting."""
from __future__ import annotations

from lcplanner.importers.lines import logical_lines
from lcplanner.importers.tables import TableRow, find_tables


def test_rows_apart_by_runs_of_spaces_end_where_the_cells_stop_fitting():
    lines = ["Action                 Lead officer     Target date   Status",
             "Open the new depot     Head of Waste    March 2026    On track",
             "",
             "Close the old depot    Head of Waste    June 2026     Not started",
             "The depots are run by the waste team, who report each quarter."]
    found = find_tables(lines)
    assert sorted(found) == [0, 1, 3]
    assert found[0].header and [role for role, _ in found[0].cells] == [
        "action", "owner", "date", "status"]
    assert found[3].get("date") == "June 2026" and found[3].get("owner") == "Head of Waste"


def test_one_cell_per_line_rows_end_at_a_cell_that_is_not_a_date():
    lines = ["Action", "Target date", "Status",
             "Publish the plan", "May 2026", "Done",
             "Review the plan", "Spring 2027", "Not started",
             "Next steps", "The board will meet again", "in the autumn"]
    found = find_tables(lines)
    rows = [row for row in found.values() if isinstance(row, TableRow) and not row.header]
    assert [(r.get("action"), r.get("date"), r.get("status")) for r in rows] == [
        ("Publish the plan", "May 2026", "Done"), ("Review the plan", "Spring 2027", "Not started")]
    assert 9 not in found and 10 not in found


def test_a_header_must_name_an_action_or_an_event():
    assert find_tables(["Report by:   Kit Moss     Job title:  Director"]) == {}
    assert find_tables(["Date", "Status"]) == {}
    assert find_tables(["Date      Status      Lead"]) == {}
    assert find_tables(["Event     Status"]) == {}


def test_columns_come_in_any_order():
    """A milestone table may put its date, status or sub-priorities first (DOMAIN.md)."""
    found = find_tables(["Status      Sub-priorities    Milestone         Date",
                         "On track    Cleaner rivers    Survey the weirs  June 2027"])
    assert found[0].header and [r for r, _ in found[0].cells] == ["status", "tags", "action",
                                                                   "date"]
    row = found[1]
    assert (row.get("action"), row.get("date"), row.get("tags"), row.get("status")) == (
        "Survey the weirs", "June 2027", "Cleaner rivers", "On track")
    assert not row.events


def test_a_date_and_event_table_is_one_of_policy_events():
    found = find_tables(["Event              Date", "Spending review    Autumn 2026"])
    assert found[1].events and found[1].get("event") == "Spending review"
    assert found[1].get("date") == "Autumn 2026"


def test_rows_are_never_joined_to_the_lines_around_them():
    text = ("We will do the following and\nAction     Target date\n"
            "Open the depot    March 2026\nthen report back.")
    lines = logical_lines(text)
    assert [line.text for line in lines] == [
        "We will do the following and", "Action Target date", "Open the depot March 2026",
        "then report back."]
    assert lines[2].row.get("date") == "March 2026"


def test_a_table_under_a_portfolio_with_priorities_keeps_the_portfolio():
    from lcplanner.importers.paper_text import parse_paper

    text = ("Business Plan 2026/27\n\n1. Housing\n\n1 More homes\n\nMore homes are built.\n\n"
            "a. Agree sites\nb. Start building\n\n"
            "Action            Target date\nBuy the first site   May 2026\n")
    plan = parse_paper(text)
    assert [len(p.outputs) for p in plan.portfolios[0].priorities] == [2]
    assert [(o.title, [m.name for m in o.milestones]) for o in plan.objectives] == [
        ("Housing", ["Buy the first site"])]


def test_a_numbered_heading_set_with_a_tab_ends_a_table():
    """ "6<tab>Resource implications" after a two-column table splits in two at its tab, but
    it is the paper's next numbered section, not a row."""
    found = find_tables(["Date        Event", "", "May 2027    Mayoral election", "",
                         "6\tResource implications", "", "6.1\tThe work is funded."])
    assert sorted(found) == [0, 2]
