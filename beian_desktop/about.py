"""What 帮助 → 关于 and ``beian-desktop about`` show: the version, the versions of the main libraries, and every bundled
third-party component with its licence texts.

* The version is ``beian_desktop.__version__`` (``pyproject.toml`` through the installed metadata).
* Components: every distribution the application needs at run time (``pyproject.toml``'s dependencies, followed
  transitively, plus the ``camera`` extra when installed), Python itself, and the two models in ``resources/models``.
* Licence texts: in an installer, ``build_installer.py`` copies each distribution's licence files and writes an index
  into ``resources/licenses/third-party/`` (:func:`write_license_bundle`); the app reads them only through
  :func:`beian_desktop.paths.resource_path`. Run from a source or wheel install, the same list is read from the
  installed packages' metadata. The LGPL/GPL texts Qt is distributed under are committed in ``resources/licenses/``
  because the PySide6 wheels carry none.

Nothing here imports Qt, OpenCV or onnxruntime: the versions come from the packages' metadata (fast on the GUI thread).
"""

from __future__ import annotations

import functools
import json
import platform
import re
import shutil
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from beian_desktop import __version__
from beian_desktop.i18n import Msg
from beian_desktop.paths import resource_path

APP_DISPLAY_NAME = "备案接入助手 Beian Desktop"
DISTRIBUTION = "beian-desktop"
#: Optional extras bundled when installed (``packaging/bundle.py`` uses the same list).
BUNDLED_EXTRAS = ("camera",)
THIRD_PARTY_DIR = ("licenses", "third-party")
INDEX_NAME = "index.json"

_LICENSE_FILE_RE = re.compile(r"^(licen[cs]e|copying|notice|thirdpartynotices|model_licenses)([-_.].*)?$", re.IGNORECASE)
_NAME_RE = re.compile(r"[-_.]+")

#: Texts for distributions whose wheels carry none (resource paths): Qt and PySide6 are LGPLv3 (which adds to GPLv3).
COMMITTED_TEXTS = {
    "pyside6-essentials": ("licenses/LGPL-3.0.txt", "licenses/GPL-3.0.txt"),
    "pyside6-addons": ("licenses/LGPL-3.0.txt", "licenses/GPL-3.0.txt"),
    "shiboken6": ("licenses/LGPL-3.0.txt", "licenses/GPL-3.0.txt"),
}
#: Licences written plainly where the metadata has a long text or none.
LICENSE_OVERRIDES = {
    "pyside6-essentials": "LGPL-3.0-only", "pyside6-addons": "LGPL-3.0-only", "shiboken6": "LGPL-3.0-only",
    "opencv-python-headless": "Apache-2.0", "onnxruntime": "MIT", "chinese-calendar": "MIT", "flatbuffers": "Apache-2.0",
}
#: Standard texts (resource paths) for packages that carry no licence file of their own, by their licence.
FALLBACK_TEXTS = {"MIT": "licenses/MIT.txt", "Apache-2.0": "licenses/Apache-2.0.txt"}
#: What the notable components do for the app, shown first (distribution -> (name, note)).
NOTABLE = {
    "pyside6-essentials": ("Qt 6 / PySide6", Msg(
        "图形界面。Qt 以 LGPLv3 授权，作为独立的动态库随附，可以替换。",
        "User interface. Qt is licensed under the LGPLv3 and shipped as separate shared libraries that can be replaced.")),
    "pyside6-addons": ("Qt Multimedia (PySide6-Addons)", Msg("照相站的摄像头和视频。", "The photo station's camera and video.")),
    "opencv-python-headless": ("OpenCV", Msg(
        "图像处理和人脸检测；随附的第三方库（含 FFmpeg，LGPL）见 LICENSE-3RD-PARTY。",
        "Image processing and face detection; its bundled libraries (FFmpeg under the LGPL among them) are listed in "
        "LICENSE-3RD-PARTY.")),
    "onnxruntime": ("ONNX Runtime", Msg("运行文字识别模型。", "Runs the text recognition models.")),
    "rapidocr": ("RapidOCR + PP-OCR models", Msg(
        "离线文字识别；PP-OCR 方向和识别模型（百度 PaddleOCR，Apache-2.0）随 rapidocr 附带。",
        "Offline text recognition; the PP-OCR direction and recognition models (Baidu PaddleOCR, Apache-2.0) come with "
        "rapidocr.")),
}
#: The models in resources/models: (name, file, licence, licence file, note).
MODELS = (
    ("YuNet face detection model", "models/face_detection_yunet.onnx", "Apache-2.0", "models/LICENSE-yunet",
     Msg("人脸检测模型（ShiqiYu/libfacedetection.train）。", "Face detection model (ShiqiYu/libfacedetection.train).")),
    ("MediaPipe selfie segmentation model", "models/selfie_segmentation.tflite", "Apache-2.0",
     "models/LICENSE-selfie-segmentation",
     Msg("人像与背景分割模型（Google MediaPipe）。", "Person / background segmentation model (Google MediaPipe).")),
    ("PP-OCRv4 mobile text detection model", "models/ch_PP-OCRv4_det_mobile.onnx", "Apache-2.0", "models/LICENSE-ppocr-det",
     Msg("文字行检测模型（百度 PaddleOCR，RapidOCR 转换为 ONNX）。",
         "Text line detection model (Baidu PaddleOCR, converted to ONNX by RapidOCR).")),
)


@dataclass(frozen=True)
class Component:
    key: str  # normalised distribution name, "python" or "model:<file>"
    name: str
    version: str
    license: str
    files: tuple[str, ...]  # licence texts: absolute paths, or paths under resources/ (bundled index)
    note: Msg | None = None

    def license_paths(self) -> list[Path]:
        return [Path(f) if Path(f).is_absolute() else resource_path(*Path(f).parts) for f in self.files]

    def missing_files(self) -> list[str]:
        return [str(p) for p in self.license_paths() if not p.is_file() or p.stat().st_size == 0]

    def license_text(self) -> str:
        parts = []
        for path in self.license_paths():
            try:
                text = path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                text = "(missing)"
            parts.append(f"===== {path.name} =====\n{text.strip()}\n")
        return "\n".join(parts)


@dataclass
class AboutInfo:
    version: str
    versions: dict[str, str]
    components: list[Component] = field(default_factory=list)

    def component(self, key: str) -> Component | None:
        return next((c for c in self.components if c.key == key), None)

    def missing_files(self) -> dict[str, list[str]]:
        missing = {c.key: c.missing_files() for c in self.components}
        return {key: files for key, files in missing.items() if files or not self.component(key).files}


def normalise(name: str) -> str:
    return _NAME_RE.sub("-", name).lower()


# --------------------------------------------------------------------------- which distributions


def _requirement_names(requires: list[str] | None, extras: tuple[str, ...] = ()) -> list[str]:
    from packaging.requirements import Requirement

    names = []
    for text in requires or []:
        req = Requirement(text)
        if req.marker is not None and not any(req.marker.evaluate({"extra": e}) for e in (extras or ("",))):
            continue
        names.append(req.name)
    return names


def _distribution(name: str) -> metadata.Distribution | None:
    try:
        return metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return None


def runtime_distributions(direct: list[str] | None = None) -> list[str]:
    """Normalised names of every installed distribution the app needs at run time, transitively.
    ``direct``: the starting list (default: this package's requirements plus the installed bundled extras)."""
    if direct is None:
        own = _distribution(DISTRIBUTION)
        requires = own.requires if own is not None else []
        direct = _requirement_names(requires)
        for extra in BUNDLED_EXTRAS:
            direct += [n for n in _requirement_names(requires, (extra,)) if n not in direct and _distribution(n)]
    seen: dict[str, None] = {}
    queue = list(direct)
    while queue:
        name = normalise(queue.pop(0))
        dist = None if name in seen else _distribution(name)
        if dist is None:
            continue
        seen[name] = None
        queue += _requirement_names(dist.requires)
    return list(seen)


# --------------------------------------------------------------------------- licences from the metadata


def _license_of(dist: metadata.Distribution, key: str) -> str:
    if key in LICENSE_OVERRIDES:
        return LICENSE_OVERRIDES[key]
    meta = dist.metadata
    expression = meta.get("License-Expression")
    if expression:
        return expression
    classifiers = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    short = (meta.get("License") or "").strip()
    if short and len(short) <= 60 and "\n" not in short:
        return short
    return ", ".join(classifiers) or "see the licence file"


def _license_files(dist: metadata.Distribution) -> list[Path]:
    found = []
    for entry in dist.files or []:
        parts = Path(str(entry)).parts
        in_licenses_dir = len(parts) > 2 and parts[0].endswith(".dist-info") and parts[1].lower() == "licenses"
        if (in_licenses_dir or _LICENSE_FILE_RE.match(parts[-1])) and not parts[-1].endswith((".py", ".pyc", ".pyi")) and \
                not {"tests", "testing", "include", "__pycache__"} & set(parts):
            path = Path(str(dist.locate_file(entry)))
            if path.is_file():
                found.append(path)
    return sorted(set(found))


def _python_license() -> Path | None:
    base = Path(sys.base_prefix)
    for candidate in (base / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / "LICENSE.txt",
                      base / "LICENSE.txt", base / "share" / "doc" / f"python{sys.version_info.major}.{sys.version_info.minor}" / "copyright"):
        if candidate.is_file():
            return candidate
    return None


def scan_installed(distributions: list[str]) -> list[dict]:
    """Index entries (JSON-able) for ``distributions`` and Python, with absolute paths of their licence files."""
    entries = []
    python = _python_license()
    entries.append({"key": "python", "name": "Python", "version": platform.python_version(), "license": "PSF-2.0",
                    "files": [str(python)] if python else []})
    for name in distributions:
        dist = _distribution(name)
        if dist is None:
            continue
        key = normalise(name)
        files = [str(p) for p in _license_files(dist)]
        license_ = _license_of(dist, key)
        committed = COMMITTED_TEXTS.get(key, ())
        if not files and not committed and license_ in FALLBACK_TEXTS:
            committed = (FALLBACK_TEXTS[license_],)
        files += [str(resource_path(*Path(f).parts)) for f in committed]
        entries.append({"key": key, "name": dist.metadata["Name"], "version": dist.version, "license": license_,
                        "files": files})
    return entries


def write_license_bundle(out: Path, distributions: list[str]) -> Path:
    """Copy the licence files of ``distributions`` (and Python's) into ``out`` (``<key>/<file>``) and write
    ``out/index.json`` whose paths are relative to the bundle's resources folder. Returns the index path."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    prefix = Path(*THIRD_PARTY_DIR)
    resources = resource_path()
    entries = []
    for entry in scan_installed(distributions):
        files = []
        for source in map(Path, entry["files"]):
            try:  # a committed text (resources/licenses/...) is bundled with the resources already
                files.append(source.relative_to(resources).as_posix())
                continue
            except ValueError:
                pass
            target, n = out / entry["key"] / source.name, 1
            while target.exists():  # files of the same name in one distribution (numpy's vendored licences)
                n += 1
                target = out / entry["key"] / f"{source.parent.name}-{n}-{source.name}"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            files.append((prefix / target.relative_to(out)).as_posix())
        entries.append(dict(entry, files=files))
    index = out / INDEX_NAME
    index.write_text(json.dumps(entries, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return index


# --------------------------------------------------------------------------- what the app shows


def bundled_index() -> Path | None:
    """The index written into an installer, or None when running from a source or wheel install."""
    try:
        path = resource_path(*THIRD_PARTY_DIR, INDEX_NAME)
    except FileNotFoundError:
        return None
    return path if path.is_file() else None


def _components(entries: list[dict]) -> list[Component]:
    comps = []
    for entry in entries:
        key = entry["key"]
        name, note = NOTABLE.get(key, (entry["name"], None))
        comps.append(Component(key, name, entry["version"], entry["license"], tuple(entry["files"]), note))
    for name, model, license_, text, note in MODELS:
        comps.append(Component(f"model:{Path(model).name}", name, Path(model).name, license_, (text,), note))
    order = list(NOTABLE)
    rank = {key: i for i, key in enumerate(order)}
    models = [c for c in comps if c.key.startswith("model:")]
    notable = sorted((c for c in comps if c.key in rank), key=lambda c: rank[c.key])
    rest = sorted((c for c in comps if c.key not in rank and c not in models), key=lambda c: c.name.lower())
    return notable + models + rest


@functools.lru_cache(maxsize=1)
def about_info() -> AboutInfo:
    """Everything the About dialog shows (cached: the bundle does not change while the app runs)."""
    index = bundled_index()
    if index is not None:
        entries = json.loads(index.read_text(encoding="utf-8"))
    else:
        entries = scan_installed(runtime_distributions())
    comps = _components(entries)
    versions = {"Python": platform.python_version()}
    for label, key in (("Qt", "pyside6-essentials"), ("OpenCV", "opencv-python-headless"), ("ONNX Runtime", "onnxruntime"),
                       ("RapidOCR", "rapidocr")):
        entry = next((e for e in entries if e["key"] == key), None)
        if entry:
            versions[label] = entry["version"]
    return AboutInfo(__version__, versions, comps)
