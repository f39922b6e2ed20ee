"""Render the station window offscreen for a given camera picture (README screenshot, tests)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np

from beian_desktop.gui.i18n_qt import set_ui_language
from beian_desktop.station.pipeline import StationPipeline
from beian_desktop.station.settings import StationSettings
from beian_desktop.station.sources import Frame


def render_station(image: np.ndarray, out: Path, *, lang: str = "zh_CN", size: tuple[int, int] = (1600, 900),
                   frames: int = 3) -> Path:
    """Analyse ``image`` (``frames`` times, as a live stream would) and save the window showing it as a PNG."""
    from beian_desktop.gui.station.window import StationWindow

    set_ui_language(lang)
    settings = StationSettings()
    pipeline = StationPipeline(settings)
    state = None
    for i in range(frames):
        state = pipeline.analyse(Frame(image, i, i / 25))
    with tempfile.TemporaryDirectory() as tmp:
        window = StationWindow(None, settings, Path(tmp))
        try:
            window.resize(*size)
            window.view.set_frame(image)
            window._on_analysed(state)
            window.frames_seen = frames
            out.parent.mkdir(parents=True, exist_ok=True)
            window.grab().save(str(out))
        finally:
            window.shutdown()
            window.deleteLater()
    return out
