"""Accuracy of the document checks on generated, labeled document photos.

Card-like (85.6 x 54 mm, both sides, real face in the portrait) and A4-like (signed form, licence) documents on five
desks, each valid and degraded (photocopy, glare, blur, turned 90°/180°, cut-off corner, tiny), plus flat colour and
black-and-white scans. Every check must be right on >= 95 % of its labeled cases, and no check may *fail* a valid
document. The fixture seed differs from the one the thresholds were developed on (2024), so this is a held-out set.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

from beian_desktop.imaging.documents import check_document
from doc_fixtures import DocCase, build_cases

SEED = 31
TARGET = 0.95


@pytest.fixture(scope="module")
def evaluated() -> list[tuple[DocCase, object]]:
    cases = build_cases(seed=SEED)
    # these pictures carry pseudo-glyphs, not text: reading them (OCR) is tested on real text in test_documents_content
    return [(case, check_document(case.data, case.type_id, path=case.name, read_text=False)) for case in cases]


def _correct(expect: str, status: str) -> bool | None:
    if expect == "ok":
        return status == "pass"
    if expect == "bad":
        return status != "pass"
    if expect == "notfail":
        return status != "fail"
    return None  # "any": not labeled


def test_each_check_is_at_least_95_percent_correct(evaluated, capsys):
    right: dict[str, int] = defaultdict(int)
    total: dict[str, int] = defaultdict(int)
    bad_right: dict[str, int] = defaultdict(int)
    bad_total: dict[str, int] = defaultdict(int)
    mistakes = []
    for case, report in evaluated:
        for check_id, expect in case.expect.items():
            check = report.check(check_id)
            assert check is not None, (case.name, check_id)
            ok = _correct(expect, check.status)
            if ok is None:
                continue
            total[check_id] += 1
            right[check_id] += ok
            if expect == "bad":
                bad_total[check_id] += 1
                bad_right[check_id] += ok
            if not ok:
                mistakes.append(f"{case.name}: {check_id} expected {expect}, got {check.status} ({check.message.en})")
    lines = [f"\n{'check':14s} {'correct':>9s} {'accuracy':>9s} {'detected (bad cases)':>22s}"]
    for check_id in sorted(total):
        acc = right[check_id] / total[check_id]
        det = f"{bad_right[check_id]}/{bad_total[check_id]}" if bad_total[check_id] else "-"
        lines.append(f"{check_id:14s} {right[check_id]:>4d}/{total[check_id]:<4d} {acc:>9.1%} {det:>22s}")
    with capsys.disabled():
        print("\n".join(lines + ["mistakes:"] + (mistakes or ["none"])))
    for check_id in total:
        assert right[check_id] / total[check_id] >= TARGET, (check_id, mistakes)
    # every degradation is represented, so the table is not trivially 100 %
    assert set(bad_total) >= {"orientation", "completeness", "glare", "blur", "photocopy", "resolution"}


def test_no_valid_document_is_rejected(evaluated):
    rejected = [
        (case.name, check.id, check.message.en)
        for case, report in evaluated
        if case.valid
        for check in report.checks
        if check.status == "fail" and check.id != "size"  # byte size depends on the encoder: checked separately
    ]
    assert rejected == []


def test_valid_photos_pass_every_image_check(evaluated):
    valid = [(c, r) for c, r in evaluated if c.variant == "valid"]
    assert len(valid) == 40  # JPEG and PNG
    for case, report in valid:
        for check_id in ("orientation", "completeness", "glare", "blur", "photocopy", "resolution", "format", "file"):
            assert report.check(check_id).status == "pass", (case.name, check_id, report.check(check_id).message.en)


def test_cut_off_documents_fail_and_name_the_side(evaluated):
    for case, report in evaluated:
        if case.variant != "cut":
            continue
        check = report.check("completeness")
        assert check.status == "fail", case.name
        assert check.values["cut_sides"], case.name
        assert check.geometry["outline"], case.name


def test_degradations_fail_rather_than_warn(evaluated):
    """Clear defects are reported as failures (warn is kept for borderline cases)."""
    severe = {"glare": "glare", "blur": "blur", "rot90": "orientation", "bwscan": "photocopy", "tiny": "resolution"}
    for case, report in evaluated:
        check_id = severe.get(case.variant)
        if check_id:
            assert report.check(check_id).status == "fail", (case.name, report.check(check_id).message.en)


def test_geometry_is_in_full_image_coordinates(evaluated):
    for case, report in evaluated:
        if case.variant != "valid":
            continue
        outline = report.check("completeness").geometry["outline"]
        w, h = report.image_size
        assert len(outline) == 4
        assert all(0 <= x <= w and 0 <= y <= h for x, y in outline), case.name
    glare_cases = [(c, r) for c, r in evaluated if c.variant == "glare"]
    for case, report in glare_cases:
        boxes = report.check("glare").geometry["glare"]
        w, h = report.image_size
        assert boxes and all(x + bw <= w + 1 and y + bh <= h + 1 for x, y, bw, bh in boxes), case.name
