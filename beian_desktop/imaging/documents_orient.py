"""Which way up is a document? Text-line direction for 90° turns; layout cues for 180°.

* Sideways: horizontal text lines make the row profile of the ink strongly modulated (lines and gaps); a picture
  turned by 90° modulates the column profile instead. This works for any horizontally written document.
* Upside down, for ID-1 cards: a face is found by OpenCV's bundled frontal-face cascade only when the portrait side is
  upright; the national emblem sits in the top-left corner of the emblem side.
* Upside down, for pages: an official seal (公章, a hollow red ring) sits in the lower part of a signed form or
  licence; without a seal, text filling the page from the top left puts the ink's centre above and left of the page
  centre. That last cue is a weak prior, reported as a warning only and never used to turn a picture.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np

from beian_desktop.imaging.documents_measure import TextLayout, text_layout

SIDEWAYS_THRESHOLD = 1.1
#: Text lines give a profile modulation of 0.5-1.1 (cards, pages); noise and textures about 0.1.
MIN_LINE_CONTRAST = 0.4
#: More "ink" than this is a picture or a texture, not text on paper.
MAX_INK = 0.15
#: Ink-centre prior: |score| beyond this counts as (weak) evidence for pages.
PAGE_PRIOR_MARGIN = 0.08


@dataclass(slots=True)
class Orientation:
    rotation: int  # degrees clockwise that make the document upright: 0, 90, 180 or 270
    strong: bool  # evidence is strong (text direction, face, emblem), not only the page prior
    evidence: str  # "text_lines", "face", "emblem", "ink_prior", "none"
    values: dict = field(default_factory=dict)


def _rotate(image: np.ndarray, clockwise: int) -> np.ndarray:
    if clockwise == 90:
        return cv2.rotate(image, cv2.ROTATE_90_CLOCKWISE)
    if clockwise == 180:
        return cv2.rotate(image, cv2.ROTATE_180)
    if clockwise == 270:
        return cv2.rotate(image, cv2.ROTATE_90_COUNTERCLOCKWISE)
    return image


rotate_clockwise = _rotate


@lru_cache(maxsize=1)
def _face_cascade() -> cv2.CascadeClassifier | None:
    base = getattr(getattr(cv2, "data", None), "haarcascades", "")
    path = Path(base) / "haarcascade_frontalface_default.xml"
    if not path.is_file():  # pragma: no cover - every opencv-python wheel ships it
        return None
    cascade = cv2.CascadeClassifier(str(path))
    return None if cascade.empty() else cascade


def _faces(gray: np.ndarray) -> int:
    cascade = _face_cascade()
    if cascade is None:
        return 0
    h, w = gray.shape
    f = min(1.0, 480 / max(h, w))
    small = cv2.resize(gray, None, fx=f, fy=f, interpolation=cv2.INTER_AREA) if f < 1 else gray
    side = max(24, int(min(small.shape) * 0.12))
    found = cascade.detectMultiScale(small, scaleFactor=1.15, minNeighbors=5, minSize=(side, side))
    # the portrait of an upright ID-1 card is in its upper right-hand part
    sh, sw = small.shape
    return sum(1 for (x, y, fw, fh) in found if x + fw / 2 > 0.55 * sw and y + fh / 2 < 0.55 * sh)


def _emblem_corner(bgr: np.ndarray) -> tuple[float, float] | None:
    """Centre (relative x, y) of a large round red blob holding gold-yellow detail (the national emblem), if any."""
    h, w = bgr.shape[:2]
    hsv = cv2.cvtColor(bgr, cv2.COLOR_BGR2HSV)
    hue, sat, val = cv2.split(hsv)
    red = (((hue < 10) | (hue > 170)) & (sat > 120) & (val > 80)).astype(np.uint8)
    yellow = (hue >= 15) & (hue <= 40) & (sat > 100) & (val > 120)
    red = cv2.morphologyEx(red, cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8))
    n, _, stats, centroids = cv2.connectedComponentsWithStats(red, connectivity=8)
    best = None
    for i in range(1, n):
        area = stats[i, cv2.CC_STAT_AREA] / float(h * w)
        x, y, bw, bh = (int(v) for v in stats[i, :4])
        if area <= 0.01 or not 0.6 < bw / max(1, bh) < 1.6:
            continue
        gold = float(yellow[y : y + bh, x : x + bw].mean())
        if gold > 0.08 and (best is None or area > best[0]):
            best = (area, centroids[i][0] / w, centroids[i][1] / h)
    return None if best is None else (best[1], best[2])


def _seal_position(bgr: np.ndarray) -> tuple[float, float] | None:
    """Centre (relative x, y) of a red seal (公章: a round red ring, hollow, without gold), if exactly one is found."""
    h, w = bgr.shape[:2]
    hsv = cv2.cvtColor(bgr, cv2.COLOR_BGR2HSV)
    hue, sat, val = cv2.split(hsv)
    red = (((hue < 10) | (hue > 170)) & (sat > 90) & (val > 80)).astype(np.uint8)
    yellow = (hue >= 15) & (hue <= 40) & (sat > 100) & (val > 120)
    red = cv2.morphologyEx(red, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))
    n, _, stats, centroids = cv2.connectedComponentsWithStats(red, connectivity=8)
    found = []
    short = min(h, w)
    for i in range(1, n):
        x, y, bw, bh, area = (int(v) for v in stats[i])
        if not (0.08 * short <= bw <= 0.45 * short and 0.8 < bw / max(1, bh) < 1.25):
            continue
        fill = area / float(bw * bh)
        gold = float(yellow[y : y + bh, x : x + bw].mean())
        if 0.1 < fill < 0.6 and gold < 0.03:  # a ring (with text and a star), not a filled disc, not the gold emblem
            found.append((centroids[i][0] / w, centroids[i][1] / h))
    return found[0] if len(found) == 1 else None


def _ink_prior(layout: TextLayout, clockwise: int) -> float:
    """Top-left prior of the ink centre after turning the picture ``clockwise`` degrees (no re-measuring needed)."""
    cx, cy = layout.ink_centroid
    cx, cy = {0: (cx, cy), 90: (1 - cy, cx), 180: (1 - cx, 1 - cy), 270: (cy, 1 - cx)}[clockwise]
    return (0.5 - cy) + 0.5 * (0.5 - cx)


def detect_orientation(doc: np.ndarray, layout_kind: str, blurred: bool = False) -> Orientation:
    """How to turn ``doc`` (BGR, ideally the rectified document) upright. ``layout_kind``: "card" or "page".

    ``blurred``: text lines cannot be trusted (the blur check reports it); only a face or the emblem count then.
    """
    gray = cv2.cvtColor(doc, cv2.COLOR_BGR2GRAY)
    h, w = gray.shape
    f = min(1.0, 1000 / max(h, w))
    if f < 1:
        gray = cv2.resize(gray, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
        doc = cv2.resize(doc, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
    layout = text_layout(gray)
    fs = min(1.0, 600 / max(doc.shape[:2]))
    small = cv2.resize(doc, None, fx=fs, fy=fs, interpolation=cv2.INTER_AREA) if fs < 1 else doc
    values: dict = {"sideways_score": layout.sideways_score, "text_lines": layout.lines}
    if layout.ink_fraction < 0.002:
        return Orientation(0, False, "none", values)
    values["blurred"] = blurred
    # text lines modulate one profile strongly; noise, textures and blank pictures modulate neither
    texty = max(layout.row_contrast, layout.col_contrast) >= MIN_LINE_CONTRAST and layout.ink_fraction <= MAX_INK
    values["text_found"] = texty
    blurred = blurred or not texty
    sideways = layout.sideways_score > SIDEWAYS_THRESHOLD and not blurred
    if layout_kind == "card" and not sideways and not blurred and h > w * 1.2 and layout.sideways_score > 0.9:
        sideways = True  # a card standing upright with ambiguous text: trust its shape
    candidates = (90, 270) if sideways else (0, 180)
    scores = {}
    evidence = "none"
    strong = False
    for rot in candidates:
        score = 0.0
        if layout_kind == "card":
            faces = _faces(_rotate(gray, rot))
            values[f"faces_{rot}"] = faces
            if faces:
                score += 2.0
                evidence, strong = "face", True
            emblem = _emblem_corner(_rotate(small, rot))
            if emblem is not None and emblem[0] < 0.35 and emblem[1] < 0.45:
                score += 1.5
                values[f"emblem_{rot}"] = [round(emblem[0], 3), round(emblem[1], 3)]
                evidence, strong = ("emblem", True) if evidence == "none" else (evidence, strong)
        elif layout_kind == "page" and not blurred:
            seal = _seal_position(_rotate(small, rot))
            if seal is not None and seal[1] > 0.55:
                score += 1.0
                values[f"seal_{rot}"] = [round(seal[0], 3), round(seal[1], 3)]
                evidence, strong = "seal", True
        score += _ink_prior(layout, rot)
        scores[rot] = score
    values["scores"] = {str(k): round(v, 3) for k, v in scores.items()}
    first, second = candidates
    diff = scores[first] - scores[second]
    if sideways:
        best = first if diff >= 0 else second
        return Orientation(best, True, "text_lines", values)
    if strong and abs(diff) >= 1.0:
        return Orientation(0 if diff > 0 else 180, True, evidence, values)
    if abs(diff) >= 2 * PAGE_PRIOR_MARGIN and layout_kind == "page" and not blurred:
        return Orientation(0 if diff > 0 else 180, False, "ink_prior", values)
    return Orientation(0, False, "none" if not strong else evidence, values)
