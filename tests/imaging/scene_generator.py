"""Labeled backdrop-photo scenes generated from the filing rules, for measuring the photo checker.

Written from the rules in ``shared/domain.md`` ("The backdrop photo") and the label conventions of the real-photo
development set, *not* from the checker's code, so that it can measure the checker instead of agreeing with it.

``generate(seed, n)`` returns ``n`` labeled :class:`Case` objects, the same for the same seed. **Split:** seed 1 is the
tests' development seed; seeds 2 and above are held out: a test must never score the checker on them (only
``benchmarks/accuracy.py`` does), and no threshold may be tuned on them.

What varies, beyond the older fixtures in ``photo_fixtures.py`` (whose two real people, cut out of scikit-image's
astronaut and matplotlib's Grace Hopper picture, are reused):

* the Alibaba Cloud backdrop: many blues (hue, saturation, brightness), hanging folds, packaging creases, uneven light,
  white print of 阿里云 / 阿里云备案专用 / aliyun with a bracket logo in rows, staggered, alternating, rotated a few
  degrees, in several sizes, warped by the cloth and partly hidden by the person;
* hard negatives that must fail the backdrop check: blue cloth with white dots, gingham checks, stripes or stars, press
  walls of invented brands (Latin and Chinese), the sky, plain blue ID-photo backgrounds (with and without stray hair
  strands), a plain blue wall, a blue curtain, white and grey walls, rooms, a backdrop that does not reach the edges;
* the ``plain_light`` profile: plain white / light-grey backgrounds, which pass there and fail under ``aliyun_backdrop``;
* shirts drawn from colour *ranges* in CIE LCh, with their folds kept and extra shading;
* glasses, hats, a fringe over the forehead, beards, a bald head, darker and lighter skin (shifted in Lab), children
  (narrower shoulders), side light, white-balance shifts up to ±15 % per channel, defocus and motion blur, noise, JPEG
  quality, resolutions down to 640×480, framing (off-centre, small, large, head cut, face in the outer quarter), head
  tilt measured on the eye line, two people, nobody.

Labels are computed from the placed geometry (eye line, face box, top of the head) with margins around every rule
boundary; where a scene sits near a boundary the check is either left unlabeled or given ``{"pass", "warn"}``.
"""

from __future__ import annotations

import itertools
import math
import random
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

CHECK_IDS = ("face_count", "framing", "backdrop", "clothing", "resolution", "exposure", "sharpness")
PROFILES = ("aliyun_backdrop", "plain_light")
DEV_SEED = 1  # the only seed tests may score the checker on
_RANK = {"pass": 0, "warn": 1, "fail": 2}

P = frozenset({"pass"})
W_ = frozenset({"warn"})
F = frozenset({"fail"})
PW = frozenset({"pass", "warn"})
WF = frozenset({"warn", "fail"})

# --------------------------------------------------------------------------- fonts

_CJK_CANDIDATES = (
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2),  # index 2: Noto Sans CJK SC
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc", 2),
    ("/usr/share/fonts/google-noto-cjk/NotoSansCJK-Bold.ttc", 2),
)
_LATIN_CANDIDATES = ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "DejaVuSans-Bold.ttf")


@lru_cache(maxsize=None)
def _cjk_font_file() -> tuple[str, int] | None:
    for path, index in _CJK_CANDIDATES:
        if Path(path).exists():
            return path, index
    try:  # whatever the app itself would use
        from beian_desktop.imaging.annotate import find_cjk_font

        found = find_cjk_font()
    except Exception:  # pragma: no cover - the app module is optional here
        found = None
    return (str(found), 0) if found else None


def cjk_font_available() -> bool:
    return _cjk_font_file() is not None


@lru_cache(maxsize=64)
def _font(size: int, kind: str = "cjk", weight: str = "Bold") -> ImageFont.FreeTypeFont:
    if kind == "cjk":
        found = _cjk_font_file()
        if not found:
            raise RuntimeError("the scene generator needs a CJK font (Debian: fonts-noto-cjk)")
        path, index = found
        if weight == "Regular":
            path = path.replace("-Bold.", "-Regular.") if Path(path.replace("-Bold.", "-Regular.")).exists() else path
        return ImageFont.truetype(path, size, index=index)
    for path in _LATIN_CANDIDATES:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return _font(size, "cjk", weight)


# --------------------------------------------------------------------------- people
# Hand-measured on the source pictures (pixel coordinates of the originals): pupils, mouth, chin, hairline.


@dataclass(frozen=True)
class Anatomy:
    eye_l: tuple[float, float]  # the eye on the left of the picture
    eye_r: tuple[float, float]
    mouth: tuple[float, float]
    mouth_half_width: float
    chin_y: float
    hairline_y: float  # top of the forehead at the middle of the face
    skull: tuple[float, float, float, float]  # ellipse of the bare skull: cx, cy, ax, ay
    own: tuple[str, ...]  # accessories the person already wears


ANATOMY = {
    "astronaut": Anatomy((201, 101), (245, 104), (224, 142), 21, 176, 72, (224, 108, 47, 74), ()),
    "grace_hopper": Anatomy((222, 190), (305, 186), (263, 277), 38, 330, 150, (265, 205, 100, 125), ("glasses", "hat")),
}
PEOPLE = tuple(ANATOMY)


def _fixture_person(name: str):
    from photo_fixtures import person  # the shared cut-outs (GrabCut once per process)

    return person(name)


BODY_WIDTH = {"grace_hopper": 1.5}


def _shift(an: Anatomy, dx: float) -> Anatomy:
    def sx(p):
        return (p[0] + dx, p[1])

    cx, cy, ax, ay = an.skull
    return Anatomy(sx(an.eye_l), sx(an.eye_r), sx(an.mouth), an.mouth_half_width, an.chin_y, an.hairline_y, (cx + dx, cy, ax, ay), an.own)


def _hair_colour(name: str) -> np.ndarray:
    return np.float32([40, 62, 95]) if name == "astronaut" else np.float32([200, 205, 210])  # BGR


@dataclass
class Dressed:
    bgr: np.ndarray  # float32 BGR
    alpha: np.ndarray  # float32 0..1
    clothing: np.ndarray  # bool
    face: tuple[int, int, int, int]
    anatomy: Anatomy
    outline: np.ndarray  # (N, 2) float32 points on the person's outline above the chin (for the top of the head)


def _ellipse_mask(h: int, w: int, cx: float, cy: float, ax: float, ay: float) -> np.ndarray:
    y, x = np.ogrid[:h, :w]
    return ((x - cx) / ax) ** 2 + ((y - cy) / ay) ** 2 <= 1.0


def _paint(img: np.ndarray, mask: np.ndarray, colour: np.ndarray, opacity: float = 1.0) -> None:
    m = mask.astype(np.float32)[..., None] * opacity
    img[:] = img * (1 - m) + colour[None, None, :] * m


def _strand_texture(h: int, w: int, rng: np.random.Generator, vertical: bool = True) -> np.ndarray:
    """Multiplicative texture of hair or knit: streaks along one direction."""
    noise = rng.normal(0, 1, (h, w)).astype(np.float32)
    k = (1, 9) if not vertical else (9, 1)
    streaks = cv2.blur(noise, k[::-1])
    return 1.0 + 0.18 * streaks / (streaks.std() + 1e-6)


@lru_cache(maxsize=96)
def dressed(
    name: str, extras: tuple[str, ...] = (), skin: tuple[float, float, float] = (1.0, 0.0, 0.0), look: int = 0,
    hair: str = "natural", mirror: bool = False,
) -> Dressed:
    """The person with accessories drawn in source coordinates.

    ``extras``: any of glasses, hat, fringe, beard, bald, child. ``skin``: (lightness factor, Δa, Δb) applied to the skin
    in Lab (factor < 1 darker). ``look`` seeds the colours/shapes of the accessories. ``hair``: natural, black or
    dark_brown (the astronaut's hair is recoloured; most applicants have black hair). ``mirror``: flipped left-right."""
    base = _fixture_person(name)
    an = ANATOMY[name]
    rng = np.random.default_rng(1000 + look)
    bgr = base.bgr.astype(np.float32).copy()
    alpha = base.alpha.copy()
    clothing = base.clothing.copy()
    h, w = alpha.shape
    yy, xx = np.mgrid[:h, :w]
    ycc = cv2.cvtColor(base.bgr, cv2.COLOR_BGR2YCrCb)
    skinmask = (ycc[..., 1] >= 135) & (ycc[..., 1] <= 178) & (ycc[..., 2] >= 78) & (ycc[..., 2] <= 128)
    skinmask &= (alpha > 0.5) & ~clothing & (yy < an.chin_y + 0.6 * (an.chin_y - an.hairline_y))
    eye_d = math.dist(an.eye_l, an.eye_r)
    ex, ey = (an.eye_r[0] - an.eye_l[0]) / eye_d, (an.eye_r[1] - an.eye_l[1]) / eye_d  # unit vector along the eyes
    cheeks = skinmask & (yy > an.eye_l[1] + 0.25 * eye_d) & (yy < an.mouth[1] - 0.3 * eye_d) & (xx > an.eye_l[0] - 0.2 * eye_d) & (xx < an.eye_r[0] + 0.2 * eye_d)
    skin_ref = np.median(bgr[cheeks], axis=0) if cheeks.any() else np.float32([120, 150, 200])

    if "bald" in extras:
        cx, cy, ax, ay = an.skull
        skull = _ellipse_mask(h, w, cx, cy, ax, ay)
        top = an.hairline_y + 0.2 * eye_d  # a fringe reaching below the hairline goes too
        face_core = _ellipse_mask(h, w, cx, (top + an.chin_y) / 2, ax * 0.85, (an.chin_y - top) / 2 + 2)
        # hair: the person above the chin, outside the face (skin tests cannot tell brown hair from skin)
        hairy = (alpha > 0.05) & ~face_core & ~clothing & (yy < an.chin_y - 8)
        alpha[hairy & ~skull] = 0.0  # hair outside the skull goes: the background shows through
        scalp = skull & hairy
        r = np.sqrt(((xx - cx) / ax) ** 2 + ((yy - cy) / ay) ** 2)
        shade = np.clip(1.05 - 0.22 * r**4, 0.75, 1.1)[..., None]
        scalp_img = skin_ref[None, None, :] * shade
        highlight = np.exp(-(((xx - cx + ax * 0.2) / (ax * 0.25)) ** 2 + ((yy - (cy - ay * 0.6)) / (ay * 0.15)) ** 2))
        scalp_img = scalp_img + 40 * highlight[..., None]
        m = cv2.GaussianBlur(scalp.astype(np.float32), (5, 5), 1.2)[..., None]
        bgr = bgr * (1 - m) + scalp_img * m
        alpha = np.maximum(alpha, cv2.GaussianBlur((skull & (yy < an.chin_y)).astype(np.float32), (5, 5), 1.2))
        skinmask = skinmask | scalp
        alpha = cv2.GaussianBlur(alpha, (3, 3), 0.8)

    if skin != (1.0, 0.0, 0.0):
        lab = cv2.cvtColor(np.clip(bgr, 0, 255).astype(np.uint8), cv2.COLOR_BGR2LAB).astype(np.float32)
        factor, da, db = skin
        shifted = lab.copy()
        if factor <= 1:
            shifted[..., 0] = lab[..., 0] * factor
        else:
            shifted[..., 0] = lab[..., 0] + (255 - lab[..., 0]) * (factor - 1)
        shifted[..., 1] += da
        shifted[..., 2] += db
        out = cv2.cvtColor(np.clip(shifted, 0, 255).astype(np.uint8), cv2.COLOR_LAB2BGR).astype(np.float32)
        m = cv2.GaussianBlur(cv2.dilate(skinmask.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(np.float32), (7, 7), 2)[..., None]
        bgr = bgr * (1 - m) + out * m

    if hair != "natural" and name == "astronaut" and "bald" not in extras:
        top = an.hairline_y + 0.2 * eye_d
        cx = (an.eye_l[0] + an.eye_r[0]) / 2
        face_core = _ellipse_mask(h, w, cx, (top + an.chin_y) / 2, 0.85 * an.skull[2], (an.chin_y - top) / 2 + 2)
        lab = cv2.cvtColor(np.clip(bgr, 0, 255).astype(np.float32) / 255, cv2.COLOR_BGR2LAB)
        # hair: around the face, above the chin, and darker than skin and the light studio background
        hair_mask = (alpha > 0.05) & ~face_core & ~clothing & (yy < an.mouth[1] + 0.2 * eye_d) & ((yy < an.hairline_y) | (lab[..., 0] < 58))
        hair_mask = cv2.morphologyEx(hair_mask.astype(np.uint8), cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8)).astype(bool)
        target_l, chroma, hue = {"black": (12.0, 1.5, 60.0), "dark_brown": (22.0, 9.0, 60.0)}[hair]
        light = lab[..., 0]
        mean_l = float(light[hair_mask].mean()) if hair_mask.any() else 50.0
        out = lab.copy()
        out[..., 0] = np.clip(target_l + (light - mean_l) * 0.35, 2, 60)
        out[..., 1] = chroma * math.cos(math.radians(hue))
        out[..., 2] = chroma * math.sin(math.radians(hue))
        recoloured = cv2.cvtColor(out, cv2.COLOR_LAB2BGR) * 255
        m = cv2.GaussianBlur(hair_mask.astype(np.float32), (5, 5), 1.2)[..., None]
        bgr = bgr * (1 - m) + recoloured * m

    hair_rgb = _hair_colour(name) * rng.uniform(0.7, 1.2)
    if name == "astronaut":
        hair_rgb = hair_rgb * {"black": 0.3, "dark_brown": 0.6}.get(hair, 1.0)
    if "fringe" in extras:
        top = an.hairline_y - 0.15 * eye_d
        brow = min(an.eye_l[1], an.eye_r[1]) - 0.28 * eye_d
        bottom = brow + rng.uniform(-0.05, 0.12) * eye_d  # down to the brows, sometimes over them
        x0, x1 = an.eye_l[0] - 0.75 * eye_d, an.eye_r[0] + 0.75 * eye_d
        edge = bottom + 0.08 * eye_d * np.sin(xx / (0.18 * eye_d) + rng.uniform(0, 6)) + (xx - (x0 + x1) / 2) * ey / ex
        region = (yy >= top) & (yy <= edge) & (xx >= x0) & (xx <= x1)
        region &= _ellipse_mask(h, w, (x0 + x1) / 2, bottom, (x1 - x0) / 2, bottom - top + 0.3 * eye_d)
        tex = _strand_texture(h, w, rng)[..., None]
        m = cv2.GaussianBlur(region.astype(np.float32), (3, 3), 0.8)[..., None]
        bgr = bgr * (1 - m) + hair_rgb[None, None, :] * tex * m

    if "beard" in extras:
        # moustache over the upper lip, beard over the chin and along the jaw; the lips stay free
        mx, my = an.mouth
        top = my - 0.32 * eye_d
        bottom = an.chin_y + 0.08 * eye_d
        region = _ellipse_mask(h, w, mx, top, 0.92 * eye_d, bottom - top) & (yy >= top)
        region &= ~_ellipse_mask(h, w, mx, my + 0.02 * eye_d, an.mouth_half_width * 0.85, 0.1 * eye_d)
        region &= ~((yy < my - 0.05 * eye_d) & (np.abs(xx - mx) > an.mouth_half_width * 1.25))
        region &= alpha > 0.3
        grey = rng.random() < 0.3
        colour = np.float32([150, 155, 160]) if grey else hair_rgb * 0.8
        density = np.clip(0.75 + 0.25 * cv2.GaussianBlur(rng.standard_normal((h, w), dtype=np.float32), (3, 3), 0.8) * 2, 0.3, 1.0)
        edge = np.clip((yy - top) / (0.12 * eye_d), 0, 1).astype(np.float32)  # thinner at the top of the moustache
        tex = np.clip(_strand_texture(h, w, rng), 0.6, 1.5)[..., None]
        m = (cv2.GaussianBlur(region.astype(np.float32), (5, 5), 1.5) * density * (0.5 + 0.5 * edge) * 0.9)[..., None]
        bgr = bgr * (1 - m) + colour[None, None, :] * tex * m

    if "glasses" in extras and "glasses" not in an.own:
        lens_w, lens_h = 0.78 * eye_d, 0.5 * eye_d
        thick = max(2, int(round(0.07 * eye_d * rng.uniform(0.6, 1.4))))
        frame = [np.float32([20, 20, 25]), np.float32([30, 50, 80]), np.float32([60, 150, 190]), np.float32([160, 160, 165])][rng.integers(4)]
        angle = math.degrees(math.atan2(ey, ex))
        lens = np.zeros((h, w), np.uint8)
        rim = np.zeros((h, w), np.uint8)
        for (px, py) in (an.eye_l, an.eye_r):
            c = (int(px), int(py + 0.05 * eye_d))
            cv2.ellipse(lens, c, (int(lens_w / 2), int(lens_h / 2)), angle, 0, 360, 1, -1, cv2.LINE_AA)
            cv2.ellipse(rim, c, (int(lens_w / 2), int(lens_h / 2)), angle, 0, 360, 1, thick, cv2.LINE_AA)
        bridge_l = (int(an.eye_l[0] + ex * lens_w / 2), int(an.eye_l[1] + ey * lens_w / 2 - 0.05 * eye_d))
        bridge_r = (int(an.eye_r[0] - ex * lens_w / 2), int(an.eye_r[1] - ey * lens_w / 2 - 0.05 * eye_d))
        cv2.line(rim, bridge_l, bridge_r, 1, thick, cv2.LINE_AA)
        for (px, py), sgn in ((an.eye_l, -1), (an.eye_r, 1)):
            a = (int(px + sgn * ex * lens_w / 2), int(py + sgn * ey * lens_w / 2))
            b = (int(px + sgn * ex * 0.95 * eye_d), int(py + sgn * ey * 0.95 * eye_d))
            cv2.line(rim, a, b, 1, thick, cv2.LINE_AA)
        lm = lens.astype(np.float32)[..., None]
        bgr = bgr * (1 - 0.12 * lm) + 0.12 * lm * np.float32([90, 80, 70])  # tinted lens
        glare = np.clip(1 - np.abs((xx - yy * 0.6) % (0.9 * eye_d) - 0.2 * eye_d) / (0.08 * eye_d), 0, 1) * lens
        bgr = bgr + 35 * glare[..., None] * (rng.random() < 0.6)
        rm = rim.astype(np.float32)[..., None]
        bgr = bgr * (1 - rm) + frame[None, None, :] * rm

    if "hat" in extras and "hat" not in an.own:
        cx = (an.eye_l[0] + an.eye_r[0]) / 2
        band_y = an.hairline_y + rng.uniform(-0.1, 0.15) * eye_d
        head_w = 1.75 * eye_d
        style = int(rng.integers(2))
        region = np.zeros((h, w), np.uint8)
        cv2.ellipse(region, (int(cx), int(band_y)), (int(head_w), int(1.3 * eye_d)), 0, 180, 360, 1, -1)
        cv2.rectangle(region, (int(cx - head_w), int(band_y - 0.1 * eye_d)), (int(cx + head_w), int(band_y + 0.2 * eye_d)), 1, -1)
        if style == 1:  # cap with a brim towards the camera
            cv2.ellipse(region, (int(cx), int(band_y + 0.2 * eye_d)), (int(1.2 * eye_d), int(0.28 * eye_d)), 0, 0, 180, 1, -1)
        colours = [np.float32([35, 35, 38]), np.float32([120, 120, 118]), np.float32([150, 175, 190]), np.float32([40, 70, 45]), np.float32([60, 60, 110])]
        colour = colours[rng.integers(len(colours))]
        tex = _strand_texture(h, w, rng, vertical=style == 0)[..., None]
        shade = np.clip(1.1 - 0.5 * ((yy - band_y) / (1.4 * eye_d)) ** 2, 0.6, 1.15)[..., None]
        m = cv2.GaussianBlur(region.astype(np.float32), (3, 3), 0.8)
        bgr = bgr * (1 - m[..., None]) + colour[None, None, :] * tex * shade * m[..., None]
        alpha = np.maximum(alpha, m)

    # shoulders: children's are narrower; Grace Hopper's picture is cropped at the shoulders, so they are widened
    body_k = (0.7 if "child" in extras else 1.0) * BODY_WIDTH.get(name, 1.0)
    if body_k != 1.0:
        pad = int(w * max(0.0, body_k - 1) / 2) + 4
        bgr = cv2.copyMakeBorder(bgr, 0, 0, pad, pad, cv2.BORDER_REPLICATE)
        alpha = cv2.copyMakeBorder(alpha, 0, 0, pad, pad, cv2.BORDER_CONSTANT, value=0)
        clothing = cv2.copyMakeBorder(clothing.astype(np.uint8), 0, 0, pad, pad, cv2.BORDER_CONSTANT, value=0)
        an = _shift(an, pad)
        face = (base.face[0] + pad, *base.face[1:])
        w += 2 * pad
        cx = (an.eye_l[0] + an.eye_r[0]) / 2
        # children: narrower right below the chin; widened shoulders slope down over about two eye distances
        y0, span = (an.chin_y + 0.1 * eye_d, 1.2 * eye_d) if body_k < 1 else (an.chin_y + 0.2 * eye_d, 2.2 * eye_d)
        ramp = np.clip((np.arange(h, dtype=np.float32) - y0) / span, 0, 1) ** (1.0 if body_k < 1 else 0.7)
        k = 1 + (body_k - 1) * ramp
        map_x = (cx + (np.arange(w, dtype=np.float32)[None, :] - cx) / k[:, None]).astype(np.float32)
        map_y = np.repeat(np.arange(h, dtype=np.float32)[:, None], w, axis=1)
        bgr = cv2.remap(bgr, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        alpha = cv2.remap(alpha, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
        clothing = cv2.remap(clothing, map_x, map_y, cv2.INTER_NEAREST, borderMode=cv2.BORDER_CONSTANT, borderValue=0).astype(bool)
    else:
        face = base.face

    bgr = np.clip(bgr, 0, 255)
    if mirror:
        bgr, alpha, clothing = bgr[:, ::-1].copy(), alpha[:, ::-1].copy(), clothing[:, ::-1].copy()
        def mx(p):
            return (w - 1 - p[0], p[1])
        cx_, cy_, ax_, ay_ = an.skull
        an = Anatomy(mx(an.eye_r), mx(an.eye_l), mx(an.mouth), an.mouth_half_width, an.chin_y, an.hairline_y, (w - 1 - cx_, cy_, ax_, ay_), an.own)
        face = (w - face[0] - face[2], *face[1:])
    contours, _ = cv2.findContours((alpha > 0.5).astype(np.uint8), cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    pts = np.concatenate([c.reshape(-1, 2) for c in contours]).astype(np.float32)
    pts = pts[pts[:, 1] < an.chin_y]
    return Dressed(bgr, alpha, clothing, face, an, pts)


def _dressed_for(spec: dict[str, Any]) -> Dressed:
    return dressed(spec["who"], tuple(spec["extras"]), tuple(spec["skin"]), spec["look"], spec.get("hair", "natural"), spec.get("mirror", False))


# --------------------------------------------------------------------------- shirts (ranges in CIE LCh)

SHIRT_RANGES: dict[str, tuple[tuple[float, float], tuple[float, float], tuple[float, float], frozenset[str]]] = {
    # name: (L range, C range, h range in degrees, acceptable clothing statuses)
    "white": ((88, 97), (0, 5), (0, 360), P),
    "grey": ((38, 76), (0, 5), (0, 360), P),
    "black": ((6, 20), (0, 4), (0, 360), P),
    "beige": ((66, 84), (10, 24), (68, 92), P),
    "brown": ((30, 45), (16, 28), (55, 75), P),
    "green": ((36, 62), (32, 56), (120, 152), P),
    "yellow": ((76, 88), (55, 76), (88, 100), P),
    "red": ((38, 55), (60, 78), (28, 42), F),
    "dark_red": ((20, 32), (38, 56), (24, 40), F),
    "blue": ((32, 55), (50, 72), (282, 300), F),
    "light_blue": ((66, 80), (22, 34), (248, 274), F),
    "navy": ((12, 22), (18, 30), (280, 298), WF),
    "purple": ((30, 45), (40, 58), (310, 328), WF),
    "pink": ((68, 80), (28, 42), (346, 360), WF),
    "teal": ((45, 58), (26, 38), (186, 204), WF),
}
GOOD_SHIRTS = tuple(k for k, v in SHIRT_RANGES.items() if v[3] == P)
BAD_SHIRTS = tuple(k for k, v in SHIRT_RANGES.items() if v[3] == F)
BORDER_SHIRTS = tuple(k for k, v in SHIRT_RANGES.items() if v[3] == WF)


def lch_to_bgr(L: float, C: float, h: float) -> tuple[int, int, int]:
    a, b = C * math.cos(math.radians(h)), C * math.sin(math.radians(h))
    rgb = cv2.cvtColor(np.float32([[[L, a, b]]]), cv2.COLOR_LAB2RGB)[0, 0]
    rgb = np.clip(rgb, 0, 1) * 255
    return int(round(rgb[2])), int(round(rgb[1])), int(round(rgb[0]))


def sample_shirt(kind: str, rng: random.Random) -> dict[str, Any]:
    (l0, l1), (c0, c1), (h0, h1), _ = SHIRT_RANGES[kind]
    L, C, h = rng.uniform(l0, l1), rng.uniform(c0, c1), rng.uniform(h0, h1) % 360
    return {"kind": kind, "lch": [round(L, 1), round(C, 1), round(h, 1)], "bgr": list(lch_to_bgr(L, C, h)), "pattern": rng.choice(("plain", "plain", "heather", "pinstripe"))}


def recolour(bgr: np.ndarray, mask: np.ndarray, shirt: dict[str, Any], seed: int) -> np.ndarray:
    """Paint the top in the shirt colour, keeping its folds (lightness texture) and adding a soft shading."""
    if not mask.any():
        return bgr
    src = np.clip(bgr, 0, 255).astype(np.uint8)
    lab = cv2.cvtColor(src.astype(np.float32) / 255, cv2.COLOR_BGR2LAB)
    L, C, h = shirt["lch"]
    a, b = C * math.cos(math.radians(h)), C * math.sin(math.radians(h))
    light = lab[..., 0]
    texture = (light - float(light[mask].mean())) * 0.35
    H, W = mask.shape
    rng = np.random.default_rng(seed)
    y = np.linspace(-1, 1, H, dtype=np.float32)[:, None]
    x = np.linspace(-1, 1, W, dtype=np.float32)[None, :]
    shading = 4.0 * rng.uniform(-1, 1) * x + 3.0 * y
    pattern = np.zeros((H, W), np.float32)
    if shirt.get("pattern") == "heather":
        pattern = cv2.GaussianBlur(rng.normal(0, 2.5, (H, W)).astype(np.float32), (3, 3), 0.7)
    elif shirt.get("pattern") == "pinstripe":
        pattern = 2.5 * (np.sin(np.arange(W, dtype=np.float32) / 2.2)[None, :] > 0.85)
    out = lab.copy()
    target_l = np.clip(L + texture * (0.5 if L > 85 or L < 20 else 1.0) + shading + pattern, 0, 100)
    out[..., 0] = np.where(mask, target_l, lab[..., 0])
    out[..., 1] = np.where(mask, a, lab[..., 1])
    out[..., 2] = np.where(mask, b, lab[..., 2])
    return cv2.cvtColor(out, cv2.COLOR_LAB2BGR) * 255


# --------------------------------------------------------------------------- backgrounds

BLUE_CLOTH = "blue_cloth"
BACKDROP_KINDS = ("aliyun",)
NEGATIVE_KINDS = (
    "dots", "gingham", "stripes", "stars", "press_latin", "press_cn", "sky", "id_blue", "id_blue_strands",
    "blue_wall", "curtain", "white_wall", "grey_wall", "room", "partial",
)
PLAIN_LIGHT_KINDS = ("white_wall", "light_grey_wall")
BRAND_WORDS_LATIN = ("NORVEXA", "KALDRO", "VYNTRA.", "QUOMBI", "ZELTIS", "OBRIX", "MVK.", "TRELLANO", "PLOVA", "XENDRI")
BRAND_WORDS_CN = ("星河数码", "华岳网络", "蓝海传媒", "天工数据", "云帆科技", "北辰信息")


def _blue(rng: random.Random) -> list[int]:
    """A backdrop blue: hue 200-228°, saturation 0.55-0.95, value 0.45-0.88 (BGR)."""
    hsv = np.uint8([[[rng.uniform(100, 114), rng.uniform(140, 242), rng.uniform(115, 225)]]])
    return [int(c) for c in cv2.cvtColor(hsv, cv2.COLOR_HSV2BGR)[0, 0]]


def _cloth_shading(w: int, h: int, rng: np.random.Generator, p: dict[str, Any]) -> np.ndarray:
    """Multiplicative shading of a hung cloth: folds, packaging creases, uneven light, weave."""
    # the smooth part (folds, sagging, light) is computed on a quarter-size grid and enlarged
    sw, sh = max(8, w // 4), max(8, h // 4)
    x = np.linspace(0, 1, sw, dtype=np.float32)[None, :]
    y = np.linspace(0, 1, sh, dtype=np.float32)[:, None]
    shade = np.ones((sh, sw), np.float32)
    folds = p.get("folds", 0.1)
    for _ in range(4):
        ang = rng.uniform(-0.35, 0.35)
        freq = rng.uniform(1.5, 6)
        shade += folds * 0.5 * np.sin(6.283 * freq * (x * math.cos(ang) + y * math.sin(ang) * h / w) + rng.uniform(0, 6.3))
    for _ in range(int(rng.integers(0, 3))):  # sagging folds between hanging points
        cx = rng.uniform(0.2, 0.8)
        d = np.abs(y - (0.05 + 1.5 * (x - cx) ** 2 + rng.uniform(0, 0.2)))
        shade -= folds * 0.6 * np.exp(-((d / 0.02) ** 2))
    light = p.get("uneven", 0.1)
    gx, gy = rng.uniform(-1, 1), rng.uniform(-1, 1)
    shade *= 1 + light * (gx * (x - 0.5) + gy * (y - 0.5))
    hx, hy = rng.uniform(0.2, 0.8), rng.uniform(0.1, 0.6)
    shade *= 1 + light * 1.2 * np.exp(-(((x - hx) / 0.35) ** 2 + ((y - hy) / 0.3) ** 2)) - light * 0.4
    shade = cv2.resize(shade, (w, h), interpolation=cv2.INTER_LINEAR)
    creases = p.get("creases", 0.0)
    if creases:  # folds from the packet: straight dark/light line pairs, separable in x and y
        xs = np.linspace(0, 1, w, dtype=np.float32)
        ys = np.linspace(0, 1, h, dtype=np.float32)
        px, py = np.zeros(w, np.float32), np.zeros(h, np.float32)
        nx, ny = int(rng.integers(2, 5)), int(rng.integers(2, 5))
        for i in range(1, nx):
            d = xs - (i / nx + rng.uniform(-0.03, 0.03))
            px += creases * (np.exp(-((d / 0.004) ** 2)) - np.exp(-(((d - 0.006) / 0.004) ** 2)))
        for j in range(1, ny):
            d = ys - (j / ny + rng.uniform(-0.03, 0.03))
            py += creases * (np.exp(-((d / 0.004) ** 2)) - np.exp(-(((d - 0.006) / 0.004) ** 2)))
        shade += px[None, :] + py[:, None]
    weave = cv2.GaussianBlur(rng.standard_normal((h, w), dtype=np.float32) * 0.025, (3, 3), 0.6)
    return np.clip(shade + weave, 0.35, 1.5)


def _cloth_warp(mask: np.ndarray, rng: np.random.Generator, amount: float) -> np.ndarray:
    """Bend a print layer with the cloth (sinusoidal displacement of a few pixels, separable)."""
    h, w = mask.shape
    if amount <= 0:
        return mask
    ys = np.arange(h, dtype=np.float32)[:, None]
    xs = np.arange(w, dtype=np.float32)[None, :]
    a = amount * h
    dx = a * np.sin(ys / (h * rng.uniform(0.15, 0.4)) + rng.uniform(0, 6.3)) + 0.5 * a * np.sin(xs / (w * rng.uniform(0.05, 0.15)))
    dy = a * np.sin(xs / (w * rng.uniform(0.1, 0.3)) + rng.uniform(0, 6.3))
    map_x = (xs + dx).astype(np.float32)
    map_y = np.ascontiguousarray(np.broadcast_to(ys + dy, (h, w)), dtype=np.float32)
    return cv2.remap(mask, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)


def _logo(draw: ImageDraw.ImageDraw, x: float, y: float, s: float) -> float:
    """The Alibaba Cloud mark as a simple shape: two square brackets with a bar between them. Returns its width."""
    t = max(2.0, 0.2 * s)
    bw = 0.42 * s
    gap = 0.55 * s
    for left, x0 in ((True, x), (False, x + bw + gap)):
        x1 = x0 + bw
        if left:
            draw.rectangle([x0, y, x0 + t, y + s], fill=255)
        else:
            draw.rectangle([x1 - t, y, x1, y + s], fill=255)
        draw.rectangle([x0, y, x1, y + t], fill=255)
        draw.rectangle([x0, y + s - t, x1, y + s], fill=255)
    draw.rectangle([x + bw + 0.05 * s, y + 0.45 * s, x + bw + gap - 0.05 * s, y + 0.45 * s + 0.14 * s], fill=255)
    return 2 * bw + gap


def _print_units(layout: str) -> list[list[str]]:
    """Rows of print units; "@" stands for the logo."""
    return {
        "grid": [["@阿里云"]],
        "staggered": [["@阿里云"]],
        "alternating": [["@阿里云"], ["阿里云备案专用"]],
        "mixed": [["@阿里云"], ["aliyun"], ["阿里云备案专用"]],
        "bilingual": [["@阿里云 aliyun"]],
        "big": [["@阿里云"], ["阿里云备案专用"]],
        "dense": [["阿里云", "aliyun"]],
    }[layout]


def _text_layer(w: int, h: int, p: dict[str, Any], rng: np.random.Generator) -> np.ndarray:
    """The white print of the backdrop (or of a press wall) as a 0..1 mask, rotated by a few degrees."""
    pad = 1.35
    cw, ch = int(w * pad), int(h * pad)
    img = Image.new("L", (cw, ch), 0)
    draw = ImageDraw.Draw(img)
    size = max(9, int(p["font"] * h))
    kind = p.get("script", "cjk")
    font = _font(size, "latin" if kind == "latin" else "cjk", p.get("weight", "Bold"))
    rows = p["rows"]
    step_y = size * p["row_gap"]
    x_gap = size * p["col_gap"]
    stagger = p.get("stagger", 0.5)
    row_scale = p.get("row_scale", [1.0])  # rows of different sizes (e.g. big 阿里云, smaller 阿里云备案专用)
    y = -size + rng.uniform(0, step_y)
    r = 0
    while y < ch + size:
        units = rows[r % len(rows)]
        rsize = max(9, int(size * row_scale[r % len(row_scale)]))
        rfont = font if rsize == size else _font(rsize, "latin" if kind == "latin" else "cjk", p.get("weight", "Bold"))
        x = -rng.uniform(0, 3 * size) + (stagger * (r % 2)) * (x_gap + size * 3)
        i = 0
        while x < cw + size:
            unit = units[i % len(units)]
            if unit.startswith("@"):
                x += _logo(draw, x, y + 0.08 * rsize, rsize * 0.9) + 0.35 * rsize
                unit = unit[1:]
            draw.text((x, y), unit, font=rfont, fill=255)
            x += draw.textlength(unit, font=rfont) + x_gap
            i += 1
        y += step_y * (0.5 + 0.5 * max(row_scale[r % len(row_scale)], row_scale[(r + 1) % len(row_scale)]))
        r += 1
    arr = np.asarray(img, np.float32) / 255
    rot = cv2.getRotationMatrix2D((cw / 2, ch / 2), p.get("angle", 0.0), 1.0)
    arr = cv2.warpAffine(arr, rot, (cw, ch), flags=cv2.INTER_LINEAR)
    x0, y0 = (cw - w) // 2, (ch - h) // 2
    arr = np.ascontiguousarray(arr[y0 : y0 + h, x0 : x0 + w])
    keystone = p.get("keystone", 0.0)
    if keystone:  # the cloth not quite parallel to the camera: one side a little taller than the other
        src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
        k = keystone * h
        dst = np.float32([[0, -k], [w, k], [w, h - k], [0, h + k]]) if rng.random() < 0.5 else np.float32([[0, k], [w, -k], [w, h + k], [0, h - k]])
        arr = cv2.warpPerspective(arr, cv2.getPerspectiveTransform(src, dst), (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)
    return arr


def _printed_cloth(w: int, h: int, p: dict[str, Any], rng: np.random.Generator, print_mask: np.ndarray) -> np.ndarray:
    base = np.array(p["blue"], np.float32)
    mask = _cloth_warp(print_mask, rng, p.get("warp", 0.0))
    if p.get("print_blur", 0):
        mask = cv2.GaussianBlur(mask, (0, 0), p["print_blur"] * h / 1000)
    ink = np.float32(p.get("ink", [246, 246, 244]))
    opacity = p.get("opacity", 0.95)
    m = (mask * opacity)[..., None]
    img = base[None, None, :] * (1 - m) + ink[None, None, :] * m
    return img * _cloth_shading(w, h, rng, p)[..., None]


def _star(draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float, rot: float) -> None:
    pts = []
    for k in range(10):
        rr = r if k % 2 == 0 else r * 0.4
        a = rot + k * math.pi / 5 - math.pi / 2
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    draw.polygon(pts, fill=255)


def _pattern_mask(w: int, h: int, p: dict[str, Any], rng: np.random.Generator) -> np.ndarray:
    kind = p["kind"]
    if kind == "dots":
        img = Image.new("L", (w, h), 0)
        draw = ImageDraw.Draw(img)
        r = p["size"] * h
        step = r * p["spacing"]
        for j, yy in enumerate(np.arange(-step, h + step, step)):
            off = step / 2 if p.get("staggered") and j % 2 else 0
            for xx in np.arange(-step + off, w + step, step):
                draw.ellipse([xx - r, yy - r, xx + r, yy + r], fill=255)
        return np.asarray(img, np.float32) / 255
    if kind == "gingham":
        period = p["size"] * h
        xs = ((np.arange(w) % period) < period / 2).astype(np.float32)[None, :]
        ys = ((np.arange(h) % period) < period / 2).astype(np.float32)[:, None]
        return np.clip(0.5 * xs + 0.5 * ys, 0, 1) * 0.92
    if kind == "stripes":
        width, period = p["size"] * h, p["size"] * h * p["spacing"]
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        coord = {"vertical": xx, "horizontal": yy, "diagonal": (xx + yy) / math.sqrt(2)}[p["direction"]]
        return ((coord % period) < width).astype(np.float32)
    if kind == "stars":
        img = Image.new("L", (w, h), 0)
        draw = ImageDraw.Draw(img)
        r = p["size"] * h
        step = r * p["spacing"]
        for j, yy in enumerate(np.arange(-step / 2, h + step, step * 0.8)):
            off = step / 2 if j % 2 else 0
            for xx in np.arange(-step + off, w + step, step):
                _star(draw, xx, yy, r, 0.0)
        return np.asarray(img, np.float32) / 255
    if kind in ("press_latin", "press_cn"):
        img = Image.new("L", (w, h), 0)
        draw = ImageDraw.Draw(img)
        font = _font(max(9, int(p["font"] * h)), "latin" if kind == "press_latin" else "cjk")
        words = p["words"]
        size = p["font"] * h
        step_y = size * p["row_gap"]
        for j, yy in enumerate(np.arange(-size, h + size, step_y)):
            x = -size * 2 + (j % 2) * size * 2.5
            i = j
            while x < w + size:
                word = words[i % len(words)]
                if p.get("marks"):
                    draw.ellipse([x, yy + 0.1 * size, x + 0.9 * size, yy + size], outline=255, width=max(2, int(size * 0.15)))
                    x += 1.2 * size
                draw.text((x, yy), word, font=font, fill=255)
                x += draw.textlength(word, font=font) + size * p["col_gap"]
                i += 1
        return np.asarray(img, np.float32) / 255
    raise ValueError(kind)


def _plain(w: int, h: int, bgr, rng: np.random.Generator, gradient: float, texture: float = 2.0) -> np.ndarray:
    y = np.linspace(1 + gradient, 1 - gradient, h, dtype=np.float32)[:, None, None]
    x = np.linspace(1 - gradient * rng.uniform(-0.7, 0.7), 1 + gradient * rng.uniform(-0.7, 0.7), w, dtype=np.float32)[None, :, None]
    arr = np.array(bgr, np.float32)[None, None, :] * y * x
    tex = cv2.GaussianBlur(rng.standard_normal((h, w), dtype=np.float32) * texture, (0, 0), 1.5)
    return arr + tex[..., None]


def _sky(w: int, h: int, p: dict[str, Any], rng: np.random.Generator) -> np.ndarray:
    top = np.float32(p["blue"])
    bottom = np.float32([235, 215, 190])
    t = np.linspace(0, 1, h, dtype=np.float32)[:, None, None] ** 1.3
    arr = top * (1 - t) + bottom * t
    arr = np.broadcast_to(arr, (h, w, 3)).astype(np.float32)
    noise = np.zeros((h, w), np.float32)
    for octave in range(5):  # fractal noise for clouds
        s = 2 ** (octave + 2)
        small = rng.normal(0, 1, (s * h // w + 2, s + 2)).astype(np.float32)
        noise += cv2.resize(small, (w, h), interpolation=cv2.INTER_CUBIC) / (1.7**octave)
    cover = p["clouds"]
    clouds = np.clip((noise - np.quantile(noise, 1 - cover)) * 1.2, 0, 1)
    clouds = cv2.GaussianBlur(clouds, (0, 0), h / 300 + 0.5)
    shade = 1 - 0.25 * np.clip(cv2.GaussianBlur(clouds, (0, 0), h / 60) - clouds, 0, 1)
    white = np.float32([248, 248, 246])
    return arr * (1 - clouds[..., None]) + white * clouds[..., None] * shade[..., None]


def _room(w: int, h: int, p: dict[str, Any], rng: np.random.Generator) -> np.ndarray:
    img = _plain(w, h, p["wall"], rng, 0.12)
    floor_y = int(h * p["floor"])
    img[floor_y:] = _plain(w, h - floor_y, (60, 95, 140), rng, 0.05)
    def rect(x0, y0, x1, y1, c):
        cv2.rectangle(img, (int(x0 * w), int(y0 * h)), (int(x1 * w), int(y1 * h)), tuple(float(v) for v in c), -1)
    dx = p["door_x"]
    rect(dx, 0.12, dx + 0.16, p["floor"], (40, 70, 110))
    wx = p["window_x"]
    rect(wx, 0.08, wx + 0.22, 0.5, (250, 245, 235))
    rect(wx + 0.105, 0.08, wx + 0.115, 0.5, (200, 200, 200))
    for k in range(int(p["books"])):  # a shelf with books
        bx = 0.05 + 0.025 * k
        rect(bx, 0.55, bx + 0.02, 0.68, [int(v) for v in rng.integers(30, 220, 3)])
    rect(0.02, 0.68, 0.4, 0.7, (50, 70, 90))
    cv2.ellipse(img, (int(w * 0.88), int(h * 0.55)), (int(w * 0.06), int(h * 0.12)), 0, 0, 360, (50, 120, 60), -1)  # a plant
    return img


def background(p: dict[str, Any], w: int, h: int, seed: int) -> np.ndarray:
    """Render background ``p`` (a parameter dict with ``kind``) at w×h as float32 BGR."""
    rng = np.random.default_rng(seed)
    kind = p["kind"]
    if kind == "aliyun":
        return _printed_cloth(w, h, p, rng, _text_layer(w, h, p, rng))
    if kind in ("dots", "gingham", "stripes", "stars", "press_latin", "press_cn"):
        return _printed_cloth(w, h, p, rng, _pattern_mask(w, h, p, rng))
    if kind == "sky":
        return _sky(w, h, p, rng)
    if kind in ("id_blue", "id_blue_strands"):
        return _plain(w, h, p["blue"], rng, 0.04, 1.0)
    if kind == "blue_wall":
        img = _plain(w, h, p["blue"], rng, 0.18, 3.0)
        if p.get("switch"):  # a white light switch
            x, y = int(w * p["switch"][0]), int(h * p["switch"][1])
            cv2.rectangle(img, (x, y), (x + int(0.05 * h), y + int(0.05 * h)), (235, 235, 235), -1)
            cv2.rectangle(img, (x + int(0.015 * h), y + int(0.012 * h)), (x + int(0.035 * h), y + int(0.038 * h)), (205, 205, 205), -1)
        return img
    if kind == "curtain":
        base = _plain(w, h, p["blue"], rng, 0.05)
        x = np.linspace(0, 1, w, dtype=np.float32)[None, :]
        pleats = np.sin(6.283 * p["pleats"] * x + 0.4 * np.sin(6.283 * 1.3 * x))
        shade = 1 + 0.28 * pleats + 0.1 * np.maximum(pleats, 0) ** 8
        return base * shade[..., None]
    if kind in ("white_wall", "light_grey_wall", "grey_wall"):
        return _plain(w, h, p["colour"], rng, p.get("gradient", 0.08), 1.5)
    if kind == "room":
        return _room(w, h, p, rng)
    if kind == "partial":
        img = _room(w, h, p["room"], rng) if p["around"] == "room" else _plain(w, h, (228, 232, 235), rng, 0.1)
        x0, x1, y0 = int(w * p["left"]), int(w * (1 - p["right"])), int(h * p["top"])
        cloth = background(p["backdrop"], x1 - x0, h - y0, seed + 1)
        img[y0:, x0:x1] = cloth
        # the cloth's shadow on the wall beside it
        img[y0:, x1 : min(w, x1 + max(2, w // 150))] *= 0.7
        return img
    raise ValueError(kind)


def sample_background(kind: str, rng: random.Random) -> dict[str, Any]:
    p: dict[str, Any] = {"kind": kind}
    cloth = dict(blue=_blue(rng), folds=rng.uniform(0.02, 0.16), creases=rng.choice((0.0, 0.0, rng.uniform(0.05, 0.15))),
                 uneven=rng.uniform(0.0, 0.3), warp=rng.choice((0.0, rng.uniform(0.001, 0.004))), print_blur=rng.uniform(0, 1.2),
                 opacity=rng.uniform(0.82, 1.0), ink=[rng.randint(232, 252), rng.randint(235, 252), rng.randint(235, 250)])
    if kind == "aliyun":
        layout = rng.choice(("grid", "staggered", "alternating", "mixed", "bilingual", "big", "dense"))
        font = {"big": rng.uniform(0.07, 0.095), "dense": rng.uniform(0.026, 0.034)}.get(layout, rng.uniform(0.034, 0.065))
        p.update(cloth, layout=layout, rows=_print_units(layout), font=round(font, 4), row_gap=rng.uniform(1.9, 3.2),
                 col_gap=rng.uniform(0.9, 2.6), stagger={"grid": 0.0}.get(layout, rng.choice((0.5, 0.33, 0.0))),
                 angle=rng.choice((0.0, 0.0, rng.uniform(-4.5, 4.5))), weight=rng.choice(("Bold", "Bold", "Regular")),
                 row_scale=[1.0, round(rng.uniform(0.55, 0.9), 3)] if layout in ("alternating", "mixed", "big") and rng.random() < 0.6 else [1.0],
                 keystone=rng.choice((0.0, 0.0, round(rng.uniform(0.01, 0.035), 4))))
    elif kind == "dots":
        p.update(cloth, size=rng.uniform(0.006, 0.03), spacing=rng.uniform(2.8, 6.0), staggered=rng.random() < 0.5)
    elif kind == "gingham":
        p.update(cloth, size=rng.uniform(0.02, 0.08))
    elif kind == "stripes":
        p.update(cloth, size=rng.uniform(0.004, 0.03), spacing=rng.uniform(2.5, 6.0), direction=rng.choice(("vertical", "horizontal", "diagonal")))
    elif kind == "stars":
        p.update(cloth, size=rng.uniform(0.012, 0.04), spacing=rng.uniform(2.8, 5.0))
        p["blue"] = [int(c * 0.75) for c in p["blue"]]
    elif kind in ("press_latin", "press_cn"):
        pool = BRAND_WORDS_LATIN if kind == "press_latin" else BRAND_WORDS_CN
        p.update(cloth, words=rng.sample(pool, rng.randint(1, 3)), font=rng.uniform(0.03, 0.07), row_gap=rng.uniform(1.9, 3.0),
                 col_gap=rng.uniform(1.0, 2.5), marks=rng.random() < 0.5)
    elif kind == "sky":
        p.update(blue=[rng.randint(185, 230), rng.randint(115, 160), rng.randint(30, 80)], clouds=rng.uniform(0.08, 0.4))
    elif kind in ("id_blue", "id_blue_strands"):
        ref = rng.choice(((219, 142, 67), (235, 160, 60), (200, 120, 30), (240, 185, 90)))
        p.update(blue=[int(np.clip(c + rng.randint(-12, 12), 0, 255)) for c in ref])
    elif kind == "blue_wall":
        p.update(blue=_blue(rng), switch=[rng.uniform(0.05, 0.2), rng.uniform(0.5, 0.7)] if rng.random() < 0.5 else None)
    elif kind == "curtain":
        p.update(blue=_blue(rng), pleats=rng.uniform(6, 16))
    elif kind == "white_wall":
        v = rng.randint(215, 240)
        p.update(colour=[v + rng.randint(-6, 4), v + rng.randint(-4, 2), v + rng.randint(-4, 6)], gradient=rng.uniform(0.02, 0.12))
    elif kind == "light_grey_wall":
        v = rng.randint(188, 218)
        p.update(colour=[v + rng.randint(-3, 3), v, v + rng.randint(-3, 3)], gradient=rng.uniform(0.02, 0.1))
    elif kind == "grey_wall":
        v = rng.randint(100, 145)  # a mid grey, well below the light greys of plain_light
        p.update(colour=[v, v, v - 2], gradient=rng.uniform(0.05, 0.15))
    elif kind == "room":
        p.update(_room_params(rng))
    elif kind == "partial":
        sides = rng.choice(("both", "left", "right", "top", "all"))
        p.update(around=rng.choice(("room", "wall")), room=_room_params(rng), backdrop=sample_background("aliyun", rng),
                 left=rng.uniform(0.08, 0.2) if sides in ("both", "left", "all") else 0.0,
                 right=rng.uniform(0.08, 0.2) if sides in ("both", "right", "all") else 0.0,
                 top=rng.uniform(0.06, 0.15) if sides in ("top", "all") else 0.0)
    else:
        raise ValueError(kind)
    return p


def _room_params(rng: random.Random) -> dict[str, Any]:
    return dict(wall=rng.choice(((200, 215, 225), (225, 228, 230), (170, 175, 180), (215, 200, 170))), floor=rng.uniform(0.62, 0.78),
                door_x=rng.uniform(0.04, 0.2), window_x=rng.uniform(0.55, 0.72), books=rng.randint(4, 12))


# --------------------------------------------------------------------------- placement and geometry


def _placement(spec: dict[str, Any], W: int, H: int) -> tuple[np.ndarray, dict[str, Any]]:
    """Affine map from the dressed person's source to the picture, and the truth geometry it gives."""
    d = _dressed_for(spec)
    fx, fy, fw, fh = d.face
    an = d.anatomy
    s = spec["face_height"] * H / fh
    src_roll = math.degrees(math.atan2(an.eye_r[1] - an.eye_l[1], an.eye_r[0] - an.eye_l[0]))
    # rotate by (roll - src_roll) clockwise on screen (y down): a positive angle in the y-down frame
    theta = math.radians(spec["roll"] - src_roll)
    c, si = math.cos(theta), math.sin(theta)
    A = s * np.array([[c, -si], [si, c]], np.float64)
    centre_src = np.array([fx + fw / 2, fy + fh / 2])
    rel = (d.outline - centre_src) @ A.T
    top_rel = float(rel[:, 1].min())
    target = np.array([spec["centre_x"] * W, spec["headroom"] * H - top_rel])
    M = np.hstack([A, (target - A @ centre_src)[:, None]])

    def tf(pt):
        return M[:, :2] @ np.asarray(pt, np.float64) + M[:, 2]

    eye_l, eye_r = tf(an.eye_l), tf(an.eye_r)
    corners = np.array([tf((fx, fy)), tf((fx + fw, fy)), tf((fx, fy + fh)), tf((fx + fw, fy + fh))])
    head = d.outline @ M[:, :2].T + M[:, 2]
    geo = {
        "eyes": [eye_l.round(1).tolist(), eye_r.round(1).tolist()],
        "roll": round(math.degrees(math.atan2(eye_r[1] - eye_l[1], eye_r[0] - eye_l[0])), 2),
        "face_box": [round(float(corners[:, 0].min()), 1), round(float(corners[:, 1].min()), 1),
                     round(float(corners[:, 0].max() - corners[:, 0].min()), 1), round(float(corners[:, 1].max() - corners[:, 1].min()), 1)],
        "face_centre": [round(float(target[0]), 1), round(float(target[1]), 1)],
        "face_height": round(s * fh / H, 4),
        "head_top": round(float(head[:, 1].min()), 1),
        "head_x": [round(float(head[:, 0].min()), 1), round(float(head[:, 0].max()), 1)],
    }
    return M.astype(np.float32), geo


# --------------------------------------------------------------------------- rendering


def _disk(r: float) -> np.ndarray:
    n = int(math.ceil(r))
    y, x = np.mgrid[-n : n + 1, -n : n + 1]
    k = np.clip(r + 0.5 - np.sqrt(x**2 + y**2), 0, 1).astype(np.float32)
    return k / k.sum()


def _motion(length: float, angle: float) -> np.ndarray:
    n = int(math.ceil(length / 2)) * 2 + 1
    k = np.zeros((n, n), np.float32)
    c = n // 2
    dx, dy = math.cos(math.radians(angle)) * length / 2, math.sin(math.radians(angle)) * length / 2
    cv2.line(k, (int(round(c - dx)), int(round(c - dy))), (int(round(c + dx)), int(round(c + dy))), 1.0, 1, cv2.LINE_AA)
    return k / k.sum()


def _strands(img: np.ndarray, geo: dict[str, Any], colour: np.ndarray, count: int, rng: np.random.Generator) -> None:
    """Fine stray hairs leaving the head and crossing the background."""
    H, W = img.shape[:2]
    layer = np.zeros((H, W), np.float32)
    cx = geo["face_centre"][0]
    top = geo["head_top"]
    fh = geo["face_height"] * H
    for _ in range(count):
        a = rng.uniform(-2.6, -0.5)  # upwards and sideways
        r0 = 0.75 * fh
        start = np.array([cx + r0 * 0.85 * math.cos(a), top + fh * 0.6 + r0 * math.sin(a)])
        length = fh * rng.uniform(0.2, 0.7)
        bend = rng.uniform(-0.6, 0.6)
        pts = []
        for t in np.linspace(0, 1, 24):
            ang = a + bend * t
            pts.append(start + t * length * np.array([math.cos(ang), math.sin(ang)]))
        cv2.polylines(layer, [np.array(pts, np.int32)], False, float(rng.uniform(0.5, 0.95)), 1, cv2.LINE_AA)
    m = layer[..., None]
    img[:] = img * (1 - m) + colour[None, None, :] * m


def _extend_down(bgr: np.ndarray, alpha: np.ndarray, clothing: np.ndarray, pad: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Continue the body below the source picture: its last row, with small details (buttons, cords) smoothed away
    (alpha-weighted horizontal blur) and a gentle darkening downwards; all of it is the top (recoloured)."""
    row = bgr[-1:].astype(np.float32)
    a = alpha[-1:].astype(np.float32)
    k = (max(3, bgr.shape[1] // 12) | 1, 1)
    smooth = cv2.blur(row * a[..., None], k) / np.maximum(cv2.blur(a, k), 1e-3)[..., None]
    smooth = np.where(a[..., None] > 0.01, smooth, row)
    fade = np.linspace(1.0, 0.85, pad, dtype=np.float32)[:, None, None]
    ext = np.repeat(smooth, pad, axis=0) * fade
    body = np.repeat(alpha[-1:] > 0.5, pad, axis=0)
    return np.vstack([bgr.astype(np.float32), ext]), np.vstack([alpha, np.repeat(alpha[-1:], pad, axis=0)]), np.vstack([clothing, body])


def render(params: dict[str, Any], with_mask: bool = False):
    """Render a scene: BGR uint8 picture (and, with ``with_mask``, the person mask 0..1)."""
    W, H = params["size"]
    seed = params["seed"]
    rng = np.random.default_rng(seed)
    canvas = background(params["background"], W, H, seed)
    if params.get("background_blur"):
        canvas = cv2.GaussianBlur(canvas, (0, 0), params["background_blur"] * H / 1000)
    acc = np.zeros((H, W), np.float32)
    for i, spec in enumerate(params["people"]):
        d = _dressed_for(spec)
        M, geo = _placement(spec, W, H)
        s = float(np.hypot(M[0, 0], M[1, 0]))
        pad = int(H / s) + 20
        src, alpha, clothing = _extend_down(d.bgr, d.alpha, d.clothing, pad)
        src = recolour(src, clothing, spec["shirt"], seed + i)
        warped = cv2.warpAffine(src, M, (W, H), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        a = cv2.warpAffine(alpha, M, (W, H), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
        if params.get("shadow"):  # soft shadow of the person on a wall behind
            off = int(0.02 * W)
            sh = cv2.GaussianBlur(np.roll(a, off, axis=1), (0, 0), 0.015 * H)
            canvas *= (1 - params["shadow"] * sh)[..., None]
        canvas = canvas * (1 - a[..., None]) + warped * a[..., None]
        acc = np.maximum(acc, a)
        if params.get("strands"):
            _strands(canvas, geo, np.float32(params["strands"]["colour"]), params["strands"]["count"], rng)
    light = params.get("side_light", 0.0)
    if light:
        ramp = np.linspace(1 - light, 1 + light, W, dtype=np.float32)
        canvas *= (ramp if params.get("light_from", "right") == "right" else ramp[::-1])[None, :, None]
    canvas *= params.get("gain", 1.0) * np.float32(params.get("white_balance", [1, 1, 1]))[None, None, :]
    blur = params.get("blur")
    if blur:
        kernel = _disk(blur["radius"]) if blur["kind"] == "defocus" else _motion(blur["length"], blur["angle"])
        canvas = cv2.filter2D(canvas, -1, kernel, borderType=cv2.BORDER_REFLECT)
    noise = params.get("noise", 0.0)
    if noise:  # sensor noise: fine luma grain plus coarser chroma blotches
        canvas += (rng.standard_normal((H, W), dtype=np.float32) * noise)[..., None]
        chroma = rng.standard_normal((H // 4 + 1, W // 4 + 1, 3), dtype=np.float32) * (noise * 0.5)
        canvas += cv2.resize(chroma, (W, H), interpolation=cv2.INTER_LINEAR)
    out = np.clip(canvas, 0, 255).astype(np.uint8)
    return (out, acc) if with_mask else out


def encode(image: np.ndarray, params: dict[str, Any]) -> bytes:
    if params.get("format") == "png":
        ok, buf = cv2.imencode(".png", image, [cv2.IMWRITE_PNG_COMPRESSION, 1])
    else:
        ok, buf = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, int(params.get("jpeg_quality", 90))])
    assert ok
    return buf.tobytes()


# --------------------------------------------------------------------------- cases and labels


@dataclass
class Case:
    name: str
    kind: str  # the scene kind (see KINDS)
    params: dict[str, Any]  # everything needed to render the picture
    expected: dict[str, frozenset[str]]
    valid: bool
    profile: str = "aliyun_backdrop"
    geometry: list[dict[str, Any]] = field(default_factory=list)  # truth per person

    @property
    def scene(self) -> dict[str, Any]:  # the scene parameters (same name as in photo_fixtures.Case)
        return self.params

    def image(self) -> np.ndarray:
        return render(self.params)

    def jpeg(self) -> bytes:
        """The encoded picture (JPEG, or PNG for the scenes whose ``params["format"]`` says so)."""
        return encode(render(self.params), self.params)

    @property
    def expected_verdict(self) -> frozenset[str] | None:
        return expected_verdict(self.expected)


def expected_verdict(expected: dict[str, frozenset[str]]) -> frozenset[str] | None:
    """Acceptable overall verdicts: any check that must fail makes it ``fail``; with every check labeled, the worst of
    each combination; otherwise unknown (None)."""
    if any(v == F for v in expected.values()):
        return F
    if not all(c in expected for c in CHECK_IDS):
        return None
    out = set()
    for combo in itertools.product(*(sorted(expected[c]) for c in CHECK_IDS)):
        out.add(max(combo, key=_RANK.__getitem__))
    return frozenset(out)


def resolution_label(w: int, h: int) -> frozenset[str]:
    return P if max(w, h) >= 800 and min(w, h) >= 600 else F


def _band(value: float, bands: list[tuple[float, frozenset[str] | None]]) -> frozenset[str] | None:
    """The label of the first band whose upper limit is >= value."""
    for limit, label in bands:
        if value <= limit:
            return label
    return bands[-1][1]


def framing_label(geo: dict[str, Any], W: int, H: int) -> frozenset[str] | None:
    """Framing truth from the geometry, aspect by aspect, with margins around each boundary; the label is the worst
    status over the combinations of the aspects' acceptable statuses, or None when an aspect is too close to call.

    * centre (face centre from the middle, fraction of the width): ≤ 5 % pass, ≤ 12 % pass/warn, ≤ 21 % warn
      (the rules say "in the middle"), 21-25 % unlabeled, outer quarter fail;
    * face height (the source's face box, forehead to chin; a detector box reaching the hairline is ~15 % taller):
      < 5 % fail, 6-9 % warn, 9-13 % pass/warn, 13-25 % pass, 25-33 % pass/warn, 33-45 % warn/fail (where ID-photo
      crops begin), > 55 % fail;
    * headroom (top of the hair or hat): cut by the top edge (or the head by a side edge) fail, < 1.5 % unlabeled,
      < 5 % pass/warn, else pass;
    * tilt of the eye line (no filing rule; a checker may warn from about 5-6°): ≤ 3° pass, ≤ 8.5° pass/warn,
      8.5-11.5° unlabeled, 11.5-15° warn/fail, ≥ 15° fail.
    """
    off = abs(geo["face_centre"][0] / W - 0.5)
    fh = geo["face_height"]
    head_top = geo["head_top"] / H
    roll = abs(geo["roll"])
    side_cut = geo["head_x"][0] <= 0 or geo["head_x"][1] >= W
    aspects = [
        _band(off, [(0.05, P), (0.12, PW), (0.21, W_), (0.2499, None), (9, F)]),
        _band(fh, [(0.05, F), (0.06, None), (0.09, W_), (0.13, PW), (0.25, P), (0.33, PW), (0.45, WF), (0.55, None), (9, F)]),
        F if head_top <= 0 or side_cut else _band(head_top, [(0.015, None), (0.05, PW), (9, P)]),
        _band(roll, [(3.0, P), (8.5, PW), (11.5, None), (14.999, WF), (999, F)]),
    ]
    if F in aspects:
        return F
    if None in aspects:
        return None
    return frozenset(max(combo, key=_RANK.__getitem__) for combo in itertools.product(*aspects))


def backdrop_label(bg_kind: str, profile: str) -> frozenset[str]:
    if profile == "plain_light":
        return P if bg_kind in PLAIN_LIGHT_KINDS else F
    return P if bg_kind in BACKDROP_KINDS else F


# --------------------------------------------------------------------------- the scene kinds

SIZES_OK = ((1200, 900), (900, 1200), (1600, 1200), (1280, 960), (1024, 768), (1080, 1440), (1440, 1080), (960, 1280), (800, 600), (750, 1000))
SIZES_LOW = ((640, 480), (720, 540), (480, 640), (760, 570), (560, 750), (1000, 560))
SIZES_BIG = ((4032, 3024), (3024, 4032))

# scene kind: (group, weight in the random part of a set)
KINDS: dict[str, tuple[str, float]] = {
    "valid": ("valid", 30), "valid-big": ("valid", 1), "valid-png": ("valid", 1), "valid-soft-background": ("valid", 2),
    "wb-cool": ("white balance", 4), "wb-warm": ("white balance", 3), "wb-tint": ("white balance", 2),
    "glasses": ("appearance", 2), "hat": ("appearance", 2), "fringe": ("appearance", 2), "beard": ("appearance", 2), "bald": ("appearance", 2),
    "skin-dark": ("appearance", 3), "skin-darker": ("appearance", 2), "skin-light": ("appearance", 2), "child": ("appearance", 3),
    "side-light": ("appearance", 2), "side-light-strong": ("appearance", 1), "tilt-small": ("framing", 4),
    "shirt-bad": ("clothing", 8), "shirt-border": ("clothing", 4), "shirt-bad-wb": ("clothing", 3),
    "bg-dots": ("hard negative", 2), "bg-gingham": ("hard negative", 2), "bg-stripes": ("hard negative", 2), "bg-stars": ("hard negative", 1.5),
    "bg-press_latin": ("hard negative", 2), "bg-press_cn": ("hard negative", 1.5), "bg-sky": ("hard negative", 1.5),
    "bg-id_blue": ("hard negative", 1.5), "bg-id_blue_strands": ("hard negative", 1.5), "bg-blue_wall": ("hard negative", 1.5),
    "bg-curtain": ("hard negative", 1.5), "bg-white_wall": ("hard negative", 1), "bg-grey_wall": ("hard negative", 1),
    "bg-room": ("hard negative", 1), "bg-partial": ("hard negative", 2), "id-photo-crop": ("hard negative", 1),
    "plain-light": ("plain_light", 5), "plain-light-wrong-bg": ("plain_light", 2),
    "offcentre": ("framing", 2), "face-outer-quarter": ("framing", 2), "small": ("framing", 1.5), "tiny": ("framing", 1),
    "large": ("framing", 1.5), "huge": ("framing", 1), "head-cut": ("framing", 2), "tilt-warn": ("framing", 1.5), "tilt-fail": ("framing", 2),
    "dark": ("quality", 1.5), "bright": ("quality", 1), "defocus": ("quality", 2), "defocus-mild": ("quality", 1), "motion-blur": ("quality", 2),
    "noise": ("quality", 1.5), "jpeg-low": ("quality", 1.5), "low-res": ("quality", 3),
    "two-people": ("count", 2.5), "no-person": ("count", 2),
}
REQUIRED_KINDS = tuple(KINDS)


def _person(rng: random.Random, **over) -> dict[str, Any]:
    who = over.pop("who", rng.choice(PEOPLE))
    spec = dict(who=who, centre_x=0.5 + rng.uniform(-0.04, 0.04), face_height=rng.uniform(0.14, 0.24), headroom=rng.uniform(0.06, 0.14),
                roll=rng.uniform(-2.8, 2.8), extras=[], skin=[1.0, 0.0, 0.0], look=rng.randint(0, 5),
                hair=rng.choice(("natural", "black", "black", "dark_brown")), mirror=rng.random() < 0.5,
                shirt=sample_shirt(rng.choice(GOOD_SHIRTS), rng))
    spec.update(over)
    return spec


def _wb(rng: random.Random, mode: str | None = None) -> list[float]:
    mode = mode or rng.choice(("none", "none", "none", "cool", "warm", "random"))
    a = rng.uniform(0.06, 0.15)
    if mode == "none":
        return [round(rng.uniform(0.97, 1.03), 3) for _ in range(3)]
    if mode == "cool":
        return [round(1 + a, 3), round(rng.uniform(0.97, 1.03), 3), round(1 - a, 3)]  # BGR: blue up, red down
    if mode == "warm":
        return [round(1 - a, 3), round(rng.uniform(0.97, 1.03), 3), round(1 + a, 3)]
    if mode == "tint":
        g = rng.choice((-1, 1)) * a
        return [1.0, round(1 + g, 3), 1.0]
    return [round(rng.uniform(0.87, 1.13), 3) for _ in range(3)]


def _base(rng: random.Random, seed: int) -> dict[str, Any]:
    return dict(
        size=list(rng.choice(SIZES_OK)), seed=seed, background=sample_background("aliyun", rng), people=[_person(rng)],
        gain=round(rng.uniform(0.85, 1.15), 3), white_balance=_wb(rng), side_light=round(rng.uniform(0.0, 0.12), 3),
        light_from=rng.choice(("left", "right")), blur=None, noise=round(rng.uniform(1.0, 4.5), 2), jpeg_quality=rng.randint(62, 95),
        background_blur=0.0, shadow=0.0, strands=None, format="jpeg",
    )


def _build(kind: str, rng: random.Random, seed: int) -> tuple[dict[str, Any], dict[str, frozenset[str] | None], str]:
    """Scene parameters, label overrides (None drops a label) and profile for one scene kind."""
    p = _base(rng, seed)
    person = p["people"][0]
    over: dict[str, frozenset[str] | None] = {}
    profile = "aliyun_backdrop"
    if kind == "valid-big":
        p["size"] = list(rng.choice(SIZES_BIG))
        p["noise"] = 3.5
    elif kind == "valid-png":
        p["format"] = "png"
    elif kind == "valid-soft-background":
        p["background_blur"] = rng.uniform(0.8, 1.6)
    elif kind.startswith("wb-"):
        p["white_balance"] = _wb(rng, kind[3:])
        person["shirt"] = sample_shirt(rng.choice(("white", "white", "grey", "beige", "black", "yellow", "green")), rng)
    elif kind in ("glasses", "hat", "fringe", "beard", "bald", "child"):
        who = "astronaut" if kind in ("hat", "bald") else rng.choice(PEOPLE)
        person.update(who=who, extras=[kind] + (["glasses"] if kind == "beard" and rng.random() < 0.3 else []))
        if kind == "child":
            person["face_height"] = rng.uniform(0.16, 0.24)
    elif kind.startswith("skin-"):
        f = {"skin-dark": (0.55, 0.7), "skin-darker": (0.38, 0.5), "skin-light": (1.12, 1.25)}[kind]
        person["skin"] = [round(rng.uniform(*f), 3), round(rng.uniform(0, 4), 1), round(rng.uniform(2, 8) if f[0] < 1 else -3, 1)]
        p["gain"] = round(rng.uniform(0.92, 1.12), 3)
    elif kind == "side-light":
        p["side_light"] = round(rng.uniform(0.15, 0.25), 3)
    elif kind == "side-light-strong":
        p["side_light"] = round(rng.uniform(0.4, 0.55), 3)
        over["exposure"] = PW
    elif kind == "tilt-small":
        person["roll"] = rng.choice((-1, 1)) * rng.uniform(1.5, 3.0)
    elif kind in ("shirt-bad", "shirt-border", "shirt-bad-wb"):
        pool = BORDER_SHIRTS if kind == "shirt-border" else BAD_SHIRTS
        person["shirt"] = sample_shirt(rng.choice(pool), rng)
        if kind == "shirt-bad-wb":
            p["white_balance"] = _wb(rng, rng.choice(("cool", "warm")))
    elif kind.startswith("bg-") or kind == "id-photo-crop":
        bg = "id_blue" if kind == "id-photo-crop" else kind[3:]
        p["background"] = sample_background(bg, rng)
        if bg in ("white_wall", "grey_wall", "blue_wall", "id_blue", "id_blue_strands"):
            p["shadow"] = rng.choice((0.0, rng.uniform(0.1, 0.3)))
        if bg == "id_blue_strands":
            colour = {"black": [20, 20, 22], "dark_brown": [25, 35, 50]}.get(person["hair"], [40, 62, 95])
            if person["who"] != "astronaut":
                colour = [205, 208, 212]
            if rng.random() < 0.5:
                colour = [220, 225, 230]  # light (blond/grey) strands that look like thin white strokes on blue
            p["strands"] = {"colour": colour, "count": rng.randint(15, 45)}
        if kind == "id-photo-crop":  # an ID-photo crop: large face, hardly any shoulders
            person.update(face_height=rng.uniform(0.4, 0.47), headroom=rng.uniform(0.05, 0.09))
            over.update(clothing=None, framing=WF)  # the dev set labels such crops fail
    elif kind == "plain-light":
        profile = "plain_light"
        p["background"] = sample_background(rng.choice(PLAIN_LIGHT_KINDS), rng)
        p["shadow"] = rng.choice((0.0, rng.uniform(0.08, 0.25)))
        p["gain"] = round(rng.uniform(0.85, 1.0), 3)  # a camera exposes a light background a little down
        person["shirt"] = sample_shirt(rng.choice(("white", "grey", "black", "beige", "green", "brown")), rng)
    elif kind == "plain-light-wrong-bg":
        profile = "plain_light"
        p["background"] = sample_background(rng.choice(("aliyun", "room", "id_blue", "dots", "grey_wall")), rng)
        person["shirt"] = sample_shirt(rng.choice(("white", "grey", "black", "beige")), rng)
    elif kind == "offcentre":
        person["centre_x"] = 0.5 + rng.choice((-1, 1)) * rng.uniform(0.13, 0.2)
        person["face_height"] = rng.uniform(0.14, 0.2)
    elif kind == "face-outer-quarter":
        person["centre_x"] = 0.5 + rng.choice((-1, 1)) * rng.uniform(0.27, 0.34)
        person["face_height"] = rng.uniform(0.1, 0.16)
        over["backdrop"] = None
    elif kind == "small":  # (the astronaut: her picture shows enough of the body for a small face)
        person.update(who="astronaut", face_height=rng.uniform(0.065, 0.085))
        p["size"] = list(rng.choice(((1600, 1200), (1200, 1600), (1440, 1080))))
    elif kind == "tiny":
        person.update(who="astronaut", face_height=rng.uniform(0.035, 0.045))
        p["size"] = [1600, 1200]
        over.update(face_count=None, clothing=None, sharpness=None, exposure=None)
    elif kind == "large":
        person.update(face_height=rng.uniform(0.34, 0.39), headroom=rng.uniform(0.05, 0.08))
        over.update(clothing=None)
    elif kind == "huge":
        person.update(face_height=rng.uniform(0.58, 0.68), headroom=rng.uniform(0.02, 0.05))
        over.update(clothing=None, backdrop=None)
    elif kind == "head-cut":
        person.update(face_height=rng.uniform(0.16, 0.24), headroom=-rng.uniform(0.01, 0.07))
        over["backdrop"] = None
    elif kind == "tilt-warn":
        person["roll"] = rng.choice((-1, 1)) * rng.uniform(6.8, 8.2)
    elif kind == "tilt-fail":
        person["roll"] = rng.choice((-1, 1)) * rng.uniform(15.5, 22)
    elif kind == "dark":
        p["gain"] = round(rng.uniform(0.22, 0.3), 3)
        over.update(exposure=F, clothing=None, backdrop=None, sharpness=None)
    elif kind == "bright":
        p["gain"] = round(rng.uniform(2.3, 2.8), 3)
        over.update(exposure=F, face_count=None, framing=None, clothing=None, backdrop=None, sharpness=None)
    elif kind in ("defocus", "defocus-mild", "motion-blur"):
        face_px = person["face_height"] * p["size"][1]
        if kind == "defocus":
            p["blur"] = {"kind": "defocus", "radius": round(face_px * rng.uniform(0.06, 0.1), 2)}
            over.update(sharpness=F, backdrop=None)
        elif kind == "defocus-mild":
            p["blur"] = {"kind": "defocus", "radius": round(max(1.0, face_px * rng.uniform(0.008, 0.014)), 2)}
            over.update(sharpness=PW)
        else:
            p["blur"] = {"kind": "motion", "length": round(face_px * rng.uniform(0.13, 0.2), 2), "angle": round(rng.uniform(0, 180), 1)}
            over.update(sharpness=F, backdrop=None)
    elif kind == "noise":
        p["noise"] = round(rng.uniform(7, 11), 2)
        over["sharpness"] = PW
    elif kind == "jpeg-low":
        p["jpeg_quality"] = rng.randint(22, 40)
        over["sharpness"] = PW
    elif kind == "low-res":
        p["size"] = list(rng.choice(SIZES_LOW))
        person["face_height"] = rng.uniform(0.17, 0.24)
    elif kind == "two-people":
        a, b = rng.sample(PEOPLE, 2) if rng.random() < 0.7 else [rng.choice(PEOPLE)] * 2
        fh = rng.uniform(0.13, 0.2)
        p["size"] = list(rng.choice(((1600, 1000), (1600, 1200), (1440, 1080))))
        gap = rng.uniform(0.2, 0.26)
        p["people"] = [_person(rng, who=a, centre_x=0.5 - gap, face_height=fh), _person(rng, who=b, centre_x=0.5 + gap, face_height=fh * rng.uniform(0.9, 1.1))]
        over.update(framing=None, clothing=None, exposure=None, sharpness=None)
    elif kind == "no-person":
        p["people"] = []
        p["background"] = sample_background(rng.choice(("aliyun", "aliyun", "room", "white_wall", "dots")), rng)
        over.update(framing=F, clothing=None, exposure=None, sharpness=None)
    elif kind != "valid":
        raise ValueError(kind)
    return p, over, profile


def _labels(kind: str, p: dict[str, Any], over: dict, profile: str, geos: list[dict[str, Any]]) -> dict[str, frozenset[str]]:
    W, H = p["size"]
    n = len(p["people"])
    labels: dict[str, frozenset[str] | None] = {c: P for c in CHECK_IDS}
    labels["face_count"] = P if n == 1 else F
    labels["framing"] = framing_label(geos[0], W, H) if n == 1 else F
    labels["backdrop"] = backdrop_label(p["background"]["kind"], profile)
    labels["clothing"] = SHIRT_RANGES[p["people"][0]["shirt"]["kind"]][3] if n else None
    labels["resolution"] = resolution_label(W, H)
    labels.update(over)
    return {k: v for k, v in labels.items() if v is not None}


def make_case(kind: str, index: int, seed: int, rng: random.Random) -> Case:
    scene_seed = rng.randint(0, 2**31 - 1)
    p, over, profile = _build(kind, rng, scene_seed)
    W, H = p["size"]
    geos = [_placement(spec, W, H)[1] for spec in p["people"]]
    expected = _labels(kind, p, over, profile, geos)
    valid = set(expected) == set(CHECK_IDS) and all(v == P for v in expected.values())
    return Case(f"s{seed}-{index:03d}-{kind}", kind, p, expected, valid, profile, geos)


def generate(seed: int, n: int) -> list[Case]:
    """``n`` labeled scenes for ``seed`` (the same every time). Every kind in ``REQUIRED_KINDS`` is present when
    ``n >= len(REQUIRED_KINDS)``; the rest are drawn by weight (about a third are fully valid photos).

    Seed 1 is the tests' development seed; seeds >= 2 are held out for ``benchmarks/accuracy.py``."""
    if seed < 1:
        raise ValueError("seeds start at 1 (1: development, 2 and above: held out)")
    rng = random.Random(f"beian-scenes-{seed}")
    kinds = list(REQUIRED_KINDS)
    rng.shuffle(kinds)
    names, weights = list(KINDS), [w for _, w in KINDS.values()]
    while len(kinds) < n:
        kinds.append(rng.choices(names, weights)[0])
    kinds = kinds[:n]
    return [make_case(kind, i, seed, rng) for i, kind in enumerate(kinds)]


def group_of(kind: str) -> str:
    return KINDS[kind][0]


if __name__ == "__main__":  # write a contact sheet of a few scenes: python tests/imaging/scene_generator.py SEED N OUT_DIR
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    seed, count, out = int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
    out.mkdir(parents=True, exist_ok=True)
    for case in generate(seed, count):
        (out / f"{case.name}.jpg").write_bytes(encode(render(case.params), {**case.params, "format": "jpeg"}))
        print(case.name, {k: "/".join(sorted(v)) for k, v in case.expected.items()}, case.valid)
