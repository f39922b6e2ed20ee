"""The backdrop photo checker (幕布照片): ``check_photo(image, path or bytes) -> PhotoReport``.

Pipeline: safe decode straight to a working copy of about :data:`WORK_SIDE` px (JPEG DCT scaling: a 12 MP photo
decodes at 1/8 scale to 504 px, which costs about a third of a full decode; EXIF orientation applied; see
:mod:`beian_desktop.imaging.decode`) → face detection → the checks ``file``, ``resolution``, ``face_count``,
``framing``, ``backdrop``, ``clothing``, ``exposure``, ``sharpness``, all on that one copy. Geometry in the results is
in full-size pixel coordinates of the oriented picture; the non-backdrop mask is kept at working-copy size under
``geometry["non_backdrop_mask"]`` (not serialised to JSON) and drawn by :mod:`beian_desktop.imaging.annotate`.

Sharpness is judged on the face at working-copy scale (normalised to a fixed face size), which is about the scale a
reviewer looks at the photo: blur that only shows at 100 % zoom on a 12 MP picture does not get a photo rejected.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from beian_desktop.i18n import Msg
from beian_desktop.imaging.backdrop import check_backdrop, person_envelope, segment
from beian_desktop.imaging.clothing import check_clothing
from beian_desktop.imaging.decode import FORMAT_NAMES, ImageLoadError, as_bgr, load_image
from beian_desktop.imaging.face import Face, detect_faces
from beian_desktop.imaging.photo_framing import HEAD_TOP, check_face_count, check_framing
from beian_desktop.imaging.quality import FACE_NORM, SHARP_MIN_FACE, check_exposure, check_resolution, check_sharpness
from beian_desktop.imaging.report import CheckResult, Report

#: Long side of the working copy every check runs on.
WORK_SIDE = 500
#: A copy up to this factor larger than :data:`WORK_SIDE` is used as it is (no resize).
WORK_TOLERANCE = 1.1
#: Long side asked of the decoder: JPEGs decode at the smallest DCT scale still at least this large
#: (4032 px / 8 = 504, 1920 / 4 = 480), other formats are decoded and reduced.
DECODE_SIDE = 480

#: The report of a photo check (the shared :class:`~beian_desktop.imaging.report.Report`).
PhotoReport = Report

PHOTO_CHECK_IDS = ("file", "resolution", "face_count", "framing", "backdrop", "clothing", "exposure", "sharpness")


@dataclass(slots=True)
class Analysis:
    """Intermediate results of one working copy (reused by the live checker)."""

    work: np.ndarray  # BGR working copy
    gray: np.ndarray
    faces: list[Face]  # working-copy coordinates
    scale: float  # working copy size / full size

    @property
    def face(self) -> Face | None:
        return self.faces[0] if self.faces else None


def working_copy(image: np.ndarray, side: int = WORK_SIDE, *, fast: bool = False) -> tuple[np.ndarray, float]:
    """Reduce a BGR image so its long side is at most ``side``; returns (copy, factor).

    ``fast``: halve with integer area averaging first, then interpolate linearly (live frames; a few times faster
    than a direct area resize by a fractional factor, and nearly as clean).
    """
    h, w = image.shape[:2]
    f = side / max(h, w)
    if f * WORK_TOLERANCE >= 1:
        return image, 1.0
    size = (max(1, round(w * f)), max(1, round(h * f)))
    if fast:
        while f <= 0.5:
            image = cv2.resize(image, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
            f *= 2
        return cv2.resize(image, size, interpolation=cv2.INTER_LINEAR), size[0] / w
    return cv2.resize(image, size, interpolation=cv2.INTER_AREA), f


def _box(values, factor: float) -> list[int]:
    return [int(round(v / factor)) for v in values]


def run_checks(
    work: np.ndarray,
    full_size: tuple[int, int],
    faces: list[Face],
    *,
    heavy: bool = True,
    gray: np.ndarray | None = None,
    detail: np.ndarray | None = None,
) -> list[CheckResult]:
    """All pixel checks on a working copy. ``faces`` in working-copy coordinates, largest first.

    ``heavy=False`` skips ``backdrop`` and ``clothing`` (the live checker runs them at a lower rate).
    ``detail``: a larger (BGR or grey) copy of the same picture to judge the sharpness of a small face on
    (see :func:`detail_side`; default: the working copy).
    """
    h, w = work.shape[:2]
    factor = w / full_size[0]
    if gray is None:
        gray = cv2.cvtColor(work, cv2.COLOR_BGR2GRAY)
    face = faces[0] if faces else None
    checks = [check_resolution(full_size), check_face_count(faces)]
    framing = check_framing((w, h), face)
    if face is not None:
        fx, fy, fw, fh = face.box
        framing.geometry["face"] = _box(face.box, factor)
        framing.geometry["faces"] = [_box(f.box, factor) for f in faces]
        framing.geometry["head_top"] = int(round((fy - HEAD_TOP * fh) / factor))
        eye_line = face.eye_line()
        if eye_line:
            framing.geometry["eye_line"] = [[round(x / factor), round(y / factor)] for x, y in eye_line]
    checks.append(framing)
    if heavy:
        maps = segment(work)
        envelope = person_envelope(work.shape, face)
        backdrop = check_backdrop(work, face, maps, envelope)
        non_backdrop = ((1 - maps.backdrop) & (1 - envelope)).astype(np.uint8)
        backdrop.geometry["non_backdrop_mask"] = non_backdrop
        backdrop.geometry["mask_scale"] = factor
        checks.append(backdrop)
        clothing, torso = check_clothing(work, face, maps.text)
        if torso is not None:
            clothing.geometry["torso"] = _box(torso, factor)
        checks.append(clothing)
    checks.append(check_exposure(gray, face))
    if detail is not None and detail.shape[1] > w:
        checks.append(check_sharpness(detail, face.scaled(detail.shape[1] / w) if face is not None else None))
    else:
        checks.append(check_sharpness(gray, face))
    return checks


def detail_side(work_shape: tuple[int, ...], full_size: tuple[int, int], face: Face | None) -> int | None:
    """Long side of a larger copy needed to judge the sharpness of ``face`` (working-copy coordinates), or None.

    A face smaller than :data:`~beian_desktop.imaging.quality.SHARP_MIN_FACE` px on the working copy has lost the
    detail that tells sharp from blurred; a copy where it is about :data:`~beian_desktop.imaging.quality.FACE_NORM`
    px high is then decoded (rare: such a face is too small for a good photo anyway).
    """
    if face is None or face.h >= SHARP_MIN_FACE:
        return None
    long_work, long_full = max(work_shape[:2]), max(full_size)
    if long_full <= long_work * WORK_TOLERANCE:
        return None
    return int(min(long_full, long_work * FACE_NORM / max(face.h, 1.0)))


def _detail_copy(source: np.ndarray | bytes, side: int) -> np.ndarray | None:
    """A copy of about ``side`` px of the full-size array, or decoded again from the file's bytes."""
    if isinstance(source, np.ndarray):
        return working_copy(source, side)[0]
    try:
        return load_image(source, max_side=side).image
    except ImageLoadError:  # it decoded once already; failing now only costs the finer sharpness figure
        return None


def analyse(work: np.ndarray, scale: float) -> Analysis:
    gray = cv2.cvtColor(work, cv2.COLOR_BGR2GRAY)
    return Analysis(work, gray, detect_faces(gray, bgr=work), scale)


def _file_check(fmt: str, full_size: tuple[int, int], byte_size: int | None, orientation: int) -> CheckResult:
    values = {"format": fmt, "width": full_size[0], "height": full_size[1], "orientation": orientation}
    if byte_size is not None:
        values["bytes"] = byte_size
    name = FORMAT_NAMES.get(fmt, fmt)
    return CheckResult("file", "pass", Msg(f"{name} 图片，可以读取", f"A readable {name} image."), values)


def file_failure(path: str, error: ImageLoadError, started: float | None = None) -> Report:
    """The report of a file that could not be loaded: verdict fail, one ``file`` check with the reason."""
    values = {"code": error.code} | {k: v for k, v in error.values.items() if isinstance(v, (int, float, str))}
    report = Report(path, [CheckResult("file", "fail", error.message, values)])
    if started is not None:
        report.elapsed_ms = (time.perf_counter() - started) * 1000
    return report


def check_photo(source: str | Path | bytes | np.ndarray, *, name: str | None = None) -> PhotoReport:
    """Check a backdrop photo given as a path, the file's bytes or a BGR ``uint8`` array.

    Never raises for a bad file: an unreadable one gives verdict ``fail`` with a ``file`` check explaining why.
    ``name`` is the ``path`` written into the report (defaults to the path, or ``"<bytes>"``/``"<array>"``).
    """
    started = time.perf_counter()
    if isinstance(source, np.ndarray):
        label = name or "<array>"
        image = as_bgr(source)
        full_size = (image.shape[1], image.shape[0])
        original: np.ndarray | bytes = image  # for a finer copy, if one is needed
        file_check = _file_check("array", full_size, None, 1)
    else:
        label = name or (str(source) if isinstance(source, (str, Path)) else "<bytes>")
        try:
            decoded = load_image(source, max_side=DECODE_SIDE)
        except ImageLoadError as exc:
            return file_failure(label, exc, started)
        full_size = decoded.full_size
        image, original = decoded.image, decoded.data
        file_check = _file_check(decoded.format, full_size, decoded.byte_size, decoded.orientation)
    work, _ = working_copy(image, fast=True)
    analysis = analyse(work, work.shape[1] / full_size[0])
    side = detail_side(work.shape, full_size, analysis.face)
    detail = _detail_copy(original, side) if side is not None else None
    checks = [file_check] + run_checks(work, full_size, analysis.faces, gray=analysis.gray, detail=detail)
    report = Report(label, checks, image_size=full_size)
    report.elapsed_ms = (time.perf_counter() - started) * 1000
    return report
