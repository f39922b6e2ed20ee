"""Bilingual messages for the non-Qt layers.

Every user-visible message produced by ``domain``, ``imaging``, ``store`` and ``export`` is a :class:`Msg` carrying
Chinese and English text. The GUI and the CLI pick the language; the core never decides it.
Qt widgets use Qt Linguist (``resources/i18n/*.ts``) for their own labels.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"

_current = DEFAULT_LANGUAGE


@dataclass(frozen=True, slots=True)
class Msg:
    zh: str
    en: str

    def text(self, lang: str | None = None) -> str:
        lang = lang or current_language()
        return self.en if lang.startswith("en") else self.zh

    def format(self, **kwargs) -> "Msg":
        return Msg(self.zh.format(**kwargs), self.en.format(**kwargs))

    def __add__(self, other: "Msg") -> "Msg":
        return Msg(self.zh + other.zh, self.en + " " + other.en)

    def to_dict(self) -> dict[str, str]:
        return {"zh_CN": self.zh, "en": self.en}

    def __str__(self) -> str:
        return self.text()


def normalize_language(lang: str | None) -> str:
    if not lang:
        return DEFAULT_LANGUAGE
    lang = lang.replace("-", "_")
    if lang.lower().startswith("en"):
        return "en"
    return "zh_CN"


def current_language() -> str:
    return _current


def set_language(lang: str | None) -> str:
    global _current
    _current = normalize_language(lang)
    return _current


def language_from_environment() -> str:
    """BEIAN_DESKTOP_LANG wins; otherwise Chinese (the default UI language)."""
    return normalize_language(os.environ.get("BEIAN_DESKTOP_LANG"))
