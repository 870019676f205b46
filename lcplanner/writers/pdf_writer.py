"""Render a paper IR :class:`~lcplanner.compose.ir.Document` to PDF with reportlab.

One pass, no ``multiBuild``: the numbers that are only known at the end ("of m" in the footer,
the page numbers in the contents) are PDF form XObjects that every page references and that are
filled in just before the file is saved, so the contents shows each heading's real page at the
cost of a single layout. Paragraph text is fast (see :mod:`pdf_text`); tables and fields are
in :mod:`pdf_tables`; contents lines, keep-with-next groups, the document template and tall
table rows are in :mod:`pdf_parts`.

* One house style with Word: face, sizes, spacing, colours and margins are read from the Word
  template's styles (:mod:`pdf_style`); Arial is set in Liberation Sans (same metrics), with
  DejaVu Sans for characters it lacks (:mod:`pdf_fonts`).
* Pagination a typesetter accepts: a heading or table caption is never the last thing on a
  page (it moves with the start of what follows), paragraphs leave no widow or orphan line,
  table rows may split with the header row repeated, a page is not left holding a line or two
  that fit on the one before, and words are never broken without a hyphen (only a single
  token wider than the column is cut).
* A4, portrait or landscape (``doc.landscape``); a portrait document switches to landscape pages
  for a timeline and back. A3 on request (``paper="a3"``).
* Running header (running title) and footer ("Page n of m", print date).
* A bookmark for every outline heading, nested by level; title, author, subject and /Lang in
  the metadata.
* User text is never markup: every string is escaped before it reaches a Paragraph.
"""
from __future__ import annotations

import os
from datetime import date

from reportlab import rl_config
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (Flowable, Frame, NextPageTemplate, PageBreak, PageTemplate,
                                Paragraph, Spacer)

from lcplanner.compose import ir
from lcplanner.writers.atomic import ExportError, atomic_path
from lcplanner.writers.pdf_fonts import GlyphGuard, draw_runs
from lcplanner.writers.pdf_parts import (Gap, KeepWithNext, Template, TocLine, canvasmaker,
                                         keep_with_next)
from lcplanner.writers.pdf_style import styles_for
from lcplanner.writers.pdf_tables import TablesMixin
from lcplanner.writers.pdf_text import (FastText, HeadingPara, ListPara, dash_kept,
                                        inline_label_fits,
                                        label_width, lead_para, long_pieces, make_frags,
                                        make_para)
from lcplanner.writers.timeline_chart import TimelineChart

__all__ = ["write_pdf", "render_pdf_bytes", "ExportError"]

# Binary (Flate only) streams instead of reportlab's default ASCII85 on top: a smaller file,
# and ASCII85 in pure Python was a third of the time spent saving. Process-wide by reportlab's
# design; lcplanner is the only reportlab user in its process.
rl_config.useA85 = 0

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
PAPERS = {"a4": A4, "a3": A3}
LIST_STEP = 20.0  # indent per list level, points
FURNITURE = 9.0  # running header and footer, points (Word's Header and Footer styles)
#: A last page holding less than this many body lines is worth a second layout …
SHORT_LAST_PAGE = 5
#: … with every page's text area this many body lines deeper at the top and at the foot.
SQUEEZE = 1.25


def _british(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


# ---------------------------------------------------------------------- render
class _Render(TablesMixin):
    def __init__(self, doc: ir.Document, print_date: date, *, template=None,
                 paper: str = "a4") -> None:
        self.doc = doc
        self.print_date = print_date
        self.styles = styles_for(template)
        self.fonts = self.styles.fonts
        self.guard = GlyphGuard(self.fonts)
        self.paper = PAPERS.get((paper or "a4").lower(), A4)
        top, right, bottom, left = self.styles.house.margins
        self.margin_x = (left + right) / 2
        self.margin_top, self.margin_bottom = top, bottom
        if doc.kind == "timeline":  # a wall chart: the page for the chart, not the margins
            self.margin_x = min(self.margin_x, 15 * mm)
            self.margin_top, self.margin_bottom = min(top, 20 * mm), min(bottom, 17 * mm)
        self.heading_pages: dict[int, int] = {}
        self.pages = 0
        self._digit_w = stringWidth("0", self.fonts.regular, FURNITURE)
        self.toc_size = self.styles.toc_size
        self.toc_used: list[int] = []
        self._titles: dict[float, str] = {}
        self._printed = f"Printed {_british(print_date)}"
        self.warnings: list[str] = []
        #: The text of a heading just placed: a table caption that only repeats it is left out
        self._last_heading = ""
        self.running = self.guard.clean(
            (doc.running_title or doc.title or "").replace("\n", " ").strip(),
            self.fonts.regular)

    # ---- text
    def markup(self, runs: list[ir.Run], base_bold: bool = False,
               base_italic: bool = False) -> str:
        out: list[str] = []
        for run in runs:
            bold = run.bold or base_bold
            italic = run.italic or base_italic
            face = self.fonts.face(bold, italic)
            text = dash_kept(self.guard.markup(run.text, face).replace("\n", "<br/>"))
            if run.colour:
                # a status mark: a small coloured square, always followed by the status in
                # words (the composer's own mark glyph, if the run is only that, is replaced)
                colour = _safe_colour(run.colour)
                square = (f'<font face="{self.fonts.regular}" color="{colour}">\u25a0</font>'
                          "\u00a0")
                bare = run.text.strip()
                if len(bare) <= 1 and not bare.isalnum():
                    text = square
                else:
                    lead = text[: len(text) - len(text.lstrip(" "))]
                    text = f"{lead}{square}{text.lstrip(' ')}"
            if bold:
                text = f"<b>{text}</b>"
            if italic:
                text = f"<i>{text}</i>"
            out.append(text)
        return "".join(out)

    def plain(self, text: str, face: str | None = None) -> str:
        return dash_kept(self.guard.markup(text, face or self.fonts.regular)
                          .replace("\n", "<br/>"))

    # ---- blocks
    def flowables(self) -> list[Flowable]:
        story: list[Flowable] = []
        outline_index = 0
        heading_index = 0
        prev_level = 0
        self._outline: list[tuple[int, ir.Heading, int]] = []
        # index the outline headings first, so a contents block can refer to later ones
        for block in self.doc.blocks:
            if isinstance(block, ir.Heading) and block.outline:
                level = max(1, min(block.level, prev_level + 1, 4))
                self._outline.append((outline_index, block, level))
                prev_level = level
                outline_index += 1
        outline_iter = iter(self._outline)
        portrait = not self.doc.landscape
        blocks = self.doc.blocks
        for at, block in enumerate(blocks):
            if isinstance(block, ir.Heading):
                level = max(1, min(block.level, 4))
                style = self.heading_style(level, block.kind)
                text = self.plain(block.text, style.fontName)
                if block.label:  # the number hangs in the numbered paragraphs' margin, as in Word
                    style = self.hanging(style)
                    para = make_para(text, style, self.guard.clean(block.label), cls=HeadingPara)
                else:
                    para = make_para(text, style, cls=HeadingPara)
                if block.outline:
                    index, _, olevel = next(outline_iter)
                    title = f"{block.label} {block.text}".strip().replace("\n", " ")
                    para._lcp_anchor = (self, index, self.guard.clean(title), olevel - 1)
                para._lcp_keep = True  # kept with the start of what follows
                story.append(para)
                self._last_heading = " ".join(block.text.split())
                heading_index += 1
            elif isinstance(block, ir.Paragraph):
                self._last_heading = ""
                pieces = long_pieces(block)
                if len(pieces) > 1:  # a huge paragraph, set as consecutive pieces (see there)
                    story.extend(self.paragraph_piece(piece, block.style, k, len(pieces))
                                 for k, piece in enumerate(pieces))
                    continue
                para = self.paragraph(block)
                if block.keep:
                    para._lcp_keep = True  # a title line keeps with its description
                if (at + 1 < len(blocks) and isinstance(blocks[at + 1], ir.ListBlock)
                        and block.text.rstrip().endswith(":")):
                    para._lcp_keep = True  # a sentence introducing a list keeps with it
                story.append(para)
            elif isinstance(block, ir.ListBlock):
                inset = self.styles.numbered_column if block.continues else 0.0
                story.extend(self.list_block(block, 0, inset))
                story.append(Gap(1, 3))
            elif isinstance(block, ir.Table):
                story.extend(self.table(block))
            elif isinstance(block, ir.Fields):
                story.append(self.fields(block))
            elif isinstance(block, ir.PageBreak):
                story.append(PageBreak())
            elif isinstance(block, ir.Contents):
                story.extend(self.contents(block))
            elif isinstance(block, ir.Timeline):
                chart = TimelineChart(block, self.fonts, self.guard, print_date=self.print_date)
                if portrait:
                    story.extend([NextPageTemplate("landscape"), PageBreak(), chart,
                                  NextPageTemplate("portrait"), PageBreak()])
                else:
                    story.append(chart)
            else:  # pragma: no cover - a new block type the writer does not know yet
                self.warnings.append(f"A {type(block).__name__} block was left out of the PDF.")
        if story and isinstance(story[-1], PageBreak):
            story.pop()
        return keep_with_next(story)

    def heading_style(self, level: int, kind: str) -> ParagraphStyle:
        """The template's Heading ``level``; a service group has its portfolio's level but
        never its look: set in italic, as the Word writer sets it."""
        style = self.styles.get(f"h{level}")
        if kind != "service-group" or style.fontName in (self.fonts.italic,
                                                         self.fonts.bolditalic):
            return style
        bold = style.fontName in (self.fonts.bold, self.fonts.bolditalic)
        face = self.fonts.face(bold, True)
        return self.styles.derived(
            ("group", level, face),
            lambda: ParagraphStyle(f"{style.name}-group", parent=style, fontName=face))

    def hanging(self, style: ParagraphStyle) -> ParagraphStyle:
        """``style`` with its text in the numbered paragraphs' column and the number before
        it at the margin (the Word writer's hanging indent for numbered headings)."""
        column = self.styles.numbered_column
        return self.styles.derived(
            ("hang", style.name, column),
            lambda: ParagraphStyle(f"{style.name}-hang", parent=style,
                                   leftIndent=style.leftIndent + column,
                                   bulletIndent=style.leftIndent,
                                   bulletFontName=style.fontName,
                                   bulletFontSize=style.fontSize))

    def paragraph(self, block: ir.Paragraph, *, indent: float = 0.0) -> Paragraph:
        style = self.styles.get(block.style)
        text = self.markup(block.runs, base_italic=style.fontName == self.fonts.italic)
        if block.continues and not block.label:
            # the rest of a numbered paragraph's sentence: in its text column, as in Word
            indent += self.styles.numbered_column
        if block.label:
            # the numbered paragraphs' text column, as in Word, wider only for a long number
            hang = max(self.styles.numbered_column,
                       label_width(block.label, style.fontName, style.fontSize) + 10)
            parent = style
            style = self.styles.derived(
                ("num", parent.name, indent, hang),
                lambda: ParagraphStyle(f"{parent.name}-num", parent=parent,
                                       leftIndent=parent.leftIndent + indent + hang,
                                       bulletIndent=parent.leftIndent + indent,
                                       bulletFontName=parent.fontName,
                                       bulletFontSize=parent.fontSize))
            return make_para(text, style, self.guard.clean(block.label))
        if indent:
            parent = style
            style = self.styles.derived(
                ("in", parent.name, indent),
                lambda: ParagraphStyle(f"{parent.name}-in", parent=parent,
                                       leftIndent=parent.leftIndent + indent))
        if len(block.runs) > 1:
            frags = make_frags(text, style)
            para = lead_para(frags, text, style) if frags else None
            if para is not None:
                return para
        return make_para(text or "\u00a0", style)

    def paragraph_piece(self, text: str, style_name: str, k: int, n: int) -> Paragraph:
        """One piece of a huge paragraph: no space between pieces, only around the whole."""
        parent = self.styles.get(style_name)
        where = "first" if k == 0 else "last" if k == n - 1 else "middle"
        style = self.styles.derived(
            ("piece", parent.name, where),
            lambda: ParagraphStyle(f"{parent.name}-{where}", parent=parent,
                                   spaceBefore=parent.spaceBefore if where == "first" else 0,
                                   spaceAfter=parent.spaceAfter if where == "last" else 0))
        return make_para(self.markup([ir.Run(text)]), style)

    def list_block(self, block: ir.ListBlock, depth: int, inset: float = 0.0) -> list[Flowable]:
        """The list's items, each level LIST_STEP further in; ``inset`` moves the whole list
        into a numbered paragraph's text column (a list that continues one)."""
        out: list[Flowable] = []
        body = self.styles.get("body")
        bullet = block.kind == "bullet"
        labels = [self._list_label(item.label, block.kind) for item in block.items]
        label_w = max((label_width(l, body.fontName, body.fontSize) for l in labels),
                      default=0.0)
        step = max(LIST_STEP, label_w + 7)
        left = inset + depth * LIST_STEP + step
        style = self.styles.derived(
            ("list", depth, block.kind, left, step),
            lambda: ParagraphStyle(f"lcp-list-{depth}-{block.kind}", parent=body,
                                   leftIndent=left, bulletIndent=left - step,
                                   spaceAfter=3.5, bulletFontName=body.fontName,
                                   bulletFontSize=body.fontSize if not bullet else 9.5))
        for item, label in zip(block.items, labels):
            text = self.markup(item.runs) or "\u00a0"
            label = self.guard.clean(label)
            para = make_para(text, style, label, cls=ListPara)
            para._lcp_inline_ok = bool(label) and inline_label_fits(label, style)
            out.append(para)
            for extra in item.extra:
                out.append(self.paragraph(extra, indent=left))
            if item.children and item.children.items:
                out.extend(self.list_block(item.children, depth + 1, inset))
        return out

    @staticmethod
    def _list_label(label: str, kind: str) -> str:
        label = (label or "").strip()
        if kind == "bullet":
            return label or "\u2022"
        if label and label[-1].isalnum():
            return f"{label}."
        return label

    def contents(self, block: ir.Contents) -> list[Flowable]:
        out: list[Flowable] = [make_para(self.plain(block.title or "Contents", self.fonts.bold),
                                         self.styles.get("toc-title"))]
        for index, heading, level in self._outline:
            if level > 3:
                continue
            label = self.guard.clean(heading.label.strip())
            text = self.guard.clean(heading.text.replace("\n", " ").strip(),
                                    self.fonts.bold if level == 1 else self.fonts.regular)
            out.append(TocLine(label, text, index, level - 1, self.fonts, self.toc_size,
                               self.guard, (self.styles.ink, self.styles.rule)))
            self.toc_used.append(index)
        out.append(Gap(1, 12))
        return out

    # ---- page furniture
    def _running_title(self, width: float) -> str:
        """The running title, cut with an ellipsis to fit between the margins (per width)."""
        title = self._titles.get(width)
        if title is None:
            regular = self.fonts.regular
            title = self.running
            avail = width - 2 * self.margin_x
            if stringWidth(title, regular, FURNITURE) > avail:
                while title and stringWidth(title + "\u2026", regular, FURNITURE) > avail:
                    title = title[:-1]
                title += "\u2026"
            self._titles[width] = title
        return title

    def on_page(self, canvas, doc) -> None:
        self.pages += 1
        width, height = canvas._pagesize
        regular = self.fonts.regular
        top = height - 13 * mm
        bottom = 11 * mm
        mx = self.margin_x
        canvas.saveState()
        canvas.setFillColor(self.styles.muted)
        canvas.setStrokeColor(self.styles.rule)
        canvas.setLineWidth(0.5)
        canvas.lines([(mx, top - 4, width - mx, top - 4),
                      (mx, bottom + 11, width - mx, bottom + 11)])
        tx = FastText(canvas, mx, top)
        draw_runs(tx, self.guard, self._running_title(width), regular, FURNITURE)
        tx.setTextOrigin(mx, bottom)
        tx._textOut(self._printed, 1)
        # "Page n of " now, the total later: one form XObject shared by every page, in a
        # slot as wide as its digits (the figures of both faces are all one width)
        slot = self._digit_w * max(2, len(str(self.pages)))
        right = width - mx - slot
        page = f"Page {self.pages} of "
        tx.setTextOrigin(right - stringWidth(page, regular, FURNITURE), bottom)
        tx._textOut(page, 1)
        canvas.drawText(tx)
        canvas.translate(right, bottom)
        canvas.doForm("lcp_total")
        canvas.restoreState()

    def finish(self, canvas) -> None:
        """Define the forms referenced by the pages: page totals and contents numbers."""
        f = self.fonts
        # a few bytes each: compressing them costs more than it saves
        compression = canvas._pageCompression
        canvas._pageCompression = 0
        canvas.beginForm("lcp_total", lowerx=-5, lowery=-5, upperx=60, uppery=15)
        canvas.setFont(f.regular, FURNITURE)
        canvas.setFillColor(self.styles.muted)
        canvas.drawString(0, 0, str(self.pages))
        canvas.endForm()
        for index in dict.fromkeys(self.toc_used):
            page = self.heading_pages.get(index)
            canvas.beginForm(f"lcp_toc_{index}", lowerx=-60, lowery=-5, upperx=0, uppery=15)
            canvas.setFont(f.regular, self.toc_size)
            canvas.setFillColor(self.styles.ink)
            canvas.drawRightString(0, 0, str(page) if page else "\u2013")
            canvas.endForm()
        canvas._pageCompression = compression

    @property
    def frame_width(self) -> float:
        return self._frame_width

    # ---- build
    def build(self, target) -> None:
        """Lay out and write to ``target`` (a path or a binary file object).

        When the last page would hold only a few lines (less than SHORT_LAST_PAGE), the
        document is laid out once more with every page's text area a little deeper (header
        and footer keep their places), as a typesetter would run pages long; the second
        layout is kept only if it saves that page.
        """
        import io

        out = io.BytesIO()
        self._build_once(out, 0.0)
        body = self.styles.get("body")
        if (self.doc.kind != "timeline" and self.pages > 1 and self.last_used is not None
                and self.last_used < SHORT_LAST_PAGE * body.leading
                and min(self.margin_top, self.margin_bottom) - SQUEEZE * body.leading
                >= 17 * mm):
            pages = self.pages
            self.pages, self.heading_pages, self.toc_used = 0, {}, []
            second = io.BytesIO()
            self._build_once(second, SQUEEZE * body.leading)
            if self.pages < pages:
                out = second
        self.warnings.extend(self.guard.warnings())
        if isinstance(target, (str, os.PathLike)):
            with open(target, "wb") as fh:
                fh.write(out.getvalue())
        else:
            target.write(out.getvalue())

    def _build_once(self, target, squeeze: float) -> None:
        doc = self.doc
        portrait_size = self.paper
        landscape_size = landscape(self.paper)
        first_size = landscape_size if doc.landscape else portrait_size
        mx, top, bottom = self.margin_x, self.margin_top - squeeze, self.margin_bottom - squeeze
        self._frame_width = first_size[0] - 2 * mx

        def frame(size, ident):
            return Frame(mx, bottom, size[0] - 2 * mx, size[1] - top - bottom, id=ident,
                         leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

        templates = [
            PageTemplate("portrait", frames=[frame(portrait_size, "p")], onPage=self.on_page,
                         pagesize=portrait_size),
            PageTemplate("landscape", frames=[frame(landscape_size, "l")],
                         onPage=self.on_page, pagesize=landscape_size),
        ]
        if doc.landscape:
            templates.reverse()
        template = Template(
            target, self, pagesize=first_size, pageTemplates=templates,
            leftMargin=mx, rightMargin=mx, topMargin=top,
            bottomMargin=bottom, title=self.guard.clean(doc.title or ""),
            author=self.guard.clean(doc.author or ""), subject=self.guard.clean(doc.subject or ""),
            creator="lcplanner", producer="lcplanner (reportlab)", lang=doc.language or "en-GB",
            initialFontName=self.fonts.regular, invariant=0, keepTogetherClass=KeepWithNext)
        story = self.flowables() or [Spacer(1, 1)]
        self.last_used = None
        template.build(story, canvasmaker=canvasmaker(self))




def _safe_colour(value: str) -> str:
    value = value.strip()
    if len(value) in (4, 7) and value.startswith("#") and all(
            ch in "0123456789abcdefABCDEF" for ch in value[1:]):
        return value
    return "#808080"


def render_pdf_bytes(doc: ir.Document, *, print_date: date | None = None,
                     template: str | os.PathLike | None = None, paper: str = "a4"
                     ) -> tuple[bytes, list[str]]:
    """Render ``doc`` in memory: (PDF bytes, warnings). Used by print preview."""
    import io

    buf = io.BytesIO()
    render = _Render(doc, print_date or date.today(), template=template, paper=paper)
    render.build(buf)
    return buf.getvalue(), render.warnings


def write_pdf(doc: ir.Document, path: str | os.PathLike, *,
              print_date: date | None = None, template: str | os.PathLike | None = None,
              paper: str = "a4") -> list[str]:
    """Write ``doc`` to ``path`` as PDF; return warnings for the user (may be empty).

    ``template`` is the Word template whose styles set the look (the shipped house style
    when None); ``paper`` is "a4" or "a3". The file is written through :func:`atomic_path`:
    a failure leaves any existing file as it was and raises :class:`ExportError`.
    """
    render = _Render(doc, print_date or date.today(), template=template, paper=paper)
    with atomic_path(path) as tmp:
        try:
            render.build(str(tmp))
        except ExportError:
            raise
        except OSError as exc:
            raise ExportError(f"Cannot write the PDF: {exc.strerror or exc}.") from exc
    return render.warnings
