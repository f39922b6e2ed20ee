"""The ``clothing`` check: the top must not be one of the profile's refused colours (red or blue for the backdrop:
blue merges with the cloth).

The top is the part of the person mask (:mod:`.person`) below the chin, down to about three face heights; without a
mask from the model a box under the face is used. The colours are judged after the white balance was corrected from a
neutral reference (:mod:`.colour`), so warm or cool light does not turn a white top "light blue". Skin (neck, hands)
is left out, and so is dark hair falling over the shoulders, unless such pixels make up most of the region (a beige
or black top looks like skin or hair to a colour rule).

Each pixel gets a colour class in HSV; the shares decide: a refused colour above :data:`DOMINANT` fails, a doubtful
colour (navy, purple, pink, teal) above it warns, a smaller but noticeable refused share warns.
"""

from __future__ import annotations

import cv2
import numpy as np

from beian_desktop.i18n import Msg
from beian_desktop.imaging.colour import apply_gains
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
    chroma = bgr.max(axis=2).astype(np.int16) - bgr.min(axis=2).astype(np.int16)
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
        # near black, the relative saturation of a slight cast is large: navy also needs an absolute colour difference
        "navy": (hue >= 100) & (hue < 135) & (sat >= 70) & (val >= 25) & (val < 110) & (chroma >= 28),
        "dark": (val < 70) & (sat < 90),
    }
    # a pixel belongs to at most one colour class (first wins)
    taken = np.zeros(hue.shape, bool)
    for name in ("red", "blue", "light_blue", "navy", "purple", "pink", "teal"):
        classes[name] &= ~taken
        taken |= classes[name]
    return classes


def clothing_region(shape: tuple[int, ...], face: Face, person: np.ndarray | None) -> tuple[np.ndarray, tuple[int, int, int, int]] | None:
    """(bool mask, bounding box x, y, w, h) of the region judged as the top, or None when it is (almost) outside."""
    h, w = shape[:2]
    fx, fy, fw, fh = face.box
    cx = fx + fw / 2
    y0, y1 = int(max(0, fy + 1.15 * fh)), int(min(h, fy + 2.8 * fh))
    if person is None:
        box = torso_box(shape, face)
        if box is None:
            return None
        x, y, bw, bh = box
        region = np.zeros((h, w), bool)
        region[y : y + bh, x : x + bw] = True
        return region, box
    x0, x1 = int(max(0, cx - 1.4 * fw)), int(min(w, cx + 1.4 * fw))
    if x1 - x0 < 4 or y1 - y0 < 4:
        return None
    inner = cv2.erode(person, np.ones((5, 5), np.uint8)).astype(bool)
    region = np.zeros((h, w), bool)
    region[y0:y1, x0:x1] = inner[y0:y1, x0:x1]
    ys, xs = np.nonzero(region)
    if ys.size == 0:
        return None
    return region, (int(xs.min()), int(ys.min()), int(xs.max() - xs.min() + 1), int(ys.max() - ys.min() + 1))


def check_clothing(
    bgr: np.ndarray,
    face: Face | None,
    person: np.ndarray | None = None,
    *,
    gains: np.ndarray | None = None,
    fail_colours: tuple[str, ...] = FAIL_COLOURS,
    warn_colours: tuple[str, ...] = WARN_COLOURS,
) -> tuple[CheckResult, tuple | None]:
    """The clothing check and the box of the region it judged (working-copy coordinates).

    ``person``: uint8 0/1 person mask (None: a box under the face); ``gains``: white-balance gains (B, G, R)."""
    if face is None:
        return (
            CheckResult(
                "clothing", "warn", Msg("未找到人脸，无法判断上衣颜色", "No face found, so the top could not be judged.")
            ),
            None,
        )
    found = clothing_region(bgr.shape, face, person)
    if found is None or found[1][3] < 0.25 * face.h:
        return (
            CheckResult(
                "clothing",
                "warn",
                Msg("画面中看不到上衣：请拍摄上半身", "The top is not in the picture: take an upper-body photo."),
            ),
            found[1] if found else None,
        )
    region, box = found
    x, y, w, h = box
    patch = apply_gains(bgr[y : y + h, x : x + w], gains)
    classes = classify_pixels(patch)
    keep = region[y : y + h, x : x + w].copy()
    skin = classes["skin"] & keep
    if skin.sum() < 0.5 * keep.sum():
        keep &= ~skin
    # hair over the shoulders: dark pixels in the upper part of the region, unless dark dominates (a black top)
    top = max(1, h // 3)
    hair = np.zeros_like(keep)
    hair[:top] = classes["dark"][:top]
    if (hair & keep).sum() < 0.5 * keep[:top].sum():
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
    values: dict = {"shares": shares, "pixels": total, "white_balance": None if gains is None else [round(float(g), 3) for g in gains]}
    if not fail_colours and not warn_colours:
        return CheckResult("clothing", "pass", Msg("此规则对上衣颜色没有要求", "This profile sets no rule on the colour of the top."), values), box
    status, colour, msg = _judge(shares, fail_colours, warn_colours)
    return CheckResult("clothing", status, msg, values | {"colour": colour}), box


def _judge(shares: dict[str, float], fail_colours: tuple[str, ...], warn_colours: tuple[str, ...]) -> tuple[str, str, Msg]:
    """(status, colour id, advice) from the colour shares of the top."""
    red = shares["red"] if "red" in fail_colours else 0.0
    blue_total = sum(shares[c] for c in ("blue", "light_blue") if c in fail_colours)
    if red >= DOMINANT:
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
    if warn_colours:
        warn_colour = max(warn_colours, key=lambda c: shares[c])
        if shares[warn_colour] >= DOMINANT:
            name = COLOUR_NAMES[warn_colour]
            return "warn", warn_colour, Msg(
                f"上衣是{name.zh}，接近红色或蓝色，审核可能不通过：建议换白色、灰色或黑色上衣",
                f"The top is {name.en}, close to red or blue, and may be rejected: a white, grey or black top is safer.",
            )
    if red >= NOTICEABLE or blue_total >= NOTICEABLE:
        colour = "red" if red >= blue_total else "blue"
        name = COLOUR_NAMES[colour]
        return "warn", colour, Msg(
            f"上衣有较多{name.zh}部分，审核可能不通过：建议换一件非红、非蓝的上衣",
            f"The top is partly {name.en} and may be rejected: a top that is neither red nor blue is safer.",
        )
    return "pass", "ok", Msg("上衣颜色合适（非红、非蓝）", "The colour of the top is fine (neither red nor blue).")
