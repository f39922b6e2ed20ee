"""What ``check-photo`` and ``check-doc`` share: the image arguments and the report loop with its exit code.

The loop follows the contract in the design notes: one JSON object per line and image with ``--json`` (else a short
summary per image), never stops on a bad file, and returns 0 when every file could be examined (whatever the
verdicts) or 1 when some file could not be loaded.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from beian_desktop.i18n import Msg

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
        report = check(path)
        all_loaded &= report.loaded
        annotated = annotate(index, path, report) if annotate is not None and report.loaded else None
        if as_json:
            obj = report.to_json(lang)
            obj.update(json_extra or {})
            if annotated is not None:
                obj["annotated"] = str(annotated)
            print(json.dumps(obj, ensure_ascii=False), flush=True)
        else:
            print_summary(report, lang, check_names, annotated)
    return 0 if all_loaded else 1


def print_summary(report: Any, lang: str, check_names: Mapping[str, Msg], annotated: Path | None = None) -> None:
    """The verdict line of one report, then one line per check (and the marked-up picture, if any)."""
    out = sys.stdout
    size = f"  {report.image_size[0]}×{report.image_size[1]}" if report.image_size else ""
    print(f"{report.path}: {VERDICT[report.verdict].text(lang)}{size}  ({report.elapsed_ms:.0f} ms)", file=out)
    for check in report.checks:
        name = check_names.get(check.id, Msg(check.id, check.id)).text(lang)
        print(f"  {MARK[check.status]} {name}: {check.message.text(lang)}", file=out)
    if annotated is not None:
        print(f"  → {Msg('标注图', 'annotated').text(lang)}: {annotated}", file=out)
    out.flush()
