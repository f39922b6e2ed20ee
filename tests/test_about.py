"""The version comes from pyproject.toml; `beian-desktop about` and the installer's licence index list every bundled
third-party component with its licence texts (what 帮助 → 关于 shows)."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import beian_desktop
from beian_desktop import about, cli

ROOT = Path(__file__).resolve().parent.parent
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
NOTABLE = {"python", "pyside6-essentials", "opencv-python-headless", "onnxruntime", "rapidocr",
           "model:face_detection_yunet.onnx", "model:selfie_segmentation.tflite"}


def test_version_is_the_one_in_pyproject(capsys):
    assert beian_desktop.__version__ == VERSION
    try:
        cli.main(["--version"])
    except SystemExit:
        pass
    assert capsys.readouterr().out.strip() == f"beian-desktop {VERSION}"


def test_about_lists_every_runtime_dependency_with_a_licence_text(capsys):
    assert cli.main(["about", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["version"] == VERSION
    comps = {c["key"]: c for c in data["components"]}
    assert NOTABLE <= set(comps)
    assert set(about.runtime_distributions()) <= set(comps)
    assert comps["opencv-python-headless"]["license"] == "Apache-2.0"
    assert comps["onnxruntime"]["license"] == "MIT"
    assert comps["rapidocr"]["license"] == "Apache-2.0"
    assert comps["pyside6-essentials"]["license"].startswith("LGPL-3.0")
    for comp in comps.values():
        assert comp["files"] and not comp["missing"], comp
    assert any(Path(f).name == "LICENSE-3RD-PARTY.txt" for f in comps["opencv-python-headless"]["files"])
    assert any(Path(f).name == "MODEL_LICENSES.md" for f in comps["rapidocr"]["files"])


def test_about_text_names_the_licences(capsys):
    assert cli.main(["--lang", "en", "about"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"备案接入助手 Beian Desktop {VERSION}")
    assert "OpenCV" in out and "Apache-2.0" in out and "LGPL-3.0-only" in out


def test_installer_licence_bundle_is_read_through_resource_path(tmp_path, monkeypatch):
    """What build_installer.py writes into the bundle, read the way the frozen app reads it (resources only)."""
    resources = tmp_path / "resources"
    (resources / "rules").mkdir(parents=True)
    source_resources = about.resource_path()
    out = resources.joinpath(*about.THIRD_PARTY_DIR)
    index = about.write_license_bundle(out, ["opencv-python-headless", "onnxruntime", "pyside6-essentials", "rapidocr"])
    entries = json.loads(index.read_text(encoding="utf-8"))
    # committed texts (Qt's LGPL) stay where the resources are bundled; the rest is copied
    for rel in {f for e in entries for f in e["files"] if not f.startswith("licenses/third-party/")}:
        (resources / rel).parent.mkdir(parents=True, exist_ok=True)
        (resources / rel).write_bytes((source_resources / rel).read_bytes())
    for model in about.MODELS:
        (resources / model[3]).parent.mkdir(parents=True, exist_ok=True)
        (resources / model[3]).write_bytes((source_resources / model[3]).read_bytes())
    monkeypatch.setattr(about, "resource_path", lambda *parts: resources.joinpath(*parts))
    about.about_info.cache_clear()
    try:
        info = about.about_info()
    finally:
        about.about_info.cache_clear()
    assert {"python", "opencv-python-headless", "onnxruntime", "pyside6-essentials", "rapidocr"} <= {c.key for c in info.components}
    assert info.missing_files() == {}
    for comp in info.components:
        for path in comp.license_paths():
            assert path.is_relative_to(resources), path  # nothing read from site-packages
    assert "ThirdPartyNotices" in {p.stem for p in info.component("onnxruntime").license_paths()}
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in info.component("pyside6-essentials").license_text()
    assert info.versions["OpenCV"] == info.component("opencv-python-headless").version


def test_a_missing_licence_text_fails_the_about_command(monkeypatch, capsys):
    info = about.AboutInfo("1", {}, [about.Component("x", "X", "1", "MIT", ("/nonexistent/LICENSE",))])
    monkeypatch.setattr(about, "about_info", lambda: info)
    assert cli.main(["about"]) == 1
    assert "/nonexistent/LICENSE" in capsys.readouterr().err
