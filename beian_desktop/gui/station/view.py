"""What the person in front of the capture station sees: the picture with its overlay, and a light per check."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
)
from PySide6.QtWidgets import QWidget

from beian_desktop.gui.i18n_qt import translate
from beian_desktop.station.guidance import LIGHT_CHECKS, Guidance

COLOURS = {"pass": QColor("#2ecc71"), "warn": QColor("#f5a623"), "fail": QColor("#e74c3c"), "none": QColor("#7f8c8d")}


def light_names() -> dict[str, str]:
    return {
        "face_count": translate("Station", "人脸"),
        "framing": translate("Station", "位置"),
        "backdrop": translate("Station", "幕布"),
        "clothing": translate("Station", "上衣"),
        "exposure": translate("Station", "光线"),
        "sharpness": translate("Station", "清晰"),
        "resolution": translate("Station", "分辨率"),
    }


class VideoView(QWidget):
    """The picture with the overlay: target frame, face box, edge coverage, hints, countdown, notices."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setMinimumSize(320, 180)
        self.image: QImage | None = None
        self._array: np.ndarray | None = None  # keeps the QImage's pixels alive
        self.frame_size = (1280, 720)
        self.mirror = True
        self.guidance: Guidance | None = None
        self.hints: list[str] = []
        self.banner = ""  # the large hint
        self.banner_status = "warn"
        self.notice = ""  # camera lost, still check result, help text
        self.notice_status = "fail"
        self.countdown: int | None = None
        self.painted = 0  # paint events
        self.frames_painted = 0  # distinct camera frames that reached the screen
        self._new_frame = False

    def set_frame(self, image: np.ndarray) -> None:
        image = np.ascontiguousarray(image)
        h, w = image.shape[:2]
        self._array = image
        self.frame_size = (w, h)
        self.image = QImage(image.data, w, h, image.strides[0], QImage.Format.Format_BGR888)
        self._new_frame = True
        self.update()

    # ---- geometry ------------------------------------------------------------------------------------------------
    def _target_rect(self) -> QRectF:
        fw, fh = self.frame_size
        scale = min(self.width() / fw, self.height() / fh)
        w, h = fw * scale, fh * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def _map(self, rect: QRectF, x: float, y: float) -> QPointF:
        fw, fh = self.frame_size
        if self.mirror:
            x = fw - x
        return QPointF(rect.x() + x * rect.width() / fw, rect.y() + y * rect.height() / fh)

    # ---- painting ------------------------------------------------------------------------------------------------
    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt name
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#101418"))
        rect = self._target_rect()
        if self.image is not None:
            p.save()
            if self.mirror:
                p.translate(rect.x() + rect.width(), rect.y())
                p.scale(-rect.width() / self.frame_size[0], rect.height() / self.frame_size[1])
            else:
                p.translate(rect.x(), rect.y())
                p.scale(rect.width() / self.frame_size[0], rect.height() / self.frame_size[1])
            p.drawImage(0, 0, self.image)
            p.restore()
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._paint_target(p, rect)
            self._paint_edges(p, rect)
            self._paint_face(p, rect)
        self._paint_texts(p, rect)
        p.end()
        self.painted += 1
        if self._new_frame and self.image is not None:
            self.frames_painted += 1
            self._new_frame = False

    def _paint_target(self, p: QPainter, rect: QRectF) -> None:
        """Where head and shoulders belong: a head outline at the centre, face about a fifth of the height."""
        fw, fh = self.frame_size
        pen = QPen(QColor(255, 255, 255, 200), max(2.0, rect.height() / 240), Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        head_h, head_w = 0.30 * fh, 0.21 * fh
        top = 0.08 * fh
        c = self._map(rect, fw / 2, top + head_h / 2)
        sx = rect.width() / fw
        p.drawEllipse(c, head_w / 2 * sx, head_h / 2 * sx)
        path = QPainterPath()
        neck_y = top + head_h + 0.02 * fh
        shoulder_y = top + head_h + 0.14 * fh
        path.moveTo(self._map(rect, fw / 2 - 0.42 * fh, fh - 1))
        path.cubicTo(self._map(rect, fw / 2 - 0.42 * fh, shoulder_y), self._map(rect, fw / 2 - 0.16 * fh, neck_y + 0.04 * fh),
                     self._map(rect, fw / 2 - 0.07 * fh, neck_y))
        path.moveTo(self._map(rect, fw / 2 + 0.42 * fh, fh - 1))
        path.cubicTo(self._map(rect, fw / 2 + 0.42 * fh, shoulder_y), self._map(rect, fw / 2 + 0.16 * fh, neck_y + 0.04 * fh),
                     self._map(rect, fw / 2 + 0.07 * fh, neck_y))
        p.drawPath(path)

    def _paint_edges(self, p: QPainter, rect: QRectF) -> None:
        if self.guidance is None:
            return
        t = max(6.0, rect.height() / 60)
        bars = {
            "top": QRectF(rect.x(), rect.y(), rect.width(), t),
            "bottom": QRectF(rect.x(), rect.bottom() - t, rect.width(), t),
            "left": QRectF(rect.x(), rect.y(), t, rect.height()),
            "right": QRectF(rect.right() - t, rect.y(), t, rect.height()),
        }
        if self.mirror:  # the picture's left edge is shown on the right
            bars["left"], bars["right"] = bars["right"], bars["left"]
        for name, (_share, status) in self.guidance.edges.items():
            if name in bars:
                colour = QColor(COLOURS[status])
                colour.setAlpha(210)
                p.fillRect(bars[name], colour)

    def _paint_face(self, p: QPainter, rect: QRectF) -> None:
        g = self.guidance
        if g is None or not g.face:
            return
        x, y, w, h = g.face
        a, b = self._map(rect, x, y), self._map(rect, x + w, y + h)
        status = g.lights.get("framing", "none")
        p.setPen(QPen(COLOURS[status], max(3.0, rect.height() / 160)))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRoundedRect(QRectF(a, b).normalized(), 8, 8)

    def _paint_texts(self, p: QPainter, rect: QRectF) -> None:
        H = max(self.height(), 200)
        big = QFont(self.font())
        big.setPixelSize(int(max(28, H * 0.075)))
        big.setBold(True)
        small = QFont(self.font())
        small.setPixelSize(int(max(18, H * 0.04)))
        if self.banner:
            p.setFont(big)
            box_h = big.pixelSize() * 1.8
            box = QRectF(rect.x(), rect.bottom() - box_h - H * 0.03, rect.width(), box_h)
            back = QColor(COLOURS.get(self.banner_status, COLOURS["warn"]))
            back.setAlpha(225)
            p.fillRect(box, back)
            p.setPen(QColor("white"))
            p.drawText(box, Qt.AlignmentFlag.AlignCenter, self.banner)
            if self.hints:
                p.setFont(small)
                hint_box = QRectF(rect.x(), box.y() - small.pixelSize() * 1.7, rect.width(), small.pixelSize() * 1.5)
                p.fillRect(hint_box, QColor(0, 0, 0, 150))
                p.drawText(hint_box, Qt.AlignmentFlag.AlignCenter, "  ·  ".join(self.hints[:3]))
        if self.notice:
            p.setFont(small)
            margin = H * 0.03
            box = QRectF(rect.x() + margin, rect.y() + margin, rect.width() - 2 * margin, H * 0.3)
            bound = p.boundingRect(box, Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignCenter, self.notice)
            bound = QRectF(box.x(), box.y(), box.width(), bound.height() + small.pixelSize())
            back = QColor(COLOURS.get(self.notice_status, COLOURS["fail"]))
            back.setAlpha(235)
            p.fillRect(bound, back)
            p.setPen(QColor("white"))
            p.drawText(bound, Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignCenter, self.notice)
        if self.countdown is not None:
            huge = QFont(self.font())
            huge.setPixelSize(int(H * 0.35))
            huge.setBold(True)
            p.setFont(huge)
            p.setPen(QColor(255, 255, 255, 230))
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(self.countdown))


class LightsPanel(QWidget):
    """A traffic light per check, with its name, large enough to read from 1.5 m."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.lights: dict[str, str] = {cid: "none" for cid in LIGHT_CHECKS}
        self.setMinimumWidth(220)

    def set_lights(self, lights: dict[str, str]) -> None:
        self.lights = dict(lights)
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        names = light_names()
        rows = len(LIGHT_CHECKS)
        row_h = min(self.height() / max(rows, 1), 90)
        d = row_h * 0.6
        text_x = row_h * 0.2 + d + 14
        font = QFont(self.font())
        size = int(max(14, row_h * 0.42))
        font.setPixelSize(size)
        while size > 14 and max(QFontMetrics(font).horizontalAdvance(n) for n in names.values()) > self.width() - text_x - 4:
            size -= 1  # the longest name (English) must fit beside its light
            font.setPixelSize(size)
        p.setFont(font)
        for i, cid in enumerate(LIGHT_CHECKS):
            y = i * row_h
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(COLOURS[self.lights.get(cid, "none")])
            p.drawEllipse(QRectF(row_h * 0.2, y + (row_h - d) / 2, d, d))
            p.setPen(QColor("#ecf0f1"))
            p.drawText(QRectF(text_x, y, self.width() - text_x, row_h), Qt.AlignmentFlag.AlignVCenter, names[cid])
        p.end()


