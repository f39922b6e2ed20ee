"""What blocks a draft from being "ready to submit", counted the same way everywhere (no Qt here).

The wizard's checklist (submit page), the "问题 / Problems" column of the draft list and the drafts created by
``drafts create-sample`` or an import all use :func:`blocking_findings`: field errors from the domain validator,
differences from the original filing record and service-number format errors (:mod:`beian_desktop.gui.compare`),
and required documents that are missing or failed their checks.
"""

from __future__ import annotations

from beian_desktop.gui import services
from beian_desktop.gui.compare import original_differences, service_number_findings
from beian_desktop.i18n import Msg

ORIGINAL_PREFIX = "original:"


def field_findings(app) -> list[services.Finding]:
    """Validator findings plus the comparisons; raises :class:`services.Unavailable` without a validator."""
    findings = services.validate(app)
    seen = {(f.path, f.message.zh) for f in findings}
    extra = original_differences(app) + service_number_findings(app)
    return findings + [f for f in extra if (f.path, f.message.zh) not in seen]


def document_findings(app) -> list[services.Finding]:
    """One error per required document that has no file or whose file failed its checks (path = the slot)."""
    try:
        required = services.required_documents(app)
    except services.Unavailable:
        return []
    refs = {ref.slot: ref for ref in app.documents if ref.sha256}
    out = []
    for doc in required:
        ref = refs.get(doc.slot)
        if ref is None:
            out.append(services.Finding(doc.slot, "error", Msg(f"缺少证件：{doc.name.zh}", f"Missing document: {doc.name.en}")))
        elif ref.verdict == "fail":
            out.append(services.Finding(doc.slot, "error", Msg(f"资料未通过检查：{doc.name.zh}（{ref.filename}）",
                                                               f"Document failed its checks: {doc.name.en} ({ref.filename})")))
    return out


def is_error(finding: services.Finding) -> bool:
    return finding.severity == "error" and not finding.path.startswith(ORIGINAL_PREFIX)


def count_problems(app) -> int | None:
    """Errors that block "ready to submit"; ``None`` when the validator is not available (unknown, not zero)."""
    try:
        findings = field_findings(app)
    except services.Unavailable:
        return None
    return sum(1 for f in findings + document_findings(app) if is_error(f))


def store_problem_count(store, draft_id: str, app=None) -> int | None:
    """Compute and record the count for ``draft_id`` (loaded from ``store`` when ``app`` is not given)."""
    app = app if app is not None else store.drafts.load(draft_id)
    count = count_problems(app)
    store.drafts.set_problems(draft_id, count)
    return count


__all__ = ["blocking_findings", "count_problems", "document_findings", "field_findings", "store_problem_count"]


def blocking_findings(app) -> list[services.Finding]:
    """Every error that blocks "ready to submit" (empty list when the validator is unavailable: unknown)."""
    try:
        findings = field_findings(app)
    except services.Unavailable:
        return []
    return [f for f in findings + document_findings(app) if is_error(f)]
