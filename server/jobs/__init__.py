"""Time-driven jobs the scheduler runs each tick (one module per job, each applying pure rules
of ``app.rules`` with the time passed in).

Every job is ``run(s, before, now) -> list[alert]``: ``s`` is the scheduler's write session,
``before`` the previous run (``None`` on the very first run of a database, or an instant of the
past when the server was down: work that fell due in ``(before, now]`` runs once), ``now`` the
injected ``config.clock``. Alerts are dicts with ``kind, entity, id, code, params, message``;
the scheduler stores and publishes them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from app.rules.alert_text import render

Job = Callable[[Any, datetime | None, datetime], list[dict]]


def alert(kind: str, entity: str, entity_id: str, code: str, params: dict, **extra: Any) -> dict:
    """An alert payload with its ``code`` + ``params`` and the Korean text as ``message``."""
    return {
        "kind": str(kind),
        "entity": str(entity),
        "id": entity_id,
        "code": code,
        "params": params,
        "message": render(code, params, "ko"),
        **extra,
    }


def all_jobs() -> list[tuple[str, Job]]:
    """The jobs in the order they run (assignment after the checkpoints that may add work)."""
    from server.jobs import (
        approvals,
        assignment,
        call_queues,
        checkpoints,
        fact_checks,
        interrupted_decisions,
        reports,
    )

    return [
        ("approvals", approvals.run),
        ("interrupted_decisions", interrupted_decisions.run),
        ("call_queues", call_queues.run),
        ("checkpoints", checkpoints.run),
        ("assignment", assignment.run),
        ("reports", reports.run),
        ("fact_checks", fact_checks.run),
    ]


def run_all(s: Any, before: datetime | None, now: datetime) -> list[dict]:
    out: list[dict] = []
    for _name, job in all_jobs():
        out += job(s, before, now)
    return out
