"""Draw a photo report onto the picture (the CLI's ``--annotate`` PNG and the GUI's preview use the same drawing).

Marks: the face box (green when framing passes, amber on a warning, red on a failure), the judged torso region, the
non-backdrop parts of the background tinted red, the estimated eye line (head tilt), and one text line per failed
(then warned) check at the top. Chinese text needs a CJK font; without one the English message is drawn.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from beian_desktop.imaging.report import Report

COLOURS = {"pass": (60, 180, 60), "warn": (0, 170, 255), "fail": (40, 40, 230)}  # BGR
TINT = np.array([40, 40, 230], np.float32)  # non-backdrop areas

_CJK_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simhei.ttf",
)


@lru_cache(maxsize=1)
def find_cjk_font() -> Path | None:
    """A font file that can draw Chinese, or None. Known locations first, then ``fc-match`` when available."""
    for candidate in _CJK_CANDIDATES:
        if os.path.isfile(candidate):
            return Path(candidate)
    if shutil.which("fc-match"):
        try:
            out = subprocess.run(
                ["fc-match", "-f", "%{file}", ":lang=zh-cn"], capture_output=True, text=True, timeout=5, check=False
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            out = ""
        # fc-match always answers something; only accept fonts that are known to be CJK
        if out and os.path.isfile(out) and any(k in out.lower() for k in ("cjk", "wqy", "hei", "song", "kai", "droidsansfallback")):
            return Path(out)
    return None


@lru_cache(maxsize=8)
def _font(size: int, cjk: bool) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    if cjk:
        path = find_cjk_font()
        if path:
            try:
                return ImageFont.truetype(str(path), size)
            except OSError:
                pass
    try:
        return ImageFont.truetype("DejaVuSans.ttf", size)
    except OSError:
        return ImageFont.load_default(size)


def annotate(report: Report, image: np.ndarray, lang: str = "zh_CN") -> np.ndarray:
    """A marked-up BGR copy of ``image`` (the oriented picture the report was made from, any size)."""
    out = image.copy()
    if out.ndim == 2:
        out = cv2.cvtColor(out, cv2.COLOR_GRAY2BGR)
    h, w = out.shape[:2]
    full_w = report.image_size[0] if report.image_size else w
    f = w / full_w  # report geometry (full-size pixels) -> this image
    thick = max(2, int(round(min(h, w) / 300)))

    backdrop = report.check("backdrop")
    if backdrop is not None and isinstance(backdrop.geometry.get("non_backdrop_mask"), np.ndarray):
        mask = cv2.resize(backdrop.geometry["non_backdrop_mask"], (w, h), interpolation=cv2.INTER_NEAREST).astype(bool)
        if mask.any():
            region = out[mask].astype(np.float32)
            out[mask] = (region * 0.5 + TINT * 0.5).astype(np.uint8)

    clothing = report.check("clothing")
    if clothing is not None and "torso" in clothing.geometry:
        x, y, bw, bh = (int(round(v * f)) for v in clothing.geometry["torso"])
        _dashed_rect(out, (x, y), (x + bw, y + bh), COLOURS[clothing.status], thick)

    framing = report.check("framing")
    if framing is not None:
        colour = COLOURS[framing.status]
        for box in framing.geometry.get("faces", [])[1:]:
            x, y, bw, bh = (int(round(v * f)) for v in box)
            cv2.rectangle(out, (x, y), (x + bw, y + bh), COLOURS["fail"], thick)
        if "face" in framing.geometry:
            x, y, bw, bh = (int(round(v * f)) for v in framing.geometry["face"])
            cv2.rectangle(out, (x, y), (x + bw, y + bh), colour, thick)
            if "head_top" in framing.geometry:
                ty = int(round(framing.geometry["head_top"] * f))
                cv2.line(out, (x, ty), (x + bw, ty), colour, max(1, thick // 2))
        eye_line = framing.geometry.get("eye_line")
        if eye_line:  # the estimated tilt of the head
            p1, p2 = (tuple(int(round(c * f)) for c in e) for e in eye_line)
            cv2.line(out, p1, p2, colour, max(1, thick // 2))
        cv2.line(out, (w // 2, 0), (w // 2, h), (200, 200, 200), 1)  # the middle line

    for check in report.checks:  # generic outlines (e.g. a document's edges) from any checker
        outline = check.geometry.get("outline")
        if isinstance(outline, (list, tuple)) and len(outline) >= 2:
            pts = np.array([[round(px * f), round(py * f)] for px, py in outline], np.int32)
            cv2.polylines(out, [pts], True, COLOURS[check.status], thick)

    lines = [(c.status, c.message.text(lang)) for c in report.checks if c.status == "fail"]
    lines += [(c.status, c.message.text(lang)) for c in report.checks if c.status == "warn"]
    if not lines:
        lines = [("pass", "✓ 可以提交" if not lang.startswith("en") else "✓ Ready to submit")]
    return _draw_lines(out, lines, cjk=not lang.startswith("en"))


def _dashed_rect(img: np.ndarray, p1, p2, colour, thick: int) -> None:
    (x0, y0), (x1, y1) = p1, p2
    step = max(6, thick * 4)
    for x in range(x0, x1, step * 2):
        cv2.line(img, (x, y0), (min(x + step, x1), y0), colour, thick)
        cv2.line(img, (x, y1), (min(x + step, x1), y1), colour, thick)
    for y in range(y0, y1, step * 2):
        cv2.line(img, (x0, y), (x0, min(y + step, y1)), colour, thick)
        cv2.line(img, (x1, y), (x1, min(y + step, y1)), colour, thick)


def _draw_lines(bgr: np.ndarray, lines: list[tuple[str, str]], cjk: bool) -> np.ndarray:
    h, w = bgr.shape[:2]
    size = max(12, int(min(h, w) / 32))
    font = _font(size, cjk and find_cjk_font() is not None)
    pil = Image.fromarray(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB))
    draw = ImageDraw.Draw(pil, "RGBA")
    y = size // 3
    for status, text in lines:
        text = _fit(draw, text, font, w - size)
        bbox = draw.textbbox((size // 2, y), text, font=font)
        draw.rectangle((bbox[0] - 4, bbox[1] - 3, bbox[2] + 4, bbox[3] + 3), fill=(0, 0, 0, 170))
        b, g, r = COLOURS[status]
        draw.text((size // 2, y), text, font=font, fill=(r, g, b, 255))
        y = bbox[3] + size // 2
        if y > h - size:
            break
    return cv2.cvtColor(np.asarray(pil), cv2.COLOR_RGB2BGR)


def _fit(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> str:
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text + "…"


def write_annotated(report: Report, image: np.ndarray, path: str | Path, lang: str = "zh_CN", max_side: int = 1600) -> Path:
    """Write the annotated picture as PNG (reduced to ``max_side`` on the long side); returns the path."""
    h, w = image.shape[:2]
    f = min(1.0, max_side / max(h, w))
    if f < 1.0:
        image = cv2.resize(image, (round(w * f), round(h * f)), interpolation=cv2.INTER_AREA)
    marked = annotate(report, image, lang)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    ok, buf = cv2.imencode(".png", marked)
    if not ok:  # pragma: no cover
        raise OSError(f"could not encode {path}")
    path.write_bytes(buf.tobytes())
    return path
