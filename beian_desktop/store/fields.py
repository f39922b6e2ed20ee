"""Rules for what may be stored in a draft's flat fields.

* Values are JSON: ``str``, ``bool``, ``int``, finite ``float``, ``None``, and lists/dicts of those.
* Only the paths of the model can be stored (an allow-list derived from the :class:`Application` dataclasses, see
  :func:`is_known_path`), so no secret can slip in under a name nobody thought of (``pwd``, ``口令``, ``passcode``):
  saving one field under another path raises :class:`UnknownField`; the keys of ``original.fields`` (the original
  filing record, keyed by field path) must be model paths too, other keys are dropped from whole drafts and imports.
* On top of that, any key that names a password (``password``, ``passwd``, ``密码``) is rejected when a single field is
  saved and stripped (with a log line naming only the key) from whole drafts and imports.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import math
import re
import typing
from functools import cache
from typing import Any

from beian_desktop.domain.model import Application
from beian_desktop.store.errors import InvalidValue, UnknownField

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


@cache
def _field_types(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _list_item(tp: Any) -> type | None:
    """The dataclass of a ``list[SomeDataclass]`` annotation, else ``None``."""
    if typing.get_origin(tp) is list:
        (item,) = typing.get_args(tp) or (None,)
        if isinstance(item, type) and dataclasses.is_dataclass(item):
            return item
    return None


ORIGINAL_FIELDS = "original.fields"


@cache
def is_known_path(path: str) -> bool:
    """True when ``path`` names a storable field of :class:`Application` (the allow-list).

    Leaves (``subject.name``, ``websites.0.domains``), whole lists of objects (``documents``), list counts
    (``websites.#``) and indexed elements (``websites.2.owner.mobile``, index below 1000) are known; a whole object
    (``subject``) and any name the model does not have are not.
    """
    if not isinstance(path, str) or not path:
        return False
    parts = path.split(".")
    cls: type = Application
    i = 0
    while i < len(parts):
        hints = _field_types(cls)
        if parts[i] not in hints:
            return False
        tp = hints[parts[i]]
        last = i == len(parts) - 1
        item = _list_item(tp)
        if item is not None:
            if last:
                return True
            nxt = parts[i + 1]
            if nxt == "#":
                return i + 1 == len(parts) - 1
            if not (nxt.isdigit() and len(nxt) <= 3) or i + 1 == len(parts) - 1:
                return False
            cls, i = item, i + 2
            continue
        if isinstance(tp, type) and dataclasses.is_dataclass(tp):
            if last:
                return False
            cls, i = tp, i + 1
            continue
        return last
    return False


def path_type(path: str) -> Any:
    """The model's annotation of a known ``path`` (``int`` for a list count ``.#``)."""
    check_known_path(path)
    parts = path.split(".")
    cls: type = Application
    tp: Any = None
    i = 0
    while i < len(parts):
        tp = _field_types(cls)[parts[i]]
        item = _list_item(tp)
        if item is not None and i + 1 < len(parts):
            if parts[i + 1] == "#":
                return int
            cls, i = item, i + 2
            continue
        if isinstance(tp, type) and dataclasses.is_dataclass(tp):
            cls = tp
        i += 1
    return tp


def value_from_text(path: str, text: str) -> Any:
    """A command-line ``VALUE`` for ``path`` as the model stores it (text fields take the text as it is; yes/no,
    numbers, lists and the original record are JSON, e.g. ``true``, ``["a.com"]``). Raises :class:`InvalidValue`."""
    from enum import Enum

    tp = path_type(path)
    if typing.get_origin(tp) in (typing.Union, getattr(__import__("types"), "UnionType")):
        if text in ("null", ""):
            return None
        tp = next(a for a in typing.get_args(tp) if a is not type(None))
    if tp is str:
        return text
    if isinstance(tp, type) and issubclass(tp, Enum):
        allowed = [m.value for m in tp]
        if text not in allowed:
            raise InvalidValue(InvalidValue.for_path(path).message + _choices(allowed))
        return text
    if tp is bool:
        lowered = text.strip().lower()
        if lowered in ("true", "1", "yes", "是"):
            return True
        if lowered in ("false", "0", "no", "否"):
            return False
        raise InvalidValue.for_path(path)
    try:
        value = json.loads(text)
    except ValueError:
        raise InvalidValue.for_path(path) from None
    origin = typing.get_origin(tp) or tp
    if origin is int and (not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 999):
        raise InvalidValue.for_path(path)
    if origin is list and not isinstance(value, list):
        raise InvalidValue.for_path(path)
    if origin is dict and not isinstance(value, dict):
        raise InvalidValue.for_path(path)
    return check_value(path, value)


def _choices(allowed: list[str]):
    from beian_desktop.i18n import Msg

    return Msg("可选值：" + "、".join(allowed), "Allowed: " + ", ".join(allowed))


def check_known_path(path: str) -> str:
    """``path`` if it is a model path, else :class:`UnknownField` (the path is shown, never the value)."""
    if not is_known_path(path):
        raise UnknownField.for_path(str(path)[:80])
    return path


def clean_original(value: Any, *, strict: bool) -> Any:
    """``original.fields`` restricted to model paths (``strict``: an unknown key raises :class:`UnknownField`)."""
    if not isinstance(value, dict):
        return value
    clean = {}
    for key, item in value.items():
        if not isinstance(key, str) or key.startswith("original.") or not is_known_path(key):
            if strict:
                raise UnknownField.for_path(f"{ORIGINAL_FIELDS}.{str(key)[:60]}")
            log.warning("dropped an unknown key of the original record instead of storing it")
            continue
        clean[key] = item
    return clean


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
    """Drop flat paths naming a secret or unknown to the model, and such keys inside dict values."""
    clean: dict[str, Any] = {}
    for path, value in flat.items():
        if is_secret_key(path) or not is_known_path(path):
            log.warning("dropped a secret-looking or unknown field instead of storing it")
            continue
        value = scrub(value)
        if path == ORIGINAL_FIELDS:
            value = clean_original(value, strict=False)
        clean[path] = value
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
