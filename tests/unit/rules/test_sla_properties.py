"""Hypothesis properties of the SLA clock and the business calendar."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from app.domain.cases import SlaInfo
from app.domain.enums import SlaState
from app.rules import calendar as cal
from app.rules import sla

# Example counts and derandomisation come from the profile (tests/hypothesis_profiles.py).
MAX_STEP_S = 40 * 24 * 3600.0

instants = st.datetimes(
    min_value=datetime(2025, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(UTC)
)
spans = st.integers(min_value=0, max_value=30 * 24 * 3600).map(lambda s: timedelta(seconds=s))
policies = st.sampled_from(sla.policies())


@st.composite
def clocks(draw: st.DrawFn) -> tuple[SlaInfo, datetime]:
    """A clock after a few pause/resume cycles (maybe still paused) and the last event time."""
    at = draw(instants)
    clock = sla.start(draw(policies), at)
    for _ in range(draw(st.integers(0, 3))):
        at += draw(spans)
        clock = sla.pause(clock, at)
        if draw(st.booleans()):
            at += draw(spans)
            clock = sla.resume(clock, at)
    return clock, at


@given(clocks(), spans, spans)
def test_remaining_never_increases_as_time_passes(
    made: tuple[SlaInfo, datetime], a: timedelta, b: timedelta
) -> None:
    clock, last = made
    early, late = last + min(a, b), last + max(a, b)
    v1, v2 = sla.evaluate(clock, early), sla.evaluate(clock, late)
    assert v2.remaining <= v1.remaining
    assert v2.elapsed_fraction >= v1.elapsed_fraction
    if clock.paused_since is not None:
        assert v1.remaining == v2.remaining  # a paused clock is frozen


@given(policies, instants, spans, spans, spans)
def test_a_paused_interval_does_not_count(
    policy: str, at: datetime, before: timedelta, pause_len: timedelta, after: timedelta
) -> None:
    plain = sla.start(policy, at)
    paused_at = at + before
    resumed = sla.resume(sla.pause(plain, paused_at), paused_at + pause_len)
    assert (
        sla.evaluate(resumed, paused_at + pause_len + after).remaining
        == sla.evaluate(plain, paused_at + after).remaining
    )
    assert resumed.due_at - plain.due_at == pause_len
    assert resumed.warning_at is not None and plain.warning_at is not None
    assert resumed.warning_at - plain.warning_at == pause_len


@given(clocks(), spans)
def test_business_remaining_is_not_negative_until_breached(
    made: tuple[SlaInfo, datetime], later: timedelta
) -> None:
    clock, last = made
    view = sla.evaluate(clock, last + later)
    if view.state is not SlaState.BREACHED:
        assert view.business_remaining >= timedelta(0)
        assert view.remaining > timedelta(0)
        assert view.business_remaining <= view.remaining
    else:
        assert view.remaining <= timedelta(0)
        assert view.business_remaining <= timedelta(0)


@given(instants, spans, spans)
def test_business_seconds_between_is_additive_and_bounded(
    a: datetime, ab: timedelta, bc: timedelta
) -> None:
    b, c = a + ab, a + ab + bc
    whole = cal.business_seconds_between(a, c)
    assert whole == pytest.approx(
        cal.business_seconds_between(a, b) + cal.business_seconds_between(b, c), abs=1e-6
    )
    assert 0 <= whole <= (c - a).total_seconds()
    assert cal.business_seconds_between(c, a) == 0


@given(instants, st.integers(min_value=0, max_value=60 * 9 * 3600))
def test_add_business_seconds_is_the_inverse_of_between(start: datetime, seconds: int) -> None:
    end = cal.add_business_seconds(start, seconds)
    assert end >= start
    assert cal.business_seconds_between(start, end) == pytest.approx(seconds, abs=1e-6)


def step_within(steady: float, part: float) -> timedelta:
    """``part`` of the steady span, floored to whole microseconds so it never exceeds the span
    (``round`` to seconds went past it: 495.999999 s × 0.999 rounded to 496 s)."""
    return timedelta(microseconds=math.floor(min(steady, MAX_STEP_S) * part * 1_000_000))


# The counterexample that made the suite fail at random: an msp_emergency clock 224 s in is
# steady for 495.999999 s; a step rounded to 496 s reached WARNING, as it correctly should.
_T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


@given(clocks(), spans, st.floats(min_value=0.0, max_value=0.999))
@example(made=(sla.start("msp_emergency", _T0), _T0), later=timedelta(seconds=224), part=0.999)
def test_a_clock_moves_one_for_one_while_steady(
    made: tuple[SlaInfo, datetime], later: timedelta, part: float
) -> None:
    """``steady_seconds``: until then the state holds and remaining / elapsed fraction move
    with wall time (what the inbox relies on to tick without evaluating every second)."""
    clock, last = made
    now = last + later
    steady = sla.steady_seconds(clock, now)
    v0 = sla.evaluate(clock, now)
    d = step_within(steady, part)
    assert d.total_seconds() <= steady
    v1 = sla.evaluate(clock, now + d)
    assert v1.state is v0.state
    stopped = clock.paused_since is not None or clock.met_at is not None
    moved = timedelta(0) if stopped else d
    assert abs(v1.remaining - (v0.remaining - moved)) <= timedelta(microseconds=2)
    if not stopped and steady < MAX_STEP_S:  # right after the steady span: a new state
        assert sla.evaluate(clock, now + timedelta(seconds=steady + 1e-3)).state is not v0.state


@st.composite
def warning_clocks(draw: st.DrawFn) -> tuple[SlaInfo, datetime]:
    """A running clock (maybe paused and resumed before) at an instant in its warning span."""
    clock, last = draw(clocks())
    if clock.paused_since is not None:
        last += draw(spans)
        clock = sla.resume(clock, last)
    warn_s, budget_s = sla.warning_elapsed_seconds(clock), sla.budget_seconds(clock)
    elapsed = sla.elapsed_seconds(clock, last)
    into = draw(st.floats(min_value=0.0, max_value=0.999))
    target = warn_s + (budget_s - warn_s) * into  # elapsed seconds wanted at ``now``
    return clock, last + timedelta(seconds=max(0.0, target - elapsed))


@given(warning_clocks(), st.floats(min_value=0.0, max_value=0.999))
@example(made=(sla.start("msp_emergency", _T0), _T0 + timedelta(seconds=800)), part=0.999)
def test_a_warning_clock_holds_until_its_breach(
    made: tuple[SlaInfo, datetime], part: float
) -> None:
    """The same promise at the breach boundary: a clock in WARNING stays in WARNING for any
    step inside ``steady_seconds`` and is BREACHED just after it, for every policy."""
    clock, now = made
    v0 = sla.evaluate(clock, now)
    assume(v0.state is SlaState.WARNING)  # a long pause can leave the clock already breached
    steady = sla.steady_seconds(clock, now)
    assert steady < math.inf
    d = step_within(steady, part)
    assert sla.evaluate(clock, now + d).state is SlaState.WARNING
    assert sla.evaluate(clock, now + timedelta(seconds=steady + 1e-3)).state is SlaState.BREACHED
    assert sla.steady_seconds(clock, now + timedelta(seconds=steady + 1e-3)) == math.inf
