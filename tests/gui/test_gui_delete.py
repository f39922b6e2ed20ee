"""Deleting a draft: only from the draft list, after confirmation, with an undo that stays on screen (issue 11, item 1)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from beian_desktop.sample import sample_application


def _live_ids(store) -> set[str]:
    return {row.id for row in store.drafts.list()}


def _activate(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)


def test_delete_key_inside_the_wizard_never_deletes_the_open_draft(make_window, store, qtbot):
    draft_id = store.drafts.create(sample_application())
    window = make_window(restore=False)
    _activate(window, qtbot)
    asked = []
    window.confirm_delete = lambda title: asked.append(title) or True
    window.open_draft(draft_id, "review")
    deadlines = window.wizard.page("review").timeline_widget.deadlines
    deadlines.setFocus()
    qtbot.waitUntil(deadlines.hasFocus, timeout=3000)
    qtbot.keyClick(deadlines, Qt.Key.Key_Delete)
    field = window.wizard.page("start").ui.subjectName
    window.wizard.go_to("start")
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    window.ui.actionDelete.trigger()  # the menu entry too: it acts on the list only
    assert draft_id in _live_ids(store)
    assert window.ui.stack.currentWidget() is window.wizard and window.wizard.draft_id == draft_id
    assert not window.ui.actionDelete.isEnabled()
    assert asked == []


def test_delete_in_the_list_asks_and_undo_stays_reachable(make_window, store, qtbot):
    keep = store.drafts.create(sample_application("shanghai"))
    draft_id = store.drafts.create(sample_application())
    window = make_window(restore=False, size=(1366, 728))
    _activate(window, qtbot)
    answers = [False, True]
    asked = []
    window.confirm_delete = lambda title: asked.append(title) or answers.pop(0)
    table = window.drafts.ui.table
    window.drafts.select(draft_id)
    table.setFocus()
    qtbot.waitUntil(table.hasFocus, timeout=3000)
    qtbot.keyClick(table, Qt.Key.Key_Delete)  # answered "No"
    assert draft_id in _live_ids(store) and asked == ["杭州云栖示例科技有限公司"]
    assert not window.drafts.undo_bar.isVisible()
    qtbot.keyClick(table, Qt.Key.Key_Delete)  # answered "Yes"
    assert _live_ids(store) == {keep}
    bar = window.drafts.undo_bar
    assert bar.isVisible() and "杭州云栖示例科技有限公司" in window.drafts.undo_label.text()
    # the undo bar is inside the window at 1366×768 (not in a status bar that times out)
    top_left = bar.mapTo(window, bar.rect().topLeft())
    assert top_left.y() >= 0 and top_left.y() + bar.height() <= window.height()
    qtbot.wait(200)
    assert bar.isVisible()
    assert window.ui.actionUndoDelete.isEnabled()
    qtbot.mouseClick(window.drafts.undo_button, Qt.MouseButton.LeftButton)
    assert _live_ids(store) == {keep, draft_id}
    assert not bar.isVisible() and not window.ui.actionUndoDelete.isEnabled()
    assert window.drafts.selected_id() == draft_id


def test_tab_leaves_the_draft_table(make_window, store, qtbot):
    store.drafts.create(sample_application())
    window = make_window(restore=False)
    _activate(window, qtbot)
    table = window.drafts.ui.table
    table.setFocus()
    qtbot.waitUntil(table.hasFocus, timeout=3000)
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert not table.hasFocus()
