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


# ==== documents with real text ========================================================================================
#
# Written from the rules in /work/shared/domain.md (what an applicant's documents carry and how they go wrong), not
# from the checker: ID cards (portrait side: name, sex, nationality, birth, address, 18-digit GB 11643 number;
# emblem side: 中华人民共和国 居民身份证, issuing office, validity period), business licences (统一社会信用代码 GB 32100,
# 名称, legal representative, ...) and the authenticity form (网站备案信息真实性核验单), in a real CJK font, photographed
# on wooden, dark, white and light-grey desks or scanned to PDF, with degradations: motion blur, upside down without
# face or seal, someone else's document, expired ID cards, glare, cut-off corners.

TEXT_KINDS = ("id_front", "id_back", "licence", "form")
TEXT_DESKS = ("wood", "slate", "white", "light_grey", "fabric")
TEXT_TYPE = {"id_front": ("resident_id", "front"), "id_back": ("resident_id", "back"), "licence": ("business_licence", None), "form": ("authenticity_form", None)}
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
_GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国志红文辉建华晓东海燕子涵浩然宇轩欣怡梓萱思远嘉怡俊杰"
_CITIES = (("110101", "北京市东城区"), ("310104", "上海市徐汇区"), ("330106", "浙江省杭州市西湖区"), ("440305", "广东省深圳市南山区"),
           ("510107", "四川省成都市武侯区"), ("320102", "江苏省南京市玄武区"), ("420106", "湖北省武汉市武昌区"), ("370202", "山东省青岛市市南区"))
_ORG_WORDS = ("云帆", "启明", "星河", "蓝海", "远景", "晨光", "华信", "智联", "百川", "恒通", "新域", "博远", "青禾", "九州")
_ORG_TRADES = ("网络科技", "信息技术", "软件开发", "电子商务", "文化传媒", "数据服务")
_STREETS = ("文三路", "中山路", "人民路", "解放路", "建设路", "学院路", "长江路", "南京路")
_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


@lru_cache(maxsize=1)
def cjk_font_path() -> str | None:
    """A CJK font of the system (fonts-noto-cjk on Debian), or None."""
    import glob
    import subprocess

    for pattern in ("/usr/share/fonts/**/NotoSansCJK-Regular.ttc", "/usr/share/fonts/**/*CJK*.tt[cf]", "/usr/share/fonts/**/wqy*.tt[cf]"):
        found = sorted(glob.glob(pattern, recursive=True))
        if found:
            return found[0]
    try:
        out = subprocess.run(["fc-match", "-f", "%{file}", ":lang=zh"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return out or None


@lru_cache(maxsize=32)
def _font(size: int):
    from PIL import ImageFont

    return ImageFont.truetype(cjk_font_path(), size)


def id_number(rng, region: str | None = None) -> str:
    """A GB 11643 number: region, birth date, sequence, check character (weights 2^(17-i) mod 11, "10X98765432")."""
    region = region or _CITIES[int(rng.integers(len(_CITIES)))][0]
    birth = f"{int(rng.integers(1960, 2004))}{int(rng.integers(1, 13)):02d}{int(rng.integers(1, 29)):02d}"
    body = region + birth + f"{int(rng.integers(0, 1000)):03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, weights)) % 11]


def uscc(rng, region: str) -> str:
    """A GB 32100 code: 91 (company) + region + organisation code (GB 11714, own check) + check (3^i mod 31)."""
    org = "".join(_USCC_CHARS[int(rng.integers(0, 10 if i < 2 else 31))] if False else str(int(rng.integers(0, 10))) for i in range(8))
    s = sum(int(c) * w for c, w in zip(org, (3, 7, 9, 10, 5, 8, 4, 2)))
    c = 11 - s % 11
    org += "X" if c == 10 else ("0" if c == 11 else str(c))
    body = "91" + region + org
    total = sum(_USCC_CHARS.index(ch) * pow(3, i, 31) for i, ch in enumerate(body))
    return body + _USCC_CHARS[(31 - total % 31) % 31]


@dataclass
class Identity:
    """The data of one applicant: a person and, for companies, the organisation."""

    name: str
    id_number: str
    address: str
    org_name: str
    uscc: str
    issued: tuple[int, int, int]
    expires: tuple[int, int, int]

    def fields(self) -> dict[str, str]:
        return {"id_number": self.id_number, "name": self.name, "uscc": self.uscc, "org_name": self.org_name}


def identity(rng, today: tuple[int, int, int] = (2026, 11, 30), expired: bool = False) -> Identity:
    code, place = _CITIES[int(rng.integers(len(_CITIES)))]
    name = _SURNAMES[int(rng.integers(len(_SURNAMES)))] + "".join(_GIVEN[int(rng.integers(len(_GIVEN)))] for _ in range(int(rng.integers(1, 3))))
    city = place[:3] if place.startswith(("北京", "上海")) else place[3:6]
    org = city.rstrip("市") + _ORG_WORDS[int(rng.integers(len(_ORG_WORDS)))] + _ORG_TRADES[int(rng.integers(len(_ORG_TRADES)))] + "有限公司"
    years = int(rng.choice([10, 20]))
    if expired:
        end_year = today[0] - int(rng.integers(1, 4))
    else:
        end_year = today[0] + int(rng.integers(1, years))
    month, day = int(rng.integers(1, 13)), int(rng.integers(1, 29))
    return Identity(
        name=name,
        id_number=id_number(rng, code),
        address=f"{place}{_STREETS[int(rng.integers(len(_STREETS)))]}{int(rng.integers(1, 300))}号",
        org_name=org,
        uscc=uscc(rng, code),
        issued=(end_year - years, month, day),
        expires=(end_year, month, day),
    )


def _draw(img: np.ndarray, items) -> np.ndarray:
    """Draw (x, y, text, size, colour BGR) items with the CJK font."""
    from PIL import Image, ImageDraw

    pil = Image.fromarray(cv2.cvtColor(img, cv2.COLOR_BGR2RGB))
    draw = ImageDraw.Draw(pil)
    for x, y, text, size, colour in items:
        draw.text((int(x), int(y)), text, font=_font(int(size)), fill=tuple(int(c) for c in colour[::-1]))
    return cv2.cvtColor(np.asarray(pil), cv2.COLOR_RGB2BGR)


def _guilloche(w: int, h: int, rng, tint=(226, 232, 222)) -> np.ndarray:
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    p = rng.uniform(15, 40, 3)
    base = np.zeros((h, w, 3), np.float32)
    for c in range(3):
        base[..., c] = tint[c] + 7 * np.sin(xx / p[c]) * np.cos(yy / (p[(c + 1) % 3]))
    return np.clip(base, 0, 255).astype(np.uint8)


def render_text_card(side: str, person: Identity, rng, face: bool = True, px_per_mm: float = 12.0) -> np.ndarray:
    """An ID card side in BGR. ``face`` False: a drawn silhouette instead of a photographed face (front) and a plain
    emblem outline (back), so that only the text tells which way up the card is."""
    w, h = int(CARD_MM[0] * px_per_mm), int(CARD_MM[1] * px_per_mm)
    img = _guilloche(w, h, rng)
    s = px_per_mm * 3.0
    label, ink = (150, 110, 50), (30, 30, 30)
    if side == "front":
        if face:
            _portrait(img, int(w * 0.64), int(h * 0.12), int(w * 0.30), int(h * 0.62), rng, real=True)
        else:
            # a colour portrait no face detector takes for a face (a profile silhouette: an over-exposed or turned head)
            x0, y0, pw, ph = int(w * 0.64), int(h * 0.12), int(w * 0.30), int(h * 0.62)
            img[y0 : y0 + ph, x0 : x0 + pw] = (235, 225, 215)
            cv2.ellipse(img, (x0 + pw // 2, y0 + int(ph * 0.40)), (pw // 4, int(ph * 0.24)), 0, 0, 360, (140, 170, 215), -1)
            cv2.ellipse(img, (x0 + pw // 2, y0 + int(ph * 0.26)), (int(pw * 0.27), int(ph * 0.14)), 0, 180, 360, (35, 35, 45), -1)
            cv2.ellipse(img, (x0 + pw // 2, y0 + ph), (pw // 2, ph // 3), 0, 180, 360, (90, 60, 40), -1)
        y, b = person.id_number[6:10], person.id_number
        sex = "男" if int(b[16]) % 2 else "女"
        addr = person.address
        items = [
            (w * 0.06, h * 0.09, "姓名", s * 0.85, label), (w * 0.18, h * 0.08, person.name, s, ink),
            (w * 0.06, h * 0.22, "性别", s * 0.85, label), (w * 0.18, h * 0.21, sex, s, ink),
            (w * 0.30, h * 0.22, "民族", s * 0.85, label), (w * 0.42, h * 0.21, "汉", s, ink),
            (w * 0.06, h * 0.35, "出生", s * 0.85, label), (w * 0.18, h * 0.34, f"{y} 年 {int(b[10:12])} 月 {int(b[12:14])} 日", s, ink),
            (w * 0.06, h * 0.48, "住址", s * 0.85, label), (w * 0.18, h * 0.47, addr[:11], s, ink),
            (w * 0.18, h * 0.58, addr[11:], s, ink),
            (w * 0.06, h * 0.83, "公民身份号码", s * 0.85, label), (w * 0.36, h * 0.82, b, s * 1.05, ink),
        ]
        return _draw(img, items)
    cx, cy, r = int(w * 0.13), int(h * 0.22), int(h * 0.14)
    if face:
        cv2.circle(img, (cx, cy), r, (30, 30, 190), -1, cv2.LINE_AA)
        cv2.circle(img, (cx, cy), int(r * 0.6), (40, 200, 230), -1, cv2.LINE_AA)
    else:
        cv2.circle(img, (cx, cy), r, (150, 150, 150), 2, cv2.LINE_AA)
    i, e = person.issued, person.expires
    office = person.address[:6].replace("省", "省") + "公安局"
    items = [
        (w * 0.33, h * 0.12, "中华人民共和国", s * 1.5, ink),
        (w * 0.30, h * 0.33, "居民身份证", s * 2.3, ink),
        (w * 0.18, h * 0.68, "签发机关", s * 0.85, label), (w * 0.40, h * 0.67, office, s, ink),
        (w * 0.18, h * 0.82, "有效期限", s * 0.85, label),
        (w * 0.40, h * 0.81, f"{i[0]}.{i[1]:02d}.{i[2]:02d}-{e[0]}.{e[1]:02d}.{e[2]:02d}", s, ink),
    ]
    return _draw(img, items)


def render_text_page(kind: str, person: Identity, rng, seal: bool = True, width: int = 1240) -> np.ndarray:
    """An A4 business licence or authenticity form in BGR, optionally without its red seal."""
    h = int(width * 297 / 210)
    img = np.full((h, width, 3), (240, 244, 246), np.uint8)
    s = width / 42
    ink = (25, 25, 25)
    m = int(width * 0.10)
    items = []
    if kind == "licence":
        cv2.rectangle(img, (int(width * 0.04), int(h * 0.03)), (int(width * 0.96), int(h * 0.97)), (60, 140, 190), max(4, width // 90))
        if True:  # the printed national emblem is part of every licence; ``seal`` is the registration authority's
            cv2.circle(img, (width // 2, int(h * 0.09)), int(width * 0.045), (30, 30, 190), -1, cv2.LINE_AA)
            cv2.circle(img, (width // 2, int(h * 0.09)), int(width * 0.027), (40, 200, 230), -1, cv2.LINE_AA)
        items += [
            (m, h * 0.06, "统一社会信用代码", s * 0.8, ink), (m, h * 0.085, person.uscc, s * 0.9, ink),
            (width / 2 - 2.2 * s * 2, h * 0.15, "营业执照", s * 2.2, ink),
        ]
        rows = [
            ("名称", person.org_name), ("类型", "有限责任公司(自然人投资或控股)"), ("法定代表人", person.name),
            ("经营范围", "网络技术开发、技术服务；软件开发"), ("注册资本", f"{int(rng.integers(10, 1000))}万元人民币"),
            ("成立日期", f"{person.issued[0]}年{person.issued[1]:02d}月{person.issued[2]:02d}日"), ("营业期限", "长期"),
            ("住所", person.address),
        ]
        y = h * 0.27
        for key, value in rows:
            items += [(m, y, key, s, ink), (m + s * 5.5, y, value[:24], s, ink)]
            y += s * 2.3
        items += [(width * 0.55, h * 0.80, "登记机关", s, ink), (width * 0.55, h * 0.85, f"{person.issued[0]}年{person.issued[1]}月{person.issued[2]}日", s, ink)]
        img = _draw(img, items)
        if seal:
            _seal(img, int(width * 0.70), int(h * 0.83), int(width * 0.09), rng)
        return img
    items.append((width / 2 - 7 * s * 1.3 / 2, h * 0.06, "网站备案信息真实性核验单", s * 1.3, ink))
    rows = [
        ("主体单位名称", person.org_name), ("统一社会信用代码", person.uscc), ("网站负责人", person.name),
        ("证件号码", person.id_number), ("网站名称", "企业官网"), ("核验方式", "当面核验"),
    ]
    y = h * 0.14
    for key, value in rows:
        items += [(m, y, key + "：", s, ink), (m + s * 8.5, y, value, s, ink)]
        y += s * 2.1
    for _ in range(5):
        items.append((m, y, "本单位承诺所提交的备案信息真实有效，如有虚假愿承担相应责任。"[: int(rng.integers(14, 29))], s * 0.9, ink))
        y += s * 1.8
    items += [(m, h * 0.78, "网站负责人签字：", s, ink), (width * 0.55, h * 0.86, f"{person.issued[0] + 9}年{int(rng.integers(1, 13))}月{int(rng.integers(1, 29))}日", s, ink)]
    img = _draw(img, items)
    _signature(img, m + int(s * 8), int(h * 0.78 + s * 0.3), int(width * 0.22), rng)
    if seal:
        _seal(img, int(width * 0.70), int(h * 0.84), int(width * 0.08), rng)
    return img


def render_text_desk(kind: str, w: int, h: int, rng) -> np.ndarray:
    if kind == "white":
        base = np.full((h, w, 3), rng.uniform(232, 246), np.float32)
        base += cv2.GaussianBlur(rng.normal(0, 1, (h, w)).astype(np.float32), (0, 0), 6)[..., None] * 6
        return np.clip(base, 0, 255).astype(np.uint8)
    if kind == "light_grey":
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        grain = np.sin(xx / rng.uniform(3, 6)) * 3 + cv2.GaussianBlur(rng.normal(0, 1, (h, w)).astype(np.float32), (0, 0), 2) * 8
        base = np.stack([200 + grain, 200 + grain, 196 + grain], -1) + rng.uniform(-8, 8)
        return np.clip(base, 0, 255).astype(np.uint8)
    return render_desk(kind, w, h, rng)


def motion_blur(img: np.ndarray, length: int, angle: float) -> np.ndarray:
    """Linear camera shake of ``length`` px at ``angle`` degrees."""
    k = np.zeros((length, length), np.float32)
    c = (length - 1) / 2
    d = np.array([np.cos(np.deg2rad(angle)), np.sin(np.deg2rad(angle))]) * c
    cv2.line(k, (int(round(c - d[0])), int(round(c - d[1]))), (int(round(c + d[0])), int(round(c + d[1]))), 1.0, 1, cv2.LINE_AA)
    return cv2.filter2D(img, -1, k / k.sum())


def pdf_bytes(img: np.ndarray, dpi: float = 150.0) -> bytes:
    """A one-page PDF holding ``img`` as a JPEG (what scanners and phone scan apps produce)."""
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(cv2.cvtColor(img, cv2.COLOR_BGR2RGB)).save(buf, "PDF", resolution=dpi, quality=90)
    return buf.getvalue()


@dataclass
class TextDocCase:
    name: str
    data: bytes
    kind: str  # one of TEXT_KINDS
    type_id: str
    side: str | None
    variant: str
    expect: dict[str, str]  # expected outcome per check id ("ok", "bad", "notfail", "any")
    fields: dict[str, str]  # the values typed in the form (what --expect passes)
    mismatch: bool = False  # the document belongs to someone else
    printed: dict[str, str] = field(default_factory=dict)  # what the document itself says (differs when mismatch)

    @property
    def valid(self) -> bool:
        return all(v != "bad" for v in self.expect.values())


TEXT_OK = {"orientation": "ok", "completeness": "ok", "blur": "ok", "glare": "ok", "photocopy": "ok", "content": "ok"}


def _text_expect(**changes: str) -> dict[str, str]:
    out = dict(TEXT_OK)
    out.update(changes)
    return out


def build_text_cases(seed: int, kinds: tuple[str, ...] = TEXT_KINDS, desks: tuple[str, ...] = TEXT_DESKS,
                     variants: tuple[str, ...] | None = None, today: tuple[int, int, int] = (2026, 11, 30)) -> list[TextDocCase]:
    """Labeled photos and scans of documents with real text (see the section comment). ``variants`` limits the set."""
    rng = np.random.default_rng(seed)
    cases: list[TextDocCase] = []

    def want(v: str) -> bool:
        return variants is None or v in variants

    for kind in kinds:
        type_id, side = TEXT_TYPE[kind]
        card = kind.startswith("id_")
        for desk in desks:
            person = identity(rng, today)
            fields = person.fields()
            if card:
                fields = {k: fields[k] for k in ("id_number", "name")}
            elif kind == "licence":
                fields = {k: fields[k] for k in ("uscc", "org_name")}

            def render(p=person, face=True):
                return render_text_card(kind[3:], p, rng, face=face) if card else render_text_page(kind, p, rng, seal=face)

            frame = (1600, 1200) if card else (1200, 1600)
            cov = (0.30, 0.50) if card else (0.40, 0.60)

            def shot(doc, **kw):
                kw.setdefault("coverage", float(rng.uniform(*cov)))
                img, corners = photograph(doc, "wood", rng, frame=frame, rounded=card, **kw)
                return img, corners

            def on_desk(doc, **kw):
                kw.setdefault("coverage", float(rng.uniform(*cov)))
                fw, fh = frame
                out, corners = photograph(doc, "wood", rng, frame=frame, rounded=card, **kw)
                # re-place the document on the chosen desk: same geometry, the desk's own surface
                desk_img = render_text_desk(desk, fw, fh, rng)
                mask = np.zeros((fh, fw), np.uint8)
                if card:
                    src = _rounded_mask(100, 63, 6)
                    m = cv2.getPerspectiveTransform(np.float32([[0, 0], [100, 0], [100, 63], [0, 63]]), corners.astype(np.float32))
                    mask = cv2.warpPerspective(src, m, (fw, fh), flags=cv2.INTER_LINEAR)
                else:
                    cv2.fillConvexPoly(mask, np.round(corners).astype(np.int32), 255, cv2.LINE_AA)
                mask = cv2.GaussianBlur(mask, (3, 3), 0).astype(np.float32)[..., None] / 255
                shade = rng.uniform(0.93, 1.05)  # a white desk can be lit brighter than the paper
                return np.clip(out * mask + desk_img * (1 - mask) * shade, 0, 255).astype(np.uint8), corners

            doc = render()
            tag = f"{kind}-{desk}"
            if want("valid"):
                img, corners = on_desk(doc)
                cases.append(TextDocCase(f"{tag}-valid", encode(img), kind, type_id, side, "valid", _text_expect(), fields))
            if want("motion"):
                img, _ = on_desk(doc)
                length = int(rng.integers(15, 26))
                blurred = motion_blur(img, length, float(rng.uniform(0, 180)))
                cases.append(TextDocCase(f"{tag}-motion{length}", encode(blurred), kind, type_id, side, "motion",
                                         _text_expect(blur="bad", content="any", orientation="any"), fields))
            if want("upside_down"):
                plain = render(face=False)
                img, _ = on_desk(plain)
                # a form without seal is black print on white: colour cannot tell it from a copy (a warning is fair)
                expect = _text_expect(orientation="bad", **({"photocopy": "notfail"} if kind == "form" else {}))
                cases.append(TextDocCase(f"{tag}-upside-down", encode(np.ascontiguousarray(img[::-1, ::-1])), kind, type_id, side,
                                         "upside_down", expect, fields))
            if want("other_person") and (card and kind == "id_front" or not card):
                other = identity(rng, today)
                img, _ = on_desk(render(p=other))
                cases.append(TextDocCase(f"{tag}-other-person", encode(img), kind, type_id, side, "other_person",
                                         _text_expect(content="bad"), fields, mismatch=True,
                                         printed={k: v for k, v in other.fields().items() if k in fields}))
            if want("expired") and kind == "id_back":
                old = identity(rng, today, expired=True)
                img, _ = on_desk(render(p=old))
                cases.append(TextDocCase(f"{tag}-expired", encode(img), kind, type_id, side, "expired", _text_expect(content="bad"), fields))
            if want("cut"):
                sx, sy = float(rng.choice([-1, 1])), float(rng.choice([-1, 1]))
                img, _ = on_desk(doc, coverage=cov[1], shift=(sx * 0.28, sy * 0.27))
                cases.append(TextDocCase(f"{tag}-cut", encode(img), kind, type_id, side, "cut",
                                         _text_expect(completeness="bad", orientation="any", content="any"), fields))
        if want("pdf"):
            person = identity(rng, today)
            fields = person.fields()
            if card:
                fields = {k: fields[k] for k in ("id_number", "name")} if kind == "id_front" else {}
            elif kind == "licence":
                fields = {k: fields[k] for k in ("uscc", "org_name")}
            doc = render_text_card(kind[3:], person, rng) if card else render_text_page(kind, person, rng)
            scanned = scan(doc, rng, long_side=1400 if card else 1754)
            cases.append(TextDocCase(f"{kind}-pdf", pdf_bytes(scanned), kind, type_id, side, "pdf",
                                     _text_expect(completeness="notfail"), fields))
    return cases


def twelve_mp_text_photo(seed: int = 12, kind: str = "form", noise: float = 4.0) -> tuple[bytes, dict[str, str]]:
    """A 3000 x 4000 phone-like photo (12 MP JPEG) of a real-text A4 form or licence on a wooden desk, and the form
    values it carries."""
    rng = np.random.default_rng(seed)
    person = identity(rng)
    doc = render_text_page(kind, person, rng, width=2480)
    img, _ = photograph(doc, "wood", rng, frame=(3000, 4000), coverage=0.5, angle=4.0, noise=noise)
    fields = {k: v for k, v in person.fields().items() if k in (("uscc", "org_name") if kind == "licence" else ("id_number", "uscc", "org_name"))}
    return encode(img, ".jpg", 92), fields
