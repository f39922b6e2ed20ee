"""The window fits the screen it opens on: 1366×768 laptops, 1024×700, a wide 1920×1080 monitor (issue 11, item 10).

The offscreen test platform has one 800×600 screen; :meth:`MainWindow.available_area` is replaced to simulate others."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect

from beian_desktop.gui.main_window import MainWindow
from beian_desktop.sample import sample_application


@pytest.fixture
def screen(monkeypatch):
    area = {"rect": QRect(0, 0, 1366, 728)}  # 1366×768 less a 40 px task bar
    monkeypatch.setattr(MainWindow, "available_area", lambda self: area["rect"])
    return area


def _inside(window, area: QRect) -> bool:
    return area.contains(window.frameGeometry())


def test_first_start_opens_inside_a_1366x768_screen(make_window, screen, qtbot):
    window = make_window(restore=False, size=None)
    qtbot.waitUntil(lambda: _inside(window, screen["rect"]), timeout=3000)
    assert window.height() <= 728 and window.width() <= 1366


def test_a_size_saved_on_a_big_monitor_is_fitted_to_a_small_one(make_window, screen, qtbot):
    screen["rect"] = QRect(0, 0, 1920, 1040)
    big = make_window(restore=False, size=None)
    big.resize(1800, 1000)
    big.move(100, 30)
    big.close()
    screen["rect"] = QRect(0, 0, 1024, 700)
    small = make_window(restore=False, size=None)
    qtbot.waitUntil(lambda: _inside(small, screen["rect"]), timeout=3000)
    assert small.minimumHeight() <= 700


def test_verdict_visible_without_scrolling_at_1024x700(make_window, store, screen):
    screen["rect"] = QRect(0, 0, 1024, 700)
    window = make_window(restore=False, size=None)
    window.resize(1024, 700)
    window.open_draft(store.drafts.create(sample_application("hangzhou")), "start")
    wizard = window.wizard
    scroll = wizard._scrolls[0]
    assert scroll.verticalScrollBar().value() == 0
    verdict = wizard.page("start").ui.decisionLabel
    bottom = verdict.mapTo(scroll.viewport(), verdict.rect().bottomLeft()).y()
    assert verdict.text() == "新增接入备案" and bottom <= scroll.viewport().height()


def test_fields_keep_a_readable_width_on_a_wide_screen(make_window, store, screen):
    screen["rect"] = QRect(0, 0, 1920, 1040)
    window = make_window(restore=False, size=None)
    window.resize(1920, 1040)
    window.open_draft(store.drafts.create(sample_application("hangzhou")), "details")
    page = window.wizard.page("details")
    assert page.width() <= 1100
    assert window.wizard._scrolls[3].viewport().width() > 1100  # there was room for more


def test_image_preview_opens_inside_the_screen(qapp):
    from PySide6.QtGui import QImage

    from beian_desktop.gui.widgets.preview import PreviewDialog

    dialog = PreviewDialog(QImage(4000, 3000, QImage.Format.Format_RGB32), "证件")
    area = qapp.primaryScreen().availableGeometry()
    assert area.contains(dialog.frameGeometry()), (dialog.frameGeometry(), area)
    dialog.deleteLater()


@pytest.mark.parametrize("variant", ["hangzhou", "shanghai"])
@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_pages_need_no_sideways_scrolling_at_1024x700(make_window, store, screen, lang, variant):
    """Every page, the photo page's Shanghai path (its long English heading wraps) and the backdrop path included."""
    screen["rect"] = QRect(0, 0, 1024, 700)
    window = make_window(restore=False, size=None, lang=lang)
    window.resize(1024, 700)
    window.open_draft(store.drafts.create(sample_application(variant)), "start")
    wizard = window.wizard
    photo = wizard.page("photo").ui
    assert photo.modeStack.currentWidget() is (photo.shanghaiPage if variant == "shanghai" else photo.backdropPage)
    for index, page in enumerate(wizard.pages):
        wizard.go_to(page.page_id)
        viewport = wizard._scrolls[index].viewport().width()
        assert page.minimumSizeHint().width() <= viewport, (page.page_id, page.minimumSizeHint().width(), viewport)
