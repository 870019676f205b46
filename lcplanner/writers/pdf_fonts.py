"""The embedded fonts for PDF output, and the check that every character can be shown.

The Word house style is Arial. lcplanner ships Liberation Sans (metric-compatible with Arial:
every glyph has Arial's advance width, so lines break where Word breaks them) and DejaVu Sans,
both in ``resources/fonts/`` with their licences. A template whose text font is Arial,
Helvetica, Arimo or Liberation Sans is set in Liberation Sans; one set in DejaVu Sans keeps
DejaVu. DejaVu is also the fallback face: a character the main face lacks (◆, ✓, many scripts)
is drawn from DejaVu in the same weight and slant. A character neither face has would print as
an empty box or nothing at all; :class:`GlyphGuard` replaces it with U+FFFD (a visible "�",
drawn from DejaVu) instead and remembers it, so the writer can tell the user which characters
were replaced.
"""
from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from lcplanner.resources import fonts_dir
from lcplanner.writers.atomic import ExportError

#: Where the shipped fonts live (inside the installed package; see lcplanner.resources).
FONT_DIR = fonts_dir()
#: Fallbacks should the shipped fonts have been removed from an install.
_SYSTEM_DIRS = (Path("/usr/share/fonts/truetype/liberation2"),
                Path("/usr/share/fonts/truetype/liberation"),
                Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/TTF"),
                Path("/usr/share/fonts/dejavu"), Path("/Library/Fonts"),
                Path("C:/Windows/Fonts"))

#: Face files per family: (reportlab name, file) for regular, bold, italic, bold italic.
_FAMILIES = {
    "LCSans": (("LCSans", "LiberationSans-Regular.ttf"),
               ("LCSans-Bold", "LiberationSans-Bold.ttf"),
               ("LCSans-Italic", "LiberationSans-Italic.ttf"),
               ("LCSans-BoldItalic", "LiberationSans-BoldItalic.ttf")),
    "LCDejaVu": (("LCDejaVu", "DejaVuSans.ttf"),
                 ("LCDejaVu-Bold", "DejaVuSans-Bold.ttf"),
                 ("LCDejaVu-Oblique", "DejaVuSans-Oblique.ttf"),
                 ("LCDejaVu-BoldOblique", "DejaVuSans-BoldOblique.ttf")),
}
FALLBACK = "LCDejaVu"
#: Template font names (lower case) set in the DejaVu family; every other one, Arial first
#: among them, is set in Liberation Sans, the metric-compatible free face.
_DEJAVU_NAMES = {"dejavu sans", "dejavusans", "bitstream vera sans", "verdana"}
REPLACEMENT = "\ufffd"


@dataclass(frozen=True)
class Fonts:
    regular: str
    bold: str
    italic: str
    bolditalic: str
    #: The fallback family's faces, in the same order.
    fallback: tuple[str, str, str, str] = ()

    def face(self, bold: bool = False, italic: bool = False) -> str:
        if bold and italic:
            return self.bolditalic
        if bold:
            return self.bold
        return self.italic if italic else self.regular

    def fallback_of(self, face: str) -> str:
        """The fallback face with the weight and slant of ``face``."""
        own = (self.regular, self.bold, self.italic, self.bolditalic)
        try:
            return self.fallback[own.index(face)]
        except (ValueError, IndexError):
            return self.fallback[0] if self.fallback else face


_lock = threading.Lock()
_registered: dict[str, tuple[str, str, str, str]] = {}
_coverage: dict[str, frozenset[int]] = {}


def _find(filename: str) -> Path:
    for folder in (FONT_DIR, *_SYSTEM_DIRS):
        candidate = folder / filename
        if candidate.is_file():
            return candidate
    raise ExportError(f"The PDF font {filename} is missing; reinstall lcplanner.")


def _register_family(family: str) -> tuple[str, str, str, str]:
    names = _registered.get(family)
    if names is None:
        faces = _FAMILIES[family]
        for name, filename in faces:
            font = TTFont(name, str(_find(filename)))
            pdfmetrics.registerFont(font)
            _coverage[name] = frozenset(font.face.charToGlyph)
        names = tuple(name for name, _ in faces)
        for (bold, italic), name in zip(((0, 0), (1, 0), (0, 1), (1, 1)), names):
            addMapping(family, bold, italic, name)
        pdfmetrics.registerFontFamily(family, normal=names[0], bold=names[1],
                                      italic=names[2], boldItalic=names[3])
        _registered[family] = names
    return names


def family_for(word_font: str | None) -> str:
    """The shipped family that stands in for the Word font ``word_font``."""
    return FALLBACK if (word_font or "").strip().lower() in _DEJAVU_NAMES else "LCSans"


def register_fonts(word_font: str | None = "Arial") -> Fonts:
    """Register the faces standing in for ``word_font`` (and the fallback) once per process."""
    with _lock:
        main = _register_family(family_for(word_font))
        fallback = _register_family(FALLBACK)
        return Fonts(*main, fallback=fallback)


def coverage(font_name: str) -> frozenset[int]:
    return _coverage[font_name]


#: Characters that never reach the page as glyphs and are handled by the writer itself.
_LAYOUT = {"\n", "\t"}


class GlyphGuard:
    """Replaces characters no face can show, and records which they were."""

    def __init__(self, fonts: Fonts) -> None:
        self.fonts = fonts
        self.missing: dict[str, None] = {}  # insertion-ordered set
        self._cache: dict[tuple[str, str], str] = {}
        self._runs: dict[tuple[str, str], list[tuple[str, str]]] = {}

    def clean(self, text: str, font_name: str | None = None) -> str:
        """``text`` with every character neither face has replaced by U+FFFD.

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
        spare = coverage(self.fonts.fallback_of(font_name))
        source = unicodedata.normalize("NFC", text)
        changed = source != text
        out: list[str] = []
        for ch in source:
            if ch == "\t":
                out.append(" ")
                changed = True
            elif ch in _LAYOUT or ord(ch) in have or ord(ch) in spare:
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

    def runs(self, text: str, font_name: str) -> list[tuple[str, str]]:
        """Cleaned ``text`` cut into (piece, face): the fallback face where the main one lacks
        a character."""
        text = self.clean(text, font_name)
        if text.isascii():
            return [(text, font_name)]
        key = (text, font_name)
        hit = self._runs.get(key)
        if hit is not None:
            return hit
        have = coverage(font_name)
        spare = self.fonts.fallback_of(font_name)
        out: list[tuple[str, str]] = []
        for ch in text:
            face = font_name if (ord(ch) in have or ch in _LAYOUT) else spare
            if out and out[-1][1] == face:
                out[-1] = (out[-1][0] + ch, face)
            else:
                out.append((ch, face))
        self._runs[key] = out
        return out

    def markup(self, text: str, font_name: str) -> str:
        """Cleaned, escaped ``text`` for a Paragraph, fallback pieces in a ``<font>`` tag."""
        pieces = self.runs(text, font_name)
        if len(pieces) == 1 and pieces[0][1] == font_name:
            return escape(pieces[0][0])
        return "".join(escape(t) if f == font_name else f'<font face="{f}">{escape(t)}</font>'
                       for t, f in pieces)

    def warnings(self) -> list[str]:
        if not self.missing:
            return []
        shown = ", ".join(f"U+{ord(ch):04X} {_describe(ch)}" for ch in list(self.missing)[:20])
        more = len(self.missing) - 20
        if more > 0:
            shown += f" and {more} more"
        return [f"{len(self.missing)} character(s) the PDF font cannot show were printed as "
                f"{REPLACEMENT}: {shown}."]


def draw_runs(tx, guard: GlyphGuard, text: str, font: str, size: float) -> None:
    """Write ``text`` into the text object ``tx`` in ``font``, switching to the fallback face
    for the characters ``font`` lacks."""
    for piece, face in guard.runs(text, font):
        tx.setFont(face, size)
        tx.textOut(piece)
    tx.setFont(font, size)


def draw_string(canvas, guard: GlyphGuard, x: float, y: float, text: str, font: str,
                size: float) -> None:
    """``canvas.drawString`` with the fallback face for characters ``font`` lacks."""
    pieces = guard.runs(text, font)
    if len(pieces) == 1 and pieces[0][1] == font:
        canvas.setFont(font, size)
        canvas.drawString(x, y, pieces[0][0])
        return
    for piece, face in pieces:
        canvas.setFont(face, size)
        canvas.drawString(x, y, piece)
        x += pdfmetrics.stringWidth(piece, face, size)
    canvas.setFont(font, size)


def _describe(ch: str) -> str:
    name = unicodedata.name(ch, "")
    if unicodedata.category(ch).startswith("C"):
        return f"({name.lower()})" if name else "(control character)"
    return f"'{ch}'" + (f" ({name.lower()})" if name else "")
