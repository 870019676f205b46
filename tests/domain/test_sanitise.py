"""The one sanitiser at the model boundary."""
from __future__ import annotations

from hypothesis import given, strategies as st
from sqlalchemy import select

from lcplanner.domain.model import Output, Plan, Portfolio, Priority
from lcplanner.domain.sanitise import clean_line, clean_text

XML_ILLEGAL = {chr(c) for c in range(0x20) if c not in (9, 10, 13)} | {"\ufffe", "\uffff"}


def test_removes_what_no_document_can_hold():
    assert clean_text("a\x00b\x01c") == "abc"
    assert clean_text("one\x0btwo\x0cthree") == "one\ntwo\nthree"
    assert clean_text("lone \ud800 surrogate") == "lone  surrogate"
    assert clean_text("para\u2029next\u2028soft\r\nwin\rmac") == "para\nnext\nsoft\nwin\nmac"


def test_keeps_meaning():
    hostile = "x <y> z & R&D <img src='/etc/passwd'> \t😀 مرحبا שלום ł Ś ő € " + "w" * 1000
    assert clean_text(hostile) == hostile


def test_clean_line_folds_breaks():
    assert clean_line("  Title\nsecond line \u2029third ") == "Title second line third"
    assert clean_text(None) is None and clean_line(None) is None


@given(st.text(alphabet=st.characters(codec=None, blacklist_categories=())))
def test_result_is_always_xml_safe(value):
    cleaned = clean_text(value)
    assert not (set(cleaned) & XML_ILLEGAL)
    assert not any(0xD800 <= ord(c) <= 0xDFFF for c in cleaned)
    cleaned.encode("utf-8")  # never raises once lone surrogates are gone
    assert clean_text(cleaned) == cleaned  # idempotent


def test_model_sanitises_on_assignment_and_in_the_store(store):
    output = Output(text="bad\x00text\x0bhere")
    assert output.text == "badtext\nhere"
    with store.transaction() as session:
        plan = Plan(title="T\x01itle\nwith break")
        plan.portfolios.append(Portfolio(name="P", priorities=[Priority(title="Q",
                                                                        outputs=[output])]))
        session.add(plan)
    with store.session() as session:
        assert session.scalars(select(Plan.title)).one() == "Title with break"
        assert session.scalars(select(Output.text)).one() == "badtext\nhere"
