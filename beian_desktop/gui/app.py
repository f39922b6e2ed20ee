"""Start-up of the desktop application."""

from __future__ import annotations

import logging
import sys

from beian_desktop.errors import message_of

log = logging.getLogger(__name__)

STORE_DELAY_MS = 30


def create_application(argv: list[str] | None = None):
    from PySide6.QtWidgets import QApplication

    _qt_settings_follow_home()
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("BeianDesktop")
    app.setApplicationDisplayName("备案接入助手")
    app.setOrganizationName("BeianDesktop")
    apply_style(app)
    return app


def _qt_settings_follow_home() -> None:
    """With ``BEIAN_DESKTOP_HOME`` set (tests, screenshots), Qt's own settings (``QtProject.conf``: file dialog
    history and the like) go there too, never into the user's configuration."""
    import os

    home = os.environ.get("BEIAN_DESKTOP_HOME")
    if home:
        from pathlib import Path

        from PySide6.QtCore import QSettings

        folder = str(Path(home) / "qt-config")
        for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
            QSettings.setPath(fmt, QSettings.Scope.UserScope, folder)


def apply_style(app) -> None:
    from beian_desktop.paths import resource_path

    try:
        app.setStyleSheet(resource_path("styles", "app.qss").read_text(encoding="utf-8"))
    except OSError as exc:
        log.warning("style sheet not found: %s", exc)


def open_main_window(store, lang: str | None = None, restore: bool = True, settings=None):
    """Build the main window for ``store`` (language: ``lang``, else the saved setting, else the current one).

    ``store`` may be ``None``: :func:`launch` attaches it later with ``set_store``. ``settings`` replaces the user's
    saved GUI settings (the screenshots use a copy that is never written)."""
    from beian_desktop.gui.i18n_qt import current, set_ui_language
    from beian_desktop.gui.main_window import MainWindow
    from beian_desktop.gui.settings import GuiSettings

    settings = settings or GuiSettings.load()
    set_ui_language(lang or settings.language or current())
    window = MainWindow(store, settings)
    if restore:
        window.restore_last()
    return window


def _import_store_modules() -> None:
    """The slow imports (SQLAlchemy, Alembic), done in the thread pool while the window is already on screen."""
    import beian_desktop.store  # noqa: F401


def _in_memory(url: str | None) -> bool:
    """An in-memory SQLite database lives in one thread's connection: it must be opened where it is used."""
    return bool(url) and url.split("?")[0].rstrip("/") in ("sqlite:", "sqlite:///:memory:")


def launch(url: str | None, lang: str | None = None):
    """Show the main window at once, then open (and migrate) the database and restore the last draft.

    The store's modules are imported and the database is opened and migrated in the thread pool (SQLAlchemy's
    file-based SQLite pool and the other back ends allow connections from any thread), then the last draft is
    read and prepared there too (:meth:`MainWindow.open_draft_in_background`): the window stays responsive.
    Returns the shown window.
    """
    from PySide6.QtCore import QCoreApplication, QTimer

    from beian_desktop.gui.tasks import run_task

    window = open_main_window(None, lang, restore=False)
    window.show()

    from beian_desktop.gui import privacy

    # the keyring unlocks the data key silently; without one, a dialog asks for the passphrase (on the GUI thread,
    # also when the store is opened in the thread pool)
    asker = privacy.ThreadSafeAsker(window)

    def open_database() -> object:
        _import_store_modules()
        from beian_desktop.store import open_store
        from beian_desktop.store.keys import KeySource

        return open_store(url, keys=KeySource(asker))

    def failed(exc: BaseException) -> None:
        from PySide6.QtWidgets import QMessageBox

        message = message_of(exc)  # show the reason, bilingual, then quit
        text = message.text() if message is not None else str(exc)
        QMessageBox.critical(window, "备案接入助手 / Beian Desktop", text)
        QCoreApplication.exit(1)

    def opened(store) -> None:
        window.set_store(store)
        privacy.purge_at_start(window)  # drafts past the retention period, deleted off the GUI thread
        if not window.settings.last_page:  # no draft to reopen now: load the wizard's and checks' modules and data
            from beian_desktop.gui.draft_opening import warm_up

            run_task(warm_up, lambda _r: None, lambda _exc: None)
        window.restore_last(background=True)  # read and prepared in the thread pool; the window stays responsive

    def start() -> None:
        if _in_memory(url):
            run_task(_import_store_modules, lambda _r: _open_here(), lambda _exc: _open_here())
        else:
            run_task(open_database, opened, failed)

    def _open_here() -> None:
        try:
            store = open_database()
        except Exception as exc:  # noqa: BLE001
            failed(exc)
            return
        opened(store)

    # shortly after the first frame, so that the imports do not compete with drawing the window
    QTimer.singleShot(STORE_DELAY_MS, start)
    return window


def run(args) -> int:
    from beian_desktop.config import database_url

    qt_app = create_application()
    window = launch(database_url(args), getattr(args, "lang", None))
    try:
        return qt_app.exec()
    finally:
        from beian_desktop.gui.tasks import wait_for_all

        wait_for_all(10000)
        if window.store is not None:
            window.store.close()
