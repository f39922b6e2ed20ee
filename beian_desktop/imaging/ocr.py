"""Offline text reading (OCR), shared by the photo and document checks.

The engine is ``rapidocr`` on ``onnxruntime``: its wheel ships the PP-OCR angle-classification and recognition models
(Apache-2.0), and :func:`engine` points it at that folder explicitly, so nothing is ever downloaded; the text detector
is the PP-OCRv4 mobile model in ``resources/models`` (see :data:`DETECTOR`).
The engine is created once per process, on first use (about 15 ms; the models load lazily, about 0.3 s the first time
each is needed), and calls are serialised by a lock: rapidocr keeps per-call options on the engine object.

Text read from a picture can be personal data (names, ID numbers): this module never logs it, and callers keep it
only in their check results.
"""

from __future__ import annotations

import logging
import threading
from contextlib import contextmanager
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
    #: 180 when the angle classifier found the line upside down (it was turned before reading), else 0.
    angle: int = 0


def _model_dir() -> Path:
    import rapidocr

    return Path(rapidocr.__file__).resolve().parent / "models"


#: The text detector: PP-OCRv4 mobile (resources/models, Apache-2.0, from the rapidocr 3.8.4 wheel), which finds the
#: lines of a 12 MP document photo's reduced copy in less than half the time of the wheel's own PP-OCRv6 small
#: detector. Recognition and the angle classifier are the wheel's.
DETECTOR = "ch_PP-OCRv4_det_mobile.onnx"


def engine_params(models: Path, detector: Path) -> dict:
    """rapidocr settings: our detector; each line recognised on its own (``rec_batch_num`` 1) and padded to 160 px
    instead of 320 (the recogniser's cost grows faster than the width it is given, and rapidocr pads a batch to its
    widest line: the same text for a third of the time); ONNX Runtime's memory arena kept between calls."""
    return {
        "Global.log_level": "error",
        "Global.model_root_dir": str(models),
        "Det.model_path": str(detector),
        "Rec.rec_img_shape": [3, 48, 160],
        "Rec.rec_batch_num": 1,
        "EngineConfig.onnxruntime.enable_cpu_mem_arena": True,
    }


def engine():
    """The process-wide ``RapidOCR`` engine (created on first use; raises :class:`OcrUnavailable` if it cannot be)."""
    global _engine
    with _lock:
        if _engine is None:
            try:
                from rapidocr import RapidOCR

                from beian_desktop.paths import resource_path

                models, detector = _model_dir(), resource_path("models", DETECTOR)
                if not any(models.glob("*.onnx")) or not detector.is_file():
                    raise OcrUnavailable(f"OCR models missing in {models} or {detector.parent}")
                _engine = RapidOCR(params=engine_params(models, detector))
                logging.getLogger("RapidOCR").setLevel(logging.ERROR)
                _record_angles(_engine)
            except OcrUnavailable:
                raise
            except Exception as exc:  # ImportError, a broken onnxruntime, a missing model file
                raise OcrUnavailable(str(exc)) from exc
        return _engine


_last: dict = {}


def _record_angles(eng) -> None:
    """Keep the angle classifier's per-line labels of the last call (rapidocr drops them from its output).

    Wraps the instance's ``cls_and_rotate`` and ``recognize_txt`` steps; calls are serialised by ``_lock``, so the
    labels of one call are never mixed with another's. If a rapidocr version lacks these steps, angles stay 0."""
    cls_step, rec_step = getattr(eng, "cls_and_rotate", None), getattr(eng, "recognize_txt", None)
    if cls_step is None or rec_step is None:  # pragma: no cover - other rapidocr layouts
        return

    def cls_and_rotate(images):
        result = cls_step(images)
        labels = getattr(result[1], "cls_res", None) or []
        _last["angles"] = [180 if "180" in str(label) and float(score) >= 0.9 else 0 for label, score in labels]
        _last["crops"] = list(result[0]) if result[0] is not None else []  # the lines, turned upright
        return result

    def recognize_txt(images):
        result = rec_step(images)
        _last["texts"] = list(getattr(result, "txts", None) or [])
        return result

    eng.cls_and_rotate = cls_and_rotate
    eng.recognize_txt = recognize_txt


def _angles_for(texts, angles: list[int], raw_texts: list[str]) -> list[int]:
    """Align the labels (one per detected line) with the lines rapidocr kept (empty and low-score lines dropped,
    order preserved)."""
    if len(angles) != len(raw_texts):
        return [0] * len(texts)
    out, j = [], 0
    for text in texts:
        while j < len(raw_texts) and raw_texts[j] != text:
            j += 1
        out.append(angles[j] if j < len(raw_texts) else 0)
        j += 1
    return out


def _detector(eng):
    """rapidocr's text detector (its input size is read per call), or None for other layouts."""
    load = getattr(eng, "_load_det_model", None)
    det = load() if load is not None else getattr(eng, "text_det", None)
    return det if det is not None and hasattr(det, "limit_side_len") and hasattr(det, "limit_type") else None


@contextmanager
def _detector_limit(eng, det_limit: int | None):
    """Run the detector at most at ``det_limit`` px on the long side for the calls inside (the lock is held)."""
    det = _detector(eng) if det_limit else None
    if det is None:
        yield
        return
    saved = det.limit_side_len, det.limit_type
    det.limit_side_len, det.limit_type = int(det_limit), "max"
    try:
        yield
    finally:
        det.limit_side_len, det.limit_type = saved


#: Pages narrower than this (px) or longer than this many times their width hold no readable lines; rapidocr's
#: detector scales the short side up and would need about 1 GB for a 30000×16 strip.
MIN_PAGE_SIDE, MAX_PAGE_ASPECT = 24, 20.0


def _three_channels(image: np.ndarray) -> np.ndarray:
    return np.repeat(image[..., None], 3, axis=2) if image.ndim == 2 else image


def _no_page(image: np.ndarray) -> bool:
    h, w = image.shape[:2]
    return image.size == 0 or min(h, w) < MIN_PAGE_SIDE or max(h, w) > MAX_PAGE_ASPECT * min(h, w)


def directions(image: np.ndarray, *, det_limit: int | None = None) -> list[tuple[tuple[tuple[float, float], ...], int]]:
    """Where the lines of text are and which way up each runs, without reading them (detection and the angle
    classifier only: a fraction of :func:`read`'s time). Returns ``(box, angle)`` pairs, angle 0 or 180."""
    if _no_page(image):
        return []
    eng, image = engine(), _three_channels(image)
    with _lock:
        _last.clear()
        with _detector_limit(eng, det_limit):
            result = eng(np.ascontiguousarray(image), use_det=True, use_cls=True, use_rec=False)
        angles = _last.get("angles", [])
        _last.clear()
    boxes = getattr(result, "boxes", None)
    if boxes is None or len(boxes) != len(angles):
        return []
    return [(tuple((float(x), float(y)) for x, y in box), int(angle)) for box, angle in zip(boxes, angles)]


def recognise(crop: np.ndarray) -> tuple[str, float]:
    """Read one line of text from a BGR or grey crop that holds just that line (recognition only, ~10 ms)."""
    if crop.size == 0 or min(crop.shape[:2]) < 4:
        return "", 0.0
    eng, crop = engine(), _three_channels(crop)
    with _lock:
        result = eng(np.ascontiguousarray(crop), use_det=False, use_cls=False, use_rec=True)
        _last.clear()
    texts, scores = getattr(result, "txts", None), getattr(result, "scores", None)
    if not texts:
        return "", 0.0
    return str(texts[0]), float(scores[0]) if scores else 0.0


#: Lines recognised between two asks of ``enough`` (each line is recognised on its own anyway: see engine_params).
BATCH = 1


def _recognise_kept(eng, det_limit: int | None, image: np.ndarray, max_aspect: float, enough=None) -> list[TextLine] | None:
    """Detection and angle classification, then recognition of the lines no longer than ``max_aspect`` only (the
    others are left out of the recogniser's batches altogether), in reading order, line by line until
    ``enough(lines so far)`` says so. None when this rapidocr has another layout."""
    recognizer = getattr(eng, "_load_rec_model", None)
    if recognizer is None or getattr(eng, "recognize_txt", None) is None:  # pragma: no cover - other rapidocr layouts
        return None
    from rapidocr.ch_ppocr_rec.typings import TextRecInput

    with _detector_limit(eng, det_limit):
        result = eng(np.ascontiguousarray(image), use_det=True, use_cls=True, use_rec=False)
    crops, angles = _last.get("crops"), _last.get("angles", [])
    boxes = getattr(result, "boxes", None)
    if boxes is None or crops is None or not (len(boxes) == len(crops) == len(angles)):
        return None if crops is None else []
    keep = [i for i, c in enumerate(crops) if c.shape[1] <= max_aspect * max(1, c.shape[0])]
    if not keep:
        return []
    # reading order: top to bottom of the text as it runs (bottom to top when most lines are upside down)
    upside_down = sum(angles[i] == 180 for i in keep) * 2 > len(keep)
    keep.sort(key=lambda i: float(np.mean([p[1] for p in boxes[i]])), reverse=upside_down)
    minimum = float(getattr(eng, "text_score", 0.5))
    model, lines = recognizer(), []
    step = BATCH if enough is not None else len(keep)
    for start in range(0, len(keep), step):
        chunk = keep[start : start + step]
        rec = model(TextRecInput(img=[crops[i] for i in chunk], return_word_box=False))
        texts, scores = getattr(rec, "txts", None) or (), getattr(rec, "scores", None) or ()
        lines += [
            TextLine(tuple((float(x), float(y)) for x, y in boxes[i]), str(text), float(score), int(angles[i]))
            for i, text, score in zip(chunk, texts, scores)
            if str(text).strip() and float(score) >= minimum
        ]
        if enough is not None and start + step < len(keep) and enough(lines):
            break
    return lines


def read(
    image: np.ndarray, *, use_cls: bool = True, det_limit: int | None = None, max_aspect: float | None = None, enough=None
) -> list[TextLine]:
    """Find and read every line of text in a BGR image (detection, angle classification, recognition).

    Costs about 0.2-0.5 s for a 960 px picture on two cores: call it on a reduced copy and only where needed.
    ``det_limit``: run the detector at most at this long side (by default rapidocr scales the short side *up* to
    736 px). ``max_aspect``: do not recognise lines longer than this many times their height (paragraphs), which
    saves most of the recognition time on forms; needs ``use_cls`` (the lines are dropped after classification, and
    left out of the recogniser's batches). ``enough``: with ``max_aspect``, lines are recognised in reading order, one
    at a time, and reading stops once ``enough(lines read so far)`` is true."""
    if _no_page(image):
        return []
    eng, image = engine(), _three_channels(image)
    if max_aspect and use_cls:
        with _lock:
            _last.clear()
            try:
                lines = _recognise_kept(eng, det_limit, image, max_aspect, enough)
            finally:
                _last.clear()  # the text is personal data: keep it no longer than the call
        if lines is not None:
            return lines
    with _lock:
        _last.clear()
        with _detector_limit(eng, det_limit):
            result = eng(np.ascontiguousarray(image), use_det=True, use_cls=use_cls, use_rec=True)
        angles, raw = _last.get("angles", []), _last.get("texts", [])
        _last.clear()  # the text is personal data: keep it no longer than the call
    boxes, texts, scores = getattr(result, "boxes", None), getattr(result, "txts", None), getattr(result, "scores", None)
    if boxes is None or not texts:
        return []
    line_angles = _angles_for(texts, angles, raw) if use_cls else [0] * len(texts)
    return [
        TextLine(tuple((float(x), float(y)) for x, y in box), str(text), float(score), angle)
        for box, text, score, angle in zip(boxes, texts, scores, line_angles)
    ]
