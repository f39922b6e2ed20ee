"""``beian-desktop station --headless``: generated clips of a real face played through the station pipeline.

The clips (``clips.py``): a person walking into the picture from the side and from afar, a red top, a second
person, and a person who leaves. Capture happens only after ``--good-frames`` consecutive passing analysed frames,
never while anything fails, and the still is checked in full (backdrop text read) before it counts.
"""

from __future__ import annotations

import json
import subprocess
import sys

import clips
import cv2
import pytest

from beian_desktop import cli
from beian_desktop.domain.model import Application, Flow
from beian_desktop.imaging.photo import check_photo
from beian_desktop.store import open_store


def run(capsys, *argv: str) -> tuple[int, dict | str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    try:
        return code, json.loads(out), err
    except ValueError:
        return code, out, err


def hint_sequence(result: dict) -> list[str]:
    return [g["message"] for g in result["guidance"]]


def test_walk_in_guides_in_order_and_captures_after_n_good_frames(capsys, make_clip, tmp_path):
    code, result, err = run(capsys, "station", "--source", str(make_clip("WALK_IN")), "--headless",
                            "--capture-to", str(tmp_path / "out"), "--json")
    assert code == 0, err
    assert set(result) >= {"path", "verdict", "checks", "frames_seen", "frames_analysed", "capture_frame"}
    seq = hint_sequence(result)
    # nobody → off to the side → too far → good, in that order (other hints may come in between)
    order = [seq.index(text) for text in ("请站到幕布前", "向左一点", "靠近一些", "很好，请保持")]
    assert order == sorted(order)
    good = clips.start_of(clips.WALK_IN, "good")
    assert result["verdict"] == "pass" and [c["status"] for c in result["checks"]] == ["pass"] * len(result["checks"])
    assert {c["id"] for c in result["checks"]} >= {"face_count", "framing", "backdrop", "clothing", "sharpness"}
    backdrop = next(c for c in result["checks"] if c["id"] == "backdrop")
    assert backdrop["values"]["word"]  # the full still check read the backdrop's print
    # capture after 10 consecutive good analysed frames, on a frame of the good segment
    assert good <= result["capture_frame"]
    assert good + 10 <= result["frames_seen"] <= good + 10 + 2  # a hint may linger a frame or two (smoothing)
    assert result["frames_analysed"] == result["frames_seen"]
    still = cv2.imread(result["path"])
    assert still.shape == (720, 1280, 3)  # full resolution, not the live working copy
    assert check_photo(result["path"]).verdict == "pass"
    assert len(list((tmp_path / "out").iterdir())) == 1


def test_n_is_a_setting(capsys, make_clip, tmp_path):
    code, result, _ = run(capsys, "station", "--source", str(make_clip("WALK_IN")), "--headless",
                          "--capture-to", str(tmp_path), "--good-frames", "4", "--json")
    good = clips.start_of(clips.WALK_IN, "good")
    assert code == 0
    assert good <= result["capture_frame"] and result["frames_seen"] <= good + 4 + 2


@pytest.mark.parametrize(("story", "bad", "hint"), [("RED_TOP", "red", "请换非红/蓝色上衣"), ("SECOND_PERSON", "two", "只能一人入镜")])
def test_no_capture_while_anything_fails(capsys, make_clip, tmp_path, story, bad, hint):
    code, result, _ = run(capsys, "station", "--source", str(make_clip(story)), "--headless",
                          "--capture-to", str(tmp_path), "--json")
    parts = getattr(clips, story)
    good = clips.start_of(parts, "good")
    assert result["guidance"][0]["frame"] == 0 and result["guidance"][0]["message"] == hint
    assert code == 0 and result["verdict"] == "pass"
    # every still attempt (and the capture) happened in the good part, at least N frames into it
    assert all(a["frame"] >= good for a in result["attempts"])
    assert result["frames_seen"] >= good + 10
    assert result["capture_frame"] >= good


def test_person_leaving_means_no_photo_and_exit_1(capsys, make_clip, tmp_path):
    code, result, _ = run(capsys, "station", "--source", str(make_clip("LEAVES")), "--headless",
                          "--capture-to", str(tmp_path), "--json")
    assert code == 1
    assert result["path"] is None and result["verdict"] == "fail" and result["capture_frame"] is None
    assert hint_sequence(result) == ["很好，请保持", "请站到幕布前"]
    assert result["frames_seen"] == sum(s.frames for s in clips.LEAVES)
    assert list(tmp_path.iterdir()) == []  # nothing left behind


def test_time_limit_ends_without_photo(capsys, make_clip, tmp_path):
    code, result, _ = run(capsys, "station", "--source", str(make_clip("WALK_IN")), "--headless",
                          "--capture-to", str(tmp_path), "--max-seconds", "0", "--json")
    assert code == 1 and result["stopped"] == "time_limit" and result["path"] is None


def test_captured_still_is_attached_to_the_draft_and_the_local_copy_deleted(capsys, make_clip, tmp_path):
    db = f"sqlite:///{tmp_path / 'station.sqlite3'}"
    with open_store(db) as store:
        draft_id = store.drafts.create(Application(flow=Flow.NEW_ACCESS))
    out = tmp_path / "out"
    code, result, err = run(capsys, "--db", db, "station", "--source", str(make_clip("RED_TOP")), "--headless",
                            "--capture-to", str(out), "--draft", draft_id[:8], "--json")
    assert code == 0, err
    assert result["draft"]["id"] == draft_id and result["draft"]["local_copy_deleted"]
    assert list(out.iterdir()) == []
    with open_store(db) as store:
        photo = store.drafts.load(draft_id).photo_verification.photo
        data = store.blobs.get(photo.sha256)
    assert photo.sha256 == result["draft"]["sha256"] and photo.verdict == "pass" and photo.slot == "photo"
    assert data[:2] == b"\xff\xd8" and check_photo(data).verdict == "pass"


def test_unknown_draft_is_refused_before_playing(capsys, make_clip, tmp_path):
    db = f"sqlite:///{tmp_path / 'station.sqlite3'}"
    code, out, err = run(capsys, "--db", db, "station", "--source", str(make_clip("WALK_IN")), "--headless",
                         "--capture-to", str(tmp_path / "out"), "--draft", "nosuch", "--json")
    assert code == 1 and out == "" and "nosuch" in err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["--headless", "--capture-to", "X"], "--headless"),  # the default source is the camera
        (["--source", "CLIP", "--headless"], "--capture-to"),
        (["--source", "missing.mp4", "--headless", "--capture-to", "X"], "missing.mp4"),
        (["--source", "CLIP", "--headless", "--capture-to", "X", "--good-frames", "0"], "--good-frames"),
        (["--source", "CLIP", "--headless", "--capture-to", "X", "--profile", "nope"], "nope"),
        (["--source", "CLIP", "--headless", "--capture-to", "X", "--max-seconds", "-1"], "--max-seconds"),
    ],
)
def test_usage_errors_exit_2(capsys, make_clip, tmp_path, argv, needle):
    argv = [a.replace("CLIP", str(make_clip("LEAVES"))).replace("X", str(tmp_path / "x")) for a in argv]
    code, out, err = run(capsys, "station", *argv)
    assert code == 2 and out == "" and needle in err


def test_human_summary_and_subprocess_contract(make_clip, tmp_path):
    proc = subprocess.run([sys.executable, "-m", "beian_desktop", "--lang", "en", "station", "--source",
                           str(make_clip("LEAVES")), "--headless", "--capture-to", str(tmp_path)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert "No passing photo was captured." in proc.stdout and "20 frames read, 20 analysed" in proc.stdout
