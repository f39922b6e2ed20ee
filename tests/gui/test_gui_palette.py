"""Status colours follow the system palette (dark themes get lighter tints)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from beian_desktop.gui.widgets.colours import colour


def test_status_colours_stay_readable_on_a_dark_palette(qapp):
    original = qapp.palette()
    light = colour("fail")
    dark = QPalette(original)
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    qapp.setPalette(dark)
    try:
        assert QColor(colour("fail")).lightness() > QColor(light).lightness()
        assert QColor(colour("pass")).lightness() > 128
    finally:
        qapp.setPalette(original)
