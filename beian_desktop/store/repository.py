"""The draft repository: create, load, autosave, list, duplicate, delete with undo, import and export.

A draft is a row in ``drafts`` plus one row per flat field (:meth:`Application.to_flat`). Saving compares with what is
stored and writes only the rows that changed, so autosaving a keystroke is one small ``UPDATE`` and never touches the
stored images (those live in ``blobs`` and are referenced by hash).

Concurrency is optimistic, by a per-draft integer ``version`` that grows by one with every committed change (field
autosaves, whole-draft saves, ``set_fields``, delete and undelete; not the derived ``problems`` count). Every writer
returns the new version; given ``expected_version`` it first checks that the draft is still at that version and
otherwise raises :class:`DraftConflict` with nothing written. A whole-draft save given the ``base`` it started from
(:meth:`DraftRepository.load_versioned`) writes only the fields it changed, so it can never revert another writer's
fields. The check runs under the write lock (``BEGIN IMMEDIATE`` on SQLite, ``SELECT ... FOR UPDATE`` elsewhere).

Several stations on one server (revision 0005): every field row records the draft version, station, time and edit id
of its last write. :meth:`DraftRepository.set_fields` given ``base_version`` (the version the editor last saw, per
field or for all) refuses only the fields another writer changed after that version (:class:`FieldConflict` naming
the station and the time), so autosaves of different fields never conflict; given ``op_id`` it is idempotent (an edit
replayed after an outage whose first attempt did commit is not applied twice). On PostgreSQL every change sends
``NOTIFY beian_drafts, '<draft id> <version>'`` on commit, for live refresh on the other stations.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from beian_desktop.domain.model import Application
from beian_desktop.store import fields as F
from beian_desktop.store.crypto import FieldDamaged
from beian_desktop.store.errors import (
    AmbiguousDraftId,
    DraftConflict,
    DraftNotFound,
    FieldConflict,
    SecretRejected,
    StoreError,
    UnknownField,
)
from beian_desktop.store.models import Draft, DraftField

if TYPE_CHECKING:
    from beian_desktop.store.store import Store

log = logging.getLogger(__name__)

_ID_PREFIX_RE = re.compile(r"^[0-9a-f]{1,32}$")
#: PostgreSQL channel of change notifications (payload ``"<draft id> <version>"``)
NOTIFY_CHANNEL = "beian_drafts"
_CHUNK = 500


@dataclass(frozen=True, slots=True)
class DraftSummary:
    """One line of the draft list."""

    id: str
    title: str
    flow: str | None
    step: str
    status: str
    problems: int | None
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None
    version: int = 1
    updated_by: str | None = None

    @property
    def deleted(self) -> bool:
        return self.deleted_at is not None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("created_at", "updated_at", "deleted_at"):
            data[key] = data[key].isoformat() if data[key] else None
        data["deleted"] = self.deleted
        return data

    @classmethod
    def from_row(cls, row: Draft) -> "DraftSummary":
        return cls(
            id=row.id,
            title=row.title,
            flow=row.flow,
            step=row.step,
            status=row.status,
            problems=row.problems,
            created_at=row.created_at,
            updated_at=row.updated_at,
            deleted_at=row.deleted_at,
            version=row.version,
            updated_by=row.updated_by,
        )


#: Stands for a stored value that does not decrypt (see :meth:`DraftRepository.damaged_fields`).
DAMAGED = object()


def _same(a: Any, b: Any) -> bool:
    return a is not DAMAGED and b is not DAMAGED and F.canonical(a) == F.canonical(b)


def new_id() -> str:
    return uuid.uuid4().hex


class DraftRepository:
    """Drafts in one :class:`~beian_desktop.store.store.Store`; obtain it as ``store.drafts``."""

    def __init__(self, store: "Store") -> None:
        self._store = store
        self._damaged: dict[str, list[str]] = {}  # draft id -> fields that did not decrypt at the last load

    # ---- create / load -----------------------------------------------------------------------------------------------
    def create(self, app: Application | None = None) -> str:
        """Create a draft (empty, or holding ``app``) and return its id (uuid4 hex)."""
        app = app if app is not None else Application()
        flat = F.prepare_flat(app)
        draft_id = new_id()
        with self._store.session(write=True) as session:
            self._insert(session, draft_id, flat, F.summary_columns(app))
        return draft_id

    def _insert(self, session: Session, draft_id: str, flat: dict[str, Any], columns: dict[str, Any]) -> None:
        now = self._store.now()
        session.add(Draft(id=draft_id, created_at=now, updated_at=now, updated_by=self._store.station, **columns))
        session.flush()
        self._insert_fields(session, draft_id, flat, self._stamp(1, now))

    def _stamp(self, version: int, at: datetime | None = None, op_id: str | None = None) -> dict[str, Any]:
        """The ``changed_*`` columns of a field written by this station in draft ``version``."""
        return {"changed_version": version, "changed_by": self._store.station, "changed_at": at or self._store.now(),
                "changed_op": op_id}

    def _sealed(self, draft_id: str, path: str, value: Any) -> dict[str, Any]:
        """The stored columns of one field: the value (encrypted when sensitive) and its lookup hash."""
        cipher = self._store.cipher
        return {"value": cipher.seal_value(draft_id, path, value), "lookup": cipher.lookup(path, value)}

    def _opened(self, draft_id: str, rows) -> dict[str, Any]:  # noqa: ANN001 - (path, stored value) pairs
        """Decrypted ``{path: value}``; a value that does not decrypt maps to :data:`DAMAGED` (logged by path)."""
        cipher = self._store.cipher
        out: dict[str, Any] = {}
        for path, stored in rows:
            try:
                out[path] = cipher.open_value(draft_id, path, stored)
            except FieldDamaged:
                log.warning("a stored field does not decrypt (damaged or altered): %s", path)
                out[path] = DAMAGED
        return out

    def _insert_fields(self, session: Session, draft_id: str, flat: dict[str, Any], stamp: dict[str, Any]) -> None:
        rows = [{"draft_id": draft_id, "path": p, **self._sealed(draft_id, p, v), **stamp} for p, v in flat.items()]
        for start in range(0, len(rows), _CHUNK):
            session.execute(sa.insert(DraftField), rows[start : start + _CHUNK])

    def load(self, draft_id: str) -> Application:
        """The draft's application; :class:`DraftNotFound` if there is no such draft (deleted drafts still load).

        A field whose stored value does not decrypt (damaged or altered) loads empty, and the rest of the draft
        opens; :meth:`damaged_fields` names such fields (with a clear error for each).
        """
        with self._store.session() as session:
            self._row(session, draft_id)
            flat = self._fields(session, draft_id)
        return Application.from_flat(flat)

    def damaged_fields(self, draft_id: str) -> list[FieldDamaged]:
        """One :class:`FieldDamaged` per field or file of the draft that does not decrypt (empty when all is well)."""
        with self._store.session() as session:
            self._row(session, draft_id)
            flat = self._fields(session, draft_id, keep_damaged=True)
        problems = [FieldDamaged.for_field(path) for path, value in sorted(flat.items()) if value is DAMAGED]
        refs = Application.from_flat({k: v for k, v in flat.items() if v is not DAMAGED}).file_refs()
        for digest in sorted({h for r in refs for h in (r.sha256, r.fixed_sha256) if h}):
            try:
                self._store.blobs.get(digest)
            except FieldDamaged as error:
                problems.append(error)
            except StoreError:
                continue  # a missing file is reported where it is used
        return problems

    def find_by_id_number(self, number: str, *, include_deleted: bool = False) -> list[str]:
        """Ids of the drafts holding ``number`` as an ID/certificate number (by keyed hash; the number is not stored
        in clear)."""
        digest = self._store.cipher.id_number_hash(number)
        query = sa.select(DraftField.draft_id).join(Draft, Draft.id == DraftField.draft_id).where(
            DraftField.lookup == digest)
        if not include_deleted:
            query = query.where(Draft.deleted_at.is_(None))
        with self._store.session() as session:
            return sorted(set(session.execute(query).scalars()))

    def load_versioned(self, draft_id: str) -> tuple[Application, int]:
        """The draft's application and the version it is at, read in one transaction (for a later checked save)."""
        with self._store.session() as session:
            row = self._row(session, draft_id)
            flat = self._fields(session, draft_id)
            return Application.from_flat(flat), row.version

    def version(self, draft_id: str) -> int:
        """The draft's current version (grows by one with every committed change)."""
        with self._store.session() as session:
            return self._row(session, draft_id).version

    def fields(self, draft_id: str) -> dict[str, Any]:
        """The stored flat fields of a draft."""
        with self._store.session() as session:
            self._row(session, draft_id)
            return self._fields(session, draft_id)

    def _fields(self, session: Session, draft_id: str, *, keep_damaged: bool = False) -> dict[str, Any]:
        rows = session.execute(sa.select(DraftField.path, DraftField.value).where(DraftField.draft_id == draft_id))
        flat = self._opened(draft_id, rows)
        self._damaged[draft_id] = sorted(p for p, v in flat.items() if v is DAMAGED)
        return flat if keep_damaged else {p: v for p, v in flat.items() if v is not DAMAGED}

    def damaged_at_last_load(self, draft_id: str) -> list[FieldDamaged]:
        """The fields that did not decrypt when ``draft_id`` was last loaded (no second read: for the GUI)."""
        return [FieldDamaged.for_field(path) for path in self._damaged.get(draft_id, [])]

    def _summary_fields(self, session: Session, draft_id: str) -> dict[str, Any]:
        """Only the stored fields the list columns derive from (:func:`fields.summary_columns`), not the whole draft."""
        rows = session.execute(
            sa.select(DraftField.path, DraftField.value).where(
                DraftField.draft_id == draft_id,
                DraftField.path.in_(F.SUMMARY_FIELDS) | DraftField.path.like("websites.%.domains")
                | DraftField.path.like("answers.%"),
            )
        )
        opened = self._opened(draft_id, rows)
        return {path: value for path, value in opened.items() if F.affects_summary(path) and value is not DAMAGED}

    @staticmethod
    def _row(session: Session, draft_id: str, *, lock: bool = False) -> Draft:
        query = sa.select(Draft).where(Draft.id == draft_id)
        if lock:
            query = query.with_for_update()  # row lock on PostgreSQL; SQLite already holds the write lock
        row = session.execute(query).scalar_one_or_none()
        if row is None:
            raise DraftNotFound.for_id(str(draft_id))
        return row

    # ---- save --------------------------------------------------------------------------------------------------------
    def save(
        self,
        draft_id: str,
        app: Application,
        *,
        base: Application | None = None,
        expected_version: int | None = None,
    ) -> int:
        """Store ``app`` and return the draft's version (unchanged when nothing differed).

        With ``base`` (the application as it was loaded), only the fields that differ between ``base`` and ``app`` are
        written or deleted: fields another writer changed meanwhile stay as they are. Without it, ``app`` replaces
        the whole draft (import, restore). ``expected_version``: raise :class:`DraftConflict`, writing nothing, when
        the draft is no longer at that version. Keys naming a password or unknown to the model are stripped.
        """
        flat = F.prepare_flat(app)
        with self._store.session(write=True) as session:
            row = self._row(session, draft_id, lock=True)
            self._check_version(row, expected_version)
            stored = self._fields(session, draft_id, keep_damaged=True)
            reference = F.prepare_flat(base) if base is not None else stored
            changed = {p: v for p, v in flat.items() if p not in reference or not _same(reference[p], v)}
            vanished = [p for p in reference if p not in flat and p in stored]
            changed = {p: v for p, v in changed.items() if p not in stored or not _same(stored[p], v)}
            stamp = self._stamp(row.version + 1)
            for start in range(0, len(vanished), _CHUNK):
                chunk = vanished[start : start + _CHUNK]
                session.execute(
                    sa.delete(DraftField).where(DraftField.draft_id == draft_id, DraftField.path.in_(chunk))
                )
            for path, value in changed.items():
                if path in stored:
                    session.execute(
                        sa.update(DraftField)
                        .where(DraftField.draft_id == draft_id, DraftField.path == path)
                        .values(**self._sealed(draft_id, path, value), **stamp)
                    )
            self._insert_fields(session, draft_id, {p: v for p, v in changed.items() if p not in stored}, stamp)
            if changed or vanished:
                self._refresh_summary(session, row, draft_id)
                self._touch(session, row, stamp["changed_at"])
            return row.version

    def save_field(self, draft_id: str, path: str, value: Any, *, expected_version: int | None = None,
                   base_version: int | None = None, op_id: str | None = None) -> int:
        """Autosave one flat field (one row upsert); returns the draft's new version.

        Only model paths are accepted (:class:`UnknownField` otherwise); a path naming a password raises
        :class:`SecretRejected`; a value that is not JSON raises ``InvalidValue``. Lists of objects are saved per
        element (``websites.1.name``) together with their count (``websites.#``).
        """
        return self.set_fields(draft_id, {path: value}, expected_version=expected_version, base_version=base_version,
                               op_id=op_id)

    def set_fields(
        self,
        draft_id: str,
        values: dict[str, Any],
        *,
        expected_version: int | None = None,
        base_version: int | Mapping[str, int] | None = None,
        op_id: str | None = None,
    ) -> int:
        """Write several flat fields in one transaction (all or nothing); returns the draft's new version.

        Every path is checked before anything is written (see :meth:`save_field`); unchanged values are not
        rewritten and do not count as a change. ``expected_version``: the whole draft must still be at that version.
        ``base_version`` (one version, or one per path): only a field another writer changed after that version is a
        conflict (:class:`FieldConflict`, nothing written); writing the value already stored is never one.
        ``op_id``: the edit's id; if a field already carries it the edit was applied before and nothing is written.
        """
        prepared: dict[str, Any] = {}
        for path, value in values.items():
            F.check_path(path)
            if F.is_secret_key(path):
                raise SecretRejected(detail="secret-looking field path")
            F.check_known_path(path)
            value = F.check_value(path, F.scrub(value))
            if path == F.ORIGINAL_FIELDS:
                value = F.clean_original(value, strict=True)
            prepared[path] = value
        with self._store.session(write=True) as session:
            row = self._row(session, draft_id, lock=True)
            self._check_version(row, expected_version)
            rows = {
                r.path: r
                for r in session.execute(
                    sa.select(DraftField).where(DraftField.draft_id == draft_id, DraftField.path.in_(list(prepared)))
                ).scalars()
            }
            if op_id is not None and any(r.changed_op == op_id for r in rows.values()):
                return row.version  # this very edit committed before (replay after an outage)
            stored = self._opened(draft_id, [(path, r.value) for path, r in rows.items()])
            changed = {p: v for p, v in prepared.items() if p not in stored or not _same(stored[p], v)}
            if not changed:
                return row.version
            if base_version is not None:
                self._check_fields(row, {p: rows[p] for p in changed if p in rows}, base_version)
            stamp = self._stamp(row.version + 1, op_id=op_id)
            for path, value in changed.items():
                if path not in rows:
                    session.execute(
                        sa.insert(DraftField).values(
                            draft_id=draft_id, path=path, **self._sealed(draft_id, path, value), **stamp
                        )
                    )
                else:
                    session.execute(
                        sa.update(DraftField)
                        .where(DraftField.draft_id == draft_id, DraftField.path == path)
                        .values(**self._sealed(draft_id, path, value), **stamp)
                    )
            if any(F.affects_summary(p) for p in changed):
                self._refresh_summary(session, row, draft_id)
            self._touch(session, row, stamp["changed_at"])
            return row.version

    @staticmethod
    def _check_fields(row: Draft, stored: dict[str, DraftField], base: int | Mapping[str, int]) -> None:
        """:class:`FieldConflict` when one of ``stored`` was written after its base version (the newest writer named)."""
        def base_of(path: str) -> int:
            return base if isinstance(base, int) else int(base.get(path, 0))

        late = [r for p, r in stored.items() if (r.changed_version or 0) > base_of(p)]
        if late:
            newest = max(late, key=lambda r: r.changed_version or 0)
            paths = sorted(r.path for r in late)
            expected = base if isinstance(base, int) else min(base_of(p) for p in paths)
            raise FieldConflict.for_fields(paths, newest.changed_by, newest.changed_at, expected, row.version)

    def changes_since(self, draft_id: str, version: int) -> dict[str, Any]:
        """Fields written after ``version`` (path → value), for a station that shows the draft live."""
        with self._store.session() as session:
            self._row(session, draft_id)
            rows = session.execute(
                sa.select(DraftField.path, DraftField.value).where(
                    DraftField.draft_id == draft_id, DraftField.changed_version > version
                )
            ).all()
            return {p: v for p, v in self._opened(draft_id, rows).items() if v is not DAMAGED}

    def _refresh_summary(self, session: Session, row: Draft, draft_id: str) -> None:
        app = Application.from_flat(self._summary_fields(session, draft_id))
        for key, column in F.summary_columns(app).items():
            setattr(row, key, column)

    def _touch(self, session: Session, row: Draft, at: datetime | None = None) -> None:
        """Count one committed change: the version grows by one, ``updated_at``/``updated_by`` move on; on
        PostgreSQL the other stations are notified when the transaction commits."""
        row.version = (row.version or 0) + 1
        row.updated_at = at or self._store.now()
        row.updated_by = self._store.station
        if session.get_bind().dialect.name == "postgresql":
            session.execute(sa.select(sa.func.pg_notify(NOTIFY_CHANNEL, f"{row.id} {row.version}")))

    def set_problems(self, draft_id: str, count: int | None) -> None:
        """Record how many problems the checks found (shown in the list); does not count as a change."""
        if count is not None and (not isinstance(count, int) or isinstance(count, bool) or count < 0):
            raise ValueError("problems must be a non-negative int or None")
        with self._store.session(write=True) as session:
            self._row(session, draft_id).problems = count

    @staticmethod
    def _check_version(row: Draft, expected: int | None) -> None:
        if expected is not None and row.version != expected:
            raise DraftConflict.for_versions(expected, row.version)

    # ---- list / summary ----------------------------------------------------------------------------------------------
    def list(self, *, include_deleted: bool = False) -> list[DraftSummary]:
        """Summaries, most recently changed first."""
        query = sa.select(Draft).order_by(Draft.updated_at.desc(), Draft.id)
        if not include_deleted:
            query = query.where(Draft.deleted_at.is_(None))
        with self._store.session() as session:
            return [DraftSummary.from_row(r) for r in session.execute(query).scalars()]

    def summary(self, draft_id: str) -> DraftSummary:
        with self._store.session() as session:
            return DraftSummary.from_row(self._row(session, draft_id))

    def resolve(self, prefix: str, *, include_deleted: bool = True) -> str:
        """The full id of the one draft whose id starts with ``prefix`` (case-insensitive hex)."""
        prefix = (prefix or "").strip().lower()
        if not _ID_PREFIX_RE.match(prefix):
            raise DraftNotFound.for_id(prefix[:40])
        query = sa.select(Draft.id).where(Draft.id.like(prefix + "%")).limit(3)
        if not include_deleted:
            query = query.where(Draft.deleted_at.is_(None))
        with self._store.session() as session:
            ids = list(session.execute(query).scalars())
            if len(ids) > 1:
                count = session.execute(
                    sa.select(sa.func.count()).select_from(Draft).where(Draft.id.like(prefix + "%"))
                ).scalar_one()
                raise AmbiguousDraftId.for_prefix(prefix, count)
        if not ids:
            raise DraftNotFound.for_id(prefix)
        return ids[0]

    # ---- duplicate / delete ------------------------------------------------------------------------------------------
    def duplicate(self, draft_id: str) -> str:
        """Copy a draft (fields and list columns; stored files are shared, not copied); returns the new id."""
        copy_id = new_id()
        with self._store.session(write=True) as session:
            row = self._row(session, draft_id)
            now = self._store.now()
            session.add(
                Draft(
                    id=copy_id,
                    title=row.title,
                    flow=row.flow,
                    step=row.step,
                    status=row.status,
                    problems=row.problems,
                    created_at=now,
                    updated_at=now,
                    updated_by=self._store.station,
                )
            )
            session.flush()
            # re-encrypted for the copy: the draft id is part of every value's associated data
            flat = self._fields(session, draft_id)
            self._insert_fields(session, copy_id, flat, self._stamp(1, now))
        return copy_id

    def delete(self, draft_id: str) -> None:
        """Move a draft to the bin (undo with :meth:`undelete`; removed for good by :meth:`purge`)."""
        with self._store.session(write=True) as session:
            row = self._row(session, draft_id)
            if row.deleted_at is None:
                row.deleted_at = self._store.now()
                self._touch(session, row, row.updated_at)

    def undelete(self, draft_id: str) -> None:
        with self._store.session(write=True) as session:
            row = self._row(session, draft_id)
            if row.deleted_at is not None:
                row.deleted_at = None
                self._touch(session, row, row.updated_at)

    def purge(self, *, older_than_days: float = 0, ids: list[str] | None = None) -> int:
        """Hard-delete drafts deleted at least ``older_than_days`` ago (only ``ids`` if given); returns how many.

        Their stored files that no other draft references are removed with them (other unreferenced files after a
        grace period, see :meth:`BlobStore.collect_garbage`). Deleting means deleting: SQLite overwrites freed
        pages (``secure_delete``), and the write-ahead log is checkpointed and truncated and the free pages are
        returned to the file system (:meth:`Store.reclaim_space`), so no ID number or image stays in the file.
        """
        cutoff = self._store.now() - timedelta(days=older_than_days)
        with self._store.session(write=True) as session:
            query = sa.select(Draft.id).where(Draft.deleted_at.is_not(None), Draft.deleted_at <= cutoff)
            if ids is not None:
                query = query.where(Draft.id.in_(list(ids)))
            doomed = list(session.execute(query).scalars())
            files: set[str] = set()
            for start in range(0, len(doomed), _CHUNK):
                chunk = doomed[start : start + _CHUNK]
                files |= self._store.blobs.referenced(session, chunk)
                session.execute(sa.delete(DraftField).where(DraftField.draft_id.in_(chunk)))
                session.execute(sa.delete(Draft).where(Draft.id.in_(chunk)))
            # the purged drafts' own files go now (no grace period: they were stored long ago, by these drafts)
            self._store.blobs.delete_unreferenced(session, files)
        if doomed:
            self._store.blobs.collect_garbage()
            self._store.reclaim_space()
        return len(doomed)

    # ---- import / export ---------------------------------------------------------------------------------------------
    def export_json(self, draft_id: str) -> dict[str, Any]:
        """The draft as a JSON-ready dict with its files (see :mod:`beian_desktop.store.transfer`)."""
        from beian_desktop.store.transfer import export_draft

        return export_draft(self._store, draft_id)

    def import_json(self, data: dict[str, Any]) -> str:
        """Create a new draft from an export; validates the format and every file's hash. Returns the new id."""
        from beian_desktop.store.transfer import import_draft

        return import_draft(self._store, data)

    def insert_in(self, session: Session, app: Application) -> str:
        """Create a draft inside an open write session (used by import); returns its id."""
        flat = F.prepare_flat(app)
        draft_id = new_id()
        self._insert(session, draft_id, flat, F.summary_columns(app))
        return draft_id
