"""A Gantt-style milestone chart for :class:`lcplanner.compose.ir.Timeline`, as a platypus flowable.

Layout, left to right: a label column (milestone, its date as written, its status) and the chart
area on a month axis with year bands. One lane per milestone, grouped under objective headings;
milestones whose date is "TBC" or could not be read go to a "To be confirmed" group at the end.
Policy events are dashed vertical lines labelled at the top. Nothing relies on colour alone:

* a date known to the day is a diamond, a month (or shorter) is a solid bar, a fuzzy date
  ("Autumn 2022", "Q2 2023", "2022-2023") is a hatched bar over its whole range;
* every bar has a dark outline, the status is written out beside a small swatch;
* TBC lanes are a dashed empty box with the words "To be confirmed".

The flowable splits between lanes when it is taller than the space left; every page repeats the
axis (years, months, event labels), the key, and the heading of a group that continues
("… continued"). Long names are cut to one line and numbered; the composer lists them in full
in a table after the chart. Colours, sizes, label packing and the key are in
:mod:`timeline_labels`; :mod:`timeline_png` draws the same chart as a picture for Word.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from reportlab.lib.colors import Color, HexColor, white
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from lcplanner.compose import ir
from lcplanner.writers.pdf_fonts import Fonts, GlyphGuard, draw_string
from lcplanner.writers.timeline_labels import (AXIS_SIZE, BAND_A, BAND_B, DEFAULT_BAR,
                                               EVENT_INK, EVENT_ROW, EVENT_SIZE, GRID,
                                               GROUP_FILL, INK, LABEL_LEAD, LABEL_SIZE,
                                               LANE_BOTTOM, LANE_TOP, MUTED, RULE, STRIPE,
                                               SUB_LEAD, SUB_SIZE, TBC_TITLE, draw_key,
                                               lighten, place_labels, shorten)

def _parse(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _month_index(d: date, first: date) -> float:
    """Months from ``first`` (a first-of-month) to the start of day ``d``, fractional."""
    whole = (d.year - first.year) * 12 + d.month - first.month
    days = calendar.monthrange(d.year, d.month)[1]
    return whole + (d.day - 1) / days


def _colour(value: str | None, default: Color) -> Color:
    if not value:
        return default
    try:
        return HexColor(value)
    except (ValueError, TypeError):
        return default


@dataclass
class _Lane:
    kind: str  # "group" | "bar" | "tbc" | "event-tbc"
    title: str = ""
    lines: list[str] = field(default_factory=list)
    sub: list[str] = field(default_factory=list)
    status: str = ""
    colour: Color | None = None
    start: date | None = None
    end: date | None = None
    height: float = 0.0
    continued: bool = False
    #: True for the "To be confirmed" group and its lanes: no axis grid there.
    tbc: bool = False
    #: The milestone's number (its row in the table after the chart), and the label indent.
    number: str = ""
    indent: float = 0.0


@dataclass
class _Axis:
    first: date  # first day of first month
    months: int


class TimelineChart(Flowable):
    """Draws an :class:`ir.Timeline`; splits across pages between lanes."""

    def __init__(self, timeline: ir.Timeline, fonts: Fonts, guard: GlyphGuard, *,
                 print_date: date | None = None) -> None:
        super().__init__()
        self.timeline = timeline
        self.fonts = fonts
        self.guard = guard
        self.print_date = print_date or date.today()
        self._lanes: list[_Lane] | None = None
        self._width = 0.0
        self._axis = self._make_axis()
        self._events = [(e, _parse(e.start), _parse(e.end)) for e in timeline.events]
        self._first_part = True
        self._last_part = True
        self._placed: list = []

    # ----------------------------------------------------------------- model
    def _make_axis(self) -> _Axis:
        dates: list[date] = []
        for g in self.timeline.groups:
            for b in g.bars:
                for v in (b.start, b.end):
                    d = _parse(v)
                    if d:
                        dates.append(d)
        for e in self.timeline.events:
            for v in (e.start, e.end):
                d = _parse(v)
                if d:
                    dates.append(d)
        lo = _parse(self.timeline.axis_start)
        hi = _parse(self.timeline.axis_end)
        if lo is None:
            lo = min(dates) if dates else date(self.print_date.year, 1, 1)
        if hi is None:
            hi = max(dates) if dates else date(lo.year, 12, 31)
        if hi < lo:
            lo, hi = hi, lo
        first = date(lo.year, lo.month, 1)
        months = (hi.year - first.year) * 12 + hi.month - first.month + 1
        return _Axis(first, max(months, 1))

    def _label_width(self, width: float) -> float:
        return max(min(width * 0.3, 235.0), min(width * 0.45, 120.0))

    def _build_lanes(self, width: float) -> list[_Lane]:
        f = self.fonts
        text_w = self._label_width(width) - 10
        lanes: list[_Lane] = []
        tbc: list[tuple[str, ir.TimelineBar]] = []

        numbers = {id(b): n for n, b in enumerate(
            (b for g in self.timeline.groups for b in g.bars), 1)}
        number_w = stringWidth(f"{max(len(numbers), 1)}", f.bold, LABEL_SIZE) + 5

        def bar_lane(bar: ir.TimelineBar, kind: str, sub_extra: str = "") -> _Lane:
            label = self.guard.clean(" ".join(bar.label.split()) or "(untitled milestone)",
                                     f.regular)
            number = numbers.get(id(bar))
            lines = [shorten(label, f.regular, LABEL_SIZE, text_w - number_w)]
            sub_text = self.guard.clean(" ".join(bar.date_text.split()), f.italic)
            if sub_extra:
                sub_text = f"{sub_text} · {sub_extra}" if sub_text else sub_extra
            status = self.guard.clean(bar.status.strip(), f.regular)
            sub_w = text_w - number_w - (
                stringWidth(status, f.regular, SUB_SIZE) + 16 if status else 0)
            sub = [shorten(sub_text, f.italic, SUB_SIZE, max(sub_w, 40))] if sub_text else []
            height = LANE_TOP + LABEL_LEAD + SUB_LEAD + LANE_BOTTOM
            return _Lane(kind, lines=lines, sub=sub, status=status,
                         colour=_colour(bar.colour, DEFAULT_BAR), start=_parse(bar.start),
                         end=_parse(bar.end), height=height,
                         number=str(number) if number else "", indent=number_w)

        for group in self.timeline.groups:
            dated = []
            for bar in group.bars:
                if _parse(bar.start) is None and _parse(bar.end) is None:
                    tbc.append((group.title, bar))
                else:
                    dated.append(bar)
            if not dated:
                continue
            lanes.append(self._group_lane(group.title, width))
            lanes.extend(bar_lane(b, "bar") for b in dated)

        # events without a date are listed in the table after the chart, not drawn
        undated_events: list[ir.TimelineEvent] = []
        if tbc:
            lanes.append(replace(self._group_lane(TBC_TITLE, width), tbc=True))
            for group_title, bar in tbc:
                extra = self.guard.clean(group_title.strip(), f.italic)
                if extra.casefold() == TBC_TITLE.casefold():
                    extra = ""
                lanes.append(replace(bar_lane(bar, "tbc", extra), tbc=True))
            for e in undated_events:
                lane = bar_lane(ir.TimelineBar(e.text, None, None, e.date_text), "tbc",
                                "policy event")
                lanes.append(replace(lane, tbc=True))
        return lanes

    def _group_lane(self, title: str, width: float) -> _Lane:
        f = self.fonts
        text = self.guard.clean(title.strip() or "(untitled group)", f.bold)
        lines = [shorten(text, f.bold, LABEL_SIZE + 0.6, width - 80)]
        return _Lane("group", title=text, lines=lines, height=4 + LABEL_SIZE + 0.6 + 3.5)

    # ---------------------------------------------------------------- layout
    def _event_rows(self, width: float) -> list[tuple]:
        """Event labels in rows at the top: (row, x_line, x_text, text, text_w, end_x)."""
        f = self.fonts
        x0, cw = self._chart_x(width), width - self._chart_x(width)
        events = sorted(((ev, start, end) for ev, start, end in self._events
                         if start is not None), key=lambda e: e[1])
        xs = sorted(x0 + self._x_of(start, cw) for _, start, _ in events)
        middle = xs[len(xs) // 2] if xs else 0.0
        labels, items = [], []
        for ev, start, end in events:
            x = x0 + self._x_of(start, cw)
            text = self.guard.clean(f"{ev.date_text.strip()}  {ev.text.strip()}".strip(),
                                    f.regular)
            text = shorten(text, f.regular, EVENT_SIZE, max(cw * 0.28, 120))
            tw = stringWidth(text, f.regular, EVENT_SIZE)
            end_x = None
            if end is not None and (end - start).days > 31:
                end_x = min(x0 + self._x_of(end + timedelta(days=1), cw), width)
            sides = [x + 2.5, x - 2.5 - tw]
            if x < middle:  # the left half of the events: labels prefer the left of the line
                sides.reverse()
            sides = [tx for tx in sides if tx >= 0 and tx + tw <= width] or [
                max(min(x + 2.5, width - tw), 0)]
            labels.append((x, text, tw, end_x))
            items.append((x, sides, (tw, end_x)))
        return [(row, x, tx, text, tw, end_x) for (row, tx, _), (x, text, tw, end_x)
                in zip(place_labels(items), labels)]


    def _chart_x(self, width: float) -> float:
        return self._label_width(width) + 4

    def _x_of(self, d: date, chart_w: float) -> float:
        return _month_index(d, self._axis.first) / self._axis.months * chart_w

    def _header_height(self) -> float:
        rows = 1 + max((r for r, *_ in self._placed), default=-1)
        return 13 + 12 + rows * (EVENT_ROW) + (3 if rows else 0)

    def _legend_height(self) -> float:
        return 20.0  # the key is on every page

    def wrap(self, availWidth, availHeight):  # noqa: N803 (reportlab API)
        if self._lanes is None or availWidth != self._width:
            self._width = availWidth
            self._lanes = self._build_lanes(availWidth)
            self._placed = self._event_rows(availWidth)
        self.width = availWidth
        self.height = (self._header_height() + sum(l.height for l in self._lanes)
                       + self._legend_height())
        return self.width, self.height

    def split(self, availWidth, availHeight):  # noqa: N803
        self.wrap(availWidth, availHeight)
        lanes = self._lanes or []
        room = availHeight - self._header_height() - self._legend_height()
        taken = 0.0
        cut = 0
        for i, lane in enumerate(lanes):
            if taken + lane.height > room:
                break
            taken += lane.height
            cut = i + 1
        # never leave a group heading alone at the foot of a page
        while cut > 0 and lanes[cut - 1].kind == "group":
            cut -= 1
        if cut == 0 or cut >= len(lanes):
            return []
        head, tail = lanes[:cut], lanes[cut:]
        if tail[0].kind != "group":
            group = next((l for l in reversed(head) if l.kind == "group"), None)
            if group is not None:
                tail = [replace(group, continued=True)] + tail
        return [self._part(head, first=self._first_part, last=False),
                self._part(tail, first=False, last=self._last_part)]

    def _part(self, lanes: list[_Lane], *, first: bool, last: bool) -> TimelineChart:
        part = TimelineChart.__new__(TimelineChart)
        # copy the laid-out state, not platypus' bookkeeping (_postponed, canv, _frame)
        part.__dict__.update({k: v for k, v in self.__dict__.items()
                              if k not in ("_postponed", "canv", "_frame")})
        part._lanes = lanes
        part._first_part = first
        part._last_part = last
        return part

    # ------------------------------------------------------------------ draw
    def draw(self) -> None:
        c = self.canv
        f = self.fonts
        width, height = self.width, self.height
        x0 = self._chart_x(width)
        cw = width - x0
        axis = self._axis
        mw = cw / axis.months
        top = height
        header_h = self._header_height()
        body_top = top - header_h
        body_h = sum(l.height for l in self._lanes or [])
        body_bottom = body_top - body_h
        # the grid and the event lines stop where the "To be confirmed" lanes begin
        grid_bottom = body_top
        for lane in self._lanes or []:
            if lane.tbc:
                break
            grid_bottom -= lane.height

        c.saveState()
        # --- year band
        y_year = top - 13
        m = 0
        band = 0
        while m < axis.months:
            year = axis.first.year + (axis.first.month - 1 + m) // 12
            month = (axis.first.month - 1 + m) % 12 + 1
            n = min(12 - month + 1, axis.months - m)
            x = x0 + m * mw
            c.setFillColor(BAND_A if band % 2 == 0 else BAND_B)
            c.setStrokeColor(white)
            c.rect(x, y_year, n * mw, 13, stroke=0, fill=1)
            c.setFillColor(INK)
            label = str(year)
            if n * mw >= stringWidth(label, f.bold, AXIS_SIZE + 0.6) + 4:
                c.setFont(f.bold, AXIS_SIZE + 0.6)
                c.drawCentredString(x + n * mw / 2, y_year + 3.8, label)
            m += n
            band += 1
        # --- month band
        y_month = y_year - 12
        c.setFont(f.regular, AXIS_SIZE)
        c.setFillColor(MUTED)
        names = calendar.month_abbr
        for i in range(axis.months):
            month = (axis.first.month - 1 + i) % 12 + 1
            full = names[month]
            if mw >= stringWidth(full, f.regular, AXIS_SIZE) + 3:
                text = full
            elif mw >= stringWidth("W", f.regular, AXIS_SIZE) + 1:
                text = full[0]
            elif month in (1, 4, 7, 10) and mw * 3 >= stringWidth("Q4", f.regular,
                                                                    AXIS_SIZE) + 2:
                text = f"Q{(month - 1) // 3 + 1}"
                c.drawString(x0 + i * mw + 1, y_month + 3.5, text)
                continue
            else:
                continue
            c.drawCentredString(x0 + (i + 0.5) * mw, y_month + 3.5, text)
        c.setStrokeColor(RULE)
        c.setLineWidth(0.8)
        c.line(0, y_month, width, y_month)
        # label column heading
        c.setFont(f.bold, AXIS_SIZE)
        c.setFillColor(MUTED)
        c.drawString(0, y_month + 3.5, "Milestone" if self._first_part else "Milestone (continued)")

        # --- lanes: stripes and group bands first, then the grid over them, then bars
        y = body_top
        stripe = False
        for lane in self._lanes or []:
            y -= lane.height
            if lane.kind == "group":
                c.setFillColor(GROUP_FILL)
                c.rect(0, y, width, lane.height, stroke=0, fill=1)
                stripe = False
            else:
                if stripe:
                    c.setFillColor(STRIPE)
                    c.rect(0, y, width, lane.height, stroke=0, fill=1)
                stripe = not stripe
        # month and year grid
        for i in range(axis.months + 1):
            month = (axis.first.month - 1 + i) % 12 + 1
            x = x0 + i * mw
            if month == 1 or i in (0, axis.months):
                c.setStrokeColor(RULE)
                c.setLineWidth(0.6)
            else:
                c.setStrokeColor(GRID)
                c.setLineWidth(0.35)
            c.line(x, grid_bottom, x, y_month)

        y = body_top
        for lane in self._lanes or []:
            y -= lane.height
            if lane.kind == "group":
                self._draw_group(lane, y, width)
            else:
                self._draw_lane(lane, y, x0, cw)
        c.setStrokeColor(RULE)
        c.setLineWidth(0.8)
        c.line(0, body_bottom, width, body_bottom)

        # --- policy events over everything
        self._draw_events(x0, cw, y_month, grid_bottom)
        draw_key(self.canv, self.fonts, body_bottom - self._legend_height())
        c.restoreState()

    def _draw_group(self, lane: _Lane, y: float, width: float) -> None:
        c = self.canv
        f = self.fonts
        c.setFillColor(INK)
        c.setFont(f.bold, LABEL_SIZE + 0.6)
        ty = y + lane.height - 4 - (LABEL_SIZE + 0.6)
        for i, line in enumerate(lane.lines):
            if lane.continued and i == len(lane.lines) - 1:
                line = f"{line} (continued)"
            draw_string(c, self.guard, 3, ty, line, f.bold, LABEL_SIZE + 0.6)
            ty -= LABEL_SIZE + 2.6

    def _draw_lane(self, lane: _Lane, y: float, x0: float, cw: float) -> None:
        c = self.canv
        f = self.fonts
        top = y + lane.height
        # label column
        ty = top - LANE_TOP - LABEL_SIZE
        c.setFillColor(INK)
        if lane.number:
            c.setFont(f.bold, LABEL_SIZE)
            c.drawString(4, ty, lane.number)
        x_text = 4 + lane.indent
        for line in lane.lines:
            draw_string(c, self.guard, x_text, ty, line, f.regular, LABEL_SIZE)
            ty -= LABEL_LEAD
        ty -= SUB_LEAD - LABEL_LEAD + 0.6
        sx = x_text
        if lane.status:
            sq = SUB_SIZE - 1.2
            c.setFillColor(lane.colour or DEFAULT_BAR)
            c.setStrokeColor(INK)
            c.setLineWidth(0.4)
            c.rect(sx, ty, sq, sq, stroke=1, fill=1)
            c.setFillColor(INK)
            c.setFont(f.regular, SUB_SIZE)
            draw_string(c, self.guard, sx + sq + 2.5, ty, lane.status, f.regular, SUB_SIZE)
            sx += sq + 2.5 + stringWidth(lane.status, f.regular, SUB_SIZE) + 8
        c.setFillColor(MUTED)
        c.setFont(f.italic, SUB_SIZE)
        for line in lane.sub:
            draw_string(c, self.guard, sx, ty, line, f.italic, SUB_SIZE)
            ty -= SUB_LEAD
        # the bar, centred on the lane
        mid = top - lane.height / 2
        bar_h = 7.0
        if lane.kind == "tbc":
            c.setDash(2.5, 2)
            c.setStrokeColor(MUTED)
            c.setLineWidth(0.7)
            c.setFillColor(white)
            c.roundRect(x0 + 3, mid - bar_h / 2 - 1, cw - 6, bar_h + 2, 2, stroke=1, fill=1)
            c.setDash()
            c.setFillColor(MUTED)
            c.setFont(f.italic, SUB_SIZE)
            c.drawCentredString(x0 + cw / 2, mid - SUB_SIZE * 0.35, TBC_TITLE)
            return
        start = lane.start or lane.end
        end = lane.end or lane.start
        if start is None or end is None:
            return
        if end < start:
            start, end = end, start
        xa = x0 + self._x_of(start, cw)
        xb = x0 + self._x_of(end + timedelta(days=1), cw)
        xa = max(min(xa, x0 + cw), x0)
        xb = max(min(xb, x0 + cw), x0)
        colour = lane.colour or DEFAULT_BAR
        span = (end - start).days + 1
        c.setStrokeColor(INK)
        c.setLineWidth(0.6)
        if span <= 1:
            # a date known to the day: a diamond
            cx = (xa + xb) / 2
            r = bar_h / 2 + 1
            p = c.beginPath()
            p.moveTo(cx, mid + r)
            p.lineTo(cx + r, mid)
            p.lineTo(cx, mid - r)
            p.lineTo(cx - r, mid)
            p.close()
            c.setFillColor(colour)
            c.drawPath(p, stroke=1, fill=1)
            return
        w = max(xb - xa, 2.5)
        if span <= 31:
            c.setFillColor(colour)
            c.rect(xa, mid - bar_h / 2, w, bar_h, stroke=1, fill=1)
            return
        # a fuzzy range: pale fill, diagonal hatching in the status colour, dark outline
        c.setFillColor(lighten(colour, 0.72))
        c.rect(xa, mid - bar_h / 2, w, bar_h, stroke=0, fill=1)
        c.saveState()
        p = c.beginPath()
        p.rect(xa, mid - bar_h / 2, w, bar_h)
        c.clipPath(p, stroke=0, fill=0)
        c.setStrokeColor(colour)
        c.setLineWidth(0.9)
        step = 3.2
        xx = xa - bar_h
        while xx < xa + w:
            c.line(xx, mid - bar_h / 2, xx + bar_h, mid + bar_h / 2)
            xx += step
        c.restoreState()
        c.setStrokeColor(INK)
        c.setLineWidth(0.6)
        c.rect(xa, mid - bar_h / 2, w, bar_h, stroke=1, fill=0)

    def _draw_events(self, x0: float, cw: float, y_month: float, body_bottom: float) -> None:
        c = self.canv
        f = self.fonts
        top = self.height
        label_top = top - 25
        rows = [(label_top - (row + 1) * EVENT_ROW + 2, x, tx, text, tw, end_x)
                for row, x, tx, text, tw, end_x in self._placed]
        # every line first, then every label on a white ground: no label is ever crossed
        c.setStrokeColor(EVENT_INK)
        c.setLineWidth(0.7)
        c.setDash(3, 2)
        for ty, x, *_ in rows:
            c.line(x, body_bottom, x, ty + EVENT_SIZE + 1)
        c.setDash()
        for ty, x, tx, text, tw, end_x in rows:
            c.setFillColor(white)
            c.rect(tx - 1.5, ty - 2.5, tw + 3, EVENT_SIZE + 3.5, stroke=0, fill=1)
            c.setFillColor(EVENT_INK)
            draw_string(c, self.guard, tx, ty, text, f.regular, EVENT_SIZE)
            if end_x is not None and end_x - x > 4:
                # an event spanning months: a thin bracket from its start to its end
                c.setStrokeColor(EVENT_INK)
                c.setLineWidth(0.5)
                by = ty - 2.2
                c.line(x, by, end_x, by)
                c.line(end_x, by - 1.5, end_x, by + 1.5)
