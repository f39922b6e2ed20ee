"""The local edit journal: edits wait here while the shared database server cannot be reached.

An SQLite file next to the settings (:func:`beian_desktop.office.journal_path`, owner-only) holds one row per edit:
its id, the database it belongs to (URL without password), the draft, the field values, the version(s) the edit was
based on, and a state (``pending`` or ``conflict``). :class:`JournaledWriter` is what an editor writes through:

* while the journal holds pending edits for the database, they are replayed first, in the order they were made, so
  a newer edit never overtakes an older one;
* an edit the server did not take because it cannot be reached (:class:`DatabaseUnavailable`) is journaled, and
  the writer reports it as queued (:attr:`JournaledWriter.offline`);
* replay writes each edit with its base version(s) and its id: a field another station changed meanwhile becomes a
  ``conflict`` entry (kept, never dropped: :meth:`JournaledWriter.resolve` writes it or discards it as the user
  chooses), and an edit whose first attempt did commit before the connection broke is recognised by its id and not
  applied twice.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import uuid
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from beian_desktop.paths import private_dir, private_file
from beian_desktop.store.errors import DatabaseUnavailable, FieldConflict

log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS edits (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    op_id TEXT NOT NULL UNIQUE,
    database TEXT NOT NULL,
    draft_id TEXT NOT NULL,
    fields TEXT NOT NULL,
    base TEXT NOT NULL,
    made_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending',
    conflict TEXT NOT NULL DEFAULT ''
)
"""


def database_key(url: str) -> str:
    """The journal's name of a database: its URL without the password."""
    try:
        return make_url(url).set(password=None).render_as_string(hide_password=False)
    except Exception:  # noqa: BLE001 - an odd URL is still a name
        return url


@dataclass(frozen=True)
class Edit:
    seq: int
    op_id: str
    draft_id: str
    fields: dict[str, Any]
    base: int | dict[str, int] | None
    made_at: str
    state: str
    conflict: str


class EditJournal:
    """The journal file (thread-safe; one connection, serialised)."""

    def __init__(self, path: Path) -> None:
        path = Path(path)
        private_dir(path.parent)
        private_file(path)
        self.path = path
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        self._conn.execute("PRAGMA journal_mode = WAL")
        self._conn.execute("PRAGMA synchronous = FULL")
        self._conn.execute(_SCHEMA)

    def add(self, database: str, draft_id: str, fields: dict[str, Any], base: int | dict[str, int] | None,
            op_id: str | None = None) -> str:
        op_id = op_id or uuid.uuid4().hex
        with self._lock:
            self._conn.execute(
                "INSERT OR IGNORE INTO edits (op_id, database, draft_id, fields, base, made_at) VALUES (?, ?, ?, ?, ?, ?)",
                (op_id, database_key(database), draft_id, json.dumps(fields, ensure_ascii=False), json.dumps(base),
                 datetime.now(timezone.utc).isoformat()),
            )
        return op_id

    def edits(self, database: str, state: str | None = "pending", draft_id: str | None = None) -> list[Edit]:
        query = "SELECT seq, op_id, draft_id, fields, base, made_at, state, conflict FROM edits WHERE database = ?"
        params: list[Any] = [database_key(database)]
        if state is not None:
            query += " AND state = ?"
            params.append(state)
        if draft_id is not None:
            query += " AND draft_id = ?"
            params.append(draft_id)
        with self._lock:
            rows = self._conn.execute(query + " ORDER BY seq", params).fetchall()
        return [Edit(r[0], r[1], r[2], json.loads(r[3]), json.loads(r[4]), r[5], r[6], r[7]) for r in rows]

    def has_pending(self, database: str) -> bool:
        with self._lock:
            return self._conn.execute(
                "SELECT 1 FROM edits WHERE database = ? AND state = 'pending' LIMIT 1", (database_key(database),)
            ).fetchone() is not None

    def remove(self, op_id: str) -> None:
        with self._lock:
            self._conn.execute("DELETE FROM edits WHERE op_id = ?", (op_id,))

    def mark_conflict(self, op_id: str, message: str) -> None:
        with self._lock:
            self._conn.execute("UPDATE edits SET state = 'conflict', conflict = ? WHERE op_id = ?", (message, op_id))

    def close(self) -> None:
        with self._lock:
            self._conn.close()


@dataclass
class ReplayResult:
    applied: int = 0
    conflicts: list[tuple[Edit, FieldConflict]] | None = None
    #: (draft id, path) -> the version that wrote it: the editor's new base for that field
    versions: dict[tuple[str, str], int] | None = None


def _base_of(base: int | dict[str, int] | None, path: str) -> int | None:
    if base is None or isinstance(base, int):
        return base
    return int(base.get(path, 0))


class JournaledWriter:
    """Field writes of one station into one store, through the journal when the server cannot be reached."""

    def __init__(self, store, journal: EditJournal) -> None:  # noqa: ANN001 - beian_desktop.store.Store
        self.store = store
        self.journal = journal
        self.offline = False
        self._lock = threading.RLock()

    @property
    def database(self) -> str:
        return self.store.url

    # sensitive values are kept in the journal as they are in the database: encrypted with its data key
    def queue(self, draft_id: str, fields: dict[str, Any], base: int | dict[str, int] | None, op_id: str) -> None:
        cipher = self.store.cipher
        sealed = {p: cipher.seal_value(draft_id, p, v) for p, v in fields.items()}
        self.journal.add(self.database, draft_id, sealed, base, op_id)

    def _edits(self, state: str | None = "pending", draft_id: str | None = None) -> list[Edit]:
        cipher = self.store.cipher
        return [
            replace(edit, fields={p: cipher.open_value(edit.draft_id, p, v) for p, v in edit.fields.items()})
            for edit in self.journal.edits(self.database, state=state, draft_id=draft_id)
        ]

    def write(self, draft_id: str, fields: dict[str, Any], *, base: int | dict[str, int] | None) -> int | None:
        """Write ``fields``; returns the new version, or ``None`` when the edit was queued in the journal.

        Raises :class:`FieldConflict` when another station changed one of the fields after ``base`` (nothing
        written, nothing queued); other store errors pass through.
        """
        op_id = uuid.uuid4().hex
        with self._lock:
            if self.journal.has_pending(self.database):
                try:
                    self.replay()
                except DatabaseUnavailable:
                    self.queue(draft_id, fields, base, op_id)
                    return None
            try:
                version = self.store.drafts.set_fields(draft_id, fields, base_version=base, op_id=op_id)
            except DatabaseUnavailable:
                # the outcome is unknown (the commit may have happened): the id makes a second attempt harmless
                self.queue(draft_id, fields, base, op_id)
                self.offline = True
                log.warning("database unreachable: an edit was queued in the local journal")
                return None
            self.offline = False
            return version

    def replay(self) -> ReplayResult:
        """Write the pending edits in order; raises :class:`DatabaseUnavailable` (the rest stays queued)."""
        result = ReplayResult(conflicts=[], versions={})
        written = result.versions
        with self._lock:
            for edit in self._edits():
                # an earlier queued edit of the same field, written just now, is this station's own: base on it
                base = edit.base
                if base is not None:
                    base = {p: max(_base_of(edit.base, p) or 0, written.get((edit.draft_id, p), 0)) for p in edit.fields}
                try:
                    version = self.store.drafts.set_fields(edit.draft_id, edit.fields, base_version=base,
                                                           op_id=edit.op_id)
                except FieldConflict as conflict:
                    self.journal.mark_conflict(edit.op_id, conflict.message.en)
                    result.conflicts.append((edit, conflict))
                    continue
                except DatabaseUnavailable:
                    self.offline = True
                    raise
                self.journal.remove(edit.op_id)
                for path in edit.fields:
                    written[(edit.draft_id, path)] = version
                result.applied += 1
            self.offline = False
        if result.applied or result.conflicts:
            log.info("journal replayed: %d applied, %d conflicts", result.applied, len(result.conflicts))
        return result

    def conflicts(self, draft_id: str | None = None) -> list[Edit]:
        return self._edits(state="conflict", draft_id=draft_id)

    def resolve(self, op_id: str, *, keep_mine: bool) -> int | None:
        """Settle a conflicting queued edit: ``keep_mine`` writes it over the other change, else it is dropped."""
        with self._lock:
            edit = next((e for e in self._edits(state=None) if e.op_id == op_id), None)
            if edit is None:
                return None
            version = None
            if keep_mine:
                version = self.store.drafts.set_fields(edit.draft_id, edit.fields, op_id=edit.op_id)
            self.journal.remove(op_id)
            return version
