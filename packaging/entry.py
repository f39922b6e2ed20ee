"""Entry point of the frozen application (PyInstaller runs this file; ``beian-desktop`` in a source install).

``BEIAN_DESKTOP_STARTUP_PROBE=1`` (used by ``benchmarks/startup.py`` only): print ``shown`` as soon as the main window
is exposed, then quit, so that the frozen app's start-up can be timed from outside exactly like ``python
packaging/entry.py`` from the source install.
"""

import multiprocessing
import os
import sys

from beian_desktop.cli import main


def _startup_probe() -> None:
    from beian_desktop.gui import app as gui_app

    original = gui_app.launch

    def launch(*args, **kwargs):
        window = original(*args, **kwargs)
        from PySide6.QtCore import QCoreApplication, QTimer

        def poll() -> None:
            handle = window.windowHandle()
            if handle is not None and handle.isExposed():
                print("shown", flush=True)
                QCoreApplication.quit()
            else:
                QTimer.singleShot(1, poll)

        QTimer.singleShot(0, poll)  # quit() only ends a running event loop
        return window

    gui_app.launch = launch


if __name__ == "__main__":
    multiprocessing.freeze_support()  # harmless when unused; required if a dependency ever starts worker processes
    if os.environ.get("BEIAN_DESKTOP_STARTUP_PROBE") == "1":
        _startup_probe()
    sys.exit(main())
