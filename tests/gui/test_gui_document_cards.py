"""The documents page shows only what matters: each card its status, its failures and warnings, a "详情" toggle for
the passed checks, a picture large enough to read that opens a zoom view inside the screen; two columns of cards on a
1920×1080 screen, one on narrower ones (issue 11, items 10 and 11)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage

from beian_desktop.gui.main_window import MainWindow
from beian_desktop.i18n import Msg
from beian_desktop.sample import sample_application


def _check(cid: str, status: str, zh: str, en: str):
    return SimpleNamespace(id=cid, status=status, message=Msg(zh, en), values={})


def _report(verdict: str = "fail"):
    checks = [_check("sharpness", "fail", "图片模糊，请重新拍摄", "The picture is blurred; take it again"),
              _check("glare", "warn", "有反光，请核对文字是否清晰", "Glare: check the text is legible"),
              _check("corners", "pass", "四角完整", "All four corners visible"),
              _check("colour", "pass", "彩色原件", "Colour original")]
    return SimpleNamespace(verdict=verdict, checks=checks, check=lambda cid: None)


@pytest.fixture
def fake_checker(monkeypatch):
    """The document checker replaced by a fixed report (its own tests are elsewhere) and a 1200×800 picture."""
    from beian_desktop.gui import imagework

    picture = QImage(1200, 800, QImage.Format.Format_RGB32)
    picture.fill(QColor(230, 230, 220))

    def examine(kind, data, *args, **kwargs):
        thumb = picture.scaled(imagework.THUMB_W, imagework.THUMB_H, Qt.AspectRatioMode.KeepAspectRatio)
        return imagework.Examined(_report(), None, picture, thumb)

    monkeypatch.setattr(imagework, "examine", examine)


@pytest.fixture
def screen(monkeypatch):
    area = {"rect": QRect(0, 0, 1366, 728)}
    monkeypatch.setattr(MainWindow, "available_area", lambda self: area["rect"])
    return area


def _open_documents(make_window, store, lang="zh_CN", size=(1200, 800)):
    window = make_window(restore=False, lang=lang, size=size)
    window.open_draft(store.drafts.create(sample_application("hangzhou")), "documents")
    return window, window.wizard.page("documents")


def test_a_card_shows_status_failures_and_warnings_and_details_reveal_the_passed_checks(
        make_window, store, qtbot, sync_tasks, fake_checker):
    from gui_helpers import jpeg_bytes

    window, page = _open_documents(make_window, store)
    card = next(iter(page.slots.values()))
    card.image.import_bytes(jpeg_bytes(640, 400), "licence.jpg")
    ui = card.ui
    assert "不通过" in ui.verdictLabel.text()
    results = ui.resultsLabel.text()
    assert "图片模糊" in results and "有反光" in results  # failures and warnings on the card
    assert "四角完整" not in results and "彩色原件" not in results  # the passed checks wait behind 详情
    assert ui.detailsButton.isVisible() and not ui.passedLabel.isVisible()
    assert "2" in ui.detailsButton.text()
    ui.detailsButton.click()
    assert ui.passedLabel.isVisible()
    assert "四角完整" in ui.passedLabel.text() and "彩色原件" in ui.passedLabel.text()
    ui.detailsButton.click()
    assert not ui.passedLabel.isVisible()
    # a picture large enough to read: not a 160 px stamp
    assert ui.thumbnail.pixmap().width() >= 240
    window.set_language("en")
    qtbot.waitUntil(lambda: "Details" in ui.detailsButton.text(), timeout=3000)
    assert "2 checks passed" in ui.detailsButton.text()
    assert "blurred" in ui.resultsLabel.text() and "corners" not in ui.resultsLabel.text()


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")  # the offscreen platform, on opening a dialog
def test_the_picture_opens_a_zoom_view_inside_the_screen_with_the_keyboard(
        make_window, store, qtbot, sync_tasks, fake_checker, screen):
    from gui_helpers import jpeg_bytes

    screen["rect"] = QRect(0, 0, 1024, 700)
    window, page = _open_documents(make_window, store, size=None)
    window.resize(1024, 700)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    card = next(iter(page.slots.values()))
    card.image.import_bytes(jpeg_bytes(640, 400), "licence.jpg")
    thumbnail = card.ui.thumbnail
    thumbnail.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(thumbnail.hasFocus, timeout=3000)
    qtbot.keyClick(thumbnail, Qt.Key.Key_Return)
    dialog = card.preview.dialog
    assert dialog is not None and dialog.isVisible()
    assert screen["rect"].contains(dialog.frameGeometry()), (dialog.frameGeometry(), screen["rect"])
    fitted = dialog.label.pixmap().width()
    dialog.zoom_in_button.click()
    assert dialog.label.pixmap().width() > fitted
    dialog.actual_button.click()
    assert dialog.label.pixmap().width() == 1200
    dialog.fit_button.click()
    assert dialog.label.pixmap().width() == fitted
    dialog.close()
    qtbot.waitUntil(lambda: card.preview.dialog is None, timeout=3000)
    qtbot.keyClick(thumbnail, Qt.Key.Key_Space)  # Space opens it too
    assert card.preview.dialog is not None
    card.preview.dialog.close()


def _columns(page) -> int:
    return len({w.x() for w in page.slots.values()})


def test_documents_flow_in_two_columns_on_a_wide_screen_and_one_on_narrow_ones(make_window, store, qtbot, screen):
    screen["rect"] = QRect(0, 0, 1920, 1040)
    window, page = _open_documents(make_window, store, size=None)
    window.resize(1920, 1040)
    qtbot.waitUntil(lambda: page.width() > 1320, timeout=3000)
    cards = list(page.slots.values())
    assert len(cards) >= 2
    qtbot.waitUntil(lambda: _columns(page) == 2, timeout=3000)
    assert cards[0].y() == cards[1].y() and cards[0].x() < cards[1].x()  # side by side, in the required order
    assert cards[2].y() > cards[0].y()
    window.resize(1366, 728)
    qtbot.waitUntil(lambda: _columns(page) == 1, timeout=3000)
    assert [c.y() for c in cards] == sorted(c.y() for c in cards)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_documents_page_fits_1024x700_without_sideways_scrolling(make_window, store, screen, sync_tasks,
                                                                fake_checker, lang):
    from gui_helpers import jpeg_bytes

    screen["rect"] = QRect(0, 0, 1024, 700)
    window, page = _open_documents(make_window, store, lang=lang, size=None)
    window.resize(1024, 700)
    for card in page.slots.values():
        card.image.import_bytes(jpeg_bytes(320, 200), "scan.jpg")
        card.ui.detailsButton.click()
    viewport = window.wizard._scrolls[window.wizard.page_ids().index("documents")].viewport().width()
    assert page.minimumSizeHint().width() <= viewport, (page.minimumSizeHint().width(), viewport)
