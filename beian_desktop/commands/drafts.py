"""`beian-desktop drafts`: list, show, export, import and delete drafts without the GUI.

``beian-desktop [--db URL] drafts list [--json] [--all]``, ``drafts show ID [--json]``, ``drafts export ID [--out FILE]``,
``drafts import FILE``, ``drafts delete ID [--purge]``, ``drafts set ID PATH=VALUE... [--if-version N] [--json]``.
``ID`` may be a unique prefix of a draft id.

``drafts set`` writes the fields in one transaction and prints the draft's new version (``{"id", "version"}`` with
``--json``); ``--if-version N`` writes only if the draft is still at version N. A version conflict, an unknown path
or an invalid value exits 1 with nothing written.

Other modules add subcommands through :func:`drafts_subparsers` (the ``drafts`` sub-parsers object of the parser
being built; ``beian_desktop.cli.COMMAND_MODULES`` registers ``drafts`` before the GUI commands) and open the database
with :func:`open_store_for`, which turns store errors into the CLI's exit codes.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from beian_desktop.cli import DataError, database_url
from beian_desktop.i18n import Msg
from beian_desktop.paths import write_private

_SUBPARSERS: argparse._SubParsersAction | None = None


def drafts_subparsers() -> argparse._SubParsersAction:
    """The ``drafts`` sub-parsers of the most recently built parser (to add e.g. ``drafts create-sample``)."""
    if _SUBPARSERS is None:
        raise RuntimeError("beian_desktop.commands.drafts.register() has not run yet")
    return _SUBPARSERS


def register(sub) -> None:  # noqa: ANN001 - argparse sub-parsers action
    global _SUBPARSERS
    parser = sub.add_parser(
        "drafts",
        help="list, show, export, import and delete drafts (草稿管理)",
        description="Manage the drafts in the database chosen by --db / BEIAN_DESKTOP_DB. "
        "ID may be a unique prefix of a draft id.",
    )
    actions = parser.add_subparsers(dest="drafts_command", metavar="ACTION", required=True)
    _SUBPARSERS = actions

    p = actions.add_parser("list", help="list drafts, most recently changed first")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.add_argument("--all", action="store_true", help="include deleted drafts")
    p.set_defaults(func=cmd_list)

    p = actions.add_parser("show", help="print one draft")
    p.add_argument("id", metavar="ID")
    p.add_argument("--json", action="store_true", help="the draft as JSON")
    p.set_defaults(func=cmd_show)

    p = actions.add_parser("export", help="export a draft with its files as JSON")
    p.add_argument("id", metavar="ID")
    p.add_argument("--out", metavar="FILE", type=Path, help="write to FILE instead of standard output")
    p.add_argument("--encrypt", action="store_true",
                   help="protect the file with a passphrase (BEIAN_DESKTOP_FILE_PASSPHRASE or a prompt; needs --out)")
    p.set_defaults(func=cmd_export)

    p = actions.add_parser("import", help="import a draft exported as JSON, or a submission package (.zip or folder); prints the new id")
    p.add_argument("file", metavar="FILE", type=Path)
    p.set_defaults(func=cmd_import)

    p = actions.add_parser("delete", help="move a draft to the bin (or remove it for good with --purge)")
    p.add_argument("id", metavar="ID")
    p.add_argument("--purge", action="store_true", help="remove the draft for good (no undo)")
    p.set_defaults(func=cmd_delete)

    p = actions.add_parser(
        "set",
        help="set fields of a draft (PATH=VALUE, e.g. contact.phone=13800138000); prints the new version",
        description="Set one or more fields in one transaction. PATH is a field path as `drafts show` prints it "
        "(subject.name, websites.0.domains, progress.status ...); text fields take VALUE as it is, yes/no fields "
        "true/false, lists and the original record JSON. Exit 1 on an unknown path, an invalid value or a version "
        "conflict, with nothing written.",
    )
    p.add_argument("id", metavar="DRAFT")
    p.add_argument("assignments", nargs="+", metavar="PATH=VALUE")
    p.add_argument("--if-version", type=int, metavar="N", dest="if_version",
                   help="write only if the draft is still at version N (else exit 1)")
    p.add_argument("--json", action="store_true", help='print {"id", "version"}')
    p.set_defaults(func=cmd_set)

    p = actions.add_parser("purge-expired",
                           help="delete for good the drafts kept longer than the retention (db retention)")
    p.add_argument("--dry-run", action="store_true", help="only list what would be deleted")
    p.add_argument("--json", action="store_true", help="one JSON object per draft")
    p.set_defaults(func=cmd_purge_expired)

    p = actions.add_parser("find", help="list the drafts holding an ID/certificate number (by its keyed hash)")
    p.add_argument("number", metavar="ID_NUMBER")
    p.set_defaults(func=cmd_find)


@contextmanager
def open_store_for(args: argparse.Namespace) -> Iterator[Any]:
    """Open the store selected by ``--db`` / ``BEIAN_DESKTOP_DB``; store errors become :class:`DataError`."""
    from beian_desktop.store import StoreError, open_store

    try:
        store = open_store(database_url(args))
    except StoreError as error:
        raise DataError(error.message.text()) from None
    try:
        yield store
    except StoreError as error:
        raise DataError(error.message.text()) from None
    finally:
        store.close()


def _line(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def cmd_list(args: argparse.Namespace) -> int:
    with open_store_for(args) as store:
        drafts = store.drafts.list(include_deleted=args.all)
    if args.json:
        for summary in drafts:
            print(_line(summary.to_json()))
        return 0
    if not drafts:
        print(Msg("没有草稿。", "No drafts.").text())
        return 0
    untitled = Msg("（无标题）", "(untitled)").text()
    deleted = Msg("已删除", "deleted").text()
    for s in drafts:
        changed = s.updated_at.astimezone().strftime("%Y-%m-%d %H:%M")
        problems = "-" if s.problems is None else str(s.problems)
        mark = f"  [{deleted}]" if s.deleted else ""
        print(f"{s.id[:8]}  {changed}  {s.flow or '-':<15}  {s.step:<12}  {s.status:<18}  {problems:>3}  {s.title or untitled}{mark}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with open_store_for(args) as store:
        draft_id = store.drafts.resolve(args.id)
        summary = store.drafts.summary(draft_id)
        flat = store.drafts.fields(draft_id)
        for problem in store.drafts.damaged_fields(draft_id):  # the rest of the draft still shows
            print(f"beian-desktop: {problem.message.text()}", file=sys.stderr)
    if args.json:
        from beian_desktop.domain.model import Application
        from beian_desktop.store.fields import scrub

        app = Application.from_flat(flat)  # what store.drafts.load returns, without reading the fields again
        print(json.dumps({"summary": summary.to_json(), "draft": scrub(app.to_dict())}, ensure_ascii=False, indent=2))
        return 0
    print(f"id: {summary.id}")
    print(f"title: {summary.title}")
    print(f"updated_at: {summary.updated_at.isoformat()}")
    for path in sorted(flat):
        value = flat[path]
        if value in ("", None, [], {}, False):
            continue
        print(f"{path}: {value if isinstance(value, str) else _line(value)}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from beian_desktop.privacy import EXPORT_NOTICE

    if args.encrypt and args.out is None:
        from beian_desktop.cli import UsageError

        raise UsageError(Msg("--encrypt 需要 --out FILE。", "--encrypt needs --out FILE.").text())
    passphrase = None
    if args.encrypt:
        from beian_desktop.commands.db import file_passphrase

        passphrase = file_passphrase(new=True)
    with open_store_for(args) as store:
        data = store.drafts.export_json(store.drafts.resolve(args.id))
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    content = text.encode("utf-8")
    if passphrase is not None:
        from beian_desktop.store import StoreError
        from beian_desktop.store.sealed_file import seal

        try:
            content = seal(content, passphrase)
        except StoreError as error:
            raise DataError(error.message.text()) from None
    else:
        print(EXPORT_NOTICE.text(), file=sys.stderr)
    if args.out is None:
        sys.stdout.write(text)
        return 0
    try:
        write_private(args.out, content)  # owner-only (0600): it holds ID numbers and photos
    except OSError as error:
        raise DataError(Msg("无法写入 {f}：{e}", "Cannot write {f}: {e}").format(f=args.out, e=error.strerror).text()) from None
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    if args.file.suffix.lower() == ".zip" or args.file.is_dir():  # a submission package (beian-desktop export)
        from beian_desktop.commands.export import import_package_command

        return import_package_command(args)
    from beian_desktop.store import StoreError
    from beian_desktop.store.transfer import read_export_file

    if not args.file.exists():
        raise DataError(Msg("找不到文件 {f}。", "File not found: {f}").format(f=args.file).text())
    try:
        data = read_export_file(args.file, passphrase=_import_passphrase)
    except StoreError as error:
        raise DataError(error.message.text()) from None
    with open_store_for(args) as store:
        print(imported(store, store.drafts.import_json(data)))
    return 0


def imported(store: Any, draft_id: str) -> str:
    """After an import: count the new draft's problems for the list (as the GUI does); returns ``draft_id``."""
    from beian_desktop.export.problems import record_problem_count

    record_problem_count(store, draft_id)
    return draft_id


def cmd_delete(args: argparse.Namespace) -> int:
    with open_store_for(args) as store:
        draft_id = store.drafts.resolve(args.id)
        store.drafts.delete(draft_id)
        if args.purge:
            store.drafts.purge(ids=[draft_id])
            print(Msg("已永久删除草稿 {id}。", "Draft {id} removed for good.").format(id=draft_id).text())
        else:
            print(Msg("草稿 {id} 已移到回收站（可撤销）。", "Draft {id} moved to the bin (can be undone).").format(id=draft_id).text())
    return 0


def cmd_set(args: argparse.Namespace) -> int:
    from beian_desktop.cli import UsageError
    from beian_desktop.store import StoreError
    from beian_desktop.store import fields as F

    raw: dict[str, str] = {}
    for item in args.assignments:
        path, sep, text = item.partition("=")
        if not sep or not path:
            raise UsageError(Msg("参数应为 PATH=VALUE：{a}", "expected PATH=VALUE: {a}").format(a=item[:60]).text())
        raw[path.strip()] = text
    try:
        values = {path: F.value_from_text(path, text) for path, text in raw.items()}
    except StoreError as error:
        raise DataError(error.message.text()) from None
    with open_store_for(args) as store:
        draft_id = store.drafts.resolve(args.id)
        version = store.drafts.set_fields(draft_id, values, expected_version=args.if_version)
        imported(store, draft_id)  # the list's problem count follows (a derived column: not a new version)
    if args.json:
        print(_line({"id": draft_id, "version": version}))
    else:
        print(version)
    return 0


__all__ = ["drafts_subparsers", "imported", "open_store_for", "register"]


def _import_passphrase() -> str:
    from beian_desktop.commands.db import file_passphrase

    return file_passphrase(new=False)


def cmd_purge_expired(args: argparse.Namespace) -> int:
    from beian_desktop.store import retention

    with open_store_for(args) as store:
        days = retention.retention_days(store)
        done = retention.purge_expired(store, dry_run=args.dry_run)
    if args.json:
        for item in done:
            print(_line(dict(item.to_json(), purged=not args.dry_run)))
        return 0
    reasons = {"approved": Msg("已通过", "approved"), "abandoned": Msg("已删除", "deleted")}
    for item in done:
        print(f"{item.summary.id[:8]}  {reasons[item.reason].text():<8}  {item.summary.title}")
    if args.dry_run:
        print(Msg("保留期 {d} 天：将永久删除 {n} 份草稿（未执行）。", "Retention {d} days: {n} drafts would be deleted for "
                  "good (dry run).").format(d=days, n=len(done)).text())
    else:
        print(Msg("保留期 {d} 天：已永久删除 {n} 份草稿。", "Retention {d} days: {n} drafts deleted for good.")
              .format(d=days, n=len(done)).text())
    return 0


def cmd_find(args: argparse.Namespace) -> int:
    with open_store_for(args) as store:
        for draft_id in store.drafts.find_by_id_number(args.number):
            summary = store.drafts.summary(draft_id)
            print(f"{draft_id[:8]}  {summary.title}")
    return 0
