"""Screen re-shots (a phone photo of a document shown on a monitor or phone) are warned under ``photocopy``; paper
photos are not, including a desk with a fine weave, halftone-tinted paper and the real-text documents of the content
tests. Cases from ``screen_fixtures.build_screen_cases(TEST_SEED)``; its held-out seed is scored only by
``benchmarks/accuracy_documents.py``."""

from __future__ import annotations

import json

import pytest

from beian_desktop.imaging.documents import CHECK_IDS, check_document
from doc_fixtures import build_text_cases, cjk_font_path
from screen_fixtures import TEST_SEED, build_screen_cases

pytestmark = pytest.mark.skipif(cjk_font_path() is None, reason="needs a CJK font (fonts-noto-cjk)")


@pytest.fixture(scope="module")
def checked():
    return [(case, check_document(case.data, case.type_id, side=case.side, path=case.name, read_text=False))
            for case in build_screen_cases(TEST_SEED)]


def test_screen_reshots_are_warned_as_not_the_original(checked):
    screens = [(case, report) for case, report in checked if case.screen]
    assert len(screens) == 8
    for case, report in screens:
        check = report.check("photocopy")
        assert check.status in ("warn", "fail"), case.name
        assert check.values["screen"] is True, case.name
        assert "屏幕" in check.message.zh and "screen" in check.message.en, case.name
        assert report.verdict != "pass", case.name


def test_paper_is_not_taken_for_a_screen(checked):
    papers = [(case, report) for case, report in checked if not case.screen]
    assert {case.variant for case, _ in papers} == {"linen", "halftone", "plain"}
    for case, report in papers:
        check = report.check("photocopy")
        assert check.values["screen"] is False, case.name
        assert check.status == "pass", (case.name, check.message.en)


def test_the_json_contract_keeps_its_check_ids(checked):
    case, report = next((c, r) for c, r in checked if c.screen)
    obj = json.loads(json.dumps(report.to_json("en")))
    assert [c["id"] for c in obj["checks"]] == [i for i in CHECK_IDS if i != "content"]
    photocopy = next(c for c in obj["checks"] if c["id"] == "photocopy")
    assert photocopy["status"] == "warn" and "screen" in photocopy["message"]


def test_real_text_documents_photographed_or_scanned_are_not_screens():
    cases = build_text_cases(11, variants=("valid", "pdf"))
    assert len(cases) == 24
    for case in cases:
        report = check_document(case.data, case.type_id, side=case.side, path=case.name, read_text=False)
        assert report.check("photocopy").values["screen"] is False, case.name


def _shaken(data: bytes, length: int, vertical: bool) -> bytes:
    """The picture smeared along one of its axes, as by a hand that moved while the shutter was open."""
    import cv2
    import numpy as np

    kernel = np.zeros((length, length), np.float32)
    if vertical:
        kernel[:, length // 2] = 1.0
    else:
        kernel[length // 2, :] = 1.0
    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    smeared = cv2.filter2D(image, -1, kernel / length)
    return cv2.imencode(".jpg", smeared, [cv2.IMWRITE_JPEG_QUALITY, 90])[1].tobytes()


def test_a_shaken_document_is_not_taken_for_a_screen():
    """Motion blur along the document's axes streaks the paper's grain into stripes along one direction: that is
    blur (failed by the blur check), not a screen's grid, which repeats across and down."""
    licences = build_text_cases(11, kinds=("licence",), desks=("wood", "slate"), variants=("valid",))
    assert licences
    for case in licences:
        for length in (15, 25):
            for vertical in (False, True):
                report = check_document(_shaken(case.data, length, vertical), case.type_id, read_text=False)
                photocopy = report.check("photocopy")
                assert photocopy.values["screen"] is False, (case.name, length, vertical, photocopy.values)
