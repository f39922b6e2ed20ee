"""The ``face_count`` and ``framing`` checks (face position, size, headroom, shoulders, head tilt).

All figures are fractions of the picture, so they are the same on the working copy and at full size. The top of the
head and the shoulders come from the person mask (:mod:`.person`): the top of the hair or hat, not a fixed distance
above the face box; head tilt comes from the eye landmarks.
"""

from __future__ import annotations

from beian_desktop.i18n import Msg
from beian_desktop.imaging.face import Face
from beian_desktop.imaging.report import CheckResult, join_messages

CENTRE_PASS, CENTRE_FAIL = 0.08, 0.25  # |face centre - middle| / width
HEIGHT_PASS = (0.10, 0.30)  # face height (detector box: brows to chin) / picture height
HEIGHT_FAIL = (0.05, 0.33)  # a larger face is a head-and-shoulders or ID-photo crop, not the upper body
# degrees; no filing rule names a limit: a clearly tilted head is refused, and the measurement's error (90 % of faces
# within 3°) must not turn a straight head into a failure
ROLL_WARN, ROLL_FAIL = 6.0, 12.0
HEAD_TOP = 0.5  # without a person mask: the top of the head lies this many face heights above the face box
HEADROOM_WARN = 0.03  # free space above the head, fraction of the picture height
SHOULDERS = 1.6  # shoulders lie this many face heights below the top of the face box
SHOULDER_HALF_WIDTH = 1.25  # half the shoulder width, in face widths


def check_face_count(faces: list[Face]) -> CheckResult:
    n = len(faces)
    values = {"faces": n}
    if n == 1:
        return CheckResult("face_count", "pass", Msg("检测到一张人脸", "One face found."), values)
    if n == 0:
        return CheckResult(
            "face_count",
            "fail",
            Msg("没有检测到人脸：请正面面对镜头，不要遮挡脸部，保证光线充足", "No face found: face the camera, keep the face uncovered and well lit."),
            values,
        )
    return CheckResult(
        "face_count",
        "fail",
        Msg(f"检测到 {n} 张人脸：照片中只能有网站负责人一人", f"{n} faces found: only the website owner may be in the photo."),
        values,
    )


def check_framing(
    size: tuple[int, int],
    face: Face | None,
    *,
    head_top: float | None = None,
    top_cut: bool | None = None,
    shoulders_in: bool | None = None,
) -> CheckResult:
    """``size`` = (width, height) of the picture the face box refers to.

    ``head_top`` (row of the top of the hair), ``top_cut`` (the head reaches the top edge) and ``shoulders_in`` come
    from the person mask; without them they are estimated from the face box."""
    w, h = size
    if face is None:
        return CheckResult("framing", "fail", Msg("没有检测到人脸，无法判断构图", "No face found, so the framing cannot be judged."))
    fx, fy, fw, fh = face.box
    cx = fx + fw / 2
    offset = (cx - w / 2) / w
    height = fh / h
    if head_top is None:
        head_top = fy - HEAD_TOP * fh
    headroom = head_top / h
    if shoulders_in is None:
        shoulder_y = fy + SHOULDERS * fh
        shoulders_in = shoulder_y < h and cx - SHOULDER_HALF_WIDTH * fw >= 0 and cx + SHOULDER_HALF_WIDTH * fw <= w
    margin = 1  # pixels: a face box touching the frame edge means the face is cut
    face_cut = fx <= margin or fy <= margin or fx + fw >= w - margin or fy + fh >= h - margin
    if top_cut is None:
        top_cut = head_top < 0
    roll = face.roll
    values = {
        "centre_offset": offset,
        "face_height": height,
        "headroom": headroom,
        "shoulders_in_frame": shoulders_in,
        "roll_degrees": roll,
        "roll_method": face.roll_method,
    }
    side_zh, side_en = ("左", "left") if offset > 0 else ("右", "right")

    fails: list[Msg] = []
    warns: list[Msg] = []
    if face_cut or top_cut:
        fails.append(Msg("头部被画面边缘截断：请让整个头部和头顶上方的幕布都在画面内", "The head is cut by the frame edge: keep the whole head, with backdrop above it, in the picture."))
    if abs(offset) > CENTRE_FAIL:
        fails.append(Msg(f"人物太靠边：请向{side_zh}移动，站到幕布正中", f"You are near the edge: move {side_en}, to the middle of the backdrop."))
    elif abs(offset) > CENTRE_PASS:
        warns.append(Msg(f"人物不在正中：请稍向{side_zh}移动，站到幕布正中", f"You are off-centre: move a little {side_en}, to the middle of the backdrop."))
    if height < HEIGHT_FAIL[0]:
        fails.append(Msg("人物太小：请靠近相机，拍摄上半身", "You are too small in the picture: come closer and take an upper-body shot."))
    elif height > HEIGHT_FAIL[1]:
        fails.append(Msg("脸部太大（特写）：请后退，拍摄上半身", "The face is too large (close-up): step back and take an upper-body shot."))
    elif height < HEIGHT_PASS[0]:
        warns.append(Msg("人物偏小：请靠近一些，让上半身约占画面三分之二", "You are rather small: come a little closer so the upper body fills about two thirds of the picture."))
    elif height > HEIGHT_PASS[1]:
        warns.append(Msg("人物偏大：请后退一些，拍到肩膀和上半身", "You are rather large: step back a little so the shoulders and upper body are in the picture."))
    if not fails and headroom < HEADROOM_WARN:
        warns.append(Msg("头顶上方空间太少：请让头顶上方留出一些幕布", "Too little space above the head: leave some backdrop above it."))
    if not fails and not shoulders_in and height <= HEIGHT_PASS[1]:
        warns.append(Msg("肩膀不完整：请后退或把相机放远一些，拍到双肩", "The shoulders are not fully in the picture: step back so both shoulders show."))
    if roll is not None:
        if abs(roll) > ROLL_FAIL:
            fails.append(Msg(f"头部歪斜约 {abs(roll):.0f}°：请摆正头部", f"The head is tilted by about {abs(roll):.0f}°: hold it straight."))
        elif abs(roll) > ROLL_WARN:
            warns.append(Msg(f"头部略有歪斜（约 {abs(roll):.0f}°）：请摆正头部", f"The head is slightly tilted (about {abs(roll):.0f}°): hold it straight."))
    if fails:
        return CheckResult("framing", "fail", join_messages(fails), values)
    if warns:
        return CheckResult("framing", "warn", join_messages(warns), values)
    return CheckResult("framing", "pass", Msg("构图合适：上半身、居中", "Good framing: upper body, centred."), values)
