"""Screen re-shots and the paper photos they must not be confused with.

A re-shot is a phone photo of a document shown on a monitor or another phone, which filing services refuse because it
is not the original. Written from how such photos look, not from the checker:

* the document is shown on an LCD panel: every screen pixel is three vertical sub-pixel stripes (red, green, blue)
  with a dark "black matrix" line between pixel rows, so even the white paper of the document is a fine grid of
  coloured stripes;
* the camera samples that grid at a non-integer scale and a slight rotation: the grid aliases into moiré (wavy,
  often coloured bands); the lens and the sensor's pixel area soften it only in part;
* the panel's tone curve and colour temperature (gamma, bluish white) differ from paper under room light;
* a dark plastic bezel frames the panel, and the glossy screen reflects a window or a lamp as a broad soft glare.

Negatives (no re-shot): documents printed on paper and photographed as usual, including desks with a fine periodic
weave (a linen table cloth) and paper whose background tint is printed as a halftone dot screen (as security paper
and cheap colour prints are).

Everything comes from a seeded generator; ``build_screen_cases(seed)`` gives the labeled set. The tests use
:data:`TEST_SEED`; :data:`HELD_OUT_SEED` is scored only by ``benchmarks/accuracy_documents.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from doc_fixtures import TEXT_TYPE, encode, identity, photograph, render_text_card, render_text_desk, render_text_page

TEST_SEED = 17
HELD_OUT_SEED = 90211  # never used by a test or while choosing a threshold


def _subpixel_panel(shown: np.ndarray, sub: int = 6) -> np.ndarray:
    """``shown`` (BGR, one value per screen pixel) as the panel emits it, ``sub`` x ``sub`` samples per screen pixel:
    red, green and blue stripes side by side, each a third of the pixel wide, and a dark row between pixel rows."""
    h, w = shown.shape[:2]
    third = sub // 3
    cols = np.zeros((sub, 3), np.float32)  # weight of B, G, R per column inside one pixel
    for c, channel in enumerate((2, 1, 0)):  # R, G, B from left to right (BGR indices)
        cols[c * third : (c + 1) * third, channel] = 1.0
    cols[third - 1 :: third] *= 0.8  # thin dark lines between the sub-pixels
    rows = np.ones(sub, np.float32)
    rows[-1] = 0.12  # black matrix between rows
    big = np.repeat(np.repeat(shown.astype(np.float32), sub, axis=0), sub, axis=1)
    pattern = np.tile(rows[:, None, None] * cols[None, :, :], (h, w, 1))
    return big * pattern


def screen_reshot(doc: np.ndarray, rng, frame: tuple[int, int] = (1600, 1200), desk: str = "slate") -> np.ndarray:
    """A photo (BGR, ``frame`` = (w, h)) of ``doc`` shown full-screen on a monitor or phone."""
    fw, fh = frame
    # the viewer shows the document on a dark or light grey background, fitted into a panel of 420-700 screen px
    panel_long = int(rng.integers(420, 700))
    dh, dw = doc.shape[:2]
    aspect = dw / dh
    pw, ph = (panel_long, int(panel_long / max(aspect, 1.3))) if aspect >= 1 else (int(panel_long * min(aspect, 0.8)), panel_long)
    fill = float(rng.uniform(0.86, 0.96))
    f = min(pw * fill / dw, ph * fill / dh)
    shown_doc = cv2.resize(doc, (max(1, round(dw * f)), max(1, round(dh * f))), interpolation=cv2.INTER_AREA)
    bg = float(rng.choice([28.0, 45.0, 200.0]))
    shown = np.full((ph, pw, 3), bg, np.float32)
    y0, x0 = (ph - shown_doc.shape[0]) // 2, (pw - shown_doc.shape[1]) // 2
    shown[y0 : y0 + shown_doc.shape[0], x0 : x0 + shown_doc.shape[1]] = shown_doc
    gamma = float(rng.uniform(0.8, 1.25))  # the panel's tone curve against the camera's
    shown = 255.0 * (shown / 255.0) ** gamma
    sub = 6
    panel = _subpixel_panel(shown, sub)
    # bezel: dark plastic around the panel, 3-6 % of its size
    bz = int(max(panel.shape[:2]) * rng.uniform(0.03, 0.06))
    bezel_level = float(rng.uniform(12, 40))
    monitor = np.full((panel.shape[0] + 2 * bz, panel.shape[1] + 2 * bz, 3), bezel_level, np.float32)
    monitor[bz : bz + panel.shape[0], bz : bz + panel.shape[1]] = panel
    mh, mw = monitor.shape[:2]
    # the camera: the monitor fills 55-85 % of the frame, rotated by up to 4° with a little perspective
    coverage = float(rng.uniform(0.55, 0.85))
    scale = min(fw * coverage / mw, fh * coverage / mh)
    a = np.deg2rad(rng.uniform(-4, 4))
    src = np.float32([[0, 0], [mw, 0], [mw, mh], [0, mh]])
    pts = (src - [mw / 2, mh / 2]) * scale
    rot = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]], np.float32)
    pts = pts @ rot.T + rng.uniform(-0.02, 0.02, (4, 2)).astype(np.float32) * np.float32([mw * scale, mh * scale])
    dst = (pts + [fw / 2 + rng.uniform(-0.05, 0.05) * fw, fh / 2 + rng.uniform(-0.05, 0.05) * fh]).astype(np.float32)
    m = cv2.getPerspectiveTransform(src, dst)
    # the sensor integrates over its pixel area (about 1/scale panel samples) and the lens softens a little more:
    # part of the grid survives and aliases into moiré
    sigma = float(rng.uniform(0.25, 0.45)) / scale
    soft = cv2.GaussianBlur(monitor, (0, 0), sigma)
    warped = cv2.warpPerspective(soft, m, (fw, fh), flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.ones((mh, mw), np.float32), m, (fw, fh), flags=cv2.INTER_LINEAR)[..., None]
    # exposure: the camera brings the emitted white (about a third of each stripe) to a normal level
    gain = float(rng.uniform(2.2, 2.8)) * 255.0 / 255.0
    tint = np.float32([rng.uniform(1.02, 1.10), 1.0, rng.uniform(0.90, 0.98)])  # bluish white (B, G, R)
    room = render_text_desk(desk, fw, fh, rng).astype(np.float32) * float(rng.uniform(0.5, 0.8))
    out = room * (1 - mask) + warped * gain * tint * mask
    # a broad soft reflection on the glossy screen
    yy, xx = np.mgrid[0:fh, 0:fw].astype(np.float32)
    cx, cy = rng.uniform(0.2, 0.8) * fw, rng.uniform(0.2, 0.8) * fh
    reflect = np.exp(-(((xx - cx) / (0.35 * fw)) ** 2 + ((yy - cy) / (0.25 * fh)) ** 2)) * float(rng.uniform(8, 30))
    out += reflect[..., None] * mask
    out += rng.normal(0, 2.5, out.shape).astype(np.float32)
    return np.clip(out, 0, 255).astype(np.uint8)


def linen_desk(w: int, h: int, rng) -> np.ndarray:
    """A light table cloth with a fine regular weave (period 3-5 px in the photo)."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    p = float(rng.uniform(3.0, 5.0))
    a = np.deg2rad(rng.uniform(-10, 10))
    u, v = xx * np.cos(a) + yy * np.sin(a), -xx * np.sin(a) + yy * np.cos(a)
    weave = 9 * np.sin(2 * np.pi * u / p) * np.sin(2 * np.pi * v / p)
    base = float(rng.uniform(180, 215)) + weave
    return np.clip(np.stack([base - 4, base, base + 3], -1), 0, 255).astype(np.uint8)


def halftone_tint(doc: np.ndarray, rng, tint=(200, 215, 235)) -> np.ndarray:
    """``doc`` with its paper background printed as a light halftone tint (a 45° dot screen of period 4-6 px):
    dots where the page is paper-coloured, plain ink elsewhere; a white margin stays unprinted."""
    h, w = doc.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    p = float(rng.uniform(4.0, 6.0))
    u, v = (xx + yy) / np.sqrt(2), (xx - yy) / np.sqrt(2)
    screen = (np.cos(2 * np.pi * u / p) + np.cos(2 * np.pi * v / p)) / 2  # -1 .. 1
    dots = (screen > 0.2).astype(np.float32)  # about a third of the area inked
    dots = cv2.GaussianBlur(dots, (0, 0), 0.6)
    paper = cv2.cvtColor(doc, cv2.COLOR_BGR2GRAY) > 215
    margin = int(0.05 * min(h, w))
    inner = np.zeros((h, w), bool)
    inner[margin : h - margin, margin : w - margin] = True
    where = (paper & inner)[..., None]
    ink = np.float32(tint)
    printed = doc.astype(np.float32) * (1 - dots[..., None]) + ink * dots[..., None]
    return np.where(where, printed, doc.astype(np.float32)).clip(0, 255).astype(np.uint8)


@dataclass
class ScreenCase:
    name: str
    data: bytes
    kind: str
    type_id: str
    side: str | None
    screen: bool  # a re-shot of a screen (the warning is expected) or paper (no warning)
    variant: str


def build_screen_cases(seed: int, kinds: tuple[str, ...] = ("id_front", "id_back", "licence", "form")) -> list[ScreenCase]:
    """Per document kind: two screen re-shots (dark and light room) and three paper photos (a linen desk, halftone
    paper, plain paper close up)."""
    rng = np.random.default_rng(seed)
    cases: list[ScreenCase] = []
    for kind in kinds:
        type_id, side = TEXT_TYPE[kind]
        card = kind.startswith("id_")
        frame = (1600, 1200) if card else (1200, 1600)

        def render():
            person = identity(rng)
            return render_text_card(kind[3:], person, rng) if card else render_text_page(kind, person, rng)

        for desk in ("slate", "white"):
            img = screen_reshot(render(), rng, frame=frame, desk=desk)
            cases.append(ScreenCase(f"{kind}-screen-{desk}", encode(img, quality=int(rng.integers(85, 94))), kind, type_id, side, True, "screen"))
        cov = (0.30, 0.50) if card else (0.40, 0.60)
        # paper on a fine linen weave
        img, corners = photograph(render(), "wood", rng, frame=frame, rounded=card, coverage=float(rng.uniform(*cov)))
        cloth = linen_desk(frame[0], frame[1], rng)
        mask = np.zeros(frame[::-1], np.uint8)
        cv2.fillConvexPoly(mask, np.round(corners).astype(np.int32), 255, cv2.LINE_AA)
        m = mask.astype(np.float32)[..., None] / 255
        img = np.clip(img * m + cloth * (1 - m), 0, 255).astype(np.uint8)
        cases.append(ScreenCase(f"{kind}-paper-linen", encode(img), kind, type_id, side, False, "linen"))
        # halftone-tinted paper
        img, _ = photograph(halftone_tint(render(), rng), "wood", rng, frame=frame, rounded=card, coverage=float(rng.uniform(*cov)))
        cases.append(ScreenCase(f"{kind}-paper-halftone", encode(img), kind, type_id, side, False, "halftone"))
        # plain paper, close up (fine detail at its sharpest)
        img, _ = photograph(render(), "wood", rng, frame=frame, rounded=card, coverage=cov[1])
        cases.append(ScreenCase(f"{kind}-paper-plain", encode(img), kind, type_id, side, False, "plain"))
    return cases
