"""Seed 004 contact-center time rules, each with a clock stepped across its boundary."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.rules import call_queues as cq

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # Monday 10:00 KST
S = timedelta(seconds=1)


def _c(queue: str, **kw) -> cq.Contact:
    return cq.Contact("call_1", queue, T0, **kw)


def test_route_by_the_business_calendar() -> None:
    assert cq.route("msp", False, T0) == ("msp", "msp_general")
    assert cq.route("general", False, T0) == ("general", "general")
    close = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # 18:00 KST
    assert cq.route("general", False, close - S) == ("general", "general")
    assert cq.route("general", False, close) == ("after_hours", "after_hours")
    assert cq.route("msp", False, close) == ("after_hours", "after_hours")
    assert cq.route("msp", True, close) == ("emergency", "msp_emergency")  # 긴급 연락망 24/7
    chuseok = datetime(2026, 9, 25, 2, 0, tzinfo=UTC)  # Friday 11:00 KST, 추석
    assert cq.route("general", False, chuseok) == ("after_hours", "after_hours")
    saturday = datetime(2026, 11, 28, 2, 0, tzinfo=UTC)
    assert cq.route("msp", False, saturday)[0] == "after_hours"


def test_queue_sla_boundaries() -> None:
    for queue, limit in [
        ("msp_emergency", timedelta(minutes=15)),
        ("msp_general", timedelta(minutes=30)),
        ("general", timedelta(hours=1)),
    ]:
        c = _c(queue)
        assert cq.queue_breaches([c], T0, T0 + limit - S) == []
        assert cq.queue_breaches([c], T0 + limit - S, T0 + limit) == [c]
        assert cq.queue_breaches([c], T0 + limit, T0 + limit + S) == []  # once
        answered = _c(queue, answered_at=T0 + limit - S)
        assert cq.queue_breaches([answered], T0, T0 + limit + S) == []


def test_after_hours_queue_is_due_the_next_business_day() -> None:
    friday_night = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)  # 21:00 KST
    c = cq.Contact("call_ah", "after_hours", friday_night)
    due = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)  # Monday 18:00 KST
    assert cq.queue_due(c) == due
    assert cq.queue_breaches([c], friday_night, due - S) == []
    assert cq.queue_breaches([c], due - S, due) == [c]


def test_msp_callback_promise_15_minutes() -> None:
    c = _c("msp_general")
    due = T0 + timedelta(minutes=15)
    assert cq.callbacks_due([c], T0, due - S) == []
    assert cq.callbacks_due([c], due - S, due) == [c]
    kept = _c("msp_general", answered_at=due - S)
    assert cq.callbacks_due([kept], T0, due + S) == []
    assert cq.callbacks_due([_c("general")], T0, T0 + timedelta(hours=2)) == []


def test_explicit_callback_at_is_a_promise() -> None:
    at = T0 + timedelta(hours=3)
    c = _c("after_hours", callback_at=at)
    assert cq.callbacks_due([c], T0, at - S) == []
    assert cq.callbacks_due([c], at - S, at) == [c]
    assert cq.callbacks_due([_c("after_hours", callback_at=at, called_back_at=at)], T0, at) == []


def test_emergency_ladder_steps_timed() -> None:
    c = _c("msp_emergency", emergency=True)
    assert [r for _i, r, _t in cq.ladder_due(c, T0)] == ["ts_primary"]
    step = cq.LADDER_STEP
    assert len(cq.ladder_due(c, T0 + step - S)) == 1
    assert [r for _i, r, _t in cq.ladder_due(c, T0 + 3 * step)] == list(cq.LADDER)
    logged = _c("msp_emergency", emergency=True, ladder_logged=2)
    assert [r for _i, r, _t in cq.ladder_due(logged, T0 + 2 * step)] == ["part_member"]
    answered = _c("msp_emergency", emergency=True, answered_at=T0 + step + S)
    assert [r for _i, r, _t in cq.ladder_due(answered, T0 + 9 * step)] == [
        "ts_primary",
        "ts_secondary",
    ]
    assert cq.ladder_due(_c("msp_general"), T0 + timedelta(hours=1)) == []


def test_roster_and_targets() -> None:
    people = cq.roster(["u_e2", "u_e1", "u_e3"], ["u_g"], ["u_sup"])
    assert (people.ts_primary, people.ts_secondary, people.part) == ("u_e1", "u_e2", ("u_e3",))
    named = cq.roster(["u_e1", "u_e2", "u_e3"], [], [], primary="u_e3")
    assert named.ts_primary == "u_e3" and named.ts_secondary == "u_e1"
    assert cq.targets("general_and_manager", people) == ["u_g", "u_sup"]
