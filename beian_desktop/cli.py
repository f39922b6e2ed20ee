"""Command line: ``beian-desktop`` opens the GUI; subcommands run the same core headless.

Each subcommand lives in ``beian_desktop/commands/<name>.py`` exposing ``register(subparsers)``; the handler it sets
with ``set_defaults(func=...)`` receives the parsed arguments and returns the exit status:
0 success, 1 bad data (or some files could not be read), 2 usage error.
"""

from __future__ import annotations

import argparse
import importlib
import sys

import beian_desktop
from beian_desktop import config
from beian_desktop.errors import EXIT_DATA, EXIT_USAGE, BeianError
from beian_desktop.i18n import language_from_environment, set_language

#: Modules under beian_desktop.commands, in the order their subcommands appear in --help.
COMMAND_MODULES = ("validate", "drafts", "photo", "documents", "export", "gui_commands", "station", "db", "about")

EXIT_OK = 0


class UsageError(BeianError):
    """Raised by handlers for wrong arguments that argparse could not catch; exit status 2."""

    exit_code = EXIT_USAGE


class DataError(BeianError):
    """Raised by handlers for bad data (unknown draft, invalid file); exit status 1."""

    exit_code = EXIT_DATA


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse exits 2 on usage errors already; keep its message on stderr
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


class _VersionAction(argparse.Action):
    """``--version``: the version is read only when asked for (reading the package metadata slows every start)."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help="show the version and exit"):  # noqa: A002, ANN001
        super().__init__(option_strings=option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):  # noqa: ANN001
        sys.stdout.write(f"beian-desktop {beian_desktop.__version__}\n")  # stdout, as argparse's own version action
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="beian-desktop",
        description="备案接入助手 Beian Desktop — offline assistant for ICP access filings (接入备案). "
        "Without a subcommand the desktop application opens.",
    )
    parser.add_argument("--version", action=_VersionAction)
    parser.add_argument(
        "--db",
        metavar="URL",
        default=None,
        help="database URL (default: $BEIAN_DESKTOP_DB, else the SQLite file in the user data directory)",
    )
    parser.add_argument("--lang", choices=("zh_CN", "en"), default=None, help="language of messages (default: zh_CN)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"beian_desktop.commands.{name}")
        module.register(sub)
    return parser


# the URL resolution lives in ``beian_desktop.config`` (the GUI uses it too and must not import the CLI)
database_url = config.database_url


def _tolerant_streams() -> None:
    """Never crash on printing: a file name in another encoding (surrogate escapes) is shown escaped instead."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError):  # pragma: no cover - replaced streams (tests, IDEs)
            pass


def main(argv: list[str] | None = None) -> int:
    _tolerant_streams()
    parser = build_parser()
    args = parser.parse_args(argv)
    set_language(args.lang or language_from_environment())
    if not args.command:
        from beian_desktop.commands.gui_commands import run_gui

        return run_gui(args)
    try:
        return int(args.func(args) or 0)
    except BeianError as exc:  # every application error: its message in the chosen language, its exit status
        print(f"beian-desktop: {exc.message.text()}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. piped into `head`
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
