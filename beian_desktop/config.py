"""Settings read from the command line and the environment, shared by the CLI and the GUI (below both)."""

from __future__ import annotations

import os
from typing import Any

DB_ENV = "BEIAN_DESKTOP_DB"


def database_url(args: Any = None) -> str | None:
    """The URL chosen by ``--db`` (``args.db``), ``BEIAN_DESKTOP_DB`` or the office settings (``office.json``);
    ``None`` means the default SQLite file. A server URL without a password gets the one kept in the OS keyring
    (only in memory, see :func:`beian_desktop.office.url_with_password`)."""
    from beian_desktop.office import load_settings, url_with_password

    url = getattr(args, "db", None) or os.environ.get(DB_ENV) or load_settings().database or None
    return url_with_password(url)
