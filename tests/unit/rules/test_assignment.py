"""Automatic assignment (seed 000): skill, availability, load cap, priority; P0 at once, P1
within the business day — a fake clock stepped across each boundary."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from app.rules import assignment as a

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # Monday 10:00 KST


def _task(id: str, prio: str = "p2", queue: str = "credit_review", at: datetime = T0, **kw):
    return a.PendingTask(id, queue, prio, at, **kw)


def test_skill_availability_and_least_load() -> None:
    people = [
        a.Candidate("u_a", frozenset({"credit_review"}), load=2),
        a.Candidate("u_b", frozenset({"credit_review"}), load=1),
        a.Candidate("u_c", frozenset({"appeals"}), load=0),
        a.Candidate("u_d", frozenset({"credit_review"}), available=False, load=0),
    ]
    plan = a.plan([_task("t1"), _task("t2")], people, T0)
    assert plan.assigned == (("t1", "u_b"), ("t2", "u_a"))  # b(1)→2, then a(2) by id over b(2)


def test_priority_first_when_capacity_runs_short() -> None:
    people = [a.Candidate("u_a", frozenset({"credit_review"}), load=4)]
    tasks = [_task("t_p3", "p3"), _task("t_p0", "p0", at=T0 + timedelta(minutes=5))]
    plan = a.plan(tasks, people, T0 + timedelta(minutes=5), load_cap=5)
    assert plan.assigned == (("t_p0", "u_a"),)
    assert plan.unplaced == ("t_p3",) and plan.late == ()  # P3 has no assign-by time


def test_excluded_person_never_gets_the_task() -> None:
    people = [a.Candidate("u_dec", frozenset({"appeals"}))]
    plan = a.plan([_task("t1", queue="appeals", exclude=frozenset({"u_dec"}))], people, T0)
    assert plan.assigned == () and plan.unplaced == ("t1",)


def test_p0_is_late_at_once_when_nobody_can_take_it() -> None:
    plan = a.plan([_task("t0", "p0")], [], T0)
    assert plan.late == ("t0",)
    assert a.assign_by("p0", T0) == T0


def test_p1_due_by_the_close_of_the_business_day() -> None:
    close = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # 18:00 KST
    assert a.assign_by("p1", T0) == close
    assert a.plan([_task("t1", "p1")], [], close - timedelta(seconds=1)).late == ()
    assert a.plan([_task("t1", "p1")], [], close).late == ("t1",)
    # arriving Friday 20:00 KST: due the next business day's close (Monday 18:00 KST)
    friday = datetime(2026, 11, 27, 11, 0, tzinfo=UTC)
    assert a.assign_by("p1", friday) == datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    assert a.assign_by("p2", T0) is None


QUEUES = ["credit_review", "appeals", "senior_review"]
people_st = st.lists(
    st.builds(
        a.Candidate,
        id=st.sampled_from([f"u_{i}" for i in range(6)]),
        skills=st.frozensets(st.sampled_from(QUEUES), max_size=3),
        available=st.booleans(),
        load=st.integers(0, 7),
    ),
    max_size=6,
    unique_by=lambda c: c.id,
)
tasks_st = st.lists(
    st.builds(
        a.PendingTask,
        id=st.uuids().map(str),
        queue_id=st.sampled_from(QUEUES),
        priority=st.sampled_from(["p0", "p1", "p2", "p3"]),
        created_at=st.integers(0, 72 * 3600).map(lambda s: T0 + timedelta(seconds=s)),
        exclude=st.frozensets(st.sampled_from([f"u_{i}" for i in range(6)]), max_size=2),
    ),
    max_size=30,
    unique_by=lambda t: t.id,
)


@given(  # as many examples as the Hypothesis profile says (tests/hypothesis_profiles.py)
    tasks=tasks_st, people=people_st, cap=st.integers(1, 6)
)
def test_never_without_skill_nor_above_the_load_cap(tasks, people, cap) -> None:
    plan = a.plan(tasks, people, T0 + timedelta(days=4), load_cap=cap)
    by_id = {c.id: c for c in people}
    tasks_by_id = {t.id: t for t in tasks}
    given_now: dict[str, int] = {}
    for task_id, user_id in plan.assigned:
        person, task = by_id[user_id], tasks_by_id[task_id]
        assert task.queue_id in person.skills and person.available
        assert user_id not in task.exclude
        given_now[user_id] = given_now.get(user_id, 0) + 1
        assert person.load + given_now[user_id] <= cap
    placed = [t for t, _u in plan.assigned]
    assert sorted(placed + list(plan.unplaced)) == sorted(tasks_by_id)
