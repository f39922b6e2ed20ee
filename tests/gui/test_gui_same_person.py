"""Ticking "网站负责人与主体负责人为同一人" shows the principal's data, read-only (issue 11, item 16)."""

from __future__ import annotations

from beian_desktop.sample import sample_application
from gui_helpers import type_text


def test_same_person_shows_the_principal_read_only(make_window, store):
    window = make_window(restore=False)
    window.open_draft(store.drafts.create(sample_application("hangzhou")), "details")
    wizard = window.wizard
    ui = wizard.page("details").ui
    assert ui.ownerName.text() == "林晓雯"
    ui.ownerIsPrincipal.setChecked(True)  # the user ticks the box
    assert wizard.app.websites[0].owner_is_principal
    assert ui.ownerName.text() == "陈明远" and ui.ownerMobile.text() == ui.principalMobile.text()
    assert not ui.ownerName.isEnabled()  # read-only: edit the principal instead
    type_text(ui.principalName, "陈明远远")
    assert ui.ownerName.text() == "陈明远远"
    assert wizard.app.websites[0].owner.name == "林晓雯"  # the owner's own data is not overwritten
    ui.ownerIsPrincipal.setChecked(False)
    assert ui.ownerName.text() == "林晓雯" and ui.ownerName.isEnabled()
