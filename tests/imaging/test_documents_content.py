"""Reading documents (offline OCR): the kind of document, its orientation from the text, and the ``content`` check
against the values typed in the form (``check-doc --expect``), on generated documents printed in a real CJK font.

The cases come from ``build_text_cases`` (written from the filing rules, not from the checker) with seed 11; the
held-out seed of ``benchmarks/accuracy_documents.py`` is never used here.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import date

import pytest

from beian_desktop import cli
from beian_desktop.imaging.documents import check_document
from doc_fixtures import build_text_cases, cjk_font_path

SEED = 11
TODAY = date(2026, 11, 30)

pytestmark = pytest.mark.skipif(cjk_font_path() is None, reason="needs a CJK font (fonts-noto-cjk, installed by .ci/run)")


@pytest.fixture(scope="module")
def cases():
    return build_text_cases(SEED, desks=("wood",), variants=("valid", "upside_down", "other_person", "expired"))


def _check(case, **kw):
    kw.setdefault("expect", case.fields)
    return check_document(case.data, case.type_id, side=case.side, path=case.name, today=TODAY, **kw)


@pytest.fixture(scope="module")
def reports(cases):
    return {case.name: (case, _check(case)) for case in cases}


def test_matching_documents_pass_and_are_recognised(reports):
    kinds = {"id_front": "id_front", "id_back": "id_back", "licence": "business_licence", "form": "authenticity_form"}
    for case, report in reports.values():
        if case.variant != "valid":
            continue
        content = report.check("content")
        assert content.status == "pass", (case.name, content.message.en)
        assert content.values["kind"] == kinds[case.kind], case.name
        for field in case.fields:
            if field in content.values["fields"]:
                assert content.values["fields"][field]["status"] == "pass", (case.name, field)
        failed = [(c.id, c.message.en) for c in report.checks if c.status == "fail" and c.id != "size"]  # size: the encoder's
        assert failed == [], case.name


def test_values_are_compared_where_the_document_carries_them(reports):
    compared = {case.kind: set(report.check("content").values["fields"]) for case, report in reports.values() if case.variant == "valid"}
    assert compared["id_front"] == {"id_number", "name"}
    assert compared["licence"] == {"uscc", "org_name"}
    assert compared["form"] >= {"id_number", "org_name"}


def test_someone_elses_document_fails_naming_the_field(reports):
    seen = 0
    for case, report in reports.values():
        if case.variant != "other_person":
            continue
        seen += 1
        content = report.check("content")
        assert content.status == "fail", (case.name, content.message.en)
        failed = [f for f, v in content.values["fields"].items() if v["status"] == "fail"]
        assert failed, case.name
        first = content.values["fields"][failed[0]]["name"]
        assert first["zh_CN"] in content.message.zh and first["en"] in content.message.en
    assert seen == 3  # ID front, licence, form


def test_expired_id_card_fails(reports):
    case, report = next(v for v in reports.values() if v[0].variant == "expired")
    content = report.check("content")
    assert content.status == "fail" and content.values["expired"] is True
    assert "过期" in content.message.zh and "expired" in content.message.en


def test_upside_down_documents_without_face_or_seal_are_caught(reports):
    for case, report in reports.values():
        if case.variant == "upside_down":
            orientation = report.check("orientation")
            assert orientation.status != "pass", case.name
            assert orientation.values["rotation_needed"] == 180, case.name


def test_the_other_side_of_an_id_card_is_named(cases):
    back = next(c for c in cases if c.kind == "id_back" and c.variant == "valid")
    report = check_document(back.data, "resident_id", side="front", today=TODAY)
    content = report.check("content")
    assert content.status == "warn"
    assert "这看起来是身份证国徽面" in content.message.zh
    assert "emblem side" in content.message.en


def test_read_values_are_masked_and_never_logged(cases, caplog):
    case = next(c for c in cases if c.kind == "id_front" and c.variant == "other_person")
    with caplog.at_level(logging.DEBUG):
        report = _check(case)
    text = json.dumps(report.to_json("zh_CN"), ensure_ascii=False) + json.dumps(report.to_json("en"), ensure_ascii=False)
    read = report.check("content").values["fields"]["id_number"]["read"]
    assert "*" in read and len(read) == 18
    assert read[:4] + "*" * 10 + read[-4:] == read
    assert case.fields["id_number"] not in caplog.text
    # the full number on the card appears nowhere, neither in the report nor in the log
    assert not re.search(r"\d{17}[\dX]", text)
    assert not re.search(r"\d{17}[\dX]", caplog.text)
    assert case.fields["name"] not in caplog.text


def test_check_doc_expect_adds_the_content_check(tmp_path, capsys):
    case = next(c for c in build_text_cases(SEED, kinds=("id_front",), desks=("slate",), variants=("valid",)))
    path = tmp_path / "front.jpg"
    path.write_bytes(case.data)
    args = ["--lang", "en", "check-doc", "--json", "--type", "resident_id", "--side", "front"]
    code = cli.main(args + ["--expect", f"id_number={case.fields['id_number']}", "--expect", f"name={case.fields['name']}", str(path)])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    content = next(c for c in out["checks"] if c["id"] == "content")
    assert content["status"] == "pass" and set(content["values"]["fields"]) == {"id_number", "name"}
    wrong = "11010119800101001X" if case.fields["id_number"] != "11010119800101001X" else "110101198001010028"
    code = cli.main(args + ["--expect", f"id_number={wrong}", str(path)])
    out = json.loads(capsys.readouterr().out)
    content = next(c for c in out["checks"] if c["id"] == "content")
    assert code == 0 and content["status"] == "fail" and out["verdict"] == "fail"
    assert "ID number" in content["message"]


@pytest.mark.parametrize("bad", ["id_number", "colour=red", "name="])
def test_check_doc_expect_refuses_malformed_values(tmp_path, capsys, bad):
    path = tmp_path / "x.jpg"
    path.write_bytes(b"not used")
    assert cli.main(["--lang", "en", "check-doc", "--expect", bad, str(path)]) == 2
    assert "FIELD=VALUE" in capsys.readouterr().err


def _line(text, y):
    from types import SimpleNamespace

    return SimpleNamespace(text=text, score=0.99, box=((40, y), (400, y), (400, y + 20), (40, y + 20)), angle=0)


def test_an_all_digit_credit_code_is_not_taken_for_the_id_number():
    """A USCC made only of digits can pass the ID number's check character by chance (about 1 in 11): on a form
    whose ID line was not read yet, it must not be compared with the ID number typed (a false "someone else's")."""
    from beian_desktop.imaging.documents_read import compare_field, interpret

    uscc = "911101012856468088"  # valid USCC whose GB 11643 check character also matches
    lines = [_line("网站备案信息真实性核验单", 10), _line("统一社会信用代码:" + uscc, 40)]
    reading = interpret(lines, (600, 800))
    assert reading.fields["uscc"][0] == uscc
    assert "id_number" not in reading.fields
    assert compare_field("id_number", "110101197406194431", reading) is None  # a form may leave it out: no verdict

    reading = interpret(lines + [_line("证件号码:110101197406194431", 70)], (600, 800))
    assert reading.fields["id_number"] == ("110101197406194431", 0.99, True)
    assert compare_field("id_number", "110101197406194431", reading).status == "pass"


def test_a_broken_text_reader_says_so_and_the_other_checks_still_run(cases, monkeypatch):
    """A broken installation (the detector model missing) must not crash a check or a batch: content warns that
    nothing was compared and why, and the picture checks still give their results."""
    from beian_desktop.imaging import ocr

    monkeypatch.setattr(ocr, "_engine", None)
    monkeypatch.setattr(ocr, "DETECTOR", "missing-detector.onnx")
    case = next(c for c in cases if c.type_id == "resident_id" and c.variant == "valid")
    report = _check(case)
    content = report.check("content")
    assert content.status == "warn" and content.values["ocr_unavailable"] is True
    assert "重新安装" in content.message.zh and "reinstall" in content.message.en
    assert {c.id for c in report.checks} >= {"orientation", "completeness", "blur", "glare", "photocopy"}
    assert report.check("completeness").status == "pass"
