"""Shared helpers of the store tests (imported by the test modules; not a conftest so it stays explicit)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from beian_desktop.domain.model import Application, FileRef, Flow, Person, ProgressStatus, Website


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


class FakeClock:
    """A settable UTC clock for deterministic timestamps."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def sample_application(photo_sha: str = "", doc_sha: str = "") -> Application:
    """A filled-in application like one a user would have typed."""
    app = Application(flow=Flow.NEW_ACCESS)
    app.subject.name = "杭州示例科技有限公司"
    app.subject.cert_number = "91330106MA2XXXXX0X"
    app.subject.province = "330000"
    app.principal = Person(name="张三", cert_number="110101199003077777", mobile="13800138000", email="a@example.com")
    app.websites = [
        Website(name="示例网站", domains=["example.cn", "example.com.cn"], service_numbers=["1234567890"]),
        Website(name="第二站", domains=["second.cn"], owner_is_principal=True),
    ]
    app.contact.email = "contact@example.cn"
    app.contact.phone = "13900139000"
    app.original.fields = {"subject.name": "杭州示例科技有限公司", "websites.0.domains": ["example.cn"]}
    app.progress.step = "documents"
    app.progress.status = ProgressStatus.DRAFT
    app.notes = "备注：多行\n第二行"
    if doc_sha:
        app.documents.append(FileRef(slot="principal.resident_id.front", sha256=doc_sha, filename="id.jpg", verdict="pass"))
    if photo_sha:
        app.photo_verification.photo = FileRef(slot="photo", sha256=photo_sha, filename="photo.png", verdict="warn")
    return app
