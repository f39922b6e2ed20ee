"""Status colours that stay readable on the system's light or dark palette."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QPalette

_LIGHT = {"pass": "#2e7d32", "warn": "#b26a00", "fail": "#c62828"}
_DARK = {"pass": "#81c784", "warn": "#ffb74d", "fail": "#ef9a9a"}


def dark_palette() -> bool:
    app = QGuiApplication.instance()
    if app is None:
        return False
    return app.palette().color(QPalette.ColorRole.Window).lightness() < 128


def colour(status: str) -> str:
    """``pass``/``warn``/``fail`` (also ``ok``/``error``/``warning``) as a hex colour for the current palette."""
    status = {"ok": "pass", "error": "fail", "warning": "warn"}.get(status, status)
    return (_DARK if dark_palette() else _LIGHT).get(status, "")
