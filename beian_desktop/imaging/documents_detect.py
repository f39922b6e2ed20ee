"""Finding the document in a photo: its outline (a quadrilateral), whether it is cut off by the frame, and its
rectified (perspective-corrected) view.

The method is plain OpenCV, no model: the desk around the document is learned from the picture's border strip
(k-means colour clusters), every pixel is scored by its colour distance to that background, and the largest
foreground region is approximated by a quadrilateral. A quadrilateral is only called *reliable* when the colour
changes sharply along most of its four sides (a text block inside a flat scan does not qualify).
"""

from __future__ import annotations

import dataclasses
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
    # k-means++ draws its first centres from OpenCV's per-thread random generator, whose state depends on every
    # earlier call in the thread: seeded here, the same picture always gives the same clusters (and the same verdict)
    cv2.setRNGSeed(0)
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


#: A flat rectangle photographed from any usable angle: opposite sides at least this share of each other's length,
#: corners within this many degrees of square. Outside, the outline is not a document's (a shadow or a shading
#: gradient cut the paper in two).
MIN_OPPOSITE_RATIO, MAX_CORNER_SKEW = 0.5, 45.0


def photographed_rectangle(quad: np.ndarray) -> bool:
    """Whether an ordered quad can be the outline of a flat rectangle seen in perspective."""
    sides = [float(np.linalg.norm(quad[(i + 1) % 4] - quad[i])) for i in range(4)]
    if min(sides) < 1.0:
        return False
    if min(sides[0], sides[2]) / max(sides[0], sides[2]) < MIN_OPPOSITE_RATIO:
        return False
    if min(sides[1], sides[3]) / max(sides[1], sides[3]) < MIN_OPPOSITE_RATIO:
        return False
    for i in range(4):
        a, b = quad[i - 1] - quad[i], quad[(i + 1) % 4] - quad[i]
        cos = float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b)))
        if abs(90.0 - np.degrees(np.arccos(np.clip(cos, -1.0, 1.0)))) > MAX_CORNER_SKEW:
            return False
    return True


def _approx_quad(contour: np.ndarray) -> np.ndarray | None:
    hull = cv2.convexHull(contour)
    peri = cv2.arcLength(hull, True)
    quad = None
    for eps in (0.02, 0.03, 0.045, 0.06):
        approx = cv2.approxPolyDP(hull, eps * peri, True)
        if len(approx) == 4 and cv2.isContourConvex(approx):
            quad = order_corners(approx.reshape(4, 2).astype(np.float32))
            break
        if len(approx) < 4:
            break
    if quad is None:
        # fall back to the minimum-area rectangle when it covers the hull well (rounded card corners, slight bulges)
        rect = cv2.boxPoints(cv2.minAreaRect(hull))
        if cv2.contourArea(hull) / max(1.0, cv2.contourArea(rect)) > 0.9:
            quad = order_corners(rect)
    return quad if quad is not None and photographed_rectangle(quad) else None


#: Share of a quad's sides that must run along detected edges for the edge cue to be trusted.
EDGE_SUPPORT_MIN = 0.8
#: Relative tolerance on a document's known proportions (ID cards).
ASPECT_TOLERANCE = 0.12


@dataclass(slots=True)
class _EdgeCandidate:
    quad: np.ndarray | None  # in working-copy coordinates
    contour: np.ndarray
    area: float  # fraction of the frame
    solidity: float
    support: float  # fraction of the quad's sides on detected edges
    sides: tuple[str, ...]  # frame sides the outline touches

    def aspect(self) -> float:
        if self.quad is None:
            return 0.0
        w, h = quad_side_lengths(self.quad)
        return max(w, h) / max(1.0, min(w, h))

    def fits(self, aspect: float | None) -> bool:
        return aspect is None or abs(self.aspect() - aspect) / aspect <= ASPECT_TOLERANCE

    @property
    def reliable(self) -> bool:
        return self.quad is not None and self.support >= EDGE_SUPPORT_MIN and not self.sides and self.area >= 0.04


def _touching(pts: np.ndarray, w: int, h: int, tol: int = 2) -> tuple[str, ...]:
    return tuple(
        name
        for name, hit in (
            ("top", (pts[:, 1] <= tol).any()),
            ("right", (pts[:, 0] >= w - 1 - tol).any()),
            ("bottom", (pts[:, 1] >= h - 1 - tol).any()),
            ("left", (pts[:, 0] <= tol).any()),
        )
        if hit
    )


def _edge_candidate(gray: np.ndarray) -> _EdgeCandidate | None:
    """The document as the convex hull of every edge in the picture (a second cue, independent of colour).

    On a plain desk (white, light grey) the only edges are the document's: its border, however faint, and its
    text. Their hull is the document's outline when the border shows on every side; when it does not, the hull is
    the text block, whose sides do not run along edges (low support), so it is not trusted. On a textured desk the
    hull is the whole frame and the colour cue decides."""
    h, w = gray.shape
    edges = cv2.Canny(gray, 8, 24)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(edges, connectivity=8)
    if n <= 1:
        return None
    big = np.maximum(stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]) >= max(6, 0.012 * max(h, w))
    big[0] = False
    kept = big[labels]
    if not kept.any():
        return None
    ys, xs = np.nonzero(kept)
    pts = np.column_stack([xs, ys]).astype(np.int32)
    hull = cv2.convexHull(pts)
    area = cv2.contourArea(hull) / float(h * w)
    if area < 0.04:
        return None
    quad = _approx_quad(hull)
    support = 0.0
    if quad is not None:
        # a point of a side is supported by an edge on it, or by a steady brightness step across it (measured on a
        # median-filtered copy, so that text strokes do not count): a faint card border on a white desk
        near = cv2.dilate(kept.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
        flat = cv2.medianBlur(gray, 7).astype(np.float32)
        off = max(3.0, 0.01 * max(h, w))
        centre = quad.mean(axis=0)
        hits = total = 0
        for i in range(4):
            a, b = quad[i], quad[(i + 1) % 4]
            d = b - a
            length = float(np.linalg.norm(d))
            if length < 1:
                continue
            normal = np.array([-d[1], d[0]]) / length
            if np.dot((a + b) / 2 - centre, normal) < 0:
                normal = -normal
            for t in np.linspace(0.08, 0.92, 24):
                p = a + d * t
                pin, pout = p - normal * off, p + normal * off
                if not all(0 <= q[0] < w and 0 <= q[1] < h for q in (p, pin, pout)):
                    continue
                total += 1
                step = abs(flat[int(pin[1]), int(pin[0])] - flat[int(pout[1]), int(pout[0])]) >= 5
                hits += bool(near[int(p[1]), int(p[0])] or step)
        support = hits / total if total else 0.0
    outline = hull.reshape(-1, 2)
    return _EdgeCandidate(quad, outline, float(area), 1.0, support, _touching(outline, w, h))


def find_document(image: np.ndarray, aspect: float | None = None) -> DocumentRegion:
    """Locate the document in a BGR image (any size; a reduced working copy is analysed).

    Two cues: the colour difference from the desk (learned from the frame's border) and the outline of detected
    edges; ``aspect`` (long/short side, ID cards) is the document's known proportion. When the cues disagree about
    a document touching the frame, the region says so (``values["edges_unsure"]``) instead of calling it cut off."""
    region = _find_by_colour(image)
    try:
        return _with_edge_cue(image, region, aspect)
    except cv2.error:  # pragma: no cover - defensive
        return region


def _with_edge_cue(image: np.ndarray, region: DocumentRegion, aspect: float | None) -> DocumentRegion:
    small, f = shrink(image, WORK_SIDE)
    h, w = small.shape[:2]
    gray = cv2.GaussianBlur(cv2.cvtColor(small, cv2.COLOR_BGR2GRAY), (5, 5), 0)
    cand = _edge_candidate(gray)
    values = dict(region.values)
    if cand is None:
        values["edge_cue"] = "none"
        return dataclasses.replace(region, values=values)
    values.update(edge_cue_support=round(cand.support, 3), edge_cue_area=round(cand.area, 3), edge_cue_sides=list(cand.sides))
    inv = 1.0 / f
    colour_aspect = 0.0
    if region.quad is not None:
        qw, qh = quad_side_lengths(region.quad)
        colour_aspect = max(qw, qh) / max(1.0, min(qw, qh))
    colour_fits = aspect is None or (colour_aspect and abs(colour_aspect - aspect) / aspect <= ASPECT_TOLERANCE)

    def from_edges(reason: str) -> DocumentRegion:
        quad = cand.quad
        margin = float(min(quad[:, 0].min(), quad[:, 1].min(), w - 1 - quad[:, 0].max(), h - 1 - quad[:, 1].max()) / max(h, w))
        return DocumentRegion(
            quad=(quad * inv).astype(np.float32),
            contour=(quad * inv).astype(np.float32),
            area_fraction=cand.area,
            touches_border=False,
            border_sides=(),
            margin_fraction=margin,
            edge_support=cand.support,
            border_clean=region.border_clean,
            size=region.size,
            values={**values, "method": "edges", "edge_reason": reason},
        )

    edge_ok = cand.reliable and cand.fits(aspect)
    if region.touches_border:
        if edge_ok and cand.area >= 0.8 * region.area_fraction:
            return from_edges("colour region ran into the desk")  # the colour cue took part of the desk for paper
        if len(region.border_sides) >= 2 and not cand.sides:
            # the "document" reaches two or more frame sides by colour, but no edge meets the frame: the desk
            # itself was taken for the document; we cannot tell where the edges are
            values["edges_unsure"] = True
        return dataclasses.replace(region, values=values)
    if region.reliable and colour_fits:
        larger = (
            cand.quad is not None
            and not cand.sides
            and cand.support >= 0.6
            and cand.fits(aspect)
            and cand.area >= 1.15 * region.area_fraction
            and cv2.pointPolygonTest(cand.quad.reshape(-1, 1, 2), tuple(float(v) for v in region.quad.mean(axis=0) / inv), False) > 0
        )
        if larger:  # the colour outline covers only part of what the edges enclose (part of the paper taken for desk)
            return from_edges("colour outline covers part of the document")
        return dataclasses.replace(region, values=values)
    if edge_ok:
        return from_edges("colour outline unreliable" if not region.reliable else "colour outline has the wrong proportions")
    if region.quad is None and cand.sides and cand.area >= 0.15 and cand.support >= 0.5:
        # no colour difference at all, but a solid outlined region runs off the frame: probably a cut-off document,
        # but only one cue says so (desk texture can draw such an outline too): "edges not found", not "cut off"
        pts = cand.contour.astype(np.float32)
        values.update(method="edges", edges_unsure=True)
        return DocumentRegion(None, pts * inv, cand.area, True, cand.sides, 0.0, 0.0, False, region.size, values)
    return dataclasses.replace(region, values=values)


def _find_by_colour(image: np.ndarray) -> DocumentRegion:
    """Locate the document by its colour difference from the desk."""
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
