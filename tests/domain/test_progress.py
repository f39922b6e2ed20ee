"""The filing timeline: allowed moves, the history of attempts, deadlines from the rules in force, and reminders."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from beian_desktop.domain import progress as pg
from beian_desktop.domain.deadlines import WorkingDayResult, add_working_days
from beian_desktop.domain.model import Application, ProgressStatus as S, Website

CST = pg.CST


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=CST)


def make_app(province: str = "110000", domain: str = "example.com") -> Application:
    app = Application(websites=[Website(domains=[domain])])
    app.subject.province = province
    app.subject.name = "示例科技有限公司"
    return app


def run_to(app: Application, statuses: list[tuple[S, str]], now: datetime) -> None:
    for status, when in statuses:
        pg.advance(app, status, at=at(when), now=now)


# ---- state machine --------------------------------------------------------------------------------------------------

def test_full_happy_path_records_each_step_with_time_and_note():
    app = make_app()
    now = at("2026-06-30T12:00")
    pg.advance(app, S.SUBMITTED, at=at("2026-06-01T09:00"), note="订单号 123", now=now)
    pg.advance(app, S.FIRST_REVIEW, at=at("2026-06-01T10:00"), now=now)
    pg.advance(app, S.PHOTO_VERIFICATION, at=at("2026-06-02T10:00"), now=now)
    pg.advance(app, S.BUREAU_REVIEW, at=at("2026-06-03T10:00"), now=now)
    pg.advance(app, S.APPROVED, at=at("2026-06-10T10:00"), note="京ICP备12345678号-2", now=now)
    p = app.progress
    assert p.status is S.APPROVED
    assert [e.status for e in p.events] == [S.SUBMITTED, S.FIRST_REVIEW, S.PHOTO_VERIFICATION, S.BUREAU_REVIEW, S.APPROVED]
    assert p.events[0].note == "订单号 123" and p.events[0].at == "2026-06-01T09:00:00+08:00"
    assert p.submitted_at == "2026-06-01T09:00:00+08:00"
    assert p.bureau_submitted_at == "2026-06-03T10:00:00+08:00"
    assert pg.allowed_transitions(S.APPROVED) == ()
    with pytest.raises(pg.ProgressError):
        pg.advance(app, S.RETURNED, note="x", now=now)


def test_backward_moves_and_skipping_submission_are_refused_with_a_bilingual_message():
    app = make_app()
    now = at("2026-06-30T12:00")
    with pytest.raises(pg.ProgressError) as err:
        pg.advance(app, S.BUREAU_REVIEW, now=now)
    assert "不能" in err.value.message.zh and "Cannot" in err.value.message.en
    pg.advance(app, S.SUBMITTED, at=at("2026-06-01T09:00"), now=now)
    pg.advance(app, S.BUREAU_REVIEW, at=at("2026-06-02T09:00"), now=now)  # skipping forward is fine
    with pytest.raises(pg.ProgressError):
        pg.advance(app, S.FIRST_REVIEW, now=now)
    assert app.progress.status is S.BUREAU_REVIEW and len(app.progress.events) == 2


def test_times_must_not_go_backwards_or_into_the_future():
    app = make_app()
    now = at("2026-06-30T12:00")
    pg.advance(app, S.SUBMITTED, at=at("2026-06-10T09:00"), now=now)
    with pytest.raises(pg.ProgressError, match="before the previous step"):
        pg.advance(app, S.FIRST_REVIEW, at=at("2026-06-09T09:00"), now=now)
    with pytest.raises(pg.ProgressError, match="future"):
        pg.advance(app, S.FIRST_REVIEW, at=at("2026-07-02T09:00"), now=now)
    with pytest.raises(pg.ProgressError, match="Unrecognised time"):
        pg.advance(app, S.FIRST_REVIEW, at="yesterday", now=now)


def test_returned_needs_a_reason_sends_the_draft_back_to_editing_and_keeps_both_attempts():
    app = make_app()
    now = at("2026-06-30T12:00")
    run_to(app, [(S.SUBMITTED, "2026-06-01T09:00"), (S.FIRST_REVIEW, "2026-06-01T10:00")], now)
    with pytest.raises(pg.ProgressError, match="reason"):
        pg.advance(app, S.RETURNED, at=at("2026-06-02T10:00"), now=now)
    pg.advance(app, S.RETURNED, at=at("2026-06-02T10:00"), note="身份证照片反光", now=now)
    assert pg.is_editable(app.progress)
    assert pg.returned_reason(app.progress) == "身份证照片反光"
    reminders = pg.reminders(app, now)
    assert any(r.kind == "returned" and "身份证照片反光" in r.message.zh for r in reminders)

    pg.advance(app, S.SUBMITTED, at=at("2026-06-05T09:00"), note="第二次", now=now)
    assert not pg.is_editable(app.progress)
    assert pg.returned_reason(app.progress) == ""
    pg.advance(app, S.BUREAU_REVIEW, at=at("2026-06-08T09:00"), now=now)
    pg.advance(app, S.APPROVED, at=at("2026-06-12T09:00"), now=now)

    history = pg.attempts(app.progress)
    assert [a.number for a in history] == [1, 2]
    assert history[0].outcome is S.RETURNED and history[0].reason == "身份证照片反光"
    assert [e.status for e in history[0].events] == [S.SUBMITTED, S.FIRST_REVIEW, S.RETURNED]
    assert history[1].outcome is S.APPROVED and history[1].events[0].note == "第二次"
    assert app.progress.submitted_at == "2026-06-05T09:00:00+08:00"


def test_history_survives_the_model_round_trip():
    app = make_app()
    now = at("2026-06-30T12:00")
    run_to(app, [(S.SUBMITTED, "2026-06-01T09:00")], now)
    pg.advance(app, S.RETURNED, at=at("2026-06-02T10:00"), note="域名未实名", now=now)
    pg.set_domain_realname_date(app, "2026-06-03")
    copy = Application.from_flat(app.to_flat())
    assert copy.progress == app.progress
    assert pg.returned_reason(copy.progress) == "域名未实名"


# ---- working days ---------------------------------------------------------------------------------------------------

def test_working_days_skip_the_national_day_holiday():
    assert add_working_days(date(2026, 9, 30), 1) == WorkingDayResult(date(2026, 10, 8), False)


def test_working_days_count_an_adjusted_saturday():
    assert add_working_days(date(2026, 10, 9), 1) == WorkingDayResult(date(2026, 10, 10), False)  # a working Saturday
    assert add_working_days(date(2026, 2, 13), 1) == WorkingDayResult(date(2026, 2, 14), False)  # Spring Festival make-up day


def test_working_days_beyond_the_calendar_data_are_weekdays_and_flagged_as_estimate():
    result = add_working_days(date(2026, 12, 30), 3)
    assert result.estimate is True
    assert result.date == date(2027, 1, 4)  # 31 Dec (known), then Fri 1 Jan and Mon 4 Jan counted as weekdays
    assert add_working_days(date(2026, 12, 1), 3).estimate is False


# ---- deadlines ------------------------------------------------------------------------------------------------------

def _at_bureau(province: str, bureau_time: str, now: datetime) -> Application:
    app = make_app(province)
    submitted = (datetime.fromisoformat(bureau_time) - timedelta(days=2)).isoformat()
    run_to(app, [(S.SUBMITTED, submitted), (S.BUREAU_REVIEW, bureau_time)], now)
    return app


def _deadline(app: Application, kind: str, now: datetime) -> pg.Deadline:
    found = [d for d in pg.deadlines(app, now) if d.kind == kind]
    assert len(found) == 1, pg.deadlines(app, now)
    return found[0]


def test_sms_code_is_valid_24_hours_under_the_current_rule_in_every_province():
    now = at("2026-06-03T10:00")
    app = _at_bureau("310000", "2026-06-03T08:00", now)
    sms = _deadline(app, "sms", now)
    assert sms.due == at("2026-06-04T08:00") and sms.state == "pending"
    assert sms.rule.effective_date == date(2020, 8, 17)
    assert _deadline(app, "sms", at("2026-06-04T08:01")).state == "overdue"
    assert pg.is_overdue(app, at("2026-06-04T08:01"))
    pg.mark_sms_verified(app, at=at("2026-06-03T09:00"), now=now)
    assert _deadline(app, "sms", at("2026-06-04T08:01")).state == "done"


def test_sms_rule_of_2018_gave_48_hours_only_in_the_seven_pilot_provinces():
    now = at("2019-05-20T10:00")
    tianjin = _at_bureau("120000", "2019-05-20T08:00", now)
    assert _deadline(tianjin, "sms", now).due == at("2019-05-22T08:00")
    beijing = _at_bureau("110000", "2019-05-20T08:00", now)
    assert [d.kind for d in pg.deadlines(beijing, now)].count("sms") == 0


def test_bureau_review_window_counts_working_days_across_the_holiday():
    now = at("2026-09-30T12:00")
    app = _at_bureau("110000", "2026-09-30T10:00", now)
    review = _deadline(app, "bureau_review", now)
    # 20 working days after 30 Sep 2026: 8, 9, 10 (adjusted Saturday), 12-16, 19-23, 26-30 Oct, 2, 3 Nov.
    assert review.due.date() == date(2026, 11, 3) and review.estimate is False
    assert review.earliest.date() == date(2026, 10, 8)
    assert _deadline(app, "bureau_review", at("2026-11-03T23:00")).state == "pending"
    assert _deadline(app, "bureau_review", at("2026-11-04T00:30")).state == "overdue"
    pg.advance(app, S.APPROVED, at=at("2026-10-20T09:00"), now=at("2026-11-10T00:00"))
    assert _deadline(app, "bureau_review", at("2026-11-10T00:00")).state == "done"


def test_bureau_review_window_running_past_the_calendar_data_is_an_estimate():
    now = at("2026-12-20T12:00")
    app = _at_bureau("110000", "2026-12-20T10:00", now)
    review = _deadline(app, "bureau_review", now)
    assert review.estimate is True
    assert review.due.weekday() < 5
    text = pg.reminders(app, now)
    assert any("估计" in r.message.zh and "estimate" in r.message.en for r in text if r.kind == "bureau_review")


def test_a_returned_attempt_stops_its_clocks():
    now = at("2026-06-10T10:00")
    app = _at_bureau("110000", "2026-06-03T08:00", now)
    pg.advance(app, S.RETURNED, at=at("2026-06-03T09:00"), note="短信未核验", now=now)
    assert not pg.is_overdue(app, at("2026-07-30T00:00"))
    assert all(d.state == "done" for d in pg.deadlines(app, at("2026-07-30T00:00")))


def test_domain_real_name_wait_before_submitting():
    app = make_app()
    pg.set_domain_realname_date(app, "2026-09-29")
    wait = _deadline(app, "domain_sync", at("2026-09-30T09:00"))
    assert wait.due.date() == date(2026, 10, 9)  # 30 Sep, 8 Oct, 9 Oct
    assert wait.state == "pending"
    assert _deadline(app, "domain_sync", at("2026-10-10T09:00")).state == "done"


# ---- reminders ------------------------------------------------------------------------------------------------------

def test_sms_reminder_reads_like_due_in_5_h_for_the_domain():
    now = at("2026-06-04T03:00")
    app = _at_bureau("110000", "2026-06-03T08:00", now)
    first = pg.reminders(app, now)[0]
    assert first.kind == "sms" and first.urgent and not first.overdue
    assert first.message.en.startswith("SMS verification due in 5 h for example.com")
    assert first.message.zh.startswith("example.com 的短信核验还剩 5 小时")


def test_overdue_reminders_come_first_and_the_summary_lists_every_draft():
    now = at("2026-06-05T09:00")
    late = _at_bureau("110000", "2026-06-03T08:00", now)
    calm = make_app(domain="calm.cn")
    pg.set_domain_realname_date(calm, "2026-06-04")
    reminders = pg.reminders(late, now)
    assert reminders[0].overdue and "overdue" in reminders[0].message.en
    text = pg.summary([late, calm], now, lang="en")
    assert "example.com" in text and "calm.cn" in text
    assert pg.summary([make_app()], now, lang="zh_CN") == "没有待办的备案期限。"
