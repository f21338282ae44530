"""The wall's SLA trend chart: days labelled "12. 2." (no English month names in Korean), the
window shown even before any day has a value, and a day without closed work left as a gap."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

from widgets.formatting import display_zone
from widgets.trend_chart import TrendChart


def _days(n: int) -> list[float]:
    start = datetime(2026, 11, 24, 15, tzinfo=UTC)  # 0:00 in Seoul
    return [(start + timedelta(days=i)).timestamp() for i in range(n)]


def test_day_labels_are_numeric_in_the_display_zone(qtbot) -> None:
    chart = TrendChart({"p1": "P1"})
    qtbot.addWidget(chart)
    axis = chart.plot.getAxis("bottom")
    assert str(display_zone()) == "Asia/Seoul"
    labels = axis.tickStrings(_days(14)[6:9], 1.0, 86_400.0)
    assert labels == ["12. 1.", "12. 2.", "12. 3."]
    assert not any(c.isalpha() for c in "".join(labels))  # no "Dec"


def test_empty_window_keeps_its_days_and_gaps_are_not_zero(qtbot) -> None:
    chart = TrendChart({"p1": "P1", "p2": "P2"})
    qtbot.addWidget(chart)
    days = _days(14)
    chart.set_series("p1", days, [math.nan] * 14)  # nothing closed yet
    (x0, x1), _y = chart.plot.viewRange()
    assert x0 <= days[0] and x1 >= days[-1]  # the fortnight, not 0..1 (no "00.100" labels)
    values = [90.0, math.nan, 80.0] + [math.nan] * 11
    chart.set_series("p2", days, values)
    _x, y = chart.series_data("p2")
    assert math.isnan(y[1]) and 0.0 not in list(y)  # the quiet day is a gap, not 0 %
