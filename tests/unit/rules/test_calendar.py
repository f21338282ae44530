"""Korean business calendar: weekdays 09:00-18:00 KST minus public holidays (seed 004)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.rules import calendar as cal

KST = ZoneInfo("Asia/Seoul")


def kst(*args: int) -> datetime:
    return datetime(*args, tzinfo=KST)


def test_holidays_of_2026_come_from_the_package() -> None:
    # Chuseok 2026 is 9/24-9/26; National Foundation Day falls on Saturday 10/3 and is
    # substituted on Monday 10/5.
    for d in (date(2026, 9, 24), date(2026, 9, 25), date(2026, 10, 5), date(2026, 10, 9)):
        assert not cal.is_business_day(d), d
        assert cal.holiday_name(d)
    assert cal.is_business_day(date(2026, 9, 23))  # Wednesday before Chuseok
    assert cal.is_business_day(date(2026, 9, 28))
    assert not cal.is_business_day(date(2026, 9, 27))  # Sunday


def test_the_holiday_table_is_the_packages_answer_day_by_day() -> None:
    # app/rules/kr_holidays.py is generated from the package (scripts/gen_kr_holidays.py);
    # after a `holidays` upgrade, regenerate it when this fails.
    import holidays

    from app.rules import kr_holidays

    package = holidays.country_holidays("KR")
    d = date(kr_holidays.FIRST_YEAR, 1, 1)
    wrong = []
    while d.year <= kr_holidays.LAST_YEAR:
        expected = d.weekday() < 5 and d not in package
        if cal.is_business_day(d) != expected:
            wrong.append(d)
        d += timedelta(days=1)
    assert not wrong, f"table differs from holidays {holidays.__version__}: {wrong[:10]}"


def test_years_outside_the_table_ask_the_package() -> None:
    from app.rules import kr_holidays

    assert kr_holidays.FIRST_YEAR == 2000 and kr_holidays.LAST_YEAR == 2060
    for d in (date(1999, 9, 24), date(2061, 3, 1)):  # Chuseok (Friday), 3.1 (Tuesday)
        assert not cal.is_business_day(d), d
        assert cal.holiday_name(d), d
    assert cal.is_business_day(date(1999, 9, 27))
    assert cal.is_business_day(date(2061, 3, 2))


@pytest.mark.parametrize(
    ("t", "inside"),
    [
        (kst(2026, 3, 10, 9, 0), True),  # opening minute counts
        (kst(2026, 3, 10, 17, 59, 59), True),
        (kst(2026, 3, 10, 18, 0), False),  # closing is exclusive
        (kst(2026, 3, 10, 8, 59, 59), False),
        (kst(2026, 3, 14, 11, 0), False),  # Saturday
        (kst(2026, 9, 25, 11, 0), False),  # Chuseok
        (datetime(2026, 3, 10, 0, 0, tzinfo=UTC), True),  # 09:00 KST given in UTC
    ],
)
def test_is_business_time(t: datetime, inside: bool) -> None:
    assert cal.is_business_time(t) is inside


def test_next_business_start_inside_hours_is_the_same_instant_in_utc() -> None:
    t = kst(2026, 3, 10, 10, 30)
    got = cal.next_business_start(t)
    assert got == t and got.tzinfo == UTC


def test_next_business_start_friday_evening_is_monday_morning() -> None:
    assert cal.next_business_start(kst(2026, 3, 13, 19, 0)) == kst(2026, 3, 16, 9, 0)
    assert cal.next_business_start(kst(2026, 3, 10, 7, 0)) == kst(2026, 3, 10, 9, 0)


def test_next_business_start_skips_chuseok_and_the_weekend() -> None:
    # Wednesday 9/23 evening: Thu-Fri Chuseok, Sat-Sun → Monday 9/28
    assert cal.next_business_start(kst(2026, 9, 23, 18, 30)) == kst(2026, 9, 28, 9, 0)
    # Friday 10/2 evening: Sat 10/3 holiday, Sun, Mon 10/5 substitute → Tuesday 10/6
    assert cal.next_business_start(kst(2026, 10, 2, 20, 0)) == kst(2026, 10, 6, 9, 0)


def test_business_seconds_between_counts_only_open_hours() -> None:
    one_day = cal.DAY_SECONDS
    assert cal.business_seconds_between(kst(2026, 3, 10, 9), kst(2026, 3, 10, 18)) == one_day
    # Friday 17:00 → Monday 10:00 = 1 h + 1 h
    assert cal.business_seconds_between(kst(2026, 3, 13, 17), kst(2026, 3, 16, 10)) == 7200
    # across Chuseok: Wed 17:00 → Mon 09:30 = 1 h + 30 min
    assert cal.business_seconds_between(kst(2026, 9, 23, 17), kst(2026, 9, 28, 9, 30)) == 5400
    assert cal.business_seconds_between(kst(2026, 3, 14, 0), kst(2026, 3, 15, 23)) == 0
    assert cal.business_seconds_between(kst(2026, 3, 11), kst(2026, 3, 10)) == 0


def test_add_business_seconds_rolls_over_nights_weekends_and_holidays() -> None:
    # 2 business hours from Friday 17:00 → Monday 10:00
    assert cal.add_business_seconds(kst(2026, 3, 13, 17), 7200) == kst(2026, 3, 16, 10)
    # exactly a full day from the opening ends at that day's close, not the next morning
    assert cal.add_business_seconds(kst(2026, 3, 10, 9), cal.DAY_SECONDS) == kst(2026, 3, 10, 18)
    # from a Saturday the clock starts Monday 09:00
    assert cal.add_business_seconds(kst(2026, 3, 14, 12), 60) == kst(2026, 3, 16, 9, 1)
    # over Chuseok
    assert cal.add_business_seconds(kst(2026, 9, 23, 17), 5400) == kst(2026, 9, 28, 9, 30)
    assert cal.add_business_seconds(kst(2026, 3, 14, 12), 0) == kst(2026, 3, 14, 12)


def test_add_and_between_are_inverse() -> None:
    start = kst(2026, 9, 21, 15, 17)
    for seconds in (1, 3600, 40_000, 200_000, 1_000_000):
        end = cal.add_business_seconds(start, seconds)
        assert cal.business_seconds_between(start, end) == pytest.approx(seconds)
        assert cal.is_business_time(end - timedelta(microseconds=1))


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        cal.is_business_time(datetime(2026, 3, 10, 10))
    with pytest.raises(ValueError):
        cal.add_business_seconds(kst(2026, 3, 10, 10), -1)
