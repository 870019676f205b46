"""Ordered lists of children through the service layer: read, add, move, edit, delete, restore;
a pledge's priorities as links; status labels' colours and use."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from lcplanner import services
from lcplanner.domain import model as m
from lcplanner.services.read import details


def _first(store, cls):
    with store.session() as s:
        return s.scalars(select(cls.id).order_by(cls.id)).first()


def _positions(store, cls, fk, parent_id):
    with store.session() as s:
        return list(s.scalars(select(cls.position).where(getattr(cls, fk) == parent_id)
                              .order_by(cls.position)))


@pytest.mark.parametrize("kind, cls", [("recommendation", m.Recommendation),
                                       ("appendix", m.Appendix),
                                       ("background_paper", m.BackgroundPaper),
                                       ("paper_section", m.PaperSection)])
def test_paper_lists_add_move_edit_delete_restore(sample_store, kind, cls):
    paper = _first(sample_store, m.CommitteePaper)
    before = services.children(sample_store, kind, paper)
    label = services.KINDS[kind].label
    new = services.create(sample_store, kind, paper, 0, **{label: "First now"})
    rows = services.children(sample_store, kind, paper)
    assert rows[0] == (new, "First now") and rows[1:] == before
    assert _positions(sample_store, cls, "paper_id", paper) == list(range(len(rows)))

    assert services.move(sample_store, kind, new, paper, len(rows) - 1) == (paper, 0)
    assert services.children(sample_store, kind, paper)[-1][0] == new
    assert services.set_field(sample_store, kind, new, label, "Last now") == "First now"
    assert services.children(sample_store, kind, paper)[-1] == (new, "Last now")

    snap = services.delete(sample_store, kind, new)
    assert services.children(sample_store, kind, paper) == before
    services.restore(sample_store, snap)
    assert services.children(sample_store, kind, paper)[-1] == (new, "Last now")
    assert _positions(sample_store, cls, "paper_id", paper) == list(range(len(before) + 1))


def test_children_with_named_fields_and_errors(sample_store):
    plan = _first(sample_store, m.Plan)
    rows = services.children(sample_store, "status_label", plan, "name", "colour")
    assert rows[0][1:] == ("Not started", "#8c8c8c") and len(rows) == 5
    with pytest.raises(services.EditError):
        services.children(sample_store, "status_label", plan, "bogus")
    with pytest.raises(services.EditError):
        services.children(sample_store, "plan", plan)
    with pytest.raises(services.EditError):
        services.children(sample_store, "status_label", 9999)


def test_paper_sections_are_tree_rows_numbered_in_order(sample_store):
    paper = _first(sample_store, m.CommitteePaper)
    nodes = [n for n in services.load_tree(sample_store) if n.kind == "paper_section"]
    assert [(n.parent_id, n.position, n.text) for n in nodes] == [
        (paper, 0, "Introduction"), (paper, 1, "Next steps")]
    assert "body" not in details(sample_store, "paper", paper).values


def test_pledge_priorities_are_links_checked_against_the_plan(sample_store):
    pledge = _first(sample_store, m.Pledge)
    d = details(sample_store, "pledge", pledge)
    choices = d.choices["priorities"]
    assert choices[0][1].startswith("1.1 ") and choices[1][1].startswith("1.2 ")
    old = d.values["priorities"]
    wanted = sorted({choices[1][0], choices[2][0]})
    assert services.set_links(sample_store, "pledge", pledge, "priorities", wanted) == old
    assert details(sample_store, "pledge", pledge).values["priorities"] == wanted
    # the priority sees the same link from its side
    pr = details(sample_store, "priority", choices[1][0])
    assert pledge in pr.values["pledges"]
    other = services.create(sample_store, "plan", None, title="Another plan")
    portfolio = services.create(sample_store, "portfolio", other, name="Elsewhere")
    foreign = services.create(sample_store, "priority", portfolio, title="Not this plan's")
    with pytest.raises(services.EditError):
        services.set_links(sample_store, "pledge", pledge, "priorities", [foreign])


def test_pledge_area_has_a_description(sample_store):
    area = _first(sample_store, m.PledgeArea)
    services.set_field(sample_store, "pledge_area", area, "description", "Why these pledges")
    assert details(sample_store, "pledge_area", area).values["description"] == \
        "Why these pledges"


def test_status_label_colour_usage_and_delete_restores_references(sample_store):
    plan = _first(sample_store, m.Plan)
    d = details(sample_store, "plan", plan)
    on_track = next(sid for sid, name, _c in d.values["statuses"] if name == "On track")
    with pytest.raises(services.EditError):
        services.set_field(sample_store, "status_label", on_track, "colour", "green")
    services.set_field(sample_store, "status_label", on_track, "colour", "#00aa00")
    assert services.load_statuses(sample_store)[on_track].colour == "#00aa00"

    used = services.status_usage(sample_store, on_track)
    assert used > 0
    snap = services.delete(sample_store, "status_label", on_track)
    assert services.status_usage(sample_store, on_track) == 0
    services.restore(sample_store, snap)
    assert services.status_usage(sample_store, on_track) == used
    assert [r[1] for r in services.children(sample_store, "status_label", plan)][1] == \
        "On track"
