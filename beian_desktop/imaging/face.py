"""Face detection with the Haar cascades that ship inside opencv-python (offline, no model download).

Detection runs on a reduced grey copy. A face is reported when the ``frontalface_alt2`` cascade finds it and the
``frontalface_default`` cascade confirms it (overlapping box, searched in a crop only); requiring both cuts false
positives on the printed backdrop text without losing real faces. A Haar search costs about in proportion to the
pixels it scans, so whenever the expected face size is known (the head part of a skin-coloured blob, a face to
confirm) the search runs on a small crop, scaled so the smallest expected face is just above the cascade's window:
a few milliseconds instead of tens (a whole-picture search is only the fallback).
When no upright face is found the picture is also searched rotated by ±16°, so a clearly tilted head is reported as
a tilt rather than as "no face". Head roll comes from the mirror symmetry of the face
(:mod:`beian_desktop.imaging.face_roll`), which glasses do not disturb.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from functools import lru_cache

import cv2
import numpy as np

from beian_desktop.imaging.face_roll import estimate_roll

#: Rotations (degrees, counter-clockwise) tried when no upright face is found.
FALLBACK_ROTATIONS = (16.0, -16.0)
#: Long side of the copy searched whole when the skin blobs give nothing, and the smallest face searched there (the
#: cascade's own window is 24 px); the same smallest face, rescaled, applies to the blob searches.
COARSE_SIDE = 400
COARSE_MIN = 24
#: Face width (px) in the crop where a found face is confirmed by the second cascade.
SEARCH_FACE = 36
#: Smallest face searched first around a skin blob, as a fraction of the width of the blob's top (head) part.
BLOB_FACE = 0.45

Box = tuple[int, int, int, int]  # x, y, width, height


@dataclass(slots=True)
class Face:
    """A detected face in the coordinates of the image passed to :func:`detect_faces`."""

    x: float
    y: float
    w: float
    h: float
    roll: float | None = None  # head tilt in degrees (positive: rotated clockwise in the picture), None if unknown
    roll_score: float | None = None  # symmetry of the straightened face (-1..1): how sure the roll is
    roll_method: str | None = None  # "symmetry" or "rotation" (found only in the ±16° rotated search)

    @property
    def box(self) -> tuple[float, float, float, float]:
        return self.x, self.y, self.w, self.h

    def scaled(self, factor: float) -> "Face":
        return Face(self.x * factor, self.y * factor, self.w * factor, self.h * factor, self.roll, self.roll_score, self.roll_method)

    def eye_line(self) -> list[list[int]] | None:
        """Two points on the estimated eye line (for drawing the tilt), or None when the roll is unknown."""
        if self.roll is None:
            return None
        a = math.radians(self.roll)
        cx, cy = self.x + self.w / 2, self.y + 0.4 * self.h
        dx, dy = 0.3 * self.w * math.cos(a), 0.3 * self.w * math.sin(a)
        return [[round(cx - dx), round(cy - dy)], [round(cx + dx), round(cy + dy)]]


_lock = threading.Lock()


@lru_cache(maxsize=None)
def _cascade(name: str) -> cv2.CascadeClassifier:
    path = cv2.data.haarcascades + name
    cascade = cv2.CascadeClassifier(path)
    if cascade.empty():  # pragma: no cover - broken OpenCV installation
        raise RuntimeError(f"OpenCV Haar cascade missing: {path} (opencv-python 4.x is required)")
    return cascade


def cascades() -> tuple[cv2.CascadeClassifier, cv2.CascadeClassifier]:
    """The two face cascades ``(default, alt2)`` (loaded once; loading is not thread-safe, detection is)."""
    with _lock:
        return _cascade("haarcascade_frontalface_default.xml"), _cascade("haarcascade_frontalface_alt2.xml")


def _iou(a, b) -> float:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    ix = max(0.0, min(ax + aw, bx + bw) - max(ax, bx))
    iy = max(0.0, min(ay + ah, by + bh) - max(ay, by))
    inter = ix * iy
    union = aw * ah + bw * bh - inter
    return inter / union if union else 0.0


def _inside(inner, outer) -> bool:
    x, y, w, h = inner
    cx, cy = x + w / 2, y + h / 2
    ox, oy, ow, oh = outer
    return ox <= cx <= ox + ow and oy <= cy <= oy + oh


def _crop(gray: np.ndarray, x0: float, y0: float, x1: float, y1: float, factor: float) -> tuple[np.ndarray, int, int]:
    """The clipped crop ``[y0:y1, x0:x1]`` reduced by ``factor`` (<= 1), and its clipped origin."""
    x0, y0 = int(max(0, x0)), int(max(0, y0))
    x1, y1 = int(min(gray.shape[1], x1)), int(min(gray.shape[0], y1))
    crop = gray[y0:y1, x0:x1]
    if factor < 1 and crop.size:
        size = (max(1, round(crop.shape[1] * factor)), max(1, round(crop.shape[0] * factor)))
        crop = cv2.resize(crop, size, interpolation=cv2.INTER_AREA)
    return crop, x0, y0


def faces_near(
    gray: np.ndarray, box, pad: float, cascade: cv2.CascadeClassifier, *, scale_factor: float, min_neighbors: int
) -> list[tuple[float, float, float, float]]:
    """Faces of about the size of ``box`` (0.7-1.45 times its width) found by ``cascade`` within ``pad`` face widths
    around it, in ``gray`` coordinates, nearest the middle of the searched crop first.

    Only that crop is searched, reduced so the face is about :data:`SEARCH_FACE` px wide: a millisecond or two."""
    x, y, w, h = box
    f = min(1.0, SEARCH_FACE / w)
    crop, x0, y0 = _crop(gray, x - pad * w, y - pad * w, x + w + pad * w, y + h + pad * w, f)
    lo, hi = max(20, int(0.7 * w * f)), int(1.45 * w * f) + 1
    if crop.shape[0] < lo or crop.shape[1] < lo:
        return []
    found = cascade.detectMultiScale(crop, scaleFactor=scale_factor, minNeighbors=min_neighbors, minSize=(lo, lo), maxSize=(hi, hi))
    mx, my = crop.shape[1] / 2, crop.shape[0] / 2
    found = sorted(found, key=lambda b: abs(b[0] + b[2] / 2 - mx) + abs(b[1] + b[3] / 2 - my))
    return [(fx / f + x0, fy / f + y0, fw / f, fh / f) for fx, fy, fw, fh in found]


def _confirm(gray: np.ndarray, box) -> bool:
    """Does the ``default`` cascade also see a face at about this place and size? (searched in a small crop only)"""
    default, _ = cascades()
    found = faces_near(gray, box, 0.35, default, scale_factor=1.08, min_neighbors=2)
    return any(_iou(box, other) > 0.3 for other in found)


def _raw_detect(gray: np.ndarray, min_size: int, max_size: int | None = None) -> list[Box]:
    """Confirmed face boxes in ``gray`` between ``min_size`` and ``max_size`` px, without faces inside faces."""
    _, alt2 = cascades()
    kwargs = {"scaleFactor": 1.1, "minNeighbors": 4, "minSize": (min_size, min_size)}
    if max_size:
        kwargs["maxSize"] = (max_size, max_size)
    primary = alt2.detectMultiScale(gray, **kwargs)
    found = [tuple(int(v) for v in box) for box in primary if _confirm(gray, box)]
    found.sort(key=lambda b: -b[2])
    kept: list[Box] = []
    for box in found:
        if all(_iou(box, k) < 0.25 and not _inside(box, k) for k in kept):
            kept.append(box)
    return kept


def _head_part(rows: np.ndarray) -> tuple[int, int, int]:
    """(first column, width, height) of the top part of a blob mask: the head when a face is there.

    Rows are taken from the top until the blob narrows (the neck) or widens sharply (the shoulders of a skin-coloured
    top, e.g. beige), once the part is at least half as tall as it is wide, or until it is 1.5 times as tall."""
    present = rows.any(axis=1)
    first = np.argmax(rows, axis=1)
    last = rows.shape[1] - np.argmax(rows[:, ::-1], axis=1)
    widest, left, right = 0, rows.shape[1], 0
    for i in range(rows.shape[0]):
        width = int(last[i] - first[i]) if present[i] else 0
        if widest and (i > 1.5 * widest or (i >= 0.5 * widest and (width < 0.75 * widest or width > 1.4 * widest))):
            return left, right - left, i
        if width:
            left, right = min(left, int(first[i])), max(right, int(last[i]))
            widest = max(widest, width)
    return left, right - left, rows.shape[0]


def skin_blobs(bgr: np.ndarray, min_face: int, limit: int = 4) -> list[tuple[Box, Box]]:
    """The largest skin-coloured blobs (YCrCb rule) that could hold a face of at least ``min_face`` px, as boxes
    ``(x, y, w, h)`` of the whole blob and of its top part (the head when a face is there), in ``bgr`` coordinates.
    Found on a half-size copy (plenty for blobs, and 4x cheaper)."""
    half = max(bgr.shape[:2]) > 2 * COARSE_SIDE / 3
    small = cv2.resize(bgr, (bgr.shape[1] // 2, bgr.shape[0] // 2), interpolation=cv2.INTER_AREA) if half else bgr
    k = 2 if half else 1
    ycc = cv2.cvtColor(small, cv2.COLOR_BGR2YCrCb)
    mask = cv2.inRange(ycc, (30, 133, 75), (255, 180, 135))
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    _, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    min_area = 0.3 * (min_face / k) ** 2
    blobs = []
    for i in np.argsort(-stats[1:, cv2.CC_STAT_AREA])[:limit] + 1:
        x, y, bw, bh, area = (int(v) for v in stats[i])
        if area < min_area:
            break
        hx, hw, hh = _head_part(labels[y : y + bh, x : x + bw] == i)
        blobs.append(((x * k, y * k, bw * k, bh * k), ((x + hx) * k, y * k, hw * k, hh * k)))
    return blobs


def _search(gray: np.ndarray, area: tuple[float, float, float, float], lo: int, min_size: int) -> list[Box]:
    """Confirmed faces of at least ``lo`` px inside ``area`` (x0, y0, x1, y1), searched on a copy reduced so that
    ``lo`` maps to just above the cascade's window."""
    f = min(1.0, (min_size + 2) / lo)
    crop, x0, y0 = _crop(gray, *area, f)
    if min(crop.shape[:2]) < min_size:
        return []
    found = _raw_detect(crop, max(min_size, int(lo * f)))
    return [(round(fx / f) + x0, round(fy / f) + y0, round(fw / f), round(fh / f)) for fx, fy, fw, fh in found]


def _detect_in_blobs(gray: np.ndarray, blobs: list[tuple[Box, Box]], min_face: int, min_size: int = COARSE_MIN) -> list[Box]:
    """Faces around skin blobs (see :func:`skin_blobs`; ``gray`` coordinates), each at least ``min_face`` px."""
    found: list[Box] = []
    for (x, y, bw, bh), (hx, hy, hw, hh) in blobs:
        cx, cy = x + bw / 2, y + bh / 2
        if any(fx - 0.5 * fw <= cx <= fx + 1.5 * fw and fy - 0.5 * fh <= cy <= fy + 3 * fh for fx, fy, fw, fh in found):
            continue  # part of a face already found (forehead above glasses), or the neck / chest below it
        # A face is at least about half as wide as the top part of its skin blob (which may include hair, ears and
        # neck), so that part is searched first for faces of that size: a fraction of the cost of a full search.
        # Only when that finds nothing (faces side by side in one blob, a face partly out of the skin colour range)
        # is a larger region around the whole blob searched for every face size.
        lo = max(min_face, int(BLOB_FACE * hw))
        boxes = _search(gray, (hx - 0.3 * hw, hy - 0.35 * hw, hx + 1.3 * hw, hy + max(hh, 1.3 * hw) + 0.25 * hw), lo, min_size)
        if not boxes:
            pad = 0.45 * max(bw, min(bh, 2 * bw)) + 12
            boxes = _search(gray, (x - pad, y - pad, x + bw + pad, y + bh + pad), min_face, min_size)
        for box in boxes:
            if all(_iou(box, other) < 0.3 for other in found):
                found.append(box)
    return found


def detect_faces(gray: np.ndarray, *, bgr: np.ndarray | None = None, min_fraction: float = 0.04, with_roll: bool = True) -> list[Face]:
    """Faces in a grey image (ideally ~500 px on the long side), largest first, in that image's coordinates.

    Search order (each step only when the previous one found nothing):

    1. with the colour picture ``bgr``: only around skin-coloured blobs, first for faces about as wide as their head
       (a small fraction of the picture, searched at a reduced scale, so this costs a few milliseconds);
    2. the whole reduced copy (grey pictures, unusual colour casts);
    3. small faces (down to ``min_fraction`` of the shorter side) at full working size;
    4. the reduced copy with equalised grey levels (dim or hazy light);
    5. the reduced copy rotated by ±16° (strongly tilted heads).

    ``with_roll``: also estimate each face's head tilt (:func:`~beian_desktop.imaging.face_roll.estimate_roll`).
    """
    h, w = gray.shape[:2]
    k = min(1.0, COARSE_SIDE / max(h, w))
    min_face = round(COARSE_MIN / k)  # smallest face of steps 1, 2, 4 and 5, in `gray` pixels
    faces: list[Face] = []
    if bgr is not None:
        faces = [Face(*map(float, b)) for b in _detect_in_blobs(gray, skin_blobs(bgr, min_face), min_face)]
    coarse = gray
    if not faces:
        size = (round(w * k), round(h * k))
        coarse = cv2.resize(gray, size, interpolation=cv2.INTER_AREA) if k < 1 else gray
        faces = [Face(*map(float, b)).scaled(1 / k) for b in _raw_detect(coarse, COARSE_MIN)]
    if not faces:
        min_size = max(20, int(min(h, w) * min_fraction))
        max_size = int(COARSE_MIN / k * 1.3)
        if max_size > min_size:
            faces = [Face(*map(float, b)) for b in _raw_detect(gray, min_size, max_size)]
    if not faces:
        coarse_eq = cv2.equalizeHist(coarse)
        faces = [Face(*map(float, b)).scaled(1 / k) for b in _raw_detect(coarse_eq, COARSE_MIN)]
        if not faces:
            faces = [f.scaled(1 / k) for f in _detect_rotated(coarse, COARSE_MIN)]
            if with_roll:  # refine the ±16° of the rotated search on the full-size grey copy
                for face in faces:
                    measure_roll(gray, face, start=face.roll or 0.0)
            return sorted(faces, key=lambda f: -f.w)
    if with_roll:
        for face in faces:
            measure_roll(gray, face)
    faces.sort(key=lambda f: -f.w)
    return faces


def measure_roll(gray: np.ndarray, face: Face, start: float = 0.0) -> Face:
    """Set ``face.roll`` (and its score and method) from the symmetry of the face; returns the face."""
    estimate = estimate_roll(gray, face.box, start)
    if estimate is not None:
        face.roll, face.roll_score, face.roll_method = estimate.degrees, estimate.score, "symmetry"
    elif face.roll_method != "rotation":
        face.roll = face.roll_score = face.roll_method = None
    return face


def _detect_rotated(gray: np.ndarray, min_size: int) -> list[Face]:
    """Search the picture rotated by the fallback angles; boxes are mapped back (axis-aligned) to the original.

    The faces carry the search angle as a first roll estimate (method ``"rotation"``)."""
    h, w = gray.shape[:2]
    centre = (w / 2, h / 2)
    for angle in FALLBACK_ROTATIONS:
        matrix = cv2.getRotationMatrix2D(centre, angle, 1.0)
        rotated = cv2.warpAffine(gray, matrix, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        boxes = _raw_detect(rotated, min_size)
        if not boxes:
            continue
        inverse = cv2.invertAffineTransform(matrix)
        faces = []
        for bx, by, bw, bh in boxes:
            cx, cy = bx + bw / 2, by + bh / 2
            ox, oy = inverse @ np.array([cx, cy, 1.0])
            # the face is upright in the rotated picture: rotating the picture by +angle (counter-clockwise)
            # straightened a head tilted clockwise by `angle` in the original
            faces.append(Face(float(ox - bw / 2), float(oy - bh / 2), float(bw), float(bh), angle, None, "rotation"))
        return faces
    return []
