"""A guard for Word files that users hand us (templates now, imports later).

A .docx is a zip of XML parts. A hostile one can be a zip bomb (a few kilobytes that inflate
to gigabytes), claim small sizes in its headers and inflate more, or carry XML entity tricks
("billion laughs", external entities that read local files). python-docx would hand such a file
to lxml and zipfile unguarded, so we look first, within a memory bound, and refuse with a clear
message. A part is read as markup by its content, not its name: a package may name its parts
as it likes (``word/styles.dat``), and python-docx parses whatever the relationships point at.
"""
from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

MAX_ENTRIES = 2_000
MAX_TOTAL = 200 * 1024 * 1024   # inflated bytes across all parts
MAX_PART = 64 * 1024 * 1024     # inflated bytes in one part
MAX_RATIO = 200                 # inflated / compressed, per part above 1 MB
_CHUNK = 1024 * 1024
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


class UnsafeDocumentError(ValueError):
    """The file is not a Word document we will read; ``str(err)`` says why, for the user."""


def check_docx(path: str | os.PathLike) -> None:
    """Raise :class:`UnsafeDocumentError` unless ``path`` is a plausible, harmless .docx."""
    path = Path(path)
    name = path.name
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise UnsafeDocumentError(f"{name} does not exist.") from None
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnsafeDocumentError(f"{name} is not a Word document (.docx).") from exc
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ENTRIES:
            raise UnsafeDocumentError(f"{name} has {len(infos)} parts; a Word document has far "
                                      "fewer. It was not read.")
        names = {i.filename for i in infos}
        if "[Content_Types].xml" not in names or "word/document.xml" not in names:
            raise UnsafeDocumentError(f"{name} is a zip file but not a Word document (.docx).")
        declared = sum(i.file_size for i in infos)
        if declared > MAX_TOTAL:
            raise UnsafeDocumentError(f"{name} would inflate to {declared // 2**20} MB; it "
                                      "looks like a zip bomb and was not read.")
        total = 0
        for info in infos:
            if info.file_size > 2**20 and info.compress_size and \
                    info.file_size / info.compress_size > MAX_RATIO:
                raise UnsafeDocumentError(f"{name} compresses {info.filename} suspiciously "
                                          "well; it looks like a zip bomb and was not read.")
            total += _inflate_bounded(archive, info, name, MAX_TOTAL - total)


def _inflate_bounded(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str,
                     allowance: int) -> int:
    """Inflate one part in chunks, never holding more than one chunk; scan XML for DTDs."""
    size = 0
    tail = b""
    is_xml = None  # decided by the part's first bytes, whatever its name
    try:
        with archive.open(info) as part:
            while chunk := part.read(_CHUNK):
                size += len(chunk)
                if size > MAX_PART or size > allowance:
                    raise UnsafeDocumentError(
                        f"{name} inflates past its stated size; it looks like a zip bomb and "
                        "was not read.")
                if is_xml is None:
                    is_xml = info.filename.endswith((".xml", ".rels")) or _looks_like_xml(chunk)
                if not is_xml:
                    continue
                # Dropping NULs reads UTF-16 and UTF-32 markup as ASCII.
                chunk = chunk.replace(b"\0", b"")
                if _DTD.search(tail + chunk):
                    raise UnsafeDocumentError(
                        f"{name} declares XML entities in {info.filename}; such files can read "
                        "other files or exhaust memory, so it was not read.")
                tail = chunk[-16:]
    except (zipfile.BadZipFile, EOFError, OSError, RuntimeError) as exc:
        # RuntimeError: encrypted parts; the others: damaged archives.
        raise UnsafeDocumentError(f"{name} is damaged or encrypted and cannot be read.") from exc
    return size


def _looks_like_xml(head: bytes) -> bool:
    """True when a part starts as markup does (after a byte-order mark and white space)."""
    head = head[:4096].replace(b"\0", b"")
    if head.startswith(_BOMS):
        return True  # a text part: scan it as markup
    return head.lstrip(b" \t\r\n").startswith(b"<")
