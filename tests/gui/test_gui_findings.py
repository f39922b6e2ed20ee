"""Errors where the field is: marked beside it, named readably in the submit list, Enter jumps there; no wall of red
on a new draft; the document advice names buttons that exist and fit the problem (issue 11, items 6-8)."""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtCore import Qt

from beian_desktop.sample import sample_application


def _activate(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)


def test_a_bad_domain_is_marked_on_the_start_page(make_window, store, qtbot):
    window = make_window(restore=False)
    window.open_draft(store.drafts.create(sample_application("hangzhou")), "start")
    wizard = window.wizard
    domains = wizard.page("start").ui.domains
    assert domains is not None and hasattr(domains, "entry")  # the same list editor as on the data page
    domains.entry.setText("bad_domain..com")
    qtbot.keyClick(domains.entry, Qt.Key.Key_Return)  # added to the list, the wizard does not move on
    assert wizard.current_page().page_id == "start"
    assert domains.domains() == ["yunqi-demo.com", "bad_domain..com"]
    wizard.validate_now()
    message = wizard.binder.message_label(domains)
    assert domains.property("severity") == "error"
    assert message.isVisible() and "bad_domain..com" in message.text()  # the message names the domain
    assert domains.item_severity(1) == "error" and domains.item_severity(0) == ""  # the row itself is marked
    assert "域名" in domains.list.item(1).toolTip()
    domains.list.setCurrentRow(1)
    domains.remove_button.click()
    wizard.validate_now()
    assert domains.property("severity") == "" and not message.isVisible()
    window.autosave.flush()
    assert store.drafts.load(window.wizard.draft_id).websites[0].domains == ["yunqi-demo.com"]


def test_submit_list_names_the_person_and_field_and_enter_jumps_there(make_window, store, qtbot):
    app = sample_application("hangzhou")
    app.websites[0].owner.cert_number = "330106198503121239"  # wrong check digit
    window = make_window(restore=False)
    _activate(window, qtbot)
    window.open_draft(store.drafts.create(app), "submit")
    wizard = window.wizard
    problems = wizard.page("submit").ui.problems
    texts = [problems.item(i).text() for i in range(problems.count())]
    assert any("网站负责人 · 证件号码" in t for t in texts), texts
    assert not any("websites." in t or "principal." in t or "answers" in t for t in texts), texts
    row = next(i for i, t in enumerate(texts) if "网站负责人 · 证件号码" in t)
    problems.setFocus()
    problems.setCurrentRow(row)
    qtbot.keyClick(problems, Qt.Key.Key_Return)
    assert wizard.current_page().page_id == "details"
    assert window.focusWidget() is wizard.page("details").ui.ownerCertNumber


def test_new_draft_shows_no_required_errors_until_visited(make_window, qtbot):
    window = make_window(restore=False)
    _activate(window, qtbot)
    window.new_draft()
    wizard = window.wizard
    start = wizard.page("start").ui
    wizard.validate_now()
    assert [w.objectName() for w in start.__dict__.values() if hasattr(w, "property")
            and w.property("severity") == "error"] == []
    # the field was visited and left empty: now it says so
    start.subjectName.setFocus()
    qtbot.waitUntil(start.subjectName.hasFocus, timeout=3000)
    start.certNumber.setFocus()
    qtbot.waitUntil(start.certNumber.hasFocus, timeout=3000)
    wizard.validate_now()
    assert start.subjectName.property("severity") == "error"
    assert "必填" in wizard.binder.message_label(start.subjectName).text()
    assert start.subjectIcp.property("severity") != "error"  # never visited
    # trying to go on reveals the rest of the page
    wizard.next()
    wizard.validate_now()
    assert start.subjectIcp.property("severity") == "error"


def test_one_colour_per_severity():
    from beian_desktop.gui.widgets.colours import _LIGHT
    from beian_desktop.paths import resource_path

    qss = resource_path("styles", "app.qss").read_text(encoding="utf-8")
    for severity, status in (("error", "fail"), ("warning", "warn")):
        rules = [line for line in qss.splitlines() if f'[severity="{severity}"]' in line]
        assert rules and all(_LIGHT[status] in line for line in rules), rules


def _report(**checks):
    return SimpleNamespace(checks=[SimpleNamespace(id=k, status=v[0], values=v[1] if len(v) > 1 else {})
                                   for k, v in checks.items()])


def test_document_fixes_offered_fit_the_problem(qapp):
    from beian_desktop.gui.pages.documents import applicable_fixes

    limits = {"min_bytes": 200_000, "max_bytes": 4_000_000}
    assert applicable_fixes(_report(size=("fail", {"bytes": 90_000, **limits}), resolution=("pass",),
                                    orientation=("pass",))) == {"compress": "以更高质量重新保存"}
    assert applicable_fixes(_report(size=("fail", {"bytes": 9_000_000, **limits}), orientation=("fail",))) == {
        "compress": "压缩", "rotate": "旋转"}
    # too small because the picture itself is too small: no button can fix that (take it again)
    assert applicable_fixes(_report(size=("fail", {"bytes": 90_000, **limits}), resolution=("fail",))) == {}
    assert applicable_fixes(_report(size=("pass", {"bytes": 900_000, **limits}), format=("warn",))) == {
        "compress": "转换为 JPG"}
    assert applicable_fixes(_report(size=("pass", {"bytes": 900_000, **limits}), orientation=("pass",))) == {}


def test_document_advice_names_real_buttons():
    import io

    from PIL import Image

    from beian_desktop.imaging.documents import check_document

    buffer = io.BytesIO()
    Image.new("RGB", (1600, 1000), (200, 200, 200)).save(buffer, format="JPEG", quality=30)
    report = check_document(buffer.getvalue())
    text = " ".join(c.message.zh for c in report.checks)
    assert "修正" not in text
    size = next(c for c in report.checks if c.id == "size")
    assert size.status == "fail" and "以更高质量重新保存" in size.message.zh
