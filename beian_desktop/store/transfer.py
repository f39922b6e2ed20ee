"""Import and export of one draft as JSON (a file the user can keep, mail or move to another computer).

Format::

    {"format": "beian-desktop-draft", "version": 1,
     "exported_at": "2026-01-01T00:00:00+00:00", "app_version": "0.1.0",
     "draft": Application.to_dict(),
     "files": {sha256: base64 of the bytes}, "media_types": {sha256: "image/jpeg"}}

Import checks the format and version, verifies that every file's bytes hash to its key and that every file the draft
references is included (or already stored), refuses files the draft does not use (nothing unused is stored), strips
anything that names a password, and creates a *new* draft. :func:`read_export_file` reads such a file safely (size
limit, nesting depth, overlong numbers: a clear message, never a traceback).
"""

from __future__ import annotations

import base64
import binascii
from typing import TYPE_CHECKING, Any

from beian_desktop import __version__
from beian_desktop.domain.model import SCHEMA_VERSION, Application
from beian_desktop.store import fields as F
from beian_desktop.store.blobs import SHA256_RE, sha256_hex
from beian_desktop.store.errors import InvalidDraftFile, StoreError
from beian_desktop.store.models import Blob

if TYPE_CHECKING:
    from beian_desktop.store.store import Store

FORMAT = "beian-desktop-draft"
VERSION = 1


def export_draft(store: "Store", draft_id: str) -> dict[str, Any]:
    app = store.drafts.load(draft_id)
    flat = F.scrub_flat(app.to_flat())
    files: dict[str, str] = {}
    media_types: dict[str, str] = {}
    for digest in sorted(F.file_hashes(flat)):
        files[digest] = base64.b64encode(store.blobs.get(digest)).decode("ascii")
        media_types[digest] = store.blobs.media_type(digest)
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": store.now().isoformat(),
        "app_version": __version__,
        "draft": F.scrub(app.to_dict()),
        "files": files,
        "media_types": media_types,
    }


def _invalid(zh: str, en: str) -> InvalidDraftFile:
    return InvalidDraftFile.because(zh, en)


def parse_export(data: Any) -> tuple[Application, dict[str, bytes], dict[str, str]]:
    """Validate an export and return the application, the decoded files and their media types."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _invalid("不是备案接入助手导出的草稿。", "not a Beian Desktop draft export.")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _invalid("缺少格式版本。", "the format version is missing.")
    if version > VERSION:
        raise _invalid("由更新版本的程序导出，请升级后再导入。", "it was exported by a newer version; upgrade to import it.")
    draft = data.get("draft")
    if not isinstance(draft, dict):
        raise _invalid("缺少草稿内容。", "the draft content is missing.")
    schema = draft.get("schema_version", SCHEMA_VERSION)
    if isinstance(schema, int) and not isinstance(schema, bool) and schema > SCHEMA_VERSION:
        raise _invalid("草稿由更新版本的程序创建。", "the draft was made by a newer version.")
    raw_files = data.get("files", {})
    media = data.get("media_types", {})
    if not isinstance(raw_files, dict) or not isinstance(media, dict):
        raise _invalid("文件列表格式错误。", "the file list is malformed.")
    files: dict[str, bytes] = {}
    for digest, encoded in raw_files.items():
        if not isinstance(digest, str) or not SHA256_RE.match(digest) or not isinstance(encoded, str):
            raise _invalid("文件列表格式错误。", "the file list is malformed.")
        try:
            content = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            raise _invalid("文件内容编码错误。", "a file is not valid base64.") from None
        if sha256_hex(content) != digest:
            raise _invalid("文件内容与校验值不符（文件已损坏或被修改）。", "a file does not match its hash (damaged or altered).")
        files[digest] = content
    try:
        app = Application.from_dict(F.scrub(draft))
        F.prepare_flat(app)
    except StoreError:
        raise _invalid("草稿内容含有无法保存的字段。", "the draft contains fields that cannot be stored.") from None
    except (TypeError, ValueError, AttributeError, KeyError, IndexError):
        raise _invalid("草稿内容格式错误。", "the draft content is malformed.") from None
    types = {k: v for k, v in media.items() if isinstance(k, str) and isinstance(v, str)}
    return app, files, types


#: A draft export holds the draft and its pictures (base64): this bounds what one import may read.
MAX_EXPORT_BYTES = 600 * 1024 * 1024


def read_export_file(path, *, passphrase=None) -> Any:  # noqa: ANN001
    """The parsed JSON of a draft export at ``path``; :class:`InvalidDraftFile` when it cannot be read safely.

    An encrypted export (``drafts export --encrypt``, :mod:`beian_desktop.store.sealed_file`) is decrypted with the
    passphrase ``passphrase()`` returns (a callable, asked only when the file is encrypted).
    """
    from pathlib import Path

    from beian_desktop.errors import JsonInputError, load_json
    from beian_desktop.i18n import Msg

    path = Path(path)
    try:
        if not path.is_file():
            raise _invalid("找不到文件或不是普通文件。", "the file does not exist or is not a regular file.")
        if path.stat().st_size > MAX_EXPORT_BYTES:
            raise _invalid("文件过大。", "the file is too large.")
        content = path.read_bytes()
        from beian_desktop.store.sealed_file import is_sealed, open_sealed

        if is_sealed(content):
            if passphrase is None:
                raise _invalid("文件已加密，需要口令。", "the file is encrypted; a passphrase is needed.")
            content = open_sealed(content, passphrase())
        return load_json(content, what=Msg("该文件", "The file"))
    except JsonInputError as exc:
        raise InvalidDraftFile(Msg("草稿文件无效：", "Invalid draft file: ") + exc.message) from None
    except OSError as exc:
        raise _invalid(f"无法读取（{exc.strerror}）。", f"it cannot be read ({exc.strerror}).") from None


def import_draft(store: "Store", data: Any) -> str:
    app, files, media_types = parse_export(data)
    needed = F.file_hashes(F.scrub_flat(app.to_flat()))
    if set(files) - needed:
        raise _invalid("含有草稿未使用的文件。", "it holds files the draft does not use.")
    with store.session(write=True) as session:
        missing = [h for h in needed if h not in files and session.get(Blob, h) is None]
        if missing:
            raise _invalid("草稿引用的文件未包含在导出中。", "the draft refers to files that are not included.")
        for digest, content in files.items():
            store.blobs.put_in(session, content, media_type=media_types.get(digest, ""))
        return store.drafts.insert_in(session, app)
