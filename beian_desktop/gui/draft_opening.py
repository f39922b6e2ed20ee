"""Opening a draft without freezing the window.

The slow parts of the first opened draft run in the thread pool (:func:`warm_up`: the wizard's page modules, the image
checkers with OpenCV, the phone-number geocoder's data, the rule files validated against their JSON schemas; and
reading the draft from the store) while the main window shows a busy state. Only building the widgets and showing the
draft happen on the GUI thread, in two turns of the event loop; the draft's stored files are then read (and their
hashes verified) and checked in the background by the document and photo slots.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QTimer

from beian_desktop.gui.tasks import run_task

if TYPE_CHECKING:
    from beian_desktop.gui.main_window import MainWindow


def warm_up(app=None) -> None:
    """Imports and data the first opened draft needs, loaded off the GUI thread. Each is loaded once; afterwards
    this returns at once. With ``app``, every rule file and catalogue its checks read is loaded too (pure: no store,
    no widgets)."""
    from datetime import date

    from beian_desktop.domain import deadlines, progress  # noqa: F401 - the submit and review pages
    from beian_desktop.domain.documents import required_documents
    from beian_desktop.domain.rules import rules_in_force
    from beian_desktop.export.problems import find_problems
    from beian_desktop.gui import services
    from beian_desktop.gui.wizard import page_classes

    page_classes()  # every page and widget module
    for kind in ("photo", "document"):
        services.checker_available(kind)
    try:
        import phonenumbers.geocoder  # noqa: F401 - over a second to load, needed by the first validation
    except ImportError:  # pragma: no cover - a dependency; validation says so itself
        pass
    rules_in_force(date.today())
    if app is not None:
        find_problems(app)
        required_documents(app)


def open_in_background(window: "MainWindow", draft_id: str, page_id: str | None = None, *,
                       report_errors: bool = True) -> None:
    """Read ``draft_id`` and prepare what showing it needs in the thread pool, then show it in ``window``'s wizard
    (at ``page_id``). A newer request replaces an older one still under way; a failure is reported (when
    ``report_errors``) and the draft list comes back."""
    if window.store is None:
        return
    window._flush()
    store = window.store
    window.opening = draft_id
    window._set_opening(True)

    def work():
        app, version = store.drafts.load_versioned(draft_id)
        warm_up(app)
        return app, version

    def gone() -> bool:
        # the window was closed while the draft was read (quitting during start-up): nothing left to show it in
        return not shiboken6.isValid(window) or window.store is not store

    def done(result) -> None:
        if gone() or window.opening != draft_id:  # closed, or another draft was asked for meanwhile
            return
        if window._wizard is None:  # built in one turn of the event loop, the draft shown in the next one
            window.wizard  # noqa: B018 - builds it
            QTimer.singleShot(0, lambda: done(result))
            return
        window.opening = None
        window._set_opening(False)
        app, version = result
        window._show_draft(draft_id, app, version, page_id)

    def failed(exc: BaseException) -> None:
        if gone() or window.opening != draft_id:
            return
        window.opening = None
        window._set_opening(False)
        if report_errors:
            window._error(exc)

    run_task(work, done, failed)
