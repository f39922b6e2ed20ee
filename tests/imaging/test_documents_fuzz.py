"""Bad input never crashes the document checks or the fixer: unreadable files get a ``file`` failure with a reason,
odd but valid pictures are examined normally, degenerate pictures (blank, noise, extreme shapes) give a report."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from beian_desktop.imaging.docfix import DocumentFixError, normalize_document_ex
from beian_desktop.imaging.documents import CHECK_IDS, check_document


#: a refused document may carry a ``format`` failure after the ``file`` one
FORMAT = ("format",)


def test_unusual_files(unusual_images, tmp_path, assert_refused):
    for item in unusual_images:
        path = tmp_path / item.name
        path.write_bytes(item.data)
        report = check_document(path)
        assert report.path == str(path)
        if item.loadable:
            assert report.loaded, (item.name, report.checks[0].message.en)
            assert [c.id for c in report.checks] == list(CHECK_IDS), item.name
            result = normalize_document_ex(path, "other")
            assert result.data[:3] == b"\xff\xd8\xff", item.name
        else:
            # documents accept PDF: a damaged one is refused as such rather than as an unsupported format
            code = "pdf_unreadable" if item.data.startswith(b"%PDF") else item.code
            assert_refused(report, code, also=FORMAT)
            with pytest.raises(DocumentFixError):
                normalize_document_ex(path, "other")


def test_missing_file_and_directory(tmp_path, assert_refused):
    assert_refused(check_document(tmp_path / "nope.jpg", "resident_id"), "missing", also=FORMAT)
    assert_refused(check_document(tmp_path, "resident_id"), "missing", also=FORMAT)


@pytest.mark.parametrize(
    "image",
    [
        np.zeros((600, 800, 3), np.uint8),
        np.full((600, 800, 3), 255, np.uint8),
        np.random.default_rng(1).integers(0, 256, (600, 800, 3), dtype=np.uint8),
        np.full((20, 3000, 3), 128, np.uint8),
        np.full((3000, 20, 3), 200, np.uint8),
        np.random.default_rng(2).integers(0, 256, (16, 16, 3), dtype=np.uint8),
    ],
    ids=["black", "white", "noise", "wide-strip", "tall-strip", "16px"],
)
def test_degenerate_pictures_give_a_report_and_a_fix(image):
    data = cv2.imencode(".png", image)[1].tobytes()
    for type_id in (None, "resident_id", "business_licence"):
        report = check_document(data, type_id)
        assert report.loaded
        assert [c.id for c in report.checks] == list(CHECK_IDS)
    result = normalize_document_ex(data, "resident_id")
    out = cv2.imdecode(np.frombuffer(result.data, np.uint8), cv2.IMREAD_COLOR)
    assert out is not None and out.shape[0] <= image.shape[0] and out.shape[1] <= image.shape[1]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(min_size=0, max_size=4096))
def test_random_bytes_never_crash(assert_refused, data):
    report = check_document(data, "resident_id")
    assert report.verdict in ("pass", "warn", "fail")
    if not report.loaded:
        assert_refused(report, also=FORMAT)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    arrays(np.uint8, st.tuples(st.integers(16, 120), st.integers(16, 120), st.just(3)), elements=st.integers(0, 255)),
    st.sampled_from([".png", ".jpg", ".bmp"]),
)
def test_random_pictures_never_crash(image, ext):
    data = cv2.imencode(ext, image)[1].tobytes()
    report = check_document(data)
    assert report.loaded
    assert [c.id for c in report.checks] == list(CHECK_IDS)
    normalize_document_ex(data, "other")
