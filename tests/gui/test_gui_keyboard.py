"""Keyboard-only use: Enter opens a draft, Alt+Right/Left move between steps, Escape returns to the list;
every input has an accessible name."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from beian_desktop.sample import sample_application


def test_keyboard_navigation(make_window, store, qtbot):
    draft_id = store.drafts.create(sample_application())
    window = make_window(restore=False)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    table = window.drafts.ui.table
    table.setFocus()
    window.drafts.select(draft_id)
    table.setCurrentIndex(table.model().index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.ui.stack.currentWidget() is window.wizard
    wizard = window.wizard
    field = wizard.page("start").ui.subjectName
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert wizard.current_page().page_id == "product"
    qtbot.keyClick(wizard.ui.steps, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert wizard.current_page().page_id == "start"
    qtbot.keyClick(wizard.page("start").ui.subjectName, Qt.Key.Key_Escape)
    assert window.ui.stack.currentWidget() is window.drafts


def test_every_input_has_an_accessible_name(make_window, store):
    window = make_window(restore=False)
    window.new_draft()
    unnamed = []
    for path in window.wizard.binder.paths():
        for widget in window.wizard.binder.widgets(path):
            if not widget.accessibleName():
                unnamed.append(path)
    assert unnamed == []
    # and labels point at their inputs (mnemonics focus the field)
    start = window.wizard.page("start").ui
    assert start.domainsLabel.buddy() is start.domains
    assert isinstance(start.subjectNameLabel.buddy(), QWidget)
