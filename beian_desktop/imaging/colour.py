"""Colour constancy: correct the white balance from a neutral reference before colours are judged.

A photo under warm light or with a cool camera white balance shifts every colour: blue ×1.12 and red ×0.88 is enough
to turn a white shirt "light blue". The reference is something known to be neutral in the picture - the backdrop's
white print, or a plain white/grey background - and the gains make its brightest part grey again (von Kries scaling).
The gains are bounded (a ±25 % correction at most), so a strongly coloured reference cannot repaint the picture.
"""

from __future__ import annotations

import numpy as np

#: Fewest reference pixels for a correction; bounds of a gain.
MIN_REFERENCE = 40
GAIN_RANGE = (0.8, 1.25)


def white_balance_gains(bgr: np.ndarray, reference: np.ndarray) -> np.ndarray | None:
    """Per-channel (B, G, R) gains that make the ``reference`` pixels (bool/0-1 mask) neutral, or None without enough.

    Only the brightest, least saturated quarter of the reference is used (the cores of print strokes, the lit part of
    a wall): thin white strokes on blue cloth are mixed with the cloth at their edges, and a JPEG's halved colour
    resolution spreads the cloth's blue into them, which would otherwise read as a cool cast."""
    ref = bgr[reference.astype(bool)].astype(np.float64)
    if len(ref) < MIN_REFERENCE:
        return None
    level = ref.min(axis=1)
    spread = ref.max(axis=1) - level  # chroma, as HSV saturation without the division
    score = level - 2.0 * spread
    ref = ref[score >= np.percentile(score, 75)]
    if len(ref) < MIN_REFERENCE // 2:
        return None
    means = ref.mean(axis=0)
    if means.min() < 40:  # too dark to be a white reference
        return None
    gains = means.mean() / means
    return np.clip(gains, *GAIN_RANGE).astype(np.float32)


def apply_gains(bgr: np.ndarray, gains: np.ndarray | None) -> np.ndarray:
    """``bgr`` with the gains applied (a copy; unchanged when ``gains`` is None)."""
    if gains is None:
        return bgr
    return np.clip(bgr.astype(np.float32) * gains[None, None, :], 0, 255).astype(np.uint8)
