"""Frame sources: the synthetic source (with a simulated unplug) and the OpenCV video-file source."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from beian_desktop.station.sources import SourceError, SourceLost, SyntheticSource, VideoFileSource, paced


def numbered(i: int) -> np.ndarray:
    return np.full((36, 64, 3), 10 * i, np.uint8)


def test_synthetic_source_delivers_frames_in_order_then_ends():
    source = SyntheticSource(numbered, count=5, fps=20)
    with source:
        frames = [source.read() for _ in range(5)]
        assert source.read() is None
    assert [f.index for f in frames] == [0, 1, 2, 3, 4]
    assert [int(f.image[0, 0, 0]) for f in frames] == [0, 10, 20, 30, 40]
    assert frames[4].timestamp == pytest.approx(0.2)


def test_unplugged_source_raises_until_replugged_and_then_continues():
    source = SyntheticSource(numbered, count=None)
    source.open()
    assert source.read().index == 0
    source.unplug()
    with pytest.raises(SourceLost) as lost:
        source.read()
    assert "摄像头" in lost.value.message.zh and "camera" in lost.value.message.en
    with pytest.raises(SourceLost):
        source.open()  # still gone
    source.replug()
    source.open()
    assert source.read().index == 1  # the stream goes on where it stopped


def test_scheduled_outage_counts_read_attempts():
    source = SyntheticSource(numbered, count=None, outages=[(2, 4)])
    source.open()
    results = []
    for _ in range(6):
        try:
            results.append(source.read().index)
        except SourceLost:
            results.append("lost")
            try:
                source.open()
            except SourceLost:
                pass
    assert results == [0, 1, "lost", "lost", 2, 3]


def test_video_file_source_reads_every_frame_in_order(tmp_path):
    path = tmp_path / "numbers.mp4"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), 12.0, (160, 96))
    for i in range(15):
        writer.write(np.full((96, 160, 3), 15 * i, np.uint8))
    writer.release()
    source = VideoFileSource(path)
    with source:
        frames = []
        while (frame := source.read()) is not None:
            frames.append(frame)
    assert source.fps == pytest.approx(12.0)
    assert [f.index for f in frames] == list(range(15))
    levels = [float(f.image.mean()) for f in frames]
    assert levels == sorted(levels) and abs(levels[7] - 105) < 6  # the right picture at the right place
    assert frames[0].image.shape == (96, 160, 3)


@pytest.mark.parametrize("content", [None, b"not a video at all" * 100])
def test_video_file_source_refuses_missing_or_broken_files(tmp_path, content):
    path = tmp_path / "clip.mp4"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(SourceError) as error:
        VideoFileSource(path).open()
    assert str(path) in error.value.message.zh and str(path) in error.value.message.en


def test_paced_playback_waits_for_each_frames_time():
    now = [0.0]
    waits = []

    def sleep(seconds):
        waits.append(round(seconds, 3))
        now[0] += seconds

    source = SyntheticSource(numbered, count=3, fps=10)
    source.open()
    frames = list(paced(source, clock=lambda: now[0], sleep=sleep))
    assert len(frames) == 3
    assert waits == [0.1, 0.1]
