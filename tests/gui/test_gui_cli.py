"""`beian-desktop screenshots` and `beian-desktop drafts create-sample`."""

from __future__ import annotations

from PIL import Image

from beian_desktop.cli import main


def test_create_sample_puts_the_sample_into_the_database(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    assert main(["--db", url, "drafts", "create-sample"]) == 0
    draft_id = capsys.readouterr().out.strip()
    from beian_desktop.store import open_store

    with open_store(url) as store:
        assert store.drafts.load(draft_id).subject.name == "杭州云栖示例科技有限公司"


def test_screenshots_render_every_page_in_both_languages_and_the_readme_pictures(tmp_path, qapp):
    out, docs = tmp_path / "shots", tmp_path / "docs"
    assert main(["screenshots", str(out), "--width", "1100", "--readme", str(docs)]) == 0
    names = sorted(p.name for p in (out / "en").glob("*.png"))
    assert names[:3] == ["00_drafts.png", "01_start.png", "01b_start_continue.png"]
    assert "08_review.png" in names and "07b_photo_shanghai.png" in names and "04b_details_two_websites.png" in names
    with Image.open(out / "en" / "04_details.png") as image:
        assert image.width == 1100 and image.height >= 600
        grey = image.convert("L").resize((64, 64))
        assert grey.getextrema()[1] - grey.getextrema()[0] > 50  # not a blank picture
    for lang in ("zh_CN", "en"):
        names = {p.name for p in (out / lang).glob("*.png")}
        assert {"00_drafts.png", "05_documents.png", "07_photo.png", "07b_photo_shanghai.png",
                "04b_details_two_websites.png"} <= names, (lang, names)
    from beian_desktop.gui.screenshots import README_PICTURES

    assert {p.name for p in docs.glob("*.png")} == set(README_PICTURES)
    readme = (__import__("pathlib").Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    assert all(f"docs/screenshots/{name}" in readme for name in README_PICTURES)
    with Image.open(out / "zh_CN" / "05_documents.png") as zh, Image.open(out / "en" / "05_documents.png") as en:
        assert zh.tobytes() != en.tobytes()  # really two languages


def test_screenshots_leave_the_users_settings_alone(tmp_path, qapp):
    from beian_desktop.gui.settings import GuiSettings

    mine = GuiSettings(language="en", geometry="bXktd2luZG93", last_draft_id="abc", last_page="details")
    mine.save()
    before = GuiSettings.path().read_bytes()
    assert main(["screenshots", str(tmp_path / "shots"), "--lang", "zh_CN", "--width", "1000"]) == 0
    assert GuiSettings.path().read_bytes() == before


def test_qt_settings_follow_the_test_home(qapp):
    import os

    from PySide6.QtCore import QSettings

    from beian_desktop.gui.app import create_application

    create_application()
    qt_conf = QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, "QtProject").fileName()
    assert qt_conf.startswith(os.environ["BEIAN_DESKTOP_HOME"])


def test_the_gui_does_not_import_the_cli():
    from pathlib import Path

    import beian_desktop.gui

    root = Path(beian_desktop.gui.__file__).parent
    offenders = [str(p.relative_to(root)) for p in root.rglob("*.py")
                 if "beian_desktop.cli" in p.read_text(encoding="utf-8")
                 or "from beian_desktop import cli" in p.read_text(encoding="utf-8")]
    assert offenders == []
