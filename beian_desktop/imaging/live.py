"""Per-frame checking of a live camera picture (capture stations, the GUI's camera page).

:class:`LiveChecker` keeps state between frames so that a 1280×720 frame costs a few milliseconds:

* the frame is reduced to :data:`LIVE_SIDE` on the long side (the same kind of working copy as for photos);
* the face is **tracked**: it is searched only in a window around the previous face, on a copy where the face is
  about :data:`~beian_desktop.imaging.face.SEARCH_FACE` px wide (:func:`~beian_desktop.imaging.face.faces_near`);
  a full-frame search runs only when the track is lost (and then at most every :data:`SEARCH_EVERY` frames, so a
  scene without anybody does not cost a full search per frame);
* the heavy checks (``backdrop``, ``clothing``) and the head-tilt measurement run every :data:`HEAVY_EVERY` frames
  and their last results are reused in between; ``framing``, ``exposure`` and ``sharpness`` run on every frame.

The returned :class:`~beian_desktop.imaging.report.Report` has the same checks and geometry as :func:`check_photo`
(geometry in the frame's pixel coordinates), so the GUI draws it with :func:`beian_desktop.imaging.annotate.annotate`.
"""

from __future__ import annotations

import time

import cv2
import numpy as np

from beian_desktop.imaging.decode import as_bgr
from beian_desktop.imaging.face import Face, cascades, detect_faces, faces_near, measure_roll
from beian_desktop.imaging.photo import run_checks, working_copy
from beian_desktop.imaging.report import CheckResult, Report

LIVE_SIDE = 480
TRACK_PAD = 0.6  # the tracked face is searched within this many face widths around its last place
HEAVY_EVERY = 6
SEARCH_EVERY = 5
SMOOTHING = 0.5  # weight of the new face box (the rest is the previous one): steadier boxes, less flicker


class LiveChecker:
    """Check a stream of BGR frames; call :meth:`process` once per frame."""

    def __init__(self, *, heavy_every: int = HEAVY_EVERY) -> None:
        self.heavy_every = max(1, heavy_every)
        self.reset()

    def reset(self) -> None:
        """Forget the tracked face and cached results (e.g. when the camera changes)."""
        self._face: Face | None = None
        self._frame_no = 0
        self._last_search = -SEARCH_EVERY
        self._heavy: dict[str, CheckResult] = {}
        self._heavy_frame = -10**9
        self._roll: tuple[float | None, float | None, str | None] = (None, None, None)

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
        faces = self._find(work, gray)
        heavy_due = self._frame_no - self._heavy_frame >= self.heavy_every or set(self._heavy) != {"backdrop", "clothing"}
        if faces and heavy_due:
            measured = measure_roll(gray, Face(*faces[0].box))
            self._roll = (measured.roll, measured.roll_score, measured.roll_method)
        if faces:
            faces[0].roll, faces[0].roll_score, faces[0].roll_method = self._roll
        checks = run_checks(work, full_size, faces, heavy=heavy_due, gray=gray)
        if heavy_due:
            self._heavy = {c.id: c for c in checks if c.id in ("backdrop", "clothing")}
            self._heavy_frame = self._frame_no
        else:
            checks[3:3] = [self._heavy[k] for k in ("backdrop", "clothing") if k in self._heavy]
        self._frame_no += 1
        report = Report(path, checks, image_size=full_size)
        report.elapsed_ms = (time.perf_counter() - started) * 1000
        return report

    # ------------------------------------------------------------------ tracking

    def _find(self, work: np.ndarray, gray: np.ndarray) -> list[Face]:
        if self._face is not None:
            tracked = self._track(gray, self._face)
            if tracked is not None:
                self._face = _smooth(self._face, tracked)
                return [self._face]
            self._face = None
        if self._frame_no - self._last_search < SEARCH_EVERY and self._frame_no > 0:
            return []
        self._last_search = self._frame_no
        faces = detect_faces(gray, bgr=work, with_roll=False)
        self._face = faces[0] if faces else None
        if len(faces) > 1:  # several people: report them all, track the largest
            return faces
        return [self._face] if self._face else []

    def _track(self, gray: np.ndarray, face: Face) -> Face | None:
        # the face was confirmed when it was found; tracking needs one cascade only
        _, alt2 = cascades()
        found = faces_near(gray, face.box, TRACK_PAD, alt2, scale_factor=1.1, min_neighbors=3)
        return Face(*found[0]) if found else None


def _smooth(old: Face, new: Face) -> Face:
    a = SMOOTHING
    return Face(
        a * new.x + (1 - a) * old.x,
        a * new.y + (1 - a) * old.y,
        a * new.w + (1 - a) * old.w,
        a * new.h + (1 - a) * old.h,
    )
