"""The ``backdrop`` check: the Alibaba Cloud backdrop (blue cloth with repeated white text) fills the background.

Everything runs on the reduced working copy (~500 px long side):

* **Cloth colour**: blue in HSV (hue window wide enough for warm/cold white balance, any brightness above deep
  shadow), so folds, shading and uneven light do not matter.
* **Printed text**: small bright, unsaturated strokes (a white top-hat finds thin bright structures and ignores large
  soft ones like clouds or glare) that lie *inside* blue cloth. The text is what tells the backdrop from a plain blue
  wall, a blue curtain or the sky, so it must be found repeatedly across the background.
* **Coverage**: the background is everything outside a generous person envelope derived from the face box (head,
  neck, shoulders, torso down to the bottom edge). The share of backdrop pixels is measured over the whole background
  and separately on each frame edge.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from beian_desktop.i18n import Msg
from beian_desktop.imaging.face import Face
from beian_desktop.imaging.report import CheckResult

# Colour window of the cloth (OpenCV HSV: hue 0-180).
BLUE_HUE = (88, 135)
BLUE_MIN_SAT = 55
BLUE_MIN_VAL = 30
# Printed text: bright and unsaturated relative to the cloth.
TEXT_MAX_SAT = 110
TEXT_MIN_TOPHAT = 15  # grey levels
TEXT_MIN_CONTRAST = 0.35  # stroke brightness above the cloth, relative to the cloth

# Decision thresholds (fractions).
COVERAGE_PASS, COVERAGE_FAIL = 0.90, 0.75
EDGE_PASS, EDGE_FAIL = 0.85, 0.60
TEXT_PASS, TEXT_FAIL = 0.30, 0.12
MIN_TEXT_BLOBS = 4


@dataclass(slots=True)
class BackdropMaps:
    """Pixel masks (uint8 0/1) of the working copy."""

    blue: np.ndarray
    text: np.ndarray
    backdrop: np.ndarray  # cloth including its printed text
    text_blobs: int


def person_envelope(shape: tuple[int, int], face: Face | None) -> np.ndarray:
    """A generous mask (uint8 0/1) of where the person may be: head ellipse plus neck, shoulders and torso.

    Without a face the envelope is empty (the whole picture is background).
    """
    h, w = shape[:2]
    mask = np.zeros((h, w), np.uint8)
    if face is None:
        return mask
    fx, fy, fw, fh = face.box
    cx = fx + fw / 2
    cv2.ellipse(mask, (int(cx), int(fy + 0.42 * fh)), (int(0.85 * fw), int(1.0 * fh)), 0, 0, 360, 1, -1)
    pts = np.array(
        [
            (cx - 0.6 * fw, fy + 0.85 * fh),
            (cx + 0.6 * fw, fy + 0.85 * fh),
            (cx + 1.3 * fw, fy + 1.25 * fh),
            (cx + 2.1 * fw, fy + 1.7 * fh),
            (cx + 2.5 * fw, h + fh),
            (cx - 2.5 * fw, h + fh),
            (cx - 2.1 * fw, fy + 1.7 * fh),
            (cx - 1.3 * fw, fy + 1.25 * fh),
        ],
        np.int32,
    )
    cv2.fillPoly(mask, [pts], 1)
    return mask


def segment(bgr: np.ndarray) -> BackdropMaps:
    """Blue cloth, printed text and their union for a BGR working copy."""
    h, w = bgr.shape[:2]
    hsv = cv2.cvtColor(bgr, cv2.COLOR_BGR2HSV)
    hue, sat, val = cv2.split(hsv)
    blue = ((hue >= BLUE_HUE[0]) & (hue <= BLUE_HUE[1]) & (sat >= BLUE_MIN_SAT) & (val >= BLUE_MIN_VAL)).astype(np.uint8)
    # Text strokes: thin bright structures (top-hat), unsaturated, surrounded by cloth.
    k = max(5, int(round(min(h, w) * 0.035)) | 1)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k))
    # White strokes on blue cloth stand out most in the weakest channel (white is bright in all three, the cloth
    # is dark in red and green); the contrast is taken relative to the cloth's brightness, so a dim or a bright
    # picture is judged alike.
    b, g, r = cv2.split(bgr)
    whiteness = cv2.min(cv2.min(b, g), r)
    tophat = cv2.morphologyEx(whiteness, cv2.MORPH_TOPHAT, kernel)
    cloth_level = cv2.morphologyEx(val, cv2.MORPH_OPEN, kernel).astype(np.float32)
    threshold = np.maximum(TEXT_MIN_TOPHAT, cloth_level * TEXT_MIN_CONTRAST)
    bright = (tophat >= threshold) & (sat <= TEXT_MAX_SAT)
    near = max(5, (k * 2) | 1)
    blue_share = cv2.blur(blue.astype(np.float32), (near, near))
    text = (bright & (blue_share >= 0.35)).astype(np.uint8)
    # count stroke groups (characters) of plausible size
    grouped = cv2.dilate(text, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
    n, _, stats, _ = cv2.connectedComponentsWithStats(grouped, connectivity=8)
    areas = stats[1:, cv2.CC_STAT_AREA]
    max_area = (0.12 * min(h, w)) ** 2
    blobs = int(np.count_nonzero((areas >= 6) & (areas <= max_area)))
    # the cloth behind the text: blue, plus text, plus small holes closed
    backdrop = blue | text
    backdrop = cv2.morphologyEx(backdrop, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (5, 5)))
    return BackdropMaps(blue=blue, text=text, backdrop=backdrop, text_blobs=blobs)


def _edge_shares(backdrop: np.ndarray, background: np.ndarray) -> dict[str, float]:
    h, w = backdrop.shape
    t = max(2, int(round(min(h, w) * 0.02)))
    strips = {
        "top": (slice(0, t), slice(None)),
        "bottom": (slice(h - t, h), slice(None)),
        "left": (slice(None), slice(0, t)),
        "right": (slice(None), slice(w - t, w)),
    }
    shares = {}
    for name, (ys, xs) in strips.items():
        bg = background[ys, xs].astype(bool)
        count = int(np.count_nonzero(bg))
        # an edge hidden by the person (e.g. the bottom edge behind the torso) has nothing to judge
        shares[name] = float(np.count_nonzero(backdrop[ys, xs][bg]) / count) if count >= 0.15 * bg.size else 1.0
    return shares


def _text_score(maps: BackdropMaps, background: np.ndarray) -> tuple[float, int]:
    """Share of backdrop cells (outside the person) that carry printed text, and the number of such cells."""
    h, w = background.shape
    cell = max(16, int(min(h, w) * 0.16))
    eligible = with_text = 0
    for y in range(0, h - cell // 2, cell):
        for x in range(0, w - cell // 2, cell):
            bg = background[y : y + cell, x : x + cell]
            if bg.mean() < 0.8:
                continue
            cloth = maps.backdrop[y : y + cell, x : x + cell]
            if cloth.mean() < 0.8:
                continue
            eligible += 1
            if maps.text[y : y + cell, x : x + cell].mean() >= 0.006:
                with_text += 1
    return (with_text / eligible if eligible else 0.0), eligible


def check_backdrop(bgr: np.ndarray, face: Face | None, maps: BackdropMaps | None = None, envelope: np.ndarray | None = None) -> CheckResult:
    """Judge the background of a BGR working copy; ``face`` in working-copy coordinates (or None)."""
    maps = maps or segment(bgr)
    if envelope is None:
        envelope = person_envelope(bgr.shape, face)
    background = (1 - envelope).astype(np.uint8)
    bg_pixels = int(np.count_nonzero(background))
    if bg_pixels < 0.05 * background.size:
        return CheckResult(
            "backdrop",
            "warn",
            Msg("背景几乎被人物挡住，无法判断幕布：请后退一些，让幕布露出来", "Too little background is visible to judge the backdrop: step back."),
            {"background_share": bg_pixels / background.size},
        )
    coverage = float(np.count_nonzero(maps.backdrop & background) / bg_pixels)
    edges = _edge_shares(maps.backdrop, background)
    min_edge_name = min(edges, key=edges.get)
    min_edge = edges[min_edge_name]
    text_score, cells = _text_score(maps, background)
    values = {
        "coverage": coverage,
        "edges": edges,
        "text_score": text_score,
        "text_cells": cells,
        "text_blobs": maps.text_blobs,
    }
    blue_share = float(np.count_nonzero(maps.blue & background) / bg_pixels)
    values["blue_share"] = blue_share
    has_text = text_score >= TEXT_PASS and maps.text_blobs >= MIN_TEXT_BLOBS
    no_text = text_score < TEXT_FAIL or maps.text_blobs < MIN_TEXT_BLOBS

    edge_zh = {"top": "上", "bottom": "下", "left": "左", "right": "右"}[min_edge_name]
    if coverage < COVERAGE_FAIL and (blue_share < 0.08 or maps.text_blobs < MIN_TEXT_BLOBS):
        status, msg = "fail", Msg(
            "背景不是阿里云幕布（蓝底白字）：请站在幕布前拍摄，让幕布铺满整个背景",
            "The background is not the Alibaba Cloud backdrop (blue with white text): stand in front of it so it fills the background.",
        )
    elif coverage < COVERAGE_FAIL or min_edge < EDGE_FAIL:
        status, msg = "fail", Msg(
            f"幕布只覆盖了部分背景（{coverage:.0%}），{edge_zh}边缘露出了其他背景：请靠近幕布或调整取景，让幕布铺满画面",
            f"The backdrop covers only part of the background ({coverage:.0%}); other things show at the {min_edge_name} edge: "
            "move closer to the backdrop or reframe so it fills the picture.",
        )
    elif no_text:
        status, msg = "fail", Msg(
            "背景是蓝色的，但看不到幕布上的白色“阿里云”字样：必须使用阿里云邮寄的幕布（纯蓝墙面、窗帘或天空不行）",
            "The background is blue but the white Alibaba Cloud text is not visible: use the backdrop Alibaba Cloud mailed "
            "(a plain blue wall, curtain or the sky is not accepted).",
        )
    elif coverage < COVERAGE_PASS or min_edge < EDGE_PASS:
        status, msg = "warn", Msg(
            f"幕布覆盖了 {coverage:.0%} 的背景，{edge_zh}边缘附近有其他物体：请让幕布铺满整个背景",
            f"The backdrop covers {coverage:.0%} of the background; something else shows near the {min_edge_name} edge: "
            "make the backdrop fill the whole background.",
        )
    elif not has_text:
        status, msg = "warn", Msg(
            "幕布上的白色字样不够清楚：请展平幕布、保证光线充足",
            "The white text on the backdrop is hard to see: smooth the cloth and light it well.",
        )
    else:
        status, msg = "pass", Msg("背景为阿里云幕布，铺满画面", "The Alibaba Cloud backdrop fills the background.")
    return CheckResult("backdrop", status, msg, values)
