"""A locked database and a damaged file give clear bilingual errors, never a traceback or a silent loss."""

from __future__ import annotations

import os
import sqlite3

import pytest

from beian_desktop.store import DatabaseCorrupt, DatabaseLocked, DatabaseUnavailable, StoreError, open_store
from beian_desktop.store import migrate
from beian_desktop.store.engine import create_engine
from store_helpers import sample_application, sqlite_url


@pytest.fixture
def database(tmp_path):
    path = tmp_path / "drafts.sqlite3"
    with open_store(sqlite_url(path)) as store:
        draft_id = store.drafts.create(sample_application())
    return path, draft_id


@pytest.fixture
def locker(database):
    """Another program holding the write lock."""
    conn = sqlite3.connect(database[0], isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("update drafts set title = title")
    yield conn
    conn.rollback()
    conn.close()


def _assert_bilingual(error: StoreError, en: str, zh: str) -> None:
    assert en in str(error)
    assert zh in error.message.zh
    assert error.message.text("en") == str(error)


def test_locked_database_still_reads_but_refuses_writes_clearly(database, locker):
    path, draft_id = database
    with open_store(sqlite_url(path), busy_timeout=0.2) as store:
        assert store.drafts.load(draft_id) == sample_application()  # WAL: reading works beside a writer
        assert len(store.drafts.list()) == 1
        with pytest.raises(DatabaseLocked) as info:
            store.drafts.save_field(draft_id, "notes", "typed while locked")
        _assert_bilingual(info.value, "locked by another program", "被另一个程序锁定")
        with pytest.raises(DatabaseLocked):
            store.blobs.put(b"photo")
    locker.rollback()
    with open_store(sqlite_url(path)) as store:  # the lock is gone: the same write works
        store.drafts.save_field(draft_id, "notes", "typed after")
        assert store.drafts.load(draft_id).notes == "typed after"


def test_opening_an_old_database_that_is_locked(tmp_path):
    path = tmp_path / "old.sqlite3"
    engine = create_engine(sqlite_url(path))
    migrate.upgrade(engine, "0001")
    engine.dispose()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseLocked):
            open_store(sqlite_url(path), busy_timeout=0.2)
    finally:
        conn.rollback()
        conn.close()
    with open_store(sqlite_url(path)) as store:
        assert store.revision() == migrate.head_revision()


@pytest.mark.parametrize("content", [b"hello, this is a text file\n" * 10, os.urandom(3 * 4096), b"SQLite format 3\x00" + b"\xff" * 200])
def test_file_that_is_not_a_database(tmp_path, content):
    path = tmp_path / "drafts.sqlite3"
    path.write_bytes(content)
    with pytest.raises(DatabaseCorrupt) as info:
        open_store(sqlite_url(path))
    _assert_bilingual(info.value, "damaged", "已损坏")
    assert path.read_bytes() == content  # never "repaired" by overwriting


def test_damaged_pages_are_reported(database):
    path, draft_id = database
    with open_store(sqlite_url(path)) as store:  # enough rows to span several pages
        for _ in range(30):
            store.drafts.duplicate(draft_id)
    assert not path.with_name(path.name + "-wal").exists() or path.with_name(path.name + "-wal").stat().st_size == 0
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page:] = b"\xab" * (len(data) - page)  # keep page 1 (the header), destroy the rest
    path.write_bytes(bytes(data))
    with pytest.raises(DatabaseCorrupt) as info:
        with open_store(sqlite_url(path)) as store:
            store.drafts.list()
    _assert_bilingual(info.value, "damaged", "已损坏")


def test_integrity_check_reports_problems(tmp_path):
    path = tmp_path / "drafts.sqlite3"
    with open_store(sqlite_url(path)) as store:
        for _ in range(40):
            store.drafts.create(sample_application())
    conn = sqlite3.connect(path)  # wipe the cells of an index page: the index then disagrees with its table
    root = conn.execute("select rootpage from sqlite_master where name = 'ix_drafts_updated_at'").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    start = (root - 1) * page
    data[start + 100 : start + page] = b"\x00" * (page - 100)
    path.write_bytes(bytes(data))
    with open_store(sqlite_url(path), migrate=False) as store:
        assert store.integrity_check() != []


def test_unreachable_database(tmp_path):
    folder = tmp_path / "is-a-file"
    folder.write_text("x")
    with pytest.raises(DatabaseUnavailable) as info:
        open_store(sqlite_url(folder / "drafts.sqlite3"))
    assert "cannot be opened" in str(info.value) or "Check" in str(info.value)


def test_bad_url():
    with pytest.raises(DatabaseUnavailable):
        open_store("not a url at all")
    with pytest.raises(DatabaseUnavailable):
        open_store("nosuchdialect://x/y")
