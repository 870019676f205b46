"""One text sanitiser, applied at the model boundary.

Everything stored passes through :func:`clean_text`, so nothing the store holds can break an
exporter later: python-docx refuses XML-illegal characters, and Qt hands us U+2029 paragraph
separators from rich text fields. We keep meaning (tabs, newlines, emoji, right-to-left text,
markup-like characters) and drop only what no document format can carry.
"""
from __future__ import annotations

import re

# XML 1.0 forbids C0 controls except tab, newline and carriage return, the surrogate block
# (lone surrogates cannot be encoded), and U+FFFE/U+FFFF.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# C1 controls are legal XML but render as boxes in Word and PDF; they are extraction noise.
_C1 = re.compile(r"[\x7f-\x9f]")
# Qt's QTextDocument.toPlainText() yields U+2029 between paragraphs and U+2028 for soft breaks.
_LINE_SEPARATORS = {"\u2029": "\n", "\u2028": "\n", "\r\n": "\n", "\r": "\n", "\x85": "\n"}
_SEPARATOR_RE = re.compile("|".join(re.escape(k) for k in _LINE_SEPARATORS))


def clean_text(value: str | None) -> str | None:
    """Return ``value`` with characters no document format can hold removed.

    ``None`` stays ``None`` (an unset field is not an empty one). Line ends are normalised to
    ``\\n``; vertical tab and form feed become newlines, since Word users paste them as breaks.
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"text expected, got {type(value).__name__}")
    text = _SEPARATOR_RE.sub(lambda m: _LINE_SEPARATORS[m.group(0)], value)
    text = text.replace("\x0b", "\n").replace("\x0c", "\n")
    text = _ILLEGAL.sub("", text)
    return _C1.sub("", text)


def clean_line(value: str | None) -> str | None:
    """Like :func:`clean_text` for single-line fields (titles, names): breaks become spaces."""
    text = clean_text(value)
    if text is None:
        return None
    return re.sub(r"\s*\n\s*", " ", text).strip()
