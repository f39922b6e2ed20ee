"""Submission package: export, verification and import on another machine."""

from __future__ import annotations

import json
import os
import zipfile
from hashlib import sha256

import pytest

from beian_desktop.domain.model import FileRef
from beian_desktop.export import manifest as mf
from beian_desktop.export.package import (
    ExportRefused, PackageError, build_package, import_package, read_package, safe_member_name,
)


def _export(store, draft_id, out, **kw):
    kw.setdefault("pdf", False)
    kw.setdefault("run_checks", False)
    return build_package(store, draft_id, out, **kw)


def _rezip(src, dst, *, drop=(), replace=None, add=None):
    """Copy a package zip, dropping, replacing or adding entries (a tampering user or a broken copy)."""
    replace, add = replace or {}, add or {}
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            if info.filename in drop:
                continue
            zout.writestr(info.filename, replace.get(info.filename, zin.read(info.filename)))
        for name, data in add.items():
            zout.writestr(name, data)
    return dst


@pytest.mark.parametrize("with_originals", [False, True])
def test_round_trip_on_a_fresh_database_gives_the_same_draft_with_cleaned_pictures(
    store, fresh_store, complete_draft, tmp_path, with_originals
):
    from beian_desktop.imaging.metadata import has_location_or_camera_data

    original = store.drafts.load(complete_draft)
    result = _export(store, complete_draft, tmp_path / "package.zip", with_originals=with_originals)
    assert result.manifest["complete"] is True and result.problems == []
    roles = {f["role"] for f in result.manifest["files"]}
    assert ("original" in roles) == with_originals

    new_id = import_package(fresh_store, tmp_path / "package.zip")
    restored = fresh_store.drafts.load(new_id)

    def without_files(app):
        data = app.to_dict()
        for ref in data["documents"] + [data["photo_verification"]["photo"]]:
            ref["sha256"] = ref["fixed_sha256"] = ""
        return data

    assert without_files(restored) == without_files(original)
    assert len(restored.documents) == len(original.documents)
    for ref in restored.documents + [restored.photo_verification.photo]:  # every picture is there, cleaned
        data = fresh_store.blobs.get(ref.sha256)
        assert sha256(data).hexdigest() == ref.sha256
        assert not has_location_or_camera_data(data)


def test_folder_package_names_files_by_person_and_type_and_lists_them_in_the_manifest(store, complete_draft, tmp_path):
    out = tmp_path / "pkg"
    _export(store, complete_draft, out)
    names = {p.name for p in out.iterdir()}
    assert {"网站负责人-身份证-正面.jpg", "网站负责人-身份证-反面.jpg", "主体负责人-身份证-正面.jpg", "主体-营业执照.jpg",
            "域名证书.jpg", "真实性核验单.jpg", "网站负责人-幕布照片.jpg", "checklist.html", "manifest.json"} <= names
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["schema_version"] == 1 and manifest["format"] == mf.FORMAT
    assert manifest["filing_type"]["flow"] == "new_access"
    assert manifest["application"]["subject"]["name"] == "北京示例科技有限公司"
    for entry in manifest["files"]:
        data = (out / entry["path"]).read_bytes()
        assert entry["bytes"] == len(data) and entry["sha256"] == sha256(data).hexdigest()
        assert {"path", "type", "bytes", "sha256"} <= set(entry)
    owner_front = next(f for f in manifest["files"] if f["path"] == "网站负责人-身份证-正面.jpg")
    assert owner_front["type"] == "resident_id" and owner_front["slot"] == "owner.resident_id.front"
    assert owner_front["check"]["draft_verdict"] == "pass"
    kinds = {r["kind"] for r in manifest["rules"]}
    assert {"sms", "review", "domain_realname_sync"} <= kinds
    assert all(r["source"] and r["effective_date"] for r in manifest["rules"])
    # the folder imports too
    assert read_package(out).manifest["created_at"] == manifest["created_at"]


def test_upload_files_are_normalised_or_honestly_marked_as_originals(store, complete_draft, tmp_path):
    manifest = _export(store, complete_draft, tmp_path / "p.zip").manifest
    uploads = [f for f in manifest["files"] if f["role"] == "upload"]
    app = store.drafts.load(complete_draft)
    originals = {r.sha256 for r in app.documents}
    for f in uploads:
        assert f["original_sha256"] in originals | {app.photo_verification.photo.sha256}
        if f["normalized"] is False:
            assert f["check"]["normalize_note"]
        else:
            assert f["bytes"] <= 4 * 1024 * 1024


def test_secrets_are_never_written(store, tmp_path, make_complete_app):
    app = make_complete_app(store)
    app.original.fields = {"subject.name": "北京示例科技有限公司", "miit_password": "hunter2", "nested": {"Password": "x"}}
    draft = store.drafts.create(app)
    out = tmp_path / "p.zip"
    _export(store, draft, out, allow_draft=True)
    with zipfile.ZipFile(out) as zf:
        text = zf.read("manifest.json").decode("utf-8")
    assert "hunter2" not in text and "miit_password" not in text.lower() and '"Password"' not in text


def test_errors_refuse_the_export_with_the_list_of_problems_unless_a_draft_package_is_asked(store, tmp_path, make_complete_app):
    app = make_complete_app()
    app.principal.cert_number = "110105199003071230"  # wrong check character
    draft = store.drafts.create(app)  # and no documents at all
    with pytest.raises(ExportRefused) as refused:
        _export(store, draft, tmp_path / "p.zip")
    paths = {p.path for p in refused.value.problems if p.severity == "error"}
    assert "principal.cert_number" in paths and "owner.resident_id.front" in paths
    assert "错误" in refused.value.message.zh and "error" in refused.value.message.en
    assert not (tmp_path / "p.zip").exists()

    result = _export(store, draft, tmp_path / "p.zip", allow_draft=True)
    assert result.manifest["complete"] is False
    assert any(p["path"] == "principal.cert_number" for p in result.manifest["problems"])
    checklist = read_package(tmp_path / "p.zip").files["checklist.html"].decode("utf-8")
    assert "草稿包" in checklist


def test_existing_non_empty_folder_is_not_overwritten(store, complete_draft, tmp_path):
    out = tmp_path / "busy"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    with pytest.raises(PackageError):
        _export(store, complete_draft, out)
    assert (out / "keep.txt").read_text() == "mine" and len(list(out.iterdir())) == 1


@pytest.fixture
def package_zip(store, complete_draft, tmp_path):
    return _export(store, complete_draft, tmp_path / "good.zip").out


def _reject(fresh_store, path, *fragments):
    with pytest.raises(PackageError) as err:
        import_package(fresh_store, path)
    for fragment in fragments:
        assert fragment in err.value.message.en
    assert err.value.message.zh and err.value.message.zh != err.value.message.en
    assert fresh_store.drafts.list() == []


def test_tampered_image_is_rejected(fresh_store, package_zip, tmp_path):
    bad = bytearray(zipfile.ZipFile(package_zip).read("域名证书.jpg"))
    bad[5000] ^= 0xFF
    _reject(fresh_store, _rezip(package_zip, tmp_path / "t.zip", replace={"域名证书.jpg": bytes(bad)}), "域名证书.jpg", "SHA-256")


def test_truncated_zip_is_rejected(fresh_store, package_zip, tmp_path):
    data = package_zip.read_bytes()
    for cut in (len(data) // 2, len(data) - 30):
        path = tmp_path / f"cut{cut}.zip"
        path.write_bytes(data[:cut])
        _reject(fresh_store, path, "damaged or truncated")


def test_corrupted_bytes_inside_the_zip_are_rejected(fresh_store, package_zip, tmp_path):
    data = bytearray(package_zip.read_bytes())
    with zipfile.ZipFile(package_zip) as zf:
        info = zf.getinfo("真实性核验单.jpg")
    data[info.header_offset + 200] ^= 0x55  # inside the stored image: CRC mismatch
    path = tmp_path / "flip.zip"
    path.write_bytes(bytes(data))
    _reject(fresh_store, path, "真实性核验单.jpg")


def test_missing_unknown_and_unsafe_entries_are_rejected(fresh_store, package_zip, tmp_path):
    _reject(fresh_store, _rezip(package_zip, tmp_path / "m.zip", drop={"域名证书.jpg"}), "missing", "域名证书.jpg")
    _reject(fresh_store, _rezip(package_zip, tmp_path / "u.zip", add={"extra.exe": b"MZ"}), "does not list", "extra.exe")
    _reject(fresh_store, _rezip(package_zip, tmp_path / "s.zip", add={"../evil.txt": b"x"}), "unsafe path")
    _reject(fresh_store, _rezip(package_zip, tmp_path / "n.zip", drop={"manifest.json"}), "no manifest.json")
    manifest = json.loads(zipfile.ZipFile(package_zip).read("manifest.json"))
    manifest["schema_version"] = 2
    _reject(fresh_store, _rezip(package_zip, tmp_path / "v.zip",
                                replace={"manifest.json": json.dumps(manifest).encode()}), "newer Beian Desktop")
    _reject(fresh_store, _rezip(package_zip, tmp_path / "j.zip", replace={"manifest.json": b"{not json"}), "not valid JSON")
    assert not (tmp_path.parent / "evil.txt").exists()


def test_oversize_entries_are_rejected_before_reading_them(fresh_store, package_zip, tmp_path, monkeypatch):
    from beian_desktop.export import package

    monkeypatch.setattr(package, "MAX_ENTRY_BYTES", 1000)
    _reject(fresh_store, package_zip, "too large")


def test_manifest_size_lie_is_rejected(fresh_store, package_zip, tmp_path):
    manifest = json.loads(zipfile.ZipFile(package_zip).read("manifest.json"))
    entry = next(f for f in manifest["files"] if f["path"] == "域名证书.jpg")
    entry["bytes"] += 1
    path = _rezip(package_zip, tmp_path / "lie.zip", replace={"manifest.json": json.dumps(manifest).encode()})
    _reject(fresh_store, path, "size or SHA-256")


def test_a_draft_file_missing_from_the_package_is_rejected(fresh_store, store, complete_draft, tmp_path):
    manifest = json.loads(zipfile.ZipFile(_export(store, complete_draft, tmp_path / "p.zip").out).read("manifest.json"))
    manifest["application"]["documents"].append(FileRef(slot="other", sha256="ab" * 32).__dict__)
    path = _rezip(tmp_path / "p.zip", tmp_path / "ref.zip", replace={"manifest.json": json.dumps(manifest).encode()})
    _reject(fresh_store, path, "image file")


def test_symlinks_in_a_folder_package_are_rejected(store, complete_draft, fresh_store, tmp_path):
    out = tmp_path / "pkg"
    _export(store, complete_draft, out)
    if not hasattr(os, "symlink"):
        pytest.skip("no symlinks on this platform")
    (out / "link.jpg").symlink_to(tmp_path / "elsewhere.jpg")
    _reject(fresh_store, out, "unsafe path")


@pytest.mark.parametrize("name,ok", [("a.jpg", True), ("originals/x.jpg", True), ("../a", False), ("/etc/passwd", False),
                                     ("a\\..\\b", False), ("C:/x", False), ("a//b", False), ("", False), ("./a", False)])
def test_safe_member_names(name, ok):
    assert safe_member_name(name) is ok


def test_check_results_are_recorded_per_file_and_never_invented(store, complete_draft, tmp_path):
    manifest = _export(store, complete_draft, tmp_path / "p.zip", run_checks=True).manifest
    photo = next(f for f in manifest["files"] if f["type"] == "photo")
    report = photo["check"]["report"]
    assert report["verdict"] in ("pass", "warn", "fail")
    assert {"face_count", "backdrop"} <= {c["id"] for c in report["checks"]}
    assert all(set(c["message"]) == {"zh_CN", "en"} for c in report["checks"])
    for entry in (f for f in manifest["files"] if f["role"] == "upload" and f["type"] != "photo"):
        check = entry["check"]
        assert check["draft_verdict"] == "pass"
        # either a real report from the document checker, or an explicit note that none was run
        assert (check["report"] is None and check["note"]) or check["report"]["verdict"] in ("pass", "warn", "fail")


def test_every_document_in_the_package_is_checked_by_the_document_checker(store, complete_draft, tmp_path):
    manifest = _export(store, complete_draft, tmp_path / "p.zip", run_checks=True).manifest
    documents = [f for f in manifest["files"] if f["role"] == "upload" and f["type"] != "photo"]
    assert documents
    for entry in documents:
        assert "note" not in entry["check"], entry["check"].get("note")  # e.g. "checker failed: TypeError"
        assert entry["check"]["report"]["verdict"] in ("pass", "warn", "fail")
