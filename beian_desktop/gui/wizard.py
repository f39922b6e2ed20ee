"""The filing wizard: a step list with free navigation, one page per step, autosave and live validation."""

from __future__ import annotations

import dataclasses
import logging
import re
import weakref
from collections import defaultdict
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractSpinBox, QApplication, QComboBox, QFrame, QLabel, QLineEdit, QListWidgetItem, QScrollArea, QWidget,
)

from beian_desktop.domain.model import Application
from beian_desktop.export.problems import Problem, count_errors, find_problems
from beian_desktop.gui.autosave import Autosave
from beian_desktop.gui.forms.ui_wizard import Ui_Wizard
from beian_desktop.gui.i18n_qt import msg_text, translate
from beian_desktop.gui.pages.base import WizardPage
from beian_desktop.gui.widgets.colours import colour
from beian_desktop.gui.widgets.binding import ORIGINAL_PREFIX, FieldBinder
from beian_desktop.gui.widgets.keyboard import enter_clicks_buttons
from beian_desktop.gui.wizard_fields import FieldLocationsMixin
from beian_desktop.i18n import Msg

log = logging.getLogger(__name__)

VALIDATE_DELAY_MS = 150
#: widest a page's content gets (1920×1080: fields no longer stretch across the whole screen)
MAX_PAGE_WIDTH = 1100


def page_classes() -> list[type[WizardPage]]:
    from beian_desktop.gui.pages.details import DetailsPage
    from beian_desktop.gui.pages.documents import DocumentsPage
    from beian_desktop.gui.pages.password import PasswordPage
    from beian_desktop.gui.pages.photo import PhotoPage
    from beian_desktop.gui.pages.product import ProductPage
    from beian_desktop.gui.pages.review import ReviewPage
    from beian_desktop.gui.pages.start import StartPage
    from beian_desktop.gui.pages.submit import SubmitPage

    # the seed's order: the documents are uploaded and the filing submitted; the site owner's photo verification comes
    # after Alibaba Cloud's first review has passed; then the bureau review with its SMS verification
    return [StartPage, ProductPage, PasswordPage, DetailsPage, DocumentsPage, SubmitPage, PhotoPage, ReviewPage]


def _disconnect(signal, slot) -> None:
    try:
        signal.disconnect(slot)
    except (RuntimeError, TypeError):  # already gone with the application
        pass


def plain(value: Any) -> Any:
    """Model value -> what the store keeps (enum values as strings)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return getattr(value, "value", value)


# autosave states shown beside the buttons (the conflict banner and the server indicator explain them)
SAVE_STATES = {
    "conflict": Msg("未保存：该字段已在别处修改，请在上方选择", "Not saved: changed elsewhere, choose above"),
    "offline": Msg("已暂存在本机", "Kept on this computer"),
}


class Wizard(FieldLocationsMixin, QWidget):
    """Shows one draft. The owner sets :attr:`store` and calls :meth:`load_draft`."""

    page_changed = Signal(str)
    #: the user asked for the submission package of the open draft (submit page button)
    export_requested = Signal()
    #: the filing status changed on the timeline (the draft list shows it)
    progress_changed = Signal()

    def __init__(self, store, autosave: Autosave, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_Wizard()
        self.ui.setupUi(self)
        self.store = store
        self.autosave = autosave
        self.app = Application()
        self.draft_id: str | None = None
        # everything still to fix (:func:`beian_desktop.export.problems.find_problems`), split for display
        self.problems: list[Problem] = []
        self.findings: list[Problem] = []  # about form fields
        self.document_findings: list[Problem] = []  # about uploaded files (document slots, photo)
        self.findings_by_path: dict[str, list[Problem]] = {}
        self.validator_available = True  # False only when the checks raised (a bug): "ready" is then unknown
        self.password = ""  # MIIT filing password: memory only, never saved
        self.binder = FieldBinder(self)
        self.binder.edited.connect(self._on_edited)
        self.pages: list[WizardPage] = []
        self._scrolls: list[QScrollArea] = []
        for cls in page_classes():
            page = cls(self)
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from the step list straight to the page's fields
            # on a wide screen the fields keep a readable width (the documents page: two columns of cards)
            page.setMaximumWidth(getattr(page, "max_width", MAX_PAGE_WIDTH))
            scroll.setWidget(page)
            self.ui.pages.addWidget(scroll)
            self.pages.append(page)
            self._scrolls.append(scroll)
            self.ui.steps.addItem(QListWidgetItem())
        for page in self.pages:
            page.bind_fields()
        self._enter_moves_focus()
        enter_clicks_buttons(self)
        for combo in self.findChildren(QComboBox):  # a long choice ("统一社会信用代码证件（营业执照等）") must not widen
            if combo.property("fitContents"):  # a few short fixed choices, shown whole (the photo profile)
                continue
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)  # the page
            combo.setMinimumContentsLength(10)
        self._add_copy_buttons()
        self.visited: set[str] = set()  # pages of the open draft the user has left (their errors are shown)
        self.touched: set[str] = set()  # fields the user has edited or left: "必填项" shows only there (and on left pages)
        self._page_of_path = {path: page.page_id for page in reversed(self.pages) for path in self.binder.paths()
                              if any(page.isAncestorOf(w) for w in self.binder.widgets(path))}
        # leaving a field counts as having visited it (one signal for the whole app: no per-event Python filter);
        # connected through a weak reference, so that the application's signal does not keep closed wizards alive
        self_ref = weakref.ref(self)

        def focus_changed(old: QWidget | None, new: QWidget | None) -> None:
            wizard = self_ref()
            if wizard is not None and shiboken6.isValid(wizard):
                wizard._focus_changed(old, new)

        app = QApplication.instance()
        app.focusChanged.connect(focus_changed)
        self.destroyed.connect(lambda *_: _disconnect(app.focusChanged, focus_changed))
        self._shown_page: str | None = None
        self.blocked_note = QLabel(self)
        self.blocked_note.setObjectName("blockedNote")
        self.blocked_note.setWordWrap(True)
        self.blocked_note.setVisible(False)
        self.ui.navLayout.insertWidget(1, self.blocked_note, 1)
        self.page("submit").export_requested.connect(self.export_requested)
        self._retranslate_steps()
        self.ui.steps.currentRowChanged.connect(self._on_step)
        self.ui.backButton.clicked.connect(self.back)
        self.ui.nextButton.clicked.connect(self.next)
        QShortcut(QKeySequence("Alt+Left"), self, self.back)
        QShortcut(QKeySequence("Alt+Right"), self, self.next)
        self._validate_timer = QTimer(self)
        self._validate_timer.setSingleShot(True)
        self._validate_timer.setInterval(VALIDATE_DELAY_MS)
        self._validate_timer.timeout.connect(self.validate_now)
        autosave.state_changed.connect(self._on_save_state)
        self.ui.steps.setCurrentRow(0)

    # ---- drafts ---------------------------------------------------------------------------------------------------
    def load_draft(self, draft_id: str, app: Application, page_id: str | None = None, *, version: int | None = None) -> None:
        """Show ``app``; its edits are autosaved checked against ``version`` (the version it was loaded at)."""
        self.autosave.set_draft(draft_id, version)  # writes what was pending for the previous draft first
        self.draft_id = draft_id
        self.app = app
        self.password = ""
        self.binder.load(app)
        for scroll in self._scrolls:  # each draft starts at the top of every page
            scroll.verticalScrollBar().setValue(0)
            scroll.horizontalScrollBar().setValue(0)
        for page in self.pages:
            page.refresh()
        ids = self.page_ids()
        step = app.progress.step if app.progress.step in ids else "start"
        # the pages before the one the user reached have been gone through
        self.visited = set(ids[:ids.index(step)])
        self.touched = set()
        self._shown_page = None
        self.validate_now()
        self.go_to(page_id or step, save=False)
        self.ui.saveState.setText(translate("Wizard", "已自动保存"))
        self.show_returned_banner()

    def _add_copy_buttons(self) -> None:
        """A copy button in every input whose value is typed into the Alibaba Cloud console (not the comparison
        record of the original filing, not the password)."""
        from beian_desktop.gui.widgets.copy_action import add_copy_action

        for path in self.binder.paths():
            if path.startswith(ORIGINAL_PREFIX):
                continue
            for widget in self.binder.widgets(path):
                if isinstance(widget, QLineEdit) and widget.echoMode() == QLineEdit.EchoMode.Normal:
                    add_copy_action(widget)

    def close_draft(self) -> None:
        """Forget the open draft (it was deleted from the list): nothing more is saved to it."""
        self.autosave.set_draft(None)
        self.draft_id = None

    def _enter_moves_focus(self) -> None:
        """Enter in a single-line field moves to the next field (like Tab) instead of doing nothing or submitting."""
        for page in self.pages:
            for edit in page.findChildren(QLineEdit):
                if isinstance(edit.parentWidget(), (QAbstractSpinBox, QComboBox)) or edit.property("keepEnter"):
                    continue  # the editor inside a spin box / date edit / combo box (or a list editor) keeps its Enter
                edit.returnPressed.connect(lambda e=edit: e.focusNextChild())

    def _focus_changed(self, old: QWidget | None, _new: QWidget | None) -> None:
        """Leaving a field counts as having visited it: its "required" error may show from now on."""
        if old is None or not self.isAncestorOf(old):
            return
        if isinstance(old, QLineEdit) and isinstance(old.parentWidget(), (QAbstractSpinBox, QComboBox)):
            old = old.parentWidget()
        path = old.property("fieldPath")
        if path and str(path) not in self.touched:
            self.touched.add(str(path))
            self._validate_timer.start()

    def bound_path(self, path: str) -> str:
        """The field input that shows ``path`` (``websites.0.domains.0`` is shown by ``websites.0.domains``)."""
        probe = path
        while probe:
            if self.binder.widgets(probe):
                return probe
            if "." not in probe:
                break
            probe = probe.rsplit(".", 1)[0]
        return path

    def revealed(self, path: str) -> bool:
        """May an empty required field be marked? Only once visited, or once its page was left (the user went on)."""
        first_site = re.sub(r"^websites\.\d+\.", "websites.0.", path.removeprefix(ORIGINAL_PREFIX))
        page_id = self._page_of_path.get(first_site, self._page_of_path.get(path))
        return path in self.touched or (page_id is not None and page_id in self.visited)

    # ---- returned filings -------------------------------------------------------------------------------------------
    def show_returned_banner(self) -> None:
        """While a returned filing is edited again, say so, with the reason, above every page."""
        from beian_desktop.domain import progress as pg

        reason = pg.returned_reason(self.app.progress)
        returned = self.draft_id is not None and (self.app.progress.status == pg.S.RETURNED or bool(reason))
        banner = self.ui.returnedBanner
        banner.setVisible(returned)
        if returned:
            banner.setText(msg_text(Msg(f"这份申请被退回了，已回到编辑状态。退回原因：{reason or '—'}。修改后在“审核跟踪”里记录重新提交。",
                                        f"This filing was returned and is back in editing. Reason: {reason or '—'}. "
                                        "Correct it, then record the new submission under “Review tracking”.")))
            banner.setStyleSheet(f"color: {colour('fail')}; font-weight: 600;")

    def progress_updated(self) -> None:
        """The timeline changed ``app.progress``: save it, and send a returned filing back to editing."""
        from beian_desktop.domain import progress as pg

        self.resave_prefix("progress.")
        self.show_returned_banner()
        self.progress_changed.emit()
        if self.app.progress.status == pg.S.RETURNED:
            self.jump_to_first_error()

    def first_error_path(self) -> str | None:
        """The field or document slot of the first error, in page order (None when nothing blocks)."""
        self.validate_now()
        paths = [p.path for p in self.findings + self.document_findings if p.is_error]  # the checklist's order
        ranked = [(self.page_index_of(path), order, path) for order, path in enumerate(paths)]
        ranked = [r for r in ranked if r[0] is not None]
        return min(ranked)[2] if ranked else None

    def jump_to_first_error(self) -> str | None:
        path = self.first_error_path()
        if path is None or not self.jump_to_field(path):
            self.go_to("start")
            return None
        return path

    # ---- navigation ---------------------------------------------------------------------------------------------
    def page_ids(self) -> list[str]:
        return [p.page_id for p in self.pages]

    def page(self, page_id: str) -> WizardPage:
        return self.pages[self.page_ids().index(page_id)]

    def current_page(self) -> WizardPage:
        return self.pages[max(0, self.ui.steps.currentRow())]

    def go_to(self, page_id: str, save: bool = True) -> None:
        ids = self.page_ids()
        row = ids.index(page_id) if page_id in ids else 0
        if self.ui.steps.currentRow() == row:
            self._on_step(row, save=save)
        else:
            self._save_step = save
            self.ui.steps.setCurrentRow(row)

    def back(self) -> None:
        self.ui.steps.setCurrentRow(max(0, self.ui.steps.currentRow() - 1))
        self.focus_first_field()

    def focus_first_field(self) -> QWidget | None:
        """Put the keyboard focus on the first input of the current page (after 新建, 下一步, 上一步)."""
        page = self.current_page()
        widget = page.nextInFocusChain()
        for _ in range(2000):
            if widget is page or not page.isAncestorOf(widget):
                break
            if (widget.isVisibleTo(page) and widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                    and not isinstance(widget, QScrollArea)):
                if isinstance(widget, QLineEdit) and isinstance(widget.parentWidget(), (QAbstractSpinBox, QComboBox)):
                    widget = widget.parentWidget()
                holder = widget.parentWidget()  # a compound editor (the domain list) starts at its typing field
                while holder is not None and holder is not page:
                    if holder.focusProxy() is not None and not isinstance(holder, (QAbstractSpinBox, QComboBox)):
                        widget = holder.focusProxy()
                        break
                    holder = holder.parentWidget()
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                return widget
            widget = widget.nextInFocusChain()
        return None

    def next(self) -> None:
        """Warnings and errors never block (errors only block "ready"); a filing that cannot be done does."""
        if self.blocked_reason() is not None:
            self._show_blocked()
            return
        self.ui.steps.setCurrentRow(min(len(self.pages) - 1, self.ui.steps.currentRow() + 1))
        self.focus_first_field()

    def blocked_reason(self) -> Msg | None:
        """Why this filing cannot go past the start page now (blocked, or not an access filing); None when it can."""
        from beian_desktop.domain.filing_type import Outcome, decide_filing_type

        decision = decide_filing_type(self.app.answers)
        if decision.outcome in (Outcome.BLOCKED, Outcome.NOT_ACCESS):
            return decision.reason
        return None

    def _show_blocked(self) -> None:
        """Say why the steps after the start page are closed, and disable them (and 下一步)."""
        reason = self.blocked_reason() if self.draft_id is not None else None
        note = self.blocked_note
        note.setVisible(reason is not None)
        if reason is not None:
            note.setText(translate("Wizard", "无法继续：") + msg_text(reason))
            note.setStyleSheet(f"color: {colour('fail')};")
        for row in range(1, self.ui.steps.count()):
            item = self.ui.steps.item(row)
            flags = item.flags()
            if reason is None:
                flags |= Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            else:
                flags &= ~(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            item.setFlags(flags)
        row = self.ui.steps.currentRow()
        self.ui.nextButton.setEnabled(reason is None and 0 <= row < len(self.pages) - 1)

    # ---- step states ------------------------------------------------------------------------------------------------
    def step_states(self) -> list[str]:
        """Per page: ``error`` (errors on a page the user has left), ``done`` (left without errors) or ``todo``."""
        errors: dict[int, int] = defaultdict(int)
        ids = self.page_ids()
        for p in self.findings + self.document_findings:
            if not p.is_error:
                continue
            if p.about_file:  # files: the photo page or the documents page (no need to build the slots)
                index = ids.index("photo" if p.path.startswith("photo") else "documents")
            else:
                index = self.page_index_of(p.path)
            if index is not None:
                errors[index] += 1
        self._step_errors = dict(errors)
        states = []
        for i, page in enumerate(self.pages):
            if page.page_id == "photo" and self.app.photo_verification.shanghai_app_done_at and not errors.get(i):
                states.append("done")  # Shanghai: the bureau app's check was recorded as done
            elif page.page_id not in self.visited:
                states.append("todo")
            else:
                states.append("error" if errors.get(i) else "done")
        return states

    _step_errors: dict[int, int] = {}

    def _update_steps(self) -> None:
        marks = {"done": "✓", "error": "✗", "todo": "○"}
        tints = {"done": colour("pass"), "error": colour("fail"), "todo": ""}
        names = {"done": translate("Wizard", "已完成"), "error": translate("Wizard", "有错误"),
                 "todo": translate("Wizard", "未开始")}
        for i, (page, state) in enumerate(zip(self.pages, self.step_states())):
            item = self.ui.steps.item(i)
            item.setText(f"{marks[state]} {i + 1}. {page.title()}")
            item.setData(Qt.ItemDataRole.UserRole, state)
            status = names[state]
            if state == "error":
                status += translate("Wizard", "（{n} 个）").format(n=self._step_errors.get(i, 0))
            item.setToolTip(status)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{i + 1}. {page.title()}: {status}")
            item.setForeground(QColor(tints[state]) if tints[state] else self.ui.steps.palette().text())

    _save_step = True

    def _on_step(self, row: int, save: bool | None = None) -> None:
        if row < 0:
            return
        save = self._save_step if save is None else save
        self._save_step = True
        if row > 0 and self.draft_id is not None and self.blocked_reason() is not None:
            self.ui.steps.setCurrentRow(0)  # a blocked filing stays on the start page
            return
        if self._shown_page is not None and self._shown_page != self.pages[row].page_id:
            if self._shown_page not in self.visited:
                self.visited.add(self._shown_page)  # a page counts as gone through once the user leaves it
                self._show_field_findings()
        self._shown_page = self.pages[row].page_id
        self.ui.pages.setCurrentIndex(row)
        page = self.pages[row]
        page.refresh()
        self.ui.pageTitle.setText(page.title())
        self.ui.backButton.setEnabled(row > 0)
        self._show_blocked()
        self._update_steps()
        if self.draft_id is not None and self.app.progress.step != page.page_id:
            self.app.progress.step = page.page_id
            if save:
                self.autosave.field_changed("progress.step", page.page_id)
                self.autosave.flush()
        self.page_changed.emit(page.page_id)

    # ---- edits ------------------------------------------------------------------------------------------------------
    def set_field(self, path: str, value: Any) -> None:
        """Programmatic edit (pages, tests): updates the model, the widgets, autosave and validation."""
        self.binder.set_value(path, value)
        self._on_edited(path, value)

    def _on_edited(self, path: str, value: Any) -> None:
        self.touched.add(path)
        if path.startswith(ORIGINAL_PREFIX):
            key = path[len(ORIGINAL_PREFIX):]
            if value in ("", [], None):
                self.app.original.fields.pop(key, None)
            else:
                self.app.original.fields[key] = value
            self.autosave.field_changed("original.fields", dict(self.app.original.fields))
        else:
            self.app.set(path, value)
            self.autosave.field_changed(path, plain(self.app.get(path)))
        for page in self.pages:
            page.field_changed(path)
        self._validate_timer.start()

    def apply_stored(self, fields: dict[str, Any], keep: set[str], *, quiet: tuple[str, ...] = ()) -> bool:
        """Show fields another station stored (live refresh), except ``keep`` (edited here, not saved yet); ``quiet``
        paths only update the model. False when a field has no input of its own (the caller reloads the draft)."""
        inputs = set(self.binder.paths())
        if any(p not in inputs and p not in quiet and p not in keep for p in fields):
            return False
        for path, value in fields.items():
            if path in keep:
                continue
            self.app.set(path, value)
            if path in inputs:
                self.binder.set_value(path, value)
                for page in self.pages:
                    page.field_changed(path)
        self._validate_timer.start()
        return True

    def resave_prefix(self, prefix: str) -> None:
        """After the model was changed directly (e.g. by ``progress.advance``): show, autosave and re-check ``prefix*``."""
        flat = self.app.to_flat()
        for path, value in flat.items():
            if path.startswith(prefix):
                self.binder.set_value(path, value)
                self.autosave.field_changed(path, value)
        self.autosave.flush()
        for page in self.pages:
            page.field_changed(prefix)
        self._validate_timer.start()

    def save_now(self) -> bool:
        return self.autosave.flush()

    # ---- validation -------------------------------------------------------------------------------------------------
    def validate_now(self) -> None:
        self._validate_timer.stop()
        try:
            problems = find_problems(self.app, self.store)
            self.validator_available = True
        except Exception:  # noqa: BLE001 - a validator bug must not take the editor down
            log.exception("validation failed")
            problems = []
            self.validator_available = False
        self.problems = problems
        self.findings = [p for p in problems if not p.about_file]
        self.document_findings = [p for p in problems if p.about_file]
        by_path: dict[str, list[Problem]] = defaultdict(list)
        for p in self.findings:
            path = self.bound_path(p.path)  # e.g. a bad second domain is shown at the domains input
            if path != p.path and re.fullmatch(r"websites\.\d+\.domains\.\d+", p.path):
                # the message under the list names the domain it is about (the row itself is marked as well)
                domain = str(self.app.get(p.path) or "")
                p = dataclasses.replace(p, message=Msg(f"{domain}：{p.message.zh}", f"{domain}: {p.message.en}"))
            by_path[path].append(p)
            if p.rule == "original_record" and p.is_error:  # also shown beside the "original:" input of the field
                by_path[ORIGINAL_PREFIX + path].append(p)
        self.findings_by_path = dict(by_path)
        self._show_field_findings()
        if self.draft_id is not None:
            # the count of the draft list, saved with the next autosave (None: the checks failed, count unknown)
            self.autosave.problems_changed(self.error_count() if self.validator_available else None)
        for page in self.pages:
            page.findings_changed()
        self._update_steps()
        self._show_blocked()

    def _show_field_findings(self) -> None:
        # no wall of red on a new draft: "required" waits until the field was visited or its page left
        shown = {path: [f for f in items if f.rule != "required" or self.revealed(path)]
                 for path, items in self.findings_by_path.items()}
        self.binder.show_findings(shown)
        self._mark_domain_rows()

    def _mark_domain_rows(self) -> None:
        """Each domain list marks the rows its findings are about (red: error, orange: warning)."""
        rows: dict[str, dict[int, tuple[str, str]]] = defaultdict(dict)
        for p in self.findings:
            match = re.fullmatch(r"(websites\.\d+\.domains)\.(\d+)", p.path)
            if match:
                before = rows[match.group(1)].get(int(match.group(2)), ("", ""))
                severity = "error" if "error" in (before[0], p.severity) else "warning"
                text = "\n".join(t for t in (before[1], msg_text(p.message)) if t)
                rows[match.group(1)][int(match.group(2))] = (severity, text)
        for path in self.binder.paths():
            if path.endswith(".domains"):
                for widget in self.binder.widgets(path):
                    if hasattr(widget, "mark_items"):
                        widget.mark_items(rows.get(path, {}))

    def error_count(self) -> int:
        """Errors that block "ready to submit" (fields and files): the number the draft list shows."""
        return count_errors(self.problems)

    # ---- texts ------------------------------------------------------------------------------------------------------
    def _retranslate_steps(self) -> None:
        self._update_steps()
        row = self.ui.steps.currentRow()
        if row >= 0:
            self.ui.pageTitle.setText(self.pages[row].title())

    def _on_save_state(self, state: str, message) -> None:
        if state == "pending":
            self.ui.saveState.setText(translate("Wizard", "正在保存…"))
        elif state == "saved":
            self.ui.saveState.setText(translate("Wizard", "已自动保存"))
        elif state in ("conflict", "offline"):  # the banner / the server indicator says the rest
            self.ui.saveState.setText(msg_text(SAVE_STATES[state]))
        else:
            text = translate("Wizard", "保存失败，稍后自动重试")
            if message is not None:
                text += "：" + msg_text(message)
            self.ui.saveState.setText(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self.binder.retranslate()
            from beian_desktop.gui.widgets import copy_action

            for edit in self.findChildren(QLineEdit):
                copy_action.retranslate(edit)
            self._retranslate_steps()
            self.ui.saveState.setText(translate("Wizard", "已自动保存") if self.draft_id else "")
            self.show_returned_banner()
        super().changeEvent(event)
