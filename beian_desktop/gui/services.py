"""The GUI's guarded doorway to the image checkers (OpenCV), the one core part that may fail to import.

Everything else (domain rules, validation, documents catalogue, deadlines) is plain Python and imported directly by
the pages. The imaging modules are imported lazily (OpenCV must not slow down start-up) and may be broken on a damaged
installation (e.g. ``libGL`` missing): then these functions raise :class:`Unavailable`, and the pages show a clearly
labelled "检查器不可用 / checker not available" state. Nothing here ever pretends a check passed.
"""

from __future__ import annotations

import importlib
import logging
from types import ModuleType

from beian_desktop.errors import BeianError
from beian_desktop.i18n import Msg

log = logging.getLogger(__name__)

UNAVAILABLE = Msg("检查器不可用", "checker not available")


class Unavailable(BeianError):
    """An image checker cannot be imported."""

    def __init__(self, what: str) -> None:
        super().__init__(Msg(f"检查器不可用（{what}）", f"checker not available ({what})"))
        self.what = what


def _imaging(name: str) -> ModuleType:
    """``beian_desktop.imaging.<name>``, or :class:`Unavailable` when it (OpenCV, ...) cannot be imported."""
    try:
        return importlib.import_module(f"beian_desktop.imaging.{name}")
    except ImportError as exc:
        log.info("image checker %s not available: %s", name, exc)
        raise Unavailable(name) from exc


def check_photo(source, profile: str | None = None):
    """:func:`beian_desktop.imaging.photo.check_photo` with a photo profile id (None: the default)."""
    return _imaging("photo").check_photo(source, profile=profile)


def check_document(source, doc_type: str | None, *, side: str | None = None, expect: dict | None = None):
    """:func:`beian_desktop.imaging.documents.check_document` (``side`` and ``expect``: the slot's side and the
    draft's values the document must carry)."""
    return _imaging("documents").check_document(source, doc_type, side=side, expect=expect)


def normalize_document(data: bytes, doc_type: str | None) -> bytes:
    """:func:`beian_desktop.imaging.documents.normalize_document`: cropped, upright, within the size limits."""
    return _imaging("documents").normalize_document(data, doc_type)


def reencode_document(data: bytes, doc_type: str | None, clockwise: int = 0) -> bytes:
    """The document as a JPEG inside its type's byte range (:func:`beian_desktop.imaging.docfix.fit_jpeg`), turned
    ``clockwise`` degrees first. Decoded safely with EXIF orientation applied; the metadata is not copied."""
    from beian_desktop.domain.documents import document_type

    dtype = document_type(doc_type)
    documents = _imaging("documents")
    image = _imaging("decode").load_image(data, accept=documents.accepted_formats(dtype)).image
    if clockwise:
        image = _imaging("documents_orient").rotate_clockwise(image, clockwise)
    return _imaging("docfix").fit_jpeg(image, dtype)[0]


def checker_available(kind: str) -> bool:
    """Whether the ``"photo"`` or ``"document"`` checker can be imported."""
    try:
        _imaging("photo" if kind == "photo" else "documents")
    except Unavailable:
        return False
    return True


def annotate(report, image, lang: str = "zh_CN", panel: bool = False):
    """Marked-up picture (BGR ndarray) for a report; the plain picture when drawing is impossible."""
    try:
        return _imaging("annotate").annotate(report, image, lang=lang, panel=panel)
    except Unavailable:
        return image
    except Exception:  # noqa: BLE001 - drawing is cosmetic; the results list still shows everything
        log.exception("annotate failed")
        return image
