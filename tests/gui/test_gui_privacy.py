"""The desktop app on a machine without a keyring asks for a passphrase in a clear dialog; the privacy dialog shows
what is stored, where and for how long (both languages) and sets the retention; expired drafts go at start."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox


# dialogs shown on the offscreen platform
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def no_keyring(monkeypatch):
    import keyring
    from keyring.backends import null

    keyring.set_keyring(null.Keyring())


def _answer(monkeypatch, answers, seen):
    """Replace the dialog's exec: record what it showed, type the next answer (None = Cancel)."""
    from beian_desktop.gui import privacy

    def fake_exec(dialog):
        answer = answers.pop(0)
        from PySide6.QtCore import QCoreApplication, QThread

        seen.append({"new": dialog.new, "text": dialog.explanation.text(), "problem": dialog.problem.text(),
                     "repeat": dialog.second.isVisibleTo(dialog),
                     "gui_thread": QThread.currentThread() == QCoreApplication.instance().thread()})
        if answer is None:
            return QDialog.DialogCode.Rejected
        dialog.first.setText(answer)
        dialog.second.setText(answer)
        assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(privacy.PassphraseDialog, "exec", fake_exec)


def test_without_a_keyring_the_app_asks_for_a_new_passphrase_then_for_it_at_the_next_start(
        qtbot, tmp_path, no_keyring, monkeypatch):
    from beian_desktop.gui.app import launch

    url = f"sqlite:///{tmp_path / 'p.sqlite3'}"
    seen: list = []
    _answer(monkeypatch, ["a good passphrase"], seen)
    window = launch(url, "zh_CN")
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.store is not None, timeout=20000)
    assert seen[0]["new"] and seen[0]["repeat"] and "系统钥匙串" in seen[0]["text"] and "不会保存" in seen[0]["text"]
    # the store opens in the thread pool; its question is still asked by a dialog on the GUI thread
    assert all(s["gui_thread"] for s in seen)
    draft_id = window.new_draft()
    window.store.drafts.save_field(draft_id, "principal.cert_number", "330106198503121231")
    window.close()
    window.store.close()

    seen.clear()
    _answer(monkeypatch, ["wrong passphrase", "a good passphrase"], seen)
    again = launch(url, "zh_CN")
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again.store is not None, timeout=20000)
    assert [s["new"] for s in seen] == [False, False] and not seen[0]["repeat"]
    assert seen[0]["problem"] == "" and "口令不正确" in seen[1]["problem"]
    assert again.store.drafts.load(draft_id).principal.cert_number == "330106198503121231"
    again.close()
    again.store.close()


def test_cancelling_the_passphrase_says_why_the_drafts_cannot_open(qtbot, tmp_path, no_keyring, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from beian_desktop.gui.app import launch

    from PySide6.QtCore import QCoreApplication

    shown, exits = [], []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    monkeypatch.setattr(QCoreApplication, "exit", lambda code=0: exits.append(code))  # the app would quit here
    _answer(monkeypatch, [None], [])
    window = launch(f"sqlite:///{tmp_path / 'c.sqlite3'}", "zh_CN")
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    assert shown == ["没有口令，无法打开草稿数据库。"] and window.store is None and exits == [1]
    window.close()


def test_the_passphrase_dialog_explains_and_checks_the_entries(qtbot):
    from beian_desktop.gui.i18n_qt import set_ui_language
    from beian_desktop.gui.privacy import PassphraseDialog

    set_ui_language("en")
    dialog = PassphraseDialog(None, new=True)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert "no usable system keyring" in dialog.explanation.text() and "never" in dialog.explanation.text()
    dialog.first.setText("short")
    assert not ok.isEnabled() and "At least 8" in dialog.problem.text()
    dialog.first.setText("long enough")
    dialog.second.setText("long enougH")
    assert not ok.isEnabled() and "differ" in dialog.problem.text()
    dialog.second.setText("long enough")
    assert ok.isEnabled() and dialog.problem.text() == ""
    dialog.grab().save(str(__import__("pathlib").Path(__import__("tempfile").gettempdir()) / "passphrase_dialog_en.png"))


@pytest.mark.parametrize("lang,expected", [("zh_CN", "证件号码"), ("en", "ID numbers")])
def test_the_privacy_dialog_shows_what_where_how_long_and_sets_the_retention(qtbot, make_window, store, lang, expected):
    from beian_desktop.gui.privacy import show_privacy
    from beian_desktop.store import retention

    window = make_window(restore=False, lang=lang)
    assert window.privacy_action.text().replace("&", "").startswith(("隐私", "Privacy"))
    dialog = show_privacy(window)
    cells = [dialog.table.item(r, c).text() for r in range(dialog.table.rowCount()) for c in range(3)]
    assert any(expected in c for c in cells) and any(str(store.path) in c for c in cells)
    assert any("180" in c for c in cells)
    dialog.days.setValue(0)
    dialog.save()
    assert retention.retention_days(store) == 0
    dialog.grab().save(str(__import__("pathlib").Path(__import__("tempfile").gettempdir()) / f"privacy_{lang}.png"))
    dialog.close()  # deletes itself (WA_DeleteOnClose)


def test_expired_drafts_are_purged_at_start_off_the_gui_thread(qtbot, tmp_path):
    import threading

    from beian_desktop.gui.app import launch
    from beian_desktop.store import open_store, retention

    url = f"sqlite:///{tmp_path / 'r.sqlite3'}"
    with open_store(url) as store:
        old = store.drafts.create()
        keep = store.drafts.create()
        store.drafts.delete(old)
        retention.set_retention_days(store, 0)
    threads = []
    real = retention.purge_expired

    def spy(*a, **k):
        threads.append(threading.current_thread() is threading.main_thread())
        return real(*a, **k)

    retention.purge_expired = spy
    try:
        window = launch(url, "zh_CN")
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: window.store is not None, timeout=20000)
        qtbot.waitUntil(lambda: bool(threads), timeout=20000)
        qtbot.waitUntil(lambda: [d.id for d in window.store.drafts.list(include_deleted=True)] == [keep], timeout=20000)
    finally:
        retention.purge_expired = real
    assert threads == [False]
    qtbot.waitUntil(lambda: "永久删除 1 份草稿" in window.statusBar().currentMessage(), timeout=5000)
    window.close()
    window.store.close()


def test_an_encrypted_export_imports_in_the_app_with_its_passphrase(make_window, store, tmp_path, monkeypatch):
    import json

    from PySide6.QtWidgets import QInputDialog, QMessageBox

    from beian_desktop.domain.model import Application
    from beian_desktop.store.sealed_file import seal

    app = Application()
    app.principal.cert_number = "330106198503121231"
    source = store.drafts.create(app)
    path = tmp_path / "draft.json"
    path.write_bytes(seal(json.dumps(store.drafts.export_json(source)).encode(), "transfer passphrase"))
    answers = [("wrong passphrase", True), ("transfer passphrase", True)]
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: answers.pop(0))
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    window = make_window(restore=False)
    assert window.import_file(str(path)) is None
    assert "口令不正确" in shown[0]
    new_id = window.import_file(str(path))
    assert store.drafts.load(new_id).principal.cert_number == "330106198503121231"


def test_a_station_with_0_days_deletes_the_draft_once_its_package_is_written(make_window, store, sync_tasks, tmp_path):
    from beian_desktop.sample import create_sample
    from beian_desktop.store import retention

    draft_id = create_sample(store, "hangzhou", check=False)
    retention.set_retention_days(store, 0)
    window = make_window(restore=False)
    window.open_draft(draft_id, "submit")
    target = tmp_path / "package.zip"
    window.exporter.export_to(draft_id, str(target), allow_draft=True)
    assert target.exists()
    assert store.drafts.list(include_deleted=True) == []
    assert window.ui.stack.currentWidget() is window.drafts  # back on the (empty) list
    assert "永久删除" in window.statusBar().currentMessage() and "个人信息" in window.statusBar().currentMessage()


def test_a_draft_with_an_altered_field_opens_and_names_that_field(make_window, store, monkeypatch):
    import sqlalchemy as sa
    from PySide6.QtWidgets import QMessageBox

    from beian_desktop.gui import privacy
    from beian_desktop.sample import sample_application
    from beian_desktop.store import keys

    assert privacy.MIN_PASSPHRASE == keys.MIN_PASSPHRASE
    draft_id = store.drafts.create(sample_application())
    with store.engine.begin() as conn:
        conn.execute(sa.text("update draft_fields set value = '\"enc1:AAAA\"' where draft_id = :d and path = "
                             "'principal.mobile'"), {"d": draft_id})
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    window = make_window(restore=False)
    assert window.open_draft(draft_id, "details")
    assert len(shown) == 1 and "篡改" in shown[0]
    # named as the form names it, with its person; never the internal path
    assert "主体负责人 · 手机号码" in shown[0] and "principal.mobile" not in shown[0]
    assert window.wizard.draft_id == draft_id
    assert store.drafts.load(draft_id).principal.cert_number == "330106198503121231"
