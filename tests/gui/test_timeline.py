"""pytest-qt tests of the timeline view and the reminder service."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from beian_desktop.domain import progress as pg
from beian_desktop.domain.model import Application, ProgressStatus as S, Website
from beian_desktop.gui.reminders import ReminderService
from beian_desktop.gui.timeline import OVERDUE_COLOUR, TimelineWidget


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=pg.CST)


class Clock:
    def __init__(self, now: str):
        self.now = at(now)

    def __call__(self) -> datetime:
        return self.now


def make_app(domain: str = "example.com") -> Application:
    app = Application(websites=[Website(domains=[domain])])
    app.subject.province = "110000"
    return app


@pytest.fixture
def widget(qtbot):
    clock = Clock("2026-06-03T09:00")
    w = TimelineWidget(clock=clock)
    qtbot.addWidget(w)
    w.clock = clock
    return w


def _choose(widget: TimelineWidget, status: S) -> None:
    index = widget.status_combo.findData(status.value)
    assert index >= 0, [widget.status_combo.itemData(i) for i in range(widget.status_combo.count())]
    widget.status_combo.setCurrentIndex(index)


def _set_time(widget: TimelineWidget, text: str) -> None:
    """Type the Beijing-time moment ``text`` as the user sees it: the editor shows Beijing time, whatever the zone."""
    from PySide6.QtCore import QDateTime

    local = at(text).replace(tzinfo=None).isoformat(timespec="minutes")
    widget.at_edit.setDateTime(QDateTime.fromString(local, Qt.DateFormat.ISODate))


def test_advancing_through_the_timeline_with_the_controls(qtbot, widget):
    app = make_app()
    widget.set_application(app)
    assert widget.status_combo.count() == 1 and widget.status_combo.currentData() == "submitted"
    _set_time(widget, "2026-06-01T09:30")
    qtbot.keyClicks(widget.note_edit, "order 42")
    with qtbot.waitSignal(widget.changed):
        qtbot.mouseClick(widget.advance_button, Qt.MouseButton.LeftButton)
    assert app.progress.status == S.SUBMITTED
    assert app.progress.events[-1].note == "order 42" and app.progress.events[-1].at == "2026-06-01T09:30:00+08:00"
    assert "已提交阿里云" in widget.title.text()
    attempt = widget.events.topLevelItem(0)
    assert attempt.childCount() == 1 and attempt.child(0).text(2) == "order 42"
    # shown in Beijing time, like the editor and the stored value, whatever this computer's zone (UTC in the tests)
    assert attempt.child(0).text(1) == "2026-06-01 09:30"

    _choose(widget, S.BUREAU_REVIEW)
    _set_time(widget, "2026-06-02T10:00")
    qtbot.mouseClick(widget.advance_button, Qt.MouseButton.LeftButton)
    assert app.progress.status == S.BUREAU_REVIEW
    texts = [widget.deadlines.item(i).text() for i in range(widget.deadlines.count())]
    assert any(t.startswith("短信核验") and "进行中" in t for t in texts), texts
    assert widget.sms_button.isVisibleTo(widget) and not widget.banner.isVisibleTo(widget)


def test_overdue_deadlines_are_red_with_a_banner(qtbot, widget):
    app = make_app()
    pg.advance(app, S.SUBMITTED, at=at("2026-06-01T09:00"), now=widget.clock.now)
    pg.advance(app, S.BUREAU_REVIEW, at=at("2026-06-01T10:00"), now=widget.clock.now)
    widget.set_application(app)  # clock: 2026-06-03 09:00, SMS was due 2026-06-02 10:00
    assert widget.is_overdue()
    assert widget.banner.isVisibleTo(widget) and "短信核验" in widget.banner.text()
    sms = next(widget.deadlines.item(i) for i in range(widget.deadlines.count())
               if widget.deadlines.item(i).data(Qt.ItemDataRole.UserRole) == "overdue")
    assert sms.foreground().color() == OVERDUE_COLOUR and "已超时" in sms.text()

    qtbot.mouseClick(widget.sms_button, Qt.MouseButton.LeftButton)  # recorded now: after the deadline, still done
    assert app.progress.sms_verified_at and not widget.banner.isVisibleTo(widget)


def test_returned_needs_a_reason_and_the_history_keeps_both_attempts(qtbot, widget):
    app = make_app()
    pg.advance(app, S.SUBMITTED, at=at("2026-06-01T09:00"), now=widget.clock.now)
    widget.set_application(app)
    _choose(widget, S.RETURNED)
    assert "退回原因" in widget.note_edit.placeholderText()
    assert not widget.advance_button.isEnabled()
    widget.note_edit.setText("营业执照反光")  # keyClicks cannot type Chinese
    assert widget.advance_button.isEnabled()
    qtbot.mouseClick(widget.advance_button, Qt.MouseButton.LeftButton)
    assert app.progress.status == S.RETURNED and pg.returned_reason(app.progress) == "营业执照反光"
    assert widget.events.topLevelItem(0).text(2) == "营业执照反光"

    _choose(widget, S.SUBMITTED)
    qtbot.mouseClick(widget.advance_button, Qt.MouseButton.LeftButton)
    assert widget.events.topLevelItemCount() == 2
    assert widget.events.topLevelItem(1).text(0) == "第 2 次提交"


def test_an_impossible_time_shows_the_error_instead_of_recording(qtbot, widget):
    app = make_app()
    pg.advance(app, S.SUBMITTED, at=at("2026-06-02T09:00"), now=widget.clock.now)
    widget.set_application(app)
    _set_time(widget, "2026-06-01T08:00")
    assert widget.advance() is False
    assert "早于上一步" in widget.error_label.text() and app.progress.status == S.SUBMITTED


def test_english_texts_follow_the_language(qtbot, widget):
    from beian_desktop import i18n

    i18n.set_language("en")
    widget.retranslate()
    widget.set_application(make_app())
    assert widget.advance_button.text() == "Record this status"
    assert "Draft" in widget.title.text()


def test_reminder_service_summarises_on_start_and_notifies_once(qtbot):
    clock = Clock("2026-06-04T03:00")
    app = make_app()
    pg.advance(app, S.SUBMITTED, at=at("2026-06-01T09:00"), now=clock.now)
    pg.advance(app, S.BUREAU_REVIEW, at=at("2026-06-03T08:00"), now=clock.now)
    service = ReminderService(lambda: [app], clock=clock, use_tray=False, interval_ms=10)
    received: list[str] = []
    service.reminder.connect(lambda title, message: received.append(message))
    with qtbot.waitSignal(service.summaryReady) as summary:
        service.start()
    assert "example.com 的短信核验还剩 5 小时" in summary.args[0]
    qtbot.wait(50)  # several timer ticks
    assert len([m for m in received if "短信核验" in m]) == 1  # once per deadline state, not every tick
    clock.now = at("2026-06-04T09:00")  # now overdue: a new notification
    service.check()
    assert any("超时" in m for m in received)
    service.stop()
    assert not service.timer.isActive()
