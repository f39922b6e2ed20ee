"""``beian-desktop check-photo [--json] [--annotate DIR] IMAGE...``: check backdrop photos headless.

Exit status: 0 when every file could be examined (whatever the verdicts), 1 when some file could not be loaded,
2 for usage errors. ``--json`` prints one JSON object per line and image (the contract in the design notes).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from beian_desktop.commands._common import add_image_arguments, report_images
from beian_desktop.i18n import Msg, current_language

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
    add_image_arguments(parser, "+", "photo files (JPEG, PNG, BMP, WebP)")
    parser.add_argument("--annotate", metavar="DIR", type=Path, help="write a marked-up PNG per image into DIR")
    parser.add_argument(
        "--profile",
        default=None,
        metavar="PROFILE",
        help="photo rules to apply: aliyun_backdrop (the Alibaba Cloud backdrop, default) or plain_light "
        "(a plain white or light-grey background); see resources/rules/photo_profiles.json",
    )
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

    from beian_desktop.imaging.profiles import UnknownProfile, get_profile

    lang = current_language()
    try:
        profile = get_profile(args.profile)
    except UnknownProfile as exc:
        raise UsageError(exc.message.text(lang)) from exc
    annotate = None
    if args.annotate is not None:
        if args.annotate.exists() and not args.annotate.is_dir():
            raise UsageError(Msg(f"--annotate 需要一个文件夹：{args.annotate}", f"--annotate needs a directory: {args.annotate}").text(lang))
        args.annotate.mkdir(parents=True, exist_ok=True)
        used: set[str] = set()

        def annotate(index: int, path: str, report) -> Path | None:
            return _write_annotation(report, path, _annotated_name(args.annotate, path, index, used), lang)

    def check(path: str):
        return check_photo(path, profile=profile)

    return report_images(args.images, check, as_json=args.json, lang=lang, check_names=CHECK_NAMES, annotate=annotate)


def _write_annotation(report, path: str, out: Path, lang: str) -> Path | None:
    from beian_desktop.imaging.annotate import write_annotated
    from beian_desktop.imaging.decode import ImageLoadError, load_image

    try:
        decoded = load_image(path, max_side=1600)
    except ImageLoadError:  # pragma: no cover - it loaded a moment ago
        return None
    return write_annotated(report, decoded.image, out, lang)
