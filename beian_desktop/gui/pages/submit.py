"""Step 7: what is still wrong (click to jump), submission times, and the SMS verification reminder with countdown."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidgetItem

from beian_desktop.domain.rules import rules_in_force, source_title
from beian_desktop.gui import timeutil
from beian_desktop.gui.choices import province_name
from beian_desktop.gui.forms.ui_page_submit import Ui_PageSubmit
from beian_desktop.gui.i18n_qt import count, msg_text, translate
from beian_desktop.gui.pages.base import WizardPage
from beian_desktop.gui.widgets.colours import colour
from beian_desktop.i18n import Msg

PATH_ROLE = Qt.ItemDataRole.UserRole
#: Alibaba Cloud's ICP filing console, where the applicant enters the data and submits
CONSOLE_URL = "https://beian.aliyun.com/"

#: the two submission times: (time edit, record button, timeline status). They are recorded on the timeline of the
#: review page (``domain.progress.advance``), the one record of the filing's progress; these rows only show and add to it.
TIME_ROWS = (("submittedAt", "submittedNow", "submitted"), ("bureauAt", "bureauNow", "bureau_review"))
BAD_TIME = Msg("无法识别的时间：请按 YYYY-MM-DD HH:MM 填写（北京时间），或留空表示现在。",
               "Unrecognised time: use YYYY-MM-DD HH:MM (Beijing time), or leave it empty for now.")


class SubmitPage(WizardPage):
    page_id = "submit"
    form_class = Ui_PageSubmit

    #: the user asked for the submission package (the main window runs the export)
    export_requested = Signal()

    def __init__(self, wizard) -> None:
        super().__init__(wizard)
        self.ui.problems.itemActivated.connect(self._jump)
        self.ui.problems.itemDoubleClicked.connect(self._jump)
        for edit_name, button_name, status in TIME_ROWS:
            getattr(self.ui, button_name).clicked.connect(lambda _c=False, e=edit_name, st=status: self.record(st, e))
        self.ui.exportButton.clicked.connect(self.export_requested)
        # where the applicant types everything in: a link to Alibaba Cloud's filing console
        self.console_link = QLabel(self)
        self.console_link.setObjectName("consoleLink")
        self.console_link.setOpenExternalLinks(True)
        self.console_link.setWordWrap(True)
        self.console_link.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.ui.submitGroupForm.insertRow(0, self.console_link)
        self._console_text()
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)
        self.deadline = None

    def title(self) -> str:
        return translate("SubmitPage", "提交与短信核验")

    def _console_text(self) -> None:
        self.console_link.setText(translate("SubmitPage", "在阿里云备案控制台填写并提交：") + f'<a href="{CONSOLE_URL}">{CONSOLE_URL}</a>'
                                  + translate("SubmitPage", "（各页输入框右端的按钮可复制内容）"))

    def retranslate(self) -> None:
        self._console_text()
        super().retranslate()

    # ---- checklist ------------------------------------------------------------------------------------------------
    def findings_changed(self) -> None:
        self._fill_problems()

    def _field_name(self, path: str) -> str:
        from beian_desktop.gui.field_labels import field_label

        return field_label(self.wizard, path)

    def problem_items(self) -> list[tuple[str, str, str]]:
        """(severity, path, text) of everything still to fix, errors first."""
        items = []
        for f in self.wizard.findings:
            items.append((f.severity, f.path, f"{self._field_name(f.path)}：{msg_text(f.message)}"))
        from beian_desktop.gui.field_labels import section_label

        for f in self.wizard.document_findings:  # the person the document belongs to, when it is a person's
            section = section_label(f.path, len(self.app.websites)) if f.path.startswith(("principal.", "owner.")) else ""
            items.append((f.severity, f.path, (section + " · " if section else "") + msg_text(f.message)))
        items.sort(key=lambda i: i[0] != "error")
        return items

    def _fill_problems(self) -> None:
        ui = self.ui
        ui.problems.clear()
        items = self.problem_items()
        for severity, path, text in items:
            prefix = translate("SubmitPage", "错误") if severity == "error" else translate("SubmitPage", "提醒")
            item = QListWidgetItem(f"[{prefix}] {text}")
            item.setData(PATH_ROLE, path)
            item.setForeground(QColor(colour(severity)))
            ui.problems.addItem(item)
        errors = sum(1 for i in items if i[0] == "error")
        warnings = len(items) - errors
        if not self.wizard.validator_available:
            ui.readyLabel.setText(translate("SubmitPage", "检查器不可用 / checker not available：无法判断是否可以提交。"))
            ui.readyLabel.setStyleSheet(f"font-size: 13pt; font-weight: 600; color: {colour('warn')};")
        elif errors:
            ui.readyLabel.setText(translate("SubmitPage", "还不能提交：有 {errors}需要修改（另有 {warnings}）。").format(
                errors=count(errors, "个错误", "error"), warnings=count(warnings, "个提醒", "warning")))
            ui.readyLabel.setStyleSheet(f"font-size: 13pt; font-weight: 600; color: {colour('fail')};")
        else:
            ui.readyLabel.setText(translate("SubmitPage", "可以提交（{warnings}不影响提交）。").format(
                warnings=count(warnings, "个提醒", "warning")))
            ui.readyLabel.setStyleSheet(f"font-size: 13pt; font-weight: 600; color: {colour('pass')};")
        self.ready = self.wizard.validator_available and errors == 0

    ready = False
    _times_of = None

    def _jump(self, item: QListWidgetItem) -> None:
        self.wizard.jump_to_field(item.data(PATH_ROLE))

    # ---- submission times: read from and recorded on the timeline ---------------------------------------------------
    def record(self, status: str, edit_name: str) -> bool:
        """Record that the filing reached ``status`` at the typed time (empty: now) on the timeline."""
        from beian_desktop.domain import progress as pg

        edit: QLineEdit = getattr(self.ui, edit_name)
        text = edit.text().strip()
        # empty: now, to the minute like every time the user can type (a later step at "now" is then not "earlier")
        moment = timeutil.parse_typed(text) if text else timeutil.now_cst().replace(second=0, microsecond=0)
        if moment is None:
            self._show_times_message(msg_text(BAD_TIME), error=True)
            return False
        try:
            pg.advance(self.app, status, at=moment)
        except pg.ProgressError as error:
            self._show_times_message(msg_text(error.message), error=True)
            return False
        self.wizard.progress_updated()
        self._show_times_message("")
        self.refresh()
        return True

    def _show_times_message(self, text: str, *, error: bool = False) -> None:
        hint = self.ui.timesHint
        hint.setText(text or self._times_note())
        hint.setProperty("severity", "error" if error else "")
        hint.style().unpolish(hint)
        hint.style().polish(hint)

    def _times_note(self) -> str:
        return (translate("SubmitPage", "这两个时间记录在“审核跟踪”的进度记录里；留空表示现在。") + "\n"
                + msg_text(timeutil.zone_note()))

    def _fill_times(self) -> None:
        """Each row shows the time the timeline holds (read-only), or offers to record it when the step is allowed."""
        from beian_desktop.domain import progress as pg

        progress = self.app.progress
        allowed = set(pg.allowed_transitions(progress.status))
        for edit_name, button_name, status in TIME_ROWS:
            edit: QLineEdit = getattr(self.ui, edit_name)
            button = getattr(self.ui, button_name)
            when = pg.stage_time(progress, status)
            if when is not None:
                edit.setText(timeutil.display(when))
                edit.setReadOnly(True)
                button.setEnabled(False)
            else:
                can = pg.S(status) in allowed
                if edit.isReadOnly() or not can:
                    edit.clear()
                edit.setReadOnly(not can)
                button.setEnabled(can)
            edit.setPlaceholderText("" if edit.isReadOnly() else translate("SubmitPage", "YYYY-MM-DD HH:MM，留空表示现在"))

    def show_export_status(self, state: str, text: str) -> None:
        """Progress and outcome of the package export (``busy``, ``pass``, ``warn`` or ``fail``)."""
        busy = state == "busy"
        self.ui.exportProgress.setVisible(busy)
        self.ui.exportButton.setEnabled(not busy)
        self.ui.exportStatus.setText(text)
        self.ui.exportStatus.setVisible(bool(text))
        self.ui.exportStatus.setStyleSheet(f"color: {colour(state)};" if colour(state) else "")

    # ---- SMS --------------------------------------------------------------------------------------------------------
    def field_changed(self, path: str) -> None:
        if path.startswith("progress.") or path == "subject.province":
            self.refresh()

    def refresh(self) -> None:
        self._fill_problems()
        ui = self.ui
        if self._times_of is not self.app:  # another draft: forget what was typed or said for the previous one
            self._times_of = self.app
            for edit_name, _button, _status in TIME_ROWS:
                getattr(ui, edit_name).clear()
            self._show_times_message("")
            self.show_export_status("", "")
        self._fill_times()
        from beian_desktop.domain import progress as pg

        bureau = pg.stage_time(self.app.progress, "bureau_review")
        day = bureau.date() if bureau else date.today()
        self.deadline = None
        sms = rules_in_force(day).sms
        scope = (translate("SubmitPage", "所有省份") if sms.all_provinces
                 else "、".join(province_name(c) for c in sorted(sms.provinces)))
        rule_text = translate("SubmitPage", "短信核验规则（{date} 起施行）：适用于{scope}；提交管局后须在 {hours} 小时内完成。").format(
            date=sms.effective_date.isoformat(), scope=scope, hours=sms.complete_within_hours)
        if sms.code_valid_hours:
            rule_text += translate("SubmitPage", "12381 发送的 {digits} 位验证码 {valid} 小时内有效。").format(
                digits=sms.code_digits or 6, valid=sms.code_valid_hours)
        rule_text += "\n" + translate("SubmitPage", "来源：") + msg_text(source_title(sms.source))
        ui.smsRule.setText(rule_text)
        province = self.app.subject.province
        if province and not sms.applies_to(province):
            ui.smsDeadline.setText(translate("SubmitPage", "本省在该规则下不需要短信核验。"))
            self._set_countdown("")
            self._timer.stop()
            return
        if bureau is None:
            ui.smsDeadline.setText(translate("SubmitPage", "记录“已提交管局”后，这里会显示短信核验的截止时间和倒计时。"))
            self._set_countdown("")
            self._timer.stop()
            return

        self.deadline = bureau + timedelta(hours=sms.complete_within_hours)
        ui.smsDeadline.setText(translate("SubmitPage", "请在 {deadline} 前完成短信核验，否则申请会被退回。").format(
            deadline=timeutil.labelled(self.deadline)))
        self._tick()
        self._timer.start()

    def _set_countdown(self, text: str) -> None:
        self.ui.countdown.setText(text)
        self.ui.countdown.setVisible(bool(text))

    def _tick(self) -> None:
        if self.deadline is None:
            return
        left = self.deadline - timeutil.now_cst()
        if left.total_seconds() <= 0:
            self._set_countdown(translate("SubmitPage", "已超时"))
            self.ui.countdown.setStyleSheet(f"font-size: 16pt; font-weight: 600; color: {colour('fail')};")
        else:
            self._set_countdown(translate("SubmitPage", "剩余 {time}").format(time=timeutil.countdown(left)))
            self.ui.countdown.setStyleSheet("font-size: 16pt; font-weight: 600;")
