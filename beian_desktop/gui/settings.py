"""GUI settings (window geometry, last draft and page, language) in a small JSON file under the user config dir.

Declared once with their defaults; tests redirect the directory with ``BEIAN_DESKTOP_HOME``.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from beian_desktop.paths import user_config_dir

log = logging.getLogger(__name__)

FILE_NAME = "gui-settings.json"


@dataclass
class GuiSettings:
    language: str = ""  # "" = follow --lang / BEIAN_DESKTOP_LANG / default Chinese
    geometry: str = ""  # QMainWindow.saveGeometry() as base64
    window_state: str = ""  # QMainWindow.saveState() as base64
    last_draft_id: str = ""
    last_page: str = ""

    @classmethod
    def path(cls) -> Path:
        return user_config_dir() / FILE_NAME

    @classmethod
    def load(cls) -> "GuiSettings":
        try:
            data = json.loads(cls.path().read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            log.warning("ignoring unreadable settings file: %s", exc)
            return cls()
        known = {f.name for f in fields(cls)}
        return cls(**{k: str(v) for k, v in data.items() if k in known and v is not None})

    def save(self) -> None:
        path = self.path()
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, path)  # atomic: a crash never leaves half a settings file
