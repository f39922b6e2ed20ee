"""How long personal data is kept, and deleting it for good (drafts, free pages, the WAL and the backups).

* Retention (``store_settings.retention_days``, default 180, shared by every machine using the database): a draft
  whose filing was approved (status ``approved``, counted from its last change) or that was abandoned (moved to the
  bin, counted from then) is purged that many days later. ``0`` (photo stations): purged at the next start, and
  right after its submission package is exported.
* Purging deletes the rows with SQLite's ``secure_delete`` on, checkpoints and truncates the WAL, vacuums, and
  removes the drafts from every backup copy too.
* After a plain database was encrypted in place (revision ``0004_encrypt``), :func:`finish_encryption` verifies that
  everything decrypts and then overwrites and deletes the backups made before, which hold personal data in clear.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from beian_desktop.i18n import Msg
from beian_desktop.store.engine import DATABASE_ERRORS, translate
from beian_desktop.store.errors import InvalidValue
from beian_desktop.store.models import Blob, Draft, DraftField, StoreSetting

if TYPE_CHECKING:
    from beian_desktop.store.keys import KeySource
    from beian_desktop.store.repository import DraftSummary
    from beian_desktop.store.store import Store

log = logging.getLogger(__name__)

RETENTION_SETTING = "retention_days"
DEFAULT_RETENTION_DAYS = 180
MAX_RETENTION_DAYS = 3650
_PLAIN_BACKUP = re.compile(r"-rev(0001|0002|0003)\.sqlite3$")


# ---- secure deletion of files ------------------------------------------------------------------------------------------
def shred(path: Path) -> None:
    """Overwrite a file with zeros, flush it to disk and delete it (with its SQLite ``-wal``/``-shm`` companions).

    On copy-on-write file systems and SSDs the old blocks may survive the overwrite; see the README's threat model.
    """
    for target in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        try:
            size = target.stat().st_size
        except FileNotFoundError:
            continue
        try:
            with open(target, "r+b") as handle:
                chunk = b"\0" * (1 << 20)
                left = size
                while left > 0:
                    left -= handle.write(chunk[: min(left, len(chunk))])
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as error:
            log.warning("could not overwrite a file before deleting it: %s", error.strerror)
        target.unlink(missing_ok=True)


def vacuum(engine: Engine) -> None:
    """SQLite: rebuild the file (no free page keeps old content) and empty the write-ahead log."""
    if engine.dialect.name != "sqlite":
        return
    try:
        raw = engine.raw_connection()  # outside any transaction (the engine's hooks BEGIN every SQLAlchemy one)
        try:
            raw.driver_connection.execute("VACUUM")
            raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        finally:
            raw.close()
    except DATABASE_ERRORS as error:
        log.warning("could not vacuum the database: %s", translate(error).detail)


def finish_encryption(engine: Engine, keys: "KeySource | None", database: Path | None) -> None:
    """After encrypting a plain database: verify, vacuum, then shred the plain backups (kept if verification fails)."""
    from beian_desktop.store.crypto import FieldDamaged, is_sensitive
    from beian_desktop.store.keys import KeySource
    from beian_desktop.store.migrate import list_backups

    keys = keys if keys is not None else KeySource()
    try:
        with engine.connect() as conn:
            _key_id, cipher = keys.unlock(conn)
            for draft_id, path, value in conn.execute(sa.select(DraftField.draft_id, DraftField.path, DraftField.value)):
                if is_sensitive(path):
                    cipher.open_value(draft_id, path, value)
            for (digest,) in conn.execute(sa.select(Blob.sha256)).all():
                cipher.open_blob(digest, bytes(conn.execute(sa.select(Blob.data).where(Blob.sha256 == digest)).scalar_one()))
    except (FieldDamaged, *DATABASE_ERRORS) as error:
        log.error("the encrypted database did not verify (%s); the backups are kept", type(error).__name__)
        return
    vacuum(engine)
    if database is not None:
        for backup in list_backups(database):
            if _PLAIN_BACKUP.search(backup.name):
                shred(backup)
                log.info("securely deleted a backup that held personal data in clear")


# ---- retention -------------------------------------------------------------------------------------------------------
def retention_days(store: "Store") -> int:
    with store.session() as session:
        value = session.get(StoreSetting, RETENTION_SETTING)
    days = value.value if value is not None else None
    return days if isinstance(days, int) and not isinstance(days, bool) and 0 <= days <= MAX_RETENTION_DAYS \
        else DEFAULT_RETENTION_DAYS


def set_retention_days(store: "Store", days: int) -> None:
    if not isinstance(days, int) or isinstance(days, bool) or not 0 <= days <= MAX_RETENTION_DAYS:
        raise InvalidValue(Msg(f"保留天数应为 0 到 {MAX_RETENTION_DAYS} 之间的整数。",
                               f"The retention must be a whole number of days from 0 to {MAX_RETENTION_DAYS}."))
    with store.session(write=True) as session:
        row = session.get(StoreSetting, RETENTION_SETTING)
        if row is None:
            session.add(StoreSetting(name=RETENTION_SETTING, value=days))
        else:
            row.value = days


@dataclass(frozen=True)
class Expired:
    summary: "DraftSummary"
    reason: str  # "approved" | "abandoned"

    def to_json(self) -> dict[str, Any]:
        return {"id": self.summary.id, "title": self.summary.title, "reason": self.reason}


def expired(store: "Store", *, days: int | None = None) -> list[Expired]:
    """Drafts whose retention has run out (approved, or in the bin, for ``days`` or more)."""
    from beian_desktop.store.repository import DraftSummary

    days = retention_days(store) if days is None else days
    cutoff = store.now() - timedelta(days=days)
    out: list[Expired] = []
    with store.session() as session:
        query = sa.select(Draft).where(
            ((Draft.deleted_at.is_not(None)) & (Draft.deleted_at <= cutoff))
            | ((Draft.deleted_at.is_(None)) & (Draft.status == "approved") & (Draft.updated_at <= cutoff))
        ).order_by(Draft.updated_at)
        for row in session.execute(query).scalars():
            out.append(Expired(DraftSummary.from_row(row), "abandoned" if row.deleted_at is not None else "approved"))
    return out


def purge_expired(store: "Store", *, dry_run: bool = False, days: int | None = None) -> list[Expired]:
    """Delete for good every draft whose retention has run out (nothing with ``dry_run``); returns them."""
    doomed = expired(store, days=days)
    if doomed and not dry_run:
        purge_drafts(store, [e.summary.id for e in doomed])
    return doomed


def purge_drafts(store: "Store", ids: list[str]) -> int:
    """Delete these drafts for good, now: from the database (secure delete, vacuum) and from every backup."""
    for draft_id in ids:
        store.drafts.delete(draft_id)
    count = store.drafts.purge(ids=list(ids))
    vacuum(store.engine)
    if store.path is not None:
        purge_from_backups(store.path, ids)
    return count


def purge_from_backups(database: Path, ids: list[str]) -> None:
    """Remove drafts (and the files only they used) from every backup copy of ``database``."""
    from beian_desktop.store.blobs import _collect_hashes
    from beian_desktop.store.migrate import list_backups

    for backup in list_backups(database):
        try:
            conn = sqlite3.connect(str(backup))
            try:
                conn.execute("PRAGMA secure_delete = ON")
                marks = ",".join("?" * len(ids))
                with conn:
                    conn.execute(f"DELETE FROM draft_fields WHERE draft_id IN ({marks})", ids)  # noqa: S608 - placeholders
                    conn.execute(f"DELETE FROM drafts WHERE id IN ({marks})", ids)  # noqa: S608
                    used: set[str] = set()
                    for (value,) in conn.execute(
                        "SELECT value FROM draft_fields WHERE path LIKE '%sha256' OR path = 'documents'"
                    ):
                        _collect_hashes(_json(value), used)
                    for (digest,) in conn.execute("SELECT sha256 FROM blobs").fetchall():
                        if digest not in used:
                            conn.execute("DELETE FROM blobs WHERE sha256 = ?", (digest,))
                conn.execute("VACUUM")
            finally:
                conn.close()
        except sqlite3.Error as error:
            log.warning("could not purge a backup (%s); deleting it instead", type(error).__name__)
            shred(backup)


def _json(value: Any) -> Any:
    import json

    try:
        return json.loads(value) if isinstance(value, str) else value
    except ValueError:
        return None
