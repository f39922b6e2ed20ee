"""Generators and a measured child-process runner shared by the robustness tests.

Every hostile case is made by the tests themselves (nothing is downloaded or checked in): thin, huge and special files,
file names in GBK bytes, JPEGs with trailing data, multi-picture JPEGs (MPO), HEIC files and crafted packages.
"""

from __future__ import annotations

import io
import json
import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import numpy as np
from PIL import Image

#: What one file may cost a checking process, the limit the issue sets (RSS, bytes).
RSS_LIMIT = 500 * 1024 * 1024

# Runs ``beian-desktop ARGS...`` in this child and writes its peak RSS (bytes) into $BEIAN_RSS_OUT afterwards.
_MEASURED = """
import os, resource, sys
from beian_desktop import cli
code = 2
try:
    code = cli.main(sys.argv[1:])
finally:
    # VmHWM is this program's own peak; ru_maxrss can carry the parent's size over from fork() on Linux
    peak = 0
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    peak = int(line.split()[1]) * 1024
    except OSError:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    with open(os.environ["BEIAN_RSS_OUT"], "w") as f:
        f.write(str(peak))
sys.exit(code)
"""


def run_cli(args: list, tmp_path: Path, *, timeout: float = 120, env: dict | None = None):
    """Run the CLI in a fresh process; returns (returncode, stdout text, stderr text, peak RSS in bytes)."""
    rss_file = tmp_path / f"rss-{os.getpid()}-{len(list(tmp_path.iterdir()))}.txt"
    full_env = dict(os.environ, BEIAN_RSS_OUT=str(rss_file), PYTHONIOENCODING="utf-8")  # strict UTF-8 on purpose
    full_env.update(env or {})
    proc = subprocess.run(
        [sys.executable, "-c", _MEASURED, *args],
        capture_output=True,
        timeout=timeout,
        env=full_env,
        stdin=subprocess.DEVNULL,
    )
    peak = int(rss_file.read_text()) if rss_file.exists() else 0
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"), peak


def run_in_process(args: list, capsys) -> tuple[int, str, str]:
    """Run the CLI in this process (faster; for cases where memory is not measured): (code, stdout, stderr)."""
    from beian_desktop import cli

    capsys.readouterr()
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def json_lines(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def photo_like(width: int = 800, height: int = 600, seed: int = 0) -> np.ndarray:
    """A smooth, textured BGR picture (compresses like a photo, not like a flat colour)."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    base = np.stack([x / width * 200, y / height * 200, (x + y) / (width + height) * 255], axis=2)
    noise = rng.normal(0, 12, (height, width, 3))
    return np.clip(base + noise, 0, 255).astype(np.uint8)


def encode(image_bgr: np.ndarray, fmt: str = "JPEG", **params) -> bytes:
    rgb = Image.fromarray(np.ascontiguousarray(image_bgr[:, :, ::-1]))
    buf = io.BytesIO()
    rgb.save(buf, fmt, **params)
    return buf.getvalue()


def flat_png(width: int, height: int, value: int = 128) -> bytes:
    """An RGB PNG of any size, written row by row (a 200 MP picture costs a few MB here, never the pixels)."""

    def chunk(kind: bytes, payload: bytes) -> bytes:
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF)

    compressor = zlib.compressobj(9)
    row = b"\x00" + bytes([value]) * (3 * width)
    parts = []
    for _ in range(height):
        out = compressor.compress(row)
        if out:
            parts.append(out)
    parts.append(compressor.flush())
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", b"".join(parts)) + chunk(b"IEND", b"")


def motion_photo(jpeg: bytes, seed: int) -> bytes:
    """``jpeg`` followed by a fake MP4 (a motion photo): random bytes that contain JPEG markers by chance."""
    rng = np.random.default_rng(seed)
    video = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + rng.integers(0, 256, 60_000, dtype=np.uint8).tobytes()
    # make sure the "video" holds what fooled the old check: a start-of-scan after the last end-of-image
    return jpeg + video[:3000] + b"\xff\xd9" + video[3000:40000] + b"\xff\xda\x00\x0c" + video[40000:]


def mpo(primary_bgr: np.ndarray, second_bgr: np.ndarray) -> bytes:
    first = Image.fromarray(primary_bgr[:, :, ::-1].copy())
    second = Image.fromarray(second_bgr[:, :, ::-1].copy())
    buf = io.BytesIO()
    first.save(buf, "MPO", save_all=True, append_images=[second])
    return buf.getvalue()


def heic(image_bgr: np.ndarray, *, orientation: int | None = None) -> bytes:
    # pillow-heif's encoder, called directly: registering it as Pillow's HEIF plugin would let it decode in place
    # of the app's pi-heif (decoder-only) in the same test process
    import pillow_heif

    im = Image.fromarray(image_bgr[:, :, ::-1].copy())
    params = {}
    if orientation:
        exif = Image.Exif()
        exif[0x0112] = orientation
        params["exif"] = exif.tobytes()
    buf = io.BytesIO()
    pillow_heif.from_pillow(im).save(buf, quality=90, **params)
    return buf.getvalue()
