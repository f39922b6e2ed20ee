"""Copy helpers for the Alibaba Cloud console and a link to it (issue 11, item 15)."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication

from beian_desktop.sample import sample_application


def _copy_action(edit):
    return next((a for a in edit.actions() if a.objectName() == "copyAction"), None)


def test_values_typed_into_the_console_can_be_copied(make_window, store):
    window = make_window(restore=False)
    window.open_draft(store.drafts.create(sample_application("hangzhou")), "details")
    wizard = window.wizard
    details = wizard.page("details").ui
    action = _copy_action(details.subjectCertNumber if hasattr(details, "subjectCertNumber")
                          else wizard.binder.widgets("subject.cert_number")[-1])
    assert action is not None and action.toolTip()
    action.trigger()
    assert QGuiApplication.clipboard().text() == "91330106MA2H8Q3K3L"
    assert _copy_action(wizard.page("password").ui.password) is None  # the secret is never offered for copying
    assert all(_copy_action(w) is None for p in wizard.binder.paths() if p.startswith("original:")
               for w in wizard.binder.widgets(p))


def test_submit_page_links_the_filing_console(make_window, store):
    window = make_window(restore=False)
    window.open_draft(store.drafts.create(sample_application("hangzhou")), "submit")
    link = window.wizard.page("submit").console_link
    assert 'href="https://beian.aliyun.com/"' in link.text() and link.openExternalLinks()
    assert link.isVisible()
