"""The one catalogue of names users read for the model's codes: subject natures, certificate types, filing flows.

The GUI (combo boxes, the draft list), the printable checklist and the package manifest all read these, so a name is
changed in one place. Plain data: ``Msg`` in Chinese and English.
"""

from __future__ import annotations

from beian_desktop.domain.model import CertType, Flow, SubjectNature
from beian_desktop.i18n import Msg

NATURE_LABELS: dict[SubjectNature, Msg] = {
    SubjectNature.ENTERPRISE: Msg("企业", "Enterprise"),
    SubjectNature.INDIVIDUAL: Msg("个人", "Individual"),
    SubjectNature.GOVERNMENT: Msg("政府机关", "Government body"),
    SubjectNature.PUBLIC_INSTITUTION: Msg("事业单位", "Public institution"),
    SubjectNature.SOCIAL_ORGANIZATION: Msg("社会团体", "Social organisation"),
    SubjectNature.PRIVATE_NON_ENTERPRISE: Msg("民办非企业单位", "Private non-enterprise unit"),
    SubjectNature.FOUNDATION: Msg("基金会", "Foundation"),
    SubjectNature.LAW_FIRM: Msg("律师执业机构", "Law firm"),
    SubjectNature.OTHER: Msg("其他", "Other"),
}

CERT_TYPE_LABELS: dict[CertType, Msg] = {
    CertType.USCC: Msg("统一社会信用代码证件（营业执照等）", "Unified social credit code certificate (business licence etc.)"),
    CertType.RESIDENT_ID: Msg("居民身份证", "Resident ID card"),
    CertType.PASSPORT: Msg("护照", "Passport"),
    CertType.HK_MACAO_PERMIT: Msg("港澳居民来往内地通行证", "Mainland travel permit for HK/Macao residents"),
    CertType.TAIWAN_PERMIT: Msg("台湾居民来往大陆通行证", "Mainland travel permit for Taiwan residents"),
    CertType.OTHER: Msg("其他", "Other"),
}

#: the filing flow by its code; also the draft list's states of a filing that cannot go on
FLOW_LABELS: dict[str, Msg] = {
    Flow.NEW_ACCESS.value: Msg("新增接入备案", "New access filing"),
    Flow.CONTINUE_ACCESS.value: Msg("继续接入备案", "Continue access filing"),
    "blocked": Msg("暂时无法办理", "Blocked for now"),
    "not_access": Msg("不是接入备案", "Not an access filing"),
}
UNDECIDED = Msg("未确定", "Undecided")


def flow_label(flow: str | Flow | None) -> Msg:
    return FLOW_LABELS.get(getattr(flow, "value", flow) or "", UNDECIDED)
