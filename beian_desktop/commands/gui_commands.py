"""Opening the desktop application, and GUI-related subcommands: ``screenshots`` and ``drafts create-sample``."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser(
        "screenshots",
        help="render every wizard page, filled with the sample draft, into PNG files",
        description="Render the draft list and every page of the wizard, filled with the realistic sample draft, into "
        "PNG files (works without a display). Uses a temporary database; your drafts are not touched.",
    )
    p.add_argument("out_dir", metavar="OUT_DIR", help="folder for the PNG files (created if missing)")
    p.add_argument("--lang", dest="shot_lang", choices=("zh_CN", "en", "all"), default=None,
                   help="language of the pictures; all: both, in OUT_DIR/zh_CN and OUT_DIR/en "
                   "(default: the global --lang, else all)")
    p.add_argument("--width", type=int, default=1280, help="window width in pixels (default 1280)")
    p.add_argument("--readme", metavar="DIR", default=None,
                   help="also copy the pictures the README shows into DIR under their README names "
                   "(docs/screenshots; needs both languages)")
    p.set_defaults(func=run_screenshots)

    from beian_desktop.commands.drafts import drafts_subparsers

    s = drafts_subparsers().add_parser(
        "create-sample",
        help="create the realistic sample draft (the one the screenshots show) in the database",
    )
    s.add_argument("--variant", choices=("hangzhou", "shanghai"), default="hangzhou",
                   help="hangzhou: new access, backdrop photo (default); shanghai: continue access, Shanghai app")
    s.add_argument("--no-documents", action="store_true",
                   help="leave the document slots empty (default: attach generated pictures of every required document)")
    s.set_defaults(func=run_create_sample)


def run_gui(args) -> int:
    from beian_desktop.gui.app import run

    return run(args)


def run_create_sample(args: argparse.Namespace) -> int:
    from beian_desktop.commands.drafts import open_store_for
    from beian_desktop.export.problems import record_problem_count
    from beian_desktop.sample import create_sample

    with open_store_for(args) as store:
        draft_id = create_sample(store, args.variant, documents=not args.no_documents)
        record_problem_count(store, draft_id)  # the "problems" column of the draft list is known at once
    print(draft_id)
    return 0


def run_screenshots(args: argparse.Namespace) -> int:
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # works without a display
    from beian_desktop.gui.screenshots import render_all

    from beian_desktop.gui.screenshots import copy_readme_pictures

    lang = args.shot_lang or getattr(args, "lang", None) or "all"
    if args.readme and lang != "all":
        print("screenshots: --readme needs both languages (--lang all)", file=sys.stderr)
        return 2
    out = Path(args.out_dir)
    files: list[Path] = []
    for one in (("zh_CN", "en") if lang == "all" else (lang,)):
        with tempfile.TemporaryDirectory(prefix="beian-shots-") as tmp:
            files += render_all(out / one if lang == "all" else out, one, Path(tmp), width=args.width)
    for f in files:
        print(f)
    if args.readme:
        for f in copy_readme_pictures(out, Path(args.readme)):
            print(f)
    return 0 if files else 1

