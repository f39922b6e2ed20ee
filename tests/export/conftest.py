"""A complete application with real image files in a fresh store, shared by the export tests."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from beian_desktop.domain.documents import required_documents
from beian_desktop.domain.model import (
    Application, CertType, Contact, FileRef, Flow, Person, Subject, SubjectNature, Website,
)
from fixtures_common import store  # noqa: F401 - a fixture


def jpeg(seed: int, size: tuple[int, int] = (1000, 640)) -> bytes:
    """A colourful, noisy JPEG (a stand-in for a photographed document), different for every seed."""
    rng = np.random.default_rng(seed)
    w, h = size
    base = np.zeros((h, w, 3), np.uint8)
    base[..., 0] = np.linspace(60, 220, w, dtype=np.uint8)[None, :]
    base[..., 1] = (seed * 37) % 200 + 30
    base[..., 2] = np.linspace(200, 90, h, dtype=np.uint8)[:, None]
    noise = rng.integers(0, 60, size=(h, w, 3), dtype=np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(base + noise).save(buffer, "JPEG", quality=92)
    return buffer.getvalue()


def person(name: str, number: str, mobile: str, emergency: str = "13911112222") -> Person:
    return Person(name=name, cert_type=CertType.RESIDENT_ID, cert_number=number, cert_valid_from="2020-01-01",
                  cert_valid_to="2040-01-01", mobile=mobile, emergency_phone=emergency, email="admin@example.com")


def complete_application() -> Application:
    app = Application(
        flow=Flow.NEW_ACCESS,
        subject=Subject(nature=SubjectNature.ENTERPRISE, cert_type=CertType.USCC, cert_number="91110000802100433B",
                        name="北京示例科技有限公司", province="110000", city="110100", district="110105",
                        cert_address="北京市朝阳区示例路 1 号", mailing_address="北京市朝阳区示例路 1 号 3 层",
                        investor="北京示例科技有限公司", icp_number="京ICP备12345678号"),
        principal=person("张伟", "110105199003071239", "13800138000"),
        websites=[Website(name="示例科技官网", domains=["example.com"], homepage="www.example.com", service_content="企业官网",
                          icp_number="京ICP备12345678号-1", service_numbers=["1234567890"], owner_is_principal=False,
                          owner=person("李娜", "110108198709152342", "13801012345", "13911110000"))],
        contact=Contact(email="admin@example.com", phone="13800138000"),
    )
    app.answers.domain_has_icp = True
    app.answers.subject_filed_with_aliyun = False
    app.answers.was_wanwang_agent_user = False
    app.photo_verification.mailing_recipient = "李娜"
    app.photo_verification.mailing_phone = "13801012345"
    app.photo_verification.mailing_province = "110000"
    app.photo_verification.mailing_address = "北京市朝阳区示例路 1 号"
    app.notes = "备注：导出测试"
    return app


def attach_documents(store, app: Application) -> Application:
    """Put one image per required slot (and a backdrop photo) into the store and reference them from ``app``."""
    for index, doc in enumerate(required_documents(app)):
        data = jpeg(index + 1)
        digest = store.blobs.put(data)
        app.documents.append(FileRef(slot=doc.slot, sha256=digest, filename=f"IMG_{index:04d}.jpg", verdict="pass"))
    photo = jpeg(99, (900, 1200))
    app.photo_verification.photo = FileRef(slot="photo", sha256=store.blobs.put(photo), filename="photo.jpg", verdict="pass")
    return app


@pytest.fixture
def fresh_store(tmp_path):
    from beian_desktop.store import open_store

    s = open_store(f"sqlite:///{tmp_path / 'other-machine.sqlite3'}")
    yield s
    s.close()


@pytest.fixture
def complete_draft(store) -> str:
    app = attach_documents(store, complete_application())
    return store.drafts.create(app)


@pytest.fixture
def make_complete_app():
    """Factory: ``make_complete_app(store=None)`` gives a complete application, with its files when a store is given."""

    def make(store=None) -> Application:
        app = complete_application()
        return attach_documents(store, app) if store is not None else app

    return make
