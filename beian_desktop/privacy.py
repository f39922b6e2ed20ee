"""What the application stores about people, where, and for how long (shown by the GUI's privacy page and
``beian-desktop db status``), and the notice printed when personal data leaves the encrypted store."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from beian_desktop.i18n import Msg

if TYPE_CHECKING:
    from beian_desktop.store.store import Store

EXPORT_NOTICE = Msg(
    "注意：导出文件包含个人信息（姓名、证件号码、电话、地址、证件照片），未加密。请妥善保管，用完即删；"
    "需要传送时请使用 drafts export --encrypt。",
    "Note: the exported file holds personal data (names, ID numbers, phones, addresses, document pictures) and is "
    "not encrypted. Keep it safe and delete it when done; to send it, use drafts export --encrypt.",
)
PACKAGE_NOTICE = Msg(
    "注意：提交包包含个人信息（证件照片、证件号码、电话），未加密。上传完成后请删除。",
    "Note: the submission package holds personal data (document pictures, ID numbers, phones) and is not "
    "encrypted. Delete it once it is uploaded.",
)


@dataclass(frozen=True)
class PrivacyRow:
    what: Msg
    where: Msg
    how_long: Msg


def privacy_rows(store: "Store") -> list[PrivacyRow]:
    """The privacy page's table for the open database."""
    from beian_desktop.store import retention
    from beian_desktop.store.keys import keyring_status, wrappings

    days = retention.retention_days(store)
    location = Msg(f"SQLite 文件 {store.path}", f"SQLite file {store.path}") if store.path is not None else \
        Msg(f"数据库服务器 {store.engine.url.render_as_string(hide_password=True)}",
            f"database server {store.engine.url.render_as_string(hide_password=True)}")
    kept = Msg(f"备案通过或草稿删除后 {days} 天自动永久删除", f"deleted for good {days} days after approval or deletion") \
        if days else Msg("备案通过、删除或导出提交包后立即永久删除", "deleted for good right after approval, deletion or export")
    with store.engine.connect() as conn:
        kinds = {row["kind"] for row in wrappings(conn)}
    if "keyring" in kinds and keyring_status().usable:
        key_where = Msg("数据密钥加密保存在数据库中；解锁密钥在系统钥匙串：", "data key wrapped in the database; its key in ") \
            + keyring_status().describe()
    else:
        key_where = Msg("数据密钥加密保存在数据库中，由您的口令解锁（口令不保存）",
                        "data key wrapped in the database, unlocked by your passphrase (never stored)")
    return [
        PrivacyRow(Msg("证件号码、人员姓名、电话、电子邮箱、地址、原备案信息、备注（AES-256-GCM 加密）",
                       "ID numbers, names of persons, phones, e-mails, addresses, the original filing record, notes "
                       "(encrypted, AES-256-GCM)"), location, kept),
        PrivacyRow(Msg("证件照片、幕布照片（AES-256-GCM 加密）", "document pictures and backdrop photos (encrypted, AES-256-GCM)"),
                   location, kept),
        PrivacyRow(Msg("主体名称、域名、进度（明文，用于草稿列表）", "subject name, domains, progress (clear, for the draft list)"),
                   location, kept),
        PrivacyRow(Msg("证件号码的带密钥哈希（用于查找，不可还原）", "keyed hash of ID numbers (for lookups; cannot be reversed)"),
                   location, kept),
        PrivacyRow(Msg("数据库密钥", "database key"), key_where, Msg("与数据库相同", "as long as the database")),
        PrivacyRow(Msg("升级前的备份（加密）", "backups made before upgrades (encrypted)"),
                   Msg("数据库旁的 backups 文件夹", "the backups folder beside the database"),
                   Msg("最近 5 份；永久删除草稿时同时从备份中删除", "newest 5; a purged draft is removed from them too")),
        PrivacyRow(Msg("工信部备案密码", "MIIT filing password"), Msg("仅在内存中", "memory only"),
                   Msg("从不保存", "never stored")),
        PrivacyRow(Msg("导出的 JSON 和提交包（未加密，除非使用 --encrypt）",
                       "exported JSON and submission packages (not encrypted unless --encrypt)"),
                   Msg("您选择的位置", "where you save them"), Msg("由您删除", "until you delete them")),
    ]
