"""Autosave: every edit reaches the database shortly after it is made, without a "Save" button.

Edits are collected per field path and written after a short pause (debounce, :data:`DELAY_MS`) with
``store.drafts.save_field`` — one row per field, so a keystroke never rewrites a photo. Pending edits are also written
immediately when the page, the draft or the window changes (:meth:`Autosave.flush`). A crash or kill therefore loses
at most the last fraction of a second of typing.

Concurrent writers: autosave knows the draft version it loaded (:meth:`Autosave.set_draft`) and writes every batch of
edits checked against it, in one transaction. When another window, process or computer changed the draft meanwhile,
the store refuses (:class:`~beian_desktop.store.DraftConflict`, nothing written) and :attr:`Autosave.conflict` asks
the window: :data:`RELOAD` drops the pending edits (the window then shows the stored draft), :data:`KEEP_MINE`
writes them over the other change (only the fields edited here); without an answer the edits stay pending.
"""

from __future__ import annotations

import logging
from typing import Any, Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from beian_desktop.errors import message_of
from beian_desktop.store.errors import DraftConflict

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

    #: "pending", "saved" or "error"; the message (Msg or None) explains errors
    state_changed = Signal(str, object)
    #: (draft id, DraftConflict): the draft changed elsewhere; answer with :meth:`resolve_conflict` (synchronously)
    conflict = Signal(str, object)

    def __init__(self, drafts: DraftRepository, delay_ms: int = DELAY_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._drafts = drafts
        self._draft_id: str | None = None
        self._version: int | None = None
        self._choice: str | None = None
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
        """The draft version this window's edits are based on (``None``: not checked)."""
        return self._version

    def set_draft(self, draft_id: str | None, version: int | None = None) -> None:
        """Write what is pending for the previous draft, then follow ``draft_id`` (loaded at ``version``)."""
        self.flush()
        if self._pending:  # never carry edits of one draft into another
            log.warning("autosave: %d unsaved edits dropped when leaving a draft", len(self._pending))
            self._pending = {}
        self._draft_id = draft_id
        self._version = version

    def resolve_conflict(self, choice: str) -> None:
        """The answer to :attr:`conflict`: :data:`RELOAD` or :data:`KEEP_MINE`."""
        self._choice = choice

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
        draft_id = self._draft_id
        pending, self._pending = self._pending, {}
        problems, self._problems = self._problems, _NONE_PENDING
        try:
            try:
                self._write(draft_id, pending, problems)
            except DraftConflict as conflict:
                self._choice = None
                self.conflict.emit(draft_id, conflict)
                choice, self._choice = self._choice, None
                if choice == RELOAD:
                    self.last_error = None
                    self.state_changed.emit("saved", None)
                    return True
                if choice != KEEP_MINE:
                    raise
                self._version = None  # keep mine: write over the other change, then follow the new version
                self._write(draft_id, pending, problems)
        except Exception as exc:  # noqa: BLE001 - the user must learn about it; retry later
            log.warning("autosave failed: %s", type(exc).__name__)
            # keep what was not saved; newer edits made meanwhile win
            self._pending = {**pending, **self._pending}
            if problems is not _NONE_PENDING and self._problems is _NONE_PENDING:
                self._problems = problems
            self.last_error = message_of(exc)
            self.state_changed.emit("error", self.last_error)
            if not isinstance(exc, DraftConflict):  # a conflict waits for the user, it does not go away by itself
                self._timer.start(2000)
            return False
        self.last_error = None
        self.state_changed.emit("saved", None)
        return True

    def _write(self, draft_id: str, pending: dict[str, Any], problems: object) -> None:
        if pending:
            self._version = self._drafts.set_fields(draft_id, pending, expected_version=self._version)
        if problems is not _NONE_PENDING:
            self._drafts.set_problems(draft_id, problems)  # type: ignore[arg-type]
