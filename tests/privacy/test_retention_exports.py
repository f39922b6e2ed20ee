"""Retention (purge-expired, dry run, 0 days for stations), purging really deletes (file, WAL, backups), and exports
that say they hold personal data or are encrypted with a passphrase."""

from __future__ import annotations

import json

import pytest

from beian_desktop import cli
from beian_desktop.store import migrate, open_store, retention
from privacy_helpers import ID_NUMBER, JPEG_HEADER, PHONE, fill_sample, url_of


@pytest.fixture
def clocked(db_path):
    from datetime import datetime, timezone

    class Clock:
        now = datetime(2026, 1, 1, tzinfo=timezone.utc)

        def __call__(self):
            return self.now

    clock = Clock()
    store = open_store(url_of(db_path), clock=clock)
    yield store, clock
    store.close()


def test_retention_defaults_to_180_days_and_is_a_setting_of_the_database(db_path, capsys):
    with open_store(url_of(db_path)) as store:
        assert retention.retention_days(store) == 180
    assert cli.main(["--db", url_of(db_path), "db", "retention", "30"]) == 0
    assert cli.main(["--db", url_of(db_path), "db", "retention"]) == 0
    assert capsys.readouterr().out.split() == ["30", "30"]
    assert cli.main(["--db", url_of(db_path), "db", "retention", "-1"]) == 1


def test_purge_expired_removes_approved_and_deleted_drafts_after_the_retention(clocked, db_path, capsys):
    from datetime import timedelta

    store, clock = clocked
    approved, abandoned, active = fill_sample(store), fill_sample(store), fill_sample(store)
    store.drafts.save_field(approved, "progress.status", "approved")
    store.drafts.delete(abandoned)
    clock.now += timedelta(days=179)
    assert retention.purge_expired(store) == []
    clock.now += timedelta(days=2)
    url = url_of(db_path)
    store.close()

    # the CLI runs with the real clock, later than these drafts' dates plus 180 days
    assert cli.main(["--db", url, "--lang", "en", "drafts", "purge-expired", "--dry-run", "--json"]) == 0
    listed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {d["id"] for d in listed} == {approved, abandoned} and not any(d["purged"] for d in listed)
    with open_store(url) as again:
        assert len(again.drafts.list(include_deleted=True)) == 3  # a dry run deletes nothing
    assert cli.main(["--db", url, "--lang", "en", "drafts", "purge-expired"]) == 0
    assert "2 drafts deleted for good" in capsys.readouterr().out
    with open_store(url) as again:
        assert [d.id for d in again.drafts.list(include_deleted=True)] == [active]


def test_purging_leaves_nothing_in_the_file_the_wal_or_the_backups(db_path):
    with open_store(url_of(db_path)) as store:
        doomed = fill_sample(store)
        store.drafts.save_field(doomed, "subject.name", "待删除的独特公司名称")
        migrate.backup_sqlite(db_path, label="before-purge")
        keep = store.drafts.create()
        store.drafts.save_field(keep, "notes", "kept")
        retention.set_retention_days(store, 0)
        store.drafts.save_field(doomed, "progress.status", "approved")
        assert [e.summary.id for e in retention.purge_expired(store)] == [doomed]
        files = [db_path, db_path.with_name(db_path.name + "-wal"), *migrate.list_backups(db_path)]
        name = "待删除的独特公司名称"
        needles = [name.encode(), json.dumps(name).strip('"').encode(), doomed.encode()]
        for path in files:
            if path.exists():
                data = path.read_bytes()
                assert not [n for n in needles if n in data], path.name
        assert len(migrate.list_backups(db_path)) == 1  # the backup stays, without the purged draft
        assert store.drafts.load(keep).notes == "kept"


def test_a_station_with_0_days_purges_a_draft_once_its_package_is_written(db_path, tmp_path, capsys):
    with open_store(url_of(db_path)) as store:
        draft_id = fill_sample(store)
        retention.set_retention_days(store, 0)
    out = tmp_path / "package.zip"
    assert cli.main(["--db", url_of(db_path), "--lang", "en", "export", draft_id, "--out", str(out),
                     "--allow-draft", "--no-pdf", "--no-checks"]) == 0
    err = capsys.readouterr().err
    assert "personal data" in err and "deleted for good" in err
    with open_store(url_of(db_path)) as store:
        assert store.drafts.list(include_deleted=True) == []


def test_a_plain_json_export_says_it_holds_personal_data(sample_store, db_path, tmp_path, capsys):
    _store, draft_id = sample_store
    out = tmp_path / "draft.json"
    assert cli.main(["--db", url_of(db_path), "--lang", "en", "drafts", "export", draft_id, "--out", str(out)]) == 0
    assert "personal data" in capsys.readouterr().err
    assert ID_NUMBER in out.read_text(encoding="utf-8")


def test_an_encrypted_export_hides_everything_and_imports_with_the_passphrase(sample_store, db_path, tmp_path,
                                                                               monkeypatch, capsys):
    _store, draft_id = sample_store
    out = tmp_path / "draft.beian"
    monkeypatch.setenv("BEIAN_DESKTOP_FILE_PASSPHRASE", "transfer passphrase")
    assert cli.main(["--db", url_of(db_path), "--lang", "en", "drafts", "export", draft_id, "--out", str(out),
                     "--encrypt"]) == 0
    data = out.read_bytes()
    assert data.startswith(b"BEIAN-DESKTOP-ENCRYPTED 1\n")
    assert ID_NUMBER.encode() not in data and PHONE.encode() not in data and b"yunqi" not in data
    capsys.readouterr()

    monkeypatch.setenv("BEIAN_DESKTOP_FILE_PASSPHRASE", "wrong passphrase!")
    assert cli.main(["--db", url_of(db_path), "--lang", "en", "drafts", "import", str(out)]) == 1
    assert "wrong passphrase" in capsys.readouterr().err

    damaged = tmp_path / "damaged.beian"
    damaged.write_bytes(data[:-40] + bytes([data[-40] ^ 1]) + data[-39:])
    monkeypatch.setenv("BEIAN_DESKTOP_FILE_PASSPHRASE", "transfer passphrase")
    assert cli.main(["--db", url_of(db_path), "--lang", "en", "drafts", "import", str(damaged)]) == 1
    assert "altered" in capsys.readouterr().err

    assert cli.main(["--db", url_of(db_path), "--lang", "en", "drafts", "import", str(out)]) == 0
    new_id = capsys.readouterr().out.strip()
    with open_store(url_of(db_path)) as store:
        app = store.drafts.load(new_id)
        assert app.principal.cert_number == ID_NUMBER
        assert store.blobs.get(app.photo_verification.photo.sha256).startswith(JPEG_HEADER)
