"""``manifest.json`` of a submission package: schema version 1 (documented in ``docs/manifest.md``).

A package is a folder or a zip holding the upload-ready documents and photo, a printable checklist and this manifest::

    {
      "format": "beian-desktop-package",
      "schema_version": 1,
      "app_version": "0.1.0",
      "created_at": "2026-06-01T09:30:00+08:00",
      "language": "zh_CN",
      "complete": true,                    # false: exported with --allow-draft while problems remained
      "problems": [{"path": ..., "severity": "error"|"warning", "message": {"zh_CN": ..., "en": ...}}],
      "filing_type": {"flow": "new_access", "name": {"zh_CN": "新增接入备案", "en": "New access filing"}},
      "application": { ...Application.to_dict(), secrets stripped... },
      "files": [{"path": "网站负责人-身份证-正面.jpg", "type": "resident_id", "bytes": 123456, "sha256": "…",
                 "role": "upload"|"original"|"checklist", "slot": "owner.resident_id.front",
                 "normalized": true, "original_sha256": "…", "check": {...}}],
      "rules": [{"kind": "sms_verification", "id": "…", "effective_date": "2020-08-17", "source": "…"}, ...]
    }

This module builds and validates that structure; :mod:`beian_desktop.export.package` writes and reads the files.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from typing import Any

from beian_desktop.errors import BeianError
from beian_desktop.domain.labels import FLOW_LABELS
from beian_desktop.domain.model import Flow
from beian_desktop.i18n import Msg

FORMAT = "beian-desktop-package"
SCHEMA_VERSION = 1
MANIFEST_NAME = "manifest.json"
FILE_ROLES = ("upload", "original", "checklist")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")

FLOW_NAMES = {flow.value: FLOW_LABELS[flow.value] for flow in Flow}  # the one label catalogue (domain.labels)


class ManifestError(BeianError, ValueError):
    """The manifest is missing, unreadable or does not follow the schema; ``message`` is shown to the user."""

    def __init__(self, message: Msg):
        super().__init__(message)


def filing_type(flow: str | None) -> dict[str, Any]:
    name = FLOW_NAMES.get(flow or "")
    return {"flow": flow or None, "name": name.to_dict() if name else None}


def rules_snapshot(on: date) -> list[dict[str, Any]]:
    """Ids, dates and sources of every rule in force on ``on``: the domain rule set and the timeline's own rules."""
    from beian_desktop.domain import progress

    out: list[dict[str, Any]] = []
    try:
        from beian_desktop.domain.rules import rules_in_force
    except ImportError:  # pragma: no cover - the domain rules module is part of the app
        ruleset = None
    else:
        ruleset = rules_in_force(on)
    if ruleset is not None:
        for f in dataclasses.fields(ruleset):
            value = getattr(ruleset, f.name)
            for item in value if isinstance(value, (tuple, list)) else [value]:
                if hasattr(item, "source") and hasattr(item, "effective_date"):
                    out.append({"kind": f.name, "id": str(getattr(item, "id", f.name)),
                                "effective_date": item.effective_date.isoformat(), "source": item.source})
    for rule in progress.rules_in_force(on):
        if rule.kind == "domain_realname_sync" or ruleset is None:  # the others come from the domain rule set
            out.append({"kind": rule.kind, "id": rule.id, "effective_date": rule.effective_date.isoformat(),
                        "source": rule.source})
    return out


def _bad(zh: str, en: str) -> ManifestError:
    return ManifestError(Msg("清单文件 manifest.json 无效：" + zh, "Invalid manifest.json: " + en))


def validate(manifest: Any) -> dict[str, Any]:
    """Check the structure of a parsed manifest; returns it, or raises :class:`ManifestError`."""
    if not isinstance(manifest, dict):
        raise _bad("顶层不是对象。", "the top level is not an object.")
    if manifest.get("format") != FORMAT:
        raise _bad("不是备案接入助手的提交包。", "this is not a Beian Desktop submission package.")
    version = manifest.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise _bad("缺少 schema_version。", "schema_version is missing.")
    if version > SCHEMA_VERSION:
        raise ManifestError(Msg(f"该提交包由更新版本的备案接入助手生成（格式版本 {version}），请升级本软件后再导入。",
                                f"The package was made by a newer Beian Desktop (schema version {version}); "
                                "update the app to import it."))
    if version != SCHEMA_VERSION:
        raise _bad(f"不支持的格式版本 {version}。", f"unsupported schema version {version}.")
    if not isinstance(manifest.get("application"), dict):
        raise _bad("缺少申请数据（application）。", "the application data is missing.")
    files = manifest.get("files")
    if not isinstance(files, list):
        raise _bad("缺少文件列表（files）。", "the file list is missing.")
    seen: set[str] = set()
    for index, entry in enumerate(files):
        if not isinstance(entry, dict):
            raise _bad(f"files[{index}] 不是对象。", f"files[{index}] is not an object.")
        path, size, digest = entry.get("path"), entry.get("bytes"), entry.get("sha256")
        if not isinstance(path, str) or not path:
            raise _bad(f"files[{index}] 缺少 path。", f"files[{index}] has no path.")
        if not isinstance(size, int) or isinstance(size, bool) or size < 0:
            raise _bad(f"{path} 的大小（bytes）无效。", f"the size (bytes) of {path} is invalid.")
        if not isinstance(digest, str) or not _SHA256.match(digest):
            raise _bad(f"{path} 的 SHA-256 无效。", f"the SHA-256 of {path} is invalid.")
        if not isinstance(entry.get("type"), str):
            raise _bad(f"{path} 缺少类型（type）。", f"{path} has no type.")
        if entry.get("role", "upload") not in FILE_ROLES:
            raise _bad(f"{path} 的 role 无效。", f"the role of {path} is invalid.")
        key = path.casefold()
        if key in seen or key == MANIFEST_NAME:
            raise _bad(f"文件 {path} 重复列出。", f"the file {path} is listed twice.")
        seen.add(key)
    from beian_desktop.schemas import problems

    found = problems(manifest, "manifest.schema.json")  # the whole structure (resources/schemas/manifest.schema.json)
    if found:
        raise _bad(f"不符合格式：{found[0][:200]}", f"it does not follow the schema: {found[0][:200]}")
    return manifest
