"""One place that knows where files live.

* Resources (rule data, translations, icons, style sheets) are read through :func:`resource_path`, which works from a
  source checkout, an installed wheel and a PyInstaller bundle (``sys._MEIPASS``).
* User data (the draft database, settings) goes to the platformdirs user directories. Tests redirect them with the
  ``BEIAN_DESKTOP_HOME`` environment variable so that no test ever touches real user data.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import platformdirs

APP_NAME = "BeianDesktop"
APP_AUTHOR = "BeianDesktop"

_PACKAGE_DIR = Path(__file__).resolve().parent


def _resource_roots() -> list[Path]:
    roots = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:  # PyInstaller one-dir / one-file bundle
        roots.append(Path(bundle) / "beian_desktop" / "resources")
        roots.append(Path(bundle) / "resources")
    roots.append(_PACKAGE_DIR / "resources")  # installed wheel (resources mapped into the package)
    roots.append(_PACKAGE_DIR.parent / "resources")  # source checkout / editable install
    return roots


def resources_dir() -> Path:
    for root in _resource_roots():
        if (root / "rules").is_dir():
            return root
    raise FileNotFoundError("Beian Desktop resources not found; searched: " + ", ".join(map(str, _resource_roots())))


def resource_path(*parts: str) -> Path:
    """Path of a file under ``resources/`` (e.g. ``resource_path("rules", "provinces.json")``)."""
    return resources_dir().joinpath(*parts)


def _user_dir(override: str, platform_dir: Callable[[str, str], str]) -> Path:
    """``$BEIAN_DESKTOP_HOME/<override>`` when the variable is set (tests), else the platformdirs directory; created."""
    home = os.environ.get("BEIAN_DESKTOP_HOME")
    path = Path(home) / override if home else Path(platform_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_data_dir() -> Path:
    return _user_dir("data", platformdirs.user_data_dir)


def user_config_dir() -> Path:
    return _user_dir("config", platformdirs.user_config_dir)


def default_database_path() -> Path:
    return user_data_dir() / "drafts.sqlite3"
