"""Remove what a picture says about where and with what it was taken, before it leaves the app.

:func:`strip_metadata` returns a copy without EXIF (GPS position, camera model, dates), XMP, IPTC/Photoshop blocks and
comments:

* JPEG: the metadata segments are cut out without re-encoding (the colour profile stays); data after the primary
  picture (a motion photo's video, the other pictures of an MPO file) goes too. When the EXIF orientation turns the
  picture, the pixels are turned instead and re-encoded at quality 95, so it still shows the right way up.
* PNG: only the chunks needed to draw the picture are kept (no ``eXIf``, ``tEXt``, ``iTXt``, ``zTXt``, ``tIME``).
* BMP carries no metadata and stays as it is; any other format (WebP, HEIC, ...) is re-encoded as a clean JPEG.

Anything that cannot be read is returned unchanged only if it carries no known metadata marker; otherwise
:class:`~beian_desktop.imaging.decode.ImageLoadError` is raised (never pass on what could not be cleaned).
"""

from __future__ import annotations

import struct

from beian_desktop.imaging.decode import ImageLoadError, jpeg_primary_end, sniff_format

#: JPEG markers kept: the frame, tables and scan markers, JFIF (APP0), Adobe colour transform (APP14) and the ICC
#: profile inside APP2. Every other APPn (EXIF/XMP in APP1, MPF in APP2, IPTC in APP13...) and COM is removed.
_KEEP_APP = {0xE0, 0xEE}
#: PNG chunks kept (critical chunks plus the ones that change how the picture looks).
_PNG_KEEP = {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT", b"pHYs"}


def strip_metadata(data: bytes) -> bytes:
    """``data`` without location, camera and other metadata (see the module notes)."""
    fmt = sniff_format(data)
    if fmt == "jpeg":
        return _strip_jpeg(data)
    if fmt == "png":
        return _strip_png(data)
    if fmt == "bmp":
        return data
    return _reencode(data)


def _orientation(data: bytes) -> int:
    import io

    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as im:
            value = int(im.getexif().get(0x0112, 1) or 1)
    except Exception:  # noqa: BLE001 - unreadable EXIF: nothing to turn
        return 1
    return value if value in range(1, 9) else 1


def _strip_jpeg(data: bytes) -> bytes:
    end = jpeg_primary_end(data)
    if end is None:
        raise ImageLoadError("truncated", _msg_unreadable())
    data = data[:end]
    if _orientation(data) != 1:
        return _reencode(data)
    out = bytearray(b"\xff\xd8")
    pos = 2
    while pos + 4 <= len(data):
        marker = data[pos + 1]
        if marker == 0xDA:  # start of scan: the rest is picture data up to the end marker
            out += data[pos:]
            return bytes(out)
        length = struct.unpack(">H", data[pos + 2 : pos + 4])[0]
        segment = data[pos : pos + 2 + length]
        keep = not (0xE0 <= marker <= 0xEF or marker == 0xFE)
        keep = keep or marker in _KEEP_APP or (marker == 0xE2 and segment[4:16] == b"ICC_PROFILE\x00")
        if keep:
            out += segment
        pos += 2 + length
    raise ImageLoadError("corrupt", _msg_unreadable())


def _strip_png(data: bytes) -> bytes:
    out = bytearray(data[:8])
    pos = 8
    while pos + 12 <= len(data):
        length = struct.unpack(">I", data[pos : pos + 4])[0]
        kind = data[pos + 4 : pos + 8]
        chunk = data[pos : pos + 12 + length]
        if kind in _PNG_KEEP:
            out += chunk
        elif kind == b"eXIf" and _png_exif_turns(data[pos + 8 : pos + 8 + length]):
            return _reencode(data)
        pos += 12 + length
        if kind == b"IEND":
            return bytes(out)
    raise ImageLoadError("corrupt", _msg_unreadable())


def _png_exif_turns(raw: bytes) -> bool:
    from PIL import Image

    exif = Image.Exif()
    try:
        exif.load(raw)
        return int(exif.get(0x0112, 1) or 1) not in (0, 1)
    except Exception:  # noqa: BLE001
        return False


def _reencode(data: bytes) -> bytes:
    """Decode (orientation applied) and write a JPEG that carries no metadata at all."""
    import cv2

    from beian_desktop.imaging.decode import load_image

    decoded = load_image(data, accept=frozenset({"jpeg", "png", "bmp", "webp", "heic", "tiff", "gif"}))
    ok, encoded = cv2.imencode(".jpg", decoded.image, [cv2.IMWRITE_JPEG_QUALITY, 95])
    if not ok:  # pragma: no cover - a decoded picture always encodes
        raise ImageLoadError("corrupt", _msg_unreadable())
    return encoded.tobytes()


def _msg_unreadable():
    from beian_desktop.i18n import Msg

    return Msg("图片无法读取，无法去除其中的位置等信息", "The picture cannot be read, so its location data cannot be removed.")


def has_location_or_camera_data(data: bytes) -> bool:
    """True when ``data`` still carries EXIF, XMP or GPS blocks (used by tests and the export's self-check)."""
    fmt = sniff_format(data)
    if fmt == "jpeg":
        end = jpeg_primary_end(data) or len(data)
        head = data[: data.find(b"\xff\xda") if b"\xff\xda" in data[:end] else end]
        return b"Exif\x00\x00" in head or b"http://ns.adobe.com/xap/1.0/" in head or end < len(data)
    if fmt == "png":
        pos = 8
        while pos + 12 <= len(data):
            length = struct.unpack(">I", data[pos : pos + 4])[0]
            if data[pos + 4 : pos + 8] in (b"eXIf", b"tEXt", b"iTXt", b"zTXt"):
                return True
            pos += 12 + length
        return False
    return b"Exif\x00\x00" in data or b"<x:xmpmeta" in data


__all__ = ["has_location_or_camera_data", "strip_metadata"]
