"""The documents page reads an uploaded ID card and names what it saw: the other side of the card, or a name and ID
number that differ from the draft, with a link that jumps to the field."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "imaging"))
from doc_fixtures import build_text_cases, cjk_font_path  # noqa: E402

pytestmark = pytest.mark.skipif(cjk_font_path() is None, reason="needs a CJK font (fonts-noto-cjk)")


@pytest.fixture(scope="module")
def cards():
    cases = build_text_cases(13, kinds=("id_front", "id_back"), desks=("wood",), variants=("valid", "other_person"))
    return {c.name: c for c in cases}


def _front_slot(window):
    wizard = window.wizard
    wizard.go_to("documents")
    docs = wizard.page("documents")
    return next(w for slot, w in docs.slots.items() if slot == "principal.resident_id.front")


def test_mismatch_is_shown_with_a_jump_to_the_field(make_window, sync_tasks, tmp_path, cards):
    window = make_window(restore=False)
    window.new_draft()
    wizard = window.wizard
    mine = cards["id_front-wood-valid"]
    wizard.set_field("principal.name", mine.fields["name"])
    wizard.set_field("principal.cert_number", mine.fields["id_number"])
    slot = _front_slot(window)
    assert slot.expected_now() == {"id_number": mine.fields["id_number"], "name": mine.fields["name"]}

    other = cards["id_front-wood-other-person"]
    path = tmp_path / "front.jpg"
    path.write_bytes(other.data)
    slot.image.import_file(str(path))
    text = slot.ui.contentLabel.text()
    assert "识别为：身份证人像面" in text
    assert "姓名与填写的不一致" in text and 'href="principal.name"' in text
    assert 'href="principal.cert_number"' in text
    slot.ui.contentLabel.linkActivated.emit("principal.name")
    assert wizard.current_page().page_id == "details"

    # correcting the draft to the card's owner and coming back re-checks the document
    wizard.set_field("principal.name", other.printed["name"])
    wizard.set_field("principal.cert_number", other.printed["id_number"])
    slot = _front_slot(window)
    assert "不一致" not in slot.ui.contentLabel.text()
    assert "识别为：身份证人像面" in slot.ui.contentLabel.text()


def test_the_back_in_the_front_slot_is_named(make_window, sync_tasks, tmp_path, cards):
    window = make_window(restore=False)
    window.new_draft()
    slot = _front_slot(window)
    path = tmp_path / "back.jpg"
    path.write_bytes(cards["id_back-wood-valid"].data)
    slot.image.import_file(str(path))
    assert "这看起来是身份证国徽面" in slot.ui.contentLabel.text()
