"""Display formatting for the widgets, in the UI's language: the Qt side of ``app.text.formats``.

The formats themselves (money in 원 with 만 / 억 grouping, durations without zero parts, Korean
dates, percentages, "—" for no value) live once in ``app.text.formats``; this module only knows
which language the UI speaks (``set_language``, called by ``ui.look.install_language``; English,
the source language, until a translator is installed).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from app.rules.zone import DEFAULT_DISPLAY_ZONE, KST, zone_named
from app.text import formats

_language = "en"


def set_language(lang: str) -> None:
    global _language
    _language = "en" if lang == "en" else "ko"


def language() -> str:
    """ "ko" or "en": the language the installed translator speaks."""
    return _language


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
    """A compact absolute duration without zero parts: "2일 3시간", "19시간", "43분" / "19 h"."""
    return formats.duration(delta, _language)


def format_remaining(delta: timedelta) -> str:
    """ "19시간 남음" / "19 h left"; past the deadline "43분 초과" / "43 min over"."""
    return formats.remaining(delta, _language)


def format_krw(amount: int | None, *, korean_units: bool | None = None) -> str:
    """An amount for a table cell: "3,000만원" / "5억 2,000만원" in Korean, "₩30,000,000" in
    English; "—" for none. ``korean_units`` overrides the UI language (a user setting)."""
    if korean_units is None:
        lang = _language
    else:
        lang = "ko" if korean_units else "en"
    return formats.money(amount, lang)


def korean_amount(amount: int) -> str:
    """Exact Korean reading with 억 and 만 groups: 530,012,345 → "5억 3,001만 2,345원"."""
    return formats.money(amount, "ko")


def format_krw_exact(amount: int | None) -> str:
    """Every digit, for tooltips and forms: "30,000,000원" / "₩30,000,000"."""
    return formats.money_exact(amount, _language)


def format_percent(fraction: float | None, digits: int = 0) -> str:
    """0.93 → "93%" (confidence, probabilities)."""
    return formats.percent(fraction, digits)


def local_time(value: datetime | None, fmt: str | None = None) -> str:
    """A UTC instant in the display zone (the user's setting, default Asia/Seoul): by default the
    full date and time ("2026. 12. 2. 21:28" / "Dec 2, 2026 21:28"); ``fmt`` a strftime pattern
    for the rare fixed layout."""
    if value is None:
        return ""
    if fmt is None:
        return formats.full_time(value, _language, _display["zone"])
    return value.astimezone(_display["zone"]).strftime(fmt)


def table_time(value: datetime | None) -> str:
    """A moment in a table cell: "12. 2. 21:28" / "Dec 2 21:28"."""
    return formats.table_time(value, _language, _display["zone"])


def relative_age(value: datetime | None, now: datetime) -> str:
    """ "5분 전" / "5 min ago" for the "updated" column; the table date for anything older than
    a day."""
    if value is None:
        return ""
    delta = now - value
    if delta < timedelta(minutes=1):
        return "방금" if _language == "ko" else "just now"
    if delta < timedelta(days=1):
        age = formats.duration(delta, _language, parts=1)
        return f"{age} 전" if _language == "ko" else f"{age} ago"
    return formats.table_time(value, _language, _display["zone"])
