"""Generated document images for the document checks: card-like (85.6 x 54 mm) and A4-like layouts with
pseudo-Chinese text, a photo area and colour, photographed on varied desks, plus degraded versions.

Everything is drawn with numpy/OpenCV from a seeded random generator: no downloads, deterministic.
Each :class:`DocCase` carries the expected outcome per check id:

* ``"ok"``: the check must pass;
* ``"bad"``: the check must not pass (warn or fail);
* ``"notfail"``: warn is acceptable, fail is not (e.g. completeness of a flat scan, whose edges are not visible).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import cv2
import numpy as np

CARD_MM = (85.6, 54.0)
DESKS = ("wood", "slate", "green_mat", "fabric", "checker")
DOC_KINDS = ("card_front", "card_back", "form", "licence")


@dataclass
class DocCase:
    name: str
    data: bytes
    kind: str  # one of DOC_KINDS
    type_id: str  # document type to check against
    variant: str
    expect: dict[str, str] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return all(v != "bad" for v in self.expect.values())


# ---- drawing primitives ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _glyph_bank(size: int, seed: int = 7, count: int = 120) -> tuple[np.ndarray, ...]:
    """Square pseudo-Chinese glyphs (ink = 1.0) made of random strokes."""
    rng = np.random.default_rng(seed)
    glyphs = []
    thick = max(1, size // 11)
    for _ in range(count):
        g = np.zeros((size, size), np.float32)
        m = max(1, size // 8)
        for _ in range(rng.integers(3, 8)):
            kind = rng.integers(0, 4)
            x0, y0 = (int(v) for v in rng.integers(m, size - m, 2))
            if kind == 0:  # horizontal
                x1, y1 = int(rng.integers(m, size - m)), y0
            elif kind == 1:  # vertical
                x1, y1 = x0, int(rng.integers(m, size - m))
            else:  # diagonal
                x1, y1 = (int(v) for v in rng.integers(m, size - m, 2))
            cv2.line(g, (x0, y0), (x1, y1), 1.0, thick, cv2.LINE_AA)
        glyphs.append(g)
    return tuple(glyphs)


def draw_text(img: np.ndarray, x: int, y: int, n: int, size: int, color, rng, spacing: float = 1.1) -> int:
    """Draw ``n`` glyphs left to right from (x, y) (top-left); returns the x after the last glyph."""
    bank = _glyph_bank(size)
    col = np.array(color, np.float32)
    h, w = img.shape[:2]
    for _ in range(n):
        if x + size >= w or y + size >= h or x < 0 or y < 0:
            break
        g = bank[int(rng.integers(len(bank)))][..., None]
        roi = img[y : y + size, x : x + size].astype(np.float32)
        img[y : y + size, x : x + size] = (roi * (1 - g) + col * g).astype(np.uint8)
        x += int(size * spacing)
    return x


@lru_cache(maxsize=1)
def _real_face() -> np.ndarray:
    """Head and shoulders from scikit-image's bundled astronaut picture (a real face, BGR)."""
    from skimage import data

    rgb = data.astronaut()[10:300, 110:350]
    return cv2.cvtColor(np.ascontiguousarray(rgb), cv2.COLOR_RGB2BGR)


def _portrait(img: np.ndarray, x: int, y: int, w: int, h: int, rng, real: bool = False) -> None:
    """A head-and-shoulders photo area: a real face (ID cards) or a drawn one (light background, skin, hair)."""
    if real:
        img[y : y + h, x : x + w] = cv2.resize(_real_face(), (w, h), interpolation=cv2.INTER_AREA)
        return
    img[y : y + h, x : x + w] = (236, 232, 228)
    cx = x + w // 2
    cv2.ellipse(img, (cx, y + int(h * 0.95)), (int(w * 0.48), int(h * 0.32)), 0, 180, 360, (60, 50, 45), -1)
    cv2.ellipse(img, (cx, y + int(h * 0.42)), (int(w * 0.26), int(h * 0.26)), 0, 0, 360, (150, 180, 220), -1)
    cv2.ellipse(img, (cx, y + int(h * 0.30)), (int(w * 0.28), int(h * 0.18)), 0, 180, 360, (30, 30, 35), -1)
    cv2.circle(img, (cx - w // 10, y + int(h * 0.42)), max(1, w // 40), (40, 40, 40), -1)
    cv2.circle(img, (cx + w // 10, y + int(h * 0.42)), max(1, w // 40), (40, 40, 40), -1)


def _seal(img: np.ndarray, cx: int, cy: int, r: int, rng) -> None:
    red = (40, 40, 200)
    cv2.circle(img, (cx, cy), r, red, max(2, r // 12), cv2.LINE_AA)
    pts = []
    for k in range(10):
        rad = r * (0.35 if k % 2 else 0.16) * 1.0
        a = -np.pi / 2 + k * np.pi / 5
        pts.append((cx + rad * np.cos(a) * (2.2 if k % 2 == 0 else 0.9), cy + rad * np.sin(a) * (2.2 if k % 2 == 0 else 0.9)))
    cv2.fillPoly(img, [np.array(pts, np.int32)], red, cv2.LINE_AA)
    for k in range(14):  # text around the ring
        a = np.pi * (0.85 + k * 0.095)
        cv2.circle(img, (int(cx + 0.75 * r * np.cos(a)), int(cy + 0.75 * r * np.sin(a))), max(1, r // 14), red, -1)


def _signature(img: np.ndarray, x: int, y: int, w: int, rng) -> None:
    pts = [(x + int(t * w), y + int(12 * np.sin(t * 9 + rng.random()) + rng.integers(-4, 5))) for t in np.linspace(0, 1, 24)]
    cv2.polylines(img, [np.array(pts, np.int32)], False, (120, 40, 20), 3, cv2.LINE_AA)


# ---- documents ------------------------------------------------------------------------------------------------------


def render_card(side: str, rng, px_per_mm: float = 10.0) -> np.ndarray:
    """An ID-1 card (85.6 x 54 mm) in BGR: ``front`` = portrait side, ``back`` = emblem side."""
    w, h = int(CARD_MM[0] * px_per_mm), int(CARD_MM[1] * px_per_mm)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    base = np.zeros((h, w, 3), np.float32)
    base[..., 0] = 222 + 18 * np.sin(xx / 37.0) * np.cos(yy / 23.0)
    base[..., 1] = 228 + 10 * np.sin((xx + yy) / 19.0)
    base[..., 2] = 210 + 16 * np.cos(xx / 29.0)
    img = np.clip(base, 0, 255).astype(np.uint8)
    s = int(px_per_mm * 3.2)
    ink = (40, 35, 30)
    if side == "front":
        y = int(h * 0.10)
        for n in (3, 5, 8, 11, 11):
            draw_text(img, int(w * 0.06), y, 2, int(s * 0.8), (150, 120, 60), rng)
            draw_text(img, int(w * 0.18), y, n if n < 12 else 11, s, ink, rng)
            y += int(s * 1.55)
        draw_text(img, int(w * 0.06), int(h * 0.82), 5, int(s * 0.8), (150, 120, 60), rng)
        draw_text(img, int(w * 0.30), int(h * 0.82), 18, int(s * 0.95), ink, rng, spacing=0.85)
        _portrait(img, int(w * 0.64), int(h * 0.12), int(w * 0.30), int(h * 0.62), rng, real=True)
    else:
        cx, cy, r = int(w * 0.14), int(h * 0.22), int(h * 0.13)
        cv2.circle(img, (cx, cy), r, (30, 30, 190), -1, cv2.LINE_AA)
        cv2.circle(img, (cx, cy), int(r * 0.6), (40, 200, 230), -1, cv2.LINE_AA)
        draw_text(img, int(w * 0.32), int(h * 0.14), 7, int(s * 1.35), (30, 30, 30), rng)
        draw_text(img, int(w * 0.36), int(h * 0.36), 5, int(s * 1.7), (30, 30, 30), rng)
        draw_text(img, int(w * 0.22), int(h * 0.70), 4, int(s * 0.8), (60, 60, 60), rng)
        draw_text(img, int(w * 0.42), int(h * 0.70), 8, s, ink, rng)
        draw_text(img, int(w * 0.22), int(h * 0.83), 4, int(s * 0.8), (60, 60, 60), rng)
        draw_text(img, int(w * 0.42), int(h * 0.83), 12, int(s * 0.75), ink, rng, spacing=0.9)
    return img


def render_page(kind: str, rng, width: int = 1240) -> np.ndarray:
    """An A4 sheet (210 x 297 mm) in BGR: ``form`` (signed form with seal) or ``licence`` (certificate with border)."""
    h = int(width * 297 / 210)
    img = np.full((h, width, 3), 244, np.uint8)
    img[..., 0] = 238
    s = max(8, width // 48)
    margin = int(width * 0.10)
    y = int(h * 0.07)
    if kind == "licence":
        cv2.rectangle(img, (int(width * 0.04), int(h * 0.03)), (int(width * 0.96), int(h * 0.97)), (60, 140, 190), max(4, width // 90))
        cv2.circle(img, (width // 2, int(h * 0.10)), int(width * 0.05), (30, 30, 190), -1, cv2.LINE_AA)
        cv2.circle(img, (width // 2, int(h * 0.10)), int(width * 0.03), (40, 200, 230), -1, cv2.LINE_AA)
        y = int(h * 0.17)
        draw_text(img, width // 2 - int(2.5 * s * 2 * 1.1), y, 5, s * 2, (20, 20, 20), rng)
        y += int(s * 3.5)
        qr = int(width * 0.12)
        qx, qy = int(width * 0.78), int(h * 0.70)
        cells = (rng.random((21, 21)) > 0.5).astype(np.uint8) * 255
        img[qy : qy + qr, qx : qx + qr] = cv2.resize(255 - cells, (qr, qr), interpolation=cv2.INTER_NEAREST)[..., None]
        for _ in range(9):
            draw_text(img, margin, y, 3, s, (20, 20, 20), rng)
            draw_text(img, margin + int(s * 5), y, int(rng.integers(6, 22)), s, (20, 20, 20), rng)
            y += int(s * 2.2)
        _seal(img, int(width * 0.70), int(h * 0.84), int(width * 0.09), rng)
    else:
        draw_text(img, width // 2 - int(4 * s * 1.6 * 1.1), y, 8, int(s * 1.6), (20, 20, 20), rng)
        y += int(s * 3.5)
        photo_w = int(width * 0.14)
        _portrait(img, width - margin - photo_w, y, photo_w, int(photo_w * 1.35), rng)
        for p in range(4):
            n_lines = int(rng.integers(3, 6))
            for i in range(n_lines):
                indent = 2 * int(s * 1.1) if i == 0 else 0
                full = (width - 2 * margin - indent - (photo_w + s if p == 0 else 0)) // int(s * 1.1)
                n = full if i < n_lines - 1 else int(rng.integers(3, max(4, full // 2)))
                draw_text(img, margin + indent, y, n, s, (25, 25, 25), rng)
                y += int(s * 1.8)
            y += int(s * 1.2)
        cv2.line(img, (margin, y), (width - margin, y), (80, 80, 80), 2)
        y += int(s * 2)
        draw_text(img, margin, y, 6, s, (25, 25, 25), rng)
        _signature(img, margin + int(s * 8), y + s // 2, int(width * 0.25), rng)
        _seal(img, int(width * 0.72), min(h - int(width * 0.12), y + int(s * 2)), int(width * 0.08), rng)
    return img


def render_document(kind: str, rng) -> np.ndarray:
    if kind == "card_front":
        return render_card("front", rng)
    if kind == "card_back":
        return render_card("back", rng)
    return render_page(kind, rng)


TYPE_FOR_KIND = {"card_front": "resident_id", "card_back": "resident_id", "form": "authenticity_form", "licence": "business_licence"}


# ---- desks and cameras ---------------------------------------------------------------------------------------------


def render_desk(kind: str, w: int, h: int, rng) -> np.ndarray:
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    if kind == "wood":
        grain = np.sin(yy / (7 + 3 * rng.random()) + 3 * np.sin(xx / 180.0)) * 14
        base = np.stack([40 + grain * 0.5, 75 + grain * 0.8, 120 + grain], -1)
    elif kind == "slate":
        base = np.full((h, w, 3), (58, 56, 52), np.float32) + rng.normal(0, 6, (h, w, 1)).astype(np.float32)
    elif kind == "green_mat":
        base = np.full((h, w, 3), (70, 110, 40), np.float32)
        step = max(20, w // 24)
        grid = ((xx.astype(int) % step) < 2) | ((yy.astype(int) % step) < 2)
        base[grid] = (120, 160, 100)
    elif kind == "fabric":
        noise = cv2.GaussianBlur(rng.normal(0, 1, (h, w)).astype(np.float32), (0, 0), 3) * 40
        base = np.stack([95 + noise, 85 + noise, 120 + noise], -1)
    else:  # checker
        step = max(24, w // 14)
        cells = ((xx // step).astype(int) + (yy // step).astype(int)) % 2 == 0
        base = np.where(cells[..., None], np.array((40, 60, 150), np.float32), np.array((110, 90, 70), np.float32))
    return np.clip(base, 0, 255).astype(np.uint8)


def _rounded_mask(w: int, h: int, r: int) -> np.ndarray:
    m = np.zeros((h, w), np.uint8)
    cv2.rectangle(m, (r, 0), (w - r, h), 255, -1)
    cv2.rectangle(m, (0, r), (w, h - r), 255, -1)
    for cx, cy in ((r, r), (w - r, r), (r, h - r), (w - r, h - r)):
        cv2.circle(m, (cx, cy), r, 255, -1, cv2.LINE_AA)
    return m


def photograph(
    doc: np.ndarray,
    desk: str,
    rng,
    frame: tuple[int, int] = (1600, 1200),
    coverage: float | None = None,
    angle: float | None = None,
    shift: tuple[float, float] = (0.0, 0.0),
    rounded: bool = False,
    noise: float = 2.0,
) -> tuple[np.ndarray, np.ndarray]:
    """Place ``doc`` on a desk with rotation and mild perspective. Returns (image, 4x2 corners in the image)."""
    fw, fh = frame
    dh, dw = doc.shape[:2]
    coverage = coverage if coverage is not None else float(rng.uniform(0.30, 0.55))
    scale = np.sqrt(coverage * fw * fh / (dw * dh))
    angle = angle if angle is not None else float(rng.uniform(-8, 8))
    cx, cy = fw / 2 + shift[0] * fw, fh / 2 + shift[1] * fh
    src = np.float32([[0, 0], [dw, 0], [dw, dh], [0, dh]])
    pts = (src - [dw / 2, dh / 2]) * scale
    a = np.deg2rad(angle)
    rot = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]], np.float32)
    pts = pts @ rot.T
    pts += rng.uniform(-0.025, 0.025, (4, 2)).astype(np.float32) * np.float32([dw * scale, dh * scale])  # perspective
    dst = (pts + [cx, cy]).astype(np.float32)
    m = cv2.getPerspectiveTransform(src, dst)
    out = render_desk(desk, fw, fh, rng)
    warped = cv2.warpPerspective(doc, m, (fw, fh), flags=cv2.INTER_AREA)
    mask_src = _rounded_mask(dw, dh, int(min(dw, dh) * 0.06)) if rounded else np.full((dh, dw), 255, np.uint8)
    mask = cv2.warpPerspective(mask_src, m, (fw, fh), flags=cv2.INTER_LINEAR).astype(np.float32)[..., None] / 255.0
    out = (out * (1 - mask) + warped * mask).astype(np.float32)
    # soft shadow-free lighting gradient and a touch of sensor noise
    yy, xx = np.mgrid[0:fh, 0:fw].astype(np.float32)
    g = 0.92 + 0.08 * (xx / fw) * rng.uniform(0.5, 1.0) + 0.04 * (yy / fh)
    cast = rng.uniform(0.95, 1.05, 3).astype(np.float32)  # white balance of the camera / colour of the light
    out = out * g[..., None] * cast + rng.normal(0, noise, out.shape).astype(np.float32)
    return np.clip(out, 0, 255).astype(np.uint8), dst


def scan(doc: np.ndarray, rng, long_side: int = 1600) -> np.ndarray:
    """A flat colour scan: the document fills the frame."""
    f = long_side / max(doc.shape[:2])
    out = cv2.resize(doc, None, fx=f, fy=f, interpolation=cv2.INTER_AREA).astype(np.float32)
    out += rng.normal(0, 1.5, out.shape).astype(np.float32)
    return np.clip(out, 0, 255).astype(np.uint8)


def encode(img: np.ndarray, fmt: str = ".jpg", quality: int = 92) -> bytes:
    params = [cv2.IMWRITE_JPEG_QUALITY, quality] if fmt == ".jpg" else []
    ok, buf = cv2.imencode(fmt, img, params)
    assert ok
    return buf.tobytes()


# ---- degradations ---------------------------------------------------------------------------------------------------


def to_gray_doc(doc: np.ndarray) -> np.ndarray:
    """A photocopy: the document itself has lost its colour (slightly contrasty, like toner)."""
    g = cv2.cvtColor(doc, cv2.COLOR_BGR2GRAY).astype(np.float32)
    g = np.clip((g - 128) * 1.1 + 124, 0, 238).astype(np.uint8)
    return cv2.cvtColor(g, cv2.COLOR_GRAY2BGR)


def add_glare(img: np.ndarray, corners: np.ndarray, rng, strength: float = 1.0) -> np.ndarray:
    """A specular highlight (clipped white blob with soft falloff) inside the document."""
    h, w = img.shape[:2]
    t = rng.uniform(0.3, 0.7, 2)
    top = corners[0] + (corners[1] - corners[0]) * t[0]
    bottom = corners[3] + (corners[2] - corners[3]) * t[0]
    cx, cy = top + (bottom - top) * t[1]
    side = np.linalg.norm(corners[1] - corners[0])
    r = side * rng.uniform(0.07, 0.12)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    d2 = ((xx - cx) ** 2 + ((yy - cy) * 1.4) ** 2) / (r * r)
    spot = np.exp(-d2 * 0.6) * 420 * strength
    return np.clip(img.astype(np.float32) + spot[..., None], 0, 255).astype(np.uint8)


def blur(img: np.ndarray, sigma: float) -> np.ndarray:
    return cv2.GaussianBlur(img, (0, 0), sigma)


# ---- the labeled set ------------------------------------------------------------------------------------------------

ALL_OK = {"orientation": "ok", "completeness": "ok", "glare": "ok", "blur": "ok", "photocopy": "ok", "resolution": "ok"}


def _with(**changes: str) -> dict[str, str]:
    expect = dict(ALL_OK)
    expect.update(changes)
    return expect


def build_cases(seed: int = 2024, desks: tuple[str, ...] = DESKS, kinds: tuple[str, ...] = DOC_KINDS) -> list[DocCase]:
    """The labeled set: for each document kind and desk, a valid photo and its degraded versions."""
    rng = np.random.default_rng(seed)
    cases: list[DocCase] = []
    for kind in kinds:
        type_id = TYPE_FOR_KIND[kind]
        card = kind.startswith("card")
        for desk in desks:
            doc = render_document(kind, rng)
            tag = f"{kind}-{desk}"
            cov = (0.30, 0.50) if card else (0.35, 0.55)

            frame = (1600, 1200) if card else (1200, 1600)

            def shot(d=doc, **kw):
                kw.setdefault("coverage", float(rng.uniform(*cov)))
                return photograph(d, desk, rng, frame=frame, rounded=card, **kw)

            img, corners = shot()
            cases.append(DocCase(f"{tag}-valid", encode(img), kind, type_id, "valid", _with()))
            img2, _ = shot(angle=float(rng.uniform(-3, 3)))
            cases.append(DocCase(f"{tag}-valid-png", encode(img2, ".png"), kind, type_id, "valid", _with()))
            gimg, _ = shot(d=to_gray_doc(doc))
            cases.append(DocCase(f"{tag}-photocopy", encode(gimg), kind, type_id, "photocopy", _with(photocopy="bad")))
            cases.append(DocCase(f"{tag}-glare", encode(add_glare(img, corners, rng)), kind, type_id, "glare", _with(glare="bad")))
            sigma = 0.0045 * max(img.shape[:2]) * (1.2 if card else 1.0)
            cases.append(DocCase(f"{tag}-blur", encode(blur(img, sigma)), kind, type_id, "blur", _with(blur="bad")))
            cases.append(DocCase(f"{tag}-rot90", encode(np.ascontiguousarray(np.rot90(img))), kind, type_id, "rot90", _with(orientation="bad")))
            cases.append(DocCase(f"{tag}-rot180", encode(np.ascontiguousarray(img[::-1, ::-1])), kind, type_id, "rot180", _with(orientation="bad")))
            sx, sy = float(rng.choice([-1, 1])), float(rng.choice([-1, 1]))
            cut, _ = shot(coverage=cov[1], shift=(sx * 0.28, sy * 0.27))
            cases.append(DocCase(f"{tag}-cut", encode(cut), kind, type_id, "cut", _with(completeness="bad", orientation="any")))
            tiny = cv2.resize(img, (320, 240) if card else (240, 320), interpolation=cv2.INTER_AREA)
            cases.append(
                DocCase(f"{tag}-tiny", encode(tiny), kind, type_id, "tiny", {"resolution": "bad", "completeness": "notfail", "photocopy": "ok"})
            )
        # flat scans (no desk): colour valid, black-and-white bad
        sdoc = scan(render_document(kind, rng), rng)
        flat = {"completeness": "notfail"}
        cases.append(DocCase(f"{kind}-scan", encode(sdoc), kind, type_id, "scan", _with(**flat)))
        bw = cv2.cvtColor(cv2.cvtColor(sdoc, cv2.COLOR_BGR2GRAY), cv2.COLOR_GRAY2BGR)
        cases.append(DocCase(f"{kind}-bwscan", encode(bw), kind, type_id, "bwscan", _with(photocopy="bad", **flat)))
    return cases


def twelve_mp_page(seed: int = 12, desk: str = "wood", fmt: str = ".jpg", quality: int = 92, noise: float = 2.0) -> bytes:
    """A 3000 x 4000 (portrait) photo of an A4 form on a desk (12 MP). ``noise`` 4 gives a phone-like 3-4 MB JPEG."""
    rng = np.random.default_rng(seed)
    doc = render_page("form", rng, width=2480)
    img, _ = photograph(doc, desk, rng, frame=(3000, 4000), coverage=0.5, angle=4.0, noise=noise)
    return encode(img, fmt, quality)


def huge_png(seed: int = 5) -> bytes:
    """A noisy 2600 x 1950 PNG photo of a card: far over 4 MB."""
    rng = np.random.default_rng(seed)
    img, _ = photograph(render_card("front", rng), "fabric", rng, frame=(2600, 1950), coverage=0.4, rounded=True)
    img = np.clip(img.astype(np.int16) + rng.integers(-6, 7, img.shape), 0, 255).astype(np.uint8)
    return encode(img, ".png")
