"""Errors raised by the draft store.

Every error carries a bilingual :class:`~beian_desktop.i18n.Msg`; ``str(exc)`` is the English text and
``exc.message.zh`` the Chinese one, so the CLI and the GUI can show it without a traceback.
Messages never contain form values (personal data) or SQL parameters.
"""

from __future__ import annotations

from beian_desktop.errors import BeianError
from beian_desktop.i18n import Msg


class StoreError(BeianError):
    """Base class of every store error (``detail``: technical detail for logs, never personal data)."""

    default_message = Msg("草稿数据库出错。", "The draft database reported an error.")


class DatabaseLocked(StoreError):
    """Another program holds a write lock on the database for longer than the busy timeout."""

    default_message = Msg(
        "草稿数据库被另一个程序锁定（可能是另一个正在运行的备案接入助手）。请关闭它后重试。",
        "The draft database is locked by another program (perhaps another running Beian Desktop). "
        "Close it and try again.",
    )


class DatabaseCorrupt(StoreError):
    """The file is not a usable draft database (damaged, or not a database at all)."""

    default_message = Msg(
        "草稿数据库文件已损坏或不是草稿数据库。请从备份目录恢复，或换一个文件。",
        "The draft database file is damaged or is not a draft database. Restore it from the backups folder "
        "or choose another file.",
    )


class DatabaseTooNew(StoreError):
    """The database was written by a newer version of the application."""

    default_message = Msg(
        "草稿数据库由更新版本的备案接入助手创建，请升级本程序后再打开。",
        "The draft database was created by a newer version of Beian Desktop. Upgrade this application to open it.",
    )


class DatabaseUnavailable(StoreError):
    """The database cannot be opened or reached (missing permissions, server down, bad URL)."""

    default_message = Msg(
        "无法打开草稿数据库。请检查文件权限或数据库地址。",
        "The draft database cannot be opened. Check the file permissions or the database address.",
    )


class ServerUnavailable(DatabaseUnavailable):
    """The shared database server does not answer (stopped, network down)."""

    @classmethod
    def for_host(cls, host: str, detail: str = "") -> "ServerUnavailable":
        lowered = detail.lower()
        if "password" in lowered or "authentication" in lowered:
            return cls(
                Msg(
                    "草稿数据库服务器 {host} 拒绝了登录：缺少密码或密码错误。请用 beian-desktop db password 保存密码，"
                    "或设置环境变量 PGPASSWORD。",
                    "The draft database server {host} refused the login: the password is missing or wrong. Keep it "
                    "with beian-desktop db password or set PGPASSWORD.",
                ).format(host=host),
                detail=detail,
            )
        return cls(
            Msg(
                "无法连接草稿数据库服务器 {host}。请检查网络，或请管理员检查服务器。",
                "The draft database server {host} cannot be reached. Check the network, or ask the administrator "
                "to check the server.",
            ).format(host=host),
            detail=detail,
        )


class DraftNotFound(StoreError):
    """No draft with this id (or id prefix)."""

    default_message = Msg("找不到该草稿。", "No such draft.")

    @classmethod
    def for_id(cls, draft_id: str) -> "DraftNotFound":
        return cls(Msg("找不到草稿 {id}。", "No draft with id {id}.").format(id=draft_id))


class AmbiguousDraftId(StoreError):
    """An id prefix matches several drafts."""

    @classmethod
    def for_prefix(cls, prefix: str, count: int) -> "AmbiguousDraftId":
        return cls(
            Msg("草稿编号前缀 {p} 对应 {n} 份草稿，请输入更多字符。", "The id prefix {p} matches {n} drafts; type more characters.").format(
                p=prefix, n=count
            )
        )


class DraftConflict(StoreError):
    """Optimistic concurrency: the draft changed elsewhere since it was loaded (its version moved on)."""

    default_message = Msg(
        "该草稿已在其他窗口或其他电脑上修改。请重新打开后再保存。",
        "This draft was changed in another window or on another computer. Reopen it before saving.",
    )

    def __init__(self, message: Msg | None = None, *, detail: str = "", expected: int | None = None,
                 current: int | None = None) -> None:
        super().__init__(message, detail=detail)
        self.expected = expected
        self.current = current

    @classmethod
    def for_versions(cls, expected: int, current: int) -> "DraftConflict":
        return cls(
            Msg(
                "保存冲突：该草稿已在其他窗口或其他电脑上修改（您看到的是第 {e} 版，现在是第 {c} 版），未写入任何内容。请重新加载后再修改。",
                "Save conflict: this draft was changed in another window or on another computer (you saw version {e}, "
                "it is now version {c}); nothing was written. Reload it and make the change again.",
            ).format(e=expected, c=current),
            detail="version differs",
            expected=expected,
            current=current,
        )


class FieldConflict(DraftConflict):
    """The same field was changed by another station (or window) after the version this edit is based on."""

    def __init__(self, message: Msg | None = None, *, detail: str = "", expected: int | None = None,
                 current: int | None = None, station: str = "", at=None, paths: tuple[str, ...] = ()) -> None:  # noqa: ANN001
        super().__init__(message, detail=detail, expected=expected, current=current)
        self.station = station
        self.at = at
        self.paths = paths

    @classmethod
    def for_fields(cls, paths: list[str], station: str | None, at, expected: int, current: int) -> "FieldConflict":  # noqa: ANN001
        from datetime import timedelta, timezone

        when = at.astimezone(timezone(timedelta(hours=8))).strftime("%Y-%m-%d %H:%M:%S") if at else "?"
        who = station or "?"
        more = "…" if len(paths) > 3 else ""
        return cls(
            Msg(
                "此草稿已被 {station} 于 {time}（北京时间）修改（" + "、".join(paths[:3]) + more + "），您的修改未写入。",
                "This draft was changed by {station} at {time} (Beijing time) (" + ", ".join(paths[:3]) + more
                + "); your edit was not written.",
            ).format(station=who, time=when),
            detail="field changed since the base version",
            expected=expected,
            current=current,
            station=who,
            at=at,
            paths=tuple(paths),
        )


class SecretRejected(StoreError):
    """Someone tried to store a secret (the MIIT filing password) in the draft store."""

    default_message = Msg(
        "备案密码不会保存到草稿中。",
        "The MIIT filing password is never saved in a draft.",
    )


class InvalidValue(StoreError):
    """A field value that cannot be stored as JSON."""

    @classmethod
    def for_path(cls, path: str) -> "InvalidValue":
        return cls(
            Msg("字段 {path} 的值无法保存（只支持文字、数字、是/否和列表）。",
                "The value of field {path} cannot be saved (only text, numbers, yes/no and lists).").format(path=path)
        )


class UnknownField(StoreError):
    """A field path that the model does not have (only known paths are stored: see ``fields.is_known_path``)."""

    @classmethod
    def for_path(cls, path: str) -> "UnknownField":
        return cls(
            Msg("未知的字段：{path}（只能保存草稿模型中的字段）。",
                "Unknown field: {path} (only the fields of the draft model can be saved).").format(path=path)
        )


class InvalidDraftFile(StoreError):
    """An imported draft file is not a valid Beian Desktop draft export."""

    @classmethod
    def because(cls, zh: str, en: str) -> "InvalidDraftFile":
        return cls(Msg("草稿文件无效：" + zh, "Invalid draft file: " + en))


class BlobNotFound(StoreError):
    """A stored file (image or document) is missing."""

    @classmethod
    def for_hash(cls, sha256: str) -> "BlobNotFound":
        return cls(Msg("找不到已保存的文件 {h}。", "Stored file {h} is missing.").format(h=sha256[:12]))
