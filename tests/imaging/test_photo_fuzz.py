"""Broken and unusual files never crash or hang the photo checker: unreadable ones get a ``file`` failure with a
reason, valid-but-unusual pictures (CMYK, 16-bit, greyscale, palette, alpha) are decoded and checked normally."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from beian_desktop.imaging.photo import PHOTO_CHECK_IDS, check_photo


def test_unusual_files(unusual_images, tmp_path, assert_refused):
    for item in unusual_images:
        path = tmp_path / item.name
        path.write_bytes(item.data)
        report = check_photo(path)
        assert report.path == str(path)
        if item.loadable:
            assert report.loaded, (item.name, report.checks[0].message.en)
            assert [c.id for c in report.checks] == list(PHOTO_CHECK_IDS), item.name
            assert report.image_size == (960, 720), item.name
            # a plain test picture without a person: no face, so the photo fails for the right reason
            assert report.check("face_count").status == "fail"
        else:
            assert_refused(report, item.code)


def test_heic_is_refused_with_advice(assert_refused):
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(500)
    report = check_photo(heic)
    assert_refused(report, "unsupported_format")
    assert "JPEG" in report.checks[0].message.en and "JPG" in report.checks[0].message.zh


def test_missing_file_and_directory(tmp_path, assert_refused):
    assert_refused(check_photo(tmp_path / "nope.jpg"), "missing")
    assert_refused(check_photo(tmp_path), "missing")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(min_size=0, max_size=4096))
def test_random_bytes_never_crash(assert_refused, data):
    report = check_photo(data)
    assert report.verdict in ("pass", "warn", "fail")
    if not report.loaded:
        assert_refused(report)


@pytest.fixture(scope="module")
def small_jpeg() -> bytes:
    img = np.full((480, 640, 3), (200, 110, 20), np.uint8)
    cv2.putText(img, "Aliyun", (100, 200), cv2.FONT_HERSHEY_SIMPLEX, 2, (255, 255, 255), 3)
    return cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, 85])[1].tobytes()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.data())
def test_corrupted_jpeg_never_crashes(small_jpeg, assert_refused, data):
    buf = bytearray(small_jpeg)
    for _ in range(data.draw(st.integers(1, 20))):
        pos = data.draw(st.integers(0, len(buf) - 1))
        buf[pos] = data.draw(st.integers(0, 255))
    cut = data.draw(st.one_of(st.none(), st.integers(0, len(buf))))
    blob = bytes(buf[:cut] if cut is not None else buf)
    report = check_photo(blob)
    assert report.verdict in ("pass", "warn", "fail")
    if report.loaded:
        assert [c.id for c in report.checks] == list(PHOTO_CHECK_IDS)
    else:
        assert_refused(report)


def test_array_input_grey_and_alpha():
    grey = np.full((600, 800), 128, np.uint8)
    assert check_photo(grey).image_size == (800, 600)
    rgba = np.zeros((600, 800, 4), np.uint8)
    assert check_photo(rgba).loaded
