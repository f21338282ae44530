"""app.rules.call_sentiment: values, rolling trend, the alert threshold and its edge."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.domain.enums import Sentiment
from app.rules import call_sentiment as cs
from app.text.sentiment import label, score

N, Z, P = -1.0, 0.0, 1.0
CALLS = Path(__file__).resolve().parents[3] / "resources" / "calls"


def test_values_of_the_contact_lens_labels():
    assert [cs.value_of(s) for s in Sentiment] == [1.0, 0.0, -1.0]
    assert cs.value_of(None) == 0.0
    assert cs.value_of("MIXED") == 0.0


def test_trend_is_the_mean_of_the_last_three():
    assert cs.trend([]) is None
    assert cs.trend([N]) == -1.0
    assert cs.trend([P, P, N, N, Z]) == pytest.approx(-2 / 3)
    assert cs.rolling([P, N, N, Z, P]) == pytest.approx([1.0, 0.0, -1 / 3, -2 / 3, 0.0])


@pytest.mark.parametrize(
    ("values", "alarming"),
    [
        ([N], False),  # one turn is not a pattern
        ([N, Z], True),  # -0.5 over two turns
        ([Z, N, N], True),  # -0.67
        ([N, N, P], False),  # -0.33
        ([P, N, Z], False),  # 0.0
        ([N, N, N, P, P], False),  # recovered
    ],
)
def test_alert_threshold(values, alarming):
    assert cs.is_alarming(values) is alarming


def test_alert_fires_on_the_crossing_and_rearms_after_recovery():
    state = cs.AlertState()
    series: list[float] = []
    fired = []
    for v in [Z, N, N, N, P, P, P, N, N, N]:
        series.append(v)
        fired.append(state.update(series))
    # fires at [Z, N] (-0.5), stays quiet while it stays low, re-arms at [N, P, P] (+0.33)
    assert fired == [False, True, False, False, False, False, False, False, False, True]
    assert state.raised == 2


def test_mood_bands():
    assert cs.mood([]) is None
    assert cs.mood([N, N, Z]) is Sentiment.NEGATIVE
    assert cs.mood([P, N, Z]) is Sentiment.NEUTRAL
    assert cs.mood([P, P, Z]) is Sentiment.POSITIVE


def test_the_angry_customer_script_raises_the_alert_and_a_calm_one_does_not():
    def customer_values(name: str) -> list[float]:
        script = json.loads((CALLS / f"{name}.json").read_text(encoding="utf-8"))
        turns = [t for t in script["turns"] if t["role"] == "CUSTOMER"]
        return [cs.value_of(label(score(t["text"]))) for t in turns]

    angry = customer_values("angry_customer_fee")
    assert cs.first_alert_turn(angry) is not None
    assert cs.first_alert_turn(angry) <= 3  # within the first four customer turns
    assert cs.first_alert_turn(customer_values("msp_general_inquiry")) is None
