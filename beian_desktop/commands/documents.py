"""``beian-desktop check-doc`` and ``beian-desktop fix-doc``: document upload checks and automatic fixes, headless.

* ``check-doc [--json] [--type TYPE] IMAGE...`` checks each image (``file``, ``format``, ``size``, ``resolution``,
  ``orientation``, ``completeness``, ``glare``, ``blur``, ``photocopy``); without ``--type`` the generic limits apply.
  ``--json`` prints one JSON object per line and image (same shape as ``check-photo``).
* ``check-doc --expect FIELD=VALUE ...`` (``id_number``, ``name``, ``uscc``, ``org_name``; repeat the option) compares
  the values read from the document with these; the ``content`` check fails on a mismatch or an expired document.
  ``--side front|back`` names the side expected (the check warns when the picture shows the other one).
* ``check-doc --list-types`` prints the document type ids (with ``--json``: id, names, sides and limits).
* ``fix-doc --type TYPE IMAGE [--out FILE]`` writes the fixed JPEG beside the original (``NAME.fixed.jpg``) or to
  ``FILE``; the original is never overwritten.

Exit status: 0 when every file could be examined (whatever the verdicts), 1 when some file could not be loaded
(or fixed), 2 for usage errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from beian_desktop.commands._common import add_image_arguments, display_path, failure_report, report_images
from beian_desktop.i18n import Msg, current_language

CHECK_NAMES = {
    "file": Msg("文件", "file"),
    "format": Msg("格式", "format"),
    "size": Msg("文件大小", "size"),
    "resolution": Msg("分辨率", "resolution"),
    "orientation": Msg("方向", "orientation"),
    "completeness": Msg("完整性", "completeness"),
    "glare": Msg("反光", "glare"),
    "blur": Msg("清晰度", "blur"),
    "photocopy": Msg("复印件", "photocopy"),
    "content": Msg("内容", "content"),
}


def _type_ids() -> list[str]:
    from beian_desktop.domain.documents import document_types

    return list(document_types())


def register(sub) -> None:
    check = sub.add_parser(
        "check-doc",
        help="check document images (证件) before uploading them",
        description="Check document photos or scans: format, byte size, resolution, orientation, completeness "
        "(all four corners), glare, blur and photocopies. Works offline.",
    )
    add_image_arguments(check, "*", "document images (JPEG, PNG, BMP; WebP is converted)")
    check.add_argument("--type", dest="doc_type", metavar="TYPE", help="document type id (see --list-types); default: generic checks")
    check.add_argument("--list-types", action="store_true", help="print the document type ids and exit")
    check.add_argument(
        "--expect",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help="a value the document must carry (repeatable); FIELD: id_number, name, uscc, org_name",
    )
    check.add_argument("--side", choices=("front", "back"), help="the side of the document expected (e.g. an ID card's front)")
    check.set_defaults(func=run_check)

    fix = sub.add_parser(
        "fix-doc",
        help="fix a document image: turn upright, crop, strip metadata, re-encode within the size limits",
        description="Write a fixed JPEG of a document image: orientation applied, cropped and deskewed to the "
        "document when reliable, EXIF/GPS removed, re-encoded inside the type's byte range. The original is kept.",
    )
    fix.add_argument("image", metavar="IMAGE", help="the document image")
    fix.add_argument("--type", dest="doc_type", metavar="TYPE", required=True, help="document type id (see check-doc --list-types)")
    fix.add_argument("--out", metavar="FILE", type=Path, help="output file (default: NAME.fixed.jpg beside the original)")
    fix.add_argument("--json", action="store_true", help="print what was done as one JSON object")
    fix.set_defaults(func=run_fix)


def _validate_type(doc_type: str | None, lang: str) -> None:
    from beian_desktop.cli import UsageError

    if doc_type is not None and doc_type not in _type_ids():
        raise UsageError(
            Msg(
                f"未知的证件类型：{doc_type}（可用：{', '.join(_type_ids())}）",
                f"unknown document type: {doc_type} (known: {', '.join(_type_ids())})",
            ).text(lang)
        )


def _list_types(as_json: bool, lang: str) -> int:
    from beian_desktop.domain.documents import document_types

    for dtype in document_types().values():
        if as_json:
            obj = {
                "id": dtype.id,
                "name": dtype.name.to_dict(),
                "sides": [s.id for s in dtype.sides],
                "layout": dtype.layout,
                "formats": sorted(dtype.formats),
                "min_bytes": dtype.min_bytes,
                "max_bytes": dtype.max_bytes,
                "min_resolution": [dtype.min_long_side, dtype.min_short_side],
            }
            print(json.dumps(obj, ensure_ascii=False))
        else:
            print(f"{dtype.id}\t{dtype.name.text(lang)}")
    return 0


def _parse_expect(items: list[str], lang: str) -> dict[str, str]:
    from beian_desktop.cli import UsageError
    from beian_desktop.imaging.documents_read import FIELDS

    expect: dict[str, str] = {}
    for item in items:
        field, sep, value = item.partition("=")
        field, value = field.strip(), value.strip()
        if not sep or field not in FIELDS or not value:
            raise UsageError(
                Msg(
                    f"--expect 需要 字段=值，字段为 {', '.join(FIELDS)} 之一：{item}",
                    f"--expect needs FIELD=VALUE with FIELD one of {', '.join(FIELDS)}: {item}",
                ).text(lang)
            )
        expect[field] = value
    return expect


def run_check(args: argparse.Namespace) -> int:
    from beian_desktop.cli import UsageError
    from beian_desktop.imaging.documents import check_document

    lang = current_language()
    if args.list_types:
        return _list_types(args.json, lang)
    if not args.images:
        raise UsageError(Msg("请指定至少一个图片文件（或 --list-types）", "give at least one IMAGE (or --list-types)").text(lang))
    _validate_type(args.doc_type, lang)
    expect = _parse_expect(args.expect, lang)
    return report_images(args.images, lambda path: check_document(path, args.doc_type, side=args.side, expect=expect),
                         as_json=args.json, lang=lang,
                         check_names=CHECK_NAMES, json_extra={"type": args.doc_type})


def run_fix(args: argparse.Namespace) -> int:
    from beian_desktop.cli import UsageError
    from beian_desktop.imaging.docfix import DocumentFixError, fixed_path, normalize_document_ex

    lang = current_language()
    _validate_type(args.doc_type, lang)
    source = Path(args.image)
    out = args.out if args.out is not None else fixed_path(source)
    try:
        same = out.resolve() == source.resolve()
    except OSError:  # pragma: no cover - unresolvable paths cannot be the same file
        same = False
    if same:
        raise UsageError(Msg("输出文件不能覆盖原文件", "the output must not overwrite the original").text(lang))
    if out.exists() and out.is_dir():
        raise UsageError(Msg(f"--out 是一个文件夹：{out}", f"--out is a directory: {out}").text(lang))
    try:
        result = normalize_document_ex(source, args.doc_type)
    except Exception as exc:  # noqa: BLE001 - a DocumentFixError, or anything odd pixel data provokes: no traceback
        message = exc.message if isinstance(exc, DocumentFixError) else failure_report(str(source), exc).checks[0].message
        if args.json:
            print(json.dumps({"path": display_path(source), "error": message.text(lang), "output": None}, ensure_ascii=False))
        else:
            print(f"{display_path(source)}: {message.text(lang)}", file=sys.stderr)
        return 1
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(result.data)
    except OSError as exc:
        print(f"{display_path(out)}: {Msg('无法写入', 'cannot write').text(lang)}: {exc.strerror}", file=sys.stderr)
        return 1
    if args.json:
        obj = {"path": display_path(source), "output": display_path(out), **result.to_json(lang)}
        print(json.dumps(obj, ensure_ascii=False))
    else:
        kb = len(result.data) / 1024
        print(f"{display_path(source)} → {display_path(out)}  ({result.width}×{result.height}, {kb:.0f} KB, Q{result.quality})")
        for note in result.notes:
            print(f"  - {note.text(lang)}")
    return 0
