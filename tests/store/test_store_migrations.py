"""Alembic migrations: from an empty database, from every earlier revision (with a backup first), atomic upgrades,
models in step with the scripts, and databases that are too new or not ours."""

from __future__ import annotations

import sqlite3

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from beian_desktop.store import DatabaseCorrupt, DatabaseTooNew, StoreError, open_store
from beian_desktop.store import migrate
from beian_desktop.store.engine import create_engine
from beian_desktop.store.models import Base
from store_helpers import sample_application, sqlite_url

EARLIER = migrate.all_revisions()[:-1]


def test_there_is_a_real_upgrade_path():
    revisions = migrate.all_revisions()
    assert revisions[0] == "0001" and len(revisions) >= 2
    assert migrate.head_revision() == revisions[-1]


def test_fresh_database_is_created_at_head_without_backup(tmp_path):
    path = tmp_path / "new.sqlite3"
    with open_store(sqlite_url(path)) as store:
        assert store.revision() == migrate.head_revision()
        assert store.integrity_check() == []
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() > 0
    assert migrate.list_backups(path) == []


def test_models_match_the_migrations(db_url):
    engine = create_engine(db_url)
    migrate.upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    engine.dispose()
    assert diff == []


def _fill_old_database(engine) -> None:
    """Rows using only the columns every revision has (what an older version of the app wrote)."""
    with engine.begin() as conn:
        conn.execute(
            sa.text(
                "insert into drafts (id, title, flow, step, status, created_at, updated_at) "
                "values ('a' || :n, '旧草稿', 'new_access', 'contact', 'draft', '2025-01-02 03:04:05.000000', "
                "'2025-01-02 03:04:06.000000')"
            ),
            [{"n": str(i) * 31} for i in range(3)],
        )
        conn.execute(
            sa.text("insert into draft_fields (draft_id, path, value) values (:d, :p, :v)"),
            [{"d": "a" + str(i) * 31, "p": "subject.name", "v": '"旧公司"'} for i in range(3)]
            + [{"d": "a" + "0" * 31, "p": "websites.0.domains", "v": '["old.cn"]'}],
        )
        conn.execute(
            sa.text("insert into blobs (sha256, size, media_type, data, created_at) values (:h, 1, '', :b, '2025-01-01 00:00:00')"),
            {"h": "ab" * 32, "b": b"x"},
        )


@pytest.mark.parametrize("revision", EARLIER)
def test_upgrade_from_each_earlier_revision_keeps_data_and_backs_up(db_url, revision):
    engine = create_engine(db_url)
    migrate.upgrade(engine, revision)
    _fill_old_database(engine)
    engine.dispose()

    with open_store(db_url) as store:
        assert store.revision() == migrate.head_revision()
        drafts = store.drafts.list()
        assert len(drafts) == 3 and {d.title for d in drafts} == {"旧草稿"}
        first = "a" + "0" * 31
        app = store.drafts.load(first)
        assert app.subject.name == "旧公司" and app.websites[0].domains == ["old.cn"]
        assert store.drafts.summary(first).updated_at.year == 2025
        store.drafts.set_problems(first, 2)  # column added by 0002
        assert store.drafts.summary(first).problems == 2
        store.drafts.save_field(first, "notes", "after upgrade")
        assert store.integrity_check() == []
        path = store.path
    if path is None:
        return  # a server keeps its own backups

    if revision in migrate.PLAIN_REVISIONS:
        # the backup made before the upgrade held personal data in clear: once the encrypted database verified, it
        # is overwritten and deleted (tests/privacy checks the content of the file)
        assert migrate.list_backups(path) == []
    else:  # a backup of an already encrypted database holds only ciphertext: it is kept, as for any upgrade
        assert len(migrate.list_backups(path)) == 1


def test_a_backup_is_made_before_changing_an_old_database(tmp_path, monkeypatch):
    from beian_desktop.store import retention

    monkeypatch.setattr(retention, "finish_encryption", lambda *a, **k: None)  # keep what the upgrade made
    path = tmp_path / "old.sqlite3"
    engine = create_engine(sqlite_url(path))
    migrate.upgrade(engine, EARLIER[-1])
    _fill_old_database(engine)
    engine.dispose()
    open_store(sqlite_url(path)).close()
    backups = migrate.list_backups(path)
    assert len(backups) == 1 and f"rev{EARLIER[-1]}" in backups[0].name
    with sqlite3.connect(backups[0]) as conn:  # the backup is the old database, intact
        assert conn.execute("select version_num from alembic_version").fetchone()[0] == EARLIER[-1]
        assert conn.execute("select count(*) from draft_fields").fetchone()[0] == 4
    conn.close()


def test_downgrade_and_upgrade_again_keep_fields(db_url):
    url = db_url
    with open_store(url) as store:
        draft_id = store.drafts.create(sample_application())
        count = len(store.drafts.fields(draft_id))
        migrate.downgrade(store.engine, EARLIER[0])
        assert store.revision() == EARLIER[0]
        with store.engine.connect() as conn:  # a table rebuild must not cascade-delete the fields
            assert conn.execute(sa.text("select count(*) from draft_fields")).scalar() == count
    with open_store(url) as store:
        assert store.drafts.load(draft_id) == sample_application()
        migrate.downgrade(store.engine, "base")
        with store.engine.connect() as conn:
            assert sa.inspect(conn).get_table_names() == ["alembic_version"]
    with open_store(url) as store:
        assert store.revision() == migrate.head_revision()


def test_a_failing_upgrade_changes_nothing(tmp_path):
    path = tmp_path / "f.sqlite3"
    engine = create_engine(sqlite_url(path))
    migrate.upgrade(engine, "0001")
    _fill_old_database(engine)
    with engine.begin() as conn:  # an index in the way makes revision 0002 fail half-way
        conn.execute(sa.text("create index ix_drafts_updated_at on drafts (updated_at)"))
    engine.dispose()
    with pytest.raises(StoreError):
        open_store(sqlite_url(path))
    with sqlite3.connect(path) as conn:
        assert conn.execute("select version_num from alembic_version").fetchone()[0] == "0001"
        columns = [row[1] for row in conn.execute("pragma table_info(drafts)")]
        assert "problems" not in columns
        assert conn.execute("select count(*) from draft_fields").fetchone()[0] == 4
    conn.close()


def test_backups_keep_only_the_newest(tmp_path):
    path = tmp_path / "k.sqlite3"
    open_store(sqlite_url(path)).close()
    made = [migrate.backup_sqlite(path, label=f"n{i}", keep=3) for i in range(5)]
    assert migrate.list_backups(path) == made[-3:]


def test_database_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "n.sqlite3"
    open_store(sqlite_url(path)).close()
    with sqlite3.connect(path) as conn:
        conn.execute("update alembic_version set version_num = '9999_future'")
    conn.close()
    with pytest.raises(DatabaseTooNew) as info:
        open_store(sqlite_url(path))
    assert "newer version" in str(info.value) and "更新版本" in info.value.message.zh
    assert migrate.list_backups(path) == []


def test_someone_elses_database_is_refused(tmp_path):
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("create table customers (id integer primary key)")
    conn.close()
    with pytest.raises(DatabaseCorrupt) as info:
        open_store(sqlite_url(path))
    assert "not a Beian Desktop draft database" in str(info.value)
    with sqlite3.connect(path) as conn:  # left untouched
        assert [r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")] == ["customers"]
    conn.close()


def test_open_without_migrating_leaves_the_file_alone(tmp_path):
    path = tmp_path / "x.sqlite3"
    with open_store(sqlite_url(path), migrate=False) as store:
        assert store.revision() is None


def test_migrations_render_for_postgresql_without_sqlite_only_sql(capsys):
    """The same scripts must serve a shared PostgreSQL server later: render them offline for that dialect."""
    from alembic import command

    command.upgrade(migrate.alembic_config("postgresql://user:secret@localhost/beian"), "head", sql=True)
    sql = capsys.readouterr().out
    assert "CREATE TABLE drafts" in sql and "TIMESTAMP WITH TIME ZONE" in sql and "BYTEA" in sql
    assert "ALTER TABLE drafts ADD COLUMN problems INTEGER" in sql
    assert "PRAGMA" not in sql and "AUTOINCREMENT" not in sql and "_alembic_tmp" not in sql


def test_in_memory_database_works_for_quick_tools():
    with open_store("sqlite://") as store:
        draft_id = store.drafts.create(sample_application())
        assert store.drafts.load(draft_id) == sample_application()
        assert store.path is None
