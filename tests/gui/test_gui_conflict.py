"""Another station changes the open draft: live refresh, a non-modal banner for the same field, never a silent loss.

Also the shared server going away: the window says so, keeps the edits and writes them when it is back.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from beian_desktop.gui.field_labels import field_label
from beian_desktop.sample import sample_application
from beian_desktop.store import open_store


@pytest.fixture
def other_station(store):
    """A second connection to the same database, as the photo station would have."""
    other = open_store(store.url, migrate=False, station="拍照室")
    yield other
    other.close()


def _open(make_window, store, lang=None):
    draft_id = store.drafts.create(sample_application())
    window = make_window(restore=False, lang=lang)
    assert window.open_draft(draft_id)
    return window, draft_id


@pytest.mark.parametrize("button", ["reload_button", "keep_button"])
def test_the_same_field_changed_elsewhere_shows_a_banner_and_does_what_was_chosen(
        make_window, store, other_station, qtbot, button):
    window, draft_id = _open(make_window, store)
    banner = window.office.banner
    other_station.drafts.set_fields(draft_id, {"contact.email": "other@example.com", "notes": "theirs"})
    window.wizard.set_field("notes", "mine")
    assert not window.autosave.flush()  # refused: not written, not dropped
    assert banner.isVisible() and QApplication.activeModalWidget() is None  # a bar, not a dialog
    assert "此草稿已被 拍照室 于" in banner.label.text() and "修改" in banner.label.text()
    # the field is named as the form names it, not by its stored path
    assert "notes" not in banner.label.text()
    assert field_label(window.wizard, "notes") in banner.label.text()
    assert (banner.reload_button.text(), banner.keep_button.text()) == ("重新载入", "保留我的")
    assert store.drafts.load(draft_id).notes == "theirs"
    # typing elsewhere goes on being saved while the banner waits for an answer
    window.wizard.set_field("subject.investor", "王五")
    assert window.autosave.flush()
    assert store.drafts.load(draft_id).subject.investor == "王五"

    qtbot.mouseClick(getattr(banner, button), Qt.MouseButton.LeftButton)
    assert not banner.isVisible()
    if button == "reload_button":  # the draft is read again in the thread pool; the form waits, disabled
        assert not window.wizard.isEnabled()
        qtbot.waitUntil(lambda: window.wizard.isEnabled() and window.opening is None, timeout=5000)
    stored = store.drafts.load(draft_id)
    assert stored.contact.email == "other@example.com"  # the other station's other field is never reverted
    if button == "keep_button":
        assert stored.notes == "mine"
    else:
        assert stored.notes == "theirs"
        assert window.wizard.app.notes == "theirs"  # the window shows the stored draft
    # either way the window goes on from the stored version: the next edit of that field saves without a banner
    window.wizard.set_field("notes", "later")
    assert window.autosave.flush() and not banner.isVisible()
    assert store.drafts.load(draft_id).notes == "later"


def test_the_banner_in_english(make_window, store, other_station):
    window, draft_id = _open(make_window, store, lang="en")
    other_station.drafts.set_fields(draft_id, {"notes": "theirs"})
    window.wizard.set_field("notes", "mine")
    window.autosave.flush()
    banner = window.office.banner
    assert "This draft was changed by 拍照室 at" in banner.label.text()
    assert (banner.reload_button.text(), banner.keep_button.text()) == ("Reload", "Keep mine")


def test_different_fields_never_conflict_and_show_up_live(make_window, store, other_station, qtbot):
    window, draft_id = _open(make_window, store)
    other_station.drafts.set_fields(draft_id, {"contact.email": "live@example.com"})
    window.wizard.set_field("notes", "mine")
    assert window.autosave.flush() and not window.office.banner.isVisible()
    # the other station's change appears in the open draft within a few seconds (SQLite: polled)
    qtbot.waitUntil(lambda: window.wizard.app.contact.email == "live@example.com", timeout=5000)
    widget = window.wizard.binder.widgets("contact.email")[0]
    assert widget.text() == "live@example.com"
    stored = store.drafts.load(draft_id)
    assert (stored.notes, stored.contact.email) == ("mine", "live@example.com")


def test_a_live_refresh_never_overwrites_what_is_being_typed(make_window, store, other_station, qtbot):
    window, draft_id = _open(make_window, store)
    window.wizard.set_field("notes", "typing…")  # pending, not saved yet
    other_station.drafts.set_fields(draft_id, {"notes": "theirs", "contact.email": "live@example.com"})
    qtbot.waitUntil(lambda: window.wizard.app.contact.email == "live@example.com", timeout=5000)
    window.autosave.flush()
    assert window.wizard.app.notes == "typing…"
    assert window.office.banner.isVisible()  # the same field: the banner asks, nothing is lost
    assert store.drafts.load(draft_id).notes == "theirs"


def test_without_another_writer_nothing_is_asked(make_window, store):
    window, draft_id = _open(make_window, store)
    for i in range(3):
        window.wizard.set_field("notes", f"n{i}")
        assert window.autosave.flush()
    assert store.drafts.load(draft_id).notes == "n2" and not window.office.banner.isVisible()
    assert window.autosave.version == store.drafts.version(draft_id)


def test_server_outage_is_shown_and_edits_are_written_when_it_is_back(qtbot, tmp_path):
    """A real PostgreSQL server is stopped while a draft is open, then started again."""
    import pg_support
    from beian_desktop.gui.app import open_main_window

    bindir = pg_support.bin_dir()
    if bindir is None:
        pytest.skip(pg_support.NO_SERVER_REASON + " (this test stops and starts its own server)")
    cluster = pg_support.Cluster(bindir)
    cluster.start()
    store = open_store(cluster.url, station="前台")
    window = None
    try:
        draft_id = store.drafts.create(sample_application())
        window = open_main_window(store, "zh_CN", restore=False)
        qtbot.addWidget(window)
        window.show()
        assert window.open_draft(draft_id)
        with open_store(cluster.url, migrate=False, station="拍照室") as other:  # live refresh by LISTEN/NOTIFY
            other.drafts.set_fields(draft_id, {"contact.email": "notified@example.com"})
        qtbot.waitUntil(lambda: window.wizard.app.contact.email == "notified@example.com", timeout=5000)

        cluster.stop()
        qtbot.waitUntil(lambda: window.office.offline, timeout=10000)
        assert "数据库服务器无法连接" in window.office.offline_label.text()
        window.wizard.set_field("notes", "typed while the server was down")
        assert window.autosave.flush()  # kept in the local journal
        window.wizard.set_field("subject.investor", "王五")
        window.autosave.flush()

        cluster.start()
        qtbot.waitUntil(lambda: not window.office.offline, timeout=15000)
        stored = store.drafts.load(draft_id)
        assert (stored.notes, stored.subject.investor) == ("typed while the server was down", "王五")
        assert stored.contact.email == "notified@example.com"
    finally:
        if window is not None:
            window.close()
        store.close()
        cluster.remove()


def test_the_banner_names_the_field_as_the_form_does(make_window, store, other_station):
    window, draft_id = _open(make_window, store)
    other_station.drafts.set_fields(draft_id, {"contact.email": "other@example.com"})
    window.wizard.set_field("contact.email", "mine@example.com")
    assert not window.autosave.flush()
    text = window.office.banner.label.text()
    label = field_label(window.wizard, "contact.email")
    assert " · " in label and label in text  # section and field: "接入联系方式 · 联系邮箱"
    assert "contact.email" not in text


def test_a_change_the_form_cannot_show_in_place_reloads_the_draft_in_the_background(make_window, store, other_station,
                                                                                    qtbot):
    """A field without an input of its own (here the draft's notes) makes the window read the whole draft again: in
    the thread pool, the form disabled meanwhile and back on the same page afterwards."""
    import threading

    window, draft_id = _open(make_window, store)
    page = window.wizard.current_page().page_id
    drafts, threads = window.store.drafts, []
    load_versioned = drafts.load_versioned

    def recording(*args, **kwargs):
        threads.append(threading.current_thread())
        return load_versioned(*args, **kwargs)

    drafts.load_versioned = recording
    other_station.drafts.set_fields(draft_id, {"notes": "from the photo station"})
    qtbot.waitUntil(lambda: window.wizard.app.notes == "from the photo station", timeout=5000)
    qtbot.waitUntil(lambda: window.wizard.isEnabled() and window.opening is None, timeout=5000)
    assert window.wizard.current_page().page_id == page
    assert threads and threading.main_thread() not in threads  # never read on the GUI thread
