"""Display formatting shared by the widgets: remaining time, KRW amounts, local times.

Unit words go through Qt's translation (context ``Format``) so "2h 14m" reads "2시간 14분" in
Korean; the 억 / 만원 reading of amounts is Korean number grouping and is used when the UI
language is Korean.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication

from app.rules.zone import DEFAULT_DISPLAY_ZONE, KST, zone_named

translate = QCoreApplication.translate

_display = {"zone": zone_named(DEFAULT_DISPLAY_ZONE)}


def set_display_zone(name: str) -> ZoneInfo:
    """Show times in the IANA zone ``name`` from now on (``ui/time_zone.py`` calls this once at
    start from the setting); ValueError, and nothing changed, for an unknown zone."""
    zone = zone_named(name)
    _display["zone"] = zone
    return zone


def display_zone() -> ZoneInfo:
    """The zone times are shown in (default Asia/Seoul)."""
    return _display["zone"]


def zone_label(value: datetime | None = None) -> str:
    """The one short label of the display zone: "KST" for Korea, else the zone's abbreviation
    at ``value`` ("UTC", "CET"), or its name when it has none."""
    zone = display_zone()
    if zone.key == KST.key:
        return "KST"
    name = (value.astimezone(zone) if value else datetime.now(zone)).tzname() or ""
    return name if name.isalpha() else zone.key


def format_duration(delta: timedelta) -> str:
    """A compact absolute duration: "2d 3h", "2h 14m", "14m 05s", "45s" (sign dropped)."""
    total = int(abs(delta.total_seconds()))
    days, rest = divmod(total, 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes, seconds = divmod(rest, 60)
    if days:
        return translate("Format", "{d}d {h}h").format(d=days, h=hours)
    if hours:
        return translate("Format", "{h}h {m}m").format(h=hours, m=minutes)
    if minutes:
        return translate("Format", "{m}m {s:02d}s").format(m=minutes, s=seconds)
    return translate("Format", "{s}s").format(s=seconds)


def format_krw(amount: int | None, *, korean_units: bool) -> str:
    """KRW for a table cell: "3,000만원" / "5억 2,000만원" in Korean, "₩30,000,000" otherwise."""
    if amount is None:
        return ""
    if not korean_units:
        sign = "-" if amount < 0 else ""
        return f"{sign}₩{abs(amount):,}"
    return korean_amount(amount)


def korean_amount(amount: int) -> str:
    """Exact Korean reading with 억 and 만 groups: 530,012,345 → "5억 3,001만 2,345원"."""
    sign = "-" if amount < 0 else ""
    value = abs(amount)
    eok, rest = divmod(value, 100_000_000)
    man, won = divmod(rest, 10_000)
    parts = []
    if eok:
        parts.append(f"{eok:,}억")
    if man:
        parts.append(f"{man:,}만")
    if won or not parts:
        parts.append(f"{won:,}")
    return sign + " ".join(parts) + "원"


def format_krw_exact(amount: int | None) -> str:
    """Thousands separators, for tooltips and forms: "30,000,000원"."""
    if amount is None:
        return ""
    return translate("Format", "{amount} KRW").format(amount=f"{amount:,}")


def local_time(value: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """A UTC instant shown in the display zone (the user's setting, default Asia/Seoul)."""
    if value is None:
        return ""
    return value.astimezone(_display["zone"]).strftime(fmt)


def relative_age(value: datetime | None, now: datetime) -> str:
    """ "5m ago" style age for the "updated" column; dates for anything older than a day."""
    if value is None:
        return ""
    delta = now - value
    if delta < timedelta(minutes=1):
        return translate("Format", "just now")
    if delta < timedelta(days=1):
        return translate("Format", "{age} ago").format(age=format_duration(delta).split(" ")[0])
    t = value.astimezone(
        _display["zone"]
    )  # local_time(value, "%m-%d %H:%M"), without strftime's cost
    return f"{t.month:02d}-{t.day:02d} {t.hour:02d}:{t.minute:02d}"
