"""Stored text → paragraphs: a sentence broken by extraction is joined back, while a title line
keeps its description as a paragraph of its own in the title's numbered text column."""
from __future__ import annotations

from lcplanner.compose import ir
from lcplanner.compose._blocks import section_labels, text_blocks


def shape(blocks):
    return [(b.label, b.continues, b.text) for b in blocks if isinstance(b, ir.Paragraph)]


def kept(blocks):
    return [b.text for b in blocks if isinstance(b, ir.Paragraph) and b.keep]


def test_a_title_line_keeps_its_description_apart_in_its_text_column():
    body = ("Keeping the parks open all year\n\n"
            "Every park keeps its gates open from dawn to dusk, all year round.\n\n"
            "Bus services\n\nNight routes\n\n"
            "Three night routes reach the outer estates.\n\n"
            "A closing paragraph of its own.")
    blocks = text_blocks(body, labels=section_labels(3))
    # a title line never ends a page apart from its description
    assert kept(blocks) == ["Keeping the parks open all year", "Bus services", "Night routes"]
    assert shape(blocks) == [
        ("4.1", False, "Keeping the parks open all year"),
        ("", True, "Every park keeps its gates open from dawn to dusk, all year round."),
        ("4.2", False, "Bus services"),
        ("", True, "Night routes"),
        ("", True, "Three night routes reach the outer estates."),
        ("4.3", False, "A closing paragraph of its own.")]


def test_a_sentence_broken_by_extraction_is_one_paragraph_again():
    body = ("The plan was agreed in May. It reflects talks with the chair and each\n\n"
            "Lead Member. The draft follows.\n\n"
            "The board met in the\n\nspring and agreed it.")
    assert shape(text_blocks(body, labels=section_labels(0))) == [
        ("1.1", False, "The plan was agreed in May. It reflects talks with the chair and each "
                       "Lead Member. The draft follows."),
        ("1.2", False, "The board met in the spring and agreed it.")]
    assert kept(text_blocks(body, labels=section_labels(0))) == []


def test_unnumbered_text_keeps_title_lines_as_paragraphs():
    assert shape(text_blocks("Our aim\n\nWe keep the streets clean.")) == [
        ("", False, "Our aim"), ("", False, "We keep the streets clean.")]


def test_an_objectives_opening_lines_keep_with_what_they_introduce(sample_plan):
    from lcplanner.compose._blocks import objective_blocks

    objective = next(o for o in sample_plan.objectives if o.strapline)
    blocks = objective_blocks(objective, 3)
    strapline = next(b for b in blocks if isinstance(b, ir.Paragraph)
                     and b.text == objective.strapline)
    assert strapline.keep
    assert isinstance(blocks[0], ir.Heading) and blocks[1] is strapline
