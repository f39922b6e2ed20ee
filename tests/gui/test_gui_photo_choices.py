"""Photo verification (issue 11, item 17): Shanghai applicants record that the bureau app's check was done (kept in the
draft, shown in the step list and the checklist); elsewhere the applicant says whether they already have a backdrop or
request one; the seed's app-upload provinces (粤渝辽皖闽, rule data) are named where they apply."""

from __future__ import annotations

from beian_desktop.domain.rules import rules_in_force
from beian_desktop.export.checklist import render_checklist
from beian_desktop.sample import sample_application
from gui_helpers import choose


def test_rule_data_has_the_seeds_app_upload_provinces():
    # seed 000_03626ef9ce798b1b: 广东、重庆、辽宁、安徽、福建 may upload documents and photos in the Alibaba Cloud app
    assert rules_in_force().photo.app_upload_provinces == {"440000", "500000", "210000", "340000", "350000"}


def _photo_state(wizard) -> str:
    from PySide6.QtCore import Qt

    row = wizard.page_ids().index("photo")
    return wizard.ui.steps.item(row).data(Qt.ItemDataRole.UserRole)


def test_shanghai_records_the_bureau_app_check(make_window, store):
    draft_id = store.drafts.create(sample_application("shanghai"))
    window = make_window(restore=False)
    window.open_draft(draft_id, "photo")
    wizard = window.wizard
    ui = wizard.page("photo").ui
    assert ui.modeStack.currentWidget() is ui.shanghaiPage and ui.shanghaiDone.isVisible()
    assert not ui.shanghaiDone.isChecked() and _photo_state(wizard) == "todo"
    ui.shanghaiDone.click()
    assert "已记录" in ui.shanghaiDoneLabel.text() and "北京时间" in ui.shanghaiDoneLabel.text()
    assert _photo_state(wizard) == "done"  # the step list shows it done
    window.autosave.flush()
    stored = store.drafts.load(draft_id)
    assert stored.photo_verification.shanghai_app_done_at
    html = render_checklist(stored, [], [])
    assert "上海管局 App 核验" in html and "已完成" in html
    # reopened (a restart): still recorded
    window.open_draft(draft_id, "photo")
    assert window.wizard.page("photo").ui.shanghaiDone.isChecked()
    window.wizard.page("photo").ui.shanghaiDone.click()  # taken back
    window.autosave.flush()
    stored = store.drafts.load(draft_id)
    assert stored.photo_verification.shanghai_app_done_at == ""
    assert "尚未完成" in render_checklist(stored, [], [])


def test_elsewhere_the_applicant_has_a_backdrop_or_requests_one(make_window, store):
    app = sample_application("hangzhou")
    app.photo_verification.backdrop = ""
    draft_id = store.drafts.create(app)
    window = make_window(restore=False)
    window.open_draft(draft_id, "photo")
    ui = window.wizard.page("photo").ui
    assert ui.modeStack.currentWidget() is ui.backdropPage
    assert not ui.haveBackdrop.isChecked() and not ui.requestBackdrop.isChecked()
    assert "请选择" in ui.backdropChoiceNote.text()
    ui.haveBackdrop.click()
    assert not ui.mailingGroup.isVisible()  # nothing to mail
    window.autosave.flush()
    stored = store.drafts.load(draft_id)
    assert stored.photo_verification.backdrop == "have"
    html = render_checklist(stored, [], [])
    assert "已有阿里云幕布" in html and "幕布收件人" not in html
    ui.requestBackdrop.click()
    assert ui.mailingGroup.isVisible() and "填写邮寄地址" in ui.backdropChoiceNote.text()
    window.autosave.flush()
    stored = store.drafts.load(draft_id)
    assert stored.photo_verification.backdrop == "request"
    assert "幕布收件人" in render_checklist(stored, [], [])


def test_app_upload_provinces_are_named_where_the_rules_have_them(make_window, store, qtbot):
    window = make_window(restore=False)
    window.open_draft(store.drafts.create(sample_application("hangzhou")), "photo")
    wizard = window.wizard
    photo, documents = wizard.page("photo").ui, wizard.page("documents")
    assert not photo.appUploadNote.isVisible()  # 浙江 is not one of them
    wizard.go_to("start")
    choose(wizard.page("start").ui.province, "440000")  # 广东
    wizard.go_to("photo")
    assert photo.appUploadNote.isVisible() and "广东省" in photo.appUploadNote.text()
    assert "阿里云 App" in photo.appUploadNote.text()
    wizard.go_to("documents")
    assert documents.app_note.isVisible() and "广东省" in documents.app_note.text()
    assert "Guangdong" in render_checklist(wizard.app, [], [], lang="en")
    window.set_language("en")
    wizard.go_to("photo")
    qtbot.waitUntil(lambda: "Guangdong" in photo.appUploadNote.text(), timeout=3000)
