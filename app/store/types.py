"""Column types of the local store.

Times are stored as fixed-width ISO 8601 UTC text, always with microseconds and a ``Z``
(``2026-11-21T09:30:00.000000Z``): lexicographic order is chronological order, so SQL
comparisons and ``ORDER BY`` on the text are correct and indexes work, and the file stays
readable with any SQLite tool. Python always sees timezone-aware UTC datetimes.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import String
from sqlalchemy.types import TypeDecorator

from app.domain.wire import parse_time

_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def db_time(value: datetime | str) -> str:
    """The stored text of a time (aware datetime or RFC 3339 string)."""
    if isinstance(value, str):
        stored = _stored_form(value)
        if stored is not None:
            return stored
        value = parse_time(value)
    if value.tzinfo is None:
        raise ValueError("naive datetimes are not stored; use timezone-aware UTC")
    value = value.astimezone(UTC)
    if value.year < 1000:  # isoformat pads the year to 4 digits, strftime does not
        return value.strftime(_FORMAT)
    return value.isoformat(timespec="microseconds")[:26] + "Z"  # strftime is ~10x slower


def _stored_form(text: str) -> str | None:
    """The stored text of a UTC ``Z`` time as the server formats it, or None (other forms).

    ``…T09:30:00.123456Z`` is already the stored form and ``…T09:30:00Z`` lacks only the
    microseconds; the rest of the text must be exactly what ``isoformat`` writes back."""
    n = len(text)
    if n == 27 and text[26] == "Z":
        head = text[:26]
    elif n == 20 and text[19] == "Z":
        head = text[:19] + ".000000"
    else:
        return None
    # ValueError for a malformed time, as parse_time; anything not canonical takes the long way
    if datetime.fromisoformat(head).isoformat(timespec="microseconds") != head or head < "1":
        return None
    return head + "Z"


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC datetime <-> fixed-width ISO text (sorts chronologically)."""

    impl = String(27)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        if value is None:
            return None
        return db_time(value)

    def process_result_value(self, value: Any, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if len(value) == 27 and value[-1] == "Z":  # the stored form: 20x faster than strptime
            return datetime.fromisoformat(value)
        return datetime.strptime(value, _FORMAT).replace(tzinfo=UTC)


def dumps(value: Any) -> str:
    """JSON text as stored: UTF-8 Korean kept readable (no \\u escapes)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
