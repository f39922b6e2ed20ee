"""Plain-data results of image checks, shared by the photo checker, the document checks, the CLI and the GUI."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from beian_desktop.i18n import Msg

Status = Literal["pass", "warn", "fail"]
_RANK = {"pass": 0, "warn": 1, "fail": 2}


def join_messages(messages: list[Msg]) -> Msg:
    """Several pieces of advice as one bilingual message."""
    return Msg("；".join(m.zh for m in messages), " ".join(m.en for m in messages))


def worst(statuses) -> Status:
    result: Status = "pass"
    for status in statuses:
        if _RANK[status] > _RANK[result]:
            result = status
    return result


@dataclass(slots=True)
class CheckResult:
    """One check: id (e.g. ``face_count``), status, bilingual advice, measured values and drawable geometry.

    ``geometry`` holds plain lists in image pixel coordinates of the checked (oriented) image, e.g.
    ``{"face": [x, y, w, h], "torso": [x, y, w, h], "outline": [[x, y], ...]}``; masks are not serialised to JSON.
    """

    id: str
    status: Status
    message: Msg
    values: dict[str, Any] = field(default_factory=dict)
    geometry: dict[str, Any] = field(default_factory=dict)

    def to_json(self, lang: str = "zh_CN") -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status,
            "message": self.message.text(lang),
            "messages": self.message.to_dict(),
            "values": _jsonable(self.values),
            "geometry": _jsonable(self.geometry),
        }


@dataclass(slots=True)
class Report:
    path: str
    checks: list[CheckResult] = field(default_factory=list)
    elapsed_ms: float = 0.0
    image_size: tuple[int, int] | None = None  # (width, height) of the oriented image, when it could be decoded

    @property
    def verdict(self) -> Status:
        return worst(c.status for c in self.checks) if self.checks else "fail"

    def check(self, check_id: str) -> CheckResult | None:
        for c in self.checks:
            if c.id == check_id:
                return c
        return None

    @property
    def loaded(self) -> bool:
        file_check = self.check("file")
        return file_check is None or file_check.status != "fail"

    def to_json(self, lang: str = "zh_CN") -> dict[str, Any]:
        return {
            "path": self.path,
            "verdict": self.verdict,
            "checks": [c.to_json(lang) for c in self.checks],
            "elapsed_ms": round(self.elapsed_ms, 2),
            "image_size": list(self.image_size) if self.image_size else None,
        }


def _jsonable(value: Any) -> Any:
    """Convert numpy scalars/arrays and tuples to JSON-friendly values; drop masks (large arrays)."""
    try:
        import numpy as np
    except ImportError:  # pragma: no cover
        np = None
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items() if not (np is not None and isinstance(v, np.ndarray) and v.ndim >= 2 and v.size > 64)}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if np is not None:
        if isinstance(value, np.ndarray):
            return value.tolist()
        if isinstance(value, np.generic):
            return value.item()
    if isinstance(value, float):
        return round(value, 4)
    return value
