"""Photo profiles (``resources/rules/photo_profiles.json``): what the background must be and which tops are refused."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from beian_desktop.errors import EXIT_USAGE, BeianError
from beian_desktop.i18n import Msg
from beian_desktop.paths import resource_path

PRINTED_BACKDROP = "printed_backdrop"
PLAIN_LIGHT = "plain_light"


class UnknownProfile(BeianError, ValueError):
    """A profile id that ``photo_profiles.json`` does not define (a usage error in the CLI)."""

    exit_code = EXIT_USAGE

    def __init__(self, profile_id: str, known: tuple[str, ...]) -> None:
        self.profile_id, self.known = profile_id, known
        super().__init__(
            Msg(
                f"未知的照片规则“{profile_id}”，可选：{'、'.join(known)}",
                f"Unknown photo profile '{profile_id}'; choose one of: {', '.join(known)}.",
            )
        )


@dataclass(frozen=True, slots=True)
class PhotoProfile:
    id: str
    name: Msg
    source: str
    background: str  # PRINTED_BACKDROP or PLAIN_LIGHT
    words: tuple[str, ...]  # words printed on the backdrop (any one, read by OCR, identifies it)
    fail_colours: tuple[str, ...]
    warn_colours: tuple[str, ...]
    min_size: tuple[int, int]


@lru_cache(maxsize=1)
def _load() -> tuple[str, dict[str, PhotoProfile]]:
    from beian_desktop.schemas import check_rule_file

    data = json.loads(resource_path("rules", "photo_profiles.json").read_text(encoding="utf-8"))
    check_rule_file(data, "photo_profiles.json")  # an unknown key or a wrong type stops the app at start
    profiles = {}
    for p in data["profiles"]:
        bg = p["background"]
        profiles[p["id"]] = PhotoProfile(
            p["id"],
            Msg(p["zh"], p["en"]),
            p["source"],
            bg["kind"],
            tuple(bg.get("words", ())),
            tuple(p["clothing"]["fail"]),
            tuple(p["clothing"]["warn"]),
            (int(p["min_size"][0]), int(p["min_size"][1])),
        )
    if data["default"] not in profiles:
        raise ValueError("photo_profiles.json: the default profile is not defined")
    return data["default"], profiles


def default_profile_id() -> str:
    return _load()[0]


def profile_ids() -> tuple[str, ...]:
    return tuple(_load()[1])


def get_profile(profile: str | PhotoProfile | None = None) -> PhotoProfile:
    """The profile with this id (default: the file's default); raises :class:`UnknownProfile`."""
    if isinstance(profile, PhotoProfile):
        return profile
    default, profiles = _load()
    key = profile or default
    if key not in profiles:
        raise UnknownProfile(key, tuple(profiles))
    return profiles[key]
