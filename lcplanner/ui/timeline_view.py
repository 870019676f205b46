"""The milestone timeline: every milestone of a plan on a month axis, as a Gantt-style chart.

Layout (the same grouping and order as the printed chart in
:mod:`lcplanner.writers.timeline_chart`): a label column on the left (milestone, status, date as
written) and the chart on a month axis with year bands. One lane per milestone, grouped under
objective headings; milestones whose date is "TBC" or could not be read go to a "To be
confirmed" group at the end, as do policy events without a readable date. Policy events are
dashed vertical lines labelled in the axis header.

Nothing relies on colour alone (the chart must survive a greyscale printer or a colour-blind
reader):

* a date known to the day is a diamond, a month (or shorter) is a solid bar, a fuzzy date
  ("Autumn 2026", "Q2 2027", "2026-2027") is a hatched bar over its whole range;
* every bar has a dark outline and the status is written out beside a small swatch;
* a "To be confirmed" lane is a dashed, lightly hatched box holding the date as written.

The widget is a custom-painted :class:`QAbstractScrollArea`: the axis header stays put when
scrolling vertically, the label column when scrolling horizontally, and only visible lanes are
painted, so a plan with thousands of milestones scrolls smoothly. All user text is drawn with
``drawText`` (never rich text) and tooltips are escaped, so markup shows literally.

Mouse: a single click anywhere on a milestone's lane (its label or its bar) emits
:attr:`TimelineView.milestone_activated`. Keyboard: Up/Down move lane by lane, Left/Right move
to the previous/next milestone in time, Home/End/Page Up/Page Down as usual, Enter or Space
activates. Ctrl+wheel, Ctrl++ and Ctrl+- zoom (months wider or narrower); Ctrl+0 fits the
whole axis to the window again.
"""
from __future__ import annotations

import bisect
import calendar
import html
import textwrap
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (QColor, QFont, QFontMetrics, QKeyEvent, QKeySequence, QPainter,
                           QPalette, QPen, QPolygonF)
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip, QWidget

from lcplanner.compose import ir

__all__ = ["TimelineView", "LaneInfo", "TBC_TITLE", "EMPTY_MESSAGE", "NO_PLAN_MESSAGE"]

TBC_TITLE = "To be confirmed"
EMPTY_MESSAGE = "This plan has no milestones yet."
NO_PLAN_MESSAGE = "Select a plan to see its milestone timeline."
EMPTY_HINT = ("Milestones added under the plan's objectives appear here on a month axis, "
              "with their dates as written.")
ACCESSIBLE_NAME = "Milestone timeline"

DEFAULT_BAR = QColor("#4f6d8f")
MIN_MONTH_WIDTH = 12.0
MAX_MONTH_WIDTH = 320.0
#: In "fit" mode months are never squeezed below this; a scroll bar appears instead.
MIN_FIT_MONTH_WIDTH = 26.0
MAX_FIT_MONTH_WIDTH = 140.0
ZOOM_STEP = 1.25
#: Longest label drawn for a policy event in the header (pixels).
EVENT_LABEL_MAX = 240
#: Beyond this many rows of event labels, later labels share the last row.
EVENT_ROWS_MAX = 4


def _parse(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except (TypeError, ValueError):
        return None


def _clean(text: str | None) -> str:
    """One line of plain text: control characters and runs of white space become one space.
    Format characters (RTL marks, zero-width joiners in emoji) are kept."""
    if not text:
        return ""
    cleaned = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text)
    return " ".join(cleaned.split())


def _colour(value: str | None) -> QColor:
    if value:
        colour = QColor(value.strip())
        if colour.isValid():
            colour.setAlpha(255)
            return colour
    return QColor(DEFAULT_BAR)


def _mix(a: QColor, b: QColor, amount: float) -> QColor:
    """``a`` moved ``amount`` (0…1) of the way towards ``b``."""
    return QColor.fromRgbF(a.redF() + (b.redF() - a.redF()) * amount,
                           a.greenF() + (b.greenF() - a.greenF()) * amount,
                           a.blueF() + (b.blueF() - a.blueF()) * amount)


def _months_between(first: date, d: date) -> float:
    """Months from ``first`` (a first-of-month) to the start of day ``d``, fractional."""
    whole = (d.year - first.year) * 12 + d.month - first.month
    return whole + (d.day - 1) / calendar.monthrange(d.year, d.month)[1]


@dataclass(frozen=True)
class LaneInfo:
    """What one lane shows, for tests and accessibility: read-only."""

    kind: str  # "group" | "bar" | "tbc"
    text: str
    date_text: str = ""
    status: str = ""
    milestone_id: int | None = None
    #: For lanes in the "To be confirmed" group: the objective the milestone belongs to.
    group: str = ""
    event: bool = False


@dataclass
class _Lane:
    kind: str  # "group" | "bar" | "tbc"
    y: int
    height: int
    text: str
    date_text: str = ""
    status: str = ""
    colour: QColor | None = None
    start: date | None = None
    end: date | None = None
    milestone_id: int | None = None
    group: str = ""
    event: bool = False
    stripe: bool = False

    @property
    def navigable(self) -> bool:
        return self.kind != "group" and not self.event

    def info(self) -> LaneInfo:
        return LaneInfo(self.kind, self.text, self.date_text, self.status, self.milestone_id,
                        self.group, self.event)


@dataclass
class _Event:
    text: str
    date_text: str
    start: date | None
    end: date | None
    label: str = ""  # what the header shows (elided)
    row: int = 0
    x: float = 0.0  # chart x of the line
    end_x: float | None = None  # chart x of the end of a long event
    label_x: float = 0.0  # chart x of the label's left edge
    label_w: int = 0
    today: bool = False
    #: No room for the label in the header (too many events close together): line only.
    hidden: bool = False


class TimelineView(QAbstractScrollArea):
    """The milestones of one plan on a month axis; see the module docstring."""

    #: A milestone was clicked or activated from the keyboard: its store id.
    milestone_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None, *, today: date | None = None):
        super().__init__(parent)
        self.setAccessibleName(ACCESSIBLE_NAME)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.viewport().setMouseTracking(True)
        self.viewport().setBackgroundRole(QPalette.ColorRole.Base)
        self.setMinimumSize(QSize(320, 200))

        self._timeline: ir.Timeline | None = None
        self._today = today if today is not None else date.today()
        self._show_today = True
        self._lanes: list[_Lane] = []
        self._lane_tops: list[int] = []
        self._events: list[_Event] = []
        self._first = date(self._today.year, 1, 1)
        self._months = 12
        self._month_w = 40.0
        self._fit = True
        self._label_w = 260
        self._header_h = 40
        self._content_h = 0
        self._legend_h = 0
        self._dated_bottom = 0  # content y where the "To be confirmed" group begins
        self._current: int | None = None  # index into self._lanes
        self._hover: int | None = None
        self._chrono: list[int] = []  # navigable lane indices in date order
        self._fonts()

    # ------------------------------------------------------------------ public API
    def set_timeline(self, timeline: ir.Timeline | None) -> None:
        """Show ``timeline`` (None: no plan). The highlighted milestone, zoom and scroll position
        are kept when the same milestones are shown again after an edit."""
        keep = self.selected_milestone()
        self._timeline = timeline
        self._hover = None
        self._current = None
        self._build()
        if keep is not None:
            self._current = self._lane_of(keep)
        self._update_description()
        self.viewport().update()

    def timeline(self) -> ir.Timeline | None:
        return self._timeline

    def select_milestone(self, milestone_id: int | None) -> None:
        """Highlight the milestone's bar and scroll it into view (does not emit). An id not on
        the timeline, or None, clears the highlight."""
        index = self._lane_of(milestone_id) if milestone_id is not None else None
        self._set_current(index, scroll=True)

    def selected_milestone(self) -> int | None:
        if self._current is None or self._current >= len(self._lanes):
            return None
        return self._lanes[self._current].milestone_id

    def set_today(self, today: date | None) -> None:
        """The date of the "Today" marker; None hides it."""
        self._show_today = today is not None
        if today is not None:
            self._today = today
        self._relayout()

    def lanes(self) -> list[LaneInfo]:
        """Every lane in order, group headings included."""
        return [lane.info() for lane in self._lanes]

    def event_labels(self) -> list[str]:
        """The policy events drawn as markers in the header, as labelled."""
        return [e.label for e in self._events if not e.today and not e.hidden]

    def message(self) -> str:
        """The centred message shown instead of a chart, or "" when a chart is shown."""
        if self._timeline is None:
            return NO_PLAN_MESSAGE
        if not any(lane.kind != "group" for lane in self._lanes):
            return EMPTY_MESSAGE
        return ""

    def bar_rect(self, milestone_id: int) -> QRect | None:
        """Where the milestone's bar (or "To be confirmed" box) is drawn, in viewport
        coordinates; None when it is not on the timeline."""
        index = self._lane_of(milestone_id)
        if index is None:
            return None
        return self._bar_rect(index).toAlignedRect()

    def tooltip_html(self, milestone_id: int) -> str:
        index = self._lane_of(milestone_id)
        return self._tooltip(self._lanes[index]) if index is not None else ""

    def ensure_visible(self, milestone_id: int) -> None:
        index = self._lane_of(milestone_id)
        if index is not None:
            self._ensure_visible(index)

    def month_width(self) -> float:
        return self._month_w

    def zoom_in(self) -> None:
        self._zoom(ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom(1 / ZOOM_STEP)

    def zoom_to_fit(self) -> None:
        self._fit = True
        self._relayout()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(900, 480)

    # --------------------------------------------------------------------- model
    def _fonts(self) -> None:
        base = QFont(self.font())
        self._font = base
        self._bold = QFont(base)
        self._bold.setBold(True)
        self._small = QFont(base)
        size = base.pointSizeF()
        if size > 0:
            self._small.setPointSizeF(max(size * 0.88, 7.0))
        else:
            self._small.setPixelSize(max(int(base.pixelSize() * 0.88), 9))
        self._italic = QFont(self._small)
        self._italic.setItalic(True)
        self._small_bold = QFont(self._small)
        self._small_bold.setBold(True)
        self._fm = QFontMetrics(self._font)
        self._bfm = QFontMetrics(self._bold)
        self._sfm = QFontMetrics(self._small)
        self._ifm = QFontMetrics(self._italic)

    def _build(self) -> None:
        """Lanes (order and heights) from the timeline; x positions come from _relayout."""
        self._lanes = []
        self._events = []
        t = self._timeline
        if t is None:
            self._relayout()
            return
        bar_h = 8 + self._fm.height() + 3 + self._sfm.height() + 8
        group_h = self._bfm.height() + 14
        y = 0
        tbc: list[tuple[str, ir.TimelineBar]] = []

        def add(lane: _Lane) -> None:
            nonlocal y
            lane.y = y
            y += lane.height
            self._lanes.append(lane)

        def bar_lane(bar: ir.TimelineBar, kind: str, group: str = "", *, stripe: bool) -> _Lane:
            return _Lane(kind, 0, bar_h, _clean(bar.label) or "(untitled milestone)",
                         date_text=_clean(bar.date_text), status=_clean(bar.status),
                         colour=_colour(bar.colour), start=_parse(bar.start),
                         end=_parse(bar.end), milestone_id=bar.milestone_id, group=group,
                         stripe=stripe)

        for group in t.groups:
            title = _clean(group.title) or "(untitled objective)"
            dated = []
            for bar in group.bars:
                if _parse(bar.start) is None and _parse(bar.end) is None:
                    tbc.append((title, bar))
                else:
                    dated.append(bar)
            if not dated:
                continue
            add(_Lane("group", 0, group_h, title))
            for i, bar in enumerate(dated):
                add(bar_lane(bar, "bar", stripe=i % 2 == 1))
        self._dated_bottom = y

        for ev in t.events:
            start, end = _parse(ev.start), _parse(ev.end)
            if start is None and end is None:
                continue
            start = start or end
            end = end or start
            if end < start:
                start, end = end, start
            self._events.append(_Event(_clean(ev.text), _clean(ev.date_text), start, end))
        undated = [e for e in t.events if _parse(e.start) is None and _parse(e.end) is None]
        if tbc or undated:
            add(_Lane("group", 0, group_h, TBC_TITLE))
            i = 0
            for title, bar in tbc:
                extra = "" if title.casefold() == TBC_TITLE.casefold() else title
                add(bar_lane(bar, "tbc", extra, stripe=i % 2 == 1))
                i += 1
            for ev in undated:
                lane = _Lane("tbc", 0, bar_h, _clean(ev.text) or "(untitled event)",
                             date_text=_clean(ev.date_text), group="policy event",
                             event=True, stripe=i % 2 == 1)
                add(lane)
                i += 1
        self._lane_tops = [lane.y for lane in self._lanes]
        self._legend_h = self._sfm.height() + 22 if self._lanes else 0
        self._content_h = y + self._legend_h

        def chrono_key(i: int):
            lane = self._lanes[i]
            if lane.kind == "tbc":
                return (1, date.max, date.max, i)
            s = lane.start or lane.end
            e = lane.end or lane.start
            return (0, s, e, i)

        self._chrono = sorted((i for i, lane in enumerate(self._lanes) if lane.navigable),
                              key=chrono_key)
        self._make_axis()
        self._relayout()

    def _make_axis(self) -> None:
        t = self._timeline
        days: list[date] = []
        for lane in self._lanes:
            days += [d for d in (lane.start, lane.end) if d]
        for ev in self._events:
            days += [d for d in (ev.start, ev.end) if d]
        lo = _parse(t.axis_start) if t else None
        hi = _parse(t.axis_end) if t else None
        if lo is None:
            lo = min(days) if days else date(self._today.year, 1, 1)
        if hi is None:
            hi = max(days) if days else date(lo.year, 12, 31)
        if hi < lo:
            lo, hi = hi, lo
        self._first = date(lo.year, lo.month, 1)
        self._months = max((hi.year - lo.year) * 12 + hi.month - lo.month + 1, 1)

    def _chart_x(self, d: date) -> float:
        return _months_between(self._first, d) * self._month_w

    def _chart_w(self) -> float:
        return self._months * self._month_w

    def _relayout(self) -> None:
        """Label column width, month width (in fit mode), event label rows, scroll ranges."""
        vw = max(self.viewport().width(), 1)
        self._label_w = int(min(max(vw * 0.3, 200), 360))
        if self._fit:
            room = vw - self._label_w - 12
            self._month_w = min(max(room / self._months, MIN_FIT_MONTH_WIDTH),
                                MAX_FIT_MONTH_WIDTH)
        self._place_events()
        rows = 1 + max((e.row for e in self._events), default=-1)
        self._header_h = (self._bfm.height() + 8) + (self._sfm.height() + 8) + \
            (rows * (self._sfm.height() + 6) + 6 if rows else 0)
        self._update_scrollbars()
        self.viewport().update()

    def _place_events(self) -> None:
        events = [e for e in self._events if not e.today]
        if self._show_today and self._lanes:
            today = self._today
            last = date(self._first.year + (self._first.month - 1 + self._months) // 12,
                        (self._first.month - 1 + self._months) % 12 + 1, 1)
            if self._first <= today < last:
                events.append(_Event("Today", "", today, today, today=True))
        self._events = events
        rows: list[list[tuple[float, float]]] = []
        chart_w = self._chart_w()
        for ev in events:
            text = ev.text if ev.today else "  ".join(p for p in (ev.date_text, ev.text) if p)
            font_m = self._sfm if not ev.today else QFontMetrics(self._small_bold)
            ev.label = font_m.elidedText(text, Qt.TextElideMode.ElideRight, EVENT_LABEL_MAX)
            ev.label_w = font_m.horizontalAdvance(ev.label)
            ev.x = self._chart_x(ev.start)
            ev.end_x = None
            if ev.end and (ev.end - ev.start).days > 31:
                ev.end_x = min(self._chart_x(ev.end + timedelta(days=1)), chart_w)
            ev.label_x = ev.x + 4
            if ev.label_x + ev.label_w > chart_w:
                ev.label_x = max(ev.x - 4 - ev.label_w, 0)
            span = (min(ev.label_x, ev.x) - 6, max(ev.label_x + ev.label_w, ev.end_x or 0) + 6)
            row = 0
            while row < len(rows) and any(not (span[1] < a or span[0] > b) for a, b in rows[row]):
                row += 1
            ev.hidden = row >= EVENT_ROWS_MAX and not ev.today
            if ev.hidden:
                # the line is still drawn, and its tooltip names the event
                ev.row = EVENT_ROWS_MAX - 1
                continue
            while row >= len(rows):
                rows.append([])
            rows[row].append(span)
            ev.row = row

    def _update_scrollbars(self) -> None:
        vw, vh = self.viewport().width(), self.viewport().height()
        body_h = max(vh - self._header_h, 1)
        vbar = self.verticalScrollBar()
        vbar.setRange(0, max(0, self._content_h - body_h))
        vbar.setPageStep(body_h)
        vbar.setSingleStep(max(self._fm.height() * 2, 12))
        chart_room = max(vw - self._label_w, 1)
        hbar = self.horizontalScrollBar()
        hbar.setRange(0, max(0, int(self._chart_w() + 12 - chart_room)))
        hbar.setPageStep(chart_room)
        hbar.setSingleStep(max(int(self._month_w), 8))

    # ---------------------------------------------------------------- geometry
    def _lane_of(self, milestone_id: int | None) -> int | None:
        if milestone_id is None:
            return None
        for i, lane in enumerate(self._lanes):
            if lane.navigable and lane.milestone_id == milestone_id:
                return i
        return None

    def _vx(self, chart_x: float) -> float:
        """Viewport x of a chart x."""
        return self._label_w + chart_x - self.horizontalScrollBar().value()

    def _vy(self, content_y: float) -> float:
        return self._header_h + content_y - self.verticalScrollBar().value()

    def _lane_at(self, pos: QPoint) -> int | None:
        if pos.y() < self._header_h or not self._lanes:
            return None
        y = pos.y() - self._header_h + self.verticalScrollBar().value()
        i = bisect.bisect_right(self._lane_tops, y) - 1
        if 0 <= i < len(self._lanes) and y < self._lanes[i].y + self._lanes[i].height:
            return i
        return None

    def _bar_h(self) -> float:
        return max(round(self._fm.height() * 1.1), 14)

    def _bar_rect(self, index: int) -> QRectF:
        """The bar's rectangle in viewport coordinates (a diamond's bounding box)."""
        lane = self._lanes[index]
        mid = self._vy(lane.y + lane.height / 2)
        h = self._bar_h()
        if lane.kind == "tbc":
            left, right = self._tbc_span()
            return QRectF(left, mid - h / 2 - 2, right - left, h + 4)
        start = lane.start or lane.end
        end = lane.end or lane.start
        if end < start:
            start, end = end, start
        xa = self._vx(self._chart_x(start))
        xb = self._vx(self._chart_x(end + timedelta(days=1)))
        if (end - start).days < 1:
            cx = (xa + xb) / 2
            r = h / 2 + 2
            return QRectF(cx - r, mid - r, 2 * r, 2 * r)
        return QRectF(xa, mid - h / 2, max(xb - xa, 3.0), h)

    def _tbc_span(self) -> tuple[float, float]:
        """The visible part of the chart, where "To be confirmed" boxes are drawn."""
        left = max(self._vx(0), self._label_w) + 8
        right = min(self._vx(self._chart_w()), self.viewport().width()) - 8
        return left, max(right, left + 40)

    # --------------------------------------------------------------- selection
    def _set_current(self, index: int | None, *, scroll: bool) -> None:
        if index is not None and not (0 <= index < len(self._lanes)
                                      and self._lanes[index].navigable):
            index = None
        changed = index != self._current
        self._current = index
        if index is not None and scroll:
            self._ensure_visible(index)
        if changed:
            self._update_description()
        self.viewport().update()

    def _ensure_visible(self, index: int) -> None:
        lane = self._lanes[index]
        vbar = self.verticalScrollBar()
        body_h = self.viewport().height() - self._header_h
        top, bottom = lane.y, lane.y + lane.height
        if top < vbar.value():
            vbar.setValue(top)
        elif bottom > vbar.value() + body_h:
            vbar.setValue(bottom - body_h)
        if lane.kind != "bar":
            return
        hbar = self.horizontalScrollBar()
        room = self.viewport().width() - self._label_w
        start = lane.start or lane.end
        end = lane.end or lane.start
        xa = self._chart_x(min(start, end)) - 16
        xb = self._chart_x(max(start, end) + timedelta(days=1)) + 16
        if xa < hbar.value() or xb - xa > room:
            hbar.setValue(int(xa))
        elif xb > hbar.value() + room:
            hbar.setValue(int(xb - room))

    def _update_description(self) -> None:
        if self.message():
            self.setAccessibleDescription(self.message())
            return
        if self._current is None:
            count = sum(1 for lane in self._lanes if lane.navigable)
            self.setAccessibleDescription(
                f"{count} milestone{'s' if count != 1 else ''}. Use the arrow keys to move "
                "between milestones and Enter to select one.")
            return
        lane = self._lanes[self._current]
        parts = [lane.text, lane.date_text or "no date", lane.status]
        self.setAccessibleDescription(", ".join(p for p in parts if p))

    def _activate(self, index: int | None) -> None:
        if index is None or not self._lanes[index].navigable:
            return
        self._set_current(index, scroll=False)
        mid = self._lanes[index].milestone_id
        if mid is not None:
            self.milestone_activated.emit(int(mid))

    def _move(self, key: int) -> None:
        nav = [i for i, lane in enumerate(self._lanes) if lane.navigable]
        if not nav:
            return
        cur = self._current
        if cur is None or cur not in nav:
            target = nav[-1] if key in (Qt.Key.Key_End,) else nav[0]
            self._set_current(target, scroll=True)
            return
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            pos = self._chrono.index(cur)
            pos += 1 if key == Qt.Key.Key_Right else -1
            target = self._chrono[min(max(pos, 0), len(self._chrono) - 1)]
        elif key == Qt.Key.Key_Home:
            target = nav[0]
        elif key == Qt.Key.Key_End:
            target = nav[-1]
        else:
            pos = nav.index(cur)
            if key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
                body_h = self.viewport().height() - self._header_h
                step = max(body_h // max(self._lanes[cur].height, 1) - 1, 1)
            else:
                step = 1
            pos += step if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) else -step
            target = nav[min(max(pos, 0), len(nav) - 1)]
        self._set_current(target, scroll=True)

    def _zoom(self, factor: float, anchor: float | None = None) -> None:
        if not self._lanes:
            return
        hbar = self.horizontalScrollBar()
        room = self.viewport().width() - self._label_w
        if anchor is None or anchor < self._label_w:
            anchor = self._label_w + room / 2
        months_at = (anchor - self._label_w + hbar.value()) / self._month_w
        new = min(max(self._month_w * factor, MIN_MONTH_WIDTH), MAX_MONTH_WIDTH)
        if abs(new - self._month_w) < 0.01:
            return
        self._fit = False
        self._month_w = new
        self._relayout()
        hbar.setValue(int(round(months_at * new - (anchor - self._label_w))))

    # ------------------------------------------------------------------ events
    _NAV_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right,
                 Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)
    _ACTIVATE_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space, Qt.Key.Key_Select)

    def _zoom_key(self, event: QKeyEvent) -> int:
        """+1 zoom in, -1 zoom out, 2 fit, 0 not a zoom key."""
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if event.matches(QKeySequence.StandardKey.ZoomIn) or (
                ctrl and event.key() in (Qt.Key.Key_Plus, Qt.Key.Key_Equal)):
            return 1
        if event.matches(QKeySequence.StandardKey.ZoomOut) or (
                ctrl and event.key() in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore)):
            return -1
        if ctrl and event.key() == Qt.Key.Key_0:
            return 2
        return 0

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            # our keys win over window shortcuts while the timeline has focus
            plain = not (event.modifiers() & ~(Qt.KeyboardModifier.KeypadModifier
                                               | Qt.KeyboardModifier.ShiftModifier))
            if self._zoom_key(event) or (plain and event.key() in
                                         self._NAV_KEYS + self._ACTIVATE_KEYS):
                event.accept()
                return True
        elif event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fonts()
            self._build()
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        zoom = self._zoom_key(event)
        if zoom:
            if zoom == 2:
                self.zoom_to_fit()
            else:
                self._zoom(ZOOM_STEP if zoom > 0 else 1 / ZOOM_STEP)
            event.accept()
            return
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
            if event.key() in self._NAV_KEYS:
                self._move(event.key())
                event.accept()
                return
            if event.key() in self._ACTIVATE_KEYS:
                self._activate(self._current)
                event.accept()
                return
        super().keyPressEvent(event)

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y() or event.angleDelta().x()
            if delta:
                self._zoom(ZOOM_STEP ** (delta / 120), event.position().x())
            event.accept()
            return
        super().wheelEvent(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.button() == Qt.MouseButton.LeftButton:
            index = self._lane_at(event.position().toPoint())
            if index is not None and self._lanes[index].navigable:
                self._activate(index)
                event.accept()
                return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        index = self._lane_at(event.position().toPoint())
        if index is not None and not self._lanes[index].navigable:
            index = None
        if index != self._hover:
            self._hover = index
            self.viewport().setCursor(Qt.CursorShape.PointingHandCursor if index is not None
                                      else Qt.CursorShape.ArrowCursor)
            self.viewport().update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self._hover is not None:
            self._hover = None
            self.viewport().update()
        super().leaveEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.ToolTip:
            pos = event.pos()
            tip = ""
            index = self._lane_at(pos)
            if index is not None and self._lanes[index].kind != "group":
                tip = self._tooltip(self._lanes[index])
            elif pos.y() < self._header_h:
                tip = self._event_tooltip(pos)
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        if event.type() == QEvent.Type.Leave and self._hover is not None:
            self._hover = None
            self.viewport().update()
        return super().viewportEvent(event)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._relayout()

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802 - Qt's name
        self.viewport().update()

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().focusInEvent(event)
        self.viewport().update()

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().focusOutEvent(event)
        self.viewport().update()

    # ---------------------------------------------------------------- tooltips
    @staticmethod
    def _escape_lines(text: str, width: int = 70) -> str:
        lines = textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False,
                              max_lines=8, placeholder=" …") or [""]
        return "<br>".join(html.escape(line, quote=False) for line in lines)

    def _tooltip(self, lane: _Lane) -> str:
        """Plain text made safe: escaped HTML, so markup in a label shows literally."""
        rows = [f"<b>{self._escape_lines(lane.text)}</b>"]
        rows.append("Date: " + self._escape_lines(lane.date_text or "none given"))
        if lane.kind == "tbc" and not lane.event:
            rows.append("Not on the time axis: the date is to be confirmed or could not be read.")
        if lane.status:
            rows.append("Status: " + self._escape_lines(lane.status))
        if lane.event:
            rows.append("Policy event")
        elif lane.group:
            rows.append("Objective: " + self._escape_lines(lane.group))
        return "<qt>" + "<br>".join(rows) + "</qt>"

    def _event_tooltip(self, pos: QPoint) -> str:
        ty0 = self._bfm.height() + 8 + self._sfm.height() + 8
        row_h = self._sfm.height() + 6
        if pos.x() < self._label_w:
            return ""
        for ev in self._events:
            x = self._vx(ev.label_x)
            y = ty0 + 3 + ev.row * row_h
            on_label = not ev.hidden and \
                QRectF(x - 2, y, ev.label_w + 4, row_h).contains(QPointF(pos))
            on_line = pos.y() >= ty0 and abs(pos.x() - self._vx(ev.x)) <= 3
            if on_label or on_line:
                if ev.today:
                    return "<qt>Today: " + html.escape(ev.start.strftime("%-d %B %Y")) + "</qt>"
                rows = [f"<b>{self._escape_lines(ev.text or '(untitled event)')}</b>",
                        "Date: " + self._escape_lines(ev.date_text or "none given"),
                        "Policy event"]
                return "<qt>" + "<br>".join(rows) + "</qt>"
        return ""

    # ------------------------------------------------------------------ paint
    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        p = QPainter(self.viewport())
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        pal = self.palette()
        vw, vh = self.viewport().width(), self.viewport().height()
        p.fillRect(0, 0, vw, vh, pal.color(QPalette.ColorRole.Base))
        message = self.message()
        if message:
            self._paint_message(p, message, vw, vh)
            p.end()
            return
        self._paint_body(p, vw, vh)
        self._paint_header(p, vw)
        if self.hasFocus():
            pen = QPen(pal.color(QPalette.ColorRole.Highlight), 2)
            p.setPen(pen)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(QRectF(1, 1, vw - 2, vh - 2))
        p.end()

    def _paint_message(self, p: QPainter, message: str, vw: int, vh: int) -> None:
        pal = self.palette()
        font = QFont(self._font)
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 1.2)
        hint = EMPTY_HINT if message == EMPTY_MESSAGE else ""
        line_h = QFontMetrics(font).height()
        top = vh / 2 - line_h / 2 - (self._fm.height() if hint else 0)
        p.setFont(font)
        p.setPen(_mix(pal.color(QPalette.ColorRole.Base), pal.color(QPalette.ColorRole.Text),
                      0.72))
        p.drawText(QRectF(16, top, vw - 32, line_h),
                   Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextSingleLine, message)
        if hint:
            p.setFont(self._small)
            p.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            p.drawText(QRectF(16, top + line_h + 6, vw - 32, self._sfm.height() * 3),
                       Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
                       | Qt.TextFlag.TextWordWrap, hint)

    def _visible_lanes(self, vh: int) -> range:
        top = self.verticalScrollBar().value()
        bottom = top + vh - self._header_h
        first = max(bisect.bisect_right(self._lane_tops, top) - 1, 0)
        last = bisect.bisect_right(self._lane_tops, bottom)
        return range(first, min(last, len(self._lanes)))

    def _paint_body(self, p: QPainter, vw: int, vh: int) -> None:
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.Text)
        base = pal.color(QPalette.ColorRole.Base)
        window = pal.color(QPalette.ColorRole.Window)
        grid = _mix(base, text, 0.10)
        year_rule = _mix(base, text, 0.32)
        lanes = self._visible_lanes(vh)
        body = QRect(0, self._header_h, vw, vh - self._header_h)
        chart = QRect(self._label_w, self._header_h, vw - self._label_w, vh - self._header_h)
        p.save()
        p.setClipRect(body)

        # row backgrounds
        for i in lanes:
            lane = self._lanes[i]
            if lane.kind != "group":
                p.fillRect(QRectF(0, self._vy(lane.y), vw, lane.height), self._row_colour(i))

        # month and year grid over the dated lanes, then a "Today" line
        p.save()
        p.setClipRect(chart)
        grid_top = self._header_h
        grid_bottom = min(self._vy(self._dated_bottom), vh)
        for m in range(self._months + 1):
            month = (self._first.month - 1 + m) % 12 + 1
            x = self._vx(m * self._month_w)
            if x < self._label_w - 1 or x > vw + 1:
                continue
            year_line = month == 1 or m in (0, self._months)
            p.setPen(QPen(year_rule if year_line else grid, 1))
            p.drawLine(QPointF(x, grid_top), QPointF(x, grid_bottom))
        p.restore()

        # group bands (full width, covering the grid) with their titles
        for i in lanes:
            lane = self._lanes[i]
            if lane.kind != "group":
                continue
            r = QRectF(0, self._vy(lane.y), vw, lane.height)
            p.fillRect(r, _mix(window, text, 0.06))
            p.setPen(QPen(_mix(window, text, 0.22), 1))
            p.drawLine(r.bottomLeft() + QPointF(0, -0.5), r.bottomRight() + QPointF(0, -0.5))
            p.setFont(self._bold)
            p.setPen(text)
            label = self._bfm.elidedText(lane.text, Qt.TextElideMode.ElideRight, vw - 24)
            p.drawText(QRectF(10, r.top(), vw - 20, r.height()),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                       | Qt.TextFlag.TextSingleLine, label)

        # event lines and bars in the chart area
        p.save()
        p.setClipRect(chart)
        self._paint_event_lines(p, self._header_h, grid_bottom)
        for i in lanes:
            if self._lanes[i].kind != "group":
                self._paint_bar(p, i)
        p.restore()

        # the label column, over anything scrolled under it
        p.save()
        p.setClipRect(QRect(0, self._header_h, self._label_w, vh - self._header_h))
        for i in lanes:
            lane = self._lanes[i]
            if lane.kind == "group":
                continue
            self._paint_label(p, i)
        p.restore()
        p.setPen(QPen(_mix(base, text, 0.25), 1))
        p.drawLine(QPointF(self._label_w - 0.5, self._header_h),
                   QPointF(self._label_w - 0.5, min(self._vy(self._content_h - self._legend_h),
                                                    vh)))
        if self._lanes:
            end_y = self._vy(self._content_h - self._legend_h)
            p.drawLine(QPointF(0, end_y - 0.5), QPointF(vw, end_y - 0.5))
            if end_y < vh:
                self._paint_legend(p, end_y, vw)
        p.restore()

    def _row_colour(self, index: int) -> QColor:
        """The background of a lane: stripe, then hover or selection tint (opaque)."""
        pal = self.palette()
        lane = self._lanes[index]
        colour = pal.color(QPalette.ColorRole.AlternateBase if lane.stripe
                           else QPalette.ColorRole.Base)
        highlight = pal.color(QPalette.ColorRole.Highlight)
        if index == self._current:
            return _mix(colour, highlight, 0.19 if self.hasFocus() else 0.13)
        if index == self._hover:
            return _mix(colour, highlight, 0.08)
        return colour

    def _paint_label(self, p: QPainter, index: int) -> None:
        lane = self._lanes[index]
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.Text)
        muted = _mix(pal.color(QPalette.ColorRole.Base), text, 0.68)
        top = self._vy(lane.y)
        right = self._label_w - 10
        x = 14
        if index == self._current:
            p.fillRect(QRectF(0, top, 4, lane.height), pal.color(QPalette.ColorRole.Highlight))
        y1 = top + 8
        p.setFont(self._font)
        p.setPen(text)
        label = self._fm.elidedText(lane.text, Qt.TextElideMode.ElideRight, right - x)
        p.drawText(QRectF(x, y1, right - x, self._fm.height()),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                   | Qt.TextFlag.TextSingleLine, label)
        y2 = y1 + self._fm.height() + 3
        h2 = self._sfm.height()
        sx = float(x)
        if lane.status:
            sq = max(h2 - 6, 7)
            p.setPen(QPen(text, 1))
            p.setBrush(lane.colour or DEFAULT_BAR)
            p.drawRect(QRectF(sx + 0.5, y2 + (h2 - sq) / 2 + 0.5, sq, sq))
            sx += sq + 5
            p.setFont(self._small)
            p.setPen(text)
            status = self._sfm.elidedText(lane.status, Qt.TextElideMode.ElideRight,
                                          int(min(right - sx, (right - x) * 0.45)))
            p.drawText(QRectF(sx, y2, right - sx, h2),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                       | Qt.TextFlag.TextSingleLine, status)
            sx += self._sfm.horizontalAdvance(status) + 10
        sub = lane.date_text or "no date given"
        if lane.group:
            sub = f"{sub} · {lane.group}"
        if right - sx > 20:
            p.setFont(self._italic)
            p.setPen(muted)
            sub = self._ifm.elidedText(sub, Qt.TextElideMode.ElideRight, int(right - sx))
            p.drawText(QRectF(sx, y2, right - sx, h2),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                       | Qt.TextFlag.TextSingleLine, sub)

    def _paint_bar(self, p: QPainter, index: int) -> None:
        lane = self._lanes[index]
        pal = self.palette()
        ink = pal.color(QPalette.ColorRole.Text)
        base = pal.color(QPalette.ColorRole.Base)
        r = self._bar_rect(index)
        current = index == self._current
        if lane.kind == "tbc":
            self._paint_tbc_box(p, r, lane, ink, base)
        else:
            start = lane.start or lane.end
            end = lane.end or lane.start
            span = abs((end - start).days) + 1
            colour = lane.colour or DEFAULT_BAR
            p.setPen(QPen(ink, 1))
            if span <= 1:
                c = r.center()
                half = r.width() / 2
                p.setBrush(colour)
                p.drawPolygon(QPolygonF([QPointF(c.x(), c.y() - half),
                                         QPointF(c.x() + half, c.y()),
                                         QPointF(c.x(), c.y() + half),
                                         QPointF(c.x() - half, c.y())]))
            elif span <= 31:
                p.setBrush(colour)
                p.drawRect(r)
            else:
                p.fillRect(r, _mix(colour, QColor("white"), 0.72))
                self._hatch(p, r, colour, 1.6, 5.0)
                p.setPen(QPen(ink, 1))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRect(r)
            # the date as written beside the bar, where there is room
            p.setFont(self._italic)
            date_text = self._ifm.elidedText(lane.date_text, Qt.TextElideMode.ElideRight, 180)
            tw = self._ifm.horizontalAdvance(date_text)
            chart_right = min(self._vx(self._chart_w()), self.viewport().width())
            muted = _mix(base, ink, 0.68)
            p.setPen(muted)
            text_h = self._ifm.height()
            box = None
            if date_text and r.right() + 10 + tw <= chart_right:
                box = QRectF(r.right() + 6, r.center().y() - text_h / 2, tw + 4, text_h)
            elif date_text and r.left() - 10 - tw >= self._label_w:
                box = QRectF(r.left() - 10 - tw, r.center().y() - text_h / 2, tw + 4, text_h)
            if box is not None:
                # a halo in the row's colour keeps the text clear of grid and event lines
                p.fillRect(box.adjusted(-2, 0, 2, 0), self._row_colour(index))
                p.drawText(box, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextSingleLine,
                           date_text)
        if current:
            ring = QPen(pal.color(QPalette.ColorRole.Highlight), 2.5)
            p.setPen(ring)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(r.adjusted(-3.5, -3.5, 3.5, 3.5), 3, 3)

    def _paint_tbc_box(self, p: QPainter, r: QRectF, lane: _Lane, ink: QColor,
                       base: QColor) -> None:
        muted = _mix(base, ink, 0.55)
        p.fillRect(r, _mix(base, ink, 0.03))
        self._hatch(p, r, _mix(base, ink, 0.16), 1.0, 6.0)
        pen = QPen(muted, 1, Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRoundedRect(r, 3, 3)
        label = lane.date_text or "TBC"
        if lane.event:
            label = f"{label} · policy event"
        p.setFont(self._italic)
        label = self._ifm.elidedText(label, Qt.TextElideMode.ElideRight, int(r.width() - 24))
        tw = self._ifm.horizontalAdvance(label)
        pill = QRectF(r.center().x() - tw / 2 - 6, r.top() + 1, tw + 12, r.height() - 2)
        p.fillRect(pill, base)
        p.setPen(_mix(base, ink, 0.75))
        p.drawText(pill, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextSingleLine, label)

    @staticmethod
    def _hatch(p: QPainter, r: QRectF, colour: QColor, width: float, step: float) -> None:
        p.save()
        p.setClipRect(r, Qt.ClipOperation.IntersectClip)
        p.setPen(QPen(colour, width))
        h = r.height()
        x = r.left() - h
        while x < r.right():
            p.drawLine(QPointF(x, r.bottom()), QPointF(x + h, r.top()))
            x += step
        p.restore()

    def _paint_event_lines(self, p: QPainter, top: float, bottom: float) -> None:
        pal = self.palette()
        ink = _mix(pal.color(QPalette.ColorRole.Base), pal.color(QPalette.ColorRole.Text), 0.8)
        for ev in self._events:
            x = self._vx(ev.x)
            if ev.today:
                p.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 1.5))
            else:
                p.setPen(QPen(ink, 1.2, Qt.PenStyle.DashLine))
            p.drawLine(QPointF(x, top), QPointF(x, bottom))

    def _paint_header(self, p: QPainter, vw: int) -> None:
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.Text)
        base = pal.color(QPalette.ColorRole.Base)
        window = pal.color(QPalette.ColorRole.Window)
        highlight = pal.color(QPalette.ColorRole.Highlight)
        muted = _mix(base, text, 0.65)
        h = self._header_h
        p.save()
        p.fillRect(QRect(0, 0, vw, h), base)
        year_h = self._bfm.height() + 8
        month_h = self._sfm.height() + 8
        chart = QRect(self._label_w, 0, vw - self._label_w, h)
        p.setClipRect(chart)
        # year bands
        m = 0
        band = 0
        band_a = _mix(window, text, 0.10)
        band_b = _mix(window, text, 0.04)
        while m < self._months:
            year = self._first.year + (self._first.month - 1 + m) // 12
            month = (self._first.month - 1 + m) % 12 + 1
            n = min(13 - month, self._months - m)
            x = self._vx(m * self._month_w)
            w = n * self._month_w
            r = QRectF(x, 0, w, year_h)
            p.fillRect(r, band_a if band % 2 == 0 else band_b)
            p.setFont(self._bold)
            p.setPen(text)
            label = str(year)
            if w >= self._bfm.horizontalAdvance(label) + 6:
                # keep the year readable while its band is partly scrolled off
                visible = r.intersected(QRectF(self._label_w, 0, vw - self._label_w, year_h))
                tw = self._bfm.horizontalAdvance(label) + 12
                tx = visible.left() if visible.width() < tw else \
                    min(max(r.center().x() - tw / 2, visible.left()), visible.right() - tw)
                p.drawText(QRectF(tx, 0, tw, year_h), Qt.AlignmentFlag.AlignCenter, label)
            m += n
            band += 1
        # month names
        p.setFont(self._small)
        names = calendar.month_abbr
        wide = max(self._sfm.horizontalAdvance(names[i]) for i in range(1, 13)) + 6
        narrow = self._sfm.horizontalAdvance("W") + 3
        for i in range(self._months):
            month = (self._first.month - 1 + i) % 12 + 1
            x = self._vx(i * self._month_w)
            if x > vw or x + self._month_w < self._label_w:
                continue
            if self._month_w >= wide:
                label = names[month]
            elif self._month_w >= narrow:
                label = names[month][0]
            elif month in (1, 4, 7, 10) and self._month_w * 3 >= \
                    self._sfm.horizontalAdvance("Q4") + 4:
                p.setPen(muted)
                p.drawText(QRectF(x, year_h, self._month_w * 3, month_h),
                           Qt.AlignmentFlag.AlignCenter, f"Q{(month - 1) // 3 + 1}")
                continue
            else:
                continue
            p.setPen(muted)
            p.drawText(QRectF(x, year_h, self._month_w, month_h), Qt.AlignmentFlag.AlignCenter,
                       label)
            p.setPen(QPen(_mix(base, text, 0.12 if month != 1 else 0.32), 1))
            p.drawLine(QPointF(x, year_h + 3), QPointF(x, year_h + month_h))
        # event labels
        top = year_h + month_h
        row_h = self._sfm.height() + 6
        ink = _mix(base, text, 0.8)
        for ev in self._events:
            x = self._vx(ev.x)
            y = top + 3 + ev.row * row_h
            lx = self._vx(ev.label_x)
            colour = highlight if ev.today else ink
            if ev.today:
                p.setPen(QPen(colour, 1.5))
            else:
                p.setPen(QPen(colour, 1.2, Qt.PenStyle.DashLine))
            p.drawLine(QPointF(x, top + 3 if ev.hidden else y + 2), QPointF(x, h))
            if ev.hidden:
                continue
            if ev.end_x is not None:
                ex = self._vx(ev.end_x)
                by = y + row_h - 2
                p.setPen(QPen(colour, 1))
                p.drawLine(QPointF(x, by), QPointF(ex, by))
                p.drawLine(QPointF(ex, by - 3), QPointF(ex, by + 3))
            r = QRectF(lx - 3, y, ev.label_w + 6, row_h - 2)
            p.fillRect(r, base)
            p.setFont(self._small_bold if ev.today else self._small)
            p.setPen(colour)
            p.drawText(r, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextSingleLine, ev.label)
        p.setClipping(False)
        # the corner above the label column
        p.fillRect(QRect(0, 0, self._label_w, h), base)
        p.setFont(self._bold)
        p.setPen(muted)
        p.drawText(QRectF(14, year_h, self._label_w - 24, month_h),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, "Milestone")
        p.setPen(QPen(_mix(base, text, 0.25), 1))
        p.drawLine(QPointF(self._label_w - 0.5, 0), QPointF(self._label_w - 0.5, h))
        p.setPen(QPen(_mix(base, text, 0.45), 1))
        p.drawLine(QPointF(0, h - 0.5), QPointF(vw, h - 0.5))
        p.restore()

    def _paint_legend(self, p: QPainter, y: float, vw: int) -> None:
        pal = self.palette()
        ink = pal.color(QPalette.ColorRole.Text)
        base = pal.color(QPalette.ColorRole.Base)
        muted = _mix(base, ink, 0.7)
        cy = y + self._legend_h / 2
        x = 14.0
        p.setFont(self._small_bold)
        p.setPen(muted)
        p.drawText(QPointF(x, cy + self._sfm.ascent() / 2 - 1), "Key:")
        x += QFontMetrics(self._small_bold).horizontalAdvance("Key:") + 12
        sw, sh = 22.0, max(self._bar_h() - 2, 8)
        swatch = QRectF(0, cy - sh / 2, sw, sh)

        def item(draw, text: str) -> None:
            nonlocal x
            draw(swatch.translated(x, 0))
            x += sw + 6
            p.setFont(self._small)
            p.setPen(muted)
            p.drawText(QPointF(x, cy + self._sfm.ascent() / 2 - 1), text)
            x += self._sfm.horizontalAdvance(text) + 18

        def diamond(r: QRectF) -> None:
            c, half = r.center(), sh / 2 + 1
            p.setPen(QPen(ink, 1))
            p.setBrush(DEFAULT_BAR)
            p.drawPolygon(QPolygonF([QPointF(c.x(), c.y() - half), QPointF(c.x() + half, c.y()),
                                     QPointF(c.x(), c.y() + half), QPointF(c.x() - half, c.y())]))

        def solid(r: QRectF) -> None:
            p.setPen(QPen(ink, 1))
            p.setBrush(DEFAULT_BAR)
            p.drawRect(r)

        def hatched(r: QRectF) -> None:
            p.fillRect(r, _mix(DEFAULT_BAR, QColor("white"), 0.72))
            self._hatch(p, r, DEFAULT_BAR, 1.6, 5.0)
            p.setPen(QPen(ink, 1))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(r)

        def event_line(r: QRectF) -> None:
            p.setPen(QPen(_mix(base, ink, 0.8), 1.2, Qt.PenStyle.DashLine))
            p.drawLine(QPointF(r.center().x(), r.top() - 3), QPointF(r.center().x(),
                                                                     r.bottom() + 3))

        def today_line(r: QRectF) -> None:
            p.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 1.5))
            p.drawLine(QPointF(r.center().x(), r.top() - 3), QPointF(r.center().x(),
                                                                     r.bottom() + 3))

        def tbc(r: QRectF) -> None:
            self._hatch(p, r, _mix(base, ink, 0.16), 1.0, 6.0)
            p.setPen(QPen(_mix(base, ink, 0.55), 1, Qt.PenStyle.DashLine))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(r, 2, 2)

        item(diamond, "date known to the day")
        item(solid, "month (or shorter) known")
        item(hatched, "falls within this range")
        item(event_line, "policy event")
        if any(e.today for e in self._events):
            item(today_line, "today")
        item(tbc, "date to be confirmed")
