"""`beian-desktop db upgrade / check / copy / use`: administration of a shared office database, on both backends."""

from __future__ import annotations

import json

import sqlalchemy as sa

from beian_desktop import cli, office
from beian_desktop.domain.model import FileRef
from beian_desktop.sample import sample_application
from beian_desktop.store import migrate, open_store
from fixtures_common import db_url, pg_server  # noqa: F401 - fixtures


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_upgrade_then_check(capsys, db_url):  # noqa: F811
    code, out, _ = run(capsys, "db", "check", "--db", db_url, "--json")
    checks = {c["check"]: c for c in map(json.loads, out.splitlines())}
    assert code == 1 and checks["connect"]["ok"] and not checks["schema"]["ok"]
    assert "db upgrade" in checks["schema"]["messages"]["en"]
    code, out, _ = run(capsys, "--lang", "en", "db", "upgrade", "--db", db_url)
    assert code == 0 and f"upgraded from - to {migrate.head_revision()}" in out
    code, out, _ = run(capsys, "--lang", "en", "db", "upgrade", "--db", db_url)
    assert code == 0 and "already current" in out
    code, out, _ = run(capsys, "--db", db_url, "db", "check")  # --db before the command works too
    assert code == 0 and out.count("✓") == 4 and "✗" not in out
    with open_store(db_url, migrate=False) as store:
        assert store.drafts.list() == []  # the permission check changed nothing


def test_check_of_an_unreachable_server(capsys):
    code, out, _ = run(capsys, "--lang", "en", "db", "check", "--db", "postgresql://nobody@127.0.0.1:1/none")
    assert code == 1 and out.startswith("✗") and "127.0.0.1 cannot be reached" in out


def test_check_reports_missing_permissions(capsys, pg_server):  # noqa: F811
    """A role that may connect but was granted nothing on the tables."""
    import psycopg

    from pg_support import IsolatedSchema

    schema = IsolatedSchema(pg_server)
    try:
        open_store(schema.url).close()
        with psycopg.connect(pg_server, autocommit=True) as conn:
            conn.execute("DROP ROLE IF EXISTS beian_reader")
            conn.execute("CREATE ROLE beian_reader LOGIN")
            conn.execute(f'GRANT USAGE ON SCHEMA "{schema.schema}" TO beian_reader')
            conn.execute(f'GRANT SELECT ON ALL TABLES IN SCHEMA "{schema.schema}" TO beian_reader')
        reader = schema.url.replace("postgres@", "beian_reader@", 1)
        code, out, _ = run(capsys, "--lang", "en", "db", "check", "--db", reader, "--json")
        checks = {c["check"]: c["ok"] for c in map(json.loads, out.splitlines())}
        assert code == 1 and checks == {"connect": True, "schema": True, "permissions": False, "create": False}
    finally:
        schema.drop()
        with psycopg.connect(pg_server, autocommit=True) as conn:
            conn.execute("DROP ROLE IF EXISTS beian_reader")


def _fill(url: str) -> list[str]:
    with open_store(url, station="前台") as store:
        photo = store.blobs.put(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
        app = sample_application()
        app.photo_verification.photo = FileRef(slot="photo", sha256=photo, filename="p.png")
        ids = [store.drafts.create(app), store.drafts.create()]
        store.drafts.set_fields(ids[1], {"notes": "第二份"})
        store.drafts.delete(ids[1])  # deleted drafts move too (they can still be undone)
        store.blobs.put(b"unreferenced, still inside its grace period")
        return ids


def test_copy_between_sqlite_and_postgresql_both_ways(capsys, tmp_path, pg_server):  # noqa: F811
    from pg_support import IsolatedSchema

    local = f"sqlite:///{tmp_path / 'station.sqlite3'}"
    back = f"sqlite:///{tmp_path / 'back.sqlite3'}"
    ids = _fill(local)
    server = IsolatedSchema(pg_server)
    try:
        code, out, err = run(capsys, "--lang", "en", "db", "copy", "--from", local, "--to", server.url)
        assert (code, err) == (0, "") and "Copied 2 drafts and 2 files" in out and "hashes match" in out
        code, _, err = run(capsys, "db", "copy", "--from", server.url, "--to", back)
        assert code == 0, err
        with open_store(local) as a, open_store(server.url) as b, open_store(back) as c:
            for draft_id in ids:
                assert a.drafts.load(draft_id) == b.drafts.load(draft_id) == c.drafts.load(draft_id)
                assert a.drafts.summary(draft_id) == b.drafts.summary(draft_id) == c.drafts.summary(draft_id)
            photo = a.drafts.load(ids[0]).photo_verification.photo.sha256
            assert a.blobs.get(photo) == b.blobs.get(photo) == c.blobs.get(photo)
        # a second copy into a database that now holds drafts is refused, nothing written
        code, _, err = run(capsys, "--lang", "en", "db", "copy", "--from", local, "--to", server.url)
        assert code == 1 and "already holds drafts" in err
    finally:
        server.drop()


def test_a_copy_that_does_not_match_is_refused(capsys, tmp_path, monkeypatch):
    from beian_desktop.store import admin

    source, target = (f"sqlite:///{tmp_path / n}" for n in ("a.sqlite3", "b.sqlite3"))
    _fill(source)
    real = admin.table_digests
    calls = []

    def damaged(engine, cipher=None):
        digests = real(engine, cipher)
        calls.append(1)
        if len(calls) == 2:  # the target's read-back differs
            digests["draft_fields"] = (digests["draft_fields"][0], "0" * 64)
        return digests

    monkeypatch.setattr(admin, "table_digests", damaged)
    code, _, err = run(capsys, "--lang", "en", "db", "copy", "--from", source, "--to", target)
    assert code == 1 and "does not match" in err


def test_use_saves_the_url_without_a_password(capsys):
    code, _, err = run(capsys, "--lang", "en", "db", "use", "postgresql://beian:secret@db.office/beian")
    assert code == 2 and "must not contain a password" in err
    assert not office.OfficeSettings.path().exists()
    code, out, _ = run(capsys, "db", "use", "postgresql://beian@db.office/beian", "--station", "前台")
    assert code == 0 and "前台" in out
    saved = json.loads(office.OfficeSettings.path().read_text(encoding="utf-8"))
    assert saved == {"station": "前台", "database": "postgresql://beian@db.office/beian"}
    assert office.station_name() == "前台"
    from beian_desktop.config import database_url

    assert database_url(None) == "postgresql://beian@db.office/beian"  # the stations' default from now on


def test_password_comes_from_the_keyring_only_in_memory(monkeypatch):
    import keyring
    from keyring.backend import KeyringBackend

    class MemoryKeyring(KeyringBackend):
        priority = 1
        entries: dict = {}

        def set_password(self, service, username, password):
            self.entries[(service, username)] = password

        def get_password(self, service, username):
            return self.entries.get((service, username))

        def delete_password(self, service, username):
            self.entries.pop((service, username), None)

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        monkeypatch.delenv("PGPASSWORD", raising=False)
        office.store_password("postgresql://beian@db.office:5432/beian", "s3cret")
        assert sa.engine.make_url(office.url_with_password("postgresql://beian@db.office:5432/beian")).password == "s3cret"
        assert office.url_with_password("postgresql://other@db.office:5432/beian") == "postgresql://other@db.office:5432/beian"
        monkeypatch.setenv("PGPASSWORD", "from-env")  # libpq reads it itself: the URL stays as given
        assert office.url_with_password("postgresql://beian@db.office:5432/beian") == "postgresql://beian@db.office:5432/beian"
    finally:
        keyring.set_keyring(previous)
