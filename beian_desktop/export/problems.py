"""What stands between a draft and a complete submission package.

The field findings come from :func:`beian_desktop.domain.validation.validate_application` (when that module is
present); this module adds what only the package can see: required documents without a file, files whose check
failed, files missing from the store, and province restrictions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from beian_desktop.domain.model import Application
from beian_desktop.i18n import Msg


@dataclass(frozen=True, slots=True)
class Problem:
    path: str  # field path or document slot ("" for the whole application)
    severity: str  # "error" blocks the export; "warning" is listed in the checklist
    message: Msg

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "severity": self.severity, "message": self.message.to_dict()}


def _validation(app: Application) -> list[Problem] | None:
    try:
        from beian_desktop.domain.validation import validate_application
    except ImportError:
        return None
    out = []
    for finding in validate_application(app):
        severity = str(getattr(finding.severity, "value", finding.severity))
        out.append(Problem(str(finding.path), "error" if severity == "error" else "warning", finding.message))
    return out


def find_problems(app: Application, store: Any = None) -> list[Problem]:
    """Errors first, then warnings; duplicates (same path and English text) removed."""
    problems: list[Problem] = []
    validated = _validation(app)
    if validated is None:
        problems.append(Problem("", "warning", Msg("本版本缺少表单校验模块，未能检查填写内容。",
                                                   "The form validator is missing from this build: field values were not checked.")))
    else:
        problems += validated

    refs = {r.slot: r for r in app.documents if r.sha256}
    try:
        from beian_desktop.domain.documents import document_restrictions, required_documents
    except ImportError:  # pragma: no cover - the catalogue is part of the app
        required, restrictions = [], []
    else:
        required, restrictions = required_documents(app), document_restrictions(app)
    for restriction in restrictions:
        problems.append(Problem("subject.province", "error", restriction.message))
    for doc in required:
        ref = refs.get(doc.slot)
        if ref is None:
            problems.append(Problem(doc.slot, "error", Msg(f"缺少证件：{doc.name.zh}", f"Missing document: {doc.name.en}")))
        elif ref.verdict == "fail":
            problems.append(Problem(doc.slot, "error", Msg(f"{doc.name.zh} 未通过检查，请重新拍摄或扫描。",
                                                           f"{doc.name.en} failed its checks; take or scan it again.")))
        elif ref.verdict == "warn":
            problems.append(Problem(doc.slot, "warning", Msg(f"{doc.name.zh} 的检查有警告，请核对。",
                                                             f"{doc.name.en} has check warnings; please review it.")))
    photo = app.photo_verification.photo
    if photo.sha256 and photo.verdict == "fail":
        problems.append(Problem("photo_verification.photo", "warning",
                                Msg("幕布照片未通过检查，拍照核验前请重拍。",
                                    "The backdrop photo failed its checks; retake it before the photo verification.")))
    if store is not None:
        all_refs = list(app.documents) + ([photo] if photo.sha256 else [])
        for ref in all_refs:
            if ref.sha256 and not store.blobs.exists(ref.sha256):
                problems.append(Problem(ref.slot, "error", Msg(f"数据库中找不到文件 {ref.filename or ref.slot}，请重新上传。",
                                                               f"The file {ref.filename or ref.slot} is missing from the database; upload it again.")))
    seen: set[tuple[str, str]] = set()
    unique = []
    for p in problems:
        if (p.path, p.message.en) not in seen:
            seen.add((p.path, p.message.en))
            unique.append(p)
    unique.sort(key=lambda p: p.severity != "error")
    return unique
