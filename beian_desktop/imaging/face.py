"""Face detection with the YuNet CNN (``resources/models/face_detection_yunet.onnx``, see :mod:`.models`).

One pass over the reduced working copy (~500 px) finds every face with its box, score and five landmarks (both eyes,
nose tip, mouth corners) in a few milliseconds, whatever the picture shows: there is no content-dependent retry chain.
Head roll comes from the eye landmarks (the line through the pupils), which glasses, fringes and beards do not move.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from beian_desktop.imaging.models import face_detector

#: Faces smaller than this share of the picture's shorter side are ignored (background specks, print on clothing).
MIN_FACE_FRACTION = 0.035
#: Smallest face in pixels the detector is asked to report.
MIN_FACE_PX = 10


@dataclass(slots=True)
class Face:
    """A detected face in the coordinates of the image passed to :func:`detect_faces`.

    ``landmarks``: (right eye, left eye, nose tip, right mouth corner, left mouth corner) as (x, y) — "right" is the
    person's right, on the left of the picture. ``roll``: head tilt in degrees from the eye line (positive: rotated
    clockwise in the picture), None without landmarks.
    """

    x: float
    y: float
    w: float
    h: float
    score: float = 1.0
    landmarks: tuple[tuple[float, float], ...] | None = None
    measured_roll: float | None = None  # set by :func:`measure_roll` (more accurate than the landmarks alone)

    @property
    def box(self) -> tuple[float, float, float, float]:
        return self.x, self.y, self.w, self.h

    @property
    def centre(self) -> tuple[float, float]:
        return self.x + self.w / 2, self.y + self.h / 2

    @property
    def roll(self) -> float | None:
        if self.measured_roll is not None:
            return self.measured_roll
        return landmark_roll(self.landmarks) if self.landmarks else None

    @property
    def roll_method(self) -> str | None:
        if self.measured_roll is not None:
            return "landmarks_straightened"
        return "landmarks" if self.roll is not None else None

    def scaled(self, factor: float) -> "Face":
        marks = tuple((x * factor, y * factor) for x, y in self.landmarks) if self.landmarks else None
        return Face(self.x * factor, self.y * factor, self.w * factor, self.h * factor, self.score, marks, self.measured_roll)

    def eye_line(self) -> list[list[int]] | None:
        """The two eye landmarks (for drawing the tilt), or None."""
        if not self.landmarks:
            return None
        return [[round(v) for v in self.landmarks[0]], [round(v) for v in self.landmarks[1]]]


def _angle(p, q) -> float:
    return math.degrees(math.atan2(q[1] - p[1], q[0] - p[0]))


def landmark_roll(marks) -> float | None:
    """Roll from the landmarks: the eye line, weighted 2:1 with the line through the mouth corners (which steadies it
    when one eye is shaded or behind glasses); None when the eyes are in the wrong order (a profile, a false face)."""
    if marks[1][0] - marks[0][0] <= 0 or marks[4][0] - marks[3][0] <= 0:
        return None
    return (2 * _angle(marks[0], marks[1]) + _angle(marks[3], marks[4])) / 3


def detect_faces(bgr: np.ndarray, *, min_fraction: float = MIN_FACE_FRACTION) -> list[Face]:
    """Every face in a BGR picture (ideally the ~500 px working copy), largest first, in that picture's coordinates.

    Faces whose box is smaller than ``min_fraction`` of the shorter side are left out."""
    if bgr.ndim == 2:
        bgr = cv2.cvtColor(bgr, cv2.COLOR_GRAY2BGR)
    h, w = bgr.shape[:2]
    if h < 16 or w < 16:
        return []
    detector = face_detector()
    detector.setInputSize((w, h))
    _, found = detector.detect(np.ascontiguousarray(bgr))
    if found is None:
        return []
    smallest = max(MIN_FACE_PX, min_fraction * min(h, w))
    faces = []
    for row in found:
        x, y, fw, fh = (float(v) for v in row[:4])
        if max(fw, fh) < smallest:
            continue
        marks = tuple((float(row[4 + 2 * i]), float(row[5 + 2 * i])) for i in range(5))
        faces.append(Face(x, y, fw, fh, float(row[14]), marks))
    faces.sort(key=lambda f: -f.w * f.h)
    return faces


#: Side (px) of the square face crop on which the landmarks are measured again, and the face's share of that crop.
ROLL_CROP = 224
ROLL_CROP_FACE = 0.45
#: The mirror-symmetry refinement: search span and step (degrees) around the landmark estimate, side of its crop, and
#: the weakest left/right correlation it is trusted with.
SYMMETRY_SPAN, SYMMETRY_STEP = 5.0, 0.5
SYMMETRY_CROP = 96
SYMMETRY_MIN = 0.2


def _landmark_refined(image: np.ndarray, face: Face, factor: float, roll: float) -> float:
    """The landmark roll measured again on a close-up straightened by ``roll``."""
    cx, cy = (v * factor for v in face.centre)
    scale = ROLL_CROP * ROLL_CROP_FACE / (max(face.w, face.h) * factor)
    detector = face_detector()
    detector.setInputSize((ROLL_CROP, ROLL_CROP))
    # rotate about the face centre by the estimate (straighten), scale to the crop, centre it in the crop
    matrix = cv2.getRotationMatrix2D((cx, cy), roll, scale)
    matrix[:, 2] += (ROLL_CROP / 2 - cx, ROLL_CROP / 2 - cy)
    crop = cv2.warpAffine(image, matrix, (ROLL_CROP, ROLL_CROP), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    _, found = detector.detect(crop)
    if found is None:
        return roll
    best = min(found, key=lambda r: abs(r[0] + r[2] / 2 - ROLL_CROP / 2) + abs(r[1] + r[3] / 2 - ROLL_CROP / 2))
    residual = landmark_roll([(float(best[4 + 2 * i]), float(best[5 + 2 * i])) for i in range(5)])
    return roll if residual is None else roll + residual


def _symmetry_refined(image: np.ndarray, face: Face, factor: float, roll: float) -> tuple[float, float]:
    """(roll, correlation): the angle within ±:data:`SYMMETRY_SPAN` of ``roll`` at which the middle of the face
    (eyes to mouth, without hair and ears) is most nearly mirror-symmetric about its vertical axis."""
    (rx, ry), (lx, ly) = ((x * factor, y * factor) for x, y in face.landmarks[:2])
    eyes = math.hypot(lx - rx, ly - ry)
    if eyes < 4:
        return roll, 0.0
    cx, cy = (rx + lx) / 2, (ry + ly) / 2 + 0.35 * eyes  # between the eyes and the nose tip
    size = SYMMETRY_CROP
    scale = size / (2.0 * eyes)
    gray = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    # only the neighbourhood of the face is rotated (a few hundred pixels, not the picture)
    reach = int(1.6 * eyes) + 2
    x0, y0 = int(max(0, cx - reach)), int(max(0, cy - reach))
    patch = gray[y0 : int(cy + reach), x0 : int(cx + reach)]
    cx, cy = cx - x0, cy - y0
    best = (-2.0, roll)
    top, bottom, left, right = int(size * 0.15), int(size * 0.85), int(size * 0.12), int(size * 0.88)
    half = (right - left) // 2
    for delta in np.arange(-SYMMETRY_SPAN, SYMMETRY_SPAN + 1e-6, SYMMETRY_STEP):
        matrix = cv2.getRotationMatrix2D((cx, cy), roll + delta, scale)
        matrix[:, 2] += (size / 2 - cx, size / 2 - cy)
        crop = cv2.warpAffine(patch, matrix, (size, size), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        band = cv2.GaussianBlur(crop.astype(np.float32), (0, 0), 1.2)[top:bottom, left:right]
        a = band[:, :half]
        b = band[:, ::-1][:, :half]
        a, b = a - a.mean(), b - b.mean()
        corr = float((a * b).sum() / math.sqrt(float((a * a).sum() * (b * b).sum()) + 1e-6))
        if corr > best[0]:
            best = (corr, roll + float(delta))
    return best[1], best[0]


def measure_roll(image: np.ndarray, face: Face, factor: float = 1.0) -> float | None:
    """Head roll (degrees) of ``face``; also stored in ``face.measured_roll``. ``image``: BGR picture (e.g. the finer
    decoded copy) where the face is ``face`` scaled by ``factor``.

    1. the landmarks of the picture give a first estimate; a detector trained mostly on upright faces underestimates
       a strong tilt (by 4-5° at 15°), so
    2. they are measured again on a close-up straightened by that estimate, where the remaining tilt is small; and
    3. within ±5° of that, the angle at which the middle of the face is most nearly mirror-symmetric is taken (the
       landmarks wobble by a few degrees from one picture to the next; the symmetry of the whole eye-nose-mouth area
       does not, and the bounded search keeps hair, glasses or a turned head from pulling it far).

    Measured on 25 real faces of the development set rotated by known angles from -14° to 14° (``benchmarks/photo.py``
    prints it): mean error 0.8° (90 % within 2°), against 1.7° (3.4°) after step 2 and 2.9° (5.8°) after step 1."""
    roll = landmark_roll(face.landmarks) if face.landmarks else None
    if roll is None:
        return None
    roll = _landmark_refined(image, face, factor, roll)
    refined, corr = _symmetry_refined(image, face, factor, roll)
    face.measured_roll = refined if corr >= SYMMETRY_MIN else roll
    return face.measured_roll
