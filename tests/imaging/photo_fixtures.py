"""Labeled backdrop-photo fixtures built from real faces that ship inside PyPI packages.

Sources: scikit-image's ``astronaut`` (Eileen Collins) and matplotlib's ``grace_hopper.jpg`` sample image. Each person
is cut out once (a hand-tuned polygon refined by GrabCut), then composed onto synthetic backgrounds: the Alibaba Cloud
backdrop (blue cloth with folds and repeated white 阿里云 text, rendered with a CJK font when one is installed, else a
Latin "Aliyun" pattern) and hard negatives (white/grey wall, a room, green screen, partial backdrop, plain blue wall,
blue curtain without text, sky). Shirts are recoloured in Lab (lightness texture kept), and framing, head tilt,
lighting, white balance, blur, size and JPEG quality vary. Every case carries the expected status of each check.

Used by ``tests/imaging/test_photo_accuracy.py`` (session fixture) and ``benchmarks/photo.py``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from functools import lru_cache

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from beian_desktop.imaging.annotate import find_cjk_font

# --------------------------------------------------------------------------- people


@dataclass(frozen=True)
class Person:
    name: str
    bgr: np.ndarray  # source picture
    alpha: np.ndarray  # float32 0..1 person mask
    clothing: np.ndarray  # bool mask of the top (recoloured)
    face: tuple[int, int, int, int]  # face box in the source (Haar, default cascade)
    roll: float  # head tilt in the source (degrees, clockwise positive; measured from the eyes)


_POLYGONS = {
    "astronaut": [
        (225, 12), (265, 18), (295, 45), (303, 90), (298, 130), (285, 150), (300, 165), (306, 200), (318, 240),
        (345, 262), (356, 300), (352, 335), (318, 350), (292, 385), (280, 440), (276, 511), (18, 511), (20, 430),
        (30, 350), (45, 290), (75, 255), (110, 235), (115, 200), (135, 170), (165, 155), (155, 120), (150, 80),
        (162, 40), (190, 20),
    ],
    "grace_hopper": [
        (255, 22), (300, 28), (345, 60), (368, 100), (372, 150), (368, 200), (358, 260), (345, 305), (355, 330),
        (420, 360), (480, 392), (505, 440), (511, 599), (8, 599), (12, 480), (35, 425), (100, 380), (170, 340),
        (190, 320), (172, 290), (158, 240), (150, 180), (150, 120), (165, 75), (205, 38),
    ],
}
_FACES = {"astronaut": (177, 66, 95, 95), "grace_hopper": (155, 105, 222, 222)}
_CLOTHING_TOP = {"astronaut": 168, "grace_hopper": 318}
# Head tilt of each source picture, measured from the pupils (Grace Hopper's head leans slightly to her left, i.e.
# counter-clockwise in the picture: her right pupil, on the left, sits a few pixels lower than the other).
_ROLL = {"astronaut": 3.2, "grace_hopper": -2.5}


def _source(name: str) -> np.ndarray:
    if name == "astronaut":
        from skimage import data

        return cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR)
    from matplotlib import cbook

    with cbook.get_sample_data("grace_hopper.jpg") as fh:
        rgb = np.asarray(Image.open(fh).convert("RGB"))
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)


def _skin(bgr: np.ndarray) -> np.ndarray:
    ycc = cv2.cvtColor(bgr, cv2.COLOR_BGR2YCrCb)
    return (ycc[..., 1] >= 138) & (ycc[..., 1] <= 175) & (ycc[..., 2] >= 80) & (ycc[..., 2] <= 125)


@lru_cache(maxsize=None)
def person(name: str) -> Person:
    bgr = _source(name)
    h, w = bgr.shape[:2]
    poly = np.zeros((h, w), np.uint8)
    cv2.fillPoly(poly, [np.array(_POLYGONS[name], np.int32)], 1)
    # GrabCut: outside the polygon is background, its eroded core is foreground, the band in between is decided
    gc = np.where(poly > 0, cv2.GC_PR_FGD, cv2.GC_BGD).astype(np.uint8)
    core = cv2.erode(poly, np.ones((25, 25), np.uint8))
    gc[core > 0] = cv2.GC_FGD
    bgd, fgd = np.zeros((1, 65), np.float64), np.zeros((1, 65), np.float64)
    cv2.setRNGSeed(7)
    cv2.grabCut(bgr, gc, None, bgd, fgd, 4, cv2.GC_INIT_WITH_MASK)
    fg = ((gc == cv2.GC_FGD) | (gc == cv2.GC_PR_FGD)).astype(np.uint8)
    # keep the largest component, fill holes, feather the edge
    n, labels, stats, _ = cv2.connectedComponentsWithStats(fg)
    if n > 1:
        fg = (labels == 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))).astype(np.uint8)
    fg = cv2.morphologyEx(fg, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    alpha = cv2.GaussianBlur(fg.astype(np.float32), (5, 5), 1.2)
    clothing = (fg > 0) & (np.arange(h)[:, None] >= _CLOTHING_TOP[name]) & ~_skin(bgr)
    clothing = cv2.morphologyEx(clothing.astype(np.uint8), cv2.MORPH_OPEN, np.ones((3, 3), np.uint8)).astype(bool)
    return Person(name, bgr, alpha, clothing, _FACES[name], _ROLL[name])


PEOPLE = ("astronaut", "grace_hopper")

# --------------------------------------------------------------------------- shirts

SHIRTS: dict[str, tuple[tuple[int, int, int], str]] = {
    # name: (RGB, expected clothing status)
    "white": ((236, 236, 232), "pass"),
    "black": ((28, 28, 30), "pass"),
    "grey": ((128, 128, 128), "pass"),
    "beige": ((215, 195, 160), "pass"),
    "green": ((40, 140, 60), "pass"),
    "yellow": ((235, 205, 40), "pass"),
    "red": ((205, 30, 35), "fail"),
    "dark_red": ((125, 18, 25), "fail"),
    "blue": ((30, 80, 200), "fail"),
    "light_blue": ((140, 185, 235), "fail"),
    "navy": ((25, 35, 80), "warn"),
    "purple": ((120, 50, 150), "warn"),
    "pink": ((240, 150, 190), "warn"),
    "teal": ((20, 140, 135), "warn"),
}


def recolour(bgr: np.ndarray, mask: np.ndarray, rgb: tuple[int, int, int]) -> np.ndarray:
    """Paint the masked pixels with ``rgb`` keeping the lightness texture (folds, seams)."""
    lab = cv2.cvtColor(bgr, cv2.COLOR_BGR2LAB).astype(np.float32)
    target = cv2.cvtColor(np.uint8([[rgb[::-1]]]), cv2.COLOR_BGR2LAB)[0, 0].astype(np.float32)
    lightness = lab[..., 0][mask]
    texture = (lightness - lightness.mean()) * 0.45
    out = lab.copy()
    out[..., 0][mask] = np.clip(target[0] + texture, 0, 255)
    out[..., 1][mask] = target[1]
    out[..., 2][mask] = target[2]
    return cv2.cvtColor(out.astype(np.uint8), cv2.COLOR_LAB2BGR)


# --------------------------------------------------------------------------- backgrounds


@lru_cache(maxsize=4)
def _font(size: int) -> tuple[ImageFont.FreeTypeFont | ImageFont.ImageFont, str]:
    path = find_cjk_font()
    if path:
        try:
            return ImageFont.truetype(str(path), size), "阿里云"
        except OSError:
            pass
    try:
        return ImageFont.truetype("DejaVuSans-Bold.ttf", size), "Aliyun"
    except OSError:
        return ImageFont.load_default(size), "Aliyun"


def _folds(w: int, h: int, rng: random.Random, strength: float) -> np.ndarray:
    """Multiplicative shading of a hanging cloth: soft vertical folds plus a couple of diagonal creases."""
    x = np.linspace(0, 1, w, dtype=np.float32)[None, :]
    y = np.linspace(0, 1, h, dtype=np.float32)[:, None]
    shade = np.ones((h, w), np.float32)
    for _ in range(3):
        freq, phase = rng.uniform(2, 7), rng.uniform(0, 6.28)
        shade += strength * 0.5 * np.sin(6.28 * freq * x + phase + 0.8 * y)
    for _ in range(2):
        a, b = rng.uniform(-1, 1), rng.uniform(0, 1)
        d = np.abs(y - (a * x + b))
        shade -= strength * 0.8 * np.exp(-((d / 0.03) ** 2))
    return np.clip(shade, 0.35, 1.4)


def aliyun_backdrop(w: int, h: int, rng: random.Random, folds: float = 0.12) -> np.ndarray:
    base = np.array([rng.randint(175, 215), rng.randint(95, 125), rng.randint(10, 35)], np.float32)  # BGR blue
    img = Image.new("RGB", (w, h), tuple(int(c) for c in base[::-1]))
    draw = ImageDraw.Draw(img)
    size = max(12, int(h * rng.uniform(0.045, 0.06)))
    font, text = _font(size)
    step_x, step_y = int(size * rng.uniform(4.2, 5.0)), int(size * rng.uniform(2.2, 2.6))
    off = rng.randint(0, step_x)
    for row, y in enumerate(range(-size, h + size, step_y)):
        shift = (step_x // 2) * (row % 2) - off
        for x in range(shift, w + step_x, step_x):
            draw.text((x, y), text, font=font, fill=(250, 250, 250))
    arr = cv2.cvtColor(np.asarray(img), cv2.COLOR_RGB2BGR).astype(np.float32)
    arr *= _folds(w, h, rng, folds)[..., None]
    return np.clip(arr, 0, 255).astype(np.uint8)


def _plain(w: int, h: int, bgr: tuple[int, int, int], rng: random.Random, gradient: float = 0.15) -> np.ndarray:
    y = np.linspace(1 + gradient, 1 - gradient, h, dtype=np.float32)[:, None, None]
    x = np.linspace(1 - gradient / 2, 1 + gradient / 2, w, dtype=np.float32)[None, :, None]
    arr = np.array(bgr, np.float32)[None, None, :] * y * x
    arr += np.random.default_rng(rng.randint(0, 2**31)).normal(0, 3, (h, w, 1)).astype(np.float32)
    return np.clip(arr, 0, 255).astype(np.uint8)


def room(w: int, h: int, rng: random.Random) -> np.ndarray:
    img = _plain(w, h, (200, 215, 225), rng)
    floor_y = int(h * rng.uniform(0.62, 0.75))
    img[floor_y:] = _plain(w, h - floor_y, (60, 95, 140), rng)
    dx = int(w * rng.uniform(0.05, 0.2))
    cv2.rectangle(img, (dx, int(h * 0.12)), (dx + int(w * 0.16), floor_y), (40, 70, 110), -1)  # door
    cv2.rectangle(img, (w - int(w * 0.3), int(h * 0.1)), (w - int(w * 0.1), int(h * 0.35)), (90, 130, 70), -1)  # picture
    cv2.rectangle(img, (w - int(w * 0.35), floor_y - int(h * 0.2)), (w - 5, floor_y), (30, 40, 50), -1)  # cabinet
    cv2.rectangle(img, (int(w * 0.02), int(h * 0.02)), (int(w * 0.3), int(h * 0.08)), (240, 240, 240), -1)  # lamp
    return img


def sky(w: int, h: int, rng: random.Random) -> np.ndarray:
    top = np.array([rng.randint(190, 225), rng.randint(120, 150), rng.randint(40, 70)], np.float32)
    bottom = np.array([235, 205, 170], np.float32)
    t = np.linspace(0, 1, h, dtype=np.float32)[:, None, None]
    arr = np.broadcast_to(top * (1 - t) + bottom * t, (h, w, 3)).copy()
    clouds = np.zeros((h, w), np.float32)
    for _ in range(rng.randint(3, 6)):
        c = (rng.randint(0, w), rng.randint(0, h // 2))
        axes = (rng.randint(w // 12, w // 5), rng.randint(h // 25, h // 10))
        cv2.ellipse(clouds, c, axes, 0, 0, 360, 1.0, -1)
    clouds = cv2.GaussianBlur(clouds, (0, 0), h / 40)
    arr = arr * (1 - clouds[..., None] * 0.8) + 245 * clouds[..., None] * 0.8
    return np.clip(arr, 0, 255).astype(np.uint8)


def curtain(w: int, h: int, rng: random.Random) -> np.ndarray:
    base = _plain(w, h, (rng.randint(170, 200), rng.randint(100, 120), rng.randint(20, 40)), rng, 0.05).astype(np.float32)
    x = np.linspace(0, 1, w, dtype=np.float32)[None, :]
    shade = 1 + 0.25 * np.sin(6.28 * rng.uniform(8, 14) * x) * np.ones((h, 1), np.float32)
    return np.clip(base * shade[..., None], 0, 255).astype(np.uint8)


def blue_cloth_pattern(w: int, h: int, rng: random.Random, pattern: str) -> np.ndarray:
    """Blue cloth with a white pattern that is not the backdrop's print: polka dots, gingham, stars, or another
    brand's repeated Latin name (a press wall)."""
    base = (rng.randint(170, 210), rng.randint(95, 125), rng.randint(15, 40))
    img = Image.fromarray(cv2.cvtColor(_plain(w, h, base, rng, 0.05), cv2.COLOR_BGR2RGB))
    draw = ImageDraw.Draw(img)
    white = (248, 248, 248)
    if pattern == "dots":
        step, r = int(h * 0.08), int(h * 0.012)
        for row, y in enumerate(range(0, h + step, step)):
            for x in range((step // 2) * (row % 2), w + step, step):
                draw.ellipse((x - r, y - r, x + r, y + r), fill=white)
    elif pattern == "gingham":
        step, t = int(h * 0.06), max(2, int(h * 0.012))
        for x in range(0, w, step):
            draw.rectangle((x, 0, x + t, h), fill=(200, 215, 240))
        for y in range(0, h, step):
            draw.rectangle((0, y, w, y + t), fill=(200, 215, 240))
    elif pattern == "stars":
        step, r = int(h * 0.1), int(h * 0.02)
        for row, y in enumerate(range(step // 2, h, step)):
            for x in range(step // 2 + (step // 2) * (row % 2), w, step):
                pts = [(x + (r if i % 2 == 0 else r * 0.4) * np.sin(i * np.pi / 5), y - (r if i % 2 == 0 else r * 0.4) * np.cos(i * np.pi / 5)) for i in range(10)]
                draw.polygon(pts, fill=white)
    elif pattern == "press":
        try:
            font = ImageFont.truetype("DejaVuSans-Bold.ttf", max(12, int(h * 0.05)))
        except OSError:
            font = ImageFont.load_default(max(12, int(h * 0.05)))
        step_y = int(h * 0.12)
        for row, y in enumerate(range(0, h, step_y)):
            for x in range(-int(w * 0.1) * (row % 2), w, int(w * 0.3)):
                draw.text((x, y), "NORVELA" if (row + x // 10) % 2 else "QUANTEX", font=font, fill=white)
    else:
        raise ValueError(pattern)
    return cv2.cvtColor(np.asarray(img), cv2.COLOR_RGB2BGR)


def background(kind: str, w: int, h: int, rng: random.Random) -> np.ndarray:
    if kind in ("dots", "gingham", "stars", "press"):
        return blue_cloth_pattern(w, h, rng, kind)
    if kind == "aliyun":
        return aliyun_backdrop(w, h, rng, folds=rng.uniform(0.05, 0.18))
    if kind == "white_wall":
        return _plain(w, h, (228, 232, 235), rng)
    if kind == "grey_wall":
        return _plain(w, h, (140, 140, 138), rng)
    if kind == "room":
        return room(w, h, rng)
    if kind == "green_screen":
        return _plain(w, h, (60, 175, 45), rng, 0.1)
    if kind == "partial":
        img = room(w, h, rng) if rng.random() < 0.5 else _plain(w, h, (228, 232, 235), rng)
        x0, x1 = int(w * rng.uniform(0.18, 0.24)), int(w * rng.uniform(0.76, 0.82))
        y0 = int(h * rng.uniform(0.0, 0.15))
        img[y0:, x0:x1] = aliyun_backdrop(x1 - x0, h - y0, rng)
        return img
    if kind == "blue_wall":
        return _plain(w, h, (rng.randint(180, 215), rng.randint(110, 135), rng.randint(20, 45)), rng)
    if kind == "curtain":
        return curtain(w, h, rng)
    if kind == "sky":
        return sky(w, h, rng)
    raise ValueError(kind)


BACKGROUNDS_FAIL = ("white_wall", "grey_wall", "room", "green_screen", "partial", "blue_wall", "curtain", "sky")

# --------------------------------------------------------------------------- composition


@dataclass
class Scene:
    """Parameters of one composed photo."""

    people: tuple[str, ...] = ("astronaut",)
    shirt: str = "white"
    background: str = "aliyun"
    size: tuple[int, int] = (1200, 900)  # width, height
    face_height: float = 0.18  # of the picture height
    centre_x: float = 0.5  # face centre, fraction of the width
    face_top: float | None = None  # face box top, fraction of the height (default: natural headroom)
    roll: float = 0.0  # degrees, positive = head tilted clockwise in the picture
    gain: float = 1.0  # exposure multiplier
    white_balance: tuple[float, float, float] = (1.0, 1.0, 1.0)  # BGR gains
    light_gradient: float = 0.0  # side light: brightness goes from 1-g (left) to 1+g (right)
    blur: float = 0.0  # Gaussian sigma as a fraction of the picture height
    noise: float = 2.0
    jpeg_quality: int = 90
    seed: int = 0


@dataclass
class Case:
    name: str
    scene: Scene
    expected: dict[str, frozenset[str]] = field(default_factory=dict)
    valid: bool = False  # every check should pass

    def jpeg(self) -> bytes:
        return compose_jpeg(self.scene)


def _place(canvas: np.ndarray, alpha_acc: np.ndarray, p: Person, shirt_rgb, scene: Scene, centre_x: float, rng) -> None:
    H, W = canvas.shape[:2]
    fx, fy, fw, fh = p.face
    s = scene.face_height * H / fh
    src = recolour(p.bgr, p.clothing, shirt_rgb) if shirt_rgb else p.bgr
    # extend the body downwards so it always reaches the bottom edge
    pad = int(H / s) + 10
    src = cv2.copyMakeBorder(src, 0, pad, 0, 0, cv2.BORDER_REPLICATE)
    alpha = cv2.copyMakeBorder(p.alpha, 0, pad, 0, 0, cv2.BORDER_REPLICATE)
    face_top = scene.face_top if scene.face_top is not None else 0.55 * scene.face_height + 0.07
    tx = centre_x * W - (fx + fw / 2) * s
    ty = face_top * H - fy * s
    m = np.float32([[s, 0, tx], [0, s, ty]])
    if scene.roll != p.roll:  # straighten the source's own tilt, then apply the scene's
        rot = cv2.getRotationMatrix2D((centre_x * W, face_top * H + scene.face_height * H / 2), p.roll - scene.roll, 1.0)
        m = (np.vstack([rot, [0, 0, 1]]) @ np.vstack([m, [0, 0, 1]]))[:2].astype(np.float32)
    warped = cv2.warpAffine(src, m, (W, H), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    a = cv2.warpAffine(alpha, m, (W, H), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    a = a[..., None]
    canvas[:] = (canvas * (1 - a) + warped * a).astype(np.float32)
    alpha_acc[:] = np.maximum(alpha_acc, a[..., 0])


def compose(scene: Scene) -> np.ndarray:
    rng = random.Random(scene.seed)
    W, H = scene.size
    canvas = background(scene.background, W, H, rng).astype(np.float32)
    alpha_acc = np.zeros((H, W), np.float32)
    shirt_rgb = SHIRTS[scene.shirt][0] if scene.shirt else None
    n = len(scene.people)
    for i, name in enumerate(scene.people):
        cx = scene.centre_x if n == 1 else (i + 1) / (n + 1)
        _place(canvas, alpha_acc, person(name), shirt_rgb, scene, cx, rng)
    canvas *= scene.gain * np.array(scene.white_balance, np.float32)[None, None, :]
    if scene.light_gradient:
        g = scene.light_gradient
        canvas *= np.linspace(1 - g, 1 + g, W, dtype=np.float32)[None, :, None]
    if scene.noise:
        canvas += np.random.default_rng(scene.seed).normal(0, scene.noise, canvas.shape[:2] + (1,)).astype(np.float32)
    out = np.clip(canvas, 0, 255).astype(np.uint8)
    if scene.blur:
        out = cv2.GaussianBlur(out, (0, 0), scene.blur * H)
    return out


def compose_jpeg(scene: Scene) -> bytes:
    ok, buf = cv2.imencode(".jpg", compose(scene), [cv2.IMWRITE_JPEG_QUALITY, scene.jpeg_quality])
    assert ok
    return buf.tobytes()


# --------------------------------------------------------------------------- the labeled set

CHECK_IDS = ("face_count", "framing", "backdrop", "clothing", "resolution", "exposure", "sharpness")
GOOD_SHIRTS = tuple(k for k, (_, status) in SHIRTS.items() if status == "pass")
SIZES = ((1200, 900), (900, 1200), (1600, 1200), (1024, 768), (1080, 1440))


def _labels(**overrides: str | frozenset[str] | None) -> dict[str, frozenset[str]]:
    labels: dict[str, frozenset[str]] = {c: frozenset({"pass"}) for c in CHECK_IDS}
    for key, value in overrides.items():
        if value is None:
            labels.pop(key)
        else:
            labels[key] = frozenset({value}) if isinstance(value, str) else frozenset(value)
    return labels


def build_cases(seed: int = 20240601) -> list[Case]:
    """The labeled set (about 200 cases). Parameters are drawn from a fixed seed, so the set is the same every run.

    Labels are only given where the scene clearly decides them: e.g. framing parameters stay well away from the
    thresholds, and checks that cannot be judged (no face) are not labeled.
    """
    rng = random.Random(seed)
    cases: list[Case] = []

    def base(**kw) -> Scene:
        params = dict(
            size=rng.choice(SIZES),
            face_height=rng.uniform(0.13, 0.23),
            centre_x=0.5 + rng.uniform(-0.045, 0.045),
            gain=rng.uniform(0.85, 1.12),
            white_balance=tuple(rng.uniform(0.92, 1.08) for _ in range(3)),
            light_gradient=rng.uniform(0.0, 0.15),
            blur=rng.choice([0.0, 0.0, 0.0006]),
            noise=rng.uniform(1.0, 4.0),
            jpeg_quality=rng.randint(70, 95),
            seed=rng.randint(0, 2**31),
        )
        params.update(kw)
        return Scene(**params)

    # 1. valid photos
    for who in PEOPLE:
        for shirt in GOOD_SHIRTS:
            for i in range(5):
                cases.append(Case(f"valid-{who}-{shirt}-{i}", base(people=(who,), shirt=shirt), _labels(), valid=True))
    # 2. clothing colours
    for who in PEOPLE:
        for shirt, (_, status) in SHIRTS.items():
            if status == "pass":
                continue
            for i in range(3 if status == "fail" else 2):
                cases.append(Case(f"shirt-{who}-{shirt}-{i}", base(people=(who,), shirt=shirt), _labels(clothing=status)))
    # 3. backgrounds that are not the backdrop
    for who in PEOPLE:
        for kind in BACKGROUNDS_FAIL:
            for i in range(2):
                shirt = rng.choice(("white", "black", "grey", "beige"))
                cases.append(Case(f"bg-{who}-{kind}-{i}", base(people=(who,), shirt=shirt, background=kind), _labels(backdrop="fail")))
    # 4. framing
    framings = [
        ("offcentre", dict(centre_x=0.5 + rng.choice((-1, 1)) * 0.155), dict(framing="warn")),
        ("edge", dict(centre_x=0.5 + rng.choice((-1, 1)) * 0.32), dict(framing="fail", backdrop=None)),
        ("small", dict(face_height=0.075), dict(framing="warn")),
        ("tiny", dict(face_height=0.042, size=(1600, 1200)), dict(framing="fail", face_count=None, clothing=None, sharpness=None, exposure=None)),
        # a face box of 38 % of the height (about 40-48 % for a detector box reaching the hairline) is where ID-photo
        # crops without an upper body begin: warn or fail
        ("large", dict(face_height=0.38, face_top=0.27), dict(framing=frozenset({"warn", "fail"}), clothing=None)),
        ("huge", dict(face_height=0.6, face_top=0.3), dict(framing="fail", clothing=None, backdrop=None)),
        ("headcut", dict(face_height=0.2, face_top=0.03), dict(framing="fail")),
        # head tilt has no filing rule; the checker warns from 6° and fails from 12°, and its measurement is good to
        # about ±3°: a 7.5° tilt may read either side of the warning line, 15° must fail
        ("tilt-warn", dict(roll=rng.choice((-1, 1)) * 7.5), dict(framing=frozenset({"pass", "warn"}), backdrop=None)),
        ("tilt-fail", dict(roll=rng.choice((-1, 1)) * 15.0), dict(framing="fail", backdrop=None)),
    ]
    for who in PEOPLE:
        for name, kw, labels in framings:
            for i in range(2):
                scene = base(people=(who,), shirt=rng.choice(GOOD_SHIRTS), **kw)
                if name in ("offcentre", "edge", "tilt-warn", "tilt-fail"):
                    scene.face_height = rng.uniform(0.15, 0.22)
                    scene.centre_x = kw.get("centre_x", 0.5)
                cases.append(Case(f"framing-{who}-{name}-{i}", scene, _labels(**labels)))
    # 5. picture quality
    qualities = [
        ("dark", dict(gain=0.28), dict(exposure="fail", sharpness=None)),
        ("bright", dict(gain=2.3), dict(exposure="fail", face_count=None, framing=None, sharpness=None, clothing=None, backdrop=None)),
        ("blurred", dict(blur=0.0065), dict(sharpness="fail", backdrop=None)),
        ("lowres", dict(size=(760, 570)), dict(resolution="fail")),
        ("lowres-portrait", dict(size=(560, 750)), dict(resolution="fail")),
    ]
    for who in PEOPLE:
        for name, kw, labels in qualities:
            for i in range(2):
                cases.append(Case(f"quality-{who}-{name}-{i}", base(people=(who,), shirt=rng.choice(GOOD_SHIRTS), **kw), _labels(**labels)))
    # 6. number of people
    for i in range(4):
        scene = base(people=PEOPLE if i % 2 == 0 else PEOPLE[::-1], shirt=rng.choice(GOOD_SHIRTS), face_height=0.15, size=(1600, 1000))
        cases.append(Case(f"count-two-{i}", scene, _labels(face_count="fail", framing=None, clothing=None, backdrop=None, exposure=None, sharpness=None)))
        cases.append(Case(f"count-none-{i}", base(people=(), shirt=None), _labels(face_count="fail", framing="fail", clothing=None, exposure=None, sharpness=None)))
    # 7. more head tilts, both directions: slight (well within the 6° tolerance) and at the 12° limit (warn or fail)
    for who in PEOPLE:
        for name, roll, labels in (
            ("tilt-slight", 2.5, dict(framing="pass")),
            ("tilt-fail-12", 12.5, dict(framing=frozenset({"warn", "fail"}), backdrop=None)),
        ):
            for i, sign in enumerate((-1, 1)):
                scene = base(people=(who,), shirt=rng.choice(GOOD_SHIRTS), roll=sign * roll, face_height=rng.uniform(0.15, 0.22), centre_x=0.5)
                cases.append(Case(f"framing-{who}-{name}-{i}", scene, _labels(**labels)))
    return cases
