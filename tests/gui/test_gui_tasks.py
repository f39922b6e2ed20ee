"""The one background helper: results come back on the GUI thread; errors are delivered, not lost."""

from __future__ import annotations

import threading

from beian_desktop.gui import tasks


def test_result_is_delivered_on_the_gui_thread(qtbot):
    main = threading.get_ident()
    seen = {}

    def work():
        seen["worker"] = threading.get_ident()
        return 42

    def done(value):
        seen["value"] = value
        seen["callback"] = threading.get_ident()

    tasks.run_task(work, done)
    qtbot.waitUntil(lambda: "value" in seen, timeout=5000)
    assert seen["value"] == 42
    assert seen["worker"] != main
    assert seen["callback"] == main
    assert tasks.active_count() == 0


def test_exception_goes_to_on_error(qtbot):
    errors = []
    tasks.run_task(lambda: 1 / 0, lambda _v: errors.append("no"), errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], ZeroDivisionError)


def test_synchronous_mode_runs_inline(sync_tasks):
    out = []
    tasks.run_task(lambda: threading.get_ident(), out.append)
    assert out == [threading.get_ident()]
