"""Validation of identifiers: resident IDs (GB 11643), USCC (GB 32100), organisation codes (GB 11714), passports and
permits, and ICP filing numbers.

Check characters come from python-stdnum (``stdnum.cn.ric.calc_check_digit``, ``stdnum.cn.uscc.calc_check_digit``);
python-stdnum's own ``validate`` is not used because it rejects residence permits (810000/820000/830000), foreigner
permanent-residence IDs (leading 9) and USCCs starting with A/N/Y, and accepts birth dates in the future.

What is checked for an 18-character GB 11643 number (:func:`validate_resident_id`):

* 17 digits followed by a digit or ``X`` (a lower-case ``x`` and spaces are normalised), and the check character;
* the region: for mainland IDs the 2-digit province part must be one of the 31 provinces (``resources/rules/
  provinces.json``); residence permits must carry exactly 810000 (Hong Kong), 820000 (Macao) or 830000 (Taiwan);
  foreigner permanent-residence IDs start with 9 and digits 2-3 must be one of the 31 provinces. The county part
  (digits 3-6) is not checked: the list of counties changes every year;
* the birth date (digits 7-14) must be a real date between 1900-01-01 and today.

Messages never repeat the full number (they may be logged by callers); they only describe what is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from stdnum.cn import ric as _ric
from stdnum.cn import uscc as _uscc

from beian_desktop.domain.checks import REQUIRED, FieldCheck
from beian_desktop.domain.model import CertType
from beian_desktop.domain.rules import (
    Province,
    alt_abbreviations,
    province_by_abbr,
    province_by_code,
    provinces,
    residence_permit_regions,
)
from beian_desktop.i18n import Msg

__all__ = [
    "IcpNumber",
    "IdKind",
    "compact",
    "gb11643_check_char",
    "organization_code_check_char",
    "parse_icp_number",
    "uscc_check_char",
    "validate_cert_number",
    "validate_hk_macao_permit",
    "validate_icp_number",
    "validate_organization_code",
    "validate_passport",
    "validate_resident_id",
    "validate_taiwan_permit",
    "validate_uscc",
]


def compact(value: str | None) -> str:
    """Remove spaces and hyphens (also full-width ones) and upper-case the value."""
    text = (value or "").upper()
    return re.sub(r"[\s\-－—_]", "", text)


# ---- GB 11643: resident IDs, residence permits, foreigner permanent-residence IDs --------------------------------------

class IdKind:
    MAINLAND = "mainland"  # 居民身份证
    RESIDENCE_PERMIT = "residence_permit"  # 港澳台居民居住证
    FOREIGNER_PR = "foreigner_permanent_residence"  # 外国人永久居留身份证（2023 版，首位 9）


_ID_KIND_LABEL = {
    IdKind.MAINLAND: Msg("居民身份证号码", "resident ID number"),
    IdKind.RESIDENCE_PERMIT: Msg("港澳台居民居住证号码", "Hong Kong/Macao/Taiwan residence permit number"),
    IdKind.FOREIGNER_PR: Msg("外国人永久居留身份证号码", "foreigner permanent-residence ID number"),
}


def gb11643_check_char(body17: str) -> str:
    """Check character (0-9 or X) for the first 17 digits of a GB 11643 number (python-stdnum's algorithm)."""
    return _ric.calc_check_digit(body17 + "0")  # stdnum expects the number with a (ignored) check position


def _birth_date(digits8: str) -> date | None:
    try:
        return date(int(digits8[:4]), int(digits8[4:6]), int(digits8[6:8]))
    except ValueError:
        return None


def validate_resident_id(value: str | None, today: date | None = None) -> FieldCheck:
    """Check any 18-character GB 11643 number (mainland ID, HK/Macao/Taiwan residence permit, foreigner PR ID)."""
    kind = "resident-id"
    number = compact(value)
    if not number:
        return FieldCheck.bad(kind, number, REQUIRED)
    if len(number) == 15 and number.isdigit():
        return FieldCheck.bad(
            kind, number, Msg("15 位旧身份证号码已停用，请填写 18 位号码", "Old 15-digit ID numbers are no longer used: enter the 18-character number")
        )
    if len(number) != 18:
        return FieldCheck.bad(
            kind, number, Msg(f"应为 18 位（当前 {len(number)} 位）", f"Must be 18 characters long (got {len(number)})")
        )
    if not re.fullmatch(r"\d{17}[\dX]", number):
        return FieldCheck.bad(
            kind, number, Msg("格式错误：前 17 位应为数字，最后一位为数字或 X", "Wrong format: 17 digits followed by a digit or X")
        )
    if number[-1] != gb11643_check_char(number[:17]):
        return FieldCheck.bad(
            kind, number, Msg("校验位不正确，请检查是否有输错的数字", "The check character does not match: a digit may be mistyped")
        )

    info: dict = {}
    permit_regions = residence_permit_regions()
    if number[:2] in {code[:2] for code in permit_regions}:
        id_kind = IdKind.RESIDENCE_PERMIT
        if number[:6] not in permit_regions:
            return FieldCheck.bad(
                kind,
                number,
                Msg("港澳台居民居住证号码前 6 位应为 810000、820000 或 830000", "Residence permit numbers start with 810000, 820000 or 830000"),
            )
        info["region"] = number[:6]
    else:  # mainland IDs carry the province in digits 1-2, foreigner PR IDs (leading 9) in digits 2-3
        foreigner = number[0] == "9"
        id_kind = IdKind.FOREIGNER_PR if foreigner else IdKind.MAINLAND
        province = province_by_code(number[1:3] if foreigner else number[:2])
        if province is None:
            wrong = (Msg("外国人永久居留身份证号码第 2-3 位应为受理地省份代码", "Digits 2-3 of a foreigner permanent-residence ID must be a province code")
                     if foreigner else Msg("前 2 位不是有效的省份代码", "The first two digits are not a valid province code"))
            return FieldCheck.bad(kind, number, wrong)
        info["province"] = province.code

    born = _birth_date(number[6:14])
    if born is None:
        return FieldCheck.bad(kind, number, Msg("出生日期不是有效日期", "The birth date is not a real date"))
    today = today or date.today()
    if born > today:
        return FieldCheck.bad(kind, number, Msg("出生日期在未来", "The birth date is in the future"))
    if born.year < 1900:
        return FieldCheck.bad(kind, number, Msg("出生日期早于 1900 年", "The birth date is before 1900"))
    info["birth_date"] = born
    info["id_kind"] = id_kind
    label = _ID_KIND_LABEL[id_kind]
    return FieldCheck.ok(kind, number, Msg(f"有效的{label.zh}", f"Valid {label.en}"), **info)


# ---- GB 11714 organisation code and GB 32100 USCC ----------------------------------------------------------------------

_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def organization_code_check_char(body8: str) -> str:
    """Check character of a GB 11714 organisation code (8 digits/letters -> 0-9 or X)."""
    total = sum(int(c, 36) * w for c, w in zip(body8.upper(), _ORG_WEIGHTS))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def validate_organization_code(value: str | None) -> FieldCheck:
    """Check a 9-character organisation code (组织机构代码, e.g. ``60003734-1``)."""
    kind = "organization-code"
    code = compact(value)
    if not code:
        return FieldCheck.bad(kind, code, REQUIRED)
    if not re.fullmatch(r"[0-9A-Z]{8}[0-9X]", code):
        return FieldCheck.bad(
            kind, code, Msg("组织机构代码应为 8 位数字或大写字母加 1 位校验码", "An organisation code is 8 digits or letters plus a check character")
        )
    if code[-1] != organization_code_check_char(code[:8]):
        return FieldCheck.bad(kind, code, Msg("组织机构代码校验位不正确", "The organisation code's check character does not match"))
    return FieldCheck.ok(kind, code, Msg("有效的组织机构代码", "Valid organisation code"))


_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
#: GB 32100 registration authorities (登记管理部门代码).
_USCC_AUTHORITIES = {
    "1": Msg("机构编制", "institutional establishment"),
    "2": Msg("外交", "foreign affairs"),
    "3": Msg("司法行政", "justice administration"),
    "4": Msg("文化", "culture"),
    "5": Msg("民政", "civil affairs"),
    "6": Msg("旅游", "tourism"),
    "7": Msg("宗教", "religious affairs"),
    "8": Msg("工会", "trade unions"),
    "9": Msg("市场监管（工商）", "market regulation"),
    "A": Msg("中央军委改革和编制办公室", "CMC reform and establishment office"),
    "N": Msg("农业", "agriculture"),
    "Y": Msg("其他", "other"),
}


def uscc_check_char(body17: str) -> str:
    """Check character of a USCC for its first 17 characters (python-stdnum's algorithm)."""
    return _uscc.calc_check_digit(body17)


def validate_uscc(value: str | None) -> FieldCheck:
    """Check a unified social credit code (统一社会信用代码, GB 32100), including A/N/Y authorities."""
    kind = "uscc"
    code = compact(value)
    if not code:
        return FieldCheck.bad(kind, code, REQUIRED)
    if len(code) != 18:
        return FieldCheck.bad(kind, code, Msg(f"应为 18 位（当前 {len(code)} 位）", f"Must be 18 characters long (got {len(code)})"))
    bad_letters = sorted({c for c in code if c not in _USCC_ALPHABET})
    if bad_letters:
        return FieldCheck.bad(
            kind,
            code,
            Msg(
                f"含有不允许的字符 {''.join(bad_letters)}：只能是数字和除 I、O、Z、S、V 以外的大写字母",
                f"Contains characters that are not allowed ({''.join(bad_letters)}): digits and capital letters except I, O, Z, S, V",
            ),
        )
    if code[-1] != uscc_check_char(code[:17]):
        return FieldCheck.bad(
            kind, code, Msg("校验位不正确，请检查是否有输错的字符", "The check character does not match: a character may be mistyped")
        )
    authority = _USCC_AUTHORITIES.get(code[0])
    if authority is None:
        return FieldCheck.bad(
            kind, code, Msg("第 1 位（登记管理部门代码）无效", "The first character (registration authority) is not valid")
        )
    if code[1] not in "123456789":
        return FieldCheck.bad(kind, code, Msg("第 2 位（机构类别代码）无效", "The second character (entity type) is not valid"))
    if not code[2:8].isdigit():
        return FieldCheck.bad(kind, code, Msg("第 3-8 位（登记管理机关行政区划码）应为数字", "Characters 3-8 (region code) must be digits"))
    if code[8:17][-1] != organization_code_check_char(code[8:16]):
        return FieldCheck.bad(
            kind,
            code,
            Msg("第 9-17 位（组织机构代码）的校验位不正确", "Characters 9-17 (the organisation code) have a wrong check character"),
        )
    warnings = []
    province = province_by_code(code[2:8])
    if province is None and code[2:4] != "10":  # 10xxxx: registered by a national authority
        warnings.append(Msg("第 3-8 位不是已知省份的行政区划码，请核对", "Characters 3-8 are not a known province's region code: please check"))
    return FieldCheck.ok(
        kind,
        code,
        Msg(f"有效的统一社会信用代码（登记管理部门：{authority.zh}）", f"Valid unified social credit code (authority: {authority.en})"),
        warnings,
        authority=code[0],
        province=province.code if province else None,
        organization_code=code[8:17],
    )


# ---- passports and permits -----------------------------------------------------------------------------------------------

def validate_passport(value: str | None) -> FieldCheck:
    """Passport number: Chinese ones (E + 8 digits, E + letter + 7 digits, G/P/S/D + 7-8 digits) and foreign ones (5-17
    letters and digits, accepted with a reminder to copy it exactly)."""
    kind = "passport"
    number = compact(value)
    if not number:
        return FieldCheck.bad(kind, number, REQUIRED)
    if re.fullmatch(r"E\d{8}|E[A-HJ-NP-Z]\d{7}|[GPSD]\d{7,8}", number):
        return FieldCheck.ok(kind, number, Msg("有效的中国护照号码格式", "Valid Chinese passport number format"))
    if re.fullmatch(r"[A-Z0-9]{5,17}", number) and any(c.isdigit() for c in number):
        return FieldCheck.ok(
            kind,
            number,
            Msg("护照号码格式可接受", "Passport number format accepted"),
            [Msg("不是中国护照格式：请按护照原样填写", "Not a Chinese passport format: copy the number exactly as printed")],
        )
    return FieldCheck.bad(kind, number, Msg("护照号码应为 5-17 位字母和数字", "A passport number is 5-17 letters and digits"))


def validate_hk_macao_permit(value: str | None) -> FieldCheck:
    """港澳居民来往内地通行证（回乡证）: H or M followed by 8 digits (10 on old cards)."""
    kind = "hk-macao-permit"
    number = compact(value)
    if not number:
        return FieldCheck.bad(kind, number, REQUIRED)
    if re.fullmatch(r"[HM]\d{8}(\d{2})?", number):
        return FieldCheck.ok(kind, number, Msg("有效的港澳居民来往内地通行证号码格式", "Valid Hong Kong/Macao home-return permit format"))
    return FieldCheck.bad(
        kind, number, Msg("回乡证号码应为 H 或 M 加 8 位数字", "A home-return permit number is H or M followed by 8 digits")
    )


def validate_taiwan_permit(value: str | None) -> FieldCheck:
    """台湾居民来往大陆通行证（台胞证）: 8 digits (10 digits, optionally with a letter in brackets, on old cards)."""
    kind = "taiwan-permit"
    number = compact(value).replace("（", "(").replace("）", ")")
    if not number:
        return FieldCheck.bad(kind, number, REQUIRED)
    if re.fullmatch(r"\d{8}|\d{10}(\([A-Z]\))?", number):
        return FieldCheck.ok(kind, number, Msg("有效的台湾居民来往大陆通行证号码格式", "Valid Taiwan compatriot permit format"))
    return FieldCheck.bad(kind, number, Msg("台胞证号码应为 8 位数字", "A Taiwan compatriot permit number is 8 digits"))


def validate_cert_number(cert_type: CertType | str, value: str | None, today: date | None = None) -> FieldCheck:
    """Dispatch on the certificate type of a person or subject."""
    cert_type = CertType(cert_type)
    if cert_type is CertType.RESIDENT_ID:
        return validate_resident_id(value, today)
    if cert_type is CertType.USCC:
        return validate_uscc(value)
    if cert_type is CertType.PASSPORT:
        return validate_passport(value)
    if cert_type is CertType.HK_MACAO_PERMIT:
        return validate_hk_macao_permit(value)
    if cert_type is CertType.TAIWAN_PERMIT:
        return validate_taiwan_permit(value)
    number = (value or "").strip()
    if not number:
        return FieldCheck.bad("cert-number", number, REQUIRED)
    return FieldCheck.ok("cert-number", number, Msg("证件号码未做格式检查", "Certificate number format not checked"))


# ---- ICP filing numbers ------------------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class IcpNumber:
    abbr: str  # 京
    province: Province
    digits: str  # 8 or 10 digits
    site: int | None  # the N of "-N" (website numbers)

    @property
    def subject_number(self) -> str:
        """The subject's number (without ``-N``)."""
        return f"{self.abbr}ICP备{self.digits}号"

    def __str__(self) -> str:
        return self.subject_number + (f"-{self.site}" if self.site is not None else "")


_ICP_RE = re.compile(r"(?P<abbr>\w)ICP(?P<kind>[备證证])(?P<digits>\d+)号(?:-(?P<site>\d+))?")


def _normalise_icp(value: str | None) -> str:
    text = re.sub(r"\s", "", value or "")
    text = text.replace("－", "-").replace("—", "-").replace("–", "-")
    return re.sub(r"icp", "ICP", text, flags=re.IGNORECASE)


def parse_icp_number(value: str | None) -> IcpNumber | None:
    """Parse an ICP filing number; ``None`` when it is not one (use :func:`validate_icp_number` for the reason)."""
    check = validate_icp_number(value)
    return check.info.get("parsed") if check.valid else None


def validate_icp_number(value: str | None, expect: str = "any") -> FieldCheck:
    """Check an ICP filing number ``京ICP备12345678号`` (subject) or ``京ICP备12345678号-1`` (website).

    ``expect``: ``"subject"`` (no ``-N`` allowed), ``"website"`` (``-N`` required) or ``"any"``.
    """
    kind = "icp-number"
    number = _normalise_icp(value)
    if not number:
        return FieldCheck.bad(kind, number, REQUIRED)
    m = _ICP_RE.fullmatch(number)
    if not m:
        return FieldCheck.bad(
            kind,
            number,
            Msg("格式应为：省份简称 + ICP备 + 8 或 10 位数字 + 号，例如 京ICP备12345678号-1",
                "Expected: province abbreviation + ICP备 + 8 or 10 digits + 号, e.g. 京ICP备12345678号-1"),
        )
    if m["kind"] != "备":
        return FieldCheck.bad(
            kind,
            number,
            Msg("这是 ICP 经营许可证号（ICP证），请填写 ICP 备案号（ICP备）", "This is an ICP licence number (ICP证), not the filing number (ICP备)"),
        )
    warnings: list[Msg] = []
    abbr = m["abbr"]
    province = province_by_abbr(abbr)
    if province is None:
        known = "".join(p.abbr for p in provinces())
        return FieldCheck.bad(
            kind, number, Msg(f"“{abbr}”不是省份简称（应为 {known} 之一）", f"'{abbr}' is not a province abbreviation (one of {known})")
        )
    if abbr in alt_abbreviations():
        warnings.append(
            Msg(f"备案号中的省份简称通常为“{province.abbr}”而不是“{abbr}”，请与工信部记录核对",
                f"Filing numbers normally use '{province.abbr}', not '{abbr}': check against the MIIT record")
        )
    digits = m["digits"]
    if len(digits) not in (8, 10):
        return FieldCheck.bad(
            kind, number, Msg(f"备案号数字应为 8 或 10 位（当前 {len(digits)} 位）", f"The number part must have 8 or 10 digits (got {len(digits)})")
        )
    site = m["site"]
    if site is not None and (site.startswith("0") or int(site) == 0):
        return FieldCheck.bad(kind, number, Msg("“-”后的网站序号应为正整数", "The site number after '-' must be a positive integer"))
    if expect == "subject" and site is not None:
        return FieldCheck.bad(
            kind, number, Msg("主体备案号不带“-序号”，例如 京ICP备12345678号", "A subject's filing number has no '-N', e.g. 京ICP备12345678号")
        )
    if expect == "website" and site is None:
        return FieldCheck.bad(
            kind, number, Msg("网站备案号应带“-序号”，例如 京ICP备12345678号-1", "A website's filing number ends with '-N', e.g. 京ICP备12345678号-1")
        )
    parsed = IcpNumber(abbr, province, digits, int(site) if site is not None else None)
    return FieldCheck.ok(
        kind,
        str(parsed),
        Msg(f"有效的 ICP 备案号（{province.name}）", f"Valid ICP filing number ({province.en})"),
        warnings,
        parsed=parsed,
        province=province.code,
    )
