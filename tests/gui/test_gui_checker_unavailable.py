"""A damaged installation (OpenCV cannot load, e.g. libGL missing): the image pages say "checker not available",
store the files anyway, and never show or record a pass."""

from __future__ import annotations

import sys

import pytest
from gui_helpers import jpeg_bytes

from beian_desktop.gui import imagework, services
from beian_desktop.sample import sample_application

CHECKERS = ("beian_desktop.imaging.photo", "beian_desktop.imaging.documents", "beian_desktop.imaging.annotate")


@pytest.fixture
def broken_checkers(monkeypatch):
    for name in CHECKERS:
        monkeypatch.setitem(sys.modules, name, None)  # the next import of it raises ImportError


def test_examine_reports_the_missing_checker_instead_of_a_result(broken_checkers):
    for kind in ("photo", "document"):
        assert not services.checker_available(kind)
        result = imagework.examine(kind, jpeg_bytes(800, 600), "business_licence")
        assert result.report is None
        assert "checker not available" in result.unavailable.en and "检查器不可用" in result.unavailable.zh
        assert result.picture is not None  # the picture itself is still shown


def test_pages_show_the_unavailable_state_and_record_no_verdict(broken_checkers, make_window, store, sync_tasks, tmp_path):
    draft_id = store.drafts.create(sample_application("hangzhou"))
    window = make_window(restore=False)
    window.open_draft(draft_id, "documents")
    wizard = window.wizard
    docs = wizard.page("documents")
    assert "checker not available" in docs.ui.checkerState.text()
    slot = next(iter(docs.slots.values()))
    picture = tmp_path / "licence.jpg"
    picture.write_bytes(jpeg_bytes(1200, 850))
    slot.image.import_file(str(picture))
    assert "checker not available" in slot.ui.verdictLabel.text() and "不代表通过" in slot.ui.verdictLabel.text()
    ref = next(r for r in wizard.app.documents if r.filename == "licence.jpg")
    assert ref.verdict == ""  # stored, but not checked: no pass

    wizard.go_to("photo")
    photo = wizard.page("photo")
    assert "checker not available" in photo.ui.resultsLabel.text()  # said before any photo is imported
    shot = tmp_path / "backdrop.jpg"
    shot.write_bytes(jpeg_bytes(1000, 750, colour=(200, 120, 30)))
    photo.image.import_file(str(shot))
    assert "checker not available" in photo.ui.verdictLabel.text()
    assert wizard.app.photo_verification.photo.verdict == ""
