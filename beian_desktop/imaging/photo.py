"""The backdrop photo checker (幕布照片): ``check_photo(image, profile=...) -> PhotoReport``.

Pipeline, the same for every picture (no content-dependent retries, so the cost hardly varies):

1. safe decode straight to a copy of about :data:`DECODE_SIDE` px (JPEG DCT scaling: a 12 MP photo decodes at 1/4
   scale; EXIF orientation applied; see :mod:`beian_desktop.imaging.decode`), reduced to the ~500 px working copy;
2. faces with landmarks (YuNet, :mod:`.face`) on the working copy;
3. only when a face was found: the person mask (:mod:`.person`), which gives the top of the hair, the shoulders, the
   region judged as clothing and the background;
4. the checks ``file``, ``resolution``, ``face_count``, ``framing``, ``backdrop`` (blue cloth coverage, and its print
   read by OCR on a few candidate rows of the finer copy, :mod:`.backdrop`), ``clothing`` (after white-balance
   correction from a neutral reference, :mod:`.colour`), ``exposure`` and ``sharpness``.

What the background must be and which tops are refused comes from the photo profile (:mod:`.profiles`). Geometry in
the results is in full-size pixel coordinates of the oriented picture; masks are kept at working-copy size under
``geometry["backdrop_mask"]``, ``["non_backdrop_mask"]`` and ``["person_mask"]`` with ``["mask_scale"]`` (not
serialised to JSON) and drawn by :mod:`beian_desktop.imaging.annotate`.

Sharpness is judged on the face at working-copy scale (normalised to a fixed face size), which is about the scale a
reviewer looks at the photo; a face too small for that is judged on the finer copy.
"""

from __future__ import annotations

import time
from pathlib import Path

import cv2
import numpy as np

from beian_desktop.i18n import Msg
from beian_desktop.imaging.backdrop import check_backdrop, segment
from beian_desktop.imaging.clothing import check_clothing
from beian_desktop.imaging.colour import apply_gains, white_balance_gains
from beian_desktop.imaging.decode import FORMAT_NAMES, ImageLoadError, as_bgr, load_image
from beian_desktop.imaging.face import Face, detect_faces, measure_roll
from beian_desktop.imaging.person import PersonMask, find_person
from beian_desktop.imaging.photo_framing import check_face_count, check_framing
from beian_desktop.imaging.profiles import PLAIN_LIGHT, PhotoProfile, get_profile
from beian_desktop.imaging.quality import SHARP_MIN_FACE, check_exposure, check_resolution, check_sharpness
from beian_desktop.imaging.report import CheckResult, Report

#: Long side of the working copy every check runs on.
WORK_SIDE = 500
#: A copy up to this factor larger than :data:`WORK_SIDE` is used as it is (no resize).
WORK_TOLERANCE = 1.1
#: Long side asked of the decoder: JPEGs decode at the smallest DCT scale still at least this large
#: (4032 px / 4 = 1008, 1920 / 2 = 960); this finer copy is where the backdrop's print is read.
DECODE_SIDE = 960
#: Shoulders are looked for this many face heights below the top of the face box.
SHOULDER_ROW = 1.9

#: The report of a photo check (the shared :class:`~beian_desktop.imaging.report.Report`).
PhotoReport = Report

PHOTO_CHECK_IDS = ("file", "resolution", "face_count", "framing", "backdrop", "clothing", "exposure", "sharpness")


def working_copy(image: np.ndarray, side: int = WORK_SIDE, *, fast: bool = False) -> tuple[np.ndarray, float]:
    """Reduce a BGR image so its long side is at most ``side``; returns (copy, factor).

    ``fast``: halve with integer area averaging first, then interpolate linearly (a few times faster than a direct
    area resize by a fractional factor, and nearly as clean).
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


def _shoulders_in(person: PersonMask, face: Face) -> bool:
    h, w = person.mask.shape
    fx, fy, fw, fh = face.box
    row = int(fy + SHOULDER_ROW * fh)
    if row >= h:
        return False
    extent = person.row_extent(row)
    # broad shoulders may run off the sides of a close photo; what matters is that the picture reaches below them
    return extent is not None and extent[1] - extent[0] >= 1.3 * fw


def framing_check(work_size: tuple[int, int], faces: list[Face], person: PersonMask | None, factor: float) -> CheckResult:
    """The ``framing`` check with its geometry (full-size coordinates; ``factor`` = working copy / full size)."""
    face = faces[0] if faces else None
    if face is None:
        return check_framing(work_size, None)
    if person is not None:
        framing = check_framing(work_size, face, head_top=person.head_top, top_cut=person.top_cut, shoulders_in=_shoulders_in(person, face))
        framing.values["head_top_from"] = "person_mask" if person.from_model else "face_box"
    else:
        framing = check_framing(work_size, face)
    framing.geometry["face"] = _box(face.box, factor)
    framing.geometry["faces"] = [_box(f.box, factor) for f in faces]
    framing.geometry["head_top"] = int(round(framing.values["headroom"] * work_size[1] / factor))
    if face.landmarks:
        framing.geometry["landmarks"] = [[round(x / factor), round(y / factor)] for x, y in face.landmarks]
    eye_line = face.eye_line()
    if eye_line:
        framing.geometry["eye_line"] = [[round(x / factor), round(y / factor)] for x, y in eye_line]
    return framing


def heavy_checks(
    work: np.ndarray,
    face: Face | None,
    person: PersonMask | None,
    profile: PhotoProfile,
    factor: float,
    detail: np.ndarray | None = None,
) -> list[CheckResult]:
    """The ``backdrop`` and ``clothing`` checks (the live checker runs them at a lower rate)."""
    h, w = work.shape[:2]
    background = person.background() if person is not None else np.ones((h, w), np.uint8)
    maps = None
    if profile.background == PLAIN_LIGHT:
        # the wall is the neutral reference: its brighter half, whatever the light's colour; it is then judged with
        # the colour of the light taken out (a white wall under warm light is still a white wall)
        level = work.min(axis=2)
        bg = background.astype(bool)
        reference = bg & (level >= np.percentile(level[bg], 50)) if bg.any() else bg
        gains = white_balance_gains(work, reference)
        backdrop = check_backdrop(apply_gains(work, gains), background, profile, detail=detail)
    else:
        maps = segment(work)  # cloth and print strokes: only the printed backdrop needs them
        gains = white_balance_gains(work, maps.text.astype(bool) & background.astype(bool))
        backdrop = check_backdrop(work, background, profile, detail=detail, maps=maps)
    backdrop.values["profile"] = profile.id
    backdrop.geometry["text_rows"] = [_box(r[:4], factor) + [r[4]] for r in backdrop.geometry.get("text_rows", [])]
    backdrop.geometry["backdrop_mask"] = (maps.backdrop & background) if maps is not None else None
    backdrop.geometry["non_backdrop_mask"] = (background & (1 - maps.backdrop)).astype(np.uint8) if maps is not None else None
    backdrop.geometry["person_mask"] = person.mask if person is not None else None
    backdrop.geometry["mask_scale"] = factor
    backdrop.geometry = {k: v for k, v in backdrop.geometry.items() if v is not None}
    clothing, region = check_clothing(
        work,
        face,
        person.mask if person is not None and person.from_model else None,
        gains=gains,
        fail_colours=profile.fail_colours,
        warn_colours=profile.warn_colours,
    )
    if region is not None:
        clothing.geometry["torso"] = _box(region, factor)
    return [backdrop, clothing]


def run_checks(
    work: np.ndarray,
    full_size: tuple[int, int],
    faces: list[Face],
    *,
    profile: PhotoProfile | str | None = None,
    heavy: bool = True,
    gray: np.ndarray | None = None,
    detail: np.ndarray | None = None,
    person: PersonMask | None = None,
) -> list[CheckResult]:
    """All pixel checks on a working copy. ``faces`` in working-copy coordinates, largest first.

    ``heavy=False`` skips ``backdrop`` and ``clothing`` (the live checker runs them at a lower rate).
    ``detail``: a finer (BGR) copy of the same picture, where the print is read and a small face's sharpness judged.
    ``person``: the person mask if already computed (otherwise it is computed here when there is a face).
    """
    profile = get_profile(profile)
    h, w = work.shape[:2]
    factor = w / full_size[0]
    if gray is None:
        gray = cv2.cvtColor(work, cv2.COLOR_BGR2GRAY)
    face = faces[0] if faces else None
    if face is not None and person is None:
        person = find_person(work, face, faces[1:])
    if face is not None and face.measured_roll is None:
        source = detail if detail is not None else work
        measure_roll(source, face, source.shape[1] / w)
    checks = [check_resolution(full_size, profile.min_size), check_face_count(faces), framing_check((w, h), faces, person, factor)]
    if heavy:
        checks += heavy_checks(work, face, person, profile, factor, detail)
    checks.append(check_exposure(gray, face, person.mask if person is not None and person.from_model else None))
    if face is not None and face.h < SHARP_MIN_FACE and detail is not None and detail.shape[1] > w:
        checks.append(check_sharpness(detail, face.scaled(detail.shape[1] / w)))
    else:
        checks.append(check_sharpness(gray, face))
    return checks


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


def check_photo(
    source: str | Path | bytes | np.ndarray, *, name: str | None = None, profile: PhotoProfile | str | None = None
) -> PhotoReport:
    """Check a backdrop photo given as a path, the file's bytes or a BGR ``uint8`` array.

    ``profile``: a photo profile id (``aliyun_backdrop``, the default, or ``plain_light``; see :mod:`.profiles`).
    Never raises for a bad file: an unreadable one gives verdict ``fail`` with a ``file`` check explaining why.
    ``name`` is the ``path`` written into the report (defaults to the path, or ``"<bytes>"``/``"<array>"``).
    Raises :class:`~beian_desktop.imaging.profiles.UnknownProfile` for an unknown profile id.
    """
    started = time.perf_counter()
    profile = get_profile(profile)
    if isinstance(source, np.ndarray):
        label = name or "<array>"
        image = as_bgr(source)
        full_size = (image.shape[1], image.shape[0])
        file_check = _file_check("array", full_size, None, 1)
        image, _ = working_copy(image, DECODE_SIDE, fast=True)
    else:
        label = name or (str(source) if isinstance(source, (str, Path)) else "<bytes>")
        try:
            decoded = load_image(source, max_side=DECODE_SIDE)
        except ImageLoadError as exc:
            return file_failure(label, exc, started)
        full_size = decoded.full_size
        image = decoded.image
        file_check = _file_check(decoded.format, full_size, decoded.byte_size, decoded.orientation)
    work, _ = working_copy(image, fast=True)
    checks = [file_check] + run_checks(work, full_size, detect_faces(work), profile=profile, detail=image)
    report = Report(label, checks, image_size=full_size)
    report.elapsed_ms = (time.perf_counter() - started) * 1000
    return report
