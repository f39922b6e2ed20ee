"""The small neural-network models shipped in ``resources/models/`` and how they are loaded (offline, OpenCV only).

* ``face_detection_yunet.onnx``: YuNet face detector (box, score, five landmarks), Apache-2.0, from
  ShiqiYu/libfacedetection.train (``onnx/yunet_n_640_640.onnx``); loaded with ``cv2.FaceDetectorYN``.
* ``selfie_segmentation.tflite``: MediaPipe selfie segmentation (person / background), Apache-2.0, from the
  ``mediapipe==0.10.14`` wheel; loaded with ``cv2.dnn.readNetFromTFLite``.

OpenCV's detector and network objects keep per-call state, so each thread gets its own (creating one costs a few
milliseconds); the model bytes are read once per process.
"""

from __future__ import annotations

import threading
from functools import lru_cache

import cv2
import numpy as np

from beian_desktop.paths import resource_path

FACE_MODEL = "face_detection_yunet.onnx"
SEGMENTATION_MODEL = "selfie_segmentation.tflite"
#: Face score threshold and non-maximum suppression overlap of the detector.
FACE_SCORE = 0.75
FACE_NMS = 0.3
SEGMENTATION_SIZE = 256

_local = threading.local()


class ModelMissing(RuntimeError):
    """A model file is missing or unreadable (a broken installation)."""


@lru_cache(maxsize=None)
def model_bytes(name: str) -> bytes:
    path = resource_path("models", name)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ModelMissing(f"model file missing: {path}") from exc


def face_detector() -> cv2.FaceDetectorYN:
    """This thread's YuNet detector (call ``setInputSize`` before each ``detect``)."""
    det = getattr(_local, "face", None)
    if det is None:
        buffer = np.frombuffer(model_bytes(FACE_MODEL), np.uint8)
        det = cv2.FaceDetectorYN.create("onnx", buffer, np.empty(0, np.uint8), (320, 320), FACE_SCORE, FACE_NMS, 5000)
        _local.face = det
    return det


def segmentation_net() -> cv2.dnn.Net:
    """This thread's selfie-segmentation network (input: RGB 256×256 in [0, 1]; output: person probability)."""
    net = getattr(_local, "segmentation", None)
    if net is None:
        net = cv2.dnn.readNetFromTFLite(np.frombuffer(model_bytes(SEGMENTATION_MODEL), np.uint8))
        _local.segmentation = net
    return net


def person_probability(bgr: np.ndarray) -> np.ndarray:
    """Person probability (float32 0..1) for every pixel of a BGR picture (the network sees it stretched to 256²)."""
    net = segmentation_net()
    blob = cv2.dnn.blobFromImage(bgr, 1 / 255.0, (SEGMENTATION_SIZE, SEGMENTATION_SIZE), swapRB=True)
    net.setInput(blob)
    out = net.forward().reshape(SEGMENTATION_SIZE, SEGMENTATION_SIZE)
    out = np.clip(out, 0.0, 1.0).astype(np.float32)
    return cv2.resize(out, (bgr.shape[1], bgr.shape[0]), interpolation=cv2.INTER_LINEAR)
