"""Key handling: the keyring path, the passphrase fallback (wrong, missing, no terminal), refused file keyrings,
a keyring that lost the key, moving the key with export-key/import-key, and rotating it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from beian_desktop import cli
from beian_desktop.store import migrate, open_store
from beian_desktop.store import keys as K
from beian_desktop.store.keyops import export_key, import_key, rekey
from beian_desktop.store.engine import create_engine
from privacy_helpers import ID_NUMBER, PHONE, fill_sample, url_of


def _kinds(store):
    with store.engine.connect() as conn:
        return [row["kind"] for row in K.wrappings(conn)]


def test_with_a_keyring_the_key_is_kept_there_silently(db_path, monkeypatch):
    monkeypatch.setattr(K, "terminal_asker", lambda *a: pytest.fail("asked for a passphrase"))
    with open_store(url_of(db_path)) as store:
        draft_id = fill_sample(store)
        assert _kinds(store) == ["keyring"]
    with open_store(url_of(db_path)) as store:  # a new process would do the same: the keyring unlocks it
        assert store.drafts.load(draft_id).principal.cert_number == ID_NUMBER


def test_without_a_keyring_a_passphrase_protects_the_key(db_path, no_keyring, monkeypatch):
    monkeypatch.setenv(K.PASSPHRASE_ENV, "correct horse battery")
    with open_store(url_of(db_path)) as store:
        draft_id = fill_sample(store)
        assert _kinds(store) == ["passphrase"]
    with open_store(url_of(db_path)) as store:
        assert store.drafts.load(draft_id).principal.mobile == PHONE
    raw = db_path.read_bytes() + db_path.with_name(db_path.name + "-wal").read_bytes() \
        if db_path.with_name(db_path.name + "-wal").exists() else db_path.read_bytes()
    assert b"correct horse battery" not in raw  # never stored

    monkeypatch.setenv(K.PASSPHRASE_ENV, "wrong horse battery")
    with pytest.raises(K.WrongPassphrase) as info:
        open_store(url_of(db_path))
    assert "Wrong passphrase" in info.value.message.en and "口令不正确" in info.value.message.zh

    monkeypatch.delenv(K.PASSPHRASE_ENV)  # no variable, no terminal (the tests' stdin): a clear error, no prompt
    with pytest.raises(K.PassphraseRequired) as info:
        open_store(url_of(db_path))
    assert K.PASSPHRASE_ENV in info.value.message.en


def test_the_cli_says_what_to_do_without_the_passphrase(db_path, no_keyring, monkeypatch, capsys):
    monkeypatch.setenv(K.PASSPHRASE_ENV, "correct horse battery")
    open_store(url_of(db_path)).close()
    monkeypatch.delenv(K.PASSPHRASE_ENV)
    assert cli.main(["--db", url_of(db_path), "--lang", "en", "drafts", "list"]) == 1
    err = capsys.readouterr().err
    assert "BEIAN_DESKTOP_PASSPHRASE" in err and "Traceback" not in err


def test_a_short_new_passphrase_is_refused(db_path, no_keyring, monkeypatch):
    monkeypatch.setenv(K.PASSPHRASE_ENV, "short")
    with pytest.raises(K.PassphraseTooShort):
        open_store(url_of(db_path))


class _AltPlaintext(KeyringBackend):
    """Stands for keyrings.alt's PlaintextKeyring (the package is not installed here): same module name."""

    priority = 0.5
    stored: dict = {}

    def get_password(self, service, username):
        return self.stored.get((service, username))

    def set_password(self, service, username, password):
        self.stored[(service, username)] = password

    def delete_password(self, service, username):
        self.stored.pop((service, username), None)


_AltPlaintext.__module__ = "keyrings.alt.file"


def test_keyrings_alt_file_backends_are_refused(db_path, monkeypatch):
    from keyring.backends.chainer import ChainerBackend

    backend = _AltPlaintext()
    assert K.keyring_status(backend).refused and not K.keyring_status(backend).usable
    keyring.set_keyring(backend)
    monkeypatch.setenv(K.PASSPHRASE_ENV, "correct horse battery")
    with open_store(url_of(db_path)) as store:
        assert _kinds(store) == ["passphrase"]  # fell back to the passphrase ...
    assert _AltPlaintext.stored == {}  # ... and wrote nothing into the file keyring
    monkeypatch.setattr(ChainerBackend, "backends", property(lambda self: [backend]))
    assert K.keyring_status(ChainerBackend()).refused  # also when it is the chainer's first backend


def test_fail_and_null_backends_mean_no_keyring():
    from keyring.backends import fail, null

    assert not K.keyring_status(fail.Keyring()).usable and not K.keyring_status(null.Keyring()).usable
    assert not K.keyring_status(fail.Keyring()).refused


def test_a_keyring_that_lost_the_key_says_how_to_recover_and_import_key_restores_access(db_path, tmp_path, monkeypatch, capsys):
    with open_store(url_of(db_path)) as store:
        draft_id = fill_sample(store)
        exported = export_key(store, "transfer passphrase")
    monkeypatch.setenv("BEIAN_TEST_KEYRING_FILE", str(tmp_path / "other-machine-keyring.json"))  # another machine
    with pytest.raises(K.KeyNotHere) as info:
        open_store(url_of(db_path))
    assert "import-key" in info.value.message.en and "import-key" in info.value.message.zh
    with pytest.raises(K.WrongPassphrase):
        import_key(create_engine(url_of(db_path)), exported, "not the passphrase", K.KeySource())
    key_file = tmp_path / "key.json"
    key_file.write_bytes(exported)
    monkeypatch.setenv("BEIAN_DESKTOP_FILE_PASSPHRASE", "transfer passphrase")
    assert cli.main(["--db", url_of(db_path), "--lang", "en", "db", "import-key", str(key_file)]) == 0
    with open_store(url_of(db_path)) as store:
        assert store.drafts.load(draft_id).principal.cert_number == ID_NUMBER
    assert b"transfer passphrase" not in exported and json.loads(exported)["format"] == "beian-desktop-key"


def test_a_key_file_of_another_database_is_refused(tmp_path):
    with open_store(url_of(tmp_path / "a.sqlite3")) as a:
        exported = export_key(a, "transfer passphrase")
    open_store(url_of(tmp_path / "b.sqlite3")).close()
    with pytest.raises(K.KeyUnavailable) as info:
        import_key(create_engine(url_of(tmp_path / "b.sqlite3")), exported, "transfer passphrase", K.KeySource())
    assert "another draft database" in info.value.message.en


def test_rekey_re_encrypts_everything_and_the_old_key_no_longer_opens_it(db_path, tmp_path):
    from beian_desktop.store.crypto import FieldDamaged

    with open_store(url_of(db_path)) as store:
        draft_id = fill_sample(store)
        old_cipher, old_key = store.cipher, store.key_id
        old_export = export_key(store, "transfer passphrase")
        migrate.backup_sqlite(db_path, label="before-rekey")
        new_key = rekey(store)
        assert new_key != old_key and store.drafts.load(draft_id).principal.cert_number == ID_NUMBER
        with store.engine.connect() as conn:
            import sqlalchemy as sa

            token = conn.execute(sa.text("select value from draft_fields where draft_id = :d and path = "
                                         "'principal.cert_number'"), {"d": draft_id}).scalar_one()
        with pytest.raises(FieldDamaged):
            old_cipher.open_value(draft_id, "principal.cert_number", json.loads(token))
        assert store.drafts.find_by_id_number(ID_NUMBER) == [draft_id]
        assert len(_kinds(store)) == 1
    assert migrate.list_backups(db_path) == []  # encrypted under the old key: securely deleted
    keyring_entries = json.loads(Path(os.environ["BEIAN_TEST_KEYRING_FILE"]).read_text())
    assert len(keyring_entries) == 1  # the old key-encryption key was removed from the keyring
    with open_store(url_of(db_path)) as store:  # a new process opens it with the new key
        assert store.drafts.load(draft_id).principal.mobile == PHONE
    with pytest.raises(K.KeyUnavailable):  # a key exported before the rotation is useless now
        import_key(create_engine(url_of(db_path)), old_export, "transfer passphrase", K.KeySource())


def test_rekey_can_move_the_key_from_the_keyring_to_a_passphrase(db_path, monkeypatch, capsys):
    with open_store(url_of(db_path)) as store:
        draft_id = fill_sample(store)
    monkeypatch.setenv(K.PASSPHRASE_ENV, "correct horse battery")
    assert cli.main(["--db", url_of(db_path), "--lang", "en", "db", "rekey", "--passphrase"]) == 0
    assert "re-encrypted" in capsys.readouterr().out
    with open_store(url_of(db_path)) as store:
        assert _kinds(store) == ["passphrase"] and store.drafts.load(draft_id).principal.mobile == PHONE
