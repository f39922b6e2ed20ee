"""The installer build's logic, fast: arguments, what the spec bundles, the .deb's control file and layout, the
Windows/macOS paths that cannot run here, and the smoke test's step naming.

The real build (PyInstaller + the frozen smoke test, several minutes) is not part of the default run:
``BEIAN_BUILD_INSTALLER=1 python -m pytest tests/test_build_installer.py -m slow`` runs it (see the README, "Installers").
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tomllib
import types
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


bundle = _load("bundle", ROOT / "packaging" / "bundle.py")
bi = _load("build_installer", ROOT / "build_installer.py")


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- arguments


def test_target_defaults_to_the_running_system():
    assert bi.parse_args([]).target == bi.running_target()
    assert bi.parse_args([]).skip_smoke is False
    assert bi.parse_args(["--target", "windows", "--skip-smoke"]).target == "windows"
    assert {bi.running_target(s) for s in ("Linux", "Windows", "Darwin")} == {"linux", "windows", "macos"}


def test_unknown_target_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        bi.parse_args(["--target", "android"])
    assert exc.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_build_extra_brings_pyinstaller():
    extra = _pyproject()["project"]["optional-dependencies"]["build"]
    assert any(req.lower().startswith("pyinstaller") for req in extra)


def test_build_outputs_are_ignored_by_git():
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    assert "build/" in ignored and "dist/" in ignored


# --------------------------------------------------------------------------- what the spec bundles


def test_every_resource_file_is_bundled_where_resource_path_looks():
    on_disk = {p for p in (ROOT / "resources").rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    datas = {Path(src): dest for src, dest in bundle.resource_datas()}
    assert set(datas) == on_disk
    for src, dest in datas.items():
        # paths.resource_path looks in <_MEIPASS>/beian_desktop/resources/<same sub-folder>
        assert Path(dest) == Path("beian_desktop", "resources") / src.parent.relative_to(ROOT / "resources")
    names = {p.name for p in datas}
    assert {"face_detection_yunet.onnx", "LICENSE-yunet", "beian_desktop_en.qm", "provinces.json"} <= names


def test_migration_scripts_are_bundled_as_files_beside_migrate():
    datas = {Path(src).relative_to(ROOT).as_posix(): dest for src, dest in bundle.migration_datas()}
    versions = sorted(p.relative_to(ROOT).as_posix() for p in (bundle.MIGRATIONS_DIR / "versions").glob("*.py"))
    assert {"beian_desktop/store/migrations/env.py", "beian_desktop/store/migrations/script.py.mako", *versions} <= set(datas)
    assert datas["beian_desktop/store/migrations/env.py"] == str(Path("beian_desktop", "store", "migrations"))
    assert not any(name.endswith(".pyc") for name in datas)


def test_every_application_module_is_collected():
    modules = set(bundle.app_modules())
    from beian_desktop.cli import COMMAND_MODULES

    assert {f"beian_desktop.commands.{name}" for name in COMMAND_MODULES} <= modules
    for path in (ROOT / "beian_desktop").rglob("*.py"):
        rel = path.relative_to(ROOT).with_suffix("")
        name = ".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)
        if name.startswith("beian_desktop.store.migrations.") and not name.endswith(".versions"):
            assert name not in modules, f"{name} is a migration script: Alembic reads it as a file"
        else:
            assert name in modules, f"{name} would be missing from the frozen app"


def test_a_new_package_is_collected_without_editing_the_spec(tmp_path, monkeypatch):
    pkg = tmp_path / "beian_desktop"
    (pkg / "station" / "capture").mkdir(parents=True)
    for rel in ("__init__.py", "cli.py", "station/__init__.py", "station/camera.py", "station/capture/__init__.py",
                "station/capture/frames.py"):
        (pkg / rel).write_text("", encoding="utf-8")
    monkeypatch.setattr(bundle, "ROOT", tmp_path)
    monkeypatch.setattr(bundle, "PACKAGE_DIR", pkg)
    assert bundle.app_modules() == sorted([
        "beian_desktop", "beian_desktop.cli", "beian_desktop.station", "beian_desktop.station.camera",
        "beian_desktop.station.capture", "beian_desktop.station.capture.frames",
    ])


def test_dependencies_data_is_collected_generically():
    packages = bundle.collected_packages()
    # rapidocr's models and yaml files, OpenCV's cascades, onnxruntime's libraries, stdnum's tables
    assert {"rapidocr", "cv2", "onnxruntime", "stdnum", "alembic"} <= set(packages)
    # Qt comes through PyInstaller's own PySide6 hook, which bundles only the Qt modules in use
    assert "PySide6" not in packages and "shiboken6" not in packages
    assert not set(packages) & set(bundle.EXCLUDES)


def test_a_new_dependency_in_pyproject_is_picked_up(monkeypatch):
    proj = dict(bundle.project())
    proj["dependencies"] = [*proj["dependencies"], "pluggy>=1", "tomli>=2; python_version < '3.0'"]
    monkeypatch.setattr(bundle, "project", lambda: proj)
    assert "pluggy" in bundle.collected_packages()  # installed: its data files and libraries are collected
    assert "pluggy" in bundle.direct_packages()  # and it is imported even if the code loads it by name
    assert "tomli" not in bundle.dependency_distributions()  # marker false: not a dependency here


def test_rapidocr_is_bundled_with_its_models_and_only_the_onnxruntime_engine():
    import rapidocr

    folder = Path(rapidocr.__file__).parent
    assert list((folder / "models").glob("*.onnx")), "the installed rapidocr wheel has no models to bundle"
    assert "rapidocr" in bundle.collected_packages()
    assert "rapidocr.inference_engine.onnxruntime" not in bundle.EXCLUDES
    assert {"torch", "paddle", "rapidocr.inference_engine.pytorch"} <= set(bundle.EXCLUDES)


def test_qt_translations_are_trimmed_to_the_app_languages():
    assert bundle.keep_qt_file("PySide6/Qt/translations/qtbase_zh_CN.qm")
    assert bundle.keep_qt_file("PySide6/Qt/translations/qt_en.qm")
    assert not bundle.keep_qt_file("PySide6/Qt/translations/qtbase_de.qm")
    assert not bundle.keep_qt_file("PySide6/Qt/plugins/platformthemes/libqgtk3.so")
    assert bundle.keep_qt_file("PySide6/Qt/plugins/platforms/libqxcb.so")
    assert bundle.keep_qt_file("beian_desktop/resources/i18n/beian_desktop_en.qm")


def test_unused_qt_plugins_and_onnxruntime_c_api_are_dropped():
    for dropped in ("PySide6/Qt/plugins/imageformats/libqpdf.so", "PySide6/Qt/plugins/imageformats/qpdf.dll",
                    "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
                    "onnxruntime/capi/libonnxruntime.so.1.32.0", "PySide6/Qt/plugins/platforms/libqeglfs.so",
                    "PySide6/Qt/plugins/generic/libqevdevmouseplugin.so"):
        assert not bundle.keep_binary(dropped), dropped
    for kept in ("onnxruntime/capi/onnxruntime_pybind11_state.cpython-311-x86_64-linux-gnu.so",
                 "onnxruntime/capi/libonnxruntime_providers_shared.so", "PySide6/Qt/plugins/imageformats/libqjpeg.so",
                 "PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so", "PySide6/Qt/plugins/platforms/libqxcb.so",
                 "PySide6/Qt/plugins/platforms/libqwayland.so", "PySide6/Qt/plugins/platforms/libqoffscreen.so",
                 "PySide6/Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so"):
        assert bundle.keep_binary(kept), kept


def test_every_opencv_cascade_the_code_opens_is_kept():
    import re

    named = set()
    for path in (ROOT / "beian_desktop").rglob("*.py"):
        named |= set(re.findall(r"haarcascade_\w+\.xml", path.read_text(encoding="utf-8")))
    assert named, "the document orientation check opens a Haar cascade"
    assert named <= set(bundle.CV2_CASCADES_KEPT)
    for name in named:
        assert bundle.keep_data_file(f"cv2/data/{name}")
    assert not bundle.keep_data_file("cv2/data/haarcascade_fullbody.xml")
    assert bundle.keep_data_file("cv2/LICENSE-3RD-PARTY.txt")


def test_rapidocr_detector_models_are_left_out_because_the_engine_names_its_own():
    import rapidocr

    from beian_desktop.imaging import ocr

    params = ocr.engine_params(Path("/m"), Path("/r/models") / ocr.DETECTOR)
    assert params["Det.model_path"].endswith(ocr.DETECTOR)  # rapidocr opens no detector from its own folder
    assert (ROOT / "resources" / "models" / ocr.DETECTOR).is_file()  # bundled with resources/
    wheel_models = sorted(p.name for p in (Path(rapidocr.__file__).parent / "models").glob("*.onnx"))
    kept = [name for name in wheel_models if bundle.keep_data_file(f"rapidocr/models/{name}")]
    dropped = sorted(set(wheel_models) - set(kept))
    assert dropped and all("_det" in name for name in dropped)
    assert any("_rec" in name for name in kept) and any("_cls" in name for name in kept)  # recognition, direction


def test_every_stdnum_database_the_code_reads_is_kept():
    import importlib
    import inspect
    import re

    modules = set()
    for path in (ROOT / "beian_desktop").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        modules |= {f"stdnum.{pkg}.{name}" for pkg, names in re.findall(r"from stdnum\.(\w+) import ([\w, ]+)", text)
                    for name in re.findall(r"(\w+)(?: as \w+)?", names) if name != "as"}
        modules |= set(re.findall(r"import (stdnum\.[\w.]+)", text))
    read = set()
    for module in modules:
        read |= set(re.findall(r"numdb\.get\(['\"]([\w/]+)['\"]\)", inspect.getsource(importlib.import_module(module))))
    assert "cn/loc" in read, "the resident ID check reads stdnum's cn/loc database"
    for name in read:
        assert bundle.keep_data_file(f"stdnum/{name}.dat"), name
    assert not bundle.keep_data_file("stdnum/oui.dat") and not bundle.keep_data_file("stdnum/iban.dat")


def test_system_libraries_of_the_debs_dependencies_are_left_to_the_system():
    depends = {"libpulse0": ["", "libc6 (>= 2.34), libsndfile1 (>= 1.0.20), libsystemd0, libx11-6"],
               "libsndfile1": ["", "libflac12 (>= 1.3.0), libvorbis0a:any"],
               "libx11-6": ["", "libxcb1 (>= 1.11.1), libx11-data"],
               "libglib2.0-0": ["", "libpcre2-8-0 (>= 10.22), libselinux1 (>= 3.1~) | libfake1"]}
    closure = bundle.package_closure(["libpulse0", "libglib2.0-0"], lambda name: depends.get(name, []))
    assert {"libpulse0", "libsndfile1", "libflac12", "libvorbis0a", "libsystemd0", "libx11-6", "libxcb1",
            "libpcre2-8-0"} <= closure
    assert "libselinux1" not in closure and "libfake1" not in closure  # a choice guarantees neither
    owners = {"/lib/x86_64-linux-gnu/libpulse.so.0": "libpulse0", "/lib/x86_64-linux-gnu/libFLAC.so.12": "libflac12",
              "/lib/x86_64-linux-gnu/libmvec.so.1": "libc6", "/lib/x86_64-linux-gnu/libreadline.so.8": "libreadline8"}
    binaries = [
        ("libpulse.so.0", "/lib/x86_64-linux-gnu/libpulse.so.0", "BINARY"),
        ("libFLAC.so.12", "/lib/x86_64-linux-gnu/libFLAC.so.12", "BINARY"),  # through libpulse0 -> libsndfile1
        ("libmvec.so.1", "/lib/x86_64-linux-gnu/libmvec.so.1", "BINARY"),  # glibc
        # from a package the .deb does not depend on: bundled
        ("libreadline.so.8", "/lib/x86_64-linux-gnu/libreadline.so.8", "BINARY"),
        ("libunknown.so.1", "/usr/local/lib/libunknown.so.1", "BINARY"),  # no package at all
        # libraries of the wheels and the interpreter are never the system's
        ("numpy.libs/libopenblas.so", "/site/numpy.libs/libopenblas.so", "BINARY"),
        ("libpython3.11.so.1.0", "/usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0", "BINARY"),
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
    ]
    asked = []

    def fake_owners(paths):
        asked.extend(paths)
        return {p: owners[p] for p in paths if p in owners}

    provided = bundle.system_libraries(binaries, fake_owners, lambda name: depends.get(name, []))
    assert provided == {"libFLAC.so.12": "libflac12", "libmvec.so.1": "libc6", "libpulse.so.0": "libpulse0"}
    assert not any("numpy.libs" in p or "libpython" in p for p in asked)
    assert set(bundle.DEB_DEPENDS) >= {"libc6", "libpulse0", "libstdc++6", "libx11-6"}


def test_system_libraries_on_this_machine_come_from_the_debs_dependencies():
    if not shutil.which("dpkg-query"):
        pytest.skip("not a Debian-like system")
    libc = "/lib/x86_64-linux-gnu/libc.so.6" if Path("/lib/x86_64-linux-gnu/libc.so.6").exists() else None
    if libc is None:
        pytest.skip("no multiarch libc here")
    assert bundle.dpkg_owners([libc, "/nonexistent/libx.so"]) == {libc: "libc6"}
    closure = bundle.package_closure(["libc6"], bundle.dpkg_depends)
    assert "libc6" in closure


def test_libraries_no_kept_binary_links_to_are_dropped():
    links = {
        "/s/cv2.so": ["libavcodec-1.so", "libz.so.1"],
        "/s/libavcodec-1.so": ["libvpx.so"],
        "/s/libqxcb.so": ["libQt6XcbQpa.so.6", "libxcb.so.1"],
        "/s/libQt6XcbQpa.so.6": ["libQt6Gui.so.6"],
        "/s/libgtk-3.so.0": ["libgdk-3.so.0"],
        "/s/libQt6Pdf.so.6": ["libQt6Gui.so.6"],
    }
    binaries = [
        ("cv2/cv2.so", "/s/cv2.so", "BINARY"),
        ("opencv.libs/libavcodec-1.so", "/s/libavcodec-1.so", "BINARY"),
        ("libvpx.so", "/s/libvpx.so", "BINARY"),
        ("libz.so.1", "/s/libz.so.1", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/s/libqxcb.so", "BINARY"),
        ("PySide6/Qt/lib/libQt6XcbQpa.so.6", "/s/libQt6XcbQpa.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/s/libQt6Gui.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Pdf.so.6", "/s/libQt6Pdf.so.6", "BINARY"),  # its plugin was dropped
        ("libQt6Pdf.so.6", "PySide6/Qt/lib/libQt6Pdf.so.6", "SYMLINK"),  # and PyInstaller's link to it
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
        ("libxcb.so.1", "/s/libxcb.so.1", "BINARY"),
        ("libgtk-3.so.0", "/s/libgtk-3.so.0", "BINARY"),  # only the dropped GTK theme plugin needed these
        ("libgdk-3.so.0", "/s/libgdk-3.so.0", "BINARY"),
        ("libpython3.11.so.1.0", "/s/libpython3.11.so.1.0", "BINARY"),  # the interpreter: always kept
        ("pypdfium2_raw/libpdfium.so", "/s/libpdfium.so", "BINARY"),  # loaded by name (ctypes): always kept
        # top-level extension modules (pi-heif, mypyc-compiled helpers) are imported by Python: always kept
        ("_pi_heif.cpython-311-x86_64-linux-gnu.so", "/s/_pi_heif.so", "EXTENSION"),
        ("81d243bd2c585b0f4821__mypyc.cpython-311-x86_64-linux-gnu.so", "/s/mypyc.so", "EXTENSION"),
        ("_other.abi3.so", "/s/_other.abi3.so", "EXTENSION"),
    ]
    orphans = bundle.orphan_libraries(binaries, lambda source: links.get(source, []))
    assert orphans == ["PySide6/Qt/lib/libQt6Pdf.so.6", "libQt6Pdf.so.6", "libgdk-3.so.0", "libgtk-3.so.0"]


def test_optional_imports_are_excluded_unless_a_dependency_needs_them(monkeypatch):
    monkeypatch.setattr(bundle, "dependency_distributions", lambda: ["sqlalchemy"])
    assert "cryptography" in bundle.excludes()
    monkeypatch.setattr(bundle, "dependency_distributions", lambda: ["sqlalchemy", "cryptography"])
    assert "cryptography" not in bundle.excludes() and "OpenSSL" in bundle.excludes()


def test_only_binaries_nobody_patched_are_stripped():
    plain = "Dynamic section at offset 0x1 contains 20 entries:\n 0x1 (NEEDED) Shared library: [libc.so.6]\n"
    assert bi.strippable(Path("sqlalchemy/engine/_row_cy.so"), plain)
    assert not bi.strippable(Path("numpy.libs/libscipy_openblas64_.so"), plain)  # grafted by auditwheel
    assert not bi.strippable(Path("PIL/_imaging.so"), plain + " 0x1d (RUNPATH) Library runpath: [$ORIGIN/../pillow.libs]\n")
    assert not bi.strippable(Path("x/y.so"), plain + " 0xf (RPATH) Library rpath: [$ORIGIN]\n")
    # pyenv links libpython with a RUNPATH of its own; 23 MB with debug symbols, 6 MB without
    assert bi.strippable(Path("libpython3.11.so.1.0"), plain + " 0x1d (RUNPATH) Library runpath: [/root/.pyenv/lib]\n")
    # and its own extension modules the same RUNPATH (12 MB with debug symbols, 5 MB without)
    assert bi.strippable(Path("python3.11/lib-dynload/_decimal.cpython-311-x86_64-linux-gnu.so"),
                         plain + " 0x1d (RUNPATH) Library runpath: [/root/.pyenv/lib]\n")


def test_links_to_dropped_libraries_are_removed(tmp_path):
    (tmp_path / "Qt").mkdir()
    (tmp_path / "Qt" / "libQt6Gui.so.6").write_bytes(b"x")
    (tmp_path / "libQt6Gui.so.6").symlink_to("Qt/libQt6Gui.so.6")
    (tmp_path / "libQt6Pdf.so.6").symlink_to("Qt/libQt6Pdf.so.6")  # dropped by the spec
    report = bi.Report("linux", "1")
    bi.remove_dangling_links(tmp_path, report)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Qt", "libQt6Gui.so.6"]
    assert "libQt6Pdf.so.6" in report.notes[-1]


class _Recorder:
    def __init__(self, calls, kind):
        self.calls, self.kind = calls, kind

    def __call__(self, *args, **kwargs):
        self.calls.append((self.kind, args, kwargs))
        return types.SimpleNamespace(kind=self.kind, args=args, kwargs=kwargs, pure=[], scripts=[], binaries=[], datas=[])


def _run_spec(monkeypatch, platform: str) -> list:
    """Execute the committed spec with PyInstaller's build classes replaced by recorders."""
    calls: list = []
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_data_files = lambda pkg, excludes=(): [(f"/site/{pkg}/data.bin", pkg)]
    hooks.collect_dynamic_libs = lambda pkg: []
    hooks.copy_metadata = lambda dist: [(f"/site/{dist}.dist-info", f"{dist}.dist-info")]
    bindepend = types.ModuleType("PyInstaller.depend.bindepend")
    bindepend.get_imports = lambda source: []
    for name in ("PyInstaller", "PyInstaller.utils", "PyInstaller.depend"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    monkeypatch.setitem(sys.modules, "PyInstaller.depend.bindepend", bindepend)
    monkeypatch.setattr(sys, "platform", platform)
    spec = ROOT / "packaging" / "beian-desktop.spec"
    namespace = {"SPECPATH": str(spec.parent), "__file__": str(spec), "__name__": "__main__"}
    for kind in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE"):
        namespace[kind] = _Recorder(calls, kind)
    exec(compile(spec.read_text(encoding="utf-8"), str(spec), "exec"), namespace)  # noqa: S102 - our own spec
    return calls


def test_spec_feeds_pyinstaller_the_bundle_lists(monkeypatch):
    calls = _run_spec(monkeypatch, "linux")
    analysis = next(kwargs for kind, _, kwargs in calls if kind == "Analysis")
    args = next(args for kind, args, _ in calls if kind == "Analysis")
    assert args[0] == [str(ROOT / "packaging" / "entry.py")]
    assert analysis["hiddenimports"] == bundle.app_modules() + bundle.direct_packages()
    datas = set(analysis["datas"])
    assert set(bundle.resource_datas()) <= datas and set(bundle.migration_datas()) <= datas
    assert ("/site/rapidocr/data.bin", "rapidocr") in datas and ("/site/cv2/data.bin", "cv2") in datas
    assert analysis["excludes"] == bundle.excludes()
    # the About dialog's data: our metadata (the version) and the licence texts under resources/licenses/third-party
    assert ("/site/beian-desktop.dist-info", "beian-desktop.dist-info") in datas
    licence_dests = {dest for _, dest in datas if "licenses/third-party" in dest}
    assert "beian_desktop/resources/licenses/third-party" in licence_dests
    assert "beian_desktop/resources/licenses/third-party/opencv-python-headless" in licence_dests
    exes = [kwargs for kind, _, kwargs in calls if kind == "EXE"]
    assert [e["name"] for e in exes] == ["beian-desktop"] and exes[0]["console"] is True
    collect = next(kwargs for kind, _, kwargs in calls if kind == "COLLECT")
    assert collect["name"] == "beian-desktop"  # one-folder: dist/beian-desktop/
    assert collect["strip"] is False  # a global strip breaks numpy's auditwheel-patched OpenBLAS
    assert not [c for c in calls if c[0] == "BUNDLE"]


def test_spec_on_windows_adds_a_console_launcher_and_on_macos_an_app(monkeypatch):
    exes = [kwargs for kind, _, kwargs in _run_spec(monkeypatch, "win32") if kind == "EXE"]
    assert [(e["name"], e["console"]) for e in exes] == [("beian-desktop", False), ("beian-desktop-cli", True)]
    calls = _run_spec(monkeypatch, "darwin")
    app = next(kwargs for kind, _, kwargs in calls if kind == "BUNDLE")
    assert app["name"] == "Beian Desktop.app" and app["version"] == _pyproject()["project"]["version"]


def test_entry_script_runs_the_cli():
    result = subprocess.run([sys.executable, str(ROOT / "packaging" / "entry.py"), "--version"], capture_output=True,
                            text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"beian-desktop {_pyproject()['project']['version']}"


# --------------------------------------------------------------------------- Linux packages


def test_deb_control_file_declares_the_qt_system_libraries():
    control = bi.deb_control("1.2.3", "amd64", 456789)
    fields = dict(line.split(": ", 1) for line in control.splitlines() if line and not line.startswith(" "))
    assert fields["Package"] == "beian-desktop" and fields["Version"] == "1.2.3"
    assert fields["Architecture"] == "amd64" and fields["Installed-Size"] == "456789"
    depends = [d.strip() for d in fields["Depends"].split(",")]
    assert {"libegl1", "libgl1", "libxkbcommon0", "libfontconfig1", "libdbus-1-3", "libglib2.0-0", "libxcb-cursor0",
            "libxkbcommon-x11-0"} <= set(depends)
    assert "fonts-noto-cjk" in fields["Recommends"]
    assert control.endswith("\n") and all(line.startswith(" ") for line in control.splitlines()[10:] if line)
    assert bi.deb_arch("x86_64") == "amd64" and bi.deb_arch("aarch64") == "arm64"


def test_desktop_entry_starts_the_gui_with_its_icon():
    entry = bi.desktop_entry()
    lines = entry.splitlines()
    assert lines[0] == "[Desktop Entry]"
    assert "Exec=beian-desktop" in lines and "Icon=beian-desktop" in lines and "Terminal=false" in lines
    assert "Name[zh_CN]=备案接入助手" in lines


def _fake_app(folder: Path, version: str) -> Path:
    """A stand-in for the frozen folder: a script that answers like the real binary."""
    folder.mkdir(parents=True)
    exe = folder / "beian-desktop"
    exe.write_text(f"#!/bin/sh\nif [ \"$1\" = --version ]; then echo 'beian-desktop {version}'; fi\nexit 0\n", encoding="utf-8")
    exe.chmod(0o755)
    (folder / "_internal").mkdir()
    (folder / "_internal" / "base_library.zip").write_bytes(b"x" * 2048)
    return folder


def _fake_icons(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True)
    icons = {}
    for size in (16, 32, 48, 64, 128, 256, 512):
        icons[f"beian-desktop-{size}.png"] = folder / f"beian-desktop-{size}.png"
        icons[f"beian-desktop-{size}.png"].write_bytes(b"\x89PNG\r\n\x1a\n")
    icons["beian-desktop.svg"] = ROOT / "packaging" / "icons" / "beian-desktop.svg"
    return icons


@pytest.mark.skipif(not shutil.which("dpkg-deb"), reason="dpkg-deb is not installed (Debian/Ubuntu only)")
def test_deb_and_tarball_layout(tmp_path, monkeypatch):
    monkeypatch.setattr(bi, "DIST", tmp_path / "dist")
    monkeypatch.setattr(bi, "BUILD", tmp_path / "build")
    (tmp_path / "dist").mkdir()
    version = bundle.version()
    app = _fake_app(tmp_path / "dist" / "beian-desktop", version)
    report = bi.Report("linux", version)
    deb, tarball = bi.package_linux(app, _fake_icons(tmp_path / "icons"), report)
    assert deb.name == f"beian-desktop_{version}_{bi.deb_arch()}.deb"
    bi.verify_deb(deb, report)  # dpkg -x into a temporary root, then runs the binary
    root = tmp_path / "x"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    assert os.readlink(root / "usr/bin/beian-desktop") == "/opt/beian-desktop/beian-desktop"
    assert (root / "usr/share/applications/beian-desktop.desktop").read_text(encoding="utf-8") == bi.desktop_entry()
    assert (root / "usr/share/icons/hicolor/scalable/apps/beian-desktop.svg").exists()
    control = subprocess.run(["dpkg-deb", "-f", str(deb), "Version", "Depends"], capture_output=True, text=True, check=True).stdout
    assert f"Version: {version}" in control and "libxkbcommon0" in control
    with tarfile.open(tarball) as tar:
        names = tar.getnames()
    assert f"beian-desktop-{version}/app/beian-desktop" in names
    assert f"beian-desktop-{version}/beian-desktop.desktop" in names
    # the .tar.gz names the Debian packages it takes its system libraries from, as the .deb depends on them
    with tarfile.open(tarball) as tar:
        listed = tar.extractfile(f"beian-desktop-{version}/DEPENDS").read().decode("utf-8").split()
    depends = next(line for line in control.splitlines() if line.startswith("Depends: ")).removeprefix("Depends: ")
    assert listed == [d.strip() for d in depends.split(",")] and "libpulse0" in listed
    if shutil.which("desktop-file-validate"):
        subprocess.run(["desktop-file-validate", str(root / "usr/share/applications/beian-desktop.desktop")], check=True)


@pytest.mark.skipif(not shutil.which("dpkg-deb"), reason="dpkg-deb is not installed (Debian/Ubuntu only)")
def test_verify_deb_refuses_a_binary_that_does_not_start(tmp_path, monkeypatch):
    monkeypatch.setattr(bi, "DIST", tmp_path / "dist")
    monkeypatch.setattr(bi, "BUILD", tmp_path / "build")
    (tmp_path / "dist").mkdir()
    app = _fake_app(tmp_path / "dist" / "beian-desktop", "0.0.0-wrong")
    deb, _ = bi.package_linux(app, _fake_icons(tmp_path / "icons"), bi.Report("linux", "x"))
    with pytest.raises(bi.BuildError, match=r"(?s)\[verify deb\].*printed 'beian-desktop 0.0.0-wrong'"):
        bi.verify_deb(deb, bi.Report("linux", "x"))


# --------------------------------------------------------------------------- Windows and macOS


def test_nsis_script_takes_the_version_from_pyproject_and_installs_per_user():
    defines = bi.nsis_defines(Path("dist/beian-desktop"), Path("dist/setup.exe"))
    assert defines["APP_VERSION"] == _pyproject()["project"]["version"]
    script = bi.NSIS_SCRIPT.read_text(encoding="utf-8")
    assert "RequestExecutionLevel user" in script and "$LOCALAPPDATA\\Programs" in script
    assert 'File /r "${SOURCE_DIR}\\*.*"' in script  # the folder the spec made, whatever it holds
    assert "$SMPROGRAMS" in script and "WriteUninstaller" in script
    # the drafts are only deleted after a question whose default (and silent answer) is No
    assert "MB_DEFBUTTON2" in script and "/SD IDNO" in script
    assert '.beianpkg\\OpenWithProgids' in script and "drafts import" in script


@pytest.mark.skipif(not shutil.which("makensis"), reason="makensis is not installed (Debian: apt-get install nsis)")
def test_nsis_script_compiles(tmp_path):
    assert bi.check_nsis_script(tmp_path).stat().st_size > 10_000


@pytest.mark.parametrize("target", ["windows", "macos", "linux"])
def test_other_systems_are_not_pretended(target, tmp_path, monkeypatch, capsys):
    if target == bi.running_target():
        pytest.skip("this is the system the installer is built on")
    monkeypatch.setattr(bi, "DIST", tmp_path / "dist")
    monkeypatch.setattr(bi.shutil, "which", lambda name: None)  # no makensis: nothing compiled, said so
    assert bi.main(["--target", target]) == bi.EXIT_CANNOT_BUILD_HERE
    out = capsys.readouterr().out
    assert f"NOT BUILT: the {target} installer must be built on {target}" in out and "does not cross-compile" in out
    written = sorted(p.name for p in (tmp_path / "dist" / target).iterdir())
    assert "BUILD-ON-THIS-SYSTEM.txt" in written
    assert not [n for n in written if n.endswith((".exe", ".dmg", ".msi", ".deb", ".app"))]


# --------------------------------------------------------------------------- forms and smoke test


def test_stale_forms_stop_the_build(monkeypatch):
    real_run = subprocess.run

    def fake_run(args, **kwargs):
        if "beian_desktop.gui.build_forms" in args:
            return subprocess.CompletedProcess(args, 1, "stale form: page_start.ui\n", "")
        return real_run(args, **kwargs)

    monkeypatch.setattr(bi.subprocess, "run", fake_run)
    with pytest.raises(bi.BuildError, match=r"(?s)^\[forms\].*page_start.ui") as exc:
        bi.check_generated_files()
    assert exc.value.step == "forms"


def _fake_frozen(tmp_path: Path, body: str) -> Path:
    exe = tmp_path / "fake-beian-desktop"
    exe.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    exe.chmod(0o755)
    return exe


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in executable is a shell script")
def _about_json(version: str, files: list[str] | None = None) -> str:
    keys = ["python", "pyside6-essentials", "opencv-python-headless", "onnxruntime", "rapidocr",
            "model:face_detection_yunet.onnx", "model:selfie_segmentation.tflite"]
    comps = [{"key": k, "files": files or []} for k in keys]
    return json.dumps({"version": version, "components": comps})


def test_smoke_names_the_failing_step(tmp_path):
    version = bundle.version()
    exe = _fake_frozen(tmp_path, f"""case "$1" in
  --version) echo 'beian-desktop {version}';;
  about) echo '{_about_json(version)}';;
  validate) if [ "$3" = uscc ]; then echo '{{"valid": true}}'; else echo '{{"valid": false}}'; exit 1; fi;;
  drafts) echo 'database is locked' >&2; exit 1;;
esac
""")
    report = bi.Report("linux", version)
    smoke = bi.Smoke(exe, tmp_path, report)
    with pytest.raises(bi.BuildError, match=r"(?s)^\[smoke: drafts create-sample\] exit status 1.*database is locked"):
        smoke.run_all({"photo": tmp_path / "p.jpg", "document": tmp_path / "d.jpg"})
    assert [s["step"] for s in report.smoke] == ["--version", "about", "validate", "validate (invalid)",
                                                 "drafts create-sample"]


def test_smoke_refuses_licence_texts_read_from_outside_the_bundle(tmp_path):
    version = bundle.version()
    exe = _fake_frozen(tmp_path, f"""case "$1" in
  --version) echo 'beian-desktop {version}';;
  about) echo '{_about_json(version, ["/usr/lib/python3/site-packages/cv2/LICENSE.txt"])}';;
esac
""")
    smoke = bi.Smoke(exe, tmp_path, bi.Report("linux", version))
    with pytest.raises(bi.BuildError, match=r"(?s)^\[smoke: about\].*outside the bundle.*cv2/LICENSE.txt"):
        smoke.run_all({"photo": tmp_path / "p.jpg", "document": tmp_path / "d.jpg"})


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in executable is a shell script")
def test_smoke_output_against_the_contract_is_a_named_failure(tmp_path, monkeypatch):
    exe = _fake_frozen(tmp_path, f"""case "$1" in
  --version) echo 'beian-desktop {bundle.version()}';;
  about) echo '{_about_json(bundle.version())}';;
  validate) echo 'not json';;
esac
""")
    real_smoke = bi.Smoke
    monkeypatch.setattr(bi, "Smoke", lambda _exe, work, report: real_smoke(exe, work, report))
    fake_images = types.ModuleType("smoke_images")
    fake_images.write = lambda folder: {"photo": folder / "p.jpg", "document": folder / "d.jpg"}
    monkeypatch.setitem(sys.modules, "smoke_images", fake_images)
    with pytest.raises(bi.BuildError, match=r"^\[smoke: validate\] unexpected output"):
        bi.smoke_test(tmp_path, bi.Report("linux", "x"), "linux")


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in executable is a shell script")
def test_smoke_runs_in_a_fresh_home_without_the_developers_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    monkeypatch.setenv("BEIAN_DESKTOP_DB", "sqlite:////somewhere/real.sqlite3")
    exe = _fake_frozen(tmp_path, "env\n")
    smoke = bi.Smoke(exe, tmp_path, bi.Report("linux", "x"))
    env = dict(line.split("=", 1) for line in smoke.cli("env", "whatever").stdout.splitlines() if "=" in line)
    assert env["HOME"] == str(tmp_path / "home") and env["QT_QPA_PLATFORM"] == "offscreen"
    assert "PYTHONPATH" not in env and "BEIAN_DESKTOP_DB" not in env and "BEIAN_DESKTOP_HOME" not in env
    assert env["https_proxy"].startswith("http://127.0.0.1:")


def test_smoke_expects_a_screenshot_of_every_wizard_page():
    pages = bi.expected_pages()
    assert {"start", "product", "password", "details", "documents", "photo", "submit", "review"} <= set(pages)


def test_smoke_photo_has_one_real_face_on_the_backdrop(tmp_path):
    """The composed picture is what the frozen check-photo must judge: checked here with the source install."""
    pytest.importorskip("skimage")
    smoke_images = _load("smoke_images", ROOT / "packaging" / "smoke_images.py")
    from beian_desktop.imaging.annotate import find_cjk_font

    if find_cjk_font() is None:
        pytest.skip("no CJK font installed (fonts-noto-cjk)")
    paths = smoke_images.write(tmp_path)
    result = subprocess.run([sys.executable, "-m", "beian_desktop", "check-photo", "--json", str(paths["photo"])],
                            capture_output=True, text=True, timeout=300, cwd=ROOT)
    report = json.loads(result.stdout.splitlines()[0])
    checks = {c["id"]: c for c in report["checks"]}
    assert checks["face_count"]["values"]["faces"] == 1
    assert checks["backdrop"]["values"]["word"], checks["backdrop"]


# --------------------------------------------------------------------------- the real build (opt-in)


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("BEIAN_BUILD_INSTALLER") != "1",
                    reason="the full PyInstaller build and frozen smoke test take minutes: set BEIAN_BUILD_INSTALLER=1")
def test_full_build_of_this_system():
    result = subprocess.run([sys.executable, str(ROOT / "build_installer.py")], capture_output=True, text=True,
                            timeout=3600, cwd=ROOT)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    report = json.loads((ROOT / "dist" / "build-report.json").read_text(encoding="utf-8"))
    assert all(step.get("ok", True) for step in report["smoke"])
    assert (ROOT / "dist" / "SHA256SUMS").read_text(encoding="utf-8").count("\n") == len(report["artifacts"])
