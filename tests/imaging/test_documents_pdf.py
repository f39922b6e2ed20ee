"""One-page PDF scans: checked like pictures after rendering inside the type's limits; fixed to a JPEG; damaged,
multi-page and password-protected PDFs refused with a reason (``check-doc``, ``fix-doc`` and the checker itself)."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest
from PIL import Image

from beian_desktop import cli
from beian_desktop.domain.documents import document_type
from beian_desktop.imaging.docfix import DocumentFixError, normalize_document_ex
from beian_desktop.imaging.documents import CHECK_IDS, check_document
from doc_fixtures import pdf_bytes, render_page, scan


@pytest.fixture(scope="module")
def licence_scan() -> np.ndarray:
    rng = np.random.default_rng(3)
    return scan(render_page("licence", rng), rng, long_side=1754)


@pytest.fixture(scope="module")
def licence_pdf(licence_scan) -> bytes:
    return pdf_bytes(licence_scan)


def test_one_page_pdf_is_checked_like_a_picture(licence_pdf):
    report = check_document(licence_pdf, "business_licence", read_text=False)
    assert report.loaded
    assert [c.id for c in report.checks] == [c for c in CHECK_IDS if c != "content"]
    dtype = document_type("business_licence")
    w, h = report.image_size
    assert dtype.min_long_side <= max(w, h) <= dtype.max_output_long_side and min(w, h) >= dtype.min_short_side
    assert report.check("format").status == "warn" and "JPEG" in report.check("format").message.en
    assert report.check("size").status == "pass"  # the PDF's own size does not matter: the fix writes the JPEG
    for check_id in ("resolution", "completeness", "orientation", "photocopy", "blur"):
        assert report.check(check_id).status != "fail", (check_id, report.check(check_id).message.en)


def test_id_card_pdf_is_rendered_within_the_card_limits(licence_scan):
    card = licence_scan[:540, :856]
    report = check_document(pdf_bytes(card), "resident_id", read_text=False)
    dtype = document_type("resident_id")
    assert max(report.image_size) <= dtype.max_output_long_side and min(report.image_size) >= dtype.min_short_side


def test_fix_turns_a_pdf_into_a_jpeg_within_limits(licence_pdf):
    result = normalize_document_ex(licence_pdf, "business_licence")
    assert result.data[:3] == b"\xff\xd8\xff"
    assert result.within_range
    assert any("PDF" in note.en for note in result.notes)


def _multi_page(licence_scan) -> bytes:
    page = Image.fromarray(licence_scan[:, :, ::-1])
    buf = io.BytesIO()
    page.save(buf, "PDF", save_all=True, append_images=[page], resolution=150)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("kind", "code"),
    [("damaged", "pdf_unreadable"), ("truncated", "pdf_unreadable"), ("two_pages", "pdf_pages")],
)
def test_bad_pdfs_are_refused_with_a_reason(kind, code, licence_pdf, licence_scan, assert_refused):
    data = {
        "damaged": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
        "truncated": licence_pdf[: len(licence_pdf) // 3],
        "two_pages": _multi_page(licence_scan),
    }[kind]
    report = check_document(data, "business_licence")
    assert_refused(report, code, also=("format",))
    assert "PDF" in report.check("file").message.en and "PDF" in report.check("file").message.zh
    with pytest.raises(DocumentFixError):
        normalize_document_ex(data, "business_licence")


def test_cli_check_and_fix_accept_pdf(tmp_path, capsys, licence_pdf):
    path = tmp_path / "licence.pdf"
    path.write_bytes(licence_pdf)
    assert cli.main(["--lang", "en", "check-doc", "--json", "--type", "business_licence", str(path)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["checks"][0]["id"] == "file" and out["checks"][0]["status"] == "pass"
    assert cli.main(["fix-doc", "--type", "business_licence", str(path)]) == 0
    fixed = tmp_path / "licence.fixed.jpg"
    assert fixed.read_bytes()[:3] == b"\xff\xd8\xff"
    assert path.read_bytes() == licence_pdf  # the original is kept
