"""Times in the GUI: every moment is shown, typed and stored in Beijing time (UTC+8), and labelled as such.

The filing system and every deadline of :mod:`beian_desktop.domain.progress` work in China Standard Time (UTC+8, no
daylight saving), and so do the SMS and e-mail messages the applicant receives. Showing some times in the computer's
zone and others in Beijing time put two different clock times for one deadline on the same screen, so the GUI uses
Beijing time everywhere and says so (:func:`labelled`, :func:`zone_note`). What it stores is an ISO string with the
+08:00 offset (``to_store``, ``now_cst`` and ``CST`` are the domain's own, from :mod:`beian_desktop.domain.progress`).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from beian_desktop.domain.progress import CST, now_cst
from beian_desktop.domain.progress import format_time as to_store
from beian_desktop.i18n import Msg

__all__ = ["BEIJING", "CST", "countdown", "display", "display_stored", "labelled", "now_cst", "parse", "parse_typed",
           "to_store", "zone_note"]

BEIJING = Msg("北京时间", "Beijing time")

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


def parse_typed(text: str) -> datetime | None:
    """A time the user typed: ``YYYY-MM-DD HH:MM`` in Beijing time (an explicit offset is honoured)."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        dt = datetime.fromisoformat(text.replace("/", "-"))
    except ValueError:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=CST)


def display(dt: datetime) -> str:
    """A moment in Beijing time, minutes (the column or field it is in says "北京时间")."""
    return dt.astimezone(CST).strftime(FORMAT)


def labelled(dt: datetime) -> str:
    """A moment in running text: Beijing time with the label, e.g. ``2026-06-03 23:59（北京时间）``."""
    label = BEIJING.text()
    return display(dt) + (f"（{label}）" if label == BEIJING.zh else f" ({label})")


def display_stored(text: str) -> str:
    """A stored time string shown in local time (unreadable text is shown as it is)."""
    dt = parse(text)
    return display(dt) if dt else (text or "")


def local_offset(at: datetime | None = None) -> str:
    """The computer's zone as ``UTC+08:00``."""
    offset = (at or datetime.now()).astimezone().utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def is_beijing_time(at: datetime | None = None) -> bool:
    return ((at or datetime.now()).astimezone().utcoffset() or timedelta(0)) == timedelta(hours=8)


def zone_note() -> Msg:
    """The note that says which zone times are shown in (all of them: Beijing time)."""
    if is_beijing_time():
        return Msg("所有时间均为北京时间（UTC+08:00），与本机时间相同。",
                   "All times are Beijing time (UTC+08:00), the same as this computer's clock.")
    zone = local_offset()
    return Msg(f"所有时间均为北京时间（UTC+08:00），与备案系统和短信一致；本机时区为 {zone}。",
               f"All times are Beijing time (UTC+08:00), as in the filing system and its text messages; "
               f"this computer is on {zone}.")


def countdown(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    return f"{sign}{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
