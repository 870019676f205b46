"""The timeline chart as a PNG picture, for Word: the same drawing code as the PDF chart.

:class:`~lcplanner.writers.timeline_chart.TimelineChart` draws on a reportlab canvas. Here a
small canvas with the same methods (the ones the chart uses: rectangles, lines, dashes, paths,
clipping to a rectangle, text in the embedded faces) paints with Pillow instead, so Word shows
exactly the chart the PDF shows, in one picture. reportlab's own bitmap renderer needs a cairo
build that is not on every machine; Pillow is.
"""
from __future__ import annotations

import io
import math
from datetime import date

from PIL import Image, ImageDraw, ImageFont
from reportlab.pdfbase import pdfmetrics

from lcplanner.compose import ir
from lcplanner.writers.pdf_fonts import GlyphGuard
from lcplanner.writers.pdf_style import styles_for

#: Pixels per point: 200 dpi, sharp when printed at the size Word shows it.
SCALE = 200 / 72


def _rgb(colour) -> tuple[int, int, int]:
    return tuple(max(0, min(255, round(v * 255))) for v in (colour.red, colour.green,
                                                             colour.blue))


class _Path:
    def __init__(self) -> None:
        self.points: list[tuple[float, float]] = []
        self.box: tuple[float, float, float, float] | None = None

    def moveTo(self, x, y):  # noqa: N802 (reportlab API)
        self.points = [(x, y)]

    def lineTo(self, x, y):  # noqa: N802
        self.points.append((x, y))

    def close(self):
        pass

    def rect(self, x, y, w, h):
        self.box = (x, y, x + w, y + h)
        self.points = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]


class PillowCanvas:
    """The part of reportlab's canvas API the timeline chart uses, painted with Pillow."""

    def __init__(self, width: float, height: float, scale: float = SCALE) -> None:
        self.scale = scale
        self.height = height
        self.image = Image.new("RGB", (math.ceil(width * scale), math.ceil(height * scale)),
                               "white")
        self.draw = ImageDraw.Draw(self.image)
        self._state = {"fill": (0, 0, 0), "stroke": (0, 0, 0), "width": 1.0, "dash": None,
                       "font": None, "size": 10.0, "clip": None}
        self._stack: list[dict] = []
        self._fonts: dict[tuple[str, float], ImageFont.FreeTypeFont] = {}

    # ---- state
    def saveState(self):  # noqa: N802
        self._stack.append(dict(self._state))

    def restoreState(self):  # noqa: N802
        self._state = self._stack.pop()

    def setFillColor(self, colour):  # noqa: N802
        self._state["fill"] = _rgb(colour)

    def setStrokeColor(self, colour):  # noqa: N802
        self._state["stroke"] = _rgb(colour)

    def setLineWidth(self, width):  # noqa: N802
        self._state["width"] = width

    def setDash(self, on=None, off=None):  # noqa: N802
        self._state["dash"] = (on, off if off is not None else on) if on else None

    def setFont(self, name, size):  # noqa: N802
        self._state["font"], self._state["size"] = name, size

    # ---- geometry
    def _xy(self, x: float, y: float) -> tuple[float, float]:
        return x * self.scale, (self.height - y) * self.scale

    def _pen(self) -> int:
        return max(1, round(self._state["width"] * self.scale))

    def _segment(self, x1, y1, x2, y2) -> None:
        clip = self._state["clip"]
        if clip is not None:
            clipped = _clip(x1, y1, x2, y2, clip)
            if clipped is None:
                return
            x1, y1, x2, y2 = clipped
        dash = self._state["dash"]
        if dash is None:
            self.draw.line([self._xy(x1, y1), self._xy(x2, y2)], fill=self._state["stroke"],
                           width=self._pen())
            return
        length = math.hypot(x2 - x1, y2 - y1)
        if length == 0:
            return
        on, off = dash
        t = 0.0
        while t < length:
            end = min(t + on, length)
            a = (x1 + (x2 - x1) * t / length, y1 + (y2 - y1) * t / length)
            b = (x1 + (x2 - x1) * end / length, y1 + (y2 - y1) * end / length)
            self.draw.line([self._xy(*a), self._xy(*b)], fill=self._state["stroke"],
                           width=self._pen())
            t = end + off

    def line(self, x1, y1, x2, y2):
        self._segment(x1, y1, x2, y2)

    def rect(self, x, y, w, h, stroke=1, fill=0):
        if fill:
            (ax, ay), (bx, by) = self._xy(x, y + h), self._xy(x + w, y)
            self.draw.rectangle([min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)],
                                fill=self._state["fill"])
        if stroke:
            for a, b in (((x, y), (x + w, y)), ((x + w, y), (x + w, y + h)),
                         ((x + w, y + h), (x, y + h)), ((x, y + h), (x, y))):
                self._segment(*a, *b)

    def roundRect(self, x, y, w, h, r, stroke=1, fill=0):  # noqa: N802
        self.rect(x, y, w, h, stroke=stroke, fill=fill)

    def beginPath(self):  # noqa: N802
        return _Path()

    def drawPath(self, path, stroke=1, fill=0):  # noqa: N802
        points = [self._xy(x, y) for x, y in path.points]
        if len(points) < 2:
            return
        self.draw.polygon(points, fill=self._state["fill"] if fill else None,
                          outline=self._state["stroke"] if stroke else None,
                          width=self._pen() if stroke else 0)

    def clipPath(self, path, stroke=0, fill=0):  # noqa: N802
        self._state["clip"] = path.box

    # ---- text
    def _font(self) -> ImageFont.FreeTypeFont:
        key = (self._state["font"], self._state["size"])
        font = self._fonts.get(key)
        if font is None:
            filename = pdfmetrics.getFont(key[0]).face.filename
            font = self._fonts[key] = ImageFont.truetype(filename, round(key[1] * self.scale))
        return font

    def drawString(self, x, y, text):  # noqa: N802
        self.draw.text(self._xy(x, y), text, font=self._font(), fill=self._state["fill"],
                       anchor="ls")

    def drawCentredString(self, x, y, text):  # noqa: N802
        self.draw.text(self._xy(x, y), text, font=self._font(), fill=self._state["fill"],
                       anchor="ms")

    def png(self) -> bytes:
        out = io.BytesIO()
        self.image.save(out, format="PNG", compress_level=3, dpi=(self.scale * 72,) * 2)
        return out.getvalue()


def _clip(x1, y1, x2, y2, box):
    """The part of segment (x1, y1)–(x2, y2) inside ``box`` (Liang–Barsky), or None."""
    left, bottom, right, top = box
    dx, dy = x2 - x1, y2 - y1
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x1 - left), (dx, right - x1), (-dy, y1 - bottom), (dy, top - y1)):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return None
    return x1 + t0 * dx, y1 + t0 * dy, x1 + t1 * dx, y1 + t1 * dy


def timeline_pngs(timeline: ir.Timeline, width: float, first_height: float,
                  page_height: float, *, template=None, print_date: date | None = None
                  ) -> list[tuple[bytes, float, float]]:
    """The chart as page-sized PNG pictures (the first fits ``first_height``, the others
    ``page_height``), each with its size in points; every part repeats the axis and the key,
    as the PDF's pages do."""
    from lcplanner.writers.timeline_chart import TimelineChart

    styles = styles_for(template)
    chart = TimelineChart(timeline, styles.fonts, GlyphGuard(styles.fonts),
                          print_date=print_date)
    parts = []
    room = first_height
    while True:
        _, height = chart.wrap(width, room)
        pieces = chart.split(width, room) if height > room else []
        if len(pieces) != 2:
            parts.append(chart)
            break
        parts.append(pieces[0])
        chart = pieces[1]
        room = page_height
    out = []
    for part in parts:
        _, height = part.wrap(width, 1e6)
        canvas = PillowCanvas(width, height)
        part.canv = canvas
        part.draw()
        out.append((canvas.png(), width, height))
    return out
