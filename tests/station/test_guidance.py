"""Guidance derived from live reports: the hint a person sees for each problem, lights, edges, passing."""

from __future__ import annotations

import pytest

from beian_desktop.i18n import Msg
from beian_desktop.imaging.report import CheckResult, Report
from beian_desktop.station.guidance import guide, passes, pitch_ratio

OK = Msg("好", "ok")
FRONTAL = [[100, 100], [140, 100], [120, 122], [105, 140], [135, 140]]  # eyes, nose, mouth corners


def report(*, faces=1, offset=0.0, height=0.2, headroom=0.08, roll=0.0, shoulders=True, framing="pass",
           clothing=("pass", "ok"), backdrop="pass", edges=None, exposure="pass", sharpness="pass",
           landmarks=FRONTAL) -> Report:
    framing_values = {"centre_offset": offset, "face_height": height, "headroom": headroom, "roll_degrees": roll,
                      "shoulders_in_frame": shoulders}
    checks = [
        CheckResult("resolution", "pass", OK, {"width": 1280, "height": 720}),
        CheckResult("face_count", "pass" if faces == 1 else "fail", OK, {"faces": faces}),
        CheckResult("framing", framing if faces else "fail", OK, framing_values if faces else {},
                    {"face": [600, 100, 100, 140], "landmarks": landmarks} if faces else {}),
        CheckResult("backdrop", backdrop, OK, {"coverage": 0.95, "edges": edges or {"top": 1.0, "bottom": 1.0, "left": 1.0, "right": 1.0}}),
        CheckResult("clothing", clothing[0], OK, {"colour": clothing[1]}),
        CheckResult("exposure", exposure, OK),
        CheckResult("sharpness", sharpness, OK, {"score": 0.8}),
    ]
    return Report("<live>", checks, image_size=(1280, 720))


def ids(r: Report, **kw) -> list[str]:
    return [h.id for h in guide(r, **kw).hints]


def test_a_good_frame_passes_and_says_hold_still():
    g = guide(report())
    assert g.passing and g.hints == []
    assert g.primary.id == "good" and g.primary.message.zh == "很好，请保持"
    assert set(g.lights.values()) == {"pass"}


@pytest.mark.parametrize(
    ("kwargs", "expected", "zh"),
    [
        ({"faces": 0}, "no_person", "请站到幕布前"),
        ({"faces": 2, "framing": "warn"}, "one_person", "只能一人入镜"),
        ({"offset": -0.2, "framing": "warn"}, "move_left", "向左一点"),  # face on the picture's left: the person's right
        ({"offset": 0.2, "framing": "warn"}, "move_right", "向右一点"),
        ({"height": 0.07, "framing": "fail"}, "closer", "靠近一些"),
        ({"height": 0.32, "framing": "warn"}, "back", "后退一些"),
        ({"roll": 9.0, "framing": "warn"}, "straighten", "头摆正"),
        ({"headroom": 0.01, "framing": "warn"}, "lower", "稍微低一点"),
        ({"clothing": ("fail", "red")}, "change_top", "请换非红/蓝色上衣"),
        ({"clothing": ("warn", "navy")}, "top_colour", "上衣颜色接近红/蓝色，建议更换"),
        ({"exposure": "fail"}, "light", "请调整灯光"),
        ({"sharpness": "warn"}, "hold_still", "请保持不动"),
    ],
)
def test_each_problem_gets_its_short_hint(kwargs, expected, zh):
    g = guide(report(**kwargs))
    assert not g.passing
    assert g.primary.id == expected
    assert g.primary.message.zh == zh and g.primary.message.en


def test_hints_come_most_important_first():
    r = report(offset=0.3, height=0.07, framing="fail", clothing=("fail", "blue"), exposure="warn")
    assert ids(r) == ["closer", "move_right", "change_top", "light"]


def test_backdrop_edges_are_reported_per_edge():
    g = guide(report(backdrop="fail", edges={"top": 1.0, "bottom": 1.0, "left": 0.4, "right": 0.9}))
    assert g.edges["left"] == (0.4, "fail") and g.edges["right"][1] == "pass" and g.edges["top"][1] == "pass"
    assert g.primary.id == "backdrop_edges"
    assert g.lights["backdrop"] == "fail"


def test_warnings_block_unless_the_operator_allows_them():
    r = report(offset=0.12, framing="warn")
    assert not guide(r).passing
    g = guide(r, allow_warnings=True)
    assert g.passing and g.hints[0].id == "move_right" and not g.hints[0].blocking
    assert passes(r, allow_warnings=True) and not passes(r)
    assert not passes(report(clothing=("fail", "red")), allow_warnings=True)


def test_head_pitch_is_advice_only():
    bowed = [[100, 100], [140, 100], [120, 135], [105, 140], [135, 140]]  # nose tip near the mouth
    raised = [[100, 100], [140, 100], [120, 108], [105, 140], [135, 140]]
    assert pitch_ratio(FRONTAL) == pytest.approx(0.55)
    g = guide(report(landmarks=bowed))
    assert g.passing and g.primary.id == "chin_up" and g.primary.message.zh == "抬头" and not g.primary.blocking
    assert guide(report(landmarks=raised)).primary.id == "chin_down"
    assert pitch_ratio(None) is None
