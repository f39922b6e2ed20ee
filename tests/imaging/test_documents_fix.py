"""Automatic fixes: upright, cropped/deskewed, metadata stripped, inside the byte range, never upscaled."""

from __future__ import annotations

import dataclasses
import io

import cv2
import numpy as np
import pytest
from PIL import Image

from beian_desktop.domain.documents import document_type
from beian_desktop.imaging.docfix import DocumentFixError, fit_jpeg, fixed_path, normalize_document, normalize_document_ex
from beian_desktop.imaging.documents import check_document
from beian_desktop.imaging.documents import normalize_document as normalize_from_documents
from doc_fixtures import encode, huge_png, photograph, render_card, render_page, twelve_mp_page


@pytest.fixture(scope="module")
def card_photo() -> np.ndarray:
    rng = np.random.default_rng(11)
    img, _ = photograph(render_card("front", rng), "fabric", rng, coverage=0.45, angle=6.0, rounded=True)
    return img


def _decode(data: bytes) -> np.ndarray:
    return cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)


def _with_gps_exif(img: np.ndarray) -> bytes:
    im = Image.fromarray(cv2.cvtColor(img, cv2.COLOR_BGR2RGB))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "PhoneModel"  # Model
    gps = {1: "N", 2: (31.0, 14.0, 0.0), 3: "E", 4: (121.0, 28.0, 0.0)}
    exif[0x8825] = gps  # GPS IFD
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=93, exif=exif)
    return buf.getvalue()


def test_crops_and_deskews_a_card_to_id_proportions(card_photo):
    result = normalize_document_ex(encode(card_photo), "resident_id")
    assert result.cropped
    assert result.width / result.height == pytest.approx(85.6 / 54.0, rel=0.02)
    assert result.within_range
    fixed = check_document(result.data, "resident_id")
    assert fixed.check("orientation").status == "pass"
    assert fixed.check("size").status == "pass"
    assert fixed.check("resolution").status == "pass"


def test_sideways_card_is_turned_upright(card_photo):
    turned = np.ascontiguousarray(np.rot90(card_photo))  # 90° counter-clockwise
    result = normalize_document_ex(encode(turned), "resident_id")
    assert result.rotated == 90
    assert result.width > result.height
    assert check_document(result.data, "resident_id").check("orientation").status == "pass"


def test_upside_down_licence_is_turned_by_its_seal():
    rng = np.random.default_rng(14)
    img, _ = photograph(render_page("licence", rng), "slate", rng, frame=(1500, 2000), coverage=0.5)
    result = normalize_document_ex(encode(np.ascontiguousarray(img[::-1, ::-1])), "business_licence")
    assert result.rotated == 180 and result.cropped
    assert check_document(result.data, "business_licence").check("orientation").status == "pass"


def test_exif_and_gps_are_stripped(card_photo):
    data = _with_gps_exif(card_photo)
    with Image.open(io.BytesIO(data)) as im:
        assert im.getexif().get_ifd(0x8825)  # the source really carries a GPS position
    fixed = normalize_document(data, "resident_id")
    with Image.open(io.BytesIO(fixed)) as im:
        exif = im.getexif()
        assert not exif.get_ifd(0x8825)
        assert 0x010F not in exif and 0x0110 not in exif
    assert b"PhoneMaker" not in fixed and b"Exif" not in fixed[:2048]


def test_huge_png_is_converted_into_the_byte_range():
    result = normalize_document_ex(huge_png(), "resident_id")
    assert result.source_format == "png"
    assert result.within_range
    assert _decode(result.data) is not None
    assert any("PNG" in n.en for n in result.notes)


def test_twelve_megapixel_page_lands_in_range():
    data = twelve_mp_page(noise=4.0)
    result = normalize_document_ex(data, "authenticity_form")
    dtype = document_type("authenticity_form")
    assert result.within_range
    assert result.cropped
    assert max(result.width, result.height) <= dtype.max_output_long_side
    assert min(result.width, result.height) >= dtype.min_short_side


def test_tiny_picture_is_not_upscaled_or_padded(card_photo):
    tiny = cv2.resize(card_photo, (320, 240), interpolation=cv2.INTER_AREA)
    result = normalize_document_ex(encode(tiny, quality=80), "resident_id")
    assert (result.width, result.height) == (320, 240)
    assert result.scale == 1.0
    assert not result.within_range and len(result.data) < 200 * 1024
    assert any("320×240" in n.en and "not enlarged or padded" in n.en for n in result.notes)
    assert any("320×240" in n.zh for n in result.notes)


def test_scale_search_stops_at_the_minimum_resolution():
    """With a byte limit too small for the picture, the scale goes down to the minimum resolution and no further."""
    rng = np.random.default_rng(12)
    noisy = rng.integers(0, 256, (1500, 2000, 3), dtype=np.uint8)  # incompressible
    dtype = dataclasses.replace(document_type("other"), min_bytes=10_000, max_bytes=150_000, min_long_side=1000, min_short_side=700)
    data, quality, scale, notes = fit_jpeg(noisy, dtype)
    out = _decode(data)
    assert max(out.shape[:2]) >= 1000 and min(out.shape[:2]) >= 700
    assert scale < 1.0
    assert len(data) > dtype.max_bytes  # impossible to meet: said so, not hidden
    assert notes and "limit" in notes[0].en


def test_quality_search_reaches_the_range_without_scaling():
    rng = np.random.default_rng(13)
    img, _ = photograph(render_page("licence", rng), "wood", rng, frame=(2400, 3200), coverage=0.8, noise=5.0)
    dtype = dataclasses.replace(document_type("other"), min_bytes=100_000, max_bytes=900_000)
    data, quality, scale, notes = fit_jpeg(img, dtype)
    assert dtype.min_bytes <= len(data) <= dtype.max_bytes
    assert not notes


def test_original_is_untouched_and_fixed_path_is_beside_it(tmp_path, card_photo):
    original = tmp_path / "身份证 正面.JPG"
    data = encode(card_photo)
    original.write_bytes(data)
    fixed = normalize_document(original, "resident_id")
    assert original.read_bytes() == data
    assert fixed != data
    assert fixed_path(original) == tmp_path / "身份证 正面.fixed.jpg"


def test_unreadable_file_raises_with_bilingual_reason():
    with pytest.raises(DocumentFixError) as info:
        normalize_document(b"%PDF-1.4 not an image", "business_licence")
    assert info.value.message.zh and "PDF" in info.value.message.en
    assert info.value.report is not None and not info.value.report.loaded


def test_documents_module_reexports_normalize(card_photo):
    assert normalize_from_documents(encode(card_photo), "resident_id")[:3] == b"\xff\xd8\xff"
