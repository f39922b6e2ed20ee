"""What goes into the frozen application: one place read by ``beian-desktop.spec``, ``build_installer.py`` and the tests.

Nothing here imports PyInstaller, so the unit tests (``tests/test_build_installer.py``) can check the lists quickly.

* **Our code**: every module under ``beian_desktop`` (the CLI imports its commands by name, the GUI its pages, so
  PyInstaller's import analysis alone misses some).
* **Our data**: every file under ``resources/`` (rules, translations ``.qm``, style sheets, the face and person models
  with their licences) goes to ``beian_desktop/resources`` in the bundle, where :func:`beian_desktop.paths.resource_path`
  looks; the Alembic migration scripts (``env.py``, ``versions/*.py``, ``script.py.mako``) go beside
  ``beian_desktop/store/migrate.pyc``, because Alembic reads them as files.
* **Dependencies' data**: for every distribution that ``pyproject.toml`` depends on (runtime dependencies, followed
  transitively through their own requirements; extras listed in :data:`BUNDLED_EXTRAS` when installed), the spec
  collects the package data files and shared libraries. New dependencies (``pypdfium2``, ``pi-heif``) are therefore
  picked up without editing the spec: rapidocr's OCR models and yaml files, OpenCV's cascade files, onnxruntime's
  libraries all come this way. Qt is left to PyInstaller's own PySide6 hook, which bundles only the Qt modules we import.
"""

from __future__ import annotations

import functools
import importlib.metadata as metadata
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "beian_desktop"
PACKAGE_DIR = ROOT / PACKAGE
RESOURCES_DIR = ROOT / "resources"
MIGRATIONS_DIR = PACKAGE_DIR / "store" / "migrations"

APP_NAME = "beian-desktop"
DISPLAY_NAME = "备案接入助手 Beian Desktop"
BUNDLE_ID = "cn.beiandesktop.BeianDesktop"

#: Optional extras whose packages are bundled when they are installed in the build environment.
BUNDLED_EXTRAS = ("camera",)

#: Distributions whose files PyInstaller's own hooks already handle (collecting all of Qt would add every Qt module).
HOOKED_DISTRIBUTIONS = frozenset({"pyside6", "pyside6-essentials", "pyside6-addons", "shiboken6"})

#: Files never needed at run time, whichever package ships them.
DATA_EXCLUDES = ["**/tests/**", "**/testing/**", "**/*.pyi", "**/*.h", "**/*.hpp", "**/include/**", "**/__pycache__/**",
                 "**/*.a", "**/*.lib", "**/*.pxd", "**/*.c", "**/*.cpp"]

#: Modules the application never imports but that PyInstaller would follow from optional code paths.
EXCLUDES = [
    # test and development tools
    "pytest", "_pytest", "hypothesis", "IPython", "jupyter", "setuptools", "pip", "PyInstaller",
    # syntax highlighting, reached only through Mako's optional plug-in (Alembic renders no templates at run time)
    "pygments",
    # test data sources (the smoke test composes its photo outside the bundle)
    "matplotlib", "skimage", "scipy",
    # other GUI toolkits; line editing of the interactive interpreter (libreadline)
    "tkinter", "_tkinter", "PyQt5", "PyQt6", "PySide2", "readline",
    # rapidocr's other inference engines: only onnxruntime is used, and nothing may download models
    "torch", "paddle", "openvino", "tensorrt", "MNN", "rapidocr.inference_engine.pytorch",
    "rapidocr.inference_engine.paddle", "rapidocr.inference_engine.openvino", "rapidocr.inference_engine.tensorrt",
    "rapidocr.inference_engine.mnn",
    # onnxruntime's optional tooling
    "onnxruntime.quantization", "onnxruntime.tools", "onnxruntime.transformers", "sympy",
]

#: Packages PyInstaller follows from optional imports only (urllib3's pyOpenSSL support: cryptography, 14 MB) ->
#: the distribution that would make them needed. Excluded unless a dependency in pyproject.toml requires them.
OPTIONAL_EXCLUDES = {"cryptography": "cryptography", "OpenSSL": "pyopenssl"}

#: Languages of Qt's own translation files kept in the bundle (the app offers Chinese and English).
QT_LANGUAGES = ("zh_CN", "en")
#: Qt plugins never used (destination path fragments, Linux/macOS "lib" prefix and Windows names alike):
#: the GTK3 platform theme would drag in GTK's libraries (the app draws its own style); the PDF image plugin brings
#: Qt Pdf (4 MB; PDF scans are rendered by pypdfium2); the virtual keyboard brings Qt Quick's keyboard (desktop app).
#: The embedded-Linux platforms (EGLFS, LinuxFB, VNC, Vulkan display) and their evdev input plugins are for devices
#: without a window system; a desktop app needs xcb, wayland (and offscreen/minimal for the headless commands).
QT_PLUGINS_DROPPED = ("platformthemes/libqgtk3", "platformthemes/qgtk3", "imageformats/libqpdf", "imageformats/qpdf",
                      "platforminputcontexts/libqtvirtualkeyboardplugin", "platforminputcontexts/qtvirtualkeyboardplugin",
                      "platforms/libqeglfs", "platforms/libqlinuxfb", "platforms/libqminimalegl", "platforms/libqvnc",
                      "platforms/libqvkkhrdisplay", "plugins/egldeviceintegrations/", "plugins/generic/")
#: Libraries never loaded (destination path prefixes): onnxruntime's C-API library (34 MB) - the Python binding
#: ``onnxruntime_pybind11_state`` has the runtime built in and does not load it (the smoke test's OCR runs without it).
BINARIES_DROPPED = ("onnxruntime/capi/libonnxruntime.so.",)
#: OpenCV's Haar cascades kept (the wheel ships 17 files, 9 MB, in cv2/data): the ones the code opens.
#: tests/test_build_installer.py fails when the code names another one.
CV2_CASCADES_KEPT = ("haarcascade_frontalface_default.xml",)
#: rapidocr's own text detection models (PP-OCRv6 small, 10 MB): the app brings its own detector and names it to
#: rapidocr (``beian_desktop.imaging.ocr``: ``Det.model_path``), so rapidocr never opens these; its direction and
#: recognition models are used and kept. tests/test_build_installer.py fails when the engine stops naming its detector.
RAPIDOCR_DETECTOR_RE = re.compile(r"^rapidocr/models/[^/]*_det[_.][^/]*\.onnx$")
#: python-stdnum's number databases kept (the wheel ships 18 files, 2.2 MB: banks, MAC vendors, IMSI, ISBN ...):
#: the ones the stdnum modules the code imports read (``numdb.get('cn/loc')``: the birth place of a resident ID).
#: tests/test_build_installer.py fails when an imported module reads another one.
STDNUM_DATA_KEPT = ("cn/loc.dat",)

#: Debian packages the .deb depends on (``build_installer.py`` writes them into its control file; the README lists
#: them for the .tar.gz). The first ones are what the bundled Qt needs from the system and never bundled (EGL/GL,
#: fontconfig/freetype, xkbcommon, D-Bus, GLib, the X11 (xcb) and Wayland platform plugins' libraries); the last
#: ones are libraries every desktop has that PyInstaller would otherwise copy from the build machine: the C++ runtime,
#: X11 (Qt's FFmpeg plugin links libX11, libXext, libXrandr), PulseAudio's client (QtMultimedia: the camera), OpenSSL
#: and SQLite (Python's ssl, hashlib and sqlite3 modules), GSSAPI (QtNetwork). The names are Debian 12's.
DEB_DEPENDS = (
    "libc6", "libegl1", "libgl1", "libfontconfig1", "libfreetype6", "libxkbcommon0", "libdbus-1-3", "libglib2.0-0",
    "libxkbcommon-x11-0", "libxcb-cursor0", "libxcb-icccm4", "libxcb-image0", "libxcb-keysyms1", "libxcb-randr0",
    "libxcb-render-util0", "libxcb-shape0", "libxcb-xinerama0", "libxcb-xkb1", "libx11-xcb1", "libwayland-client0",
    "libwayland-cursor0", "libwayland-egl1",
    "libstdc++6", "libgcc-s1", "libx11-6", "libxext6", "libxrandr2", "libpulse0", "libssl3", "libsqlite3-0",
    "libgssapi-krb5-2",
)

_NAME_RE = re.compile(r"[-_.]+")


def normalise(name: str) -> str:
    return _NAME_RE.sub("-", name).lower()


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def version() -> str:
    """The one version of the application: ``pyproject.toml``'s."""
    return project()["version"]


# --------------------------------------------------------------------------- our code and data


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def app_modules() -> list[str]:
    """Every importable module of the application (``beian_desktop`` and all its submodules), from the source tree."""
    modules = {_module_name(p) for p in PACKAGE_DIR.rglob("*.py") if "__pycache__" not in p.parts}
    # Alembic loads the migration scripts from files (datas below); importing them as modules would run env.py
    return sorted(m for m in modules if not m.startswith(f"{PACKAGE}.store.migrations.") or m.endswith(".versions"))


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc")


def resource_datas() -> list[tuple[str, str]]:
    """``(source file, folder in the bundle)`` for every file under ``resources/``."""
    return [(str(p), str(Path(PACKAGE, "resources", p.parent.relative_to(RESOURCES_DIR)))) for p in _files(RESOURCES_DIR)]


def migration_datas() -> list[tuple[str, str]]:
    """``(source file, folder in the bundle)`` for every Alembic file (scripts are read as files by Alembic)."""
    return [(str(p), str(p.parent.relative_to(ROOT))) for p in _files(MIGRATIONS_DIR)]


def license_datas(out: Path | None = None) -> list[tuple[str, str]]:
    """``(source file, folder in the bundle)`` for the licence texts of every bundled distribution and Python, copied
    with their index by :func:`beian_desktop.about.write_license_bundle` into ``build/licenses`` first; they land in
    ``beian_desktop/resources/licenses/third-party`` where the About dialog reads them through ``resource_path``."""
    from beian_desktop import about

    out = out or ROOT / "build" / "licenses"
    hooked = [d for d in sorted(HOOKED_DISTRIBUTIONS) if _installed(d) is not None and
              (d != "pyside6-addons" or "pyside6-addons" in dependency_distributions())]
    about.write_license_bundle(out, dependency_distributions() + [d for d in hooked if d not in dependency_distributions()])
    folder = Path(PACKAGE, "resources", *about.THIRD_PARTY_DIR)
    return [(str(p), str(folder / p.parent.relative_to(out))) for p in _files(out)]


# --------------------------------------------------------------------------- dependencies


def _requirements(requires: list[str] | None, extras: tuple[str, ...] = ()) -> list[str]:
    from packaging.requirements import Requirement

    names = []
    for text in requires or []:
        req = Requirement(text)
        if req.marker is not None:
            envs = [{"extra": e} for e in extras] or [{"extra": ""}]
            if not any(req.marker.evaluate(env) for env in envs):
                continue
        names.append(req.name)
    return names


def _installed(name: str) -> metadata.Distribution | None:
    try:
        return metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return None


def direct_dependencies() -> list[str]:
    """Runtime requirements from ``pyproject.toml`` plus those of the bundled extras that are installed."""
    proj = project()
    names = _requirements(proj.get("dependencies", []))
    optional = proj.get("optional-dependencies", {})
    for extra in BUNDLED_EXTRAS:
        names += [n for n in _requirements(optional.get(extra, [])) if _installed(n) is not None]
    return names


def dependency_distributions() -> list[str]:
    """Every installed distribution the application needs at run time (normalised names), transitively."""
    seen: dict[str, None] = {}
    queue = list(direct_dependencies())
    while queue:
        name = normalise(queue.pop(0))
        if name in seen:
            continue
        dist = _installed(name)
        if dist is None:
            continue
        seen[name] = None
        queue += _requirements(dist.requires)
    return list(seen)


@functools.lru_cache(maxsize=1)
def _packages_distributions() -> dict[str, list[str]]:
    return metadata.packages_distributions()  # scans every installed distribution: once per process


def top_level_packages(distribution: str) -> list[str]:
    """Import names provided by an installed distribution (``opencv-python-headless`` -> ``cv2``)."""
    mapping = _packages_distributions()
    wanted = normalise(distribution)
    return sorted(
        top for top, dists in mapping.items()
        if any(normalise(d) == wanted for d in dists) and top.isidentifier() and not top.startswith("_")
    )


def direct_packages() -> list[str]:
    """Top-level packages of the direct dependencies, imported explicitly: a dependency the code loads by name
    (a database driver, a plug-in) is bundled even where import analysis cannot see it."""
    packages = []
    for dist in direct_dependencies():
        if normalise(dist) in HOOKED_DISTRIBUTIONS or _installed(dist) is None:
            continue
        packages += [p for p in top_level_packages(dist) if p not in EXCLUDES and p not in packages]
    return packages


def collected_packages() -> list[str]:
    """Top-level packages whose data files and shared libraries the spec collects."""
    packages = []
    for dist in dependency_distributions():
        if dist in HOOKED_DISTRIBUTIONS:
            continue
        packages += [p for p in top_level_packages(dist) if p not in EXCLUDES and p not in packages]
    return packages


def excludes() -> list[str]:
    """:data:`EXCLUDES` plus the optional-import packages no dependency requires."""
    needed = set(dependency_distributions())
    return EXCLUDES + [module for module, dist in OPTIONAL_EXCLUDES.items() if dist not in needed]


def keep_data_file(dest: str) -> bool:
    """False for data files of dependencies the app never opens (a destination path inside the bundle)."""
    path = dest.replace("\\", "/")
    if path.startswith("cv2/data/") and path.endswith(".xml"):
        return path.rsplit("/", 1)[-1] in CV2_CASCADES_KEPT
    if RAPIDOCR_DETECTOR_RE.match(path):
        return False
    if path.startswith("stdnum/") and path.endswith(".dat"):
        return path.removeprefix("stdnum/") in STDNUM_DATA_KEPT
    return True


def keep_binary(dest: str) -> bool:
    path = dest.replace("\\", "/")
    return keep_qt_file(path) and not any(path.startswith(prefix) for prefix in BINARIES_DROPPED)


def _library_candidate(dest: str) -> bool:
    """Libraries that are there only because another binary links to them: the system libraries PyInstaller copies to
    the top folder and Qt's own libraries. Everything else (Python extensions, Qt plugins, libraries in a package's
    folder that Python code may load by name) is loaded on its own and always kept."""
    path = dest.replace("\\", "/")
    name = path.rsplit("/", 1)[-1]
    if name.startswith(("libpython", "python3")):  # the interpreter itself
        return False
    if ".cpython-" in name or ".abi3." in name or name.endswith(".pyd"):  # a top-level Python extension module
        return False
    return "/" not in path or path.startswith("PySide6/Qt/lib/")


def orphan_libraries(binaries: list[tuple], imports) -> list[str]:
    """Destinations of the libraries no kept binary links to any more, e.g. GTK's after its Qt theme plugin was
    dropped (PyInstaller collected them while the plugin was still in the list).

    ``binaries``: PyInstaller's ``(dest, source, kind)`` entries; ``imports(source)``: the names of the libraries a
    binary links to (PyInstaller's ``bindepend.get_imports``)."""
    sources = {entry[0]: entry[1] for entry in binaries}
    candidates: dict[str, list[str]] = {}  # file name -> destinations (a Qt library and its link in the top folder)
    for dest in sources:
        if _library_candidate(dest):
            candidates.setdefault(Path(dest.replace("\\", "/")).name, []).append(dest)
    queue = [dest for dest in sources if not _library_candidate(dest)]
    reached = set(queue)
    while queue:
        for name in imports(sources[queue.pop()]):
            for dest in candidates.get(Path(str(name).replace("\\", "/")).name, []):
                if dest not in reached:
                    reached.add(dest)
                    queue.append(dest)
    return sorted(dest for dests in candidates.values() for dest in dests if dest not in reached)


_DEPENDS_RE = re.compile(r"^\s*([a-z0-9][a-z0-9+.-]*)(?::[a-z0-9-]+)?\s*(?:\(.*\))?\s*$")


def package_closure(packages, depends) -> set[str]:
    """``packages`` and everything they depend on (``Depends``/``Pre-Depends``), transitively; ``depends(package)``
    gives the raw field texts of an installed package (``dpkg-query``). A choice ("a | b") guarantees neither, so it
    is not followed."""
    closure: set[str] = set()
    queue = list(packages)
    while queue:
        name = queue.pop()
        if name in closure:
            continue
        closure.add(name)
        for field_text in depends(name):
            for item in field_text.split(","):
                match = _DEPENDS_RE.match(item) if "|" not in item else None
                if match and match.group(1) not in closure:
                    queue.append(match.group(1))
    return closure


def system_libraries(binaries: list[tuple], owners, depends) -> dict[str, str]:
    """Libraries in the bundle's top folder that the target system provides through the .deb's dependencies:
    ``dest -> Debian package`` for each one a package in :data:`DEB_DEPENDS`, or one of their own dependencies,
    installed (``owners(sources)``: ``dpkg -S``, source path -> package). The .deb declares them, so they come from
    the user's system, as the rest of the desktop's libraries do; libraries of the wheels (``*.libs`` folders, Qt's
    own) and Python's are never in the top folder from a system path, and are kept."""
    candidates = {entry[0]: entry[1] for entry in binaries
                  if "/" not in entry[0].replace("\\", "/") and _library_candidate(entry[0])
                  and str(entry[1]).startswith(("/lib/", "/usr/lib/", "/lib64/", "/usr/lib64/"))}
    if not candidates:
        return {}
    provided = package_closure(DEB_DEPENDS, depends)
    owner = owners(sorted(set(candidates.values())))
    return {dest: owner[source] for dest, source in sorted(candidates.items()) if owner.get(source) in provided}


def dpkg_owners(paths: list[str]) -> dict[str, str]:
    """``dpkg -S``: the installed Debian package of each file (paths without an owner are left out). Files are also
    looked up by their resolved path (``/lib`` is a link to ``/usr/lib`` on merged-/usr systems)."""
    import os
    import subprocess

    wanted = {p: os.path.realpath(p) for p in paths}
    result = subprocess.run(["dpkg", "-S", *sorted(set(wanted) | set(wanted.values()))], capture_output=True,
                            text=True, timeout=120)
    found: dict[str, str] = {}
    for line in result.stdout.splitlines():
        if ": " in line and "diversion" not in line:
            package, path = line.split(": ", 1)
            found[path.strip()] = package.split(":")[0].split(",")[0].strip()
    return {p: found.get(p) or found.get(real) for p, real in wanted.items() if found.get(p) or found.get(real)}


def dpkg_depends(package: str) -> list[str]:
    """The ``Pre-Depends`` and ``Depends`` fields of an installed Debian package (none when it is not installed)."""
    import subprocess

    result = subprocess.run(["dpkg-query", "-W", "-f", "${Pre-Depends}\n${Depends}\n", package],
                            capture_output=True, text=True, timeout=60)
    return result.stdout.splitlines() if result.returncode == 0 else []


def keep_qt_file(dest: str) -> bool:
    """False for Qt files the bundle does not need (a destination path inside the bundle)."""
    path = dest.replace("\\", "/")
    if "/Qt/translations/" in f"/{path}" and path.endswith(".qm"):
        return any(path.endswith(f"_{lang}.qm") for lang in QT_LANGUAGES)
    return not any(plugin in path for plugin in QT_PLUGINS_DROPPED)


if __name__ == "__main__":  # a quick look: python packaging/bundle.py
    print("version", version())
    print("modules", len(app_modules()))
    print("resources", len(resource_datas()), "migrations", len(migration_datas()))
    print("dependencies", dependency_distributions())
    print("collected", collected_packages())
    sys.exit(0)
