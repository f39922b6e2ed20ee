"""`beian-desktop export` (the submission package) and `beian-desktop progress` (the filing timeline).

``beian-desktop export DRAFT --out DIR_OR_ZIP [--allow-draft] [--with-originals] [--no-pdf] [--no-checks] [--json]``
    Writes the package; refuses (exit 1, the problems listed) while errors remain unless ``--allow-draft``. Every
    picture is written without EXIF/XMP/GPS; the draft's originals are added only with ``--with-originals``.
``beian-desktop progress DRAFT [--set STATUS [--note TEXT] [--at TIME]] [--sms-done [--at TIME]] [--domain-verified DATE] [--json]``
    Shows the timeline with its deadlines and reminders, or records a step.
``beian-desktop drafts import PACKAGE.zip`` imports a package (see :func:`import_package_command`).
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
from pathlib import Path
from typing import Any

from beian_desktop.cli import DataError, UsageError
from beian_desktop.i18n import Msg, current_language


def register(sub) -> None:  # noqa: ANN001 - argparse sub-parsers action
    p = sub.add_parser("export", help="write the submission package of a draft (提交包：证件、清单、manifest)",
                       description="Write a folder or .zip with the normalised documents and photo, manifest.json and "
                       "a printable checklist. Refuses while the draft has errors, unless --allow-draft.")
    p.add_argument("id", metavar="DRAFT", help="draft id or unique prefix")
    p.add_argument("--out", metavar="DIR_OR_ZIP", type=Path, required=True,
                   help="a .zip file, or a new/empty folder")
    p.add_argument("--allow-draft", action="store_true", help="export even though errors remain (a draft package)")
    p.add_argument("--with-originals", action="store_true",
                   help="also add the original pictures (under originals/, location and camera data removed too)")
    p.add_argument("--no-pdf", action="store_true", help="write checklist.html only")
    p.add_argument("--no-checks", action="store_true", help="do not re-run the image checks (faster)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(func=cmd_export)

    from beian_desktop.domain.model import ProgressStatus

    p = sub.add_parser("progress", help="show or record the filing progress, deadlines and reminders (进度与提醒)",
                       description="Without options, print the timeline with deadlines and reminders.")
    p.add_argument("id", metavar="DRAFT", help="draft id or unique prefix")
    p.add_argument("--set", metavar="STATUS", choices=[s.value for s in ProgressStatus], help="move to STATUS")
    p.add_argument("--note", default="", help="note for the step; the reason when STATUS is 'returned'")
    p.add_argument("--at", metavar="TIME", help="when it happened, e.g. 2026-06-01T09:30 (China time; default now)")
    p.add_argument("--sms-done", action="store_true", help="record that the SMS verification was completed")
    p.add_argument("--domain-verified", metavar="DATE", help="day the domain's real-name verification passed")
    p.add_argument("--json", action="store_true", help="print the timeline as JSON")
    p.set_defaults(func=cmd_progress)


def _open(args: argparse.Namespace):
    from beian_desktop.commands.drafts import open_store_for

    return open_store_for(args)


def cmd_export(args: argparse.Namespace) -> int:
    from beian_desktop.export.package import ExportRefused, PackageError, build_package

    lang = current_language()
    with _open(args) as store:
        draft_id = store.drafts.resolve(args.id)
        try:
            result = build_package(store, draft_id, args.out, allow_draft=args.allow_draft, pdf=not args.no_pdf,
                                   run_checks=not args.no_checks, lang=lang, with_originals=args.with_originals)
        except ExportRefused as refused:
            if args.json:
                print(json.dumps({"ok": False, "message": refused.message.text(lang),
                                  "problems": [p.to_json() for p in refused.problems]}, ensure_ascii=False))
            else:
                print(refused.message.text(lang), file=sys.stderr)
                for p in refused.problems:
                    mark = "✗" if p.severity == "error" else "!"
                    print(f"  {mark} {p.path or '-'}: {p.message.text(lang)}", file=sys.stderr)
            return 1
        except PackageError as error:
            raise DataError(error.message.text(lang)) from None
        except OSError as error:
            raise DataError(Msg(f"无法写入 {args.out}：{error.strerror}", f"Cannot write {args.out}: {error.strerror}").text(lang)) from None
        purged = _purge_after_export(store, draft_id)
    from beian_desktop.privacy import PACKAGE_NOTICE

    print(PACKAGE_NOTICE.text(lang), file=sys.stderr)
    if purged:
        print(Msg("保留期为 0 天：该草稿已从数据库中永久删除。", "Retention is 0 days: the draft was deleted for good from the "
                  "database.").text(lang), file=sys.stderr)
    files = [f for f in result.manifest["files"] if f["role"] == "upload"]
    if args.json:
        print(json.dumps({"ok": True, "out": str(result.out), "complete": result.manifest["complete"],
                          "files": result.manifest["files"], "problems": [p.to_json() for p in result.problems],
                          "pdf_error": result.pdf_error.text(lang) if result.pdf_error else None}, ensure_ascii=False))
        return 0
    kind = Msg("草稿包", "Draft package") if not result.manifest["complete"] else Msg("提交包", "Submission package")
    print(Msg(f"{kind.zh}已写入 {result.out}（{len(files)} 个证件/照片文件）",
              f"{kind.en} written to {result.out} ({len(files)} document/photo files)").text(lang))
    for p in result.problems:
        print(f"  {'✗' if p.severity == 'error' else '!'} {p.message.text(lang)}")
    if result.pdf_error:
        print(result.pdf_error.text(lang), file=sys.stderr)
    return 0


def _purge_after_export(store, draft_id: str) -> bool:  # noqa: ANN001
    """Photo stations (retention 0 days): a draft is deleted for good once its package is written."""
    from beian_desktop.store import retention

    if retention.retention_days(store) != 0:
        return False
    retention.purge_drafts(store, [draft_id])
    return True


def import_package_command(args: argparse.Namespace) -> int:
    """``drafts import PACKAGE.zip`` (or a package folder): verify and restore; prints the new draft id."""
    from beian_desktop.commands.drafts import imported
    from beian_desktop.export.package import PackageError, import_package

    with _open(args) as store:
        try:
            print(imported(store, import_package(store, args.file)))
        except PackageError as error:
            raise DataError(error.message.text()) from None
    return 0


def _timeline_json(app, now) -> dict[str, Any]:
    from beian_desktop.domain import progress as pg

    return {
        "status": str(app.progress.status),
        "editable": pg.is_editable(app.progress),
        "returned_reason": pg.returned_reason(app.progress) or None,
        "attempts": [{"number": a.number, "outcome": str(a.outcome) if a.outcome else None, "reason": a.reason or None,
                      "events": [{"status": str(e.status), "at": e.at, "note": e.note} for e in a.events]}
                     for a in pg.attempts(app.progress)],
        "deadlines": [{"kind": d.kind, "due": pg.format_time(d.due), "state": d.state, "estimate": d.estimate,
                       "rule": d.rule.to_dict()} for d in pg.deadlines(app, now)],
        "reminders": [{"due": pg.format_time(r.due), "kind": r.kind, "overdue": r.overdue, "urgent": r.urgent,
                       "message": r.message.to_dict()} for r in pg.reminders(app, now)],
    }


#: How often ``progress`` re-applies its change on fresh data when another writer got in between.
PROGRESS_ATTEMPTS = 5


def _record_progress(store, draft_id: str, args: argparse.Namespace, now, lang: str):
    """Apply the requested progress change and save only what it changed, checked against the version it read.

    Another writer committing between the read and the write makes the save refuse (nothing written); the change is
    then applied again to the fresh draft, a few times at most, and a lasting conflict ends with exit 1.
    """
    from beian_desktop.domain import progress as pg
    from beian_desktop.store import DraftConflict

    for attempt in range(PROGRESS_ATTEMPTS):
        app, version = store.drafts.load_versioned(draft_id)
        base = copy.deepcopy(app)
        changed = False
        try:
            if args.domain_verified:
                pg.set_domain_realname_date(app, args.domain_verified)
                changed = True
            if args.set:
                pg.advance(app, args.set, at=args.at, note=args.note, now=now)
                changed = True
            elif args.sms_done:
                pg.mark_sms_verified(app, at=args.at, now=now)
                changed = True
        except pg.ProgressError as error:
            raise DataError(error.message.text(lang)) from None
        if not changed:
            return app
        try:
            store.drafts.save(draft_id, app, base=base, expected_version=version)
            return app
        except DraftConflict as conflict:
            if attempt == PROGRESS_ATTEMPTS - 1:
                raise DataError(conflict.message.text(lang)) from None
    return app  # pragma: no cover - the loop returns or raises


def cmd_progress(args: argparse.Namespace) -> int:
    from beian_desktop.domain import progress as pg

    if args.note and not args.set:
        raise UsageError(Msg("--note 需要与 --set 一起使用。", "--note needs --set.").text())
    if args.set and args.sms_done:
        raise UsageError(Msg("--set 与 --sms-done 不能同时使用。", "Use --set or --sms-done, not both.").text())
    lang = current_language()
    now = pg.now_cst()
    with _open(args) as store:
        draft_id = store.drafts.resolve(args.id)
        app = _record_progress(store, draft_id, args, now, lang)
    if args.json:
        print(json.dumps(_timeline_json(app, now), ensure_ascii=False))
        return 0
    print(f"{pg.draft_label(app)} · {pg.STATUS_LABELS[pg.S(app.progress.status)].text(lang)}")
    for attempt in pg.attempts(app.progress):
        print(Msg(f"第 {attempt.number} 次提交", f"Attempt {attempt.number}").text(lang))
        for e in attempt.events:
            note = f" — {e.note}" if e.note else ""
            print(f"  {e.at[:16].replace('T', ' ')}  {pg.STATUS_LABELS[pg.S(e.status)].text(lang)}{note}")
    state_names = {"pending": Msg("进行中", "pending"), "done": Msg("已完成", "done"), "overdue": Msg("已超时", "OVERDUE")}
    for d in pg.deadlines(app, now):
        est = Msg("（估计）", " (estimate)").text(lang) if d.estimate else ""
        print(f"  ⏱ {d.title.text(lang)}: {d.due.strftime('%Y-%m-%d %H:%M')}{est} [{state_names[d.state].text(lang)}]")
    for r in pg.reminders(app, now):
        print(f"  {'‼' if r.overdue else '•'} {r.message.text(lang)}")
    return 0
