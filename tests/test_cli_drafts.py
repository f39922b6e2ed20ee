"""`beian-desktop drafts ...`: list, show, export, import, delete; prefixes, errors and exit codes."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest

from beian_desktop import cli
from beian_desktop.domain.model import Application, FileRef, Flow
from beian_desktop.store import engine as store_engine
from beian_desktop.store import open_store
from fixtures_common import db_url, pg_server  # noqa: F401 - fixtures


def _app(name: str = "杭州示例科技有限公司") -> Application:
    app = Application(flow=Flow.NEW_ACCESS)
    app.subject.name = name
    app.websites[0].domains = ["example.cn"]
    app.original.fields = {"subject.name": name}
    return app


@pytest.fixture
def db(db_url):  # noqa: F811 - every test here runs on an SQLite file and on a PostgreSQL server
    return db_url


@pytest.fixture
def drafts(db):
    with open_store(db) as store:
        first = store.drafts.create(_app())
        digest = store.blobs.put(b"\x89PNG\r\n\x1a\nimage")
        app = _app("上海另一家公司")
        app.photo_verification.photo = FileRef(slot="photo", sha256=digest)
        second = store.drafts.create(app)
    return first, second


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_empty_in_both_languages(capsys, db):
    assert run(capsys, "--db", db, "drafts", "list") == (0, "没有草稿。\n", "")
    assert run(capsys, "--db", db, "--lang", "en", "drafts", "list") == (0, "No drafts.\n", "")


def test_list_text_and_json(capsys, db, drafts):
    first, second = drafts
    code, out, _ = run(capsys, "--db", db, "drafts", "list")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith(second[:8]) and "上海另一家公司 · example.cn" in lines[0]
    assert lines[1].startswith(first[:8])

    code, out, _ = run(capsys, "--db", db, "drafts", "list", "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in rows] == [second, first]
    for key in ("id", "title", "flow", "step", "updated_at", "status", "problems", "deleted"):
        assert key in rows[0]
    assert rows[0]["flow"] == "new_access" and rows[0]["deleted"] is False


def test_database_from_environment(capsys, db, drafts, monkeypatch):
    monkeypatch.setenv("BEIAN_DESKTOP_DB", db)
    code, out, _ = run(capsys, "drafts", "list", "--json")
    assert code == 0 and len(out.splitlines()) == 2


def test_show_by_prefix(capsys, db, drafts):
    first, _ = drafts
    code, out, _ = run(capsys, "--db", db, "drafts", "show", first[:10], "--json")
    assert code == 0
    shown = json.loads(out)
    assert shown["summary"]["id"] == first
    assert Application.from_dict(shown["draft"]) == _app()
    code, out, _ = run(capsys, "--db", db, "drafts", "show", first)
    assert code == 0 and "subject.name: 杭州示例科技有限公司" in out and "password" not in out.lower()


def test_export_import_round_trip(capsys, db, drafts, tmp_path):
    _, second = drafts
    code, out, _ = run(capsys, "--db", db, "drafts", "export", second[:8])
    assert code == 0
    exported = json.loads(out)
    assert exported["format"] == "beian-desktop-draft" and len(exported["files"]) == 1

    target = tmp_path / "out" / "draft.json"
    target.parent.mkdir()
    assert run(capsys, "--db", db, "drafts", "export", second, "--out", str(target))[0] == 0
    other_db = f"sqlite:///{tmp_path / 'other.sqlite3'}"
    code, out, _ = run(capsys, "--db", other_db, "drafts", "import", str(target))
    assert code == 0
    new_id = out.strip()
    with open_store(other_db) as store:
        app = store.drafts.load(new_id)
        assert app.subject.name == "上海另一家公司"
        assert store.blobs.get(app.photo_verification.photo.sha256) == b"\x89PNG\r\n\x1a\nimage"
        # the list knows at once how many problems block the imported draft, counted as everywhere else
        from beian_desktop.export.problems import count_errors, find_problems

        expected = count_errors(find_problems(app, store))
        assert expected > 0 and store.drafts.summary(new_id).problems == expected
    code, out, _ = run(capsys, "--db", other_db, "drafts", "list")
    assert f"  {expected:>3}  上海另一家公司" in out


def test_delete_then_purge(capsys, db, drafts):
    first, second = drafts
    code, out, _ = run(capsys, "--db", db, "drafts", "delete", first[:12])
    assert code == 0 and "回收站" in out
    code, out, _ = run(capsys, "--db", db, "drafts", "list", "--json")
    assert [json.loads(x)["id"] for x in out.splitlines()] == [second]
    code, out, _ = run(capsys, "--db", db, "drafts", "list", "--all", "--json")
    assert {json.loads(x)["id"]: json.loads(x)["deleted"] for x in out.splitlines()} == {first: True, second: False}
    code, out, _ = run(capsys, "--db", db, "--lang", "en", "drafts", "delete", first, "--purge")
    assert code == 0 and "removed for good" in out
    code, out, _ = run(capsys, "--db", db, "drafts", "list", "--all", "--json")
    assert [json.loads(x)["id"] for x in out.splitlines()] == [second]


def test_unknown_and_ambiguous_ids(capsys, db, drafts):
    code, out, err = run(capsys, "--db", db, "--lang", "en", "drafts", "show", "nothex")
    assert (code, out) == (1, "") and "No draft with id nothex" in err
    with open_store(db) as store:  # make an ambiguous prefix certain
        ids = [store.drafts.create() for _ in range(40)]
    prefix = next(c for c in "0123456789abcdef" if sum(i.startswith(c) for i in ids) > 1)
    code, _, err = run(capsys, "--db", db, "--lang", "en", "drafts", "delete", prefix)
    assert code == 1 and "matches" in err


def test_import_errors(capsys, db, tmp_path):
    missing = tmp_path / "nope.json"
    code, _, err = run(capsys, "--db", db, "--lang", "en", "drafts", "import", str(missing))
    assert code == 1 and "File not found" in err
    garbage = tmp_path / "garbage.json"
    garbage.write_text("{not json", encoding="utf-8")
    code, _, err = run(capsys, "--db", db, "drafts", "import", str(garbage))
    assert code == 1 and "不是有效的 JSON" in err
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"format": "other"}), encoding="utf-8")
    code, _, err = run(capsys, "--db", db, "--lang", "en", "drafts", "import", str(wrong))
    assert code == 1 and "Invalid draft file" in err


@pytest.mark.parametrize("argv", [["drafts"], ["drafts", "show"], ["drafts", "list", "--bogus"], ["drafts", "frobnicate"]])
def test_usage_errors_exit_2(capsys, db, argv):
    with pytest.raises(SystemExit) as info:
        cli.main(["--db", db, *argv])
    assert info.value.code == 2


def test_locked_database(capsys, tmp_path, monkeypatch):
    """SQLite only: another program holding the file's write lock."""
    monkeypatch.setattr(store_engine, "DEFAULT_BUSY_TIMEOUT", 0.2)
    db = f"sqlite:///{tmp_path / 'locked.sqlite3'}"
    with open_store(db) as store:
        first = store.drafts.create(_app())
    locker = sqlite3.connect(db.removeprefix("sqlite:///"), isolation_level=None)
    locker.execute("BEGIN IMMEDIATE")
    try:
        code, _, err = run(capsys, "--db", db, "--lang", "en", "drafts", "delete", first)
        assert code == 1 and "locked by another program" in err
        code, _, err = run(capsys, "--db", db, "drafts", "delete", first)
        assert code == 1 and "锁定" in err
    finally:
        locker.rollback()
        locker.close()


def test_corrupt_database_gives_a_message_not_a_traceback(tmp_path):
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"this is not a database" * 100)
    result = subprocess.run(
        [sys.executable, "-m", "beian_desktop", "--db", f"sqlite:///{bad}", "--lang", "en", "drafts", "list"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "damaged" in result.stderr


def test_other_commands_can_extend_drafts(capsys):
    from beian_desktop.commands.drafts import drafts_subparsers

    parser = cli.build_parser()
    extra = drafts_subparsers().add_parser("example-extension")
    extra.set_defaults(func=lambda args: 0)
    args = parser.parse_args(["drafts", "example-extension"])
    assert args.func(args) == 0
