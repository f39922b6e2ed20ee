"""Face detection with the Haar cascades that ship inside opencv-python (offline, no model download).

Detection runs on a reduced grey copy. A face is reported when the ``frontalface_alt2`` cascade finds it and the
``frontalface_default`` cascade confirms it (overlapping box, searched in a crop only); requiring both cuts false positives on the printed backdrop
text without losing real faces. When no upright face is found the picture is also searched rotated by ±16°, so a
clearly tilted head is reported as a tilt rather than as "no face". Head roll is measured from the two eyes
(``haarcascade_eye``) when both are found.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from functools import lru_cache

import cv2
import numpy as np

#: Rotations (degrees, counter-clockwise) tried when no upright face is found.
FALLBACK_ROTATIONS = (16.0, -16.0)
#: Long side of the copy searched first, and the smallest face searched there (the cascade's own window is 24 px).
COARSE_SIDE = 400
COARSE_MIN = 24


@dataclass(slots=True)
class Face:
    """A detected face in the coordinates of the image passed to :func:`detect_faces`."""

    x: float
    y: float
    w: float
    h: float
    roll: float | None = None  # head tilt in degrees (positive: rotated clockwise in the picture), None if unknown
    eyes: tuple[tuple[float, float], tuple[float, float]] | None = None  # eye centres (left, right in the picture)
    roll_method: str | None = None  # "eyes", "split_eyes" (less precise: glasses) or "rotation" (±16° search)

    @property
    def center(self) -> tuple[float, float]:
        return self.x + self.w / 2, self.y + self.h / 2

    @property
    def box(self) -> tuple[float, float, float, float]:
        return self.x, self.y, self.w, self.h

    def scaled(self, factor: float) -> "Face":
        eyes = None
        if self.eyes:
            eyes = tuple((ex * factor, ey * factor) for ex, ey in self.eyes)  # type: ignore[assignment]
        return Face(self.x * factor, self.y * factor, self.w * factor, self.h * factor, self.roll, eyes, self.roll_method)

    def shifted(self, dx: float, dy: float) -> "Face":
        eyes = None
        if self.eyes:
            eyes = tuple((ex + dx, ey + dy) for ex, ey in self.eyes)  # type: ignore[assignment]
        return Face(self.x + dx, self.y + dy, self.w, self.h, self.roll, eyes, self.roll_method)


_lock = threading.Lock()


@lru_cache(maxsize=None)
def _cascade(name: str) -> cv2.CascadeClassifier:
    path = cv2.data.haarcascades + name
    cascade = cv2.CascadeClassifier(path)
    if cascade.empty():  # pragma: no cover - broken OpenCV installation
        raise RuntimeError(f"OpenCV Haar cascade missing: {path} (opencv-python 4.x is required)")
    return cascade


def cascades() -> tuple[cv2.CascadeClassifier, cv2.CascadeClassifier, cv2.CascadeClassifier]:
    """The three cascades (loaded once; loading is not thread-safe, detection is)."""
    with _lock:
        return (
            _cascade("haarcascade_frontalface_default.xml"),
            _cascade("haarcascade_frontalface_alt2.xml"),
            _cascade("haarcascade_eye.xml"),
        )


def _iou(a, b) -> float:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    ix = max(0.0, min(ax + aw, bx + bw) - max(ax, bx))
    iy = max(0.0, min(ay + ah, by + bh) - max(ay, by))
    inter = ix * iy
    union = aw * ah + bw * bh - inter
    return inter / union if union else 0.0


def _confirm(gray: np.ndarray, box) -> bool:
    """Does the ``default`` cascade also see a face at about this place and size? (searched in a crop only)"""
    default, _, _ = cascades()
    x, y, w, h = box
    pad = int(0.35 * w)
    x0, y0 = max(0, x - pad), max(0, y - pad)
    x1, y1 = min(gray.shape[1], x + w + pad), min(gray.shape[0], y + h + pad)
    crop = gray[y0:y1, x0:x1]
    lo, hi = max(20, int(0.7 * w)), int(1.45 * w) + 1
    if crop.shape[0] < lo or crop.shape[1] < lo:
        return False
    found = default.detectMultiScale(crop, scaleFactor=1.08, minNeighbors=2, minSize=(lo, lo), maxSize=(hi, hi))
    return any(_iou(box, (fx + x0, fy + y0, fw, fh)) > 0.3 for fx, fy, fw, fh in found)


def _raw_detect(gray: np.ndarray, min_size: int, max_size: int | None = None) -> list[tuple[int, int, int, int]]:
    _, alt2, _ = cascades()
    kwargs = {"scaleFactor": 1.1, "minNeighbors": 4, "minSize": (min_size, min_size)}
    if max_size:
        kwargs["maxSize"] = (max_size, max_size)
    primary = alt2.detectMultiScale(gray, **kwargs)
    found = [tuple(int(v) for v in box) for box in primary if _confirm(gray, box)]
    # drop boxes mostly inside a bigger one (a face inside a face)
    found.sort(key=lambda b: -b[2])
    kept: list[tuple[int, int, int, int]] = []
    for box in found:
        if all(_iou(box, k) < 0.25 and not _inside(box, k) for k in kept):
            kept.append(box)
    return kept


def _inside(inner, outer) -> bool:
    x, y, w, h = inner
    cx, cy = x + w / 2, y + h / 2
    ox, oy, ow, oh = outer
    return ox <= cx <= ox + ow and oy <= cy <= oy + oh


def measure_roll(gray: np.ndarray, box: tuple[float, float, float, float]) -> tuple[float | None, tuple | None]:
    """Head roll (degrees) from the two eyes inside the upper part of the face box; (None, None) when unclear."""
    _, _, eye = cascades()
    x, y, w, h = (int(round(v)) for v in box)
    y0, y1 = max(0, y + int(0.15 * h)), min(gray.shape[0], y + int(0.6 * h))
    x0, x1 = max(0, x), min(gray.shape[1], x + w)
    roi = gray[y0:y1, x0:x1]
    if roi.size == 0 or w < 40:
        return None, None
    min_eye = max(8, int(w * 0.12))
    eyes = eye.detectMultiScale(roi, scaleFactor=1.1, minNeighbors=4, minSize=(min_eye, min_eye), maxSize=(int(w * 0.4), int(w * 0.4)))
    if len(eyes) < 2:
        return None, None
    centres = [(x0 + ex + ew / 2, y0 + ey + eh / 2, ew) for ex, ey, ew, eh in eyes]
    mid = x + w / 2
    left = [c for c in centres if c[0] < mid]
    right = [c for c in centres if c[0] >= mid]
    if not left or not right:
        return None, None
    best = None
    for lx, ly, lw in left:
        for rx, ry, rw in right:
            dist = math.hypot(rx - lx, ry - ly)
            if not (0.25 * w <= dist <= 0.7 * w) or max(lw, rw) > 1.8 * min(lw, rw):
                continue
            score = abs(ry - ly) / dist
            if best is None or score < best[0]:
                best = (score, (lx, ly), (rx, ry))
    if best is None:
        return None, None
    (lx, ly), (rx, ry) = best[1], best[2]
    return math.degrees(math.atan2(ry - ly, rx - lx)), ((lx, ly), (rx, ry))


def skin_regions(bgr: np.ndarray, min_area: int, limit: int = 4) -> list[tuple[int, int, int, int, int]]:
    """Search regions around the largest skin-coloured blobs (YCrCb rule): (x, y, w, h, blob width).

    Each region is the blob's box expanded so that a whole head fits.
    """
    ycc = cv2.cvtColor(bgr, cv2.COLOR_BGR2YCrCb)
    mask = cv2.inRange(ycc, (30, 133, 75), (255, 180, 135))
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    h, w = mask.shape
    order = np.argsort(-stats[1:, cv2.CC_STAT_AREA])[:limit] + 1
    regions = []
    for i in order:
        x, y, bw, bh, area = (int(v) for v in stats[i])
        if area < min_area:
            break
        pad = int(0.45 * max(bw, min(bh, 2 * bw))) + 6
        x0, y0 = max(0, x - pad), max(0, y - pad)
        x1, y1 = min(w, x + bw + pad), min(h, y + bh + pad)
        regions.append((x0, y0, x1 - x0, y1 - y0, bw))
    return regions


def _detect_in_regions(gray: np.ndarray, regions, min_size: int) -> list[tuple[int, int, int, int]]:
    found: list[tuple[int, int, int, int]] = []
    for x, y, w, h, blob_w in regions:
        cx, cy = x + w / 2, y + h / 2
        if any(fx - 0.5 * fw <= cx <= fx + 1.5 * fw and fy <= cy <= fy + 3 * fh for fx, fy, fw, fh in found):
            continue  # the neck / chest below a face already found
        # the face is about as wide as its skin blob (a little wider with the hair line and ears)
        # (unless the blob is wide: faces side by side or skin-coloured things next to the face merged into it)
        lo = max(min_size, int(0.6 * blob_w)) if blob_w < 0.2 * gray.shape[1] else min_size
        if min(w, h) < lo:
            continue
        for fx, fy, fw, fh in _raw_detect(gray[y : y + h, x : x + w], lo):
            box = (fx + x, fy + y, fw, fh)
            if all(_iou(box, other) < 0.3 for other in found):
                found.append(box)
    return found


def roll_from_split_eyes(gray: np.ndarray, box: tuple[float, float, float, float]) -> tuple[float | None, tuple | None]:
    """Fallback roll measurement with the ``lefteye_2splits``/``righteye_2splits`` cascades (they cope better with
    glasses): one eye searched in each half of the upper face, on a copy where the face is 120 px wide."""
    left_c, right_c = _cascade("haarcascade_righteye_2splits.xml"), _cascade("haarcascade_lefteye_2splits.xml")
    x, y, w, h = box
    y0, y1 = int(max(0, y + 0.1 * h)), int(min(gray.shape[0], y + 0.65 * h))
    x0, x1 = int(max(0, x)), int(min(gray.shape[1], x + w))
    roi = gray[y0:y1, x0:x1]
    if roi.size == 0:
        return None, None
    f = 120.0 / w
    roi = cv2.resize(roi, None, fx=f, fy=f, interpolation=cv2.INTER_AREA if f < 1 else cv2.INTER_LINEAR)
    lo, hi = (int(0.18 * 120),) * 2, (int(0.45 * 120),) * 2
    split = roi.shape[1] * 0.55
    # the person's right eye is on the left of the picture
    first = list(left_c.detectMultiScale(roi[:, : int(split)], 1.05, 3, minSize=lo, maxSize=hi))
    off = int(roi.shape[1] - split)
    second = list(right_c.detectMultiScale(roi[:, off:], 1.05, 3, minSize=lo, maxSize=hi))
    if not first or not second:
        return None, None
    ax, ay, aw, ah = max(first, key=lambda t: t[2])
    bx, by, bw, bh = max(second, key=lambda t: t[2])
    p1 = (ax + aw / 2, ay + ah / 2)
    p2 = (bx + off + bw / 2, by + bh / 2)
    if not 0.25 * 120 <= p2[0] - p1[0] <= 0.75 * 120:
        return None, None
    eyes = ((x0 + p1[0] / f, y0 + p1[1] / f), (x0 + p2[0] / f, y0 + p2[1] / f))
    return math.degrees(math.atan2(p2[1] - p1[1], p2[0] - p1[0])), eyes


def detect_faces(gray: np.ndarray, *, bgr: np.ndarray | None = None, min_fraction: float = 0.04, with_roll: bool = True) -> list[Face]:
    """Faces in a grey image (ideally ~640 px on the long side), largest first, in that image's coordinates.

    Search order (each step only when the previous one found nothing):

    1. with the colour picture ``bgr``: only around skin-coloured blobs of a copy reduced to :data:`COARSE_SIDE`
       (a small fraction of the picture, so this is fast);
    2. the whole reduced copy (grey pictures, unusual colour casts);
    3. small faces (down to ``min_fraction`` of the shorter side) at full working size;
    4. the reduced copy with equalised grey levels (dim or hazy light);
    5. the reduced copy rotated by ±16° (strongly tilted heads).
    """
    h, w = gray.shape[:2]
    k = min(1.0, COARSE_SIDE / max(h, w))
    size = (round(w * k), round(h * k))
    coarse = cv2.resize(gray, size, interpolation=cv2.INTER_AREA) if k < 1 else gray
    boxes: list = []
    if bgr is not None:
        small = cv2.resize(bgr, size, interpolation=cv2.INTER_AREA) if k < 1 else bgr
        boxes = _detect_in_regions(coarse, skin_regions(small, int(COARSE_MIN * COARSE_MIN * 0.3)), COARSE_MIN)
    if not boxes:
        boxes = _raw_detect(coarse, COARSE_MIN)
    faces = [Face(*map(float, b)).scaled(1 / k) for b in boxes]
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
    elif with_roll:
        for face in faces:
            face.roll, face.eyes = measure_roll(gray, face.box)
            face.roll_method = "eyes"
            if face.roll is None:
                face.roll, face.eyes = roll_from_split_eyes(gray, face.box)
                face.roll_method = "split_eyes" if face.roll is not None else None
    faces.sort(key=lambda f: -f.w)
    return faces


def _detect_rotated(gray: np.ndarray, min_size: int) -> list[Face]:
    """Search the picture rotated by the fallback angles; boxes are mapped back (axis-aligned) to the original."""
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
            roll, _ = measure_roll(rotated, (bx, by, bw, bh))
            cx, cy = bx + bw / 2, by + bh / 2
            ox, oy = inverse @ np.array([cx, cy, 1.0])
            # the face is upright in the rotated picture: rotating the picture by +angle (counter-clockwise)
            # straightened a head tilted clockwise by `angle` in the original
            total = angle + (roll or 0.0)
            faces.append(Face(float(ox - bw / 2), float(oy - bh / 2), float(bw), float(bh), total, None, "rotation"))
        return faces
    return []
