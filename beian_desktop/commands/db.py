"""`beian-desktop db`: administration of the draft database (a shared office server or the local file).

``db upgrade [--db URL]`` runs the migrations; ``db check [--db URL] [--json]`` checks connectivity, the schema
version and the permissions (exit 1 when something is wrong); ``db copy --from URL --to URL`` copies every draft and
file into an empty database and verifies the copy by hashes; ``db use URL [--station NAME]`` saves this station's
database and name in ``office.json`` (a URL holding a password is refused); ``db password --db URL`` keeps the password of the URL's
user in the OS keyring (read from the terminal, or from stdin with ``--stdin``), so that neither the URL in the
settings nor any file holds it. ``--db`` may be given before ``db`` or after the action.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys

from beian_desktop.cli import DataError, UsageError, database_url
from beian_desktop.i18n import Msg


def register(sub) -> None:  # noqa: ANN001 - argparse sub-parsers action
    parser = sub.add_parser("db", help="check, upgrade and copy the draft database (数据库管理)",
                            description="Administration of the draft database chosen by --db / BEIAN_DESKTOP_DB.")
    actions = parser.add_subparsers(dest="db_command", metavar="ACTION", required=True)

    def with_db(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help="database URL (as the global --db)")
        return p

    p = with_db(actions.add_parser("upgrade", help="create the tables or bring them to this program's version"))
    p.set_defaults(func=cmd_upgrade)
    p = with_db(actions.add_parser("check", help="connectivity, schema version and permissions"))
    p.add_argument("--json", action="store_true", help="one JSON object per check")
    p.set_defaults(func=cmd_check)
    p = actions.add_parser("copy", help="copy all drafts and files into an empty database, verified by hashes")
    p.add_argument("--from", dest="source", metavar="URL", required=True)
    p.add_argument("--to", dest="target", metavar="URL", required=True)
    p.set_defaults(func=cmd_copy)
    p = actions.add_parser("use", help="point this station at a database (saved without a password)")
    p.add_argument("url", metavar="URL", help='database URL, "" for the local SQLite file')
    p.add_argument("--station", metavar="NAME", help="this station's name, recorded with every change")
    p.set_defaults(func=cmd_use)
    p = with_db(actions.add_parser("password", help="keep the server password in the OS keyring"))
    p.add_argument("--stdin", action="store_true", help="read the password from standard input")
    p.set_defaults(func=cmd_password)


def _url(args: argparse.Namespace) -> str | None:
    return database_url(args)


def _safe(url: str | None) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True) if url else "(default SQLite file)"
    except Exception:  # noqa: BLE001
        return "(invalid URL)"


def cmd_upgrade(args: argparse.Namespace) -> int:
    from beian_desktop.store import StoreError, migrate
    from beian_desktop.store.engine import create_engine

    try:
        engine = create_engine(_url(args))
        try:
            before = migrate.current_revision(engine)
            migrate.upgrade(engine)
            after = migrate.current_revision(engine)
        finally:
            engine.dispose()
    except StoreError as error:
        raise DataError(error.message.text()) from None
    if before == after:
        print(Msg("数据库结构已是最新版本 {r}。", "The schema is already current ({r}).").format(r=after).text())
    else:
        print(Msg("数据库结构已从 {a} 升级到 {b}。", "The schema was upgraded from {a} to {b}.").format(
            a=before or "-", b=after).text())
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from beian_desktop.store.admin import check

    report = check(_url(args))
    for item in report.items:
        if args.json:
            print(json.dumps(item.to_json(), ensure_ascii=False))
        else:
            print(("✓ " if item.ok else "✗ ") + item.message.text())
    return 0 if report.ok else 1


def cmd_copy(args: argparse.Namespace) -> int:
    from beian_desktop.office import url_with_password
    from beian_desktop.store import StoreError
    from beian_desktop.store.admin import copy_database

    if args.source == args.target:
        raise UsageError(Msg("--from 与 --to 不能相同。", "--from and --to must differ.").text())
    try:
        result = copy_database(url_with_password(args.source), url_with_password(args.target))
    except StoreError as error:
        raise DataError(error.message.text()) from None
    print(Msg("已复制 {d} 份草稿、{f} 个文件（{n} 个字段）到 {to}，校验值一致。",
              "Copied {d} drafts and {f} files ({n} fields) to {to}; the hashes match.").format(
        d=result.drafts, f=result.files, n=result.fields, to=_safe(args.target)).text())
    return 0


def cmd_use(args: argparse.Namespace) -> int:
    from beian_desktop.office import load_settings, save_settings

    settings = load_settings()
    settings.database = args.url.strip()
    if args.station is not None:
        settings.station = args.station.strip()
    try:
        save_settings(settings)
    except Exception as error:  # PasswordInSettings: nothing written
        from beian_desktop.errors import BeianError

        if isinstance(error, BeianError):
            raise UsageError(error.message.text()) from None
        raise
    print(Msg("本工作站的数据库：{u}；工作站名称：{s}。", "This station's database: {u}; station name: {s}.").format(
        u=_safe(settings.database or None), s=settings.station or "-").text())
    return 0


def cmd_password(args: argparse.Namespace) -> int:
    from beian_desktop.office import store_password

    url = getattr(args, "db", None)
    if not url or not url.startswith("postgresql"):
        raise UsageError(Msg("请用 --db 指定服务器地址（postgresql://用户@主机/数据库）。",
                             "Give the server address with --db (postgresql://user@host/database).").text())
    try:
        password = sys.stdin.readline().rstrip("\n") if args.stdin else getpass.getpass("Password: ")
    except (EOFError, getpass.GetPassWarning):
        password = ""
    if not password:
        raise UsageError(Msg("密码为空。", "The password is empty.").text())
    store_password(url, password)
    print(Msg("密码已保存到系统钥匙串。", "The password is kept in the OS keyring.").text())
    return 0


__all__ = ["register"]
