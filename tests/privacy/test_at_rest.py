"""Nothing personal is readable in the database file, its write-ahead log or its backups; tampering is detected per
field and per file; a value moved to another field or draft does not decrypt."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from beian_desktop.store import migrate, open_store
from beian_desktop.store.crypto import FieldDamaged
from privacy_helpers import ID_NUMBER, JPEG, JPEG_HEADER, PHONE, url_of


def _files(db_path):
    files = [db_path, db_path.with_name(db_path.name + "-wal")]
    files += migrate.list_backups(db_path)
    return [f for f in files if f.exists()]


def _grep(paths, needles):
    found = []
    for path in paths:
        data = path.read_bytes()
        found += [(path.name, n) for n in needles if n in data]
    return found


# names and addresses as UTF-8 and as the JSON column writes them (\u escapes)
NEEDLES = [ID_NUMBER.encode(), PHONE.encode(), JPEG_HEADER, b"chen.mingyuan"] + [
    form for text in ("陈明远", "文三路") for form in (text.encode(), json.dumps(text).strip('"').encode())]


def test_no_id_number_phone_or_jpeg_in_the_file_its_wal_or_its_backups(sample_store, db_path):
    store, draft_id = sample_store
    migrate.backup_sqlite(db_path, label="test")  # a backup as an upgrade would make it
    wal = db_path.with_name(db_path.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0  # the WAL is really there while the store is open
    app = store.drafts.load(draft_id)
    pictures = [store.blobs.get(d.sha256) for d in app.documents] + [store.blobs.get(app.photo_verification.photo.sha256)]
    assert all(p.startswith(JPEG_HEADER) for p in pictures)
    needles = NEEDLES + [p[:48] for p in pictures] + [p[-48:] for p in pictures]
    assert _grep(_files(db_path), needles) == []
    store.close()
    assert _grep(_files(db_path), needles) == []
    with open_store(url_of(db_path)) as again:  # and everything comes back
        app = again.drafts.load(draft_id)
        assert app.principal.cert_number == ID_NUMBER and app.principal.mobile == PHONE
        assert again.blobs.get(app.photo_verification.photo.sha256).startswith(JPEG)
        assert again.drafts.find_by_id_number(ID_NUMBER.lower()) == [draft_id]


def test_the_draft_list_keeps_domain_and_subject_name_readable(sample_store):
    store, draft_id = sample_store
    with store.engine.connect() as conn:
        title = conn.execute(sa.text("select title from drafts")).scalar_one()
        name = conn.execute(sa.text("select value from draft_fields where path = 'subject.name'")).scalar_one()
    assert "yunqi-demo.com" in title and json.loads(name) == "杭州云栖示例科技有限公司"


def _tamper_field(store, draft_id, path):
    with store.engine.begin() as conn:
        stored = conn.execute(sa.text("select value from draft_fields where draft_id = :d and path = :p"),
                              {"d": draft_id, "p": path}).scalar_one()
        token = stored.strip('"')
        flipped = token[:-6] + ("A" if token[-6] != "A" else "B") + token[-5:]
        conn.execute(sa.text("update draft_fields set value = :v where draft_id = :d and path = :p"),
                     {"v": f'"{flipped}"', "d": draft_id, "p": path})


def test_one_altered_field_gives_a_clear_error_for_that_field_and_the_rest_opens(sample_store):
    store, draft_id = sample_store
    _tamper_field(store, draft_id, "principal.cert_number")
    app = store.drafts.load(draft_id)
    assert app.principal.cert_number == ""  # only that field is lost
    assert app.principal.mobile == PHONE and app.websites[0].owner.cert_number == "330102198809204560"
    problems = store.drafts.damaged_fields(draft_id)
    assert len(problems) == 1
    assert "principal.cert_number" in problems[0].message.en and "damaged or was altered" in problems[0].message.en
    assert "principal.cert_number" in problems[0].message.zh
    # typing the value again repairs it
    store.drafts.save_field(draft_id, "principal.cert_number", ID_NUMBER)
    assert store.drafts.load(draft_id).principal.cert_number == ID_NUMBER and store.drafts.damaged_fields(draft_id) == []


def test_one_altered_file_gives_a_clear_error_for_that_file_only(sample_store):
    store, draft_id = sample_store
    app = store.drafts.load(draft_id)
    victim, other = app.documents[0].sha256, app.photo_verification.photo.sha256
    with store.engine.begin() as conn:
        data = bytearray(conn.execute(sa.text("select data from blobs where sha256 = :h"), {"h": victim}).scalar_one())
        data[len(data) // 2] ^= 0x01
        conn.execute(sa.text("update blobs set data = :d where sha256 = :h"), {"d": bytes(data), "h": victim})
    with pytest.raises(FieldDamaged) as info:
        store.blobs.get(victim)
    assert victim[:12] in info.value.message.en and "altered" in info.value.message.en
    assert store.blobs.get(other).startswith(JPEG)
    assert store.drafts.load(draft_id).principal.cert_number == ID_NUMBER
    assert [p.message.en for p in store.drafts.damaged_fields(draft_id)] == [info.value.message.en]


def test_a_value_copied_to_another_field_or_draft_does_not_decrypt(sample_store):
    store, draft_id = sample_store
    other = store.drafts.create()
    with store.engine.begin() as conn:
        token = conn.execute(sa.text("select value from draft_fields where draft_id = :d and path = 'principal.cert_number'"),
                             {"d": draft_id}).scalar_one()
        conn.execute(sa.text("update draft_fields set value = :v where draft_id = :d and path = 'principal.mobile'"),
                     {"v": token, "d": draft_id})
        conn.execute(sa.text("update draft_fields set value = :v where draft_id = :d and path = 'principal.cert_number'"),
                     {"v": token, "d": other})
    assert store.drafts.load(draft_id).principal.mobile == ""
    assert store.drafts.load(other).principal.cert_number == ""
    assert [p.where for p in store.drafts.damaged_fields(other)] == ["principal.cert_number"]


def test_a_duplicate_is_encrypted_for_its_own_id(sample_store):
    store, draft_id = sample_store
    copy = store.drafts.duplicate(draft_id)
    assert store.drafts.load(copy).principal.cert_number == ID_NUMBER
    assert store.drafts.damaged_fields(copy) == []
    assert sorted(store.drafts.find_by_id_number(ID_NUMBER)) == sorted([draft_id, copy])


def test_a_plain_database_is_encrypted_in_place_and_its_plain_backup_shredded(tmp_path):
    from beian_desktop.store.engine import create_engine

    path = tmp_path / "old.sqlite3"
    engine = create_engine(url_of(path))
    migrate.upgrade(engine, "0003")
    engine.dispose()
    # fill it with what version 0003 wrote: fields and pictures in clear
    from beian_desktop.sample import sample_application
    from beian_desktop.store.fields import prepare_flat

    flat = prepare_flat(sample_application())
    engine = create_engine(url_of(path))
    with engine.begin() as conn:
        conn.execute(sa.text("insert into drafts (id, title, step, status, created_at, updated_at, version) values "
                             "('d' || :z, 'old', 'start', 'draft', '2025-01-01 00:00:00', '2025-01-01 00:00:00', 1)"),
                     {"z": "0" * 31})
        conn.execute(sa.text("insert into draft_fields (draft_id, path, value) values (:d, :p, :v)"),
                     [{"d": "d" + "0" * 31, "p": p, "v": json.dumps(v, ensure_ascii=False)} for p, v in flat.items()])
        conn.execute(sa.text("insert into blobs (sha256, size, media_type, data, created_at) values "
                             "(:h, 3, 'image/jpeg', :b, '2025-01-01 00:00:00')"), {"h": "ab" * 32, "b": JPEG_HEADER + b"plain"})
    engine.dispose()
    assert _grep(_files(path), [ID_NUMBER.encode()])  # the old file really holds it in clear
    with open_store(url_of(path)) as store:
        assert store.drafts.load("d" + "0" * 31).principal.cert_number == ID_NUMBER
    assert migrate.list_backups(path) == []  # verified, then the plain backup was overwritten and removed
    assert _grep(_files(path), NEEDLES) == []
    with open_store(url_of(path)) as store:  # downgrade decrypts again
        migrate.downgrade(store.engine, "0003")
        with store.engine.connect() as conn:
            value = conn.execute(sa.text("select value from draft_fields where path = 'principal.cert_number'")).scalar_one()
            data = conn.execute(sa.text("select data from blobs")).scalar_one()
    assert ID_NUMBER in value and bytes(data) == JPEG_HEADER + b"plain"


def test_fill_sample_really_stores_pictures(sample_store):
    store, draft_id = sample_store
    app = store.drafts.load(draft_id)
    assert len(app.documents) >= 2 and all(store.blobs.get(d.sha256).startswith(JPEG) for d in app.documents)
