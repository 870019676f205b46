"""Flowables and page machinery for the PDF writer: contents lines, keep-with-next groups,
the document template that fills in deferred numbers, and tall table rows cut to fit pages.
"""
from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (ActionFlowable, BaseDocTemplate, Flowable, KeepTogether,
                                PageBreak, Paragraph, Spacer)
from reportlab.platypus.doctemplate import FrameBreak

from lcplanner.writers.pdf_fonts import Fonts, GlyphGuard, draw_runs
from lcplanner.writers.pdf_text import FastText


class TocLine(Flowable):
    """One contents line: label, wrapped title, dot leader, page number (a form XObject)."""

    NUMBER_W = 28.0

    def __init__(self, label: str, text: str, index: int, level: int, fonts: Fonts,
                 size: float, guard: GlyphGuard, colours: tuple) -> None:
        super().__init__()
        self.label, self.text, self.index, self.level = label, text, index, level
        self.fonts, self.size, self.guard = fonts, size, guard
        self.ink, self.rule = colours
        self.font = fonts.bold if level == 0 else fonts.regular
        self.indent = level * 16.0
        self.label_w = max(30.0, stringWidth(label, self.font, size) + 8) if label else 0.0
        self.lines: list[str] = []

    def wrap(self, availWidth, availHeight):  # noqa: N803
        text_w = availWidth - self.indent - self.label_w - self.NUMBER_W - 8
        self.lines = simpleSplit(self.text, self.font, self.size, max(text_w, 40)) or [""]
        self.width = availWidth
        self.leading = self.size * 1.3
        self.height = len(self.lines) * self.leading + (5 if self.level == 0 else 1.5)
        return self.width, self.height

    def split(self, availWidth, availHeight):  # noqa: N803
        return []

    def draw(self) -> None:
        # one text object for label, title lines and dot leader (in that order, as read)
        c = self.canv
        size = self.size
        c.setFillColor(self.ink)
        y = self.height - size - (3.5 if self.level == 0 else 0.5)
        x = self.indent
        tx = FastText(c, x, y)
        tx.setFont(self.font, size)
        if self.label:
            tx._textOut(self.label, 1)
        x += self.label_w
        for i, line in enumerate(self.lines):
            tx.setTextOrigin(x, y)
            draw_runs(tx, self.guard, line, self.font, size)
            if i < len(self.lines) - 1:
                y -= self.leading
        end = x + stringWidth(self.lines[-1], self.font, size) + 4
        right = self.width - self.NUMBER_W - 2
        regular = self.fonts.regular
        dot = stringWidth(". ", regular, size)
        if right - end > dot:
            dots = ". " * int((right - end) / dot)
            tx.setFillColor(self.rule)
            tx.setFont(regular, size)
            tx.setTextOrigin(right - stringWidth(dots, regular, size), y)
            tx._textOut(dots, 1)
        c.drawText(tx)
        c.saveState()
        c.translate(self.width, y)
        c.doForm(f"lcp_toc_{self.index}")
        c.restoreState()
        c.linkRect("", f"lcp-h{self.index}", (self.indent, y - 3, self.width, y + self.size),
                   relative=1, thickness=0)


class KeepWithNext(KeepTogether):
    """keepWithNext that does not push a page-sized table to the next page.

    reportlab moves a heading and everything kept with it to a new page whenever the group
    does not fit, which leaves most of a page empty before a long table. When the group could
    never fit on one page anyway, start it here as long as the heading and a few lines fit.
    """

    def split(self, aW, aH):  # noqa: N803
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        frame = getattr(self, "_frame", None)
        if frame is not None and self._H > frame._height:
            if aH >= self._H0 + 60 or getattr(frame, "_atTop", False):
                return self._content[:]
            return [FrameBreak()] + self._content[:]
        return super().split(aW, aH)


class Template(BaseDocTemplate):

    """Draws header and footer on each page and fills in the deferred numbers at the end."""

    def __init__(self, filename, render, **kw) -> None:
        self.render = render
        super().__init__(filename, **kw)

    def _endBuild(self):  # noqa: N802 (reportlab API)
        frame = getattr(self, "frame", None)
        if frame is not None:  # how far down the last page the text went
            self.render.last_used = frame._y1 + frame._height - frame._y
        self._doSave = 0
        super()._endBuild()
        self.render.finish(self.canv)
        self.canv.save()



#: A table row taller than this is cut into sub-rows, so that it can break across pages.
ROW_CHUNK = 50.0
#: Rows shorter than this (roughly measured) are never cut: the common case stays cheap.
SPLIT_FROM = 120.0


def split_tall_row(cells: list[list[Paragraph]], widths: list[float],
                    style: ParagraphStyle) -> list[list[list[Flowable]]]:
    """Return ``cells`` as one row, or as several sub-rows of about ROW_CHUNK if it is tall.

    reportlab tables break between rows only (``splitInRow`` misplaces repeated headers), so a
    cell taller than a page would not fit anywhere. Cutting the row at paragraph and line
    boundaries into sub-rows of at most ROW_CHUNK points lets it flow over as many pages as
    it needs; the sub-rows share one rule below, so they still read as one row.
    """
    def rough(p: Paragraph, width: float) -> float:
        chars = sum(len(getattr(f, "text", "")) for f in p.frags)
        per_line = max(width / (p.style.fontSize * 0.5), 1.0)
        return (chars / per_line + 1) * p.style.leading

    sizes = [sum(rough(p, w) for p in paras) for paras, w in zip(cells, widths)]
    if all(size < SPLIT_FROM for size in sizes):
        return [cells]
    # Every column is cut at the same heights, at line boundaries (a line alone at either
    # side of a cut is fine inside a row), so the text of each runs on without a gap. The
    # first sub-row is as tall as the tallest short column, which is never cut.
    for paras in cells:
        for p in paras:
            p.style = _loose(p.style)
    first = ROW_CHUNK
    for paras, width, size in zip(cells, widths, sizes):
        if size <= 2 * ROW_CHUNK:
            first = max(first, sum(p.wrap(width, 1e6)[1] + p.getSpaceAfter() for p in paras))
    columns = [_chunk(paras, width, [first]) for paras, width in zip(cells, widths)]
    depth = max(len(c) for c in columns)
    if depth == 1:
        return [cells]
    return [[col[i] if i < len(col) else [] for col in columns] for i in range(depth)]


_loose_styles: dict[int, ParagraphStyle] = {}


def _loose(style: ParagraphStyle) -> ParagraphStyle:
    """``style`` allowing a single line at either side of a cut (inside a table row)."""
    hit = _loose_styles.get(id(style))
    if hit is None or hit[0] is not style:
        loose = ParagraphStyle(f"{style.name}-loose", parent=style, allowWidows=1,
                               allowOrphans=1)
        hit = _loose_styles[id(style)] = (style, loose)
    return hit[1]


def _chunk(paras: list[Paragraph], width: float, limits: list[float]
           ) -> list[list[Paragraph]]:
    """``paras`` cut at paragraph and line boundaries into chunks no taller than
    ``limits[i]`` (ROW_CHUNK past the end of ``limits``)."""
    def limit(i: int) -> float:
        return limits[i] if i < len(limits) else ROW_CHUNK

    chunks: list[list[Paragraph]] = [[]]
    used = 0.0
    queue = list(paras)
    while queue:
        cap = limit(len(chunks) - 1)
        p = queue.pop(0)
        _, h = p.wrap(width, cap)
        h += p.getSpaceAfter()
        if used + h <= cap:
            chunks[-1].append(p)
            used += h
            continue
        room = cap - used
        parts = p.split(width, room) if room >= p.style.leading else []
        if len(parts) == 2:
            chunks[-1].append(parts[0])
            queue.insert(0, parts[1])
        elif chunks[-1]:
            queue.insert(0, p)
        else:  # a single line taller than a chunk: keep it, nothing better to do
            chunks[-1].append(p)
            used = cap
            continue
        chunks.append([])
        used = 0.0
    return [c for c in chunks if c]


def canvasmaker(render):
    from reportlab.pdfgen.canvas import Canvas

    def make(*args, **kw):
        c = Canvas(*args, **kw)
        c._lcp_codes = {}  # see FastText
        c.setPageCompression(1)
        c.showOutline()
        return c

    return make



class KeepWithFirst(Flowable):
    """Headings and captions (``lead``) kept with the start of the flowable that follows.

    A heading or a caption must never end a page. When the group does not fit, the follower is
    split so that its first part (two lines of a paragraph, a table's header and first row)
    goes with the lead; when even that does not fit, the whole group moves to the next page.
    Unlike reportlab's keepWithNext, a long follower is not pushed whole to the next page,
    which would leave most of a page empty.
    """

    def __init__(self, lead: list[Flowable], follower: Flowable) -> None:
        super().__init__()
        self.lead = lead
        self.follower = follower
        self._sizes: list[tuple[float, float]] = []

    def _gap(self, i: int) -> float:
        """Space between item ``i`` and item ``i + 1`` (as a frame would leave it)."""
        items = self.lead + [self.follower]
        return items[i].getSpaceAfter() + items[i + 1].getSpaceBefore()

    def wrap(self, availWidth, availHeight):  # noqa: N803
        items = self.lead + [self.follower]
        self._sizes = [f.wrap(availWidth, availHeight) for f in items]
        self.width = availWidth
        self.height = sum(h for _, h in self._sizes) + sum(
            self._gap(i) for i in range(len(items) - 1))
        return self.width, self.height

    def getSpaceBefore(self):  # noqa: N802
        return self.lead[0].getSpaceBefore()

    def getSpaceAfter(self):  # noqa: N802
        return self.follower.getSpaceAfter()

    def split(self, availWidth, availHeight):  # noqa: N803
        if len(self._sizes) != len(self.lead) + 1 or self.width != availWidth:
            self.wrap(availWidth, availHeight)
        used = sum(h + self._gap(i) for i, (_, h) in enumerate(self._sizes[:-1]))
        room = availHeight - used - 1.0
        parts = self.follower.split(availWidth, room) if room > 0 else []
        if len(parts) >= 2:
            _, h = parts[0].wrap(availWidth, room)
            if h <= room:
                return self.lead + parts
        frame = getattr(self, "_frame", None)
        if frame is not None and getattr(frame, "_atTop", False):
            # taller than a page and not splittable after the lead: let each part do its best
            _, h = self.lead[0].wrap(availWidth, availHeight)
            if h > availHeight:
                first = self.lead[0].split(availWidth, availHeight)
                if first:
                    return first + self.lead[1:] + [self.follower]
            return self.lead + [self.follower]
        return []

    def drawOn(self, canvas, x, y, _sW=0):  # noqa: N802, N803
        items = self.lead + [self.follower]
        top = y + self.height
        for i, (f, (_, h)) in enumerate(zip(items, self._sizes)):
            top -= h
            f.drawOn(canvas, x, top, _sW)
            if i < len(items) - 1:
                top -= self._gap(i)

    def draw(self):  # pragma: no cover - drawn through drawOn
        pass


def keep_with_next(story: list[Flowable]) -> list[Flowable]:
    """``story`` with every run of kept flowables (``_lcp_keep``) grouped with its follower."""
    out: list[Flowable] = []
    lead: list[Flowable] = []
    for f in story:
        if getattr(f, "_lcp_keep", False):
            lead.append(f)
            continue
        if lead:
            if isinstance(f, (Spacer, PageBreak, ActionFlowable)):
                out.extend(lead)
                lead = []
                out.append(f)
                continue
            out.append(KeepWithFirst(lead, f))
            lead = []
            continue
        out.append(f)
    out.extend(lead)
    return out


class Gap(Spacer):
    """Space between blocks that vanishes at the foot of a page instead of starting a new
    (otherwise empty) one."""

    def split(self, availWidth, availHeight):  # noqa: N803
        return [Spacer(self.width, 0)]
