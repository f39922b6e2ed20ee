"""The keyring path against a real Secret Service (gnome-keyring under dbus-run-session, started by .ci/run).

Skipped where no Secret Service is running (a developer's machine outside CI is never touched: the test only runs
when ``BEIAN_TEST_SECRET_SERVICE=1`` says the service was started for the tests)."""

from __future__ import annotations

import os

import keyring
import pytest

from beian_desktop.store import keys as K
from beian_desktop.store import open_store
from privacy_helpers import ID_NUMBER, fill_sample, url_of

# keyring's Secret Service backend leaves its D-Bus sockets to the garbage collector (collected in this test below)
pytestmark = [pytest.mark.filterwarnings("ignore::ResourceWarning"),
              pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")]


def _secret_service():
    if os.environ.get("BEIAN_TEST_SECRET_SERVICE") != "1":
        pytest.skip("no Secret Service started for the tests (see .ci/run)")
    from keyring.backends import SecretService

    backend = SecretService.Keyring()
    try:
        backend.priority  # noqa: B018 - raises when there is no D-Bus session or no service
        backend.get_password("beian-desktop-test", "probe")
    except Exception as exc:  # noqa: BLE001
        pytest.fail(f"the Secret Service started by .ci/run is not usable: {exc!r}")
    return backend


def test_the_key_is_kept_in_a_real_secret_service(db_path, monkeypatch):
    backend = _secret_service()
    keyring.set_keyring(backend)
    monkeypatch.setattr(K, "terminal_asker", lambda *a: pytest.fail("asked for a passphrase"))
    assert K.keyring_status().usable and "SecretService" in K.keyring_status().name
    with open_store(url_of(db_path)) as store:
        draft_id = fill_sample(store)
        with store.engine.connect() as conn:
            (row,) = K.wrappings(conn)
    account = row["record"]["account"]
    assert row["kind"] == "keyring" and backend.get_password(K.KEYRING_SERVICE, account)
    try:
        with open_store(url_of(db_path)) as store:
            assert store.drafts.load(draft_id).principal.cert_number == ID_NUMBER
    finally:
        backend.delete_password(K.KEYRING_SERVICE, account)
    with pytest.raises(K.KeyNotHere):  # the Secret Service lost it: the recovery message
        open_store(url_of(db_path))
    import gc

    gc.collect()
