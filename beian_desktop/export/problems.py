"""What stands between a draft and a complete submission package, with the database in view.

The rules live in :func:`beian_desktop.domain.readiness.find_problems`; this module adds the one check that needs the
store (a file the draft references is missing from the database) and records the error count that the draft list
shows. Everything that decides "ready to submit" calls :func:`find_problems` or :func:`record_problem_count`: the
wizard, the draft list, ``drafts create-sample``, ``drafts import``, the GUI import and ``export``'s refusal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from beian_desktop.domain import readiness
from beian_desktop.domain.model import Application
from beian_desktop.domain.readiness import Problem, count_errors
from beian_desktop.i18n import Msg

if TYPE_CHECKING:
    from beian_desktop.store.store import Store

__all__ = ["Problem", "count_errors", "find_problems", "record_problem_count"]


def _missing_files(app: Application, store: "Store") -> list[Problem]:
    return [
        Problem(ref.slot, readiness.ERROR, Msg(f"数据库中找不到文件 {ref.filename or ref.slot}，请重新上传。",
                                               f"The file {ref.filename or ref.slot} is missing from the database; upload it again."),
                "file_missing")
        for ref in app.file_refs()
        if not store.blobs.exists(ref.sha256)
    ]


def find_problems(app: Application, store: "Store | None" = None) -> list[Problem]:
    """Errors first, then warnings; duplicates (same path and English text) removed.

    With a ``store``, files the draft references but the database lacks are errors too.
    """
    problems = readiness.find_problems(app)
    if store is not None:
        problems = readiness.unique_problems(problems + _missing_files(app, store))
    return problems


def record_problem_count(store: "Store", draft_id: str, app: Application | None = None) -> int:
    """Count the errors of ``draft_id`` (loaded from ``store`` unless ``app`` is given) and record them for the list."""
    app = app if app is not None else store.drafts.load(draft_id)
    count = count_errors(find_problems(app, store))
    store.drafts.set_problems(draft_id, count)
    return count
