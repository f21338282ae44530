"""Seed 000 automatic assignment driven by Scheduler.tick on a real SQLite server DB."""

from __future__ import annotations

import random
from datetime import timedelta

from app.domain.enums import CaseStatus, EntityKind, Priority, Role
from server import storage
from server.demo.cases import build_case
from tests.integration.jobs.conftest import T0


def _user(env, name: str, skills: list[str], online_until=None) -> None:
    with env.db.session() as s:
        storage.create_user(s, name, "pw", name, [Role.REVIEWER], skills, now=T0)
        if online_until is not None:
            storage.store_token(s, f"tok-{name}", f"u_{name}", online_until)
        s.commit()


def _open_case(env, n: int, priority: Priority, queue: str = "credit_review") -> str:
    case, task = build_case(
        random.Random(n),
        f"case_{n}",
        env.clock.now,
        priority=priority,
        status=CaseStatus.OPEN,
        queue_id=queue,
    )
    task["created_at"] = case["created_at"] = env.clock.now.isoformat()
    env.put(EntityKind.CASE, case)
    env.put(EntityKind.TASK, task)
    return task["id"]


def test_assigns_by_skill_to_the_online_least_loaded_within_the_cap(env) -> None:
    _user(env, "r1", ["credit_review"], online_until=T0 + timedelta(hours=8))
    _user(env, "r2", ["appeals"], online_until=T0 + timedelta(hours=8))
    _user(env, "r3", ["credit_review"])  # not signed in: not available
    ids = [_open_case(env, n, Priority.P2) for n in range(7)]
    p0 = _open_case(env, 99, Priority.P0)
    env.at(T0)
    with env.db.read() as s:
        tasks = {t["id"]: t for t in storage.query(s, EntityKind.TASK)}
        audit = storage.audit_events(s, "task", p0)
    assert tasks[p0]["assignee_id"] == "u_r1"  # P0 at once, first
    mine = [t for t in tasks.values() if t["assignee_id"] == "u_r1"]
    assert len(mine) == 5 and all(t["status"] == "assigned" for t in mine)  # load cap
    assert sum(tasks[i]["status"] == "open" for i in ids) == 3
    assert [a["action"] for a in audit] == ["auto_assign"]
    case = env.get(EntityKind.CASE, tasks[p0]["case_id"])
    assert case["status"] == "pending" and case["assignee_id"] == "u_r1"


def test_sign_in_after_a_restart_then_work_flows(env) -> None:
    _user(env, "r1", ["credit_review"])
    task = _open_case(env, 1, Priority.P1)
    env.at(T0)
    assert env.get(EntityKind.TASK, task)["status"] == "open"
    env.restart()
    with env.db.session() as s:  # the reviewer signs in while the scheduler is down
        storage.store_token(s, "tok", "u_r1", T0 + timedelta(hours=9))
        s.commit()
    env.at(T0 + timedelta(hours=2))
    assert env.get(EntityKind.TASK, task)["assignee_id"] == "u_r1"
    env.at(T0 + timedelta(hours=10))  # token expired: no new work for r1
    second = _open_case(env, 2, Priority.P0)
    env.at(T0 + timedelta(hours=10, minutes=1))
    assert env.get(EntityKind.TASK, second)["status"] == "open"
