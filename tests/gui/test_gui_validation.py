"""Field-level validation appears while typing, clears when fixed; the original filing record is compared."""

from __future__ import annotations

from gui_helpers import choose, type_text

from beian_desktop.sample import sample_application


def open_sample(make_window, store, variant="hangzhou"):
    draft_id = store.drafts.create(sample_application(variant))
    window = make_window(restore=False)
    window.open_draft(draft_id, "details")
    return window, draft_id


def test_error_appears_and_clears_inline(make_window, store, qtbot):
    window, _ = open_sample(make_window, store)
    wizard = window.wizard
    ui = wizard.page("details").ui
    message = wizard.binder.message_label(ui.principalCertNumber)
    assert not message.isVisibleTo(wizard.page("details"))
    type_text(ui.principalCertNumber, "330106198503121232")  # wrong check digit
    qtbot.waitUntil(lambda: message.isVisibleTo(wizard.page("details")), timeout=3000)
    assert message.text().startswith("错误：")
    assert ui.principalCertNumber.property("severity") == "error"
    # the submit checklist lists it and jumps back to the field
    submit = wizard.page("submit")
    texts = [submit.ui.problems.item(i).text() for i in range(submit.ui.problems.count())]
    assert any("证件号码" in t for t in texts)
    assert submit.ui.readyLabel.text().startswith("还不能提交")
    wizard.go_to("submit")
    item = next(submit.ui.problems.item(i) for i in range(submit.ui.problems.count())
                if submit.ui.problems.item(i).data(256) == "principal.cert_number")
    submit.ui.problems.itemActivated.emit(item)
    assert wizard.current_page().page_id == "details"
    assert ui.principalCertNumber.hasFocus() or window.focusWidget() is ui.principalCertNumber
    type_text(ui.principalCertNumber, "330106198503121231")
    qtbot.waitUntil(lambda: not message.isVisibleTo(wizard.page("details")), timeout=3000)
    assert ui.principalCertNumber.property("severity") == ""


def test_messages_follow_the_language(make_window, store, qtbot):
    window, _ = open_sample(make_window, store)
    wizard = window.wizard
    ui = wizard.page("details").ui
    type_text(ui.contactEmail, "not-an-email")
    message = wizard.binder.message_label(ui.contactEmail)
    qtbot.waitUntil(lambda: bool(message.text()), timeout=3000)
    chinese = message.text()
    window.set_language("en")
    qtbot.waitUntil(lambda: message.text().startswith("Error: "), timeout=3000)
    assert message.text() != chinese
    assert wizard.ui.nextButton.text() == "&Next"
    assert wizard.ui.steps.item(0).text().endswith("1. Start: domain and filing type")
    assert ui.nature.currentText() == "Enterprise"
    window.set_language("zh_CN")
    qtbot.waitUntil(lambda: message.text() == chinese, timeout=3000)
    assert ui.nature.currentText() == "企业"


def test_original_record_differences_are_flagged(make_window, store, qtbot):
    window, draft_id = open_sample(make_window, store)
    wizard = window.wizard
    ui = wizard.page("details").ui
    type_text(ui.origSubjectName, "杭州云栖科技有限公司")
    wizard.validate_now()
    message = wizard.binder.message_label(ui.subjectName)
    assert "原备案" in message.text()
    assert ui.origSubjectName.property("severity") == "error"  # the "original:" input is marked too
    assert "原备案" in ui.origSubjectName.toolTip()
    submit = wizard.page("submit")
    texts = [submit.ui.problems.item(i).text() for i in range(submit.ui.problems.count())]
    assert sum("原备案" in t for t in texts) == 1  # listed once, not once more for the mirror
    type_text(ui.origSubjectName, "杭州云栖示例科技有限公司")
    wizard.validate_now()
    assert not message.isVisibleTo(wizard.page("details"))
    assert ui.origSubjectName.property("severity") == ""
    window.autosave.flush()
    assert store.drafts.load(draft_id).original.fields["subject.name"] == "杭州云栖示例科技有限公司"


def test_province_requirements_follow_the_province(make_window, store):
    window, _ = open_sample(make_window, store)
    wizard = window.wizard
    notes = wizard.page("details").ui.provinceNotes
    choose(wizard.page("details").ui.province, "320000")  # 江苏: landline required
    assert "固定电话" in notes.text()
    choose(wizard.page("details").ui.province, "310000")
    assert "上海" in notes.text() and "App" in notes.text()
    wizard.go_to("photo")
    assert wizard.page("photo").ui.modeStack.currentWidget() is wizard.page("photo").ui.shanghaiPage


def test_next_is_never_blocked_by_errors(make_window, store):
    window = make_window(restore=False)
    window.new_draft()
    wizard = window.wizard
    wizard.validate_now()
    assert wizard.error_count() > 0
    for _ in range(len(wizard.pages) - 1):
        assert wizard.ui.nextButton.isEnabled()
        wizard.ui.nextButton.click()
    assert wizard.current_page().page_id == "review"


def test_service_number_format_is_checked_on_the_product_page(make_window, store, qtbot):
    window, _ = open_sample(make_window, store)
    wizard = window.wizard
    wizard.go_to("product")
    edit = wizard.page("product")._rows[0][1]
    message = wizard.binder.message_label(edit)
    type_text(edit, "12-34")
    qtbot.waitUntil(lambda: message.isVisibleTo(wizard.page("product")), timeout=3000)
    assert message.text().startswith("提醒：") and "12-34" in message.text()
    type_text(edit, "")
    qtbot.waitUntil(lambda: message.text().startswith("错误："), timeout=3000)  # required
    type_text(edit, "A1B2C3D4E5F6G7H8")
    qtbot.waitUntil(lambda: not message.isVisibleTo(wizard.page("product")), timeout=3000)
