"""Where the person is: a segmentation mask (hair, head, shoulders, torso) from the selfie-segmentation model.

The model runs once per photo, only after a face was found (it is not a person detector), on the working copy. Of
the pixels it calls "person", only the connected region that holds the face is kept (people behind the subject are
segmented too). The mask gives the top of the hair (headroom, a head cut by the top edge), the shoulders, the
region judged as clothing, and - dilated by a margin, because its edges are soft and slightly loose - the part of the
picture that is *not* background when the backdrop is measured.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from beian_desktop.imaging.face import Face
from beian_desktop.imaging.models import person_probability

#: Probability above which a pixel belongs to the person.
PERSON_THRESHOLD = 0.5
#: Margin (fraction of the shorter side) around the person left out of the background.
BACKGROUND_MARGIN = 0.02
#: Share of the head's columns that must be person for a row to count as the top of the head.
HEAD_ROW_SHARE = 0.15


@dataclass(slots=True)
class PersonMask:
    """The person holding the face, on the working copy."""

    mask: np.ndarray  # uint8 0/1
    head_top: int  # first row (working copy) of the head: top of the hair or hat
    top_cut: bool  # the head reaches the top edge of the picture
    from_model: bool  # False: the model found nothing around the face; ``mask`` is a drawn envelope

    def background(self, margin: float = BACKGROUND_MARGIN) -> np.ndarray:
        """uint8 0/1: everything not within ``margin`` (of the shorter side) of the person."""
        h, w = self.mask.shape
        k = max(3, int(round(min(h, w) * margin)) | 1)
        grown = cv2.dilate(self.mask, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
        return (1 - grown).astype(np.uint8)

    def row_extent(self, y: int) -> tuple[int, int] | None:
        """(first, last) column of the person in row ``y``, or None."""
        if not 0 <= y < self.mask.shape[0]:
            return None
        cols = np.flatnonzero(self.mask[y])
        return (int(cols[0]), int(cols[-1])) if cols.size else None


def envelope(shape: tuple[int, ...], face: Face) -> np.ndarray:
    """A drawn head-and-shoulders shape (uint8 0/1) from the face box, used only when segmentation finds nobody."""
    h, w = shape[:2]
    mask = np.zeros((h, w), np.uint8)
    fx, fy, fw, fh = face.box
    cx = fx + fw / 2
    cv2.ellipse(mask, (int(cx), int(fy + 0.4 * fh)), (int(0.75 * fw), int(0.95 * fh)), 0, 0, 360, 1, -1)
    pts = np.array(
        [
            (cx - 0.5 * fw, fy + 0.9 * fh), (cx + 0.5 * fw, fy + 0.9 * fh), (cx + 1.2 * fw, fy + 1.3 * fh),
            (cx + 1.9 * fw, fy + 1.8 * fh), (cx + 2.2 * fw, h + fh), (cx - 2.2 * fw, h + fh),
            (cx - 1.9 * fw, fy + 1.8 * fh), (cx - 1.2 * fw, fy + 1.3 * fh),
        ],
        np.int32,
    )
    cv2.fillPoly(mask, [pts], 1)
    return mask


def _head_top(mask: np.ndarray, face: Face) -> int:
    fx, fy, fw, fh = face.box
    h, w = mask.shape
    x0, x1 = int(max(0, fx + 0.15 * fw)), int(min(w, fx + 0.85 * fw))
    y1 = int(min(h, max(1, fy + 0.3 * fh)))
    if x1 <= x0:
        return max(0, int(fy))
    share = mask[:y1, x0:x1].mean(axis=1)
    rows = np.flatnonzero(share >= HEAD_ROW_SHARE)
    return int(rows[0]) if rows.size else max(0, int(fy))


def _components(labels: np.ndarray, face: Face) -> list[int]:
    """Labels of the segments covering the middle of ``face``."""
    h, w = labels.shape
    fx, fy, fw, fh = face.box
    x0, x1 = int(max(0, fx + 0.25 * fw)), int(min(w, fx + 0.75 * fw))
    y0, y1 = int(max(0, fy + 0.25 * fh)), int(min(h, fy + 0.75 * fh))
    core = labels[y0:y1, x0:x1]
    if core.size == 0:
        return []
    return [int(i) for i in np.unique(core) if i != 0 and np.count_nonzero(core == i) >= 0.2 * core.size]


def find_person(bgr: np.ndarray, face: Face, others: list[Face] | tuple[Face, ...] = ()) -> PersonMask:
    """The person holding ``face`` (working-copy coordinates) in the BGR working copy.

    ``others``: further faces found; the people holding them are part of the mask too (they are not background; the
    face count already refuses the photo for them), but the head measures are those of ``face``."""
    h, w = bgr.shape[:2]
    prob = person_probability(bgr)
    binary = (prob >= PERSON_THRESHOLD).astype(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
    own = _components(labels, face)
    ids = list(own)
    if not ids:  # the model missed the person (unusual light, a costume): fall back to a drawn shape
        mask = envelope(bgr.shape, face)
        top = _head_top(mask, face)
        return PersonMask(mask, top, top <= 0, False)
    for other in others:
        ids += _components(labels, other)
    mask = np.isin(labels, ids).astype(np.uint8)
    top = _head_top(np.isin(labels, own).astype(np.uint8), face)
    fx, fy, fw, fh = face.box
    # the head reaches the top edge: person pixels across the head's columns in the first rows
    band = mask[: max(1, int(round(0.01 * h))), int(max(0, fx + 0.15 * fw)) : int(min(w, fx + 0.85 * fw))]
    top_cut = (bool(band.size) and float(band.mean()) >= 0.3) or top <= 0.005 * h
    return PersonMask(mask, top, top_cut, True)
