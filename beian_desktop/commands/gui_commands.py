"""Opening the desktop application (and, later, GUI-only subcommands such as ``screenshots``)."""

from __future__ import annotations


def register(sub) -> None:
    pass


def run_gui(args) -> int:
    from beian_desktop.gui.app import run

    return run(args)
