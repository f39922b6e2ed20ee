"""The document checks themselves: each turns what :mod:`beian_desktop.imaging.documents` measured (a
:class:`~beian_desktop.imaging.documents.DocumentAnalysis`) into a pass/warn/fail
:class:`~beian_desktop.imaging.report.CheckResult` with its values, geometry and bilingual advice.
"""

from __future__ import annotations

import time
from datetime import date
from typing import TYPE_CHECKING

import numpy as np

from beian_desktop.domain.documents import DocumentType
from beian_desktop.i18n import Msg
from beian_desktop.imaging.decode import FORMAT_NAMES, DecodedImage, ImageLoadError
from beian_desktop.imaging.documents_detect import DocumentRegion, quad_side_lengths
from beian_desktop.imaging.documents_measure import measure_colour, measure_glare
from beian_desktop.imaging.documents_orient import Orientation
from beian_desktop.imaging.documents_read import EXPECTED_KINDS, EXPIRY_MARGIN_DAYS, FIELD_NAMES, FIELDS, KIND_NAMES, compare_field
from beian_desktop.imaging.report import CheckResult, Report, join_messages, worst

if TYPE_CHECKING:
    from beian_desktop.imaging.documents import DocumentAnalysis

BLUR_WARN, BLUR_FAIL = 0.78, 0.86
#: Direction-aware blur (camera shake): sharp documents measure about 0.2-0.3, shaken ones 0.5 and more.
MOTION_WARN, MOTION_FAIL = 0.40, 0.45
GLARE_FAIL_FRACTION, GLARE_FAIL_BLOB = 0.01, 0.006
PAPER_CLIPPED = 246  # typical document brightness at which highlights cannot be told from the page
COLOUR_FAIL, COLOUR_WARN = 0.002, 0.004


def meets_resolution(width: float, height: float, dtype: DocumentType) -> bool:
    """Whether a picture (or a document cut out of one) of ``width`` x ``height`` px has the type's minimum resolution."""
    return max(width, height) >= dtype.min_long_side and min(width, height) >= dtype.min_short_side


def _kb(n: int) -> str:
    return f"{n / 1048576:.1f} MB" if n >= 1048576 else f"{n / 1024:.0f} KB"


# ---- file-level checks -----------------------------------------------------------------------------------------------


def file_failure(path: str, exc: ImageLoadError, dtype: DocumentType, started: float) -> Report:
    report = Report(path)
    values = {"code": exc.code, **exc.values}
    report.checks.append(CheckResult("file", "fail", exc.message, values))
    fmt = exc.values.get("format")
    if exc.code == "unsupported_format":
        names = "/".join(FORMAT_NAMES[f] for f in sorted(dtype.formats))
        name = FORMAT_NAMES.get(fmt, str(fmt))
        report.checks.append(
            CheckResult(
                "format",
                "fail",
                Msg(f"{name} 格式不能上传，也不能自动转换；可接受：{names}", f"{name} cannot be uploaded or converted automatically; accepted: {names}."),
                {"format": fmt, "accepted": sorted(dtype.formats)},
            )
        )
    report.elapsed_ms = (time.perf_counter() - started) * 1000
    return report


def check_format(decoded: DecodedImage, dtype: DocumentType) -> CheckResult:
    fmt = decoded.format
    name = FORMAT_NAMES.get(fmt, fmt)
    values = {"format": fmt, "accepted": sorted(dtype.formats), "mode": decoded.mode}
    if fmt in dtype.formats:
        return CheckResult("format", "pass", Msg(f"格式 {name}，可以上传", f"{name} format is accepted."), values)
    return CheckResult(
        "format",
        "warn",
        Msg(
            f"{name} 格式不能直接上传：点“转换为 JPG”（命令行：fix-doc）",
            f"{name} cannot be uploaded as it is: click “Convert to JPEG” (command line: fix-doc).",
        ),
        values,
    )


def check_size(decoded: DecodedImage, dtype: DocumentType) -> CheckResult:
    size, lo, hi = decoded.byte_size, dtype.min_bytes, dtype.max_bytes
    values = {"bytes": size, "min_bytes": lo, "max_bytes": hi}
    if decoded.format == "pdf":  # not uploaded as it is: the fix writes a JPEG inside the limits
        return CheckResult(
            "size",
            "pass",
            Msg(f"PDF 将转换为 {_kb(lo)}–{_kb(hi)} 之间的 JPG", f"The PDF is converted to a JPEG of {_kb(lo)}-{_kb(hi)}."),
            values,
        )
    limits = Msg(f"（要求 {_kb(lo)}–{_kb(hi)}）", f"(required {_kb(lo)}-{_kb(hi)})")
    if size > hi:
        return CheckResult(
            "size",
            "fail",
            Msg(f"文件太大：{_kb(size)}，请点“压缩”（命令行：fix-doc）",
                f"The file is too large: {_kb(size)}; click “Compress” (command line: fix-doc).")
            + limits,
            values,
        )
    if size < lo:
        w, h = decoded.full_size
        if not meets_resolution(w, h, dtype):
            advice = Msg(
                f"文件太小：{_kb(size)}，因为图片只有 {w}×{h} 像素；请用更高分辨率重新拍摄或扫描",
                f"The file is too small: {_kb(size)}, because the picture is only {w}×{h} px; take or scan it again at a higher resolution.",
            )
        else:
            advice = Msg(
                f"文件太小：{_kb(size)}，请点“以更高质量重新保存”（命令行：fix-doc）",
                f"The file is too small: {_kb(size)}; click “Save at higher quality” (command line: fix-doc).",
            )
        return CheckResult("size", "fail", advice + limits, values)
    return CheckResult("size", "pass", Msg(f"文件大小 {_kb(size)}，符合要求", f"File size {_kb(size)} is within the limits."), values)


def check_resolution(decoded: DecodedImage, dtype: DocumentType, region: DocumentRegion, to_full: float) -> CheckResult:
    w, h = decoded.full_size
    long_min, short_min = dtype.min_long_side, dtype.min_short_side
    values: dict = {"width": w, "height": h, "min_long_side": long_min, "min_short_side": short_min}
    if region.reliable:
        dw, dh = quad_side_lengths(region.quad * to_full)
        values["document_px"] = [round(dw), round(dh)]
    if not meets_resolution(w, h, dtype):
        return CheckResult(
            "resolution",
            "fail",
            Msg(
                f"分辨率太低：{w}×{h} 像素（至少 {long_min}×{short_min}），请靠近一些或用更高分辨率重新拍摄",
                f"The resolution is too low: {w}×{h} px (at least {long_min}×{short_min}); move closer or take it again at a higher resolution.",
            ),
            values,
        )
    return CheckResult("resolution", "pass", Msg(f"分辨率 {w}×{h} 像素，足够", f"Resolution {w}×{h} px is sufficient."), values)


# ---- image checks ----------------------------------------------------------------------------------------------------

_TURN = {
    90: Msg("顺时针旋转 90°", "rotate it 90° clockwise"),
    180: Msg("旋转 180°", "rotate it by 180°"),
    270: Msg("逆时针旋转 90°", "rotate it 90° counter-clockwise"),
}


def check_orientation(decoded: DecodedImage, orient: Orientation, trusted: bool = True) -> CheckResult:
    """``trusted``: measured on the document itself (reliable outline or flat scan); otherwise at most a warning."""
    values = {"trusted": trusted, "exif_orientation": decoded.orientation, "rotation_needed": orient.rotation, "evidence": orient.evidence, **orient.values}
    exif_note = (
        Msg("（已按 EXIF 方向信息自动旋转）", "(EXIF orientation applied.)") if decoded.orientation not in (1, 0) else Msg("", "")
    )
    if orient.rotation in (90, 270):
        return CheckResult(
            "orientation",
            "fail" if trusted else "warn",
            Msg("证件是横躺的（文字方向不对），请", "The document is turned sideways (text runs vertically); ")
            + _TURN[orient.rotation]
            + Msg("，或点“旋转”", "; or click “Rotate”.")
            + exif_note,
            values,
        )
    if orient.rotation == 180:
        status = "fail" if orient.strong and trusted else "warn"
        lead = (
            Msg("证件上下颠倒，请", "The document is upside down; ")
            if orient.strong
            else Msg("证件可能上下颠倒，请确认；如是，请", "The document may be upside down; check it and if so, ")
        )
        return CheckResult("orientation", status, lead + _TURN[180] + exif_note, values)
    return CheckResult("orientation", "pass", Msg("方向正确", "The document is the right way up.") + exif_note, values)


def _outline(points: np.ndarray | None, to_full: float) -> list:
    return [] if points is None else np.round(points * to_full).astype(int).tolist()


_SIDE_NAMES = {"top": Msg("上", "top"), "right": Msg("右", "right"), "bottom": Msg("下", "bottom"), "left": Msg("左", "left")}


def check_completeness(analysis: DocumentAnalysis) -> CheckResult:
    region, dtype, to_full = analysis.region, analysis.dtype, analysis.to_full
    values: dict = {
        "outline_found": region.quad is not None,
        "edge_support": region.edge_support,
        "area_fraction": region.area_fraction,
        "margin_fraction": region.margin_fraction,
        "layout": analysis.layout,
    }
    geometry: dict = {}
    if region.touches_border and region.values.get("edges_unsure"):
        values["edges_unsure"] = True
        return CheckResult(
            "completeness",
            "warn",
            Msg(
                "找不到证件的边缘（桌面与证件颜色太接近）：请把证件放在深色或有对比的桌面上，四个角都拍进画面",
                "The document's edges could not be found (the desk is too close to the document's colour): place it on a darker, contrasting surface with all four corners in the picture.",
            ),
            values,
            geometry,
        )
    if region.touches_border and region.contour is not None:
        geometry["outline"] = _outline(region.contour[:: max(1, len(region.contour) // 200)], to_full)
        sides = Msg("、".join(_SIDE_NAMES[s].zh for s in region.border_sides), ", ".join(_SIDE_NAMES[s].en for s in region.border_sides))
        values["cut_sides"] = list(region.border_sides)
        return CheckResult(
            "completeness",
            "fail",
            Msg(f"证件不完整：{sides.zh}侧超出了画面，请让四个角都完整地出现在照片中", f"The document is cut off at the {sides.en}: keep all four corners inside the picture."),
            values,
            geometry,
        )
    if region.reliable:
        geometry["outline"] = _outline(region.quad, to_full)
        w, h = quad_side_lengths(region.quad)
        aspect = max(w, h) / max(1.0, min(w, h))
        values["aspect_ratio"] = aspect
        if region.margin_fraction < 0.004:
            return CheckResult(
                "completeness",
                "warn",
                Msg("证件边缘离画面边缘太近，请留出一点空白", "The document touches the edge of the picture; leave a small margin."),
                values,
                geometry,
            )
        expected = dtype.aspect_ratio  # type-specific: generic checks do not know the document's proportions
        if expected and abs(aspect - expected) / expected > 0.12:
            values["expected_aspect_ratio"] = expected
            return CheckResult(
                "completeness",
                "warn",
                Msg(
                    f"证件轮廓比例 {aspect:.2f} 与身份证（85.6×54 mm，{expected:.2f}）不符：是否被遮挡或只拍了一部分？",
                    f"The outline's proportions ({aspect:.2f}) do not match an ID card (85.6×54 mm, {expected:.2f}): is part of it covered or missing?",
                ),
                values,
                geometry,
            )
        return CheckResult("completeness", "pass", Msg("证件四角完整", "All four corners are inside the picture."), values, geometry)
    if region.border_clean:
        return CheckResult(
            "completeness",
            "pass",
            Msg("证件铺满画面（扫描件），边缘留白完整", "The document fills the picture like a scan, with its margins intact."),
            values,
            geometry,
        )
    return CheckResult(
        "completeness",
        "warn",
        Msg(
            "找不到证件的完整边缘：请把证件放在颜色对比明显的桌面上，四个角都拍进画面",
            "The document's edges could not be found: place it on a contrasting surface with all four corners in the picture.",
        ),
        values,
        geometry,
    )


def check_glare(analysis: DocumentAnalysis) -> CheckResult:
    image = analysis.small_image
    mask = analysis.region.mask(image.shape[:2], analysis.small_factor, erode=0.01)
    g = measure_glare(image, mask)
    values = {"glare_fraction": g.fraction, "largest_blob": g.largest, "blobs": len(g.blobs), "paper_level": g.paper_level}
    back = analysis.to_full / analysis.small_factor
    geometry = {"glare": [[round(v * back) for v in box] for box in g.blobs]}
    if g.paper_level >= PAPER_CLIPPED and g.blobs:  # the page itself is at clipping level: highlights cannot be told from it
        return CheckResult(
            "glare",
            "warn",
            Msg("画面过亮，证件部分发白，请降低曝光或避开强光", "The picture is overexposed: parts of the document are pure white; reduce the exposure."),
            values,
            geometry,
        )
    if g.fraction >= GLARE_FAIL_FRACTION or g.largest >= GLARE_FAIL_BLOB:
        return CheckResult(
            "glare",
            "fail",
            Msg("证件上有反光，遮挡了内容：请避开灯光直射，关闭闪光灯重新拍摄", "Glare covers part of the document: avoid direct light, switch off the flash and take it again."),
            values,
            geometry,
        )
    if g.blobs:
        return CheckResult(
            "glare", "warn", Msg("证件上有轻微反光，请确认文字清晰", "There is slight glare on the document; check that all text is legible."), values, geometry
        )
    return CheckResult("glare", "pass", Msg("没有反光", "No glare."), values, geometry)


def check_blur(analysis: DocumentAnalysis) -> CheckResult:
    score = analysis.blur
    motion, direction = analysis.motion
    values = {"blur_effect": score, "warn_at": BLUR_WARN, "fail_at": BLUR_FAIL, "motion_blur": motion, "motion_direction": direction}
    shaken = Msg("（相机抖动造成的拖影）", "(camera shake: the picture is smeared in one direction)")
    if score >= BLUR_FAIL or motion >= MOTION_FAIL:
        message = Msg("照片模糊，文字看不清：请对焦后重新拍摄，保持手机稳定", "The picture is blurred: focus and hold the phone still, then take it again.")
        return CheckResult("blur", "fail", message + shaken if score < BLUR_FAIL else message, values)
    if score >= BLUR_WARN or motion >= MOTION_WARN:
        return CheckResult("blur", "warn", Msg("照片有些模糊，请确认文字清晰可辨", "The picture is slightly blurred; check that all text is legible."), values)
    return CheckResult("blur", "pass", Msg("清晰", "Sharp."), values)


def check_photocopy(analysis: DocumentAnalysis) -> CheckResult:
    """Is this the original? Grey or colourless documents look like photocopies; a screen's pixel grid or moiré on
    the document means a photo of a screen (a re-shot), which is only warned: the measure cannot be sure."""
    result = _colour_original(analysis)
    screen = analysis.screen
    if screen is None:
        return result
    result.values.update({"screen": screen.screen, "screen_grid_share": round(screen.share, 3), "screen_tiles": screen.tiles})
    if not screen.screen:
        return result
    advice = Msg(
        "照片上有屏幕的像素网格或摩尔纹：这像是翻拍的屏幕。请拍摄证件原件，不要拍电脑或手机屏幕上显示的图片。",
        "The picture shows a screen's pixel grid or moiré: it looks like a photo of a screen. Photograph the original "
        "document, not a picture of it on a computer or phone screen.",
    )
    if result.status == "pass":
        return CheckResult("photocopy", "warn", advice, result.values)
    return CheckResult("photocopy", result.status, join_messages([result.message, advice]), result.values)


def _colour_original(analysis: DocumentAnalysis) -> CheckResult:
    image = analysis.small_image
    mask = analysis.region.mask(image.shape[:2], analysis.small_factor, erode=0.02)
    c = measure_colour(image, mask)
    values = {"exact_gray": c.exact_gray, "colour_fraction": c.colour_fraction, "mean_chroma": c.mean_chroma}
    advice = Msg(
        "请上传证件原件的彩色照片或彩色扫描件（不接受复印件、黑白扫描件）",
        "Upload a colour photo or colour scan of the original (photocopies and black-and-white scans are refused).",
    )
    if c.exact_gray or analysis.decoded.mode in ("L", "LA", "1", "I;16"):
        return CheckResult("photocopy", "fail", Msg("这是黑白（灰度）图片。", "This is a black-and-white (grayscale) image. ") + advice, values)
    if c.colour_fraction < COLOUR_FAIL:
        status = "fail" if analysis.dtype.colour_expected and analysis.dtype.id != "generic" else "warn"
        return CheckResult("photocopy", status, Msg("证件几乎没有颜色，像是复印件。", "The document has almost no colour: it looks like a photocopy. ") + advice, values)
    if c.colour_fraction < COLOUR_WARN:
        return CheckResult("photocopy", "warn", Msg("证件颜色很少，请确认是原件。", "The document has very little colour; make sure it is the original. ") + advice, values)
    return CheckResult("photocopy", "pass", Msg("彩色原件", "Colour original."), values)


def check_content(analysis: DocumentAnalysis, side: str | None, expect: dict[str, str], today: date) -> CheckResult:
    """What the document says: its kind, validity period and the typed values (``expect``) it must carry."""
    reading = analysis.reading
    assert reading is not None
    if reading.unavailable:
        return CheckResult(
            "content",
            "warn",
            Msg(
                "文字识别组件无法启动（安装可能不完整），未能核对证件内容；请重新安装本软件后再检查",
                "The text reader could not be started (the installation may be incomplete), so the document's content "
                "was not compared with the form; reinstall the app and check again.",
            ),
            {"kind": None, "read": False, "ocr_unavailable": True, "fields": {}},
        )
    if not reading.read:
        return CheckResult(
            "content",
            "pass",
            Msg("未核对内容（没有需要比对的填写内容）", "The content was not compared (no form values given)."),
            {"kind": None, "read": False, "read_ms": round(reading.elapsed_ms, 1), "fields": {}},
        )
    values: dict = {"kind": reading.kind, "read_ms": round(reading.elapsed_ms, 1), "characters_read": reading.chars, "fields": {}}
    if reading.kind:
        values["kind_name"] = KIND_NAMES[reading.kind].to_dict()
    problems: list[tuple[str, Msg]] = []  # (status, message)
    wanted = EXPECTED_KINDS.get((analysis.dtype.id, side)) or EXPECTED_KINDS.get((analysis.dtype.id, None))
    if wanted and reading.kind and reading.kind not in wanted:
        values["expected_kind"] = list(wanted)
        name, want = KIND_NAMES[reading.kind], KIND_NAMES[wanted[0]]
        problems.append(
            ("warn", Msg(f"这看起来是{name.zh}，这里需要的是{want.zh}", f"This looks like {name.en}; this slot needs {want.en}."))
        )
    if reading.validity is not None:
        start, end = reading.validity
        values["valid_from"], values["valid_until"] = start.isoformat(), end.isoformat() if end else "long-term"
        if end is not None and end < today:
            values["expired"] = True
            problems.append(("fail", Msg(f"证件已于 {end.isoformat()} 过期，请使用有效期内的证件", f"The document expired on {end.isoformat()}: use a valid one.")))
        elif end is not None and (end - today).days < EXPIRY_MARGIN_DAYS:
            problems.append(
                ("warn", Msg(f"证件将于 {end.isoformat()} 到期（不足 3 个月），可能被退回", f"The document expires on {end.isoformat()}, in less than 3 months; it may be refused."))
            )
    legible = analysis.blur < BLUR_WARN and analysis.motion[0] < MOTION_WARN
    for field_id in FIELDS:
        if not expect.get(field_id):
            continue
        result = compare_field(field_id, expect[field_id], reading, legible=legible)
        if result is None:
            continue
        values["fields"][field_id] = {"status": result.status, "read": result.read, "name": FIELD_NAMES[field_id].to_dict()}
        if result.status != "pass":
            problems.append((result.status, result.message))
    if expect and not reading.chars:
        problems.append(("warn", Msg("证件上的文字无法识别，不能与填写的内容核对", "The text on the document could not be read, so it was not compared with the form.")))
    if problems:
        return CheckResult("content", worst(s for s, _ in problems), join_messages([m for _, m in problems]), values)
    parts = []
    if reading.kind:
        parts.append(Msg(f"识别为{KIND_NAMES[reading.kind].zh}", f"Recognised as {KIND_NAMES[reading.kind].en}."))
    if values["fields"]:
        parts.append(Msg("内容与填写的一致", "The content matches the form."))
    if not parts:
        parts.append(Msg("未发现内容问题", "No problem found in the content."))
    return CheckResult("content", "pass", join_messages(parts), values)
