"""``beian-desktop check-doc`` and ``fix-doc``: JSON lines, exit codes, type list, output beside the original."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from beian_desktop import cli
from beian_desktop.imaging.documents import CHECK_IDS

sys.path.insert(0, str(Path(__file__).parent / "imaging"))
from doc_fixtures import encode, photograph, render_card  # noqa: E402


@pytest.fixture(scope="module")
def card_jpeg() -> bytes:
    rng = np.random.default_rng(21)
    img, _ = photograph(render_card("back", rng), "wood", rng, coverage=0.4, rounded=True)
    return encode(img)


@pytest.fixture()
def card_file(tmp_path, card_jpeg) -> Path:
    path = tmp_path / "id-back.jpg"
    path.write_bytes(card_jpeg)
    return path


def run(capsys, *argv) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_doc_json_lines(capsys, card_file, tmp_path):
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n")
    code, out, _ = run(capsys, "--lang", "en", "check-doc", "--json", "--type", "resident_id", str(card_file), str(bad))
    assert code == 1  # one file could not be loaded
    lines = [json.loads(line) for line in out.splitlines()]
    assert [obj["path"] for obj in lines] == [str(card_file), str(bad)]
    good, refused = lines
    assert [c["id"] for c in good["checks"]] == list(CHECK_IDS)
    assert good["verdict"] == "pass" and good["type"] == "resident_id"
    assert isinstance(good["elapsed_ms"], float)
    assert refused["verdict"] == "fail"
    assert refused["checks"][0]["id"] == "file" and "PDF" in refused["checks"][0]["message"]


def test_check_doc_exit_zero_when_every_file_examined(capsys, card_file):
    code, out, _ = run(capsys, "check-doc", str(card_file))
    assert code == 0
    assert str(card_file) in out and "通过" in out  # Chinese by default
    code, out, _ = run(capsys, "--lang", "en", "check-doc", str(card_file))
    assert code == 0 and "PASS" in out and "completeness" in out


def test_check_doc_usage_errors(capsys, card_file):
    assert run(capsys, "check-doc")[0] == 2
    code, _, err = run(capsys, "--lang", "en", "check-doc", "--type", "nope", str(card_file))
    assert code == 2 and "unknown document type" in err


def test_list_types(capsys):
    code, out, _ = run(capsys, "check-doc", "--list-types")
    ids = [line.split("\t")[0] for line in out.splitlines()]
    assert code == 0 and "resident_id" in ids and "authenticity_form" in ids and "other" in ids
    code, out, _ = run(capsys, "check-doc", "--list-types", "--json")
    objs = [json.loads(line) for line in out.splitlines()]
    assert {o["id"] for o in objs} == set(ids)
    rid = next(o for o in objs if o["id"] == "resident_id")
    assert rid["sides"] == ["front", "back"] and rid["max_bytes"] == 4 * 1024 * 1024


def test_fix_doc_writes_beside_the_original(capsys, card_file, card_jpeg):
    code, out, _ = run(capsys, "--lang", "en", "fix-doc", "--type", "resident_id", str(card_file))
    fixed = card_file.with_name("id-back.fixed.jpg")
    assert code == 0 and fixed.is_file()
    assert card_file.read_bytes() == card_jpeg  # original kept
    assert fixed.read_bytes()[:3] == b"\xff\xd8\xff"
    assert str(fixed) in out and "Cropped" in out


def test_fix_doc_out_and_json(capsys, card_file, tmp_path):
    target = tmp_path / "sub" / "out.jpg"
    code, out, _ = run(capsys, "fix-doc", "--type", "resident_id", str(card_file), "--out", str(target), "--json")
    obj = json.loads(out)
    assert code == 0 and target.is_file()
    assert obj["output"] == str(target) and obj["within_range"] is True and obj["cropped"] is True
    assert obj["bytes"] == target.stat().st_size


def test_fix_doc_never_overwrites_the_original(capsys, card_file, card_jpeg):
    code, _, err = run(capsys, "--lang", "en", "fix-doc", "--type", "resident_id", str(card_file), "--out", str(card_file))
    assert code == 2 and "overwrite" in err
    assert card_file.read_bytes() == card_jpeg


def test_fix_doc_requires_a_known_type(capsys, card_file):
    with pytest.raises(SystemExit) as info:
        cli.main(["fix-doc", str(card_file)])
    assert info.value.code == 2
    assert run(capsys, "fix-doc", "--type", "nope", str(card_file))[0] == 2


def test_fix_doc_unreadable_file(capsys, tmp_path):
    bad = tmp_path / "photo.heic"
    bad.write_bytes(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(200))
    code, _, err = run(capsys, "--lang", "en", "fix-doc", "--type", "resident_id", str(bad))
    assert code == 1 and "HEIC" in err
    assert not bad.with_name("photo.fixed.jpg").exists()


def test_console_script_runs(card_file):
    proc = subprocess.run(
        [sys.executable, "-m", "beian_desktop", "check-doc", "--json", str(card_file)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["verdict"] == "pass"
