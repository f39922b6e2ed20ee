"""The main window: the draft list and the filing wizard, autosave, settings, language switching."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QRect, Qt, QTimer
from PySide6.QtGui import QActionGroup, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QMainWindow, QMessageBox, QProgressBar

from beian_desktop.errors import message_of
from beian_desktop.gui import privacy
from beian_desktop.gui.autosave import Autosave
from beian_desktop.gui.draft_files import DraftFilesMixin
from beian_desktop.gui.drafts_list import DraftsList
from beian_desktop.gui.forms.ui_main_window import Ui_MainWindow
from beian_desktop.gui.i18n_qt import current, msg_text, set_ui_language, translate
from beian_desktop.gui.package_export import PackageExporter
from beian_desktop.gui.settings import GuiSettings
from beian_desktop.gui.widgets.keyboard import enter_clicks_buttons
from beian_desktop.i18n import Msg

if TYPE_CHECKING:
    from beian_desktop.gui.wizard import Wizard

log = logging.getLogger(__name__)

#: smallest and first-start size of the window; both shrink to the available screen area (1024×700, 1366×768 laptops)
MINIMUM_SIZE = (900, 600)
DEFAULT_SIZE = (1100, 760)
NO_DEADLINES = Msg("没有待办的备案期限。", "No filing deadlines pending.")


def _journaled_writer(store):  # noqa: ANN001, ANN202
    """Edits go through the local journal when the database is a server (it may go away); None for an SQLite file."""
    if store.engine.dialect.name == "sqlite":
        return None
    from beian_desktop.office import journal_path
    from beian_desktop.store.journal import EditJournal, JournaledWriter

    return JournaledWriter(store, EditJournal(journal_path()))


class MainWindow(DraftFilesMixin, QMainWindow):
    """``store`` may be given later with :meth:`set_store` (the app shows the window first, then opens the database)."""

    def __init__(self, store=None, settings: GuiSettings | None = None) -> None:
        super().__init__()
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        # an explicit minimum keeps the window from re-negotiating its size hints at every page change
        # (see :meth:`fit_to_screen`: never larger than the screen)
        self.setMinimumSize(*MINIMUM_SIZE)
        self.store = None
        self.autosave: Autosave | None = None
        self.office = None  # OfficeController, with the store
        self._wizard: "Wizard | None" = None
        self.settings = settings or GuiSettings.load()
        self.drafts = DraftsList(self)
        enter_clicks_buttons(self.drafts)
        self.ui.stack.addWidget(self.drafts)
        self.deleted_ids: list[str] = []
        self._deleted_titles: dict[str, str] = {}
        self._export_states: dict[str, tuple[str, str]] = {}  # last package export message per draft
        self._busy = QProgressBar(self)
        self._busy.setObjectName("busyIndicator")
        self._busy.setRange(0, 0)  # "working", no percentage
        self._busy.setMaximumWidth(120)
        self._busy.setVisible(False)
        self.statusBar().addPermanentWidget(self._busy)
        self.exporter = PackageExporter(self, lambda: self.store, flush=self._flush, jump=self._jump_to_field)
        self.exporter.busy_changed.connect(self._busy.setVisible)
        self.exporter.status.connect(self._export_status)
        self.reminders = None
        self.last_imported: str | None = None
        self._connect()
        privacy.install_menu(self)  # Settings › Privacy and retention
        self.setAcceptDrops(True)
        self._restore_geometry()
        self._retranslate()
        self._set_enabled(False)
        if store is not None:
            self.set_store(store)
        else:
            self.statusBar().showMessage(translate("MainWindow", "正在打开草稿数据库…"))

    def set_store(self, store) -> None:
        """Attach the opened draft database: the list fills and every action becomes available."""
        from beian_desktop.gui.office import OfficeController

        self.store = store
        self.autosave = Autosave(store.drafts, parent=self, writer=_journaled_writer(store))
        self.office = OfficeController(self)
        self.office.retranslate()
        self._set_enabled(True)
        self.statusBar().clearMessage()
        self.refresh_list()
        self.start_reminders()

    # ---- reminders --------------------------------------------------------------------------------------------------
    def _watched_applications(self) -> list:
        """Drafts whose filing is under way (submitted, in review or returned): the ones with deadlines."""
        if self.store is None:
            return []
        apps = []
        for row in self.store.drafts.list():
            if row.status not in ("", "draft", "approved"):
                apps.append(self.store.drafts.load(row.id))
        return apps

    def start_reminders(self, *, use_tray: bool = True) -> str:
        """Start the reminder service (system tray where available, else the status bar) and show the summary."""
        from beian_desktop.gui.reminders import ReminderService

        if self.reminders is not None:
            self.reminders.stop()
        self.reminders = ReminderService(self._watched_applications, self, use_tray=use_tray, icon=self.windowIcon())
        self.reminders.reminder.connect(lambda _title, text: self.statusBar().showMessage(text, 60000))
        summary = self.reminders.start()
        self.show_reminder_summary(summary)
        return summary

    def show_reminder_summary(self, summary: str | None = None) -> None:
        """The deadlines summary above the draft list and (first line) in the status bar."""
        if summary is None:
            summary = self.reminders.startup_summary() if self.reminders is not None else ""
        pending = bool(summary) and summary != NO_DEADLINES.text()
        self.drafts.set_reminders(summary if pending else "")
        if pending:
            self.statusBar().showMessage(summary.splitlines()[0], 60000)

    def _progress_changed(self) -> None:
        self.show_reminder_summary()

    def _set_enabled(self, enabled: bool) -> None:
        for action in (self.ui.actionNew, self.ui.actionDraftList, self.ui.actionDuplicate, self.ui.actionDelete,
                       self.ui.actionUndoDelete, self.ui.actionImport, self.ui.actionExport, self.ui.actionExportPackage):
            action.setEnabled(enabled)
        self.drafts.setEnabled(enabled)
        self._update_actions()

    def _update_actions(self) -> None:
        """Deleting works on the draft list only (never on the draft open in the wizard); undo while there is one."""
        ready = self.store is not None
        self.ui.actionDelete.setEnabled(ready and not self._in_wizard())
        self.ui.actionUndoDelete.setEnabled(ready and bool(self.deleted_ids))

    @property
    def wizard(self) -> "Wizard":
        """The wizard, built when first needed (keeps start-up fast)."""
        if self._wizard is None:
            from beian_desktop.gui.wizard import Wizard

            self._wizard = Wizard(self.store, self.autosave, self)
            self.ui.stack.addWidget(self._wizard)
            self._wizard.page_changed.connect(self._page_changed)
            self._wizard.export_requested.connect(lambda: self.export_package(self._wizard.draft_id))
            self._wizard.progress_changed.connect(self._progress_changed)
            QShortcut(QKeySequence(Qt.Key.Key_Escape), self._wizard, self.show_list)
        return self._wizard

    def _in_wizard(self) -> bool:
        return self._wizard is not None and self.ui.stack.currentWidget() is self._wizard

    # ---- wiring -----------------------------------------------------------------------------------------------------
    def _connect(self) -> None:
        ui = self.ui
        ui.actionNew.triggered.connect(self.new_draft)
        ui.actionDraftList.triggered.connect(self.show_list)
        ui.actionDuplicate.triggered.connect(lambda: self._with_current(self.duplicate_draft))
        ui.actionDelete.triggered.connect(lambda: None if self._in_wizard() else self._with_current(self.delete_draft))
        ui.actionUndoDelete.triggered.connect(self.undo_delete)
        ui.actionImport.triggered.connect(self.import_dialog)
        ui.actionExport.triggered.connect(lambda: self._with_current(self.export_dialog))
        ui.actionExportPackage.triggered.connect(lambda: self.export_package(self.current_draft_id()))
        ui.actionQuit.triggered.connect(self.close)
        ui.actionAbout.triggered.connect(self.about)
        group = QActionGroup(self)
        for action in (ui.actionLangZh, ui.actionLangEn):
            group.addAction(action)
        ui.actionLangZh.triggered.connect(lambda: self.set_language("zh_CN"))
        ui.actionLangEn.triggered.connect(lambda: self.set_language("en"))
        d = self.drafts
        d.open_requested.connect(self.open_draft_in_background)
        d.new_requested.connect(self.new_draft)
        d.duplicate_requested.connect(self.duplicate_draft)
        d.delete_requested.connect(self.delete_draft)
        d.import_requested.connect(self.import_dialog)
        d.export_requested.connect(self.export_dialog)
        d.show_deleted_changed.connect(lambda _v: self.refresh_list())
        d.undo_requested.connect(self.undo_delete)
        self.ui.stack.currentChanged.connect(lambda _i: self._update_actions())

    def _with_current(self, func) -> None:
        draft_id = self.current_draft_id()
        if draft_id:
            func(draft_id)

    def current_draft_id(self) -> str | None:
        if self._in_wizard():
            return self.wizard.draft_id
        return self.drafts.selected_id()

    def _error(self, exc: Exception) -> None:
        message = message_of(exc)
        text = msg_text(message) if message is not None else str(exc)
        QMessageBox.warning(self, translate("MainWindow", "出错了"), text)

    # ---- drafts -----------------------------------------------------------------------------------------------------
    def refresh_list(self, select: str | None = None) -> None:
        if self.store is None:
            return
        try:
            rows = self.store.drafts.list(include_deleted=self.drafts.ui.showDeleted.isChecked())
        except Exception as exc:  # noqa: BLE001
            self._error(exc)
            return
        self.drafts.set_drafts(rows, select)

    def _flush(self) -> None:
        if self.autosave is not None:
            self.autosave.flush()

    def show_list(self) -> None:
        self._flush()
        self.ui.stack.setCurrentWidget(self.drafts)
        self.refresh_list(self._wizard.draft_id if self._wizard else None)
        self.settings.last_page = ""

    def new_draft(self) -> str | None:
        from beian_desktop.domain.model import Application

        try:
            draft_id = self.store.drafts.create(Application())
        except Exception as exc:  # noqa: BLE001
            self._error(exc)
            return None
        if self.open_draft(draft_id):
            self.wizard.focus_first_field()
        return draft_id

    def open_draft(self, draft_id: str, page_id: str | None = None, *, report_errors: bool = True) -> bool:
        """Show ``draft_id`` in the wizard (at ``page_id``). False when it cannot be loaded (said so when ``report_errors``).

        Everything happens now, on the calling thread (tests, jumps inside the wizard); the draft list and the
        start-up use :meth:`open_draft_in_background`."""
        self._flush()
        try:
            app, version = self.store.drafts.load_versioned(draft_id)
        except Exception as exc:  # noqa: BLE001
            if report_errors:
                self._error(exc)
            return False
        return self._show_draft(draft_id, app, version, page_id)

    # the draft being opened in the background (None when none is)
    opening: str | None = None

    def open_draft_in_background(self, draft_id: str, page_id: str | None = None, *,
                                 report_errors: bool = True) -> None:
        """Open ``draft_id`` without freezing the window (:func:`beian_desktop.gui.draft_opening.open_in_background`)."""
        from beian_desktop.gui.draft_opening import open_in_background

        open_in_background(self, draft_id, page_id, report_errors=report_errors)

    def _set_opening(self, busy: bool) -> None:
        """The busy state while a draft opens: indicator and message in the status bar, the list waits."""
        self._busy.setVisible(busy)
        self.drafts.setEnabled(not busy and self.store is not None)
        if self._wizard is not None:  # a draft re-read while shown (another station's change): nothing typed meanwhile
            self._wizard.setEnabled(not busy)
        if busy:
            self.statusBar().showMessage(translate("MainWindow", "正在打开草稿…"))
        else:
            self.statusBar().clearMessage()

    def _show_draft(self, draft_id: str, app, version, page_id: str | None) -> bool:
        self.wizard.load_draft(draft_id, app, page_id, version=version)
        self.office.watch(draft_id)
        privacy.warn_damaged(self, self.store.drafts.damaged_at_last_load(draft_id))  # the rest of the draft opens
        self.wizard.page("submit").show_export_status(*self._export_states.get(draft_id, ("", "")))
        self.ui.stack.setCurrentWidget(self.wizard)
        self.settings.last_draft_id = draft_id
        self.settings.last_page = self.wizard.current_page().page_id
        self._save_settings()
        return True

    def duplicate_draft(self, draft_id: str) -> str | None:
        self._flush()
        try:
            new_id = self.store.drafts.duplicate(draft_id)
        except Exception as exc:  # noqa: BLE001
            self._error(exc)
            return None
        self.refresh_list(new_id)
        self.statusBar().showMessage(translate("MainWindow", "已复制草稿"), 5000)
        return new_id

    def confirm_delete(self, title: str) -> bool:
        """Ask before deleting (tests replace this)."""
        name = title or translate("MainWindow", "（未命名草稿）")
        answer = QMessageBox.question(
            self, translate("MainWindow", "删除草稿"),
            translate("MainWindow", "删除草稿“{name}”？删除后可以用“撤销删除”恢复。").format(name=name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def delete_draft(self, draft_id: str, *, confirm: bool = True) -> bool:
        """Soft delete from the draft list, after confirmation, with undo (bar above the list, Ctrl+Shift+Z).

        The draft open in the wizard is never deleted from inside the wizard: go back to the list first."""
        if self._in_wizard():
            return False
        self._flush()
        title = self.drafts.selected_title() if self.drafts.selected_id() == draft_id else ""
        if confirm and not self.confirm_delete(title):
            return False
        try:
            self.store.drafts.delete(draft_id)
        except Exception as exc:  # noqa: BLE001
            self._error(exc)
            return False
        self.deleted_ids.append(draft_id)
        self._deleted_titles[draft_id] = title
        if self._wizard is not None and self._wizard.draft_id == draft_id:
            self._wizard.close_draft()
            self.office.watch(None)
        self.refresh_list()
        self.drafts.show_undo(title)
        self._update_actions()
        self.statusBar().showMessage(translate("MainWindow", "草稿已删除。"), 5000)
        return True

    def undo_delete(self) -> str | None:
        if not self.deleted_ids:
            return None
        draft_id = self.deleted_ids.pop()
        try:
            self.store.drafts.undelete(draft_id)
        except Exception as exc:  # noqa: BLE001
            self._error(exc)
            return None
        self._deleted_titles.pop(draft_id, None)
        self.drafts.show_undo(self._deleted_titles.get(self.deleted_ids[-1], "") if self.deleted_ids else None)
        self._update_actions()
        self.statusBar().showMessage(translate("MainWindow", "已恢复草稿"), 5000)
        self.refresh_list(draft_id)
        return draft_id

    # ---- language, settings -------------------------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        lang = set_ui_language(lang)
        self.settings.language = lang
        self._save_settings()
        self._retranslate()

    def _retranslate(self) -> None:
        # toolbar buttons have no mnemonics: show "新建草稿", not a "(N)" that Alt+N would not press
        for action in self.ui.toolBar.actions():
            if action.text():
                action.setIconText(re.sub(r"\(&.\)|&", "", action.text()).replace("…", "").strip())
        self.ui.actionLangZh.setChecked(current() != "en")
        self.ui.actionLangEn.setChecked(current() == "en")
        if self.reminders is not None:
            self.show_reminder_summary()
        if getattr(self, "office", None) is not None:
            self.office.retranslate()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            privacy.retranslate(self)
            self._retranslate()
        super().changeEvent(event)

    def _page_changed(self, page_id: str) -> None:
        # written at once, so that after a crash or kill the app reopens this draft on this page
        self.settings.last_page = page_id
        if self._wizard is not None and self._wizard.draft_id:
            self.settings.last_draft_id = self.wizard.draft_id
            self._save_settings()

    def _restore_geometry(self) -> None:
        restored = False
        if self.settings.geometry:
            restored = self.restoreGeometry(QByteArray.fromBase64(self.settings.geometry.encode()))
        if self.settings.window_state:
            self.restoreState(QByteArray.fromBase64(self.settings.window_state.encode()))
        self.fit_to_screen(restored)

    _fitted_after_show = False

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._fitted_after_show:  # the frame (title bar, borders) is known only once the window is shown
            self._fitted_after_show = True
            QTimer.singleShot(0, self.fit_to_screen)

    def available_area(self) -> QRect:
        """The screen area a window may use (without task bars); tests replace it to simulate a screen."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry()

    def fit_to_screen(self, restored: bool = True) -> None:
        """Open inside the available screen area: the saved size and place (perhaps from a larger monitor) or the
        default size are shrunk and moved until the whole window, frame included, is on the screen."""
        area = self.available_area()
        frame = self.frameGeometry().size() - self.geometry().size()  # title bar and borders (0 before shown)
        room_w, room_h = area.width() - frame.width(), area.height() - frame.height()
        if not self.isVisible():  # once shown, changing the minimum makes the platform renegotiate size hints
            self.setMinimumSize(min(MINIMUM_SIZE[0], room_w), min(MINIMUM_SIZE[1], room_h))
        room_w, room_h = max(room_w, self.minimumWidth()), max(room_h, self.minimumHeight())
        width, height = (self.width(), self.height()) if restored else DEFAULT_SIZE
        width, height = min(width, room_w), min(height, room_h)
        self.resize(width, height)
        x, y = (self.x(), self.y()) if restored else (area.left() + (area.width() - width - frame.width()) // 2,
                                                     area.top() + (area.height() - height - frame.height()) // 2)
        x = max(area.left(), min(x, area.right() + 1 - width - frame.width()))
        y = max(area.top(), min(y, area.bottom() + 1 - height - frame.height()))
        self.move(x, y)

    def restore_last(self, *, background: bool = False) -> bool:
        """Reopen the draft and page that were open when the app was closed (or killed); ``background``: without
        blocking the window (:meth:`open_draft_in_background`; True means "being opened")."""
        draft_id = self.settings.last_draft_id
        if self.store is None:
            return False
        if not draft_id or not self.settings.last_page:
            if draft_id:
                self.drafts.select(draft_id)
            return False
        # deleted or unknown: just show the list
        if background:
            self.open_draft_in_background(draft_id, self.settings.last_page, report_errors=False)
            return True
        return self.open_draft(draft_id, self.settings.last_page, report_errors=False)

    def _save_settings(self) -> None:
        self.settings.geometry = bytes(self.saveGeometry().toBase64()).decode()
        self.settings.window_state = bytes(self.saveState().toBase64()).decode()
        try:
            self.settings.save()
        except OSError as exc:
            log.warning("cannot save settings: %s", exc)

    def about(self) -> None:
        """帮助 → 关于: version, library versions and the third-party licences."""
        from beian_desktop.gui.about_dialog import show_about

        show_about(self)

    def closeEvent(self, event) -> None:
        self._flush()
        if self.reminders is not None:
            self.reminders.stop()
        if getattr(self, "office", None) is not None:
            self.office.stop()
        if self._in_wizard() and self.wizard.draft_id:
            self.settings.last_draft_id = self.wizard.draft_id
            self.settings.last_page = self.wizard.current_page().page_id
        else:
            self.settings.last_page = ""
        self._save_settings()
        super().closeEvent(event)


__all__ = ["MainWindow"]
