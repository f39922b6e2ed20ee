"""Settings read from the command line and the environment, shared by the CLI and the GUI (below both)."""

from __future__ import annotations

import os
from typing import Any

DB_ENV = "BEIAN_DESKTOP_DB"


def database_url(args: Any = None) -> str | None:
    """The URL chosen by ``--db`` (``args.db``) or ``BEIAN_DESKTOP_DB``; ``None`` means the default SQLite file."""
    return getattr(args, "db", None) or os.environ.get(DB_ENV) or None
