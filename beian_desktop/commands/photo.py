"""``beian-desktop check-photo [--json] [--annotate DIR] IMAGE...``: check backdrop photos headless.

Exit status: 0 when every file could be examined (whatever the verdicts), 1 when some file could not be loaded,
2 for usage errors. ``--json`` prints one JSON object per line and image (the contract in the design notes).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from beian_desktop.i18n import Msg, current_language

VERDICT = {
    "pass": Msg("通过", "PASS"),
    "warn": Msg("注意", "WARN"),
    "fail": Msg("不通过", "FAIL"),
}
MARK = {"pass": "✓", "warn": "!", "fail": "✗"}
CHECK_NAMES = {
    "file": Msg("文件", "file"),
    "resolution": Msg("分辨率", "resolution"),
    "face_count": Msg("人脸数量", "faces"),
    "framing": Msg("构图", "framing"),
    "backdrop": Msg("幕布背景", "backdrop"),
    "clothing": Msg("上衣颜色", "clothing"),
    "exposure": Msg("曝光", "exposure"),
    "sharpness": Msg("清晰度", "sharpness"),
}


def register(sub) -> None:
    parser = sub.add_parser(
        "check-photo",
        help="check backdrop photos (幕布照片) before uploading them",
        description="Check website-owner photos taken in front of the Alibaba Cloud backdrop: one face, framing, "
        "backdrop, clothing colour, resolution, exposure and sharpness. Works offline.",
    )
    parser.add_argument("images", nargs="+", metavar="IMAGE", help="photo files (JPEG, PNG, BMP, WebP)")
    parser.add_argument("--json", action="store_true", help="print one JSON object per line and image")
    parser.add_argument("--annotate", metavar="DIR", type=Path, help="write a marked-up PNG per image into DIR")
    parser.set_defaults(func=run)


def _annotated_name(directory: Path, source: str, index: int, used: set[str]) -> Path:
    stem = Path(source).stem or f"image{index}"
    name = f"{stem}.annotated.png"
    if name in used:
        name = f"{stem}-{index}.annotated.png"
    used.add(name)
    return directory / name


def run(args: argparse.Namespace) -> int:
    from beian_desktop.cli import UsageError
    from beian_desktop.imaging.photo import check_photo

    lang = current_language()
    if args.annotate is not None:
        if args.annotate.exists() and not args.annotate.is_dir():
            raise UsageError(Msg(f"--annotate 需要一个文件夹：{args.annotate}", f"--annotate needs a directory: {args.annotate}").text(lang))
        args.annotate.mkdir(parents=True, exist_ok=True)
    all_loaded = True
    used: set[str] = set()
    for index, path in enumerate(args.images):
        report = check_photo(path)
        all_loaded &= report.loaded
        annotated = None
        if args.annotate is not None and report.loaded:
            annotated = _write_annotation(report, path, _annotated_name(args.annotate, path, index, used), lang)
        if args.json:
            obj = report.to_json(lang)
            if annotated is not None:
                obj["annotated"] = str(annotated)
            print(json.dumps(obj, ensure_ascii=False), flush=True)
        else:
            _print_summary(report, lang, annotated)
    return 0 if all_loaded else 1


def _write_annotation(report, path: str, out: Path, lang: str) -> Path | None:
    from beian_desktop.imaging.annotate import write_annotated
    from beian_desktop.imaging.decode import ImageLoadError, load_image

    try:
        decoded = load_image(path, max_side=1600)
    except ImageLoadError:  # pragma: no cover - it loaded a moment ago
        return None
    return write_annotated(report, decoded.image, out, lang)


def _print_summary(report, lang: str, annotated: Path | None) -> None:
    out = sys.stdout
    verdict = VERDICT[report.verdict].text(lang)
    size = f"  {report.image_size[0]}×{report.image_size[1]}" if report.image_size else ""
    print(f"{report.path}: {verdict}{size}  ({report.elapsed_ms:.0f} ms)", file=out)
    for check in report.checks:
        name = CHECK_NAMES.get(check.id, Msg(check.id, check.id)).text(lang)
        print(f"  {MARK[check.status]} {name}: {check.message.text(lang)}", file=out)
    if annotated is not None:
        label = Msg("标注图", "annotated").text(lang)
        print(f"  → {label}: {annotated}", file=out)
    out.flush()
