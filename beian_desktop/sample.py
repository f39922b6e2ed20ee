"""A realistic (fictional) sample draft, used by ``beian-desktop screenshots``, ``drafts create-sample`` and the tests.

Two variants: ``"hangzhou"`` — an enterprise in Zhejiang doing a 新增接入 (backdrop photo), and ``"shanghai"`` — an
enterprise in Shanghai doing a 继续接入 (verification with the Shanghai bureau's app). Identifiers carry valid check
digits; names, numbers and domains are invented.
"""

from __future__ import annotations

from functools import lru_cache

from beian_desktop.domain.model import (
    Application,
    CertType,
    Contact,
    FilingAnswers,
    Flow,
    Person,
    PhotoVerification,
    Subject,
    SubjectNature,
    Website,
)

VARIANTS = ("hangzhou", "shanghai")

__all__ = ["VARIANTS", "attach_sample_documents", "create_sample", "sample_application", "sample_document_image",
           "sample_documents", "sample_failing_document_image"]


def sample_application(variant: str = "hangzhou") -> Application:
    if variant == "shanghai":
        return _shanghai()
    if variant != "hangzhou":
        raise ValueError(f"unknown sample variant {variant!r}; choose one of {VARIANTS}")
    return _hangzhou()


def _person(name: str, cert_number: str, valid: tuple[str, str], mobile: str, emergency: str, office: str, email: str) -> Person:
    return Person(name=name, cert_type=CertType.RESIDENT_ID, cert_number=cert_number, cert_valid_from=valid[0],
                  cert_valid_to=valid[1], mobile=mobile, emergency_phone=emergency, office_phone=office, email=email)


def _enterprise(cert_number: str, name: str, place: tuple[str, str, str], address: str, investor: str, icp: str) -> Subject:
    """An enterprise (USCC) whose mailing address is its registered address; ``place``: province code, city, district."""
    province, city, district = place
    return Subject(nature=SubjectNature.ENTERPRISE, cert_type=CertType.USCC, cert_number=cert_number, name=name,
                   province=province, city=city, district=district, cert_address=address, mailing_address=address,
                   investor=investor, icp_number=icp)


def _answers(filed_with_aliyun: bool) -> FilingAnswers:
    """Answers of an access filing: the domain is filed elsewhere; continue access when the subject is known at Aliyun."""
    return FilingAnswers(domain_has_icp=True, subject_filed_with_aliyun=filed_with_aliyun, other_order_in_progress=False,
                         same_aliyun_account=True if filed_with_aliyun else None, was_wanwang_agent_user=False)


def _hangzhou() -> Application:
    address = "浙江省杭州市西湖区文三路 100 号 5 幢 301 室"
    owner = _person("林晓雯", "330102198809204560", ("2019-09-01", "2039-09-01"), "13958012345", "13958054321",
                    "0571-88885678", "lin.xiaowen@yunqi-demo.com")
    return Application(
        flow=Flow.NEW_ACCESS,
        answers=_answers(filed_with_aliyun=False),
        subject=_enterprise("91330106MA2H8Q3K3L", "杭州云栖示例科技有限公司", ("330000", "杭州市", "西湖区"), address,
                            "陈明远", "浙ICP备20123456号"),
        principal=_person("陈明远", "330106198503121231", ("2016-04-01", "2036-04-01"), "13957112345", "13957154321",
                          "0571-88881234", "chen.mingyuan@yunqi-demo.com"),
        websites=[Website(
            name="云栖示例科技官网", domains=["yunqi-demo.com"], homepage="www.yunqi-demo.com",
            service_content="企业官网", icp_number="浙ICP备20123456号-1", service_numbers=["A1B2C3D4E5F6G7H8"],
            owner_is_principal=False, owner=owner,
        )],
        contact=Contact(email="beian@yunqi-demo.com", phone=owner.mobile),
        photo_verification=PhotoVerification(mailing_recipient=owner.name, mailing_phone=owner.mobile,
                                             mailing_province="330000", mailing_address=address,
                                             backdrop="request"),
    )


def _shanghai() -> Application:
    principal = _person("王思涵", "310104199007152344", ("2018-07-01", "2038-07-01"), "13916612345", "13916654321",
                        "021-61234567", "wang.sihan@pujiang-demo.cn")
    return Application(
        flow=Flow.CONTINUE_ACCESS,
        answers=_answers(filed_with_aliyun=True),
        subject=_enterprise("91310104MA1FL5R29M", "上海浦江示例网络有限公司", ("310000", "上海市", "徐汇区"),
                            "上海市徐汇区漕溪北路 200 号 8 楼", "王思涵", "沪ICP备19054321号"),
        principal=principal,
        websites=[Website(
            name="浦江示例网络", domains=["pujiang-demo.cn"], homepage="www.pujiang-demo.cn",
            service_content="企业官网", icp_number="沪ICP备19054321号-2", service_numbers=["H8G7F6E5D4C3B2A1"],
            owner_is_principal=True, owner=Person(**{**principal.__dict__}),
        )],
        contact=Contact(email="beian@pujiang-demo.cn", phone=principal.mobile),
    )


# ---- sample document pictures ----------------------------------------------------------------------------------------
#
# Drawn, not photographed: a card or sheet on a wooden desk, with rows of glyph-like strokes, a fine security pattern
# and light sensor noise, saved as a 1600×1000 JPEG at quality 92. That is sharp, in colour and 300–700 KB, so the
# document checker passes it like a good photo of an original. Deterministic (fixed seeds) and fast: the slow parts
# (desk texture, text block) are drawn once and cached.

SAMPLE_SIZE = (1600, 1000)

#: card colour, accent colour and shape of each document type ("card": ID-card shaped, "page": a sheet of paper)
_LOOKS: dict[str, tuple[tuple[int, int, int], tuple[int, int, int], str]] = {
    "business_licence": ((238, 232, 214), (176, 38, 38), "landscape"),
    "subject_certificate": ((238, 232, 214), (176, 38, 38), "landscape"),
    "resident_id": ((226, 234, 240), (52, 104, 168), "card"),
    "residence_permit": ((226, 234, 240), (52, 104, 168), "card"),
    "authenticity_form": ((244, 243, 238), (60, 60, 60), "page"),
    "power_of_attorney": ((244, 243, 238), (60, 60, 60), "page"),
    "commitment_letter": ((244, 243, 238), (60, 60, 60), "page"),
    "party_building_letter": ((244, 243, 238), (176, 38, 38), "page"),
    "domain_certificate": ((240, 240, 232), (32, 96, 160), "landscape"),
}


@lru_cache(maxsize=4)
def _desk(width: int, height: int):
    """A wooden desk with fine grain (numpy int16 array, height×width×3)."""
    import numpy as np

    yy = np.arange(height)[:, None]
    xx = np.arange(width)[None, :]
    grain = (np.sin(xx * 0.9 + np.sin(yy * 0.05) * 6) * 10).astype(np.int16)
    desk = np.empty((height, width, 3), np.int16)
    desk[:] = (70, 58, 48)
    desk += grain[..., None]
    return desk


@lru_cache(maxsize=4)
def _text_block(width: int, height: int):
    """Rows of dark glyph-like strokes on transparent ground (a PIL ``L`` mask: 255 = ink)."""
    import numpy as np
    from PIL import Image, ImageDraw

    rng = np.random.default_rng(20240501)
    mask = Image.new("L", (width, height), 0)
    draw = ImageDraw.Draw(mask)
    for row, y in enumerate(range(0, height - 20, 38)):
        x, end = 0, width * (0.95 - 0.06 * (row % 5))
        while x < end:
            glyph = int(rng.integers(12, 20))
            for _ in range(int(rng.integers(2, 5))):
                if rng.random() < 0.5:
                    yy = y + int(rng.integers(0, 18))
                    draw.line((x, yy, x + glyph, yy), fill=255, width=2)
                else:
                    xx = x + int(rng.integers(0, glyph))
                    draw.line((xx, y, xx, y + 18), fill=255, width=2)
            x += glyph + int(rng.integers(4, 9))
    return mask


def sample_document_image(type_id: str = "business_licence", seed: int = 0, *, quality: int = 92,
                          size: tuple[int, int] = SAMPLE_SIZE) -> bytes:
    """JPEG bytes of a drawn document of ``type_id`` that passes the document checks (sharp, colour, >= 200 KB)."""
    import io

    import numpy as np
    from PIL import Image, ImageDraw

    width, height = size
    paper, accent, shape = _LOOKS.get(type_id, _LOOKS["business_licence"])
    image = Image.fromarray(np.clip(_desk(width, height), 0, 255).astype(np.uint8))
    draw = ImageDraw.Draw(image)
    if shape == "card":
        card_h = int(height * 0.72)
        card_w = int(card_h * 1.585)  # ID-1 card: 85.6 × 54 mm
    elif shape == "page":
        card_h = int(height * 0.86)
        card_w = int(card_h / 1.414)  # A4 portrait
    else:
        card_w, card_h = int(width * 0.8), int(height * 0.76)
    x0, y0 = (width - card_w) // 2 + (seed % 3) * 6, (height - card_h) // 2
    x1, y1 = x0 + card_w, y0 + card_h
    draw.rounded_rectangle((x0, y0, x1, y1), radius=24 if shape == "card" else 6, fill=paper)
    shade = tuple(max(0, c - 16) for c in paper)
    for k in range(0, card_w - 70, 9):  # fine security pattern
        draw.line((x0 + k, y0 + 16, x0 + k + 60, y1 - 16), fill=shade, width=1)
    margin = max(30, card_w // 16)
    draw.rectangle((x0 + margin, y0 + margin, x0 + margin + card_w // 4, y0 + margin + 60), fill=accent)
    text_w, text_h = card_w - 2 * margin, card_h - 2 * margin - 100
    ink = Image.new("RGB", (text_w, text_h), (30, 30, 30))
    block = _text_block(max(text_w, 1300), max(text_h, 800)).crop((0, 0, text_w, text_h))
    image.paste(ink, (x0 + margin, y0 + margin + 90), block)
    seal = min(card_w, card_h) // 4
    draw.ellipse((x1 - margin - seal, y1 - margin - seal, x1 - margin, y1 - margin), outline=(200, 30, 30), width=8)
    rng = np.random.default_rng(seed)
    pixels = np.asarray(image).astype(np.int16)
    pixels += rng.integers(-9, 10, size=(height, width, 1), dtype=np.int16)
    out = io.BytesIO()
    Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).save(out, format="JPEG", quality=quality)
    return out.getvalue()


def sample_failing_document_image() -> bytes:
    """A deliberately bad picture (small, soft file): shows what a failed check looks like in the screenshots."""
    import io

    from PIL import Image, ImageFilter

    image = Image.open(io.BytesIO(sample_document_image("domain_certificate", seed=7)))
    image = image.filter(ImageFilter.GaussianBlur(4))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=60)
    return out.getvalue()


def sample_documents(app: Application) -> list[tuple[str, str, str, bytes]]:
    """(slot, type id, file name, JPEG bytes) for every document ``app`` requires."""
    from beian_desktop.domain.documents import required_documents

    out = []
    for index, doc in enumerate(required_documents(app)):
        name = doc.slot.replace(".", "_") + ".jpg"
        out.append((doc.slot, doc.type_id, name, sample_document_image(doc.type_id, seed=index)))
    return out


def attach_sample_documents(store, draft_id: str, *, check: bool = True) -> int:
    """Store the sample pictures of every required document in ``draft_id`` (with their check verdicts).

    ``check=False`` leaves the verdict empty (unknown) instead of running the document checker. Returns how many
    documents were attached.
    """
    check_document = None
    if check:
        try:
            from beian_desktop.imaging.documents import check_document
        except ImportError:  # a broken OpenCV installation: the documents stay unchecked (verdict unknown)
            check_document = None
    app = store.drafts.load(draft_id)
    refs = []
    for slot, type_id, name, data in sample_documents(app):
        verdict = check_document(data, type_id).verdict if check_document is not None else ""
        digest = store.blobs.put(data, media_type="image/jpeg")
        refs.append({"slot": slot, "sha256": digest, "filename": name, "fixed_sha256": "", "verdict": verdict})
    store.drafts.save_field(draft_id, "documents", refs)
    return len(refs)


def create_sample(store, variant: str = "hangzhou", *, documents: bool = True, check: bool = True) -> str:
    """Create the sample draft in ``store`` (with generated pictures of its documents); returns its id."""
    draft_id = store.drafts.create(sample_application(variant))
    if documents:
        attach_sample_documents(store, draft_id, check=check)
    return draft_id
