"""Rules for what may be stored in a draft's flat fields.

* Values are JSON: ``str``, ``bool``, ``int``, finite ``float``, ``None``, and lists/dicts of those.
* Secrets never reach the disk: any key that names a password (``password``, ``passwd``, ``密码``) is rejected when
  a single field is saved and silently stripped (with a log line naming only the key) from whole drafts and imports.
  The model has no password field; this guards against one slipping in through ``original.fields`` or a JSON file.
"""

from __future__ import annotations

import json
import logging
import math
import re
from typing import Any

from beian_desktop.domain.model import Application
from beian_desktop.store.errors import InvalidValue

log = logging.getLogger(__name__)

SECRET_MARKERS = ("password", "passwd", "密码")
MAX_PATH_LENGTH = 255
_PATH_RE = re.compile(r"^[A-Za-z0-9_#\-\u0080-\uffff]+(\.[A-Za-z0-9_#\-\u0080-\uffff]+)*$")
#: Flat paths whose change alters the columns shown in the draft list: these plus ``websites.N.domains``.
SUMMARY_FIELDS = ("flow", "progress.step", "progress.status", "subject.name", "websites.#")
#: (the filing-type answers too: a blocked filing is listed as such, see ``_blocked_outcome``)
_SUMMARY_PATHS = re.compile("^(" + "|".join(map(re.escape, SUMMARY_FIELDS)) + r"|websites\.\d+\.domains|answers\.\w+)$")


def is_secret_key(key: str) -> bool:
    lowered = key.lower()
    return any(marker in lowered for marker in SECRET_MARKERS)


def scrub(value: Any) -> Any:
    """A copy of ``value`` without dict keys that name a secret (recursively)."""
    if isinstance(value, dict):
        clean = {}
        for key, item in value.items():
            if is_secret_key(str(key)):
                log.warning("dropped a secret-looking key %r instead of storing it", str(key)[:40])
                continue
            clean[key] = scrub(item)
        return clean
    if isinstance(value, list):
        return [scrub(v) for v in value]
    return value


def scrub_flat(flat: dict[str, Any]) -> dict[str, Any]:
    """Drop flat paths naming a secret, and secret keys inside dict values."""
    clean: dict[str, Any] = {}
    for path, value in flat.items():
        if is_secret_key(path):
            log.warning("dropped a secret-looking field %r instead of storing it", path[:60])
            continue
        clean[path] = scrub(value)
    return clean


def prepare_flat(app: Application) -> dict[str, Any]:
    """The flat fields of ``app`` as they are stored: secrets stripped, every path and value checked."""
    flat = scrub_flat(app.to_flat())
    for path, value in flat.items():
        check_path(path)
        check_value(path, value)
    return flat


def check_path(path: Any) -> str:
    if not isinstance(path, str) or not path or len(path) > MAX_PATH_LENGTH or not _PATH_RE.match(path):
        raise InvalidValue.for_path(str(path)[:80])
    return path


def check_value(path: str, value: Any) -> Any:
    """Return ``value`` if it is storable JSON, else raise :class:`InvalidValue`."""
    if not _is_json(value):
        raise InvalidValue.for_path(path)
    return value


def _is_json(value: Any, depth: int = 0) -> bool:
    if depth > 20:
        return False
    if value is None or isinstance(value, (str, bool, int)):
        return True
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, list):
        return all(_is_json(v, depth + 1) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _is_json(v, depth + 1) for k, v in value.items())
    return False


def canonical(value: Any) -> str:
    """Type-exact comparison key (``True`` and ``1`` differ, dict order does not matter)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def affects_summary(path: str) -> bool:
    return bool(_SUMMARY_PATHS.match(path))


def summary_columns(app: Application) -> dict[str, Any]:
    """The ``drafts`` columns derived from the form, for the list view."""
    return {
        "title": app.title()[:300],
        "flow": app.flow.value if app.flow else _blocked_outcome(app),
        "step": (app.progress.step or "start")[:64],
        "status": app.progress.status.value,
    }


def _blocked_outcome(app: Application) -> str | None:
    """``blocked`` / ``not_access`` for a draft without a flow whose answers stop the filing (the list says so)."""
    from beian_desktop.domain.filing_type import decide_filing_type

    outcome = decide_filing_type(app.answers).outcome
    return outcome.value if outcome in ("blocked", "not_access") else None


def file_hashes(flat: dict[str, Any]) -> set[str]:
    """SHA-256 values referenced by ``FileRef`` fields (``...sha256`` and ``...fixed_sha256``)."""
    return {v for k, v in flat.items() if k.endswith("sha256") and isinstance(v, str) and v}
