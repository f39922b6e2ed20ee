"""One record of the filing's progress (the timeline), every time in Beijing time and labelled; nothing of one draft
shows on another (issue 11, items 2 and 3)."""

from __future__ import annotations

from datetime import datetime

from beian_desktop.domain import progress as pg
from beian_desktop.domain.model import ProgressStatus as S
from beian_desktop.sample import sample_application
from gui_helpers import type_text


def _record_on_timeline(window, status: str, at: str) -> None:
    from PySide6.QtCore import QDateTime, Qt

    timeline = window.wizard.page("review").timeline_widget
    window.wizard.go_to("review")
    index = timeline.status_combo.findData(status)
    assert index >= 0, status
    timeline.status_combo.setCurrentIndex(index)
    timeline.at_edit.setDateTime(QDateTime.fromString(at, Qt.DateFormat.ISODate))
    assert timeline.advance()


def test_submission_times_are_one_record_and_survive_each_other(make_window, store):
    draft_id = store.drafts.create(sample_application("hangzhou"))
    window = make_window(restore=False)
    window.open_draft(draft_id, "submit")
    submit = window.wizard.page("submit")
    assert not submit.ui.bureauNow.isEnabled()  # not before the submission is recorded
    type_text(submit.ui.submittedAt, "2026-03-02 10:15")
    assert submit.record("submitted", "submittedAt")
    _record_on_timeline(window, "first_review", "2026-03-02T18:00")
    window.wizard.go_to("submit")
    assert submit.ui.submittedAt.text() == "2026-03-02 10:15" and submit.ui.submittedAt.isReadOnly()
    type_text(submit.ui.bureauAt, "2026-03-03 09:00")
    submit.ui.bureauNow.click()
    # recording on the review page (here: SMS done) keeps the bureau time of the submit page and its SMS clock
    window.wizard.go_to("review")
    review = window.wizard.page("review")
    timeline = review.timeline_widget
    assert [e.status for e in window.wizard.app.progress.events] == [S.SUBMITTED, S.FIRST_REVIEW, S.BUREAU_REVIEW]
    assert "2026-03-03 09:00（北京时间）" in review.ui.windowLabel.text()
    assert timeline.sms_button.isVisible()
    assert timeline.mark_sms_done()
    window.wizard.go_to("submit")
    assert submit.ui.bureauAt.text() == "2026-03-03 09:00"
    assert "2026-03-04 09:00（北京时间）" in submit.ui.smsDeadline.text()
    # the SMS deadline reads the same in the timeline's deadline list (not 01:00 local time in one place)
    texts = [timeline.deadlines.item(i).text() for i in range(timeline.deadlines.count())]
    assert any("2026-03-04 09:00（北京时间）" in t for t in texts), texts
    # and it is all in the database
    window.autosave.flush()
    saved = store.drafts.load(draft_id).progress
    assert [e.status for e in saved.events] == [S.SUBMITTED, S.FIRST_REVIEW, S.BUREAU_REVIEW]
    assert saved.bureau_submitted_at == "2026-03-03T09:00:00+08:00" and saved.sms_verified_at


def test_an_unreadable_or_refused_time_records_nothing(make_window, store):
    draft_id = store.drafts.create(sample_application("hangzhou"))
    window = make_window(restore=False)
    window.open_draft(draft_id, "submit")
    submit = window.wizard.page("submit")
    type_text(submit.ui.submittedAt, "not a time")
    assert not submit.record("submitted", "submittedAt")
    assert submit.ui.timesHint.property("severity") == "error" and "YYYY-MM-DD" in submit.ui.timesHint.text()
    type_text(submit.ui.submittedAt, "2099-01-01 10:00")  # in the future: the timeline refuses it
    assert not submit.record("submitted", "submittedAt")
    assert "未来" in submit.ui.timesHint.text()
    assert window.wizard.app.progress.events == [] and window.wizard.app.progress.status == S.DRAFT


def test_review_page_never_claims_a_bureau_submission_the_timeline_does_not_have(make_window, store):
    app = sample_application("hangzhou")
    app.progress.bureau_submitted_at = "2026-03-03T09:00:00+08:00"  # a stray value from an older version
    draft_id = store.drafts.create(app)
    window = make_window(restore=False)
    window.open_draft(draft_id, "review")
    review = window.wizard.page("review")
    assert "已于" not in review.ui.windowLabel.text()
    assert "草稿（编辑中）" in review.timeline_widget.title.text()
    window.wizard.go_to("submit")
    assert "记录“已提交管局”后" in window.wizard.page("submit").ui.smsDeadline.text()


def test_switching_drafts_leaves_nothing_of_the_other_behind(make_window, store):
    first = store.drafts.create(sample_application("hangzhou"))
    second = store.drafts.create(sample_application("shanghai"))
    window = make_window(restore=False, size=(1024, 700))
    window.open_draft(first, "details")
    wizard = window.wizard
    scroll = wizard._scrolls[wizard.page_ids().index("details")]
    scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())
    assert scroll.verticalScrollBar().value() > 0
    wizard.go_to("submit")
    submit = wizard.page("submit")
    window.exporter.draft_id = first
    window._export_status("pass", "已导出到 /tmp/first-package.zip")
    type_text(submit.ui.submittedAt, "2026-03-02 10:15")
    assert submit.ui.exportStatus.text().endswith("first-package.zip")
    window.show_list()
    window.open_draft(second, "submit")
    assert submit.ui.exportStatus.text() == "" and submit.ui.submittedAt.text() == ""
    wizard.go_to("details")
    assert scroll.verticalScrollBar().value() == 0
    window.show_list()
    window.open_draft(first, "submit")  # the first draft's own message comes back with it
    assert submit.ui.exportStatus.text().endswith("first-package.zip")


def test_every_time_shown_is_beijing_time_whatever_the_zone():
    from beian_desktop.gui import timeutil

    moment = datetime.fromisoformat("2026-03-04T01:00:00+00:00")  # 09:00 in Beijing
    assert timeutil.display(moment) == "2026-03-04 09:00"
    assert timeutil.labelled(moment) == "2026-03-04 09:00（北京时间）"
    assert timeutil.parse_typed("2026-03-04 09:00") == moment
    assert pg.format_time(timeutil.parse_typed("2026-03-04 09:00")) == "2026-03-04T09:00:00+08:00"
