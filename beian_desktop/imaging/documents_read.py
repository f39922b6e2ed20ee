"""Reading a document (offline OCR): what kind of document it is, which way up its text runs, and the values printed
on it (ID number, name, USCC, company name, validity period), compared with the values the applicant typed.

The reading runs once per document, on the reduced, rectified and already turned copy the other checks use (see
:func:`read_document`). The text read is personal data: it lives only in the :class:`DocumentReading` of one check
and in the ``content`` check's result, where ID numbers and names are shown masked; nothing is logged.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from beian_desktop.i18n import Msg

#: Long side of the copy the text is read from: cards (85.6 x 54 mm) and A4 pages.
READ_SIDE = {"card": 800, "page": 1100}
#: Lines longer than this many times their height are not recognised (only detected and classified for the text
#: direction): the values we compare sit in short label/value lines, while paragraphs cost most of the reading time.
MAX_LINE_ASPECT = 22.0

KIND_NAMES = {
    "id_front": Msg("身份证人像面", "the portrait side of an ID card"),
    "id_back": Msg("身份证国徽面", "the national emblem side of an ID card"),
    "business_licence": Msg("营业执照", "a business licence"),
    "authenticity_form": Msg("真实性核验单", "an authenticity form"),
}

#: Words printed on each kind of document (from the documents themselves, not from any layout): title words count
#: double.
_KEYWORDS = {
    "id_front": (("公民身份号码", 2), ("姓名", 1), ("性别", 1), ("民族", 1), ("出生", 1), ("住址", 1)),
    "id_back": (("居民身份证", 2), ("签发机关", 2), ("有效期限", 1), ("中华人民共和国", 1)),
    "business_licence": (("营业执照", 2), ("统一社会信用代码", 2), ("法定代表人", 1), ("经营范围", 1), ("注册资本", 1), ("登记机关", 1), ("成立日期", 1)),
    "authenticity_form": (("真实性核验单", 2), ("核验单", 1), ("网站备案信息", 1), ("网站负责人", 1), ("核验", 1)),
}

#: The kinds a slot may hold, by (document type, side); ``None`` side: any side of the type.
EXPECTED_KINDS = {
    ("resident_id", "front"): ("id_front",),
    ("resident_id", "back"): ("id_back",),
    ("resident_id", None): ("id_front", "id_back"),
    ("business_licence", None): ("business_licence",),
    ("authenticity_form", None): ("authenticity_form",),
}

FIELD_NAMES = {
    "id_number": Msg("证件号码", "ID number"),
    "name": Msg("姓名", "name"),
    "uscc": Msg("统一社会信用代码", "unified social credit code"),
    "org_name": Msg("单位名称", "organisation name"),
}
FIELDS = tuple(FIELD_NAMES)

#: Which fields each kind of document carries.
_KIND_FIELDS = {
    "id_front": ("id_number", "name"),
    "id_back": (),
    "business_licence": ("uscc", "org_name"),
    "authenticity_form": ("id_number", "uscc", "org_name"),
}

_ID_RE = re.compile(r"[1-9]\d{16}[\dX]")
_USCC_RE = re.compile(r"[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10}")
_DATE = r"(\d{4})[.\-/年]\s*(\d{1,2})[.\-/月]\s*(\d{1,2})日?"
_RANGE_RE = re.compile(_DATE + r"\s*[-—~至－]+\s*(?:" + _DATE + r"|(长期))")
#: Documents must stay valid for 3 more months (domain rules): nearer expiry dates warn.
EXPIRY_MARGIN_DAYS = 92


def normalise(text: str) -> str:
    """Full-width to half-width, no spaces, upper-case latin letters, ASCII brackets."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", "", text).upper().replace("（", "(").replace("）", ")")


def mask(value: str) -> str:
    """Show enough of a personal value to recognise it, not the whole: 3301**********123X, 张**."""
    if len(value) >= 10:
        return value[:4] + "*" * (len(value) - 8) + value[-4:]
    if len(value) >= 2:
        return value[0] + "*" * (len(value) - 1)
    return value


@dataclass(slots=True)
class Line:
    text: str  # normalised
    score: float
    box: np.ndarray  # 4x2, in the coordinates of the upright document copy that was read
    angle: int

    @property
    def centre(self) -> tuple[float, float]:
        c = self.box.mean(axis=0)
        return float(c[0]), float(c[1])

    @property
    def height(self) -> float:
        return float(self.box[:, 1].max() - self.box[:, 1].min())


@dataclass(slots=True)
class DocumentReading:
    lines: list[Line]
    size: tuple[int, int]  # (w, h) of the copy read
    kind: str | None = None  # key of KIND_NAMES, or None when not recognised
    kind_scores: dict[str, int] = field(default_factory=dict)
    upside_down: bool | None = None  # None: too little text to tell
    up_share: float = 0.0  # share of the text (by characters) the angle classifier found upside down
    chars: int = 0  # characters read with confidence
    fields: dict[str, tuple[str, float, bool]] = field(default_factory=dict)  # field -> (value, score, valid)
    validity: tuple[date, date | None] | None = None  # (start, end); end None = 长期 (no end)
    elapsed_ms: float = 0.0
    read: bool = True  # False: only the text direction was measured (see :func:`text_direction`)
    unavailable: bool = False  # the OCR engine could not be started (a broken installation): nothing was read

    def turned(self) -> "DocumentReading":
        """The same reading with the boxes in the coordinates of the copy turned by 180°."""
        w, h = self.size
        for line in self.lines:
            line.box = np.column_stack([w - 1 - line.box[:, 0], h - 1 - line.box[:, 1]])[[2, 3, 0, 1]]
        return self


def _confident(line: Line) -> bool:
    return line.score >= 0.6 and len(line.text) >= 2


def _kind(lines: list[Line]) -> tuple[str | None, dict[str, int]]:
    text = "".join(line.text for line in lines if line.score >= 0.5)
    scores = {kind: sum(w for word, w in words if word in text) for kind, words in _KEYWORDS.items()}
    best = max(scores, key=scores.get)
    ranked = sorted(scores.values(), reverse=True)
    if ranked[0] >= 2 and ranked[0] > ranked[1]:
        return best, scores
    return None, scores


def _gb11643_ok(number: str) -> bool:
    """A real GB 11643 number: check character, region and birth date (an all-digit USCC passes the check character
    alone about one time in eleven)."""
    from beian_desktop.domain.identifiers import validate_resident_id

    return validate_resident_id(number).valid


def _uscc_ok(code: str) -> bool:
    from beian_desktop.domain.identifiers import uscc_check_char

    try:
        return len(code) == 18 and uscc_check_char(code[:17]) == code[17]
    except (KeyError, ValueError, IndexError):
        return False


def _find_code(lines: list[Line], pattern: re.Pattern, valid, exclude=None) -> tuple[str, float, bool] | None:
    """The best 18-character code matching ``pattern`` (valid check digit first); ``exclude``: codes of another
    kind that also match (an ID number is a string of digits a USCC pattern accepts)."""
    best = None
    for line in lines:
        text = line.text.replace("O", "0") if pattern is _ID_RE else line.text
        for match in pattern.finditer(text):
            value = match.group(0)
            if exclude is not None and exclude(value):
                continue
            ok = bool(valid(value))
            cand = (value, line.score, ok)
            if best is None or (ok, line.score) > (best[2], best[1]):
                best = cand
    return best


_CJK = re.compile(r"[\u3400-\u9fff·]+")
#: A line whose box starts this close to the left edge of the copy read may have been cut by the picture's frame.
EDGE_PX = 3.0


def _labelled(lines: list[Line], labels: tuple[str, ...], cleaner) -> tuple[str, float, bool] | None:
    """The value printed after (or to the right of) a label such as 姓名 / 名称 (labels in order of preference; a
    label must start its line, so that 名称 does not match 网站名称, and must not start at the left edge of the copy
    read, where the frame may have cut 网站名称 down to 名称)."""
    for label in labels:
        for line in lines:
            if not line.text.startswith(label) or line.box[:, 0].min() <= EDGE_PX:
                continue
            rest = cleaner(line.text[len(label) :].lstrip(":："))
            if rest:
                return rest, line.score, True
            # the value starts where the label ends, on the same (possibly tilted) line: compare the label's right
            # end with the value's left end
            right = line.box[:, 0].max()
            end_y = float(line.box[[1, 2], 1].mean())
            tol = max(6.0, 0.8 * line.height)
            row = [
                other
                for other in lines
                if other is not line
                and abs(float(other.box[[0, 3], 1].mean()) - end_y) <= tol
                and other.box[:, 0].min() >= right - max(4.0, 0.6 * line.height)  # boxes may overlap a little
                and cleaner(other.text)
            ]
            if row:
                nearest = min(row, key=lambda o: o.box[:, 0].min())
                return cleaner(nearest.text), nearest.score, True
    return None


def _name_clean(text: str) -> str:
    m = _CJK.search(text)
    return m.group(0) if m else ""


def _org_clean(text: str) -> str:
    text = text.strip(":：")
    return text if len(_CJK.findall(text)) and len(text) >= 4 else ""


def _validity(lines: list[Line]) -> tuple[date, date | None] | None:
    text = "".join(line.text for line in lines)
    for m in _RANGE_RE.finditer(text):
        try:
            start = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            end = None if m.group(7) else date(int(m.group(4)), int(m.group(5)), int(m.group(6)))
        except (TypeError, ValueError):
            continue
        if end is None or end > start:
            return start, end
    return None


def interpret(raw_lines, size: tuple[int, int]) -> DocumentReading:
    """Build a reading from OCR lines (``TextLine``-like: box, text, score, angle) of a copy of ``size`` (w, h)."""
    lines = [Line(normalise(l.text), float(l.score), np.asarray(l.box, np.float32).reshape(4, 2), int(getattr(l, "angle", 0))) for l in raw_lines]
    lines = [l for l in lines if l.text]
    reading = DocumentReading(lines, size)
    confident = [l for l in lines if _confident(l)]
    chars = sum(len(l.text) for l in confident)
    up = sum(len(l.text) for l in confident if l.angle == 180)
    _vote(reading, chars, up)
    if reading.upside_down:
        reading.turned()
    reading.kind, reading.kind_scores = _kind(lines)
    found = {
        # a USCC made of digits only matches the ID pattern too: it is not an ID number unless it is a valid one
        "id_number": _find_code(lines, _ID_RE, _gb11643_ok, exclude=lambda code: _uscc_ok(code) and not _gb11643_ok(code)),
        "uscc": None,
        "name": _labelled(lines, ("姓名",), _name_clean),
        "org_name": _labelled(lines, ("主体单位名称", "单位名称", "主体名称", "名称"), _org_clean),
    }
    number = found["id_number"][0] if found["id_number"] else None
    # an all-digit code may match both patterns: the ID number is not taken for a USCC unless it checks as one
    found["uscc"] = _find_code(lines, _USCC_RE, _uscc_ok, exclude=lambda code: code == number and not _uscc_ok(code))
    reading.fields = {k: v for k, v in found.items() if v is not None}
    reading.validity = _validity(lines)
    return reading


def text_direction(doc: np.ndarray, layout: str) -> DocumentReading:
    """Only which way up the text of ``doc`` runs (lines found and classified, not read): for orientation alone."""
    import time

    from beian_desktop.imaging import ocr
    from beian_desktop.imaging.decode import shrink

    started = time.perf_counter()
    small, _ = shrink(doc, READ_SIDE.get(layout, 1000))
    found = ocr.directions(small, det_limit=max(small.shape[:2]))
    reading = DocumentReading([], (small.shape[1], small.shape[0]), read=False)
    # weight each line by its length in character heights (what the angle classifier saw)
    weights = []
    for box, angle in found:
        b = np.asarray(box, np.float32)
        w_, h_ = np.ptp(b[:, 0]), np.ptp(b[:, 1])
        if w_ >= 2 * h_:  # a horizontal line of at least two characters
            weights.append((w_ / max(1.0, h_), angle))
    chars = sum(w for w, _ in weights)
    up = sum(w for w, a in weights if a == 180)
    _vote(reading, chars, up)
    reading.elapsed_ms = (time.perf_counter() - started) * 1000
    return reading


def _vote(reading: "DocumentReading", chars: float, up: float) -> None:
    reading.chars = int(round(chars))
    reading.up_share = up / chars if chars else 0.0
    if chars >= 8:
        if reading.up_share >= 0.7:
            reading.upside_down = True
        elif reading.up_share <= 0.3:
            reading.upside_down = False


def _has_all(lines, size: tuple[int, int], wanted: tuple[str, ...]) -> bool:
    """Whether the lines read so far already tell the document's kind, which way up it is, its validity period (ID
    card emblem side) and every ``wanted`` field this kind carries (codes with a valid check digit)."""
    reading = interpret(lines, size)
    if reading.kind is None or reading.upside_down is None:
        return False
    if reading.kind == "id_back" and reading.validity is None:
        return False
    for name in wanted:
        if name in _KIND_FIELDS[reading.kind] and not (name in reading.fields and reading.fields[name][2]):
            return False
    return True


def read_document(doc: np.ndarray, layout: str, wanted: tuple[str, ...] = ()) -> DocumentReading:
    """Read the (upright as far as known, rectified when possible) document image ``doc`` (BGR): its lines in reading
    order, stopping once the kind, the orientation, the validity period and the ``wanted`` fields are known."""
    import time

    from beian_desktop.imaging import ocr
    from beian_desktop.imaging.decode import shrink

    started = time.perf_counter()
    small, _ = shrink(doc, READ_SIDE.get(layout, 1000))
    size = (small.shape[1], small.shape[0])
    lines = ocr.read(small, det_limit=max(small.shape[:2]), max_aspect=MAX_LINE_ASPECT, enough=lambda got: _has_all(got, size, wanted))
    reading = interpret(lines, size)
    reading.elapsed_ms = (time.perf_counter() - started) * 1000
    return reading


# ---- comparison --------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class FieldResult:
    field: str
    status: str  # "pass", "warn" (could not read / not sure), "fail" (mismatch)
    read: str | None  # masked
    message: Msg


def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def _differs(a: str, b: str) -> int:
    return sum(x != y for x, y in zip(a, b)) + abs(len(a) - len(b))


def compare_field(name: str, expected: str, reading: DocumentReading, legible: bool = True) -> FieldResult | None:
    """Compare one typed value with the document; ``None`` when this kind of document does not carry the field.

    ``legible``: False when the picture is blurred: a name read from it differs by misreading as easily as by being
    someone else's, so a difference only warns (ID numbers and USCCs keep failing: their check digit vouches for
    the reading)."""
    label = FIELD_NAMES[name]
    want = normalise(expected)
    if reading.kind is not None and name not in _KIND_FIELDS[reading.kind]:
        return None
    got = reading.fields.get(name)
    if got is None:
        if reading.kind is None or name in ("id_number", "uscc") and reading.kind == "authenticity_form":
            return None  # a form may leave it out; an unknown document may not carry it
        return FieldResult(
            name,
            "warn",
            None,
            Msg(f"未能从证件上读出{label.zh}，请自行核对", f"The {label.en} could not be read from the document; check it yourself."),
        )
    value, score, valid = got
    shown = value if name == "org_name" else mask(value)  # a company name is public; ID numbers and names are not
    if value == want:
        return FieldResult(name, "pass", shown, Msg(f"{label.zh}与填写的一致", f"The {label.en} matches the form."))
    unsure = Msg(
        f"{label.zh}读取不确定（读到 {shown}），请确认证件与填写的一致",
        f"The {label.en} could not be read with certainty ({shown}); check that the document matches the form.",
    )
    if name in ("id_number", "uscc"):
        if not valid:  # a code that fails its own check digit was misread: no ground for a mismatch
            return FieldResult(name, "warn", shown, unsure)
    elif not legible:
        return FieldResult(name, "warn", shown, unsure)
    elif name == "name":
        if score < 0.9 and len(value) == len(want) and _differs(value, want) <= 1:
            return FieldResult(name, "warn", shown, unsure)
    elif value in want or _similar(value, want) >= 0.85 or (score < 0.85 and _similar(value, want) >= 0.7):
        # part of the name (cut off by the frame or a fold), or a near miss: not enough to call it someone else's
        return FieldResult(name, "warn", shown, unsure)
    return FieldResult(
        name,
        "fail",
        shown,
        Msg(
            f"证件上的{label.zh}（{shown}）与填写的不一致：是否上传了别人的证件，或填错了？",
            f"The {label.en} on the document ({shown}) differs from the form: is this someone else's document, or is the form wrong?",
        ),
    )
