"""Administration of a draft database: check it, and copy everything between databases (SQLite ⇄ PostgreSQL).

:func:`check` reports connectivity, the schema revision against this program's, and whether this account may read and
write every table (tried inside a transaction that is rolled back) and create tables (needed by upgrades).
:func:`copy_database` copies every table row by row through the models' types (timestamps, JSON and bytes come out
the same on both backends), in one transaction on the target, then verifies it by hashes: a SHA-256 per table over
the rows read back from the target must equal the one over the source, and every stored file must hash to its key.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from beian_desktop.i18n import Msg
from beian_desktop.store import migrate
from beian_desktop.store.engine import DATABASE_ERRORS
from beian_desktop.store.errors import StoreError
from beian_desktop.store.models import Base, Blob, Draft, DraftField

_CHUNK = 500


@dataclass
class CheckItem:
    name: str
    ok: bool
    message: Msg

    def to_json(self) -> dict[str, Any]:
        return {"check": self.name, "ok": self.ok, "message": self.message.text(), "messages": self.message.to_dict()}


@dataclass
class CheckReport:
    items: list[CheckItem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(i.ok for i in self.items)


def check(url: str) -> CheckReport:
    """Connectivity, schema version and permissions of the database at ``url`` (nothing is changed)."""
    from beian_desktop.store.store import open_store

    report = CheckReport()
    try:
        store = open_store(url, migrate=False)
    except StoreError as error:
        report.items.append(CheckItem("connect", False, error.message))
        return report
    try:
        backend = store.engine.dialect.name
        report.items.append(CheckItem("connect", True, Msg("已连接（{b}）。", "Connected ({b}).").format(b=backend)))
        current, head = store.revision(), migrate.head_revision()
        if current == head:
            report.items.append(CheckItem("schema", True, Msg("数据库结构为最新版本 {r}。", "The schema is current ({r}).").format(r=head)))
        elif current is None or current in migrate.all_revisions():
            report.items.append(CheckItem("schema", False, Msg(
                "数据库结构为 {c}，本程序需要 {h}：请运行 beian-desktop db upgrade。",
                "The schema is at {c}, this program needs {h}: run beian-desktop db upgrade.",
            ).format(c=current or "-", h=head)))
        else:
            report.items.append(CheckItem("schema", False, Msg(
                "数据库结构 {c} 来自更新版本的程序：请升级本程序。",
                "Schema {c} comes from a newer version of the program: upgrade this program.",
            ).format(c=current)))
        if current is not None:
            report.items.append(_write_check(store))
        report.items.append(_create_check(store))
    finally:
        store.close()
    return report


def _write_check(store) -> CheckItem:  # noqa: ANN001
    """Insert, update and delete one row in every table, then roll back: proves the permissions, changes nothing."""
    now = store.now()
    try:
        with store.engine.connect() as conn:
            with conn.begin() as transaction:
                conn.execute(sa.insert(Draft).values(id="0" * 32, created_at=now, updated_at=now))
                conn.execute(sa.insert(DraftField).values(draft_id="0" * 32, path="notes", value="check"))
                conn.execute(sa.update(DraftField).where(DraftField.draft_id == "0" * 32).values(value="x"))
                conn.execute(sa.insert(Blob).values(sha256="0" * 64, size=0, data=b"", created_at=now))
                conn.execute(sa.delete(Blob).where(Blob.sha256 == "0" * 64))
                conn.execute(sa.select(sa.func.count()).select_from(Draft)).scalar()
                transaction.rollback()
    except DATABASE_ERRORS as error:
        return CheckItem("permissions", False, Msg(
            "此账户不能读写草稿表：{e}", "This account cannot read and write the draft tables: {e}"
        ).format(e=str(getattr(error, "orig", error)).splitlines()[0][:200]))
    return CheckItem("permissions", True, Msg("可以读写所有草稿表。", "Every draft table can be read and written."))


def _create_check(store) -> CheckItem:  # noqa: ANN001
    if store.engine.dialect.name != "postgresql":
        return CheckItem("create", True, Msg("可以创建表（升级时需要）。", "Tables can be created (needed by upgrades)."))
    with store.engine.connect() as conn:
        allowed = conn.execute(sa.text("SELECT has_schema_privilege(current_schema(), 'CREATE')")).scalar()
    if allowed:
        return CheckItem("create", True, Msg("可以创建表（升级时需要）。", "Tables can be created (needed by upgrades)."))
    return CheckItem("create", False, Msg(
        "此账户不能在该模式中创建表：升级数据库结构需要数据库的所有者运行 db upgrade。",
        "This account cannot create tables in the schema: the database owner must run db upgrade.",
    ))


# ---- copy -----------------------------------------------------------------------------------------------------------
def _canonical(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "sha256:" + hashlib.sha256(bytes(value)).hexdigest()
    return value


#: the target database has its own data key: values and files are re-encrypted under it, never copied as ciphertext
_OWN_KEY_TABLES = {"store_keys"}


def _plain_row(table: str, row: dict[str, Any], cipher) -> dict[str, Any]:  # noqa: ANN001 - crypto.Cipher
    """A row as it reads decrypted (what a copy must preserve); the keyed lookup hash depends on the key: left out."""
    if cipher is None:
        return row
    if table == "draft_fields":
        row = {k: v for k, v in row.items() if k != "lookup"}
        row["value"] = cipher.open_value(row["draft_id"], row["path"], row["value"])
    elif table == "blobs":
        row = dict(row, data=bytes(cipher.open_blob(row["sha256"], bytes(row["data"]))))
    return row


def _recrypted(table: str, row: dict[str, Any], source, target) -> dict[str, Any]:  # noqa: ANN001 - crypto.Cipher
    if table == "draft_fields":
        plain = source.open_value(row["draft_id"], row["path"], row["value"])
        return dict(row, value=target.seal_value(row["draft_id"], row["path"], plain), lookup=target.lookup(row["path"], plain))
    if table == "blobs":
        plain = bytes(source.open_blob(row["sha256"], bytes(row["data"])))
        return dict(row, data=target.seal_blob(row["sha256"], plain))
    return row


def table_digests(engine, cipher=None) -> dict[str, tuple[int, str]]:  # noqa: ANN001
    """Per table: (row count, SHA-256 over its decrypted rows in primary-key order, through the models' types)."""
    digests: dict[str, tuple[int, str]] = {}
    with engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            if table.name in _OWN_KEY_TABLES:
                continue
            digest, count = hashlib.sha256(), 0
            query = sa.select(table).order_by(*table.primary_key.columns)
            for row in conn.execute(query):
                plain = _plain_row(table.name, dict(row._mapping), cipher)
                data = {k: _canonical(v) for k, v in plain.items()}
                digest.update(json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode() + b"\n")
                count += 1
            digests[table.name] = (count, digest.hexdigest())
    return digests


@dataclass
class CopyResult:
    drafts: int
    files: int
    fields: int


class CopyError(StoreError):
    pass


def copy_database(source_url: str, target_url: str) -> CopyResult:
    """Copy every draft, field and file from ``source_url`` into the empty database at ``target_url`` (created and
    migrated if needed); the source is only read. Raises :class:`CopyError` when it cannot or the hashes differ."""
    from beian_desktop.store.store import open_store

    source = open_store(source_url, migrate=False)
    try:
        if source.revision() != migrate.head_revision():
            raise CopyError(Msg(
                "源数据库的结构不是最新版本：请先对它运行 beian-desktop db upgrade。",
                "The source database's schema is not current: run beian-desktop db upgrade on it first.",
            ))
        target = open_store(target_url)
        try:
            with target.session() as session:
                if session.execute(sa.select(sa.func.count()).select_from(Draft)).scalar():
                    raise CopyError(Msg(
                        "目标数据库中已有草稿：只能复制到空数据库。",
                        "The target database already holds drafts: copy only into an empty database.",
                    ))
            try:
                with source.engine.connect() as src, target.engine.begin() as dst:
                    for table in Base.metadata.sorted_tables:
                        if table.name in _OWN_KEY_TABLES:
                            continue
                        dst.execute(sa.delete(table))  # the new database's defaults (settings) give way to the source's
                        result = src.execution_options(yield_per=_CHUNK).execute(sa.select(table))
                        for rows in result.partitions(_CHUNK):
                            dst.execute(sa.insert(table), [
                                _recrypted(table.name, dict(r._mapping), source.cipher, target.cipher) for r in rows
                            ])
            except DATABASE_ERRORS as error:
                raise target._translate(error) from None
            expected, copied = table_digests(source.engine, source.cipher), table_digests(target.engine, target.cipher)
            if expected != copied:
                raise CopyError(Msg("复制后的校验值不一致。", "The copy does not match the source (hash check)."),
                                detail=str({k: (expected[k][0], copied[k][0]) for k in expected}))
            for sha, data in _blob_rows(target.engine):
                if hashlib.sha256(target.cipher.open_blob(sha, data)).hexdigest() != sha:
                    raise CopyError(Msg("复制后的文件已损坏。", "A copied file is damaged."), detail=sha[:12])
            return CopyResult(drafts=copied["drafts"][0], files=copied["blobs"][0], fields=copied["draft_fields"][0])
        finally:
            target.close()
    finally:
        source.close()


def _blob_rows(engine):  # noqa: ANN001, ANN202
    with engine.connect() as conn:
        for sha, data in conn.execute(sa.select(Blob.sha256, Blob.data)):
            yield sha, bytes(data)
