"""Showing checker reports: verdict line and the list of checks, in the current language."""

from __future__ import annotations

import html

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent

from beian_desktop.gui.i18n_qt import msg_text, translate
from beian_desktop.gui.widgets.colours import colour

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".bmp", ".webp")


def status_text(status: str) -> str:
    return {
        "pass": translate("ReportView", "通过"),
        "warn": translate("ReportView", "注意"),
        "fail": translate("ReportView", "不通过"),
    }.get(status, status)


def verdict_html(report) -> str:
    if report is None:
        return ""
    return f'<span style="color:{colour(report.verdict)}">{html.escape(status_text(report.verdict))}</span>'


def unavailable_text() -> str:
    return translate("ReportView", "检查器不可用 / checker not available：未检查，不代表通过")


def slot_state(image, has_file: bool, *, busy: str, unreadable: str, empty: str) -> tuple[str, list[str]]:
    """Verdict text and result lines of an :class:`~beian_desktop.gui.widgets.image_slot.ImageSlot`.

    In order: being checked (``busy``), the report, "checker not available", the file cannot be read
    (``unreadable`` and the reason), no file (``empty``). The texts are translated by the page that shows them.
    """
    if image.busy:
        return busy, []
    if image.report is not None:
        return verdict_html(image.report), [checks_html(image.report)]
    if has_file and image.unavailable is not None:
        return unavailable_text(), []
    if has_file and image.load_error is not None:
        return f'<span style="color:{colour("fail")}">{html.escape(unreadable)}</span>', [msg_text(image.load_error)]
    return ("" if has_file else empty), []


def take_message(image) -> list[str]:
    """The failure message of an :class:`~beian_desktop.gui.widgets.image_slot.ImageSlot` as a red line, shown once."""
    message, image.message = image.message, None
    return [] if message is None else [f'<span style="color:{colour("fail")}">{html.escape(msg_text(message))}</span>']


def checks_html(report, statuses: tuple[str, ...] | None = None) -> str:
    """One line per check, worst first; each line: status and the bilingual advice in the current language.

    ``statuses``: only the checks with these statuses (e.g. ``("fail", "warn")``); empty text when there are none."""
    if report is None:
        return ""
    order = {"fail": 0, "warn": 1, "pass": 2}
    rows = []
    checks = [c for c in report.checks if statuses is None or c.status in statuses]
    if not checks:
        return ""
    for check in sorted(checks, key=lambda c: order.get(c.status, 3)):
        rows.append(f'<li><b style="color:{colour(check.status)}">{html.escape(status_text(check.status))}</b> '
                    f"{html.escape(msg_text(check.message))}</li>")
    return "<ul style='margin-left:-20px'>" + "".join(rows) + "</ul>"


def local_image_paths(urls: list[QUrl]) -> list[str]:
    return [u.toLocalFile() for u in urls if u.isLocalFile() and u.toLocalFile().lower().endswith(IMAGE_SUFFIXES)]


def accept_image_drag(event: QDragEnterEvent) -> None:
    if event.mimeData().hasUrls() and local_image_paths(event.mimeData().urls()):
        event.acceptProposedAction()
    else:
        event.ignore()


def dropped_image(event: QDropEvent) -> str | None:
    paths = local_image_paths(event.mimeData().urls()) if event.mimeData().hasUrls() else []
    if paths:
        event.acceptProposedAction()
        return paths[0]
    event.ignore()
    return None


def image_file_filter() -> str:
    return translate("ReportView", "图片 (*.jpg *.jpeg *.png *.bmp *.webp)")
