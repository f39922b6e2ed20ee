"""The main window's drafts as files: importing an exported draft or a submission package (menu, drag and drop),
exporting a draft, and the submission package's export status. A mixin of :class:`~beian_desktop.gui.main_window.
MainWindow`, which provides the store, the status bar, the busy indicator and the wizard."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from beian_desktop.errors import message_of
from beian_desktop.gui.i18n_qt import msg_text, translate
from beian_desktop.i18n import Msg
from beian_desktop.paths import write_private

log = logging.getLogger(__name__)

#: file types the import action and drag and drop accept: an exported draft and a submission package
IMPORT_SUFFIXES = (".json", ".zip")
UNEXPECTED = Msg("出现了意外的问题，这个文件没有被导入。", "Something unexpected went wrong; the file was not imported.")


class DraftFilesMixin:
    """Import, export and drag and drop of drafts and submission packages (methods of the main window)."""

    def import_file(self, path: str) -> str | None:
        """Import an exported draft (.json) or a submission package (.zip); returns the new id when known now.

        A package is verified and imported in the background; its id is returned at once only when tasks run
        synchronously (tests); it is also kept in :attr:`last_imported`.
        """
        if path.lower().endswith(".zip"):
            return self.import_package_file(path)
        try:
            from beian_desktop.store.transfer import read_export_file

            from beian_desktop.gui.privacy import file_passphrase

            # a file too large, too deep or not JSON: a clear message, no traceback; an encrypted one asks its passphrase
            data = read_export_file(path, passphrase=lambda: file_passphrase(self))
            draft_id = self.store.drafts.import_json(data)
        except OSError:
            QMessageBox.warning(self, translate("MainWindow", "无法导入"),
                                translate("MainWindow", "无法读取这个文件（它可能已被移动、删除，或没有读取权限）。"))
            return None
        except ValueError:  # not JSON, or not a draft export: say so in words, never with an exception's class name
            QMessageBox.warning(self, translate("MainWindow", "无法导入"),
                                translate("MainWindow", "这个文件不是有效的草稿导出文件。"))
            return None
        except Exception as exc:  # noqa: BLE001 - store errors carry a bilingual message
            self._error(exc)
            return None
        self._imported(draft_id)
        return draft_id

    def import_package_file(self, path: str) -> str | None:
        from beian_desktop.gui.tasks import run_task

        store = self.store
        self.last_imported = None
        self._busy.setVisible(True)
        self.statusBar().showMessage(msg_text(Msg("正在校验并导入提交材料包…", "Verifying and importing the package…")))

        def work() -> str:
            from beian_desktop.export.package import import_package

            return import_package(store, path)

        def failed(exc: BaseException) -> None:
            self._busy.setVisible(False)
            self.statusBar().clearMessage()
            message = message_of(exc)
            text = msg_text(message) if message is not None else msg_text(UNEXPECTED)
            if message is None:
                log.error("package import failed: %r", exc)
            QMessageBox.warning(self, translate("MainWindow", "无法导入"), text)

        def done(draft_id: str) -> None:
            self._busy.setVisible(False)
            self._imported(draft_id)

        run_task(work, done, failed)
        return self.last_imported

    def _imported(self, draft_id: str) -> None:
        """After an import: count its problems for the list, select it, say so."""
        from beian_desktop.export.problems import record_problem_count

        self.last_imported = draft_id
        try:
            record_problem_count(self.store, draft_id)
        except Exception:  # noqa: BLE001 - the count is a convenience; the draft is imported
            log.exception("cannot count the problems of an imported draft")
        self.refresh_list(draft_id)
        self.statusBar().showMessage(translate("MainWindow", "已导入草稿"), 5000)

    # ---- submission package ---------------------------------------------------------------------------------------
    def export_package(self, draft_id: str | None) -> bool:
        """Ask for a zip file and build the submission package of ``draft_id`` in the background."""
        label = ""
        if draft_id and self.store is not None:
            try:
                from beian_desktop.domain.progress import draft_label

                label = draft_label(self.store.drafts.load(draft_id))
            except Exception:  # noqa: BLE001 - only the suggested file name
                label = ""
        return self.exporter.ask_and_export(draft_id, label)

    def _export_status(self, state: str, text: str) -> None:
        """Shown on the submit page of the draft it is about only (never on another draft's page)."""
        draft_id = self.exporter.draft_id
        if draft_id:
            self._export_states[draft_id] = (state, text)
        if self._wizard is not None and self._wizard.draft_id == draft_id:
            self._wizard.page("submit").show_export_status(state, text)
        self.statusBar().showMessage(text, 0 if state == "busy" else 30000)

    def _jump_to_field(self, path: str) -> None:
        """A problem of a refused export was activated: open the draft's wizard at that field."""
        draft_id = self.current_draft_id()
        if draft_id and not self._in_wizard():
            self.open_draft(draft_id)
        if self._in_wizard():
            self.wizard.jump_to_field(path)

    def export_file(self, draft_id: str, path: str) -> bool:
        self._flush()
        try:
            data = self.store.drafts.export_json(draft_id)
            write_private(Path(path), json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"))  # 0600
        except Exception as exc:  # noqa: BLE001
            self._error(exc)
            return False
        from beian_desktop.privacy import EXPORT_NOTICE

        self.statusBar().showMessage(translate("MainWindow", "已导出到 {path}").format(path=path) + "  "
                                     + msg_text(EXPORT_NOTICE), 30000)
        return True

    def import_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, translate("MainWindow", "导入草稿"), "",
                                              translate("MainWindow", "草稿文件或提交材料包 (*.json *.zip)"))
        if path:
            self.import_file(path)

    def export_dialog(self, draft_id: str) -> None:
        path, _ = QFileDialog.getSaveFileName(self, translate("MainWindow", "导出草稿"), "draft.json",
                                              translate("MainWindow", "草稿文件 (*.json)"))
        if path:
            self.export_file(draft_id, path)

    # ---- drag and drop of exported drafts and packages -----------------------------------------------------------
    def dragEnterEvent(self, event) -> None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if any(u.isLocalFile() and u.toLocalFile().lower().endswith(IMPORT_SUFFIXES) for u in urls):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:
        for url in event.mimeData().urls():
            if url.isLocalFile() and url.toLocalFile().lower().endswith(IMPORT_SUFFIXES):
                self.import_file(url.toLocalFile())
        event.acceptProposedAction()
