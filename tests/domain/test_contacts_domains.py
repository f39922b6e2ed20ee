"""Mobile numbers, landlines, e-mail addresses and domains."""

from __future__ import annotations

from datetime import date

import pytest

from beian_desktop.domain.contacts import same_phone, validate_email, validate_landline, validate_mobile
from beian_desktop.domain.domains import registered_domain, validate_domain


@pytest.mark.parametrize("number", ["13800138000", "+86 138 0013 8000", "0086-13800138000", "１３８００１３８０００"])
def test_valid_mobile_numbers_normalise(number):
    result = validate_mobile(number)
    assert result.valid and result.value == "13800138000"
    assert result.info["province"] == "110000"  # 138 0013 is a Beijing prefix


def test_mobile_with_unknown_home_province_stays_unknown():
    result = validate_mobile("17012345678")
    assert result.valid and result.info["province"] is None


@pytest.mark.parametrize(
    "number, needle",
    [("", "required"), ("1380013800", "not a valid"), ("23800138000", "not a valid"), ("010-62345678", "landline"), ("+1 650 253 0000", "mainland")],
)
def test_invalid_mobile_numbers(number, needle):
    result = validate_mobile(number)
    assert not result.valid and needle in result.message.en.lower()


@pytest.mark.parametrize(
    "number, formatted",
    [("010-62345678", "010-62345678"), ("0755 83123456", "0755-83123456"), ("02187654321", "021-87654321"), ("0755-83123456-123", "0755-83123456-123")],
)
def test_valid_landlines(number, formatted):
    result = validate_landline(number)
    assert result.valid and result.value == formatted


@pytest.mark.parametrize(
    "number, needle",
    [("62345678", "area code"), ("13800138000", "mobile"), ("4008001234", "400/800"), ("12", "Not a valid")],
)
def test_invalid_landlines(number, needle):
    result = validate_landline(number)
    assert not result.valid and needle in result.message.en


def test_same_phone_ignores_formatting_but_not_digits():
    assert same_phone("+86 138-0013-8000", "13800138000")
    assert not same_phone("13800138000", "13800138001")
    assert not same_phone("", "")


@pytest.mark.parametrize("email", ["a@example.com", "first.last+tag@mail.example.com.cn", "a@例子.中国", "A@EXAMPLE.COM"])
def test_valid_emails(email):
    assert validate_email(email).valid


@pytest.mark.parametrize("email", ["", "a", "a@@b.com", "a@b", "a b@c.com", "名字@example.com", ".a@b.com", "a@-b.com", "a@b.123"])
def test_invalid_emails(email):
    assert not validate_email(email).valid


@pytest.mark.parametrize(
    "domain, value, ascii_form",
    [
        ("example.com", "example.com", "example.com"),
        ("EXAMPLE.COM.", "example.com", "example.com"),
        ("例子.中国", "例子.中国", "xn--fsqu00a.xn--fiqs8s"),
        ("xn--fsqu00a.xn--fiqs8s", "例子.中国", "xn--fsqu00a.xn--fiqs8s"),
        ("例子。中国", "例子.中国", "xn--fsqu00a.xn--fiqs8s"),  # ideographic full stop
        ("example.com.cn", "example.com.cn", "example.com.cn"),
    ],
)
def test_valid_domains(domain, value, ascii_form):
    result = validate_domain(domain)
    assert result.valid and not result.warnings, result.summary()
    assert result.value == value and result.info["ascii"] == ascii_form


@pytest.mark.parametrize(
    "domain, needle",
    [
        ("", "Required"),
        ("http://example.com", "http"),
        ("https://example.com", "http"),
        ("example.com/index.html", "path"),
        ("example.com:8080", "port"),
        ("me@example.com", "e-mail"),
        ("1.2.3.4", "IP address"),
        ("example", "complete domain"),
        ("com.cn", "only a suffix"),
        ("-bad.com", "Invalid domain"),
        ("under_score.com", "Invalid domain"),
        ("example.io", "cannot be filed"),
        ("example.hk", "cannot be filed"),
        ("exa mple.com", "spaces"),
    ],
)
def test_invalid_domains(domain, needle):
    result = validate_domain(domain)
    assert not result.valid and needle in result.message.en


def test_www_is_flagged_as_not_the_registered_domain():
    result = validate_domain("www.example.com")
    assert result.valid
    assert any("example.com" in w.en and "www." in w.en for w in result.warnings)
    assert result.info["registered"] == "example.com"


def test_subdomain_of_second_level_suffix():
    assert registered_domain("a.b.example.com.cn") == "example.com.cn"
    assert validate_domain("a.b.example.com.cn").warnings


def test_unknown_tld_is_a_warning_not_an_error():
    result = validate_domain("example.zzz")
    assert result.valid and result.warnings


def test_gov_cn_is_reserved_for_government():
    assert not validate_domain("x.gov.cn", nature="enterprise").valid
    assert validate_domain("x.gov.cn", nature="government").valid
    assert validate_domain("x.gov.cn").warnings  # nature unknown: warn


def test_domain_tld_rules_by_date():
    assert validate_domain("example.com", on=date(2019, 1, 1)).valid
