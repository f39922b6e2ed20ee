"""Finding the document in a photo: its outline (a quadrilateral), whether it is cut off by the frame, and its
rectified (perspective-corrected) view.

The method is plain OpenCV, no model: the desk around the document is learned from the picture's border strip
(k-means colour clusters), every pixel is scored by its colour distance to that background, and the largest
foreground region is approximated by a quadrilateral. A quadrilateral is only called *reliable* when the colour
changes sharply along most of its four sides (a text block inside a flat scan does not qualify).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

from beian_desktop.imaging.decode import shrink

#: Long side of the working copy used for segmentation (pixels).
WORK_SIDE = 512


@dataclass(slots=True)
class DocumentRegion:
    """Where the document is, in the coordinates of the image given to :func:`find_document`."""

    quad: np.ndarray | None  # 4x2 float32, ordered top-left, top-right, bottom-right, bottom-left
    contour: np.ndarray | None  # the foreground outline (Nx2 int32)
    area_fraction: float  # foreground area / frame area
    touches_border: bool  # the foreground reaches the frame edge (cut off)
    border_sides: tuple[str, ...]  # which frame sides it touches ("top", "right", "bottom", "left")
    margin_fraction: float  # smallest distance from the quad to the frame edge / frame long side
    edge_support: float  # fraction of the quad's sides with a sharp colour change across them
    border_clean: bool  # no foreground (ink) in the border strip: a flat scan with its margins
    size: tuple[int, int]  # (width, height) of the analysed image
    values: dict = field(default_factory=dict)

    @property
    def reliable(self) -> bool:
        """A quadrilateral outline we trust for completeness checks and perspective correction."""
        return self.quad is not None and self.edge_support >= 0.75 and not self.touches_border

    def mask(self, shape: tuple[int, int], factor: float = 1.0, erode: float = 0.0) -> np.ndarray:
        """A filled mask (uint8 0/255) of the document in an image of ``shape`` (h, w) scaled by ``factor``.

        Without a reliable quad the foreground contour is used; without either, the whole frame.
        """
        h, w = shape
        m = np.zeros((h, w), np.uint8)
        if self.quad is not None and self.edge_support >= 0.5:
            cv2.fillConvexPoly(m, np.round(self.quad * factor).astype(np.int32), 255)
        elif self.contour is not None and self.area_fraction >= 0.15:
            cv2.drawContours(m, [np.round(self.contour * factor).astype(np.int32)], -1, 255, -1)
        else:
            m[:] = 255
        if erode > 0:
            k = max(1, int(round(erode * max(h, w))))
            m = cv2.erode(m, cv2.getStructuringElement(cv2.MORPH_RECT, (2 * k + 1, 2 * k + 1)))
        return m


def order_corners(pts: np.ndarray) -> np.ndarray:
    """Order four points as top-left, top-right, bottom-right, bottom-left."""
    pts = np.asarray(pts, np.float32).reshape(4, 2)
    c = pts.mean(axis=0)
    angles = np.arctan2(pts[:, 1] - c[1], pts[:, 0] - c[0])
    pts = pts[np.argsort(angles)]  # counter-clockwise from the left in image coordinates (y down: clockwise visually)
    start = int(np.argmin(pts.sum(axis=1)))  # top-left has the smallest x + y
    return np.roll(pts, -start, axis=0)


def quad_side_lengths(quad: np.ndarray) -> tuple[float, float]:
    """(mean width, mean height) of an ordered quadrilateral."""
    tl, tr, br, bl = quad
    width = (np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2
    height = (np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2
    return float(width), float(height)


def rectify(image: np.ndarray, quad: np.ndarray, aspect: float | None = None, max_long: int | None = None) -> np.ndarray:
    """Perspective-correct ``quad`` of ``image`` to an upright rectangle.

    ``aspect`` (long/short) forces the physical proportions (ID cards) when the measured one is close to it;
    ``max_long`` caps the output's long side (never enlarges beyond the measured size).
    """
    w, h = quad_side_lengths(quad)
    if aspect:
        measured = max(w, h) / max(1.0, min(w, h))
        if abs(measured - aspect) / aspect < 0.15:
            if w >= h:
                h = w / aspect
            else:
                w = h / aspect
    if max_long and max(w, h) > max_long:
        f = max_long / max(w, h)
        w, h = w * f, h * f
    w_i, h_i = max(2, int(round(w))), max(2, int(round(h)))
    dst = np.float32([[0, 0], [w_i - 1, 0], [w_i - 1, h_i - 1], [0, h_i - 1]])
    m = cv2.getPerspectiveTransform(quad.astype(np.float32), dst)
    return cv2.warpPerspective(image, m, (w_i, h_i), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def _border_strip(shape: tuple[int, int], width: int) -> np.ndarray:
    h, w = shape
    m = np.zeros((h, w), bool)
    m[:width, :] = m[-width:, :] = True
    m[:, :width] = m[:, -width:] = True
    return m


_WEIGHTS = np.float32([0.6, 1.0, 1.0])  # lighting changes lightness more than hue


def _border_clusters(lab: np.ndarray, strip: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """k-means colour clusters of the border strip: (centers, shares, samples, labels)."""
    samples = lab[strip]
    rng = np.random.default_rng(0)
    if len(samples) > 3000:
        samples = samples[rng.choice(len(samples), 3000, replace=False)]
    samples = samples.astype(np.float32)
    criteria = (cv2.TERM_CRITERIA_EPS | cv2.TERM_CRITERIA_MAX_ITER, 20, 0.5)
    k = 3
    _, labels, centers = cv2.kmeans(samples, k, None, criteria, 2, cv2.KMEANS_PP_CENTERS)
    labels = labels.ravel()
    shares = np.bincount(labels, minlength=k) / len(labels)
    return centers, shares, samples, labels


def _distance(lab: np.ndarray, centers: np.ndarray) -> np.ndarray:
    planes = [p.astype(np.float32) for p in cv2.split(lab)]
    best = None
    for c in centers:
        acc = None
        for plane, value, weight in zip(planes, c, _WEIGHTS):
            d = (plane - float(value)) * float(weight)
            acc = d * d if acc is None else acc + d * d
        best = acc if best is None else np.minimum(best, acc)
    return np.sqrt(best)


def _threshold(samples: np.ndarray, labels: np.ndarray, centers: np.ndarray, members: np.ndarray) -> tuple[float, float]:
    chosen = samples[np.isin(labels, members)]
    if not len(chosen):
        return 18.0, 10.0
    d = np.sqrt((((chosen[:, None, :] - centers[members][None]) * _WEIGHTS) ** 2).sum(-1)).min(-1)
    spread = float(np.percentile(d, 90))
    return max(18.0, 1.8 * spread), spread


def _largest_region(dist: np.ndarray, threshold: float) -> tuple[np.ndarray | None, float, float]:
    """(contour, area fraction, solidity) of the largest foreground region."""
    h, w = dist.shape
    fg = (dist > threshold).astype(np.uint8) * 255
    k = max(3, int(0.008 * max(h, w)) | 1)
    fg = cv2.morphologyEx(fg, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    kc = max(5, int(0.025 * max(h, w)) | 1)
    fg = cv2.morphologyEx(fg, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (kc, kc)))
    contours, _ = cv2.findContours(fg, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None, 0.0, 0.0
    contour = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(contour)
    hull_area = cv2.contourArea(cv2.convexHull(contour))
    return contour, area / float(h * w), area / max(1.0, hull_area)


def _edge_support(lab: np.ndarray, quad: np.ndarray, threshold: float) -> float:
    """Fraction of sample points along the quad's sides where inside and outside colours differ clearly."""
    h, w = lab.shape[:2]
    centre = quad.mean(axis=0)
    off = max(3.0, 0.012 * max(h, w))
    hits = total = 0
    for i in range(4):
        a, b = quad[i], quad[(i + 1) % 4]
        d = b - a
        length = float(np.linalg.norm(d))
        if length < 1:
            continue
        normal = np.array([-d[1], d[0]]) / length
        if np.dot((a + b) / 2 - centre, normal) < 0:
            normal = -normal  # point outwards
        for t in np.linspace(0.12, 0.88, 16):
            p = a + d * t
            pin, pout = p - normal * off, p + normal * off
            if not (0 <= pout[0] < w and 0 <= pout[1] < h and 0 <= pin[0] < w and 0 <= pin[1] < h):
                continue
            total += 1
            cin = lab[int(pin[1]), int(pin[0])].astype(np.float32)
            cout = lab[int(pout[1]), int(pout[0])].astype(np.float32)
            if np.linalg.norm((cin - cout) * [0.6, 1.0, 1.0]) > threshold * 0.8:
                hits += 1
    return hits / total if total else 0.0


def _approx_quad(contour: np.ndarray) -> np.ndarray | None:
    hull = cv2.convexHull(contour)
    peri = cv2.arcLength(hull, True)
    for eps in (0.02, 0.03, 0.045, 0.06):
        approx = cv2.approxPolyDP(hull, eps * peri, True)
        if len(approx) == 4 and cv2.isContourConvex(approx):
            return order_corners(approx.reshape(4, 2).astype(np.float32))
        if len(approx) < 4:
            break
    # fall back to the minimum-area rectangle when it covers the hull well (rounded card corners, slight bulges)
    rect = cv2.boxPoints(cv2.minAreaRect(hull))
    if cv2.contourArea(hull) / max(1.0, cv2.contourArea(rect)) > 0.9:
        return order_corners(rect)
    return None


def find_document(image: np.ndarray) -> DocumentRegion:
    """Locate the document in a BGR image (any size; a reduced working copy is analysed)."""
    h0, w0 = image.shape[:2]
    small, f = shrink(image, WORK_SIDE)
    h, w = small.shape[:2]
    smooth = cv2.GaussianBlur(small, (5, 5), 0)
    lab = cv2.cvtColor(smooth, cv2.COLOR_BGR2LAB)
    bw = max(3, int(0.02 * min(h, w)))
    strip = _border_strip((h, w), bw)
    centers, shares, samples, labels = _border_clusters(lab, strip)
    kept = np.flatnonzero(shares >= 0.2)
    # Candidate background models: every frequent border colour; then, when that finds no solid region, all but one
    # of them (a document cut off by the frame can own a large part of the border).
    candidates = [kept] + ([np.delete(kept, i) for i in range(len(kept))] if len(kept) > 1 else [])
    best = None
    for members in candidates:
        threshold, spread = _threshold(samples, labels, centers, members)
        dist = _distance(lab, centers[members])
        contour, area, solidity = _largest_region(dist, threshold)
        score = area if (contour is not None and area >= 0.05 and solidity >= 0.85) else -1.0
        if best is None or score > best[0] + 1e-9:
            best = (score, members, threshold, spread, dist, contour, area)
        if score > 0 and members is kept:
            break
    score, members, threshold, spread, dist, contour, area = best
    border_d = dist[strip]
    info = {
        "background_colours": int(len(members)),
        "background_spread": spread,
        "border_foreground": float((border_d > threshold).mean()),
    }
    inv = 1.0 / f
    gray = cv2.cvtColor(smooth, cv2.COLOR_BGR2GRAY)
    border_ink = float((gray[strip] < np.median(gray[strip]) - 60).mean())
    border_clean = info["border_foreground"] < 0.01 and border_ink < 0.005
    empty = DocumentRegion(None, None, 0.0, False, (), 0.0, 0.0, border_clean, (w0, h0), {**info, "border_ink": border_ink})
    if contour is None or score < 0:
        return empty
    pts = contour.reshape(-1, 2)
    tol = 2
    sides = tuple(
        name
        for name, hit in (
            ("top", (pts[:, 1] <= tol).any()),
            ("right", (pts[:, 0] >= w - 1 - tol).any()),
            ("bottom", (pts[:, 1] >= h - 1 - tol).any()),
            ("left", (pts[:, 0] <= tol).any()),
        )
        if hit
    )
    quad = _approx_quad(contour)
    support = _edge_support(lab, quad, threshold) if quad is not None else 0.0
    margin = 0.0
    if quad is not None:
        margin = float(min(quad[:, 0].min(), quad[:, 1].min(), w - 1 - quad[:, 0].max(), h - 1 - quad[:, 1].max()) / max(h, w))
    return DocumentRegion(
        quad=None if quad is None else (quad * inv).astype(np.float32),
        contour=(pts * inv).astype(np.float32),
        area_fraction=float(area),
        touches_border=bool(sides),
        border_sides=sides,
        margin_fraction=margin,
        edge_support=float(support),
        border_clean=border_clean,
        size=(w0, h0),
        values={**info, "border_ink": border_ink, "threshold": threshold},
    )
