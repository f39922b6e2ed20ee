"""Images and documents are stored once by content hash, apart from the form fields."""

from __future__ import annotations

import hashlib
import io

import pytest
import sqlalchemy as sa
from PIL import Image

from beian_desktop.store import BlobNotFound, DatabaseCorrupt
from store_helpers import sample_application


def _png(color=(0, 80, 200), size=(64, 48)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


def _blob_rows(store) -> int:
    with store.session() as session:
        return session.execute(sa.text("select count(*) from blobs")).scalar_one()


def test_put_get_is_content_addressed_and_idempotent(store):
    data = _png()
    digest = store.blobs.put(data)
    assert digest == hashlib.sha256(data).hexdigest()
    assert store.blobs.put(data) == digest
    assert _blob_rows(store) == 1
    assert store.blobs.exists(digest)
    assert store.blobs.get(digest) == data
    assert store.blobs.media_type(digest) == "image/png"  # sniffed from content
    other = store.blobs.put(b"%PDF-1.4 ...", media_type="application/pdf")
    assert other != digest and _blob_rows(store) == 2


def test_sniffing_uses_content_not_a_name(store):
    jpeg = io.BytesIO()
    Image.new("RGB", (8, 8)).save(jpeg, format="JPEG")
    assert store.blobs.media_type(store.blobs.put(jpeg.getvalue())) == "image/jpeg"
    assert store.blobs.media_type(store.blobs.put(b"hello")) == "application/octet-stream"


def test_missing_blob(store):
    assert not store.blobs.exists("0" * 64)
    with pytest.raises(BlobNotFound) as info:
        store.blobs.get("0" * 64)
    assert "missing" in str(info.value) and "找不到" in info.value.message.zh


def test_damaged_blob_is_reported(store):
    digest = store.blobs.put(_png())
    with store.session(write=True) as session:
        session.execute(sa.text("update blobs set data = :d where sha256 = :h"), {"d": b"tampered", "h": digest})
    with pytest.raises(DatabaseCorrupt) as info:
        store.blobs.get(digest)
    assert "damaged" in str(info.value)


def test_autosaving_a_field_never_rewrites_images(store):
    photo = _png(size=(800, 600))
    digest = store.blobs.put(photo)
    draft_id = store.drafts.create(sample_application(photo_sha=digest))
    statements: list[str] = []
    sa.event.listen(store.engine, "before_cursor_execute", lambda *a: statements.append(a[2].lower()))
    for text in ("张", "张三", "张三丰"):
        store.drafts.save_field(draft_id, "principal.name", text)
    app = store.drafts.load(draft_id)
    app.notes = "changed"
    store.drafts.save(draft_id, app)
    assert statements and not [s for s in statements if "blobs" in s]
    assert store.drafts.load(draft_id).photo_verification.photo.sha256 == digest


def test_shared_file_is_stored_once_across_drafts(store):
    digest = store.blobs.put(_png())
    a = store.drafts.create(sample_application(doc_sha=digest))
    store.drafts.duplicate(a)
    store.drafts.create(sample_application(photo_sha=store.blobs.put(_png())))
    assert _blob_rows(store) == 1


def test_purge_collects_unreferenced_files_after_grace(store, clock):
    shared, private, fresh = store.blobs.put(_png((1, 1, 1))), store.blobs.put(_png((2, 2, 2))), None
    keep = store.drafts.create(sample_application(doc_sha=shared))
    gone = store.drafts.create(sample_application(doc_sha=shared, photo_sha=private))
    clock.advance(hours=2)
    fresh = store.blobs.put(_png((3, 3, 3)))  # just stored by the GUI, field not saved yet
    store.drafts.delete(gone)
    assert store.blobs.exists(private)  # deleted drafts keep their files: undo must work
    assert store.drafts.purge() == 1
    assert store.blobs.exists(shared)  # still used by `keep`
    assert not store.blobs.exists(private)
    assert store.blobs.exists(fresh)  # inside the grace period
    assert store.drafts.load(keep).documents[0].sha256 == shared
