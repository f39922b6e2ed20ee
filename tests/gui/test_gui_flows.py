"""End-to-end drives of the wizard: both flows, a non-Shanghai and a Shanghai applicant, autosave and restore."""

from __future__ import annotations

import json

from gui_helpers import choose, jpeg_bytes, type_text
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit

from beian_desktop.sample import sample_application


def fill_page_from(window, page_id: str, sample) -> None:
    """Type every bound field of a page from the sample application, as a user would."""
    wizard = window.wizard
    page = wizard.page(page_id)
    for path in wizard.binder.paths():
        if path.startswith("original:"):
            continue
        value = sample.get(path)
        for widget in wizard.binder.widgets(path):
            if not page.isAncestorOf(widget) or not widget.isEnabled():
                continue
            if isinstance(widget, QComboBox):
                choose(widget, getattr(value, "value", value))
            elif isinstance(widget, QCheckBox):
                if widget.isChecked() != bool(value):
                    widget.click()
            elif hasattr(widget, "entry") and hasattr(widget, "domains"):  # the domain list editor
                for domain in value:
                    widget.entry.setText(domain)
                    widget.add_button.click()
            elif isinstance(widget, QLineEdit):
                type_text(widget, ", ".join(value) if isinstance(value, list) else str(value))


def test_new_access_non_shanghai_end_to_end(make_window, store, qtbot, sync_tasks, tmp_path):
    sample = sample_application("hangzhou")
    window = make_window(restore=False)
    draft_id = window.new_draft()
    wizard = window.wizard
    assert wizard.current_page().page_id == "start"

    # 1. start: domain, ICP numbers, subject basics, the questions -> decision
    start = wizard.page("start").ui
    assert start.decisionLabel.text() == "尚未确定"
    fill_page_from(window, "start", sample)
    choose(start.qSameAccount, None)
    assert start.decisionLabel.text() == "新增接入备案"
    assert not start.continueNote.isVisibleTo(wizard.page("start"))
    assert wizard.app.flow.value == "new_access"

    # 2. product verification, 3. password (memory only)
    qtbot.mouseClick(wizard.ui.nextButton, qtbot_left())
    assert wizard.current_page().page_id == "product"
    service_edit = wizard.page("product")._rows[0][1]
    type_text(service_edit, "A1B2C3D4E5F6G7H8")
    wizard.next()
    password = wizard.page("password").ui
    type_text(password.password, "MiitSecret-2024")
    assert password.password.echoMode() == QLineEdit.EchoMode.Password
    password.showPassword.click()
    assert password.password.echoMode() == QLineEdit.EchoMode.Normal

    # 4. details
    wizard.next()
    fill_page_from(window, "details", sample)
    wizard.validate_now()
    assert [f for f in wizard.findings if f.severity == "error"] == []
    assert "浙江" in wizard.page("details").ui.provinceNotes.text()

    # 5. documents: import a generated picture into the first slot
    wizard.next()
    docs = wizard.page("documents")
    assert docs.slots, "the required documents are listed"
    first = next(iter(docs.slots.values()))
    picture = tmp_path / "licence.jpg"
    picture.write_bytes(jpeg_bytes(1200, 850))
    first.image.import_file(str(picture))
    assert "licence.jpg" in first.ui.resultsLabel.text()
    assert first.ui.verdictLabel.text() not in ("", "未上传")
    assert any(ref.filename == "licence.jpg" for ref in wizard.app.documents)
    first.image.apply_fix("rotate")
    assert first.image.ref.fixed_sha256 and first.image.ref.sha256  # the original is kept beside the fix
    assert first.ui.restoreButton.isVisibleTo(first)

    # 6. submit (the seed's order: submission before the photo verification): the checklist; record the submission
    wizard.next()
    submit = wizard.page("submit")
    assert wizard.current_page() is submit
    submit.ui.submittedNow.click()
    assert wizard.app.progress.status.value == "submitted"
    assert submit.ui.submittedAt.isReadOnly() and submit.ui.submittedAt.text()

    # 7. photo (after the first review): non-Shanghai -> mailing address + backdrop photo import with results
    wizard.next()
    photo = wizard.page("photo")
    assert photo.ui.modeStack.currentWidget() is photo.ui.backdropPage
    shot = tmp_path / "backdrop.jpg"
    shot.write_bytes(jpeg_bytes(1000, 750, colour=(200, 120, 30)))
    photo.image.import_file(str(shot))
    assert photo.ui.verdictLabel.text()
    assert photo.ui.verdictLabel.text() != "尚未导入照片"
    assert wizard.app.photo_verification.photo.filename == "backdrop.jpg"

    # 8. review: record the submission to the bureau; the SMS deadline and countdown follow on the submit page
    wizard.next()
    review = wizard.page("review")
    timeline = review.timeline_widget
    choose(timeline.status_combo, "bureau_review")
    timeline.advance_button.click()
    assert timeline.events.topLevelItemCount() >= 1
    assert "工作日" in review.ui.windowLabel.text() and "已于" in review.ui.windowLabel.text()
    wizard.go_to("submit")
    assert submit.ui.countdown.text().startswith("剩余")
    assert "24" in submit.ui.smsRule.text()
    wizard.go_to("review")

    # everything is in the database without a "Save" button; the password is not
    window.close()
    saved = store.drafts.load(draft_id)
    assert saved.subject.name == sample.subject.name
    assert saved.websites[0].service_numbers == ["A1B2C3D4E5F6G7H8"]
    assert [e.status.value for e in saved.progress.events] == ["submitted", "bureau_review"]
    assert saved.photo_verification.photo.sha256
    exported = json.dumps(store.drafts.export_json(draft_id), ensure_ascii=False)
    assert "MiitSecret-2024" not in exported

    # restart: the same draft and page come back
    again = make_window(restore=True)
    assert again.wizard.draft_id == draft_id
    assert again.wizard.current_page().page_id == "review"
    assert again.wizard.page("start").ui.subjectName.text() == sample.subject.name
    assert again.wizard.page("password").ui.password.text() == ""  # never stored


def qtbot_left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_continue_access_shanghai(make_window, store, sync_tasks):
    sample = sample_application("shanghai")
    window = make_window(restore=False)
    draft_id = window.new_draft()
    wizard = window.wizard
    fill_page_from(window, "start", sample)
    start = wizard.page("start").ui
    assert start.decisionLabel.text() == "继续接入备案"
    assert start.continueNote.isVisibleTo(wizard.page("start"))
    assert "同一个阿里云账号" in start.continueNote.text()
    wizard.go_to("photo")
    photo = wizard.page("photo")
    assert photo.ui.modeStack.currentWidget() is photo.ui.shanghaiPage
    assert "上海市通信管理局" in photo.ui.shanghaiText.text()
    # a blocker: another order in progress
    choose(start.qOrderInProgress, True)
    assert start.decisionLabel.text() == "暂时无法办理"
    choose(start.qOrderInProgress, False)
    window.autosave.flush()
    summary = next(s for s in store.drafts.list() if s.id == draft_id)
    assert summary.flow == "continue_access"
    assert summary.step == "photo"


def test_edits_survive_a_kill(make_window, store, qtbot):
    """No close event at all (a crash): the edit made a moment ago is in the database, the page is remembered."""
    window = make_window(restore=False)
    draft_id = window.new_draft()
    window.wizard.go_to("details")
    type_text(window.wizard.page("details").ui.city, "杭州市")
    qtbot.waitUntil(lambda: not window.autosave.has_pending(), timeout=3000)
    assert store.drafts.load(draft_id).subject.city == "杭州市"
    # a second window reads what the first one left behind, without the first being closed
    again = make_window(restore=True)
    assert again.wizard.draft_id == draft_id
    assert again.wizard.current_page().page_id == "details"
    assert again.wizard.page("details").ui.city.text() == "杭州市"
