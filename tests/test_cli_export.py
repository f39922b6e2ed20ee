"""`beian-desktop export`, `drafts import PACKAGE.zip` and `beian-desktop progress` from the command line."""

from __future__ import annotations

import json
import zipfile

import pytest

from beian_desktop.cli import main
from fixtures_common import db_url, pg_server  # noqa: F401 - fixtures
from tests.export.conftest import attach_documents, complete_application  # noqa: F401 - shared builders


@pytest.fixture
def db(db_url):  # noqa: F811 - every test here runs on an SQLite file and on a PostgreSQL server
    return db_url


def _store(url):
    from beian_desktop.store import open_store

    return open_store(url)


@pytest.fixture
def complete_id(db):
    with _store(db) as store:
        return store.drafts.create(attach_documents(store, complete_application()))


@pytest.fixture
def broken_id(db):
    app = complete_application()
    app.contact.email = "not-an-email"
    with _store(db) as store:
        return store.drafts.create(app)


def test_export_refuses_with_the_problems_then_allows_a_draft_package(db, broken_id, tmp_path, capsys):
    out = tmp_path / "p.zip"
    assert main(["--db", db, "export", broken_id[:8], "--out", str(out), "--no-pdf", "--no-checks"]) == 1
    err = capsys.readouterr().err
    assert "不能导出" in err and "contact.email" in err and "缺少证件" in err
    assert not out.exists()

    assert main(["--db", db, "--lang", "en", "export", broken_id, "--out", str(out), "--no-pdf", "--no-checks",
                 "--allow-draft"]) == 0
    assert "Draft package written" in capsys.readouterr().out
    assert json.loads(zipfile.ZipFile(out).read("manifest.json"))["complete"] is False


def test_export_json_and_import_on_another_database(db, complete_id, tmp_path, capsys, qapp):
    out = tmp_path / "p.zip"
    assert main(["--db", db, "export", complete_id, "--out", str(out), "--json", "--no-checks"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["ok"] and result["complete"] and any(f["path"] == "checklist.pdf" for f in result["files"])

    other = f"sqlite:///{tmp_path / 'other.sqlite3'}"
    assert main(["--db", other, "drafts", "import", str(out)]) == 0
    new_id = capsys.readouterr().out.strip()
    with _store(db) as a, _store(other) as b:
        restored, source = b.drafts.load(new_id).to_dict(), a.drafts.load(complete_id).to_dict()
        for data in (restored, source):  # the pictures come back without metadata, so with other hashes
            for ref in data["documents"] + [data["photo_verification"]["photo"]]:
                ref["sha256"] = ref["fixed_sha256"] = ""
        assert restored == source
        assert b.drafts.summary(new_id).problems == 0  # complete: nothing blocks it, and the list says so at once


def test_importing_a_damaged_package_fails_cleanly(db, complete_id, tmp_path, capsys):
    out = tmp_path / "p.zip"
    assert main(["--db", db, "export", complete_id, "--out", str(out), "--no-pdf", "--no-checks"]) == 0
    capsys.readouterr()
    out.write_bytes(out.read_bytes()[:-100])
    assert main(["--db", db, "drafts", "import", str(out)]) == 1
    err = capsys.readouterr().err
    assert "已损坏或不完整" in err and "Traceback" not in err


def test_progress_records_steps_and_prints_deadlines(db, complete_id, capsys):
    assert main(["--db", db, "progress", complete_id, "--set", "submitted", "--at", "2026-06-01T09:00",
                 "--note", "order 1"]) == 0
    assert main(["--db", db, "progress", complete_id, "--set", "bureau_review", "--at", "2026-06-02T09:00"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "progress", complete_id, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == "bureau_review"
    assert [e["status"] for e in data["attempts"][0]["events"]] == ["submitted", "bureau_review"]
    sms = next(d for d in data["deadlines"] if d["kind"] == "sms")
    assert sms["due"] == "2026-06-03T09:00:00+08:00"

    assert main(["--db", db, "progress", complete_id, "--set", "returned"]) == 1
    assert "退回原因" in capsys.readouterr().err
    assert main(["--db", db, "progress", complete_id, "--set", "draft"]) == 1  # not allowed from bureau review
    capsys.readouterr()
    assert main(["--db", db, "--lang", "en", "progress", complete_id, "--set", "returned", "--note", "photo blurred"]) == 0
    text = capsys.readouterr().out
    assert "Returned" in text and "photo blurred" in text


def test_progress_usage_errors(db, complete_id, capsys):
    assert main(["--db", db, "progress", complete_id, "--note", "x"]) == 2
    with pytest.raises(SystemExit) as exit_:
        main(["--db", db, "progress", complete_id, "--set", "nonsense"])
    assert exit_.value.code == 2
