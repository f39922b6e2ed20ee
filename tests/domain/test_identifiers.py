"""Resident IDs, USCC, organisation codes, passports/permits and ICP numbers: valid and invalid examples."""

from __future__ import annotations

from datetime import date

import pytest

from beian_desktop.domain.identifiers import (
    IdKind,
    parse_icp_number,
    validate_cert_number,
    validate_hk_macao_permit,
    validate_icp_number,
    validate_organization_code,
    validate_passport,
    validate_resident_id,
    validate_taiwan_permit,
    validate_uscc,
)
from beian_desktop.domain.model import CertType
from idhelpers import org_check, ric, uscc

TODAY = date(2025, 6, 1)


# ---- resident IDs ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "number, kind",
    [
        (ric("11010519491231002"), IdKind.MAINLAND),  # Beijing
        (ric("65010220000229123"), IdKind.MAINLAND),  # Xinjiang, leap day
        (ric("81000019900101001"), IdKind.RESIDENCE_PERMIT),  # Hong Kong
        (ric("82000019900101002"), IdKind.RESIDENCE_PERMIT),  # Macao
        (ric("83000019900101003"), IdKind.RESIDENCE_PERMIT),  # Taiwan
        (ric("93184019850615001"), IdKind.FOREIGNER_PR),  # foreigner PR ID issued in Shanghai (31)
    ],
)
def test_resident_id_accepts_every_gb11643_kind(number, kind):
    result = validate_resident_id(number, TODAY)
    assert result.valid, result.message
    assert result.info["id_kind"] == kind


def test_resident_id_normalises_lowercase_x_and_spaces():
    number = "11010519491231002X"
    assert number == ric("11010519491231002")
    result = validate_resident_id("110105 19491231 002x", TODAY)
    assert result.valid and result.value == number
    assert result.info["birth_date"] == date(1949, 12, 31)
    assert result.info["province"] == "110000"


def _bad_check(number: str) -> str:
    last = "0" if number[-1] != "0" else "1"
    return number[:-1] + last


@pytest.mark.parametrize(
    "number, needle",
    [
        ("", "Required"),
        ("1101051949123100", "18 characters"),
        ("110105491231002", "15-digit"),
        ("11010519491231002A", "Wrong format"),
        (_bad_check(ric("11010519491231002")), "check character"),
        (ric("99010519491231002"), "province"),  # foreigner ID with province 90
        (ric("71000019900101001"), "province"),  # 71: not one of the 31 + permits
        (ric("00000019900101001"), "province"),
        (ric("81010019900101001"), "810000"),  # HK permit must be exactly 810000
        (ric("11010519490231002"), "real date"),  # 31 Feb
        (ric("11010519000229002"), "real date"),  # 1900 was not a leap year
        (ric("11010520300101002"), "future"),
        (ric("11010518991231002"), "1900"),
    ],
)
def test_resident_id_rejects_with_specific_message(number, needle):
    result = validate_resident_id(number, TODAY)
    assert not result.valid
    assert needle in result.message.en
    assert result.message.zh  # bilingual


def test_resident_id_message_never_contains_the_number():
    number = _bad_check(ric("11010519491231002"))
    result = validate_resident_id(number, TODAY)
    assert number not in result.message.zh and number not in result.message.en


# ---- organisation code and USCC ------------------------------------------------------------------------------------

def test_known_real_uscc_is_valid():
    result = validate_uscc("91110000600037341L")
    assert result.valid
    assert result.info["organization_code"] == "600037341"
    assert result.info["province"] == "110000"


@pytest.mark.parametrize("first", ["A", "N", "Y", "1", "5", "9"])
def test_uscc_accepts_all_registration_authorities(first):
    code = uscc(first + "1110000", "MA01B2C3")
    assert validate_uscc(code).valid, validate_uscc(code).message


@pytest.mark.parametrize(
    "code, needle",
    [
        ("", "Required"),
        ("9111000060003734", "18 characters"),
        ("91110000600037341M", "check character"),
        ("9111000060003734IL", "I, O, Z, S, V"),
        (uscc("B1110000", "60003734"), "registration authority"),
        (uscc("90110000", "60003734"), "entity type"),
        (uscc("911100AB", "60003734"), "region code"),
    ],
)
def test_uscc_rejects_with_specific_message(code, needle):
    result = validate_uscc(code)
    assert not result.valid
    assert needle in result.message.en


def test_uscc_with_wrong_embedded_organisation_code_is_rejected():
    body = "91110000" + "60003734" + ("2" if org_check("60003734") != "2" else "3")
    from idhelpers import uscc_check

    code = body + uscc_check(body)  # overall check character right, organisation code wrong
    result = validate_uscc(code)
    assert not result.valid and "organisation code" in result.message.en


def test_uscc_with_unknown_region_is_a_warning_only():
    result = validate_uscc(uscc("91990000", "60003734"))
    assert result.valid and result.warnings


@pytest.mark.parametrize("body", ["60003734", "MA01B2C3", "12345678"])
def test_organization_code(body):
    assert validate_organization_code(f"{body}-{org_check(body)}").valid
    wrong = "0" if org_check(body) != "0" else "1"
    assert not validate_organization_code(body + wrong).valid


# ---- passports and permits --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("number", ["E12345678", "EA1234567", "G12345678", "P1234567"])
def test_chinese_passports(number):
    result = validate_passport(number)
    assert result.valid and not result.warnings


def test_foreign_passport_is_accepted_with_a_reminder():
    result = validate_passport("X1234567")
    assert result.valid and result.warnings


@pytest.mark.parametrize("number", ["", "E1", "护照123456", "ABCDEFGH"])
def test_invalid_passports(number):
    assert not validate_passport(number).valid


@pytest.mark.parametrize("number, valid", [("H12345678", True), ("M1234567890", True), ("h12345678", True), ("A12345678", False), ("H1234", False)])
def test_hk_macao_permit(number, valid):
    assert validate_hk_macao_permit(number).valid is valid


@pytest.mark.parametrize("number, valid", [("12345678", True), ("1234567890(B)", True), ("1234567", False), ("T1234567", False)])
def test_taiwan_permit(number, valid):
    assert validate_taiwan_permit(number).valid is valid


def test_cert_number_dispatches_on_type():
    assert validate_cert_number(CertType.USCC, "91110000600037341L").kind == "uscc"
    assert validate_cert_number("resident_id", ric("11010519491231002"), TODAY).valid
    assert not validate_cert_number(CertType.OTHER, " ").valid
    assert validate_cert_number(CertType.OTHER, "ABC").valid


# ---- ICP numbers ---------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "number, province",
    [
        ("京ICP备12345678号", "110000"),
        ("沪ICP备2021012345号-3", "310000"),
        ("粤 icp备12345678号－2", "440000"),  # spaces, lower case, full-width hyphen
        ("新ICP备12345678号-1", "650000"),
    ],
)
def test_valid_icp_numbers(number, province):
    result = validate_icp_number(number)
    assert result.valid and not result.warnings
    assert result.info["province"] == province


def test_all_31_abbreviations_are_accepted():
    for abbr in "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝蜀黔滇藏陕陇青宁新":
        assert validate_icp_number(f"{abbr}ICP备12345678号").valid, abbr


def test_chuan_warns_but_is_accepted():
    result = validate_icp_number("川ICP备12345678号-1")
    assert result.valid
    assert result.info["province"] == "510000"
    assert any("蜀" in w.zh for w in result.warnings)


@pytest.mark.parametrize(
    "number, expect, needle",
    [
        ("", "any", "Required"),
        ("港ICP备12345678号", "any", "not a province abbreviation"),
        ("京ICP备1234567号", "any", "8 or 10 digits"),
        ("京ICP备123456789号", "any", "8 or 10 digits"),
        ("京ICP证000001号", "any", "licence"),
        ("京ICP12345678号", "any", "Expected"),
        ("京ICP备12345678号-0", "any", "positive"),
        ("京ICP备12345678号-1", "subject", "no '-N'"),
        ("京ICP备12345678号", "website", "ends with '-N'"),
    ],
)
def test_invalid_icp_numbers(number, expect, needle):
    result = validate_icp_number(number, expect=expect)
    assert not result.valid
    assert needle in result.message.en


def test_parse_icp_number():
    parsed = parse_icp_number("浙ICP备12345678号-2")
    assert parsed.site == 2 and parsed.subject_number == "浙ICP备12345678号" and parsed.province.code == "330000"
    assert parse_icp_number("nonsense") is None
