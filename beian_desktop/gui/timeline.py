"""The per-draft status timeline: every step of every attempt, the deadlines (overdue in red) and the control that
records the next step (with the reason when the filing was returned).

The widget edits the :class:`Application` it is given through :mod:`beian_desktop.domain.progress` and emits
:attr:`TimelineWidget.changed`; the host saves the draft. Texts are :class:`Msg` (Chinese by default) and follow the
current language on ``LanguageChange``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QDateTime, QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox, QDateTimeEdit, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from beian_desktop.domain import progress as pg
from beian_desktop.domain.model import Application, ProgressStatus
from beian_desktop.domain.rules import source_title
from beian_desktop.gui import timeutil
from beian_desktop.i18n import Msg

OVERDUE_COLOUR = QColor("#c0392b")
DONE_COLOUR = QColor("#7f8c8d")
PENDING_COLOUR = QColor("#1f4e79")

T = {
    "events": Msg("进度记录", "History"),
    "deadlines": Msg("期限", "Deadlines"),
    "next": Msg("下一步", "Next step"),
    "status": Msg("状态", "Status"),
    "at": Msg("时间（北京时间）", "Time (Beijing time)"),
    "note": Msg("备注", "Note"),
    "advance": Msg("记录此状态", "Record this status"),
    "sms": Msg("短信核验已完成", "SMS verification done"),
    "reason": Msg("退回原因（必填）", "Reason for the return (required)"),
    "note_hint": Msg("备注（可选），如订单号、审核人电话", "Note (optional), e.g. order number"),
    "attempt": Msg("第 {n} 次提交", "Attempt {n}"),
    "none": Msg("尚无期限。", "No deadlines yet."),
    "finished": Msg("备案已完成。", "The filing is finished."),
    "overdue": Msg("⚠ 有期限已超时：", "⚠ Overdue: "),
    "estimate": Msg("（估计，超出节假日数据）", " (estimate: past the holiday data)"),
    "state": {"pending": Msg("进行中", "pending"), "done": Msg("已完成", "done"), "overdue": Msg("已超时", "overdue")},
}


def _text(msg: Msg) -> str:
    return msg.text()


class TimelineWidget(QWidget):
    """Timeline of one draft. ``clock`` returns the current China time (tests pass a fixed one)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, clock: Callable[[], datetime] = pg.now_cst) -> None:
        super().__init__(parent)
        self._clock = clock
        self._app: Application | None = None

        self.title = QLabel(objectName="timelineTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.banner = QLabel(objectName="overdueBanner")
        self.banner.setStyleSheet(f"color: {OVERDUE_COLOUR.name()}; font-weight: bold;")
        self.banner.setWordWrap(True)
        self.banner.hide()

        self.events_box = QGroupBox()
        self.events = QTreeWidget(objectName="eventsTree")
        self.events.setColumnCount(3)
        self.events.setRootIsDecorated(True)
        header = self.events.header()
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("0000-00-00 00:00") + 16)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)  # status (and "attempt n")
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)  # time
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # note: the rest of the width
        QVBoxLayout(self.events_box).addWidget(self.events)

        self.deadlines_box = QGroupBox()
        self.deadlines = QListWidget(objectName="deadlinesList")
        QVBoxLayout(self.deadlines_box).addWidget(self.deadlines)

        self.next_box = QGroupBox()
        self.status_combo = QComboBox(objectName="statusCombo")
        self.at_edit = QDateTimeEdit(objectName="atEdit")
        self.at_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.at_edit.setCalendarPopup(True)
        self.note_edit = QLineEdit(objectName="noteEdit")
        self.advance_button = QPushButton(objectName="advanceButton")
        self.sms_button = QPushButton(objectName="smsButton")
        self.error_label = QLabel(objectName="errorLabel")
        self.error_label.setStyleSheet(f"color: {OVERDUE_COLOUR.name()};")
        self.error_label.setWordWrap(True)
        form = QFormLayout(self.next_box)
        self._form_labels = [QLabel(), QLabel(), QLabel()]
        form.addRow(self._form_labels[0], self.status_combo)
        form.addRow(self._form_labels[1], self.at_edit)
        form.addRow(self._form_labels[2], self.note_edit)
        for label, field in zip(self._form_labels, (self.status_combo, self.at_edit, self.note_edit)):
            label.setBuddy(field)
        buttons = QHBoxLayout()
        buttons.addWidget(self.advance_button)
        buttons.addWidget(self.sms_button)
        buttons.addStretch(1)
        form.addRow(buttons)
        form.addRow(self.error_label)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.banner)
        layout.addWidget(self.events_box, 3)
        layout.addWidget(self.deadlines_box, 2)
        layout.addWidget(self.next_box)

        self.status_combo.currentIndexChanged.connect(self._update_controls)
        self.note_edit.textChanged.connect(self._update_controls)
        self.advance_button.clicked.connect(self.advance)
        self.sms_button.clicked.connect(self.mark_sms_done)
        self.retranslate()
        self.setEnabled(False)

    # ---- public API -------------------------------------------------------------------------------------------------
    def set_application(self, app: Application | None) -> None:
        """Show (and edit) ``app``; ``None`` clears the view."""
        self._app = app
        self.setEnabled(app is not None)
        self.refresh()

    def application(self) -> Application | None:
        return self._app

    def refresh(self) -> None:
        """Redraw from the application at the clock's current time (the host may call this on a timer)."""
        app, now = self._app, self._clock()
        self.error_label.clear()
        self.events.clear()
        self.deadlines.clear()
        self.status_combo.blockSignals(True)
        self.status_combo.clear()
        self.status_combo.blockSignals(False)
        if app is None:
            self.title.clear()
            self.banner.hide()
            return
        status = ProgressStatus(app.progress.status)
        self.title.setText(f"{pg.draft_label(app)} · {pg.STATUS_LABELS[status].text()}")
        self._fill_events(app)
        overdue = self._fill_deadlines(app, now)
        if overdue:
            self.banner.setText(_text(T["overdue"]) + "；".join(d.title.text() for d in overdue))
            self.banner.show()
        else:
            self.banner.hide()
        for target in pg.allowed_transitions(status):
            self.status_combo.addItem(pg.STATUS_LABELS[target].text(), target.value)
        self.at_edit.setDateTime(_qt_time(now))
        self.note_edit.clear()
        self._update_controls()

    def is_overdue(self) -> bool:
        return self._app is not None and pg.is_overdue(self._app, self._clock())

    # ---- actions ----------------------------------------------------------------------------------------------------
    def advance(self) -> bool:
        """Record the status chosen in the combo box; returns whether it was recorded."""
        if self._app is None or self.status_combo.currentIndex() < 0:
            return False
        target = ProgressStatus(self.status_combo.currentData())
        return self._record(lambda: pg.advance(self._app, target, at=self._chosen_time(), note=self.note_edit.text(),
                                               now=self._clock()))

    def mark_sms_done(self) -> bool:
        if self._app is None:
            return False
        return self._record(lambda: pg.mark_sms_verified(self._app, at=self._chosen_time(), now=self._clock()))

    def _record(self, step) -> bool:
        """Run one progress step; show why it was refused, or redraw and announce the change."""
        try:
            step()
        except pg.ProgressError as error:
            self.error_label.setText(error.message.text())
            return False
        self.refresh()
        self.changed.emit()
        return True

    # ---- drawing ----------------------------------------------------------------------------------------------------
    def _fill_events(self, app: Application) -> None:
        attempts = pg.attempts(app.progress)
        for attempt in attempts:
            top = QTreeWidgetItem([_text(T["attempt"].format(n=attempt.number)), "", attempt.reason])
            if attempt.outcome == ProgressStatus.RETURNED:
                top.setForeground(2, QBrush(OVERDUE_COLOUR))
            self.events.addTopLevelItem(top)
            for event in attempt.events:
                when = timeutil.display_stored(event.at)
                item = QTreeWidgetItem([pg.STATUS_LABELS[ProgressStatus(event.status)].text(), when, event.note])
                if event.status == ProgressStatus.RETURNED:
                    for col in range(3):
                        item.setForeground(col, QBrush(OVERDUE_COLOUR))
                top.addChild(item)
            top.setExpanded(attempt is attempts[-1])

    def _fill_deadlines(self, app: Application, now: datetime) -> list[pg.Deadline]:
        found = pg.deadlines(app, now)
        if not found:
            msg = T["finished"] if app.progress.status == ProgressStatus.APPROVED else T["none"]
            self.deadlines.addItem(_text(msg))
        for d in found:
            when = timeutil.labelled(d.due) + (_text(T["estimate"]) if d.estimate else "")
            remaining = ""
            if d.state == "pending":
                remaining = " · " + Msg("还剩 ", "").text() + pg.format_remaining(d.remaining(now)).text() + Msg("", " left").text()
            item = QListWidgetItem(f"{d.title.text()}：{when} [{T['state'][d.state].text()}]{remaining}")
            item.setData(Qt.ItemDataRole.UserRole, d.state)
            item.setToolTip(f"{source_title(d.rule.source).text()}（{d.rule.effective_date}）")
            item.setForeground(QBrush({"overdue": OVERDUE_COLOUR, "done": DONE_COLOUR}.get(d.state, PENDING_COLOUR)))
            self.deadlines.addItem(item)
        return [d for d in found if d.overdue]

    def _update_controls(self) -> None:
        has_next = self.status_combo.count() > 0
        returning = self.status_combo.currentData() == ProgressStatus.RETURNED.value
        self.note_edit.setPlaceholderText(_text(T["reason"] if returning else T["note_hint"]))
        self.advance_button.setEnabled(has_next and (not returning or bool(self.note_edit.text().strip())))
        app = self._app
        in_bureau_review = app is not None and app.progress.status == ProgressStatus.BUREAU_REVIEW
        self.sms_button.setVisible(in_bureau_review)
        self.sms_button.setEnabled(in_bureau_review and not app.progress.sms_verified_at)
        self.next_box.setEnabled(has_next or in_bureau_review)

    def _chosen_time(self) -> datetime:
        """The time in the editor (Beijing time) as an aware datetime."""
        return self.at_edit.dateTime().toPython().replace(tzinfo=timeutil.CST)

    # ---- language ---------------------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.events_box.setTitle(_text(T["events"]))
        self.deadlines_box.setTitle(_text(T["deadlines"]))
        self.next_box.setTitle(_text(T["next"]))
        self.events.setHeaderLabels([_text(T["status"]), _text(T["at"]), _text(T["note"])])
        zone = timeutil.zone_note().text()
        self.events.headerItem().setToolTip(1, zone)
        self.at_edit.setToolTip(zone)
        self._form_labels[1].setToolTip(zone)
        for label, field, key in zip(self._form_labels, (self.status_combo, self.at_edit, self.note_edit),
                                     ("status", "at", "note")):
            label.setText(_text(T[key]))
            field.setAccessibleName(_text(T["next"]) + " · " + _text(T[key]))
        self.events.setAccessibleName(_text(T["events"]))
        self.deadlines.setAccessibleName(_text(T["deadlines"]))
        self.advance_button.setText(_text(T["advance"]))
        self.sms_button.setText(_text(T["sms"]))
        if self._app is not None:
            self.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _qt_time(moment: datetime) -> QDateTime:
    """A Qt date-time holding the Beijing wall-clock time of ``moment`` (the edit shows and returns Beijing time)."""
    local = moment.astimezone(timeutil.CST).replace(tzinfo=None, second=0, microsecond=0)
    return QDateTime.fromString(local.isoformat(timespec="minutes"), Qt.DateFormat.ISODate)
