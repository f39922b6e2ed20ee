""""Ready to submit": the one list of problems (fields, documents, restrictions) that every part of the app shows."""

from __future__ import annotations

from datetime import date

from beian_desktop.domain.documents import required_documents
from beian_desktop.domain.model import Application, FileRef, SubjectNature
from beian_desktop.domain.readiness import count_errors, find_problems
from test_validation import good_app

TODAY = date(2025, 6, 1)


def with_documents(app: Application, verdict: str = "pass") -> Application:
    app.documents = [FileRef(doc.slot, f"{i:064x}", f"IMG_{i}.jpg", verdict=verdict) for i, doc in enumerate(required_documents(app))]
    return app


def test_complete_application_with_documents_is_ready():
    assert find_problems(with_documents(good_app()), TODAY) == []


def test_missing_and_failed_documents_block_warned_ones_do_not():
    app = good_app()
    slots = [doc.slot for doc in required_documents(app)]
    problems = find_problems(app, TODAY)
    assert [p.path for p in problems] == slots and count_errors(problems) == len(slots)
    assert all(p.about_file and p.message.zh.startswith("缺少证件") for p in problems)

    with_documents(app)
    app.documents[0].verdict, app.documents[1].verdict = "fail", "warn"
    problems = find_problems(app, TODAY)
    assert [(p.path, p.severity) for p in problems] == [(slots[0], "error"), (slots[1], "warning")]
    assert "IMG_0.jpg" in problems[0].message.zh and "IMG_1.jpg" in problems[1].message.en  # which file to redo
    assert count_errors(problems) == 1


def test_field_errors_come_first_and_keep_their_rule():
    app = with_documents(good_app())
    app.documents[0].verdict = "warn"
    app.subject.name = ""
    app.original.fields = {"principal.name": "王五"}
    problems = find_problems(app, TODAY)
    assert [p.severity for p in problems] == ["error", "error", "warning"]
    assert {(p.path, p.rule) for p in problems[:2]} == {("subject.name", "required"), ("principal.name", "original_record")}
    assert not any(p.about_file for p in problems[:2])


def test_province_restriction_is_an_error_on_the_province():
    """晋蒙青新桂宁 do not accept out-of-province individuals (residence permit): no upload can fix it."""
    app = good_app()
    app.subject.nature = SubjectNature.INDIVIDUAL
    app.subject.province = "150000"  # 内蒙古
    restrictions = [p for p in find_problems(app, TODAY) if p.path == "subject.province" and p.is_error]
    assert any("居住" in p.message.zh or "外省" in p.message.zh for p in restrictions), [p.message.zh for p in restrictions]


def test_failed_backdrop_photo_is_a_warning_only():
    app = with_documents(good_app())
    app.photo_verification.photo = FileRef("photo", "f" * 64, "me.jpg", verdict="fail")
    problems = find_problems(app, TODAY)
    assert [(p.path, p.severity) for p in problems] == [("photo_verification.photo", "warning")]
    assert count_errors(problems) == 0
