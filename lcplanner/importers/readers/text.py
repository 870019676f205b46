"""The text reader: a paper saved or extracted as plain text.

Encodings: a byte-order mark says UTF-8, UTF-16 or UTF-32 (what Notepad's "Unicode" writes);
without one, UTF-8 is tried first, then Windows-1252, which is what Word's "Save as plain text"
writes on most council desktops. Line ends become ``\\n``.

The file is streamed in chunks, so a large paper is never held twice as bytes and text, and a
file over :data:`MAX_TEXT_MB` of text is refused from its size alone, before any work.
"""
from __future__ import annotations

import codecs
import os
import re
from os import PathLike

from lcplanner.importers.blocks import SourceBlock
from lcplanner.importers.errors import PaperImportError

__all__ = ["MAX_TEXT_MB", "read_text", "text_blocks", "read_text_blocks", "check_size"]

#: The largest paper we import, in megabytes of text (a year's plan is well under 1 MB).
MAX_TEXT_MB = 20
_CHUNK = 1 << 20
#: Byte-order marks, longest first (UTF-32 LE starts with UTF-16 LE's mark).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le", 4), (codecs.BOM_UTF32_BE, "utf-32-be", 4),
         (codecs.BOM_UTF8, "utf-8", 1), (codecs.BOM_UTF16_LE, "utf-16-le", 2),
         (codecs.BOM_UTF16_BE, "utf-16-be", 2))
#: Control characters (C0 but tab and line ends, DEL, C1) and the replacement character: a
#: text paper has next to none; a binary file read as text is full of them.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
_BINARY = ("The file looks like a binary file, not a paper lcplanner can read; please save "
           "it as a Word document (.docx), a PDF or plain text.")


def _encoding(head: bytes) -> tuple[str | None, int, int]:
    """(encoding or None, bytes of mark to skip, bytes per character) from the first bytes."""
    for bom, name, width in _BOMS:
        if head.startswith(bom):
            return name, len(bom), width
    return None, 0, 1


def check_size(path: str | PathLike, width: int = 1) -> int:
    """The file's size in bytes; refuse one over the limit (``width`` bytes per character)."""
    try:
        size = os.stat(path).st_size
    except OSError as err:
        raise PaperImportError(f"The file could not be read ({err.strerror or err}).") from err
    if size > MAX_TEXT_MB * width * 1024 * 1024:
        raise PaperImportError(
            f"The file holds {size / 2**20:.0f} MB, more than the {MAX_TEXT_MB} MB of text a "
            "paper may hold; it was not read.")
    return size


def _decode(path: str | PathLike, encoding: str, skip: int) -> list[str]:
    """The file decoded in chunks; raises UnicodeDecodeError as a whole-file decode would."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    pieces: list[str] = []
    with open(path, "rb") as handle:
        handle.seek(skip)
        while chunk := handle.read(_CHUNK):
            pieces.append(decoder.decode(chunk))
        pieces.append(decoder.decode(b"", final=True))
    return pieces


def read_text(path: str | PathLike) -> str:
    """Read a text file as the paper's text, refusing what is not text or is too large."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4)  # the byte-order mark says how many bytes make a character
    except OSError as err:
        raise PaperImportError(f"The file could not be read ({err.strerror or err}).") from err
    encoding, skip, width = _encoding(head)
    check_size(path, width)  # the first refusal, before the text is read
    if not head:
        raise PaperImportError("The file is empty.")
    try:
        if encoding is None:
            try:
                pieces = _decode(path, "utf-8", 0)
            except UnicodeDecodeError:
                pieces = _decode(path, "cp1252", 0)  # cp1252 fails only on 5 unused bytes
        else:
            pieces = _decode(path, encoding, skip)
    except UnicodeDecodeError:
        if encoding is None:
            pieces = [_decode_replacing(path)]
        else:
            raise PaperImportError(f"The file says it is {encoding.upper()} text but is not "
                                   "valid as such; please save it again as text.") from None
    except OSError as err:
        raise PaperImportError(f"The file could not be read ({err.strerror or err}).") from err
    text = "".join(pieces)
    del pieces
    if encoding is None and "\x00" in text:
        raise PaperImportError(_BINARY)
    bad = sum(1 for _ in _CONTROL.finditer(text))
    if bad > len(text) * 0.10:
        raise PaperImportError(_BINARY)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise PaperImportError("The file is empty: it holds only blank space.")
    return text


def _decode_replacing(path: str | PathLike) -> str:
    with open(path, "rb") as handle:
        return handle.read().decode("cp1252", errors="replace")


def text_blocks(text: str) -> list[SourceBlock]:
    """A text paper's blocks: one per paragraph (lines between blank lines), lines kept.

    A text paper's line breaks and indents are the only layout it has, so each block keeps its
    physical lines as they were; the recogniser reads them exactly as it reads the file.
    """
    blocks: list[SourceBlock] = []
    start = 0
    current: list[str] = []
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip():
            if not current:
                start = number
            current.append(line.rstrip())
        elif current:
            blocks.append(SourceBlock("\n".join(current), origin=f"line {start}"))
            current = []
    if current:
        blocks.append(SourceBlock("\n".join(current), origin=f"line {start}"))
    return blocks


def read_text_blocks(path: str | PathLike) -> list[SourceBlock]:
    """The blocks of a text file (see :func:`read_text` for what is refused)."""
    return text_blocks(read_text(path))
