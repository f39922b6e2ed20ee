"""Rendering every page of the wizard, filled with the sample draft, into PNG files (README, review)."""

from __future__ import annotations

import io
from pathlib import Path

from beian_desktop.sample import create_sample, sample_failing_document_image


def sample_backdrop_picture(width: int = 1200, height: int = 900) -> bytes:
    """A drawn figure in front of a blue backdrop (no real face: the checker reports what is missing)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, height), (18, 92, 196))
    draw = ImageDraw.Draw(image)
    cx = width // 2
    draw.ellipse((cx - 110, 170, cx + 110, 450), fill=(224, 186, 160))
    draw.rounded_rectangle((cx - 300, 470, cx + 300, height + 40), radius=120, fill=(70, 70, 74))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=88)
    return out.getvalue()


def two_website_application():
    """The Hangzhou sample with a second website (its own domain, service number and site owner)."""
    from beian_desktop.domain.model import Person
    from beian_desktop.sample import sample_application

    app = sample_application("hangzhou")
    shop = sample_application("hangzhou").websites[0]
    shop.name = "云栖示例商城"
    shop.domains = ["yunqi-shop.com"]
    shop.homepage = "www.yunqi-shop.com"
    shop.icp_number = "浙ICP备20123456号-2"
    shop.service_numbers = ["Q9R8S7T6U5V4W3X2"]
    shop.owner = Person(**{**shop.owner.__dict__, "name": "周雨桐", "cert_number": "330106199203154327",
                           "mobile": "13958065432", "emergency_phone": "13958076543",
                           "email": "zhou.yutong@yunqi-shop.com"})
    app.websites.append(shop)
    return app


#: the pictures the README shows: README name -> (language folder, rendered file)
README_PICTURES = {
    "wizard_start_zh.png": ("zh_CN", "01_start.png"),
    "photo_check_zh.png": ("zh_CN", "07_photo.png"),
    "documents_zh.png": ("zh_CN", "05_documents.png"),
    "details_en.png": ("en", "04_details.png"),
    "submit_zh.png": ("zh_CN", "06_submit.png"),
    "two_websites_zh.png": ("zh_CN", "04b_details_two_websites.png"),
}


def copy_readme_pictures(rendered: Path, docs_dir: Path) -> list[Path]:
    """Copy the README's pictures from a two-language rendering (``rendered/zh_CN``, ``rendered/en``) to ``docs_dir``."""
    import shutil

    docs_dir.mkdir(parents=True, exist_ok=True)
    copied = []
    for name, (lang, source) in README_PICTURES.items():
        copied.append(Path(shutil.copyfile(rendered / lang / source, docs_dir / name)))
    return copied


def _throwaway_settings_class():
    from beian_desktop.gui.settings import GuiSettings

    class ThrowawaySettings(GuiSettings):
        """Settings of the rendering window: never written, so the user's window size and last draft stay as they are."""

        def save(self) -> None:
            return None

    return ThrowawaySettings


def _settle(app, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def render_all(out_dir: Path, lang: str, work_dir: Path, width: int = 1280) -> list[Path]:
    """Write ``00_drafts.png``, ``01_start.png`` … and ``06b_photo_shanghai.png`` into ``out_dir``."""
    from PySide6.QtCore import QRect

    from beian_desktop.gui import tasks
    from beian_desktop.gui.app import create_application, open_main_window
    from beian_desktop.store import open_store

    out_dir.mkdir(parents=True, exist_ok=True)
    ThrowawaySettings = _throwaway_settings_class()  # noqa: N806 - a class
    qt_app = create_application()
    tasks.set_synchronous(True)  # deterministic pictures: checks finish before the grab
    from beian_desktop.store.keys import KeySource

    # a throw-away database: a random passphrase, never the user's keyring
    store = open_store(f"sqlite:///{work_dir / 'screenshots.sqlite3'}", keys=KeySource.throwaway())
    files: list[Path] = []
    try:
        from beian_desktop.export.problems import record_problem_count

        shanghai_id = create_sample(store, "shanghai")
        draft_id = create_sample(store, "hangzhou")
        for sample_id in (shanghai_id, draft_id):
            record_problem_count(store, sample_id)
        window = open_main_window(store, lang, restore=False, settings=ThrowawaySettings())
        window.available_area = lambda: QRect(0, 0, width + 8, 2000)  # a screen as large as the pictures
        window.resize(width, 860)
        window.show()
        window.refresh_list(draft_id)
        _settle(qt_app)
        files.append(_grab(window, out_dir / "00_drafts.png"))
        window.open_draft(draft_id)
        docs = window.wizard.page("documents")
        window.wizard.go_to("documents")
        # one deliberately bad picture, so that the pages show a failed check next to the passing ones
        failing = docs.slots.get("domain_certificate") or list(docs.slots.values())[-1]
        failing.image.import_bytes(sample_failing_document_image(), "domain_certificate_blurred.jpg")
        window.wizard.page("photo").image.import_bytes(sample_backdrop_picture(), "backdrop.jpg")
        for index, page in enumerate(window.wizard.pages, start=1):
            window.wizard.go_to(page.page_id)
            files.append(_grab_page(qt_app, window, page, out_dir / f"{index:02d}_{page.page_id}.png", width))
        window.open_draft(shanghai_id)
        window.wizard.go_to("photo")
        photo_index = window.wizard.page_ids().index("photo") + 1
        files.append(_grab_page(qt_app, window, window.wizard.page("photo"),
                                out_dir / f"{photo_index:02d}b_photo_shanghai.png", width))
        window.wizard.go_to("start")
        files.append(_grab_page(qt_app, window, window.wizard.page("start"), out_dir / "01b_start_continue.png", width))
        # an access filing that covers two websites of one subject: the second one on the data page
        window.open_draft(store.drafts.create(two_website_application()))
        details = window.wizard.page("details")
        window.wizard.go_to("details")
        details.select_site(1)
        files.append(_grab_page(qt_app, window, details, out_dir / "04b_details_two_websites.png", width))
        window.close()
    finally:
        tasks.set_synchronous(False)
        store.close()
    return files


def _grab(window, path: Path) -> Path:
    window.grab().save(str(path), "PNG")
    return path


def _grab_page(qt_app, window, page, path: Path, width: int) -> Path:
    """Grab the window tall enough to show the whole page (no scrolling needed to review it)."""
    _settle(qt_app)
    scroll = page.parentWidget().parentWidget()  # viewport -> QScrollArea
    extra = window.height() - scroll.viewport().height()
    window.resize(width, max(860, page.sizeHint().height() + extra + 8))
    _settle(qt_app)
    _grab(window, path)
    window.resize(width, 860)
    return path
