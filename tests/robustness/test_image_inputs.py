"""Hostile and real-world image files: every input gets exactly one JSON line, no traceback, no hang, bounded memory.

The batch tests run the real command in a child process (strict UTF-8 output, a timeout, its peak RSS measured).
"""

from __future__ import annotations

import os
import threading

import cv2
import numpy as np
import pytest

from beian_desktop.imaging.decode import MAX_DECODED_PIXELS, ImageLoadError, jpeg_primary_end, load_image
from robust_helpers import (
    RSS_LIMIT,
    encode,
    flat_png,
    heic,
    json_lines,
    motion_photo,
    mpo,
    photo_like,
    run_cli,
)

THIN = [(16, 30000), (30000, 16), (65000, 20), (20, 65000)]


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """A folder of thin, special, GBK-named and phone-format files with one good photo last; (dir, paths)."""
    d = tmp_path_factory.mktemp("batch")
    paths: list[bytes] = []

    def add(name: str | bytes, data: bytes | None = None) -> bytes:
        raw = os.path.join(os.fsencode(d), name if isinstance(name, bytes) else os.fsencode(name))
        if data is not None:
            with open(raw, "wb") as f:
                f.write(data)
        paths.append(raw)
        return raw

    for w, h in THIN:
        add(f"thin-{w}x{h}.png", flat_png(w, h))
    add("thin-16x30000.jpg", encode(np.full((30000, 16, 3), 90, np.uint8), quality=80))
    fifo = add("pipe.jpg")
    os.mkfifo(fifo)
    add("folder.jpg")
    os.mkdir(paths[-1])
    paths.append(b"/dev/zero")
    os.symlink("/dev/zero", add("zero-link.jpg"))
    photo = photo_like()
    add("gbk-".encode() + "幕布照片".encode("gbk") + b".jpg", encode(photo))
    add("motion.jpg", motion_photo(encode(photo), seed=1))
    add("phone.mpo.jpg", mpo(photo, photo_like(320, 240, seed=5)))
    add("iphone.heic", heic(photo))
    add("good-last.jpg", encode(photo))
    return d, paths


@pytest.mark.parametrize("command", [["check-photo", "--json"], ["check-doc", "--json"]])
def test_batch_gives_one_json_line_per_input(batch, tmp_path, command):
    _, paths = batch
    code, out, err, peak = run_cli([*command, *paths], tmp_path, timeout=240)
    assert "Traceback" not in err
    lines = json_lines(out)
    assert len(lines) == len(paths)
    by_name = {os.path.basename(p): line for p, line in zip(paths, lines, strict=True)}
    assert code == 1  # some files could not be examined
    for name, line in by_name.items():
        assert line["checks"], name
        assert line["checks"][0]["messages"]["zh_CN"] and line["checks"][0]["messages"]["en"]
    # special files are refused from stat, without reading them
    for name in (b"pipe.jpg", b"zero", b"zero-link.jpg"):
        file_check = by_name[name]["checks"][0]
        assert file_check["status"] == "fail" and file_check["values"]["code"] == "not_a_file", name
    assert by_name[b"folder.jpg"]["checks"][0]["status"] == "fail"
    # phone formats are read as their primary picture
    phone = [b"motion.jpg", b"phone.mpo.jpg", b"good-last.jpg"]
    if command[0] == "check-photo":
        phone.append(b"iphone.heic")
    else:  # the document types decide their formats (documents.json); HEIC is refused there with advice
        assert "JPG" in by_name[b"iphone.heic"]["checks"][0]["messages"]["zh_CN"]
    for name in phone:
        assert by_name[name]["checks"][0]["status"] == "pass", (name, by_name[name]["checks"][0])
        assert by_name[name]["image_size"] == [800, 600]
    # the GBK name: readable text plus the exact bytes for scripts
    gbk = next(line for p, line in zip(paths, lines) if p.startswith(os.fsencode(batch[0]) + b"/gbk-"))
    assert gbk["checks"][0]["status"] == "pass"
    assert bytes.fromhex(gbk["path_bytes"]).endswith("幕布照片".encode("gbk") + b".jpg")
    assert "\\x" in gbk["path"]
    assert peak < RSS_LIMIT


def test_summary_output_survives_gbk_names(batch, tmp_path):
    _, paths = batch
    gbk = [p for p in paths if b"/gbk-" in p]
    code, out, err, _ = run_cli(["check-photo", *gbk, paths[-1]], tmp_path)
    assert "Traceback" not in err
    assert out.count("\n  ") >= 2 and "good-last.jpg" in out


@pytest.mark.parametrize(("width", "height"), THIN)
def test_fix_doc_on_thin_pictures_never_crashes(tmp_path, width, height):
    src = tmp_path / "strip.png"
    src.write_bytes(flat_png(width, height))
    code, out, err, _ = run_cli(["fix-doc", "--json", "--type", "resident_id", str(src)], tmp_path)
    assert "Traceback" not in err
    [line] = json_lines(out)
    assert code in (0, 1)
    assert (line["output"] is None) == (code == 1)


def test_fifo_does_not_block_a_reader(tmp_path):
    """Nobody ever writes to the pipe: the check must still return at once."""
    fifo = tmp_path / "pipe.png"
    os.mkfifo(fifo)
    result: list = []
    worker = threading.Thread(target=lambda: result.append(_load_error(fifo)), daemon=True)
    worker.start()
    worker.join(10)
    assert not worker.is_alive(), "reading a FIFO blocked"
    assert result == ["not_a_file"]


def _load_error(path) -> str | None:
    try:
        load_image(path)
    except ImageLoadError as exc:
        return exc.code
    return None


def test_character_device_is_refused_unread():
    assert _load_error("/dev/zero") == "not_a_file"


@pytest.mark.parametrize("seed", range(20))
def test_trailing_data_jpeg_is_its_primary_picture(seed):
    photo = photo_like(seed=seed)
    plain = encode(photo, quality=90)
    decoded = load_image(motion_photo(plain, seed))
    assert decoded.size == (800, 600)
    assert np.array_equal(decoded.image, load_image(plain).image)
    assert jpeg_primary_end(plain) == len(plain)


def test_truncated_jpeg_is_still_refused():
    plain = encode(photo_like(), quality=90)
    assert _load_error(plain[: len(plain) * 2 // 3]) == "truncated"


def test_mpo_reads_the_primary_picture():
    primary = np.zeros((600, 800, 3), np.uint8)
    primary[:] = (40, 40, 200)  # red in BGR
    other = np.zeros((240, 320, 3), np.uint8)
    other[:] = (200, 40, 40)
    decoded = load_image(mpo(primary, other))
    assert decoded.size == (800, 600)
    b, g, r = decoded.image[300, 400]
    assert r > 150 and b < 90


def test_heic_decodes_upright():
    photo = np.zeros((600, 800, 3), np.uint8)
    photo[:, :400] = (0, 0, 220)  # left half red
    decoded = load_image(heic(photo, orientation=6))  # stored sideways, to be turned clockwise
    assert decoded.format == "heic"
    assert decoded.size == (600, 800)
    top, bottom = decoded.image[50, 300], decoded.image[750, 300]
    assert top[2] > 150 and bottom[2] < 90  # the red half is now on top


def test_damaged_heic_is_refused_with_advice():
    data = heic(photo_like(320, 240))
    code = _load_error(data[: len(data) // 2])
    assert code == "unsupported_format"


def test_huge_png_is_refused_from_its_header_in_bounded_memory(tmp_path):
    """The 583 KB PNG just under the 200 MP limit took 1.34 GB before."""
    big = tmp_path / "big.png"
    big.write_bytes(flat_png(14_000, 14_000))
    code, out, err, peak = run_cli(["check-photo", "--json", str(big)], tmp_path)
    [line] = json_lines(out)
    assert "Traceback" not in err
    assert line["checks"][0]["values"]["code"] == "too_many_pixels"
    assert peak < RSS_LIMIT


@pytest.fixture(scope="module")
def huge_jpeg(tmp_path_factory):
    """A 10000×8000 (80 MP) JPEG, more than a full decode may hold."""
    path = tmp_path_factory.mktemp("huge") / "80mp.jpg"
    small = photo_like(1000, 800)
    path.write_bytes(cv2.imencode(".jpg", cv2.resize(small, (10_000, 8_000), interpolation=cv2.INTER_NEAREST), [cv2.IMWRITE_JPEG_QUALITY, 70])[1].tobytes())
    return path


@pytest.mark.parametrize(
    "command",
    [["check-photo", "--json"], ["check-doc", "--json"], ["fix-doc", "--json", "--type", "business_licence"]],
)
def test_huge_jpeg_is_checked_in_bounded_memory(tmp_path, huge_jpeg, command):
    args = [*command, str(huge_jpeg)]
    if command[0] == "fix-doc":
        args += ["--out", str(tmp_path / "fixed.jpg")]
    code, out, err, peak = run_cli(args, tmp_path, timeout=300)
    assert "Traceback" not in err
    assert len(json_lines(out)) == 1
    assert peak < RSS_LIMIT, f"{peak / 1048576:.0f} MB"


def test_full_decode_of_a_huge_jpeg_is_reduced_to_the_budget(huge_jpeg):
    decoded = load_image(huge_jpeg)
    assert decoded.full_size == (10_000, 8_000)
    assert decoded.image.shape[0] * decoded.image.shape[1] <= MAX_DECODED_PIXELS
    assert decoded.scale == pytest.approx(0.5)  # DCT scaling, not a full decode then a resize
