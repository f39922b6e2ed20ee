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


def test_screenshots_render_every_page(tmp_path, qapp):
    out = tmp_path / "shots"
    assert main(["screenshots", str(out), "--lang", "en", "--width", "1100"]) == 0
    names = sorted(p.name for p in out.glob("*.png"))
    assert names[:3] == ["00_drafts.png", "01_start.png", "01b_start_continue.png"]
    assert "08_review.png" in names and "06b_photo_shanghai.png" in names
    with Image.open(out / "04_details.png") as image:
        assert image.width == 1100 and image.height >= 600
        grey = image.convert("L").resize((64, 64))
        assert grey.getextrema()[1] - grey.getextrema()[0] > 50  # not a blank picture
