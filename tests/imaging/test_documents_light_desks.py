"""Documents photographed on white and light-grey desks, sharp and shaken (motion blur of 15-25 px), whole and cut
off: the completeness and blur checks on the real-text generator (seed 11; the benchmark's held-out seed is never
used here). The table is printed with the test output."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from doc_fixtures import build_text_cases, cjk_font_path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from accuracy_documents import TEXT_TEST_SEED, evaluate, format_tables  # noqa: E402

pytestmark = pytest.mark.skipif(cjk_font_path() is None, reason="needs a CJK font (fonts-noto-cjk)")


@pytest.fixture(scope="module")
def results():
    cases = build_text_cases(TEXT_TEST_SEED, desks=("white", "light_grey"), variants=("valid", "motion", "cut"))
    assert len(cases) == 24
    return evaluate("light desks (seed 11)", cases)


def test_light_desks_table(results, capsys):
    with capsys.disabled():
        print("\n" + format_tables([results]))
    for check_id in ("completeness", "blur", "orientation", "content"):
        assert results.accuracy(check_id) >= 0.95, (check_id, results.mistakes)
    assert results.bad_right["blur"] == results.bad_total["blur"] == 8  # every shaken picture is caught
    assert results.bad_right["completeness"] == results.bad_total["completeness"] == 8  # every cut-off one


def test_no_clean_document_on_a_light_desk_is_rejected(results):
    assert results.clean == 8
    assert results.clean_rejected == []
    assert results.false_mismatches == []
