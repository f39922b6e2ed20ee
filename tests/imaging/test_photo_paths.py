"""The photo checker's paths one by one: reading the backdrop's print, colour constancy, the person mask's headroom,
photo profiles and the marked-up picture. Scenes come from the tests' fixtures (real faces from PyPI packages on
generated backgrounds)."""

from __future__ import annotations

import json
import subprocess
import sys

import cv2
import numpy as np
import pytest
from photo_fixtures import Scene, compose, compose_jpeg

from beian_desktop.imaging.annotate import annotate
from beian_desktop.imaging.backdrop import matched_word
from beian_desktop.imaging.colour import apply_gains, white_balance_gains
from beian_desktop.imaging.decode import load_image
from beian_desktop.imaging.photo import check_photo
from beian_desktop.imaging.profiles import UnknownProfile, get_profile, profile_ids

WORDS = get_profile("aliyun_backdrop").words


# ---- reading the backdrop's print -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("阿里云 阿里云 阿里云", "阿里云"),
        ("阿里云备案专用", "阿里云"),
        ("里云 阿", "阿里云"),  # a row cut by the person still names it
        ("ALIYUN Aliyun", "aliyun"),
        ("Allyun Aliyun", "aliyun"),  # one misread letter
        ("备案专用", "备案"),
        ("NETJETS", None),
        ("WSJ.", None),
        ("阿里巴巴", None),
        ("oooo oooo", None),
        ("", None),
    ],
)
def test_backdrop_words_are_matched_and_others_are_not(text, word):
    assert matched_word(text, WORDS) == word


def test_the_backdrop_passes_because_its_words_were_read():
    report = check_photo(compose_jpeg(Scene(seed=101)))
    backdrop = report.check("backdrop")
    assert backdrop.status == "pass", backdrop.message.en
    assert backdrop.values["word"] in WORDS
    assert any(matched_word(t, WORDS) for t in backdrop.values["text"])
    assert backdrop.geometry["text_rows"], "the rows that were read are kept for the marked-up picture"


@pytest.mark.parametrize("kind", ["dots", "gingham", "stars", "press", "blue_wall", "sky", "curtain"])
def test_blue_backgrounds_that_are_not_the_backdrop_fail(kind):
    report = check_photo(compose_jpeg(Scene(background=kind, seed=102)))
    backdrop = report.check("backdrop")
    assert backdrop.status == "fail", (kind, backdrop.values)
    assert backdrop.values["word"] is None
    assert "阿里云" in backdrop.message.zh


def test_another_brands_wall_shows_what_was_read():
    backdrop = check_photo(compose_jpeg(Scene(background="press", seed=103))).check("backdrop")
    assert backdrop.status == "fail"
    assert backdrop.values["text"], "the press wall's words were read and are reported"
    assert "text read" in backdrop.message.en


def test_the_json_contract_carries_the_text_read():
    data = check_photo(compose_jpeg(Scene(seed=104))).to_json("en")
    backdrop = next(c for c in data["checks"] if c["id"] == "backdrop")
    assert isinstance(backdrop["values"]["text"], list) and backdrop["values"]["text"]
    json.dumps(data)  # masks are not part of it


# ---- colour constancy -------------------------------------------------------------------------------------------

def test_white_balance_gains_make_the_reference_neutral():
    patch = np.full((40, 40, 3), (240, 230, 200), np.uint8)  # a warm cast on white
    gains = white_balance_gains(patch, np.ones((40, 40), bool))
    corrected = apply_gains(patch, gains)[0, 0].astype(int)
    assert corrected.max() - corrected.min() <= 4
    assert white_balance_gains(patch, np.zeros((40, 40), bool)) is None  # no reference, no correction


@pytest.mark.parametrize(("shirt", "expected"), [("white", "pass"), ("grey", "pass"), ("light_blue", "fail"), ("red", "fail")])
@pytest.mark.parametrize("balance", [(1.12, 1.0, 0.88), (0.88, 1.0, 1.12), (1.0, 1.0, 1.0)], ids=["cool", "warm", "neutral"])
def test_clothing_verdict_survives_warm_and_cool_light(shirt, expected, balance):
    """A cool white balance (blue x1.12, red x0.88) used to turn a white shirt 'light blue'."""
    report = check_photo(compose_jpeg(Scene(shirt=shirt, white_balance=balance, seed=110)))
    clothing = report.check("clothing")
    assert clothing.status == expected, (clothing.values, clothing.message.en)


# ---- the person mask: headroom from the top of the hair ------------------------------------------------------------

def test_head_top_comes_from_the_hair_not_the_face_box():
    report = check_photo(compose_jpeg(Scene(face_height=0.2, seed=120)))
    framing = report.check("framing")
    assert framing.values["head_top_from"] == "person_mask"
    face_top = framing.geometry["face"][1]
    head_top = framing.geometry["head_top"]
    # the hair rises well above the face box (brows to chin), by a fraction of the face height
    assert face_top - 0.6 * framing.geometry["face"][3] < head_top < face_top - 0.1 * framing.geometry["face"][3]


def test_hair_touching_the_top_edge_is_a_cut_head_even_with_the_face_low():
    """The face box is 4 % of the height below the top edge, but the hair above it reaches the edge."""
    report = check_photo(compose_jpeg(Scene(face_height=0.2, face_top=0.045, seed=121)))
    framing = report.check("framing")
    assert framing.status == "fail" and "cut" in framing.message.en, framing.values


def test_enough_room_above_the_hair_passes():
    framing = check_photo(compose_jpeg(Scene(face_height=0.18, face_top=0.2, seed=122))).check("framing")
    assert framing.status == "pass", framing.message.en
    assert framing.values["headroom"] > 0.05


# ---- photo profiles ---------------------------------------------------------------------------------------------

def test_profiles_come_from_the_data_file():
    assert set(profile_ids()) == {"aliyun_backdrop", "plain_light"}
    assert get_profile(None).id == "aliyun_backdrop"
    with pytest.raises(UnknownProfile) as info:
        get_profile("studio")
    assert "studio" in info.value.message.zh and "aliyun_backdrop" in info.value.message.en


def test_a_plain_white_wall_passes_only_under_the_plain_light_profile():
    data = compose_jpeg(Scene(background="white_wall", seed=130))
    assert check_photo(data, profile="plain_light").check("backdrop").status == "pass"
    assert check_photo(data, profile="aliyun_backdrop").check("backdrop").status == "fail"


def test_the_backdrop_and_a_room_fail_the_plain_light_profile():
    for kind in ("aliyun", "room"):
        backdrop = check_photo(compose_jpeg(Scene(background=kind, seed=131)), profile="plain_light").check("backdrop")
        assert backdrop.status == "fail", (kind, backdrop.values)
        assert "白" in backdrop.message.zh


def test_plain_light_profile_sets_no_clothing_colour_rule():
    clothing = check_photo(compose_jpeg(Scene(background="white_wall", shirt="blue", seed=132)), profile="plain_light").check("clothing")
    assert clothing.status == "pass"


def test_cli_profile_option(tmp_path):
    path = tmp_path / "wall.jpg"
    path.write_bytes(compose_jpeg(Scene(background="white_wall", seed=133)))
    cmd = [sys.executable, "-m", "beian_desktop", "check-photo", "--json"]
    plain = subprocess.run(cmd + ["--profile", "plain_light", str(path)], capture_output=True, text=True, timeout=120)
    assert plain.returncode == 0, plain.stderr
    backdrop = next(c for c in json.loads(plain.stdout)["checks"] if c["id"] == "backdrop")
    assert backdrop["status"] == "pass" and backdrop["values"]["profile"] == "plain_light"
    bad = subprocess.run(cmd + ["--profile", "studio", str(path)], capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "studio" in bad.stderr and "Traceback" not in bad.stderr


# ---- the marked-up picture ----------------------------------------------------------------------------------------

def test_messages_go_beside_the_picture_and_never_cover_the_face():
    scene = Scene(shirt="red", background="press", centre_x=0.5, seed=140)
    image = compose(scene)
    report = check_photo(image)
    marked = annotate(report, image, "zh_CN")
    h, w = image.shape[:2]
    assert marked.shape[0] >= h and marked.shape[1] > w  # a panel was added on the right
    x, y, fw, fh = report.check("framing").geometry["face"]
    inner = (slice(int(y + 0.25 * fh), int(y + 0.75 * fh)), slice(int(x + 0.25 * fw), int(x + 0.75 * fw)))
    difference = np.abs(marked[:h, :w][inner].astype(int) - image[inner].astype(int)).mean()
    assert difference < 8, "the middle of the face is left as it was (only thin marks may cross it)"
    panel = marked[:, w:]
    assert (panel < 100).any(), "the messages are written in the panel"


def test_long_messages_wrap_instead_of_being_cut():
    from PIL import Image, ImageDraw

    from beian_desktop.imaging.annotate import _font, _wrap

    font = _font(16, True)
    text = "背景是蓝色的，但没有识别到幕布上的“阿里云”字样：必须使用阿里云邮寄的幕布（纯蓝背景、图案布料、其他品牌背景墙或天空都不行）"
    lines = _wrap(ImageDraw.Draw(Image.new("RGB", (4, 4))), text, font, 200)
    assert len(lines) > 1 and "".join(lines) == text and "…" not in "".join(lines)


def test_the_checker_never_touches_the_network(monkeypatch):
    """Models and OCR load from the installation only: any connection attempt fails the check here."""
    import socket

    from beian_desktop.imaging import ocr

    def refuse(*_args, **_kwargs):
        raise AssertionError("the photo checker tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(ocr, "_engine", None)  # a fresh engine, created while the network is blocked
    report = check_photo(compose_jpeg(Scene(seed=150)))
    assert report.check("backdrop").values["word"] in WORDS


# ---- motion blur --------------------------------------------------------------------------------------------------

def _motion_blur(image: np.ndarray, length: int, angle: float) -> np.ndarray:
    kernel = np.zeros((length, length), np.float32)
    kernel[length // 2, :] = 1
    rot = cv2.getRotationMatrix2D((length / 2 - 0.5, length / 2 - 0.5), angle, 1.0)
    kernel = cv2.warpAffine(kernel, rot, (length, length))
    return cv2.filter2D(image, -1, kernel / kernel.sum())


@pytest.mark.parametrize("angle", [0, 35, 90])
def test_motion_blur_is_caught_in_any_direction(angle):
    """Blur along one direction leaves the detail across it, which a Laplacian measure takes for sharpness."""
    image = compose(Scene(face_height=0.22, size=(1200, 900), seed=160))
    sharp = check_photo(image).check("sharpness")
    assert sharp.status == "pass", sharp.values
    blurred = check_photo(_motion_blur(image, int(0.03 * 900) | 1, angle)).check("sharpness")
    assert blurred.status != "pass", blurred.values
    if angle != 90:  # a face has less detail across a vertical movement: that one may only be warned
        assert blurred.status == "fail" and "motion" in blurred.message.en, blurred.values
    assert blurred.values["anisotropy"] < sharp.values["anisotropy"]
