"""Status marks: a small icon in the status colour whose shape also tells the status apart."""
from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap, QPolygonF

_ICONS: dict[tuple[str, int], QIcon] = {}
#: Status marks differ by shape as well as colour (for colour-blind readers and greyscale
#: print-outs): the n-th status of a plan takes the n-th shape.
SHAPES = ("circle", "square", "triangle", "diamond", "hexagon", "bar")


def status_shape(position: int) -> str:
    return SHAPES[position % len(SHAPES)]


def status_icon(colour: str, position: int = 0) -> QIcon:
    """A small mark in the status colour, its shape chosen by the status's place in its plan's
    list (cached per colour and shape)."""
    shape = status_shape(position)
    icon = _ICONS.get((colour, position % len(SHAPES)))
    if icon is None:
        pixmap = QPixmap(12, 12)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QColor(colour).darker(150))
        painter.setBrush(QColor(colour))
        if shape == "circle":
            painter.drawEllipse(1, 1, 10, 10)
        elif shape == "square":
            painter.drawRect(1, 1, 10, 10)
        elif shape == "bar":
            painter.drawRect(1, 4, 10, 4)
        else:
            points = {"triangle": [(6, 1), (11, 11), (1, 11)],
                      "diamond": [(6, 0), (12, 6), (6, 12), (0, 6)],
                      "hexagon": [(3, 1), (9, 1), (12, 6), (9, 11), (3, 11), (0, 6)]}[shape]
            painter.drawPolygon(QPolygonF([QPointF(x, y) for x, y in points]))
        painter.end()
        icon = _ICONS[(colour, position % len(SHAPES))] = QIcon(pixmap)
    return icon
