"""Validation of contact data: mainland mobile numbers, landlines (phonenumbers) and e-mail addresses.

A mobile number's province comes from phonenumbers' geocoder; for some prefixes (e.g. 170, 199) it only knows
"中国", and the province is then ``None`` (unknown), which callers must not treat as "different".
"""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import PhoneNumberType

from beian_desktop.domain.checks import REQUIRED, FieldCheck
from beian_desktop.domain.rules import province_by_name_prefix
from beian_desktop.i18n import Msg


def _geocoder():
    """phonenumbers' geocoder, imported when first needed: its data takes over a second to load, which must not
    happen while the wizard's modules are imported (the GUI warms it up in its thread pool)."""
    from phonenumbers import geocoder

    return geocoder

__all__ = ["same_phone", "normalise_phone", "validate_email", "validate_landline", "validate_mobile"]

_MOBILE_TYPES = (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE)
_LANDLINE_TYPES = (PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE)


def _parse(text: str) -> phonenumbers.PhoneNumber | None:
    try:
        return phonenumbers.parse(text, "CN")
    except phonenumbers.NumberParseException:
        return None


def _clean(value: str | None) -> str:
    text = (value or "").strip()
    # full-width digits and punctuation typed with a Chinese input method
    text = text.translate(str.maketrans("０１２３４５６７８９＋－（）　", "0123456789+-() "))
    return text


def normalise_phone(value: str | None) -> str:
    """A comparable form of a phone number (national significant number, extension kept), or the cleaned text."""
    text = _clean(value)
    number = _parse(text) if text else None
    if number is None:
        return re.sub(r"\D", "", text)
    nsn = phonenumbers.national_significant_number(number)
    return nsn + (f"#{number.extension}" if number.extension else "")


def same_phone(a: str | None, b: str | None) -> bool:
    """Whether two typed numbers are the same phone (``+86 138-0013-8000`` equals ``13800138000``); empty never matches."""
    na, nb = normalise_phone(a), normalise_phone(b)
    return bool(na) and na == nb


def validate_mobile(value: str | None) -> FieldCheck:
    """A mainland China mobile number (11 digits starting with 1; ``+86``/``0086`` accepted)."""
    kind = "mobile"
    text = _clean(value)
    if not text:
        return FieldCheck.bad(kind, "", REQUIRED)
    number = _parse(text)
    if number is None or not phonenumbers.is_valid_number(number):
        return FieldCheck.bad(
            kind, text, Msg("不是有效的中国大陆手机号码（11 位，以 1 开头）", "Not a valid mainland China mobile number (11 digits starting with 1)")
        )
    if number.country_code != 86:
        return FieldCheck.bad(kind, text, Msg("请填写中国大陆手机号码", "Enter a mainland China mobile number"))
    nsn = phonenumbers.national_significant_number(number)
    number_type = phonenumbers.number_type(number)
    if number_type is PhoneNumberType.FIXED_LINE:
        return FieldCheck.bad(kind, nsn, Msg("这是固定电话号码，请填写手机号码", "This is a landline number: enter a mobile number"))
    if number_type not in _MOBILE_TYPES:
        return FieldCheck.bad(kind, nsn, Msg("这不是手机号码，请填写 11 位手机号码", "This is not a mobile number: enter an 11-digit mobile number"))
    description = _geocoder().description_for_number(number, "zh")
    province = province_by_name_prefix(description)
    if province:
        message = Msg(f"有效的手机号码（{description}）", f"Valid mobile number ({_geocoder().description_for_number(number, 'en')})")
    else:
        message = Msg("有效的手机号码（归属地未知）", "Valid mobile number (home province unknown)")
    return FieldCheck.ok(kind, nsn, message, province=province.code if province else None)


def _split_extension(text: str) -> tuple[str, str]:
    m = re.fullmatch(r"(.+?)\s*(?:-|转|ext\.?|x|#)\s*(\d{1,6})", text, flags=re.IGNORECASE)
    if m and _parse(m[1]) is not None and phonenumbers.is_valid_number(_parse(m[1])):
        return m[1], m[2]
    return text, ""


def validate_landline(value: str | None) -> FieldCheck:
    """A mainland landline with area code (``010-12345678``, ``0755 8312 3456``, extension ``-123`` allowed)."""
    kind = "landline"
    text = _clean(value)
    if not text:
        return FieldCheck.bad(kind, "", REQUIRED)
    main, extension = _split_extension(text)
    number = _parse(main)
    if number is None or not phonenumbers.is_valid_number(number) or number.country_code != 86:
        hint = ""
        if re.fullmatch(r"\d{7,8}", re.sub(r"\D", "", main)):
            hint = "missing_area_code"
            msg = Msg("缺少区号：请按“区号-号码”填写，例如 010-12345678", "The area code is missing: write e.g. 010-12345678")
        else:
            msg = Msg("不是有效的固定电话号码，格式例如 010-12345678", "Not a valid landline number, e.g. 010-12345678")
        return FieldCheck.bad(kind, text, msg, hint=hint)
    number_type = phonenumbers.number_type(number)
    nsn = phonenumbers.national_significant_number(number)
    if number_type is PhoneNumberType.MOBILE:
        return FieldCheck.bad(kind, nsn, Msg("这是手机号码，请填写固定电话（含区号）", "This is a mobile number: enter a landline with area code"))
    if number_type not in _LANDLINE_TYPES:
        return FieldCheck.bad(
            kind, nsn, Msg("400/800 等号码不能作为办公电话，请填写固定电话", "400/800 numbers are not accepted: enter a landline")
        )
    description = _geocoder().description_for_number(number, "zh")
    province = province_by_name_prefix(description)
    area = phonenumbers.length_of_geographical_area_code(number)
    formatted = f"0{nsn[:area]}-{nsn[area:]}" if area else nsn
    if extension:
        formatted += f"-{extension}"
    return FieldCheck.ok(
        kind,
        formatted,
        Msg(f"有效的固定电话（{description or '中国'}）", "Valid landline number"),
        province=province.code if province else None,
    )


_EMAIL_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
_HOST_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")


def validate_email(value: str | None) -> FieldCheck:
    """An e-mail address ``name@example.com`` (ASCII local part; the domain may be an IDN)."""
    kind = "email"
    text = (value or "").strip()
    if not text:
        return FieldCheck.bad(kind, "", REQUIRED)
    text = text.replace("＠", "@")
    generic = Msg("不是有效的电子邮箱地址，例如 name@example.com", "Not a valid e-mail address, e.g. name@example.com")
    if text.count("@") != 1 or re.search(r"\s", text):
        return FieldCheck.bad(kind, text, generic)
    local, host = text.split("@")
    if not local or len(local) > 64 or not _EMAIL_LOCAL.fullmatch(local):
        return FieldCheck.bad(kind, text, Msg("“@”前的用户名部分无效", "The part before '@' is not valid"))
    try:
        ascii_host = host.rstrip(".").encode("idna").decode("ascii").lower()
    except UnicodeError:
        return FieldCheck.bad(kind, text, Msg("“@”后的域名部分无效", "The part after '@' is not a valid domain"))
    labels = ascii_host.split(".")
    if len(labels) < 2 or not all(_HOST_LABEL.fullmatch(label) for label in labels) or labels[-1].isdigit():
        return FieldCheck.bad(kind, text, Msg("“@”后的域名部分无效", "The part after '@' is not a valid domain"))
    return FieldCheck.ok(kind, f"{local}@{host.lower()}", Msg("有效的电子邮箱地址", "Valid e-mail address"))
