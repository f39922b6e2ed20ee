"""Photo checker benchmark.

    python benchmarks/photo.py [--runs 21] [--frames 200]

* **Photo check vs. decode**: for a 12 MP (4032×3024) and a 1080p JPEG composed by the test fixture builder
  (real face, backdrop, sensor-like noise), the median time of ``check_photo(bytes)`` (decode included) divided by
  the median time of ``cv2.imdecode`` of the same bytes at full resolution, measured interleaved in the same run
  (A B A B ..., medians over ``--runs``). Target: ratio <= 1.0 for 12 MP. The time of the reduced decode the check
  starts with is printed as well: it is the floor of the check.
* **Live frames**: median and 95th percentile of ``LiveChecker.process`` per 1280×720 frame over a moving sequence
  (the first 5 frames are warm-up and not counted). Targets: 20 ms / 33 ms.
* **Peak memory**: a child process checks the 12 MP photo and reports its peak resident set size (``VmHWM`` from
  ``/proc/self/status`` on Linux, else ``ru_maxrss``; it includes the Python interpreter, numpy and OpenCV); a second
  child that only imports the modules gives the baseline. Target: <= 300 MB.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "imaging"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import interleaved, median, percentile  # noqa: E402
from photo_fixtures import Scene, compose  # noqa: E402

from beian_desktop.imaging.live import LiveChecker  # noqa: E402
from beian_desktop.imaging.decode import load_image  # noqa: E402
from beian_desktop.imaging.photo import DECODE_SIDE, check_photo  # noqa: E402

MEMORY_CHILD = """
import resource, sys
from beian_desktop.imaging.photo import check_photo
if sys.argv[1] != "-":
    report = check_photo(sys.argv[1])
    assert report.loaded
try:  # Linux: the high-water mark of this process image (ru_maxrss would include the parent's before exec)
    with open("/proc/self/status") as fh:
        print(next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:")))
except OSError:
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def make_jpeg(size: tuple[int, int], seed: int) -> bytes:
    # noise 4 makes the file about as large as a phone's 12 MP JPEG (3-4 MB), so decoding costs what it costs there
    image = compose(Scene(size=size, face_height=0.2, shirt="grey", noise=4.0, seed=seed))
    return cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 92])[1].tobytes()


def bench_photo(label: str, data: bytes, runs: int) -> float:
    """check vs full decode (the target ratio), with the DCT-reduced decode the check starts with for reference.

    The three are run interleaved (check, decode, reduced, check, decode, reduced, ...) so they see the same load."""
    buf = np.frombuffer(data, np.uint8)
    times = interleaved(
        {
            "check": lambda: check_photo(data),
            "decode": lambda: cv2.imdecode(buf, cv2.IMREAD_COLOR),
            "reduced": lambda: load_image(data, max_side=DECODE_SIDE),
        },
        runs,
    )
    check_ms, decode_ms, reduced_ms = (median(times[k]) * 1000 for k in ("check", "decode", "reduced"))
    ratio = check_ms / decode_ms
    print(
        f"{label:>6}: {len(data) / 1e6:.1f} MB  check {check_ms:6.1f} ms  full decode {decode_ms:6.1f} ms  ratio {ratio:.2f}"
        f"  (medians of {runs}; of the check, {reduced_ms:.1f} ms is the reduced decode)"
    )
    return ratio


def bench_live(frames: int) -> tuple[float, float]:
    base = compose(Scene(size=(1600, 900), face_height=0.22, shirt="white", seed=5))
    live = LiveChecker()
    times = []
    for i in range(frames + 5):
        dx = int(160 + 150 * np.sin(i / 15))  # the person sways from side to side
        frame = np.ascontiguousarray(base[90:810, dx : dx + 1280])
        report = live.process(frame)
        if i >= 5:
            times.append(report.elapsed_ms)
    med, p95 = median(times), percentile(times, 95)
    print(f"  live: 1280×720 frames: median {med:.1f} ms, p95 {p95:.1f} ms over {len(times)} frames")
    return med, p95


def bench_memory(path: str) -> tuple[float, float]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))

    def child(arg: str) -> float:
        out = subprocess.run([sys.executable, "-c", MEMORY_CHILD, arg], capture_output=True, text=True, env=env, check=True)
        kib = int(out.stdout.strip().splitlines()[-1])
        return kib / 1024 if sys.platform != "darwin" else kib / 1024 / 1024

    base, peak = child("-"), child(path)
    print(f"memory: peak RSS checking 12 MP {peak:.0f} MB (imports alone {base:.0f} MB, so the check adds {peak - base:.0f} MB)")
    return base, peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--frames", type=int, default=200)
    args = parser.parse_args()
    print(f"cv2 {cv2.__version__}, {os.cpu_count()} CPUs, threads {cv2.getNumThreads()}")
    twelve = make_jpeg((4032, 3024), 1)
    full_hd = make_jpeg((1920, 1080), 2)
    ratio12 = bench_photo("12 MP", twelve, args.runs)
    bench_photo("1080p", full_hd, args.runs)
    med, p95 = bench_live(args.frames)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "12mp.jpg"
        path.write_bytes(twelve)
        _, peak = bench_memory(str(path))
    ok = ratio12 <= 1.0 and med <= 20 and p95 <= 33 and peak <= 300
    print("targets met" if ok else "some targets NOT met (12 MP ratio <= 1.0, live median <= 20 ms / p95 <= 33 ms, memory <= 300 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
