"""Capture station benchmark: display rate and analyses per second at 1280×720 on this machine.

    python benchmarks/station.py [--seconds 6]

* **Live analysis alone**: median and 95th percentile of ``StationPipeline.analyse`` (``LiveChecker`` + guidance) per
  1280×720 frame of a moving sequence composed from the test fixtures' real face; analyses per second on one thread.
* **Station window** (offscreen, 1600×900): frames offered by a paced feed at the camera rate (30 fps) and as fast
  as possible; the display rate is the number of frames painted per second, the analysis rate the number analysed
  per second in the worker thread at the same time (frames arriving while it is busy are dropped). "Displayed" counts distinct frames painted.
* **Frame conversion** (with QtMultimedia): a 1280×720 YUV420P ``QVideoFrame`` to a BGR array from its planes.
* **Video file decode**: OpenCV per frame (the headless path), and QMediaPlayer's delivery of a clip (frames
  delivered of frames in the file, and whether it plays in real time).
* **Headless throughput**: ``run_headless`` over a clip, video seconds handled per wall-clock second.

Targets from the issue (display ≥ 25 fps at 1280×720, analysis ≥ 15 per second on 2 cores) are printed beside the
figures; nothing here is asserted.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false;qt.multimedia.*=false")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "station"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import clips  # noqa: E402
from _common import median, percentile  # noqa: E402

from beian_desktop.station.pipeline import StationPipeline, run_headless  # noqa: E402
from beian_desktop.station.settings import StationSettings  # noqa: E402
from beian_desktop.station.sources import Frame, SyntheticSource, VideoFileSource  # noqa: E402


def moving_frames() -> list:
    xs = [0.30, 0.34, 0.38, 0.42, 0.46, 0.50, 0.52, 0.50, 0.48, 0.50]
    return [clips.frame(replace(clips.GOOD, centre_x=x, seed=i)) for i, x in enumerate(xs)]


def bench_analysis(frames: list, n: int = 80) -> None:
    pipeline = StationPipeline(StationSettings(good_frames=10**6))
    for i in range(5):
        pipeline.analyse(Frame(frames[i % len(frames)], i, 0.0))
    times = []
    for i in range(n):
        t = time.perf_counter()
        pipeline.analyse(Frame(frames[i % len(frames)], i, i / 30))
        times.append((time.perf_counter() - t) * 1000)
    med = median(times)
    print(f"live analysis alone (1280×720): median {med:.1f} ms, p95 {percentile(times, 95):.1f} ms "
          f"→ {1000 / med:.0f} analyses/s on one thread")


def bench_window(app, frames: list, seconds: float) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    from beian_desktop.gui.station.feeds import PullFeed
    from beian_desktop.gui.station.window import StationWindow

    for label, fps in (("camera rate, 30 fps offered", 30.0), ("as fast as possible", 1000.0)):
        with tempfile.TemporaryDirectory() as tmp:
            window = StationWindow(None, StationSettings(good_frames=10**6), Path(tmp))
            window.resize(1600, 900)
            window.show()
            source = SyntheticSource(lambda i: frames[i % len(frames)], count=None, fps=fps)
            window.set_feed(PullFeed(source, realtime=True))
            loop = QEventLoop()
            QTimer.singleShot(1500, loop.quit)  # warm-up (models load, first frames)
            loop.exec()
            seen0, painted0, analysed0 = window.frames_seen, window.view.frames_painted, window.frames_analysed
            t0 = time.perf_counter()
            QTimer.singleShot(int(seconds * 1000), loop.quit)
            loop.exec()
            elapsed = time.perf_counter() - t0
            seen = window.frames_seen - seen0
            painted = window.view.frames_painted - painted0
            analysed = window.frames_analysed - analysed0
            window.shutdown()
            window.close()
            window.deleteLater()
        print(f"station window, {label}: frames received {seen / elapsed:.1f}/s, displayed {painted / elapsed:.1f}/s "
              f"(target ≥ 25), analysed {analysed / elapsed:.1f}/s (target ≥ 15), dropped {100 * (1 - analysed / max(seen, 1)):.0f} %")


def bench_conversion() -> None:
    from beian_desktop.gui.station.feeds import multimedia_available, video_frame_to_bgr

    if not multimedia_available():
        print("frame conversion: QtMultimedia not installed (pip install '.[camera]'), skipped")
        return
    import numpy as np
    from PySide6.QtCore import QSize
    from PySide6.QtMultimedia import QVideoFrame, QVideoFrameFormat

    fmt = QVideoFrameFormat(QSize(1280, 720), QVideoFrameFormat.PixelFormat.Format_YUV420P)
    frame = QVideoFrame(fmt)
    frame.map(QVideoFrame.MapMode.WriteOnly)
    rng = np.random.default_rng(1)
    for plane in range(frame.planeCount()):
        view = np.frombuffer(frame.bits(plane), np.uint8)
        view[:] = rng.integers(0, 255, view.size, dtype=np.uint8)
    frame.unmap()
    planes = []
    for _ in range(60):
        t = time.perf_counter()
        video_frame_to_bgr(frame)
        planes.append((time.perf_counter() - t) * 1000)
    print(f"frame conversion 1280×720 YUV420P → BGR array from the planes: median {median(planes):.2f} ms")


def bench_decode(app, clip: Path, n_frames: int) -> None:
    times = []
    with VideoFileSource(clip) as source:
        while True:
            t = time.perf_counter()
            frame = source.read()
            if frame is None:
                break
            times.append((time.perf_counter() - t) * 1000)
    print(f"video file decode (OpenCV, 1280×720 MPEG-4): median {median(times):.2f} ms per frame, {len(times)} frames")
    from beian_desktop.gui.station.feeds import MediaPlayerFeed, multimedia_available

    if not multimedia_available():
        return
    from PySide6.QtCore import QEventLoop, QTimer

    feed = MediaPlayerFeed(str(clip))
    got = []
    feed.frame.connect(got.append)
    loop = QEventLoop()
    feed.ended.connect(loop.quit)
    QTimer.singleShot(60_000, loop.quit)
    t = time.perf_counter()
    feed.start()
    loop.exec()
    elapsed = time.perf_counter() - t
    feed.stop()
    in_order = [f.index for f in got] == list(range(len(got)))
    print(f"QMediaPlayer → QVideoSink: {len(got)} of {n_frames} frames delivered{' in order' if in_order else ''}, "
          f"{elapsed:.1f} s for a {n_frames / clips.FPS:.1f} s clip (real time)")


def bench_headless(clip: Path, n_frames: int) -> None:
    with tempfile.TemporaryDirectory() as tmp, VideoFileSource(clip) as source:
        t = time.perf_counter()
        result = run_headless(source, Path(tmp), StationSettings(good_frames=10**6))
        elapsed = time.perf_counter() - t
    print(f"headless: {result.frames_analysed} frames analysed in {elapsed:.2f} s = {result.frames_analysed / elapsed:.1f} frames/s "
          f"({result.frames_analysed / clips.FPS / elapsed:.1f}× real time at {clips.FPS:.0f} fps)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=6.0, help="measuring time per window run (default 6)")
    args = parser.parse_args(argv)
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    print(f"CPU cores: {os.cpu_count()}")
    frames = moving_frames()
    bench_analysis(frames)
    bench_window(app, frames, args.seconds)
    bench_conversion()
    with tempfile.TemporaryDirectory() as tmp:
        clip = clips.write_clip(Path(tmp) / "stand.mp4", clips.STAND)
        n = sum(s.frames for s in clips.STAND)
        bench_decode(app, clip, n)
        bench_headless(clip, n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
