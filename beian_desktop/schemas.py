"""JSON Schemas of the data files the app reads: the rule files and a package's ``manifest.json``.

The schemas live in ``resources/schemas/`` (``rules/<name>.schema.json`` for each ``resources/rules/<name>.json``,
``manifest.schema.json``). Rule files are checked when they are loaded, so an unknown key, a wrong type or a missing
required key stops the app at start-up (and fails the tests) instead of misbehaving later. When a rule file changes
shape, its schema changes with it.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from beian_desktop.errors import BeianError
from beian_desktop.i18n import Msg
from beian_desktop.paths import resource_path


class SchemaError(BeianError, ValueError):
    """A data file does not follow its schema; ``message`` names the file and the first problem."""


@lru_cache(maxsize=None)
def _validator(*parts: str):
    import jsonschema

    with resource_path("schemas", *parts).open(encoding="utf-8") as fh:
        schema = json.load(fh)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def problems(data: Any, *parts: str) -> list[str]:
    """Every way ``data`` breaks the schema ``resources/schemas/<parts>``, as ``path: message`` lines."""
    errors = sorted(_validator(*parts).iter_errors(data), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in errors]


def check(data: Any, label: str, *parts: str) -> Any:
    """``data`` if it follows the schema, else :class:`SchemaError` naming ``label`` and the first problem."""
    found = problems(data, *parts)
    if found:
        first = found[0][:300]
        raise SchemaError(Msg(f"{label} 格式不正确：{first}", f"{label} does not follow its schema: {first}"),
                          detail=f"{len(found)} problem(s)")
    return data


def check_rule_file(data: Any, filename: str) -> Any:
    """Validate the parsed ``resources/rules/<filename>`` against its schema."""
    return check(data, f"rules/{filename}", "rules", filename.removesuffix(".json") + ".schema.json")
