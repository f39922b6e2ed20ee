"""One-page PDF scans as document pictures: rendered with ``pypdfium2`` (PDFium) at a resolution inside the document
type's limits, before the image decoder sees the file.

Only the document checks and the fixer accept PDF; what they produce (the fixed file, the submission package) is
always a JPEG. A PDF with several pages, a password or damaged content is refused with a bilingual reason.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from beian_desktop.i18n import Msg
from beian_desktop.imaging.decode import MAX_BYTES, MAX_PIXELS, DecodedImage, ImageLoadError

#: Long side a page is rendered at when the type allows it (an A4 page at 200 dpi; ID cards are capped lower).
RENDER_LONG_SIDE = 2339


def is_pdf(head: bytes) -> bool:
    """A PDF file starts with ``%PDF-`` (PDF readers accept it within the first 1024 bytes)."""
    return b"%PDF-" in head[:1024]


def read_if_pdf(source: str | Path | bytes) -> bytes | None:
    """The file's bytes when ``source`` is a PDF, else ``None`` (unreadable paths too: the decoder reports those)."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        return data if is_pdf(data) else None
    try:
        path = Path(source)
        if not path.is_file():
            return None
        with path.open("rb") as handle:
            head = handle.read(1024)
            if not is_pdf(head):
                return None
            if path.stat().st_size > MAX_BYTES:
                return None  # the decoder refuses it with the usual size message
            return head + handle.read()
    except (OSError, ValueError):
        return None


def _refuse(code: str, zh: str, en: str, **values) -> ImageLoadError:
    return ImageLoadError(code, Msg(zh, en), format="pdf", **values)


def render_pdf(data: bytes, long_side: int, min_short_side: int = 0) -> np.ndarray:
    """Render the only page of ``data`` (BGR uint8) with its long side ``long_side`` px (more if needed to reach
    ``min_short_side``)."""
    try:
        import pypdfium2 as pdfium
    except ImportError as exc:  # pragma: no cover - a broken installation
        raise _refuse("pdf_unavailable", "无法读取 PDF：缺少 PDF 组件", "PDF files cannot be read: the PDF component is missing.") from exc
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        text = str(exc).lower()
        if "password" in text:
            raise _refuse("pdf_encrypted", "PDF 有密码保护，请导出为图片或去除密码后再上传", "The PDF is password-protected: export it as an image or remove the password.") from exc
        raise _refuse("pdf_unreadable", "PDF 文件已损坏，无法读取，请重新导出或扫描", "The PDF file is damaged and cannot be read; export or scan it again.") from exc
    try:
        pages = len(doc)
        if pages != 1:
            raise _refuse(
                "pdf_pages",
                f"PDF 有 {pages} 页：每个证件面请单独上传一页（或一张图片）",
                f"The PDF has {pages} pages: upload one page (or one picture) per document side.",
                pages=pages,
            )
        page = doc[0]
        try:
            width, height = page.get_size()  # points (1/72 inch), rotation applied
            if width <= 1 or height <= 1:
                raise _refuse("pdf_unreadable", "PDF 页面为空", "The PDF page is empty.")
            scale = long_side / max(width, height)
            if min_short_side:
                scale = max(scale, min_short_side / min(width, height))
            if width * height * scale * scale > MAX_PIXELS:
                scale = (MAX_PIXELS / (width * height)) ** 0.5
            bitmap = page.render(scale=scale)
            try:
                pil = bitmap.to_pil().convert("RGB")
            finally:
                bitmap.close()
        finally:
            page.close()
    except ImageLoadError:
        raise
    except Exception as exc:  # noqa: BLE001 - PDFium errors on odd content must not crash a batch
        raise _refuse("pdf_unreadable", "PDF 页面无法渲染，请重新导出或扫描", "The PDF page cannot be rendered; export or scan it again.") from exc
    finally:
        doc.close()
    rgb = np.asarray(pil)
    return np.ascontiguousarray(rgb[:, :, ::-1])


def decode_pdf(data: bytes, dtype) -> DecodedImage:
    """A :class:`DecodedImage` of the rendered page at full (rendered) resolution, for the document checks."""
    long_side = max(dtype.min_long_side, min(RENDER_LONG_SIDE, dtype.max_output_long_side))
    image = render_pdf(data, long_side, dtype.min_short_side)
    h, w = image.shape[:2]
    return DecodedImage(image=image, scale=1.0, full_size=(w, h), format="pdf", byte_size=len(data), orientation=1, mode="RGB", data=data)
