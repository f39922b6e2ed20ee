"""Engine factory and translation of database errors into bilingual store errors.

SQLite (the default, one file in the user data directory) is opened with

* ``journal_mode=WAL``: readers never block the writer and a killed writer never damages the file;
* ``synchronous=FULL``: a committed autosave survives a power cut, not only a killed process;
* ``foreign_keys=ON`` and a busy timeout, so a second instance waits briefly instead of failing at once;
* ``secure_delete=ON`` (deleted rows are overwritten with zeros, so a purged draft's ID numbers and images do not
  linger in free pages) and ``auto_vacuum=INCREMENTAL`` for new files (a purge gives the space back);
* the database file and its folder are created readable by the owner only (0600 / 0700 on POSIX);
* explicit ``BEGIN`` / ``BEGIN IMMEDIATE`` (the pysqlite driver's implicit transactions are switched off), so that
  write transactions take the write lock up front and never fail half-way with a stale WAL snapshot.

Any other URL (PostgreSQL for a shared office) is passed to SQLAlchemy unchanged.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event, exc
from sqlalchemy.engine import Engine, make_url

from beian_desktop import paths
from beian_desktop.paths import private_dir, private_file
from beian_desktop.store.errors import (
    DatabaseCorrupt,
    DatabaseLocked,
    DatabaseUnavailable,
    StoreError,
)

log = logging.getLogger(__name__)

DEFAULT_BUSY_TIMEOUT = 5.0  # seconds
#: Execution option read by the ``begin`` hook: "IMMEDIATE" for write transactions on SQLite.
SQLITE_BEGIN_OPTION = "beian_sqlite_begin"


def default_url() -> str:
    """URL of the default SQLite file (:func:`beian_desktop.paths.default_database_path`)."""
    return sa.URL.create("sqlite", database=str(paths.default_database_path())).render_as_string(hide_password=False)


def sqlite_file(url: str) -> Path | None:
    """Path of the SQLite database file behind ``url``; ``None`` for in-memory or non-SQLite URLs."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database or ""
    if database in ("", ":memory:") or database.startswith("file:") or parsed.query.get("mode") == "memory":
        return None
    return Path(database)


def create_engine(url: str | None = None, *, busy_timeout: float = DEFAULT_BUSY_TIMEOUT) -> Engine:
    """Create the engine for ``url`` (``None``: the default SQLite file, whose folder is created)."""
    url = url or default_url()
    try:
        parsed = make_url(url)
    except exc.ArgumentError as error:
        raise DatabaseUnavailable(detail=str(error)) from None
    if parsed.get_backend_name() != "sqlite":
        try:
            # a server that does not answer fails within seconds instead of freezing the caller
            connect_args = {"connect_timeout": 5} if parsed.get_backend_name() == "postgresql" else {}
            return sa.create_engine(parsed, pool_pre_ping=True, connect_args=connect_args)
        except (exc.ArgumentError, ImportError) as error:
            raise DatabaseUnavailable(detail=str(error)) from None

    path = sqlite_file(url)
    if path is not None:
        try:
            private_dir(path.parent)
            private_file(path)
        except OSError as error:
            raise DatabaseUnavailable(detail=f"cannot create the folder: {error.strerror}") from None
    engine = sa.create_engine(parsed, connect_args={"timeout": busy_timeout})
    _install_sqlite_hooks(engine, busy_timeout, wal=path is not None)
    return engine


def _install_sqlite_hooks(engine: Engine, busy_timeout: float, *, wal: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # noqa: ANN001 - SQLAlchemy event signature
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (see _on_begin)
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            if wal:
                cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA secure_delete = ON")
            cursor.execute("PRAGMA auto_vacuum = INCREMENTAL")  # takes effect when the file is created
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):  # noqa: ANN001
        mode = connection.get_execution_options().get(SQLITE_BEGIN_OPTION, "")
        connection.exec_driver_sql(f"BEGIN {mode}".strip())


# SQLite result codes (the primary code is the low byte of the extended code the driver reports)
_SQLITE_LOCKED_CODES = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED
_SQLITE_CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_SQLITE_UNAVAILABLE_CODES = {3, 8, 10, 13, 14, 15, 23}  # PERM, READONLY, IOERR, FULL, CANTOPEN, PROTOCOL, AUTH
_SQLITE_ERROR = 1


def translate(error: BaseException) -> StoreError:
    """Map a driver/SQLAlchemy error onto a :class:`StoreError` subclass with a bilingual message, by its type.

    SQLite errors are told apart by their result code (``sqlite_errorcode``), others by the SQLAlchemy exception
    class (``TimeoutError``: the pool or a lock timed out; ``OperationalError``/``InterfaceError`` from a server
    driver: the server cannot be reached). Only the driver's own message goes into ``detail`` (never the statement
    parameters, which hold form values).
    """
    if isinstance(error, StoreError):
        return error
    original = getattr(error, "orig", None) or error
    text = str(original).splitlines()[0] if str(original) else type(original).__name__
    if isinstance(error, exc.TimeoutError):
        return DatabaseLocked(detail=text)
    if isinstance(original, sqlite3.Error):
        code = getattr(original, "sqlite_errorcode", None)
        primary = code & 0xFF if isinstance(code, int) else None
        if primary in _SQLITE_LOCKED_CODES:
            return DatabaseLocked(detail=text)
        if primary in _SQLITE_CORRUPT_CODES:
            return DatabaseCorrupt(detail=text)
        if primary in _SQLITE_UNAVAILABLE_CODES:
            return DatabaseUnavailable(detail=text)
        if primary == _SQLITE_ERROR and isinstance(original, sqlite3.OperationalError) and text.startswith("no such "):
            # SQLITE_ERROR is generic; a missing table or column means a file that is not (or no longer) ours
            return DatabaseCorrupt(detail=text)
        return StoreError(detail=f"{type(original).__name__}: {text}")
    if isinstance(error, (exc.OperationalError, exc.InterfaceError)):
        return DatabaseUnavailable(detail=text)  # e.g. a PostgreSQL server that cannot be reached
    return StoreError(detail=f"{type(original).__name__}: {text}")


#: Exceptions :func:`translate` understands; catch these around every database access.
DATABASE_ERRORS: tuple[type[BaseException], ...] = (exc.SQLAlchemyError, sqlite3.Error)
