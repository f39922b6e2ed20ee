"""Readable names of field paths for lists of problems: "网站负责人 · 证件号码", never ``websites.0.owner.cert_number``."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from beian_desktop.gui.i18n_qt import translate

if TYPE_CHECKING:
    from beian_desktop.gui.wizard import Wizard

_WEBSITE = re.compile(r"^websites\.(\d+)\.(owner\.)?")
_WEBSITE_INDEX = re.compile(r"^websites\.\d+\.")


def section_label(path: str, websites: int = 1) -> str:
    """The part of the form a path belongs to (the person or section), in the current language."""
    original = path.startswith("original:")
    path = path.removeprefix("original:")
    match = _WEBSITE.match(path)
    if match:
        number = int(match.group(1)) + 1
        if match.group(2):
            text = translate("FieldLabels", "网站负责人")
        else:
            text = translate("FieldLabels", "网站")
        if websites > 1:
            text += f" {number}"
    else:
        head = path.split(".", 1)[0]
        text = {
            "subject": translate("FieldLabels", "主体"),
            "principal": translate("FieldLabels", "主体负责人"),
            "owner": translate("FieldLabels", "网站负责人"),  # document slots of the site owner
            "contact": translate("FieldLabels", "接入联系方式"),
            "photo_verification": translate("FieldLabels", "幕布邮寄"),
            "answers": translate("FieldLabels", "备案类型"),
            "flow": translate("FieldLabels", "备案类型"),
            "progress": translate("FieldLabels", "进度"),
        }.get(head, "")
    if original:
        text = translate("FieldLabels", "原备案信息") + (" · " + text if text else "")
    return text


def field_label(wizard: "Wizard", path: str) -> str:
    """``section · field`` for a finding's path; the section alone when the field has no input of its own."""
    name = ""
    # another website than the one on screen: its inputs are named like the first website's
    for candidate in (path, _WEBSITE_INDEX.sub("websites.0.", path)):
        for widget in wizard.binder.widgets(wizard.bound_path(candidate)):
            if widget.accessibleName():
                name = widget.accessibleName()
                break
        if name:
            break
    section = section_label(path, len(wizard.app.websites))
    if path.startswith("answers") and not name:
        name = translate("FieldLabels", "问题")
    parts = [part for part in (section, name) if part]
    if len(parts) == 2 and parts[1].startswith(parts[0]):
        parts = parts[1:]  # "主体 · 主体名称" reads as "主体名称"
    return " · ".join(parts) or translate("FieldLabels", "申请")
