"""Comparison with the original filing record: an access filing cannot change any data."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from beian_desktop.gui.services import Finding
from beian_desktop.i18n import Msg


def _norm(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return sorted(_norm(v) for v in value if str(v).strip())
    value = getattr(value, "value", value)
    text = unicodedata.normalize("NFKC", "" if value is None else str(value)).strip()
    return " ".join(text.split()).lower()


def original_differences(app) -> list[Finding]:
    """One error per field whose value differs from the original record the user entered (empty entries ignored)."""
    out = []
    for path, original in sorted(app.original.fields.items()):
        if _norm(original) in ("", []):
            continue
        try:
            current = app.get(path)
        except (AttributeError, IndexError, KeyError, ValueError):
            continue
        if _norm(current) != _norm(original):
            shown = ", ".join(original) if isinstance(original, list) else str(original)
            message = Msg(f"与原备案信息不一致（原备案：{shown}）。接入备案不能变更信息。",
                          f"Differs from the original filing ({shown}). An access filing cannot change data.")
            out.append(Finding(path, "error", message))
            out.append(Finding("original:" + path, "error", message))
    return out


_SERVICE_NUMBER = re.compile(r"[A-Za-z0-9]{8,32}")


def service_number_findings(app) -> list[Finding]:
    """Format hints for the filing service numbers (备案服务号): letters and digits, one per website."""
    out = []
    for index, site in enumerate(app.websites):
        numbers = [n.strip() for n in site.service_numbers if n.strip()]
        path = f"websites.{index}.service_numbers"
        bad = [n for n in numbers if not _SERVICE_NUMBER.fullmatch(n)]
        if bad:
            out.append(Finding(path, "warning", Msg(
                f"备案服务号通常由 8-32 位字母和数字组成，请核对：{'、'.join(bad)}",
                f"A filing service number usually has 8-32 letters and digits; please check: {', '.join(bad)}")))
        if len(numbers) > 1:
            out.append(Finding(path, "warning", Msg(
                "每个网站只需要一个备案服务号。", "Each website needs exactly one filing service number.")))
    return out
