"""Schema migrations, run programmatically with Alembic, and backups before an upgrade.

The migration scripts ship inside the package (``beian_desktop/store/migrations``), so an installed application (or a
PyInstaller bundle) upgrades its own database on start; no ``alembic.ini`` is needed on disk.

:func:`upgrade` takes the write lock first (SQLite ``BEGIN IMMEDIATE``), reads the current revision under that lock,
copies the SQLite file to ``backups/`` next to it with the sqlite3 backup API (consistent even while other readers are
open) and then runs every pending revision in that single transaction: either the whole upgrade happens or none of it,
and two instances starting at once cannot both migrate.
"""

from __future__ import annotations

import functools
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine

from beian_desktop.i18n import Msg
from beian_desktop.paths import private_dir, private_file
from beian_desktop.store.engine import DATABASE_ERRORS, SQLITE_BEGIN_OPTION, sqlite_file, translate
from beian_desktop.store.errors import DatabaseCorrupt, DatabaseTooNew

if TYPE_CHECKING:
    from beian_desktop.store.keys import KeySource

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
BACKUP_DIR_NAME = "backups"
#: Revisions whose databases hold personal data in clear (before ``0004_encrypt``); their backups are shredded.
PLAIN_REVISIONS = frozenset({None, "0001", "0002", "0003"})
DEFAULT_KEEP_BACKUPS = 5

NOT_A_DRAFT_DATABASE = Msg(
    "该文件是数据库，但不是备案接入助手的草稿数据库。",
    "This file is a database, but not a Beian Desktop draft database.",
)


def alembic_config(url: str | None = None) -> Config:
    """An Alembic config pointing at the packaged scripts (no ini file)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


@functools.cache
def script_directory() -> ScriptDirectory:
    """The packaged migration scripts, read once per process (they cannot change while the app runs)."""
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = script_directory().get_current_head()
    assert head is not None
    return head


def all_revisions() -> list[str]:
    """Revision ids from the first to the head."""
    return [s.revision for s in reversed(list(script_directory().walk_revisions()))]


def current_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    except DATABASE_ERRORS as error:
        raise translate(error) from None


def backup_sqlite(database: Path, *, label: str = "", keep: int = DEFAULT_KEEP_BACKUPS) -> Path:
    """Copy ``database`` into ``backups/`` beside it with the sqlite3 backup API; keep the newest ``keep`` copies."""
    folder = private_dir(database.parent / BACKUP_DIR_NAME)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    suffix = f"-{label}" if label else ""
    target = folder / f"{database.stem}-{stamp}{suffix}.sqlite3"
    partial = private_file(target.with_name(target.name + ".partial"))  # the copy holds personal data: 0600
    source = sqlite3.connect(str(database))
    try:
        dest = sqlite3.connect(str(partial))
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    partial.replace(target)
    prune_backups(database, keep=keep)
    log.info("database backed up to %s", target)
    return target


def list_backups(database: Path) -> list[Path]:
    """Backups of ``database``, oldest first."""
    folder = database.parent / BACKUP_DIR_NAME
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{database.stem}-*.sqlite3"))


def prune_backups(database: Path, *, keep: int = DEFAULT_KEEP_BACKUPS) -> None:
    backups = list_backups(database)
    for old in backups[: max(0, len(backups) - keep)]:
        old.unlink(missing_ok=True)


def upgrade(
    engine: Engine,
    revision: str = "head",
    *,
    backup: bool = True,
    keep_backups: int = DEFAULT_KEEP_BACKUPS,
    keys: "KeySource | None" = None,
) -> Path | None:
    """Bring the database to ``revision``; returns the backup file made before changing an existing database.

    A database already at the target is only read (no write lock), so opening works beside a busy writer. ``keys``
    makes or unlocks the data key when the upgrade crosses the encryption revision (default: keyring, else the
    terminal's passphrase). When an existing plain database has just been encrypted, the upgrade is verified (every
    encrypted value decrypts) and the backups made before it, which hold personal data in clear, are securely deleted.
    """
    try:
        if revision == "head":
            with engine.connect() as conn:
                current = MigrationContext.configure(conn).get_current_revision()
            if current is not None and current == head_revision():
                return None
        with _migration_connection(engine) as conn:
            backup_path, encrypted_now = _upgrade(conn, engine, revision, backup=backup, keep_backups=keep_backups,
                                                  keys=keys)
    except DATABASE_ERRORS as error:
        raise translate(error) from None
    if encrypted_now:
        from beian_desktop.store import retention

        database = sqlite_file(engine.url.render_as_string(hide_password=False))
        retention.finish_encryption(engine, keys, database)
        return None if backup_path is not None and not backup_path.exists() else backup_path
    return backup_path


@contextmanager
def _migration_connection(engine: Engine) -> Iterator[Connection]:
    """A connection that takes the write lock at BEGIN and has SQLite foreign keys off while migrating.

    Table rebuilds (Alembic batch mode on SQLite) drop and re-create tables; with foreign keys on, dropping ``drafts``
    would cascade-delete every field. The pragma only works outside a transaction, so it is set before BEGIN and
    :func:`_upgrade` checks ``PRAGMA foreign_key_check`` before committing.
    """
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            conn.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")
        conn.execution_options(**{SQLITE_BEGIN_OPTION: "IMMEDIATE"})
        try:
            yield conn
        finally:
            if sqlite and not conn.invalidated:
                conn.connection.driver_connection.execute("PRAGMA foreign_keys = ON")


def _upgrade(conn: Connection, engine: Engine, revision: str, *, backup: bool, keep_backups: int,
             keys: "KeySource | None") -> tuple[Path | None, bool]:
    sqlite = conn.dialect.name == "sqlite"
    with conn.begin():
        current = MigrationContext.configure(conn).get_current_revision()
        scripts = script_directory()
        if current is not None and current not in {s.revision for s in scripts.walk_revisions()}:
            raise DatabaseTooNew(detail=f"revision {current}")
        if current is None:
            _check_empty_or_ours(conn)
        target = scripts.get_current_head() if revision == "head" else revision
        if current == target:
            return None, False
        plain = PLAIN_REVISIONS
        encrypted_now = current is not None and current in plain and target not in plain  # an existing plain database gets encrypted
        backup_path: Path | None = None
        database = sqlite_file(engine.url.render_as_string(hide_password=False)) if sqlite else None
        if backup and current is not None and database is not None and database.exists():
            backup_path = backup_sqlite(database, label=f"rev{current}", keep=keep_backups)
        _run(conn, command.upgrade, revision, keys=keys)
        log.info("migrated database from %s to %s", current, target)
        return backup_path, encrypted_now


def _run(conn: Connection, action, revision: str, *, keys: "KeySource | None" = None) -> None:  # noqa: ANN001
    config = alembic_config()
    config.attributes["connection"] = conn
    config.attributes["keys"] = keys
    action(config, revision)
    if conn.dialect.name == "sqlite":
        broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise DatabaseCorrupt(detail=f"{len(broken)} foreign key violations after migration")


def _check_empty_or_ours(conn: Connection) -> None:
    tables = set(sa.inspect(conn).get_table_names())
    if tables - {"alembic_version"}:
        raise DatabaseCorrupt(NOT_A_DRAFT_DATABASE, detail="tables without a schema version")


def downgrade(engine: Engine, revision: str, *, keys: "KeySource | None" = None) -> None:
    """Go back to ``revision`` (development and tests; the application itself only upgrades).

    Going below the encryption revision decrypts every value and file (``keys`` unlocks the data key).
    """
    try:
        with _migration_connection(engine) as conn, conn.begin():
            _run(conn, command.downgrade, revision, keys=keys)
    except DATABASE_ERRORS as error:
        raise translate(error) from None
