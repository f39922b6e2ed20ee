"""Image measurements behind the document checks: text-line direction, blur, glare and colourfulness.

Each function takes plain numpy images and returns numbers (and geometry); deciding pass/warn/fail and wording the
advice is done in :mod:`beian_desktop.imaging.documents`.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

# ---- orientation -----------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class TextLayout:
    """How the text of a document image is laid out (measured as the picture is, not rotated)."""

    ink_fraction: float  # share of pixels that are text-like ink
    row_contrast: float  # modulation of the row profile (high when text lines are horizontal)
    col_contrast: float  # modulation of the column profile (high when text lines are vertical)
    lines: int  # number of horizontal text bands found
    ink_centroid: tuple[float, float]  # (x, y) centre of the text ink, relative to the width and height

    @property
    def sideways_score(self) -> float:
        """> 1 when the text runs vertically (picture turned by 90°)."""
        return self.col_contrast / max(1e-6, self.row_contrast)


def text_ink(gray: np.ndarray) -> np.ndarray:
    """Binary mask (uint8 0/1) of text-like ink: dark strokes, without large blobs (photos, seals, emblems)."""
    h, w = gray.shape
    block = max(15, (max(h, w) // 30) | 1)
    ink = cv2.adaptiveThreshold(gray, 1, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 18)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if n <= 1:
        return ink
    short = min(h, w)
    comp_h = stats[:, cv2.CC_STAT_HEIGHT]
    comp_w = stats[:, cv2.CC_STAT_WIDTH]
    area = stats[:, cv2.CC_STAT_AREA]
    keep = (comp_h < 0.09 * short) & (comp_w < 0.09 * max(h, w)) & (area >= 3)
    keep[0] = False
    return keep[labels].astype(np.uint8)


def _modulation(profile: np.ndarray) -> float:
    n = len(profile)
    if n < 20 or profile.mean() <= 0:
        return 0.0
    small = max(1, n // 200)
    p = np.convolve(profile, np.ones(small) / small, mode="same")
    big = max(3, n // 12)
    trend = np.convolve(p, np.ones(big) / big, mode="same")
    return float(np.abs(p - trend).mean() / max(1e-6, p.mean()))


def _bands(rows: np.ndarray) -> list[tuple[int, int]]:
    """Horizontal text bands (y0, y1) from the row profile of the ink."""
    if rows.max() <= 0:
        return []
    on = rows > 0.12 * rows.max()
    bands = []
    n = len(on)
    min_h = max(2, n // 200)
    y = 0
    while y < n:
        if on[y]:
            y0 = y
            while y < n and on[y]:
                y += 1
            if y - y0 >= min_h:
                bands.append((y0, y))
        else:
            y += 1
    return bands


def text_layout(gray: np.ndarray) -> TextLayout:
    """Measure the text layout of a grayscale document image (ideally rectified, long side ~1000 px)."""
    ink = text_ink(gray)
    h, w = ink.shape
    ys, xs = np.nonzero(ink)
    centroid = (float(xs.mean() / w), float(ys.mean() / h)) if len(xs) else (0.5, 0.5)
    rows = ink.sum(axis=1).astype(np.float32)
    return TextLayout(
        ink_fraction=float(ink.mean()),
        row_contrast=_modulation(rows),
        col_contrast=_modulation(ink.sum(axis=0).astype(np.float32)),
        lines=len(_bands(rows)),
        ink_centroid=centroid,
    )


# ---- blur ------------------------------------------------------------------------------------------------------------


def blur_effect(gray: np.ndarray) -> float:
    """No-reference blur measure in [0, 1] (0 sharp, 1 blurred) after Crété-Roffet et al., "The Blur Effect" (2007).

    The picture is blurred again with a 1x9 box filter in each direction; a sharp picture loses much of its
    neighbour-to-neighbour variation, an already blurred one loses little. Only pixels near strong edges count, so
    sensor noise on blank paper does not pass for sharpness.
    """
    g = gray.astype(np.float32)
    strong = cv2.GaussianBlur(g, (0, 0), 1.0)
    gx = cv2.Sobel(strong, cv2.CV_32F, 1, 0)
    gy = cv2.Sobel(strong, cv2.CV_32F, 0, 1)
    mag = cv2.magnitude(gx, gy)
    if mag.max() <= 0:
        return 1.0
    edges = (mag > max(20.0, float(np.percentile(mag, 90)))).astype(np.uint8)
    edges = cv2.dilate(edges, np.ones((5, 5), np.uint8)).astype(bool)
    if edges.sum() < 50:
        return 1.0
    results = []
    for axis, ksize in ((0, (1, 9)), (1, (9, 1))):
        b = cv2.blur(g, ksize)
        d_f = np.abs(np.diff(g, axis=1 - axis))
        d_b = np.abs(np.diff(b, axis=1 - axis))
        m = edges[:, 1:] if axis == 0 else edges[1:, :]
        v = np.maximum(0.0, d_f - d_b)
        s_f = float(d_f[m].sum())
        s_v = float(v[m].sum())
        results.append(1.0 - s_v / s_f if s_f > 0 else 1.0)
    return float(max(results))


#: The eight directions of :func:`motion_blur` as integer pixel steps (dx, dy), 0° to 157.5°.
_STEPS = ((2, 0), (2, 1), (1, 1), (1, 2), (0, 2), (-1, 2), (-1, 1), (-2, 1))


def motion_blur(gray: np.ndarray, length: int = 9) -> tuple[float, float]:
    """Direction-aware blur: (score in [0, 1], direction in degrees) of the direction the picture is most blurred
    along. The blur effect of Crété-Roffet et al. (see :func:`blur_effect`), but with a line kernel and neighbour
    differences along each of eight directions, not only rows and columns: camera shake blurs along one direction,
    which the row/column measure sees only partly when it is oblique. Only pixels near strong edges count."""
    g = gray.astype(np.float32)
    smooth = cv2.GaussianBlur(g, (0, 0), 1.0)
    mag = cv2.magnitude(cv2.Sobel(smooth, cv2.CV_32F, 1, 0), cv2.Sobel(smooth, cv2.CV_32F, 0, 1))
    if mag.max() <= 0:
        return 1.0, 0.0
    edges = (mag > max(20.0, float(np.percentile(mag, 90)))).astype(np.uint8)
    edges = cv2.dilate(edges, np.ones((5, 5), np.uint8)).astype(bool)
    if edges.sum() < 50:
        return 1.0, 0.0
    h, w = g.shape
    best, best_angle = 0.0, 0.0
    c = length // 2
    for dx, dy in _STEPS:
        kernel = np.zeros((length, length), np.float32)
        n = np.hypot(dx, dy)
        ex, ey = dx / n * c, dy / n * c
        cv2.line(kernel, (int(round(c - ex)), int(round(c - ey))), (int(round(c + ex)), int(round(c + ey))), 1.0, 1)
        blurred = cv2.filter2D(g, -1, kernel / kernel.sum())
        # differences between each pixel and its neighbour (dx, dy) away, on the picture and on its blurred copy
        y0, y1 = 0, h - dy
        x0, x1 = max(0, -dx), w - max(0, dx)
        a, b = g[y0:y1, x0:x1], g[y0 + dy : y1 + dy, x0 + dx : x1 + dx]
        ab, bb = blurred[y0:y1, x0:x1], blurred[y0 + dy : y1 + dy, x0 + dx : x1 + dx]
        m = edges[y0:y1, x0:x1]
        d_f = np.abs(a - b)[m]
        d_b = np.abs(ab - bb)[m]
        s_f = float(d_f.sum())
        if s_f <= 0:
            continue
        score = 1.0 - float(np.maximum(0.0, d_f - d_b).sum()) / s_f
        if score > best:
            best, best_angle = score, float(np.degrees(np.arctan2(dy, dx)))
    return best, best_angle


# ---- glare -----------------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class GlareMeasure:
    fraction: float  # clipped highlight area inside the document / document area
    largest: float  # largest blob / document area
    blobs: list[list[int]]  # [x, y, w, h] boxes of the highlight blobs (in the analysed image)
    paper_level: float  # typical brightness of the document (a white page at 255 cannot show glare)


def measure_glare(image: np.ndarray, mask: np.ndarray) -> GlareMeasure:
    """Specular highlights: clipped, colourless blobs inside ``mask`` that are brighter than the document itself."""
    inside = mask > 0
    area = max(1, int(inside.sum()))
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    paper = float(np.percentile(gray[inside][::7], 60)) if inside.any() else 0.0
    b, g, r = cv2.split(image)
    clipped = ((cv2.min(cv2.min(b, g), r) >= 248) & inside).astype(np.uint8)
    k = max(3, (max(image.shape[:2]) // 200) | 1)
    clipped = cv2.morphologyEx(clipped, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(clipped, connectivity=8)
    blobs, total, largest = [], 0, 0
    min_area = 0.0015 * area
    for i in range(1, n):
        a = int(stats[i, cv2.CC_STAT_AREA])
        if a < min_area:
            continue
        x, y, bw, bh = (int(v) for v in stats[i, :4])
        blob = (labels[y : y + bh, x : x + bw] == i).astype(np.uint8)
        contours, _ = cv2.findContours(blob, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        filled = np.zeros_like(blob)
        cv2.drawContours(filled, contours, -1, 1, -1)
        r = max(1, int(0.25 * np.sqrt(filled.sum() / np.pi)))
        core = cv2.erode(filled, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * r + 1, 2 * r + 1)))
        if core.any() and float(blob[core > 0].mean()) < 0.9:
            continue  # text still shows through its core: bright paper, not a highlight hiding content
        total += a
        largest = max(largest, a)
        blobs.append([int(stats[i, 0]), int(stats[i, 1]), int(stats[i, 2]), int(stats[i, 3])])
    return GlareMeasure(total / area, largest / area, blobs, paper)


# ---- colour (photocopies) ------------------------------------------------------------------------------------------


#: Lab chroma (distance from the document's own neutral) above which a pixel counts as coloured.
CHROMA_MIN = 12.0


@dataclass(slots=True)
class ColourMeasure:
    exact_gray: bool  # every pixel has equal channels (a grayscale file or a B&W scan)
    colour_fraction: float  # share of document pixels clearly coloured after removing the colour cast
    mean_chroma: float


def measure_colour(image: np.ndarray, mask: np.ndarray) -> ColourMeasure:
    """How colourful the document is, ignoring a uniform colour cast from the light or white balance."""
    b, g, r = cv2.split(image)
    exact = bool(max(cv2.absdiff(b, g).max(), cv2.absdiff(g, r).max()) <= 3)
    lab = cv2.cvtColor(image, cv2.COLOR_BGR2LAB)
    inside = mask > 0
    if not inside.any():
        inside = np.ones(mask.shape, bool)
    a = lab[..., 1][inside].astype(np.float32)
    bb = lab[..., 2][inside].astype(np.float32)
    chroma = np.hypot(a - np.median(a[::11]), bb - np.median(bb[::11]))
    return ColourMeasure(exact, float((chroma > CHROMA_MIN).mean()), float(chroma.mean()))
