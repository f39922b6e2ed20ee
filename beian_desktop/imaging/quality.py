"""Image quality checks: ``resolution`` (full-size pixels), ``exposure`` and ``sharpness`` (measured on the face).

Exposure and sharpness use the reduced working copy (about 500 px, see :mod:`beian_desktop.imaging.photo`);
for sharpness the face is rescaled to :data:`FACE_NORM` px high, so the figure does not
depend on the picture's size; it is the share of high-frequency energy
(variance of the Laplacian over the variance of the grey levels), which does not depend on brightness either.
"""

from __future__ import annotations

import cv2
import numpy as np

from beian_desktop.i18n import Msg
from beian_desktop.imaging.face import Face
from beian_desktop.imaging.report import CheckResult, join_messages

MIN_LONG, MIN_SHORT = 800, 600

#: Under-exposure is judged on the lit part of the face (its 90th percentile of grey levels), not its mean: darker
#: skin lowers the mean of a well-exposed face, but its highlights (forehead, cheekbones, eye whites) still reach
#: mid-grey, while under-exposure darkens everything. A face exposed at about a quarter of normal stays under 65.
FACE_DARK_FAIL, FACE_DARK_WARN = 70.0, 75.0
FACE_BRIGHT_FAIL, FACE_BRIGHT_WARN = 225.0, 212.0
FACE_CLIP_FAIL, FACE_CLIP_WARN = 0.2, 0.08  # share of the face at 250+ (glare)
IMAGE_CLIP_WARN = 0.25  # share of the whole picture at 253+ or 2-
SHADOW_WARN = 55.0  # mean grey difference between the two halves of the face

FACE_NORM = 96
#: A face lower than this (px) on the working copy is judged on a larger copy (see ``photo.detail_side``).
SHARP_MIN_FACE = 48
SHARP_FAIL, SHARP_WARN = 0.25, 0.45
#: Motion blur: second differences along four directions (horizontal, vertical, both diagonals); their weakest
#: energy over their strongest is the *anisotropy*. Blur along one direction removes the detail across that direction
#: only, which the Laplacian (a sum over directions) hardly notices, while defocus and enlargement soften every
#: direction alike. Limits from the real development set's faces: sharp faces 0.26 or more (5th percentile), the same
#: faces moved by 2.5 % of the height while exposed at most 0.09 (95th percentile), by 1.5 % about 0.2 (median).
MOTION_FAIL, MOTION_WARN = 0.15, 0.22


def check_resolution(full_size: tuple[int, int], minimum: tuple[int, int] = (MIN_LONG, MIN_SHORT)) -> CheckResult:
    """``minimum``: (long side, short side) in pixels."""
    w, h = full_size
    values = {"width": w, "height": h}
    min_long, min_short = minimum
    if max(w, h) >= min_long and min(w, h) >= min_short:
        return CheckResult("resolution", "pass", Msg(f"分辨率 {w}×{h}，满足要求", f"Resolution {w}×{h} is sufficient."), values)
    return CheckResult(
        "resolution",
        "fail",
        Msg(
            f"分辨率太低（{w}×{h}），至少需要 {min_long}×{min_short}：请用相机原图，不要截图或压缩",
            f"The resolution is too low ({w}×{h}); at least {min_long}×{min_short} is needed: use the camera's original, not a screenshot or a compressed copy.",
        ),
        values,
    )


def _face_roi(image: np.ndarray, face: Face, inset: float = 0.15) -> np.ndarray:
    """The inner part of the face box, in grey (a BGR ``image`` is converted for that crop only)."""
    x, y, w, h = face.box
    x0, x1 = int(max(0, x + inset * w)), int(min(image.shape[1], x + (1 - inset) * w))
    y0, y1 = int(max(0, y + inset * h)), int(min(image.shape[0], y + (1 - inset / 2) * h))
    roi = image[y0:y1, x0:x1]
    if roi.ndim == 3:
        roi = cv2.cvtColor(roi, cv2.COLOR_BGR2GRAY) if roi.size else roi[..., 0]
    return roi


def check_exposure(gray: np.ndarray, face: Face | None, person: np.ndarray | None = None) -> CheckResult:
    """Face brightness, glare on the face, clipped areas and a strong side shadow.

    ``person``: uint8 0/1 person mask; clipped areas are then measured on the head only (hair, face, neck): a white
    background or a white shirt is bright by design, and the background is judged by the backdrop check."""
    region = gray
    if person is not None and face is not None:
        fx, fy, fw, fh = face.box
        head = person[: int(max(1, fy + 1.15 * fh))].astype(bool)
        if head.any():
            region = gray[: head.shape[0]][head]
    clipped_hi = float(np.count_nonzero(region >= 253) / region.size)
    clipped_lo = float(np.count_nonzero(region <= 2) / region.size)
    values: dict = {"clipped_high": clipped_hi, "clipped_low": clipped_lo}
    if face is not None:
        roi = _face_roi(gray, face)
    else:  # where the face of a well-framed photo would be
        h, w = gray.shape
        roi = gray[int(0.12 * h) : int(0.5 * h), int(0.35 * w) : int(0.65 * w)]
    if roi.size == 0:
        roi = gray
    mean = float(roi.mean())
    lit = float(np.percentile(roi, 90))
    glare = float(np.count_nonzero(roi >= 250) / roi.size)
    half = roi.shape[1] // 2
    shadow = float(abs(roi[:, :half].mean() - roi[:, half:].mean())) if half >= 2 else 0.0
    values |= {"face_mean": mean, "face_lit": lit, "face_glare": glare, "side_difference": shadow, "measured_on": "face" if face else "image"}
    if lit < FACE_DARK_FAIL or mean > FACE_BRIGHT_FAIL or glare >= FACE_CLIP_FAIL:
        if lit < FACE_DARK_FAIL:
            msg = Msg("脸部太暗（曝光不足）：请在光线充足处正面打光后重拍", "The face is too dark (under-exposed): add light from the front and retake.")
        elif glare >= FACE_CLIP_FAIL:
            msg = Msg("脸部大面积反光过曝：请避免强光直射或闪光灯后重拍", "Large parts of the face are blown out by glare: avoid direct strong light or flash and retake.")
        else:
            msg = Msg("脸部太亮（曝光过度）：请减弱光线或避免闪光灯后重拍", "The face is too bright (over-exposed): reduce the light or avoid the flash and retake.")
        return CheckResult("exposure", "fail", msg, values)
    problems: list[Msg] = []
    if lit < FACE_DARK_WARN:
        problems.append(Msg("脸部偏暗，建议增加光线", "The face is rather dark; add some light."))
    if mean > FACE_BRIGHT_WARN:
        problems.append(Msg("脸部偏亮，建议减弱光线", "The face is rather bright; reduce the light."))
    if glare >= FACE_CLIP_WARN:
        problems.append(Msg("脸部有反光，建议避免强光直射", "There is glare on the face; avoid direct strong light."))
    if face is not None and shadow >= SHADOW_WARN:
        problems.append(Msg("脸部一侧有明显阴影，建议均匀打光", "One side of the face is in strong shadow; light it evenly."))
    if clipped_hi >= IMAGE_CLIP_WARN:
        problems.append(Msg("画面有大片过曝区域", "Large areas of the picture are blown out."))
    if clipped_lo >= IMAGE_CLIP_WARN:
        problems.append(Msg("画面有大片死黑区域", "Large areas of the picture are completely black."))
    if problems:
        return CheckResult("exposure", "warn", join_messages(problems), values)
    return CheckResult("exposure", "pass", Msg("曝光正常，光线均匀", "Exposure is fine and the light is even."), values)


def _directional(roi: np.ndarray) -> tuple[float, float]:
    """(weakest, strongest) directional second-difference energy of a normalised grey crop, over its variance."""
    var = float(roi.var())
    if var < 1.0:
        return 0.0, 0.0
    diffs = (
        roi[:, 2:] - 2 * roi[:, 1:-1] + roi[:, :-2],
        roi[2:] - 2 * roi[1:-1] + roi[:-2],
        (roi[2:, 2:] - 2 * roi[1:-1, 1:-1] + roi[:-2, :-2]) / 2,
        (roi[2:, :-2] - 2 * roi[1:-1, 1:-1] + roi[:-2, 2:]) / 2,
    )
    energies = [float(d.var()) / var for d in diffs]
    return min(energies), max(energies)


def _sharpness(image: np.ndarray, face: Face | None) -> tuple[float, int, tuple[float, float]]:
    """(high-frequency share, height in px of the measured crop before normalisation, (weakest, strongest)
    directional share)."""
    if face is not None:
        roi = _face_roi(image, face, inset=0.12)
    else:
        h, w = image.shape[:2]
        roi = image[h // 4 : 3 * h // 4, w // 4 : 3 * w // 4]
        if roi.ndim == 3:
            roi = cv2.cvtColor(roi, cv2.COLOR_BGR2GRAY)
    height = roi.shape[0]
    if roi.shape[0] < 8 or roi.shape[1] < 8:
        return 0.0, height, (0.0, 0.0)
    f = FACE_NORM / roi.shape[0]
    interp = cv2.INTER_AREA if f < 1 else cv2.INTER_CUBIC
    roi = cv2.resize(roi, (max(8, int(roi.shape[1] * f)), FACE_NORM), interpolation=interp).astype(np.float32)
    var = float(roi.var())
    if var < 1.0:
        return 0.0, height, (0.0, 0.0)
    lap = cv2.Laplacian(roi, cv2.CV_32F, ksize=3)
    return float(lap.var() / var), height, _directional(roi)


def check_sharpness(image: np.ndarray, face: Face | None) -> CheckResult:
    """``image``: grey or BGR picture the face box refers to.

    A face measured on fewer than :data:`FACE_NORM` rows is enlarged to that size, which alone lowers the
    high-frequency share of a *sharp* face about in proportion (measured on the labeled fixtures: a face crop of 50
    rows scores about half of what the same face scores from a finer copy), while a blurred face, having little
    high-frequency energy to lose, scores about the same. So the warning threshold is scaled by that proportion (a
    sharp face is not called soft because it is small) and the failure threshold is not (a blurred face still fails).
    """
    score, height, (directional, strongest) = _sharpness(image, face)
    scale = min(1.0, height / FACE_NORM) if face is not None else 1.0
    values = {
        "score": score,
        "directional": directional,
        "anisotropy": directional / strongest if strongest > 0 else 1.0,
        "measured_on": "face" if face else "image",
        "warn_threshold": max(SHARP_FAIL, SHARP_WARN * scale),
    }
    anisotropy = values["anisotropy"]
    if face is not None and anisotropy < MOTION_FAIL and score >= SHARP_FAIL:
        return CheckResult(
            "sharpness",
            "fail",
            Msg("照片有运动模糊（拍摄时相机或人在移动）：请保持相机和身体稳定后重拍", "The photo has motion blur (the camera or the person moved): hold still and retake."),
            values,
        )
    if score < SHARP_FAIL:
        return CheckResult(
            "sharpness",
            "fail",
            Msg("照片模糊（脸部未对焦）：请保持相机稳定、对焦到脸部后重拍", "The photo is blurred (the face is out of focus): hold the camera steady, focus on the face and retake.")
            if face is not None
            else Msg("照片模糊：请保持相机稳定、对焦后重拍", "The photo is blurred: hold the camera steady, focus and retake."),
            values,
        )
    if score < values["warn_threshold"] or (face is not None and anisotropy < MOTION_WARN):
        return CheckResult(
            "sharpness",
            "warn",
            Msg("脸部不够清晰：建议对焦到脸部后重拍", "The face is not quite sharp: focus on the face and retake.")
            if face is not None
            else Msg("照片不够清晰：建议对焦后重拍", "The photo is not quite sharp: focus and retake."),
            values,
        )
    if face is None:
        return CheckResult("sharpness", "pass", Msg("照片清晰", "The photo is sharp."), values)
    return CheckResult("sharpness", "pass", Msg("脸部清晰", "The face is sharp."), values)
