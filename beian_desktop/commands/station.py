"""``beian-desktop station``: the capture station (拍照工位).

``beian-desktop station [--source camera[:N]|VIDEO_FILE]`` opens the full-screen station window.
``beian-desktop station --source VIDEO_FILE --headless --capture-to DIR [--draft ID] [--max-seconds S] [--json]``
plays the file through the same pipeline and prints one JSON object
``{"path", "verdict", "checks", "frames_seen", "frames_analysed", "capture_frame", ...}``.
Exit status: 0 a passing photo was captured, 1 none passed (or bad data: unknown draft), 2 usage errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from beian_desktop.i18n import Msg, current_language


def register(sub) -> None:
    p = sub.add_parser(
        "station",
        help="capture station: live camera guidance and automatic backdrop photo (拍照工位)",
        description="Capture station: a full-screen live view that guides the person in front of the backdrop and "
        "takes the photo when every check passes. With --headless, play a video file through the same pipeline.",
    )
    p.add_argument("--source", default="camera", metavar="SOURCE",
                   help="camera (default camera), camera:N (N-th camera) or a video file")
    p.add_argument("--headless", action="store_true", help="no window: play the video file and print the result")
    p.add_argument("--capture-to", type=Path, metavar="DIR", help="folder for the captured still (needed with --headless)")
    p.add_argument("--draft", metavar="ID", help="attach the captured photo to this draft (id or unique prefix)")
    p.add_argument("--max-seconds", type=float, metavar="S", help="give up after S seconds")
    p.add_argument("--good-frames", type=int, metavar="N",
                   help="consecutive passing analysed frames before the capture (default: the station setting, 10)")
    p.add_argument("--allow-warnings", action="store_true", help="also capture when a check only warns")
    p.add_argument("--profile", metavar="PROFILE", help="photo rules: aliyun_backdrop (default) or plain_light")
    p.add_argument("--json", action="store_true", help="print the result as one JSON object")
    p.add_argument("--windowed", action="store_true", help="GUI: a normal window instead of full screen")
    p.set_defaults(func=run)


def _settings(args: argparse.Namespace):
    from beian_desktop.cli import UsageError
    from beian_desktop.imaging.profiles import UnknownProfile, get_profile
    from beian_desktop.station.settings import StationSettings

    settings = StationSettings.load()
    if args.good_frames is not None:
        if args.good_frames < 1:
            raise UsageError(Msg("--good-frames 至少为 1", "--good-frames must be at least 1").text())
        settings.good_frames = args.good_frames
    if args.allow_warnings:
        settings.allow_warnings = True
    if args.profile:
        try:
            get_profile(args.profile)
        except UnknownProfile as exc:
            raise UsageError(exc.message.text()) from exc
        settings.profile = args.profile
    return settings.clamped()


def is_camera(source: str) -> bool:
    return source == "camera" or source.startswith("camera:")


def run(args: argparse.Namespace) -> int:
    from beian_desktop.cli import UsageError

    if args.max_seconds is not None and args.max_seconds < 0:
        raise UsageError(Msg("--max-seconds 不能为负数", "--max-seconds must not be negative").text())
    settings = _settings(args)
    if not args.headless:
        return _run_gui(args, settings)
    if is_camera(args.source):
        raise UsageError(Msg("--headless 需要一个视频文件作为 --source（摄像头只能在窗口模式下使用）",
                             "--headless needs a video file as --source (the camera works in the window only)").text())
    if args.capture_to is None:
        raise UsageError(Msg("--headless 需要 --capture-to DIR", "--headless needs --capture-to DIR").text())
    if args.capture_to.exists() and not args.capture_to.is_dir():
        raise UsageError(Msg(f"--capture-to 需要一个文件夹：{args.capture_to}", f"--capture-to needs a directory: {args.capture_to}").text())
    return _run_headless(args, settings)


def _run_headless(args: argparse.Namespace, settings) -> int:
    from beian_desktop.cli import UsageError
    from beian_desktop.station.pipeline import attach_to_draft, run_headless
    from beian_desktop.station.sources import SourceError, VideoFileSource

    lang = current_language()
    source = VideoFileSource(args.source)
    try:
        source.open()
    except SourceError as exc:
        raise UsageError(exc.message.text(lang)) from None
    draft_id = None
    if args.draft:  # check the draft before playing, so a typo does not waste a capture
        from beian_desktop.commands.drafts import open_store_for

        with open_store_for(args) as store:
            draft_id = store.drafts.resolve(args.draft)
    try:
        result = run_headless(source, args.capture_to, settings, max_seconds=args.max_seconds)
    finally:
        source.close()
    obj = result.to_json(lang)
    if result.still is not None and draft_id is not None:
        from beian_desktop.commands.drafts import open_store_for

        with open_store_for(args) as store:
            sha = attach_to_draft(store, draft_id, result.still)
        obj["draft"] = {"id": draft_id, "sha256": sha, "local_copy_deleted": not result.still.path.exists()}
    if args.json:
        print(json.dumps(obj, ensure_ascii=False), flush=True)
    else:
        _print_summary(obj, result, lang)
    return 0 if result.still is not None else 1


def _print_summary(obj: dict, result, lang: str) -> None:
    out = sys.stdout
    if result.still is not None:
        where = obj["draft"]["id"] if "draft" in obj else obj["path"]
        print(Msg(f"已拍摄合格照片（第 {obj['capture_frame']} 帧）：{where}",
                  f"Captured a passing photo (frame {obj['capture_frame']}): {where}").text(lang), file=out)
    else:
        print(Msg("没有拍到合格的照片。", "No passing photo was captured.").text(lang), file=out)
        for check in obj["checks"]:
            if check["status"] != "pass":
                print(f"  ✗ {check['message']}", file=out)
    print(Msg(f"读取 {obj['frames_seen']} 帧，分析 {obj['frames_analysed']} 帧",
              f"{obj['frames_seen']} frames read, {obj['frames_analysed']} analysed").text(lang), file=out)


def _run_gui(args: argparse.Namespace, settings) -> int:
    from beian_desktop.gui.station.app import run_station

    return run_station(args, settings)
