"""`beian-desktop db`: the database's key and privacy settings.

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
    parser = sub.add_parser("db", help="database key, rotation, key transfer and retention (数据库密钥与保留期限)",
                            description="The draft database's encryption key and privacy settings.")
    actions = parser.add_subparsers(dest="db_command", metavar="ACTION", required=True)

    p = actions.add_parser("status", help="what is stored, where and for how long; how the key is kept")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_status)

    p = actions.add_parser("rekey", help="rotate the data key (re-encrypts everything; old backups are deleted)")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--keyring", dest="prefer", action="store_const", const="keyring", help="keep the new key in the OS keyring")
    mode.add_argument("--passphrase", dest="prefer", action="store_const", const="passphrase",
                      help="protect the new key by a passphrase (BEIAN_DESKTOP_PASSPHRASE or a prompt)")
    p.set_defaults(func=cmd_rekey, prefer="auto")

    p = actions.add_parser("export-key", help="write the data key to a passphrase-protected file")
    p.add_argument("--out", metavar="FILE", type=Path, required=True)
    p.set_defaults(func=cmd_export_key)

    p = actions.add_parser("import-key", help="let this machine open a database whose key was exported elsewhere")
    p.add_argument("file", metavar="FILE", type=Path)
    p.set_defaults(func=cmd_import_key)

    p = actions.add_parser("retention", help="show or set the days drafts are kept after approval or deletion")
    p.add_argument("days", metavar="DAYS", type=int, nargs="?",
                   help="0 = purge right after approval, deletion or export (photo stations); default 180")
    p.set_defaults(func=cmd_retention)


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
