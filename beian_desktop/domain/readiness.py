"""What stands between a draft and "ready to submit": the one list every part of the app shows and counts.

:func:`find_problems` joins the field findings of :func:`beian_desktop.domain.validation.validate_application`
(including the comparison with the original filing record and the service-number format) with what the document
catalogue knows: required documents without a file, files whose check failed (error) or warned (warning), province
restrictions no document can fix, and a backdrop photo that failed its checks. Every error blocks the submission
package; warnings are listed in the checklist only.

The wizard's checklist (submit page) and inline messages, the "问题 / Problems" column of the draft list, ``drafts
create-sample``, ``drafts import``, the GUI import and ``export``'s refusal all use this list (through
:func:`beian_desktop.export.problems.find_problems`, which adds the one check that needs the database: files missing
from the store). Messages name no personal data (only the names of uploaded files), so problems can be logged.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from beian_desktop.domain.checks import Severity
from beian_desktop.domain.documents import document_restrictions, required_documents
from beian_desktop.domain.model import Application
from beian_desktop.domain.validation import validate_application
from beian_desktop.i18n import Msg

__all__ = ["ERROR", "FILE_RULES", "Problem", "WARNING", "count_errors", "find_problems", "unique_problems"]

ERROR = Severity.ERROR.value
WARNING = Severity.WARNING.value
#: rules about an uploaded file (document slot or photo) rather than a form field
FILE_RULES = frozenset({"document_missing", "document_failed", "document_warning", "photo_failed", "file_missing"})


@dataclass(frozen=True, slots=True)
class Problem:
    path: str  # field path or document slot ("" for the whole application)
    severity: str  # "error" blocks the export and "ready to submit"; "warning" is listed in the checklist
    message: Msg
    rule: str = ""  # the check that produced it ("required", "original_record", "document_missing", ...)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def about_file(self) -> bool:
        """About an uploaded file (``path`` is a document slot or the photo), not about a form field."""
        return self.rule in FILE_RULES

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "severity": self.severity, "message": self.message.to_dict()}


def _field_problems(app: Application, today: date | None) -> list[Problem]:
    return [Problem(f.path, f.severity.value, f.message, f.rule) for f in validate_application(app, today)]


def _document_problems(app: Application) -> list[Problem]:
    out = [Problem("subject.province", ERROR, r.message, r.rule_id) for r in document_restrictions(app)]
    refs = {r.slot: r for r in app.documents if r.sha256}
    for doc in required_documents(app):
        ref = refs.get(doc.slot)
        if ref is None:
            out.append(Problem(doc.slot, ERROR, Msg(f"缺少证件：{doc.name.zh}", f"Missing document: {doc.name.en}"),
                               "document_missing"))
            continue
        zh, en = (f"{doc.name.zh}（{ref.filename}）", f"{doc.name.en} ({ref.filename})") if ref.filename else (doc.name.zh, doc.name.en)
        if ref.verdict == "fail":
            out.append(Problem(doc.slot, ERROR, Msg(f"资料未通过检查：{zh}，请重新拍摄或扫描。",
                                                    f"Document failed its checks: {en}; take or scan it again."),
                               "document_failed"))
        elif ref.verdict == "warn":
            out.append(Problem(doc.slot, WARNING, Msg(f"资料的检查有警告：{zh}，请核对。",
                                                      f"Document has check warnings: {en}; please review it."),
                               "document_warning"))
    photo = app.photo_verification.photo
    if photo.sha256 and photo.verdict == "fail":  # the photo is taken after the first review: not blocking yet
        out.append(Problem("photo_verification.photo", WARNING,
                           Msg("幕布照片未通过检查，拍照核验前请重拍。",
                               "The backdrop photo failed its checks; retake it before the photo verification."),
                           "photo_failed"))
    return out


def unique_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Duplicates (same path and English text) removed, errors first, otherwise in the given order."""
    seen: set[tuple[str, str]] = set()
    unique = []
    for p in problems:
        if (p.path, p.message.en) not in seen:
            seen.add((p.path, p.message.en))
            unique.append(p)
    unique.sort(key=lambda p: not p.is_error)
    return unique


def find_problems(app: Application, today: date | None = None) -> list[Problem]:
    """Everything still to fix in ``app`` (``today`` selects the rules; default: the current date), errors first."""
    return unique_problems(_field_problems(app, today) + _document_problems(app))


def count_errors(problems: Iterable[Problem]) -> int:
    """How many problems block "ready to submit" (the number the draft list shows)."""
    return sum(1 for p in problems if p.is_error)
