"""Crafted packages and draft files: refused with a clear message, in bounded memory, with nothing stored."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from beian_desktop.domain.model import Application, FileRef
from beian_desktop.export.package import build_package
from beian_desktop.store import open_store
from robust_helpers import RSS_LIMIT, encode, photo_like, run_cli, run_in_process


@pytest.fixture(scope="module")
def good_package(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("pkg")
    with open_store(f"sqlite:///{d / 'src.sqlite3'}") as store:
        app = Application()
        app.subject.name = "甲公司"
        app.photo_verification.photo = FileRef(slot="photo", sha256=store.blobs.put(encode(photo_like(seed=1))))
        app.documents = [FileRef(slot="principal.resident_id.front", sha256=store.blobs.put(encode(photo_like(seed=2))))]
        draft_id = store.drafts.create(app)
        build_package(store, draft_id, d / "good.zip", allow_draft=True, pdf=False, run_checks=False)
    return d / "good.zip"


def craft(src: Path, dst: Path, *, add: dict[str, bytes] | None = None, list_added: bool = True,
          manifest_edit=None, manifest_raw: bytes | None = None, rename: dict[str, str] | None = None,
          compress: int = zipfile.ZIP_STORED) -> Path:
    """A copy of ``src`` with entries added (listed in the manifest with their true size and hash, like an attacker
    who knows the format), the manifest edited or replaced, or entries renamed."""
    add, rename = add or {}, rename or {}
    with zipfile.ZipFile(src) as zin:
        manifest = json.loads(zin.read("manifest.json"))
        entries = {i.filename: zin.read(i.filename) for i in zin.infolist() if i.filename != "manifest.json"}
    for name, data in add.items():
        entries[name] = data
        if list_added:
            manifest["files"].append({"path": name, "type": "other", "bytes": len(data),
                                      "sha256": hashlib.sha256(data).hexdigest(), "role": "upload"})
    for old, new in rename.items():
        entries[new] = entries.pop(old)
        for entry in manifest["files"]:
            if entry["path"] == old:
                entry["path"] = new
    if manifest_edit:
        manifest_edit(manifest)
    with zipfile.ZipFile(dst, "w") as zout:
        zout.writestr("manifest.json", manifest_raw if manifest_raw is not None else json.dumps(manifest, ensure_ascii=False))
        for name, data in entries.items():
            zout.writestr(name, data, compress_type=compress)
    return dst


def _import(tmp_path: Path, package: Path, capsys=None):
    """Import in a child process (peak memory measured) or, given ``capsys``, in this one (peak reported as 0)."""
    db = f"sqlite:///{tmp_path / 'target.sqlite3'}"
    args = ["--db", db, "--lang", "en", "drafts", "import", str(package)]
    if capsys is None:
        code, out, err, peak = run_cli(args, tmp_path, timeout=240)
    else:
        (code, out, err), peak = run_in_process(args, capsys), 0
    with open_store(db) as store:
        drafts = store.drafts.list(include_deleted=True)
        with store.engine.connect() as conn:
            blobs = conn.exec_driver_sql("SELECT count(*) FROM blobs").scalar()
    return code, err, peak, drafts, blobs


def test_the_genuine_package_imports(tmp_path, good_package, capsys):
    code, err, _, drafts, blobs = _import(tmp_path, good_package, capsys)
    assert code == 0, err
    assert len(drafts) == 1 and blobs == 2


def _referencing(digest: str):
    def edit(manifest):
        manifest["application"]["documents"].append({"slot": "other", "sha256": digest, "filename": "", "fixed_sha256": "",
                                                     "verdict": ""})
    return edit


BOMB = b"\0" * (60 * 1024 * 1024)

RANDOM = __import__("os").urandom(3 * 1024 * 1024)

CASES = {
    # files nobody uses: 30 entries of 10 MB of one byte, 300 MB unpacked, a few hundred KB packed
    "unreferenced-compressible": lambda src, dst: craft(
        src, dst, add={f"extra/{i}.jpg": bytes([i]) * (10 * 1024 * 1024) for i in range(30)}, compress=zipfile.ZIP_DEFLATED),
    "unreferenced": lambda src, dst: craft(src, dst, add={f"extra/{i}.jpg": RANDOM[i:] for i in range(4)}),
    "unlisted": lambda src, dst: craft(src, dst, add={"secret.txt": b"x"}, list_added=False),
    "zip-bomb-referenced": lambda src, dst: craft(src, dst, add={"bomb.jpg": BOMB}, compress=zipfile.ZIP_DEFLATED,
                                                  manifest_edit=_referencing(hashlib.sha256(BOMB).hexdigest())),
    "dot-slash": lambda src, dst: craft(src, dst, rename={"checklist.html": "./checklist.html"}),
    "double-slash": lambda src, dst: craft(src, dst, rename={"checklist.html": "a//checklist.html"}),
    "deep-json": lambda src, dst: craft(src, dst, manifest_raw=b'{"format": "beian-desktop-package", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"),
    "huge-integer": lambda src, dst: craft(src, dst, manifest_raw=b'{"format": "beian-desktop-package", "schema_version": ' + b"9" * 5000 + b"}"),
    "nested-application": lambda src, dst: craft(src, dst, manifest_edit=lambda m: m["application"].update(
        notes=json.loads("[" * 500 + "]" * 500))),
}


REASONS = {
    "unreferenced-compressible": "zip bomb", "unreferenced": "does not use", "unlisted": "does not list",
    "zip-bomb-referenced": "zip bomb", "dot-slash": "unsafe path", "double-slash": "unsafe path",
    "deep-json": "nested too deeply", "huge-integer": "number too long", "nested-application": "nested too deeply",
}


#: the cases whose danger is memory run in a child process whose peak RSS is measured
MEASURED = {"unreferenced-compressible", "zip-bomb-referenced", "unreferenced"}


@pytest.mark.parametrize("case", sorted(CASES))
def test_crafted_package_is_refused_cleanly(tmp_path, good_package, case, capsys):
    package = CASES[case](good_package, tmp_path / f"{case}.zip")
    code, err, peak, drafts, blobs = _import(tmp_path, package, None if case in MEASURED else capsys)
    assert code == 1
    assert "Traceback" not in err and err.startswith("beian-desktop: ")
    assert REASONS[case] in err, err
    assert drafts == [] and blobs == 0  # nothing stored
    assert peak < RSS_LIMIT, f"{peak / 1048576:.0f} MB"


@pytest.mark.parametrize(
    "text",
    [b"[" * 200_000 + b"]" * 200_000, b'{"format": "beian-desktop-draft", "version": ' + b"7" * 5000 + b"}",
     b'{"format": "beian-desktop-draft", "version": 1, "draft": ' + b'{"a":' * 300 + b"1" + b"}" * 300 + b"}", b"\xff\xfe"],
    ids=["deep", "huge-integer", "nested-draft", "not-utf8"],
)
def test_crafted_draft_file_is_refused_cleanly(tmp_path, text, capsys):
    path = tmp_path / "draft.json"
    path.write_bytes(text)
    code, _, err = run_in_process(["--db", f"sqlite:///{tmp_path / 'db.sqlite3'}", "--lang", "en", "drafts", "import", str(path)], capsys)
    assert code == 1 and "Traceback" not in err and "Invalid draft file" in err


def test_draft_file_with_unused_files_is_refused(tmp_path, capsys):
    import base64

    with open_store(f"sqlite:///{tmp_path / 'a.sqlite3'}") as store:
        data = store.drafts.export_json(store.drafts.create(Application()))
    extra = b"unused" * 1000
    data["files"][hashlib.sha256(extra).hexdigest()] = base64.b64encode(extra).decode()
    path = tmp_path / "draft.json"
    path.write_text(json.dumps(data))
    code, _, err = run_in_process(["--db", f"sqlite:///{tmp_path / 'b.sqlite3'}", "--lang", "en", "drafts", "import", str(path)], capsys)
    assert code == 1 and "does not use" in err


@pytest.mark.parametrize("name", ["pipe.zip", "pipe.json"])
def test_importing_a_fifo_does_not_hang(tmp_path, name):
    import os

    fifo = tmp_path / name
    os.mkfifo(fifo)
    code, _, err, _ = run_cli(["--db", f"sqlite:///{tmp_path / 'db.sqlite3'}", "drafts", "import", str(fifo)], tmp_path, timeout=60)
    assert code == 1 and "Traceback" not in err
