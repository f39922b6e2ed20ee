"""Per-frame checking of a live camera picture (capture stations, the GUI's camera page).

:class:`LiveChecker` runs the same pipeline as :func:`~beian_desktop.imaging.photo.check_photo` on every frame, with
a constant cost per frame (no search that grows when nobody is in the picture):

* the frame is reduced to :data:`LIVE_SIDE` on the long side (the same kind of working copy as for photos);
* faces with landmarks (YuNet) and the person mask run on every frame (a few milliseconds each), so ``framing``,
  ``exposure`` and ``sharpness`` follow the person at the camera's frame rate; face boxes are smoothed between
  frames so the overlay does not flicker;
* the heavy checks (``backdrop`` with its text reading, ``clothing``) and the close-up head-tilt measurement run every
  :data:`HEAVY_EVERY` frames and their last results are reused in between.

The returned :class:`~beian_desktop.imaging.report.Report` has the same checks and geometry as :func:`check_photo`
(geometry in the frame's pixel coordinates), so the GUI draws it with :func:`beian_desktop.imaging.annotate.annotate`.
"""

from __future__ import annotations

import time

import cv2
import numpy as np

from beian_desktop.imaging.decode import as_bgr
from beian_desktop.imaging.face import Face, detect_faces, measure_roll
from beian_desktop.imaging.person import find_person
from beian_desktop.imaging.photo import heavy_checks, run_checks, working_copy
from beian_desktop.imaging.profiles import PhotoProfile, get_profile
from beian_desktop.imaging.report import CheckResult, Report

LIVE_SIDE = 480
HEAVY_EVERY = 6
SMOOTHING = 0.5  # weight of the new face box (the rest is the previous one): steadier boxes, less flicker


class LiveChecker:
    """Check a stream of BGR frames; call :meth:`process` once per frame."""

    def __init__(self, *, heavy_every: int = HEAVY_EVERY, profile: PhotoProfile | str | None = None) -> None:
        self.heavy_every = max(1, heavy_every)
        self.profile = get_profile(profile)
        self.reset()

    def reset(self) -> None:
        """Forget the tracked face and cached results (e.g. when the camera changes)."""
        self._face: Face | None = None
        self._frame_no = 0
        self._heavy: dict[str, CheckResult] = {}
        self._heavy_frame = -(10**9)
        self._roll: float | None = None

    @property
    def face(self) -> Face | None:
        """The tracked face in working-copy coordinates (None when nobody is in the picture)."""
        return self._face

    def process(self, frame: np.ndarray, *, path: str = "<live>") -> Report:
        started = time.perf_counter()
        frame = as_bgr(frame)
        full_size = (frame.shape[1], frame.shape[0])
        work, _ = working_copy(frame, LIVE_SIDE, fast=True)
        gray = cv2.cvtColor(work, cv2.COLOR_BGR2GRAY)
        faces = detect_faces(work)
        if faces:
            self._face = faces[0] = _smooth(self._face, faces[0]) if self._face is not None else faces[0]
        else:
            self._face = None
        heavy_due = self._frame_no - self._heavy_frame >= self.heavy_every or set(self._heavy) != {"backdrop", "clothing"}
        face = faces[0] if faces else None
        person = find_person(work, face, faces[1:]) if face is not None else None
        if face is not None:
            if heavy_due or self._roll is None:
                self._roll = measure_roll(work, face)
            face.measured_roll = self._roll
        checks = run_checks(work, full_size, faces, profile=self.profile, heavy=False, gray=gray, person=person)
        if heavy_due:
            heavy = heavy_checks(work, face, person, self.profile, work.shape[1] / full_size[0])
            self._heavy = {c.id: c for c in heavy}
            self._heavy_frame = self._frame_no
        checks[3:3] = [self._heavy[k] for k in ("backdrop", "clothing") if k in self._heavy]
        self._frame_no += 1
        report = Report(path, checks, image_size=full_size)
        report.elapsed_ms = (time.perf_counter() - started) * 1000
        return report


def _smooth(old: Face, new: Face) -> Face:
    a = SMOOTHING
    if abs(new.x - old.x) > old.w or abs(new.y - old.y) > old.h:  # a jump: another person, or a new position
        return new
    marks = new.landmarks
    return Face(
        a * new.x + (1 - a) * old.x,
        a * new.y + (1 - a) * old.y,
        a * new.w + (1 - a) * old.w,
        a * new.h + (1 - a) * old.h,
        new.score,
        marks,
    )
