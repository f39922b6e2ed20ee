"""File names inside a submission package: by person and document type, e.g. ``网站负责人-身份证-正面.jpg``.

Slots come from :func:`beian_desktop.domain.documents.required_documents` (``owner.resident_id.front``,
``websites.1.owner.resident_id.back``, ``subject.business_licence``, ``authenticity_form`` …) plus ``photo``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from beian_desktop.i18n import Msg
from beian_desktop.store.blobs import sniff_media_type

ROLE_NAMES = {
    "subject": Msg("主体", "Subject"),
    "principal": Msg("主体负责人", "Principal"),
    "owner": Msg("网站负责人", "Website owner"),
}

#: Short names used in file names (the catalogue's full names are long, with parentheses).
TYPE_SHORT_NAMES = {
    "resident_id": Msg("身份证", "ID card"),
    "residence_permit": Msg("居住证", "Residence permit"),
    "passport": Msg("护照", "Passport"),
    "hk_macao_permit": Msg("港澳通行证", "HK-Macao permit"),
    "taiwan_permit": Msg("台胞证", "Taiwan permit"),
    "business_licence": Msg("营业执照", "Business licence"),
    "subject_certificate": Msg("主体证件", "Subject certificate"),
    "authenticity_form": Msg("真实性核验单", "Authenticity form"),
    "domain_certificate": Msg("域名证书", "Domain certificate"),
    "power_of_attorney": Msg("授权书", "Power of attorney"),
    "commitment_letter": Msg("承诺书", "Commitment letter"),
    "party_building_letter": Msg("党建工作承诺书", "Party-building letter"),
    "other": Msg("其他材料", "Other document"),
    "photo": Msg("幕布照片", "Backdrop photo"),
}

SIDE_NAMES = {"front": Msg("正面", "front"), "back": Msg("反面", "back")}

#: File name extensions by the media type the store sniffs from the content (others get ``.bin``).
EXTENSIONS = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/bmp": ".bmp",
    "application/pdf": ".pdf",
    "image/webp": ".webp",
}

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


@dataclass(frozen=True, slots=True)
class SlotParts:
    website_index: int  # 0 for the first website or subject-level slots
    role: str  # subject / principal / owner / "" (website-level documents)
    type_id: str
    side: str  # front / back / ""


def parse_slot(slot: str) -> SlotParts:
    """Split a slot id into website index, role, document type and side."""
    parts = [p for p in slot.split(".") if p]
    index = 0
    if len(parts) >= 2 and parts[0] == "websites" and parts[1].isdigit():
        index, parts = int(parts[1]), parts[2:]
    if parts == ["photo"] or slot == "photo_verification.photo":
        return SlotParts(index, "owner", "photo", "")
    role = parts.pop(0) if parts and parts[0] in ROLE_NAMES else ""
    side = parts.pop() if len(parts) >= 2 and parts[-1] in SIDE_NAMES else ""
    type_id = parts[0] if parts else "other"
    return SlotParts(index, role, type_id, side)


def extension_for(data: bytes) -> str:
    return EXTENSIONS.get(sniff_media_type(data), ".bin")


def type_name(type_id: str) -> Msg:
    if type_id in TYPE_SHORT_NAMES:
        return TYPE_SHORT_NAMES[type_id]
    try:
        from beian_desktop.domain.documents import document_type

        return document_type(type_id).name
    except (ImportError, KeyError):
        return Msg(type_id, type_id)


def display_name(slot: str, *, several_websites: bool = False) -> Msg:
    """``网站负责人-身份证-正面`` / ``Website owner-ID card-front`` (no extension)."""
    parts = parse_slot(slot)
    pieces: list[Msg] = []
    site = Msg(f"网站{parts.website_index + 1}", f"Website {parts.website_index + 1}") if several_websites else None
    if parts.role:
        role = ROLE_NAMES[parts.role]
        if parts.role == "owner" and site is not None:
            role = Msg(f"{site.zh}负责人", f"{site.en} owner")
        pieces.append(role)
    elif site is not None:
        pieces.append(site)
    pieces.append(type_name(parts.type_id))
    if parts.side:
        pieces.append(SIDE_NAMES[parts.side])
    return Msg("-".join(p.zh for p in pieces), "-".join(p.en for p in pieces))


def file_name(slot: str, data: bytes, taken: set[str], *, several_websites: bool = False) -> str:
    """A unique, file-system-safe Chinese file name for ``slot`` (``taken`` is updated, compared case-insensitively)."""
    base = _UNSAFE.sub("_", display_name(slot, several_websites=several_websites).zh).strip(". ") or "文件"
    ext = extension_for(data)
    name, n = base + ext, 2
    while name.casefold() in taken:
        name, n = f"{base}-{n}{ext}", n + 1
    taken.add(name.casefold())
    return name
