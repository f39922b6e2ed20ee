"""Several stations on one database: field-level conflicts, station and time of every write, idempotent edits."""

from __future__ import annotations

import pytest

from beian_desktop.store import DraftConflict, FieldConflict, open_store
from fixtures_common import pg_server  # noqa: F401 - fixture
from store_helpers import sample_application


@pytest.fixture
def stations(db_url, clock):
    """The front desk and the photo station, each with its own connection to the same database."""
    desk = open_store(db_url, clock=clock, station="前台")
    photo = open_store(db_url, clock=clock, station="拍照室")
    yield desk, photo
    desk.close()
    photo.close()


def test_autosaves_of_different_fields_never_conflict(stations):
    desk, photo = stations
    draft_id = desk.drafts.create(sample_application())
    base = desk.drafts.version(draft_id)
    desk_base, photo_base = base, base  # each editor's base for its own field: its last write of it
    for i in range(3):  # both stations keep typing without reloading what the other one wrote
        desk_base = desk.drafts.save_field(draft_id, "contact.email", f"desk{i}@example.cn", base_version=desk_base)
        photo_base = photo.drafts.save_field(draft_id, "notes", f"photo {i}", base_version=photo_base)
    app = desk.drafts.load(draft_id)
    assert (app.contact.email, app.notes) == ("desk2@example.cn", "photo 2")
    assert desk.drafts.version(draft_id) == base + 6


def test_the_same_field_changed_by_two_stations_is_a_clear_conflict(stations, clock):
    desk, photo = stations
    draft_id = desk.drafts.create(sample_application())
    base = desk.drafts.version(draft_id)
    clock.advance(minutes=5)
    photo.drafts.save_field(draft_id, "contact.phone", "13700137000", base_version=base)
    with pytest.raises(FieldConflict) as info:
        desk.drafts.save_field(draft_id, "contact.phone", "13600136000", base_version=base)
    conflict = info.value
    assert isinstance(conflict, DraftConflict) and conflict.exit_code == 1
    assert conflict.station == "拍照室" and conflict.paths == ("contact.phone",)
    assert "此草稿已被 拍照室 于 2026-03-02 17:05:00（北京时间）修改" in conflict.message.zh  # 09:05 UTC
    assert "changed by 拍照室 at 2026-03-02 17:05:00 (Beijing time)" in conflict.message.en
    assert desk.drafts.load(draft_id).contact.phone == "13700137000"  # nothing written
    # the same value typed on both stations is no conflict; after seeing the change the desk may write again
    desk.drafts.save_field(draft_id, "contact.phone", "13700137000", base_version=base)
    desk.drafts.save_field(draft_id, "contact.phone", "13600136000", base_version=desk.drafts.version(draft_id))
    assert photo.drafts.load(draft_id).contact.phone == "13600136000"


def test_a_base_per_field_follows_the_station_own_writes(stations):
    """An editor that wrote a field itself bases its next write of it on that write, not on the version it opened."""
    desk, photo = stations
    draft_id = desk.drafts.create()
    opened = desk.drafts.version(draft_id)
    written = desk.drafts.save_field(draft_id, "notes", "a", base_version=opened)
    photo.drafts.save_field(draft_id, "contact.email", "p@example.cn", base_version=opened)
    desk.drafts.set_fields(draft_id, {"notes": "ab"}, base_version={"notes": written})
    with pytest.raises(FieldConflict):
        desk.drafts.set_fields(draft_id, {"notes": "abc", "contact.email": "d@example.cn"},
                               base_version={"notes": written + 2, "contact.email": opened})
    assert desk.drafts.load(draft_id).notes == "ab"  # all or nothing


def test_every_write_records_the_station_and_the_time(stations, clock):
    desk, photo = stations
    draft_id = desk.drafts.create()
    assert desk.drafts.summary(draft_id).updated_by == "前台"
    clock.advance(hours=1)
    photo.drafts.set_fields(draft_id, {"notes": "x", "contact.email": "a@example.cn"})
    summary = desk.drafts.summary(draft_id)
    assert summary.updated_by == "拍照室" and summary.updated_at == clock.now
    with desk.session() as session:
        from beian_desktop.store.models import DraftField

        rows = {r.path: r for r in session.query(DraftField).filter_by(draft_id=draft_id)}
    assert (rows["notes"].changed_by, rows["notes"].changed_at, rows["notes"].changed_version) == (
        "拍照室", clock.now, summary.version)
    assert rows["subject.name"].changed_by == "前台"
    desk.drafts.delete(draft_id)
    assert desk.drafts.summary(draft_id).updated_by == "前台"


def test_an_edit_with_an_id_is_applied_once(stations):
    desk, photo = stations
    draft_id = desk.drafts.create()
    base = desk.drafts.version(draft_id)
    first = desk.drafts.save_field(draft_id, "notes", "once", base_version=base, op_id="a" * 32)
    again = desk.drafts.save_field(draft_id, "notes", "once", base_version=base, op_id="a" * 32)
    assert first == again == base + 1  # the replay is recognised: no second version, no conflict with itself


def test_changes_since_a_version(stations):
    desk, photo = stations
    draft_id = desk.drafts.create(sample_application())
    seen = desk.drafts.version(draft_id)
    photo.drafts.set_fields(draft_id, {"notes": "new", "contact.email": "n@example.cn"})
    assert desk.drafts.changes_since(draft_id, seen) == {"notes": "new", "contact.email": "n@example.cn"}


def test_station_defaults_to_the_setting_then_the_host_name(db_url, monkeypatch):
    import socket

    from beian_desktop import office

    with open_store(db_url) as store:
        assert store.station == socket.gethostname()
    office.save_settings(office.OfficeSettings(station="复核台"))
    with open_store(db_url) as store:
        assert store.station == "复核台"
    monkeypatch.setenv(office.STATION_ENV, "station-7")
    with open_store(db_url) as store:
        assert store.station == "station-7"


def test_every_change_is_announced_on_postgresql(pg_server):  # noqa: F811 - fixture
    """The other stations' live refresh listens for these notifications (sent when the change commits)."""
    import psycopg

    from beian_desktop.store.repository import NOTIFY_CHANNEL
    from pg_support import IsolatedSchema

    schema = IsolatedSchema(pg_server)
    try:
        with open_store(schema.url, station="前台") as store, psycopg.connect(pg_server, autocommit=True) as listener:
            listener.execute(f"LISTEN {NOTIFY_CHANNEL}")
            draft_id = store.drafts.create()
            version = store.drafts.save_field(draft_id, "notes", "x")
            store.drafts.save_field(draft_id, "notes", "x")  # unchanged: no new version, no notification
            payloads = [n.payload for n in listener.notifies(timeout=1.5)]  # all that arrive
            assert payloads == [f"{draft_id} {version}"]
    finally:
        schema.drop()
