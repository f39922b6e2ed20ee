"""The store handle: one engine, the draft repository and the blob store.

No process-global state: every :class:`Store` owns its engine, so tests (and several stations sharing one PostgreSQL
server later) simply open their own.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from beian_desktop.store import engine as engine_module
from beian_desktop.store import migrate as migrations
from beian_desktop.store.blobs import BlobStore
from beian_desktop.store.crypto import Cipher
from beian_desktop.store.keys import KeySource
from beian_desktop.store.engine import (
    DATABASE_ERRORS,
    SQLITE_BEGIN_OPTION,
    create_engine,
    sqlite_file,
    translate,
)
from beian_desktop.store.errors import DatabaseCorrupt, DatabaseUnavailable, ServerUnavailable, StoreError
from beian_desktop.store.models import utcnow
from beian_desktop.store.repository import DraftRepository

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]


class Store:
    """An open draft database. Use :func:`open_store` to get one; close it (or use ``with``) when done."""

    def __init__(
        self, engine: Engine, *, clock: Clock = utcnow, cipher: Cipher | None, key_id: str = "",
        keys: KeySource | None = None, station: str | None = None,
    ) -> None:
        from beian_desktop.office import station_name

        self.engine = engine
        #: the name recorded with every change (``drafts.updated_by``, ``draft_fields.changed_by``)
        self.station: str = (station or station_name())[:100]
        self._cipher = cipher
        self.key_id = key_id
        self.keys = keys
        self.url: str = engine.url.render_as_string(hide_password=False)
        self._clock = clock
        self._last_now: datetime | None = None
        self._now_lock = threading.Lock()
        self.blobs = BlobStore(self)
        self.drafts = DraftRepository(self)

    @property
    def cipher(self) -> Cipher:
        """Encrypts sensitive field values and files (:mod:`beian_desktop.store.crypto`); replaced by ``db rekey``."""
        if self._cipher is None:  # opened with migrate=False before the encryption revision
            raise DatabaseCorrupt(detail="the database has no data key (not migrated)")
        return self._cipher

    @cipher.setter
    def cipher(self, value: Cipher) -> None:
        self._cipher = value

    # ---- time ------------------------------------------------------------------------------------------------------
    def now(self) -> datetime:
        """Current UTC time, strictly increasing within this store (so ``updated_at`` orders every change)."""
        with self._now_lock:
            now = self._clock()
            if self._last_now is not None and now <= self._last_now:
                now = self._last_now + timedelta(microseconds=1)
            self._last_now = now
            return now

    # ---- sessions --------------------------------------------------------------------------------------------------
    @contextmanager
    def session(self, *, write: bool = False) -> Iterator[Session]:
        """A session in one transaction; commits on success. Database errors become :class:`StoreError`.

        Write sessions take the SQLite write lock at ``BEGIN`` (``BEGIN IMMEDIATE``), so they wait for another writer
        (up to the busy timeout) instead of failing half-way.
        """
        try:
            with self.engine.connect() as conn:
                if write:
                    conn.execution_options(**{SQLITE_BEGIN_OPTION: "IMMEDIATE"})
                with Session(bind=conn, expire_on_commit=False) as session, session.begin():
                    yield session
        except DATABASE_ERRORS as error:
            raise self._translate(error) from None

    def _translate(self, error: BaseException) -> StoreError:
        """:func:`translate`, naming the server when a shared database cannot be reached."""
        translated = translate(error)
        if type(translated) is DatabaseUnavailable and self.engine.dialect.name != "sqlite":
            return ServerUnavailable.for_host(self.engine.url.host or "localhost", translated.detail)
        return translated

    # ---- maintenance -----------------------------------------------------------------------------------------------
    @property
    def path(self) -> Path | None:
        """The SQLite file, or ``None`` for other databases."""
        return sqlite_file(self.url)

    def integrity_check(self) -> list[str]:
        """Problems reported by ``PRAGMA integrity_check`` (SQLite; empty list = healthy, always empty elsewhere)."""
        if self.engine.dialect.name != "sqlite":
            return []
        try:
            with self.engine.connect() as conn:
                rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
        except DATABASE_ERRORS as error:
            raise translate(error) from None
        return [] if rows == ["ok"] else rows

    def reclaim_space(self) -> None:
        """After deleting for good (SQLite): checkpoint and truncate the write-ahead log, then return free pages.

        With ``secure_delete`` on, freed pages are zeroed; the checkpoint removes the old page images still in the
        WAL, and the incremental vacuum gives the free pages back (a database created before ``auto_vacuum`` was set
        is converted once with a full ``VACUUM``). Errors (e.g. another reader holding the WAL) are logged, not raised:
        the data is already deleted and zeroed.
        """
        if self.engine.dialect.name != "sqlite":
            return
        try:
            with self.engine.connect() as conn:
                mode = conn.exec_driver_sql("PRAGMA auto_vacuum").scalar()
                if mode != 2:  # NONE or FULL: switch to INCREMENTAL, which needs one VACUUM to take effect
                    conn.exec_driver_sql("PRAGMA auto_vacuum = INCREMENTAL")
                    conn.exec_driver_sql("VACUUM")
                else:
                    conn.exec_driver_sql("PRAGMA incremental_vacuum").fetchall()
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        except DATABASE_ERRORS as error:
            log.warning("could not reclaim free space after a purge: %s", translate(error).detail)

    def revision(self) -> str | None:
        return migrations.current_revision(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.engine.url!r})"


def open_store(
    url: str | None = None,
    *,
    migrate: bool = True,
    busy_timeout: float | None = None,
    clock: Clock = utcnow,
    station: str | None = None,
    keys: KeySource | None = None,
) -> Store:
    """Open (and by default create or upgrade) the draft database at ``url``.

    ``None`` means the SQLite file at :func:`beian_desktop.paths.default_database_path` (its folder is created).
    An existing database at an older revision is first copied to ``backups/`` beside the file. Raises
    :class:`DatabaseLocked`, :class:`DatabaseCorrupt`, :class:`DatabaseTooNew` or :class:`DatabaseUnavailable` with
    a bilingual message. ``busy_timeout`` (seconds) is how long a write waits for another writer's lock.
    ``station``: the name written with every change (default :func:`beian_desktop.office.station_name`).

    ``keys`` unlocks (or, for a new database, makes) the data key: the OS keyring, else a passphrase asked through
    it (default :func:`beian_desktop.store.keys.terminal_asker`: ``BEIAN_DESKTOP_PASSPHRASE`` or a prompt).
    Raises :class:`~beian_desktop.store.keys.KeyUnavailable` (and subclasses) when the key cannot be unlocked.
    """
    keys = keys if keys is not None else KeySource()
    engine = create_engine(url, busy_timeout=engine_module.DEFAULT_BUSY_TIMEOUT if busy_timeout is None else busy_timeout)
    try:
        if migrate:
            migrations.upgrade(engine, keys=keys)
        else:
            _probe(engine)
        key_id, cipher = _unlock(engine, keys) if migrate or _has_keys(engine) else ("", None)
    except StoreError as error:
        if type(error) is DatabaseUnavailable and engine.dialect.name != "sqlite":
            error = ServerUnavailable.for_host(engine.url.host or "localhost", error.detail)
        engine.dispose()
        log.warning("cannot open the draft database: %s (%s)", error.message.en, error.detail)
        raise error from None
    return Store(engine, clock=clock, cipher=cipher, key_id=key_id, keys=keys, station=station)


def _has_keys(engine: Engine) -> bool:
    try:
        with engine.connect() as conn:
            return sa.inspect(conn).has_table("store_keys")
    except DATABASE_ERRORS as error:
        raise translate(error) from None


def _unlock(engine: Engine, keys: KeySource) -> tuple[str, Cipher]:
    try:
        with engine.connect() as conn:
            return keys.unlock(conn)
    except DATABASE_ERRORS as error:
        raise translate(error) from None


def _probe(engine: Engine) -> None:
    """Read the schema once, so that a file that is not a database fails now with a clear error."""
    try:
        with engine.connect() as conn:
            sa.inspect(conn).get_table_names()
    except DATABASE_ERRORS as error:
        raise translate(error) from None
    except Exception as error:  # pragma: no cover - defensive: never a traceback for a bad file
        raise DatabaseCorrupt(detail=type(error).__name__) from None
