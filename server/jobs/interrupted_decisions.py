"""Decision questions whose run was interrupted (the server process stopped between steps):
an execution still RUNNING ``STALE_AFTER`` after its last stored step is FAILED with E008 and
the step it stopped at, so nobody waits for it; the question can be asked again. A run takes
about a second, so ten minutes without progress means no process is running it."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.decisions.errors import WorkflowError
from app.decisions.workflow import fail
from app.domain.decisions import DecisionError, DecisionExecution, StepType, WorkflowStatus
from app.domain.enums import EntityKind
from app.domain.wire import from_wire, parse_time
from server import storage
from server.jobs.decisions import decision_wire

ACTOR = "system:scheduler"
STALE_AFTER = timedelta(minutes=10)


def interrupted() -> WorkflowError:
    return WorkflowError(
        DecisionError.E008,
        "서버가 실행 도중 멈춰 워크플로가 중단되었습니다. 질문을 다시 하세요.",
        "the run was interrupted (the server stopped mid-run); ask the question again",
    )


def run(s, before: datetime | None, now: datetime) -> list[dict]:
    status = WorkflowStatus.RUNNING.value
    for stored in storage.query(s, EntityKind.DECISION, status=status):
        if parse_time(stored["updated_at"]) > now - STALE_AFTER:
            continue
        decision = from_wire(DecisionExecution, stored)
        steps = list(StepType)
        step = steps[max(0, min(len(steps), decision.execution.current_step) - 1)]
        fail(decision, step, interrupted(), now)
        storage.put(s, EntityKind.DECISION, decision_wire(decision, stored), actor=ACTOR, now=now)
        audit = {"step": step.value, "code": DecisionError.E008.value}
        storage.append_audit(s, ACTOR, "decision_failed", "decision", decision.id, audit, now)
    return []
