"""The station's pipeline, shared by the GUI and ``beian-desktop station --headless``.

Per analysed frame: :class:`~beian_desktop.imaging.live.LiveChecker` → :func:`~.guidance.guide` → the passing
streak. After ``good_frames`` consecutive passing analysed frames the capture is due: the still is the sharpest of the
last ``keep_frames`` passing frames (a file or a webcam without still capture), written as JPEG and checked in full
with :func:`~beian_desktop.imaging.photo.check_photo` (which also reads the backdrop text). A still that fails is
deleted and guidance resumes; one that passes can be attached to a draft (:func:`attach_to_draft`), after which the
local file is deleted too (privacy).
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import cv2

from beian_desktop.i18n import Msg
from beian_desktop.imaging.live import LiveChecker
from beian_desktop.imaging.photo import check_photo
from beian_desktop.imaging.report import Report
from beian_desktop.station.guidance import Guidance, guide, passes
from beian_desktop.station.settings import StationSettings
from beian_desktop.station.sources import Frame, FrameSource, SourceLost

JPEG_QUALITY = 95


@dataclass(slots=True)
class LiveState:
    frame: Frame
    report: Report
    guidance: Guidance
    streak: int  # consecutive passing analysed frames, this one included
    capture_due: bool


@dataclass(slots=True)
class Still:
    frame: Frame
    path: Path
    data: bytes
    report: Report
    passed: bool


class StationPipeline:
    """Live checks, guidance and the auto-capture streak for one stream."""

    def __init__(self, settings: StationSettings | None = None) -> None:
        self.settings = (settings or StationSettings()).clamped()
        self.checker = LiveChecker(profile=self.settings.profile or None)
        self.streak = 0
        self._recent: deque[tuple[float, Frame]] = deque(maxlen=self.settings.keep_frames)

    def analyse(self, frame: Frame) -> LiveState:
        report = self.checker.process(frame.image)
        guidance = guide(report, allow_warnings=self.settings.allow_warnings)
        if guidance.passing:
            self.streak += 1
            sharpness = report.check("sharpness")
            score = float(sharpness.values.get("score", 0.0)) if sharpness is not None else 0.0
            self._recent.append((score, frame))
        else:
            self.reset_streak()
        return LiveState(frame, report, guidance, self.streak, self.streak >= self.settings.good_frames)

    def reset_streak(self) -> None:
        self.streak = 0
        self._recent.clear()

    def reset(self) -> None:
        """A new person or a new camera: forget the tracked face and the streak."""
        self.checker.reset()
        self.reset_streak()

    def best_frame(self) -> Frame | None:
        """The sharpest of the last passing frames (the latest among equals)."""
        if not self._recent:
            return None
        return max(reversed(self._recent), key=lambda item: item[0])[1]

    def take_still(self, frame: Frame, directory: Path) -> Still:
        return take_still(frame, directory, self.settings)


def still_passes(report: Report, allow_warnings: bool = False) -> bool:
    return report.loaded and passes(report, allow_warnings)


def take_still(frame: Frame, directory: Path, settings: StationSettings) -> Still:
    """Write ``frame`` as a JPEG into ``directory``, check it in full; a failing still's file is deleted again."""
    ok, buf = cv2.imencode(".jpg", frame.image, [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY])
    if not ok:  # pragma: no cover - a BGR uint8 array always encodes
        raise RuntimeError("JPEG encoding failed")
    data = buf.tobytes()
    directory.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    path = directory / f"station-{stamp}-{frame.index:06d}.jpg"
    n = 1
    while path.exists():
        n += 1
        path = directory / f"station-{stamp}-{frame.index:06d}-{n}.jpg"
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(data)
    os.replace(partial, path)
    report = check_photo(data, name=str(path), profile=settings.profile or None)
    passed = still_passes(report, settings.allow_warnings)
    if not passed:
        path.unlink(missing_ok=True)
    return Still(frame, path, data, report, passed)


def attach_to_draft(store: Any, draft_id: str, still: Still, *, delete_local: bool = True) -> str:
    """Store the still and make it ``draft_id``'s backdrop photo (with the check's verdict); returns its SHA-256.

    Only the photo's own fields are written, in one transaction, so a concurrent edit of any other field of the
    draft is never overwritten. Afterwards the local JPEG is deleted (privacy).
    """
    sha = store.blobs.put(still.data, media_type="image/jpeg")
    prefix = "photo_verification.photo."
    store.drafts.set_fields(
        draft_id,
        {
            prefix + "slot": "photo",
            prefix + "sha256": sha,
            prefix + "filename": still.path.name,
            prefix + "fixed_sha256": "",
            prefix + "verdict": still.report.verdict,
        },
    )
    if delete_local:
        still.path.unlink(missing_ok=True)
    return sha


def drafts_waiting_for_photo(store: Any) -> list[Any]:
    """Drafts (not deleted) whose backdrop photo is missing or failed, oldest change first: the station's queue."""
    waiting = []
    for summary in store.drafts.list():
        flat = store.drafts.fields(summary.id)
        if not flat.get("photo_verification.photo.sha256") or flat.get("photo_verification.photo.verdict") == "fail":
            waiting.append(summary)
    return sorted(waiting, key=lambda s: s.updated_at)


# ---- headless ------------------------------------------------------------------------------------------------------


@dataclass
class HeadlessResult:
    still: Still | None = None  # the passing still (None: none passed)
    last_report: Report | None = None  # the last still check, else the last live report
    frames_seen: int = 0
    frames_analysed: int = 0
    attempts: list[dict[str, Any]] = field(default_factory=list)  # stills taken: frame, verdict
    guidance: list[dict[str, Any]] = field(default_factory=list)  # changes of the main hint: frame, id, message
    stopped: str = "end"  # end / time_limit / passed / source_lost
    message: Msg | None = None

    def to_json(self, lang: str) -> dict[str, Any]:
        report = self.still.report if self.still is not None else self.last_report
        checks = [c.to_json(lang) for c in report.checks] if report is not None else []
        return {
            "path": str(self.still.path) if self.still is not None else None,
            "verdict": self.still.report.verdict if self.still is not None else "fail",
            "checks": checks,
            "frames_seen": self.frames_seen,
            "frames_analysed": self.frames_analysed,
            "capture_frame": self.still.frame.index if self.still is not None else None,
            "attempts": self.attempts,
            "guidance": [dict(g, message=g["message"].text(lang)) for g in self.guidance],
            "stopped": self.stopped,
        }


def run_headless(
    source: FrameSource,
    capture_to: Path,
    settings: StationSettings | None = None,
    *,
    max_seconds: float | None = None,
    clock: Callable[[], float] = time.monotonic,
    retry_interval: float = 0.2,
) -> HeadlessResult:
    """Play ``source`` through the pipeline (every frame analysed, as fast as it decodes) until a still passes,
    the stream ends or ``max_seconds`` of wall time have passed. ``source`` must be open."""
    pipeline = StationPipeline(settings)
    result = HeadlessResult()
    started = clock()
    last_hint = None
    while True:
        if max_seconds is not None and clock() - started > max_seconds:
            result.stopped = "time_limit"
            break
        try:
            frame = source.read()
        except SourceLost as lost:  # a device: wait for it while time remains
            result.message = lost.message
            if max_seconds is None or not source.live:
                result.stopped = "source_lost"
                break
            time.sleep(retry_interval)
            try:
                source.open()
                pipeline.reset()
            except SourceLost:
                pass
            continue
        if frame is None:
            result.stopped = "end"
            break
        result.frames_seen += 1
        state = pipeline.analyse(frame)
        result.frames_analysed += 1
        if not result.attempts:  # after a failed still, its report (the reasons) stays the one to show
            result.last_report = state.report
        primary = state.guidance.primary
        if primary.id != last_hint:
            result.guidance.append({"frame": frame.index, "id": primary.id, "message": primary.message})
            last_hint = primary.id
        if not state.capture_due:
            continue
        best = pipeline.best_frame() or frame
        still = pipeline.take_still(best, capture_to)
        result.attempts.append({"frame": best.index, "verdict": still.report.verdict, "passed": still.passed})
        result.last_report = still.report
        if still.passed:
            result.still = still
            result.stopped = "passed"
            break
        pipeline.reset_streak()  # say why (in the report) and resume guidance
    return result
