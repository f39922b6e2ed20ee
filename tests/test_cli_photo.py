"""``beian-desktop check-photo``: JSON lines contract, exit status, readable summary, annotated PNGs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import cv2
import pytest

sys.path.insert(0, str(Path(__file__).parent / "imaging"))
from photo_fixtures import Scene, compose_jpeg  # noqa: E402

from beian_desktop.cli import main  # noqa: E402


@pytest.fixture(scope="module")
def photos(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("photos")
    files = {
        "good": (root / "good.jpg", compose_jpeg(Scene(seed=31))),
        "red": (root / "red.jpg", compose_jpeg(Scene(shirt="red", seed=32))),
        "broken": (root / "broken.jpg", compose_jpeg(Scene(seed=33))[:5000]),
    }
    for path, data in files.values():
        path.write_bytes(data)
    return {k: v[0] for k, v in files.items()}


def _json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_json_lines_and_exit_status_when_a_file_cannot_be_loaded(photos, capsys):
    rc = main(["check-photo", "--json", str(photos["good"]), str(photos["broken"])])
    objs = _json_lines(capsys.readouterr().out)
    assert rc == 1
    assert [o["path"] for o in objs] == [str(photos["good"]), str(photos["broken"])]
    assert objs[0]["verdict"] == "pass"
    assert {c["id"] for c in objs[0]["checks"]} >= {"face_count", "framing", "backdrop", "clothing", "resolution", "exposure", "sharpness"}
    assert objs[1]["verdict"] == "fail"
    assert [c["id"] for c in objs[1]["checks"]] == ["file"]
    assert "不完整" in objs[1]["checks"][0]["message"]  # default language: Chinese
    assert all(isinstance(o["elapsed_ms"], float) for o in objs)


def test_exit_zero_when_every_file_was_examined_even_if_it_fails(photos, capsys):
    rc = main(["--lang", "en", "check-photo", "--json", str(photos["red"])])
    (obj,) = _json_lines(capsys.readouterr().out)
    assert rc == 0
    assert obj["verdict"] == "fail"
    clothing = next(c for c in obj["checks"] if c["id"] == "clothing")
    assert clothing["status"] == "fail" and "red" in clothing["message"]


def test_readable_summary_in_both_languages(photos, capsys):
    assert main(["check-photo", str(photos["red"])]) == 0
    zh = capsys.readouterr().out
    assert "不通过" in zh and "上衣颜色" in zh and "红色" in zh
    assert main(["--lang", "en", "check-photo", str(photos["red"])]) == 0
    en = capsys.readouterr().out
    assert "FAIL" in en and "clothing" in en and "red" in en


def test_annotate_writes_one_png_per_readable_image(photos, tmp_path, capsys):
    out = tmp_path / "marked"
    rc = main(["check-photo", "--json", "--annotate", str(out), str(photos["good"]), str(photos["red"]), str(photos["broken"])])
    objs = _json_lines(capsys.readouterr().out)
    assert rc == 1
    written = sorted(p.name for p in out.iterdir())
    assert written == ["good.annotated.png", "red.annotated.png"]
    assert objs[1]["annotated"] == str(out / "red.annotated.png")
    height, width = cv2.imread(str(out / "red.annotated.png")).shape[:2]
    assert height == 900 and width > 1200  # the picture at its size, the messages in a panel beside it


def test_usage_errors_exit_2(photos, tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["check-photo"])
    assert exc.value.code == 2
    not_a_dir = tmp_path / "file.txt"
    not_a_dir.write_text("x")
    assert main(["check-photo", "--annotate", str(not_a_dir), str(photos["good"])]) == 2
    capsys.readouterr()


def test_installed_command_runs(photos):
    proc = subprocess.run(
        [sys.executable, "-m", "beian_desktop", "check-photo", "--json", str(photos["good"])],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert _json_lines(proc.stdout)[0]["verdict"] == "pass"
