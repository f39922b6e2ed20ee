"""Photo checker benchmark.

    python benchmarks/photo.py [--runs 21] [--frames 200]

* **Photo check vs. decode**: for a 12 MP (4032×3024) and a 1080p JPEG composed by the test fixture builder
  (real face, backdrop, sensor-like noise), the median time of ``check_photo(bytes)`` (decode included) divided by
  the median time of ``cv2.imdecode`` of the same bytes at full resolution, measured interleaved in the same run
  (A B A B ..., medians over ``--runs``). Target: ratio <= 1.5 for 12 MP, and the check's own p95 <= 2x its median.
  The time of the reduced decode the check starts with is printed as well: it is the floor of the check.
* **Constant cost**: median and p95 of the check on 1080p pictures of different content (the backdrop with a
  person, the backdrop without anybody, another brand's wall, a white wall, two people): no content-dependent retry
  chain, so a picture without a face must not cost several times more than one with a face.
* **Head roll**: real faces of the development set (``../shared/eval/photo-real-dev``, skipped when absent) rotated
  by known angles; the error of the measured roll change against the applied rotation, for the landmarks of the
  working copy alone and for the straightened close-up the checker uses.
* **Live frames**: median and 95th percentile of ``LiveChecker.process`` per 1280×720 frame over a moving sequence
  (the first 5 frames are warm-up and not counted). Target: median <= 20 ms.
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


def bench_photo(label: str, data: bytes, runs: int) -> tuple[float, float]:
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
    check_p95 = percentile(times["check"], 95) * 1000
    ratio = check_ms / decode_ms
    print(
        f"{label:>6}: {len(data) / 1e6:.1f} MB  check {check_ms:6.1f} ms (p95 {check_p95:.1f})  full decode {decode_ms:6.1f} ms"
        f"  ratio {ratio:.2f}  (medians of {runs}; of the check, {reduced_ms:.1f} ms is the reduced decode)"
    )
    return ratio, check_p95 / check_ms


CONTENT = {
    "backdrop + person": dict(),
    "backdrop, nobody": dict(people=(), shirt=None),
    "another brand's wall": dict(background="press"),
    "white wall": dict(background="white_wall"),
    "two people": dict(people=("astronaut", "grace_hopper"), face_height=0.15),
}


def bench_content(runs: int) -> float:
    """Median and p95 per kind of content (1080p); returns the largest p95 / overall median."""
    pictures = {
        name: cv2.imencode(".jpg", compose(Scene(**({"size": (1920, 1080), "face_height": 0.2, "shirt": "grey", "seed": 30} | kw))))[1].tobytes()
        for name, kw in CONTENT.items()
    }
    times = interleaved({name: (lambda d=data: check_photo(d)) for name, data in pictures.items()}, runs)
    overall = median([t for ts in times.values() for t in ts]) * 1000
    worst = 0.0
    print(f"constant cost (1080p, medians/p95 of {runs}):")
    for name, ts in times.items():
        med, p95 = median(ts) * 1000, percentile(ts, 95) * 1000
        worst = max(worst, p95 / overall)
        print(f"  {name:<22} median {med:6.1f} ms  p95 {p95:6.1f} ms")
    print(f"  largest p95 / median over all pictures: {worst:.2f}")
    return worst


def bench_roll() -> None:
    """Roll error on real faces rotated by known angles (the development set; skipped when absent)."""
    from beian_desktop.imaging.face import detect_faces, landmark_roll, measure_roll
    from beian_desktop.imaging.photo import working_copy

    folder = ROOT.parent / "shared" / "eval" / "photo-real-dev"
    if not folder.is_dir():
        print("head roll: the development set is not here; skipped")
        return
    errors: dict[str, list[float]] = {"landmarks only": [], "checker (close-up + symmetry)": []}
    for path in sorted(folder.glob("deepface__tests_unit_dataset_img*.jpg"))[:25]:
        image = cv2.imread(str(path))
        if image is None:
            continue
        image, _ = working_copy(image, DECODE_SIDE)
        h, w = image.shape[:2]
        measured = {}
        for angle in (-14, -9, -5, 0, 5, 9, 14):
            rot = cv2.warpAffine(image, cv2.getRotationMatrix2D((w / 2, h / 2), -angle, 1.0), (w, h), borderMode=cv2.BORDER_REPLICATE)
            work, _ = working_copy(rot, 500, fast=True)
            faces = detect_faces(work)
            if len(faces) != 1 or landmark_roll(faces[0].landmarks) is None:
                continue
            measured[angle] = (landmark_roll(faces[0].landmarks), measure_roll(rot, faces[0], rot.shape[1] / work.shape[1]))
        if 0 not in measured:
            continue
        for angle, (raw, refined) in measured.items():
            if angle:
                errors["landmarks only"].append(abs(raw - measured[0][0] - angle))
                errors["checker (close-up + symmetry)"].append(abs(refined - measured[0][1] - angle))
    print("head roll on real faces rotated by -14..14 degrees (error of the measured change):")
    for name, errs in errors.items():
        print(f"  {name:<30} mean {np.mean(errs):.2f} deg  90 % within {np.percentile(errs, 90):.2f} deg  max {max(errs):.1f} deg  ({len(errs)} pairs)")


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
    check_photo(full_hd)  # load the models once, outside the timings
    ratio12, spread12 = bench_photo("12 MP", twelve, args.runs)
    bench_photo("1080p", full_hd, args.runs)
    worst = bench_content(max(5, args.runs // 2))
    med, p95 = bench_live(args.frames)
    bench_roll()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "12mp.jpg"
        path.write_bytes(twelve)
        _, peak = bench_memory(str(path))
    ok = ratio12 <= 1.5 and spread12 <= 2.0 and worst <= 2.0 and med <= 20 and peak <= 300
    print(
        "targets met" if ok else "some targets NOT met (12 MP ratio <= 1.5 with p95 <= 2x median, content p95 <= 2x median, "
        "live median <= 20 ms, memory <= 300 MB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
