"""Korean and English formats from one module (shared/GLOSSARY.md, its last paragraph)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from app.text.formats import (
    clock_time,
    confidence,
    duration,
    form_date,
    full_time,
    money,
    money_exact,
    percent,
    rate,
    remaining,
    table_time,
)


@pytest.mark.parametrize(
    ("amount", "ko", "en"),
    [
        (120_000_000, "1억 2,000만원", "₩120,000,000"),
        (100_000_000, "1억원", "₩100,000,000"),
        (30_000_000, "3,000만원", "₩30,000,000"),
        (530_012_345, "5억 3,001만 2,345원", "₩530,012,345"),
        (9_500, "9,500원", "₩9,500"),
        (0, "0원", "₩0"),
        (-2_000_000, "-200만원", "-₩2,000,000"),
        (12_000_000_000, "120억원", "₩12,000,000,000"),
        (None, "—", "—"),
    ],
)
def test_money(amount, ko, en):
    assert money(amount, "ko") == ko
    assert money(amount, "en") == en


def test_money_exact():
    assert money_exact(120_000_000, "ko") == "120,000,000원"
    assert money_exact(120_000_000, "en") == "₩120,000,000"
    assert money_exact(None) == "—"


@pytest.mark.parametrize(
    ("delta", "ko", "en"),
    [
        (timedelta(minutes=43), "43분", "43 min"),
        (timedelta(hours=19), "19시간", "19 h"),
        (timedelta(hours=19, seconds=40), "19시간", "19 h"),
        (timedelta(hours=2, minutes=14), "2시간 14분", "2 h 14 min"),
        (timedelta(days=2, hours=3, minutes=5), "2일 3시간", "2 d 3 h"),
        (timedelta(days=1, minutes=5), "1일", "1 d"),
        (timedelta(minutes=5, seconds=3), "5분 3초", "5 min 3 s"),
        (timedelta(seconds=45), "45초", "45 s"),
        (timedelta(0), "0초", "0 s"),
        (-timedelta(minutes=43), "43분", "43 min"),
    ],
)
def test_duration_without_zero_parts(delta, ko, en):
    assert duration(delta, "ko") == ko
    assert duration(delta, "en") == en


def test_remaining_and_over():
    assert remaining(timedelta(hours=19), "ko") == "19시간 남음"
    assert remaining(-timedelta(minutes=43), "ko") == "43분 초과"
    assert remaining(-timedelta(minutes=43), "en") == "43 min over"
    assert remaining(timedelta(hours=19), "en") == "19 h left"
    assert remaining(None) == "—"


def test_dates_in_seoul():
    at = datetime(2026, 12, 2, 12, 28, tzinfo=UTC)  # 21:28 in Seoul
    assert table_time(at, "ko") == "12. 2. 21:28"
    assert table_time(at, "en") == "Dec 2 21:28"
    assert form_date(at, "ko") == "2026. 12. 2."
    assert form_date(date(2026, 12, 2), "en") == "Dec 2, 2026"
    assert full_time(at, "ko") == "2026. 12. 2. 21:28"
    assert clock_time(at) == "21:28" and clock_time(at, seconds=True) == "21:28:00"
    assert table_time(None) == "—"


def test_percentages():
    assert confidence(0.9) == "90%"
    assert percent(0.934) == "93%"
    assert percent(0.9345, 1) == "93.5%"
    assert rate(4.5) == "4.5%"
    assert confidence(None) == "—"


def test_the_seeds_korean_units_read_in_english() -> None:
    from app.text.formats import quantity, unit

    assert quantity("2주", "en") == "2 weeks" and quantity("1주", "en") == "1 week"
    assert quantity("1명", "en") == "1 person" and quantity("3개월", "en") == "3 months"
    assert quantity("2주", "ko") == "2주" and quantity("곧", "en") == "곧"
    assert unit("원", "en") == "KRW" and unit("점", "en") == "points" and unit("%", "en") == "%"
    assert unit("주", "ko") == "주"
