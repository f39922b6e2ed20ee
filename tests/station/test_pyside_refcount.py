"""The installed PySide6 must not drop references to None.

PySide6 6.12.0 decrements None's reference count on every call of a C++ method that returns void (``update()``,
``QPainter.scale()``...). On Python 3.11, where None is not immortal, the station's live view (thousands of such
calls a second) aborts with "Fatal Python error: none_dealloc" within seconds; pyproject.toml excludes that release.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QWidget


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_void_qt_calls_keep_none_alive(qapp):
    widget = QWidget()
    image = QImage(16, 16, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    try:
        before = sys.getrefcount(None)
        for _ in range(200):
            widget.update()
            painter.scale(1.0, 1.0)
        after = sys.getrefcount(None)
    finally:
        painter.end()
    assert after >= before - 20, f"None lost {before - after} references in 400 void calls (PySide6 6.12.0 bug)"
