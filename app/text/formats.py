"""How a person reads numbers, amounts, durations and dates, in Korean and in English.

The glossary's formats (``shared/GLOSSARY.md``): money in 원 with 만 / 억 grouping (1억 2,000만원;
₩120,000,000 in English), durations without zero parts (43분 초과, 19시간 남음; "43 min over"),
"—" for no value, dates as ``12. 2. 21:28`` in tables and ``2026. 12. 2.`` in forms (Asia/Seoul
unless a ``zone`` is passed: the workstation passes the user's display zone), rates and confidence
as percentages. The language is passed in ("ko" or "en"); Qt-free, so the rules, the server,
``dosctl`` and the widgets share it.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from app.text.labels import NO_VALUE

SEOUL = ZoneInfo("Asia/Seoul")
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# -- money --------------------------------------------------------------------------------------
def money(amount: int | float | None, lang: str = "ko") -> str:
    """An amount as a person reads it: 120_000_000 → "1억 2,000만원" / "₩120,000,000";
    530_012_345 → "5억 3,001만 2,345원"; None → "—"."""
    if amount is None:
        return NO_VALUE
    value = round(amount)
    if lang == "en":
        return f"{'-' if value < 0 else ''}₩{abs(value):,}"
    sign = "-" if value < 0 else ""
    eok, rest = divmod(abs(value), 100_000_000)
    man, won = divmod(rest, 10_000)
    parts = []
    if eok:
        parts.append(f"{eok:,}억")
    if man:
        parts.append(f"{man:,}만")
    if won or not parts:
        parts.append(f"{won:,}")
    return sign + " ".join(parts) + "원"


def money_exact(amount: int | float | None, lang: str = "ko") -> str:
    """Every digit, for forms and tooltips: "120,000,000원" / "₩120,000,000"."""
    if amount is None:
        return NO_VALUE
    value = round(amount)
    if lang == "en":
        return f"{'-' if value < 0 else ''}₩{abs(value):,}"
    return f"{value:,}원"


# -- durations ----------------------------------------------------------------------------------
_UNITS_KO = ("일", "시간", "분", "초")
_UNITS_EN = (" d", " h", " min", " s")


def duration(delta: timedelta | float | None, lang: str = "ko", *, parts: int = 2) -> str:
    """An absolute duration, largest units first, zero parts left out: "19시간", "43분",
    "2일 3시간", "5분 3초" / "19 h", "43 min", "2 d 3 h"; less than a second is "0초" / "0 s"."""
    if delta is None:
        return NO_VALUE
    seconds = delta.total_seconds() if isinstance(delta, timedelta) else float(delta)
    total = int(abs(seconds))
    days, rest = divmod(total, 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes, secs = divmod(rest, 60)
    units = _UNITS_EN if lang == "en" else _UNITS_KO
    values = (days, hours, minutes, secs)
    first = next((i for i, v in enumerate(values) if v), 3)
    shown = [f"{values[i]}{units[i]}" for i in range(first, min(first + parts, 4)) if values[i]]
    return " ".join(shown) or f"0{units[3]}"


def remaining(delta: timedelta | None, lang: str = "ko") -> str:
    """Time to a deadline: "19시간 남음" / "19 h left"; past it "43분 초과" / "43 min over"."""
    if delta is None:
        return NO_VALUE
    text = duration(delta, lang)
    if delta.total_seconds() < 0:
        return f"{text} over" if lang == "en" else f"{text} 초과"
    return f"{text} left" if lang == "en" else f"{text} 남음"


# -- dates --------------------------------------------------------------------------------------
def _local(value: datetime, zone: ZoneInfo | None = None) -> datetime:
    return value.astimezone(zone or SEOUL) if value.tzinfo else value


def table_time(value: datetime | None, lang: str = "ko", zone: ZoneInfo | None = None) -> str:
    """A moment in a table cell: "12. 2. 21:28" / "Dec 2 21:28" (in ``zone``, default
    Asia/Seoul; the workstation passes the user's display zone)."""
    if value is None:
        return NO_VALUE
    t = _local(value, zone)
    if lang == "en":
        return f"{MONTHS_EN[t.month - 1]} {t.day} {t.hour:02d}:{t.minute:02d}"
    return f"{t.month}. {t.day}. {t.hour:02d}:{t.minute:02d}"


def form_date(value: date | datetime | None, lang: str = "ko", zone: ZoneInfo | None = None) -> str:
    """A date in a form or a heading: "2026. 12. 2." / "Dec 2, 2026"."""
    if value is None:
        return NO_VALUE
    d = _local(value, zone) if isinstance(value, datetime) else value
    if lang == "en":
        return f"{MONTHS_EN[d.month - 1]} {d.day}, {d.year}"
    return f"{d.year}. {d.month}. {d.day}."


def full_time(value: datetime | None, lang: str = "ko", zone: ZoneInfo | None = None) -> str:
    """Date and time in full, for tooltips and details: "2026. 12. 2. 21:28" /
    "Dec 2, 2026 21:28"."""
    if value is None:
        return NO_VALUE
    t = _local(value, zone)
    return f"{form_date(t, lang)} {t.hour:02d}:{t.minute:02d}"


def clock_time(
    value: datetime | None, *, seconds: bool = False, zone: ZoneInfo | None = None
) -> str:
    """The time of day: "21:28" (or "21:28:05"), the same in both languages."""
    if value is None:
        return NO_VALUE
    t = _local(value, zone)
    return f"{t:%H:%M:%S}" if seconds else f"{t:%H:%M}"


# -- ratios -------------------------------------------------------------------------------------
def percent(fraction: float | None, digits: int = 0) -> str:
    """A 0-1 fraction as a percentage: 0.93 → "93%" (confidence, probability, shares)."""
    if fraction is None:
        return NO_VALUE
    return f"{fraction * 100:.{digits}f}%"


def rate(value: float | None, digits: int = 1) -> str:
    """A value already in percent: 4.5 → "4.5%" (interest rates, shares of a total)."""
    if value is None:
        return NO_VALUE
    return f"{value:.{digits}f}%"


def confidence(fraction: float | None) -> str:
    """Confidence as a percentage, as beside every other probability: 0.9 → "90%"."""
    return percent(fraction)


# -- the seeds' Korean unit words ---------------------------------------------------------------
UNITS_EN = {"원": "KRW", "만원": "KRW", "억원": "KRW", "백만원": "KRW", "주": "weeks",
            "점": "points", "명": "people", "개월": "months", "일": "days"}  # fmt: skip
_ONE = {"weeks": "week", "points": "point", "people": "person", "months": "month", "days": "day"}
_COUNT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(주|개월|일|명|점)\s*$")


def unit(text: str, lang: str = "ko") -> str:
    """A seed's unit word as a person reads it in ``lang``: 주 → weeks in English (Korean as
    written; anything unknown, like %, as it is)."""
    return UNITS_EN.get(text.strip(), text) if lang == "en" else text


def quantity(text: str | None, lang: str = "ko") -> str:
    """A seed's "2주" / "3개월" in ``lang``: "2 weeks" in English; other text as written."""
    if not text:
        return NO_VALUE
    m = _COUNT.match(text)
    if lang != "en" or m is None:
        return text
    number, word = m.groups()
    english = UNITS_EN[word]
    return f"{number} {_ONE.get(english, english) if number == '1' else english}"
