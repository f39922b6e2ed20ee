"""Step 7: what is still wrong (click to jump), submission times, and the SMS verification reminder with countdown."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLineEdit, QListWidgetItem

from beian_desktop.domain.rules import rules_in_force
from beian_desktop.gui import timeutil
from beian_desktop.gui.choices import province_name
from beian_desktop.gui.forms.ui_page_submit import Ui_PageSubmit
from beian_desktop.gui.i18n_qt import msg_text, translate
from beian_desktop.gui.pages.base import WizardPage
from beian_desktop.gui.widgets.colours import colour
from beian_desktop.i18n import Msg

PATH_ROLE = Qt.ItemDataRole.UserRole

#: the two time fields: shown and typed in local time, stored in Beijing time (see ``timeutil``)
TIME_FIELDS = (("submittedAt", "progress.submitted_at"), ("bureauAt", "progress.bureau_submitted_at"))
BAD_TIME = Msg("无法识别的时间：请按 YYYY-MM-DD HH:MM 填写（本机时间）。",
               "Unrecognised time: use YYYY-MM-DD HH:MM (this computer's local time).")


class SubmitPage(WizardPage):
    page_id = "submit"
    form_class = Ui_PageSubmit

    #: the user asked for the submission package (the main window runs the export)
    export_requested = Signal()

    def __init__(self, wizard) -> None:
        super().__init__(wizard)
        self.ui.problems.itemActivated.connect(self._jump)
        self.ui.problems.itemDoubleClicked.connect(self._jump)
        self.ui.submittedNow.clicked.connect(lambda: self._set_now("progress.submitted_at"))
        self.ui.bureauNow.clicked.connect(lambda: self._set_now("progress.bureau_submitted_at"))
        self.ui.exportButton.clicked.connect(self.export_requested)
        for name, path in TIME_FIELDS:
            edit: QLineEdit = getattr(self.ui, name)
            edit.textEdited.connect(lambda text, p=path, e=edit: self._time_edited(p, e, text))
            edit.editingFinished.connect(lambda p=path, e=edit: self._show_time(p, e))
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)
        self.deadline = None

    def title(self) -> str:
        return translate("SubmitPage", "提交与短信核验")

    # ---- checklist ------------------------------------------------------------------------------------------------
    def findings_changed(self) -> None:
        self._fill_problems()

    def _field_name(self, path: str) -> str:
        for w in self.wizard.binder.widgets(path):
            if w.accessibleName():
                return w.accessibleName()
        return path

    def problem_items(self) -> list[tuple[str, str, str]]:
        """(severity, path, text) of everything still to fix, errors first."""
        items = []
        for f in self.wizard.findings:
            items.append((f.severity, f.path, f"{self._field_name(f.path)}：{msg_text(f.message)}"))
        for f in self.wizard.document_findings:
            items.append((f.severity, f.path, msg_text(f.message)))
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
            ui.readyLabel.setText(translate("SubmitPage", "还不能提交：有 {n} 个错误需要修改（另有 {w} 个提醒）。").format(n=errors, w=warnings))
            ui.readyLabel.setStyleSheet(f"font-size: 13pt; font-weight: 600; color: {colour('fail')};")
        else:
            ui.readyLabel.setText(translate("SubmitPage", "可以提交（{w} 个提醒不影响提交）。").format(w=warnings))
            ui.readyLabel.setStyleSheet(f"font-size: 13pt; font-weight: 600; color: {colour('pass')};")
        self.ready = self.wizard.validator_available and errors == 0

    ready = False
    _times_of = None

    def _jump(self, item: QListWidgetItem) -> None:
        self.wizard.jump_to_field(item.data(PATH_ROLE))

    def _set_now(self, path: str) -> None:
        self.wizard.set_field(path, timeutil.to_store(timeutil.now_cst().replace(second=0, microsecond=0)))
        self.refresh()

    # ---- times (local on screen, Beijing time in the model) ---------------------------------------------------------
    def _time_edited(self, path: str, edit: QLineEdit, text: str) -> None:
        moment = timeutil.parse_local(text)
        if text.strip() and moment is None:
            edit.setProperty("severity", "error")
            self.ui.timesHint.setText(msg_text(BAD_TIME))
            self.ui.timesHint.setProperty("severity", "error")
        else:
            edit.setProperty("severity", "")
            self.ui.timesHint.setProperty("severity", "")
            self.wizard.set_field(path, timeutil.to_store(moment) if moment else "")
            self._times_hint()
        for widget in (edit, self.ui.timesHint):
            widget.style().unpolish(widget)
            widget.style().polish(widget)

    def _show_time(self, path: str, edit: QLineEdit) -> None:
        """Show the stored value again (normalised), unless the text is still unreadable."""
        if edit.property("severity") == "error":
            return
        stored = str(self.app.get(path) or "")
        edit.setText(timeutil.display_stored(stored))

    def _times_hint(self) -> None:
        note = msg_text(timeutil.zone_note())
        self.ui.timesHint.setText(note)
        for name, _path in TIME_FIELDS:
            getattr(self.ui, name).setToolTip(note)

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
        if self._times_of is not self.app:  # another draft: forget a half-typed time of the previous one
            self._times_of = self.app
            for widget in (ui.submittedAt, ui.bureauAt, ui.timesHint):
                widget.setProperty("severity", "")
        for name, path in TIME_FIELDS:
            edit: QLineEdit = getattr(ui, name)
            if not edit.hasFocus() and edit.property("severity") != "error":
                edit.setText(timeutil.display_stored(str(self.app.get(path) or "")))
        if ui.timesHint.property("severity") != "error":
            self._times_hint()
        bureau = timeutil.parse(self.app.progress.bureau_submitted_at)
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
        rule_text += "\n" + translate("SubmitPage", "来源：") + sms.source
        ui.smsRule.setText(rule_text)
        province = self.app.subject.province
        if province and not sms.applies_to(province):
            ui.smsDeadline.setText(translate("SubmitPage", "本省在该规则下不需要短信核验。"))
            self._set_countdown("")
            self._timer.stop()
            return
        if bureau is None:
            ui.smsDeadline.setText(translate("SubmitPage", "填写“提交管局时间”后，这里会显示短信核验的截止时间和倒计时。"))
            self._set_countdown("")
            self._timer.stop()
            return

        self.deadline = bureau + timedelta(hours=sms.complete_within_hours)
        ui.smsDeadline.setText(translate("SubmitPage", "请在 {deadline} 前完成短信核验，否则申请会被退回。").format(
            deadline=timeutil.display(self.deadline)))
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
