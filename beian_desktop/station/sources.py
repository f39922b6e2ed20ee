"""Frame sources without Qt: what the headless station and the tests read frames from.

A :class:`FrameSource` is pulled: :meth:`~FrameSource.open`, then :meth:`~FrameSource.read` until it returns
``None`` (end of the stream), then :meth:`~FrameSource.close`. A device that disappears mid-stream raises
:class:`SourceLost` from ``read`` (and from ``open`` until it is back); the caller reports it and tries ``open``
again later — :class:`beian_desktop.gui.station.feeds.PullFeed` does that for the GUI.

Frames are BGR ``uint8`` arrays in the camera's own orientation (never mirrored: a mirror view is a matter of display).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from beian_desktop.i18n import Msg


@dataclass(slots=True)
class Frame:
    image: np.ndarray  # BGR uint8, H×W×3
    index: int  # 0-based position in the stream (counts every frame delivered)
    timestamp: float  # seconds since the start of the stream


class SourceError(Exception):
    """The source cannot be used at all (missing file, not a video); ``message`` is bilingual."""

    def __init__(self, message: Msg) -> None:
        super().__init__(message.en)
        self.message = message


class SourceLost(SourceError):
    """The device went away (unplugged, taken by another program); it may come back."""


CAMERA_LOST = Msg("摄像头已断开：请检查连接线，恢复后会自动继续", "The camera was disconnected: check the cable; it resumes by itself when the camera is back.")


class FrameSource:
    """Base class of pulled sources."""

    #: nominal frames per second (pacing of the GUI feed; a file's own rate)
    fps: float = 25.0
    #: True for devices (retry after a loss), False for files (the stream ends)
    live: bool = False
    name: str = ""

    def open(self) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def read(self) -> Frame | None:  # pragma: no cover - interface
        raise NotImplementedError

    def close(self) -> None:
        pass

    def __enter__(self) -> "FrameSource":
        self.open()
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


class SyntheticSource(FrameSource):
    """Frames made by a function or taken from a list, for unit tests; can simulate unplugging the device.

    ``frames``: a sequence of BGR images (played in order, repeated ``loop`` times) or ``make(index) -> image`` with
    ``count`` frames (``None``: endless). ``outages``: ``(start, stop)`` ranges of *read attempts* during which the
    device is gone (``read`` and ``open`` raise :class:`SourceLost`); :meth:`unplug` / :meth:`replug` do the same by
    hand. Timestamps advance by ``1/fps`` per delivered frame, so tests need no clock.
    """

    live = True

    def __init__(
        self,
        frames: Sequence[np.ndarray] | Callable[[int], np.ndarray],
        *,
        count: int | None = None,
        fps: float = 25.0,
        outages: Sequence[tuple[int, int]] = (),
        name: str = "synthetic",
    ) -> None:
        if callable(frames):
            self._make = frames
            self._count = count
        else:
            images = list(frames)
            self._make = lambda i: images[i % len(images)]
            self._count = len(images) if count is None else count
        self.fps = fps
        self.outages = list(outages)
        self.name = name
        self.attempts = 0  # read attempts so far (outages are counted in these)
        self.delivered = 0
        self.is_open = False
        self._unplugged = False

    def unplug(self) -> None:
        self._unplugged = True
        self.is_open = False

    def replug(self) -> None:
        self._unplugged = False

    def _gone(self) -> bool:
        return self._unplugged or any(start <= self.attempts < stop for start, stop in self.outages)

    def open(self) -> None:
        if self._gone():
            self.attempts += 1  # a failed open counts as an attempt, so scheduled outages end
            raise SourceLost(CAMERA_LOST)
        self.is_open = True

    def read(self) -> Frame | None:
        gone = self._gone()
        self.attempts += 1
        if gone or not self.is_open:
            self.is_open = False
            raise SourceLost(CAMERA_LOST)
        if self._count is not None and self.delivered >= self._count:
            return None
        frame = Frame(np.ascontiguousarray(self._make(self.delivered)), self.delivered, self.delivered / self.fps)
        self.delivered += 1
        return frame

    def close(self) -> None:
        self.is_open = False


class VideoFileSource(FrameSource):
    """A video file decoded by OpenCV (FFmpeg inside opencv-python-headless): every frame, in order, no Qt needed.

    Used by the headless station and as the GUI's file source when QtMultimedia is not installed.
    """

    live = False

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.name = self.path.name
        self._cap = None
        self._index = 0
        self.frame_count = 0

    def open(self) -> None:
        import cv2

        if not self.path.is_file():
            raise SourceError(Msg(f"找不到视频文件：{self.path}", f"Video file not found: {self.path}"))
        cap = cv2.VideoCapture(str(self.path))
        ok, first = cap.read() if cap.isOpened() else (False, None)
        if not ok or first is None:
            cap.release()
            raise SourceError(Msg(f"无法读取视频文件（格式不支持或文件已损坏）：{self.path}", f"Cannot read the video file (unsupported or damaged): {self.path}"))
        fps = cap.get(cv2.CAP_PROP_FPS)
        self.fps = float(fps) if fps and 1 <= fps <= 240 else 25.0
        self.frame_count = int(cap.get(cv2.CAP_PROP_FRAME_COUNT) or 0)
        self._cap, self._first, self._index = cap, first, 0

    def read(self) -> Frame | None:
        if self._cap is None:
            raise SourceError(Msg("视频文件没有打开", "The video file is not open."))
        if self._first is not None:
            image, self._first = self._first, None
        else:
            ok, image = self._cap.read()
            if not ok or image is None:
                return None
        frame = Frame(image, self._index, self._index / self.fps)
        self._index += 1
        return frame

    def close(self) -> None:
        if self._cap is not None:
            self._cap.release()
            self._cap = None


def paced(source: FrameSource, *, clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep):
    """Yield ``source``'s frames no faster than its frame rate (for demos of a file at camera speed)."""
    start = clock()
    while True:
        frame = source.read()
        if frame is None:
            return
        wait = start + frame.timestamp - clock()
        if wait > 0:
            sleep(wait)
        yield frame
