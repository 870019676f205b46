"""Which date phrases of a milestone's wording are its due dates, and ticking one on or off."""
from __future__ import annotations

import pytest

from lcplanner import services
from lcplanner.services.due_dates import (DatePhrase, date_phrases, dates_after_toggle,
                                          dates_with, milestone_phrases)
from lcplanner.services.edit import EditError

WORDING = ("Pilot the new grants portal with two councils by March 2027, after the review "
           "held on 4 May 2026; report back in autumn 2027")


def test_every_phrase_once_in_reading_order_with_due_and_suggested():
    phrases = date_phrases("Grants portal pilot", WORDING, ["March 2027"])
    assert phrases == [
        DatePhrase("by March 2027", False, True),
        DatePhrase("4 May 2026", False, False),  # mentioned in passing: not suggested
        DatePhrase("autumn 2027", False, True),
    ]
    due = date_phrases("Grants portal pilot", WORDING, ["by  march 2027", "Autumn 2027"])
    assert [p.due for p in due] == [True, False, True]  # spacing and capitals do not matter


def test_phrases_of_the_name_come_first_and_repeats_count_once():
    phrases = date_phrases("Summer 2026 launch", "Launch in summer 2026, then Q4 2026", [])
    assert [p.phrase for p in phrases] == ["Summer 2026", "Q4 2026"]
    assert date_phrases("", "", ["TBC"]) == []


def test_a_phrase_made_due_goes_in_reading_order_and_hand_typed_dates_stay_put():
    phrases = ["by March 2027", "4 May 2026", "autumn 2027"]
    assert dates_with(["autumn 2027"], phrases, "by March 2027", True) == \
        ["by March 2027", "autumn 2027"]
    assert dates_with(["by March 2027"], phrases, "autumn 2027", True) == \
        ["by March 2027", "autumn 2027"]
    assert dates_with(["Q1 2028", "autumn 2027"], phrases, "4 May 2026", True) == \
        ["Q1 2028", "4 May 2026", "autumn 2027"]
    # already due: not doubled
    assert dates_with(["autumn 2027"], phrases, "Autumn  2027", True) == ["Autumn  2027"]


def test_a_phrase_no_longer_due_is_taken_out_wherever_it_stands():
    phrases = ["by March 2027", "autumn 2027"]
    assert dates_with(["Q1 2028", "by march 2027", "autumn 2027"], phrases, "by March 2027",
                      False) == ["Q1 2028", "autumn 2027"]
    assert dates_with(["Q1 2028"], phrases, "autumn 2027", False) == ["Q1 2028"]


def test_on_a_stored_milestone(sample_store):
    plan = services.create(sample_store, "plan", None, title="Business Plan 2030/31")
    objective = services.create(sample_store, "objective", plan, title="Better grants")
    milestone = services.create(sample_store, "milestone", objective, name="Grants portal pilot",
                                text=WORDING)
    services.set_field(sample_store, "milestone", milestone, "dates", ["autumn 2027"])
    assert [(p.phrase, p.due) for p in milestone_phrases(sample_store, milestone)] == \
        [("by March 2027", False), ("4 May 2026", False), ("autumn 2027", True)]
    new = dates_after_toggle(sample_store, milestone, "by March 2027", True)
    assert new == ["by March 2027", "autumn 2027"]
    assert services.edit.milestone_dates(sample_store, milestone) == ["autumn 2027"]  # not written
    assert dates_after_toggle(sample_store, milestone, "autumn 2027", False) == []
    with pytest.raises(EditError, match="Milestone 999999 does not exist"):
        milestone_phrases(sample_store, 999999)
