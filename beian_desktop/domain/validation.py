"""Whole-application validation: a list of :class:`Finding` (field path, severity, bilingual message).

Findings never block anything by themselves: the GUI shows them next to the fields (matching ``Finding.path``, e.g.
``principal.mobile``, ``websites.0.owner.email``, ``websites.0.domains.1``) and in a summary. Empty required fields are
findings with severity ``error`` and rule ``"required"``. Rules that depend on time (TLD list, province rules,
photo-verification method) come from :func:`rules_in_force` for the validation day.

Messages never contain ID numbers or other personal values, so findings can be logged safely.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from beian_desktop.domain.checks import REQUIRED, FieldCheck, Severity
from beian_desktop.domain.contacts import normalise_phone, same_phone, validate_email, validate_landline, validate_mobile
from beian_desktop.domain.domains import registered_domain, validate_domain
from beian_desktop.domain.filing_type import QUESTIONS, Outcome, decide_filing_type
from beian_desktop.domain.identifiers import compact, validate_cert_number, validate_icp_number
from beian_desktop.domain.model import Application, CertType, Person, SubjectNature
from beian_desktop.domain.rules import PhotoMethod, RuleSet, ServiceNumberRule, SiteNameRule, province_by_code, rules_in_force
from beian_desktop.i18n import Msg

__all__ = [
    "Finding",
    "Severity",
    "check_site_name",
    "findings_for",
    "has_errors",
    "validate_application",
    "validate_field",
]

PERSONAL_CERT_TYPES = frozenset({CertType.RESIDENT_ID, CertType.PASSPORT, CertType.HK_MACAO_PERMIT, CertType.TAIWAN_PERMIT})
#: Certificates should stay valid this long (documents must be valid for 3+ more months).
VALIDITY_MARGIN = timedelta(days=90)


@dataclass(frozen=True, slots=True)
class Finding:
    path: str  # field path of Application ("subject.name", "websites.0.domains.1"); "" = whole application
    severity: Severity
    message: Msg
    rule: str = ""  # which check produced it ("required", "format", "original_record", a province rule id ...)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def has_errors(findings: list[Finding]) -> bool:
    return any(f.is_error for f in findings)


def findings_for(findings: list[Finding], prefix: str) -> list[Finding]:
    """The findings of one field or group (``prefix`` itself and everything below it)."""
    return [f for f in findings if f.path == prefix or f.path.startswith(prefix + ".")]


def validate_field(app: Application, path: str, today: date | None = None) -> list[Finding]:
    """Findings for one field (or group) after a change, in the context of the whole application."""
    return findings_for(validate_application(app, today), path)


class _Collector:
    def __init__(self) -> None:
        self.items: list[Finding] = []

    def error(self, path: str, message: Msg, rule: str) -> None:
        self.items.append(Finding(path, Severity.ERROR, message, rule))

    def warning(self, path: str, message: Msg, rule: str) -> None:
        self.items.append(Finding(path, Severity.WARNING, message, rule))

    def add(self, path: str, severity: str, message: Msg, rule: str) -> None:
        self.items.append(Finding(path, Severity(severity), message, rule))

    def required(self, path: str, value: Any) -> bool:
        """Record a finding when ``value`` is empty; returns whether it is filled."""
        filled = bool(value.strip()) if isinstance(value, str) else bool(value)
        if not filled:
            self.error(path, REQUIRED, "required")
        return filled

    def check(self, path: str, result: FieldCheck) -> FieldCheck:
        """Record an invalid result (required or format) and the warnings of a valid one."""
        if not result.valid:
            self.error(path, result.message, "required" if result.message == REQUIRED else "format")
        for warning in result.warnings:
            self.warning(path, warning, "format")
        return result


def validate_application(app: Application, today: date | None = None) -> list[Finding]:
    """Validate everything; ``today`` (default: the current date) selects the rules and checks dates."""
    today = today or date.today()
    rules = rules_in_force(today)
    out = _Collector()
    _check_filing_type(app, out)
    _check_subject(app, rules, out, today)
    _check_person(app.principal, "principal", app, rules, out, today)
    seen_domains: dict[str, str] = {}
    for index, website in enumerate(app.websites):
        _check_website(app, index, rules, out, today, seen_domains)
    _check_contact(app, out)
    _check_photo_verification(app, rules, out)
    _check_original_record(app, out)
    return out.items


# ---- filing type ---------------------------------------------------------------------------------------------------

def _check_filing_type(app: Application, out: _Collector) -> None:
    decision = decide_filing_type(app.answers)
    if decision.outcome is Outcome.UNDECIDED:
        question = decision.missing[0]
        out.error(f"answers.{question}", Msg(f"请回答：{QUESTIONS[question].zh}", f"Please answer: {QUESTIONS[question].en}"), "required")
    elif decision.outcome in (Outcome.NOT_ACCESS, Outcome.BLOCKED):
        out.error("answers", decision.reason, f"filing_type_{decision.outcome.value}")
    if app.flow is not None and decision.flow is not None and app.flow != decision.flow:
        out.warning(
            "flow",
            Msg("所选备案类型与问题回答不一致：" + decision.reason.zh, "The chosen flow does not match the answers: " + decision.reason.en),
            "flow_mismatch",
        )


# ---- subject -------------------------------------------------------------------------------------------------------

def _check_subject(app: Application, rules: RuleSet, out: _Collector, today: date) -> None:
    s = app.subject
    individual = s.nature is SubjectNature.INDIVIDUAL
    if individual and s.cert_type not in PERSONAL_CERT_TYPES:
        out.error("subject.cert_type", Msg("个人主体应使用身份证件（身份证、护照等）", "An individual subject uses a personal ID (ID card, passport ...)"), "cert_type")
    if not individual and s.cert_type in PERSONAL_CERT_TYPES:
        out.error("subject.cert_type", Msg("单位主体应使用单位证件（如营业执照）", "An organisation uses an organisation certificate (e.g. business licence)"), "cert_type")
    cert = out.check("subject.cert_number", validate_cert_number(s.cert_type, s.cert_number, today))
    out.required("subject.name", s.name)
    if out.required("subject.province", s.province):
        province = province_by_code(s.province)
        if province is None or len(s.province) != 6 or not s.province.isdigit():
            out.error("subject.province", Msg("请选择中国大陆的省份", "Choose a mainland China province"), "format")
        elif cert.valid and s.cert_type is CertType.USCC:
            uscc_province = cert.info.get("province")
            if uscc_province and uscc_province != province.code:
                out.warning(
                    "subject.province",
                    Msg("所选省份与统一社会信用代码中的登记地不一致，请核对", "The province differs from the registration region in the credit code: please check"),
                    "uscc_province",
                )
    out.required("subject.city", s.city)
    out.required("subject.cert_address", s.cert_address)
    if out.required("subject.mailing_address", s.mailing_address):
        # province rule (冀豫黔): the mailing address should be in the certificate's city
        rule = rules.province_rule("mailing_address_in_cert_city", s.province)
        city = re.sub(r"(市|地区|自治州|盟)$", "", s.city.strip())
        if rule is not None and city and city not in s.mailing_address:
            out.add(
                "subject.mailing_address",
                rule.severity,
                Msg("本省要求通讯地址位于证件所在城市", "This province requires the mailing address to be in the certificate's city"),
                rule.id,
            )
    if not individual:
        out.required("subject.investor", s.investor)
    icp = out.check("subject.icp_number", validate_icp_number(s.icp_number, expect="subject"))
    subject_province = province_by_code(s.province) if s.province else None
    if icp.valid and subject_province and icp.info["province"] != subject_province.code:
        out.error(
            "subject.icp_number",
            Msg(f"备案号省份（{icp.info['parsed'].province.name}）与主体所在省份（{subject_province.name}）不一致",
                f"The filing number's province ({icp.info['parsed'].province.en}) differs from the subject's ({subject_province.en})"),
            "icp_province",
        )
    if individual:
        p = app.principal
        same = Msg("个人主体的负责人应为本人：须与主体信息一致", "For an individual the principal is the person: it must match the subject")
        if s.name.strip() and p.name.strip() and s.name.strip() != p.name.strip():
            out.error("principal.name", same, "individual_principal")
        if s.cert_number.strip() and p.cert_number.strip() and compact(s.cert_number) != compact(p.cert_number):
            out.error("principal.cert_number", same, "individual_principal")


# ---- people ----------------------------------------------------------------------------------------------------------

def _check_validity(person: Person, prefix: str, out: _Collector, today: date) -> None:
    if person.cert_valid_from.strip():
        try:
            start = date.fromisoformat(person.cert_valid_from.strip())
        except ValueError:
            out.error(f"{prefix}.cert_valid_from", Msg("日期格式应为 YYYY-MM-DD", "Date format must be YYYY-MM-DD"), "format")
        else:
            if start > today:
                out.error(f"{prefix}.cert_valid_from", Msg("有效期起始日期在未来", "The validity start date is in the future"), "cert_validity")
    if person.cert_long_term:
        return
    if not out.required(f"{prefix}.cert_valid_to", person.cert_valid_to):
        return
    try:
        end = date.fromisoformat(person.cert_valid_to.strip())
    except ValueError:
        out.error(f"{prefix}.cert_valid_to", Msg("日期格式应为 YYYY-MM-DD", "Date format must be YYYY-MM-DD"), "format")
        return
    if end < today:
        out.error(f"{prefix}.cert_valid_to", Msg("证件已过期", "The certificate has expired"), "cert_validity")
    elif end < today + VALIDITY_MARGIN:
        out.warning(
            f"{prefix}.cert_valid_to",
            Msg("证件将在 3 个月内到期：建议先换证再备案", "The certificate expires within 3 months: renew it before filing"),
            "cert_validity",
        )


def _check_office_phone(person: Person, prefix: str, app: Application, rules: RuleSet, out: _Collector) -> None:
    path = f"{prefix}.office_phone"
    rule = rules.province_rule("landline_required", app.subject.province)
    if rule is not None:
        if not person.office_phone.strip():
            out.add(path, rule.severity, Msg("本省要求填写办公电话（固定电话，含区号）", "This province requires an office landline (with area code)"), rule.id)
            return
        landline = validate_landline(person.office_phone)
        if not landline.valid:
            out.add(path, rule.severity, landline.message, rule.id)
        return
    if person.office_phone.strip():
        if not (validate_landline(person.office_phone).valid or validate_mobile(person.office_phone).valid):
            out.error(path, Msg("不是有效的电话号码，例如 010-12345678", "Not a valid phone number, e.g. 010-12345678"), "format")


def _check_person(person: Person, prefix: str, app: Application, rules: RuleSet, out: _Collector, today: date) -> None:
    out.required(f"{prefix}.name", person.name)
    cert_path = f"{prefix}.cert_type"
    if person.cert_type not in PERSONAL_CERT_TYPES and person.cert_type is not CertType.OTHER:
        out.error(cert_path, Msg("负责人应使用个人身份证件", "A responsible person uses a personal ID"), "cert_type")
    else:
        out.check(f"{prefix}.cert_number", validate_cert_number(person.cert_type, person.cert_number, today))
    _check_validity(person, prefix, out, today)
    mobile = out.check(f"{prefix}.mobile", validate_mobile(person.mobile))
    if out.required(f"{prefix}.emergency_phone", person.emergency_phone):
        if not (validate_mobile(person.emergency_phone).valid or validate_landline(person.emergency_phone).valid):
            out.error(f"{prefix}.emergency_phone", Msg("不是有效的电话号码", "Not a valid phone number"), "format")
        elif same_phone(person.emergency_phone, person.mobile):
            out.warning(
                f"{prefix}.emergency_phone",
                Msg("应急联系电话应与手机号码不同", "The emergency phone should differ from the mobile number"),
                "emergency_differs",
            )
    out.check(f"{prefix}.email", validate_email(person.email))
    _check_office_phone(person, prefix, app, rules, out)
    local = rules.province_rule("local_phone_numbers", app.subject.province)
    subject_province = province_by_code(app.subject.province) if app.subject.province else None
    if local and mobile.valid and subject_province and mobile.info.get("province") not in (None, subject_province.code):
        out.add(
            f"{prefix}.mobile",
            local.severity,
            Msg(f"手机号码归属地不在{subject_province.name}：部分管局要求使用本地号码",
                f"The mobile number is not from {subject_province.en}: some bureaus require local numbers"),
            local.id,
        )


# ---- websites -------------------------------------------------------------------------------------------------------

def check_site_name(name: str, nature: SubjectNature | str, rule: SiteNameRule) -> list[tuple[Severity, Msg]]:
    """Site-name rules: not a domain, not only digits or Latin letters, and no organisation words for individuals."""
    text = name.strip()
    if not text:
        return [(Severity.ERROR, REQUIRED)]
    problems: list[tuple[Severity, Msg]] = []
    if re.fullmatch(r"[\w-]+(\.[\w-]+)+", text) or re.match(r"(?i)^(https?://|www\.)", text):
        problems.append((Severity.ERROR, Msg("网站名称不能是域名或网址", "The site name cannot be a domain or URL")))
    elif re.fullmatch(r"[\d\s]+", text):
        problems.append((Severity.ERROR, Msg("网站名称不能是纯数字", "The site name cannot be digits only")))
    elif re.fullmatch(r"[A-Za-z0-9\s\-_.&'!,]+", text):
        problems.append((Severity.ERROR, Msg("网站名称不能是纯英文，请使用中文名称", "The site name cannot be Latin letters only: use a Chinese name")))
    if len(text) < rule.min_length:
        problems.append((Severity.ERROR, Msg(f"网站名称至少 {rule.min_length} 个字", f"The site name needs at least {rule.min_length} characters")))
    if SubjectNature(nature) is SubjectNature.INDIVIDUAL:
        forbidden = [w for w in rule.individual_forbidden_words if w in text]
        if forbidden:
            words = "、".join(forbidden)
            problems.append((Severity.ERROR, Msg(f"个人网站名称不能含有“{words}”等单位性质的词", f"A personal site name cannot contain organisation words ({words})")))
        discouraged = [w for w in rule.individual_discouraged_words if w in text]
        if discouraged:
            words = "、".join(discouraged)
            problems.append((Severity.WARNING, Msg(f"个人网站名称含有“{words}”，可能被认为提供个人备案不允许的服务",
                                                   f"The name contains '{words}', which may suggest services that personal filings do not allow")))
    return problems


def _homepage_host(homepage: str) -> str:
    text = re.sub(r"(?i)^[a-z][a-z0-9+.-]*://", "", homepage.strip())
    return re.split(r"[/:?#]", text, maxsplit=1)[0]


def _check_website(app: Application, index: int, rules: RuleSet, out: _Collector, today: date, seen: dict[str, str]) -> None:
    w = app.websites[index]
    prefix = f"websites.{index}"
    for severity, message in check_site_name(w.name, app.subject.nature, rules.site_name):
        out.add(f"{prefix}.name", severity, message, "required" if message == REQUIRED else "site_name")
    domains = [d for d in w.domains if d.strip()]
    if not domains:
        out.error(f"{prefix}.domains", REQUIRED, "required")
    registered: set[str] = set()
    for i, domain in enumerate(w.domains):
        if not domain.strip():
            continue
        path = f"{prefix}.domains.{i}"
        result = out.check(path, validate_domain(domain, app.subject.nature.value, today))
        if result.valid:
            registered.add(result.info["registered"])
            key = result.info["ascii"]
            if key in seen:
                out.error(path, Msg("该域名已在本申请中填写过", "This domain is already listed in this application"), "duplicate_domain")
            seen.setdefault(key, path)
    if out.required(f"{prefix}.homepage", w.homepage) and registered:
        host = _homepage_host(w.homepage)
        home_registered = registered_domain(host, today) if host else None
        if home_registered not in registered:
            out.error(f"{prefix}.homepage", Msg("网站首页地址应使用本网站的域名", "The homepage must be on one of the site's domains"), "homepage_domain")
    out.required(f"{prefix}.service_content", w.service_content)
    _check_service_numbers(w.service_numbers, f"{prefix}.service_numbers", rules.service_number, out)
    icp = out.check(f"{prefix}.icp_number", validate_icp_number(w.icp_number, expect="website"))
    subject_icp = validate_icp_number(app.subject.icp_number, expect="subject")
    if icp.valid and subject_icp.valid and icp.info["parsed"].subject_number != subject_icp.value:
        out.error(
            f"{prefix}.icp_number",
            Msg("网站备案号应以主体备案号开头（同一主体）", "The website's filing number must start with the subject's filing number"),
            "icp_subject",
        )
    if w.owner_is_principal:
        return
    owner_prefix = f"{prefix}.owner"
    _check_person(w.owner, owner_prefix, app, rules, out, today)
    _check_phone_reuse(app, w.owner, owner_prefix, out)
    rule = rules.province_rule("office_phone_differs_from_owner_mobile", app.subject.province)
    if rule is not None:
        for person, path in ((app.principal, "principal.office_phone"), (w.owner, f"{owner_prefix}.office_phone")):
            if same_phone(person.office_phone, w.owner.mobile):
                out.add(path, rule.severity, Msg("本省要求办公电话不能与网站负责人手机号码相同", "In this province the office phone must differ from the site owner's mobile"), rule.id)


def _check_service_numbers(numbers: list[str], path: str, rule: ServiceNumberRule, out: _Collector) -> None:
    """One filing service number (备案服务号) per website, in the format of the rule data."""
    numbers = [n.strip() for n in numbers if n.strip()]
    if not numbers:
        out.error(path, Msg("请填写备案服务号（每个网站一个）", "Enter the filing service number (one per site)"), "required")
        return
    bad = [n for n in numbers if not rule.matches(n)]
    if bad:  # service numbers are not personal data: naming them helps to find the typo
        words = rule.pattern_description
        out.add(path, rule.severity, Msg(f"备案服务号通常由 {words.zh} 组成，请核对：{'、'.join(bad)}",
                                         f"A filing service number usually has {words.en}; please check: {', '.join(bad)}"),
                "service_number_format")
    if len(numbers) > rule.per_website:
        out.add(path, rule.severity, Msg("每个网站只需要一个备案服务号。", "Each website needs exactly one filing service number."),
                "service_number_count")


def _same_person(a: Person, b: Person) -> bool:
    if a.cert_number.strip() and b.cert_number.strip():
        return compact(a.cert_number) == compact(b.cert_number)
    return bool(a.name.strip()) and a.name.strip() == b.name.strip()


def _check_phone_reuse(app: Application, owner: Person, prefix: str, out: _Collector) -> None:
    """Principal and site-owner numbers must not repeat when they are different people."""
    principal = app.principal
    if _same_person(principal, owner):
        return
    theirs = {normalise_phone(principal.mobile), normalise_phone(principal.emergency_phone)} - {""}
    for field_name in ("mobile", "emergency_phone"):
        if normalise_phone(getattr(owner, field_name)) in theirs:
            out.error(
                f"{prefix}.{field_name}",
                Msg("网站负责人与主体负责人不是同一人时，电话号码不能重复", "When the site owner and the principal are different people, their phone numbers must not repeat"),
                "phone_reuse",
            )


# ---- contact, photo verification, original record --------------------------------------------------------------------

def _check_contact(app: Application, out: _Collector) -> None:
    out.check("contact.email", validate_email(app.contact.email))
    if out.required("contact.phone", app.contact.phone):
        if not (validate_mobile(app.contact.phone).valid or validate_landline(app.contact.phone).valid):
            out.error("contact.phone", Msg("不是有效的电话号码", "Not a valid phone number"), "format")


def _check_photo_verification(app: Application, rules: RuleSet, out: _Collector) -> None:
    pv = app.photo_verification
    if not app.subject.province:
        return
    method = rules.photo.method_for(app.subject.province)
    if method is PhotoMethod.SHANGHAI_APP:
        if pv.photo.sha256:
            out.warning(
                "photo_verification.photo",
                Msg("上海地区须使用上海通信管理局 app 人像核验，不使用幕布照片", "Shanghai uses the Shanghai Communications Administration app, not a backdrop photo"),
                "photo_method",
            )
        return
    if pv.mailing_province.strip() and province_by_code(pv.mailing_province) is None:
        out.error(
            "photo_verification.mailing_province",
            Msg("幕布只能邮寄到中国大陆地址", "The backdrop can only be mailed to a mainland China address"),
            "mailing_mainland",
        )
    if pv.mailing_phone.strip() and not validate_mobile(pv.mailing_phone).valid:
        out.error("photo_verification.mailing_phone", Msg("请填写有效的中国大陆手机号码", "Enter a valid mainland mobile number"), "format")


def _norm(value: Any) -> str | list[str]:
    """Comparable form of a field value: NFKC (full-width letters and digits equal half-width ones), no whitespace,
    case-folded; enums by value; lists as sorted sets of their non-empty items."""
    if isinstance(value, (list, tuple, set, frozenset)):
        return sorted({n for n in (_norm(v) for v in value) if n})
    value = getattr(value, "value", value)  # enums
    text = unicodedata.normalize("NFKC", "" if value is None else str(value))
    return re.sub(r"\s+", "", text).casefold()


def _check_original_record(app: Application, out: _Collector) -> None:
    """Access filings cannot change data: every non-empty field of the original record must be equal."""
    for path, expected in sorted(app.original.fields.items()):
        if not _norm(expected):  # nothing entered (or only blanks): nothing to compare
            continue
        try:
            actual = app.get(path)
        except (AttributeError, IndexError, KeyError, ValueError, TypeError):
            out.warning(path, Msg("原备案信息中的字段在本申请中不存在", "This field of the original record does not exist in the application"), "original_record")
            continue
        if _norm(actual) != _norm(expected):
            out.error(
                path,
                Msg("与原备案信息不一致：接入备案不能变更信息，请按原备案填写",
                    "Differs from the original filing record: an access filing cannot change data, enter it exactly as filed"),
                "original_record",
            )
