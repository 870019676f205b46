"""The timeline chart in Word: one picture (the PDF's chart drawn as PNG) with alt text."""
from __future__ import annotations

import io

from docx.oxml.ns import qn
from docx.shared import Emu
from docx.text.paragraph import Paragraph
from docx.oxml.parser import OxmlElement

_EMU_PER_TWIP = 635


def _alt_text(block) -> str:
    bars = sum(len(g.bars) for g in block.groups)
    parts = [f"Timeline chart of {bars} milestone{'s' if bars != 1 else ''} in "
             f"{len(block.groups)} group{'s' if len(block.groups) != 1 else ''}"]
    if block.axis_start and block.axis_end:
        parts.append(f"from {block.axis_start[:7]} to {block.axis_end[:7]}")
    if block.events:
        parts.append(f"with {len(block.events)} policy event"
                     f"{'s' if len(block.events) != 1 else ''}")
    return " ".join(parts) + "; every milestone is listed in the table that follows."


def wall_chart_margins(sect) -> None:
    """Narrower margins for a timeline document (a wall chart: the page is for the chart),
    as the PDF has them: 15 mm at the sides, 20 mm at the top, 17 mm at the foot."""
    margins = sect.find(qn("w:pgMar"))
    if margins is None:
        return
    for edge, limit in (("left", 850), ("right", 850), ("top", 1134), ("bottom", 964)):
        try:
            value = int(margins.get(qn(f"w:{edge}")))
        except (TypeError, ValueError):
            continue
        margins.set(qn(f"w:{edge}"), str(min(value, limit)))
    for edge, limit in (("header", 425), ("footer", 425)):
        try:
            value = int(margins.get(qn(f"w:{edge}")))
        except (TypeError, ValueError):
            continue
        margins.set(qn(f"w:{edge}"), str(min(value, limit)))


def timeline_pictures(document, block, text_width: int, sect, warnings: list[str]) -> list:
    """``w:p`` elements holding the chart as inline pictures, one per page, or [] when it
    cannot be drawn (the writer then falls back to tables)."""
    try:
        size, margins = sect.find(qn("w:pgSz")), sect.find(qn("w:pgMar"))
        room = (int(size.get(qn("w:h"))) - int(margins.get(qn("w:top")))
                - int(margins.get(qn("w:bottom")))) / 20
    except (AttributeError, TypeError, ValueError):
        room = 450.0
    try:
        from lcplanner.writers.timeline_png import timeline_pngs

        # the first picture shares its page with the document's heading
        pictures = timeline_pngs(block, text_width / 20, room - 90, room - 24)
        out = []
        for png, w, h in pictures:
            p = OxmlElement("w:p")
            para = Paragraph(p, document._body)
            para.add_run().add_picture(io.BytesIO(png), width=Emu(round(w * 12700)),
                                       height=Emu(round(h * 12700)))
            for doc_pr in p.iter(qn("wp:docPr")):
                doc_pr.set("descr", _alt_text(block))
                doc_pr.set("title", "Timeline chart")
            out.append(p)
        return out
    except Exception as exc:  # noqa: BLE001 - no picture: the writer falls back to tables
        warnings.append(f"The timeline chart could not be drawn for Word ({exc}); its "
                        "milestones are shown as tables.")
        return []
