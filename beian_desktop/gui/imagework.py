"""Image work done in the background (thread pool): decode, check, annotate, thumbnail, one-click fixes.

Functions here touch no widgets (only ``QImage``, which is safe to build off the GUI thread) and import
OpenCV/the checkers lazily, so start-up stays fast.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from beian_desktop.gui import services
from beian_desktop.i18n import Msg

DISPLAY_SIDE = 960
THUMB_W, THUMB_H = 276, 196  # the document card's picture (280×200 with its frame): large enough to read


@dataclass
class Examined:
    report: object | None  # imaging.report.Report, or None when no checker ran
    unavailable: Msg | None  # why no checker ran
    picture: QImage | None  # the marked-up picture (or the plain one without a report)
    thumbnail: QImage | None
    load_error: Msg | None = None


def bgr_to_qimage(image) -> QImage:
    import numpy as np

    rgb = np.ascontiguousarray(image[:, :, ::-1]) if image.ndim == 3 else np.ascontiguousarray(image)
    h, w = rgb.shape[:2]
    fmt = QImage.Format.Format_RGB888 if rgb.ndim == 3 else QImage.Format.Format_Grayscale8
    return QImage(rgb.data, w, h, rgb.strides[0], fmt).copy()


def examine(kind: str, data: bytes, doc_type: str | None = None, lang: str = "zh_CN", *,
            side: str | None = None, expect: dict | None = None, profile: str | None = None) -> Examined:
    """Run the photo (``kind="photo"``, with the photo ``profile``) or document checker on ``data`` and prepare the
    pictures to show.

    Documents: ``side`` and ``expect`` (the draft's values the document must carry) go to the content check; a
    one-page PDF is shown as its rendered page."""
    from beian_desktop.imaging.decode import ImageLoadError, load_image, shrink

    report = None
    unavailable = None
    try:
        if kind == "photo":
            report = services.check_photo(data, profile)
        else:
            report = services.check_document(data, doc_type, side=side, expect=expect)
    except services.Unavailable as exc:
        unavailable = exc.message
    try:
        if kind != "photo" and data[:1024].find(b"%PDF-") >= 0:
            from beian_desktop.imaging.pdf import render_pdf

            picture = shrink(render_pdf(data, DISPLAY_SIDE), DISPLAY_SIDE)[0]
        else:
            picture = load_image(data, max_side=DISPLAY_SIDE).image
    except ImageLoadError as exc:
        return Examined(report, unavailable, None, None, exc.message)
    if report is not None:
        picture = services.annotate(report, picture, lang)
    qpicture = bgr_to_qimage(picture)
    thumb = qpicture.scaled(THUMB_W, THUMB_H, Qt.AspectRatioMode.KeepAspectRatio,
                            Qt.TransformationMode.SmoothTransformation)
    return Examined(report, unavailable, qpicture, thumb)


# ---- one-click fixes (the original is always kept; fixes produce a new file) -----------------------------------
# All three are the imaging layer's: the result is a JPEG inside the document type's byte range.

def rotate(data: bytes, doc_type: str | None = None) -> bytes:
    """Turn the picture 90° clockwise."""
    return services.reencode_document(data, doc_type, clockwise=90)


def compress(data: bytes, doc_type: str | None = None) -> bytes:
    """Re-encode as JPEG inside the type's byte range (lowering quality, then size, never below the minimum resolution)."""
    return services.reencode_document(data, doc_type)


def crop(data: bytes, doc_type: str | None = None) -> bytes:
    """Crop and straighten the document found in the picture (raises :class:`services.Unavailable` without the checker)."""
    return services.normalize_document(data, doc_type)
