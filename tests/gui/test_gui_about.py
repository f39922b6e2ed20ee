"""帮助 → 关于: version from pyproject.toml, library versions, the licences of the bundled components, both languages,
reachable with the keyboard."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")  # the offscreen platform, for dialogs

ROOT = Path(__file__).resolve().parents[2]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def _open_about(window, qtbot):
    window.ui.actionAbout.trigger()
    from beian_desktop.gui.about_dialog import AboutDialog

    # the list is read in the thread pool
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(AboutDialog)))
    return next(d for d in window.findChildren(AboutDialog) if d.isVisible())


def test_help_menu_opens_about_with_version_and_licences(make_window, qtbot):
    window = make_window()
    assert window.ui.actionAbout in window.ui.menuHelp.actions()
    dialog = _open_about(window, qtbot)
    header = dialog.header.text()
    assert f"版本 {VERSION}" in header
    for library in ("Python", "Qt", "OpenCV", "ONNX Runtime"):
        assert library in header
    rows = [dialog.components.item(i).text() for i in range(dialog.components.count())]
    for expected in ("Qt 6 / PySide6", "OpenCV", "ONNX Runtime", "RapidOCR", "YuNet", "MediaPipe"):
        assert any(r.startswith(expected) for r in rows), (expected, rows)
    assert any(r.startswith("OpenCV") and r.endswith("Apache-2.0") for r in rows)
    assert any(r.startswith("ONNX Runtime") and r.endswith("MIT") for r in rows)
    assert any(r.startswith("Qt 6") and "LGPL-3.0" in r for r in rows)

    assert dialog.select("pyside6-essentials")
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in dialog.license_text.toPlainText()
    assert dialog.select("model:face_detection_yunet.onnx")
    assert "Apache License" in dialog.license_text.toPlainText()
    assert dialog.select("rapidocr")
    text = dialog.license_text.toPlainText()
    assert "PP-OCR" in text and "Apache License" in text
    dialog.grab().save(str(Path("/tmp") / "beian-about-zh.png"))


def test_about_is_english_in_the_english_ui(make_window, qtbot):
    window = make_window(lang="en")
    dialog = _open_about(window, qtbot)
    assert dialog.windowTitle() == "About Beian Desktop"
    assert f"Version {VERSION}" in dialog.header.text()
    assert dialog.select("opencv-python-headless")
    assert "Image processing and face detection" in dialog.license_text.toPlainText()
    labels = [w.text() for w in dialog.findChildren(type(dialog.header)) if w is not dialog.header]
    assert "&Components:" in labels and "Licence &text:" in labels


def test_about_is_reachable_and_readable_with_the_keyboard(make_window, qtbot):
    window = make_window()
    dialog = _open_about(window, qtbot)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.components)
    first = dialog.license_text.toPlainText()
    qtbot.keyClick(dialog.components, Qt.Key.Key_Down)
    assert dialog.license_text.toPlainText() != first  # the arrow keys walk through the components
    qtbot.keyClick(dialog, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.license_text
    bar = dialog.license_text.verticalScrollBar()
    assert dialog.select("pyside6-essentials") and bar.maximum() > 0  # a long licence scrolls
    dialog.license_text.setFocus()
    qtbot.keyClick(dialog.license_text, Qt.Key.Key_PageDown)
    assert bar.value() > 0
    qtbot.keyClick(dialog, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.components
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    window.about()  # it opens again after closing
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(type(dialog))))


def test_help_menu_mnemonics_do_not_clash(make_window):
    window = make_window()
    import re

    keys = [re.search(r"&(\w)", m.title()).group(1).lower() for m in
            (window.ui.menuFile, window.ui.menuEdit, window.ui.menuHelp) if "&" in m.title()]
    assert len(keys) == len(set(keys))
    from beian_desktop.gui.about_dialog import AboutDialog

    dialog = AboutDialog(window)
    labels = [w.text() for w in dialog.findChildren(type(dialog.header)) if "&" in w.text()]
    dialog_keys = [re.search(r"&(\w)", t).group(1).lower() for t in labels]
    assert len(dialog_keys) == len(set(dialog_keys)) == 2
    dialog.deleteLater()
