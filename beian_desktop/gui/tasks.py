"""Running long work off the GUI thread: one small helper, :func:`run_task`.

``run_task(func, on_done, on_error)`` runs ``func()`` in a :class:`QThreadPool` and delivers its result (or the
exception) back on the GUI thread. Tests can swap the pool for a synchronous executor with
:func:`set_synchronous`, so results arrive before ``run_task`` returns.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

_synchronous = False
_pool: QThreadPool | None = None
_active: set["_Task"] = set()  # keeps Python wrappers alive until they report


class _Relay(QObject):
    """Lives on the GUI thread; queued signals carry the outcome back from the worker to its own slots."""

    done = Signal(object)
    failed = Signal(object)

    def __init__(self, task: "_Task") -> None:
        super().__init__()
        self.task = task
        self.done.connect(self._on_done)
        self.failed.connect(self._on_failed)

    @Slot(object)
    def _on_done(self, result: Any) -> None:
        self.task.deliver_done(result)

    @Slot(object)
    def _on_failed(self, exc: BaseException) -> None:
        self.task.deliver_error(exc)


class _Task(QRunnable):
    def __init__(self, func: Callable[[], Any], on_done, on_error) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.func = func
        self.relay = _Relay(self)
        self.on_done = on_done
        self.on_error = on_error

    def run(self) -> None:  # worker thread
        try:
            result = self.func()
        except BaseException as exc:  # noqa: BLE001 - delivered to on_error
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self._emit(self.relay.failed, exc)
        else:
            self._emit(self.relay.done, result)

    @staticmethod
    def _emit(signal, value) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the application is shutting down and the relay is gone: nobody is waiting
            pass

    def deliver_done(self, result: Any) -> None:
        _active.discard(self)
        if self.on_done is not None:
            self.on_done(result)

    def deliver_error(self, exc: BaseException) -> None:
        _active.discard(self)
        if self.on_error is not None:
            self.on_error(exc)
        else:
            log.error("background task failed: %s", getattr(exc, "__traceback_text__", exc))


def thread_pool() -> QThreadPool:
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(max(1, min(2, QThreadPool.globalInstance().maxThreadCount())))
    return _pool


def set_synchronous(value: bool) -> None:
    """Run tasks inline (tests). Results are still delivered through the same callbacks."""
    global _synchronous
    _synchronous = value


def run_task(
    func: Callable[[], Any],
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
) -> None:
    """Run ``func()`` off the GUI thread; call ``on_done(result)`` or ``on_error(exc)`` on the GUI thread."""
    if _synchronous:
        try:
            result = func()
        except Exception as exc:  # noqa: BLE001
            if on_error is None:
                raise
            on_error(exc)
        else:
            if on_done is not None:
                on_done(result)
        return
    task = _Task(func, on_done, on_error)
    _active.add(task)
    thread_pool().start(task)


def active_count() -> int:
    """Tasks started and not yet reported (used by tests and by the window's busy indicator)."""
    return len(_active)


def wait_for_all(msecs: int = 30000) -> bool:
    """Block until the pool is idle (used on shutdown); results still need the event loop to be delivered."""
    return thread_pool().waitForDone(msecs)
