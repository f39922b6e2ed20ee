"""The submission package from the GUI: ask for a zip path, build it in the background, explain a refusal.

:class:`PackageExporter` runs :func:`beian_desktop.export.package.build_package` through :func:`tasks.run_task`
(the window keeps working and shows a busy indicator). While errors remain the export is refused: the
:class:`ProblemsDialog` lists them (activating one jumps to the field) and offers an explicit "export as draft
package" choice. Success reports where the package was written.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFileDialog, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget,
)

from beian_desktop.errors import message_of
from beian_desktop.gui import tasks
from beian_desktop.gui.i18n_qt import count
from beian_desktop.gui.widgets.colours import colour
from beian_desktop.i18n import Msg

log = logging.getLogger(__name__)

PATH_ROLE = Qt.ItemDataRole.UserRole

T = {
    "dialog_title": Msg("导出提交材料包", "Export submission package"),
    "file_filter": Msg("提交材料包 (*.zip)", "Submission package (*.zip)"),
    "default_name": Msg("{label}-备案材料包.zip", "{label}-filing-package.zip"),
    "busy": Msg("正在生成提交材料包…", "Building the submission package…"),
    "done": Msg("提交材料包已保存到：{path}", "The submission package was written to: {path}")
    + Msg("。提交包含有个人信息且未加密，上传后请删除。", ". It holds personal data and is not encrypted: delete it once uploaded."),
    "done_draft": Msg("草稿材料包（未完成，不能直接提交）已保存到：{path}",
                      "The draft package (incomplete, not ready to submit) was written to: {path}")
    + Msg("。提交包含有个人信息且未加密，上传后请删除。", ". It holds personal data and is not encrypted: delete it once uploaded."),
    "purged": Msg("保留期为 0 天：该草稿已从本机永久删除。", " Retention is 0 days: the draft was deleted for good from "
                  "this computer."),
    "pdf_missing": Msg("（{reason}）", " ({reason})"),
    "failed": Msg("导出失败：{reason}", "Export failed: {reason}"),
    "refused_title": Msg("还不能导出提交材料包", "The submission package cannot be exported yet"),
    "refused_text": Msg("草稿还有 {n}。双击一项可跳到对应的字段修改；也可以先导出一个标明“未完成”的草稿材料包。",
                        "The draft still has {n}. Double-click one to go to the field; or export a draft "
                        "package that is marked incomplete."),
    "export_draft": Msg("导出草稿材料包(&D)", "Export as &draft package"),
    "fix": Msg("去修改(&F)", "&Fix them"),
    "error": Msg("错误", "Error"),
    "warning": Msg("提醒", "Warning"),
    "no_draft": Msg("请先打开或选择一份草稿。", "Open or select a draft first."),
}


def safe_file_stem(label: str) -> str:
    """A file-name-safe version of a domain or subject name."""
    cleaned = re.sub(r'[\\/:*?"<>|\s]+', "_", label).strip("._")
    return cleaned or "draft"


class ProblemsDialog(QDialog):
    """The blocking problems of a refused export; offers "export as draft package"."""

    jump_requested = Signal(str)
    draft_requested = Signal()

    def __init__(self, problems: list, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problemsDialog")
        self.setWindowTitle(T["refused_title"].text())
        self.resize(640, 420)
        errors = [p for p in problems if p.severity == "error"]
        intro = QLabel(T["refused_text"].text().format(n=count(len(errors), "个错误", "error")), self)
        intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("problemList")
        self.list.setAccessibleName(T["refused_title"].text())
        for problem in problems:
            prefix = T["error" if problem.severity == "error" else "warning"].text()
            item = QListWidgetItem(f"[{prefix}] {problem.message.text()}")
            item.setData(PATH_ROLE, problem.path)
            item.setForeground(QColor(colour("fail" if problem.severity == "error" else "warn")))
            self.list.addItem(item)
        self.list.itemActivated.connect(self._jump)
        self.list.itemDoubleClicked.connect(self._jump)
        buttons = QDialogButtonBox(self)
        self.draft_button = QPushButton(T["export_draft"].text(), self)
        self.draft_button.setObjectName("exportDraftButton")
        self.fix_button = QPushButton(T["fix"].text(), self)
        self.fix_button.setObjectName("fixButton")
        buttons.addButton(self.draft_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.fix_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.fix_button.setDefault(True)
        self.draft_button.clicked.connect(self._draft)
        self.fix_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        if self.list.count():
            self.list.setCurrentRow(0)

    def paths(self) -> list[str]:
        return [self.list.item(i).data(PATH_ROLE) for i in range(self.list.count())]

    def _jump(self, item: QListWidgetItem) -> None:
        path = item.data(PATH_ROLE)
        self.reject()
        self.jump_requested.emit(path)

    def _draft(self) -> None:
        self.accept()
        self.draft_requested.emit()


class PackageExporter(QObject):
    """Export of one draft's submission package; ``store`` is read when an export starts (it may come later)."""

    busy_changed = Signal(bool)
    #: ``"pass"``/``"warn"``/``"fail"`` and the text to show (current language)
    status = Signal(str, str)
    #: the path written (after ``status``)
    exported = Signal(str)
    #: the draft was deleted for good after its export (retention 0 days: photo stations)
    purged = Signal(str)

    def __init__(self, parent: QWidget, store: Callable[[], object], *, flush: Callable[[], object] = lambda: None,
                 jump: Callable[[str], object] = lambda _path: None) -> None:
        super().__init__(parent)
        self._parent = parent
        self._store = store
        self._flush = flush
        self._jump = jump
        self.busy = False
        self.dialog: ProblemsDialog | None = None
        self.last_result = None
        self.draft_id: str | None = None  # the draft the status signals are about

    # ---- entry points ---------------------------------------------------------------------------------------------
    def ask_and_export(self, draft_id: str | None, label: str = "") -> bool:
        """Ask for the zip file, then export. False when cancelled or nothing to export."""
        if not draft_id:
            self.status.emit("warn", T["no_draft"].text())
            return False
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        suggested = str(Path(folder) / T["default_name"].text().format(label=safe_file_stem(label)))
        path, _ = QFileDialog.getSaveFileName(self._parent, T["dialog_title"].text(), suggested,
                                              T["file_filter"].text())
        if not path:
            return False
        if not path.lower().endswith(".zip"):
            path += ".zip"
        self.export_to(draft_id, path)
        return True

    def export_to(self, draft_id: str, path: str, *, allow_draft: bool = False) -> None:
        """Build the package of ``draft_id`` at ``path`` in the background; results arrive through the signals."""
        if self.busy:
            return
        store = self._store()
        if store is None:
            return
        self._flush()  # the package is built from what is in the database
        self.draft_id = draft_id
        self._set_busy(True)
        self.status.emit("busy", T["busy"].text())
        target = Path(path)
        if target.suffix.lower() == ".zip" and target.exists():
            target.unlink()  # the save dialog already asked whether to replace it

        def work():
            from beian_desktop.export.package import build_package

            from beian_desktop.store import retention

            result = build_package(store, draft_id, target, allow_draft=allow_draft)
            purged = retention.retention_days(store) == 0 and retention.purge_drafts(store, [draft_id]) > 0
            return result, purged

        tasks.run_task(work, lambda out: self._done(out[0], allow_draft, purged=out[1], draft_id=draft_id),
                       lambda exc: self._failed(exc, draft_id, path))

    # ---- outcomes ---------------------------------------------------------------------------------------------------
    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_changed.emit(busy)

    def _done(self, result, allow_draft: bool, *, purged: bool = False, draft_id: str = "") -> None:
        self._set_busy(False)
        self.last_result = result
        complete = bool(result.manifest.get("complete"))
        text = T["done" if complete else "done_draft"].text().format(path=str(result.out))
        if result.pdf_error is not None:
            text += T["pdf_missing"].text().format(reason=result.pdf_error.text())
        if purged:
            text += T["purged"].text()
        self.status.emit("pass" if complete else "warn", text)
        self.exported.emit(str(result.out))
        if purged:
            self.purged.emit(draft_id)

    def _failed(self, exc: BaseException, draft_id: str, path: str) -> None:
        self._set_busy(False)
        from beian_desktop.export.package import ExportRefused

        if isinstance(exc, ExportRefused):
            self.status.emit("fail", exc.message.text())
            self.show_problems(exc.problems, draft_id, path)
            return
        message = message_of(exc)
        reason = message.text() if message is not None else Msg("意外的错误", "an unexpected error").text()
        if message is None:
            log.error("package export failed: %s", getattr(exc, "__traceback_text__", repr(exc)))
        self.status.emit("fail", T["failed"].text().format(reason=reason))

    def show_problems(self, problems: list, draft_id: str, path: str) -> ProblemsDialog:
        """Open (non-blocking, window-modal) the list of problems with the draft-package choice."""
        if self.dialog is not None:
            self.dialog.reject()
        dialog = ProblemsDialog(problems, self._parent)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.jump_requested.connect(self._jump)
        dialog.draft_requested.connect(lambda: self.export_to(draft_id, path, allow_draft=True))
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _dialog_closed(self, dialog: ProblemsDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()


__all__ = ["PackageExporter", "ProblemsDialog", "safe_file_stem"]
