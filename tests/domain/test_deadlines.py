"""Working days across Chinese holidays and past the calendar data; hour-based deadlines."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from beian_desktop.domain.deadlines import (
    CST,
    add_working_days,
    calendar_covers,
    hours_deadline,
    is_working_day,
    review_window,
    sms_deadline,
    working_days_between,
)
from beian_desktop.domain.rules import rules_in_force


def test_national_day_2025_is_skipped_and_adjusted_saturday_counts():
    # 2025: Oct 1-8 off; Sun Sep 28 and Sat Oct 11 are adjusted working days.
    assert is_working_day(date(2025, 9, 28))
    assert not is_working_day(date(2025, 10, 8))
    assert is_working_day(date(2025, 10, 11))
    result = add_working_days(date(2025, 9, 30), 1)
    assert result.date == date(2025, 10, 9) and not result.estimate
    assert add_working_days(date(2025, 9, 30), 3).date == date(2025, 10, 11)


def test_spring_festival_2025():
    # 2025 Spring Festival: Jan 28 - Feb 4 off; Sun Jan 26 and Sat Feb 8 are working days.
    assert add_working_days(date(2025, 1, 27), 1).date == date(2025, 2, 5)
    assert working_days_between(date(2025, 1, 24), date(2025, 2, 8)).days == 6  # 26, 27, 5, 6, 7, 8


def test_friday_plus_one_is_monday_and_zero_keeps_working_days():
    assert add_working_days(date(2025, 6, 6), 1).date == date(2025, 6, 9)
    assert add_working_days(date(2025, 6, 6), 0).date == date(2025, 6, 6)
    assert add_working_days(date(2025, 6, 7), 0).date == date(2025, 6, 9)
    with pytest.raises(ValueError):
        add_working_days(date(2025, 6, 6), -1)


def test_across_the_end_of_the_calendar_data_is_an_estimate():
    assert calendar_covers(date(2026, 12, 31)) and not calendar_covers(date(2027, 1, 4))
    inside = add_working_days(date(2026, 12, 1), 5)
    assert not inside.estimate
    result = add_working_days(date(2026, 12, 30), 3)
    assert result.estimate
    # Dec 31 2026 (Thu) is in the data; Jan 1 2027 onwards is counted as weekdays only: Fri 1, Mon 4.
    assert result.date == date(2027, 1, 4)
    assert working_days_between(date(2026, 12, 25), date(2027, 1, 8)).estimate
    assert not working_days_between(date(2026, 12, 1), date(2026, 12, 25)).estimate


def test_working_days_between_is_signed():
    assert working_days_between(date(2025, 6, 2), date(2025, 6, 9)).days == 5
    assert working_days_between(date(2025, 6, 9), date(2025, 6, 2)).days == -5
    assert working_days_between(date(2025, 6, 2), date(2025, 6, 2)).days == 0


def test_add_and_between_agree():
    start = date(2025, 9, 20)
    for n in range(1, 30, 7):
        end = add_working_days(start, n).date
        assert working_days_between(start, end).days == n


def test_hour_deadlines_use_china_time():
    start = datetime(2025, 10, 1, 9, 30)
    assert hours_deadline(start, 24) == datetime(2025, 10, 2, 9, 30, tzinfo=CST)
    utc = datetime(2025, 10, 1, 1, 30, tzinfo=timezone.utc)  # 09:30 in Beijing
    assert hours_deadline(utc, 48) == datetime(2025, 10, 3, 9, 30, tzinfo=CST)


def test_sms_deadline_follows_the_rule_in_force():
    # 2019: only the 7 pilot provinces, 48 h
    assert sms_deadline(datetime(2019, 3, 1, 10, 0), "110000") is None
    assert sms_deadline(datetime(2019, 3, 1, 10, 0), "120000") == datetime(2019, 3, 3, 10, 0, tzinfo=CST)
    # since 2020-08-17: every province, 24 h
    assert sms_deadline(datetime(2025, 3, 1, 10, 0), "110000") == datetime(2025, 3, 2, 10, 0, tzinfo=CST)


def test_review_window_current_rules():
    window = review_window(date(2025, 9, 30))
    assert window.first_review.date == date(2025, 10, 9)
    assert window.bureau_earliest.date == date(2025, 10, 10)
    assert window.bureau_latest.date == add_working_days(date(2025, 10, 9), 20).date
    assert not window.estimate


def test_review_window_seed_rules_and_estimate():
    seed = review_window(date(2019, 6, 3), rules_in_force(date(2019, 6, 3)))
    assert seed.bureau_earliest.date - seed.first_review.date >= timedelta(days=3)
    assert review_window(date(2026, 12, 20)).estimate
