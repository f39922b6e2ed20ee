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
