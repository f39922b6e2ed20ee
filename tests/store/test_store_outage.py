"""The shared server goes away mid-session and comes back: a clear message, edits queued locally, replayed once, in order.

The server is a private PostgreSQL cluster of this test, really stopped and started again.
"""

from __future__ import annotations

import pytest

import pg_support
from beian_desktop.store import DatabaseUnavailable, ServerUnavailable, open_store
from beian_desktop.store.journal import EditJournal, JournaledWriter
from store_helpers import sample_application


@pytest.fixture(scope="module")
def own_server():
    bindir = pg_support.bin_dir()
    if bindir is None:
        pytest.skip(pg_support.NO_SERVER_REASON + " (these tests stop and start their own server)")
    server = pg_support.Cluster(bindir)
    yield server
    server.remove()


@pytest.fixture
def cluster(own_server):
    """The module's own server, running, with a fresh database for this test."""
    if not own_server.running:
        own_server.start()
    own_server.new_database()
    return own_server


def test_edits_made_while_the_server_is_down_are_replayed_once_in_order(cluster, tmp_path):
    desk = open_store(cluster.url, station="前台")
    journal = EditJournal(tmp_path / "journal.sqlite3")
    writer = JournaledWriter(desk, journal)
    try:
        draft_id = desk.drafts.create(sample_application())
        opened = desk.drafts.version(draft_id)
        assert writer.write(draft_id, {"notes": "a"}, base=opened) == opened + 1

        cluster.stop()
        with pytest.raises(ServerUnavailable) as info:
            desk.drafts.load(draft_id)
        assert isinstance(info.value, DatabaseUnavailable) and info.value.exit_code == 1
        assert "无法连接草稿数据库服务器 127.0.0.1" in info.value.message.zh
        assert "cannot be reached" in info.value.message.en and "127.0.0.1" in info.value.message.en
        # the editor goes on typing: every edit is kept in the journal, in order
        for text in ("ab", "abc"):
            assert writer.write(draft_id, {"notes": text}, base=opened + 1) is None
        assert writer.write(draft_id, {"contact.email": "mine@example.cn"}, base=opened) is None
        assert writer.offline and len(journal.edits(desk.url)) == 3

        cluster.start()
        with open_store(cluster.url, migrate=False, station="拍照室") as photo:  # meanwhile another station
            photo.drafts.set_fields(draft_id, {"contact.email": "theirs@example.cn", "contact.phone": "13700137000"})
        result = writer.replay()
        assert result.applied == 2 and len(result.conflicts) == 1
        edit, conflict = result.conflicts[0]
        assert edit.fields == {"contact.email": "mine@example.cn"} and conflict.station == "拍照室"
        app = desk.drafts.load(draft_id)
        assert (app.notes, app.contact.email, app.contact.phone) == ("abc", "theirs@example.cn", "13700137000")
        assert desk.drafts.version(draft_id) == opened + 4  # a, ab, abc and the other station's change: once each
        assert not writer.offline and journal.edits(desk.url) == []
        # the conflicting edit is not lost: it waits for the user's choice
        assert [e.op_id for e in writer.conflicts(draft_id)] == [edit.op_id]
        writer.resolve(edit.op_id, keep_mine=True)
        assert desk.drafts.load(draft_id).contact.email == "mine@example.cn"
        assert writer.conflicts(draft_id) == []
    finally:
        journal.close()
        desk.close()


def test_an_edit_whose_commit_was_not_acknowledged_is_not_applied_twice(cluster, tmp_path):
    """The connection broke after the commit: the edit is queued although it was stored; replay recognises it."""
    store = open_store(cluster.url)
    journal = EditJournal(tmp_path / "journal.sqlite3")
    try:
        draft_id = store.drafts.create()
        base = store.drafts.version(draft_id)
        committed = store.drafts.set_fields(draft_id, {"notes": "once"}, base_version=base, op_id="c" * 32)
        JournaledWriter(store, journal).queue(draft_id, {"notes": "once"}, base, "c" * 32)
        store.drafts.set_fields(draft_id, {"contact.email": "later@example.cn"})  # another change after it
        result = JournaledWriter(store, journal).replay()
        assert (result.applied, result.conflicts) == (1, [])
        assert store.drafts.version(draft_id) == committed + 1
        assert store.drafts.load(draft_id).notes == "once"
    finally:
        journal.close()
        store.close()


def test_a_store_opened_while_the_server_is_down_says_so(cluster):
    cluster.stop()
    with pytest.raises(ServerUnavailable) as info:
        open_store(cluster.url)
    assert "127.0.0.1" in info.value.message.zh


def test_queued_personal_data_is_encrypted_in_the_journal(cluster, tmp_path):
    """The journal next to the settings holds sensitive values as the database does: encrypted."""
    store = open_store(cluster.url)
    journal = EditJournal(tmp_path / "journal.sqlite3")
    try:
        draft_id = store.drafts.create()
        writer = JournaledWriter(store, journal)
        writer.queue(draft_id, {"contact.phone": "13957112345"}, store.drafts.version(draft_id), "d" * 32)
        journal.close()
        raw = b"".join(p.read_bytes() for p in tmp_path.glob("journal.sqlite3*"))
        assert b"13957112345" not in raw
        journal = EditJournal(tmp_path / "journal.sqlite3")
        assert JournaledWriter(store, journal).replay().applied == 1
        assert store.drafts.load(draft_id).contact.phone == "13957112345"
    finally:
        journal.close()
        store.close()
