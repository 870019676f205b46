"""The milestone timeline widget, driven as a user would: clicks, keys, zoom, hostile text."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtGui import QColor, QImage, QTextDocument  # noqa: E402

from lcplanner.compose import ir  # noqa: E402
from lcplanner.compose.timeline import compose_timeline  # noqa: E402
from lcplanner.domain.model import Plan  # noqa: E402
from lcplanner.ui.timeline_view import (EMPTY_MESSAGE, NO_PLAN_MESSAGE, TBC_TITLE,  # noqa: E402
                                        TimelineView)


def _timeline_of(document: ir.Document) -> ir.Timeline:
    return next(b for b in document.blocks if isinstance(b, ir.Timeline))


@pytest.fixture
def sample_timeline(sample_store) -> ir.Timeline:
    """The sample plan's timeline, composed from a store so milestones carry their ids."""
    session = sample_store.session()
    try:
        plan = session.query(Plan).first()
        return _timeline_of(compose_timeline(plan))
    finally:
        session.close()


@pytest.fixture
def view(qtbot):
    widget = TimelineView(today=date(2026, 11, 23))
    qtbot.addWidget(widget)
    widget.resize(1200, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _bars(timeline: ir.Timeline) -> list[ir.TimelineBar]:
    return [b for g in timeline.groups for b in g.bars]


def _click(qtbot, view: TimelineView, milestone_id: int) -> None:
    view.ensure_visible(milestone_id)
    rect = view.bar_rect(milestone_id)
    assert rect is not None and view.viewport().rect().contains(rect.center())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _tooltip_text(html: str) -> str:
    doc = QTextDocument()
    doc.setHtml(html)
    return doc.toPlainText()


def test_lanes_for_every_milestone_tbc_last_and_events(view, sample_timeline):
    view.set_timeline(sample_timeline)
    lanes = view.lanes()
    dated = [b for b in _bars(sample_timeline) if b.start]
    undated = [b for b in _bars(sample_timeline) if not b.start and not b.end]
    assert dated and undated and sample_timeline.events

    bar_lanes = [l for l in lanes if l.kind == "bar"]
    assert [l.milestone_id for l in bar_lanes] == [b.milestone_id for b in dated]
    assert all(view.bar_rect(b.milestone_id) is not None for b in _bars(sample_timeline))

    # grouped under objective headings, in the composer's order (as the printed chart)
    titles = [l.text for l in lanes if l.kind == "group"]
    assert titles[:-1] == [g.title for g in sample_timeline.groups
                           if any(b.start for b in g.bars)]
    # the "To be confirmed" group comes last and holds exactly the undated milestones
    assert titles[-1] == TBC_TITLE
    tbc_at = next(i for i, l in enumerate(lanes) if l.text == TBC_TITLE)
    tail = lanes[tbc_at + 1:]
    assert [l.kind for l in tail] == ["tbc"] * len(undated)
    assert [l.milestone_id for l in tail] == [b.milestone_id for b in undated]
    assert all(l.group for l in tail)  # the objective is still shown

    labels = view.event_labels()
    for event in sample_timeline.events:
        assert any(event.text in label or label.rstrip("…") in f"{event.date_text}  {event.text}"
                   for label in labels)
    assert view.message() == ""


def test_bars_are_placed_on_the_month_axis(view, sample_timeline):
    view.set_timeline(sample_timeline)
    by_label = {b.label: b for b in _bars(sample_timeline)}
    july = view.bar_rect(by_label["Cost of services evidence published"].milestone_id)
    autumn = view.bar_rect(by_label["Options for local taxes agreed"].milestone_id)
    # a month is one month wide; "Autumn" (Sep–Nov) three months, starting after July
    assert abs(july.width() - view.month_width()) <= 2
    assert abs(autumn.width() - 3 * view.month_width()) <= 3
    assert autumn.left() > july.right()


def test_click_on_bar_emits_milestone(qtbot, view, sample_timeline):
    view.set_timeline(sample_timeline)
    for bar in _bars(sample_timeline):
        with qtbot.waitSignal(view.milestone_activated, timeout=1000) as blocker:
            _click(qtbot, view, bar.milestone_id)
        assert blocker.args == [bar.milestone_id]
        assert view.selected_milestone() == bar.milestone_id
    assert view.hasFocus()  # the keyboard carries on from the clicked bar


def test_click_on_empty_space_or_header_emits_nothing(qtbot, view, sample_timeline):
    view.set_timeline(sample_timeline)
    with qtbot.assertNotEmitted(view.milestone_activated):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(600, 5))
        group = view.lanes()[0]
        assert group.kind == "group"
        first = view.bar_rect(view.lanes()[1].milestone_id)
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                         pos=QPoint(first.center().x(), first.top() - 30))


def test_keyboard_navigation_and_enter(qtbot, view, sample_timeline):
    view.set_timeline(sample_timeline)
    view.setFocus()
    assert view.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert view.accessibleName() == "Milestone timeline"
    ids = [l.milestone_id for l in view.lanes() if l.kind != "group"]

    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.selected_milestone() == ids[0]
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.selected_milestone() == ids[2]
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert view.selected_milestone() == ids[1]
    with qtbot.waitSignal(view.milestone_activated, timeout=1000) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert blocker.args == [ids[1]]

    # End reaches the "To be confirmed" lane; Space activates it too
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert view.selected_milestone() == ids[-1]
    with qtbot.waitSignal(view.milestone_activated, timeout=1000) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Space)
    assert blocker.args == [ids[-1]]
    assert "Planning specialists pool" in view.accessibleDescription()


def test_left_right_move_in_date_order(qtbot, view, sample_timeline):
    view.set_timeline(sample_timeline)
    dated = [b for b in _bars(sample_timeline) if b.start]
    in_order = sorted(dated, key=lambda b: (b.start, b.end))
    view.setFocus()
    view.select_milestone(in_order[0].milestone_id)
    seen = [view.selected_milestone()]
    for _ in range(len(in_order) - 1):
        qtbot.keyClick(view, Qt.Key.Key_Right)
        seen.append(view.selected_milestone())
    starts = {b.milestone_id: (b.start, b.end) for b in dated}
    assert [starts[i] for i in seen] == [(b.start, b.end) for b in in_order]
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.selected_milestone() == seen[-2]


def test_select_milestone_highlights_and_scrolls(qtbot, sample_timeline):
    view = TimelineView(today=date(2026, 11, 23))
    qtbot.addWidget(view)
    view.resize(700, 260)  # small: the last lanes start out of sight
    view.show()
    qtbot.waitExposed(view)
    view.set_timeline(sample_timeline)
    last = [l for l in view.lanes() if l.kind != "group"][-1]
    assert not view.viewport().rect().contains(view.bar_rect(last.milestone_id))

    with qtbot.assertNotEmitted(view.milestone_activated):
        view.select_milestone(last.milestone_id)
    assert view.selected_milestone() == last.milestone_id
    assert view.viewport().rect().contains(view.bar_rect(last.milestone_id).center())

    # the highlighted lane is tinted with the highlight colour, the others are not
    image = view.viewport().grab().toImage()
    highlight = view.palette().highlight().color()

    def tinted(milestone_id) -> bool:
        rect = view.bar_rect(milestone_id)
        if not view.viewport().rect().contains(rect.center()):
            return False
        # the label column's left edge carries a highlight strip for the current lane
        colour = QColor(image.pixel(1, rect.center().y()))
        return abs(colour.hue() - highlight.hue()) < 12 and colour.saturation() > 80

    assert tinted(last.milestone_id)
    others = [l.milestone_id for l in view.lanes() if l.kind != "group"][:-1]
    assert not any(tinted(i) for i in others)

    view.select_milestone(None)
    assert view.selected_milestone() is None
    view.select_milestone(10_000)  # not on this timeline: no highlight, no error
    assert view.selected_milestone() is None


def test_selection_survives_a_recomposed_timeline(view, sample_timeline):
    view.set_timeline(sample_timeline)
    target = _bars(sample_timeline)[2].milestone_id
    view.select_milestone(target)
    view.set_timeline(sample_timeline)
    assert view.selected_milestone() == target


def test_zoom_with_keys_and_wheel(qtbot, view, sample_timeline):
    view.set_timeline(sample_timeline)
    view.setFocus()
    fit = view.month_width()
    qtbot.keyClick(view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    wider = view.month_width()
    assert wider > fit
    assert view.horizontalScrollBar().maximum() > 0
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.month_width() < wider
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.month_width() == pytest.approx(fit)

    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent
    centre = QPointF(view.viewport().rect().center())
    wheel = QWheelEvent(centre, view.viewport().mapToGlobal(centre), QPoint(0, 0),
                        QPoint(0, 120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False)
    view.wheelEvent(wheel)
    assert view.month_width() > fit
    # clicks still land after zooming
    bar = _bars(sample_timeline)[0]
    with qtbot.waitSignal(view.milestone_activated, timeout=1000) as blocker:
        _click(qtbot, view, bar.milestone_id)
    assert blocker.args == [bar.milestone_id]


HOSTILE = [
    "<b>not bold</b> & <i>not italic</i>",
    "Budget 💷🏛️👩🏽‍💼 review",
    "مراجعة الميزانية السنوية",
    "x" * 1000,
    "line one\nline two\ttabbed\x00nul",
    "",
]


def test_hostile_text_is_drawn_literally(qtbot, view):
    bars = [ir.TimelineBar(text, "2026-03-01", "2026-05-31", text or "Spring 2026",
                           status=text, colour="not a colour", milestone_id=i + 1)
            for i, text in enumerate(HOSTILE)]
    bars.append(ir.TimelineBar("<script>tbc</script>", None, None, "<u>TBC</u>",
                               milestone_id=99))
    timeline = ir.Timeline(
        [ir.TimelineGroup("<h1>Objective</h1> " + "y" * 1000, bars)],
        [ir.TimelineEvent("<b>Budget</b> 📅", "<i>Oct 2026</i>", "2026-10-01", "2026-10-31"),
         ir.TimelineEvent("Undated <b>event</b>", "TBC", None, None)],
        "2026-01-01", "2026-12-31")
    view.set_timeline(timeline)
    lanes = view.lanes()
    assert lanes[0].text.startswith("<h1>Objective</h1>")
    assert lanes[1].text == "<b>not bold</b> & <i>not italic</i>"
    assert lanes[5].text == "line one line two tabbed nul"  # one line, no control characters
    assert lanes[6].text == "(untitled milestone)"
    assert any(l.event and l.text == "Undated <b>event</b>" for l in lanes)
    assert any("<b>Budget</b>" in label for label in view.event_labels())

    # tooltips are escaped: markup shows as the characters typed
    tip = _tooltip_text(view.tooltip_html(1))
    assert "<b>not bold</b> & <i>not italic</i>" in tip
    assert "<u>TBC</u>" in _tooltip_text(view.tooltip_html(99))
    assert "x" * 60 in _tooltip_text(view.tooltip_html(4)).replace("\n", "")

    # every lane paints, scrolled anywhere, zoomed, with keyboard moves
    view.setFocus()
    for _ in range(len(bars) + 1):
        qtbot.keyClick(view, Qt.Key.Key_Down)
        view.viewport().grab()
    view.zoom_in()
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    image = view.grab().toImage()
    assert image.format() != QImage.Format.Format_Invalid and not image.isNull()


def test_tooltip_shows_label_date_and_status(view, sample_timeline):
    view.set_timeline(sample_timeline)
    bar = next(b for b in _bars(sample_timeline) if b.date_text == "Autumn 2026")
    tip = _tooltip_text(view.tooltip_html(bar.milestone_id))
    assert bar.label in tip and "Autumn 2026" in tip and bar.status in tip


def test_empty_and_missing_timeline_messages(qtbot, view):
    assert view.message() == NO_PLAN_MESSAGE
    view.set_timeline(ir.Timeline([]))
    assert view.message() == EMPTY_MESSAGE == "This plan has no milestones yet."
    view.set_timeline(ir.Timeline([ir.TimelineGroup("An objective", [])]))
    assert view.message() == EMPTY_MESSAGE
    assert view.lanes() == []
    # keys and clicks on an empty timeline do nothing and raise nothing
    view.setFocus()
    with qtbot.assertNotEmitted(view.milestone_activated):
        qtbot.keyClick(view, Qt.Key.Key_Down)
        qtbot.keyClick(view, Qt.Key.Key_Return)
        qtbot.keyClick(view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                         pos=view.viewport().rect().center())
    # the message is painted in the middle: there is ink near the centre, none in the corners
    image = view.viewport().grab().toImage()
    base = view.palette().base().color().rgb()
    centre_y = image.height() // 2
    assert any(image.pixel(x, y) != base for x in range(image.width())
               for y in range(centre_y - 8, centre_y + 8))
    assert image.pixel(5, 5) == base


def test_today_marker_only_inside_the_axis(view, sample_timeline):
    view.set_timeline(sample_timeline)
    assert "Today" not in view.event_labels()  # markers list policy events only
    view.set_today(date(2030, 1, 1))
    view.set_today(None)
    view.grab()


def test_hovering_a_bar_shows_its_tooltip(qtbot, view, sample_timeline):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    view.set_timeline(sample_timeline)
    bar = _bars(sample_timeline)[1]
    centre = view.bar_rect(bar.milestone_id).center()
    event = QHelpEvent(QEvent.Type.ToolTip, centre, view.viewport().mapToGlobal(centre))
    QApplication.sendEvent(view.viewport(), event)
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    tip = _tooltip_text(QToolTip.text())
    assert bar.label in tip and bar.date_text in tip and bar.status in tip
    QToolTip.hideText()


def test_crowded_events_keep_their_lines(view):
    bar = ir.TimelineBar("A milestone", "2026-01-01", "2026-12-31", "2026", milestone_id=1)
    events = [ir.TimelineEvent(f"Event {i}", "May 2026", "2026-05-01", "2026-05-31")
              for i in range(12)]
    view.set_timeline(ir.Timeline([ir.TimelineGroup("Objective", [bar])], events))
    labels = view.event_labels()
    assert 0 < len(labels) < len(events)  # the header does not stack labels on one another
    view.grab()
