"""Fixtures of the store tests: a settable clock and a fresh store on each backend (SQLite file, PostgreSQL schema)."""

from __future__ import annotations

import pytest

from beian_desktop.store import open_store
from fixtures_common import db_url, pg_server  # noqa: F401 - fixtures
from store_helpers import FakeClock


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(db_url, clock):  # noqa: F811 - the fixture above
    s = open_store(db_url, clock=clock)
    yield s
    s.close()
