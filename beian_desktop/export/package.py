"""The submission package: build it from a draft, verify it, and import it on another machine.

A package is a folder or a ``.zip`` holding

* the upload-ready documents and the backdrop photo, named by person and type (``网站负责人-身份证-正面.jpg``) and
  normalised to the published limits when the document module can do so (otherwise the original bytes, recorded as
  ``"normalized": false``);
* only with ``with_originals`` (``export --with-originals``): ``originals/<sha256>.<ext>``, the draft's original files
  whenever they differ from the upload copy;
* ``checklist.html`` (and ``checklist.pdf`` when Qt can render it): what to enter where, step by step;
* ``manifest.json`` (:mod:`beian_desktop.export.manifest`, documented in ``docs/manifest.md``).

No picture leaves with its metadata: every image written (upload copies and originals) goes through
:func:`beian_desktop.imaging.metadata.strip_metadata` (no EXIF, XMP, GPS position or camera model). An entry records the
draft's own file it stands for (``original_sha256`` for an upload copy, ``source_sha256`` for an original), so an
import restores the draft with these cleaned files in place of the draft's.

Reading is defensive: zip-slip paths, symlinks, duplicate or unknown entries, oversize entries, missing files,
size or SHA-256 mismatches and truncated or damaged zips raise :class:`PackageError` with a bilingual message.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from hashlib import sha256
from pathlib import Path, PurePosixPath
from typing import Any

from beian_desktop import __version__
from beian_desktop.domain import progress as pg
from beian_desktop.domain.model import Application
from beian_desktop.export import manifest as mf
from beian_desktop.export.naming import extension_for, file_name, parse_slot
from beian_desktop.export.problems import Problem, find_problems
from beian_desktop.errors import BeianError, JsonInputError, load_json, message_of
from beian_desktop.i18n import Msg, current_language
from beian_desktop.paths import private_dir, write_private
from beian_desktop.store.errors import BlobNotFound
from beian_desktop.store.fields import scrub

#: Largest single picture we accept (the image decoder's own limit; a normalised upload copy: its type's limit),
#: checklist file and manifest, and the whole package unpacked.
MAX_ENTRY_BYTES = 100 * 1024 * 1024
MAX_CHECKLIST_BYTES = 16 * 1024 * 1024
MAX_TOTAL_BYTES = 512 * 1024 * 1024
MAX_ENTRIES = 500
MAX_MANIFEST_BYTES = 8 * 1024 * 1024
#: An entry larger than MAX_RATIO_FREE that unpacks to more than MAX_RATIO times its compressed size is refused
#: (pictures do not compress; a zip bomb does, by a factor of a thousand).
MAX_RATIO = 100
MAX_RATIO_FREE = 1024 * 1024
READ_CHUNK = 1024 * 1024
ORIGINALS_DIR = "originals"


class PackageError(BeianError):
    """A package cannot be written or read; ``message`` is bilingual, ``problems`` lists blocking findings."""

    def __init__(self, message: Msg, problems: list[Problem] | None = None):
        super().__init__(message)
        self.problems = list(problems or [])


class ExportRefused(PackageError):
    """Errors remain in the draft and the user did not ask for a draft package."""


@dataclass(slots=True)
class PackageFile:
    path: str
    role: str  # upload / original / checklist
    data: bytes
    type: str = ""
    slot: str = ""
    normalized: bool | None = None
    original_sha256: str = ""
    check: dict[str, Any] | None = None
    sha256: str = ""  # of ``data``; computed here unless the caller already knows it (a verified stored file)
    source_sha256: str = ""  # an original: the draft's file it is the cleaned copy of
    fixed_sha256: str = ""  # an upload copy made from the draft's fixed file: that file's hash

    def __post_init__(self) -> None:
        if not self.sha256:
            self.sha256 = sha256(self.data).hexdigest()

    def entry(self) -> dict[str, Any]:
        out: dict[str, Any] = {"path": self.path, "type": self.type, "bytes": len(self.data),
                               "sha256": self.sha256, "role": self.role}
        if self.slot:
            out["slot"] = self.slot
        if self.normalized is not None:
            out["normalized"] = self.normalized
        if self.original_sha256:
            out["original_sha256"] = self.original_sha256
        if self.fixed_sha256:
            out["fixed_sha256"] = self.fixed_sha256
        if self.source_sha256:
            out["source_sha256"] = self.source_sha256
        if self.check is not None:
            out["check"] = self.check
        return out


@dataclass(slots=True)
class ExportResult:
    out: Path
    manifest: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)
    pdf_error: Msg | None = None  # why checklist.pdf is missing, when it is


@dataclass(slots=True)
class VerifiedPackage:
    manifest: dict[str, Any]
    files: dict[str, bytes]  # path -> verified content

    def application(self) -> Application:
        return Application.from_dict(scrub(self.manifest["application"]))


# ---- building ---------------------------------------------------------------------------------------------------------

def _normalize(data: bytes, type_id: str) -> tuple[bytes, bool, str]:
    """Normalised bytes when the document module can produce them, else the original with the reason."""
    if type_id == "photo":
        return data, False, "no photo normaliser: original bytes"
    try:
        from beian_desktop.imaging.documents import normalize_document
    except ImportError:
        return data, False, "document normaliser not available: original bytes"
    try:
        return normalize_document(data, type_id), True, ""
    except Exception as exc:  # noqa: BLE001 - any failure keeps the original, and the manifest says so
        reason = message_of(exc)
        return data, False, reason.en if reason is not None else type(exc).__name__


def _check(data: bytes, type_id: str, name: str, verdict: str) -> dict[str, Any]:
    """Check results recorded per file: the wizard's verdict and, when the checker exists, a fresh report."""
    result: dict[str, Any] = {"draft_verdict": verdict or None}
    try:
        if type_id == "photo":
            from beian_desktop.imaging.photo import check_photo

            report = check_photo(data, name=name)
        else:
            from beian_desktop.imaging.documents import check_document

            report = check_document(data, type_id, path=name)
    except ImportError:
        result["report"] = None
        result["note"] = "checker not available when the package was made"
        return result
    except Exception as exc:  # noqa: BLE001 - a checker crash must not lose the export; the manifest records it
        result["report"] = None
        result["note"] = f"checker failed: {type(exc).__name__}"
        return result
    result["report"] = {"verdict": report.verdict,
                        "checks": [{"id": c.id, "status": c.status, "message": c.message.to_dict()} for c in report.checks]}
    return result


def _stored(store, digest: str) -> bytes | None:
    """The stored file ``digest`` (hash verified by the store), or ``None`` when there is none."""
    if not digest:
        return None
    try:
        return store.blobs.get(digest)
    except BlobNotFound:
        return None


def _gather_files(store, app: Application, run_checks: bool, with_originals: bool = False) -> list[PackageFile]:
    """Each stored file is read once, and hashed only when its bytes are new (a normalised copy)."""
    refs = app.file_refs()
    several = len(app.websites) > 1
    taken: set[str] = {mf.MANIFEST_NAME, "checklist.html", "checklist.pdf"}
    files: list[PackageFile] = []
    originals: set[str] = set()
    for ref in refs:
        type_id = parse_slot(ref.slot).type_id
        original = store.blobs.get(ref.sha256)
        fixed = _stored(store, ref.fixed_sha256)
        if fixed is not None:
            upload, normalized, note = fixed, True, ""
        else:
            upload, normalized, note = _normalize(original, type_id)
        upload = _clean(upload)
        upload_sha = ""
        name = file_name(ref.slot, upload, taken, several_websites=several)
        check = _check(upload, type_id, name, ref.verdict) if run_checks else {"draft_verdict": ref.verdict or None}
        if note:
            check["normalize_note"] = note
        upload_file = PackageFile(name, "upload", upload, type_id, ref.slot, normalized, ref.sha256, check, upload_sha)
        if ref.fixed_sha256 and fixed is not None:
            upload_file.fixed_sha256 = ref.fixed_sha256
        files.append(upload_file)
        if not with_originals:
            continue
        for digest, data in ((ref.sha256, original), (ref.fixed_sha256, fixed)):
            if data is None or digest in originals:
                continue
            originals.add(digest)
            clean = _clean(data)
            if clean == upload_file.data:
                continue
            entry = PackageFile("", "original", clean, type_id, ref.slot)
            entry.path = f"{ORIGINALS_DIR}/{entry.sha256}{extension_for(clean)}"
            entry.source_sha256 = digest
            if entry.path not in {f.path for f in files}:
                files.append(entry)
    return files


def _clean(data: bytes) -> bytes:
    """``data`` without EXIF/XMP/GPS; a file that cannot be cleaned does not go into the package."""
    from beian_desktop.imaging.decode import ImageLoadError
    from beian_desktop.imaging.metadata import strip_metadata

    try:
        return strip_metadata(data)
    except ImageLoadError as exc:
        raise PackageError(Msg("有一张图片无法读取，不能去除其中的位置信息，因此未导出提交包：" + exc.message.zh,
                               "A picture cannot be read, so its location data cannot be removed; no package was "
                               "written: " + exc.message.en)) from None


def build_package(store, draft_id: str, out: str | Path, *, allow_draft: bool = False, pdf: bool = True,
                  run_checks: bool = True, now: datetime | None = None, lang: str | None = None,
                  with_originals: bool = False) -> ExportResult:
    """Write the submission package of ``draft_id`` to ``out`` (a ``.zip`` file, or a new or empty folder).

    ``with_originals`` adds the draft's original files (metadata stripped like every picture) under ``originals/``.

    Raises :class:`ExportRefused` (with ``problems``) while errors remain unless ``allow_draft``, and
    :class:`PackageError` when ``out`` cannot be used.
    """
    from beian_desktop.export.checklist import render_checklist

    lang = lang or current_language()
    now = now or pg.now_cst()
    out = Path(out)
    app = store.drafts.load(draft_id)
    problems = find_problems(app, store)
    errors = [p for p in problems if p.severity == "error"]
    if errors and not allow_draft:
        raise ExportRefused(Msg(f"草稿还有 {len(errors)} 个错误，不能导出提交包（可用 --allow-draft 导出草稿包）。",
                                f"The draft still has {len(errors)} error(s); no submission package was made "
                                "(use --allow-draft to export a draft package)."), problems)
    _check_target(out)
    files = _gather_files(store, app, run_checks, with_originals)
    html = render_checklist(app, problems, files, now=now, lang=lang)
    files.append(PackageFile("checklist.html", "checklist", html.encode("utf-8"), "checklist_html"))
    pdf_error = None
    if pdf:
        try:
            from beian_desktop.export.checklist_pdf import html_to_pdf

            files.append(PackageFile("checklist.pdf", "checklist", html_to_pdf(html), "checklist_pdf"))
        except Exception as exc:  # noqa: BLE001 - the HTML checklist is still there; say why the PDF is not
            pdf_error = Msg(f"未能生成 PDF 清单（{type(exc).__name__}），请打印 checklist.html。",
                            f"Could not render the PDF checklist ({type(exc).__name__}); print checklist.html instead.")
    manifest = {
        "format": mf.FORMAT,
        "schema_version": mf.SCHEMA_VERSION,
        "app_version": __version__,
        "created_at": pg.format_time(now),
        "language": lang,
        "complete": not errors,
        "problems": [p.to_json() for p in problems],
        "filing_type": mf.filing_type(app.flow.value if app.flow else None),
        "application": scrub(app.to_dict()),
        "files": [f.entry() for f in files],
        "rules": mf.rules_snapshot(now.date()),
    }
    body = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
    _write(out, files, body)
    return ExportResult(out, manifest, problems, pdf_error)


def _check_target(out: Path) -> None:
    if out.suffix.lower() == ".zip":
        if out.is_dir():
            raise PackageError(Msg(f"{out} 是文件夹。", f"{out} is a folder."))
        if not out.parent.is_dir():
            raise PackageError(Msg(f"文件夹 {out.parent} 不存在。", f"The folder {out.parent} does not exist."))
    elif out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise PackageError(Msg(f"{out} 已存在且不是空文件夹，请换一个位置。",
                               f"{out} exists and is not an empty folder; choose another place."))


def _write(out: Path, files: list[PackageFile], manifest: bytes) -> None:
    """Write atomically: a temporary zip or folder beside ``out`` is renamed into place when complete."""
    if out.suffix.lower() == ".zip":
        fd, tmp = tempfile.mkstemp(prefix=".beian-", suffix=".zip.part", dir=out.parent)  # 0600
        os.close(fd)
        try:
            with zipfile.ZipFile(tmp, "w") as zf:
                for f in files:
                    compress = zipfile.ZIP_STORED if f.role != "checklist" else zipfile.ZIP_DEFLATED
                    zf.writestr(f.path, f.data, compress_type=compress)
                zf.writestr(mf.MANIFEST_NAME, manifest, compress_type=zipfile.ZIP_DEFLATED)
            os.replace(tmp, out)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return
    private_dir(out.parent)
    tmp_dir = Path(tempfile.mkdtemp(prefix=".beian-", dir=out.parent))  # 0700, like everything inside (personal data)
    try:
        for f in files:
            target = tmp_dir / f.path
            private_dir(target.parent)
            write_private(target, f.data)
        write_private(tmp_dir / mf.MANIFEST_NAME, manifest)
        if out.exists():
            out.rmdir()  # empty (checked before)
        os.replace(tmp_dir, out)
    except BaseException:
        shutil.rmtree(tmp_dir, ignore_errors=True)
        raise


# ---- reading ----------------------------------------------------------------------------------------------------------

def _damaged(path: Path, detail: str = "") -> PackageError:
    return PackageError(Msg(f"提交包 {path.name} 已损坏或不完整（可能下载/复制未完成）{detail}。",
                            f"The package {path.name} is damaged or truncated (an unfinished download or copy?){detail}."))


def safe_member_name(name: str) -> bool:
    """A relative POSIX path without ``..``, ``.``, empty parts (``a//b``), drive letters or backslashes (no zip-slip)."""
    if not name or "\\" in name or name.startswith("/") or "\x00" in name:
        return False
    parts = name.split("/")
    return all(p not in ("", ".", "..") and ":" not in p for p in parts)


def _unsafe(name: str) -> PackageError:
    return PackageError(Msg(f"提交包中含有不安全的路径 {name!r}，已拒绝导入。",
                            f"The package contains an unsafe path {name!r}; import refused."))


def _too_big(name: str) -> PackageError:
    return PackageError(Msg(f"提交包中的 {name} 过大，已拒绝导入。", f"The entry {name} in the package is too large; import refused."))


def _too_large_total() -> PackageError:
    return PackageError(Msg(f"提交包解压后超过 {MAX_TOTAL_BYTES // 1048576} MB，已拒绝导入。",
                            f"The package unpacks to more than {MAX_TOTAL_BYTES // 1048576} MB; import refused."))


def _parse_manifest(raw: bytes | None) -> dict[str, Any]:
    if raw is None:
        raise PackageError(Msg("提交包中没有 manifest.json，这不是备案接入助手的提交包或已损坏。",
                               "The package has no manifest.json: it is not a Beian Desktop package, or it is damaged."))
    try:
        manifest = load_json(raw, what=Msg("manifest.json ", "manifest.json"))
    except JsonInputError as exc:
        raise PackageError(exc.message + Msg("（文件被改动或已损坏）", "(edited or damaged)")) from None
    try:
        mf.validate(manifest)
    except mf.ManifestError as exc:
        raise PackageError(exc.message) from exc
    return manifest


def _entry_limits(manifest: dict[str, Any]) -> dict[str, int]:
    """The largest size each listed file may have: its document type's limit for a normalised upload copy, the
    image decoder's limit for other pictures, a few MB for the checklist.

    A picture that the draft does not refer to is refused here, before anything is read: nothing unused is stored.
    """
    from beian_desktop.domain.documents import document_types

    types = document_types()
    needed = _referenced_hashes(manifest)
    limits: dict[str, int] = {}
    unused = []
    for entry in manifest["files"]:
        path, role = entry["path"], entry.get("role", "upload")
        if role == "checklist":
            limits[path] = MAX_CHECKLIST_BYTES
            continue
        stands_for = {entry.get(k) for k in ("sha256", "original_sha256", "fixed_sha256", "source_sha256")}
        if not stands_for & needed:
            unused.append(path)
            continue
        dtype = types.get(entry.get("type", ""))
        normalized_upload = role == "upload" and entry.get("normalized") is True and dtype is not None
        limits[path] = dtype.max_bytes if normalized_upload else MAX_ENTRY_BYTES
        if entry["bytes"] > limits[path]:
            raise _too_big(path)
    if unused:
        shown = "、".join(unused[:5])
        raise PackageError(Msg(f"提交包中有 {len(unused)} 个文件不属于其中的草稿（如 {shown}），已拒绝导入。",
                               f"The package holds {len(unused)} file(s) its draft does not use (e.g. "
                               f"{', '.join(unused[:5])}); import refused."))
    if sum(e["bytes"] for e in manifest["files"]) > MAX_TOTAL_BYTES:
        raise _too_large_total()
    return limits


def _referenced_hashes(manifest: dict[str, Any]) -> set[str]:
    """The file hashes the package's application refers to (documents and the backdrop photo)."""
    application = manifest.get("application")
    found: set[str] = set()
    documents = application.get("documents") if isinstance(application, dict) else None
    photo = ((application or {}).get("photo_verification") or {}).get("photo") if isinstance(application, dict) else None
    for ref in (documents if isinstance(documents, list) else []) + ([photo] if isinstance(photo, dict) else []):
        if isinstance(ref, dict):
            found |= {v for k in ("sha256", "fixed_sha256") if isinstance(v := ref.get(k), str) and v}
    return found


def _read_stream(handle, name: str, limit: int) -> bytes:
    """Read one entry in chunks, counting the bytes that really come out (a zip's sizes can lie)."""
    chunks = []
    size = 0
    while True:
        chunk = handle.read(READ_CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            raise _too_big(name)
        chunks.append(chunk)


def _read_zip(path: Path) -> tuple[dict[str, Any], dict[str, bytes]]:
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
        raise _damaged(path) from exc
    contents: dict[str, bytes] = {}
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_ENTRIES:
            raise PackageError(Msg("提交包中的文件过多。", "The package holds too many files."))
        seen: set[str] = set()
        for info in infos:  # names first: nothing is decompressed from a package with an unsafe entry
            name = info.filename
            if info.is_dir():
                if not safe_member_name(name.rstrip("/")):
                    raise _unsafe(name)
                continue
            if not safe_member_name(name) or stat.S_ISLNK(info.external_attr >> 16):
                raise _unsafe(name)
            if name in seen:
                raise PackageError(Msg(f"提交包中 {name} 出现了两次。", f"The package contains {name} twice."))
            seen.add(name)
            if info.file_size > MAX_RATIO_FREE and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise PackageError(Msg(f"提交包中的 {name} 压缩比异常（可能是压缩炸弹），已拒绝导入。",
                                       f"The entry {name} is compressed suspiciously well (a zip bomb?); import refused."))
        entries = {i.filename: i for i in infos if not i.is_dir()}

        def read(name: str, limit: int) -> bytes:
            info = entries[name]
            if info.file_size > limit:
                raise _too_big(name)
            try:
                with zf.open(info) as fh:
                    return _read_stream(fh, name, limit)
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
                raise _damaged(path, f"：{name}") from exc
            except (NotImplementedError, RuntimeError) as exc:  # unsupported compression or encrypted entry
                raise PackageError(Msg(f"无法读取 {name}（加密或不支持的压缩方式）。",
                                       f"Cannot read {name} (encrypted or unsupported compression).")) from exc

        raw = read(mf.MANIFEST_NAME, MAX_MANIFEST_BYTES) if mf.MANIFEST_NAME in entries else None
        manifest = _parse_manifest(raw)
        limits = _check_listing(manifest, set(entries) - {mf.MANIFEST_NAME})
        total = 0
        for name, limit in limits.items():
            contents[name] = read(name, limit)
            total += len(contents[name])
            if total > MAX_TOTAL_BYTES:
                raise _too_large_total()
    return manifest, contents


def _check_listing(manifest: dict[str, Any], present: set[str]) -> dict[str, int]:
    """Every listed file present, nothing unlisted, nothing unused; returns the size limit of each listed file."""
    listed = [e["path"] for e in manifest["files"]]
    for name in listed:
        if not safe_member_name(name):
            raise _unsafe(name)
    missing = sorted(set(listed) - present)
    if missing:
        raise PackageError(Msg(f"提交包缺少文件：{'、'.join(missing)}", f"Files missing from the package: {', '.join(missing)}"))
    unknown = sorted(present - set(listed))
    if unknown:
        raise PackageError(Msg(f"提交包中有清单未列出的文件：{'、'.join(unknown)}",
                               f"The package holds files its manifest does not list: {', '.join(unknown)}"))
    return _entry_limits(manifest)


def _read_dir(path: Path) -> tuple[dict[str, Any], dict[str, bytes]]:
    files: dict[str, Path] = {}
    for current, dirs, names in os.walk(path, followlinks=False):
        for d in dirs:
            if (Path(current) / d).is_symlink():
                raise _unsafe(str((Path(current) / d).relative_to(path)))
        for n in names:
            full = Path(current) / n
            rel = full.relative_to(path).as_posix()
            if full.is_symlink() or not full.is_file():
                raise _unsafe(rel)
            if len(files) >= MAX_ENTRIES:
                raise PackageError(Msg("提交包中的文件过多。", "The package holds too many files."))
            files[rel] = full

    def read(rel: str, limit: int) -> bytes:
        with open(files[rel], "rb") as fh:
            return _read_stream(fh, rel, limit)

    manifest = _parse_manifest(read(mf.MANIFEST_NAME, MAX_MANIFEST_BYTES) if mf.MANIFEST_NAME in files else None)
    limits = _check_listing(manifest, set(files) - {mf.MANIFEST_NAME})
    contents: dict[str, bytes] = {}
    total = 0
    for rel, limit in limits.items():
        contents[rel] = read(rel, limit)
        total += len(contents[rel])
        if total > MAX_TOTAL_BYTES:
            raise _too_large_total()
    return manifest, contents


def read_package(path: str | Path) -> VerifiedPackage:
    """Read and verify a package (zip or folder): every listed file present with its size and SHA-256, nothing else.

    The manifest is read first; only the files it lists and the draft uses are read, each in chunks up to its limit.
    """
    path = Path(path)
    if not path.exists():
        raise PackageError(Msg(f"找不到提交包 {path}。", f"Package not found: {path}."))
    if not (path.is_dir() or path.is_file()):  # a FIFO or a device would block or never end
        raise PackageError(Msg(f"{path.name} 不是普通文件或文件夹，未读取。", f"{path.name} is not a regular file or folder; it was not read."))
    manifest, contents = _read_dir(path) if path.is_dir() else _read_zip(path)
    for entry in manifest["files"]:
        name = entry["path"]
        data = contents[name]
        if len(data) != entry["bytes"] or sha256(data).hexdigest() != entry["sha256"]:
            raise PackageError(Msg(f"文件 {name} 与清单记录的大小或 SHA-256 不符（被改动或损坏），已拒绝导入。",
                                   f"The file {name} does not match the size or SHA-256 in the manifest "
                                   "(changed or damaged); import refused."))
    return VerifiedPackage(manifest, contents)


def import_package(store, path: str | Path) -> str:
    """Verify the package at ``path`` and restore its draft (images included) into ``store``; returns the new id."""
    package = read_package(path)
    try:
        app = package.application()
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        raise PackageError(Msg("提交包中的申请数据无法读取。", "The application data in the package cannot be read.")) from exc
    # the draft's file hash -> the package file standing for it: an original if there is one, else the upload copy
    by_hash: dict[str, str] = {}
    for entry in package.manifest["files"]:
        role = entry.get("role")
        if role == "upload":
            for key in ("sha256", "original_sha256", "fixed_sha256"):
                if isinstance(entry.get(key), str) and entry[key]:
                    by_hash.setdefault(entry[key], entry["path"])
    for entry in package.manifest["files"]:
        if entry.get("role") == "original":
            by_hash[entry["sha256"]] = entry["path"]
            if isinstance(entry.get("source_sha256"), str) and entry["source_sha256"]:
                by_hash[entry["source_sha256"]] = entry["path"]
    needed = {h for ref in app.file_refs() for h in (ref.sha256, ref.fixed_sha256) if h}
    absent = sorted(needed - set(by_hash))
    if absent:
        raise PackageError(Msg(f"提交包缺少草稿引用的 {len(absent)} 个图片文件。",
                               f"The package lacks {len(absent)} image file(s) the draft refers to."))
    data_by_hash = {h: package.files[p] for h, p in by_hash.items()}
    _point_to_package_files(app, data_by_hash)
    by_new_hash = {sha256(d).hexdigest(): d for d in data_by_hash.values()}
    used = {h for ref in app.file_refs() for h in (ref.sha256, ref.fixed_sha256) if h}
    with store.session(write=True) as session:  # files and draft together, or nothing; only the files it uses
        for digest in sorted(used):
            store.blobs.put_in(session, by_new_hash[digest])
        return store.drafts.insert_in(session, app)


def _point_to_package_files(app: Application, data_by_hash: dict[str, bytes]) -> None:
    """Refer the draft's file references to the (cleaned) package files that stand for them."""
    def new_hash(digest: str) -> str:
        return sha256(data_by_hash[digest]).hexdigest() if digest else ""

    for ref in app.documents:
        ref.sha256, ref.fixed_sha256 = new_hash(ref.sha256), new_hash(ref.fixed_sha256)
        if ref.fixed_sha256 == ref.sha256:
            ref.fixed_sha256 = ""
    photo = app.photo_verification.photo
    if photo.sha256:
        photo.sha256, photo.fixed_sha256 = new_hash(photo.sha256), new_hash(photo.fixed_sha256)
        if photo.fixed_sha256 == photo.sha256:
            photo.fixed_sha256 = ""
