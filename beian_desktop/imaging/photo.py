"""The backdrop photo checker (幕布照片): ``check_photo(image, path or bytes) -> PhotoReport``.

Pipeline: safe decode of a reduced "detail" copy of about :data:`DETAIL_SIDE` px (JPEG DCT scaling, EXIF orientation
applied; see :mod:`beian_desktop.imaging.decode`), itself reduced to the working copy of :data:`WORK_SIDE` px →
face detection → the checks ``file``, ``resolution``, ``face_count``, ``framing``,
``backdrop``, ``clothing``, ``exposure``, ``sharpness``. Geometry in the results is in full-size pixel coordinates
of the oriented picture; the non-backdrop mask is kept at working-copy size under ``geometry["non_backdrop_mask"]``
(not serialised to JSON) and drawn by :mod:`beian_desktop.imaging.annotate`.
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
from beian_desktop.imaging.decode import FORMAT_NAMES, ImageLoadError, load_image
from beian_desktop.imaging.face import Face, detect_faces
from beian_desktop.imaging.photo_framing import HEAD_TOP, check_face_count, check_framing
from beian_desktop.imaging.quality import check_exposure, check_resolution, check_sharpness
from beian_desktop.imaging.report import CheckResult, Report

#: Long side of the working copy every check runs on (a 12 MP JPEG decodes straight to 504 px at 1/8 scale).
WORK_SIDE = 500
#: Long side of the "detail" copy the sharpness of the face is judged on (a 12 MP JPEG decodes to 1008 px at 1/4).
DETAIL_SIDE = 1000

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
    if f >= 1:
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
    ``detail``: a larger (BGR or grey) copy of the same picture for the sharpness of the face (default: the working copy).
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
        if face.eyes:
            framing.geometry["eyes"] = [[round(x / factor), round(y / factor)] for x, y in face.eyes]
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
        k = detail.shape[1] / w
        checks.append(check_sharpness(detail, face.scaled(k) if face is not None else None))
    else:
        checks.append(check_sharpness(gray, face))
    return checks


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
        image = source
        if image.ndim == 2:
            image = cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
        elif image.shape[2] == 4:
            image = cv2.cvtColor(image, cv2.COLOR_BGRA2BGR)
        full_size = (image.shape[1], image.shape[0])
        detail, _ = working_copy(image, DETAIL_SIDE)
        file_check = _file_check("array", full_size, None, 1)
    else:
        label = name or (str(source) if isinstance(source, (str, Path)) else "<bytes>")
        try:
            decoded = load_image(source, max_side=DETAIL_SIDE)
        except ImageLoadError as exc:
            return file_failure(label, exc, started)
        full_size = decoded.full_size
        detail = decoded.image
        file_check = _file_check(decoded.format, full_size, decoded.byte_size, decoded.orientation)
    work, _ = working_copy(detail, fast=True)
    analysis = analyse(work, work.shape[1] / full_size[0])
    checks = [file_check] + run_checks(work, full_size, analysis.faces, gray=analysis.gray, detail=detail)
    report = Report(label, checks, image_size=full_size)
    report.elapsed_ms = (time.perf_counter() - started) * 1000
    return report
