"""Office settings shared by the CLI and the GUI: the station name, the shared database URL and its password.

* The **station name** recorded with every write: ``BEIAN_DESKTOP_STATION``, else ``station`` in ``office.json`` in
  the user config folder, else the host name.
* The **database URL** of a shared office server may be kept in ``office.json`` (``database``), but never with a
  password in it: :func:`save_settings` refuses one. The password comes from the environment (``PGPASSWORD``, read by
  libpq itself) or from the OS keyring (:func:`store_password`, :func:`url_with_password`), never from a file.
* The **edit journal** (:func:`journal_path`): an SQLite file next to the settings where edits wait while the server
  cannot be reached.
"""

from __future__ import annotations

import json
import logging
import os
import socket
from dataclasses import asdict, dataclass
from pathlib import Path

from beian_desktop.errors import BeianError
from beian_desktop.i18n import Msg
from beian_desktop.paths import user_config_dir, write_private

log = logging.getLogger(__name__)

STATION_ENV = "BEIAN_DESKTOP_STATION"
FILE_NAME = "office.json"
JOURNAL_NAME = "edit-journal.sqlite3"
KEYRING_SERVICE = "beian-desktop"
MAX_STATION = 100


class PasswordInSettings(BeianError):
    default_message = Msg(
        "数据库地址中不能包含密码：请把密码放在系统钥匙串（beian-desktop db password）或环境变量 PGPASSWORD 中。",
        "The database address must not contain a password: keep it in the OS keyring (beian-desktop db password) "
        "or in the PGPASSWORD environment variable.",
    )


@dataclass
class OfficeSettings:
    station: str = ""
    database: str = ""  # URL without a password; "" = the local SQLite file

    @staticmethod
    def path() -> Path:
        return user_config_dir() / FILE_NAME


def load_settings() -> OfficeSettings:
    try:
        data = json.loads(OfficeSettings.path().read_text(encoding="utf-8"))
    except FileNotFoundError:
        return OfficeSettings()
    except (OSError, ValueError) as exc:
        log.warning("ignoring an unreadable office settings file: %s", type(exc).__name__)
        return OfficeSettings()
    if not isinstance(data, dict):
        return OfficeSettings()
    return OfficeSettings(station=str(data.get("station") or ""), database=str(data.get("database") or ""))


def save_settings(settings: OfficeSettings) -> None:
    """Write ``office.json`` (owner-only); a database URL holding a password is refused."""
    if settings.database and has_password(settings.database):
        raise PasswordInSettings()
    write_private(OfficeSettings.path(), json.dumps(asdict(settings), ensure_ascii=False, indent=2).encode("utf-8"))


def station_name() -> str:
    """The name this station writes with every change."""
    name = os.environ.get(STATION_ENV) or load_settings().station or socket.gethostname() or "station"
    return name.strip()[:MAX_STATION] or "station"


def journal_path() -> Path:
    return user_config_dir() / JOURNAL_NAME


def has_password(url: str) -> bool:
    from sqlalchemy.engine import make_url

    try:
        return bool(make_url(url).password)
    except Exception:  # noqa: BLE001 - not a URL: nothing to hide
        return False


def keyring_key(url: str) -> str:
    """The keyring entry of a server URL: ``user@host:port/database`` (never the password)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    return f"{parsed.username or ''}@{parsed.host or ''}:{parsed.port or ''}/{parsed.database or ''}"


def store_password(url: str, password: str) -> None:
    """Keep the password of ``url``'s user in the OS keyring (raises :class:`BeianError` when there is none)."""
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, keyring_key(url), password)
    except Exception as exc:  # noqa: BLE001 - keyring backends raise their own types
        raise BeianError(
            Msg("无法写入系统钥匙串；请改用环境变量 PGPASSWORD。", "The OS keyring cannot be written; use PGPASSWORD instead."),
            detail=type(exc).__name__,
        ) from None


def url_with_password(url: str | None) -> str | None:
    """``url`` with the password from the OS keyring added, for a server URL without one (else unchanged).

    The result is only used to connect; it is never written anywhere. Without a keyring entry libpq reads
    ``PGPASSWORD`` or ``~/.pgpass`` itself.
    """
    if not url or not url.startswith("postgresql") or has_password(url) or os.environ.get("PGPASSWORD"):
        return url
    try:
        import keyring

        password = keyring.get_password(KEYRING_SERVICE, keyring_key(url))
    except Exception:  # noqa: BLE001 - no keyring (headless Linux): libpq's own sources apply
        return url
    if not password:
        return url
    from sqlalchemy.engine import make_url

    return make_url(url).set(password=password).render_as_string(hide_password=False)
