"""Opening a draft does not freeze the window: the draft is read and the slow modules and data are loaded in the
thread pool while a busy state shows, and stored files are read (and re-hashed) off the GUI thread (issue 11,
"Nothing slow on the GUI thread")."""

from __future__ import annotations

import threading

from PySide6.QtCore import QTimer

from beian_desktop.sample import sample_application
from gui_helpers import jpeg_bytes


def _shown(window, draft_id: str) -> bool:
    wizard = window._wizard
    return wizard is not None and window.ui.stack.currentWidget() is wizard and wizard.draft_id == draft_id


def test_the_event_loop_keeps_turning_while_a_draft_opens(make_window, store, qtbot, monkeypatch):
    draft_id = store.drafts.create(sample_application("hangzhou"))
    window = make_window(restore=False)
    ticks: list[int] = []
    heartbeat_seen = threading.Event()
    real_load = store.drafts.load_versioned

    def slow_load(did):  # the open is made slow: it cannot finish before the event loop has turned at least once
        heartbeat_seen.wait(5)
        return real_load(did)

    monkeypatch.setattr(store.drafts, "load_versioned", slow_load)
    ticks_when_shown: list[int] = []
    real_show = window._show_draft

    def show(*args, **kwargs):
        ticks_when_shown.append(len(ticks))
        return real_show(*args, **kwargs)

    monkeypatch.setattr(window, "_show_draft", show)
    heartbeat = QTimer()
    heartbeat.setInterval(1)
    heartbeat.timeout.connect(lambda: (ticks.append(1), heartbeat_seen.set()))
    heartbeat.start()
    window.drafts.select(draft_id)
    window.drafts.ui.openButton.click()  # what the user does: 打开 in the draft list
    assert not _shown(window, draft_id)
    assert window._busy.isVisible() and not window.drafts.isEnabled()  # the busy state while it opens
    assert "正在打开草稿" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: _shown(window, draft_id), timeout=20000)
    heartbeat.stop()
    assert ticks_when_shown and ticks_when_shown[0] >= 1  # the heartbeat ticked while the draft was being opened
    assert not window._busy.isVisible() and window.drafts.isEnabled()
    assert window.wizard.page("details").ui.subjectName.text() == "杭州云栖示例科技有限公司"


def test_a_draft_that_cannot_be_read_says_so_without_freezing(make_window, store, qtbot, monkeypatch):
    draft_id = store.drafts.create(sample_application("hangzhou"))
    window = make_window(restore=False)
    errors: list[str] = []
    monkeypatch.setattr(window, "_error", lambda exc: errors.append(str(exc)))

    def broken(_did):
        raise OSError("disk gone")

    monkeypatch.setattr(store.drafts, "load_versioned", broken)
    window.open_draft_in_background(draft_id)
    qtbot.waitUntil(lambda: bool(errors), timeout=20000)
    assert window.ui.stack.currentWidget() is window.drafts and window.drafts.isEnabled()
    assert not window._busy.isVisible()


def test_stored_files_are_read_off_the_gui_thread_when_a_draft_opens(make_window, store, qtbot, monkeypatch):
    from beian_desktop.domain.documents import required_documents
    from beian_desktop.domain.model import FileRef

    app = sample_application("hangzhou")
    for index, req in enumerate(required_documents(app)[:3]):  # three stored pictures
        sha = store.blobs.put(jpeg_bytes(320, 200, seed=index))
        app.documents.append(FileRef(req.slot, sha, f"doc{index}.jpg"))
    draft_id = store.drafts.create(app)
    window = make_window(restore=False)
    readers: list[bool] = []
    real_get = store.blobs.get

    def get(sha):
        readers.append(threading.current_thread() is threading.main_thread())
        return real_get(sha)

    monkeypatch.setattr(store.blobs, "get", get)
    from beian_desktop.gui import imagework

    checked: list[int] = []  # the checker itself is not under test here: a quick stand-in

    def examine(kind, data, *args, **kwargs):
        checked.append(len(data))
        return imagework.Examined(None, None, None, None)

    monkeypatch.setattr(imagework, "examine", examine)
    window.open_draft_in_background(draft_id, "documents")
    qtbot.waitUntil(lambda: _shown(window, draft_id), timeout=20000)
    slots = window.wizard.page("documents").slots
    assert slots
    qtbot.waitUntil(lambda: all(not s.image.busy for s in slots.values()) and len(checked) >= 3, timeout=20000)
    assert all(checked)  # the checks got the files' bytes
    assert readers and not any(readers), readers  # every stored file was read (and its hash checked) in a worker
