"""The capture station's full-screen window (拍照工位): live view, guidance overlay, auto-capture, operator panel.

Threads: frames arrive on the GUI thread from a :class:`~.feeds.FrameFeed` and are painted at once. Analysis runs in
one worker thread (:class:`AnalysisWorker`, which owns the :class:`~beian_desktop.station.pipeline.StationPipeline`);
a frame is handed to it only when it is idle — frames that arrive while it is busy are dropped, never queued, so the
guidance is never behind the picture. The still check (which reads the backdrop text) runs in the same worker.

The person-facing screen shows the picture, the target frame, the face box, the backdrop coverage at the edges, one
large hint (plus smaller ones), a traffic light per check and the countdown. Everything else — settings, the camera,
the queue of drafts waiting for a photo — is behind the operator PIN.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, QPointF, QRectF, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QKeyEvent, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from beian_desktop.gui.i18n_qt import msg_text, set_ui_language, translate
from beian_desktop.gui.station.feeds import FrameFeed
from beian_desktop.i18n import Msg
from beian_desktop.station.guidance import LIGHT_CHECKS, Guidance
from beian_desktop.station.pipeline import LiveState, Still, StationPipeline, attach_to_draft, drafts_waiting_for_photo
from beian_desktop.station.settings import StationSettings
from beian_desktop.station.sources import Frame

log = logging.getLogger(__name__)

COLOURS = {"pass": QColor("#2ecc71"), "warn": QColor("#f5a623"), "fail": QColor("#e74c3c"), "none": QColor("#7f8c8d")}
RESULT_SECONDS = 4.0  # how long a capture result stays on screen
DEVICE_STILL_TIMEOUT = 3.0  # seconds to wait for the camera's own still before using the video frames


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


@dataclass(slots=True)
class CaptureRequest:
    manual: bool
    frame: Frame | None  # the latest frame (manual capture without a device still)
    image: np.ndarray | None = None  # a device still (QImageCapture), full resolution


class AnalysisWorker(QObject):
    """Lives in the analysis thread; owns the pipeline (live checks, streak, still check)."""

    analysed = Signal(object)  # LiveState
    still_checked = Signal(object, bool)  # Still, manual
    failed = Signal(str)

    def __init__(self, settings: StationSettings, capture_dir: Path) -> None:
        super().__init__()
        self.settings = settings
        self.capture_dir = capture_dir
        self.pipeline = StationPipeline(settings)

    @Slot(object)
    def process(self, frame: Frame) -> None:
        try:
            state = self.pipeline.analyse(frame)
        except Exception as exc:  # noqa: BLE001 - one bad frame never stops the station
            log.exception("live analysis failed")
            self.failed.emit(type(exc).__name__)
            return
        self.analysed.emit(state)

    @Slot(object)
    def capture(self, request: CaptureRequest) -> None:
        try:
            if request.image is not None:
                frame = Frame(request.image, request.frame.index if request.frame else -1, 0.0)
            elif request.manual:
                frame = request.frame
            else:
                frame = self.pipeline.best_frame() or request.frame
            if frame is None:
                self.failed.emit("no frame")
                return
            still = self.pipeline.take_still(frame, self.capture_dir)
            self.pipeline.reset_streak()
        except Exception as exc:  # noqa: BLE001
            log.exception("still capture failed")
            self.failed.emit(type(exc).__name__)
            return
        self.still_checked.emit(still, request.manual)

    @Slot(object)
    def reconfigure(self, settings: StationSettings) -> None:
        self.settings = settings
        self.pipeline = StationPipeline(settings)

    @Slot()
    def reset(self) -> None:
        self.pipeline.reset()


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


class StationWindow(QWidget):
    """The kiosk window. ``store`` (optional) is where photos go; ``capture_dir`` holds stills until attached."""

    request_analysis = Signal(object)
    request_capture = Signal(object)
    request_reconfigure = Signal(object)
    request_reset = Signal()
    capture_finished = Signal(object)  # Still (after attaching, when a draft was chosen)
    guidance_shown = Signal(str)  # the large hint after each analysed frame

    def __init__(self, feed: FrameFeed | None, settings: StationSettings, capture_dir: Path, *, store=None,
                 draft_id: str | None = None, unavailable: Msg | None = None, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("station")
        self.settings = settings
        self.capture_dir = capture_dir
        self.store = store
        self.draft_id = draft_id
        self.feed = feed
        self.frames_seen = self.frames_analysed = self.frames_dropped = 0
        self.busy = False
        self.state = "live"  # live / countdown / capturing
        self.armed = True  # auto-capture allowed (after a photo: only once the person has left)
        self.latest: Frame | None = None
        self.last_state: LiveState | None = None
        self.last_still: Still | None = None
        self.source_lost = False
        self._countdown_left = 0.0
        self._notice_until = 0.0
        self._pending_manual = False
        self._awaiting_device_still = False
        self.kiosk = False  # full screen for the public: closing needs the operator panel
        self._quitting = False

        self.setStyleSheet("QWidget#station { background: #101418; } QLabel { color: #ecf0f1; }")
        self.view = VideoView(self)
        self.view.mirror = settings.mirror
        self.lights = LightsPanel(self)
        self.title = QLabel(self)
        self.draft_label = QLabel(self)
        self.draft_label.setWordWrap(True)
        self.operator_button = QPushButton(self)
        self.operator_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.operator_button.clicked.connect(self.ask_pin)
        for label, size in ((self.title, 30), (self.draft_label, 18)):
            font = label.font()
            font.setPixelSize(size)
            label.setFont(font)
        side = QVBoxLayout()
        side.addWidget(self.title)
        side.addWidget(self.draft_label)
        side.addSpacing(12)
        side.addWidget(self.lights, 1)
        side.addWidget(self.operator_button)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.view, 4)
        layout.addLayout(side, 1)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self._thread = QThread(self)
        self._thread.setObjectName("station-analysis")
        self.worker = AnalysisWorker(settings, capture_dir)
        self.worker.moveToThread(self._thread)
        self.request_analysis.connect(self.worker.process)
        self.request_capture.connect(self.worker.capture)
        self.request_reconfigure.connect(self.worker.reconfigure)
        self.request_reset.connect(self.worker.reset)
        self.worker.analysed.connect(self._on_analysed)
        self.worker.still_checked.connect(self._on_still)
        self.worker.failed.connect(self._on_worker_failed)
        self._thread.start()

        self._timer = QTimer(self)
        self._timer.setInterval(100)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

        self.retranslate()
        if unavailable is not None:
            self.show_notice(msg_text(unavailable), "warn", seconds=None)
        if feed is not None:
            self.set_feed(feed)

    # ---- feed ------------------------------------------------------------------------------------------------------
    def set_feed(self, feed: FrameFeed) -> None:
        self.feed = feed
        feed.frame.connect(self.on_frame)
        feed.lost.connect(self._on_lost)
        feed.restored.connect(self._on_restored)
        feed.ended.connect(self._on_ended)
        feed.still.connect(self._on_device_still)
        feed.start()

    @Slot(object)
    def on_frame(self, frame: Frame) -> None:
        """Every frame is shown; it is analysed only when the worker is idle (otherwise dropped)."""
        self.latest = frame
        self.frames_seen += 1
        self.view.set_frame(frame.image)
        if self.busy or self.state == "capturing":
            self.frames_dropped += 1
            return
        self.busy = True
        self.request_analysis.emit(frame)

    def _on_lost(self, message: Msg) -> None:
        self.source_lost = True
        self._cancel_countdown()
        self.show_notice(msg_text(message), "fail", seconds=None)

    def _on_restored(self) -> None:
        self.source_lost = False
        self.request_reset.emit()
        self.show_notice(translate("Station", "摄像头已恢复"), "pass", seconds=2.0)

    def _on_ended(self) -> None:
        self.show_notice(translate("Station", "视频已播放完毕"), "warn", seconds=None)

    # ---- analysis results ------------------------------------------------------------------------------------------
    @Slot(object)
    def _on_analysed(self, state: LiveState) -> None:
        self.busy = False
        self.frames_analysed += 1
        self.last_state = state
        g = state.guidance
        self.view.guidance = g
        self.lights.set_lights(g.lights)
        if g.primary.id == "no_person":
            self.armed = True
        self._show_guidance(g)
        self.guidance_shown.emit(self.view.banner)
        if self.state == "countdown" and not g.passing:
            self._cancel_countdown()
        elif self.state == "live" and state.capture_due and self.armed and not self.source_lost:
            self._start_countdown()
        self.view.update()

    def _show_guidance(self, g: Guidance) -> None:
        primary = g.primary
        self.view.banner = msg_text(primary.message)
        # the colour of the check the hint helps with (amber for a warning, red for a failure, green when all pass)
        check_status = g.lights.get(primary.check, "fail" if primary.blocking else "warn")
        self.view.banner_status = "pass" if g.passing and primary.id == "good" else ("warn" if not primary.blocking else check_status)
        self.view.hints = [msg_text(h.message) for h in g.hints[1:]]

    def _on_worker_failed(self, what: str) -> None:
        self.busy = False
        if self.state == "capturing":
            self.state = "live"
        log.warning("station worker: %s", what)

    # ---- capture ---------------------------------------------------------------------------------------------------
    def _start_countdown(self) -> None:
        if self.settings.countdown_seconds <= 0:
            self._capture(manual=False)
            return
        self.state = "countdown"
        self._countdown_left = self.settings.countdown_seconds
        self.view.countdown = int(np.ceil(self._countdown_left))

    def _cancel_countdown(self) -> None:
        if self.state == "countdown":
            self.state = "live"
        self.view.countdown = None
        self.view.update()

    def _tick(self) -> None:
        if self.state == "countdown":
            self._countdown_left -= self._timer.interval() / 1000
            if self._countdown_left <= 0:
                self.view.countdown = None
                self._capture(manual=False)
            else:
                self.view.countdown = int(np.ceil(self._countdown_left))
            self.view.update()
        if self._notice_until and time.monotonic() > self._notice_until:
            self.view.notice = ""
            self._notice_until = 0.0
            self.view.update()

    def capture_now(self) -> None:
        """Manual capture (space bar, or a foot pedal sending a key): always possible while a picture is shown."""
        if self.latest is None or self.state == "capturing":
            return
        self.view.countdown = None
        self._capture(manual=True)

    def _capture(self, *, manual: bool) -> None:
        self.state = "capturing"
        self._pending_manual = manual
        self.show_notice(translate("Station", "正在拍照并检查照片……"), "warn", seconds=None)
        if self.feed is not None and self.feed.supports_still:
            # the device still arrives through _on_device_still; if it never does, use the frames after all
            self._awaiting_device_still = True
            if self.feed.capture_still():
                if self._awaiting_device_still:
                    QTimer.singleShot(int(DEVICE_STILL_TIMEOUT * 1000), self._device_still_timeout)
                return
            self._awaiting_device_still = False
        self.request_capture.emit(CaptureRequest(manual, self.latest))

    def _on_device_still(self, image: np.ndarray) -> None:
        if self.state == "capturing" and self._awaiting_device_still:
            self._awaiting_device_still = False
            self.request_capture.emit(CaptureRequest(self._pending_manual, self.latest, image))

    def _device_still_timeout(self) -> None:
        if self.state == "capturing" and self._awaiting_device_still:
            log.warning("the camera's still capture did not answer; using the video frames")
            self._awaiting_device_still = False
            self.request_capture.emit(CaptureRequest(self._pending_manual, self.latest))

    @Slot(object, bool)
    def _on_still(self, still: Still, manual: bool) -> None:
        self.state = "live"
        self.last_still = still
        if not still.passed:
            reasons = [msg_text(c.message) for c in still.report.checks if c.status == "fail" or (c.status == "warn" and not self.settings.allow_warnings)]
            text = translate("Station", "照片未通过检查：") + "；".join(reasons[:3])
            self.show_notice(text, "fail", seconds=RESULT_SECONDS + 2)
            return
        self.armed = False  # the next auto-capture waits for the next person
        text = translate("Station", "拍照完成，照片合格")
        if self.store is not None and self.draft_id:
            try:
                attach_to_draft(self.store, self.draft_id, still)
            except Exception as exc:  # noqa: BLE001 - keep the file, say why
                message = getattr(exc, "message", None)
                self.show_notice(translate("Station", "照片无法保存到草稿：") + (msg_text(message) if isinstance(message, Msg) else str(exc)), "fail", seconds=None)
                self.capture_finished.emit(still)
                return
            text += translate("Station", "，已保存到草稿")
            self.draft_id = None
            self.retranslate()
        self.show_notice(text, "pass", seconds=RESULT_SECONDS)
        self.capture_finished.emit(still)

    # ---- notices, language ----------------------------------------------------------------------------------------
    def show_notice(self, text: str, status: str, *, seconds: float | None) -> None:
        self.view.notice = text
        self.view.notice_status = status
        self._notice_until = time.monotonic() + seconds if seconds else 0.0
        self.view.update()

    @property
    def notice(self) -> str:
        return self.view.notice

    @property
    def banner(self) -> str:
        return self.view.banner

    def retranslate(self) -> None:
        self.setWindowTitle(translate("Station", "拍照工位 · 备案接入助手"))
        self.title.setText(translate("Station", "幕布拍照"))
        if self.draft_id:
            self.draft_label.setText(translate("Station", "草稿 {id}").format(id=self.draft_id[:8]))
        else:
            self.draft_label.setText(translate("Station", "未选择草稿：照片保存在拍照文件夹"))
        self.operator_button.setText(translate("Station", "工作人员设置"))
        if self.last_state is not None:
            self._show_guidance(self.last_state.guidance)
        self.lights.update()
        self.view.update()

    def changeEvent(self, event) -> None:  # noqa: N802
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ---- keys ------------------------------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.capture_now()
            return
        if event.key() == Qt.Key.Key_F10:
            self.ask_pin()
            return
        super().keyPressEvent(event)  # Esc does nothing: leaving the kiosk is behind the PIN

    # ---- operator --------------------------------------------------------------------------------------------------
    def ask_pin(self) -> None:
        pin, ok = QInputDialog.getText(self, translate("Station", "工作人员设置"), translate("Station", "请输入工作人员 PIN："),
                                       QLineEdit.EchoMode.Password)
        if ok:
            self.open_operator_panel(pin)

    def open_operator_panel(self, pin: str) -> "OperatorPanel | None":
        """The settings panel when ``pin`` is right (shown, not modal, so tests can drive it); None otherwise."""
        if not self.settings.pin_matches(pin):
            self.show_notice(translate("Station", "PIN 不正确"), "fail", seconds=3.0)
            return None
        panel = OperatorPanel(self)
        panel.show()
        return panel

    def apply_settings(self, settings: StationSettings, draft_id: str | None) -> None:
        language_changed = settings.language != self.settings.language
        self.settings = settings.clamped()
        self.settings.save()
        self.view.mirror = self.settings.mirror
        self.draft_id = draft_id
        self.armed = True
        self.request_reconfigure.emit(StationSettings(**vars(self.settings)))
        if language_changed:
            set_ui_language(self.settings.language)
        self.retranslate()

    def shutdown(self) -> None:
        if self.feed is not None:
            self.feed.stop()
        self._timer.stop()
        self._thread.quit()
        self._thread.wait(10_000)

    def closeEvent(self, event) -> None:  # noqa: N802
        if self.kiosk and not self._quitting:  # Alt+F4 on the person's side does nothing; the operator panel quits
            event.ignore()
            return
        self.shutdown()
        super().closeEvent(event)

    def quit_station(self) -> None:
        self._quitting = True
        self.close()


class OperatorPanel(QDialog):
    """Operator settings (behind the PIN): auto-capture, display, language, the draft to photograph, a new PIN."""

    def __init__(self, station: StationWindow) -> None:
        super().__init__(station)
        self.station = station
        s = station.settings
        self.setWindowTitle(translate("Station", "工作人员设置"))
        form = QFormLayout()
        self.good_frames = QSpinBox(self)
        self.good_frames.setRange(1, 100)
        self.good_frames.setValue(s.good_frames)
        form.addRow(translate("Station", "连续合格帧数（自动拍照）"), self.good_frames)
        self.countdown = QDoubleSpinBox(self)
        self.countdown.setRange(0, 10)
        self.countdown.setDecimals(1)
        self.countdown.setValue(s.countdown_seconds)
        form.addRow(translate("Station", "倒计时（秒）"), self.countdown)
        self.allow_warnings = QCheckBox(translate("Station", "有提醒（黄色）时也拍照"), self)
        self.allow_warnings.setChecked(s.allow_warnings)
        form.addRow(self.allow_warnings)
        self.mirror = QCheckBox(translate("Station", "镜像显示（照片本身不镜像）"), self)
        self.mirror.setChecked(s.mirror)
        form.addRow(self.mirror)
        self.language = QComboBox(self)
        self.language.addItem("中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(0 if s.language != "en" else 1)
        form.addRow(translate("Station", "语言"), self.language)
        self.camera = QComboBox(self)
        self.camera.addItem(translate("Station", "系统默认摄像头"), "")
        from beian_desktop.gui.station.feeds import camera_devices

        for device_id, description in camera_devices():
            self.camera.addItem(description, device_id)
        index = self.camera.findData(s.camera)
        self.camera.setCurrentIndex(max(0, index))
        form.addRow(translate("Station", "摄像头（重启后生效）"), self.camera)
        self.resolution = QComboBox(self)
        for res in ("1280x720", "1920x1080", "3840x2160"):
            self.resolution.addItem(res, res)
        self.resolution.setCurrentIndex(max(0, self.resolution.findData(s.resolution)))
        form.addRow(translate("Station", "分辨率（重启后生效）"), self.resolution)
        self.new_pin = QLineEdit(self)
        self.new_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_pin.setPlaceholderText(translate("Station", "留空则不修改"))
        form.addRow(translate("Station", "新的 PIN"), self.new_pin)
        if s.default_pin:
            warning = QLabel(translate("Station", "仍在使用默认 PIN 0000，请修改。"), self)
            warning.setStyleSheet("color: #e67e22;")
            form.addRow(warning)

        self.queue = QListWidget(self)
        none = QListWidgetItem(translate("Station", "（不保存到草稿，只保存到拍照文件夹）"))
        none.setData(Qt.ItemDataRole.UserRole, "")
        self.queue.addItem(none)
        self.queue.setCurrentItem(none)
        if station.store is not None:
            for summary in drafts_waiting_for_photo(station.store):
                item = QListWidgetItem(f"{summary.id[:8]}  {summary.title or translate('Station', '（无标题）')}")
                item.setData(Qt.ItemDataRole.UserRole, summary.id)
                self.queue.addItem(item)
                if summary.id == station.draft_id:
                    self.queue.setCurrentItem(item)
        queue_label = QLabel(translate("Station", "等待拍照的草稿："), self)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.quit_button = QPushButton(translate("Station", "退出拍照工位"), self)
        self.quit_button.clicked.connect(self._quit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(queue_label)
        layout.addWidget(self.queue)
        row = QHBoxLayout()
        row.addWidget(self.quit_button)
        row.addStretch(1)
        row.addWidget(buttons)
        layout.addLayout(row)

    def selected_draft(self) -> str | None:
        item = self.queue.currentItem()
        return (item.data(Qt.ItemDataRole.UserRole) or None) if item is not None else None

    def accept(self) -> None:
        s = StationSettings(**vars(self.station.settings))
        s.good_frames = self.good_frames.value()
        s.countdown_seconds = self.countdown.value()
        s.allow_warnings = self.allow_warnings.isChecked()
        s.mirror = self.mirror.isChecked()
        s.language = self.language.currentData()
        s.camera = self.camera.currentData()
        s.resolution = self.resolution.currentData()
        if self.new_pin.text():
            s.set_pin(self.new_pin.text())
        self.station.apply_settings(s, self.selected_draft())
        super().accept()

    def _quit(self) -> None:
        self.reject()
        self.station.quit_station()
