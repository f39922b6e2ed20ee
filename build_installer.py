"""Build the desktop installers of Beian Desktop.

    pip install '.[build]'          # PyInstaller, and scikit-image for the smoke test's real face
    python build_installer.py [--target linux|windows|macos] [--skip-smoke]

Steps (any failure stops the build and names the step):

1. **forms**: regenerate the Designer forms and translations in a scratch copy
   (``python -m beian_desktop.gui.build_forms --check``) and refuse to build when that would change a committed file.
2. **freeze**: PyInstaller, one-folder, from the committed ``packaging/beian-desktop.spec`` (module and data lists in
   ``packaging/bundle.py``) into ``dist/beian-desktop/``.
3. **smoke**: run the frozen app headless in a fresh temporary home and database, without network (Linux:
   ``unshare -n``): ``--version``, ``validate``, ``drafts create-sample``, ``check-photo --json`` on a real face
   (exactly one face, and the backdrop print read by the bundled OCR models), ``check-doc --json``, ``export`` of the
   sample and ``drafts import`` of the package, ``screenshots`` of every page.
4. **package**: Linux: ``dist/beian-desktop_VERSION_ARCH.deb`` (``dpkg-deb``) and ``dist/beian-desktop-VERSION-linux-ARCH.tar.gz``;
   the ``.deb`` is unpacked into a temporary root and its binary started headless.
   Windows: NSIS (``makensis``) compiles ``packaging/windows/beian-desktop.nsi`` into ``dist/beian-desktop-VERSION-setup.exe``.
   macOS: ``Beian Desktop.app`` then a ``.dmg`` through ``hdiutil``; codesigned/notarised when the identity is given.
5. **report**: ``dist/SHA256SUMS`` and ``dist/build-report.json`` (sizes, versions, timings, smoke results).

PyInstaller does not cross-compile: the Windows and macOS targets only run on those systems. Asked for them elsewhere,
this script writes what it can (``dist/windows/``: the NSIS script, syntax-checked with Debian's ``makensis`` when
installed; ``dist/macos/``: the steps), says that no installer was built, and exits with status 3.

Exit status: 0 built, 1 a step failed, 2 usage error, 3 target cannot be built on this system.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import platform
import shutil
import struct
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "beian-desktop.spec"
DIST = ROOT / "dist"
BUILD = ROOT / "build"
sys.path.insert(0, str(PACKAGING))
import bundle  # noqa: E402  (packaging/bundle.py: the lists shared with the spec)

TARGETS = ("linux", "windows", "macos")
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_CANNOT_BUILD_HERE = 0, 1, 2, 3

#: Debian packages the .deb depends on: what the bundled Qt needs from the system and the system libraries the
#: bundle leaves to it (packaging/bundle.py, shared with the spec, which drops those libraries from the bundle).
DEB_DEPENDS = bundle.DEB_DEPENDS
#: Recommended: a font that draws Chinese (the app's language) on machines that have none.
DEB_RECOMMENDS = ("fonts-noto-cjk",)
DEB_ARCH = {"x86_64": "amd64", "amd64": "amd64", "aarch64": "arm64", "arm64": "arm64"}
INSTALL_PREFIX = "/opt/beian-desktop"
#: postinst/postrm: refresh the desktop menu and icon caches when the tools exist (they are optional).
POST_SCRIPT = ("command -v update-desktop-database >/dev/null && update-desktop-database -q /usr/share/applications || true\n"
               "command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true\n")
SMOKE_TIMEOUT = 600


class BuildError(Exception):
    """A build step failed; the message starts with the step's name."""

    def __init__(self, step: str, message: str):
        super().__init__(f"[{step}] {message}")
        self.step = step


@dataclass
class Report:
    target: str
    version: str
    steps: dict[str, float] = field(default_factory=dict)  # step -> seconds
    smoke: list[dict] = field(default_factory=list)
    artifacts: dict[str, int] = field(default_factory=dict)  # file name -> bytes
    notes: list[str] = field(default_factory=list)


def log(message: str) -> None:
    print(f"build_installer: {message}", flush=True)


# --------------------------------------------------------------------------- arguments


def running_target(system: str | None = None) -> str:
    system = (system or platform.system()).lower()
    return {"linux": "linux", "windows": "windows", "darwin": "macos"}.get(system, system)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Freeze, smoke-test and package Beian Desktop (writes to dist/).")
    parser.add_argument("--target", choices=TARGETS, default=running_target(),
                        help="installer to build (default: the running system; PyInstaller does not cross-compile)")
    parser.add_argument("--skip-smoke", action="store_true", help="do not smoke-test the frozen app (not for releases)")
    return parser.parse_args(argv)


# --------------------------------------------------------------------------- helpers


def run(step: str, args: list[str], *, timeout: float = 1800, **kwargs) -> subprocess.CompletedProcess:
    try:
        result = subprocess.run(args, capture_output=True, text=True, timeout=timeout, **kwargs)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BuildError(step, f"{' '.join(map(str, args[:3]))} …: {exc}") from exc
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-25:])
        raise BuildError(step, f"`{' '.join(map(str, args))}` exited with {result.returncode}:\n{tail}")
    return result


def shown(path: Path) -> str:
    """A path as printed: relative to the checkout when inside it."""
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def versions() -> dict[str, str]:
    import importlib.metadata as md

    found = {"python": platform.python_version(), "platform": platform.platform()}
    for dist in ("PyInstaller", "PySide6-Essentials", "opencv-python-headless", "onnxruntime", "rapidocr", "numpy"):
        try:
            found[dist] = md.version(dist)
        except md.PackageNotFoundError:
            pass
    try:
        from PySide6.QtCore import qVersion

        found["Qt"] = qVersion()
    except ImportError:
        pass
    return found


# --------------------------------------------------------------------------- 1. forms and translations


def check_generated_files() -> None:
    """Regenerate forms and translations in scratch copies; refuse when the committed ones differ."""
    result = subprocess.run([sys.executable, "-m", "beian_desktop.gui.build_forms", "--check"], cwd=ROOT,
                            capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        problems = (result.stdout + result.stderr).strip()
        raise BuildError("forms", "regenerating the forms/translations changes committed files; run "
                         f"`python -m beian_desktop.gui.build_forms`, review and commit:\n{problems}")


# --------------------------------------------------------------------------- 2. freeze


def write_icons(out: Path = BUILD / "icons") -> dict[str, Path]:
    """PNG sizes from the committed SVG (Qt's SVG renderer), plus .ico (Windows) and .icns (macOS) through Pillow."""
    out.mkdir(parents=True, exist_ok=True)
    svg = PACKAGING / "icons" / "beian-desktop.svg"
    code = (
        "import sys\n"
        "from PySide6.QtGui import QGuiApplication, QImage, QPainter\n"
        "from PySide6.QtSvg import QSvgRenderer\n"
        "app = QGuiApplication([])\n"
        "r = QSvgRenderer(sys.argv[1])\n"
        "for s in (16, 32, 48, 64, 128, 256, 512):\n"
        "    img = QImage(s, s, QImage.Format_ARGB32); img.fill(0)\n"
        "    p = QPainter(img); r.render(p); p.end()\n"
        "    assert img.save(f'{sys.argv[2]}/beian-desktop-{s}.png')\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    run("icons", [sys.executable, "-c", code, str(svg), str(out)], env=env, timeout=120)
    from PIL import Image

    big = Image.open(out / "beian-desktop-512.png")
    big.save(out / "beian-desktop.ico", sizes=[(s, s) for s in (16, 32, 48, 64, 128, 256)])
    big.save(out / "beian-desktop.icns")
    shutil.copy(svg, out / "beian-desktop.svg")
    return {p.name: p for p in out.iterdir()}


def freeze() -> Path:
    try:
        import PyInstaller  # noqa: F401
    except ImportError as exc:
        raise BuildError("freeze", "PyInstaller is not installed: pip install '.[build]'") from exc
    (BUILD / "system-libraries.txt").unlink(missing_ok=True)  # written by the spec for this build only
    run("freeze", [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                   "--distpath", str(DIST), "--workpath", str(BUILD / "pyinstaller"), str(SPEC)], cwd=ROOT, timeout=3600)
    app_dir = DIST / bundle.APP_NAME
    if not (app_dir / executable_name()).exists():
        raise BuildError("freeze", f"PyInstaller finished but {app_dir / executable_name()} is missing")
    return app_dir


def _elf_dynamic(path: Path, readelf: str) -> str | None:
    """``readelf -d`` of an ELF file, None for anything else."""
    with path.open("rb") as fh:
        if fh.read(4) != b"\x7fELF":
            return None
    result = subprocess.run([readelf, "-d", str(path)], capture_output=True, text=True, timeout=60)
    return result.stdout if result.returncode == 0 else None


def strippable(path: Path, dynamic: str) -> bool:
    """Only binaries nobody patched after linking: the libraries that auditwheel grafted into a wheel (``*.libs``
    folders) and the modules it pointed at them (an RPATH/RUNPATH) were rewritten by patchelf, and ``strip`` breaks
    those ("ELF load command address/offset not page-aligned" from numpy's OpenBLAS). Qt's libraries carry a RUNPATH
    and are skipped too (they come stripped)."""
    if path.name.startswith("libpython"):  # the interpreter: its RUNPATH comes from its own link (pyenv), not patchelf
        return True
    if path.parent.name == "lib-dynload":  # the interpreter's own extension modules: same link, same RUNPATH
        return True
    return not any(part.endswith(".libs") for part in path.parts) and "(RPATH)" not in dynamic and "(RUNPATH)" not in dynamic


def strip_binaries(app_dir: Path, report: Report) -> None:
    """Drop symbol tables and debug information (``strip --strip-unneeded``, as Debian does for shared libraries) from
    the bundled binaries that can take it (:func:`strippable`): Cython modules and pyenv's libpython carry tens of MB."""
    tool, readelf = shutil.which("strip"), shutil.which("readelf")
    if not tool or not readelf:
        report.notes.append("binaries not stripped: binutils (strip, readelf) not found")
        return
    before = after = count = 0
    for path in sorted(app_dir.rglob("*")):
        # shared libraries only: the executable carries PyInstaller's archive appended after its ELF image
        if path.is_symlink() or not path.is_file() or ".so" not in path.name:
            continue
        dynamic = _elf_dynamic(path, readelf)
        if dynamic is None or not strippable(path, dynamic):
            continue
        size = path.stat().st_size
        run("freeze: strip", [tool, "--strip-unneeded", str(path)])
        before, after, count = before + size, after + path.stat().st_size, count + 1
    report.notes.append(f"stripped {count} binaries: {before / 1e6:.0f} -> {after / 1e6:.0f} MB")
    log(report.notes[-1])


def remove_dangling_links(app_dir: Path, report: Report) -> None:
    """PyInstaller links every Qt library into the top folder; the links of the libraries the spec dropped point to
    nothing: remove them (they would only clutter the packages)."""
    dangling = [p for p in app_dir.rglob("*") if p.is_symlink() and not p.exists()]
    for link in dangling:
        link.unlink()
    if dangling:
        report.notes.append(f"removed {len(dangling)} links to dropped libraries: " + ", ".join(sorted(p.name for p in dangling)))


def executable_name(target: str | None = None) -> str:
    target = target or running_target()
    return {"windows": f"{bundle.APP_NAME}-cli.exe"}.get(target, bundle.APP_NAME)


# --------------------------------------------------------------------------- 3. smoke test


def isolated_env(home: Path) -> dict[str, str]:
    """Environment of a fresh user: temporary home and data folders, offscreen Qt, no Python paths leaking in."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "BEIAN_DESKTOP", "XDG_", "QT_", "DBUS_"))
           and k not in ("VIRTUAL_ENV", "HOME")}
    env.update(
        HOME=str(home), USERPROFILE=str(home), APPDATA=str(home / "AppData"), LOCALAPPDATA=str(home / "AppData"),
        XDG_CONFIG_HOME=str(home / ".config"), XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CACHE_HOME=str(home / ".cache"), XDG_RUNTIME_DIR=str(home / "run"), QT_QPA_PLATFORM="offscreen",
        # anything that still tries the network meets a closed port (Linux additionally runs without any network)
        http_proxy="http://127.0.0.1:9", https_proxy="http://127.0.0.1:9", HTTP_PROXY="http://127.0.0.1:9",
        HTTPS_PROXY="http://127.0.0.1:9", no_proxy="", NO_PROXY="",
        # a headless machine without a keyring: the draft database's key is protected by a passphrase
        BEIAN_DESKTOP_PASSPHRASE="smoke-test passphrase",
    )
    (home / "run").mkdir(parents=True, exist_ok=True, mode=0o700)
    return env


def no_network_prefix() -> list[str]:
    """``unshare -n`` when this system allows it (a namespace without any network), else nothing."""
    if shutil.which("unshare"):
        for prefix in (["unshare", "-n"], ["unshare", "-rn"]):  # as root; as a user (user namespace)
            try:
                if subprocess.run([*prefix, "true"], capture_output=True, timeout=10).returncode == 0:
                    return prefix
            except (OSError, subprocess.SubprocessError):
                pass
    return []


def _json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip().startswith("{")]


def _check(results: list[dict], check_id: str) -> dict:
    for check in results[0]["checks"]:
        if check["id"] == check_id:
            return check
    raise AssertionError(f"no `{check_id}` check in the output")


def expected_pages(ui_dir: Path = ROOT / "ui") -> list[str]:
    """The wizard pages the screenshots must show: one per ``ui/page_*.ui`` form."""
    return sorted(p.stem.removeprefix("page_") for p in ui_dir.glob("page_*.ui"))


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        raise AssertionError(f"{path.name} is not a PNG file")
    return struct.unpack(">II", head[16:24])


class Smoke:
    """Runs the frozen executable step by step; the first failing step raises :class:`BuildError` naming it."""

    def __init__(self, executable: Path, work: Path, report: Report):
        self.exe, self.work, self.report = executable, work, report
        self.env = isolated_env(work / "home")
        self.prefix = no_network_prefix()
        self.report.notes.append("smoke test ran " + (f"without network ({' '.join(self.prefix)})" if self.prefix
                                                      else "with a dead proxy (no network namespace available)"))

    def cli(self, step: str, *args: str, expect_rc: int = 0) -> subprocess.CompletedProcess:
        start = time.perf_counter()
        try:
            result = subprocess.run([*self.prefix, str(self.exe), *args], capture_output=True, text=True, env=self.env,
                                    cwd=self.work, timeout=SMOKE_TIMEOUT)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise BuildError(f"smoke: {step}", str(exc)) from exc
        elapsed = time.perf_counter() - start
        self.report.smoke.append({"step": step, "args": list(args), "rc": result.returncode, "seconds": round(elapsed, 2)})
        if result.returncode != expect_rc:
            tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-25:])
            raise BuildError(f"smoke: {step}", f"exit status {result.returncode} (expected {expect_rc}):\n{tail}")
        return result

    def expect(self, step: str, condition: bool, message: str) -> None:
        if not condition:
            self.report.smoke[-1]["ok"] = False
            raise BuildError(f"smoke: {step}", message)
        self.report.smoke[-1]["ok"] = True

    def run_all(self, pictures: dict[str, Path]) -> None:
        version = bundle.version()
        out = self.cli("--version", "--version")
        self.expect("--version", out.stdout.strip() == f"{bundle.APP_NAME} {version}",
                    f"printed {out.stdout.strip()!r}, expected '{bundle.APP_NAME} {version}' (pyproject.toml)")

        out = self.cli("about", "about", "--json")  # exits 1 when a licence text is missing from the bundle
        about = _json_lines(out.stdout)[0]
        keys = {c["key"] for c in about["components"]}
        wanted = {"python", "pyside6-essentials", "opencv-python-headless", "onnxruntime", "rapidocr",
                  "model:face_detection_yunet.onnx", "model:selfie_segmentation.tflite"}
        outside = [f for c in about["components"] for f in c["files"] if not Path(f).is_relative_to(self.exe.parent)]
        self.expect("about", about["version"] == version and wanted <= keys and not outside,
                    f"version {about['version']!r}, components missing: {sorted(wanted - keys)}, "
                    f"licence texts read from outside the bundle: {outside[:5]}")
        self.report.smoke[-1]["components"] = len(keys)

        out = self.cli("validate", "validate", "--json", "uscc", "91350100M000100Y43")
        self.expect("validate", _json_lines(out.stdout)[0]["valid"] is True, out.stdout)
        out = self.cli("validate (invalid)", "validate", "--json", "resident-id", "110101199003070000", expect_rc=1)
        self.expect("validate (invalid)", _json_lines(out.stdout)[0]["valid"] is False, out.stdout)

        out = self.cli("drafts create-sample", "drafts", "create-sample")
        draft_id = out.stdout.strip().splitlines()[-1]
        self.expect("drafts create-sample", len(draft_id) >= 8, f"no draft id printed: {out.stdout!r}")
        out = self.cli("drafts list", "drafts", "list", "--json")
        self.expect("drafts list", [d["id"] for d in _json_lines(out.stdout)] == [draft_id], out.stdout)

        out = self.cli("check-photo", "check-photo", "--json", str(pictures["photo"]))
        results = _json_lines(out.stdout)
        faces = _check(results, "face_count").get("values", {}).get("faces")
        self.expect("check-photo", faces == 1, f"a real face must give exactly one face, got {faces}: {out.stdout[:2000]}")
        backdrop = _check(results, "backdrop").get("values", {})
        self.report.smoke[-1]["ocr_text"] = backdrop.get("text")
        self.expect("check-photo (OCR)", bool(backdrop.get("word")),
                    f"the bundled OCR did not read the backdrop's print (values: {backdrop}); are rapidocr's models bundled?")

        if "photo_heic" in pictures:  # HEIC goes through pi-heif's libraries (libheif, libde265)
            out = self.cli("check-photo (HEIC)", "check-photo", "--json", str(pictures["photo_heic"]))
            faces = _check(_json_lines(out.stdout), "face_count").get("values", {}).get("faces")
            self.expect("check-photo (HEIC)", faces == 1, f"the HEIC copy of the photo must give one face, got {faces}: "
                                                         f"{out.stdout[:2000]}")

        doc_args = ["check-doc", "--json", "--type", "authenticity_form"]
        help_text = self.cli("check-doc --help", "check-doc", "--help").stdout
        ocr_doc = "--expect" in help_text
        if ocr_doc:  # the document reader (OCR) compares what it reads with the expected value
            doc_args += ["--expect", "org_name=杭州云栖示例科技有限公司"]
        out = self.cli("check-doc", *doc_args, str(pictures["document"]))
        results = _json_lines(out.stdout)
        self.expect("check-doc", len(results) == 1 and _check(results, "file")["status"] == "pass", out.stdout[:2000])
        if ocr_doc:  # the bundled OCR read the page: it recognised the kind of document from its printed words
            values = _check(results, "content").get("values", {})
            self.expect("check-doc (OCR)", values.get("kind") == "authenticity_form" and values.get("characters_read", 0) >= 20,
                        f"the document reader did not read the printed form (values: {values}); are rapidocr's models bundled?")
        else:
            self.report.notes.append("check-doc has no --expect (document OCR) in this version: only the image checks ran")

        package = self.work / "package.zip"
        self.cli("export", "export", draft_id, "--out", str(package), "--allow-draft")
        self.expect("export", package.is_file() and package.stat().st_size > 1000, f"{package} was not written")
        out = self.cli("drafts import", "drafts", "import", str(package))
        imported = out.stdout.strip().splitlines()[-1] if out.stdout.strip() else ""
        self.expect("drafts import", len(imported) >= 8 and imported != draft_id, f"no new draft id printed: {out.stdout!r}")
        out = self.cli("drafts list (after import)", "drafts", "list", "--json")
        self.expect("drafts import", len(_json_lines(out.stdout)) == 2, f"expected 2 drafts after the import:\n{out.stdout}")

        shots = self.work / "screenshots"
        self.cli("screenshots", "screenshots", str(shots), "--lang", "zh_CN")
        names = sorted(p.name for p in shots.glob("*.png"))
        missing = [page for page in expected_pages() if not any(n.endswith(f"_{page}.png") for n in names)]
        self.expect("screenshots", not missing and "00_drafts.png" in names, f"pages missing: {missing}; got {names}")
        small = [p.name for p in shots.glob("*.png") if min(png_size(p)) < 400 or p.stat().st_size < 10_000]
        self.expect("screenshots", not small, f"blank or tiny screenshots: {small}")
        self.report.smoke[-1]["pages"] = names


def smoke_test(app_dir: Path, report: Report, target: str) -> None:
    sys.path.insert(0, str(PACKAGING))
    try:
        import smoke_images
    except ImportError as exc:
        raise BuildError("smoke: pictures", f"{exc}: the smoke photo needs the test extra: pip install '.[test]'") from exc
    with tempfile.TemporaryDirectory(prefix="beian-smoke-") as tmp:
        work = Path(tmp)
        try:
            pictures = smoke_images.write(work / "pictures")
        except Exception as exc:  # noqa: BLE001 - named and reported
            raise BuildError("smoke: pictures", f"could not compose the smoke-test pictures: {exc}") from exc
        try:
            Smoke(app_dir / executable_name(target), work, report).run_all(pictures)
        except BuildError:
            raise
        except (ValueError, LookupError, AssertionError, TypeError) as exc:  # output not as the contract says
            step = report.smoke[-1]["step"] if report.smoke else "start"
            raise BuildError(f"smoke: {step}", f"unexpected output: {exc!r}") from exc


# --------------------------------------------------------------------------- 4. packages


def deb_arch(machine: str | None = None) -> str:
    machine = (machine or platform.machine()).lower()
    return DEB_ARCH.get(machine, machine)


def desktop_entry() -> str:
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        "Name=Beian Desktop",
        "Name[zh_CN]=备案接入助手",
        "GenericName=ICP access filing assistant",
        "GenericName[zh_CN]=ICP 接入备案助手",
        "Comment=Check ICP access filings (接入备案) at Alibaba Cloud, offline",
        "Comment[zh_CN]=离线检查阿里云接入备案的资料与照片",
        f"Exec={bundle.APP_NAME}",
        f"Icon={bundle.APP_NAME}",
        "Terminal=false",
        "Categories=Office;Utility;",
        "StartupWMClass=beian-desktop",
        "",
    ])


def deb_control(version: str, arch: str, installed_kb: int) -> str:
    return "\n".join([
        f"Package: {bundle.APP_NAME}",
        f"Version: {version}",
        "Section: utils",
        "Priority: optional",
        f"Architecture: {arch}",
        f"Installed-Size: {installed_kb}",
        f"Depends: {', '.join(DEB_DEPENDS)}",
        f"Recommends: {', '.join(DEB_RECOMMENDS)}",
        "Maintainer: Beian Desktop <beian-desktop@localhost>",
        f"Description: {bundle.DISPLAY_NAME}",
        " Offline desktop assistant for ICP access filings (接入备案) at Alibaba Cloud: a filing wizard,",
        " an offline backdrop-photo checker, document checks and drafts kept in a local database.",
        "",
    ])


def package_linux(app_dir: Path, icons: dict[str, Path], report: Report) -> list[Path]:
    version, arch = bundle.version(), deb_arch()
    staging = BUILD / "deb-root"
    if staging.exists():
        shutil.rmtree(staging)
    prefix = staging / INSTALL_PREFIX.lstrip("/")
    try:  # hard links: the bundle is hundreds of MB and only read from here on
        shutil.copytree(app_dir, prefix, symlinks=True, copy_function=os.link)
    except OSError:
        shutil.rmtree(prefix, ignore_errors=True)
        shutil.copytree(app_dir, prefix, symlinks=True)
    (staging / "usr" / "bin").mkdir(parents=True)
    os.symlink(f"{INSTALL_PREFIX}/{bundle.APP_NAME}", staging / "usr" / "bin" / bundle.APP_NAME)
    share = staging / "usr" / "share"
    (share / "applications").mkdir(parents=True)
    (share / "applications" / f"{bundle.APP_NAME}.desktop").write_text(desktop_entry(), encoding="utf-8")
    for size in (16, 32, 48, 64, 128, 256, 512):
        target = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        target.mkdir(parents=True)
        shutil.copy(icons[f"beian-desktop-{size}.png"], target / f"{bundle.APP_NAME}.png")
    (share / "icons" / "hicolor" / "scalable" / "apps").mkdir(parents=True)
    shutil.copy(icons["beian-desktop.svg"], share / "icons" / "hicolor" / "scalable" / "apps" / f"{bundle.APP_NAME}.svg")
    debian = staging / "DEBIAN"
    debian.mkdir()
    (debian / "control").write_text(deb_control(version, arch, folder_size(staging) // 1024), encoding="utf-8")
    for script, body in (("postinst", POST_SCRIPT), ("postrm", POST_SCRIPT)):
        path = debian / script
        path.write_text("#!/bin/sh\nset -e\n" + body, encoding="utf-8")
        path.chmod(0o755)
    deb = DIST / f"{bundle.APP_NAME}_{version}_{arch}.deb"
    run("package: deb", ["dpkg-deb", "--root-owner-group", "-Zxz", "-z1", "--build", str(staging), str(deb)], timeout=1800)

    tarball = DIST / f"{bundle.APP_NAME}-{version}-linux-{platform.machine()}.tar.gz"
    top = f"{bundle.APP_NAME}-{version}"
    with tarfile.open(tarball, "w:gz", compresslevel=6) as tar:
        tar.add(app_dir, arcname=f"{top}/app")
        tar.add(share / "applications" / f"{bundle.APP_NAME}.desktop", arcname=f"{top}/{bundle.APP_NAME}.desktop")
        tar.add(icons["beian-desktop.svg"], arcname=f"{top}/{bundle.APP_NAME}.svg")
        # the system packages the bundle takes its system libraries from (the .deb's Depends), one a line:
        # sudo apt install $(cat DEPENDS)
        depends = ("\n".join(DEB_DEPENDS) + "\n").encode("utf-8")
        info = tarfile.TarInfo(f"{top}/DEPENDS")
        info.size, info.mtime, info.mode = len(depends), int(time.time()), 0o644
        tar.addfile(info, io.BytesIO(depends))
        info = tarfile.TarInfo(f"{top}/{bundle.APP_NAME}")
        info.type, info.linkname, info.mtime, info.mode = tarfile.SYMTYPE, f"app/{bundle.APP_NAME}", int(time.time()), 0o777
        tar.addfile(info)
    return [deb, tarball]


def verify_deb(deb: Path, report: Report) -> None:
    """Unpack the .deb into a temporary root (``dpkg -x``) and start its binary headless."""
    info = run("verify deb", ["dpkg-deb", "--info", str(deb)]).stdout
    if "Depends: libc6, libegl1" not in info:
        raise BuildError("verify deb", f"control file without the Qt system dependencies:\n{info}")
    with tempfile.TemporaryDirectory(prefix="beian-deb-") as tmp:
        root = Path(tmp) / "root"
        run("verify deb", ["dpkg-deb", "-x", str(deb), str(root)])
        for needed in ("usr/share/applications/beian-desktop.desktop", "usr/share/icons/hicolor/256x256/apps/beian-desktop.png",
                       "opt/beian-desktop/beian-desktop", "usr/bin/beian-desktop"):
            if not (root / needed).is_symlink() and not (root / needed).exists():
                raise BuildError("verify deb", f"{needed} is missing from the package")
        link = os.readlink(root / "usr/bin/beian-desktop")
        if link != f"{INSTALL_PREFIX}/{bundle.APP_NAME}":
            raise BuildError("verify deb", f"/usr/bin/beian-desktop points to {link}")
        env = isolated_env(Path(tmp) / "home")
        exe = root / INSTALL_PREFIX.lstrip("/") / bundle.APP_NAME
        # started through a symbolic link, as /usr/bin/beian-desktop starts it once installed
        link = Path(tmp) / "bin" / bundle.APP_NAME
        link.parent.mkdir()
        link.symlink_to(exe)
        out = run("verify deb", [str(link), "--version"], env=env, timeout=300).stdout.strip()
        if out != f"{bundle.APP_NAME} {bundle.version()}":
            raise BuildError("verify deb", f"the unpacked binary printed {out!r}")
        run("verify deb", [str(exe), "validate", "domain", "example.com"], env=env, timeout=300)
    report.notes.append("the .deb unpacked with dpkg -x into a temporary root and its binary ran headless")


# --------------------------------------------------------------------------- Windows and macOS


NSIS_SCRIPT = PACKAGING / "windows" / "beian-desktop.nsi"


def nsis_defines(app_dir: Path, out_file: Path, icon: Path | None = None) -> dict[str, str]:
    """Values passed to ``makensis -D…``: the one version from pyproject.toml and the folder made by the spec."""
    defines = {"APP_VERSION": bundle.version(), "SOURCE_DIR": str(app_dir), "OUT_FILE": str(out_file)}
    if icon is not None:
        defines["ICON"] = str(icon)
    return defines


def makensis(step: str, app_dir: Path, out_file: Path, icon: Path | None = None) -> None:
    tool = shutil.which("makensis")
    if not tool:
        raise BuildError(step, "NSIS's makensis was not found (Windows: install NSIS 3 and add it to PATH; "
                               "Debian: apt-get install nsis)")
    run(step, [tool, "-V2", *(f"-D{k}={v}" for k, v in nsis_defines(app_dir, out_file, icon).items()), str(NSIS_SCRIPT)])


def package_windows(app_dir: Path, icons: dict[str, Path], report: Report) -> list[Path]:
    setup = DIST / f"{bundle.APP_NAME}-{bundle.version()}-setup.exe"
    makensis("package: windows", app_dir, setup, icons.get("beian-desktop.ico"))
    return [setup]


def check_nsis_script(work: Path) -> Path:
    """Compile the NSIS script on this (non-Windows) system against a stand-in folder with the spec's file names:
    checks its syntax and the defines; the result is NOT an installer of the app."""
    stand_in = work / bundle.APP_NAME
    (stand_in / "_internal").mkdir(parents=True)
    for name in (f"{bundle.APP_NAME}.exe", f"{bundle.APP_NAME}-cli.exe", "_internal/base_library.zip"):
        (stand_in / name).write_bytes(b"")
    out = work / "syntax-check-only.exe"
    makensis("check: nsis", stand_in, out)
    return out


def package_macos(report: Report) -> list[Path]:
    app = DIST / "Beian Desktop.app"
    if not app.is_dir():
        raise BuildError("package: macos", f"{app} was not made by the spec")
    identity = os.environ.get("BEIAN_CODESIGN_IDENTITY")
    if identity:
        run("codesign", ["codesign", "--deep", "--force", "--options", "runtime", "--timestamp", "--sign", identity, str(app)])
    else:
        log("WARNING: BEIAN_CODESIGN_IDENTITY is not set: the .app is NOT signed (Gatekeeper will warn users)")
        report.notes.append("macOS app not signed (no BEIAN_CODESIGN_IDENTITY)")
    dmg = DIST / f"BeianDesktop-{bundle.version()}.dmg"
    run("package: dmg", ["hdiutil", "create", "-volname", "Beian Desktop", "-srcfolder", str(app), "-ov",
                         "-format", "UDZO", str(dmg)])
    profile = os.environ.get("BEIAN_NOTARY_PROFILE")
    if identity and profile:
        run("notarize", ["xcrun", "notarytool", "submit", str(dmg), "--keychain-profile", profile, "--wait"], timeout=3600)
        run("notarize", ["xcrun", "stapler", "staple", str(dmg)])
    else:
        log("WARNING: BEIAN_NOTARY_PROFILE (with a signing identity) is not set: the .dmg is NOT notarised")
        report.notes.append("macOS dmg not notarised")
    return [dmg]


def cannot_build_here(target: str) -> int:
    """Write what can be written on this system for ``target`` and say plainly that no installer was built."""
    host = running_target()
    out = DIST / target
    out.mkdir(parents=True, exist_ok=True)
    if target == "windows":
        shutil.copy(NSIS_SCRIPT, out / NSIS_SCRIPT.name)
        steps = ["pip install '.[build,test]'", "python build_installer.py --target windows",
                 "(PyInstaller with the spec, the smoke test, then NSIS 3's makensis compiles beian-desktop.nsi with",
                 f" -DAPP_VERSION={bundle.version()} -DSOURCE_DIR=dist\\beian-desktop into "
                 f"dist\\{bundle.APP_NAME}-{bundle.version()}-setup.exe)"]
        if shutil.which("makensis"):
            with tempfile.TemporaryDirectory(prefix="beian-nsis-") as tmp:
                check_nsis_script(Path(tmp))
            log(f"checked {shown(NSIS_SCRIPT)} with makensis against a stand-in folder (syntax only)")
        else:
            log("makensis not found: the NSIS script was not syntax-checked (Debian: apt-get install nsis)")
    else:
        steps = ["pip install '.[build,test]'", "python build_installer.py --target macos",
                 "(PyInstaller makes dist/beian-desktop/ and 'Beian Desktop.app' with the spec's BUNDLE step, the smoke test",
                 " runs dist/beian-desktop/beian-desktop, then hdiutil makes the .dmg; set BEIAN_CODESIGN_IDENTITY and BEIAN_NOTARY_PROFILE to sign and notarise)"]
    (out / "BUILD-ON-THIS-SYSTEM.txt").write_text(
        f"The {target} installer of Beian Desktop {bundle.version()} must be built on {target}: PyInstaller does not "
        f"cross-compile.\nOn a {target} machine with Python 3.11, in a checkout of the project:\n\n" + "\n".join(steps) + "\n",
        encoding="utf-8")
    log(f"NOT BUILT: the {target} installer must be built on {target} (this is {host}); PyInstaller does not "
        f"cross-compile. Wrote {shown(out)}/ (the steps{', the NSIS script' if target == 'windows' else ''}); "
        "no installer was made.")
    return EXIT_CANNOT_BUILD_HERE


# --------------------------------------------------------------------------- 5. report


def write_report(report: Report, files: list[Path], app_dir: Path) -> None:
    sums = []
    for f in files:
        report.artifacts[f.name] = f.stat().st_size
        sums.append(f"{sha256(f)}  {f.name}")
    (DIST / "SHA256SUMS").write_text("\n".join(sums) + "\n", encoding="utf-8")
    data = {
        "target": report.target, "version": report.version, "versions": versions(),
        "bundle_bytes": folder_size(app_dir), "artifacts": report.artifacts,
        "step_seconds": {k: round(v, 1) for k, v in report.steps.items()}, "smoke": report.smoke, "notes": report.notes,
    }
    (DIST / "build-report.json").write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    log(f"bundle {data['bundle_bytes'] / 1e6:.0f} MB unpacked; " + "; ".join(
        f"{name} {size / 1e6:.0f} MB" for name, size in report.artifacts.items()))
    log("timings: " + ", ".join(f"{k} {v:.0f} s" for k, v in report.steps.items()))


# --------------------------------------------------------------------------- main


def note_system_libraries(report: Report) -> None:
    """Name the system libraries the spec left to the .deb's dependencies (``build/system-libraries.txt``)."""
    listing = BUILD / "system-libraries.txt"
    lines = listing.read_text(encoding="utf-8").split() if listing.exists() else []
    libraries, packages = lines[0::2], sorted(set(lines[1::2]))
    if libraries:
        report.notes.append(f"{len(libraries)} system libraries left to the .deb's dependencies (from "
                            f"{len(packages)} Debian packages): " + ", ".join(libraries))
        log(f"{len(libraries)} system libraries left to the system (build/system-libraries.txt)")


def build(args: argparse.Namespace) -> int:
    target = args.target
    if target != running_target():
        return cannot_build_here(target)
    report = Report(target=target, version=bundle.version())

    def step(name, func, *a):
        log(f"{name} …")
        start = time.perf_counter()
        value = func(*a)
        report.steps[name] = time.perf_counter() - start
        return value

    step("forms", check_generated_files)
    icons = step("icons", write_icons)
    app_dir = step("freeze", freeze)
    if target == "linux":
        strip_binaries(app_dir, report)
        remove_dangling_links(app_dir, report)
        note_system_libraries(report)
    if args.skip_smoke:
        log("WARNING: --skip-smoke: the frozen app was NOT tested; do not ship this build")
        report.notes.append("smoke test skipped (--skip-smoke)")
    else:
        step("smoke", smoke_test, app_dir, report, target)
        log("smoke test passed: " + ", ".join(s["step"] for s in report.smoke))
    if target == "linux":
        files = step("package", package_linux, app_dir, icons, report)
        step("verify deb", verify_deb, files[0], report)
    elif target == "windows":
        files = step("package", package_windows, app_dir, icons, report)
    else:
        files = step("package", package_macos, report)
    write_report(report, files, app_dir)
    for f in files:
        log(f"wrote {shown(f)}")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        return build(args)
    except BuildError as exc:
        print(f"build_installer: FAILED {exc}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
