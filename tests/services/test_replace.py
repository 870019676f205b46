"""Find and Replace over a plan: every text field of every kind, applied and undone at once."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from lcplanner import services
from lcplanner.domain import model as m
from lcplanner.services import replace as rp


def _plan(store):
    with store.session() as s:
        return s.scalars(select(m.Plan.id)).one()


def test_every_kind_of_text_field_is_searched(sample_store):
    plan = _plan(sample_store)
    with sample_store.session() as s:
        milestone = s.scalars(select(m.Milestone)).first()
        pledge = s.scalars(select(m.Pledge)).first()
        paper = s.scalars(select(m.CommitteePaper)).first()
        section = s.scalars(select(m.NarrativeSection)).first()
        date = milestone.dates[0]
        ids = (milestone.id, pledge.id, paper.id, section.id, date.id)
    marked = [("milestone", ids[0], "name"), ("milestone", ids[0], "text"),
              ("pledge", ids[1], "text"), ("paper", ids[2], "legal_implications"),
              ("section", ids[3], "body"), ("plan", plan, "organisation"),
              ("milestone_date", ids[4], "text")]
    for kind, item_id, name in marked:
        services.set_field(sample_store, kind, item_id, name, "Zebracorn office")
    changes = rp.find_changes(sample_store, plan, "zebracorn", "Unicorn")
    assert {(c.kind, c.id, c.field) for c in changes} == set(marked)
    assert all(c.before == "Zebracorn office" and c.after == "Unicorn office" for c in changes)


def test_match_case_and_whole_words(sample_store):
    plan = _plan(sample_store)
    with sample_store.session() as s:
        output = s.scalars(select(m.Output)).first().id
    services.set_field(sample_store, "output", output, "text",
                       "Council councils Councillor council")
    found = {c.id: c for c in rp.find_changes(sample_store, plan, "Council", "Authority",
                                               match_case=True, whole_words=True)
             if c.kind == "output"}
    assert found[output].after == "Authority councils Councillor council"
    assert found[output].count == 1
    loose = {c.id: c for c in rp.find_changes(sample_store, plan, "council", "X")
             if c.kind == "output"}
    assert loose[output].after == "X Xs Xlor X" and loose[output].count == 4


def test_replacement_text_is_taken_literally(sample_store):
    plan = _plan(sample_store)
    with sample_store.session() as s:
        theme = s.scalars(select(m.Theme)).first().id
    services.set_field(sample_store, "theme", theme, "name", "Cost (a)")
    change = next(c for c in rp.find_changes(sample_store, plan, "(a)", r"\1 $0")
                  if c.id == theme)
    assert change.after == r"Cost \1 $0"


def test_set_fields_is_one_transaction_and_returns_old_values(sample_store):
    plan = _plan(sample_store)
    changes = rp.find_changes(sample_store, plan, "council", "authority")
    assert len(changes) >= 5
    edits = [(c.kind, c.id, c.field, c.after) for c in changes]
    old = rp.set_fields(sample_store, edits, [c.before for c in changes])
    assert old == [c.before for c in changes]
    assert rp.find_changes(sample_store, plan, "council", "x") == []
    rp.set_fields(sample_store, [(c.kind, c.id, c.field, c.before) for c in changes])
    assert rp.find_changes(sample_store, plan, "council", "authority") == changes


def test_a_stale_preview_writes_nothing(sample_store):
    plan = _plan(sample_store)
    changes = rp.find_changes(sample_store, plan, "council", "authority")
    first = changes[0]
    services.set_field(sample_store, first.kind, first.id, first.field, "Changed meanwhile")
    with pytest.raises(services.EditError, match="changed since the preview"):
        rp.set_fields(sample_store, [(c.kind, c.id, c.field, c.after) for c in changes],
                      [c.before for c in changes])
    later = rp.find_changes(sample_store, plan, "council", "authority")
    assert later == changes[1:]  # nothing else was written


def test_status_and_kind_columns_are_not_text_fields():
    assert rp.text_fields("plan") == ("title", "period", "organisation")
    assert rp.text_fields("portfolio") == ("name", "holder", "shadow_holder", "note")
    assert rp.text_fields("output") == ("text", "owner", "progress_note")
    assert "status_id" not in rp.text_fields("milestone")
