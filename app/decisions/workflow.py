"""The seed's default workflow (WorkflowBuilder, seed 002 §2.6): steps 1-6 computed, step 7
pauses with an approval request (app.rules.approvals: level by decision type and cost, 24 h),
step 8 runs when the approval is decided (``finalize``). ``on_step(decision, step, status)`` is
called after each step so the caller can store and publish it. A step that raises
WorkflowError fails the run with its code; anything else fails it with E008."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import numpy as np

from app.decisions.chances import probabilities
from app.decisions.decompose import decompose
from app.decisions.errors import WorkflowError
from app.decisions.evidence import validate
from app.decisions.facts import facts_wire, query_graph
from app.decisions.graph import HRGraph
from app.decisions.impact import simulate
from app.decisions.plans import generate_options, measures
from app.decisions.report import final_report
from app.domain.decisions import (
    DecisionError,
    DecisionExecution,
    DecomposedQuery,
    StepType,
    WorkflowExecution,
    WorkflowStatus,
)
from app.domain.wire import to_wire
from app.rules import approvals

WORKFLOW_ID = "WF-DEFAULT-8"
OnStep = Callable[[DecisionExecution, StepType, str], None]


def start(execution_id: str, now: datetime) -> DecisionExecution:
    """A new execution, RUNNING before step 1."""
    execution = WorkflowExecution(execution_id, WORKFLOW_ID, WorkflowStatus.RUNNING, 1, {}, now)
    return DecisionExecution(execution_id, execution, updated_at=now)


def _done(decision: DecisionExecution, step: StepType, number: int, result: dict, on_step) -> None:
    decision.execution.results[step.value] = {"status": "done", **result}
    decision.execution.current_step = min(8, number + 1)
    if on_step:
        on_step(decision, step, "done")


def fail(decision: DecisionExecution, step: StepType, error: WorkflowError, now: datetime) -> None:
    execution = decision.execution
    execution.status = WorkflowStatus.FAILED
    execution.error_code = error.code
    execution.completed_at = now
    execution.results[step.value] = {"status": "failed", "error": error.as_dict()}


def run_to_approval(
    decision: DecisionExecution,
    query: str,
    context: dict,
    graph: HRGraph,
    start_week: str,
    now: datetime,
    rng: np.random.Generator,
    *,
    requester_id: str,
    request_id: str,
    decomposed: DecomposedQuery | None = None,
    on_step: OnStep | None = None,
) -> DecisionExecution:
    """Steps 1-7 on ``decision`` (changed in place and returned): PAUSED_FOR_HITL with an
    approval request, or FAILED with the failing step's code."""
    step = StepType.QUERY_DECOMPOSITION
    try:
        dq = decomposed or decompose(query, context, graph)
        decision.query = dq
        _done(decision, step, 1, {"query_type": dq.query_type.value}, on_step)
        step = StepType.KG_QUERY
        facts = query_graph(dq, graph, start_week)
        _done(decision, step, 2, facts_wire(facts), on_step)
        step = StepType.OPTION_GENERATION
        plans = measures(facts)
        option_set = generate_options(facts)
        decision.option_set = option_set
        _done(decision, step, 3, {"options": len(option_set.options)}, on_step)
        step = StepType.IMPACT_SIMULATION
        comparison = simulate(facts, option_set, plans, rng)
        decision.comparison = comparison
        _done(decision, step, 4, {"best_option_id": comparison.best_option_id}, on_step)
        step = StepType.PROBABILITY_CALCULATION
        per_option, probability = probabilities(facts, option_set, plans)
        comparison.comparison_summary["success_factors"] = per_option
        decision.probability = probability
        _done(decision, step, 5, {"overall_probability": probability.overall_probability}, on_step)
        step = StepType.VALIDATION
        validation, text = validate(graph, facts, option_set, plans, comparison, probability)
        decision.validation = validation
        _done(decision, step, 6, {"response_text": text}, on_step)
        step = StepType.HITL_APPROVAL
        recommended = option_set.option(option_set.recommendation)
        request = approvals.new_request(
            request_id,
            decision.id,
            dq.query_type,
            requester_id,
            now,
            estimated_cost=recommended.estimated_cost if recommended else None,
            workflow_context={"query": dq.original_query, "recommended": option_set.recommendation},
        )
        decision.approval_request = request
        decision.execution.status = WorkflowStatus.PAUSED_FOR_HITL
        decision.execution.current_step = 7
        decision.execution.results[step.value] = {
            "status": "waiting",
            "request_id": request_id,
            "required_level": request.required_level.value,
        }
        if on_step:
            on_step(decision, step, "waiting")
    except WorkflowError as exc:
        fail(decision, step, exc, now)
        if on_step:
            on_step(decision, step, "failed")
    except Exception as exc:
        fail(decision, step, e008(exc), now)
        if on_step:
            on_step(decision, step, "failed")
    return decision


def e008(exc: BaseException) -> WorkflowError:
    return WorkflowError(
        DecisionError.E008,
        f"워크플로 실행 중 오류가 발생했습니다 ({type(exc).__name__}). 로그 확인 후 재시도하세요.",
        f"the workflow failed ({type(exc).__name__}); check the logs and retry",
    )


def finalize(decision: DecisionExecution, log_id: str, now: datetime) -> tuple[dict, dict]:
    """Step 8 after the approval became final: (decision log as wire, final report ko/en).
    The execution's status comes from app.rules.approvals.resume_execution."""
    try:
        log = approvals.build_decision_log(decision, log_id, now)
        report = final_report(decision)
    except WorkflowError:
        raise
    except Exception as exc:
        raise e008(exc) from exc
    decision.execution.results[StepType.FINALIZATION.value] = {
        "status": "done",
        "decision_log_id": log_id,
        "report_ko": report["ko"],
        "report_en": report["en"],
    }
    return to_wire(log), report
