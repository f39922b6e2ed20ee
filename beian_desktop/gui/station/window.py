"""The capture station's full-screen window (拍照工位): live view, guidance overlay, auto-capture; the overlay is drawn
by :mod:`.view`, the operator panel is :mod:`.operator`.

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
from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from beian_desktop.gui.i18n_qt import msg_text, set_ui_language, translate
from beian_desktop.gui.station.feeds import FrameFeed
from beian_desktop.gui.station.operator import OperatorPanel
from beian_desktop.gui.station.view import LightsPanel, VideoView
from beian_desktop.i18n import Msg
from beian_desktop.station.guidance import Guidance
from beian_desktop.station.pipeline import LiveState, StationPipeline, Still, attach_to_draft
from beian_desktop.station.settings import StationSettings
from beian_desktop.station.sources import Frame

log = logging.getLogger(__name__)

RESULT_SECONDS = 4.0  # how long a capture result stays on screen
DEVICE_STILL_TIMEOUT = 3.0  # seconds to wait for the camera's own still before using the video frames


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
