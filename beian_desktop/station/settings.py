"""Operator settings of the capture station, in ``station-settings.json`` under the user config directory.

Declared once with their defaults. The operator PIN is stored only as a salted PBKDF2 hash; until a PIN is set the
default ``0000`` opens the settings (the settings panel asks the operator to change it).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import secrets
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from beian_desktop.paths import user_config_dir

log = logging.getLogger(__name__)

FILE_NAME = "station-settings.json"
DEFAULT_PIN = "0000"
_ITERATIONS = 100_000


@dataclass
class StationSettings:
    good_frames: int = 10  # consecutive passing analysed frames before the capture
    countdown_seconds: float = 2.0  # shown before the still is taken (GUI)
    keep_frames: int = 5  # the still is the sharpest of this many last passing frames
    allow_warnings: bool = False  # also capture when a check only warns
    profile: str = ""  # photo profile ("" = default, the Alibaba Cloud backdrop)
    mirror: bool = True  # show the picture like a mirror (the photo itself is never mirrored)
    camera: str = ""  # camera device id ("" = the system default)
    resolution: str = "1280x720"
    language: str = "zh_CN"
    capture_dir: str = ""  # where stills are written before they are attached ("" = user data dir / station)
    pin_salt: str = ""
    pin_hash: str = ""

    # ---- persistence -------------------------------------------------------------------------------------------
    @classmethod
    def path(cls) -> Path:
        return user_config_dir() / FILE_NAME

    @classmethod
    def load(cls) -> "StationSettings":
        try:
            data = json.loads(cls.path().read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            log.warning("ignoring unreadable station settings: %s", exc)
            return cls()
        settings = cls()
        for f in fields(cls):
            if f.name in data and isinstance(data[f.name], type(getattr(settings, f.name))):
                setattr(settings, f.name, data[f.name])
        return settings.clamped()

    def save(self) -> None:
        path = self.path()
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, path)

    def clamped(self) -> "StationSettings":
        self.good_frames = min(100, max(1, int(self.good_frames)))
        self.keep_frames = min(30, max(1, int(self.keep_frames)))
        self.countdown_seconds = min(10.0, max(0.0, float(self.countdown_seconds)))
        return self

    # ---- PIN ---------------------------------------------------------------------------------------------------
    def set_pin(self, pin: str) -> None:
        self.pin_salt = secrets.token_hex(16)
        self.pin_hash = _hash(pin, self.pin_salt)

    def pin_matches(self, pin: str) -> bool:
        if not self.pin_hash:
            return hmac.compare_digest(pin, DEFAULT_PIN)
        return hmac.compare_digest(_hash(pin, self.pin_salt), self.pin_hash)

    @property
    def default_pin(self) -> bool:
        return not self.pin_hash


def _hash(pin: str, salt: str) -> str:
    return hashlib.pbkdf2_hmac("sha256", pin.encode(), bytes.fromhex(salt), _ITERATIONS).hex()
