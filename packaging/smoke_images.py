"""Pictures for the frozen app's smoke test, composed at build time (nothing is committed).

* A backdrop photo: a real face (scikit-image's ``astronaut``, else matplotlib's ``grace_hopper.jpg``; both are test
  dependencies) cut out with OpenCV's GrabCut and placed on a blue cloth printed with white "阿里云备案专用" rows, so that
  the frozen ``check-photo`` runs its face detector, person model *and* the OCR on the backdrop print.
* A document page: a white A4 page with printed lines of text photographed on a dark desk, for ``check-doc``.

These run in the build environment (the source install), never inside the bundle.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

BACKDROP_WORDS = "阿里云备案专用"


def _font(size: int) -> ImageFont.ImageFont:
    from beian_desktop.imaging.annotate import find_cjk_font

    path = find_cjk_font()
    if path is None:
        raise RuntimeError("no CJK font installed (Debian: fonts-noto-cjk); the smoke photo needs one to print 阿里云")
    return ImageFont.truetype(str(path), size)


def real_face() -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """A BGR picture of one real person and a rectangle around the person (for GrabCut)."""
    try:
        from skimage import data

        return cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR), (40, 5, 330, 507)
    except ImportError:
        import matplotlib.cbook

        with matplotlib.cbook.get_sample_data("grace_hopper.jpg") as fh:
            rgb = np.asarray(Image.open(fh).convert("RGB"))
        return cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR), (10, 10, rgb.shape[1] - 20, rgb.shape[0] - 10)


def cut_out(bgr: np.ndarray, rect: tuple[int, int, int, int]) -> np.ndarray:
    """A float 0..1 person mask by GrabCut from a rectangle."""
    mask = np.zeros(bgr.shape[:2], np.uint8)
    bgd, fgd = np.zeros((1, 65), np.float64), np.zeros((1, 65), np.float64)
    cv2.grabCut(bgr, mask, rect, bgd, fgd, 5, cv2.GC_INIT_WITH_RECT)
    person = np.where((mask == cv2.GC_FGD) | (mask == cv2.GC_PR_FGD), 1.0, 0.0).astype(np.float32)
    return cv2.GaussianBlur(person, (5, 5), 0)


def backdrop(width: int, height: int) -> np.ndarray:
    """Blue cloth with rows of white 阿里云备案专用, offset every other row like the mailed backdrop."""
    canvas = Image.new("RGB", (width, height), (22, 84, 170))
    draw = ImageDraw.Draw(canvas)
    size = max(24, width // 18)
    font = _font(size)
    text = BACKDROP_WORDS + "  "
    line = text * 6
    for i, y in enumerate(range(size // 2, height, int(size * 2.2))):
        draw.text((-(i % 2) * size * 3, y), line, font=font, fill=(245, 245, 245))
    return cv2.cvtColor(np.asarray(canvas), cv2.COLOR_RGB2BGR)


def backdrop_photo(width: int = 1200, height: int = 1600) -> np.ndarray:
    """The person in front of the backdrop: face near the centre, shoulders reaching the bottom edge."""
    src, rect = real_face()
    alpha = cut_out(src, rect)
    canvas = backdrop(width, height).astype(np.float32)
    scale = height * 0.62 / src.shape[0]
    person = cv2.resize(src, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC).astype(np.float32)
    a = cv2.resize(alpha, (person.shape[1], person.shape[0]))[..., None]
    h, w = person.shape[:2]
    x0, y0 = (width - w) // 2, height - h
    region = canvas[y0 : y0 + h, x0 : x0 + w]
    canvas[y0 : y0 + h, x0 : x0 + w] = region * (1 - a) + person * a
    return np.clip(canvas, 0, 255).astype(np.uint8)


def document_photo(width: int = 1600, height: int = 1200) -> np.ndarray:
    """An A4 page with printed lines, lying on a dark desk."""
    desk = Image.new("RGB", (width, height), (60, 52, 45))
    page_h = int(height * 0.85)
    page_w = int(page_h / 1.414)
    page = Image.new("RGB", (page_w, page_h), (250, 250, 246))
    draw = ImageDraw.Draw(page)
    font = _font(max(18, page_w // 22))
    lines = ["网站备案信息真实性核验单", "主办单位名称：杭州云栖示例科技有限公司", "网站名称：云栖示例", "域名：yunqi-demo.com",
             "网站负责人：张三", "联系电话：13800000000", "本单位承诺所填信息真实有效。", "签字：", "日期：2026年6月1日"]
    y = page_h // 12
    for text in lines:
        draw.text((page_w // 12, y), text, font=font, fill=(20, 20, 20))
        y += int(font.size * 2.0)
    desk.paste(page, ((width - page_w) // 2, (height - page_h) // 2))
    return cv2.cvtColor(np.asarray(desk), cv2.COLOR_RGB2BGR)


def write(folder: Path) -> dict[str, Path]:
    """Write the smoke-test pictures into ``folder``; returns their paths by role."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {"photo": folder / "backdrop_photo.jpg", "document": folder / "document.jpg"}
    cv2.imwrite(str(paths["photo"]), backdrop_photo(), [cv2.IMWRITE_JPEG_QUALITY, 92])
    cv2.imwrite(str(paths["document"]), document_photo(), [cv2.IMWRITE_JPEG_QUALITY, 92])
    # the same photo as HEIC (the iPhone default): the frozen app must still decode it through pi-heif
    import pillow_heif  # the encoder, in the build environment only (build extra)

    paths["photo_heic"] = folder / "backdrop_photo.heic"
    pillow_heif.from_pillow(Image.open(paths["photo"])).save(str(paths["photo_heic"]), quality=90)
    return paths
