"""Automatic assignment (seed 000 "시스템이 스킬/우선순위/가용성에 따라 자동 할당"): pure, the
time passed in.

* **Skill** — a task goes only to someone whose skills name the task's queue.
* **Availability** — only people marked available (signed in, not set away) take work.
* **Load** — nobody is given more than ``load_cap`` open assignments (what they already hold
  counts); among the eligible the least loaded gets the task, ties by id (deterministic).
* **Priority** — tasks are placed most urgent first (P0, P1, P2, P3, then oldest first), so
  when capacity runs short the P0s are the ones served. "P0 즉시 할당": a P0 is due for
  assignment when it is created; "P1 당일 내 할당": a P1 by the close (18:00 KST) of the
  business day it arrives in (the next business day's close when it arrives after hours).
  A task still unplaced after its assign-by time is reported as ``late``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from app.rules import calendar

LOAD_CAP = 5
PRIORITY_ORDER = {"p0": 0, "p1": 1, "p2": 2, "p3": 3}


@dataclass(frozen=True, slots=True)
class Candidate:
    id: str
    skills: frozenset[str]
    available: bool = True
    load: int = 0  # open assignments held now


@dataclass(frozen=True, slots=True)
class PendingTask:
    id: str
    queue_id: str
    priority: str
    created_at: datetime
    exclude: frozenset[str] = field(default_factory=frozenset)  # e.g. an appeal's decider


@dataclass(frozen=True, slots=True)
class Plan:
    assigned: tuple[tuple[str, str], ...]  # (task id, user id), in placement order
    unplaced: tuple[str, ...]  # nobody eligible with capacity
    late: tuple[str, ...]  # unplaced and past their assign-by time


def assign_by(priority: str, created_at: datetime) -> datetime | None:
    """When the task must be assigned: P0 at once, P1 within the business day; others None."""
    if priority == "p0":
        return created_at
    if priority == "p1":
        return calendar.next_business_close(created_at)
    return None


def order(tasks: Iterable[PendingTask]) -> list[PendingTask]:
    return sorted(tasks, key=lambda t: (PRIORITY_ORDER.get(t.priority, 9), t.created_at, t.id))


def can_take(candidate: Candidate, task: PendingTask, load: int, cap: int) -> bool:
    return (
        candidate.available
        and task.queue_id in candidate.skills
        and candidate.id not in task.exclude
        and load < cap
    )


def plan(
    tasks: Sequence[PendingTask],
    candidates: Sequence[Candidate],
    now: datetime,
    load_cap: int = LOAD_CAP,
) -> Plan:
    """Who takes which open task at ``now``."""
    loads = {c.id: c.load for c in candidates}
    assigned: list[tuple[str, str]] = []
    unplaced: list[str] = []
    late: list[str] = []
    for task in order(tasks):
        eligible = [c for c in candidates if can_take(c, task, loads[c.id], load_cap)]
        if not eligible:
            unplaced.append(task.id)
            due = assign_by(task.priority, task.created_at)
            if due is not None and now >= due:
                late.append(task.id)
            continue
        chosen = min(eligible, key=lambda c: (loads[c.id], c.id))
        loads[chosen.id] += 1
        assigned.append((task.id, chosen.id))
    return Plan(tuple(assigned), tuple(unplaced), tuple(late))
