"""Fixtures of the station tests: the generated clips (written once per session)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import clips  # noqa: E402


@pytest.fixture(scope="session")
def clip_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("clips")


@pytest.fixture(scope="session")
def make_clip(clip_dir):
    """``make_clip("WALK_IN")`` → path of that story's clip (written on first use)."""
    written: dict[str, Path] = {}

    def make(name: str) -> Path:
        if name not in written:
            written[name] = clips.write_clip(clip_dir / f"{name.lower()}.mp4", getattr(clips, name))
        return written[name]

    return make
