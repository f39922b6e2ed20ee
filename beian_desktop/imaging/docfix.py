"""Automatic fixes for document uploads: turn upright, crop and deskew to the detected outline, strip metadata and
re-encode as a JPEG inside the type's byte range.

* Orientation: EXIF orientation is applied when decoding; a sideways (or clearly upside-down) document is turned.
* Crop/deskew: only when the outline is reliable *and* the cut-out document still meets the minimum resolution.
* Privacy: the output is written from pixels only, so EXIF (GPS position, camera serial, time) is never copied.
* Size: quality and then scale are searched so that the JPEG lands inside ``[min_bytes, max_bytes]``; the scale never
  goes below the minimum resolution and never above 1 (no upscaling). When a picture is too small in bytes because
  it is tiny in pixels, the result says so instead of padding the file.

The original file is never modified; callers store the result beside it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

from beian_desktop.domain.documents import DocumentType
from beian_desktop.i18n import Msg
from beian_desktop.imaging.decode import ImageLoadError, load_image
from beian_desktop.imaging.documents import DocumentAnalysis, accepted_formats, analyse_document, meets_resolution
from beian_desktop.imaging.documents_detect import quad_side_lengths, rectify
from beian_desktop.imaging.documents_orient import rotate_clockwise
from beian_desktop.imaging.report import Report

QUALITY_START, QUALITY_MIN, QUALITY_MAX = 90, 70, 97
#: Aim a little inside the limits so that re-saving by the browser or the portal does not push a file out.
SAFETY = 0.03


@dataclass(slots=True)
class NormalizeResult:
    """The fixed JPEG and what was done to get it."""

    data: bytes
    width: int
    height: int
    quality: int
    scale: float  # output pixels / pixels after cropping (<= 1: never upscaled)
    rotated: int  # degrees clockwise applied after EXIF orientation (0, 90, 180, 270)
    exif_orientation: int  # EXIF orientation tag of the source (applied)
    cropped: bool  # cut out and perspective-corrected to the detected outline
    source_format: str
    source_bytes: int
    min_bytes: int
    max_bytes: int
    notes: list[Msg] = field(default_factory=list)
    report: Report | None = None  # the checks of the source

    @property
    def within_range(self) -> bool:
        return self.min_bytes <= len(self.data) <= self.max_bytes

    def to_json(self, lang: str = "zh_CN") -> dict:
        return {
            "bytes": len(self.data),
            "width": self.width,
            "height": self.height,
            "quality": self.quality,
            "scale": round(self.scale, 4),
            "rotated": self.rotated,
            "exif_orientation": self.exif_orientation,
            "cropped": self.cropped,
            "source_format": self.source_format,
            "source_bytes": self.source_bytes,
            "within_range": self.within_range,
            "min_bytes": self.min_bytes,
            "max_bytes": self.max_bytes,
            "notes": [n.text(lang) for n in self.notes],
            "notes_i18n": [n.to_dict() for n in self.notes],
        }


class DocumentFixError(Exception):
    """The document could not be fixed (unreadable file); ``message`` is bilingual."""

    def __init__(self, message: Msg, report: Report | None = None):
        super().__init__(message.en)
        self.message = message
        self.report = report


def _encode(image: np.ndarray, quality: int, full_chroma: bool = False) -> bytes:
    params = [cv2.IMWRITE_JPEG_QUALITY, int(quality)]
    if full_chroma and hasattr(cv2, "IMWRITE_JPEG_SAMPLING_FACTOR"):
        params += [cv2.IMWRITE_JPEG_SAMPLING_FACTOR, cv2.IMWRITE_JPEG_SAMPLING_FACTOR_444]
    ok, buf = cv2.imencode(".jpg", image, params)
    if not ok:  # pragma: no cover - OpenCV always encodes uint8 BGR
        raise DocumentFixError(Msg("无法生成 JPG", "Could not encode the JPEG."))
    return buf.tobytes()


def _resize(image: np.ndarray, scale: float) -> np.ndarray:
    if scale >= 0.999:
        return image
    h, w = image.shape[:2]
    return cv2.resize(image, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA)


def _min_scale(shape: tuple[int, int], dtype: DocumentType) -> float:
    """Smallest scale that keeps the minimum resolution (1.0 when the picture is already at or below it)."""
    h, w = shape[:2]
    long_side, short_side = max(w, h), min(w, h)
    need = max(dtype.min_long_side / long_side, dtype.min_short_side / short_side)
    return min(1.0, need)


def _predict_quality(image: np.ndarray, target: float) -> int:
    """Quality whose JPEG is predicted to be about ``target`` bytes, from encodes of a reduced probe."""
    h, w = image.shape[:2]
    f = min(1.0, math.sqrt(400_000 / float(w * h)))
    probe = _resize(image, f) if f < 1 else image
    ratio = (w * h) / float(probe.shape[0] * probe.shape[1])
    best = QUALITY_MIN
    for q in (QUALITY_MAX, 92, 88, 84, 80, 75, QUALITY_MIN):
        size = len(_encode(probe, q)) * ratio * 0.97  # larger pictures compress slightly better per pixel
        if size <= target:
            best = q
            break
    return best


def fit_jpeg(image: np.ndarray, dtype: DocumentType) -> tuple[bytes, int, float, list[Msg]]:
    """Encode ``image`` as JPEG inside the byte range of ``dtype``: (data, quality, scale, notes)."""
    lo, hi = dtype.min_bytes, dtype.max_bytes
    lo_aim, hi_aim = lo * (1 + SAFETY), hi * (1 - SAFETY)
    notes: list[Msg] = []
    quality = QUALITY_START
    data = _encode(image, quality)
    if len(data) > hi_aim:
        quality = _predict_quality(image, hi_aim)
        data = _encode(image, quality)
        while len(data) > hi_aim and quality > QUALITY_MIN:
            quality = max(QUALITY_MIN, quality - 6)
            data = _encode(image, quality)
    scale = 1.0
    floor = _min_scale(image.shape, dtype)
    while len(data) > hi_aim and scale > floor + 1e-6:
        scale = max(floor, scale * math.sqrt(hi_aim / len(data)) * 0.97)
        data = _encode(_resize(image, scale), quality)
    if len(data) > hi:
        notes.append(
            Msg(
                "即使降低质量并缩小到最低分辨率，文件仍超过上限，请重新拍摄（避免杂乱背景和噪点）",
                "Even at the lowest quality and the minimum resolution the file stays above the limit; take the picture again (plain background, less noise).",
            )
        )
    if len(data) < lo_aim:
        for q, full_chroma in ((95, False), (QUALITY_MAX, True)):
            if q <= quality and not full_chroma:
                continue
            candidate = _encode(image, q, full_chroma)
            data, quality = candidate, q
            if len(candidate) >= lo_aim:
                break
    if len(data) < lo:
        h, w = image.shape[:2]
        if not meets_resolution(w, h, dtype):
            notes.append(
                Msg(
                    f"文件仍小于下限，因为图片只有 {w}×{h} 像素（至少需要 {dtype.min_long_side}×{dtype.min_short_side}）：不会放大或填充，请用更高分辨率重新拍摄或扫描",
                    f"The file is still below the minimum because the picture is only {w}×{h} px (at least {dtype.min_long_side}×{dtype.min_short_side} needed): "
                    "it is not enlarged or padded; take or scan it again at a higher resolution.",
                )
            )
        else:
            notes.append(
                Msg(
                    "以最高质量保存后文件仍小于下限（画面内容非常简单）：不会人为填充，请用更高分辨率重新拍摄或扫描",
                    "Even at the highest quality the file stays below the minimum (very plain content); it is not padded: take or scan it again at a higher resolution.",
                )
            )
    return data, quality, scale, notes


def _full_image(analysis: DocumentAnalysis) -> tuple[np.ndarray, float]:
    """The picture at full resolution (orientation applied) and the factor from analysis to full coordinates."""
    decoded = analysis.decoded
    if analysis.full_image is not None:
        return analysis.full_image, analysis.full_image.shape[1] / decoded.image.shape[1]
    if decoded.scale >= 0.999:
        return decoded.image, 1.0
    full = load_image(decoded.data, accept=accepted_formats(analysis.dtype))
    return full.image, full.image.shape[1] / decoded.image.shape[1]


def normalize_analysis(analysis: DocumentAnalysis, report: Report | None = None) -> NormalizeResult:
    """Fix an analysed document (see :func:`normalize_document_ex`)."""
    dtype = analysis.dtype
    decoded = analysis.decoded
    notes: list[Msg] = []
    image, factor = _full_image(analysis)
    if decoded.orientation not in (0, 1):
        notes.append(Msg("已按 EXIF 方向信息旋转", "Turned upright according to the EXIF orientation."))
    cropped = False
    region = analysis.region
    if region.reliable:
        quad = region.quad * factor
        w, h = quad_side_lengths(quad)
        if meets_resolution(w, h, dtype):
            image = rectify(image, quad, dtype.aspect_ratio, max_long=dtype.max_output_long_side)
            cropped = True
            notes.append(Msg("已按证件轮廓裁剪并校正透视", "Cropped to the document's outline and corrected the perspective."))
        else:
            long_side, short_side = max(w, h), min(w, h)
            notes.append(
                Msg(
                    f"未裁剪：单独裁出的证件只有 {round(long_side)}×{round(short_side)} 像素，低于最低分辨率；请靠近拍摄",
                    f"Not cropped: the document alone would be only {round(long_side)}×{round(short_side)} px, below the minimum resolution; move closer.",
                )
            )
    rotated = 0
    orient = analysis.orientation
    # the orientation was measured on the document itself, or read from its text
    trusted = region.reliable or region.border_clean or orient.evidence == "text_reading"
    if trusted and (orient.rotation in (90, 270) or (orient.rotation == 180 and orient.strong)):
        image = rotate_clockwise(image, orient.rotation)
        rotated = orient.rotation
        notes.append(Msg(f"已顺时针旋转 {rotated}°", f"Rotated {rotated}° clockwise."))
    elif orient.rotation:
        notes.append(
            Msg(
                "证件可能方向不对，但判断不够可靠，未自动旋转：请检查",
                "The document may not be the right way up, but not reliably enough to turn it automatically: please check.",
            )
        )
    h, w = image.shape[:2]
    cap = dtype.max_output_long_side
    pre_scale = 1.0
    if max(w, h) > cap:
        pre_scale = max(cap / max(w, h), _min_scale(image.shape, dtype))
        image = _resize(image, pre_scale)
    data, quality, scale, fit_notes = fit_jpeg(image, dtype)
    notes += fit_notes
    out = _resize(image, scale) if scale < 0.999 else image
    if decoded.format != "jpeg":
        notes.append(Msg(f"已从 {decoded.format.upper()} 转换为 JPG", f"Converted from {decoded.format.upper()} to JPEG."))
    notes.append(Msg("已去除 EXIF/GPS 等元数据", "EXIF/GPS metadata removed."))
    return NormalizeResult(
        data=data,
        width=int(out.shape[1]),
        height=int(out.shape[0]),
        quality=quality,
        scale=pre_scale * scale,
        rotated=rotated,
        exif_orientation=decoded.orientation,
        cropped=cropped,
        source_format=decoded.format,
        source_bytes=decoded.byte_size,
        min_bytes=dtype.min_bytes,
        max_bytes=dtype.max_bytes,
        notes=notes,
        report=report,
    )


def normalize_document_ex(source: str | Path | bytes, type_id: str | None = None) -> NormalizeResult:
    """Check and fix a document image; returns the JPEG with a description of what was done.

    Raises :class:`DocumentFixError` when the file cannot be read (its ``report`` says why).
    """
    report, analysis = analyse_document(source, type_id, keep_full=True)
    if analysis is None:
        file_check = report.check("file")
        raise DocumentFixError(file_check.message if file_check else Msg("无法读取图片", "The image cannot be read."), report)
    try:
        return normalize_analysis(analysis, report)
    except ImageLoadError as exc:  # pragma: no cover - the reduced decode succeeded, the full one should too
        raise DocumentFixError(exc.message, report) from None


def normalize_document(source: str | Path | bytes, type_id: str | None = None) -> bytes:
    """The fixed JPEG bytes (orientation, crop/deskew, no metadata, inside the type's byte range when possible)."""
    return normalize_document_ex(source, type_id).data


def fixed_path(original: str | Path) -> Path:
    """Where the fixed version of ``original`` goes by default: ``NAME.fixed.jpg`` beside it."""
    p = Path(original)
    return p.with_name(p.stem + ".fixed.jpg")
