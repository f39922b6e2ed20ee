"""Keyboard helpers shared by the main window and the wizard."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QWidget


def enter_clicks_buttons(root: QWidget) -> None:
    """Enter (not only Space) presses the focused push button, as in a dialog (Qt does so only inside dialogs)."""
    for button in root.findChildren(QPushButton):
        button.setAutoDefault(True)
