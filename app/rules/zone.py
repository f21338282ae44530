"""Time zones, once: the zone the business rules are written in and the default display zone.

The seeds define the business rules in Korean time: business hours 09:00-18:00 and the Korean
public holidays (``calendar``), SLA due times, checkpoint windows, report and metric periods
("KST days"), deadlines in days. Those rules always count in :data:`KST`, whatever zone a user
reads times in. Times shown to a user follow their setting (``ui/time_zone.py``, default
:data:`DEFAULT_DISPLAY_ZONE`); storage and the wire are UTC.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

RULE_ZONE_NAME = "Asia/Seoul"
KST = ZoneInfo(RULE_ZONE_NAME)
"""The rules' zone (Korea has no daylight saving, so wall-clock arithmetic in it is exact)."""

DEFAULT_DISPLAY_ZONE = RULE_ZONE_NAME
"""The zone times are shown in unless the user chose another (users are in Korea)."""


def zone_named(name: str) -> ZoneInfo:
    """The IANA zone ``name`` ("Asia/Seoul", "UTC", "Europe/Berlin"); ValueError with the name
    when the zone database does not know it."""
    text = (name or "").strip()
    try:
        if not text or text.startswith(("/", ".")) or ".." in text:
            raise ZoneInfoNotFoundError(text)
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(
            f"unknown time zone {name!r} (expected an IANA name like Asia/Seoul)"
        ) from exc
