"""What ``check-photo`` and ``check-doc`` share: the image arguments and the report loop with its exit code.

The loop follows the contract in the design notes: one JSON object per line and image with ``--json`` (else a short
summary per image), never stops on a bad file, and returns 0 when every file could be examined (whatever the
verdicts) or 1 when some file could not be loaded.

Per-file isolation: whatever goes wrong while one file is checked (an OpenCV assertion, ``MemoryError``, a bug) becomes
a ``file`` failure of that file only, and the next file is checked. File names that are not valid UTF-8 (e.g. GBK
bytes on Linux, which Python hands over as surrogate escapes) are printed with the undecodable bytes escaped
(``\\xd5``); ``--json`` then adds ``path_bytes``, the name's bytes in hex, so a script can still find the file.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from beian_desktop.i18n import Msg

log = logging.getLogger(__name__)

VERDICT = {"pass": Msg("通过", "PASS"), "warn": Msg("注意", "WARN"), "fail": Msg("不通过", "FAIL")}
MARK = {"pass": "✓", "warn": "!", "fail": "✗"}

#: ``annotate(index, path, report)``: write a marked-up picture and return its path (``None``: none written)
Annotator = Callable[[int, str, Any], Path | None]


def add_image_arguments(parser: argparse.ArgumentParser, nargs: str, help_text: str) -> None:
    """The positional ``IMAGE...`` list and ``--json`` of the check commands."""
    parser.add_argument("images", nargs=nargs, metavar="IMAGE", help=help_text)
    parser.add_argument("--json", action="store_true", help="print one JSON object per line and image")


def report_images(paths: Iterable[str], check: Callable[[str], Any], *, as_json: bool, lang: str,
                  check_names: Mapping[str, Msg], json_extra: Mapping[str, Any] | None = None,
                  annotate: Annotator | None = None) -> int:
    """Check every image, print each report as it is ready, and return the exit code (0 all loaded, 1 otherwise).

    ``json_extra`` is added to every JSON object; ``annotate`` runs for each loaded image and its output path is
    reported as ``"annotated"`` (JSON) or an arrow line (summary).
    """
    all_loaded = True
    for index, path in enumerate(paths):
        try:
            report = check(path)
        except Exception as exc:  # noqa: BLE001 - one bad file never ends the batch
            report = failure_report(path, exc)
        all_loaded &= report.loaded
        annotated = None
        if annotate is not None and report.loaded:
            try:
                annotated = annotate(index, path, report)
            except Exception as exc:  # noqa: BLE001 - the check result still counts without its picture
                log.warning("annotation failed: %s", type(exc).__name__)
        report.path = display_path(path)
        if as_json:
            obj = report.to_json(lang)
            obj.update(json_extra or {})
            raw = path_bytes(path)
            if raw is not None:
                obj["path_bytes"] = raw
            if annotated is not None:
                obj["annotated"] = display_path(str(annotated))
            print(json.dumps(obj, ensure_ascii=False), flush=True)
        else:
            print_summary(report, lang, check_names, annotated)
    return 0 if all_loaded else 1


def display_path(path: str | os.PathLike) -> str:
    """``path`` as printable text: bytes that are not UTF-8 (surrogate escapes) shown as ``\\xNN``."""
    raw = os.fsencode(path)
    return raw.decode("utf-8", "backslashreplace")


def path_bytes(path: str | os.PathLike) -> str | None:
    """The hex bytes of a file name that is not valid UTF-8 (``None`` for ordinary names)."""
    raw = os.fsencode(path)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.hex()
    return None


def failure_report(path: str, exc: BaseException):
    """The report of a file whose check raised: one ``file`` failure naming the kind of error (never its data)."""
    from beian_desktop.imaging.report import CheckResult, Report

    if isinstance(exc, MemoryError):
        message = Msg("内存不足，无法检查该图片", "Not enough memory to check this picture.")
    else:
        message = Msg("该图片无法分析（图片数据异常），已跳过", "The picture could not be analysed (unusual picture data); skipped.")
    log.warning("checking one file failed: %s", type(exc).__name__)
    return Report(str(path), checks=[CheckResult("file", "fail", message, {"code": "analysis_failed", "error": type(exc).__name__})])


def print_summary(report: Any, lang: str, check_names: Mapping[str, Msg], annotated: Path | None = None) -> None:
    """The verdict line of one report, then one line per check (and the marked-up picture, if any)."""
    out = sys.stdout
    size = f"  {report.image_size[0]}×{report.image_size[1]}" if report.image_size else ""
    print(f"{display_path(report.path)}: {VERDICT[report.verdict].text(lang)}{size}  ({report.elapsed_ms:.0f} ms)", file=out)
    for check in report.checks:
        name = check_names.get(check.id, Msg(check.id, check.id)).text(lang)
        print(f"  {MARK[check.status]} {name}: {check.message.text(lang)}", file=out)
    if annotated is not None:
        print(f"  → {Msg('标注图', 'annotated').text(lang)}: {display_path(str(annotated))}", file=out)
    out.flush()
