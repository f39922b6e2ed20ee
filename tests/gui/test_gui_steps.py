"""The step list: the seed's order, each step's state, and a filing that cannot be done stops at the start page
(issue 11, items 4 and 5)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from beian_desktop.sample import sample_application
from gui_helpers import choose


def _flow_column(window, draft_id: str) -> str:
    window.show_list()
    model = window.drafts.model
    for r in range(model.rowCount()):
        if model.index(r, 0).data(Qt.ItemDataRole.UserRole) == draft_id:
            return model.index(r, window.drafts.model.COLUMNS.index("flow")).data()
    raise AssertionError(draft_id)


def test_a_blocked_filing_does_not_go_on(make_window, store, qtbot):
    draft_id = store.drafts.create(sample_application("hangzhou"))
    window = make_window(restore=False)
    window.open_draft(draft_id, "start")
    wizard = window.wizard
    start = wizard.page("start").ui
    choose(start.subjectFiledWithAliyun if hasattr(start, "subjectFiledWithAliyun")
           else wizard.binder.widgets("answers.subject_filed_with_aliyun")[0], True)
    choose(wizard.binder.widgets("answers.same_aliyun_account")[0], True)
    choose(wizard.binder.widgets("answers.other_order_in_progress")[0], True)  # another order in progress
    wizard.validate_now()
    assert wizard.page("start").decision.outcome == "blocked"
    assert not wizard.ui.nextButton.isEnabled()
    wizard.next()
    assert wizard.current_page().page_id == "start"
    qtbot.keyClick(wizard.ui.steps, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    wizard.ui.steps.setCurrentRow(3)  # a click on a later step
    assert wizard.current_page().page_id == "start"
    assert wizard.blocked_note.isVisibleTo(wizard) and "进行中" in wizard.blocked_note.text()
    assert not wizard.ui.steps.item(3).flags() & Qt.ItemFlag.ItemIsEnabled
    window.autosave.flush()
    assert _flow_column(window, draft_id) == "暂时无法办理"
    # reopening does not land on a later page either
    window.open_draft(draft_id, "documents")
    assert window.wizard.current_page().page_id == "start"
    # once the other order is finished, the filing goes on and the list names the flow again
    choose(wizard.binder.widgets("answers.other_order_in_progress")[0], False)
    wizard.validate_now()
    assert wizard.ui.nextButton.isEnabled() and not wizard.blocked_note.isVisibleTo(wizard)
    wizard.next()
    assert wizard.current_page().page_id == "product"
    window.autosave.flush()
    assert _flow_column(window, draft_id) == "继续接入"


def test_steps_follow_the_seed_and_show_their_state(make_window, store):
    window = make_window(restore=False)
    window.new_draft()
    wizard = window.wizard
    # submission (with the document check) before the photo verification, which follows the first review
    assert wizard.page_ids() == ["start", "product", "password", "details", "documents", "submit", "photo", "review"]
    assert wizard.step_states() == ["todo"] * 8  # a new draft: nothing red yet
    wizard.next()  # leaving the start page with its required fields empty
    states = wizard.step_states()
    assert states[0] == "error" and states[1:] == ["todo"] * 7
    item = wizard.ui.steps.item(0)
    assert item.text().startswith("✗") and "有错误" in item.toolTip()
    # a complete sample: the pages left behind without errors are done
    draft_id = store.drafts.create(sample_application("hangzhou"))
    window.open_draft(draft_id, "start")
    for _ in range(3):
        wizard.next()
    assert wizard.current_page().page_id == "details"
    assert wizard.step_states()[:4] == ["done", "done", "done", "todo"]
    assert wizard.ui.steps.item(1).text().startswith("✓") and wizard.ui.steps.item(1).toolTip() == "已完成"
