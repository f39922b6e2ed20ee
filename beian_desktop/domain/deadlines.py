"""Deadline arithmetic: working days (工作日) and hour-based deadlines, in China Standard Time.

Working days come from ``chinese_calendar`` (statutory holidays and adjusted working Saturdays/Sundays). Its data
covers a fixed range of years (2004-2026 in chinese-calendar 1.11) and it raises ``NotImplementedError`` outside.
**Fallback:** for such days Monday-Friday count as working days and every result that consulted such a day is marked
``estimate=True`` so the GUI can say "about".

Hour-based deadlines (SMS verification within 24 h / 48 h) are plain hour arithmetic on timezone-aware datetimes;
naive datetimes are taken as China Standard Time (UTC+8, no daylight saving).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

import chinese_calendar

from beian_desktop.domain.rules import RuleSet, rules_in_force

__all__ = [
    "CST",
    "ReviewWindow",
    "WorkingDayCount",
    "WorkingDayResult",
    "add_working_days",
    "calendar_covers",
    "hours_deadline",
    "is_working_day",
    "review_window",
    "sms_deadline",
    "working_day_status",
    "working_days_between",
]

#: China Standard Time. A fixed offset: China has no daylight saving, and this needs no tz database on Windows.
CST = timezone(timedelta(hours=8), "CST")


@dataclass(frozen=True, slots=True)
class WorkingDayResult:
    date: date
    estimate: bool  # True when a day outside chinese_calendar's data was counted as a plain weekday


@dataclass(frozen=True, slots=True)
class WorkingDayCount:
    days: int
    estimate: bool


def working_day_status(day: date) -> tuple[bool, bool]:
    """``(is_working_day, estimate)`` for one day."""
    try:
        return bool(chinese_calendar.is_workday(day)), False
    except NotImplementedError:
        return day.weekday() < 5, True


def is_working_day(day: date) -> bool:
    """Whether ``day`` is a working day (weekday fallback outside the calendar data)."""
    return working_day_status(day)[0]


def calendar_covers(day: date) -> bool:
    """Whether chinese_calendar has holiday data for ``day`` (i.e. results for it are not estimates)."""
    return not working_day_status(day)[1]


def add_working_days(start: date, n: int) -> WorkingDayResult:
    """The day on which ``n`` working days after ``start`` have passed (``start`` itself is not counted).

    ``add_working_days(friday, 1)`` is the next Monday (or the first working day after a holiday). ``n == 0`` gives
    ``start`` when it is a working day, else the next working day.
    """
    if n < 0:
        raise ValueError("n must be >= 0")
    if isinstance(start, datetime):
        start = start.date()
    estimate = False
    day = start
    if n == 0:
        working, est = working_day_status(day)
        estimate |= est
        while not working:
            day += timedelta(days=1)
            working, est = working_day_status(day)
            estimate |= est
        return WorkingDayResult(day, estimate)
    counted = 0
    while counted < n:
        day += timedelta(days=1)
        working, est = working_day_status(day)
        estimate |= est
        counted += working
    return WorkingDayResult(day, estimate)


def working_days_between(a: date, b: date) -> WorkingDayCount:
    """Working days after ``a`` up to and including ``b`` (negative when ``b`` is before ``a``)."""
    if isinstance(a, datetime):
        a = a.date()
    if isinstance(b, datetime):
        b = b.date()
    sign = 1
    if b < a:
        a, b, sign = b, a, -1
    days = 0
    estimate = False
    day = a
    while day < b:
        day += timedelta(days=1)
        working, est = working_day_status(day)
        days += working
        estimate |= est
    return WorkingDayCount(sign * days, estimate)


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=CST) if moment.tzinfo is None else moment


def hours_deadline(start: datetime, hours: int) -> datetime:
    """``start`` plus ``hours`` (naive ``start`` = China Standard Time); the result is in China Standard Time."""
    return (_aware(start) + timedelta(hours=hours)).astimezone(CST)


def sms_deadline(bureau_submitted_at: datetime, province_code: str, rules: RuleSet | None = None) -> datetime | None:
    """When the MIIT SMS verification must be completed, counted from the hand-over to the bureau; ``None`` when the
    rule in force on that day does not require SMS verification for the province (2018: 7 pilot provinces only)."""
    moment = _aware(bureau_submitted_at)
    rules = rules or rules_in_force(moment.astimezone(CST).date())
    if not rules.sms.applies_to(province_code):
        return None
    return hours_deadline(moment, rules.sms.complete_within_hours)


@dataclass(frozen=True, slots=True)
class ReviewWindow:
    first_review: WorkingDayResult  # Alibaba Cloud's first review done by
    bureau_earliest: WorkingDayResult  # earliest bureau result
    bureau_latest: WorkingDayResult  # latest bureau result (normal case)

    @property
    def estimate(self) -> bool:
        return self.first_review.estimate or self.bureau_earliest.estimate or self.bureau_latest.estimate


def review_window(submitted: date, rules: RuleSet | None = None) -> ReviewWindow:
    """Expected dates after submitting on ``submitted``: Alibaba Cloud's review, then the bureau's window."""
    if isinstance(submitted, datetime):
        submitted = _aware(submitted).astimezone(CST).date()
    rules = rules or rules_in_force(submitted)
    first = add_working_days(submitted, rules.review.aliyun_first_review_working_days)
    earliest = add_working_days(first.date, rules.review.bureau_min_working_days)
    latest = add_working_days(first.date, rules.review.bureau_max_working_days)
    return ReviewWindow(
        first,
        WorkingDayResult(earliest.date, earliest.estimate or first.estimate),
        WorkingDayResult(latest.date, latest.estimate or first.estimate),
    )
