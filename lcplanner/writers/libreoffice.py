"""Running LibreOffice headless, safely: its own profile per run, a time limit, clear errors.

Two ``soffice`` runs sharing a profile fail, so every conversion gets a fresh
``-env:UserInstallation`` in a temporary folder. The fonts shipped in ``resources/fonts`` are
added to what LibreOffice sees (a fontconfig file of its own for the run), so a house style in
Arial is laid out in Liberation Sans, which has Arial's metrics, even where neither is
installed: the pages (and the contents' page numbers taken from them) match Word's.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from lcplanner.resources import fonts_dir
from lcplanner.writers.atomic import ExportError

FONT_DIR = fonts_dir()


def _fontconfig(folder: str) -> dict[str, str]:
    """Environment for soffice with the shipped fonts added to the system's fontconfig."""
    env = dict(os.environ)
    if not FONT_DIR.is_dir():
        return env
    system = os.environ.get("FONTCONFIG_FILE") or "/etc/fonts/fonts.conf"
    conf = Path(folder) / "fonts.conf"
    conf.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
                    f'<fontconfig><include ignore_missing="yes">{system}</include>'
                    f"<dir>{FONT_DIR}</dir>"
                    f"<cachedir>{Path(folder) / 'fc-cache'}</cachedir></fontconfig>\n",
                    encoding="utf-8")
    env["FONTCONFIG_FILE"] = str(conf)
    return env

#: Tagged, accessible PDF from Writer (LibreOffice 7.4+ takes filter options as JSON).
TAGGED_PDF_FILTER = ('pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
                     '"ExportBookmarks":{"type":"boolean","value":"true"},'
                     '"ExportFormFields":{"type":"boolean","value":"false"}}')


def find_soffice() -> str | None:
    """The LibreOffice command, or None when it is not installed."""
    override = os.environ.get("LCPLANNER_SOFFICE")
    if override:
        return override if shutil.which(override) else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(source: Path, convert_to: str, out_dir: Path, *, timeout: float = 180) -> Path:
    """Convert ``source`` with LibreOffice into ``out_dir``; return the file it wrote."""
    soffice = find_soffice()
    if soffice is None:
        raise ExportError("LibreOffice is not installed, so this conversion is not available "
                          "(install the libreoffice-writer-nogui package).")
    extension = convert_to.split(":", 1)[0]
    with tempfile.TemporaryDirectory(prefix="lcplanner-lo-") as profile:
        command = [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                   "--norestore", "--nologo", "--convert-to", convert_to,
                   "--outdir", str(out_dir), str(source)]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                                    stdin=subprocess.DEVNULL, env=_fontconfig(profile))
        except subprocess.TimeoutExpired as exc:
            raise ExportError(f"LibreOffice did not finish converting {source.name} within "
                              f"{timeout:.0f} seconds.") from exc
    produced = out_dir / f"{source.stem}.{extension}"
    if result.returncode != 0 or not produced.exists():
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise ExportError(f"LibreOffice could not convert {source.name}"
                          + (f": {detail[-1]}" if detail else "."))
    return produced
