"""Offline text reading (OCR), shared by the photo and document checks.

The engine is ``rapidocr`` on ``onnxruntime``: its wheel ships the PP-OCR detection, angle-classification and
recognition models (Apache-2.0), and :func:`engine` points it at that folder explicitly, so nothing is ever downloaded.
The engine is created once per process, on first use (about 15 ms; the models load lazily, about 0.3 s the first time
each is needed), and calls are serialised by a lock: rapidocr keeps per-call options on the engine object.

Text read from a picture can be personal data (names, ID numbers): this module never logs it, and callers keep it
only in their check results.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

_lock = threading.Lock()
_engine = None


class OcrUnavailable(RuntimeError):
    """The OCR package or its models are missing (a broken installation)."""


@dataclass(frozen=True, slots=True)
class TextLine:
    """One line of text: its quadrilateral in the coordinates of the image read (4 × [x, y]), text and confidence."""

    box: tuple[tuple[float, float], ...]
    text: str
    score: float


def _model_dir() -> Path:
    import rapidocr

    return Path(rapidocr.__file__).resolve().parent / "models"


def engine():
    """The process-wide ``RapidOCR`` engine (created on first use; raises :class:`OcrUnavailable` if it cannot be)."""
    global _engine
    with _lock:
        if _engine is None:
            try:
                from rapidocr import RapidOCR

                models = _model_dir()
                if not any(models.glob("*.onnx")):
                    raise OcrUnavailable(f"rapidocr models missing in {models}")
                _engine = RapidOCR(params={"Global.log_level": "error", "Global.model_root_dir": str(models)})
                logging.getLogger("RapidOCR").setLevel(logging.ERROR)
            except OcrUnavailable:
                raise
            except Exception as exc:  # ImportError, a broken onnxruntime, a missing model file
                raise OcrUnavailable(str(exc)) from exc
        return _engine


def recognise(crop: np.ndarray) -> tuple[str, float]:
    """Read one line of text from a BGR or grey crop that holds just that line (recognition only, ~10 ms)."""
    if crop.size == 0 or min(crop.shape[:2]) < 4:
        return "", 0.0
    eng = engine()
    if crop.ndim == 2:
        crop = np.repeat(crop[..., None], 3, axis=2)
    with _lock:
        result = eng(np.ascontiguousarray(crop), use_det=False, use_cls=False, use_rec=True)
    texts, scores = getattr(result, "txts", None), getattr(result, "scores", None)
    if not texts:
        return "", 0.0
    return str(texts[0]), float(scores[0]) if scores else 0.0


def read(image: np.ndarray, *, use_cls: bool = True) -> list[TextLine]:
    """Find and read every line of text in a BGR image (detection, angle classification, recognition).

    Costs about 0.2-0.5 s for a 960 px picture on two cores: call it on a reduced copy and only where needed."""
    if image.size == 0:
        return []
    eng = engine()
    if image.ndim == 2:
        image = np.repeat(image[..., None], 3, axis=2)
    with _lock:
        result = eng(np.ascontiguousarray(image), use_det=True, use_cls=use_cls, use_rec=True)
    boxes, texts, scores = getattr(result, "boxes", None), getattr(result, "txts", None), getattr(result, "scores", None)
    if boxes is None or not texts:
        return []
    return [
        TextLine(tuple((float(x), float(y)) for x, y in box), str(text), float(score))
        for box, text, score in zip(boxes, texts, scores)
    ]
