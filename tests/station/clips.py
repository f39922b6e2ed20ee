"""Generated video clips for the station tests: the real faces of ``tests/imaging/photo_fixtures.py`` composed on the
backdrop (1280×720, a few seconds at 10 fps), written with OpenCV's ``VideoWriter`` (MPEG-4 part 2 in .mp4).

A clip is a list of segments ``(scene, frames)``; ``scene=None`` is the empty backdrop. Composed frames are cached, so
a scene held for several frames costs one composition.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from pathlib import Path

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "imaging"))

from photo_fixtures import Scene, compose  # noqa: E402

SIZE = (1280, 720)
FPS = 10.0
GOOD = Scene(size=SIZE, face_height=0.2, seed=3)
EMPTY = replace(GOOD, people=())


@dataclass(frozen=True)
class Segment:
    name: str
    scene: Scene
    frames: int


_CACHE: dict[str, np.ndarray] = {}


def frame(scene: Scene) -> np.ndarray:
    key = repr(scene)  # Scene is a mutable dataclass (not hashable); its repr names every parameter
    if key not in _CACHE:
        _CACHE[key] = compose(scene)
    return _CACHE[key]


def segments(*parts: tuple[str, Scene, int]) -> list[Segment]:
    return [Segment(name, scene, n) for name, scene, n in parts]


def frames_of(parts: list[Segment]) -> list[np.ndarray]:
    return [frame(s.scene) for s in parts for _ in range(s.frames)]


def write_clip(path: Path, parts: list[Segment], fps: float = FPS) -> Path:
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), fps, SIZE)
    assert writer.isOpened(), "OpenCV cannot write MPEG-4 video here"
    for image in frames_of(parts):
        writer.write(image)
    writer.release()
    return path


def start_of(parts: list[Segment], name: str) -> int:
    """Index of the first frame of the segment called ``name``."""
    index = 0
    for s in parts:
        if s.name == name:
            return index
        index += s.frames
    raise KeyError(name)


# The stories the tests play (names of the segments are what the tests refer to).
WALK_IN = segments(
    ("empty", EMPTY, 4),
    ("edge", replace(GOOD, centre_x=0.2), 5),
    ("far", replace(GOOD, face_height=0.07), 5),
    ("good", GOOD, 16),
)
RED_TOP = segments(
    ("red", replace(GOOD, shirt="red"), 14),
    ("good", GOOD, 16),
)
LEAVES = segments(
    ("good", GOOD, 5),
    ("empty", EMPTY, 15),
)
SECOND_PERSON = segments(
    ("two", replace(GOOD, people=("astronaut", "grace_hopper"), face_height=0.16), 10),
    ("good", GOOD, 16),
)
STAND = segments(
    ("good", GOOD, 40),
)
WALK_IN_LONG = WALK_IN[:-1] + segments(("good", GOOD, 30))
