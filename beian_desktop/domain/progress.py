"""Progress of a filing after it leaves the wizard: the status timeline, its deadlines and the reminders.

Timeline (a state machine over :class:`~beian_desktop.domain.model.ProgressStatus`)::

    draft → submitted → first_review → photo_verification → bureau_review (SMS verification) → approved
                 └───────────┴──────────────┴────────────────────┴──→ returned (with the reason) → submitted (attempt 2) …

* Forward moves may skip stages (the user often learns of two steps at once); backward moves are not allowed, except
  that ``returned`` sends the draft back to editing: it may then go to ``draft`` or straight to ``submitted`` again.
* Every move appends a :class:`ProgressEvent` (status, time, note); nothing is ever removed, so the history keeps every
  attempt (:func:`attempts`). The note of a ``returned`` event is the reason and is required.
* Deadlines come from the rules in force on the day each clock starts, read by :mod:`beian_desktop.domain.rules`: the
  MIIT SMS code validity after the submission to the bureau (``sms.json``: 48 h in the 2018 pilot provinces, 24 h
  everywhere since 2020-08-17), the bureau review window in working days and Alibaba Cloud's first review
  (``review.json``), and the domain real-name sync wait (``progress.json``). The arithmetic is done by
  :mod:`beian_desktop.domain.deadlines`: working days use ``chinese_calendar``; past the end of its data the result is
  weekdays only and flagged as an estimate.

Times are ISO strings; naive ones are read as China Standard Time (UTC+8, no daylight saving), which is what every
deadline of the filing system is expressed in. Plain Python: no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, Literal

from beian_desktop.domain import deadlines as _deadlines
from beian_desktop.domain import rules as domain_rules
from beian_desktop.domain.model import Application, Progress, ProgressEvent, ProgressStatus
from beian_desktop.errors import BeianError
from beian_desktop.i18n import Msg

S = ProgressStatus
CST = _deadlines.CST

STATUS_LABELS: dict[ProgressStatus, Msg] = {
    S.DRAFT: Msg("草稿（编辑中）", "Draft (editing)"),
    S.SUBMITTED: Msg("已提交阿里云", "Submitted to Alibaba Cloud"),
    S.FIRST_REVIEW: Msg("阿里云初审", "First review (Alibaba Cloud)"),
    S.PHOTO_VERIFICATION: Msg("网站负责人拍照核验", "Photo verification"),
    S.BUREAU_REVIEW: Msg("管局审核（短信核验）", "Bureau review (SMS verification)"),
    S.APPROVED: Msg("备案成功", "Approved"),
    S.RETURNED: Msg("被退回", "Returned"),
}

#: Allowed moves from each status.
TRANSITIONS: dict[ProgressStatus, tuple[ProgressStatus, ...]] = {
    S.DRAFT: (S.SUBMITTED,),
    S.SUBMITTED: (S.FIRST_REVIEW, S.PHOTO_VERIFICATION, S.BUREAU_REVIEW, S.APPROVED, S.RETURNED),
    S.FIRST_REVIEW: (S.PHOTO_VERIFICATION, S.BUREAU_REVIEW, S.APPROVED, S.RETURNED),
    S.PHOTO_VERIFICATION: (S.BUREAU_REVIEW, S.APPROVED, S.RETURNED),
    S.BUREAU_REVIEW: (S.APPROVED, S.RETURNED),
    S.APPROVED: (),
    S.RETURNED: (S.DRAFT, S.SUBMITTED),
}

#: Tolerated clock skew when a user enters a time "in the future".
FUTURE_TOLERANCE = timedelta(minutes=10)


class ProgressError(BeianError, ValueError):
    """A move or time the timeline refuses; ``message`` is shown to the user."""

    def __init__(self, message: Msg):
        super().__init__(message)


# ---- times -----------------------------------------------------------------------------------------------------------

def now_cst() -> datetime:
    return datetime.now(CST)


def parse_time(value: str | datetime | date) -> datetime:
    """An aware datetime from an ISO string, a datetime or a date (naive values are China Standard Time)."""
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, date):
        dt = datetime.combine(value, time(0, 0))
    else:
        try:
            dt = datetime.fromisoformat(str(value).strip())
        except ValueError as exc:
            raise ProgressError(Msg(f"无法识别的时间：{value!r}（请用 2026-05-01T09:30 格式）",
                                    f"Unrecognised time: {value!r} (use the form 2026-05-01T09:30)")) from exc
    return dt if dt.tzinfo else dt.replace(tzinfo=CST)


def format_time(dt: datetime) -> str:
    return dt.astimezone(CST).isoformat(timespec="seconds")


def _display(dt: datetime) -> str:
    """A moment in messages: Beijing time, labelled as such (the user's computer may be in another zone)."""
    return dt.astimezone(CST).strftime("%Y-%m-%d %H:%M") + " UTC+8"


def end_of_day(day: date) -> datetime:
    return datetime.combine(day, time(23, 59, 59), CST)


# ---- rules -----------------------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Rule:
    """One dated rule normalised for the timeline; ``values`` holds the numbers (``hours``, ``working_days`` ...)."""

    kind: str
    id: str
    effective_date: date
    source: str
    values: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.id, "effective_date": self.effective_date.isoformat(),
                "source": self.source, **self.values}


def _sms_rule(ruleset: domain_rules.RuleSet) -> Rule:
    sms = ruleset.sms
    return Rule("sms_verification", "sms_verification", sms.effective_date, sms.source,
                {"hours": sms.complete_within_hours, "provinces": "all" if sms.all_provinces else sorted(sms.provinces)})


def _first_review_rule(ruleset: domain_rules.RuleSet) -> Rule:
    review = ruleset.review
    return Rule("first_review", "review_windows", review.effective_date, review.source,
                {"working_days": review.aliyun_first_review_working_days})


def _bureau_review_rule(ruleset: domain_rules.RuleSet) -> Rule:
    review = ruleset.review
    return Rule("bureau_review", "review_windows", review.effective_date, review.source,
                {"min_working_days": review.bureau_min_working_days, "max_working_days": review.bureau_max_working_days})


#: SMS and review windows come from the domain rule set (``sms.json``, ``review.json``).
_FROM_RULESET = {"sms_verification": _sms_rule, "first_review": _first_review_rule, "bureau_review": _bureau_review_rule}
#: Rules only the timeline needs, in ``progress.json`` (today: the domain real-name sync wait).
_OWN_KINDS = ("domain_realname_sync",)
RULE_KINDS = (*_FROM_RULESET, *_OWN_KINDS)


def rule_in_force(kind: str, on: date) -> Rule | None:
    """The rule of ``kind`` in force on ``on`` (versions chosen by :mod:`beian_desktop.domain.rules`); ``None`` for a
    kind the timeline does not know."""
    if kind in _FROM_RULESET:
        return _FROM_RULESET[kind](domain_rules.rules_in_force(on))
    if kind not in _OWN_KINDS:
        return None
    raw = domain_rules.version_in_force("progress.json", kind, on)
    values = {k: v for k, v in raw.items() if k not in ("id", "effective_date", "source", "note")}
    return Rule(kind, kind, date.fromisoformat(raw["effective_date"]), raw["source"], values)


def rules_in_force(on: date) -> list[Rule]:
    """Every progress rule in force on ``on`` (for the manifest and the checklist)."""
    return [r for kind in RULE_KINDS if (r := rule_in_force(kind, on))]


# ---- the state machine -----------------------------------------------------------------------------------------------

def allowed_transitions(status: ProgressStatus) -> tuple[ProgressStatus, ...]:
    return TRANSITIONS.get(ProgressStatus(status), ())


def is_editable(progress: Progress) -> bool:
    """The form may be edited while a draft or after it was returned (the wizard re-opens it)."""
    return progress.status in (S.DRAFT, S.RETURNED)


def advance(app: Application, status: ProgressStatus | str, *, at: str | datetime | None = None, note: str = "",
            now: datetime | None = None) -> ProgressEvent:
    """Move ``app`` to ``status`` at ``at`` (default: now) with ``note``; returns the new event.

    Raises :class:`ProgressError` for a move the timeline does not allow, a missing return reason, or a time before the
    previous event or in the future.
    """
    progress = app.progress
    try:
        target = ProgressStatus(status)
    except ValueError as exc:
        raise ProgressError(Msg(f"未知状态：{status}", f"Unknown status: {status}")) from exc
    current = ProgressStatus(progress.status)
    allowed = allowed_transitions(current)
    if target not in allowed:
        raise ProgressError(Msg(
            f"不能从“{STATUS_LABELS[current].zh}”变为“{STATUS_LABELS[target].zh}”。"
            + (f"可选：{'、'.join(STATUS_LABELS[s].zh for s in allowed)}" if allowed else "该申请已结束。"),
            f"Cannot go from '{STATUS_LABELS[current].en}' to '{STATUS_LABELS[target].en}'. "
            + (f"Allowed: {', '.join(STATUS_LABELS[s].en for s in allowed)}" if allowed else "The filing is finished.")))
    note = (note or "").strip()
    if target == S.RETURNED and not note:
        raise ProgressError(Msg("请填写退回原因（阿里云或管局给出的说明）。",
                                "Enter the reason for the return (as given by Alibaba Cloud or the bureau)."))
    now = now or now_cst()
    when = parse_time(at) if at else now
    if when > now + FUTURE_TOLERANCE:
        raise ProgressError(Msg(f"时间 {_display(when)} 在未来。", f"The time {_display(when)} is in the future."))
    last = _last_event_time(progress)
    if last and when < last:
        raise ProgressError(Msg(f"时间 {_display(when)} 早于上一步（{_display(last)}）。",
                                f"The time {_display(when)} is before the previous step ({_display(last)})."))
    stamp = format_time(when)
    if target == S.SUBMITTED:  # a new attempt: the clocks of the previous one no longer apply
        progress.submitted_at = stamp
        progress.bureau_submitted_at = ""
        progress.sms_verified_at = ""
    elif target == S.BUREAU_REVIEW:
        progress.bureau_submitted_at = stamp
        progress.sms_verified_at = ""
    event = ProgressEvent(status=target, at=stamp, note=note)
    progress.events.append(event)
    progress.status = target
    return event


def mark_sms_verified(app: Application, *, at: str | datetime | None = None, now: datetime | None = None) -> None:
    """Record that the MIIT SMS verification was completed (only meaningful during the bureau review)."""
    progress = app.progress
    if progress.status != S.BUREAU_REVIEW or not progress.bureau_submitted_at:
        raise ProgressError(Msg("只有在管局审核（短信核验）阶段才能记录短信核验完成。",
                                "The SMS verification can only be recorded during the bureau review."))
    now = now or now_cst()
    when = parse_time(at) if at else now
    if when < parse_time(progress.bureau_submitted_at) or when > now + FUTURE_TOLERANCE:
        raise ProgressError(Msg("短信核验时间须在提交管局之后、且不晚于现在。",
                                "The SMS verification time must be after the submission to the bureau and not in the future."))
    progress.sms_verified_at = format_time(when)


def set_domain_realname_date(app: Application, on: str | date | None) -> None:
    """Record the day the domain's real-name verification passed ("" or None clears it)."""
    app.progress.domain_realname_at = parse_time(on).date().isoformat() if on else ""


def _last_event_time(progress: Progress) -> datetime | None:
    times = [parse_time(e.at) for e in progress.events if e.at]
    return max(times) if times else None


@dataclass(slots=True)
class Attempt:
    """One submission and what followed; ``reason`` is set when it was returned."""

    number: int
    events: list[ProgressEvent]
    outcome: ProgressStatus | None  # approved / returned / None (still running)
    reason: str = ""


def attempts(progress: Progress) -> list[Attempt]:
    """The submissions in order; each starts at a ``submitted`` event (events before the first belong to attempt 1)."""
    result: list[Attempt] = []
    current: list[ProgressEvent] = []
    for event in progress.events:
        if event.status == S.SUBMITTED and any(e.status == S.SUBMITTED for e in current):
            result.append(_close(len(result) + 1, current))
            current = []
        current.append(event)
    if current:
        result.append(_close(len(result) + 1, current))
    return result


def _close(number: int, events: list[ProgressEvent]) -> Attempt:
    outcome = None
    reason = ""
    for e in events:
        if e.status in (S.APPROVED, S.RETURNED):
            outcome, reason = e.status, (e.note if e.status == S.RETURNED else "")
    return Attempt(number, list(events), outcome, reason)


def stage_time(progress: Progress, status: ProgressStatus | str) -> datetime | None:
    """When the current attempt reached ``status`` (the time recorded on the timeline), ``None`` when it has not.

    The one place every page reads "submitted at" and "sent to the bureau at" from: the event history."""
    target = ProgressStatus(status)
    current = attempts(progress)
    if not current or current[-1].outcome == S.RETURNED:  # returned: the next submission starts new clocks
        return None
    for event in current[-1].events:
        if event.status == target and event.at:
            return parse_time(event.at)
    return None


def returned_reason(progress: Progress) -> str:
    """The reason of the latest return while the draft is back in editing, else ""."""
    if progress.status not in (S.RETURNED, S.DRAFT):
        return ""
    for event in reversed(progress.events):
        if event.status == S.SUBMITTED:
            return ""
        if event.status == S.RETURNED:
            return event.note
    return ""


# ---- deadlines -------------------------------------------------------------------------------------------------------

DeadlineState = Literal["pending", "done", "overdue"]


@dataclass(slots=True)
class Deadline:
    """A clock of the timeline: ``kind`` is ``sms``, ``bureau_review``, ``first_review`` or ``domain_sync``."""

    kind: str
    stage: ProgressStatus
    due: datetime
    state: DeadlineState
    estimate: bool  # True when the working days ran past the holiday calendar's data (weekdays only)
    rule: Rule
    title: Msg
    earliest: datetime | None = None  # e.g. the shortest bureau review

    @property
    def overdue(self) -> bool:
        return self.state == "overdue"

    def remaining(self, now: datetime) -> timedelta:
        return self.due - now


def _working_day_deadline(start: datetime, days: int) -> tuple[datetime, bool]:
    """End of the day ``days`` working days after ``start`` (see :func:`beian_desktop.domain.deadlines.add_working_days`)."""
    result = _deadlines.add_working_days(start.astimezone(CST).date(), days)
    return end_of_day(result.date), result.estimate


def deadlines(app: Application, now: datetime | None = None) -> list[Deadline]:
    """The deadlines of the current attempt, each with its state at ``now``."""
    now = now or now_cst()
    p = app.progress
    status = ProgressStatus(p.status)
    reached = _reached(p)
    out: list[Deadline] = []

    if p.domain_realname_at and status in (S.DRAFT, S.RETURNED, S.SUBMITTED):
        start = parse_time(p.domain_realname_at)
        rule = rule_in_force("domain_realname_sync", start.date())
        if rule:
            due, estimate = _working_day_deadline(start, int(rule.values["working_days"]))
            state: DeadlineState = "done" if status == S.SUBMITTED or now >= due else "pending"
            out.append(Deadline("domain_sync", S.DRAFT, due, state, estimate, rule,
                                Msg("域名实名信息同步（之后再提交）", "Domain real-name sync (submit after it)")))

    if p.submitted_at and S.SUBMITTED in reached:
        start = parse_time(p.submitted_at)
        rule = rule_in_force("first_review", start.date())
        if rule:
            due, estimate = _working_day_deadline(start, int(rule.values["working_days"]))
            passed = status not in (S.SUBMITTED, S.FIRST_REVIEW)
            out.append(Deadline("first_review", S.FIRST_REVIEW, due, _state(passed, status, now, due), estimate, rule,
                                Msg("阿里云初审", "Alibaba Cloud first review")))

    if p.bureau_submitted_at and S.BUREAU_REVIEW in reached:
        start = parse_time(p.bureau_submitted_at)
        ruleset = domain_rules.rules_in_force(start.date())
        due = _deadlines.sms_deadline(start, app.subject.province, ruleset)
        if due is not None:  # None: SMS verification not required in this province under that day's rule
            sms = _sms_rule(ruleset)
            done = bool(p.sms_verified_at) or status == S.APPROVED
            out.append(Deadline("sms", S.BUREAU_REVIEW, due, _state(done, status, now, due), False, sms,
                                Msg(f"短信核验（验证码 {sms.values['hours']} 小时内有效）",
                                    f"SMS verification (code valid {sms.values['hours']} h)")))
        review = _bureau_review_rule(ruleset)
        low, high = review.values["min_working_days"], review.values["max_working_days"]
        due, estimate = _working_day_deadline(start, high)
        earliest, _ = _working_day_deadline(start, low)
        out.append(Deadline("bureau_review", S.BUREAU_REVIEW, due, _state(status == S.APPROVED, status, now, due),
                            estimate, review,
                            Msg(f"管局审核（{low}-{high} 个工作日）", f"Bureau review ({low}-{high} working days)"),
                            earliest=earliest))
    return out


def _reached(progress: Progress) -> set[ProgressStatus]:
    """Stages reached in the current attempt."""
    current = attempts(progress)
    return {e.status for e in current[-1].events} if current else set()


def _state(done: bool, status: ProgressStatus, now: datetime, due: datetime) -> DeadlineState:
    if done:
        return "done"
    if status == S.RETURNED:
        return "done"  # the attempt is over; the clock no longer runs
    return "overdue" if now > due else "pending"


def is_overdue(app: Application, now: datetime | None = None) -> bool:
    return any(d.overdue for d in deadlines(app, now))


# ---- reminders -------------------------------------------------------------------------------------------------------

@dataclass(slots=True)
class Reminder:
    due: datetime
    message: Msg
    kind: str
    overdue: bool = False
    urgent: bool = False  # overdue or due within a day: worth a notification


def draft_label(app: Application) -> str:
    """The domain the user recognises the filing by (first domain, else the subject name)."""
    for website in app.websites:
        for domain in website.domains:
            if domain.strip():
                return domain.strip()
    return app.subject.name.strip() or "—"


def format_remaining(delta: timedelta) -> Msg:
    """``5 h``, ``40 min``, ``3 days`` style durations (rounded down, at least 1 minute)."""
    minutes = max(1, int(delta.total_seconds() // 60))
    if minutes < 60:
        return Msg(f"{minutes} 分钟", f"{minutes} min")
    hours = minutes // 60
    if hours < 48:
        return Msg(f"{hours} 小时", f"{hours} h")
    return Msg(f"{hours // 24} 天", f"{hours // 24} days")


_DOMAIN_SYNC_TEXT = Msg("{label} 的域名实名信息约在 {when} 同步完成，之后再提交备案",
                        "Domain real-name data for {label} syncs by about {when}; submit after that")

#: Reminder texts by (deadline kind, overdue). Placeholders: ``label``, ``when`` (the due time, "estimate" added when it
#: is one), ``left`` / ``late`` (time to or past it) and ``max_days`` (the longest bureau review).
_REMINDER_TEXTS: dict[tuple[str, bool], Msg] = {
    ("sms", True): Msg("{label} 的短信核验已超时 {late}（截止 {when}），申请可能已被退回",
                       "SMS verification for {label} is overdue by {late} (was due {when}); the filing may have been returned"),
    ("sms", False): Msg("{label} 的短信核验还剩 {left}（截止 {when}）：请输入 12381 短信验证码",
                        "SMS verification due in {left} for {label} (by {when}): enter the code from 12381"),
    ("bureau_review", True): Msg("{label} 的管局审核已超过 {max_days} 个工作日（{when}），请联系阿里云备案客服",
                                 "Bureau review for {label} has passed {max_days} working days ({when}); contact Alibaba Cloud filing support"),
    ("bureau_review", False): Msg("{label} 正在管局审核，预计 {when} 前出结果", "Bureau review for {label}: result expected by {when}"),
    ("first_review", True): Msg("{label} 的阿里云初审已超过预期（{when}），请保持电话畅通或联系客服",
                                "First review for {label} takes longer than expected ({when}); keep your phone reachable or contact support"),
    ("first_review", False): Msg("{label} 正在阿里云初审，预计 {when} 前完成，请保持电话畅通",
                                 "First review for {label} expected by {when}; keep your phone reachable"),
    ("domain_sync", True): _DOMAIN_SYNC_TEXT,
    ("domain_sync", False): _DOMAIN_SYNC_TEXT,
}


def _reminder_message(d: Deadline, label: str, now: datetime) -> Msg:
    template = _REMINDER_TEXTS[(d.kind, d.overdue)]
    when = _display(d.due)
    left, late = format_remaining(d.remaining(now)), format_remaining(-d.remaining(now))
    common = {"label": label, "max_days": d.rule.values.get("max_working_days", "")}
    return Msg(template.zh.format(**common, when=when + ("（估计）" if d.estimate else ""), left=left.zh, late=late.zh),
               template.en.format(**common, when=when + (" (estimate)" if d.estimate else ""), left=left.en, late=late.en))


def reminders(app: Application, now: datetime | None = None) -> list[Reminder]:
    """What the user should be told about ``app`` at ``now``, most pressing first."""
    now = now or now_cst()
    label = draft_label(app)
    out: list[Reminder] = []
    for d in deadlines(app, now):
        if d.state == "done":
            continue
        urgent = d.overdue or (d.kind in ("sms", "first_review") and d.remaining(now) <= timedelta(days=1))
        out.append(Reminder(d.due, _reminder_message(d, label, now), d.kind, d.overdue, urgent))
    reason = returned_reason(app.progress)
    if app.progress.status == S.RETURNED:
        out.append(Reminder(now, Msg(f"{label} 已被退回：{reason}。请修改后重新提交",
                                     f"{label} was returned: {reason}. Correct it and submit again"),
                            "returned", False, True))
    out.sort(key=lambda r: (not r.overdue, r.due))
    return out


def summary(apps: list[Application], now: datetime | None = None, lang: str | None = None) -> str:
    """The start-up summary: one line per reminder of every filing, or a line saying nothing is due."""
    now = now or now_cst()
    lines = [r.message.text(lang) for app in apps for r in reminders(app, now)]
    if not lines:
        return Msg("没有待办的备案期限。", "No filing deadlines pending.").text(lang)
    return "\n".join(lines)
