"""Numbers and letters derived from positions, never typed.

An output's letter comes from where it stands among its siblings, so moving one re-letters the
others everywhere at once: in the tree, in Word and in PDF.
"""
from __future__ import annotations

_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def letter(index: int) -> str:
    """0 → 'a', 25 → 'z', 26 → 'aa', 27 → 'ab' (as Word's lower-letter lists run on)."""
    if index < 0:
        raise ValueError("index must be zero or more")
    out = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(ord("a") + rem) + out
    return out


def roman(index: int) -> str:
    """0 → 'i', 3 → 'iv', 8 → 'ix'."""
    if index < 0:
        raise ValueError("index must be zero or more")
    n, out = index + 1, ""
    for value, numeral in _ROMAN:
        while n >= value:
            out += numeral
            n -= value
    return out


def arabic(index: int) -> str:
    """0 → '1'."""
    if index < 0:
        raise ValueError("index must be zero or more")
    return str(index + 1)


def dotted(*indices: int) -> str:
    """(0, 2) → '1.3': section and paragraph numbers."""
    return ".".join(arabic(i) for i in indices)
