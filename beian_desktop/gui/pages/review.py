"""Step 8: review tracking — the expected bureau result window in working days and the status timeline."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QMessageBox

from beian_desktop.domain import progress as progress_rules
from beian_desktop.domain.deadlines import add_working_days
from beian_desktop.domain.model import ProgressStatus
from beian_desktop.domain.rules import rules_in_force
from beian_desktop.gui import choices, timeutil
from beian_desktop.gui.forms.ui_page_review import Ui_PageReview
from beian_desktop.gui.i18n_qt import msg_text, translate
from beian_desktop.gui.pages.base import WizardPage


class ReviewPage(WizardPage):
    page_id = "review"
    form_class = Ui_PageReview

    def __init__(self, wizard) -> None:
        super().__init__(wizard)
        self.ui.addEvent.clicked.connect(self.add_event)
        self.timeline_widget = None
        try:  # the full timeline (attempts, deadlines, SMS done) when the progress module's widget is installed
            from beian_desktop.gui.timeline import TimelineWidget
        except ImportError:
            TimelineWidget = None  # noqa: N806 - the simple list below stays in place
        if TimelineWidget is not None:
            self.timeline_widget = TimelineWidget(self)
            self.timeline_widget.setObjectName("timelineWidget")
            index = self.ui.pageLayout.indexOf(self.ui.timelineGroup)
            self.ui.timelineGroup.setVisible(False)
            self.ui.pageLayout.insertWidget(index, self.timeline_widget, 1)
            self.timeline_widget.changed.connect(self.wizard.progress_updated)

    def title(self) -> str:
        return translate("ReviewPage", "审核跟踪")

    def field_changed(self, path: str) -> None:
        if path.startswith("progress."):
            self.refresh()

    def refresh(self) -> None:
        if self.timeline_widget is not None:
            if self.timeline_widget.application() is not self.app:
                self.timeline_widget.set_application(self.app)
            else:
                self.timeline_widget.refresh()
        else:
            self._fill_status_combo()
            self._fill_timeline()
        self._fill_window()

    def _fill_status_combo(self) -> None:
        combo = self.ui.eventStatus
        current = combo.currentData()
        combo.clear()
        for value, text in choices.status_choices():
            if value != ProgressStatus.DRAFT.value:
                combo.addItem(text, value)
        index = combo.findData(current)
        combo.setCurrentIndex(max(0, index))

    def _fill_timeline(self) -> None:
        self.ui.timeline.clear()
        if not self.app.progress.events:
            self.ui.timeline.addItem(translate("ReviewPage", "还没有记录。提交后在下面记录每一步的状态。"))
        for event in self.app.progress.events:
            when = timeutil.parse(event.at)
            text = f"{timeutil.display(when) if when else event.at}  {choices.status_label(event.status)}"
            if event.note:
                text += f" — {event.note}"
            self.ui.timeline.addItem(text)

    def _fill_window(self) -> None:
        ui = self.ui
        bureau = timeutil.parse(self.app.progress.bureau_submitted_at)
        start = bureau.date() if bureau else date.today()
        review = rules_in_force(start).review
        low, high = review.bureau_min_working_days, review.bureau_max_working_days
        first = add_working_days(start, low)
        last = add_working_days(start, high)
        if bureau is None:
            text = translate("ReviewPage", "管局审核一般需要 {low}-{high} 个工作日（阿里云初审约 {first} 个工作日）。填写“提交管局时间”后显示预计日期；若今天提交，预计在 {d1} 至 {d2} 之间出结果。")
        else:
            text = translate("ReviewPage", "已于 {start} 提交管局。管局审核一般需要 {low}-{high} 个工作日（阿里云初审约 {first} 个工作日），预计在 {d1} 至 {d2} 之间出结果。")
        ui.windowLabel.setText(text.format(low=low, high=high, first=review.aliyun_first_review_working_days,
                                           d1=first.date.isoformat(), d2=last.date.isoformat(),
                                           start=timeutil.display(bureau) if bureau else ""))
        note = translate("ReviewPage", "按中国法定节假日和调休计算工作日。规则来源：{source}（{date} 起）。").format(
            source=review.source, date=review.effective_date.isoformat())
        if first.estimate or last.estimate:
            note += "\n" + translate("ReviewPage", "注意：日期超出节假日数据范围，按周一至周五估算。")
        ui.estimateNote.setText(note)

    def add_event(self) -> None:
        status = self.ui.eventStatus.currentData()
        note = self.ui.eventNote.text().strip()
        try:
            progress_rules.advance(self.app, status, note=note)
        except progress_rules.ProgressError as exc:
            QMessageBox.warning(self, translate("ReviewPage", "无法记录状态"), msg_text(exc.message))
            return
        self.ui.eventNote.clear()
        self.wizard.progress_updated()
        self.refresh()
