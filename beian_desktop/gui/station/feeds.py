"""Qt push feeds for the station window: every feed emits ``frame(Frame)`` on the GUI thread, ``lost(Msg)`` when the
device goes away, ``restored()`` when it is back and ``ended()`` at the end of a file.

* :class:`PullFeed` — a :class:`~beian_desktop.station.sources.FrameSource` read in a worker thread, paced at its
  frame rate (synthetic frames, or a video file decoded by OpenCV); retries a lost device every ``retry_interval``.
* :class:`MediaPlayerFeed` — a video file through ``QMediaPlayer`` + ``QVideoSink`` (QtMultimedia);
* :class:`CameraFeed` — a camera through ``QCamera`` + ``QMediaCaptureSession`` + ``QVideoSink`` (device choice,
  resolution; full-resolution stills through ``QImageCapture`` where the camera supports it).

QtMultimedia comes with PySide6-Addons, an optional extra (``pip install 'beian-desktop[camera]'``, which pulls the
Addons of exactly the installed PySide6-Essentials version); :func:`multimedia_available` says whether it is there
and :data:`CAMERA_HELP` how to enable it.
"""

from __future__ import annotations

import logging
import threading
import time

import numpy as np
from PySide6.QtCore import QObject, Signal

from beian_desktop.i18n import Msg
from beian_desktop.station.sources import CAMERA_LOST, Frame, FrameSource, SourceError, SourceLost

log = logging.getLogger(__name__)

CAMERA_HELP = Msg(
    "摄像头功能需要 QtMultimedia：请运行 pip install 'beian-desktop[camera]'（安装与 PySide6 版本一致的 PySide6-Addons；"
    "Debian/Ubuntu 还需要 apt install libpulse0），然后重新启动拍照工位。也可以用 --source 视频文件 演示。",
    "The camera needs QtMultimedia: run pip install 'beian-desktop[camera]' (it installs the PySide6-Addons matching "
    "your PySide6; Debian/Ubuntu also need apt install libpulse0), then restart the station. "
    "--source VIDEO_FILE works without it.",
)
NO_CAMERA = Msg("没有找到摄像头：请连接摄像头，连接后会自动开始", "No camera found: connect one; the station starts by itself when it appears.")


def multimedia_available() -> bool:
    try:
        from PySide6 import QtMultimedia  # noqa: F401
    except (ImportError, OSError):  # OSError: e.g. libpulse missing
        return False
    return True


class FrameFeed(QObject):
    frame = Signal(object)  # Frame
    lost = Signal(object)  # Msg
    restored = Signal()
    ended = Signal()

    #: a full-resolution still from the device itself (``QImageCapture``), when supported
    still = Signal(object)  # np.ndarray (BGR)
    supports_still = False

    def start(self) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def stop(self) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def capture_still(self) -> bool:
        """Ask the device for a still (delivered by :attr:`still`); False when it cannot."""
        return False


class PullFeed(FrameFeed):
    """Read a pulled source in a worker thread and emit its frames (queued to the GUI thread)."""

    def __init__(self, source: FrameSource, *, realtime: bool = True, retry_interval: float = 0.5, fps: float | None = None,
                 parent=None) -> None:
        super().__init__(parent)
        self.source = source
        self.realtime = realtime
        self.fps = fps  # pace at this rate instead of the source's own (slow-motion demos, tests)
        self.retry_interval = retry_interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=f"feed-{self.source.name}", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def _open(self, lost_reported: bool = False) -> bool:
        """Open the source, waiting while the device is gone (``restored`` once it is back after a loss);
        False when stopped meanwhile or the source cannot be used at all."""
        while not self._stop.is_set():
            try:
                self.source.open()
                if lost_reported:
                    self.restored.emit()
                return True
            except SourceLost as lost:
                if not lost_reported:
                    self.lost.emit(lost.message)
                    lost_reported = True
                self._stop.wait(self.retry_interval)
            except SourceError as error:
                self.lost.emit(error.message)
                return False
        return False

    def _run(self) -> None:
        if not self._open():
            return
        fps = self.fps or self.source.fps
        period = 1.0 / fps if self.realtime and fps > 0 else 0.0
        next_due = time.monotonic()
        try:
            while not self._stop.is_set():
                try:
                    frame = self.source.read()
                except SourceLost as lost:
                    self.source.close()
                    self.lost.emit(lost.message)
                    if not self._open(lost_reported=True):
                        return
                    next_due = time.monotonic()
                    continue
                if frame is None:
                    self.ended.emit()
                    return
                if period:
                    wait = next_due - time.monotonic()
                    if wait > 0 and self._stop.wait(wait):
                        return
                    next_due = max(next_due + period, time.monotonic() - period)
                self.frame.emit(frame)
        finally:
            self.source.close()


# ---- QtMultimedia ----------------------------------------------------------------------------------------------------


def video_frame_to_bgr(video_frame) -> np.ndarray | None:
    """A ``QVideoFrame`` as a BGR array: straight from its planes for the usual YUV formats (a fraction of a
    millisecond at 1280×720), through ``toImage()`` otherwise."""
    import cv2
    from PySide6.QtGui import QImage
    from PySide6.QtMultimedia import QVideoFrame, QVideoFrameFormat

    f = QVideoFrame(video_frame)
    if not f.isValid() or not f.map(QVideoFrame.MapMode.ReadOnly):
        return None
    try:
        w, h = f.width(), f.height()
        fmt = f.surfaceFormat().pixelFormat()
        P = QVideoFrameFormat.PixelFormat
        if fmt in (P.Format_YUV420P, P.Format_NV12) and w % 2 == 0 and h % 2 == 0:

            def plane(i: int, rows: int, cols: int) -> np.ndarray:
                stride = f.bytesPerLine(i)
                return np.frombuffer(f.bits(i), np.uint8, count=stride * rows).reshape(rows, stride)[:, :cols]

            y = plane(0, h, w)
            if fmt == P.Format_NV12:
                packed = np.vstack([y, plane(1, h // 2, w)])
                return cv2.cvtColor(packed, cv2.COLOR_YUV2BGR_NV12)
            u = plane(1, h // 2, w // 2).reshape(h // 4, w)
            v = plane(2, h // 2, w // 2).reshape(h // 4, w)
            return cv2.cvtColor(np.vstack([y, u, v]), cv2.COLOR_YUV2BGR_I420)
    finally:
        f.unmap()
    image = video_frame.toImage().convertToFormat(QImage.Format.Format_BGR888)
    if image.isNull():
        return None
    stride = image.bytesPerLine()
    array = np.frombuffer(image.constBits(), np.uint8, count=stride * image.height()).reshape(image.height(), stride)
    return array[:, : image.width() * 3].reshape(image.height(), image.width(), 3).copy()


class _SinkFeed(FrameFeed):
    """Shared part of the QtMultimedia feeds: a ``QVideoSink`` whose frames become :class:`Frame` objects."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        from PySide6.QtMultimedia import QVideoSink

        self.sink = QVideoSink(self)
        self.sink.videoFrameChanged.connect(self._on_video_frame)
        self._index = 0
        self._t0: float | None = None

    def _on_video_frame(self, video_frame) -> None:
        image = video_frame_to_bgr(video_frame)
        if image is None:
            return
        now = time.monotonic()
        if self._t0 is None:
            self._t0 = now
        self.frame.emit(Frame(image, self._index, now - self._t0))
        self._index += 1


class MediaPlayerFeed(_SinkFeed):
    """A video file played by ``QMediaPlayer`` at its own speed (needs QtMultimedia)."""

    def __init__(self, path: str, parent=None) -> None:
        super().__init__(parent)
        from PySide6.QtCore import QUrl
        from PySide6.QtMultimedia import QMediaPlayer

        self.player = QMediaPlayer(self)
        self.player.setVideoSink(self.sink)
        self.player.mediaStatusChanged.connect(self._on_status)
        self.player.errorOccurred.connect(self._on_error)
        self._url = QUrl.fromLocalFile(str(path))

    def start(self) -> None:
        self.player.setSource(self._url)
        self.player.play()

    def stop(self) -> None:
        self.player.stop()

    def _on_status(self, status) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        if status == QMediaPlayer.MediaStatus.EndOfMedia:
            self.ended.emit()

    def _on_error(self, _error, text: str) -> None:
        self.lost.emit(Msg(f"无法播放视频：{text}", f"Cannot play the video: {text}"))


def camera_devices() -> list[tuple[str, str]]:
    """(id, description) of every camera, the default first; empty without QtMultimedia."""
    if not multimedia_available():
        return []
    from PySide6.QtMultimedia import QMediaDevices

    default = QMediaDevices.defaultVideoInput()
    devices = QMediaDevices.videoInputs()
    devices.sort(key=lambda d: d.id() != default.id())
    return [(bytes(d.id().data()).decode(errors="replace"), d.description()) for d in devices]


class CameraFeed(_SinkFeed):
    """A camera (``device_id`` as from :func:`camera_devices`, "" = the default) at the resolution closest to
    ``resolution``. Emits ``lost`` when the device disappears and ``restored`` when it is back."""

    def __init__(self, device_id: str = "", resolution: tuple[int, int] = (1280, 720), parent=None) -> None:
        super().__init__(parent)
        from PySide6.QtMultimedia import QImageCapture, QMediaCaptureSession, QMediaDevices

        self.device_id = device_id
        self.resolution = resolution
        self.session = QMediaCaptureSession(self)
        self.session.setVideoSink(self.sink)
        self.image_capture = QImageCapture(self)
        self.session.setImageCapture(self.image_capture)
        self.image_capture.imageCaptured.connect(self._on_still)
        self.camera = None
        self._devices = QMediaDevices(self)
        self._devices.videoInputsChanged.connect(self._on_inputs_changed)
        self._running = False
        self._lost = False

    def _device(self):
        from PySide6.QtMultimedia import QMediaDevices

        for d in QMediaDevices.videoInputs():
            if not self.device_id or bytes(d.id().data()).decode(errors="replace") == self.device_id:
                return d
        return None

    def start(self) -> None:
        from PySide6.QtMultimedia import QCamera

        self._running = True
        device = self._device()
        if device is None:
            self._lost = True
            self.lost.emit(NO_CAMERA)
            return
        self.camera = QCamera(device, self)
        formats = device.videoFormats()
        if formats:
            tw, th = self.resolution
            best = min(formats, key=lambda f: (abs(f.resolution().width() - tw) + abs(f.resolution().height() - th), -f.maxFrameRate()))
            self.camera.setCameraFormat(best)
        self.camera.errorOccurred.connect(self._on_error)
        self.session.setCamera(self.camera)
        self.camera.start()
        if self._lost:
            self._lost = False
            self.restored.emit()

    def stop(self) -> None:
        self._running = False
        if self.camera is not None:
            self.camera.stop()
            self.camera.deleteLater()
            self.camera = None

    @property
    def supports_still(self) -> bool:  # type: ignore[override]
        return self.camera is not None and self.image_capture.isAvailable()

    def capture_still(self) -> bool:
        if not self.supports_still or not self.image_capture.isReadyForCapture():
            return False
        self.image_capture.capture()
        return True

    def _on_still(self, _id: int, image) -> None:
        from PySide6.QtGui import QImage

        image = image.convertToFormat(QImage.Format.Format_BGR888)
        stride = image.bytesPerLine()
        array = np.frombuffer(image.constBits(), np.uint8, count=stride * image.height()).reshape(image.height(), stride)
        self.still.emit(array[:, : image.width() * 3].reshape(image.height(), image.width(), 3).copy())

    def _on_error(self, _error, text: str) -> None:
        log.warning("camera error: %s", text)
        self._go_lost()

    def _go_lost(self) -> None:
        if not self._lost:
            self._lost = True
            if self.camera is not None:
                self.camera.stop()
                self.camera.deleteLater()
                self.camera = None
            self.lost.emit(CAMERA_LOST)

    def _on_inputs_changed(self) -> None:
        if not self._running:
            return
        present = self._device() is not None
        if not present:
            self._go_lost()
        elif self._lost:
            self.start()


def feed_for(source: str, *, device_id: str = "", resolution: tuple[int, int] = (1280, 720)) -> FrameFeed:
    """The feed for a ``--source`` value: ``camera`` / ``camera:N`` or a video file.

    Raises :class:`SourceError` with :data:`CAMERA_HELP` when a camera is asked for without QtMultimedia."""
    if source == "camera" or source.startswith("camera:"):
        if not multimedia_available():
            raise SourceError(CAMERA_HELP)
        if source.startswith("camera:"):
            devices = camera_devices()
            try:
                device_id = devices[int(source.split(":", 1)[1])][0]
            except (ValueError, IndexError):
                raise SourceError(Msg(f"没有这个摄像头：{source}", f"No such camera: {source}")) from None
        return CameraFeed(device_id, resolution)
    from beian_desktop.station.sources import VideoFileSource

    if multimedia_available():
        from pathlib import Path

        if not Path(source).is_file():
            raise SourceError(Msg(f"找不到视频文件：{source}", f"Video file not found: {source}"))
        return MediaPlayerFeed(source)
    return PullFeed(VideoFileSource(source))
