"""One error hierarchy (bilingual message + exit code), driver errors mapped by type, data files checked by schema."""

from __future__ import annotations

import copy
import json
import sqlite3
from datetime import date

import pytest

from beian_desktop.errors import EXIT_DATA, EXIT_USAGE, BeianError, message_of
from beian_desktop.paths import resource_path
from beian_desktop.schemas import SchemaError, check_rule_file

RULE_FILES = sorted(p.name for p in resource_path("rules").glob("*.json"))


def test_every_application_error_is_one_kind():
    from beian_desktop.cli import DataError, UsageError
    from beian_desktop.domain.progress import ProgressError
    from beian_desktop.export.manifest import ManifestError
    from beian_desktop.export.package import ExportRefused, PackageError
    from beian_desktop.i18n import Msg
    from beian_desktop.imaging.decode import ImageLoadError
    from beian_desktop.store import errors as store_errors

    store_classes = [c for c in vars(store_errors).values() if isinstance(c, type) and issubclass(c, Exception)]
    samples = [cls() for cls in store_classes if cls not in (BeianError,)] + [
        ImageLoadError("corrupt", Msg("坏了", "broken")), PackageError(Msg("包", "package")),
        ExportRefused(Msg("拒绝", "refused")), ManifestError(Msg("清单", "manifest")), ProgressError(Msg("进度", "progress")),
        DataError("x"), UsageError("y"),
    ]
    for error in samples:
        assert isinstance(error, BeianError), type(error)
        assert message_of(error) is error.message and error.message.zh and error.message.en
        assert error.exit_code == (EXIT_USAGE if isinstance(error, UsageError) else EXIT_DATA)
    assert message_of(RuntimeError("bug")) is None


def _sqlite_error(cls, code: int, text: str) -> sqlite3.Error:
    error = cls(text)
    error.sqlite_errorcode = code
    return error


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (_sqlite_error(sqlite3.OperationalError, 5, "数据库忙"), "DatabaseLocked"),  # any wording: the code decides
        (_sqlite_error(sqlite3.OperationalError, 517, "busy snapshot"), "DatabaseLocked"),  # extended SQLITE_BUSY_SNAPSHOT
        (_sqlite_error(sqlite3.DatabaseError, 26, "pas une base"), "DatabaseCorrupt"),
        (_sqlite_error(sqlite3.DatabaseError, 11, "x"), "DatabaseCorrupt"),
        (_sqlite_error(sqlite3.OperationalError, 14, "x"), "DatabaseUnavailable"),
        (_sqlite_error(sqlite3.OperationalError, 8, "x"), "DatabaseUnavailable"),
        (_sqlite_error(sqlite3.IntegrityError, 19, "database is locked"), "StoreError"),  # text alone decides nothing
    ],
)
def test_driver_errors_are_mapped_by_type(error, expected):
    from beian_desktop.store.engine import translate

    assert type(translate(error)).__name__ == expected


def test_rule_files_load_through_their_schemas():
    from beian_desktop.domain.documents import catalogue
    from beian_desktop.domain.rules import rules_in_force

    assert RULE_FILES and all(resource_path("schemas", "rules", n[:-5] + ".schema.json").is_file() for n in RULE_FILES)
    for day in (date(2019, 1, 1), date.today()):
        rules_in_force(day)
    assert catalogue().types


def _first_object(data):
    """The first rule (or document type) of a rule file: where a mistake would be made."""
    return (data.get("rules") or data.get("types") or data.get("profiles"))[0]


@pytest.mark.parametrize("name", RULE_FILES)
def test_unknown_key_wrong_type_or_missing_key_is_refused(name):
    data = json.loads(resource_path("rules", name).read_text(encoding="utf-8"))
    check_rule_file(data, name)

    unknown = copy.deepcopy(data)
    _first_object(unknown)["efective_date"] = "2020-01-01"  # a typo
    with pytest.raises(SchemaError, match="efective_date"):
        check_rule_file(unknown, name)

    wrong = copy.deepcopy(data)
    key = next(k for k, v in _first_object(wrong).items() if isinstance(v, str))
    _first_object(wrong)[key] = 12
    with pytest.raises(SchemaError):
        check_rule_file(wrong, name)

    missing = copy.deepcopy(data)
    del _first_object(missing)["id"]
    with pytest.raises(SchemaError) as info:
        check_rule_file(missing, name)
    assert info.value.message.zh and "rules/" + name in info.value.message.en


def test_manifest_schema_refuses_unknown_keys_and_wrong_types():
    from beian_desktop.export import manifest as mf

    good = {"format": mf.FORMAT, "schema_version": 1, "application": {}, "files": [
        {"path": "a.jpg", "type": "photo", "bytes": 1, "sha256": "0" * 64, "role": "upload"}]}
    mf.validate(copy.deepcopy(good))
    for breaking in (
        lambda m: m["files"][0].update(exec="rm -rf"),
        lambda m: m.update(extra=True),
        lambda m: m["files"][0].update(normalized="yes"),
        lambda m: m.update(language="fr"),
    ):
        manifest = copy.deepcopy(good)
        breaking(manifest)
        with pytest.raises(mf.ManifestError) as info:
            mf.validate(manifest)
        assert "schema" in info.value.message.en and info.value.message.zh
