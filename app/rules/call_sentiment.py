"""Live-call sentiment: per-turn values, the rolling trend and the negative-trend alert (seed 004
"감정 변화 패턴 감지 및 알림", "부정적 감정 감지 시 … 상담원 알림 및 에스컬레이션").

Each final ``Transcript`` carries a Contact Lens ``Sentiment`` label; it is plotted as a number:

| label    | value |
|----------|-------|
| NEGATIVE | -1    |
| NEUTRAL  |  0    |
| POSITIVE | +1    |

**Trend** of a participant: the mean of that participant's last ``WINDOW`` (= 3) final turns
(fewer while the call has fewer turns). One angry sentence among calm ones therefore does not
alarm, two out of three negative turns do.

**Alert**: the customer's trend is at or below ``ALERT_THRESHOLD`` (= -0.5) once the customer has
spoken at least ``MIN_TURNS`` (= 2) times. ``-0.5`` over three turns means at least two
negative turns with the third not positive ({-1, -1, 0} = -0.67, {-1, -1, +1} = -0.33 no alert);
over two turns it means one negative and one neutral or worse. The alert is raised when the
trend *crosses* the threshold (``crossed_down``), not again on every later turn while it stays
below; it re-arms once the trend has recovered above ``REARM_ABOVE`` (= -0.2).

Mood shown to the agent = the label of the customer's trend: ``<= -0.34`` negative,
``>= +0.34`` positive, else neutral (a third of the way to either end).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from app.domain.enums import Sentiment

SENTIMENT_VALUE: dict[Sentiment, float] = {
    Sentiment.NEGATIVE: -1.0,
    Sentiment.NEUTRAL: 0.0,
    Sentiment.POSITIVE: 1.0,
}
WINDOW = 3
ALERT_THRESHOLD = -0.5
MIN_TURNS = 2
REARM_ABOVE = -0.2
MOOD_BAND = 0.34


def value_of(sentiment: Sentiment | str | None) -> float:
    """-1 / 0 / +1 for a Contact Lens label; unknown or missing counts as neutral."""
    try:
        return SENTIMENT_VALUE[Sentiment(sentiment)] if sentiment else 0.0
    except ValueError:
        return 0.0


def trend(values: Sequence[float], window: int = WINDOW) -> float | None:
    """Mean of the last ``window`` values; None when there are none."""
    tail = list(values[-window:]) if window > 0 else []
    return sum(tail) / len(tail) if tail else None


def rolling(values: Sequence[float], window: int = WINDOW) -> list[float]:
    """The trend after each value (point ``i`` = mean of values ``i-window+1 .. i``)."""
    out: list[float] = []
    total = 0.0
    for i, v in enumerate(values):
        total += v
        if i >= window:
            total -= values[i - window]
        out.append(total / min(i + 1, window))
    return out


def is_alarming(values: Sequence[float]) -> bool:
    """True when the customer's trend is at or below the threshold (enough turns heard)."""
    t = trend(values)
    return len(values) >= MIN_TURNS and t is not None and t <= ALERT_THRESHOLD + 1e-9


def mood(values: Sequence[float]) -> Sentiment | None:
    """The customer's current mood from the trend; None before the customer spoke."""
    t = trend(values)
    if t is None:
        return None
    if t <= -MOOD_BAND:
        return Sentiment.NEGATIVE
    if t >= MOOD_BAND:
        return Sentiment.POSITIVE
    return Sentiment.NEUTRAL


@dataclass(slots=True)
class AlertState:
    """Edge detection over a growing series: ``update`` answers "raise the alert now?"."""

    armed: bool = True
    raised: int = 0

    def update(self, values: Sequence[float]) -> bool:
        if is_alarming(values):
            if self.armed:
                self.armed = False
                self.raised += 1
                return True
            return False
        t = trend(values)
        if t is not None and t > REARM_ABOVE:
            self.armed = True
        return False


def first_alert_turn(values: Iterable[float]) -> int | None:
    """Index of the customer turn at which the alert first fires (for tests and reports)."""
    seen: list[float] = []
    state = AlertState()
    for i, v in enumerate(values):
        seen.append(v)
        if state.update(seen):
            return i
    return None
