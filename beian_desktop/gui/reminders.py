"""Reminders while the app runs: a QTimer checks every draft's deadlines and notifies once per deadline state.

Notifications go to the system tray where :meth:`QSystemTrayIcon.isSystemTrayAvailable` says there is one (the tray
icon is created lazily and only with an icon, so Qt never warns about an empty one); the :attr:`reminder` signal is
always emitted, so the main window can show a banner on systems without a tray. :meth:`startup_summary` gives the
text shown on start ("SMS verification due in 5 h for example.com").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPixmap
from PySide6.QtWidgets import QSystemTrayIcon

from beian_desktop.domain import progress as pg
from beian_desktop.domain.model import Application
from beian_desktop.i18n import Msg

DEFAULT_INTERVAL_MS = 5 * 60 * 1000
TITLE = Msg("备案接入助手提醒", "Beian Desktop reminder")


class ReminderService(QObject):
    """``source`` returns the applications to watch (e.g. every draft loaded from the store)."""

    reminder = Signal(str, str)  # title, message (current language)
    summaryReady = Signal(str)  # noqa: N815 - Qt signal naming

    def __init__(self, source: Callable[[], Iterable[Application]], parent: QObject | None = None, *,
                 interval_ms: int = DEFAULT_INTERVAL_MS, clock: Callable[[], datetime] = pg.now_cst,
                 use_tray: bool = True, icon: QIcon | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._clock = clock
        self._notified: set[tuple[str, str, str, bool]] = set()
        self._use_tray = use_tray
        self._icon = icon
        self._tray: QSystemTrayIcon | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)

    # ---- public API -------------------------------------------------------------------------------------------------
    def start(self) -> str:
        """Emit the start-up summary, notify what is urgent now, and start the timer. Returns the summary."""
        apps = self._safe_source()  # read once for both
        text = pg.summary(apps, self._clock())
        self.summaryReady.emit(text)
        self.check(apps)
        self.timer.start()
        return text

    def stop(self) -> None:
        self.timer.stop()
        if self._tray is not None:
            self._tray.hide()

    def startup_summary(self) -> str:
        return pg.summary(list(self._safe_source()), self._clock())

    def check(self, apps: list[Application] | None = None) -> list[pg.Reminder]:
        """Notify every urgent reminder not yet notified in its current state; returns those notified now.

        ``apps``: the applications already read from the source (default: read them now)."""
        now = self._clock()
        fresh: list[pg.Reminder] = []
        for app in self._safe_source() if apps is None else apps:
            label = pg.draft_label(app)
            for item in pg.reminders(app, now):
                key = (label, item.kind, item.due.isoformat(), item.overdue)
                if item.urgent and key not in self._notified:
                    self._notified.add(key)
                    fresh.append(item)
        for item in fresh:
            self._notify(item.message.text())
        return fresh

    def tray_available(self) -> bool:
        return self._use_tray and QSystemTrayIcon.isSystemTrayAvailable()

    # ---- internals --------------------------------------------------------------------------------------------------
    def _safe_source(self) -> list[Application]:
        try:
            return list(self._source())
        except Exception:  # noqa: BLE001 - a broken database must not kill the timer; the next tick retries
            return []

    def _notify(self, message: str) -> None:
        title = TITLE.text()
        if self.tray_available():
            tray = self._ensure_tray()
            tray.showMessage(title, message, QSystemTrayIcon.MessageIcon.Warning, 15000)
        self.reminder.emit(title, message)

    def _ensure_tray(self) -> QSystemTrayIcon:
        if self._tray is None:
            icon = self._icon
            app = QGuiApplication.instance()
            if (icon is None or icon.isNull()) and app is not None and not app.windowIcon().isNull():
                icon = app.windowIcon()
            if icon is None or icon.isNull():
                pixmap = QPixmap(32, 32)
                pixmap.fill(QColor("#0b5cad"))
                icon = QIcon(pixmap)
            self._tray = QSystemTrayIcon(icon, self)
            self._tray.setToolTip(TITLE.text())
            self._tray.show()
        return self._tray
