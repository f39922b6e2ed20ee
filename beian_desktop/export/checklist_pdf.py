"""Render the checklist HTML to PDF (``QPdfWriter``) or to a PNG preview, with Qt's rich-text engine.

Qt is imported lazily: the rest of the export package works without it. Only a ``QGuiApplication`` is needed; when
none exists one is created, on the ``offscreen`` platform if no display is available (the CLI on a server).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

#: A4 at 300 dpi for the PDF; the PNG preview uses 96 dpi-like pixels.
PDF_RESOLUTION = 300
PAGE_MARGIN_MM = 14.0


def ensure_gui_application():
    """The running ``QGuiApplication`` (or ``QApplication``), creating an offscreen one when needed."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        if sys.platform.startswith("linux") and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(sys.argv[:1] or ["beian-desktop"])
    return app


def _document(html: str, width: float):
    from PySide6.QtGui import QTextDocument

    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.setHtml(html)
    doc.setTextWidth(width)
    return doc


def html_to_pdf(html: str) -> bytes:
    """A4 PDF of ``html`` (several pages when long); returns the PDF bytes."""
    ensure_gui_application()
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

    fd, tmp = tempfile.mkstemp(suffix=".pdf")
    os.close(fd)
    try:
        writer = QPdfWriter(tmp)
        writer.setResolution(PDF_RESOLUTION)
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                         QMarginsF(PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM),
                                         QPageLayout.Unit.Millimeter))
        writer.setTitle("备案接入清单 / Access filing checklist")
        writer.setCreator("Beian Desktop")
        doc = _document(html, 0)
        doc.print_(writer)  # no page size set: Qt paginates a copy for the page, keeping point sizes
        del writer  # finishes the file
        return Path(tmp).read_bytes()
    finally:
        Path(tmp).unlink(missing_ok=True)


def html_to_png(html: str, path: str | Path, *, width: int = 900, scale: float = 1.0) -> Path:
    """A single tall PNG of ``html`` laid out ``width`` pixels wide (for previews and the docs)."""
    ensure_gui_application()
    from PySide6.QtGui import QColor, QImage, QPainter

    doc = _document(html, width - 48)
    height = int(doc.size().height()) + 48
    image = QImage(int(width * scale), int(height * scale), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        painter.scale(scale, scale)
        painter.translate(24, 24)
        doc.drawContents(painter)  # no clip: table borders may reach a pixel past the text width
    finally:
        painter.end()
    path = Path(path)
    if not image.save(str(path)):
        raise OSError(f"could not write {path}")
    return path
