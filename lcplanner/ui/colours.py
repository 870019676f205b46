"""Colours the editor draws text or marks with, checked for contrast in light and dark palettes.

WCAG 2 contrast: (lighter + 0.05) / (darker + 0.05) of relative luminances; 4.5:1 is the floor
for body text. Find highlights always carry black text (the highlight is light in any palette);
warnings take a dark red on light backgrounds and a light red on dark ones.
"""
from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

#: Behind a Find match, with black text on it.
HIGHLIGHT = QColor("#ffe27a")
HIGHLIGHT_TEXT = QColor("#000000")
_WARNING_ON_LIGHT = QColor("#b71c1c")
_WARNING_ON_DARK = QColor("#ff8a80")


def _channel(value: float) -> float:
    return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4


def luminance(colour: QColor) -> float:
    return (0.2126 * _channel(colour.redF()) + 0.7152 * _channel(colour.greenF())
            + 0.0722 * _channel(colour.blueF()))


def contrast_ratio(a: QColor, b: QColor) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def is_dark(palette: QPalette) -> bool:
    return luminance(palette.color(QPalette.ColorRole.Base)) < 0.3


def warning_colour(palette: QPalette) -> QColor:
    """Text colour for a warning ("cannot read this date") on the palette's base colour."""
    return _WARNING_ON_DARK if is_dark(palette) else _WARNING_ON_LIGHT
