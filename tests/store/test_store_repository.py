"""Draft repository: round trips, autosave of single fields, list, duplicate, delete with undo, purge, secrets."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from beian_desktop.domain.model import Application, Flow, ProgressStatus, Website
from beian_desktop.store import (
    AmbiguousDraftId,
    DraftConflict,
    DraftNotFound,
    InvalidValue,
    SecretRejected,
    StoreError,
    open_store,
)
from store_helpers import sample_application, sqlite_url


def _statements(store):
    """Collect the SQL statements the store sends (to prove what a save writes)."""
    seen: list[str] = []

    def listener(conn, cursor, statement, parameters, context, executemany):  # noqa: ARG001
        seen.append(" ".join(statement.split()).upper())

    sa.event.listen(store.engine, "before_cursor_execute", listener)
    return seen


def test_default_url_uses_the_user_data_dir(tmp_path):
    from beian_desktop import paths

    with open_store() as s:
        assert s.path == paths.default_database_path()
        draft_id = s.drafts.create()
    assert paths.default_database_path().exists()
    with open_store() as s:
        assert [d.id for d in s.drafts.list()] == [draft_id]


def test_create_empty_and_full_round_trip(store):
    empty = store.drafts.create()
    assert len(empty) == 32 and int(empty, 16) >= 0
    assert store.drafts.load(empty) == Application()

    app = sample_application()
    draft_id = store.drafts.create(app)
    loaded = store.drafts.load(draft_id)
    assert loaded == app
    assert loaded.to_dict() == app.to_dict()


def test_reopening_the_file_keeps_everything(tmp_path):
    url = sqlite_url(tmp_path / "d.sqlite3")
    app = sample_application()
    with open_store(url) as s:
        draft_id = s.drafts.create(app)
    with open_store(url) as s:
        assert s.drafts.load(draft_id) == app


def test_save_field_updates_one_row_and_the_list(store, clock):
    draft_id = store.drafts.create()
    before = store.drafts.summary(draft_id).updated_at
    clock.advance(seconds=5)
    seen = _statements(store)
    new_version = store.drafts.save_field(draft_id, "subject.name", "北京某某有限公司")
    writes = [s for s in seen if s.startswith(("INSERT", "UPDATE", "DELETE"))]
    assert not any("BLOBS" in s for s in seen)
    assert [s for s in writes if "DRAFT_FIELDS" in s] == [writes[0]] and len(writes) == 2  # one field row + drafts row
    summary = store.drafts.summary(draft_id)
    assert summary.updated_at > before
    assert summary.version == new_version == 2
    assert summary.title == "北京某某有限公司"
    assert store.drafts.load(draft_id).subject.name == "北京某某有限公司"


def test_save_field_new_path_list_and_flags(store):
    draft_id = store.drafts.create()
    store.drafts.save_field(draft_id, "websites.0.domains", ["a.cn", "b.cn"])
    store.drafts.save_field(draft_id, "answers.domain_has_icp", True)
    store.drafts.save_field(draft_id, "flow", "continue_access")
    store.drafts.save_field(draft_id, "progress.step", "photo")
    app = store.drafts.load(draft_id)
    assert app.websites[0].domains == ["a.cn", "b.cn"]
    assert app.answers.domain_has_icp is True
    assert app.flow is Flow.CONTINUE_ACCESS
    summary = store.drafts.summary(draft_id)
    assert (summary.flow, summary.step, summary.title) == ("continue_access", "photo", "a.cn")


def test_saving_an_unchanged_field_writes_nothing(store, clock):
    draft_id = store.drafts.create(sample_application())
    stamp = store.drafts.summary(draft_id).updated_at
    clock.advance(seconds=1)
    seen = _statements(store)
    assert store.drafts.save_field(draft_id, "subject.name", "杭州示例科技有限公司") == 1
    assert store.drafts.save(draft_id, sample_application()) == 1
    assert not [s for s in seen if s.startswith(("INSERT", "UPDATE", "DELETE"))]
    assert store.drafts.summary(draft_id).updated_at == stamp


def test_save_writes_only_changed_fields_and_deletes_vanished(store):
    app = sample_application()
    draft_id = store.drafts.create(app)
    app.contact.phone = "13700137000"
    app.websites.pop()  # second site removed: its rows must vanish
    seen = _statements(store)
    store.drafts.save(draft_id, app)
    field_writes = [s for s in seen if "DRAFT_FIELDS" in s and s.startswith(("INSERT", "UPDATE", "DELETE"))]
    assert len(field_writes) <= 3  # delete vanished rows, update phone, update websites.#
    assert any(s.startswith("DELETE") for s in field_writes)
    stored = store.drafts.fields(draft_id)
    assert not [p for p in stored if p.startswith("websites.1.")]
    assert store.drafts.load(draft_id) == app


def test_type_change_is_a_change(store):
    draft_id = store.drafts.create()
    store.drafts.save_field(draft_id, "original.fields", {"answers.domain_has_icp": 1})
    version = store.drafts.save_field(draft_id, "original.fields", {"answers.domain_has_icp": True})
    assert store.drafts.load(draft_id).original.fields == {"answers.domain_has_icp": True}
    assert version == 3


def test_optimistic_conflict(store):
    draft_id = store.drafts.create()
    seen = store.drafts.version(draft_id)
    assert store.drafts.save_field(draft_id, "notes", "from the other window") == seen + 1
    with pytest.raises(DraftConflict) as info:
        store.drafts.save_field(draft_id, "notes", "mine", expected_version=seen)
    assert "another window" in str(info.value) and "其他窗口" in info.value.message.zh
    assert (info.value.expected, info.value.current) == (seen, seen + 1)
    with pytest.raises(DraftConflict):
        store.drafts.save(draft_id, Application(), expected_version=seen)
    assert store.drafts.load(draft_id).notes == "from the other window"  # nothing written by the refused saves
    store.drafts.save_field(draft_id, "notes", "mine", expected_version=seen + 1)
    assert store.drafts.load(draft_id).notes == "mine"


def test_every_committed_change_counts_one_version(store):
    draft_id = store.drafts.create()
    assert store.drafts.version(draft_id) == 1
    assert store.drafts.save_field(draft_id, "notes", "a") == 2
    assert store.drafts.save_field(draft_id, "notes", "a") == 2  # unchanged: no write, no new version
    app, version = store.drafts.load_versioned(draft_id)
    app.contact.phone = "13800138000"
    assert store.drafts.save(draft_id, app, base=store.drafts.load(draft_id), expected_version=version) == 3
    assert store.drafts.set_fields(draft_id, {"notes": "b", "contact.email": "a@example.com"}) == 4
    store.drafts.set_problems(draft_id, 3)  # derived count, not a change of the draft
    store.drafts.delete(draft_id)
    store.drafts.undelete(draft_id)
    assert store.drafts.version(draft_id) == 6


def test_whole_draft_save_with_a_base_keeps_other_writers_fields(store):
    draft_id = store.drafts.create(sample_application())
    mine, version = store.drafts.load_versioned(draft_id)
    base = store.drafts.load(draft_id)
    store.drafts.save_field(draft_id, "contact.phone", "13900000000")  # another process, meanwhile
    mine.progress.status = "submitted"
    store.drafts.save(draft_id, mine, base=base)
    stored = store.drafts.load(draft_id)
    assert stored.contact.phone == "13900000000" and stored.progress.status == "submitted"
    with pytest.raises(DraftConflict):  # and with the version it is a clear conflict instead
        store.drafts.save(draft_id, mine, base=base, expected_version=version)


@pytest.mark.parametrize("path", ["pwd", "口令", "passcode", "備案密碼", "subject", "subject.nickname", "websites.x.name",
                                  "websites.#.name", "notes.extra", "documents.0", "websites.0"])
def test_only_model_paths_are_stored(store, path):
    draft_id = store.drafts.create()
    with pytest.raises(StoreError) as info:
        store.drafts.save_field(draft_id, path, "secret")
    assert info.value.message.zh and info.value.message.en
    with pytest.raises(StoreError):
        store.drafts.save_field(draft_id, "original.fields", {path: "secret"})
    assert "secret" not in str(store.drafts.fields(draft_id))
    assert store.drafts.version(draft_id) == 1


def test_original_record_keys_outside_the_model_are_dropped_from_whole_drafts(store):
    app = Application()
    app.original.fields = {"subject.name": "甲公司", "passcode": "123456", "口令": "x"}
    draft_id = store.drafts.create(app)
    assert store.drafts.load(draft_id).original.fields == {"subject.name": "甲公司"}


def test_updated_at_is_aware_utc_and_strictly_increasing_even_with_a_stuck_clock(store):
    draft_id = store.drafts.create()
    times = []
    for i in range(3):
        store.drafts.save_field(draft_id, "notes", str(i))
        times.append(store.drafts.summary(draft_id).updated_at)
    assert all(t.tzinfo is not None and t.utcoffset() == timedelta(0) for t in times)
    assert times[0] < times[1] < times[2]


def test_list_newest_first_with_summary(store, clock):
    a = store.drafts.create(sample_application())
    clock.advance(minutes=1)
    b = store.drafts.create()
    clock.advance(minutes=1)
    store.drafts.save_field(a, "notes", "touched")
    store.drafts.set_problems(a, 3)
    listed = store.drafts.list()
    assert [d.id for d in listed] == [a, b]
    first = listed[0]
    assert first.title == "杭州示例科技有限公司 · example.cn"
    assert (first.flow, first.step, first.status, first.problems) == ("new_access", "documents", "draft", 3)
    assert listed[1].problems is None
    assert first.created_at < first.updated_at


def test_set_problems_validates(store):
    draft_id = store.drafts.create()
    with pytest.raises(ValueError):
        store.drafts.set_problems(draft_id, -1)
    store.drafts.set_problems(draft_id, 0)
    assert store.drafts.summary(draft_id).problems == 0


def test_duplicate_is_independent(store):
    app = sample_application()
    original = store.drafts.create(app)
    copy = store.drafts.duplicate(original)
    assert copy != original
    assert store.drafts.load(copy) == app
    store.drafts.save_field(copy, "subject.name", "复制后的公司")
    assert store.drafts.load(original).subject.name == "杭州示例科技有限公司"
    assert {d.id for d in store.drafts.list()} == {original, copy}


def test_delete_undo_and_purge(store, clock):
    keep = store.drafts.create()
    gone = store.drafts.create(sample_application())
    store.drafts.delete(gone)
    assert [d.id for d in store.drafts.list()] == [keep]
    listed = {d.id: d for d in store.drafts.list(include_deleted=True)}
    assert listed[gone].deleted and listed[gone].deleted_at is not None
    store.drafts.undelete(gone)
    assert {d.id for d in store.drafts.list()} == {keep, gone}

    store.drafts.delete(gone)
    clock.advance(days=1)
    assert store.drafts.purge(older_than_days=2) == 0  # too recent
    assert store.drafts.load(gone).subject.name  # still there, still undoable
    clock.advance(days=2)
    assert store.drafts.purge(older_than_days=2) == 1
    with pytest.raises(DraftNotFound):
        store.drafts.load(gone)
    with pytest.raises(DraftNotFound):
        store.drafts.undelete(gone)
    with store.session() as session:
        assert session.execute(sa.text("select count(*) from draft_fields where draft_id = :d"), {"d": gone}).scalar() == 0
    assert [d.id for d in store.drafts.list(include_deleted=True)] == [keep]


def test_purge_only_selected_ids(store):
    a, b = store.drafts.create(), store.drafts.create()
    store.drafts.delete(a)
    store.drafts.delete(b)
    assert store.drafts.purge(ids=[a]) == 1
    assert [d.id for d in store.drafts.list(include_deleted=True)] == [b]
    live = store.drafts.create()
    assert store.drafts.purge(ids=[live]) == 0  # never purges a draft that is not deleted


@pytest.mark.parametrize("method", ["load", "delete", "undelete", "duplicate", "summary", "fields"])
def test_unknown_id(store, method):
    with pytest.raises(DraftNotFound) as info:
        getattr(store.drafts, method)("0" * 32)
    assert "0000" in str(info.value) and "找不到草稿" in info.value.message.zh


def test_save_unknown_id(store):
    with pytest.raises(DraftNotFound):
        store.drafts.save("f" * 32, Application())
    with pytest.raises(DraftNotFound):
        store.drafts.save_field("f" * 32, "notes", "x")


def test_resolve_prefix(store):
    ids = [store.drafts.create() for _ in range(20)]
    target = ids[0]
    assert store.drafts.resolve(target) == target
    assert store.drafts.resolve(target.upper()[:32]) == target
    unique = next(target[:n] for n in range(1, 33) if sum(i.startswith(target[:n]) for i in ids) == 1)
    assert store.drafts.resolve(unique) == target
    common = {i[0] for i in ids}
    shared = next((c for c in common if sum(i.startswith(c) for i in ids) > 1), None)
    if shared:
        with pytest.raises(AmbiguousDraftId):
            store.drafts.resolve(shared)
    for bad in ("", "%", "_", "xyz", "0" * 33):
        with pytest.raises(DraftNotFound):
            store.drafts.resolve(bad)


@pytest.mark.parametrize("path", ["miit_password", "subject.Password", "answers.备案密码", "original.fields.passwd"])
def test_save_field_rejects_password_paths(store, path):
    draft_id = store.drafts.create()
    with pytest.raises(SecretRejected) as info:
        store.drafts.save_field(draft_id, path, "s3cret-Value")
    assert "password" in str(info.value) and "备案密码" in info.value.message.zh
    assert store.drafts.fields(draft_id) == store.drafts.fields(store.drafts.create())


def test_password_keys_inside_values_are_stripped(store, tmp_path):
    app = sample_application()
    app.original.fields = {"subject.name": "x", "miit_password": "s3cret-Value", "nested": {"Password": "s3cret-Value"}}
    draft_id = store.drafts.create(app)
    store.drafts.save_field(draft_id, "original.fields", {"subject.name": "y", "password": "s3cret-Value"})
    store.drafts.save(draft_id, app)
    assert store.drafts.load(draft_id).original.fields == {"subject.name": "x"}  # "nested" is no model path
    if store.path is None:  # a server: every stored value, as text
        with store.engine.connect() as conn:
            raw = "".join(str(v) for v in conn.execute(sa.text("SELECT value FROM draft_fields")).scalars()).encode()
        store.close()
    else:
        store.close()
        raw = store.path.read_bytes()
        for extra in tmp_path.glob("drafts.sqlite3-*"):
            raw += extra.read_bytes()
    assert b"s3cret-Value" not in raw


@pytest.mark.parametrize("value", [object(), float("nan"), {1: "x"}, b"bytes", {"a": {1, 2}}])
def test_save_field_rejects_non_json(store, value):
    draft_id = store.drafts.create()
    with pytest.raises(InvalidValue):
        store.drafts.save_field(draft_id, "notes", value)


@pytest.mark.parametrize("path", ["", ".", "a..b", "a b", "x" * 300, 5])
def test_save_field_rejects_bad_paths(store, path):
    draft_id = store.drafts.create()
    with pytest.raises(StoreError):
        store.drafts.save_field(draft_id, path, "v")


def test_many_websites_round_trip(store):
    app = Application(websites=[Website(name=f"站点{i}", domains=[f"s{i}.cn"]) for i in range(12)])
    app.progress.status = ProgressStatus.BUREAU_REVIEW
    draft_id = store.drafts.create(app)
    assert store.drafts.load(draft_id) == app
    app.websites = app.websites[:2]
    store.drafts.save(draft_id, app)
    assert store.drafts.load(draft_id) == app
    assert store.drafts.summary(draft_id).status == "bureau_review"


def test_autosaving_list_elements_one_field_at_a_time(store):
    """How the GUI adds a document or a second website: element fields plus the list's count."""
    draft_id = store.drafts.create()
    store.drafts.save_field(draft_id, "documents.0.slot", "principal.resident_id.front")
    store.drafts.save_field(draft_id, "documents.0.sha256", "a" * 64)
    store.drafts.save_field(draft_id, "documents.#", 1)
    store.drafts.save_field(draft_id, "websites.1.domains", ["second.cn"])
    store.drafts.save_field(draft_id, "websites.#", 2)
    app = store.drafts.load(draft_id)
    assert [(d.slot, d.sha256) for d in app.documents] == [("principal.resident_id.front", "a" * 64)]
    assert [w.domains for w in app.websites] == [[], ["second.cn"]]
    assert store.drafts.summary(draft_id).title == "second.cn"
    store.drafts.save(draft_id, app)  # a full save afterwards tidies stale rows (e.g. the old empty list)
    assert "documents" not in store.drafts.fields(draft_id)
    assert store.drafts.load(draft_id) == app


def test_two_stores_on_one_database_write_concurrently(db_url):
    """Two windows (or two app instances) autosaving into the same database wait for each other, never fail."""
    import threading

    url = db_url
    first, second = open_store(url), open_store(url)
    draft_id = first.drafts.create()
    errors: list[BaseException] = []

    def typist(store, field):
        try:
            for i in range(40):
                store.drafts.save_field(draft_id, field, f"{field}-{i}")
                store.drafts.list()
        except BaseException as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=typist, args=(s, f)) for s, f in ((first, "notes"), (second, "contact.email"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert errors == []
        app = second.drafts.load(draft_id)
        assert (app.notes, app.contact.email) == ("notes-39", "contact.email-39")
    finally:
        first.close()
        second.close()
