"""Document checks: file-level checks (format, size, resolution), EXIF orientation, generic vs typed limits and the
report's JSON shape."""

from __future__ import annotations

import io
import json

import cv2
import numpy as np
import pytest
from PIL import Image

from beian_desktop.domain.documents import document_type
from beian_desktop.imaging.documents import CHECK_IDS, check_document
from doc_fixtures import encode, huge_png, photograph, render_card, render_page, to_gray_doc


@pytest.fixture(scope="module")
def card_photo() -> np.ndarray:
    rng = np.random.default_rng(3)
    img, _ = photograph(render_card("front", rng), "wood", rng, coverage=0.4, rounded=True)
    return img


@pytest.fixture(scope="module")
def page_photo() -> np.ndarray:
    rng = np.random.default_rng(4)
    img, _ = photograph(render_page("form", rng), "slate", rng, frame=(1200, 1600), coverage=0.45)
    return img


def _ids(report) -> list[str]:
    return [c.id for c in report.checks]


def test_every_check_id_in_order_and_json_shape(card_photo):
    report = check_document(encode(card_photo), "resident_id", path="card.jpg")
    assert _ids(report) == list(CHECK_IDS)
    obj = json.loads(json.dumps(report.to_json("en")))
    assert set(obj) >= {"path", "verdict", "checks", "elapsed_ms", "image_size"}
    assert obj["path"] == "card.jpg" and obj["image_size"] == [1600, 1200]
    for check in obj["checks"]:
        assert check["status"] in ("pass", "warn", "fail")
        assert check["message"] and check["messages"]["zh_CN"] and check["messages"]["en"]
    assert report.verdict == "pass"


def test_generic_checks_without_type(card_photo):
    report = check_document(encode(card_photo))
    assert _ids(report) == list(CHECK_IDS)
    assert report.check("completeness").values["layout"] == "card"  # guessed from the outline's proportions
    assert report.verdict == "pass"


def test_size_limits_follow_the_type(card_photo):
    data = encode(card_photo, quality=60)  # ~150 KB: under the 200 KB default
    report = check_document(data, "resident_id")
    size = report.check("size")
    assert size.status == "fail" and size.values["bytes"] == len(data) and size.values["min_bytes"] == 200 * 1024
    assert "fix" in size.message.en  # enough pixels: re-saving at a higher quality helps


def test_huge_file_fails_size_but_is_examined():
    data = huge_png()
    assert len(data) > 4 * 1024 * 1024
    report = check_document(data, "resident_id")
    assert report.loaded
    assert report.check("size").status == "fail"
    assert "large" in report.check("size").message.en
    assert report.check("completeness").status == "pass"


def test_tiny_picture_fails_resolution_and_says_why_the_file_is_small(card_photo):
    tiny = cv2.resize(card_photo, (320, 240), interpolation=cv2.INTER_AREA)
    report = check_document(encode(tiny), "resident_id")
    assert report.check("resolution").status == "fail"
    assert report.check("size").status == "fail"
    assert "320×240" in report.check("size").message.en


def test_webp_is_converted_not_refused(card_photo):
    data = cv2.imencode(".webp", card_photo, [cv2.IMWRITE_WEBP_QUALITY, 90])[1].tobytes()
    report = check_document(data, "resident_id")
    assert report.loaded
    assert report.check("format").status == "warn"
    assert "JPEG" in report.check("format").message.en


def test_heic_is_refused_with_advice():
    data = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(500)
    report = check_document(data, "business_licence")
    assert not report.loaded and report.verdict == "fail"
    assert _ids(report) == ["file", "format"]
    assert report.check("format").values["format"] == "heic"
    assert report.check("file").message.zh and report.check("file").message.en


def test_exif_orientation_is_applied(card_photo):
    """A camera stores the picture turned and sets EXIF orientation 6: the checks see it upright."""
    stored = cv2.rotate(card_photo, cv2.ROTATE_90_COUNTERCLOCKWISE)
    im = Image.fromarray(cv2.cvtColor(stored, cv2.COLOR_BGR2RGB))
    exif = Image.Exif()
    exif[0x0112] = 6
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=92, exif=exif)
    report = check_document(buf.getvalue(), "resident_id")
    orientation = report.check("orientation")
    assert report.image_size == (1600, 1200)
    assert orientation.status == "pass"
    assert orientation.values["exif_orientation"] == 6
    assert "EXIF" in orientation.message.en


def test_sideways_document_names_the_turn(page_photo):
    report = check_document(encode(np.ascontiguousarray(np.rot90(page_photo))), "authenticity_form")
    check = report.check("orientation")
    assert check.status == "fail"
    assert check.values["rotation_needed"] == 90
    assert "90°" in check.message.en and "clockwise" in check.message.en


def test_photocopy_fails_for_colour_documents_and_warns_for_forms():
    rng = np.random.default_rng(5)
    card, _ = photograph(to_gray_doc(render_card("back", rng)), "green_mat", rng, coverage=0.4, rounded=True)
    data = encode(card)
    assert check_document(data, "resident_id").check("photocopy").status == "fail"  # ID cards are printed in colour
    assert check_document(data, "domain_certificate").check("photocopy").status == "warn"  # may be a grey printout
    assert check_document(data).check("photocopy").status == "warn"  # generic: unknown document


def test_grayscale_file_always_fails_photocopy(page_photo):
    gray = cv2.cvtColor(page_photo, cv2.COLOR_BGR2GRAY)
    report = check_document(cv2.imencode(".png", gray)[1].tobytes(), "domain_certificate")
    assert report.check("photocopy").status == "fail"
    assert "grayscale" in report.check("photocopy").message.en


def test_card_outline_with_wrong_proportions_warns():
    """A 'card' that is square is not a whole ID card (folded, covered or something else)."""
    rng = np.random.default_rng(6)
    card = render_card("front", rng)
    square = cv2.resize(card, (card.shape[1], card.shape[1]))
    img, _ = photograph(square, "slate", rng, coverage=0.35)
    check = check_document(encode(img), "resident_id").check("completeness")
    assert check.status == "warn"
    assert check.values["expected_aspect_ratio"] == pytest.approx(85.6 / 54.0)


def test_unknown_type_is_a_key_error(card_photo):
    with pytest.raises(KeyError):
        check_document(encode(card_photo), "no_such_type")


def test_type_limits_come_from_the_catalogue():
    dtype = document_type("domain_certificate")
    assert (dtype.min_bytes, dtype.max_bytes) == (200 * 1024, 4 * 1024 * 1024)
    assert document_type(None).id == "generic"


def test_an_outline_no_flat_rectangle_can_have_is_not_taken_for_the_document():
    """A shading gradient can cut a page in two: the piece's outline (one side a quarter of the other) must not be
    used to crop, rectify or judge the document."""
    import numpy as np

    from beian_desktop.imaging.documents_detect import photographed_rectangle

    square_on = np.float32([[100, 100], [600, 100], [600, 800], [100, 800]])
    tilted = np.float32([[150, 120], [560, 100], [620, 820], [90, 790]])  # perspective of a phone held at an angle
    wedge = np.float32([[466, 133], [590, 123], [658, 828], [187, 869]])  # a sliver of paper and desk
    skewed = np.float32([[100, 100], [600, 100], [1400, 600], [900, 600]])  # corners 58 degrees off square
    assert photographed_rectangle(square_on) and photographed_rectangle(tilted)
    assert not photographed_rectangle(wedge) and not photographed_rectangle(skewed)
