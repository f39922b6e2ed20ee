"""The GUI's single doorway to the core (domain rules, validation, checkers).

Every core module is imported lazily (OpenCV must not slow down start-up) and guarded: when a piece is missing the
functions raise :class:`Unavailable`, and the pages show a clearly labelled "检查器不可用 / checker not available"
state. Nothing here ever pretends a check passed.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass
from datetime import date, timedelta
from types import ModuleType
from typing import Any

from beian_desktop.i18n import Msg

log = logging.getLogger(__name__)

UNAVAILABLE = Msg("检查器不可用", "checker not available")


class Unavailable(Exception):
    """A core component is not installed / not importable."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what
        self.message = Msg(f"检查器不可用（{what}）", f"checker not available ({what})")


def _module(name: str) -> ModuleType:
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        log.info("core module %s not available: %s", name, exc)
        raise Unavailable(name.rsplit(".", 1)[-1]) from exc


def _function(module_name: str, *names: str):
    module = _module(module_name)
    for name in names:
        func = getattr(module, name, None)
        if callable(func):
            return func
    raise Unavailable(f"{module_name.rsplit('.', 1)[-1]}.{names[0]}")


# ---- validation ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Finding:
    path: str
    severity: str  # "error" | "warning"
    message: Msg


def validate(app) -> list[Finding]:
    """Findings of the domain validator, normalised. Raises :class:`Unavailable` without a validator."""
    func = _function("beian_desktop.domain.validation", "validate_application", "validate")
    result = []
    for f in func(app):
        severity = str(getattr(f, "severity", "error"))
        severity = "warning" if severity.lower().startswith("warn") else "error"
        message = getattr(f, "message", None)
        if not isinstance(message, Msg):
            message = Msg(str(message), str(message))
        result.append(Finding(str(getattr(f, "path", "")), severity, message))
    return result


# ---- filing type -------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Decision:
    kind: str  # new_access / continue_access / not_access / blocked / undecided
    flow: Any  # model.Flow | None
    reason: Msg


def decide_filing_type(app) -> Decision:
    module = _module("beian_desktop.domain.filing_type")
    func = getattr(module, "decide_filing_type", None) or getattr(module, "decide", None)
    if func is None:
        raise Unavailable("filing_type.decide_filing_type")
    try:
        decision = func(app.answers)
    except TypeError:
        decision = func(app)
    kind = getattr(decision, "kind", None) or getattr(decision, "outcome", "undecided")
    kind = getattr(kind, "value", kind)
    reason = getattr(decision, "reason", None)
    if not isinstance(reason, Msg):
        reason = Msg(str(reason or ""), str(reason or ""))
    return Decision(str(kind), getattr(decision, "flow", None), reason)


# ---- provinces and rules ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Province:
    code: str
    name: str
    abbreviation: str
    name_en: str = ""


def provinces() -> list[Province]:
    """The 31 mainland provinces from the rule data."""
    func = _function("beian_desktop.domain.rules", "provinces")
    out = []
    for p in func():
        if isinstance(p, dict):
            get = p.get
        else:
            def get(key, default="", _p=p):
                return getattr(_p, key, default)
        name = get("name", "")
        name_en = get("en", "") or get("name_en", "") or ""
        if isinstance(name, Msg):
            name, name_en = name.zh, name.en
        abbr = get("abbr", "") or get("abbreviation", "")
        out.append(Province(str(get("code", "")), str(name), str(abbr), str(name_en)))
    return out


def province_name(code: str, lang: str = "zh_CN") -> str:
    try:
        for p in provinces():
            if p.code == code:
                return p.name_en if lang == "en" and p.name_en else p.name
    except Unavailable:
        pass
    return code


def rules_in_force(day: date):
    return _function("beian_desktop.domain.rules", "rules_in_force")(day)


RULE_NOTES = {
    "office_phone_differs_from_owner_mobile": Msg("办公电话不能与网站负责人的手机号码相同。",
                                                  "The office phone must differ from the website owner's mobile."),
    "landline_required": Msg("必须填写办公固定电话。", "An office landline is required."),
    "mailing_address_in_cert_city": Msg("通讯地址应位于证件所在城市。", "The mailing address should be in the certificate's city."),
    "local_phone_numbers": Msg("联系电话应为本省号码，且未被其他主体使用。",
                               "Phone numbers should be local and not used by another subject."),
}


def province_requirements(app, on: date | None = None) -> list[Msg]:
    """Province-dependent requirements for the subject's province, as bilingual notes (from the rule data)."""
    province = app.subject.province
    if not province:
        return []
    ruleset = rules_in_force(on or date.today())
    notes: list[Msg] = []
    for rule in getattr(ruleset, "province_rules", ()):
        if rule.applies_to(province) and rule.provinces is not None and rule.id in RULE_NOTES:
            notes.append(RULE_NOTES[rule.id])
    sms = getattr(ruleset, "sms", None)
    if sms is not None and sms.applies_to(province):
        notes.append(Msg(f"提交管局后需完成手机短信核验（{sms.complete_within_hours} 小时内）。",
                         f"SMS verification is required after submission to the bureau (within {sms.complete_within_hours} h)."))
    photo = getattr(ruleset, "photo", None)
    if photo is not None and getattr(photo.method_for(province), "value", "") == "shanghai_app":
        notes.append(Msg("网站负责人核验须使用上海市通信管理局 App，不使用幕布照片。",
                         "The website owner is verified with the Shanghai bureau's app, not a backdrop photo."))
    try:
        restrictions = _function("beian_desktop.domain.documents", "document_restrictions")(app)
    except Unavailable:
        restrictions = []
    notes.extend(r.message for r in restrictions)
    return notes


def photo_method(app, on: date | None = None) -> str:
    """``"shanghai_app"`` or ``"backdrop"`` for the subject's province (rule data; Shanghai code as fallback)."""
    try:
        ruleset = rules_in_force(on or date.today())
        return str(getattr(ruleset.photo.method_for(app.subject.province), "value", "backdrop"))
    except Unavailable:
        return "shanghai_app" if app.subject.province.startswith("31") else "backdrop"


@dataclass(frozen=True)
class WorkingDays:
    day: date
    estimate: bool


def add_working_days(start: date, n: int) -> WorkingDays:
    """``start`` plus ``n`` working days (Chinese statutory calendar; ``estimate`` beyond its data)."""
    try:
        func = _function("beian_desktop.domain.deadlines", "add_working_days")
    except Unavailable:
        return _weekdays_only(start, n)
    result = func(start, n)
    if isinstance(result, tuple):
        return WorkingDays(result[0], bool(result[1]))
    return WorkingDays(getattr(result, "date", getattr(result, "day", start)), bool(getattr(result, "estimate", False)))


def _weekdays_only(start: date, n: int) -> WorkingDays:
    day = start
    while n > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return WorkingDays(day, True)


# ---- documents and photo ----------------------------------------------------------------------------------------

def required_documents(app) -> list:
    return list(_function("beian_desktop.domain.documents", "required_documents")(app))


def check_document(source, doc_type: str | None):
    return _function("beian_desktop.imaging.documents", "check_document")(source, doc_type)


def check_photo(source):
    return _function("beian_desktop.imaging.photo", "check_photo")(source)


def photo_checker_available() -> bool:
    try:
        _function("beian_desktop.imaging.photo", "check_photo")
        return True
    except Unavailable:
        return False


def annotate(report, image, lang: str = "zh_CN"):
    """Marked-up picture (BGR ndarray) for a report; the photo module's helper, else the generic report drawing."""
    for name in ("beian_desktop.imaging.annotate", "beian_desktop.imaging.photo", "beian_desktop.imaging.documents"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        func = getattr(module, "annotate", None)
        if callable(func):
            try:
                try:
                    return func(report, image, lang=lang)
                except TypeError:
                    return func(report, image)
            except Exception:  # noqa: BLE001 - drawing is cosmetic; the results list still shows everything
                log.exception("annotate failed")
    return image
