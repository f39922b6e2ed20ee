"""Result types shared by the field validators (:mod:`identifiers`, :mod:`contacts`, :mod:`domains`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from beian_desktop.i18n import Msg

__all__ = ["FieldCheck", "Severity", "REQUIRED"]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


#: Message for an empty required value.
REQUIRED = Msg("必填项，请填写", "Required: please fill in")


@dataclass(frozen=True, slots=True)
class FieldCheck:
    """Outcome of checking one value.

    ``valid`` is False when the value cannot be accepted; ``message`` then says why. For a valid value ``message`` is a
    short confirmation (e.g. the kind of ID recognised) and ``warnings`` lists problems that do not make it invalid
    (``川`` in an ICP number, ``www.`` in a domain ...). ``value`` is the normalised form (spaces removed, upper case
    check character, lower-case domain). ``info`` carries what was learned (``birth_date``, ``province`` ...).
    """

    kind: str
    value: str
    valid: bool
    message: Msg
    warnings: tuple[Msg, ...] = ()
    info: dict[str, Any] = field(default_factory=dict)

    def summary(self) -> Msg:
        """The message followed by the warnings, in one :class:`Msg` (used by the CLI)."""
        zh, en = self.message.zh, self.message.en
        for warning in self.warnings:
            zh, en = f"{zh}；{warning.zh}", f"{en}; {warning.en}"
        return Msg(zh, en)

    @classmethod
    def ok(cls, kind: str, value: str, message: Msg, warnings: list[Msg] | tuple[Msg, ...] = (), **info: Any) -> "FieldCheck":
        return cls(kind, value, True, message, tuple(warnings), dict(info))

    @classmethod
    def bad(cls, kind: str, value: str, message: Msg, **info: Any) -> "FieldCheck":
        return cls(kind, value, False, message, (), dict(info))
