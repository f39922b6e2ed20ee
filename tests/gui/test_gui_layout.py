"""Layout: no big empty gaps on the submit page, usable timeline columns, nothing cut off at 1024×700."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QPushButton

from beian_desktop.sample import sample_application


def _gap(upper, lower) -> int:
    """Vertical space between two widgets of the same page (page coordinates)."""
    page = upper.window()
    top_of_lower = lower.mapTo(page, lower.rect().topLeft()).y()
    bottom_of_upper = upper.mapTo(page, upper.rect().bottomLeft()).y()
    return top_of_lower - bottom_of_upper


@pytest.mark.parametrize("size", [(1200, 800), (1024, 700)])
def test_submit_page_heading_status_hint_and_list_stay_together(make_window, store, qtbot, size):
    window = make_window(restore=False, size=size)
    window.open_draft(store.drafts.create(sample_application()), "submit")
    ui = window.wizard.page("submit").ui
    qtbot.waitUntil(lambda: ui.readyLabel.text() != "", timeout=3000)
    line = ui.problemsHint.fontMetrics().height()
    assert _gap(ui.readyLabel, ui.problemsHint) < 2 * line
    assert _gap(ui.problemsHint, ui.problems) < 2 * line
    assert ui.problems.height() >= 100  # the list, not the labels, takes the spare height


def test_timeline_columns_leave_room_for_status_time_and_note(make_window, store):
    from beian_desktop.domain import progress as pg
    from beian_desktop.domain.model import ProgressStatus as S

    app = sample_application()
    pg.advance(app, S.SUBMITTED, note="订单 20260501")
    window = make_window(restore=False)
    window.open_draft(store.drafts.create(app), "review")
    tree = window.wizard.page("review").timeline_widget.events
    header = tree.header()
    status_w, time_w, note_w = (header.sectionSize(i) for i in range(3))
    metrics = tree.fontMetrics()
    assert time_w >= metrics.horizontalAdvance("2026-05-01 09:30")
    assert status_w >= metrics.horizontalAdvance("已提交阿里云")
    assert note_w >= max(status_w, time_w)  # the note column stretches


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_no_button_or_label_is_cut_off_at_1024x700(make_window, store, qtbot, lang):
    window = make_window(restore=False, lang=lang, size=(1024, 700))
    window.open_draft(store.drafts.create(sample_application()))
    wizard = window.wizard
    clipped = []
    for page in wizard.pages:
        wizard.go_to(page.page_id)
        qtbot.wait(1)
        for button in page.findChildren(QPushButton):
            if button.isVisibleTo(page) and button.text():
                needed = button.fontMetrics().horizontalAdvance(button.text().replace("&", ""))
                if button.width() < needed:
                    clipped.append(f"{page.page_id}:{button.objectName()}")
        for label in page.findChildren(QLabel):
            if label.isVisibleTo(page) and label.text() and not label.wordWrap() and label.pixmap().isNull():
                if label.width() < label.minimumSizeHint().width() - 1:
                    clipped.append(f"{page.page_id}:{label.objectName()}")
    assert clipped == []
