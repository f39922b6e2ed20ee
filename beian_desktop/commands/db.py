"""`beian-desktop db`: administration of the draft database (a shared office server or the local file).

``db upgrade [--db URL]`` runs the migrations; ``db check [--db URL] [--json]`` checks connectivity, the schema
version and the permissions (exit 1 when something is wrong); ``db copy --from URL --to URL`` copies every draft and
file into an empty database and verifies the copy by hashes; ``db use URL [--station NAME]`` saves this station's
database and name in ``office.json`` (a URL holding a password is refused); ``db password --db URL`` keeps the password of the URL's
user in the OS keyring (read from the terminal, or from stdin with ``--stdin``), so that neither the URL in the
settings nor any file holds it. ``--db`` may be given before ``db`` or after the action.

The database's key and privacy settings:

``db status [--json]``                       what is stored, where, for how long; how the key is kept
``db rekey [--keyring|--passphrase]``         rotate the data key (everything re-encrypted in one transaction)
``db export-key --out FILE``                  the data key in a passphrase-protected file
``db import-key FILE``                        add this machine's access to a database from another machine
``db retention [DAYS]``                       show or set how many days drafts are kept after approval or deletion

File passphrases (export-key, import-key, ``drafts export --encrypt``): ``BEIAN_DESKTOP_FILE_PASSPHRASE`` or a prompt.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path

from beian_desktop.cli import DataError, UsageError, database_url
from beian_desktop.i18n import Msg
from beian_desktop.paths import write_private

FILE_PASSPHRASE_ENV = "BEIAN_DESKTOP_FILE_PASSPHRASE"


def register(sub) -> None:  # noqa: ANN001 - argparse sub-parsers action
    parser = sub.add_parser("db", help="check, upgrade, copy the draft database; its key and retention (数据库管理)",
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

    p = with_db(actions.add_parser("status", help="what is stored, where and for how long; how the key is kept"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_status)

    p = with_db(actions.add_parser("rekey", help="rotate the data key (re-encrypts everything; old backups are deleted)"))
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--keyring", dest="prefer", action="store_const", const="keyring", help="keep the new key in the OS keyring")
    mode.add_argument("--passphrase", dest="prefer", action="store_const", const="passphrase",
                      help="protect the new key by a passphrase (BEIAN_DESKTOP_PASSPHRASE or a prompt)")
    p.set_defaults(func=cmd_rekey, prefer="auto")

    p = with_db(actions.add_parser("export-key", help="write the data key to a passphrase-protected file"))
    p.add_argument("--out", metavar="FILE", type=Path, required=True)
    p.set_defaults(func=cmd_export_key)

    p = with_db(actions.add_parser("import-key", help="let this machine open a database whose key was exported elsewhere"))
    p.add_argument("file", metavar="FILE", type=Path)
    p.set_defaults(func=cmd_import_key)

    p = with_db(actions.add_parser("retention", help="show or set the days drafts are kept after approval or deletion"))
    p.add_argument("days", metavar="DAYS", type=int, nargs="?",
                   help="0 = purge right after approval, deletion or export (photo stations); default 180")
    p.set_defaults(func=cmd_retention)


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


def file_passphrase(*, new: bool) -> str:
    """The passphrase of a key file or encrypted export: the environment, else the terminal (twice when new)."""
    env = os.environ.get(FILE_PASSPHRASE_ENV)
    if env:
        return env
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        raise UsageError(Msg(f"请设置环境变量 {FILE_PASSPHRASE_ENV}，或在终端中运行以输入文件口令。",
                             f"Set {FILE_PASSPHRASE_ENV}, or run in a terminal to type the file's passphrase.").text())
    first = getpass.getpass(Msg("文件口令：", "File passphrase: ").text())
    if new and getpass.getpass(Msg("再次输入：", "Repeat: ").text()) != first:
        raise UsageError(Msg("两次输入不一致。", "The two entries differ.").text())
    return first


def _open(args: argparse.Namespace):
    from beian_desktop.commands.drafts import open_store_for

    return open_store_for(args)


def cmd_status(args: argparse.Namespace) -> int:
    from beian_desktop.privacy import privacy_rows
    from beian_desktop.store import retention
    from beian_desktop.store.keys import keyring_status

    with _open(args) as store:
        rows = privacy_rows(store)
        days = retention.retention_days(store)
    status = keyring_status()
    if args.json:
        print(json.dumps({"retention_days": days, "keyring": {"usable": status.usable, "backend": status.name,
                                                              "refused": status.refused},
                          "stored": [{"what": r.what.text(), "where": r.where.text(), "how_long": r.how_long.text()}
                                     for r in rows]}, ensure_ascii=False))
        return 0
    for r in rows:
        print(f"- {r.what.text()}\n    {r.where.text()}\n    {r.how_long.text()}")
    print(Msg("钥匙串：", "Keyring: ").text() + status.describe().text())
    return 0


def cmd_rekey(args: argparse.Namespace) -> int:
    from beian_desktop.store.keyops import rekey

    with _open(args) as store:
        rekey(store, prefer=args.prefer)
    print(Msg("已更换数据密钥，全部内容已用新密钥重新加密；旧备份已安全删除。",
              "The data key was replaced and everything re-encrypted under the new key; old backups were "
              "securely deleted.").text())
    return 0


def cmd_export_key(args: argparse.Namespace) -> int:
    from beian_desktop.store.keyops import export_key

    passphrase = file_passphrase(new=True)
    with _open(args) as store:
        content = export_key(store, passphrase)
    try:
        write_private(args.out, content)
    except OSError as error:
        raise DataError(Msg("无法写入 {f}：{e}", "Cannot write {f}: {e}").format(f=args.out, e=error.strerror).text()) from None
    print(Msg("密钥已写入 {f}（由口令保护）。请将文件与口令分开保管。",
              "Key written to {f} (protected by the passphrase). Keep the file and the passphrase apart.")
          .format(f=args.out).text())
    return 0


def cmd_import_key(args: argparse.Namespace) -> int:
    from beian_desktop.store import StoreError
    from beian_desktop.store.engine import create_engine
    from beian_desktop.store.keyops import import_key
    from beian_desktop.store.keys import KeySource

    try:
        content = args.file.read_bytes()
    except OSError as error:
        raise DataError(Msg("无法读取 {f}：{e}", "Cannot read {f}: {e}").format(f=args.file, e=error.strerror).text()) from None
    passphrase = file_passphrase(new=False)
    try:
        engine = create_engine(database_url(args))
        try:
            import_key(engine, content, passphrase, KeySource())
        finally:
            engine.dispose()
    except StoreError as error:
        raise DataError(error.message.text()) from None
    print(Msg("密钥已导入，本机现在可以打开该草稿数据库。", "Key imported: this machine can now open the draft database.").text())
    return 0


def cmd_retention(args: argparse.Namespace) -> int:
    from beian_desktop.store import retention

    with _open(args) as store:
        if args.days is not None:
            retention.set_retention_days(store, args.days)
        days = retention.retention_days(store)
    print(days)
    return 0
