"""Rule data: provinces, rule sets chosen by date, each with its source."""

from __future__ import annotations

import json
from datetime import date

import pytest

from beian_desktop.domain.rules import (
    PhotoMethod,
    province_by_abbr,
    province_by_code,
    province_by_name_prefix,
    provinces,
    residence_permit_regions,
    rules_in_force,
)
from beian_desktop.paths import resource_path

SEED_PILOT = {"天津", "甘肃", "西藏", "宁夏", "海南", "新疆", "青海"}


def test_31_provinces_with_unique_codes_and_abbreviations():
    items = provinces()
    assert len(items) == 31
    assert len({p.code for p in items}) == 31
    assert "".join(p.abbr for p in items) == "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝蜀黔滇藏陕陇青宁新"
    assert all(len(p.code) == 6 and p.code.endswith("0000") for p in items)


def test_province_lookups():
    assert province_by_code("310104").name == "上海市"
    assert province_by_abbr("川").code == "510000"
    assert province_by_name_prefix("江苏省常州市").code == "320000"
    assert province_by_name_prefix("中国") is None
    assert province_by_code("810000") is None
    assert set(residence_permit_regions()) == {"810000", "820000", "830000"}


def test_seed_sms_rule_in_2019():
    rules = rules_in_force(date(2019, 5, 1))
    sms = rules.sms
    assert sms.effective_date == date(2018, 8, 6)
    assert "seed" in sms.source
    assert sms.complete_within_hours == 48
    pilot = {p.short for p in provinces() if sms.applies_to(p.code)}
    assert pilot == SEED_PILOT
    assert not sms.applies_to("110000")


def test_current_sms_rule_from_2020_08_17():
    before, after = rules_in_force(date(2020, 8, 16)), rules_in_force(date(2020, 8, 17))
    assert before.sms.complete_within_hours == 48 and not before.sms.applies_to("310000")
    sms = after.sms
    assert sms.effective_date == date(2020, 8, 17)
    assert all(sms.applies_to(p.code) for p in provinces())
    assert (sms.code_valid_hours, sms.max_resends, sms.max_wrong_entries, sms.code_digits) == (24, 2, 5, 6)
    assert sms.source


def test_before_the_first_version_the_first_version_applies():
    assert rules_in_force(date(2010, 1, 1)).sms.effective_date == date(2018, 8, 6)


def test_review_windows_by_date():
    seed = rules_in_force(date(2019, 1, 1)).review
    assert (seed.bureau_min_working_days, seed.bureau_max_working_days) == (3, 20)
    now = rules_in_force(date(2025, 1, 1)).review
    assert (now.aliyun_first_review_working_days, now.bureau_min_working_days, now.bureau_max_working_days) == (1, 1, 20)
    assert now.source and now.effective_date > seed.effective_date


def test_photo_method_shanghai_app_elsewhere_backdrop():
    photo = rules_in_force(date(2025, 1, 1)).photo
    assert photo.method_for("310000") is PhotoMethod.SHANGHAI_APP
    assert photo.method_for("110000") is PhotoMethod.BACKDROP
    assert photo.source


def test_province_rules_from_data():
    rules = rules_in_force(date(2025, 1, 1))
    assert {p for p in ("110000", "210000", "220000", "310000") if rules.province_rule("office_phone_differs_from_owner_mobile", p)} == {
        "110000", "210000", "220000"}
    assert rules.province_rule("landline_required", "320000") is not None
    assert rules.province_rule("landline_required", "330000") is None


def test_default_is_today():
    assert rules_in_force().on == date.today()


@pytest.mark.parametrize("name", ["provinces", "photo_verification", "sms", "review", "tlds", "province_rules", "site_names"])
def test_every_rule_has_source_and_effective_date(name):
    data = json.loads(resource_path("rules", f"{name}.json").read_text(encoding="utf-8"))
    for rule in data["rules"]:
        assert rule["source"].strip()
        date.fromisoformat(rule["effective_date"])
