"""Times entered on the submission and review pages (China Standard Time)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

CST = timezone(timedelta(hours=8), "CST")


def now_cst() -> datetime:
    return datetime.now(CST)


def parse(text: str) -> datetime | None:
    """An aware datetime from ``YYYY-MM-DD HH:MM`` / ISO text (naive = CST); ``None`` when empty or unreadable."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=CST)


def display(dt: datetime) -> str:
    return dt.astimezone(CST).strftime("%Y-%m-%d %H:%M")


def countdown(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    return f"{sign}{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
