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
        value = parse_time(value)
    if value.tzinfo is None:
        raise ValueError("naive datetimes are not stored; use timezone-aware UTC")
    return value.astimezone(UTC).strftime(_FORMAT)


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
        return datetime.strptime(value, _FORMAT).replace(tzinfo=UTC)


def dumps(value: Any) -> str:
    """JSON text as stored: UTF-8 Korean kept readable (no \\u escapes)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
