"""Qt feeds: a video file through QMediaPlayer (when QtMultimedia is installed: the ``camera`` extra), the choice of
feed for a ``--source`` value, and the pulled feed at the end of a file."""

from __future__ import annotations

import numpy as np
import pytest

from beian_desktop.gui.station import feeds
from beian_desktop.gui.station.feeds import PullFeed, feed_for
from beian_desktop.station.sources import SourceError, VideoFileSource

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def opencv_frames(path):
    with VideoFileSource(path) as source:
        frames = []
        while (frame := source.read()) is not None:
            frames.append(frame.image)
    return frames


def collect(qtbot, feed):
    frames = []
    feed.frame.connect(frames.append)
    with qtbot.waitSignal(feed.ended, timeout=30_000):
        feed.start()
    feed.stop()
    return frames


def test_media_player_feed_delivers_every_frame_in_order(qtbot, make_clip):
    if not feeds.multimedia_available():
        pytest.skip("QtMultimedia (PySide6-Addons, the camera extra) is not installed")
    path = make_clip("LEAVES")
    frames = collect(qtbot, feeds.MediaPlayerFeed(str(path)))
    reference = opencv_frames(path)
    assert [f.index for f in frames] == list(range(len(reference)))
    assert all(b.timestamp >= a.timestamp for a, b in zip(frames, frames[1:]))
    for got, want in zip(frames, reference):
        assert got.image.shape == (720, 1280, 3)
        assert float(np.abs(got.image.astype(int) - want.astype(int)).mean()) < 6  # same picture, same colours


def test_pulled_file_feed_delivers_every_frame_then_ends(qtbot, make_clip):
    path = make_clip("LEAVES")
    frames = collect(qtbot, PullFeed(VideoFileSource(path), realtime=False))
    assert [f.index for f in frames] == list(range(20))


def test_feed_for_a_file_and_for_missing_things(tmp_path, make_clip, monkeypatch):
    feed = feed_for(str(make_clip("LEAVES")))
    assert isinstance(feed, feeds.MediaPlayerFeed if feeds.multimedia_available() else PullFeed)
    monkeypatch.setattr(feeds, "multimedia_available", lambda: False)
    assert isinstance(feed_for(str(make_clip("LEAVES"))), PullFeed)  # OpenCV decodes the file without QtMultimedia
    with pytest.raises(SourceError) as error:
        feed_for("camera")
    assert error.value.message is feeds.CAMERA_HELP
