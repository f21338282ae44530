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
    """The stored text of a UTC ``Z`` time as the server writes it, or None (other forms).

    ``…T09:30:00.123456Z`` is already the stored form and ``…T09:30:00Z`` lacks only the
    microseconds. The separators are checked here and the digits by ``fromisoformat``
    (ValueError for a malformed time, as :func:`parse_time`); years below 1000 take the long way.
    """
    n = len(text)
    if n == 27 and text[26] == "Z" and text[19] == ".":
        head = text[:26]
    elif n == 20 and text[19] == "Z":
        head = text[:19] + ".000000"
    else:
        return None
    if not (
        text[4] == "-" and text[7] == "-" and text[10] == "T" and text[13] == ":"
        and text[16] == ":" and text[0] != "0"
    ):  # fmt: skip
        return None
    if datetime.fromisoformat(head).tzinfo is not None:  # e.g. "….1+0900Z": not a time
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
        return read_time(value)


def read_time(value: str | None) -> datetime | None:
    """A stored time (``UtcDateTime``'s text) as an aware UTC datetime."""
    if value is None:
        return None
    if len(value) == 27 and value[-1] == "Z":  # the stored form: 20x faster than strptime
        return datetime.fromisoformat(value)
    return datetime.strptime(value, _FORMAT).replace(tzinfo=UTC)


class JSONText(str):
    """A JSON document already in its stored text form (e.g. cut from a change-feed body):
    :func:`dumps` binds it as is instead of encoding the decoded document again."""

    __slots__ = ()


def dumps(value: Any) -> str:
    """JSON text as stored: UTF-8 Korean kept readable (no \\u escapes)."""
    if value.__class__ is JSONText:
        return str(value)
    if value is None:  # every synced row binds server_data = None
        return "null"
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
