"""Accuracy of the photo checker on the labeled fixture set (real faces from PyPI packages, synthetic scenes).

The set is built and checked once per session (~200 photos). The per-check table is printed in the test output.
Targets (issue 3): every check >= 97 % correct on its labeled cases; <= 3 % of fully valid photos rejected.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pytest
from photo_fixtures import CHECK_IDS, Case, build_cases

from beian_desktop.imaging.photo import check_photo
from beian_desktop.imaging.report import Report

CHECK_TARGET = 0.97
FALSE_REJECT_TARGET = 0.03


@dataclass
class Outcome:
    case: Case
    report: Report


@pytest.fixture(scope="session")
def photo_outcomes() -> list[Outcome]:
    return [Outcome(case, check_photo(case.jpeg(), name=case.name)) for case in build_cases()]


def _table(outcomes: list[Outcome]) -> tuple[dict[str, tuple[int, int]], list[str]]:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses = []
    for o in outcomes:
        for check_id, expected in o.case.expected.items():
            got = o.report.check(check_id).status
            counts[check_id][1] += 1
            if got in expected:
                counts[check_id][0] += 1
            else:
                misses.append(f"{o.case.name}: {check_id} = {got}, expected {'/'.join(sorted(expected))}")
    return {k: (v[0], v[1]) for k, v in counts.items()}, misses


def test_labeled_set_is_varied(photo_outcomes):
    cases = [o.case for o in photo_outcomes]
    assert 150 <= len(cases) <= 300
    assert {c.scene.background for c in cases} >= {"aliyun", "white_wall", "grey_wall", "room", "green_screen", "partial", "blue_wall", "curtain", "sky"}
    for check_id in CHECK_IDS:  # every check has both positive and negative labeled cases
        statuses = {s for c in cases if check_id in c.expected for s in c.expected[check_id]}
        assert {"pass", "fail"} <= statuses, check_id
    assert sum(c.valid for c in cases) >= 50


def test_every_check_meets_the_accuracy_target(photo_outcomes, capsys):
    table, misses = _table(photo_outcomes)
    lines = ["", "photo checker accuracy on the labeled fixture set:", f"  {'check':<12} {'correct':>9} {'accuracy':>9}"]
    for check_id in CHECK_IDS:
        ok, total = table[check_id]
        lines.append(f"  {check_id:<12} {ok:>4}/{total:<4} {ok / total:>9.1%}")
    valid = [o for o in photo_outcomes if o.case.valid]
    rejected = sum(o.report.verdict == "fail" for o in valid)
    warned = sum(o.report.verdict == "warn" for o in valid)
    lines.append(f"  fully valid photos rejected: {rejected}/{len(valid)} ({rejected / len(valid):.1%}), warned: {warned}")
    lines += ["  misses:"] + [f"    {m}" for m in misses]
    with capsys.disabled():
        print("\n".join(lines))
    below = {k: ok / total for k, (ok, total) in table.items() if ok / total < CHECK_TARGET}
    assert not below, "\n".join(lines)
    assert rejected / len(valid) <= FALSE_REJECT_TARGET, "\n".join(lines)


def test_failed_checks_say_what_to_do_in_both_languages(photo_outcomes):
    for o in photo_outcomes:
        for check in o.report.checks:
            assert check.message.zh and check.message.en
            assert check.message.zh != check.message.en
            if check.status != "pass":
                assert len(check.message.en) > 15, (o.case.name, check.id)


def test_geometry_is_in_full_size_coordinates(photo_outcomes):
    ratios: dict[str, list[float]] = defaultdict(list)
    for o in photo_outcomes:
        framing = o.report.check("framing")
        if "face" not in framing.geometry:
            continue
        x, y, w, h = framing.geometry["face"]
        width, height = o.case.scene.size
        assert 0 <= x < width and 0 <= y < height and x + w <= width + 2 and y + h <= height + 2
        # the face height the checker reports follows the scene's face height (real face, known placement); the
        # scene's figure is a hand-drawn box per person, the detector's box (brows to chin) differs from it by a
        # factor of its own per face, which must stay the same at every size and place
        if o.case.expected.get("face_count") == frozenset({"pass"}) and not o.case.scene.roll:
            ratios[o.case.scene.people[0]].append(h / height / o.case.scene.face_height)
    for who, values in ratios.items():
        assert 0.8 <= min(values) and max(values) <= 1.45, (who, min(values), max(values))
        assert max(values) / min(values) <= 1.25, (who, sorted(values))
