"""One place that knows where files live.

* Resources (rule data, translations, icons, style sheets) are read through :func:`resource_path`, which works from a
  source checkout, an installed wheel and a PyInstaller bundle (``sys._MEIPASS``).
* User data (the draft database, settings) goes to the platformdirs user directories. Tests redirect them with the
  ``BEIAN_DESKTOP_HOME`` environment variable so that no test ever touches real user data.
* What holds personal data is private: the user directories, the database and its backups, JSON exports and
  packages are created readable by the owner only (folders 0700, files 0600 on POSIX; :func:`private_dir`,
  :func:`private_file`, :func:`write_private`). Existing folders the user chose are left as they are.
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
    private_dir(path, tighten=True)
    return path


PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def private_dir(path: Path, *, tighten: bool = False) -> Path:
    """Create ``path`` (and missing parents) as owner-only folders; ``tighten``: also make an existing one 0700."""
    path = Path(path)
    missing = []
    probe = path
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    if os.name == "posix":
        for folder in missing + ([path] if tighten else []):
            os.chmod(folder, PRIVATE_DIR_MODE)  # mkdir's mode is reduced by the umask only, never widened: be exact
    return path


def private_file(path: Path) -> Path:
    """Create ``path`` empty with mode 0600 if it does not exist yet (an existing file keeps its mode)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except FileExistsError:
        return Path(path)
    os.close(fd)
    return Path(path)


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` readable by the owner only, atomically (a ``.partial`` file renamed over it)."""
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
    try:
        if os.name == "posix":
            os.fchmod(fd, PRIVATE_FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            fd = -1
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    finally:
        if fd >= 0:
            os.close(fd)
    os.replace(partial, path)


def user_data_dir() -> Path:
    return _user_dir("data", platformdirs.user_data_dir)


def user_config_dir() -> Path:
    return _user_dir("config", platformdirs.user_config_dir)


def default_database_path() -> Path:
    return user_data_dir() / "drafts.sqlite3"
