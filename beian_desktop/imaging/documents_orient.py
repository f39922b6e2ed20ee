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

from beian_desktop.imaging.decode import shrink
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


def rotate_clockwise(image: np.ndarray, clockwise: int) -> np.ndarray:
    if clockwise == 90:
        return cv2.rotate(image, cv2.ROTATE_90_CLOCKWISE)
    if clockwise == 180:
        return cv2.rotate(image, cv2.ROTATE_180)
    if clockwise == 270:
        return cv2.rotate(image, cv2.ROTATE_90_COUNTERCLOCKWISE)
    return image


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
    small = shrink(gray, 480)[0]
    side = max(24, int(min(small.shape) * 0.12))
    found = cascade.detectMultiScale(small, scaleFactor=1.15, minNeighbors=5, minSize=(side, side))
    # the portrait of an upright ID-1 card is in its upper right-hand part
    sh, sw = small.shape
    return sum(1 for (x, y, fw, fh) in found if x + fw / 2 > 0.55 * sw and y + fh / 2 < 0.55 * sh)


@dataclass(slots=True)
class _RedRegions:
    """Red regions (hue near 0) of a picture, measured once and read as if the picture were turned (no re-measuring)."""

    shape: tuple[int, int]  # (h, w) of the measured picture
    stats: np.ndarray  # connected-component stats (x, y, w, h, area), background removed
    centroids: np.ndarray
    yellow: np.ndarray  # bool mask of gold-yellow pixels

    def turned(self, clockwise: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(box widths, box heights, relative centre x, relative centre y) in the picture turned ``clockwise``."""
        h, w = self.shape
        bw, bh = self.stats[:, cv2.CC_STAT_WIDTH], self.stats[:, cv2.CC_STAT_HEIGHT]
        cx, cy = self.centroids[:, 0], self.centroids[:, 1]
        if clockwise == 90:
            return bh, bw, (h - 1 - cy) / h, cx / w
        if clockwise == 180:
            return bw, bh, (w - 1 - cx) / w, (h - 1 - cy) / h
        if clockwise == 270:
            return bh, bw, cy / h, (w - 1 - cx) / w
        return bw, bh, cx / w, cy / h

    def gold(self, i: int) -> float:
        """Share of gold-yellow pixels in the box of region ``i`` (the same whichever way the picture is turned)."""
        x, y, bw, bh = (int(v) for v in self.stats[i, :4])
        return float(self.yellow[y : y + bh, x : x + bw].mean())


def _red_regions(bgr: np.ndarray, min_sat: int, close: int) -> _RedRegions:
    hsv = cv2.cvtColor(bgr, cv2.COLOR_BGR2HSV)
    hue, sat, val = cv2.split(hsv)
    red = (((hue < 10) | (hue > 170)) & (sat > min_sat) & (val > 80)).astype(np.uint8)
    yellow = (hue >= 15) & (hue <= 40) & (sat > 100) & (val > 120)
    red = cv2.morphologyEx(red, cv2.MORPH_CLOSE, np.ones((close, close), np.uint8))
    _, _, stats, centroids = cv2.connectedComponentsWithStats(red, connectivity=8)
    return _RedRegions(bgr.shape[:2], stats[1:], centroids[1:], yellow)


def _emblem_regions(bgr: np.ndarray) -> _RedRegions:
    """The red regions among which :func:`_emblem_corner` looks for the national emblem."""
    return _red_regions(bgr, min_sat=120, close=5)


def _seal_regions(bgr: np.ndarray) -> _RedRegions:
    """The red regions among which :func:`_seal_position` looks for an official seal."""
    return _red_regions(bgr, min_sat=90, close=3)


def _emblem_corner(regions: _RedRegions, clockwise: int = 0) -> tuple[float, float] | None:
    """Centre (relative x, y, picture turned ``clockwise``) of a large round red blob holding gold-yellow detail
    (the national emblem), if any."""
    h, w = regions.shape
    widths, heights, xs, ys = regions.turned(clockwise)
    best = None
    for i in range(len(regions.stats)):
        area = regions.stats[i, cv2.CC_STAT_AREA] / float(h * w)
        if area <= 0.01 or not 0.6 < int(widths[i]) / max(1, int(heights[i])) < 1.6:
            continue
        if regions.gold(i) > 0.08 and (best is None or area > best[0]):
            best = (area, xs[i], ys[i])
    return None if best is None else (best[1], best[2])


def _seal_position(regions: _RedRegions, clockwise: int = 0) -> tuple[float, float] | None:
    """Centre (relative x, y, picture turned ``clockwise``) of a red seal (公章: a round red ring, hollow, without
    gold), if exactly one is found."""
    widths, heights, xs, ys = regions.turned(clockwise)
    found = []
    short = min(regions.shape)
    for i in range(len(regions.stats)):
        bw, bh, area = int(widths[i]), int(heights[i]), int(regions.stats[i, cv2.CC_STAT_AREA])
        if not (0.08 * short <= bw <= 0.45 * short and 0.8 < bw / max(1, bh) < 1.25):
            continue
        fill = area / float(bw * bh)
        if 0.1 < fill < 0.6 and regions.gold(i) < 0.03:  # a ring (with text and a star), not a filled disc, not the gold emblem
            found.append((xs[i], ys[i]))
    return found[0] if len(found) == 1 else None


def _ink_prior(layout: TextLayout, clockwise: int) -> float:
    """Top-left prior of the ink centre after turning the picture ``clockwise`` degrees (no re-measuring needed)."""
    cx, cy = layout.ink_centroid
    cx, cy = {0: (cx, cy), 90: (1 - cy, cx), 180: (1 - cx, 1 - cy), 270: (cy, 1 - cx)}[clockwise]
    return (0.5 - cy) + 0.5 * (0.5 - cx)


def detect_orientation(doc: np.ndarray, layout_kind: str, blurred: bool = False, gray: np.ndarray | None = None) -> Orientation:
    """How to turn ``doc`` (BGR, ideally the rectified document) upright. ``layout_kind``: "card" or "page".

    ``blurred``: text lines cannot be trusted (the blur check reports it); only a face or the emblem count then.
    ``gray``: the grey version of ``doc``, when the caller has it already.
    """
    if gray is None:
        gray = cv2.cvtColor(doc, cv2.COLOR_BGR2GRAY)
    h, w = gray.shape
    gray, f = shrink(gray, 1000)
    if f < 1:
        doc = shrink(doc, 1000)[0]
    layout = text_layout(gray)
    small = shrink(doc, 600)[0]
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
    emblems = _emblem_regions(small) if layout_kind == "card" else None
    seals = _seal_regions(small) if layout_kind == "page" and not blurred else None
    scores = {}
    evidence = "none"
    strong = False
    for rot in candidates:
        score = 0.0
        if layout_kind == "card":
            faces = _faces(rotate_clockwise(gray, rot))
            values[f"faces_{rot}"] = faces
            if faces:
                score += 2.0
                evidence, strong = "face", True
            emblem = _emblem_corner(emblems, rot)
            if emblem is not None and emblem[0] < 0.35 and emblem[1] < 0.45:
                score += 1.5
                values[f"emblem_{rot}"] = [round(emblem[0], 3), round(emblem[1], 3)]
                evidence, strong = ("emblem", True) if evidence == "none" else (evidence, strong)
        elif layout_kind == "page" and not blurred:
            seal = _seal_position(seals, rot)
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
