"""The timeline chart's look and the parts of its layout that need no chart state: colours
and sizes, names shortened to one line, event labels packed into rows, and the key.

Event labels sit in rows above the lanes; each event's dashed line runs from the lanes up to
its label, so it passes every row below its own. The drawing puts every label on a white
ground above all lines, so no label is ever crossed; the packing keeps rows few (each label
right or left of its line, every combination tried for up to PACK_LIMIT events) and, among
equals, the lines hidden under labels few.
"""
from __future__ import annotations

from reportlab.lib.colors import Color, HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth

from lcplanner.writers.pdf_fonts import Fonts

TBC_TITLE = "To be confirmed"

INK = HexColor("#1d2733")
MUTED = HexColor("#56606b")
RULE = HexColor("#9aa3ad")
GRID = HexColor("#dfe3e8")
BAND_A = HexColor("#e4e8ed")
BAND_B = HexColor("#f1f3f6")
GROUP_FILL = HexColor("#e9edf2")
STRIPE = HexColor("#f7f8fa")
DEFAULT_BAR = HexColor("#4f6d8f")
EVENT_INK = HexColor("#3a3f45")

LABEL_SIZE = 8.5
SUB_SIZE = 7.5
AXIS_SIZE = 7.5
EVENT_SIZE = 8.0
EVENT_ROW = EVENT_SIZE + 3.0
#: Lane geometry: padding above the label, label line, sub line, padding below.
LANE_TOP, LABEL_LEAD, SUB_LEAD, LANE_BOTTOM = 2.0, LABEL_SIZE + 1.0, SUB_SIZE + 0.5, 0.5
ELLIPSIS = "\u2026"


def shorten(text: str, font: str, size: float, width: float) -> str:
    """``text`` on one line of ``width``, cut at a word with an ellipsis when it is longer
    (the full text is in the table after the chart)."""
    if stringWidth(text, font, size) <= width:
        return text
    words = text.split()
    out = ""
    for word in words:
        trial = f"{out} {word}".strip()
        if stringWidth(trial + ELLIPSIS, font, size) > width:
            break
        out = trial
    if not out:  # one long word: cut it
        out = text
        while out and stringWidth(out + ELLIPSIS, font, size) > width:
            out = out[:-1]
    return out.rstrip(" ,;:\u2013-") + ELLIPSIS


#: Up to this many dated events, every choice of label side is tried (2**n) for fewest rows.
PACK_LIMIT = 10


def pack(options: list[tuple]) -> list[tuple[int, float, tuple]]:
    """Rows for event labels: (row, text x, span) for each of ``options`` ((line x,
    [(text x, span)…]) per event), the label side of each chosen for the fewest rows and
    then the fewest lines passing under labels."""
    best = None
    n = len(options)
    for mask in range(1 << n):
        chosen = [opts[(mask >> i) & 1 if len(opts) > 1 else 0]
                  for i, (_, opts) in enumerate(options)]
        if any(len(opts) == 1 and (mask >> i) & 1 for i, (_, opts) in enumerate(options)):
            continue
        order = sorted(range(n), key=lambda i: chosen[i][1][0])
        ends: list[float] = []
        rows = [0] * n
        for i in order:
            start, end = chosen[i][1]
            row = next((r for r, e in enumerate(ends) if e < start), len(ends))
            if row == len(ends):
                ends.append(end)
            else:
                ends[row] = end
            rows[i] = row
        crossings = sum(1 for i in range(n) for j in range(n)
                        if rows[i] < rows[j] and chosen[j][1][0] <= options[i][0]
                        <= chosen[j][1][1])
        key = (len(ends), crossings)
        if best is None or key < best[0]:
            best = (key, [(rows[i], chosen[i][0], chosen[i][1]) for i in range(n)])
    return best[1] if best else []



def lighten(c: Color, amount: float) -> Color:
    return Color(c.red + (1 - c.red) * amount, c.green + (1 - c.green) * amount,
                 c.blue + (1 - c.blue) * amount)



def place_labels(items: list[tuple]) -> list[tuple[int, float, tuple]]:
    """(row, text x, span) for each label: ``items`` are (line x, [text x for each side],
    (width, end x or None)) in date order."""
    options = []
    for x, sides, (tw, end_x) in items:
        options.append((x, [(tx, (min(tx, x) - 3, max(tx + tw, end_x or 0) + 3))
                            for tx in sides]))
    placed: list[tuple[int, float, float, tuple]] = []  # row, line x, text x, span
    for x, opts in options:  # greedy: first row free, fewest hidden lines
        best = None
        rows = 1 + max((p[0] for p in placed), default=-1)
        for row in range(rows + 1):
            for tx, span in opts:
                if any(p[0] == row and not (span[1] < p[3][0] or span[0] > p[3][1])
                       for p in placed):
                    continue
                cost = sum(1 for p in placed if p[0] < row and span[0] <= p[1] <= span[1])
                cost += sum(1 for p in placed if p[0] > row and p[3][0] <= x <= p[3][1])
                key = (row == rows, cost, row)
                if best is None or key < best[0]:
                    best = (key, row, tx, span)
        placed.append((best[1], x, best[2], best[3]))
    greedy = [(row, tx, span) for row, _, tx, span in placed]
    if 0 < len(options) <= PACK_LIMIT:
        packed = pack(options)
        if max(r for r, _, _ in packed) < max(r for r, _, _ in greedy):
            return packed
    return greedy


def draw_key(c, fonts: Fonts, y: float) -> None:
    """The key at ``y``: what each mark means (on every page of the chart)."""
    f = fonts
    c.setFont(f.regular, SUB_SIZE)
    x = 0.0
    base = y + 6
    c.setFillColor(INK)
    c.drawString(x, base, "Key:")
    x += stringWidth("Key:", f.regular, SUB_SIZE) + 8

    def item(draw, text: str) -> None:
        nonlocal x
        draw(x)
        x += 22
        c.setFillColor(INK)
        c.setFont(f.regular, SUB_SIZE)
        c.drawString(x, base, text)
        x += stringWidth(text, f.regular, SUB_SIZE) + 14

    def diamond(x0: float) -> None:
        p = c.beginPath()
        cx, cy, r = x0 + 9, base + 2.5, 4
        p.moveTo(cx, cy + r)
        p.lineTo(cx + r, cy)
        p.lineTo(cx, cy - r)
        p.lineTo(cx - r, cy)
        p.close()
        c.setFillColor(DEFAULT_BAR)
        c.setStrokeColor(INK)
        c.setLineWidth(0.6)
        c.drawPath(p, stroke=1, fill=1)

    def solid(x0: float) -> None:
        c.setFillColor(DEFAULT_BAR)
        c.setStrokeColor(INK)
        c.setLineWidth(0.6)
        c.rect(x0, base - 1, 18, 7, stroke=1, fill=1)

    def hatched(x0: float) -> None:
        c.setFillColor(lighten(DEFAULT_BAR, 0.72))
        c.rect(x0, base - 1, 18, 7, stroke=0, fill=1)
        c.saveState()
        p = c.beginPath()
        p.rect(x0, base - 1, 18, 7)
        c.clipPath(p, stroke=0, fill=0)
        c.setStrokeColor(DEFAULT_BAR)
        c.setLineWidth(0.9)
        xx = x0 - 7
        while xx < x0 + 18:
            c.line(xx, base - 1, xx + 7, base + 6)
            xx += 3.2
        c.restoreState()
        c.setStrokeColor(INK)
        c.setLineWidth(0.6)
        c.rect(x0, base - 1, 18, 7, stroke=1, fill=0)

    def event(x0: float) -> None:
        c.setStrokeColor(EVENT_INK)
        c.setLineWidth(0.7)
        c.setDash(3, 2)
        c.line(x0 + 9, base - 3, x0 + 9, base + 8)
        c.setDash()

    def tbc(x0: float) -> None:
        c.setStrokeColor(MUTED)
        c.setLineWidth(0.7)
        c.setDash(2.5, 2)
        c.roundRect(x0, base - 1.5, 18, 8, 2, stroke=1, fill=0)
        c.setDash()

    item(diamond, "date known to the day")
    item(solid, "month (or shorter) known")
    item(hatched, "falls within this range")
    item(event, "policy event")
    item(tbc, "date to be confirmed")
