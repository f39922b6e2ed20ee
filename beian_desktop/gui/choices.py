"""Choices of the combo boxes (value, translated label), by field path. Labels follow the current language."""

from __future__ import annotations

from beian_desktop.domain.model import CertType, ProgressStatus, SubjectNature
from beian_desktop.domain.progress import STATUS_LABELS
from beian_desktop.domain.rules import province_by_code, provinces
from beian_desktop.gui.i18n_qt import current, translate


def nature_choices() -> list[tuple[object, str]]:
    labels = {
        SubjectNature.ENTERPRISE: translate("Choices", "企业"),
        SubjectNature.INDIVIDUAL: translate("Choices", "个人"),
        SubjectNature.GOVERNMENT: translate("Choices", "政府机关"),
        SubjectNature.PUBLIC_INSTITUTION: translate("Choices", "事业单位"),
        SubjectNature.SOCIAL_ORGANIZATION: translate("Choices", "社会团体"),
        SubjectNature.PRIVATE_NON_ENTERPRISE: translate("Choices", "民办非企业单位"),
        SubjectNature.FOUNDATION: translate("Choices", "基金会"),
        SubjectNature.LAW_FIRM: translate("Choices", "律师执业机构"),
        SubjectNature.OTHER: translate("Choices", "其他"),
    }
    return [(k.value, v) for k, v in labels.items()]


def cert_type_choices() -> list[tuple[object, str]]:
    labels = {
        CertType.USCC: translate("Choices", "统一社会信用代码证件（营业执照等）"),
        CertType.RESIDENT_ID: translate("Choices", "居民身份证"),
        CertType.PASSPORT: translate("Choices", "护照"),
        CertType.HK_MACAO_PERMIT: translate("Choices", "港澳居民来往内地通行证"),
        CertType.TAIWAN_PERMIT: translate("Choices", "台湾居民来往大陆通行证"),
        CertType.OTHER: translate("Choices", "其他"),
    }
    return [(k.value, v) for k, v in labels.items()]


def person_cert_type_choices() -> list[tuple[object, str]]:
    return [c for c in cert_type_choices() if c[0] != CertType.USCC.value]


def yes_no_choices() -> list[tuple[object, str]]:
    return [(None, translate("Choices", "请选择")), (True, translate("Choices", "是")), (False, translate("Choices", "否"))]


def province_choices() -> list[tuple[object, str]]:
    out: list[tuple[object, str]] = [("", translate("Choices", "请选择省份"))]
    return out + [(p.code, p.label.text(current())) for p in provinces()]


def province_name(code: str) -> str:
    """The province's name in the current language (the code itself when it is not a mainland province)."""
    province = province_by_code(code) if code else None
    return province.label.text(current()) if province is not None else code


def status_label(status: str) -> str:
    """The filing status in the current language, named as on the timeline (:data:`domain.progress.STATUS_LABELS`)."""
    try:
        return STATUS_LABELS[ProgressStatus(status)].text(current())
    except ValueError:
        return str(status)


def flow_label(flow: str | None) -> str:
    if flow == "new_access":
        return translate("Choices", "新增接入")
    if flow == "continue_access":
        return translate("Choices", "继续接入")
    if flow == "blocked":
        return translate("Choices", "暂时无法办理")
    if flow == "not_access":
        return translate("Choices", "不是接入备案")
    return translate("Choices", "未确定")


def choices_for(path: str) -> list[tuple[object, str]] | None:
    """Choices of the combo box bound to ``path`` (``None`` when the path is not a choice field)."""
    last = path.rsplit(".", 1)[-1]
    if last == "nature":
        return nature_choices()
    if last == "cert_type":
        return cert_type_choices() if path.startswith("subject.") else person_cert_type_choices()
    if last in ("province", "mailing_province"):
        return province_choices()
    if path.startswith("answers."):
        return yes_no_choices()
    return None
