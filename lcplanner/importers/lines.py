"""Line classifier for committee papers extracted from PDF or Word.

Extraction leaves a paper as physical lines: lists lose their numbering or keep it as typed
text, bullets arrive as any of a dozen glyphs (or none), and sentences are broken across lines,
sometimes with blank lines in between. Before any structure can be recognised we turn those
physical lines into *logical lines*: one per paragraph, heading or list item, each with its
list marker taken apart from its text. The structure builder (``paper_text``) then works on
logical lines only, so it never has to care how a given year's paper happened to be extracted.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lcplanner.importers.tables import TableRow, find_tables

#: Glyphs that extraction leaves in front of list items: Word's Symbol-font bullets arrive as
#: private-use characters (U+F0B7 …), Wingdings arrows as "" or ">", and "o" is Word's
#: second-level bullet.
_BULLET = re.compile(r"^(?:[\u2022\u25aa\u25cf\uf0b7\uf0a7\uf0d8\uf0fc\uf076\uf0a8]\s*"
                     r"|[-¢·>*‐–\u25e6\u2023\u2043o]\s+)")
_DOTTED = re.compile(r"^(\d{1,4}(?:\.\d{1,4})+)\.?(?:\s+|$)")
#: any width when punctuated ("1000. Parks"); a bare number only up to three digits, so a
#: year opening a sentence ("2026 will see …") is not an item
_NUMBER = re.compile(r"^(\d{1,3}|\d+(?=[.)]))([.)]?)(?:\s+|\t)(?=\S)")
_ROMAN = re.compile(r"^\(?(x{0,1}(?:ix|iv|v?i{0,3}))([.)])\s*(?=\S)")
_LETTER = re.compile(r"^(?:\(([a-z])\)|([a-z])[.)]|([a-z])\t)\s*(?=\S)")
_FOOTNOTE = re.compile(r"^[\u00b9\u00b2\u00b3\u2070-\u2079]+\s")
_SUPERSCRIPTS = re.compile(r"[\u00b9\u00b2\u00b3\u2074-\u2079]+$")
#: a number and a tab before the text ("3\tName", "1.2\tTitle"): a numbered heading as Word
#: and typed papers set it, which a following paragraph never continues
_TAB_NUMBERED = re.compile(r"^\d{1,3}(?:\.\d{1,3})*\.?\t")
_RULE = re.compile(r"^[_=~\-*]{5,}$")
_TERMINAL = (".", "!", "?", ";", ":")
#: "Outcome: …", "Success looks like: …": a label opens a new line, never continues one
_LABEL_OPENING = re.compile(r"^[A-Z][a-z]+(?:\s+[a-z]+){0,3}\s*:\s+\S")
_LIST_ITEM_END = re.compile(r"[;,]\s+(?:and|or)$")
#: Words a sentence cannot end on: a line ending on one was broken by extraction.
_FUNCTION_WORDS = frozenset("""a an the of to for and or in on at by with from as into that
which who whose its their our your this these those is are be was were will would can could
should may might must has have had not nor but than via including such both either between
among under over upon within without across about per each every all any some""".split())


@dataclass
class Line:
    """One logical line: a paragraph, heading or list item with its marker taken apart.

    ``enum`` is the typed number or letter ("3", "2.1", "c", "iv") and ``kind`` says which of
    "number", "dotted", "letter" or "roman" it is (a lone "i" is reported as roman and left to
    the builder to decide from context). ``style`` keeps the punctuation ("3." v "3") because
    papers use it to tell a portfolio from a priority. ``bullet`` is true when a glyph stood in
    front; ``indent`` counts leading spaces of the first physical line.
    """

    text: str
    indent: int = 0
    bullet: bool = False
    glyph: str = ""
    enum: str = ""
    kind: str = ""
    style: str = ""
    blank_before: bool = True
    last_physical_length: int = 0
    number: int = field(default=0, repr=False)
    #: the line as the paper printed it, marker and all ("14 October 2021" is not item 14
    #: when it is the value of "Date:")
    raw: str = field(default="", repr=False)
    #: a row of a table flattened to text (see :mod:`lcplanner.importers.tables`)
    row: TableRow | None = field(default=None, repr=False)
    #: whether the reader saw a heading here (a Word heading style, a PDF's larger or bold
    #: line); None when the source cannot say (plain text)
    heading: bool | None = field(default=None, repr=False)

    @property
    def marked(self) -> bool:
        return self.bullet or bool(self.enum)

    @property
    def words(self) -> int:
        return len(self.text.split())

    def ends_sentence(self) -> bool:
        return self.text.rstrip().endswith(_TERMINAL)

    def is_heading_like(self, max_words: int = 12) -> bool:
        """Short, capitalised and not ending like a sentence: how headings look in any year."""
        text = self.text.strip()
        if not text or self.words > max_words or text.endswith((".", ";", ",")):
            return False
        first = text[0]
        return first.isupper() or first.isdigit() or first in "'‘\"“"


def _strip_markers(raw: str) -> Line:
    """Split one physical line into marker and text."""
    expanded = raw.replace("\u00a0", " ").rstrip()
    stripped = expanded.lstrip(" ")
    indent = len(expanded) - len(stripped)
    text = stripped.lstrip("\t")
    if text != stripped:
        indent += 4
    glyph = ""
    while True:  # "- > Jobs" and "- · Trusted partner" carry two glyphs
        match = _BULLET.match(text)
        if not match or match.end() == len(text):
            break
        glyph = glyph or match.group(0).strip()
        text = text[match.end():]
    line = Line(text=text, indent=indent, bullet=bool(glyph), glyph=glyph)
    for kind, pattern in (("dotted", _DOTTED), ("number", _NUMBER),
                          ("roman", _ROMAN), ("letter", _LETTER)):
        match = pattern.match(text)
        if not match or (kind == "roman" and not match.group(1)):
            continue
        if kind == "letter":
            enum = next(g for g in match.groups() if g)
            style = "(a)" if match.group(1) else ("a\t" if match.group(3) else "a" + text[1])
        elif kind == "number":
            enum, style = match.group(1), "N" + match.group(2)
            line.number = int(enum)
        elif kind == "roman":
            enum, style = match.group(1), "i" + match.group(2)
        else:
            enum, style = match.group(1), "N.N"
        line.enum, line.kind, line.style = enum, kind, style
        line.text = text[match.end():].strip()
        break
    line.text = line.text.strip()
    return line


def _ends_on_function_word(text: str) -> bool:
    words = text.rstrip().rsplit(None, 1)
    return bool(words) and (words[-1].casefold() in _FUNCTION_WORDS or text.rstrip()[-1] in "-–(")


def _wrap_width(lines: list[str]) -> int:
    """The page width a PDF extractor wrapped paragraphs at, or 0 when paragraphs were left one
    per line (Word). In a wrapped paper a line nearly as long as the page, without a full stop,
    runs on into the next one."""
    lengths = sorted(len(x.strip()) for x in lines if x.strip())
    if len(lengths) < 20:
        return 0
    long_lines = sum(1 for n in lengths if n > 120)
    if long_lines / len(lengths) >= 0.02 or sum(1 for n in lengths if n > 70) < 10:
        return 0
    return lengths[int(len(lengths) * 0.9)]


def _joins(prev: Line, cur: Line, width: int) -> bool:
    """Whether ``cur`` continues the sentence ``prev`` left unfinished."""
    if prev.row is not None or cur.row is not None:
        return False
    if prev.heading or cur.heading:
        return False  # the reader saw a heading: it stands alone, whatever its last word
    if prev.ends_sentence() or not prev.text:
        return False
    open_ended = _ends_on_function_word(prev.text)
    starts_lower = cur.text[:1].islower()
    if cur.enum:
        # "20 rapid charge points" after "…the option for" is a broken sentence, not item 20.
        return cur.kind == "number" and not cur.bullet and cur.style == "N" and open_ended
    if _LABEL_OPENING.match(cur.text):
        return False  # "Outcome: …", "Lead officer: …" open a line of their own
    if cur.bullet:
        # a glyph in front of a lower-case run-on ("- treasurers and …") is extraction noise;
        # after "…; and" it is the list's last item
        return starts_lower and open_ended and not _LIST_ITEM_END.search(prev.text)
    if starts_lower and prev.bullet and cur.blank_before and cur.indent > 0 and not open_ended:
        return False  # "- highlight … resource" / "" / " agree that …": a glyph lost, an item
    if starts_lower and prev.bullet and cur.blank_before and not open_ended \
            and prev.last_physical_length < (0.75 * width if width else 60):
        # "…in two areas:" / "- A" / "- B" / "" / "the holders have …": the sentence that was
        # interrupted by a list of short names resumes after it; it does not continue "B".
        return False
    if starts_lower and not open_ended and cur.blank_before and _TAB_NUMBERED.match(prev.raw):
        return False  # "3<tab>Crime" / "" / "reflects early work …": a heading, then its note
    if starts_lower or open_ended:
        return True
    if not cur.blank_before and cur.indent > 0 and prev.marked:
        return True  # hanging indent of a list item
    if width and prev.marked and not cur.is_heading_like():
        return True  # a wrapped list item carries on below its bullet
    long_line = prev.last_physical_length >= (0.88 * width if width else 100)
    return long_line and (not cur.blank_before or width > 0) and not cur.is_heading_like(6)


def _continues(prev: Line, cur: Line) -> bool:
    """Whether a paragraph plainly runs on into the next one the reader found: it stops on a
    word no sentence ends on, or the next starts in lower case."""
    return cur.text[:1].islower() or _ends_on_function_word(prev.text)


def logical_lines(text: str, layout: list[tuple[int, int, bool]] | None = None) -> list[Line]:
    """Turn extracted text into logical lines, rejoining sentences broken by extraction.

    ``layout`` is where a reader saw its paragraphs: the first and last physical line of each,
    and whether it is a heading (see :func:`lcplanner.importers.blocks.render_blocks`). A
    paragraph's own lines join up (a list item or a label inside it opens a line of its own); a
    heading neither continues the line above nor is continued by the one below; a paragraph
    only runs on into the next where it plainly does.
    """
    physical = text.split("\n")
    starts = {first: heading for first, _, heading in layout or ()}
    inside: set[int] = {k for first, last, _ in layout or () for k in range(first + 1, last + 1)}
    width = _wrap_width(physical)
    tables = find_tables(physical)
    out: list[Line] = []
    blank = True
    for index, raw in enumerate(physical):
        stripped = raw.strip()
        if index in tables:
            row = tables[index]
            if isinstance(row, TableRow):
                out.append(Line(text=row.text, blank_before=blank, raw=stripped, row=row))
                blank = False
            continue
        if not stripped or _RULE.match(stripped) or _FOOTNOTE.match(stripped):
            blank = True
            continue
        line = _strip_markers(raw)
        line.blank_before = blank
        line.last_physical_length = len(stripped)
        line.raw = stripped
        blank = False
        if not line.text:
            continue
        line.text = _SUPERSCRIPTS.sub("", line.text)
        if layout is not None:
            line.heading = starts.get(index, False)
        wrapped = index in inside and (out[-1].heading or not (
            line.marked or _LABEL_OPENING.match(line.text)))  # a line of the reader's paragraph
        if out and (wrapped or (_joins(out[-1], line, width)
                                and (index not in starts or _continues(out[-1], line)))):
            prev = out[-1]
            piece = line.text
            if line.enum:  # re-attach the number that turned out to be part of the sentence
                piece = f"{line.enum} {piece}"
            sep = "" if prev.text.endswith(("-", "‐")) and piece[:1].islower() else " "
            prev.text = prev.text.rstrip() + sep + piece
            prev.raw = prev.raw + sep + stripped
            prev.last_physical_length = len(stripped)
            continue
        out.append(line)
    for line in out:
        line.text = re.sub(r"[ \t]+", " ", line.text).strip()
    return out

