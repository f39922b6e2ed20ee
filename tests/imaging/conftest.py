"""Shared builders for image tests (photo checker, document checks).

``build_unusual_images()`` returns odd and broken files (random bytes, truncated JPEG/PNG, 1×1 and 20000×20000
headers, CMYK, 16-bit, greyscale, animated GIF, zero bytes, fake extension, HEIC header...) with what a checker
must do with each: decode it and check it normally, or refuse it with a ``file`` failure. Document tests may use
the ``unusual_images`` fixture too. ``assert_refused`` is the check that a checker refused a file properly.
"""

from __future__ import annotations

import io
import struct
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

sys.path.insert(0, str(Path(__file__).parent))  # make photo_fixtures importable from the test modules


@dataclass(frozen=True)
class UnusualImage:
    name: str  # file name (its extension may lie on purpose)
    data: bytes
    loadable: bool  # True: a valid picture that must be decoded; False: must be refused with a reason
    code: str | None = None  # expected ImageLoadError code when refused (None: any)


def _png_chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF)


def png_with_header(width: int, height: int) -> bytes:
    """A syntactically complete PNG that *claims* ``width``×``height`` (a decompression-bomb header)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr) + _png_chunk(b"IDAT", idat) + _png_chunk(b"IEND", b"")


def sample_picture(width: int = 960, height: int = 720) -> np.ndarray:
    """A plain BGR test picture with some structure (gradient and shapes)."""
    y, x = np.mgrid[0:height, 0:width]
    img = np.dstack([(x * 255 // width), (y * 255 // height), np.full_like(x, 128)]).astype(np.uint8)
    cv2.circle(img, (width // 2, height // 3), height // 8, (40, 80, 200), -1)
    cv2.rectangle(img, (width // 4, height // 2), (3 * width // 4, height - 1), (30, 30, 30), -1)
    return img


def _pil_save(img: Image.Image, fmt: str, **kwargs) -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt, **kwargs)
    return buf.getvalue()


def build_unusual_images() -> list[UnusualImage]:
    rng = np.random.default_rng(42)
    bgr = sample_picture()
    rgb = Image.fromarray(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB))
    jpeg = cv2.imencode(".jpg", bgr)[1].tobytes()
    png = cv2.imencode(".png", bgr)[1].tobytes()
    frames = [Image.new("RGB", (64, 64), c) for c in ("red", "green", "blue")]
    gif = _pil_save(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(rng.integers(0, 256, 2000, dtype=np.uint8))
    tiny_jpeg = cv2.imencode(".jpg", np.zeros((1, 1, 3), np.uint8))[1].tobytes()
    return [
        UnusualImage("random.jpg", bytes(rng.integers(0, 256, 5000, dtype=np.uint8)), False, "not_an_image"),
        UnusualImage("empty.jpg", b"", False, "empty"),
        UnusualImage("text.jpg", b"This is not a picture, just text with a .jpg name.\n" * 20, False, "not_an_image"),
        UnusualImage("truncated.jpg", jpeg[: len(jpeg) // 2], False, "truncated"),
        UnusualImage("truncated.png", png[: len(png) // 2], False, "truncated"),
        UnusualImage("header-only.jpg", jpeg[:200], False),
        UnusualImage("one-pixel.png", cv2.imencode(".png", np.zeros((1, 1, 3), np.uint8))[1].tobytes(), False, "too_small"),
        UnusualImage("one-pixel.jpg", tiny_jpeg, False, "too_small"),
        UnusualImage("bomb-20000.png", png_with_header(20000, 20000), False, "too_many_pixels"),
        UnusualImage("animated.gif", gif, False, "unsupported_format"),
        UnusualImage("phone.heic", heic, False, "unsupported_format"),
        UnusualImage("document.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", False, "unsupported_format"),
        UnusualImage("cmyk.jpg", _pil_save(rgb.convert("CMYK"), "JPEG", quality=90), True),
        UnusualImage("sixteen-bit.png", cv2.imencode(".png", bgr.astype(np.uint16) * 257)[1].tobytes(), True),
        UnusualImage("grey.jpg", cv2.imencode(".jpg", cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY))[1].tobytes(), True),
        UnusualImage("palette.png", _pil_save(rgb.convert("P"), "PNG"), True),
        UnusualImage("rgba.png", cv2.imencode(".png", cv2.cvtColor(bgr, cv2.COLOR_BGR2BGRA))[1].tobytes(), True),
        UnusualImage("png-named.jpg", png, True),
        UnusualImage("photo.webp", cv2.imencode(".webp", bgr)[1].tobytes(), True),
        UnusualImage("photo.bmp", cv2.imencode(".bmp", bgr)[1].tobytes(), True),
    ]


@pytest.fixture(scope="session")
def unusual_images() -> list[UnusualImage]:
    return build_unusual_images()


def _assert_refused(report, code: str | None = None, *, also: tuple[str, ...] = ()) -> None:
    """The checker refused the file: verdict fail, a bilingual ``file`` failure (with ``code`` when given) and, after
    it, either nothing or exactly the checks in ``also`` (the document checks add ``format``)."""
    assert report.verdict == "fail"
    assert not report.loaded
    assert [c.id for c in report.checks] in (["file"], ["file", *also])
    check = report.checks[0]
    assert check.status == "fail"
    assert check.message.zh and check.message.en
    if code:
        assert check.values["code"] == code


@pytest.fixture(scope="session")
def assert_refused():
    return _assert_refused
