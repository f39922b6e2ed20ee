"""Export a draft as JSON with its files, import it elsewhere; invalid files are refused with clear messages."""

from __future__ import annotations

import base64
import copy
import json

import pytest

from beian_desktop.store import InvalidDraftFile, open_store
from store_helpers import sample_application, sqlite_url


@pytest.fixture
def other(tmp_path):
    """The database a draft moves to: always an SQLite file (so the PostgreSQL variant moves across backends)."""
    s = open_store(sqlite_url(tmp_path / "b.sqlite3"))
    yield s
    s.close()


PHOTO = b"\x89PNG\r\n\x1a\n" + b"photo-bytes" * 10
SCAN = b"\xff\xd8\xff" + b"scan" * 10


def _exported(store):
    app = sample_application(photo_sha=store.blobs.put(PHOTO), doc_sha=store.blobs.put(SCAN))
    draft_id = store.drafts.create(app)
    return app, store.drafts.export_json(draft_id)


def test_export_shape(store):
    app, data = _exported(store)
    assert data["format"] == "beian-desktop-draft" and data["version"] == 1
    assert data["draft"] == app.to_dict()
    assert {base64.b64decode(v) for v in data["files"].values()} == {PHOTO, SCAN}
    json.dumps(data)  # JSON-ready


def test_round_trip_into_another_database_through_json_text(store, other):
    app, data = _exported(store)
    new_id = other.drafts.import_json(json.loads(json.dumps(data, ensure_ascii=False)))
    assert other.drafts.load(new_id) == app
    assert other.blobs.get(app.photo_verification.photo.sha256) == PHOTO
    assert other.blobs.media_type(app.photo_verification.photo.sha256) == "image/png"
    assert [d.title for d in other.drafts.list()] == [app.title()]


def test_import_into_the_same_database_makes_a_new_draft(store):
    app, data = _exported(store)
    new_id = store.drafts.import_json(data)
    assert len(store.drafts.list()) == 2
    assert store.drafts.load(new_id) == app


def _broken(data, change):
    data = copy.deepcopy(data)
    change(data)
    return data


BROKEN = {
    "not a dict": lambda d: d.clear(),
    "wrong format": lambda d: d.update(format="something-else"),
    "newer version": lambda d: d.update(version=2),
    "no version": lambda d: d.pop("version"),
    "draft missing": lambda d: d.pop("draft"),
    "draft not an object": lambda d: d.update(draft=[1, 2]),
    "newer schema": lambda d: d["draft"].update(schema_version=99),
    "files not an object": lambda d: d.update(files=["x"]),
    "bad hash key": lambda d: d["files"].update({"XYZ": "AAAA"}),
    "bad base64": lambda d: d["files"].update({k: "***" for k in d["files"]}),
    "tampered file": lambda d: d["files"].update({k: base64.b64encode(b"evil").decode() for k in d["files"]}),
    "file left out": lambda d: d["files"].popitem(),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_invalid_imports_are_refused(store, other, case):
    _, data = _exported(store)
    with pytest.raises(InvalidDraftFile) as info:
        other.drafts.import_json(_broken(data, BROKEN[case]))
    assert str(info.value).startswith("Invalid draft file:")
    assert info.value.message.zh.startswith("草稿文件无效")
    assert other.drafts.list(include_deleted=True) == []  # nothing half-imported


def test_import_of_a_non_dict(other):
    with pytest.raises(InvalidDraftFile):
        other.drafts.import_json(["not", "a", "draft"])


def test_referenced_file_already_stored_need_not_be_included(store):
    _, data = _exported(store)
    data["files"] = {}
    assert store.drafts.import_json(data)


def test_import_strips_passwords(other):
    app = sample_application()
    data = {
        "format": "beian-desktop-draft",
        "version": 1,
        "draft": {**app.to_dict(), "miit_password": "s3cret-Value",
                  "original": {"fields": {"password": "s3cret-Value", "subject.name": "x"}}},
        "files": {},
    }
    new_id = other.drafts.import_json(data)
    exported = json.dumps(other.drafts.export_json(new_id), ensure_ascii=False)
    assert "s3cret-Value" not in exported
    assert other.drafts.load(new_id).original.fields == {"subject.name": "x"}
