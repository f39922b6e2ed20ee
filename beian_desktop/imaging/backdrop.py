"""The ``backdrop`` check: is the whole background the required one?

Profile ``aliyun_backdrop`` (see :mod:`.profiles`): the Alibaba Cloud backdrop is recognised by its **printed words**
(阿里云 / 阿里云备案专用 / aliyun), read with OCR, not by "white marks on blue" — polka dots, gingham, stars, another
brand's press wall and hair strands on a plain blue ID-photo background all make white marks on blue too.

1. **Background** = everything outside the person mask (:mod:`.person`) plus a margin; the whole picture without a face.
2. **Cloth**: blue in HSV (hue window wide enough for warm/cold white balance, any brightness above deep shadow); its
   share of the background and of each frame edge says whether the backdrop fills the background.
3. **Text rows**: a cheap stroke detector (bright, unsaturated, thin structures inside blue cloth, found by a white
   top-hat) proposes a few candidate rows of print; only those crops are recognised (about 10 ms each, from the finer
   decoded copy), largest first, stopping at the first one that reads one of the profile's words.

Profile ``plain_light``: the background must be plain (few edges), light and unsaturated: a white or light-grey wall.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import cv2
import numpy as np

from beian_desktop.i18n import Msg
from beian_desktop.imaging.profiles import PLAIN_LIGHT, PhotoProfile
from beian_desktop.imaging.report import CheckResult

# Colour window of the cloth (OpenCV HSV: hue 0-180).
BLUE_HUE = (88, 135)
BLUE_MIN_SAT = 55
BLUE_MIN_VAL = 30
# Print strokes: bright and unsaturated relative to the cloth.
TEXT_MAX_SAT = 110
TEXT_MIN_TOPHAT = 15  # grey levels
TEXT_MIN_CONTRAST = 0.35  # stroke brightness above the cloth, relative to the cloth

# Decision thresholds (fractions of the background).
COVERAGE_PASS, COVERAGE_FAIL = 0.90, 0.75
EDGE_PASS, EDGE_FAIL = 0.85, 0.60
#: Candidate rows that read some text, at most (rows that read only a symbol, like the logo, are not counted, up to
#: twice as many rows tried), and the recognition confidence a word needs.
MAX_ROWS = 3
MIN_SCORE = 0.5
#: Plain light background: brightness and saturation limits (HSV 0-255) and the share of edge pixels tolerated.
LIGHT_MIN_VAL, LIGHT_MAX_SAT = 150, 50
PLAIN_EDGE_WARN, PLAIN_EDGE_FAIL = 0.04, 0.10


@dataclass(slots=True)
class BackdropMaps:
    """Pixel masks (uint8 0/1) of the working copy."""

    blue: np.ndarray
    text: np.ndarray  # print strokes on blue cloth
    backdrop: np.ndarray  # cloth including its print


@dataclass(slots=True)
class Reading:
    """What the OCR read on the candidate rows."""

    word: str | None = None  # the profile word that was recognised, if any
    lines: list[dict] = field(default_factory=list)  # {"text", "score", "box": [x, y, w, h]} (working copy)
    rows_tried: int = 0
    available: bool = True


def segment(bgr: np.ndarray) -> BackdropMaps:
    """Blue cloth, print strokes on it and their union, for a BGR working copy."""
    h, w = bgr.shape[:2]
    hsv = cv2.cvtColor(bgr, cv2.COLOR_BGR2HSV)
    hue, sat, val = cv2.split(hsv)
    blue = ((hue >= BLUE_HUE[0]) & (hue <= BLUE_HUE[1]) & (sat >= BLUE_MIN_SAT) & (val >= BLUE_MIN_VAL)).astype(np.uint8)
    k = max(5, int(round(min(h, w) * 0.035)) | 1)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k))
    # White print on blue stands out most in the weakest channel (white is bright in all three, the cloth is dark in
    # red and green); the contrast is relative to the cloth's brightness, so dim and bright pictures are judged alike.
    whiteness = cv2.min(cv2.min(bgr[..., 0], bgr[..., 1]), bgr[..., 2])
    tophat = cv2.morphologyEx(whiteness, cv2.MORPH_TOPHAT, kernel)
    cloth_level = cv2.morphologyEx(val, cv2.MORPH_OPEN, kernel).astype(np.float32)
    threshold = np.maximum(TEXT_MIN_TOPHAT, cloth_level * TEXT_MIN_CONTRAST)
    bright = (tophat >= threshold) & (sat <= TEXT_MAX_SAT)
    near = max(5, (k * 2) | 1)
    blue_share = cv2.blur(blue.astype(np.float32), (near, near))
    text = (bright & (blue_share >= 0.35)).astype(np.uint8)
    backdrop = cv2.morphologyEx(blue | text, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (5, 5)))
    return BackdropMaps(blue=blue, text=text, backdrop=backdrop)


def text_rows(text: np.ndarray, background: np.ndarray, limit: int = 2 * MAX_ROWS) -> list[tuple[int, int, int, int]]:
    """Candidate rows of print (x, y, w, h on the working copy), most print first.

    Strokes in the background are joined horizontally; a group that is wider than tall, of a plausible text height and
    dense enough with strokes is a candidate."""
    h, w = text.shape
    strokes = text & background
    if not strokes.any():
        return []
    joined = cv2.morphologyEx(strokes, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (max(5, w // 40), 3)))
    n, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    rows = []
    for i in range(1, n):
        x, y, bw, bh, _area = (int(v) for v in stats[i])
        if not (max(4, 0.012 * h) <= bh <= 0.15 * h) or bw < 1.5 * bh:
            continue
        ink = int(np.count_nonzero(strokes[y : y + bh, x : x + bw]))
        if ink < 0.06 * bw * bh:
            continue
        rows.append((ink, (x, y, bw, bh)))
    rows.sort(key=lambda r: -r[0])
    return [box for _, box in rows[:limit]]


def _normal(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"[\W_]+", "", text)


def _near(a: str, b: str) -> bool:
    """Edit distance of at most one between two strings of about the same length."""
    if abs(len(a) - len(b)) > 1:
        return False
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1] <= 1


def matched_word(text: str, words: tuple[str, ...]) -> str | None:
    """The profile word found in ``text``: exactly, or for Latin words of 5+ letters within one wrong letter
    (``aliyun`` read as ``allyun``); a Chinese word of three characters also counts from its last two (``里云``),
    which another brand's name does not end in."""
    norm = _normal(text)
    for word in words:
        w = _normal(word)
        if not w:
            continue
        if w in norm:
            return word
        if w.isascii() and len(w) >= 5:
            if any(_near(norm[i : i + len(w)], w) for i in range(0, max(1, len(norm) - len(w) + 2))):
                return word
        elif not w.isascii() and len(w) >= 3 and w[-2:] in norm:
            return word
    return None


def read_rows(detail: np.ndarray, factor: float, rows: list[tuple[int, int, int, int]], words: tuple[str, ...]) -> Reading:
    """Recognise the candidate ``rows`` (working-copy boxes) on ``detail`` (``factor`` = detail size / working size),
    stopping at the first that reads one of ``words``."""
    from beian_desktop.imaging.ocr import OcrUnavailable, recognise

    reading = Reading()
    H, W = detail.shape[:2]
    worded = 0
    for x, y, bw, bh in rows:
        if worded >= MAX_ROWS:
            break
        pad_y, pad_x = 0.3 * bh, 0.6 * bh
        x0, y0 = int(max(0, (x - pad_x) * factor)), int(max(0, (y - pad_y) * factor))
        x1 = int(min(W, (x + bw + pad_x) * factor, x0 + 10 * (bh + 2 * pad_y) * factor))  # two or three words
        y1 = int(min(H, (y + bh + pad_y) * factor))
        crop = detail[y0:y1, x0:x1]
        try:
            text, score = recognise(crop)
        except OcrUnavailable:
            reading.available = False
            return reading
        reading.rows_tried += 1
        if text:
            reading.lines.append({"text": text, "score": round(score, 3), "box": [x, y, bw, bh]})
        if len(_normal(text)) >= 2:  # a word or more, not just the bracket logo
            worded += 1
        if score >= MIN_SCORE:
            word = matched_word(text, words)
            if word:
                reading.word = word
                break
    return reading


def _edge_shares(ok: np.ndarray, background: np.ndarray) -> dict[str, float]:
    h, w = ok.shape
    t = max(2, int(round(min(h, w) * 0.02)))
    strips = {
        "top": (slice(0, t), slice(None)),
        "bottom": (slice(h - t, h), slice(None)),
        "left": (slice(None), slice(0, t)),
        "right": (slice(None), slice(w - t, w)),
    }
    shares = {}
    for name, (ys, xs) in strips.items():
        bg = background[ys, xs].astype(bool)
        count = int(np.count_nonzero(bg))
        # an edge hidden by the person (e.g. the bottom edge behind the torso) has nothing to judge
        shares[name] = float(np.count_nonzero(ok[ys, xs][bg]) / count) if count >= 0.15 * bg.size else 1.0
    return shares


_EDGE_ZH = {"top": "上", "bottom": "下", "left": "左", "right": "右"}


def _too_little(share: float) -> CheckResult:
    # the background must be seen to be the required one: a picture that is all person cannot pass
    return CheckResult(
        "backdrop",
        "fail",
        Msg(
            "背景几乎被人物挡住，看不到背景：请后退一些，拍摄上半身，让背景露出来",
            "Almost no background is visible: step back and take an upper-body photo so the background shows.",
        ),
        {"background_share": share, "text": []},
    )


def check_backdrop(
    bgr: np.ndarray,
    background: np.ndarray,
    profile: PhotoProfile,
    *,
    detail: np.ndarray | None = None,
    maps: BackdropMaps | None = None,
) -> CheckResult:
    """Judge the background of a BGR working copy. ``background``: uint8 0/1 mask of what is not the person.

    ``detail``: a finer copy of the same picture for reading the print (default: the working copy)."""
    bg_pixels = int(np.count_nonzero(background))
    if bg_pixels < 0.05 * background.size:
        return _too_little(bg_pixels / background.size)
    if profile.background == PLAIN_LIGHT:
        return _check_plain(bgr, background, bg_pixels)
    maps = maps or segment(bgr)
    coverage = float(np.count_nonzero(maps.backdrop & background) / bg_pixels)
    blue_share = float(np.count_nonzero(maps.blue & background) / bg_pixels)
    edges = _edge_shares(maps.backdrop, background)
    min_edge_name = min(edges, key=edges.get)
    min_edge = edges[min_edge_name]
    reading = Reading()
    if coverage >= COVERAGE_FAIL * 0.6:  # only a mostly blue background can be the backdrop: read its print
        detail = bgr if detail is None else detail
        rows = text_rows(maps.text, background)
        reading = read_rows(detail, detail.shape[1] / bgr.shape[1], rows, profile.words)
    values = {
        "coverage": coverage,
        "blue_share": blue_share,
        "edges": edges,
        "text": [line["text"] for line in reading.lines],
        "word": reading.word,
        "rows_read": reading.rows_tried,
    }
    geometry = {"text_rows": [line["box"] + [line["text"]] for line in reading.lines]}
    edge_zh = _EDGE_ZH[min_edge_name]
    words_zh = "“" + "”“".join(w for w in profile.words if not w.isascii()) + "”"
    if coverage < COVERAGE_FAIL and blue_share < 0.15:
        status, msg = "fail", Msg(
            "背景不是阿里云幕布（蓝底白字）：请站在幕布前拍摄，让幕布铺满整个背景",
            "The background is not the Alibaba Cloud backdrop (blue with white text): stand in front of it so it fills the background.",
        )
    elif coverage < COVERAGE_FAIL or min_edge < EDGE_FAIL:
        status, msg = "fail", Msg(
            f"幕布只覆盖了部分背景（{coverage:.0%}），{edge_zh}边缘露出了其他背景：请靠近幕布或调整取景，让幕布铺满画面",
            f"The backdrop covers only part of the background ({coverage:.0%}); other things show at the {min_edge_name} edge: "
            "move closer to the backdrop or reframe so it fills the picture.",
        )
    elif not reading.available:
        status, msg = "warn", Msg(
            "文字识别组件不可用，无法确认幕布上的“阿里云”字样：请确认使用的是阿里云邮寄的幕布",
            "The text reader is not available, so the Alibaba Cloud wording could not be confirmed: make sure you use the backdrop Alibaba Cloud mailed.",
        )
    elif reading.word is None:
        seen = "；识别到的文字：" + "、".join(values["text"][:3]) if values["text"] else ""
        seen_en = "; text read: " + ", ".join(values["text"][:3]) if values["text"] else ""
        status, msg = "fail", Msg(
            f"背景是蓝色的，但没有识别到幕布上的{words_zh}字样{seen}：必须使用阿里云邮寄的幕布（纯蓝背景、图案布料、其他品牌背景墙或天空都不行），并让字样清晰可见",
            "The background is blue, but the Alibaba Cloud wording was not found on it"
            f"{seen_en}: use the backdrop Alibaba Cloud mailed (a plain blue background, a patterned cloth, another brand's wall "
            "or the sky is not accepted) and keep its print clearly visible.",
        )
    elif coverage < COVERAGE_PASS or min_edge < EDGE_PASS:
        status, msg = "warn", Msg(
            f"幕布覆盖了 {coverage:.0%} 的背景，{edge_zh}边缘附近有其他物体：请让幕布铺满整个背景",
            f"The backdrop covers {coverage:.0%} of the background; something else shows near the {min_edge_name} edge: "
            "make the backdrop fill the whole background.",
        )
    else:
        status, msg = "pass", Msg(
            f"背景为阿里云幕布（识别到“{reading.word}”），铺满画面",
            f"The Alibaba Cloud backdrop (read \u201c{reading.word}\u201d) fills the background.",
        )
    return CheckResult("backdrop", status, msg, values, geometry)


def _check_plain(bgr: np.ndarray, background: np.ndarray, bg_pixels: int) -> CheckResult:
    hsv = cv2.cvtColor(bgr, cv2.COLOR_BGR2HSV)
    val = hsv[..., 2]
    # light falls off across a wall: a pixel counts as the wall when it is unsaturated and not much darker than the
    # wall's lit part, and the wall as a whole must be light
    lit = float(np.percentile(val[background.astype(bool)], 90))
    floor = max(LIGHT_MIN_VAL * 0.75, 0.7 * lit) if lit >= LIGHT_MIN_VAL else 256
    light = ((val >= floor) & (hsv[..., 1] <= LIGHT_MAX_SAT)).astype(np.uint8)
    gray = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    edges_map = cv2.Canny(cv2.GaussianBlur(gray, (3, 3), 0), 40, 100)
    inner = cv2.erode(background, np.ones((3, 3), np.uint8)).astype(bool)
    edge_share = float(np.count_nonzero(edges_map[inner]) / max(1, np.count_nonzero(inner)))
    coverage = float(np.count_nonzero(light & background) / bg_pixels)
    edges = _edge_shares(light, background)
    min_edge_name = min(edges, key=edges.get)
    min_edge = edges[min_edge_name]
    values = {"coverage": coverage, "edges": edges, "edge_share": edge_share, "wall_level": lit, "text": []}
    edge_zh = _EDGE_ZH[min_edge_name]
    if coverage < COVERAGE_FAIL or edge_share > PLAIN_EDGE_FAIL:
        status, msg = "fail", Msg(
            f"背景不是纯白或浅灰色（只有 {coverage:.0%} 符合）：请站在白色或浅灰色的纯色墙前拍摄",
            f"The background is not plain white or light grey (only {coverage:.0%} is): stand in front of a plain white or light-grey wall.",
        )
    elif min_edge < EDGE_FAIL:
        status, msg = "fail", Msg(
            f"{edge_zh}边缘露出了其他背景：请调整取景，让纯色背景铺满画面",
            f"Something other than the plain background shows at the {min_edge_name} edge: reframe so the plain background fills the picture.",
        )
    elif coverage < COVERAGE_PASS or min_edge < EDGE_PASS or edge_share > PLAIN_EDGE_WARN:
        status, msg = "warn", Msg(
            "背景不够干净（有物体或图案）：请让纯白或浅灰色背景铺满整个画面",
            "The background is not quite plain (objects or patterns show): let a plain white or light-grey background fill the picture.",
        )
    else:
        status, msg = "pass", Msg("背景为纯白或浅灰色，干净平整", "The background is plain white or light grey.")
    return CheckResult("backdrop", status, msg, values)
