"""Live guidance for the person in front of the station, derived from a live report's values and geometry.

Nothing here changes what the checks decide; it turns their measured values into what a person can act on:

* short hints in the person's own terms ("向左一点" = to *your* left: the person faces the camera, so a face on the
  left of the camera picture must move to the person's left), most important first;
* a traffic light per check (its status), and the backdrop coverage of each picture edge;
* whether the frame passes (every check ``pass``; ``warn`` too when the operator allows warnings).

The thresholds are the checker's own (imported, not copied), so a hint appears exactly when a check complains.
A head held up or down is only suggested (from the eye/nose/mouth landmarks): it never blocks a capture.
"""

from __future__ import annotations

from dataclasses import dataclass

from beian_desktop.i18n import Msg
from beian_desktop.imaging.backdrop import EDGE_FAIL, EDGE_PASS
from beian_desktop.imaging.photo_framing import CENTRE_PASS, HEADROOM_WARN, HEIGHT_PASS, ROLL_WARN
from beian_desktop.imaging.report import Report

#: Checks shown as traffic lights, in display order.
LIGHT_CHECKS = ("face_count", "framing", "backdrop", "clothing", "exposure", "sharpness", "resolution")

CHECK_NAMES = {
    "face_count": Msg("人脸", "Face"),
    "framing": Msg("位置", "Position"),
    "backdrop": Msg("幕布", "Backdrop"),
    "clothing": Msg("上衣", "Top"),
    "exposure": Msg("光线", "Light"),
    "sharpness": Msg("清晰", "Sharpness"),
    "resolution": Msg("分辨率", "Resolution"),
}

HINTS: dict[str, Msg] = {
    "no_person": Msg("请站到幕布前", "Please stand in front of the backdrop"),
    "one_person": Msg("只能一人入镜", "Only one person, please"),
    "head_cut": Msg("请让整个头部入镜", "Keep your whole head in the picture"),
    "closer": Msg("靠近一些", "Come a little closer"),
    "back": Msg("后退一些", "Step back a little"),
    "move_left": Msg("向左一点", "A little to your left"),
    "move_right": Msg("向右一点", "A little to your right"),
    "lower": Msg("稍微低一点", "A little lower"),
    "straighten": Msg("头摆正", "Hold your head straight"),
    "change_top": Msg("请换非红/蓝色上衣", "Please change to a top that is not red or blue"),
    "top_colour": Msg("上衣颜色接近红/蓝色，建议更换", "Your top is close to red or blue: better change it"),
    "backdrop": Msg("请站在幕布正前方", "Stand right in front of the backdrop"),
    "backdrop_edges": Msg("幕布没有铺满画面边缘", "The backdrop does not fill the picture edges"),
    "light": Msg("请调整灯光", "Please adjust the light"),
    "hold_still": Msg("请保持不动", "Please hold still"),
    "chin_up": Msg("抬头", "Lift your head"),
    "chin_down": Msg("稍微低头", "Lower your chin a little"),
    "good": Msg("很好，请保持", "Good, hold still"),
}

#: Eye-to-nose distance as a share of eye-to-mouth distance (vertical, face upright). About 0.55 for a frontal face;
#: it grows when the head is bowed (the nose tip drops towards the mouth) and shrinks when it is raised.
PITCH_DOWN, PITCH_UP = 0.75, 0.35


@dataclass(frozen=True, slots=True)
class Hint:
    id: str
    message: Msg
    check: str  # the check it helps with ("" for advice that blocks nothing)
    blocking: bool = True


@dataclass(slots=True)
class Guidance:
    """What the station shows for one analysed frame."""

    hints: list[Hint]
    lights: dict[str, str]  # check id -> pass / warn / fail / none
    edges: dict[str, tuple[float, str]]  # top/bottom/left/right -> (backdrop share, status)
    passing: bool
    face: list[float] | None = None  # face box in frame pixels

    @property
    def primary(self) -> Hint:
        return self.hints[0] if self.hints else Hint("good", HINTS["good"], "", False)


def _hint(hint_id: str, check: str, blocking: bool = True) -> Hint:
    return Hint(hint_id, HINTS[hint_id], check, blocking)


def passes(report: Report, allow_warnings: bool = False) -> bool:
    ok = {"pass", "warn"} if allow_warnings else {"pass"}
    return bool(report.checks) and all(c.status in ok for c in report.checks)


def pitch_ratio(landmarks: list[list[float]] | None) -> float | None:
    """Eye-to-nose / eye-to-mouth vertical distance from YuNet's five landmarks (eyes, nose tip, mouth corners)."""
    if not landmarks or len(landmarks) < 5:
        return None
    (rx, ry), (lx, ly), (nx, ny), (mrx, mry), (mlx, mly) = landmarks[:5]
    eye_y, mouth_y = (ry + ly) / 2, (mry + mly) / 2
    span = mouth_y - eye_y
    if span <= 1:
        return None
    return (ny - eye_y) / span


def guide(report: Report, *, allow_warnings: bool = False) -> Guidance:
    """Hints, lights and edge coverage for one live report."""
    checks = {c.id: c for c in report.checks}
    lights = {cid: (checks[cid].status if cid in checks else "none") for cid in LIGHT_CHECKS}
    hints: list[Hint] = []
    faces = checks.get("face_count")
    framing = checks.get("framing")
    n_faces = faces.values.get("faces", 0) if faces else 0
    face_box = None
    if n_faces == 0:
        hints.append(_hint("no_person", "face_count"))
    elif n_faces > 1:
        hints.append(_hint("one_person", "face_count"))
    if framing is not None and n_faces >= 1 and "face_height" in framing.values:
        v = framing.values
        face_box = framing.geometry.get("face")
        if framing.status != "pass":
            if framing.status == "fail" and "被画面边缘截断" in framing.message.zh:
                hints.append(_hint("head_cut", "framing"))
            if v["face_height"] < HEIGHT_PASS[0]:
                hints.append(_hint("closer", "framing"))
            elif v["face_height"] > HEIGHT_PASS[1]:
                hints.append(_hint("back", "framing"))
            if v["centre_offset"] < -CENTRE_PASS:  # face on the picture's left = the person's right side
                hints.append(_hint("move_left", "framing"))
            elif v["centre_offset"] > CENTRE_PASS:
                hints.append(_hint("move_right", "framing"))
            if v.get("headroom", 1.0) < HEADROOM_WARN:
                hints.append(_hint("lower", "framing"))
            if not v.get("shoulders_in_frame", True) and not any(h.id in ("closer", "back") for h in hints):
                hints.append(_hint("back", "framing"))
            roll = v.get("roll_degrees")
            if roll is not None and abs(roll) > ROLL_WARN:
                hints.append(_hint("straighten", "framing"))
            if not any(h.check == "framing" for h in hints):
                hints.append(Hint("framing", framing.message, "framing"))
    clothing = checks.get("clothing")
    if clothing is not None and clothing.status != "pass" and n_faces >= 1:
        hints.append(_hint("change_top" if clothing.status == "fail" else "top_colour", "clothing"))
    edges: dict[str, tuple[float, str]] = {}
    backdrop = checks.get("backdrop")
    if backdrop is not None:
        for name, share in (backdrop.values.get("edges") or {}).items():
            status = "pass" if share >= EDGE_PASS else "warn" if share >= EDGE_FAIL else "fail"
            edges[name] = (float(share), status)
        if backdrop.status != "pass" and n_faces >= 1:
            if edges and min(s for s, _ in edges.values()) < EDGE_PASS and backdrop.values.get("coverage", 0) >= 0.75:
                hints.append(_hint("backdrop_edges", "backdrop"))
            else:
                hints.append(_hint("backdrop", "backdrop"))
    exposure = checks.get("exposure")
    if exposure is not None and exposure.status != "pass" and n_faces >= 1:
        hints.append(_hint("light", "exposure"))
    sharpness = checks.get("sharpness")
    if sharpness is not None and sharpness.status != "pass" and n_faces >= 1:
        hints.append(_hint("hold_still", "sharpness"))
    resolution = checks.get("resolution")
    if resolution is not None and resolution.status != "pass":
        hints.append(Hint("resolution", resolution.message, "resolution"))
    if framing is not None and n_faces == 1:
        ratio = pitch_ratio(framing.geometry.get("landmarks"))
        if ratio is not None and ratio > PITCH_DOWN:
            hints.append(_hint("chin_up", "", blocking=False))
        elif ratio is not None and ratio < PITCH_UP:
            hints.append(_hint("chin_down", "", blocking=False))
    ok = passes(report, allow_warnings)
    if allow_warnings:  # warnings accepted: hints for warn-only checks become advice
        hints = [h if not h.check or checks.get(h.check) is None or checks[h.check].status == "fail" else Hint(h.id, h.message, h.check, False) for h in hints]
    hints.sort(key=lambda h: not h.blocking)  # blocking hints first, stable otherwise
    return Guidance(hints, lights, edges, ok, face_box)
