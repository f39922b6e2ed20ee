"""The document catalogue (rule data) and ``required_documents`` per subject nature, province and owner."""

from __future__ import annotations

import datetime
import json

import pytest

from beian_desktop.domain.documents import (
    catalogue,
    document_restrictions,
    document_type,
    document_types,
    is_out_of_province_individual,
    load_catalogue,
    required_documents,
)
from beian_desktop.domain.model import Application, CertType, SubjectNature, Website
from beian_desktop.paths import resource_path

SHANGHAI, BEIJING, ZHEJIANG, SHANXI, XINJIANG, SICHUAN, GUANGDONG = "310000", "110000", "330000", "140000", "650000", "510000", "440000"
# a Beijing-issued resident ID number (region 110101); check digit irrelevant here
BEIJING_ID = "11010519491231002X"
SHANGHAI_ID = "310101199001011234"


def _app(nature=SubjectNature.ENTERPRISE, province=BEIJING, owner_is_principal=False, websites=1) -> Application:
    app = Application()
    app.subject.nature = nature
    app.subject.province = province
    if nature == SubjectNature.INDIVIDUAL:
        app.subject.cert_type = CertType.RESIDENT_ID
    app.websites = [Website(owner_is_principal=owner_is_principal) for _ in range(websites)]
    return app


def _slots(app) -> list[str]:
    return [d.slot for d in required_documents(app)]


# ---- catalogue ------------------------------------------------------------------------------------------------------


def test_catalogue_has_the_required_types_with_limits():
    types = document_types()
    for type_id in (
        "resident_id",
        "business_licence",
        "subject_certificate",
        "authenticity_form",
        "domain_certificate",
        "power_of_attorney",
        "residence_permit",
        "commitment_letter",
        "other",
    ):
        dtype = types[type_id]
        assert dtype.name.zh and dtype.name.en
        assert dtype.sides and all(s.name.zh and s.name.en for s in dtype.sides)
        assert dtype.formats == {"jpeg", "png", "bmp"}
        assert 0 < dtype.min_bytes < dtype.max_bytes
        assert dtype.min_long_side >= dtype.min_short_side > 0
        assert dtype.max_output_long_side >= dtype.min_long_side
    assert [s.id for s in types["resident_id"].sides] == ["front", "back"]
    assert types["resident_id"].aspect_ratio == pytest.approx(85.6 / 54.0)
    assert types["business_licence"].aspect_ratio is None
    default = document_type("domain_certificate")
    assert (default.min_bytes, default.max_bytes) == (200 * 1024, 4 * 1024 * 1024)  # published by Alibaba Cloud


def test_every_rule_has_source_and_iso_effective_date():
    raw = json.loads(resource_path("rules", "documents.json").read_text(encoding="utf-8"))
    rules = raw["requirements"] + raw["restrictions"]
    assert len(rules) >= 8
    for rule in rules:
        assert rule["source"].startswith("[")
        datetime.date.fromisoformat(rule["effective_date"])
        assert rule["zh"] and rule["en"]


def test_catalogue_rejects_rules_without_source(tmp_path):
    raw = json.loads(resource_path("rules", "documents.json").read_text(encoding="utf-8"))
    del raw["requirements"][0]["source"]
    broken = tmp_path / "documents.json"
    broken.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ValueError, match="source"):
        load_catalogue(broken)


def test_unknown_type():
    with pytest.raises(KeyError, match="unknown document type"):
        document_type("nope")
    assert catalogue().defaults.id == "generic"


# ---- required documents -----------------------------------------------------------------------------------------------


def test_enterprise_in_beijing_owner_differs():
    slots = _slots(_app(province=BEIJING))
    assert slots == [
        "subject.business_licence",
        "principal.resident_id.front",
        "principal.resident_id.back",
        "owner.resident_id.front",
        "owner.resident_id.back",
        "authenticity_form",
        "domain_certificate",
    ]  # no power of attorney in Beijing, no commitment letter


def test_shanghai_needs_power_of_attorney_and_commitment_letter():
    docs = {d.slot: d for d in required_documents(_app(province=SHANGHAI))}
    assert "power_of_attorney" in docs and "commitment_letter" in docs
    assert docs["power_of_attorney"].rule_id == "power_of_attorney"
    assert docs["power_of_attorney"].source and docs["power_of_attorney"].reason.en
    assert docs["owner.resident_id.front"].type_id == "resident_id"
    assert docs["owner.resident_id.front"].side == "front" and docs["owner.resident_id.front"].role == "owner"


@pytest.mark.parametrize("province", ["120000", SHANGHAI, "340000", "350000", "360000", "430000", "420000", "500000", SICHUAN, "520000"])
def test_power_of_attorney_provinces(province):
    assert "power_of_attorney" in _slots(_app(province=province))
    assert "power_of_attorney" not in _slots(_app(province=province, owner_is_principal=True))


@pytest.mark.parametrize("province", [BEIJING, GUANGDONG, ZHEJIANG])
def test_no_power_of_attorney_elsewhere(province):
    assert "power_of_attorney" not in _slots(_app(province=province))


def test_owner_is_principal_needs_no_second_id():
    slots = _slots(_app(owner_is_principal=True))
    assert not any(s.startswith("owner.") for s in slots)
    assert "principal.resident_id.front" in slots


@pytest.mark.parametrize(
    ("nature", "expected"),
    [
        (SubjectNature.ENTERPRISE, "subject.business_licence"),
        (SubjectNature.PUBLIC_INSTITUTION, "subject.subject_certificate"),
        (SubjectNature.GOVERNMENT, "subject.subject_certificate"),
        (SubjectNature.SOCIAL_ORGANIZATION, "subject.subject_certificate"),
    ],
)
def test_subject_certificate_by_nature(nature, expected):
    slots = _slots(_app(nature=nature))
    assert slots[0] == expected


def test_individual_subject_uses_the_id_card_only():
    app = _app(nature=SubjectNature.INDIVIDUAL, province=BEIJING, owner_is_principal=True)
    app.principal.cert_number = BEIJING_ID
    slots = _slots(app)
    assert not any(s.startswith("subject.") for s in slots)
    assert slots[:2] == ["principal.resident_id.front", "principal.resident_id.back"]
    assert "residence_permit" not in " ".join(slots)


def test_out_of_province_individual_needs_residence_permit_in_zhejiang():
    app = _app(nature=SubjectNature.INDIVIDUAL, province=ZHEJIANG, owner_is_principal=True)
    app.principal.cert_number = BEIJING_ID
    assert is_out_of_province_individual(app)
    slots = _slots(app)
    assert "principal.residence_permit.front" in slots and "principal.residence_permit.back" in slots
    assert document_restrictions(app) == []


def test_out_of_province_individual_refused_in_shanxi():
    app = _app(nature=SubjectNature.INDIVIDUAL, province=SHANXI, owner_is_principal=True)
    app.principal.cert_number = SHANGHAI_ID
    restrictions = document_restrictions(app)
    assert [r.rule_id for r in restrictions] == ["out_of_province_individual_refused"]
    assert restrictions[0].message.zh and restrictions[0].source
    assert "principal.residence_permit.front" not in _slots(app)


def test_local_individual_is_not_out_of_province():
    app = _app(nature=SubjectNature.INDIVIDUAL, province=SHANGHAI, owner_is_principal=True)
    app.principal.cert_number = SHANGHAI_ID
    assert not is_out_of_province_individual(app)
    assert "principal.residence_permit.front" not in _slots(app)
    assert "commitment_letter" in _slots(app)  # Shanghai asks every subject


def test_hk_permit_holder_is_not_treated_as_out_of_province():
    app = _app(nature=SubjectNature.INDIVIDUAL, province=ZHEJIANG, owner_is_principal=True)
    app.principal.cert_number = "810000199001011234"  # HK residence permit numbers start with 81
    assert not is_out_of_province_individual(app)


def test_passport_principal_gets_one_passport_slot():
    app = _app()
    app.principal.cert_type = CertType.PASSPORT
    docs = [d for d in required_documents(app) if d.role == "principal"]
    assert [(d.slot, d.type_id, d.side) for d in docs] == [("principal.passport", "passport", "front")]


def test_xinjiang_party_building_letter_for_organisations_only():
    assert "party_building_letter" in _slots(_app(province=XINJIANG))
    individual = _app(nature=SubjectNature.INDIVIDUAL, province=XINJIANG, owner_is_principal=True)
    individual.principal.cert_number = "650102199001011234"
    assert "party_building_letter" not in _slots(individual)


def test_several_websites_get_their_own_slots():
    app = _app(province=SHANGHAI, websites=2)
    app.websites[1].owner_is_principal = True
    slots = _slots(app)
    assert "websites.1.authenticity_form" in slots and "websites.1.domain_certificate" in slots
    assert "websites.1.owner.resident_id.front" not in slots  # that site's owner is the principal
    assert "websites.1.power_of_attorney" not in slots
    assert len(slots) == len(set(slots))
    docs = {d.slot: d for d in required_documents(app)}
    assert docs["websites.1.authenticity_form"].website_index == 1


def test_every_slot_refers_to_a_known_type_and_side():
    types = document_types()
    for province in (BEIJING, SHANGHAI, ZHEJIANG, XINJIANG):
        for nature in SubjectNature:
            app = _app(nature=nature, province=province)
            app.principal.cert_number = BEIJING_ID
            for doc in required_documents(app):
                assert doc.side in [s.id for s in types[doc.type_id].sides]
                assert doc.name.zh and doc.name.en and doc.reason.zh and doc.reason.en
