"""Times in the GUI: shown and entered in the user's local time zone, stored and computed in Beijing time.

The filing system and every deadline of :mod:`beian_desktop.domain.progress` work in China Standard Time (UTC+8, no
daylight saving). The GUI shows every moment in the computer's local zone (which is the same for most users) and
says so in a tooltip (:func:`zone_note`); what it stores is an ISO string with the +08:00 offset (``to_store``,
``now_cst`` and ``CST`` are the domain's own, from :mod:`beian_desktop.domain.progress`).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from beian_desktop.domain.progress import CST, now_cst
from beian_desktop.domain.progress import format_time as to_store
from beian_desktop.i18n import Msg

__all__ = ["CST", "countdown", "display", "display_stored", "now_cst", "parse", "parse_local", "to_store", "zone_note"]

FORMAT = "%Y-%m-%d %H:%M"


def parse(text: str) -> datetime | None:
    """A stored time: aware datetime from ISO text (naive = Beijing time); ``None`` when empty or unreadable."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=CST)


def parse_local(text: str) -> datetime | None:
    """A time the user typed: ``YYYY-MM-DD HH:MM`` in the local zone (an explicit offset is honoured)."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        dt = datetime.fromisoformat(text.replace("/", "-"))
    except ValueError:
        return None
    return dt if dt.tzinfo else dt.astimezone()  # naive -> the computer's local zone


def display(dt: datetime) -> str:
    """A moment as the user reads it: local wall-clock time, minutes."""
    return dt.astimezone().strftime(FORMAT)


def display_stored(text: str) -> str:
    """A stored time string shown in local time (unreadable text is shown as it is)."""
    dt = parse(text)
    return display(dt) if dt else (text or "")


def local_offset(at: datetime | None = None) -> str:
    """The local zone as ``UTC+08:00``."""
    offset = (at or datetime.now()).astimezone().utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def is_beijing_time(at: datetime | None = None) -> bool:
    return ((at or datetime.now()).astimezone().utcoffset() or timedelta(0)) == timedelta(hours=8)


def zone_note() -> Msg:
    """The tooltip that says which zone times are shown in."""
    zone = local_offset()
    if is_beijing_time():
        return Msg(f"时间为本机时间（{zone}，即北京时间）。",
                   f"Times are this computer's local time ({zone}, the same as Beijing time).")
    return Msg(f"时间为本机时间（{zone}）；备案系统的期限按北京时间（UTC+08:00）计算，这里已换算。",
               f"Times are this computer's local time ({zone}); the filing deadlines run on Beijing time "
               "(UTC+08:00) and are converted here.")


def countdown(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    return f"{sign}{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
