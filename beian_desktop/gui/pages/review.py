"""Step 8: review tracking — the expected bureau result window in working days and the status timeline."""

from __future__ import annotations

from datetime import date

from beian_desktop.domain.deadlines import add_working_days
from beian_desktop.domain.rules import rules_in_force, source_title
from beian_desktop.gui import timeutil
from beian_desktop.gui.forms.ui_page_review import Ui_PageReview
from beian_desktop.gui.i18n_qt import msg_text, translate
from beian_desktop.gui.pages.base import WizardPage
from beian_desktop.gui.timeline import TimelineWidget


class ReviewPage(WizardPage):
    page_id = "review"
    form_class = Ui_PageReview

    def __init__(self, wizard) -> None:
        super().__init__(wizard)
        # the status timeline (every attempt, deadlines, SMS done) goes between the review window and the closing hint
        self.timeline_widget = TimelineWidget(self)
        self.timeline_widget.setObjectName("timelineWidget")
        self.ui.pageLayout.insertWidget(self.ui.pageLayout.indexOf(self.ui.afterHint), self.timeline_widget, 1)
        self.timeline_widget.changed.connect(self.wizard.progress_updated)

    def title(self) -> str:
        return translate("ReviewPage", "审核跟踪")

    def field_changed(self, path: str) -> None:
        if path.startswith("progress."):
            self.refresh()

    def refresh(self) -> None:
        if self.timeline_widget.application() is not self.app:
            self.timeline_widget.set_application(self.app)
        else:
            self.timeline_widget.refresh()
        self._fill_window()

    def _fill_window(self) -> None:
        ui = self.ui
        from beian_desktop.domain import progress as pg

        # the same record as the timeline below: a time counts only once that step is on the current attempt
        bureau = pg.stage_time(self.app.progress, "bureau_review")
        start = bureau.date() if bureau else date.today()
        review = rules_in_force(start).review
        low, high = review.bureau_min_working_days, review.bureau_max_working_days
        first = add_working_days(start, low)
        last = add_working_days(start, high)
        if bureau is None:
            text = translate("ReviewPage", "管局审核一般需要 {low}-{high} 个工作日（阿里云初审约 {first} 个工作日）。记录“已提交管局”后显示预计日期；若今天提交，预计在 {d1} 至 {d2} 之间出结果。")
        else:
            text = translate("ReviewPage", "已于 {start} 提交管局。管局审核一般需要 {low}-{high} 个工作日（阿里云初审约 {first} 个工作日），预计在 {d1} 至 {d2} 之间出结果。")
        ui.windowLabel.setText(text.format(low=low, high=high, first=review.aliyun_first_review_working_days,
                                           d1=first.date.isoformat(), d2=last.date.isoformat(),
                                           start=timeutil.labelled(bureau) if bureau else ""))
        note = translate("ReviewPage", "按中国法定节假日和调休计算工作日。规则来源：{source}（{date} 起）。").format(
            source=msg_text(source_title(review.source)), date=review.effective_date.isoformat())
        if first.estimate or last.estimate:
            note += "\n" + translate("ReviewPage", "注意：日期超出节假日数据范围，按周一至周五估算。")
        ui.estimateNote.setText(note)
