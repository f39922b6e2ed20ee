"""Start-up of ``beian-desktop station`` (the window): settings, database, the feed, full screen."""

from __future__ import annotations

import argparse
from pathlib import Path

from beian_desktop.i18n import Msg


def capture_dir(settings) -> Path:
    from beian_desktop.paths import user_data_dir

    return Path(settings.capture_dir) if settings.capture_dir else user_data_dir() / "station"


def build_window(source: str, settings, *, store=None, draft_id: str | None = None, capture_to: Path | None = None):
    """The station window for a ``--source`` value; a camera without QtMultimedia gives a window that says how to
    enable it (and still offers the operator panel)."""
    from beian_desktop.gui.station.feeds import feed_for
    from beian_desktop.gui.station.window import StationWindow
    from beian_desktop.station.sources import SourceError

    try:
        w, h = (int(v) for v in settings.resolution.lower().split("x"))
    except ValueError:
        w, h = 1280, 720
    unavailable: Msg | None = None
    try:
        feed = feed_for(source, device_id=settings.camera, resolution=(w, h))
    except SourceError as error:
        feed, unavailable = None, error.message
    return StationWindow(feed, settings, capture_to or capture_dir(settings), store=store, draft_id=draft_id,
                         unavailable=unavailable)


def run_station(args: argparse.Namespace, settings) -> int:
    from beian_desktop.config import database_url
    from beian_desktop.gui.app import create_application
    from beian_desktop.gui.i18n_qt import set_ui_language

    app = create_application()
    set_ui_language(args.lang or settings.language)
    settings.language = args.lang or settings.language
    store = None
    draft_id = None
    db_problem: str | None = None
    try:
        from beian_desktop.store import open_store

        from beian_desktop.gui.privacy import key_source

        store = open_store(database_url(args), keys=key_source(None))
        if args.draft:
            draft_id = store.drafts.resolve(args.draft)
    except Exception as exc:  # noqa: BLE001 - the station works without a database (photos go to the folder)
        from beian_desktop.errors import BeianError, message_of

        message = message_of(exc)
        db_problem = message.text() if message is not None else str(exc)
        if args.draft:  # exit status 1, the message in the chosen language
            raise BeianError(message or Msg(db_problem, db_problem)) from None
    window = build_window(args.source, settings, store=store, draft_id=draft_id, capture_to=args.capture_to)
    if db_problem and window.feed is not None:
        window.show_notice(Msg("数据库不可用，照片只保存在拍照文件夹：", "The database is unavailable; photos stay in the capture folder: ").text()
                           + db_problem, "warn", seconds=10.0)
    if args.windowed:
        window.resize(1280, 800)
        window.show()
    else:
        window.kiosk = True
        window.showFullScreen()
    try:
        return app.exec()
    finally:
        window.shutdown()
        if store is not None:
            store.close()
