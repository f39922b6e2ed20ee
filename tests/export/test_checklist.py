"""The printable checklist: values to copy, documents ticked, problems listed; rendered to PDF and PNG by Qt."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QImage

from beian_desktop.domain.model import Flow
from beian_desktop.export.checklist import render_checklist
from beian_desktop.export.checklist_pdf import html_to_pdf, html_to_png
from beian_desktop.export.package import PackageFile
from beian_desktop.export.problems import Problem, find_problems
from beian_desktop.i18n import Msg


def _files(app):
    return [PackageFile(f"{r.slot}.jpg", "upload", b"x", r.slot.split(".")[-2] if "." in r.slot else r.slot, r.slot,
                        check={"draft_verdict": "pass"}) for r in app.documents]


def test_checklist_lists_the_steps_with_values_to_copy(store, make_complete_app):
    app = make_complete_app(store)
    html = render_checklist(app, [], _files(app), lang="zh_CN")
    for value in ("91110000802100433B", "北京示例科技有限公司", "example.com", "1234567890", "110108198709152342",
                  "admin@example.com", "https://beian.aliyun.com/order/", "验证备案类型", "24 小时", "1-20 个工作日"):
        assert value in html, value
    assert "所有检查均已通过" in html
    assert html.count("☑") == len(app.documents) and "☐" not in html
    english = render_checklist(app, [], _files(app), lang="en")
    assert "Product verification" in english and "example.com" in english


def test_continue_access_starts_from_the_existing_filing(make_complete_app):
    app = make_complete_app()
    app.flow = Flow.CONTINUE_ACCESS
    html = render_checklist(app, [], [], lang="zh_CN")
    assert "继续接入备案" in html and "验证备案类型" not in html


def test_missing_documents_are_unticked_and_problems_listed(make_complete_app):
    app = make_complete_app()  # no files
    problems = find_problems(app)
    html = render_checklist(app, problems, [], lang="zh_CN")
    assert "☐" in html and "☑" not in html
    assert "草稿包" in html and "缺少证件" in html


def test_the_password_is_never_printed_and_values_are_escaped(make_complete_app):
    app = make_complete_app()
    app.subject.name = "<script>alert(1)</script>"
    html = render_checklist(app, [Problem("x", "warning", Msg("注意 <b>", "note <b>"))], [], lang="zh_CN")
    assert "<script>" not in html and "&lt;script&gt;" in html and "注意 &lt;b&gt;" in html
    assert "password" not in html.lower()


def test_shanghai_uses_the_app_instead_of_the_backdrop(make_complete_app):
    app = make_complete_app()
    app.subject.province = "310000"
    assert "上海市通信管理局 app" in render_checklist(app, [], [], lang="zh_CN")


def test_renders_to_pdf_and_png(qapp, tmp_path, store, make_complete_app):
    app = make_complete_app(store)
    html = render_checklist(app, find_problems(app, store), _files(app), lang="zh_CN")
    pdf = html_to_pdf(html)
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 2 <= pages <= 6  # paginated on A4 at readable point sizes (not shrunk onto one page)
    png = html_to_png(html, tmp_path / "c.png", width=800)
    image = QImage(str(png))
    assert image.width() == 800 and image.height() > 1500  # all eight steps laid out
    # something dark (text) was drawn in the top band, i.e. not a blank page
    dark = sum(1 for x in range(0, 800, 4) for y in range(20, 80, 2) if image.pixelColor(x, y).lightness() < 100)
    assert dark > 20


def test_checklist_in_a_package_has_a_pdf_when_qt_is_available(qapp, store, complete_draft, tmp_path):
    from beian_desktop.export.package import build_package, read_package

    result = build_package(store, complete_draft, tmp_path / "p.zip", run_checks=False)
    assert result.pdf_error is None
    files = read_package(tmp_path / "p.zip").files
    assert files["checklist.pdf"].startswith(b"%PDF-") and "☑" in files["checklist.html"].decode("utf-8")


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_problem_json_is_bilingual(lang):
    p = Problem("a", "error", Msg("中", "en"))
    assert p.to_json()["message"] == {"zh_CN": "中", "en": "en"}


def test_website_language_is_named_not_a_locale_code():
    from beian_desktop.export.checklist import render_checklist
    from beian_desktop.sample import sample_application

    app = sample_application("hangzhou")
    app.websites[0].languages = ["zh_CN", "en"]
    zh = render_checklist(app, [], [], lang="zh_CN")
    en = render_checklist(app, [], [], lang="en")
    assert "中文简体、英语" in zh and "Simplified Chinese, English" in en
    assert "zh_CN" not in zh.replace('lang="zh_CN"', "")
