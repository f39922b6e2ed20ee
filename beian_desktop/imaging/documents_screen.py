"""Screen re-shots: a photo of a document shown on a monitor or phone instead of the document itself.

An LCD panel is a regular grid of pixels (three colour stripes each, a dark line between rows) that is lit even where
the document is white. A camera sees that grid (or its moiré, where it samples the grid too coarsely) as a periodic
texture over the document's paper: isolated strong peaks in the spectrum of a high-pass copy, lying along the axes of
the screen, which are the axes of the document shown on it. Paper has none of this: printed paper is flat where it is
white; halftone tints are printed as dot screens turned by 15-75°, and a desk's weave lies outside the document.

:func:`measure_screen` looks at square tiles of paper-bright, flat areas inside the document, at the best resolution
decoded (see ``detail`` in :mod:`beian_desktop.imaging.documents`), and counts the tiles whose high-pass spectrum has
such peaks on both axes: a grid repeats across and down, while a shaken picture streaks the paper's grain along one
direction only. JPEG's own 8-px block grid is left out (its peaks sit exactly at multiples of 1/8 cycle per pixel).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

TILE = 64
#: Peak power over the median power of the band. White noise tops out near 10 in a 64-px tile, and paper with its
#: JPEG and resampling traces near 30-100; a pattern one can see (a grid, moiré) gives thousands and more. A tile
#: counts when its peak is twenty times the noise's own maximum.
PEAK_PROMINENCE = 200.0
#: A grid's peak lies within this angle of the document's axes (halftone screens: 15° and more away).
AXIS_TOLERANCE_DEG = 10.0
#: Band of frequencies looked at, in cycles per pixel: a screen's grid or its moiré at 2-8 px; slower patterns are
#: the document's own design (guilloche, lines of text).
BAND = (0.125, 0.5)
#: Share of the tiles that must carry the grid, and the least number of tiles to judge on.
SCREEN_SHARE, MIN_TILES = 0.5, 6
#: Most tiles measured (spread evenly): enough for the share, bounded time.
MAX_TILES = 48


@dataclass(slots=True)
class ScreenMeasure:
    tiles: int  # tiles of flat, paper-bright document measured
    grid_tiles: int  # of which carry an axis-aligned periodic peak
    prominence: float  # median peak prominence over the tiles

    @property
    def share(self) -> float:
        return self.grid_tiles / self.tiles if self.tiles else 0.0

    @property
    def screen(self) -> bool:
        return self.tiles >= MIN_TILES and self.share >= SCREEN_SHARE


def _band_layout():
    iy = np.fft.fftfreq(TILE, 1 / TILE)[:, None]
    ix = np.fft.rfftfreq(TILE, 1 / TILE)[None, :]
    r = np.hypot(ix, iy) / TILE
    jpeg = np.zeros(r.shape, bool)
    for k in range(TILE // 8, TILE // 2 + 1, TILE // 8):  # the 8-px block grid and its harmonics
        jpeg |= (np.abs(np.abs(ix) - k) <= 1) & (np.abs(iy) <= 1)
        jpeg |= (np.abs(np.abs(iy) - k) <= 1) & (np.abs(ix) <= 1)
    band = (r >= BAND[0]) & (r <= BAND[1]) & ~jpeg
    angle = np.degrees(np.arctan2(np.broadcast_to(iy, r.shape), np.broadcast_to(ix, r.shape)))
    return band, angle[band]


_BAND, _ANGLES = _band_layout()
_WINDOW = np.outer(np.hanning(TILE), np.hanning(TILE)).astype(np.float32)


def _axes(doc_angle: float) -> tuple[np.ndarray, np.ndarray]:
    """For each band frequency: whether it lies on one of the document's axes (within the tolerance), and which axis
    it is nearest (0: along the document's width, 1: along its height)."""
    offsets = (_ANGLES - doc_angle + 45.0) % 90.0 - 45.0  # signed angle from the nearest axis, in (-45, 45]
    return np.abs(offsets) <= AXIS_TOLERANCE_DEG, np.round((_ANGLES - doc_angle) / 90.0).astype(int) % 2


def _grid_peaks(relative: np.ndarray, on_axis: np.ndarray, axis: np.ndarray) -> bool:
    """Whether a tile's band (power over its median) has a grid's peaks: its strongest peak on one of the document's
    axes, and a prominent peak on the other axis too. A pixel grid repeats across and down; a shaken picture or lines
    of text repeat along one direction only."""
    k = int(np.argmax(relative))
    if relative[k] < PEAK_PROMINENCE or not on_axis[k]:
        return False
    return bool((on_axis & (axis != axis[k]) & (relative >= PEAK_PROMINENCE)).any())


def measure_screen(detail: np.ndarray, small: np.ndarray, mask: np.ndarray | None = None, doc_angle: float = 0.0) -> ScreenMeasure:
    """``detail``: the picture (BGR or grey, uint8) at the best resolution at hand; ``small``: the same picture reduced
    (grey, where the paper is told from ink), ``mask``: the document in ``small`` (non-zero); ``doc_angle``: the
    document's rotation in the picture, in degrees (its axes are the screen's)."""
    inside = np.ones(small.shape, bool) if mask is None else mask > 0
    if not inside.any():
        return ScreenMeasure(0, 0, 0.0)
    smooth = cv2.GaussianBlur(small, (0, 0), 1.0)  # averages a screen's grid away, keeps the strokes
    paper = float(np.percentile(smooth[inside][:: max(1, int(inside.sum()) // 20000)], 90))
    # paper-bright and away from ink (a tile of text has the lines' own rhythm)
    bright = ((smooth >= 0.8 * paper) & inside).astype(np.uint8)
    flat = cv2.erode(bright, np.ones((5, 5), np.uint8))
    integral = cv2.integral(flat)
    f = detail.shape[1] / small.shape[1]
    side = max(2, int(np.ceil(TILE / f)))  # the tile's size in ``small``
    h, w = detail.shape[:2]
    # tiles every half tile, in reading order; a tile counts when its footprint in ``small`` is (almost) all flat paper
    ys, xs = np.arange(0, h - TILE + 1, TILE // 2), np.arange(0, w - TILE + 1, TILE // 2)
    sy, sx = (ys / f).astype(int), (xs / f).astype(int)
    ys, sy = ys[sy + side < integral.shape[0]], sy[sy + side < integral.shape[0]]
    xs, sx = xs[sx + side < integral.shape[1]], sx[sx + side < integral.shape[1]]
    count = (
        integral[np.ix_(sy + side, sx + side)] - integral[np.ix_(sy, sx + side)] - integral[np.ix_(sy + side, sx)] + integral[np.ix_(sy, sx)]
    )
    rows, cols = np.nonzero(count >= 0.97 * side * side)
    spots = [(int(ys[r]), int(xs[c])) for r, c in zip(rows, cols)]
    if len(spots) > MAX_TILES:
        spots = [spots[i] for i in np.linspace(0, len(spots) - 1, MAX_TILES).round().astype(int)]
    grid, prominences = 0, []
    on_axis, axis = _axes(doc_angle)
    for y, x in spots:
        y0, x0 = max(0, y - 8), max(0, x - 8)
        patch = detail[y0 : y + TILE + 8, x0 : x + TILE + 8]
        if patch.ndim == 3:  # only the tiles are turned grey: the detail image can be a 12 MP photo
            patch = cv2.cvtColor(patch, cv2.COLOR_BGR2GRAY)
        patch = patch.astype(np.float32)
        hp = patch - cv2.GaussianBlur(patch, (0, 0), 1.5)
        tile = hp[y - y0 : y - y0 + TILE, x - x0 : x - x0 + TILE]
        power = np.abs(np.fft.rfft2((tile - tile.mean()) * _WINDOW)) ** 2
        band = power[_BAND]
        level = max(1e-6, float(np.median(band)))
        k = int(np.argmax(band))
        prominence = float(band[k] / level)
        prominences.append(prominence)
        if prominence >= PEAK_PROMINENCE and _grid_peaks(band / level, on_axis, axis):
            grid += 1
    return ScreenMeasure(len(spots), grid, float(np.median(prominences)) if prominences else 0.0)
