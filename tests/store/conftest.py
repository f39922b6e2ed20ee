"""Fixtures of the store tests: a settable clock and a fresh SQLite store that uses it."""

from __future__ import annotations

import pytest

from beian_desktop.store import open_store
from store_helpers import FakeClock, sqlite_url


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(tmp_path, clock):
    s = open_store(sqlite_url(tmp_path / "drafts.sqlite3"), clock=clock)
    yield s
    s.close()
