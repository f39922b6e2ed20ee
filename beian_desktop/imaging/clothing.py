"""The ``clothing`` check: the top must be neither red nor blue (blue merges with the backdrop).

The torso is judged below the chin, in a box under the face (working-copy coordinates). Skin (neck, hands) is left
out, and so is dark hair falling over the shoulders, unless such pixels make up most of the box (a beige or black top
looks like skin or hair to a colour rule). Blue pixels are *not* left out as backdrop: inside the torso box a blue top
and the cloth are indistinguishable, which is exactly why blue tops are refused. Printed backdrop text is left out.

Each pixel gets a colour class in HSV; the shares decide: red or blue above :data:`DOMINANT` fails, an ambiguous
colour (navy, purple, pink, teal) above it warns, a smaller but noticeable red/blue share warns.
"""

from __future__ import annotations

import cv2
import numpy as np

from beian_desktop.i18n import Msg
from beian_desktop.imaging.face import Face
from beian_desktop.imaging.report import CheckResult

DOMINANT = 0.35  # share of the torso that makes a colour "the colour of the top"
NOTICEABLE = 0.18  # red or blue share that deserves a warning
MIN_PIXELS = 150

COLOUR_NAMES = {
    "red": Msg("红色", "red"),
    "blue": Msg("蓝色", "blue"),
    "light_blue": Msg("浅蓝色", "light blue"),
    "navy": Msg("藏青色/深蓝色", "navy"),
    "purple": Msg("紫色", "purple"),
    "pink": Msg("粉色", "pink"),
    "teal": Msg("青绿色", "teal"),
}
FAIL_COLOURS = ("red", "blue", "light_blue")
WARN_COLOURS = ("navy", "purple", "pink", "teal")


def torso_box(shape: tuple[int, int], face: Face) -> tuple[int, int, int, int] | None:
    """(x, y, w, h) of the region judged as the top, clipped to the image; None when it is (almost) outside."""
    h, w = shape[:2]
    fx, fy, fw, fh = face.box
    cx = fx + fw / 2
    x0, x1 = int(max(0, cx - 0.85 * fw)), int(min(w, cx + 0.85 * fw))
    y0, y1 = int(max(0, fy + 1.2 * fh)), int(min(h, fy + 2.6 * fh))
    if x1 - x0 < 4 or y1 - y0 < 4:
        return None
    return x0, y0, x1 - x0, y1 - y0


def classify_pixels(bgr: np.ndarray) -> dict[str, np.ndarray]:
    """Boolean masks of colour classes for a BGR patch."""
    hsv = cv2.cvtColor(bgr, cv2.COLOR_BGR2HSV)
    hue, sat, val = (c.astype(np.int16) for c in cv2.split(hsv))
    ycc = cv2.cvtColor(bgr, cv2.COLOR_BGR2YCrCb)
    cr, cb = ycc[..., 1].astype(np.int16), ycc[..., 2].astype(np.int16)
    skin = (cr >= 135) & (cr <= 175) & (cb >= 77) & (cb <= 130) & (hue <= 25) & (val >= 60)
    reddish = (hue <= 5) | (hue >= 171)
    classes = {
        "skin": skin,
        "red": reddish & (sat >= 110) & (val >= 35) & ~skin,
        "pink": (((hue >= 150) & (hue < 171)) | (reddish & (sat < 110))) & (sat >= 50) & (val >= 120) & ~skin,
        "purple": (hue >= 133) & (hue < 150) & (sat >= 50) & (val >= 35),
        "teal": (hue >= 78) & (hue < 95) & (sat >= 60) & (val >= 40),
        "blue": (hue >= 95) & (hue < 133) & (sat >= 80) & (val >= 110),
        "light_blue": (hue >= 92) & (hue < 128) & (sat >= 45) & (sat < 80) & (val >= 140),
        "navy": (hue >= 100) & (hue < 135) & (sat >= 70) & (val >= 25) & (val < 110),
        "dark": (val < 70) & (sat < 90),
    }
    # a pixel belongs to at most one colour class (first wins)
    taken = np.zeros(hue.shape, bool)
    for name in ("red", "blue", "light_blue", "navy", "purple", "pink", "teal"):
        classes[name] &= ~taken
        taken |= classes[name]
    return classes


def check_clothing(bgr: np.ndarray, face: Face | None, text_mask: np.ndarray | None = None) -> tuple[CheckResult, tuple | None]:
    """The clothing check and the torso box it judged (working-copy coordinates)."""
    if face is None:
        return (
            CheckResult(
                "clothing", "warn", Msg("未找到人脸，无法判断上衣颜色", "No face found, so the top could not be judged.")
            ),
            None,
        )
    box = torso_box(bgr.shape, face)
    if box is None or box[3] < 0.25 * face.h:
        return (
            CheckResult(
                "clothing",
                "warn",
                Msg("画面中看不到上衣：请拍摄上半身", "The top is not in the picture: take an upper-body photo."),
            ),
            box,
        )
    x, y, w, h = box
    patch = bgr[y : y + h, x : x + w]
    classes = classify_pixels(patch)
    keep = np.ones(patch.shape[:2], bool)
    if text_mask is not None:
        keep &= ~text_mask[y : y + h, x : x + w].astype(bool)
    skin = classes["skin"] & keep
    if skin.sum() < 0.5 * keep.sum():
        keep &= ~skin
    # hair over the shoulders: dark pixels in the upper part of the box, unless dark dominates (a black top)
    hair = np.zeros_like(keep)
    hair[: max(1, h // 3)] = classes["dark"][: max(1, h // 3)]
    if (hair & keep).sum() < 0.5 * keep[: max(1, h // 3)].sum():
        keep &= ~hair
    total = int(keep.sum())
    if total < MIN_PIXELS:
        return (
            CheckResult(
                "clothing",
                "warn",
                Msg("上衣区域太小，无法判断颜色：请拍摄上半身", "Too little of the top is visible to judge its colour."),
                {"pixels": total},
            ),
            box,
        )
    shares = {name: float((classes[name] & keep).sum() / total) for name in FAIL_COLOURS + WARN_COLOURS}
    values: dict = {"shares": shares, "pixels": total}
    blue_total = shares["blue"] + shares["light_blue"]
    values["blue_total"] = blue_total
    status, colour, msg = _judge(shares, blue_total)
    return CheckResult("clothing", status, msg, values | {"colour": colour}), box


def _judge(shares: dict[str, float], blue_total: float) -> tuple[str, str, Msg]:
    """(status, colour id, advice) from the colour shares of the top."""
    if shares["red"] >= DOMINANT:
        return "fail", "red", Msg(
            "上衣是红色的：请换一件非红、非蓝的上衣（如白色、灰色、黑色）",
            "The top is red: wear a top that is neither red nor blue (e.g. white, grey, black).",
        )
    if blue_total >= DOMINANT:
        colour = "light_blue" if shares["light_blue"] > shares["blue"] else "blue"
        name = COLOUR_NAMES[colour]
        return "fail", colour, Msg(
            f"上衣是{name.zh}的，会与蓝色幕布混在一起：请换一件非红、非蓝的上衣",
            f"The top is {name.en} and merges with the blue backdrop: wear a top that is neither red nor blue.",
        )
    warn_colour = max(WARN_COLOURS, key=lambda c: shares[c])
    if shares[warn_colour] >= DOMINANT:
        name = COLOUR_NAMES[warn_colour]
        return "warn", warn_colour, Msg(
            f"上衣是{name.zh}，接近红色或蓝色，审核可能不通过：建议换白色、灰色或黑色上衣",
            f"The top is {name.en}, close to red or blue, and may be rejected: a white, grey or black top is safer.",
        )
    if shares["red"] >= NOTICEABLE or blue_total >= NOTICEABLE:
        colour = "red" if shares["red"] >= blue_total else "blue"
        name = COLOUR_NAMES[colour]
        return "warn", colour, Msg(
            f"上衣有较多{name.zh}部分，审核可能不通过：建议换一件非红、非蓝的上衣",
            f"The top is partly {name.en} and may be rejected: a top that is neither red nor blue is safer.",
        )
    return "pass", "ok", Msg("上衣颜色合适（非红、非蓝）", "The colour of the top is fine (neither red nor blue).")
