"""Seed 000 automatic assignment: each tick the open tasks are placed by
``app.rules.assignment.plan`` (skill, availability, load cap, priority) and saved as assigned —
the task, its case (open → pending, as "다음 케이스 가져오기" does) and an ``auto_assign`` audit
event. Available = signed in (a live token) and not marked ``available: false``. Unplaced P0 /
P1 tasks past their assign-by time are logged."""

from __future__ import annotations

import logging
from datetime import datetime

from app.domain.enums import Action, CaseStatus, EntityKind, TaskStatus, TaskType
from app.domain.wire import parse_time
from app.rules import access, lifecycle
from app.rules import assignment as rules
from server import storage

log = logging.getLogger(__name__)
ACTOR = "system:auto_assign"


def candidates(s, now: datetime) -> list[rules.Candidate]:
    online = storage.online_user_ids(s, now)
    loads: dict[str, int] = {}
    for task in storage.query(s, EntityKind.TASK, status=TaskStatus.ASSIGNED.value):
        if task.get("assignee_id"):
            loads[task["assignee_id"]] = loads.get(task["assignee_id"], 0) + 1
    out = []
    for user in storage.all_users(s):
        if not access.can(user.get("roles") or [], Action.NEXT_TASK):
            continue
        out.append(
            rules.Candidate(
                id=user["id"],
                skills=frozenset(user.get("skills") or []),
                available=user["id"] in online and user.get("available", True) is not False,
                load=loads.get(user["id"], 0),
            )
        )
    return out


def _pending(task: dict, case: dict | None) -> rules.PendingTask:
    created = task.get("created_at") or (case or {}).get("created_at") or task["updated_at"]
    exclude = set()
    if task.get("type") == TaskType.APPEAL_REVIEW.value and case and case.get("decided_by"):
        exclude.add(case["decided_by"])  # the original decider never resolves the appeal
    return rules.PendingTask(
        id=task["id"],
        queue_id=task.get("queue_id") or "",
        priority=task.get("priority") or "p3",
        created_at=parse_time(created),
        exclude=frozenset(exclude),
    )


def run(s, before: datetime | None, now: datetime, load_cap: int = rules.LOAD_CAP) -> list[dict]:
    tasks = {t["id"]: t for t in storage.query(s, EntityKind.TASK, status=TaskStatus.OPEN.value)}
    if not tasks:
        return []
    cases = {t["id"]: storage.get(s, EntityKind.CASE, t["case_id"]) for t in tasks.values()}
    pending = [_pending(t, cases[t["id"]]) for t in tasks.values()]
    plan = rules.plan(pending, candidates(s, now), now, load_cap)
    for task_id, user_id in plan.assigned:
        task, case = tasks[task_id], cases[task_id]
        if case is not None and task.get("type") == TaskType.REVIEW.value:
            try:
                status = lifecycle.transition(CaseStatus(case["status"]), Action.ASSIGN)
            except Exception:  # a case that cannot be assigned (closed…) keeps its task open
                continue
            case.update(status=status.value, assignee_id=user_id)
            storage.put(s, EntityKind.CASE, case, actor=ACTOR, now=now)
        task.update(status=TaskStatus.ASSIGNED.value, assignee_id=user_id)
        storage.put(s, EntityKind.TASK, task, actor=ACTOR, now=now)
        storage.append_audit(
            s, ACTOR, "auto_assign", EntityKind.TASK.value, task_id, {"assignee_id": user_id}, now
        )
    if plan.late:
        log.warning("not assignable past their assign-by time: %s", ", ".join(plan.late))
    return []
