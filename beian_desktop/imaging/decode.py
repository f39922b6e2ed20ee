"""Safe image decoding shared by the photo checker and the document checks.

* The format is sniffed from the content, never from the file name.
* Pixel dimensions are read from the header first; anything over :data:`MAX_PIXELS` is refused before decoding
  (decompression bombs), and so are truncated files, zero-byte files and types we do not accept.
* EXIF orientation is applied, so every check sees the picture the right way up.
* ``max_side`` asks for a reduced copy: JPEGs are decoded directly at 1/2, 1/4 or 1/8 scale (DCT scaling, much
  faster and smaller than a full decode followed by a resize); other formats are decoded then resized.
* Only regular files are opened (a FIFO, a device such as ``/dev/zero`` or a folder is refused from ``stat`` alone,
  and the file is opened non-blocking), and at most :data:`MAX_BYTES` are read.
* Memory is bounded: no decoded buffer holds more than :data:`MAX_DECODED_PIXELS`; a larger JPEG is decoded at a
  DCT-reduced scale that fits (``scale`` < 1 says so), a larger picture in another format is refused. A reduced
  copy of a very thin picture (16×30000) keeps at least one pixel across.
* Phone formats: a JPEG with data after its end marker (motion photos append a video) and a multi-picture JPEG (MPO)
  are read as their primary picture; HEIC/HEIF is decoded through ``pi-heif``
  (pillow-heif's decoder-only build: libheif with libde265, without the x265 encoder the app never uses).

Failures raise :class:`ImageLoadError` carrying a bilingual reason; callers turn it into a ``file`` check.
"""

from __future__ import annotations

import io
import os
import re
import stat
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, UnidentifiedImageError

from beian_desktop.errors import BeianError
from beian_desktop.i18n import Msg

try:  # keep OpenCV quiet about corrupt data: we report it ourselves
    cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_SILENT)
except AttributeError:  # pragma: no cover - very old builds
    pass

#: Largest picture we agree to decode (pixels). Phones reach 50-108 MP; 200 MP covers them with room to spare
#: while a 20000x20000 (400 MP) bomb is refused from its header.
MAX_PIXELS = 200_000_000
# Pillow refuses to open more than twice its MAX_IMAGE_PIXELS (a DecompressionBombError); align that with our limit
# once, at import, instead of switching the process-wide setting around each call (checks run in several threads).
if Image.MAX_IMAGE_PIXELS is not None and Image.MAX_IMAGE_PIXELS * 2 < MAX_PIXELS:
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS // 2
#: Largest file we read at all.
MAX_BYTES = 100 * 1024 * 1024
#: Largest decoded pixel buffer (3 bytes a pixel: 120 MB). With the file itself (<= MAX_BYTES) and the working
#: copies this keeps one file under about 500 MB. JPEGs above it are decoded DCT-reduced, other formats refused.
MAX_DECODED_PIXELS = 40_000_000
#: Smaller than this in either direction cannot be examined at all.
MIN_SIDE = 16

FORMAT_NAMES = {
    "jpeg": "JPEG",
    "png": "PNG",
    "bmp": "BMP",
    "webp": "WebP",
    "gif": "GIF",
    "tiff": "TIFF",
    "heic": "HEIC/HEIF",
    "avif": "AVIF",
    "pdf": "PDF",
}

PHOTO_FORMATS = frozenset({"jpeg", "png", "bmp", "webp", "heic"})


class ImageLoadError(BeianError):
    """An image could not be loaded. ``code`` is machine-readable, ``message`` is shown to the user."""

    def __init__(self, code: str, message: Msg, **values):
        super().__init__(message, detail=code)
        self.code = code
        self.values = values


@dataclass(slots=True)
class DecodedImage:
    image: np.ndarray  # BGR uint8, EXIF orientation applied, possibly reduced (see ``scale``)
    scale: float  # decoded size / full size
    full_size: tuple[int, int]  # (width, height) at full resolution, after orientation
    format: str  # sniffed format id, e.g. "jpeg"
    byte_size: int
    orientation: int  # EXIF orientation tag of the source (1 = upright)
    mode: str  # Pillow mode of the source ("RGB", "L", "CMYK", "I;16", ...)
    data: bytes  # the raw file content (for re-encoding and hashing)

    @property
    def size(self) -> tuple[int, int]:
        h, w = self.image.shape[:2]
        return w, h


def sniff_format(data: bytes) -> str | None:
    head = data[:32]
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"BM"):
        return "bmp"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "webp"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in (b"avif", b"avis"):
            return "avif"
        if brand in (b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"):
            return "heic"
    return None


def _refuse_format(fmt: str | None, accepted: frozenset[str]) -> ImageLoadError:
    accepted_names = "/".join(FORMAT_NAMES[f] for f in sorted(accepted))
    if fmt is None:
        return ImageLoadError(
            "not_an_image",
            Msg(
                f"文件不是可识别的图片（请使用 {accepted_names} 格式）",
                f"The file is not a recognised image (use {accepted_names}).",
            ),
        )
    name = FORMAT_NAMES.get(fmt, fmt)
    if fmt in ("heic", "avif"):  # HEIC is decoded where a caller accepts it; this is for callers that do not
        return ImageLoadError(
            "unsupported_format",
            Msg(
                f"不支持 {name} 格式：请在手机上将照片导出为 JPG（iPhone：设置 › 相机 › 格式 › 兼容性最佳）",
                f"{name} is not supported: export the photo as JPEG (iPhone: Settings › Camera › Formats › Most Compatible).",
            ),
            format=fmt,
        )
    if fmt == "pdf":
        return ImageLoadError(
            "unsupported_format",
            Msg(
                f"不支持 PDF：请上传证件的彩色照片或扫描图片（{accepted_names}）",
                f"PDF is not accepted: upload a colour photo or scan of the document ({accepted_names}).",
            ),
            format=fmt,
        )
    return ImageLoadError(
        "unsupported_format",
        Msg(f"不支持 {name} 格式，请使用 {accepted_names}", f"{name} is not supported; use {accepted_names}."),
        format=fmt,
    )


def _truncated() -> ImageLoadError:
    return ImageLoadError(
        "truncated",
        Msg("图片文件不完整（可能下载或复制时中断），请重新导出或重新拍摄", "The image file is incomplete (truncated); export or take it again."),
    )


#: In entropy-coded data, the first 0xFF that starts a marker: not a stuffed 0xFF00, a restart marker (0xD0-0xD7) or
#: a fill byte (0xFF followed by 0xFF). One regular-expression scan instead of a Python step per 0xFF byte (about
#: nine thousand in a 12 MP photo).
_NEXT_MARKER = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")


def jpeg_primary_end(data: bytes) -> int | None:
    """Offset just past the end-of-image marker of the first (primary) picture of a JPEG, ``None`` if it has none.

    Walks the marker segments (the EXIF thumbnail inside APP1 is skipped with its segment) and the entropy-coded
    data of each scan, so whatever follows the primary picture (the video of a motion photo, the other pictures of
    an MPO file, padding) is not mistaken for it.
    """
    n = len(data)
    pos = 2  # after SOI
    while pos + 2 <= n:
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0xD9:
            return pos + 2
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:  # standalone markers
            pos += 2
            continue
        length = int.from_bytes(data[pos + 2 : pos + 4], "big")
        if length < 2 or pos + 4 > n:
            return None
        pos += 2 + length
        if marker == 0xDA:  # start of scan: skip the entropy-coded data up to the next real marker
            found = _NEXT_MARKER.search(data, pos)
            if found is None:
                return None
            pos = found.start()
    return None



def _primary(data: bytes, fmt: str) -> bytes:
    """``data`` cut to its primary picture (JPEG), after checking that the picture is complete."""
    if fmt == "jpeg":
        end = jpeg_primary_end(data)
        if end is None:
            raise _truncated()
        return data if end == len(data) else data[:end]
    if fmt == "png" and b"IEND" not in data[-64:] and data.find(b"IEND") < 0:
        raise _truncated()
    return data


def _too_large_file(size: int) -> ImageLoadError:
    return ImageLoadError(
        "too_large_file",
        Msg(f"文件过大（{size / 1048576:.0f} MB，上限 {MAX_BYTES // 1048576} MB），无法检查",
            f"The file is too large to examine ({size / 1048576:.0f} MB, limit {MAX_BYTES // 1048576} MB)."),
        bytes=size,
    )


def _not_regular(mode: int) -> ImageLoadError:
    if stat.S_ISDIR(mode):
        return ImageLoadError("missing", Msg("这是一个文件夹，不是图片", "This is a folder, not an image."))
    return ImageLoadError(
        "not_a_file",
        Msg("这不是普通文件（可能是设备、管道或套接字），不会读取", "This is not a regular file (a device, pipe or socket); it is not read."),
    )


def read_regular_file(path: str | Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; anything else raises :class:`ImageLoadError`.

    ``stat`` decides before anything is opened (a FIFO would block ``open``, ``/dev/zero`` never ends); the file is
    then opened non-blocking and checked again on the open descriptor, so a swap in between changes nothing.
    """
    path = os.fspath(path)
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise _not_regular(info.st_mode)
        if info.st_size > limit:
            raise _too_large_file(info.st_size)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise _not_regular(info.st_mode)
            data = handle.read(limit + 1)
        if len(data) > limit:  # grew since stat
            raise _too_large_file(len(data))
        return data
    except FileNotFoundError:
        raise ImageLoadError("missing", Msg("找不到文件", "File not found.")) from None
    except IsADirectoryError:  # pragma: no cover - stat catches folders first
        raise ImageLoadError("missing", Msg("这是一个文件夹，不是图片", "This is a folder, not an image.")) from None
    except PermissionError:
        raise ImageLoadError("unreadable", Msg("没有权限读取该文件", "No permission to read the file.")) from None
    except OSError as exc:
        raise ImageLoadError("unreadable", Msg(f"无法读取文件：{exc.strerror}", f"Cannot read the file: {exc.strerror}")) from None


def _read(source: str | Path | bytes) -> bytes:
    if isinstance(source, (bytes, bytearray, memoryview)):
        if len(source) > MAX_BYTES:
            raise _too_large_file(len(source))
        return bytes(source)
    return read_regular_file(source)


def _too_many_pixels(width: int | None = None, height: int | None = None) -> ImageLoadError:
    size = f"{width}×{height} " if width and height else ""
    return ImageLoadError(
        "too_many_pixels",
        Msg(
            f"图片尺寸异常（{size}超过 {MAX_PIXELS // 1_000_000} 百万像素上限），可能是损坏或恶意文件",
            f"The image is unreasonably large ({size}over {MAX_PIXELS // 1_000_000} MP); it may be damaged or malicious.",
        ),
        width=width,
        height=height,
    )


_heif_lock = threading.Lock()
_heif_ready = False


def _enable_heif() -> None:
    """Let Pillow open HEIC/HEIF through ``pi-heif`` (registered once, on first use)."""
    global _heif_ready
    with _heif_lock:
        if not _heif_ready:
            try:
                import pi_heif
            except ImportError:  # pragma: no cover - a declared dependency; refuse cleanly if it is missing
                raise ImageLoadError(
                    "unsupported_format",
                    Msg("无法读取 HEIC：缺少 pi-heif 组件，请将照片导出为 JPG",
                        "HEIC cannot be read (pi-heif is missing); export the photo as JPEG."),
                    format="heic",
                ) from None
            pi_heif.register_heif_opener()
            _heif_ready = True


def _unreadable_heic(exc: BaseException | None = None) -> ImageLoadError:
    """A HEIC file that ``pi-heif`` cannot decode (damaged, or a variant it does not know): advise JPEG."""
    return ImageLoadError(
        "unsupported_format",
        Msg(
            "无法读取该 HEIC 文件（已损坏或是不支持的变体）：请在手机上将照片导出为 JPG（iPhone：设置 › 相机 › 格式 › 兼容性最佳）",
            "This HEIC file cannot be read (damaged or an unsupported variant): export the photo as JPEG "
            "(iPhone: Settings › Camera › Formats › Most Compatible).",
        ),
        format="heic",
        detail=type(exc).__name__ if exc is not None else "",
    )


def _exif(im: Image.Image, fmt: str | None) -> Image.Exif:
    """The EXIF of an opened picture without decoding its pixels.

    Pillow's ``getexif()`` on a PNG loads the whole picture to look for an eXIf chunk after the pixel data (a 583 KB
    PNG of 196 MP took 1.3 GB that way); only an eXIf chunk before the pixels is read here.
    """
    if fmt == "png":
        exif = Image.Exif()
        raw = im.info.get("exif")
        if raw:
            exif.load(raw[6:] if raw.startswith(b"Exif\x00\x00") else raw)
        return exif
    return im.getexif()


def _header(data: bytes, fmt: str | None = None) -> tuple[int, int, str, int, bool]:
    """(width, height, mode, exif orientation, animated) from the header, without decoding pixels.

    Several pictures in a JPEG (MPO: the primary plus previews or a depth map) or a HEIC file are not an animation:
    the primary picture is used.
    """
    if fmt == "heic":
        _enable_heif()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # our own limit applies below
        try:
            with Image.open(io.BytesIO(data)) as im:
                width, height = im.size
                mode = im.mode
                animated = fmt not in ("jpeg", "heic") and getattr(im, "n_frames", 1) > 1
                try:
                    orientation = int(_exif(im, fmt).get(0x0112, 1) or 1)
                except Exception:  # malformed EXIF must not make a good picture unreadable
                    orientation = 1
        except Image.DecompressionBombError:
            raise _too_many_pixels() from None
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as exc:
            if fmt == "heic":
                raise _unreadable_heic(exc) from None
            raise ImageLoadError(
                "corrupt",
                Msg("图片文件已损坏，无法打开", "The image file is damaged and cannot be opened."),
                detail=type(exc).__name__,
            ) from None
    if orientation not in range(1, 9):
        orientation = 1
    return width, height, mode, orientation, animated


_ORIENT_OPS = {
    2: lambda a: cv2.flip(a, 1),
    3: lambda a: cv2.rotate(a, cv2.ROTATE_180),
    4: lambda a: cv2.flip(a, 0),
    5: lambda a: cv2.transpose(a),
    6: lambda a: cv2.rotate(a, cv2.ROTATE_90_CLOCKWISE),
    7: lambda a: cv2.flip(cv2.transpose(a), -1),
    8: lambda a: cv2.rotate(a, cv2.ROTATE_90_COUNTERCLOCKWISE),
}


def apply_orientation(image: np.ndarray, orientation: int) -> np.ndarray:
    op = _ORIENT_OPS.get(orientation)
    return op(image) if op else image


def as_bgr(image: np.ndarray) -> np.ndarray:
    """``image`` with three BGR channels (a grey or a BGRA picture is converted; BGR is returned as it is)."""
    if image.ndim == 2:
        return cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    if image.shape[2] == 4:
        return cv2.cvtColor(image, cv2.COLOR_BGRA2BGR)
    return image


def shrink(image: np.ndarray, max_side: int) -> tuple[np.ndarray, float]:
    """``image`` reduced (area averaging) so that its long side is at most ``max_side``, and the factor applied (<= 1)."""
    f = min(1.0, max_side / max(image.shape[:2]))
    if f < 1:
        image = resize_by(image, f)
    return image, f


def resize_by(image: np.ndarray, f: float, interpolation: int = cv2.INTER_AREA) -> np.ndarray:
    """``image`` scaled by ``f``; neither side ever becomes 0 (``fx``/``fy`` would, for a very thin picture)."""
    h, w = image.shape[:2]
    return cv2.resize(image, (max(1, round(w * f)), max(1, round(h * f))), interpolation=interpolation)


_FLAGS = {1: cv2.IMREAD_COLOR, 2: cv2.IMREAD_REDUCED_COLOR_2, 4: cv2.IMREAD_REDUCED_COLOR_4, 8: cv2.IMREAD_REDUCED_COLOR_8}


def _reduction_flag(width: int, height: int, max_side: int | None) -> tuple[int, int]:
    """OpenCV imread flag and factor for a JPEG DCT-reduced decode that stays >= max_side on the long side.

    Whatever ``max_side`` asks, the factor is at least what keeps the decoded buffer within :data:`MAX_DECODED_PIXELS`.
    """
    factor = 1
    while factor < 8 and width * height > MAX_DECODED_PIXELS * factor * factor:
        factor *= 2
    if max_side:
        long_side = max(width, height)
        for candidate in (8, 4, 2):
            if candidate > factor and long_side / candidate >= max_side:
                factor = candidate
                break
    return _FLAGS[factor], factor


def jpeg_reduction(width: int, height: int, max_side: int | None) -> int:
    """The DCT reduction factor (1, 2, 4 or 8) ``load_image(max_side=...)`` decodes a JPEG of that size with."""
    return _reduction_flag(width, height, max_side)[1]


def _decode_pixels(data: bytes, fmt: str, width: int, height: int, mode: str, max_side: int | None) -> np.ndarray:
    buf = np.frombuffer(data, dtype=np.uint8)
    image = None
    if fmt == "jpeg":
        flag, factor = _reduction_flag(width, height, max_side)
        image = cv2.imdecode(buf, flag | cv2.IMREAD_IGNORE_ORIENTATION)
        if image is None and factor > 1:  # the Pillow fallback below must not decode it at full size either
            max_side = max(max_side or 0, (max(width, height) + factor - 1) // factor)
    elif fmt in ("png", "bmp", "webp", "tiff"):
        image = cv2.imdecode(buf, cv2.IMREAD_COLOR | cv2.IMREAD_IGNORE_ORIENTATION)
    if image is None:
        # Pillow as a fallback (palette images, odd PNG/BMP variants, GIF first frame)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                with Image.open(io.BytesIO(data)) as im:
                    if max_side:
                        im.draft("RGB", (max_side, max_side))
                    rgb = im.convert("RGB")
                    image = cv2.cvtColor(np.asarray(rgb), cv2.COLOR_RGB2BGR)
        except Exception:
            image = None
    if image is None or image.size == 0:
        if fmt == "heic":
            raise _unreadable_heic()
        raise ImageLoadError("corrupt", Msg("图片文件已损坏，无法解码", "The image file is damaged and cannot be decoded."))
    if image.dtype != np.uint8:
        image = cv2.convertScaleAbs(image, alpha=255.0 / 65535.0)
    image = as_bgr(image)
    if max_side and max(image.shape[:2]) > max_side * 1.5:
        image = resize_by(image, max_side / max(image.shape[:2]))
    return image


def load_image(
    source: str | Path | bytes,
    *,
    max_side: int | None = None,
    accept: frozenset[str] = PHOTO_FORMATS,
) -> DecodedImage:
    """Load an image safely. ``max_side``: decode a reduced copy whose long side is about that size (never upscaled)."""
    data = _read(source)
    if not data:
        raise ImageLoadError("empty", Msg("文件是空的（0 字节）", "The file is empty (0 bytes)."))
    fmt = sniff_format(data)
    if fmt not in accept:
        raise _refuse_format(fmt, accept)
    data = _primary(data, fmt)
    width, height, mode, orientation, animated = _header(data, fmt)
    if animated:
        raise ImageLoadError("animated", Msg("不支持动图，请使用普通照片", "Animated images are not accepted; use a still photo."))
    if width * height > MAX_PIXELS:
        raise _too_many_pixels(width, height)
    if fmt != "jpeg" and width * height > MAX_DECODED_PIXELS:
        raise ImageLoadError(
            "too_many_pixels",
            Msg(
                f"图片像素过多（{width}×{height}）：{FORMAT_NAMES.get(fmt, fmt)} 格式最多 {MAX_DECODED_PIXELS // 1_000_000} 百万像素，请导出为 JPG 或缩小后再试",
                f"The picture has too many pixels ({width}×{height}): {FORMAT_NAMES.get(fmt, fmt)} is limited to "
                f"{MAX_DECODED_PIXELS // 1_000_000} MP; export it as JPEG or a smaller copy.",
            ),
            width=width,
            height=height,
        )
    if min(width, height) < MIN_SIDE:
        raise ImageLoadError(
            "too_small",
            Msg(f"图片太小（{width}×{height} 像素），无法检查", f"The image is too small to examine ({width}×{height} px)."),
            width=width,
            height=height,
        )
    image = _decode_pixels(data, fmt, width, height, mode, max_side)
    image = apply_orientation(image, orientation)
    full_w, full_h = (height, width) if orientation in (5, 6, 7, 8) else (width, height)
    scale = image.shape[1] / full_w
    return DecodedImage(
        image=image,
        scale=scale,
        full_size=(full_w, full_h),
        format=fmt,
        byte_size=len(data),
        orientation=orientation,
        mode=mode,
        data=data,
    )
