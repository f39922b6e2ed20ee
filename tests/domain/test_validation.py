"""Whole-application validation."""

from __future__ import annotations

from datetime import date

import pytest

from beian_desktop.domain.model import Application, CertType, Contact, FilingAnswers, Flow, SubjectNature
from beian_desktop.domain.validation import Severity, findings_for, has_errors, validate_application, validate_field
from idhelpers import ric

TODAY = date(2025, 6, 1)


def good_app() -> Application:
    """A complete enterprise application in Beijing that passes without errors."""
    app = Application()
    app.answers = FilingAnswers(domain_has_icp=True, subject_filed_with_aliyun=False, other_order_in_progress=False,
                                same_aliyun_account=True, was_wanwang_agent_user=False)
    app.flow = Flow.NEW_ACCESS
    s = app.subject
    s.nature, s.cert_type, s.cert_number = SubjectNature.ENTERPRISE, CertType.USCC, "91110000600037341L"
    s.name, s.province, s.city, s.district = "北京示例科技有限公司", "110000", "北京市", "海淀区"
    s.cert_address = s.mailing_address = "北京市海淀区中关村大街1号"
    s.investor, s.icp_number = "张三", "京ICP备12345678号"
    p = app.principal
    p.name, p.cert_number, p.cert_long_term = "张三", ric("11010519800101001"), True
    p.mobile, p.emergency_phone, p.email, p.office_phone = "13800138000", "13801380000", "zs@example.com", "010-62345678"
    w = app.website
    w.name, w.domains, w.homepage = "示例科技", ["example.com"], "http://www.example.com/"
    w.service_content, w.icp_number, w.service_numbers = "企业介绍", "京ICP备12345678号-1", ["1234567890"]
    o = w.owner
    o.name, o.cert_number, o.cert_valid_to = "李四", ric("11010819850505002"), "2035-01-01"
    o.mobile, o.emergency_phone, o.email, o.office_phone = "13810000001", "13810000002", "ls@example.com", "010-62345679"
    app.contact = Contact("ls@example.com", "13810000001")
    return app


def paths(findings, severity=None):
    return {f.path for f in findings if severity is None or f.severity is severity}


def test_complete_application_has_no_findings():
    findings = validate_application(good_app(), TODAY)
    assert findings == [], [(f.path, f.message.en) for f in findings]


def test_empty_application_lists_required_fields_as_errors():
    findings = validate_application(Application(), TODAY)
    errors = paths(findings, Severity.ERROR)
    for path in ("answers.domain_has_icp", "subject.cert_number", "subject.name", "subject.province", "principal.name",
                 "principal.mobile", "principal.email", "websites.0.name", "websites.0.domains", "websites.0.owner.mobile",
                 "contact.email", "contact.phone", "subject.icp_number"):
        assert path in errors, path
    assert all(f.message.zh and f.message.en for f in findings)
    assert any(f.rule == "required" for f in findings)


def test_phones_must_not_repeat_between_different_people():
    app = good_app()
    app.website.owner.mobile = "+86 138 0013 8000"  # the principal's mobile, formatted differently
    findings = validate_application(app, TODAY)
    assert "websites.0.owner.mobile" in {f.path for f in findings if f.rule == "phone_reuse"}


def test_same_person_may_reuse_phones():
    app = good_app()
    o, p = app.website.owner, app.principal
    o.name, o.cert_number, o.mobile, o.emergency_phone = p.name, p.cert_number, p.mobile, p.emergency_phone
    assert not [f for f in validate_application(app, TODAY) if f.rule == "phone_reuse"]


def test_icp_province_must_match_subject_province():
    app = good_app()
    app.subject.icp_number, app.website.icp_number = "沪ICP备12345678号", "沪ICP备12345678号-1"
    findings = validate_application(app, TODAY)
    assert any(f.path == "subject.icp_number" and f.rule == "icp_province" for f in findings)


def test_website_icp_must_belong_to_the_subject():
    app = good_app()
    app.website.icp_number = "京ICP备87654321号-1"
    assert any(f.rule == "icp_subject" for f in validate_application(app, TODAY))


@pytest.mark.parametrize("name, nature, bad", [
    ("example.com", SubjectNature.ENTERPRISE, True),
    ("12345", SubjectNature.ENTERPRISE, True),
    ("My Blog", SubjectNature.ENTERPRISE, True),
    ("张三科技公司", SubjectNature.INDIVIDUAL, True),
    ("官方博客", SubjectNature.INDIVIDUAL, True),
    ("张三的个人博客", SubjectNature.INDIVIDUAL, False),
    ("示例科技公司官网", SubjectNature.ENTERPRISE, False),
])
def test_site_name_rules(name, nature, bad):
    app = good_app()
    app.subject.nature = nature
    app.website.name = name
    findings = [f for f in validate_application(app, TODAY) if f.path == "websites.0.name" and f.is_error]
    assert bool(findings) is bad, [f.message.en for f in findings]


def test_original_record_differences_are_errors():
    app = good_app()
    app.original.fields = {"subject.name": "北京示例科技有限公司", "websites.0.domains": ["EXAMPLE.com"],
                           "principal.name": "王五", "subject.investor": ""}
    findings = [f for f in validate_application(app, TODAY) if f.rule == "original_record"]
    assert [(f.path, f.severity) for f in findings] == [("principal.name", Severity.ERROR)]
    assert "王五" not in findings[0].message.zh


def test_original_record_with_unknown_path_is_a_warning():
    app = good_app()
    app.original.fields = {"subject.nonexistent": "x"}
    findings = [f for f in validate_application(app, TODAY) if f.rule == "original_record"]
    assert findings and findings[0].severity is Severity.WARNING


def test_office_phone_must_differ_from_owner_mobile_in_beijing_not_in_zhejiang():
    app = good_app()
    app.principal.office_phone = app.website.owner.mobile
    assert any(f.rule == "office_phone_differs_from_owner_mobile" for f in validate_application(app, TODAY))
    app.subject.province, app.subject.icp_number, app.website.icp_number = "330000", "浙ICP备12345678号", "浙ICP备12345678号-1"
    assert not any(f.rule == "office_phone_differs_from_owner_mobile" for f in validate_application(app, TODAY))


def test_landline_required_in_jiangsu():
    app = good_app()
    app.subject.province, app.subject.icp_number, app.website.icp_number = "320000", "苏ICP备12345678号", "苏ICP备12345678号-1"
    app.website.owner.office_phone = ""
    app.principal.office_phone = "13800138000"  # a mobile is not a landline
    findings = [f for f in validate_application(app, TODAY) if f.rule == "landline_required"]
    assert {f.path for f in findings} == {"websites.0.owner.office_phone", "principal.office_phone"}
    assert all(f.is_error for f in findings)


def test_mailing_address_city_rule_in_hebei():
    app = good_app()
    app.subject.province, app.subject.city = "130000", "石家庄市"
    app.subject.icp_number, app.website.icp_number = "冀ICP备12345678号", "冀ICP备12345678号-1"
    app.subject.mailing_address = "北京市海淀区中关村大街1号"
    assert any(f.rule == "mailing_address_in_cert_city" for f in validate_application(app, TODAY))


def test_expired_and_soon_expiring_certificates():
    app = good_app()
    app.website.owner.cert_valid_to = "2025-05-31"
    assert any(f.path == "websites.0.owner.cert_valid_to" and f.is_error for f in validate_application(app, TODAY))
    app.website.owner.cert_valid_to = "2025-07-01"
    found = [f for f in validate_application(app, TODAY) if f.path == "websites.0.owner.cert_valid_to"]
    assert found and found[0].severity is Severity.WARNING


def test_blocked_filing_type_is_reported():
    app = good_app()
    app.answers.subject_filed_with_aliyun = True
    app.answers.other_order_in_progress = True
    findings = validate_application(app, TODAY)
    assert any(f.path == "answers" and f.rule == "filing_type_blocked" for f in findings)
    assert "flow" in paths(findings, Severity.WARNING)  # chosen NEW_ACCESS but answers say CONTINUE_ACCESS


def test_duplicate_domains_and_bad_homepage():
    app = good_app()
    app.website.domains = ["example.com", "Example.COM", "example.io"]
    app.website.homepage = "https://other.com"
    findings = validate_application(app, TODAY)
    assert any(f.path == "websites.0.domains.1" and f.rule == "duplicate_domain" for f in findings)
    assert any(f.path == "websites.0.domains.2" and f.is_error for f in findings)
    assert any(f.path == "websites.0.homepage" and f.rule == "homepage_domain" for f in findings)


def test_individual_subject_must_match_principal():
    app = good_app()
    s = app.subject
    s.nature, s.cert_type, s.cert_number, s.name, s.investor = SubjectNature.INDIVIDUAL, CertType.RESIDENT_ID, ric("11010519800101001"), "王五", ""
    app.website.name = "王五的博客"
    findings = validate_application(app, TODAY)
    assert "principal.name" in paths(findings, Severity.ERROR)
    assert "subject.investor" not in paths(findings)


def test_shanghai_backdrop_photo_and_foreign_mailing_address():
    app = good_app()
    app.subject.province, app.subject.icp_number, app.website.icp_number = "310000", "沪ICP备12345678号", "沪ICP备12345678号-1"
    app.photo_verification.photo.sha256 = "ab" * 32
    assert any(f.rule == "photo_method" for f in validate_application(app, TODAY))
    app = good_app()
    app.photo_verification.mailing_province = "810000"
    assert any(f.rule == "mailing_mainland" for f in validate_application(app, TODAY))


def test_findings_for_and_validate_field():
    app = good_app()
    app.website.owner.email = "not-an-email"
    findings = validate_application(app, TODAY)
    assert has_errors(findings)
    assert [f.path for f in findings_for(findings, "websites.0.owner")] == ["websites.0.owner.email"]
    assert [f.path for f in validate_field(app, "websites.0.owner.email", TODAY)] == ["websites.0.owner.email"]
    assert validate_field(app, "principal", TODAY) == []


def test_findings_never_contain_id_numbers():
    app = Application()
    app.principal.cert_number = ric("11010519800101001")[:-1] + "0"
    app.original.fields = {"principal.cert_number": ric("11010519800101001")}
    for f in validate_application(app, TODAY):
        assert "110105" not in f.message.zh and "110105" not in f.message.en


def test_original_record_ignores_width_spacing_case_and_list_order():
    app = good_app()
    app.website.domains = ["example.com", "example.cn"]
    app.original.fields = {
        "subject.name": "北京示例科技有限公司 ",  # trailing blank
        "subject.mailing_address": "北京市海淀区中关村大街１号",  # full-width digit (NFKC)
        "subject.icp_number": "京ＩＣＰ备12345678号",  # full-width letters
        "websites.0.domains": ["EXAMPLE.cn", "example.com", " "],  # other order, other case, a blank entry
        "principal.mobile": "  ",  # only blanks: nothing to compare
    }
    assert [f for f in validate_application(app, TODAY) if f.rule == "original_record"] == []
    app.original.fields["websites.0.domains"] = ["example.com"]  # one domain fewer: a real difference
    findings = [f for f in validate_application(app, TODAY) if f.rule == "original_record"]
    assert [(f.path, f.severity) for f in findings] == [("websites.0.domains", Severity.ERROR)]


@pytest.mark.parametrize(("numbers", "rules"), [
    (["A1B2C3D4E5F6G7H8"], set()),
    (["12-34"], {"service_number_format"}),
    (["A1B2C3D4", "H8G7F6E5"], {"service_number_count"}),
    ([" "], {"required"}),
])
def test_service_numbers_follow_the_rule_data(numbers, rules):
    app = good_app()
    app.website.service_numbers = numbers
    findings = [f for f in validate_application(app, TODAY) if f.path == "websites.0.service_numbers"]
    assert {f.rule for f in findings} == rules
    if "service_number_format" in rules:  # only a hint: the format is observed, not published
        assert all(f.severity is Severity.WARNING for f in findings) and "12-34" in findings[0].message.zh
