"""The document catalogue: which document types exist, what an upload of each must look like and which ones an
application needs.

The rules are data (``resources/rules/documents.json``), each requirement with its source and effective date; this
module only interprets them. Plain Python: no Qt, no OpenCV.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from beian_desktop.domain.model import Application, CertType, Person, SubjectNature
from beian_desktop.i18n import Msg
from beian_desktop.paths import resource_path

RULES_FILE = ("rules", "documents.json")


@dataclass(frozen=True, slots=True)
class Side:
    id: str  # "front" / "back"
    name: Msg


@dataclass(frozen=True, slots=True)
class DocumentType:
    """One kind of document and the limits its upload must respect."""

    id: str
    name: Msg
    sides: tuple[Side, ...]
    layout: str  # "card" (ID-1 cards, 85.6 x 54 mm) or "page" (A4-like sheets)
    formats: frozenset[str]  # accepted as they are (sniffed format ids: jpeg, png, bmp)
    convert_formats: frozenset[str]  # decoded and converted to JPEG (webp)
    min_bytes: int
    max_bytes: int
    min_long_side: int
    min_short_side: int
    max_output_long_side: int
    colour_expected: bool  # a grey image means a photocopy / B&W scan: fail (True) or warn (False)
    aspect_mm: tuple[float, float] | None = None
    source: str = ""

    @property
    def aspect_ratio(self) -> float | None:
        """Long side / short side of the physical document, when it is fixed (cards)."""
        if not self.aspect_mm:
            return None
        a, b = self.aspect_mm
        return max(a, b) / min(a, b)


@dataclass(frozen=True, slots=True)
class RequiredDocument:
    """One upload slot an application needs, e.g. ``owner.resident_id.front``."""

    slot: str
    type_id: str
    role: str  # "subject", "principal", "owner", "website"
    side: str
    name: Msg
    reason: Msg
    rule_id: str
    source: str
    website_index: int | None = None


@dataclass(frozen=True, slots=True)
class Restriction:
    """A province rule that blocks the application as it stands (no document can fix it)."""

    rule_id: str
    message: Msg
    source: str


@dataclass(frozen=True, slots=True)
class Catalogue:
    types: dict[str, DocumentType]
    requirements: tuple[dict[str, Any], ...]
    restrictions: tuple[dict[str, Any], ...]
    subject_certificate_by_nature: dict[str, str | None]
    id_type_by_cert_type: dict[str, str]
    defaults: DocumentType = field(repr=False, default=None)  # type: ignore[assignment]


# ---- loading ---------------------------------------------------------------------------------------------------------


def _make_type(raw: dict[str, Any], defaults: dict[str, Any]) -> DocumentType:
    merged = {**defaults, **raw}
    sides = tuple(Side(s["id"], Msg(s["zh"], s["en"])) for s in merged.get("sides", [{"id": "front", "zh": "正面", "en": "front"}]))
    aspect = merged.get("aspect_mm")
    return DocumentType(
        id=merged["id"],
        name=Msg(merged["zh"], merged["en"]),
        sides=sides,
        layout=merged.get("layout", "page"),
        formats=frozenset(merged["formats"]),
        convert_formats=frozenset(merged.get("convert_formats", [])),
        min_bytes=int(merged["min_bytes"]),
        max_bytes=int(merged["max_bytes"]),
        min_long_side=int(merged["min_long_side"]),
        min_short_side=int(merged["min_short_side"]),
        max_output_long_side=int(merged["max_output_long_side"]),
        colour_expected=bool(merged["colour_expected"]),
        aspect_mm=(float(aspect[0]), float(aspect[1])) if aspect else None,
        source=str(merged.get("source", "")),
    )


def load_catalogue(path: str | Path | None = None) -> Catalogue:
    """Read the catalogue (``resources/rules/documents.json`` by default)."""
    file = Path(path) if path else resource_path(*RULES_FILE)
    from beian_desktop.schemas import check_rule_file

    data = check_rule_file(json.loads(file.read_text(encoding="utf-8")), "documents.json")  # schema-checked at load
    defaults = dict(data["defaults"])
    types = {raw["id"]: _make_type(raw, defaults) for raw in data["types"]}
    generic = _make_type({"id": "generic", "zh": "证件", "en": "Document", "layout": "any", "colour_expected": True}, defaults)
    for req in data["requirements"] + data.get("restrictions", []):
        for key in ("id", "source", "effective_date", "when"):
            if key not in req:
                raise ValueError(f"documents.json: rule {req.get('id')!r} lacks {key!r}")
    return Catalogue(
        types=types,
        requirements=tuple(data["requirements"]),
        restrictions=tuple(data.get("restrictions", [])),
        subject_certificate_by_nature=dict(data["subject_certificate_by_nature"]),
        id_type_by_cert_type=dict(data["id_type_by_cert_type"]),
        defaults=generic,
    )


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    """The bundled catalogue, read once."""
    return load_catalogue()


def document_types() -> dict[str, DocumentType]:
    """Every document type by id (in catalogue order)."""
    return dict(catalogue().types)


def document_type(type_id: str | None) -> DocumentType:
    """The type ``type_id``; ``None`` gives the generic document (default limits, no layout)."""
    if type_id is None:
        return catalogue().defaults
    try:
        return catalogue().types[type_id]
    except KeyError:
        raise KeyError(f"unknown document type {type_id!r}; known: {', '.join(catalogue().types)}") from None


# ---- conditions ------------------------------------------------------------------------------------------------------


def _province(app: Application) -> str:
    return (app.subject.province or "").strip()


def id_region(person: Person) -> str | None:
    """First two digits (province) of a mainland resident ID number, or ``None`` when it is not one."""
    if person.cert_type != CertType.RESIDENT_ID:
        return None
    number = (person.cert_number or "").strip()
    if len(number) < 2 or not number[:2].isdigit() or number[0] in "89":  # 8x: HK/Macao/Taiwan permits, 9: foreigners
        return None
    return number[:2]


def is_out_of_province_individual(app: Application) -> bool:
    """An individual subject whose resident ID was issued in another province than the filing province."""
    if app.subject.nature != SubjectNature.INDIVIDUAL:
        return False
    province = _province(app)
    if len(province) < 2:
        return False
    region = id_region(app.principal)
    return region is not None and region != province[:2]


def _matches(when: dict[str, Any], app: Application, owner_differs: bool) -> bool:
    nature = app.subject.nature.value
    if "subject_nature_in" in when and nature not in when["subject_nature_in"]:
        return False
    if "subject_nature_not" in when and nature in when["subject_nature_not"]:
        return False
    if "province_in" in when and _province(app) not in when["province_in"]:
        return False
    if "owner_differs_from_principal" in when and bool(when["owner_differs_from_principal"]) != owner_differs:
        return False
    if "out_of_province_individual" in when and bool(when["out_of_province_individual"]) != is_out_of_province_individual(app):
        return False
    return True


def _any_owner_differs(app: Application) -> bool:
    return any(not w.owner_is_principal for w in app.websites)


def _rule(cat: Catalogue, rule_id: str) -> dict[str, Any]:
    for req in cat.requirements:
        if req["id"] == rule_id:
            return req
    raise KeyError(rule_id)


# ---- the list of required documents ---------------------------------------------------------------------------------


def _slots_for(
    cat: Catalogue, base: str, type_id: str, role: str, rule: dict[str, Any], website_index: int | None = None
) -> list[RequiredDocument]:
    """One slot per side of ``type_id``: ``base`` itself for a one-sided document, ``base.<side>`` otherwise."""
    dtype = cat.types[type_id]
    reason = Msg(rule["zh"], rule["en"])
    several = len(dtype.sides) > 1
    return [
        RequiredDocument(
            f"{base}.{side.id}" if several else base,
            type_id,
            role,
            side.id,
            dtype.name + Msg(f"（{side.name.zh}）", f"({side.name.en})") if several else dtype.name,
            reason,
            rule["id"],
            rule["source"],
            website_index,
        )
        for side in dtype.sides
    ]


def _website_prefix(index: int) -> str:
    return "" if index == 0 else f"websites.{index}."


def required_documents(app: Application) -> list[RequiredDocument]:
    """Upload slots the application needs, in the order the filing system asks for them.

    Slot ids: ``subject.business_licence``, ``principal.resident_id.front``, ``owner.resident_id.front`` (first website;
    later websites are prefixed ``websites.N.``), ``authenticity_form``, ``domain_certificate``, ``power_of_attorney``,
    ``principal.residence_permit.front``, ``commitment_letter``, ``party_building_letter``.
    """
    cat = catalogue()
    docs: list[RequiredDocument] = []
    owner_differs = _any_owner_differs(app)

    req = _rule(cat, "subject_certificate")
    subject_type = cat.subject_certificate_by_nature.get(app.subject.nature.value, "subject_certificate")
    if subject_type and _matches(req["when"], app, owner_differs):
        docs += _slots_for(cat, f"subject.{subject_type}", subject_type, "subject", req)

    principal_type = cat.id_type_by_cert_type.get(app.principal.cert_type.value, "other")
    docs += _slots_for(cat, f"principal.{principal_type}", principal_type, "principal", _rule(cat, "principal_id"))

    req = _rule(cat, "residence_permit")
    if _matches(req["when"], app, owner_differs):
        docs += _slots_for(cat, "principal.residence_permit", "residence_permit", "principal", req)

    for index, website in enumerate(app.websites or []):
        prefix = _website_prefix(index)
        if not website.owner_is_principal:
            owner_type = cat.id_type_by_cert_type.get(website.owner.cert_type.value, "other")
            docs += _slots_for(cat, f"{prefix}owner.{owner_type}", owner_type, "owner", _rule(cat, "owner_id"), index)
        for type_id in ("authenticity_form", "domain_certificate"):
            docs += _slots_for(cat, f"{prefix}{type_id}", type_id, "website", _rule(cat, type_id), index)
        req = _rule(cat, "power_of_attorney")
        if not website.owner_is_principal and _matches(req["when"], app, True):
            docs += _slots_for(cat, f"{prefix}power_of_attorney", "power_of_attorney", "owner", req, index)

    for rule_id, type_id in (("commitment_letter_shanghai", "commitment_letter"),
                             ("party_building_letter_xinjiang", "party_building_letter")):
        req = _rule(cat, rule_id)
        if _matches(req["when"], app, owner_differs):
            docs += _slots_for(cat, type_id, type_id, "subject", req)
    return docs


def document_restrictions(app: Application) -> list[Restriction]:
    """Province rules that refuse the application whatever is uploaded (e.g. out-of-province individuals in 晋蒙青新桂宁)."""
    cat = catalogue()
    owner_differs = _any_owner_differs(app)
    return [
        Restriction(r["id"], Msg(r["zh"], r["en"]), r["source"]) for r in cat.restrictions if _matches(r["when"], app, owner_differs)
    ]
