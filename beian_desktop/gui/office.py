"""Several stations on one database, in the window: live refresh, the conflict banner, the server indicator.

* :class:`DraftWatcher` follows the open draft off the GUI thread (a Python thread): on PostgreSQL it listens for the
  store's ``NOTIFY beian_drafts`` (and looks every few seconds anyway), on SQLite it polls the draft's version every
  second. When the stored version is newer than what the window shows it reads the fields written since (still on its
  thread) and emits :attr:`DraftWatcher.changed`; it also says when the server stops or starts answering.
* :class:`ConflictBanner` is the non-modal bar above the pages: "此草稿已被 <station> 于 <time> 修改" with
  "重新载入" / "保留我的" (English: "Reload" / "Keep mine"). Typing goes on while it is shown.
* :class:`OfficeController` wires them to the main window, the wizard and autosave.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from beian_desktop.errors import message_of
from beian_desktop.gui.autosave import KEEP_MINE, RELOAD
from beian_desktop.gui.i18n_qt import msg_text
from beian_desktop.i18n import Msg

log = logging.getLogger(__name__)

RELOAD_TEXT = Msg("重新载入", "Reload")
KEEP_TEXT = Msg("保留我的", "Keep mine")
OFFLINE_TEXT = Msg("⚠ 数据库服务器无法连接，修改暂存在本机", "⚠ Database server unreachable; edits kept on this computer")
LIVE_TEXT = Msg("已显示 {station} 于 {time} 的修改", "Showing the change made by {station} at {time}")
#: fields another station may change that this window takes quietly (they are not inputs: the page shown stays)
QUIET_PATHS = ("progress.step",)


class DraftWatcher(QObject):
    """Watches one draft for changes made elsewhere; every database access happens on its own thread."""

    #: (draft id, version, {path: value} written after the version the window showed, station, time)
    changed = Signal(str, int, object, str, object)
    #: the server answers (True) or not (False); emitted when it changes
    reachable = Signal(bool)

    def __init__(self, store, seen: Callable[[], int | None], *, interval: float = 1.0,  # noqa: ANN001
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._seen = seen
        self._interval = interval
        self._draft_id: str | None = None
        self._stop = threading.Event()
        self._online = True
        self._thread = threading.Thread(target=self._run, name="draft-watcher", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def watch(self, draft_id: str | None) -> None:
        self._draft_id = draft_id

    # ---- the thread -------------------------------------------------------------------------------------------------
    def _run(self) -> None:
        postgres = self._store.engine.dialect.name == "postgresql"
        try:
            while not self._stop.is_set():
                try:
                    if postgres:
                        self._listen()
                    else:
                        self._check()
                        self._stop.wait(self._interval)
                except RuntimeError:
                    raise
                except Exception as exc:  # noqa: BLE001 - the server went away: say so, try again shortly
                    log.debug("draft watcher: %s", type(exc).__name__)
                    if self._stop.is_set():
                        return
                    if postgres:  # a local file does not "go away"; autosave reports its errors itself
                        self._set_online(False)
                    self._stop.wait(2.0)
        except RuntimeError:  # the window (and this object) is gone
            return

    def _listen(self) -> None:
        import psycopg

        from beian_desktop.store.repository import NOTIFY_CHANNEL

        url = self._store.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        with psycopg.connect(url, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f"LISTEN {NOTIFY_CHANNEL}")
            self._check()  # also tells that the server is back
            while not self._stop.is_set():
                mine = False
                for notice in conn.notifies(timeout=self._interval * 5, stop_after=1):
                    mine = notice.payload.split(" ")[0] == self._draft_id
                if mine or not self._stop.is_set():
                    self._check()

    def _check(self) -> None:
        draft_id, seen = self._draft_id, self._seen()
        if draft_id is None or seen is None:
            if self._store.engine.dialect.name != "sqlite":
                with self._store.session() as session:  # still proves the connection
                    session.execute(sa.text("SELECT 1"))
                self._set_online(True)
            return
        summary = self._store.drafts.summary(draft_id)
        self._set_online(True)
        if summary.version > seen:
            fields = self._store.drafts.changes_since(draft_id, seen)
            if draft_id == self._draft_id:
                self.changed.emit(draft_id, summary.version, fields, summary.updated_by or "", summary.updated_at)

    def _set_online(self, online: bool) -> None:
        if online != self._online:
            self._online = online
            self.reachable.emit(online)


class ConflictBanner(QFrame):
    """The non-modal conflict bar: the message and two buttons; :attr:`chosen` carries RELOAD or KEEP_MINE."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictBanner")
        self.setStyleSheet("#conflictBanner { background: #fff4e0; border-bottom: 1px solid #e0a040; }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reload_button = QPushButton(self)
        self.keep_button = QPushButton(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.reload_button)
        layout.addWidget(self.keep_button)
        self.reload_button.clicked.connect(lambda: self.chosen.emit(RELOAD))
        self.keep_button.clicked.connect(lambda: self.chosen.emit(KEEP_MINE))
        self._message: Msg | None = None
        self.retranslate()
        self.hide()

    def show_conflict(self, message: Msg) -> None:
        self._message = message
        self.retranslate()
        self.show()

    def retranslate(self) -> None:
        self.reload_button.setText(msg_text(RELOAD_TEXT))
        self.keep_button.setText(msg_text(KEEP_TEXT))
        if self._message is not None:
            self.label.setText(msg_text(self._message))


class OfficeController(QObject):
    """Live refresh, the conflict banner and the server indicator of one main window."""

    def __init__(self, window, *, interval: float = 1.0) -> None:  # noqa: ANN001 - MainWindow
        super().__init__(window)
        self.window = window
        self.banner = ConflictBanner(window.centralWidget())
        window.ui.centralLayout.insertWidget(0, self.banner)
        self.offline_label = QLabel(window)
        self.offline_label.setObjectName("serverOffline")
        self.offline_label.setStyleSheet("color: #b00020; font-weight: 600;")
        self.offline_label.hide()
        window.statusBar().addPermanentWidget(self.offline_label)
        self.banner.chosen.connect(self._on_choice)
        autosave = window.autosave
        autosave.conflict.connect(self._on_conflict)
        autosave.state_changed.connect(self._on_save_state)
        self.watcher = DraftWatcher(window.store, lambda: autosave.seen, interval=interval, parent=self)
        self.watcher.changed.connect(self._on_changed)
        self.watcher.reachable.connect(self._on_reachable)
        window.destroyed.connect(self.watcher._stop.set)
        self.watcher.start()

    def stop(self) -> None:
        self.watcher.stop()

    def watch(self, draft_id: str | None) -> None:
        self.banner.hide()
        self.watcher.watch(draft_id)

    @property
    def offline(self) -> bool:
        return self.offline_label.isVisible()

    def retranslate(self) -> None:
        self.banner.retranslate()
        self.offline_label.setText(msg_text(OFFLINE_TEXT))

    # ---- slots (GUI thread) -----------------------------------------------------------------------------------------
    def _on_conflict(self, _draft_id: str, conflict) -> None:  # noqa: ANN001
        message = message_of(conflict) or Msg(str(conflict), str(conflict))
        paths = getattr(conflict, "paths", ())
        if paths and self.window._in_wizard():  # name the fields as the form does, not by their stored paths
            from beian_desktop.gui.field_labels import field_label
            from beian_desktop.store.errors import FieldConflict

            labels = list(dict.fromkeys(field_label(self.window.wizard, path) for path in paths))
            message = message_of(FieldConflict.for_fields(labels, conflict.station, conflict.at, conflict.expected,
                                                          conflict.current)) or message
        self.banner.show_conflict(message)

    def _on_choice(self, choice: str) -> None:
        window = self.window
        if not window.autosave.resolve_conflict(choice):
            return  # failed: the banner stays, the status says why
        self.banner.hide()
        if choice == RELOAD and window._in_wizard():
            window.open_draft_in_background(window.wizard.draft_id, window.wizard.current_page().page_id)

    def _on_save_state(self, state: str, _message) -> None:  # noqa: ANN001
        if state == "offline":
            self._set_offline(True)

    def _on_reachable(self, online: bool) -> None:
        self._set_offline(not online)
        if online:
            self.window.autosave.replay()

    def _set_offline(self, offline: bool) -> None:
        self.offline_label.setText(msg_text(OFFLINE_TEXT))
        self.offline_label.setVisible(offline)

    def _on_changed(self, draft_id: str, version: int, fields: dict[str, Any], station: str, at) -> None:  # noqa: ANN001
        window = self.window
        autosave = window.autosave
        if not window._in_wizard() or window.wizard.draft_id != draft_id or (autosave.seen or 0) >= version:
            return
        keep = autosave.local_paths()
        if not window.wizard.apply_stored(fields, keep, quiet=QUIET_PATHS):
            page = window.wizard.current_page().page_id
            # read in the thread pool (what is pending is written first; the form waits, disabled, meanwhile)
            window.open_draft_in_background(draft_id, page, report_errors=False)
            return
        autosave.refreshed(version, keep & set(fields))
        if station and station != window.store.station:
            from beian_desktop.gui.drafts_list import _local

            window.statusBar().showMessage(msg_text(LIVE_TEXT.format(station=station, time=_local(at))), 8000)


__all__ = ["ConflictBanner", "DraftWatcher", "OfficeController"]
