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
    qtbot.keyClick(table, Qt.Key.Key_Return)  # the draft opens in the background; the window stays responsive
    qtbot.waitUntil(lambda: window._wizard is not None and window.ui.stack.currentWidget() is window._wizard,
                    timeout=20000)
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


def _inputs(root):
    from PySide6.QtWidgets import QAbstractSpinBox, QCheckBox, QComboBox, QLineEdit

    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLineEdit) and isinstance(widget.parentWidget(), (QAbstractSpinBox, QComboBox)):
            continue  # the editor inside a spin box or combo box: the outer widget carries the name
        if isinstance(widget, (QLineEdit, QComboBox, QCheckBox, QAbstractSpinBox)):
            yield widget


def _buddied(root) -> set[int]:
    from PySide6.QtWidgets import QLabel

    return {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy() is not None and label.text()}


def test_every_input_on_every_page_is_named(make_window, store):
    """Walk every page of both sample drafts (all slots and rows present): each input has a name or a label."""
    window = make_window(restore=False)
    for variant in ("hangzhou", "shanghai"):
        window.open_draft(store.drafts.create(sample_application(variant)))
        wizard = window.wizard
        for page in wizard.pages:
            wizard.go_to(page.page_id)
            labelled = _buddied(page)
            unnamed = [f"{page.page_id}:{w.objectName() or type(w).__name__}" for w in _inputs(page)
                       if not w.accessibleName().strip() and id(w) not in labelled]
            assert unnamed == [], unnamed


def test_enter_in_a_line_edit_moves_to_the_next_field(make_window, store, qtbot):
    window = make_window(restore=False)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    window.open_draft(store.drafts.create(sample_application()), "start")
    start = window.wizard.page("start").ui
    start.siteIcp.setFocus()
    qtbot.waitUntil(start.siteIcp.hasFocus, timeout=3000)
    qtbot.keyClick(start.siteIcp, Qt.Key.Key_Return)
    assert not start.siteIcp.hasFocus()
    assert window.wizard.current_page().page_id == "start"  # Enter neither submits nor changes the page
    focused = window.focusWidget()
    assert focused is not None and window.wizard.page("start").isAncestorOf(focused)


def _visible_mnemonics(window) -> dict[str, list[str]]:
    """Alt+letter keys of everything on screen now: menu titles, buttons, labels and check boxes."""
    import re

    from PySide6.QtWidgets import QAbstractButton, QLabel, QToolButton

    keys: dict[str, list[str]] = {}
    texts = [a.text() for a in window.menuBar().actions()]
    for widget in window.findChildren(QWidget):
        if widget.isVisible() and isinstance(widget, (QAbstractButton, QLabel)) and not isinstance(widget, QToolButton):
            texts.append(widget.text())
    for button in window.ui.toolBar.findChildren(QToolButton):
        if button.isVisible():
            texts.append(button.text())
    for text in texts:
        match = re.search(r"&([^&\s])", text or "")
        if match:
            keys.setdefault(match.group(1).upper(), []).append(text)
    return {key: found for key, found in keys.items() if len(found) > 1}


def test_mnemonics_do_not_clash_and_new_next_focus_the_first_field(make_window, store, qtbot):
    store.drafts.create(sample_application())
    window = make_window(restore=False)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    assert "&" in window.ui.menuLanguage.title()  # the language menu has a mnemonic
    assert _visible_mnemonics(window) == {}
    # the toolbar shows no "(N)" that Alt+N would not press (Alt+N is 下一步 in the wizard)
    assert all("(" not in a.iconText() for a in window.ui.toolBar.actions() if a.text())
    table = window.drafts.ui.table
    table.setFocus()
    qtbot.waitUntil(table.hasFocus, timeout=3000)
    qtbot.keyClick(table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # 新建
    wizard = window.wizard
    assert window.ui.stack.currentWidget() is wizard
    start = wizard.page("start")
    qtbot.waitUntil(lambda: window.focusWidget() is not None and start.isAncestorOf(window.focusWidget()), timeout=3000)
    assert window.focusWidget() is start.ui.domains.entry  # the first field of the page (the domain list editor)
    for page in wizard.pages:
        wizard.go_to(page.page_id)
        assert _visible_mnemonics(window) == {}, page.page_id
    wizard.go_to("start")
    start.ui.domains.entry.setFocus()
    qtbot.keyClick(start.ui.domains.entry, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # 下一步(&N)
    product = wizard.page("product")
    qtbot.waitUntil(lambda: wizard.current_page() is product, timeout=3000)  # a mnemonic "animates" the click
    qtbot.waitUntil(lambda: window.focusWidget() is not None and product.isAncestorOf(window.focusWidget()),
                    timeout=3000)
    # Enter presses the focused button
    wizard.ui.backButton.setFocus()
    qtbot.waitUntil(wizard.ui.backButton.hasFocus, timeout=3000)
    qtbot.keyClick(wizard.ui.backButton, Qt.Key.Key_Return)
    assert wizard.current_page() is start


def test_only_what_acts_takes_focus(make_window, store, qtbot):
    window = make_window(restore=False)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    window.new_draft()
    wizard = window.wizard
    assert all(not scroll.focusPolicy() & Qt.FocusPolicy.TabFocus for scroll in wizard._scrolls)
    wizard.go_to("photo")
    label = wizard.page("photo").ui.imageLabel
    label.setFocus(Qt.FocusReason.TabFocusReason)  # Tab reaches the empty picture: it passes focus on
    qtbot.wait(50)
    assert not label.hasFocus()
