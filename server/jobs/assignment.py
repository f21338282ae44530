"""Seed 000 automatic assignment: each tick the open tasks are placed by
``app.rules.assignment.plan`` (skill, availability, load cap, priority) and saved as assigned —
the task, its case (open → pending, as "다음 케이스 가져오기" does) and an ``auto_assign`` audit
event. Available = signed in (a live token) and not marked ``available: false``. Unplaced P0 /
P1 tasks are logged once when their assign-by time passes."""

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


def _pending(s, task: dict) -> rules.PendingTask:
    exclude = set()
    if task.get("type") == TaskType.APPEAL_REVIEW.value:
        case = storage.get(s, EntityKind.CASE, task["case_id"]) or {}
        if case.get("decided_by"):
            exclude.add(case["decided_by"])  # the original decider never resolves the appeal
    return rules.PendingTask(
        id=task["id"],
        queue_id=task.get("queue_id") or "",
        priority=task.get("priority") or "p3",
        created_at=parse_time(task.get("created_at") or task["updated_at"]),
        exclude=frozenset(exclude),
    )


def run(s, before: datetime | None, now: datetime, load_cap: int = rules.LOAD_CAP) -> list[dict]:
    people = candidates(s, now)
    if not any(c.available for c in people):  # nobody to give work to: nothing to read
        return []
    # locked as read, task before case (the order of a task action), busy ones skipped: a task
    # another transaction is writing now waits for the next run
    open_tasks = storage.query(s, EntityKind.TASK, status=TaskStatus.OPEN.value, skip_locked=True)
    tasks = {t["id"]: t for t in open_tasks}
    pending = {t["id"]: _pending(s, t) for t in tasks.values()}
    plan = rules.plan(list(pending.values()), people, now, load_cap)
    for task_id, user_id in plan.assigned:
        task = tasks[task_id]
        if task.get("type") == TaskType.REVIEW.value:
            case = storage.get(s, EntityKind.CASE, task["case_id"])
            if case is not None:
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
    newly_late = [  # reported once: those whose assign-by time passed since the last run
        i
        for i in plan.late
        if before is None or before < rules.assign_by(pending[i].priority, pending[i].created_at)
    ]
    if newly_late:
        log.warning(
            "%d P0/P1 tasks not assignable past their assign-by time: %s",
            len(newly_late),
            ", ".join(newly_late[:10]),
        )
    return []
