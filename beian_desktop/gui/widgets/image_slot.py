"""Shared logic of an image slot (a document side or the backdrop photo): import, background check, fixes.

The slot keeps the original file and, when a one-click fix was applied, the fixed file beside it
(:class:`~beian_desktop.domain.model.FileRef` ``sha256`` / ``fixed_sha256``). Checks run in the thread pool; the
slot emits :attr:`busy_changed` so the page can show progress, and :attr:`file_changed` when the stored file changed.
"""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from beian_desktop.domain.model import FileRef
from beian_desktop.errors import message_of
from beian_desktop.gui import imagework
from beian_desktop.gui.i18n_qt import current
from beian_desktop.gui.tasks import run_task
from beian_desktop.i18n import Msg

log = logging.getLogger(__name__)


class ImageSlot(QObject):
    busy_changed = Signal(bool)
    examined = Signal()  # report / picture / thumbnail updated
    file_changed = Signal()  # the FileRef changed (store it)
    failed = Signal(object)  # Msg (also kept in :attr:`message` until the page shows it)

    def __init__(self, kind: str, slot: str, doc_type: str | None, store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.slot = slot
        self.doc_type = doc_type
        self.store = store
        self.ref = FileRef(slot=slot)
        self.report = None
        self.unavailable: Msg | None = None
        self.load_error: Msg | None = None
        self.picture: QImage | None = None
        self.thumbnail: QImage | None = None
        self.busy = False
        #: photo profile id for a photo slot (None: the default profile)
        self.profile: str | None = None
        #: why the last import, fix or check failed; shown once (:func:`report_view.take_message`)
        self.message: Msg | None = None
        self._generation = 0
        #: documents: the side the slot holds and a callable giving the draft's values the document must carry
        self.side: str | None = None
        self.expect_provider = None

    # ---- state ----------------------------------------------------------------------------------------------------
    def set_ref(self, ref: FileRef | None, examine: bool = True) -> None:
        """Show a stored file (when a draft is opened); re-examines it in the background."""
        self.ref = dataclasses.replace(ref) if ref is not None else FileRef(slot=self.slot)  # a copy: edits go via the wizard
        self.report = self.picture = self.thumbnail = None
        self.unavailable = self.load_error = None
        if examine and self.current_hash():
            self.recheck()
        else:
            self.examined.emit()

    def current_hash(self) -> str:
        return self.ref.fixed_sha256 or self.ref.sha256

    def current_data(self) -> bytes | None:
        sha = self.current_hash()
        return self.store.blobs.get(sha) if sha else None

    # ---- actions --------------------------------------------------------------------------------------------------
    def import_file(self, path: str) -> None:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            self._fail(Msg(f"无法读取文件：{exc.strerror}", f"Cannot read the file: {exc.strerror}"))
            return
        self.import_bytes(data, Path(path).name)

    def import_bytes(self, data: bytes, filename: str) -> None:
        sha = self.store.blobs.put(data)
        self.ref = FileRef(slot=self.slot, sha256=sha, filename=filename)
        self.file_changed.emit()
        self._examine(data)

    def recheck(self) -> None:
        """Check the current file again; it is read from the store (and its hash verified) off the GUI thread."""
        if self.current_hash():
            self._examine(self._loader())

    def _loader(self):
        """A callable reading the current file's bytes (run in the worker: reading and re-hashing a large blob takes
        a while)."""
        store, sha = self.store, self.current_hash()
        return lambda: store.blobs.get(sha)

    def apply_fix(self, fix: str) -> None:
        """``rotate``, ``compress`` or ``crop`` the current picture; the original stays stored."""
        if not self.current_hash():
            return
        load = self._loader()
        func, doc_type = {"rotate": imagework.rotate, "compress": imagework.compress, "crop": imagework.crop}[fix], self.doc_type
        self._set_busy(True)
        run_task(lambda: func(load(), doc_type), self._fixed, self._fix_failed)

    def restore_original(self) -> None:
        if self.ref.fixed_sha256:
            self.ref.fixed_sha256 = ""
            self.file_changed.emit()
            self.recheck()

    def _fixed(self, data: bytes) -> None:
        self.ref.fixed_sha256 = self.store.blobs.put(data)
        self.file_changed.emit()
        self._set_busy(False)
        self._examine(data)

    def _fix_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        message = message_of(exc)
        if message is None:
            message = Msg("无法自动处理这张图片，请手动处理后重新导入", "This picture could not be fixed automatically; fix it by hand and import it again")
        self._fail(message)

    # ---- background check -------------------------------------------------------------------------------------------
    def _examine(self, data) -> None:
        """Check ``data`` (bytes, or a callable returning them, called in the worker) in the background."""
        load = data if callable(data) else (lambda: data)
        self._generation += 1
        generation = self._generation
        kind, doc_type, lang, profile = self.kind, self.doc_type, current(), self.profile
        side, expect = self.side, (self.expect_provider() if self.expect_provider is not None else None)
        self._set_busy(True)
        run_task(lambda: imagework.examine(kind, load(), doc_type, lang, side=side, expect=expect, profile=profile),
                 lambda result: self._examined(generation, result),
                 lambda exc: self._examine_failed(generation, exc))

    def _examined(self, generation: int, result: imagework.Examined) -> None:
        if generation != self._generation:
            return  # a newer file replaced this one meanwhile
        self.report, self.unavailable = result.report, result.unavailable
        self.picture, self.thumbnail, self.load_error = result.picture, result.thumbnail, result.load_error
        verdict = result.report.verdict if result.report is not None else ""
        if self.ref.verdict != verdict:
            self.ref.verdict = verdict
            self.file_changed.emit()
        self._set_busy(False)
        self.examined.emit()

    def _examine_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        log.error("image check failed: %s", type(exc).__name__)
        self._set_busy(False)
        self._fail(message_of(exc) or Msg("检查时出错，请重试", "The check failed; please try again"))
        self.examined.emit()

    def _fail(self, message: Msg) -> None:
        self.message = message
        self.failed.emit(message)

    def _set_busy(self, busy: bool) -> None:
        if self.busy != busy:
            self.busy = busy
            self.busy_changed.emit(busy)
