"""Fixtures of the GUI tests: a fresh SQLite store per test, synchronous or real background tasks, window factory."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from fixtures_common import store  # noqa: E402,F401 - a fixture


@pytest.fixture
def sync_tasks():
    from beian_desktop.gui import tasks

    tasks.set_synchronous(True)
    yield
    tasks.set_synchronous(False)


@pytest.fixture(autouse=True)
def _chinese_ui(qapp):
    from beian_desktop.gui.app import apply_style
    from beian_desktop.gui.i18n_qt import set_ui_language

    apply_style(qapp)
    set_ui_language("zh_CN")
    yield
    set_ui_language("zh_CN")


@pytest.fixture
def make_window(qtbot, store):
    """``make_window(restore=True)`` builds a main window on the test store (a new one simulates a restart)."""
    from beian_desktop.gui.app import open_main_window

    windows = []

    def factory(restore: bool = True, lang: str | None = None, size: tuple[int, int] | None = (1200, 800)):
        window = open_main_window(store, lang or "zh_CN", restore=restore)
        qtbot.addWidget(window)
        if size:
            # a simulated screen that holds the requested size (the offscreen platform's own screen is 800×600)
            from PySide6.QtCore import QRect

            window.available_area = lambda: QRect(0, 0, size[0] + 8, size[1] + 8)
            window.resize(*size)
        window.show()
        windows.append(window)
        return window

    yield factory
    from PySide6.QtCore import QCoreApplication, QEvent

    for w in windows:
        w.autosave.flush()
        w.close()
        w.deleteLater()  # destroyed now, not by a garbage collection in the middle of a later test
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    windows.clear()
