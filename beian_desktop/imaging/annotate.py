"""Draw a report onto the picture (the CLI's ``--annotate`` PNG and the GUI's preview use the same drawing).

The picture keeps its marks - face box and eye landmarks (green when framing passes, amber on a warning, red on a
failure), the top of the head, the region judged as clothing, the area taken as backdrop (outlined in cyan), what is
not backdrop (tinted red) and the rows of print that were read, each with its text - and the messages go to a panel
beside it, wrapped, never over the face, with a small legend of the marks. Chinese text needs a CJK font; without
one the English message is drawn.
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


PANEL_BG = (248, 248, 246)  # BGR
BACKDROP_EDGE = (230, 200, 0)  # cyan: outline of the area taken as backdrop
TEXT_BOX = (255, 160, 40)  # light blue: rows of print that were read


def _label(lang: str, zh: str, en: str) -> str:
    return en if lang.startswith("en") else zh


def annotate(report: Report, image: np.ndarray, lang: str = "zh_CN", *, panel: bool = True) -> np.ndarray:
    """A marked-up BGR copy of ``image`` (the oriented picture the report was made from, any size), with a panel of
    wrapped messages and a legend on its right (``panel=False``: the marks only, for a view that lists the messages
    itself, like the wizard's photo page)."""
    out = image.copy()
    if out.ndim == 2:
        out = cv2.cvtColor(out, cv2.COLOR_GRAY2BGR)
    h, w = out.shape[:2]
    full_w = report.image_size[0] if report.image_size else w
    f = w / full_w  # report geometry (full-size pixels) -> this image
    thick = max(2, int(round(min(h, w) / 300)))
    legend: list[tuple[tuple[int, int, int], str, str]] = []

    backdrop = report.check("backdrop")
    if backdrop is not None:
        geo = backdrop.geometry
        mask = geo.get("non_backdrop_mask")
        if isinstance(mask, np.ndarray):
            big = cv2.resize(mask, (w, h), interpolation=cv2.INTER_NEAREST).astype(bool)
            if big.any():
                region = out[big].astype(np.float32)
                out[big] = (region * 0.5 + TINT * 0.5).astype(np.uint8)
                legend.append((tuple(int(c) for c in TINT), "不是幕布的背景", "background that is not the backdrop"))
        taken = geo.get("backdrop_mask")
        if isinstance(taken, np.ndarray) and taken.any():
            big = cv2.resize(taken.astype(np.uint8), (w, h), interpolation=cv2.INTER_NEAREST)
            contours, _ = cv2.findContours(big, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
            contours = [c for c in contours if cv2.contourArea(c) >= 0.002 * w * h]
            cv2.drawContours(out, contours, -1, BACKDROP_EDGE, max(1, thick // 2))
            legend.append((BACKDROP_EDGE, "识别为幕布的区域", "area taken as the backdrop"))
        rows = geo.get("text_rows") or []
        for row in rows:
            x, y, bw, bh = (int(round(v * f)) for v in row[:4])
            cv2.rectangle(out, (x, y), (x + bw, y + bh), TEXT_BOX, max(1, thick // 2))
        if rows:
            legend.append((TEXT_BOX, "读取的幕布文字", "print that was read"))

    clothing = report.check("clothing")
    if clothing is not None and "torso" in clothing.geometry:
        x, y, bw, bh = (int(round(v * f)) for v in clothing.geometry["torso"])
        _dashed_rect(out, (x, y), (x + bw, y + bh), COLOURS[clothing.status], thick)
        legend.append((COLOURS[clothing.status], "判断上衣颜色的区域（虚线）", "region judged as the top (dashed)"))

    framing = report.check("framing")
    if framing is not None:
        colour = COLOURS[framing.status]
        for box in framing.geometry.get("faces", [])[1:]:
            x, y, bw, bh = (int(round(v * f)) for v in box)
            cv2.rectangle(out, (x, y), (x + bw, y + bh), COLOURS["fail"], thick)
        if "face" in framing.geometry:
            x, y, bw, bh = (int(round(v * f)) for v in framing.geometry["face"])
            cv2.rectangle(out, (x, y), (x + bw, y + bh), colour, thick)
            legend.append((colour, "人脸", "face"))
            if "head_top" in framing.geometry:
                ty = int(round(framing.geometry["head_top"] * f))
                cv2.line(out, (x, ty), (x + bw, ty), colour, max(1, thick // 2))
                legend.append((colour, "头顶（横线）", "top of the head (line)"))
        for px, py in framing.geometry.get("landmarks", [])[:2]:
            cv2.circle(out, (int(round(px * f)), int(round(py * f))), max(2, thick), colour, -1)
        eye_line = framing.geometry.get("eye_line")
        if eye_line:  # the tilt of the head
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
        lines = [("pass", _label(lang, "✓ 可以提交", "✓ Ready to submit"))]
    if not panel:
        return out
    read = backdrop.values.get("text") if backdrop is not None else None
    if read:
        lines.append(("info", _label(lang, "幕布上读到：", "Read on the backdrop: ") + " / ".join(read[:4])))
    return _with_panel(out, lines, legend, lang)


def _dashed_rect(img: np.ndarray, p1, p2, colour, thick: int) -> None:
    (x0, y0), (x1, y1) = p1, p2
    step = max(6, thick * 4)
    for x in range(x0, x1, step * 2):
        cv2.line(img, (x, y0), (min(x + step, x1), y0), colour, thick)
        cv2.line(img, (x, y1), (min(x + step, x1), y1), colour, thick)
    for y in range(y0, y1, step * 2):
        cv2.line(img, (x0, y), (x0, min(y + step, y1)), colour, thick)
        cv2.line(img, (x1, y), (x1, min(y + step, y1)), colour, thick)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> list[str]:
    """Lines of at most ``width`` pixels; breaks between words, or anywhere in Chinese text."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        tokens = paragraph.split(" ") if paragraph.isascii() else list(paragraph)
        sep = " " if paragraph.isascii() else ""
        for token in tokens:
            trial = f"{current}{sep}{token}" if current else token
            if draw.textlength(trial, font=font) <= width or not current:
                current = trial
            else:
                lines.append(current)
                current = token
        if current:
            lines.append(current)
    return lines


def _with_panel(picture: np.ndarray, lines: list[tuple[str, str]], legend, lang: str) -> np.ndarray:
    """The picture with a panel on its right: the messages, wrapped, then the legend."""
    h, w = picture.shape[:2]
    pw = max(300, int(0.55 * w))
    size = max(13, min(28, pw // 22))
    cjk = find_cjk_font() is not None  # also for English: the text read on the backdrop is Chinese
    font = _font(size, cjk)
    small = _font(max(11, int(size * 0.8)), cjk)
    margin = size // 2 + 4
    scratch = ImageDraw.Draw(Image.new("RGB", (8, 8)))
    blocks = []
    for status, text in lines:
        blocks.append((status, _wrap(scratch, text, font, pw - 2 * margin - size)))
    line_h = int(size * 1.35)
    needed = margin + sum(len(b) * line_h + size // 2 for _, b in blocks) + (len(legend) + 1) * int(small.size * 1.5) + 2 * margin
    H = max(h, needed)
    canvas = np.full((H, w + pw, 3), PANEL_BG, np.uint8)
    canvas[:h, :w] = picture
    pil = Image.fromarray(cv2.cvtColor(canvas, cv2.COLOR_BGR2RGB))
    draw = ImageDraw.Draw(pil)
    x0, y = w + margin, margin
    for status, wrapped in blocks:
        b, g, r = COLOURS.get(status, (90, 90, 90))
        draw.ellipse((x0, y + size // 3, x0 + size // 2, y + size // 3 + size // 2), fill=(r, g, b))
        for text in wrapped:
            draw.text((x0 + size, y), text, font=font, fill=(30, 30, 30) if status != "info" else (70, 70, 70))
            y += line_h
        y += size // 2
    if legend:
        y += size // 2
        draw.line((x0, y, w + pw - margin, y), fill=(200, 200, 200), width=1)
        y += size // 2
        seen = set()
        for colour, zh, en in legend:
            text = _label(lang, zh, en) if cjk else en
            if text in seen:
                continue
            seen.add(text)
            b, g, r = colour
            draw.rectangle((x0, y + 3, x0 + small.size, y + 3 + small.size // 2 + 2), fill=(r, g, b))
            draw.text((x0 + small.size + 8, y), text, font=small, fill=(60, 60, 60))
            y += int(small.size * 1.5)
    return cv2.cvtColor(np.asarray(pil), cv2.COLOR_RGB2BGR)


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
