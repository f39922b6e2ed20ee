"""Head tilt (roll) from the mirror symmetry of the face.

A frontal face is nearly mirror-symmetric about the line through the middle of the forehead, the nose and the chin.
When the head is tilted by ``a`` degrees, the face crop rotated back by ``a`` is symmetric again, so the roll is the
rotation that makes the crop best match its own mirror image. This uses the whole face (eyes, brows, nose, mouth,
jaw line) instead of two eye detections, so glasses, reflections on lenses, closed eyes or a strong frame do not
break it (glasses are symmetric too).

Details:

* the crop (a square of :data:`CORE_FRACTION` face widths around the face centre) is normalised to :data:`CORE` px,
  and high-pass filtered so a side light (one half of the face brighter) does not count as asymmetry;
* the symmetry axis need not pass through the middle of the face box: the mirror is compared at every horizontal
  shift up to :data:`MAX_SHIFT` of the crop (normalised cross-correlation, one ``matchTemplate`` per angle);
* angles are searched coarsely (every :data:`COARSE_STEP` degrees), then finely around the best one, and the peak is
  refined by a parabola through the three best scores.

The score (correlation of the crop with its mirror, -1..1) says how symmetric the best match is; below
:data:`MIN_SCORE` the roll is reported as unknown rather than guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

CORE = 48  # side of the compared square, px
CORE_FRACTION = 0.9  # side of that square in face widths
MAX_SHIFT = 1 / 6  # largest horizontal offset of the symmetry axis, fraction of the square (each side)
SPAN = 24.0  # degrees searched on each side of the starting angle
COARSE_STEP = 3.0
FINE_STEP = 1.0
MIN_SCORE = 0.35


@dataclass(frozen=True, slots=True)
class RollEstimate:
    """Head roll in degrees (positive: tilted clockwise in the picture) and how symmetric the face then is."""

    degrees: float
    score: float


def _face_crop(gray: np.ndarray, box: tuple[float, float, float, float]) -> np.ndarray:
    """A high-passed float32 square of ``1.5 * CORE`` px centred on the face (room to rotate without empty corners)."""
    x, y, w, h = box
    cx, cy = x + w / 2, y + h / 2
    f = CORE / (CORE_FRACTION * w)
    big = int(CORE * 1.5)
    matrix = np.float32([[f, 0, big / 2 - f * cx], [0, f, big / 2 - f * cy]])
    if f < 0.5:  # shrinking a lot: pre-blur so the bilinear sampling does not alias (the crop is small, this is cheap)
        x0, y0 = int(max(0, cx - big / f)), int(max(0, cy - big / f))
        x1, y1 = int(min(gray.shape[1], cx + big / f)), int(min(gray.shape[0], cy + big / f))
        patch = cv2.resize(gray[y0:y1, x0:x1], None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
        matrix = np.float32([[1, 0, big / 2 - f * (cx - x0)], [0, 1, big / 2 - f * (cy - y0)]])
        source = patch
    else:
        source = gray
    crop = cv2.warpAffine(source, matrix, (big, big), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    crop = crop.astype(np.float32)
    return crop - cv2.GaussianBlur(crop, (0, 0), CORE / 10)


def _symmetry(crop: np.ndarray, angle: float) -> float:
    """How well the crop rotated by ``angle`` (counter-clockwise) matches its mirror image (best over axis shifts)."""
    big = crop.shape[0]
    rot = cv2.getRotationMatrix2D((big / 2, big / 2), angle, 1.0)
    rotated = cv2.warpAffine(crop, rot, (big, big), flags=cv2.INTER_LINEAR)
    c0 = (big - CORE) // 2
    core = rotated[c0 : c0 + CORE, c0 : c0 + CORE]
    cut = int(CORE * MAX_SHIFT)
    template = np.ascontiguousarray(core[:, ::-1][:, cut : CORE - cut])
    return float(cv2.matchTemplate(core, template, cv2.TM_CCOEFF_NORMED).max())


def estimate_roll(gray: np.ndarray, box: tuple[float, float, float, float], start: float = 0.0) -> RollEstimate | None:
    """Head roll of the face in ``box`` (grey picture coordinates), searched within :data:`SPAN` of ``start``.

    Returns None when the face is too small to judge or not symmetric enough at any angle.
    """
    x, y, w, h = box
    if w < 16 or h < 16:
        return None
    crop = _face_crop(gray, box)
    scores: dict[float, float] = {}

    def score(angle: float) -> float:
        angle = round(angle, 3)
        if angle not in scores:
            scores[angle] = _symmetry(crop, angle)
        return scores[angle]

    coarse = [start + a for a in np.arange(-SPAN, SPAN + 1e-6, COARSE_STEP)]
    best = max(coarse, key=score)
    fine = [best + a for a in np.arange(-COARSE_STEP + FINE_STEP, COARSE_STEP - 1e-6, FINE_STEP)]
    best = max(fine + [best], key=score)
    s0, s1, s2 = score(best - FINE_STEP), score(best), score(best + FINE_STEP)
    curvature = s0 - 2 * s1 + s2
    angle = best + (0.5 * FINE_STEP * (s0 - s2) / curvature if curvature < 0 else 0.0)
    if s1 < MIN_SCORE:
        return None
    # rotating the crop counter-clockwise by `angle` straightened it: the head is tilted clockwise by `angle`
    return RollEstimate(float(angle), s1)
