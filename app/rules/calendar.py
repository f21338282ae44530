"""Korean business calendar (seed 004 "업무시간은 평일 09:00~18:00"): weekdays 09:00-18:00
Asia/Seoul, minus the Korean public holidays of the ``holidays`` package (substitute holidays and
election days included, as the package lists them). The days of 2000-2060 are read from
``app.rules.kr_holidays``, a table generated from the package (importing the package costs ~0.15 s
of a cold start); other years and holiday names ask the package, imported on first use.

Every function takes timezone-aware datetimes (any zone) and returns UTC. A business day is the
half-open interval [09:00, 18:00) KST. Korea has no daylight saving, so wall-clock arithmetic in
KST is exact.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import cache, lru_cache
from typing import Any

from app.rules import kr_holidays
from app.rules.zone import KST

OPEN = time(9, 0)
CLOSE = time(18, 0)
DAY_SECONDS = 9 * 3600.0


@cache
def _table_days(year: int) -> frozenset[date]:
    """The holidays of ``year`` from the generated table (parsed per year, on first use)."""
    prefix = f"\n{year} "
    days: set[date] = set()
    at = kr_holidays.TABLE.find(prefix)
    while at >= 0:
        end = kr_holidays.TABLE.index("\n", at + 1)
        days.update(
            date(year, int(d[:2]), int(d[2:])) for d in kr_holidays.TABLE[at + 6 : end].split()
        )
        at = kr_holidays.TABLE.find(prefix, end)
    return frozenset(days)


@cache
def _package() -> Any:
    """The ``holidays`` package's Korean calendar (for years outside the table, and names)."""
    import holidays

    return holidays.country_holidays("KR")


def _require_aware(t: datetime) -> None:
    if t.tzinfo is None or t.utcoffset() is None:
        raise ValueError(f"naive datetime {t!r}: the rules need timezone-aware times")


@lru_cache(maxsize=4096)
def is_business_day(d: date) -> bool:
    """A weekday that is not a Korean public holiday."""
    if d.weekday() >= 5:
        return False
    if kr_holidays.FIRST_YEAR <= d.year <= kr_holidays.LAST_YEAR:
        return d not in _table_days(d.year)
    return d not in _package()


def holiday_name(d: date) -> str | None:
    """The public holiday's name on ``d`` (English, as the package names it), or None."""
    return _package().get(d)


def _local(t: datetime) -> datetime:
    _require_aware(t)
    return t.astimezone(KST)


def _opening(d: date) -> datetime:
    return datetime.combine(d, OPEN, tzinfo=KST)


def _closing(d: date) -> datetime:
    return datetime.combine(d, CLOSE, tzinfo=KST)


def is_business_time(t: datetime) -> bool:
    """True when ``t`` falls inside business hours (09:00 inclusive, 18:00 exclusive, KST)."""
    local = _local(t)
    return is_business_day(local.date()) and OPEN <= local.time() < CLOSE


def next_business_day(d: date) -> date:
    """The first business day strictly after ``d``."""
    d += timedelta(days=1)
    while not is_business_day(d):
        d += timedelta(days=1)
    return d


def next_business_start(t: datetime) -> datetime:
    """``t`` itself (in UTC) if inside business hours, else the next 09:00 KST of a business day."""
    local = _local(t)
    if is_business_time(local):
        return local.astimezone(UTC)
    d = local.date()
    if is_business_day(d) and local < _opening(d):
        return _opening(d).astimezone(UTC)
    return _opening(next_business_day(d)).astimezone(UTC)


def next_business_close(t: datetime) -> datetime:
    """18:00 KST (as UTC) of the business day on which business hours next start at or after
    ``t``: the end of the current business day when ``t`` is inside business hours."""
    start = next_business_start(t).astimezone(KST)
    return _closing(start.date()).astimezone(UTC)


def business_seconds_between(start: datetime, end: datetime) -> float:
    """Business-hour seconds in [start, end); 0 if ``end <= start``."""
    a, b = _local(start), _local(end)
    if b <= a:
        return 0.0
    total = 0.0
    d = a.date()
    last = b.date()
    while d <= last:
        if is_business_day(d):
            lo = max(a, _opening(d))
            hi = min(b, _closing(d))
            if hi > lo:
                total += (hi - lo).total_seconds()
        d += timedelta(days=1)
    return total


def add_business_seconds(start: datetime, seconds: float) -> datetime:
    """The UTC instant at which ``seconds`` of business time have passed since ``start``.

    ``seconds == 0`` returns ``start``; when the budget runs out exactly at 18:00 the result is
    that 18:00, not the next morning. Negative budgets are refused.
    """
    if seconds < 0:
        raise ValueError("seconds must be >= 0")
    local = _local(start)
    if seconds == 0:
        return local.astimezone(UTC)
    left = float(seconds)
    cursor = next_business_start(local).astimezone(KST)
    while True:
        available = (_closing(cursor.date()) - cursor).total_seconds()
        if left <= available:
            return (cursor + timedelta(seconds=left)).astimezone(UTC)
        left -= available
        cursor = _opening(next_business_day(cursor.date()))
