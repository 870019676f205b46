"""The embedded font for PDF output, and the check that every character can be shown.

lcplanner ships DejaVu Sans (regular, bold, oblique, bold oblique) in ``resources/fonts/`` with
its licence. reportlab embeds a subset of each face that is used, so ł, Ś, ő and € print the
same everywhere. A character the font has no glyph for would print as an empty box or nothing
at all; :class:`GlyphGuard` replaces it with U+FFFD (a visible "�") instead and remembers it, so
the writer can tell the user which characters were replaced.
"""
from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from lcplanner.resources import fonts_dir
from lcplanner.writers.atomic import ExportError

#: Where the shipped fonts live (inside the installed package; see lcplanner.resources).
FONT_DIR = fonts_dir()
#: Fallbacks should the shipped fonts have been removed from an install.
_SYSTEM_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/TTF"),
                Path("/usr/share/fonts/dejavu"), Path("/Library/Fonts"),
                Path("C:/Windows/Fonts"))

FAMILY = "LCSans"
_FILES = {
    "regular": ("LCSans", "DejaVuSans.ttf"),
    "bold": ("LCSans-Bold", "DejaVuSans-Bold.ttf"),
    "italic": ("LCSans-Oblique", "DejaVuSans-Oblique.ttf"),
    "bolditalic": ("LCSans-BoldOblique", "DejaVuSans-BoldOblique.ttf"),
}
REPLACEMENT = "\ufffd"


@dataclass(frozen=True)
class Fonts:
    regular: str
    bold: str
    italic: str
    bolditalic: str

    def face(self, bold: bool = False, italic: bool = False) -> str:
        if bold and italic:
            return self.bolditalic
        if bold:
            return self.bold
        return self.italic if italic else self.regular


_lock = threading.Lock()
_fonts: Fonts | None = None
_coverage: dict[str, frozenset[int]] = {}


def _find(filename: str) -> Path:
    for folder in (FONT_DIR, *_SYSTEM_DIRS):
        candidate = folder / filename
        if candidate.is_file():
            return candidate
    raise ExportError(f"The PDF font {filename} is missing; reinstall lcplanner.")


def register_fonts() -> Fonts:
    """Register the four faces with reportlab once per process and return their names."""
    global _fonts
    with _lock:
        if _fonts is None:
            for key, (name, filename) in _FILES.items():
                font = TTFont(name, str(_find(filename)))
                pdfmetrics.registerFont(font)
                _coverage[name] = frozenset(font.face.charToGlyph)
            addMapping(FAMILY, 0, 0, _FILES["regular"][0])
            addMapping(FAMILY, 1, 0, _FILES["bold"][0])
            addMapping(FAMILY, 0, 1, _FILES["italic"][0])
            addMapping(FAMILY, 1, 1, _FILES["bolditalic"][0])
            pdfmetrics.registerFontFamily(
                FAMILY, normal=_FILES["regular"][0], bold=_FILES["bold"][0],
                italic=_FILES["italic"][0], boldItalic=_FILES["bolditalic"][0])
            _fonts = Fonts(*(name for name, _ in _FILES.values()))
        return _fonts


def coverage(font_name: str) -> frozenset[int]:
    register_fonts()
    return _coverage[font_name]


#: Characters that never reach the page as glyphs and are handled by the writer itself.
_LAYOUT = {"\n", "\t"}


class GlyphGuard:
    """Replaces characters a face cannot show, and records which they were."""

    def __init__(self, fonts: Fonts) -> None:
        self.fonts = fonts
        self.missing: dict[str, None] = {}  # insertion-ordered set
        self._cache: dict[tuple[str, str], str] = {}

    def clean(self, text: str, font_name: str | None = None) -> str:
        """``text`` with every character the face lacks replaced by U+FFFD.

        Tabs become spaces, other control characters (which no font draws) are replaced too:
        nothing the user typed disappears without a mark.
        """
        if not text:
            return text
        font_name = font_name or self.fonts.regular
        if text.isascii() and text.isprintable():
            return text
        key = (text, font_name)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        have = coverage(font_name)
        source = unicodedata.normalize("NFC", text)
        changed = source != text
        out: list[str] = []
        for ch in source:
            if ch == "\t":
                out.append(" ")
                changed = True
            elif ch in _LAYOUT or ord(ch) in have:
                out.append(ch)
            elif unicodedata.category(ch) == "Cf" or "\ufe00" <= ch <= "\ufe0f":
                # format controls (zero-width joiner, bidi marks) and variation selectors
                # have no glyph by design and change nothing visible: left out quietly.
                changed = True
            else:
                self.missing.setdefault(ch, None)
                out.append(REPLACEMENT)
                changed = True
        result = "".join(out) if changed else text
        self._cache[key] = result
        return result

    def warnings(self) -> list[str]:
        if not self.missing:
            return []
        shown = ", ".join(f"U+{ord(ch):04X} {_describe(ch)}" for ch in list(self.missing)[:20])
        more = len(self.missing) - 20
        if more > 0:
            shown += f" and {more} more"
        return [f"{len(self.missing)} character(s) the PDF font cannot show were printed as "
                f"{REPLACEMENT}: {shown}."]


def _describe(ch: str) -> str:
    name = unicodedata.name(ch, "")
    if unicodedata.category(ch).startswith("C"):
        return f"({name.lower()})" if name else "(control character)"
    return f"'{ch}'" + (f" ({name.lower()})" if name else "")
