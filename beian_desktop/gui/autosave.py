"""Autosave: every edit reaches the database shortly after it is made, without a "Save" button.

Edits are collected per field path and written after a short pause (debounce, :data:`DELAY_MS`) with
``store.drafts.save_field`` — one row per field, so a keystroke never rewrites a photo. Pending edits are also written
immediately when the page, the draft or the window changes (:meth:`Autosave.flush`). A crash or kill therefore loses
at most the last fraction of a second of typing.

Concurrent writers (several stations on one database): every field edit is written with its base version, the
version of the draft this window last showed for that field (the version it loaded or refreshed to, or its own last
write of the field). Edits of fields nobody else touched never conflict. When another station changed the same field
after that base, the store refuses (:class:`~beian_desktop.store.FieldConflict`, nothing written), the edits are kept
aside and :attr:`Autosave.conflict` tells the window, which shows a non-modal banner; the user's answer comes back
through :meth:`Autosave.resolve_conflict`: :data:`RELOAD` drops them (the window then shows the stored draft),
:data:`KEEP_MINE` writes them over the other change (only the fields edited here). Nothing is dropped without that
answer; edits of other fields go on being saved meanwhile.

Outages: with a :class:`~beian_desktop.store.journal.JournaledWriter`, edits the server could not take are queued in
the local journal (state ``"offline"``) and replayed in order by :meth:`Autosave.replay` when it is back.
"""

from __future__ import annotations

import logging
from typing import Any, Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from beian_desktop.errors import message_of
from beian_desktop.i18n import Msg

OFFLINE = Msg("数据库服务器无法连接：修改已暂存在本机，恢复后自动写入。",
              "The database server cannot be reached: edits are kept on this computer and written when it is back.")

log = logging.getLogger(__name__)

DELAY_MS = 300

RELOAD = "reload"
KEEP_MINE = "keep_mine"

_NONE_PENDING = object()  # no problem count waiting to be written (``None`` itself means "unknown")


class DraftRepository(Protocol):  # the part of ``store.drafts`` autosave needs
    def set_fields(self, draft_id: str, values: dict[str, Any], *, expected_version: int | None = None) -> int: ...

    def set_problems(self, draft_id: str, count: int | None) -> None: ...


class Autosave(QObject):
    """Debounced writer of field edits for one draft at a time."""

    #: "pending", "saved", "offline" (queued in the local journal) or "error"; the message (Msg or None) explains
    state_changed = Signal(str, object)
    #: (draft id, DraftConflict): the same field changed elsewhere; answer with :meth:`resolve_conflict` (any time)
    conflict = Signal(str, object)

    def __init__(self, drafts: DraftRepository, delay_ms: int = DELAY_MS, parent: QObject | None = None,
                 writer=None) -> None:  # noqa: ANN001 - a JournaledWriter, or None (no offline queue)
        super().__init__(parent)
        self._drafts = drafts
        self._writer = writer
        self._draft_id: str | None = None
        self._version: int | None = None
        self._seen: int | None = None  # the version of the draft as the window last showed it
        self._bases: dict[str, int] = {}  # per field: a base other than ``_seen`` (own writes, fields kept local)
        self._conflicted: dict[str, Any] = {}  # edits refused by a conflict, waiting for the user's answer
        self._conflict_ops: list[str] = []  # queued (journal) edits in conflict, waiting for the same answer
        self._choice: str | None = None
        self.offline = False
        self._pending: dict[str, Any] = {}
        self._problems: object = _NONE_PENDING
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        self.last_error = None

    @property
    def draft_id(self) -> str | None:
        return self._draft_id

    @property
    def version(self) -> int | None:
        """The newest version of the draft this window knows of (``None``: not checked)."""
        return self._version

    @property
    def seen(self) -> int | None:
        """The version of the draft as this window last showed it (live refresh fetches what changed after it)."""
        return self._seen

    def base(self, path: str) -> int | None:
        """The version an edit of ``path`` is based on (``None``: unchecked)."""
        return self._bases.get(path, self._seen) if self._seen is not None else None

    def local_paths(self) -> set[str]:
        """Fields edited here and not yet written (pending or in conflict): a refresh must not overwrite them."""
        return set(self._pending) | set(self._conflicted)

    def set_draft(self, draft_id: str | None, version: int | None = None) -> None:
        """Write what is pending for the previous draft, then follow ``draft_id`` (loaded at ``version``)."""
        self.flush()
        if self._pending or self._conflicted:  # never carry edits of one draft into another
            log.warning("autosave: %d unsaved edits dropped when leaving a draft",
                        len(self._pending) + len(self._conflicted))
            self._pending = {}
        self._conflicted, self._conflict_ops = {}, []
        self._draft_id = draft_id
        self._version = self._seen = version
        self._bases = {}

    def refreshed(self, version: int, kept_local: set[str]) -> None:
        """The window now shows the stored draft at ``version``, except ``kept_local`` (edited here, still unsaved:
        those stay based on what the window had seen before)."""
        if self._seen is None or version <= self._seen:
            return
        for path in kept_local:
            self._bases[path] = self.base(path)  # type: ignore[assignment]
        self._bases = {p: b for p, b in self._bases.items() if p in kept_local or b > version}
        self._seen = version
        self._version = max(self._version or 0, version)

    def resolve_conflict(self, choice: str) -> bool:
        """The answer to :attr:`conflict`: :data:`RELOAD` drops the edits kept aside, :data:`KEEP_MINE` writes them
        over the other change. Returns False when writing failed (they stay aside)."""
        self._choice = choice
        conflicted, ops = self._conflicted, self._conflict_ops
        if not conflicted and not ops:
            return True
        draft_id = self._draft_id
        try:
            for op_id in ops:
                self._writer.resolve(op_id, keep_mine=choice == KEEP_MINE)
            self._conflict_ops = []
            if choice == KEEP_MINE and conflicted and draft_id is not None:
                version = self._drafts.set_fields(draft_id, conflicted)
                self._wrote(conflicted, version)
        except Exception as exc:  # noqa: BLE001 - stays aside, the user is told
            self.last_error = message_of(exc)
            self.state_changed.emit("error", self.last_error)
            return False
        self._conflicted = {}
        self.last_error = None
        self.state_changed.emit("saved", None)
        return True

    def replay(self):  # noqa: ANN201 - ReplayResult | None
        """The server is back: write the queued edits (in order). Conflicting ones are reported by :attr:`conflict`."""
        if self._writer is None:
            return None
        try:
            result = self._writer.replay()
        except Exception as exc:  # noqa: BLE001 - still unreachable: stay offline
            self.last_error = message_of(exc)
            return None
        self.offline = False
        for (draft_id, path), version in (result.versions or {}).items():
            if draft_id == self._draft_id:
                self._bases[path] = max(self._bases.get(path, 0), version)
                self._version = max(self._version or 0, version)
        for edit, conflict in result.conflicts or []:
            if edit.draft_id == self._draft_id:
                self._conflict_ops.append(edit.op_id)
                self.conflict.emit(edit.draft_id, conflict)
        self.state_changed.emit("saved", None)
        if self._pending:
            self.flush()
        return result

    def field_changed(self, path: str, value: Any) -> None:
        if self._draft_id is None:
            return
        self._pending[path] = value
        self._timer.start()
        self.state_changed.emit("pending", None)

    def problems_changed(self, count: int | None) -> None:
        """The number of blocking problems (``None``: unknown) is written with the next save (draft list column)."""
        if self._draft_id is None:
            return
        self._problems = count
        self._timer.start()

    def has_pending(self) -> bool:
        return bool(self._pending) or self._problems is not _NONE_PENDING

    def flush(self) -> bool:
        """Write every pending edit now. Returns False (and keeps them pending) when the database refused."""
        self._timer.stop()
        if self._draft_id is None or not self.has_pending():
            return True
        # here the store is open, so its modules are loaded; importing them with this module would put SQLAlchemy
        # and Alembic (about 0.4 s) on the GUI thread before the window is shown
        from beian_desktop.store.errors import DraftConflict

        draft_id = self._draft_id
        pending, self._pending = self._pending, {}
        problems, self._problems = self._problems, _NONE_PENDING
        try:
            try:
                queued = self._write(draft_id, pending, problems)
            except DraftConflict as conflict:
                # kept aside until the user answers (banner); newer edits of the same fields join them
                self._conflicted.update(pending)
                for path in list(self._pending):
                    if path in self._conflicted:
                        self._conflicted[path] = self._pending.pop(path)
                self.last_error = message_of(conflict)
                self.state_changed.emit("conflict", self.last_error)
                self.conflict.emit(draft_id, conflict)
                return False
            if queued:
                self.offline = True
                self.last_error = OFFLINE
                self.state_changed.emit("offline", OFFLINE)
                return True
            self.offline = False
        except Exception as exc:  # noqa: BLE001 - the user must learn about it; retry later
            log.warning("autosave failed: %s", type(exc).__name__)
            # keep what was not saved; newer edits made meanwhile win
            self._pending = {**pending, **self._pending}
            if problems is not _NONE_PENDING and self._problems is _NONE_PENDING:
                self._problems = problems
            self.last_error = message_of(exc)
            self.state_changed.emit("error", self.last_error)
            self._timer.start(2000)
            return False
        if self._conflicted:  # the rest is saved; the fields in conflict still wait for the user's answer
            self.state_changed.emit("conflict", self.last_error)
            return True
        self.last_error = None
        self.state_changed.emit("saved", None)
        return True

    def _write(self, draft_id: str, pending: dict[str, Any], problems: object) -> bool:
        """Write ``pending``; True when the edits were queued in the local journal (server unreachable)."""
        for path in [p for p in pending if p in self._conflicted]:  # waits with the conflict for the user's answer
            self._conflicted[path] = pending.pop(path)
        if pending:
            base = {p: self.base(p) for p in pending} if self._seen is not None else None
            if self._writer is not None:
                version = self._writer.write(draft_id, pending, base=base)
                if version is None:
                    return True
            else:
                version = self._drafts.set_fields(draft_id, pending, base_version=base)
            self._wrote(pending, version)
        if problems is not _NONE_PENDING:
            try:
                self._drafts.set_problems(draft_id, problems)  # type: ignore[arg-type]
            except Exception:  # noqa: BLE001 - a derived count; the next save writes it again
                if self._writer is None:
                    raise
        return False

    def _wrote(self, fields: dict[str, Any], version: int) -> None:
        for path in fields:
            self._bases[path] = version
        self._version = max(self._version or 0, version)
