"""The draft list: new, open, duplicate, delete with undo, export/import, geometry remembered."""

from __future__ import annotations

import json

from beian_desktop.gui.settings import GuiSettings
from beian_desktop.sample import sample_application


def titles(window):
    model = window.drafts.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_list_duplicate_delete_undo(make_window, store):
    draft_id = store.drafts.create(sample_application())
    window = make_window(restore=False)
    assert titles(window) == ["杭州云栖示例科技有限公司"]
    model = window.drafts.model
    assert model.index(0, 1).data() == "yunqi-demo.com"
    assert model.index(0, 2).data() == "新增接入"
    window.drafts.select(draft_id)
    window.drafts.ui.duplicateButton.click()
    assert len(titles(window)) == 2
    window.drafts.select(draft_id)
    window.confirm_delete = lambda title: True
    window.drafts.ui.deleteButton.click()
    assert len(titles(window)) == 1
    assert window.drafts.undo_bar.isVisible()
    window.ui.actionUndoDelete.trigger()
    assert len(titles(window)) == 2
    assert draft_id in {s.id for s in store.drafts.list()}


def test_export_then_import(make_window, store, tmp_path):
    draft_id = store.drafts.create(sample_application("shanghai"))
    window = make_window(restore=False)
    target = tmp_path / "draft.json"
    assert window.export_file(draft_id, str(target))
    assert json.loads(target.read_text(encoding="utf-8"))
    new_id = window.import_file(str(target))
    assert new_id and new_id != draft_id
    assert store.drafts.load(new_id).subject.name == "上海浦江示例网络有限公司"


def test_import_of_a_bad_file_says_so(make_window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    window = make_window(restore=False)
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert window.import_file(str(bad)) is None
    assert shown and "草稿" in shown[0]


def test_geometry_and_language_are_remembered(make_window, qtbot):
    window = make_window(restore=False)
    window.resize(1010, 690)
    window.set_language("en")
    window.close()
    settings = GuiSettings.load()
    assert settings.language == "en" and settings.geometry
    assert str(GuiSettings.path()).startswith(str(__import__("beian_desktop.paths").paths.user_config_dir()))
    again = make_window(restore=True, lang=settings.language, size=None)
    assert again.ui.actionLangEn.isChecked()
    qtbot.waitUntil(lambda: again.drafts.ui.newButton.text() == "&New", timeout=3000)
    # the offscreen test screen is only 800 px wide, so the width is clamped there; the height comes back as saved
    assert again.size().height() == 690


def test_launch_shows_the_window_first_then_opens_the_database(qtbot, tmp_path):
    """What `beian-desktop` does: the window is on screen before the database is opened (in the background)."""
    from beian_desktop.gui.app import launch

    url = f"sqlite:///{tmp_path / 'launch.sqlite3'}"
    window = launch(url, "zh_CN")
    qtbot.addWidget(window)
    assert window.isVisible()
    assert window.store is None and not window.ui.actionNew.isEnabled()
    qtbot.waitUntil(lambda: window.store is not None, timeout=20000)
    assert window.ui.actionNew.isEnabled()
    draft_id = window.new_draft()
    assert draft_id in {s.id for s in window.store.drafts.list()}
    window.close()
    window.store.close()
