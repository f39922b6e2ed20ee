"""What the UI says: Qt's own dialogs in the user's language, no exception class names, no developer notes
(issue 11, items 12 and 13)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QMessageBox

from beian_desktop.sample import sample_application

DEVELOPER_MARKS = ("domain.md", "[A]", "[T]", "[H]", "[3P]", "[seed]", "seed 000_")


def test_qt_dialog_buttons_follow_the_language():
    from beian_desktop.gui.i18n_qt import set_ui_language

    set_ui_language("zh_CN")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    assert QCoreApplication.translate("QPlatformTheme", "&Yes") == "是(&Y)"  # QMessageBox's buttons
    assert QCoreApplication.translate("QFileDialog", "&Open") == "打开(&O)"
    set_ui_language("en")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_a_broken_import_file_is_explained_without_class_names(make_window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    window = make_window(restore=False)
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert window.import_file(str(bad)) is None
    assert window.import_file(str(tmp_path / "missing.json")) is None
    assert len(shown) == 2 and all("Error" not in text and "文件" in text for text in shown)
    assert not any("JSONDecodeError" in text or "FileNotFoundError" in text for text in shown)


def test_no_developer_notes_on_any_page(make_window, store):
    window = make_window(restore=False)
    window.open_draft(store.drafts.create(sample_application("hangzhou")))
    wizard = window.wizard
    for lang in ("zh_CN", "en"):
        window.set_language(lang)
        for page in wizard.pages:
            wizard.go_to(page.page_id)
            texts = [label.text() for label in page.findChildren(QLabel) if label.isVisibleTo(page)]
            texts += [label.toolTip() for label in page.findChildren(QLabel)]
            timeline = wizard.page("review").timeline_widget
            texts += [timeline.deadlines.item(i).toolTip() for i in range(timeline.deadlines.count())]
            leaks = [t for t in texts if any(mark in t for mark in DEVELOPER_MARKS)]
            assert leaks == [], (lang, page.page_id, leaks)
    # the rule sources are named in the UI's language
    window.set_language("zh_CN")
    wizard.go_to("submit")
    assert "来源：阿里云备案文档" in wizard.page("submit").ui.smsRule.text()


def test_english_counts_use_the_right_plural(make_window, store):
    from beian_desktop.gui.i18n_qt import count

    window = make_window(restore=False, lang="en")
    assert count(1, "个错误", "error") == "1 error" and count(2, "个错误", "error") == "2 errors"
    app = sample_application("hangzhou")
    window.open_draft(store.drafts.create(app), "submit")
    text = window.wizard.page("submit").ui.readyLabel.text()
    errors = window.wizard.error_count()
    assert errors > 1 and f"{errors} errors to fix" in text, text
    window.wizard.page("password").wizard.password = "x"
    window.wizard.go_to("password")
    window.wizard.page("password").refresh()
