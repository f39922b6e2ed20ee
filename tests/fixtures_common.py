"""Fixtures shared by several test folders; a folder's ``conftest.py`` imports the ones it uses.

(``tests/conftest.py`` itself is kept minimal: user-directory isolation only.)
"""

from __future__ import annotations

import pytest


@pytest.fixture
def store(tmp_path):
    """A fresh SQLite draft store in the test's temporary directory."""
    from beian_desktop.store import open_store

    s = open_store(f"sqlite:///{tmp_path / 'drafts.sqlite3'}")
    yield s
    s.close()


@pytest.fixture(scope="session")
def pg_server():
    """URL of the PostgreSQL server of this run (``BEIAN_TEST_PG_URL`` or a temporary cluster); skip without one."""
    import pg_support

    url = pg_support.server_url()
    if url is None:
        pytest.skip(pg_support.NO_SERVER_REASON)
    yield url
    pg_support.stop_session_cluster()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A fresh, empty database on each backend: an SQLite file, or an own schema on the PostgreSQL server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'drafts.sqlite3'}"
        return
    import pg_support

    schema = pg_support.IsolatedSchema(request.getfixturevalue("pg_server"))
    yield schema.url
    schema.drop()
