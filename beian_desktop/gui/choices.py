"""Choices of the combo boxes (value, translated label), by field path. Labels follow the current language."""

from __future__ import annotations

from beian_desktop.domain import labels
from beian_desktop.domain.labels import CERT_TYPE_LABELS, NATURE_LABELS
from beian_desktop.domain.model import CertType, ProgressStatus
from beian_desktop.domain.progress import STATUS_LABELS
from beian_desktop.domain.rules import province_by_code, provinces
from beian_desktop.gui.i18n_qt import current, translate


def nature_choices() -> list[tuple[object, str]]:
    return [(k.value, v.text(current())) for k, v in NATURE_LABELS.items()]


def cert_type_choices() -> list[tuple[object, str]]:
    return [(k.value, v.text(current())) for k, v in CERT_TYPE_LABELS.items()]


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
    """The draft list's filing type (the draft list shows it short: 新增接入, not 新增接入备案)."""
    label = labels.flow_label(flow).text(current())
    if flow in ("new_access", "continue_access"):
        label = label.removesuffix("备案").removesuffix(" filing")
    return label


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
