"""Another process changes the open draft: the window asks "reload or keep mine" and never overwrites silently."""

from __future__ import annotations

import pytest

from beian_desktop.gui.autosave import KEEP_MINE, RELOAD
from beian_desktop.sample import sample_application
from beian_desktop.store import open_store


@pytest.fixture
def other_process(store):
    """A second connection to the same database file, as another process would have."""
    other = open_store(store.url, migrate=False)
    yield other
    other.close()


def _open(make_window, store):
    draft_id = store.drafts.create(sample_application())
    window = make_window(restore=False)
    assert window.open_draft(draft_id)
    return window, draft_id


@pytest.mark.parametrize("choice", [KEEP_MINE, RELOAD])
def test_conflict_asks_and_does_what_was_chosen(make_window, store, other_process, monkeypatch, qtbot, choice):
    window, draft_id = _open(make_window, store)
    asked = []
    monkeypatch.setattr(window, "ask_conflict", lambda conflict: asked.append(conflict.message.en) or choice)
    other_process.drafts.set_fields(draft_id, {"contact.email": "other@example.com", "notes": "theirs"})
    window.wizard.set_field("notes", "mine")
    window.autosave.flush()
    assert len(asked) == 1 and "changed in another window" in asked[0]
    stored = store.drafts.load(draft_id)
    assert stored.contact.email == "other@example.com"  # the other writer's field is never reverted
    if choice == KEEP_MINE:
        assert stored.notes == "mine"
    else:
        assert stored.notes == "theirs"
        qtbot.waitUntil(lambda: window.wizard.app.notes == "theirs", timeout=3000)  # the window shows the stored draft
    # either way the window goes on from the stored version: the next edit saves without asking again
    window.wizard.set_field("subject.investor", "王五")
    assert window.autosave.flush()
    assert store.drafts.load(draft_id).subject.investor == "王五"
    assert len(asked) == 1


def test_reload_shows_the_stored_draft(make_window, store, other_process, monkeypatch, qtbot):
    window, draft_id = _open(make_window, store)
    monkeypatch.setattr(window, "ask_conflict", lambda conflict: RELOAD)
    other_process.drafts.set_fields(draft_id, {"notes": "theirs"})
    window.wizard.set_field("notes", "mine")
    window.autosave.flush()
    qtbot.waitUntil(lambda: window.wizard.app.notes == "theirs", timeout=3000)


def test_without_another_writer_nothing_is_asked(make_window, store, monkeypatch):
    window, draft_id = _open(make_window, store)
    monkeypatch.setattr(window, "ask_conflict", lambda conflict: pytest.fail("asked without a conflict"))
    for i in range(3):
        window.wizard.set_field("notes", f"n{i}")
        assert window.autosave.flush()
    assert store.drafts.load(draft_id).notes == "n2"
    assert window.autosave.version == store.drafts.version(draft_id)
