import pytest

from lcplanner.domain.numbering import arabic, dotted, letter, roman


@pytest.mark.parametrize("index, expected", [(0, "a"), (1, "b"), (25, "z"), (26, "aa"),
                                             (27, "ab"), (51, "az"), (52, "ba")])
def test_letters(index, expected):
    assert letter(index) == expected


@pytest.mark.parametrize("index, expected", [(0, "i"), (3, "iv"), (8, "ix"), (13, "xiv"),
                                             (39, "xl"), (48, "xlix")])
def test_roman(index, expected):
    assert roman(index) == expected


def test_arabic_and_dotted():
    assert arabic(0) == "1" and dotted(0, 2) == "1.3"
    with pytest.raises(ValueError):
        letter(-1)
