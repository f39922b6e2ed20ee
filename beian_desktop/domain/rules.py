"""Rule data loaded from ``resources/rules/*.json``.

Everything that is a *rule* of the filing (which provinces exist, how the website owner is photographed, the SMS
verification rule, review windows, fileable TLDs, province-specific checks, site-name words) lives in JSON files with a
``source`` and an ``effective_date`` per rule. Rules with the same ``id`` are versions: the one in force on a given day
is the latest version whose ``effective_date`` is on or before that day (before the first version, the first version
applies). :func:`rules_in_force` bundles the versions in force on one day into a :class:`RuleSet`.

Files read here: ``provinces.json``, ``photo_verification.json``, ``sms.json``, ``review.json``, ``tlds.json``,
``province_rules.json``, ``site_names.json`` and ``service_numbers.json``. Other files in ``resources/rules/`` belong to other
modules; those with the same ``rules`` list shape (``progress.json``) are read through :func:`version_in_force` too.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import lru_cache
from typing import Any

from beian_desktop.i18n import Msg
from beian_desktop.paths import resource_path

__all__ = [
    "PhotoMethod",
    "PhotoRule",
    "Province",
    "ProvinceRule",
    "ReviewRule",
    "RuleSet",
    "ServiceNumberRule",
    "SiteNameRule",
    "SmsRule",
    "TldRule",
    "alt_abbreviations",
    "load_rule_versions",
    "province_by_abbr",
    "province_by_code",
    "province_by_name_prefix",
    "provinces",
    "residence_permit_regions",
    "rules_in_force",
    "version_in_force",
]


class PhotoMethod(StrEnum):
    BACKDROP = "backdrop"  # 幕布拍照
    SHANGHAI_APP = "shanghai_app"  # 上海通信管理局 app 人像核验


@dataclass(frozen=True, slots=True)
class Province:
    code: str  # 6-digit, e.g. "310000"
    name: str  # 上海市
    short: str  # 上海
    en: str  # Shanghai
    abbr: str  # 沪
    alt_abbreviations: tuple[str, ...] = ()

    @property
    def prefix(self) -> str:
        """The 2-digit province part of region codes (``"31"``)."""
        return self.code[:2]

    @property
    def label(self) -> Msg:
        return Msg(self.name, self.en)


@dataclass(frozen=True, slots=True)
class SmsRule:
    """SMS verification of the mobile number by MIIT (短信核验)."""

    source: str
    effective_date: date
    all_provinces: bool
    provinces: frozenset[str]
    complete_within_hours: int
    sms_within_minutes: int | None = None
    code_valid_hours: int | None = None
    code_digits: int | None = None
    max_resends: int | None = None
    max_wrong_entries: int | None = None
    sender: str | None = None

    def applies_to(self, province_code: str) -> bool:
        """Whether SMS verification is required for a subject in this province."""
        return self.all_provinces or province_code in self.provinces


@dataclass(frozen=True, slots=True)
class ReviewRule:
    """Review windows in working days."""

    source: str
    effective_date: date
    aliyun_first_review_working_days: int
    bureau_min_working_days: int
    bureau_max_working_days: int
    effective_date_is_approximate: bool = False


@dataclass(frozen=True, slots=True)
class PhotoRule:
    source: str
    effective_date: date
    default_method: PhotoMethod
    methods: dict[str, PhotoMethod]
    app_upload_provinces: frozenset[str]

    def method_for(self, province_code: str) -> PhotoMethod:
        """How the website owner is verified for a subject in this province (Shanghai: app; elsewhere: backdrop)."""
        return self.methods.get(province_code, self.default_method)


@dataclass(frozen=True, slots=True)
class TldRule:
    source: str
    effective_date: date
    fileable: frozenset[str]
    not_fileable: frozenset[str]
    restricted: dict[str, tuple[str, ...]]  # suffix -> subject natures allowed to use it
    second_level_suffixes: frozenset[str]


@dataclass(frozen=True, slots=True)
class ProvinceRule:
    """A province-specific check (e.g. ``landline_required`` in 苏)."""

    id: str
    source: str
    effective_date: date
    provinces: frozenset[str] | None  # None = all provinces
    severity: str  # "error" | "warning"

    def applies_to(self, province_code: str) -> bool:
        return self.provinces is None or province_code in self.provinces


@dataclass(frozen=True, slots=True)
class SiteNameRule:
    source: str
    effective_date: date
    min_length: int
    individual_forbidden_words: tuple[str, ...]
    individual_discouraged_words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ServiceNumberRule:
    """The filing service number (备案服务号): how many per website and the format it usually has."""

    source: str
    effective_date: date
    pattern: str  # a regular expression the whole number should match
    pattern_description: Msg  # the pattern in words, for messages
    per_website: int
    severity: str  # of a format mismatch: "error" | "warning"

    def matches(self, number: str) -> bool:
        return re.fullmatch(self.pattern, number) is not None


@dataclass(frozen=True, slots=True)
class RuleSet:
    """Every rule in force on :attr:`on`; each part carries its own ``source`` and ``effective_date``."""

    on: date
    sms: SmsRule
    review: ReviewRule
    photo: PhotoRule
    tlds: TldRule
    site_name: SiteNameRule
    service_number: ServiceNumberRule
    province_rules: tuple[ProvinceRule, ...] = field(default_factory=tuple)

    def province_rule(self, rule_id: str, province_code: str) -> ProvinceRule | None:
        """The province rule ``rule_id`` if it applies to ``province_code``, else ``None``."""
        for rule in self.province_rules:
            if rule.id == rule_id and rule.applies_to(province_code):
                return rule
        return None


# ---- loading ----------------------------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def _load(filename: str) -> tuple[dict[str, Any], ...]:
    from beian_desktop.schemas import check_rule_file

    with resource_path("rules", filename).open(encoding="utf-8") as fh:
        data = check_rule_file(json.load(fh), filename)  # an unknown key or a wrong type stops the app at start
    rules = data.get("rules")
    if not isinstance(rules, list):
        raise ValueError(f"rules/{filename}: missing 'rules' list")
    for rule in rules:
        for key in ("id", "source", "effective_date"):
            if key not in rule:
                raise ValueError(f"rules/{filename}: rule without {key!r}: {rule.get('id')}")
        date.fromisoformat(rule["effective_date"])  # fail early on a bad date
    return tuple(rules)


def load_rule_versions(filename: str, rule_id: str) -> list[dict[str, Any]]:
    """All versions of one rule, oldest first."""
    versions = [r for r in _load(filename) if r["id"] == rule_id]
    if not versions:
        raise ValueError(f"rules/{filename}: no rule {rule_id!r}")
    return sorted(versions, key=lambda r: r["effective_date"])


def version_in_force(filename: str, rule_id: str, on: date) -> dict[str, Any]:
    """The raw version of one rule in force on ``on`` (before the first version, the first version applies)."""
    versions = load_rule_versions(filename, rule_id)
    chosen = versions[0]
    for version in versions:
        if date.fromisoformat(version["effective_date"]) <= on:
            chosen = version
    return chosen


@lru_cache(maxsize=None)
def provinces() -> tuple[Province, ...]:
    """The 31 mainland provinces (code, name, short name, English name, ICP abbreviation), in code order."""
    rule = load_rule_versions("provinces.json", "provinces")[-1]
    return tuple(
        Province(
            code=p["code"],
            name=p["name"],
            short=p["short"],
            en=p["en"],
            abbr=p["abbr"],
            alt_abbreviations=tuple(p.get("alt_abbreviations", ())),
        )
        for p in rule["provinces"]
    )


def province_by_code(code: str) -> Province | None:
    """Province for a 6-digit code (``"310000"``); any code of the province (``"310104"``) also works."""
    code = (code or "").strip()
    if len(code) < 2:
        return None
    for p in provinces():
        if p.prefix == code[:2]:
            return p
    return None


def province_by_abbr(abbr: str) -> Province | None:
    """Province for an ICP abbreviation (``"沪"``); alternative ones (``"川"``) are found too."""
    for p in provinces():
        if abbr == p.abbr or abbr in p.alt_abbreviations:
            return p
    return None


def alt_abbreviations() -> frozenset[str]:
    return frozenset(a for p in provinces() for a in p.alt_abbreviations)


def province_by_name_prefix(text: str) -> Province | None:
    """Province whose short name starts ``text`` (e.g. a geocoder answer ``"江苏省常州市"``)."""
    text = (text or "").strip()
    for p in provinces():
        if text.startswith(p.short):
            return p
    return None


@lru_cache(maxsize=None)
def residence_permit_regions() -> dict[str, Msg]:
    """Region codes of HK/Macao/Taiwan residence permits: ``{"810000": Msg("香港", "Hong Kong"), ...}``."""
    rule = load_rule_versions("provinces.json", "residence_permit_regions")[-1]
    return {r["code"]: Msg(r["name"], r["en"]) for r in rule["regions"]}


def _dated(filename: str, rule_id: str, on: date) -> tuple[dict[str, Any], dict[str, Any]]:
    """The version of a rule in force on ``on`` and the ``source``/``effective_date`` every rule object carries."""
    r = version_in_force(filename, rule_id, on)
    return r, {"source": r["source"], "effective_date": date.fromisoformat(r["effective_date"])}


def _sms(on: date) -> SmsRule:
    r, dated = _dated("sms.json", "sms_verification", on)
    optional = ("sms_within_minutes", "code_valid_hours", "code_digits", "max_resends", "max_wrong_entries", "sender")
    return SmsRule(
        **dated,
        all_provinces=bool(r["all_provinces"]),
        provinces=frozenset(r.get("provinces") or ()),
        complete_within_hours=int(r["complete_within_hours"]),
        **{key: r.get(key) for key in optional},
    )


def _review(on: date) -> ReviewRule:
    r, dated = _dated("review.json", "review_windows", on)
    return ReviewRule(
        **dated,
        aliyun_first_review_working_days=int(r["aliyun_first_review_working_days"]),
        bureau_min_working_days=int(r["bureau_min_working_days"]),
        bureau_max_working_days=int(r["bureau_max_working_days"]),
        effective_date_is_approximate=bool(r.get("effective_date_is_approximate", False)),
    )


def _photo(on: date) -> PhotoRule:
    r, dated = _dated("photo_verification.json", "photo_verification", on)
    return PhotoRule(
        **dated,
        default_method=PhotoMethod(r["default_method"]),
        methods={code: PhotoMethod(m) for code, m in r.get("methods", {}).items()},
        app_upload_provinces=frozenset(r.get("app_upload_provinces", ())),
    )


def _tlds(on: date) -> TldRule:
    r, dated = _dated("tlds.json", "tlds", on)
    return TldRule(
        **dated,
        fileable=frozenset(r["fileable"]),
        not_fileable=frozenset(r["not_fileable"]),
        restricted={k: tuple(v) for k, v in r.get("restricted", {}).items()},
        second_level_suffixes=frozenset(r.get("second_level_suffixes", ())),
    )


def _site_name(on: date) -> SiteNameRule:
    r, dated = _dated("site_names.json", "site_name", on)
    return SiteNameRule(
        **dated,
        min_length=int(r.get("min_length", 1)),
        individual_forbidden_words=tuple(r.get("individual_forbidden_words", ())),
        individual_discouraged_words=tuple(r.get("individual_discouraged_words", ())),
    )


def _service_number(on: date) -> ServiceNumberRule:
    r, dated = _dated("service_numbers.json", "service_number", on)
    re.compile(r["pattern"])  # fail early on a bad pattern
    words = r["pattern_description"]
    return ServiceNumberRule(
        **dated,
        pattern=r["pattern"],
        pattern_description=Msg(words["zh"], words["en"]),
        per_website=int(r.get("per_website", 1)),
        severity=r.get("severity", "warning"),
    )


def _province_rules(on: date) -> tuple[ProvinceRule, ...]:
    out = []
    for rule_id in sorted({r["id"] for r in _load("province_rules.json")}):
        r, dated = _dated("province_rules.json", rule_id, on)
        provs = r["provinces"]
        out.append(ProvinceRule(id=rule_id, **dated, provinces=None if provs == "all" else frozenset(provs),
                                severity=r.get("severity", "error")))
    return tuple(out)


def rules_in_force(on: date | None = None) -> RuleSet:
    """The rules in force on ``on`` (default: today). Before the first version of a rule, its first version applies."""
    return _rules_on(on or date.today())


@lru_cache(maxsize=64)
def _rules_on(on: date) -> RuleSet:
    return RuleSet(
        on=on,
        sms=_sms(on),
        review=_review(on),
        photo=_photo(on),
        tlds=_tlds(on),
        site_name=_site_name(on),
        service_number=_service_number(on),
        province_rules=_province_rules(on),
    )


# ---- readable rule sources -------------------------------------------------------------------------------------------

#: publishers recognised in a rule's ``source`` note (its tags and names), in the order they are named to users
_PUBLISHERS: tuple[tuple[tuple[str, ...], Msg], ...] = (
    (("seed ", "[seed]"), Msg("阿里云接入备案流程说明（2018）", "Alibaba Cloud's access filing guide (2018)")),
    (("[A]", "Alibaba Cloud", "阿里云"), Msg("阿里云备案文档", "Alibaba Cloud filing documentation")),
    (("[T]", "Tencent Cloud"), Msg("腾讯云备案文档", "Tencent Cloud filing documentation")),
    (("[H]", "Huawei Cloud"), Msg("华为云备案文档", "Huawei Cloud filing documentation")),
    (("MIIT", "工信部"), Msg("工业和信息化部规定", "MIIT regulations")),
    (("GB/T", "GB 11643", "GB 32100"), Msg("国家标准", "national standards")),
    (("State Council", "国务院"), Msg("国务院规定", "State Council regulations")),
    (("[3P]",), Msg("第三方办理指南", "third-party guides")),
)


def source_title(source: str) -> Msg:
    """A rule's source as users read it: the publishers, never the team's notes (``[A]`` tags, ``domain.md``).

    The ``source`` field of the rule files is a researcher's note in mixed languages; this names who published the
    rule, in the UI's language ("阿里云备案文档、腾讯云备案文档")."""
    found = [msg for keys, msg in _PUBLISHERS if any(key in source for key in keys)]
    if any(msg.zh.startswith("阿里云接入备案") for msg in found):  # the seed is Alibaba Cloud's own guide
        found = [msg for msg in found if msg.zh != "阿里云备案文档"] + (
            [_PUBLISHERS[1][1]] if "[A]" in source else [])
    if not found:
        return Msg("备案规则资料", "filing rule references")
    return Msg("、".join(m.zh for m in found), ", ".join(m.en for m in found))
