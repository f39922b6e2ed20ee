"""Document upload checks: ``file``, ``format``, ``size``, ``resolution``, ``orientation``, ``completeness``,
``glare``, ``blur``, ``photocopy`` and ``content``; each gives pass/warn/fail, measured values, geometry and bilingual
advice.

This module decodes the picture, measures the document once (:func:`analyse_decoded`) and runs the checks, which live
in :mod:`beian_desktop.imaging.documents_checks`.

``check_document(source, type_id)`` returns a :class:`~beian_desktop.imaging.report.Report` (same JSON shape as the
photo checker). Without a type the generic limits apply (200 KB-4 MB, 800x600 px, colour expected) and the layout
(card or page) is guessed from the outline. The automatic fixes live in :mod:`beian_desktop.imaging.docfix`;
:func:`normalize_document` is re-exported here.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import cv2
import numpy as np

from beian_desktop.domain.documents import DocumentType, document_type
from beian_desktop.i18n import Msg
from beian_desktop.imaging.decode import DecodedImage, ImageLoadError, jpeg_reduction, load_image, resize_by, shrink
from beian_desktop.imaging.documents_checks import (
    BLUR_WARN,
    MOTION_FAIL,
    MOTION_WARN,
    check_blur,
    check_completeness,
    check_content,
    check_format,
    check_glare,
    check_orientation,
    check_photocopy,
    check_resolution,
    check_size,
    file_failure,
    meets_resolution,
)
from beian_desktop.imaging.documents_detect import DocumentRegion, find_document, quad_side_lengths, rectify
from beian_desktop.imaging.documents_measure import blur_effect, motion_blur
from beian_desktop.imaging.documents_orient import Orientation, detect_orientation, rotate_clockwise
from beian_desktop.imaging.documents_read import DocumentReading, read_document, text_direction
from beian_desktop.imaging.documents_screen import ScreenMeasure, measure_screen
from beian_desktop.imaging.ocr import OcrUnavailable
from beian_desktop.imaging.pdf import decode_pdf, read_if_pdf
from beian_desktop.imaging.report import CheckResult, Report

__all__ = ["CHECK_IDS", "DocumentAnalysis", "accepted_formats", "analyse_document", "check_document", "meets_resolution", "normalize_document"]

CHECK_IDS = ("file", "format", "size", "resolution", "orientation", "completeness", "glare", "blur", "photocopy", "content")
#: Long side of the reduced copy every image check works on (the full image is only decoded for fixing).
ANALYSIS_SIDE = 1000
#: Long side of the larger copy decoded for the screen check (a screen's pixel grid is lost at ANALYSIS_SIDE).
DETAIL_SIDE = 2 * ANALYSIS_SIDE
#: Long side of the copy used for pixel statistics (glare, colour).
MEASURE_SIDE = 800
CARD_ASPECT = 85.6 / 54.0



@dataclass(slots=True)
class DocumentAnalysis:
    """What the checks found, reused by the fixer so that nothing is measured twice."""

    decoded: DecodedImage  # reduced copy (see ANALYSIS_SIDE), orientation applied
    dtype: DocumentType
    region: DocumentRegion  # in the coordinates of ``decoded.image``
    layout: str  # "card" or "page"
    orientation: Orientation
    rectified: np.ndarray | None  # the document cut out and perspective-corrected (reduced), when reliable
    blur: float = 0.0  # blur_effect of the document (0 sharp .. 1 blurred)
    motion: tuple[float, float] = (0.0, 0.0)  # direction-aware blur of the document: (score, direction in degrees)
    full_image: np.ndarray | None = None  # the full-resolution picture, when it was decoded (by the fixer)
    small: np.ndarray | None = None  # a copy of ``decoded.image`` with long side <= MEASURE_SIDE, for pixel statistics
    reading: DocumentReading | None = None  # the text read (OCR), when it was read
    screen: ScreenMeasure | None = None  # a screen's pixel grid or moiré on the document (see documents_screen)

    @property
    def small_image(self) -> np.ndarray:
        if self.small is None:
            self.small = shrink(self.decoded.image, MEASURE_SIDE)[0]
        return self.small

    @property
    def small_factor(self) -> float:
        """Factor from analysis coordinates to ``small_image`` coordinates."""
        return self.small_image.shape[1] / self.decoded.image.shape[1]

    @property
    def to_full(self) -> float:
        """Factor from analysis coordinates to full-resolution coordinates."""
        return 1.0 / self.decoded.scale


def accepted_formats(dtype: DocumentType) -> frozenset[str]:
    return frozenset(dtype.formats | dtype.convert_formats)


# ---- entry points ----------------------------------------------------------------------------------------------------


def _layout(dtype: DocumentType, region: DocumentRegion) -> str:
    if dtype.layout in ("card", "page"):
        return dtype.layout
    if region.reliable:
        w, h = quad_side_lengths(region.quad)
        aspect = max(w, h) / max(1.0, min(w, h))
        if abs(aspect - CARD_ASPECT) / CARD_ASPECT < 0.1:
            return "card"
    return "page"


def _region_crop(image: np.ndarray, region: DocumentRegion) -> np.ndarray:
    """The bounding box of the found (but unreliable) document region, else the whole image."""
    if region.contour is None or region.area_fraction < 0.15:
        return image
    x, y, w, h = cv2.boundingRect(np.round(region.contour).astype(np.int32))
    crop = image[max(0, y) : y + h, max(0, x) : x + w]
    return crop if min(crop.shape[:2]) >= 32 else image


#: Characters read with confidence from which the text's own direction outweighs the face, emblem and seal cues.
OCR_OVERRULES = 20


def _orient_by_reading(orient: Orientation, reading: DocumentReading) -> Orientation:
    """Combine the layout cues with the angle classifier's verdict on the text read from the document turned by
    ``orient.rotation`` (so "upright" confirms that turn and "upside down" adds 180° to it)."""
    values = {**orient.values, "text_upside_down_share": round(reading.up_share, 3), "text_chars": reading.chars}
    if reading.upside_down is None or (orient.strong and orient.evidence != "text_lines" and reading.chars < OCR_OVERRULES):
        return Orientation(orient.rotation, orient.strong, orient.evidence, values)
    rotation = (orient.rotation + 180) % 360 if reading.upside_down else orient.rotation
    return Orientation(rotation, True, "text_reading", values)


def _fits_type(region: DocumentRegion, dtype: DocumentType) -> bool:
    """The outline found has the type's proportions (always true for types without fixed proportions)."""
    if dtype.aspect_ratio is None or region.quad is None or not region.reliable:
        return dtype.aspect_ratio is None or region.reliable
    w, h = quad_side_lengths(region.quad)
    return abs(max(w, h) / max(1.0, min(w, h)) - dtype.aspect_ratio) / dtype.aspect_ratio <= 0.12


#: Margin (share of the outline's size) kept around the document when it is cut out for reading.
READ_MARGIN = 0.12

#: Types whose content is worth reading even without form values: an ID card's side and validity period.
READ_ALWAYS = frozenset({"resident_id"})


def _screen(decoded: DecodedImage, region: DocumentRegion, detail: np.ndarray | None) -> ScreenMeasure:
    """Look for a screen's grid on the document, at the resolution of ``detail`` (a larger decode of the same picture)
    when there is one."""
    small = cv2.cvtColor(decoded.image, cv2.COLOR_BGR2GRAY)
    fine = small if detail is None else detail
    angle = 0.0
    if region.reliable:
        dx, dy = region.quad[1] - region.quad[0]
        angle = float(np.degrees(np.arctan2(dy, dx)))
    return measure_screen(fine, small, region.mask(small.shape, 1.0, erode=0.01), angle)


def analyse_decoded(
    decoded: DecodedImage,
    dtype: DocumentType,
    *,
    read_text: bool | str = False,
    detail: np.ndarray | None = None,
    wanted: tuple[str, ...] = (),
) -> DocumentAnalysis:
    """Locate, rectify and orient the document in an already decoded (reduced) image.

    ``read_text``: ``"full"`` (or True) reads the document (OCR, once, on the reduced document turned the way the
    layout cues say); ``"direction"`` only finds its lines and which way up they run (for the orientation, a
    fraction of the time); False reads nothing. ``detail``: the same picture decoded larger (up to full resolution),
    where a screen's pixel grid is looked for. ``wanted``: the fields to find (reading stops once they are)."""
    region = find_document(decoded.image, dtype.aspect_ratio)
    layout = _layout(dtype, region)
    rectified = rectify(decoded.image, region.quad, dtype.aspect_ratio, max_long=1000) if region.reliable else None
    doc = rectified if rectified is not None else _region_crop(decoded.image, region)
    gray = cv2.cvtColor(doc, cv2.COLOR_BGR2GRAY)
    blur = blur_effect(gray)
    motion = motion_blur(shrink(gray, 800)[0])
    orient = detect_orientation(doc, layout, blurred=blur >= BLUR_WARN or motion[0] >= MOTION_WARN, gray=gray)
    reading = None
    fits = _fits_type(region, dtype)
    if not fits:  # the outline is not the document's (a card's portrait, say): blur is judged, but not failed, on it
        motion = (min(motion[0], MOTION_FAIL - 1e-3), motion[1])
    if read_text == "direction" and orient.strong and orient.evidence in ("face", "emblem", "seal"):
        # only the orientation was wanted and a portrait, the emblem or a seal already tells it: no OCR at all
        reading = DocumentReading([], (0, 0), read=False)
    elif read_text:
        # the text is read from the document cut out with a margin (an outline found inside the paper, such as a
        # licence's printed frame, must not cut words off) when its outline is trusted, else from the whole picture
        source = decoded.image
        if fits and rectified is not None:
            centre = region.quad.mean(axis=0)
            wider = (region.quad - centre) * (1 + READ_MARGIN) + centre
            h, w = decoded.image.shape[:2]
            wider = np.clip(wider, 0, [w - 1, h - 1]).astype(np.float32)
            source = rectify(decoded.image, wider, None, max_long=1000)
        elif fits:
            source = doc
        turned = rotate_clockwise(source, orient.rotation)
        try:
            reading = text_direction(turned, layout) if read_text == "direction" else read_document(turned, layout, wanted)
        except OcrUnavailable:  # a broken installation: the other checks still run, content says it was not read
            reading = DocumentReading([], (0, 0), read=False, unavailable=read_text != "direction")
        orient = _orient_by_reading(orient, reading)
    screen = _screen(decoded, region, detail)
    return DocumentAnalysis(decoded, dtype, region, layout, orient, rectified, blur=blur, motion=motion, reading=reading, screen=screen)


def _reduce(full: DecodedImage) -> DecodedImage:
    """A reduced copy of a full-resolution decode (what ``load_image(max_side=ANALYSIS_SIDE)`` would give)."""
    image = full.image
    f = ANALYSIS_SIDE / max(image.shape[:2])
    if f >= 1:
        return full
    small = image
    while max(small.shape[:2]) >= 4 * ANALYSIS_SIDE:  # halving with INTER_LINEAR averages 2x2 blocks: fast, no aliasing
        small = cv2.resize(small, ((small.shape[1] + 1) // 2, (small.shape[0] + 1) // 2), interpolation=cv2.INTER_LINEAR)
    f = ANALYSIS_SIDE / max(small.shape[:2])
    small = cv2.resize(small, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
    return dataclasses.replace(full, image=small, scale=small.shape[1] / full.full_size[0])


def _analysis_copy(detail: DecodedImage) -> DecodedImage:
    """The copy the checks work on, made from a larger decode: the size ``load_image(max_side=ANALYSIS_SIDE)`` gives
    (a JPEG reduced by the same DCT factor, then to ANALYSIS_SIDE when still over 1.5 times that)."""
    w, h = detail.full_size
    factor = jpeg_reduction(w, h, ANALYSIS_SIDE) if detail.format == "jpeg" else 1
    target = max(w, h) / factor
    if target > 1.5 * ANALYSIS_SIDE:
        target = ANALYSIS_SIDE
    f = target / max(detail.image.shape[:2])
    if f >= 0.999:
        return detail
    small = resize_by(detail.image, f)
    return dataclasses.replace(detail, image=small, scale=small.shape[1] / w)


def analyse_document(
    source: str | Path | bytes,
    type_id: str | None = None,
    *,
    path: str | None = None,
    keep_full: bool = False,
    side: str | None = None,
    expect: dict[str, str] | None = None,
    read_text: bool = True,
    today: date | None = None,
) -> tuple[Report, DocumentAnalysis | None]:
    """Run every check; also return the analysis (``None`` when the file could not be loaded).

    ``keep_full``: decode at full resolution once and keep it in the analysis (for fixing); the checks still run
    on a reduced copy. Otherwise only a reduced copy is decoded (JPEG DCT scaling: much faster).
    ``side``: the side the slot expects ("front"/"back"); ``expect``: typed values to compare with the document
    (keys of :data:`~beian_desktop.imaging.documents_read.FIELD_NAMES`); ``read_text``: use OCR, once: the whole
    text when there is something to compare (``expect``, ``side``, ID cards: kind and validity period), otherwise
    only the text direction for the orientation; ``today``: the date expiry is judged on.
    """
    started = time.perf_counter()
    dtype = document_type(type_id)
    label = path if path is not None else (str(source) if isinstance(source, (str, Path)) else "<bytes>")
    full_image = None
    try:
        pdf_data = read_if_pdf(source)
        if pdf_data is not None:  # a scan as a one-page PDF: rendered inside the type's limits, once
            full = decode_pdf(pdf_data, dtype)
            full_image = full.image
        elif keep_full:
            full = load_image(source, accept=accepted_formats(dtype))
            full_image = full.image
        else:  # decoded at up to twice the analysis size (JPEG DCT scaling), where a screen's grid still shows
            full = load_image(source, max_side=DETAIL_SIDE, accept=accepted_formats(dtype))
        decoded = _reduce(full) if full_image is not None else _analysis_copy(full)
    except ImageLoadError as exc:
        return file_failure(label, exc, dtype, started), None
    report = Report(label, image_size=decoded.full_size)
    report.checks.append(
        CheckResult(
            "file",
            "pass",
            Msg("文件可以正常读取", "The file can be read."),
            {"format": decoded.format, "bytes": decoded.byte_size, "exif_orientation": decoded.orientation},
        )
    )
    report.checks.append(check_format(decoded, dtype))
    report.checks.append(check_size(decoded, dtype))
    try:
        mode = False
        if read_text:
            mode = "full" if (expect or side or dtype.id in READ_ALWAYS) else "direction"
        wanted = tuple(k for k, v in (expect or {}).items() if v)
        analysis = analyse_decoded(decoded, dtype, read_text=mode, detail=full.image if full is not decoded else None, wanted=wanted)
    except cv2.error as exc:  # pragma: no cover - defensive: odd pixel data must not crash a batch
        report.checks[0] = CheckResult(
            "file", "fail", Msg("图片无法分析", "The picture could not be analysed."), {"code": "analysis_failed", "detail": str(exc)[:200]}
        )
        report.elapsed_ms = (time.perf_counter() - started) * 1000
        return report, None
    analysis.full_image = full_image
    report.checks.append(check_resolution(decoded, dtype, analysis.region, analysis.to_full))
    trusted = analysis.region.reliable or analysis.region.border_clean or analysis.orientation.evidence == "text_reading"
    report.checks.append(check_orientation(decoded, analysis.orientation, trusted))
    report.checks.append(check_completeness(analysis))
    report.checks.append(check_glare(analysis))
    report.checks.append(check_blur(analysis))
    report.checks.append(check_photocopy(analysis))
    if analysis.reading is not None:
        report.checks.append(check_content(analysis, side, expect or {}, today or date.today()))
    report.elapsed_ms = (time.perf_counter() - started) * 1000
    return report, analysis


def check_document(
    source: str | Path | bytes,
    type_id: str | None = None,
    *,
    path: str | None = None,
    side: str | None = None,
    expect: dict[str, str] | None = None,
    read_text: bool = True,
    today: date | None = None,
) -> Report:
    """Check one document image against the limits of ``type_id`` (generic limits when ``None``); see
    :func:`analyse_document` for the other arguments."""
    return analyse_document(source, type_id, path=path, side=side, expect=expect, read_text=read_text, today=today)[0]


def normalize_document(source: str | Path | bytes, type_id: str | None = None) -> bytes:
    """The fixed JPEG (see :func:`beian_desktop.imaging.docfix.normalize_document`)."""
    from beian_desktop.imaging.docfix import normalize_document as _normalize

    return _normalize(source, type_id)
