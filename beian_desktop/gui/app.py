"""Start-up of the desktop application."""

from __future__ import annotations

import sys


def run(args) -> int:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("BeianDesktop")
    window = QMainWindow()
    window.setWindowTitle("备案接入助手")
    window.resize(1000, 700)
    window.show()
    return app.exec()
