"""Fixtures of the privacy tests: a store holding the full sample draft (fields, document pictures, a photo)."""

from __future__ import annotations

import pytest
from privacy_helpers import url_of, fill_sample

from beian_desktop.store import open_store


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "data" / "drafts.sqlite3"


@pytest.fixture
def sample_store(db_path):
    store = open_store(url_of(db_path))
    draft_id = fill_sample(store)
    yield store, draft_id
    store.close()


@pytest.fixture
def no_keyring(monkeypatch):
    """A machine without a usable keyring (headless Linux): keyring's own null backend."""
    import keyring
    from keyring.backends import null

    keyring.set_keyring(null.Keyring())
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
