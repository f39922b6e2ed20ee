"""The one base class of the application's errors.

Every error a user can meet carries a bilingual :class:`~beian_desktop.i18n.Msg` (``message``) and the exit status
the command line returns for it (``exit_code``: 1 bad data, 2 usage). The CLI prints ``message`` in the chosen
language and exits with ``exit_code``; the GUI shows ``message``. ``detail`` is for logs only (never personal data).
"""

from __future__ import annotations

from beian_desktop.i18n import Msg

EXIT_DATA = 1
EXIT_USAGE = 2


class BeianError(Exception):
    """Base class: a bilingual ``message``, an ``exit_code`` and a log-only ``detail``."""

    default_message = Msg("出错了。", "Something went wrong.")
    exit_code = EXIT_DATA

    def __init__(self, message: Msg | str | None = None, *, detail: str = "") -> None:
        if isinstance(message, str):
            message = Msg(message, message)
        self.message: Msg = message or self.default_message
        self.detail = detail
        super().__init__(self.message.en)

    def __str__(self) -> str:
        return self.message.en


def message_of(exc: BaseException) -> Msg | None:
    """The bilingual message of an application error (``None`` for anything else, e.g. a bug).

    Errors of the document fixer and the OCR engine are not :class:`BeianError` subclasses yet; their ``Msg`` is
    recognised here, in this one place.
    """
    if isinstance(exc, BeianError):
        return exc.message
    message = getattr(exc, "message", None)
    return message if isinstance(message, Msg) else None


class JsonInputError(BeianError):
    """A JSON file given to the app (draft export, package manifest) that cannot be read safely."""


#: JSON nesting deeper than this is refused (drafts are about 5 levels deep; the manifest's check reports 6).
MAX_JSON_DEPTH = 40


def load_json(text: str | bytes, *, what: Msg | None = None) -> object:
    """``json.loads`` for files from outside: nesting deeper than :data:`MAX_JSON_DEPTH`, numbers with thousands of
    digits and malformed text raise :class:`JsonInputError` with a clear message instead of a traceback."""
    import json

    what = what or Msg("文件", "The file")
    try:
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        value = json.loads(text)
    except RecursionError:
        raise JsonInputError(what + Msg("嵌套层数过多，无法读取。", "is nested too deeply to be read.")) from None
    except UnicodeDecodeError:
        raise JsonInputError(what + Msg("不是 UTF-8 编码的文本。", "is not UTF-8 text.")) from None
    except ValueError as exc:
        if isinstance(exc, json.JSONDecodeError):
            raise JsonInputError(what + Msg("不是有效的 JSON。", "is not valid JSON.")) from None
        raise JsonInputError(what + Msg("含有过长的数字，无法读取。", "holds a number too long to be read.")) from None
    _check_depth(value, what)
    return value


def _check_depth(value: object, what: Msg) -> None:
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            raise JsonInputError(what + Msg("嵌套层数过多，无法读取。", "is nested too deeply to be read."))
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node)
