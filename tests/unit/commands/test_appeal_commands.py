"""appeal_submit / appeal_resolve: each guard and effect on domain dataclasses (no store), one
test per seed rule: rejected only, 30-day window, one appeal per decision, the independent
senior reviewer, overturn → approved with the new terms, partial → approved with the modified
terms, uphold → stays rejected; what each resolution must contain (was
app.rules.appeals.validate_resolution, deleted)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from app.commands import COMMANDS, run
from app.commands.base import Actor, AppealState
from app.domain.cases import Case
from app.domain.enums import (
    AppealResolution,
    AppealStatus,
    CaseStatus,
    FinalDecision,
    Role,
    TaskStatus,
    TaskType,
)
from app.domain.people import Appeal
from app.rules.errors import Forbidden, RuleError, ValidationFailed
from tests.unit.commands.state import ADMIN, AGENT, NOW, REVIEWER1, SENIOR1
from tests.unit.store import builders as b

SUBMIT = COMMANDS["appeal_submit"]
RESOLVE = COMMANDS["appeal_resolve"]
DECIDED = NOW - timedelta(days=3)
SENIOR2 = Actor("u_senior2", (Role.SENIOR_REVIEWER,), ("senior_review",))

UPHOLD = {
    "resolution": "uphold",
    "message": "원래 거부 사유(신용점수 부족, DTI 초과)가 여전히 유효합니다.",
    "reason_codes": ["CREDIT-DENY-SCORE-001", "CREDIT-DENY-DTI-001"],
}
OVERTURN = {
    "resolution": "overturn",
    "message": "제출하신 추가 소득 증빙을 확인한 결과, 승인 기준을 충족합니다.",
    "new_decision": "approve",
    "limit": 25_000_000,
    "rate": 6.0,
}
PARTIAL = {
    "resolution": "partial",
    "message": "보증인 제공 조건으로 승인 가능합니다.",
    "new_decision": "approve_conditional",
    "limit": 20_000_000,
    "conditions": ["연대보증인 1인 필요"],
}


def rejected(
    status: CaseStatus = CaseStatus.REJECTED, decided=DECIDED, by: str = "u_senior1"
) -> Case:
    case = b.case("C-1", status=status, amount=30_000_000)
    case.final_decision = FinalDecision.DENY if status is not CaseStatus.PENDING else None
    case.decided_at, case.decided_by = decided, by
    case.reason_codes = ["CREDIT-DENY-SCORE-001"]
    return case


def submit(case: Case, appeals: list[Appeal] | None = None, actor: Actor = AGENT, now=NOW):
    body = {"case_id": case.id, "reason": "추가 소득 증빙", "evidence": ["급여명세서"]}
    return run(SUBMIT, AppealState(case, appeals=appeals or []), body, actor, now)


def submitted_state(by: str = "u_senior1") -> AppealState:
    case = rejected(by=by)
    result = submit(case)
    (appeal,) = result.others
    (task,) = result.tasks
    return AppealState(result.cases[0], appeal, tasks=[task])


# --- submit -----------------------------------------------------------------------------------


def test_submit_creates_the_appeal_and_its_task_in_the_senior_queue() -> None:
    case = rejected()
    result = submit(case)
    (appeal,) = result.others
    (task,) = result.tasks
    assert result.primary is appeal and appeal.status is AppealStatus.SUBMITTED
    assert appeal.original_decider_id == "u_senior1" and appeal.evidence == ["급여명세서"]
    assert (task.type, task.queue_id, task.appeal_id) == (
        TaskType.APPEAL_REVIEW,
        "appeals",
        appeal.id,
    )
    assert task.due_at == NOW + timedelta(hours=72)  # Appeals resolution time p95 ≤ 72시간
    (after,) = result.cases
    assert after.status is CaseStatus.REJECTED and appeal.id in after.appeal_ids
    assert case.appeal_ids == [] and case.task_ids == []  # the state given is never changed


def test_submit_is_deterministic_per_decision() -> None:
    assert submit(rejected()).primary.id == submit(rejected()).primary.id
    other = rejected(decided=DECIDED - timedelta(days=1))
    assert submit(other).primary.id != submit(rejected()).primary.id


def test_only_a_rejected_case_is_appealable() -> None:
    for status in (CaseStatus.PENDING, CaseStatus.APPROVED):
        with pytest.raises(RuleError) as info:
            submit(rejected(status))
        assert (info.value.status, info.value.code) == (422, "invalid_transition")
    assert submit(rejected(CaseStatus.CLOSED)).primary  # closed with final decision deny


def test_the_window_is_thirty_days_after_the_decision() -> None:
    case = rejected(decided=NOW - timedelta(days=30))
    assert submit(case).primary  # exactly 30 × 24 h later: still on time
    late = rejected(decided=NOW - timedelta(days=30, seconds=1))
    with pytest.raises(RuleError) as info:
        submit(late)
    assert (info.value.status, info.value.code) == (422, "appeal_window_closed")


def test_one_appeal_per_decision() -> None:
    case = rejected()
    first = submit(case).primary
    with pytest.raises(RuleError) as info:
        submit(case, [first], actor=REVIEWER1, now=NOW + timedelta(hours=1))
    assert (info.value.status, info.value.code) == (409, "conflict")
    assert first.id in info.value.en
    old = Appeal("A-old", case.id, "재검토", submitted_at=DECIDED - timedelta(days=40))
    assert submit(case, [old]).primary  # an appeal of an earlier decision does not count


def test_submit_role() -> None:
    auditor = Actor("u_auditor1", (Role.AUDITOR,))
    with pytest.raises(Forbidden):
        submit(rejected(), actor=auditor)


# --- resolve ----------------------------------------------------------------------------------


def resolve(state: AppealState, body: dict[str, Any], actor: Actor = SENIOR2, now=NOW):
    return run(RESOLVE, state, body, actor, now)


def test_overturn_approves_the_case_with_the_new_terms() -> None:
    """Seed: "Overturn (번복) — 원래 결정을 번복하여 승인"."""
    state = submitted_state()
    result = resolve(state, OVERTURN)
    (case,) = result.cases
    assert case.status is CaseStatus.APPROVED and case.final_decision is FinalDecision.APPROVE
    terms = case.approved_terms
    assert terms is not None and (terms.limit, terms.rate) == (25_000_000, 6.0)
    assert (case.decided_by, case.decided_at) == ("u_senior2", NOW)
    appeal = result.primary
    assert appeal.status is AppealStatus.RESOLVED and appeal.resolution is AppealResolution.OVERTURN
    assert (appeal.new_decision, appeal.resolved_by) == ("approve", "u_senior2")
    (task,) = result.tasks
    assert task.status is TaskStatus.COMPLETED and task.completed_by == "u_senior2"
    assert state.case.status is CaseStatus.REJECTED  # the state given is never changed


def test_partial_approves_with_the_modified_terms() -> None:
    """Seed: "Partial (조건부) — 조건부 승인 또는 한도 조정" (no rate in the seed's example)."""
    result = resolve(submitted_state(), PARTIAL)
    (case,) = result.cases
    assert case.status is CaseStatus.APPROVED
    terms = case.approved_terms
    assert terms is not None
    assert (terms.limit, terms.rate, terms.conditions) == (
        20_000_000,
        None,
        ["연대보증인 1인 필요"],
    )
    assert result.primary.new_decision == "approve_conditional"


def test_uphold_keeps_the_case_rejected() -> None:
    """Seed: "Uphold (유지) — 원래 결정이 정당함"."""
    result = resolve(submitted_state(), UPHOLD)
    (case,) = result.cases
    assert case.status is CaseStatus.REJECTED and case.final_decision is FinalDecision.DENY
    assert case.approved_terms is None and case.decided_by == "u_senior1"
    assert result.primary.reason_codes == UPHOLD["reason_codes"]


def test_the_original_decider_may_not_resolve() -> None:
    """Seed: "독립성: 원래 검토자와 다른 senior_reviewer 배정"."""
    with pytest.raises(Forbidden) as info:
        resolve(submitted_state(), UPHOLD, actor=SENIOR1)
    assert info.value.code == "appeal_not_independent"
    for actor in (REVIEWER1, ADMIN):  # only a senior reviewer
        with pytest.raises(Forbidden) as info:
            resolve(submitted_state(), UPHOLD, actor=actor)
        assert info.value.code == "forbidden"


def test_a_resolved_appeal_is_a_conflict() -> None:
    state = submitted_state()
    done = resolve(state, UPHOLD)
    again = AppealState(done.cases[0], done.primary, tasks=done.tasks)
    with pytest.raises(RuleError) as info:
        resolve(again, OVERTURN)
    assert (info.value.status, info.value.code) == (409, "conflict")


def test_overturn_above_the_resolvers_authority_is_403() -> None:
    body = {**OVERTURN, "limit": 1_000_000_000}  # senior_reviewer decides below 10억원
    with pytest.raises(Forbidden):
        resolve(submitted_state(), body)


def test_the_runbook_examples_are_valid() -> None:
    for body in (UPHOLD, OVERTURN, PARTIAL):
        assert resolve(submitted_state(), body).primary.status is AppealStatus.RESOLVED


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        (UPHOLD | {"reason_codes": []}, "reason_codes"),
        (UPHOLD | {"message": ""}, "message"),
        (OVERTURN | {"new_decision": "approve_conditional"}, "new_decision"),
        (OVERTURN | {"limit": 0}, "limit"),
        (OVERTURN | {"limit": 1.5}, "limit"),
        ({k: v for k, v in OVERTURN.items() if k != "limit"}, "limit"),
        ({k: v for k, v in OVERTURN.items() if k != "rate"}, "rate"),
        (OVERTURN | {"rate": 30}, "rate"),
        (PARTIAL | {"conditions": []}, "conditions"),
        (PARTIAL | {"new_decision": "approve"}, "new_decision"),
        (PARTIAL | {"rate": -1}, "rate"),
        ({"resolution": "maybe", "message": "x"}, "resolution"),
        (UPHOLD | {"verdict": "x"}, "verdict"),
    ],
)
def test_invalid_resolutions(payload: dict, field: str) -> None:
    with pytest.raises(ValidationFailed) as info:
        resolve(submitted_state(), payload)
    assert field in info.value.errors, info.value.errors


def test_twenty_megabytes_of_evidence_is_refused() -> None:
    body = {"case_id": "C-1", "reason": "r", "evidence": ["x" * (20 * 2**20)]}
    with pytest.raises(ValidationFailed) as info:
        run(SUBMIT, AppealState(rejected()), body, AGENT, NOW)
    assert "evidence" in info.value.errors
    many = {"case_id": "C-1", "reason": "r", "evidence": [f"doc-{i}" for i in range(21)]}
    with pytest.raises(ValidationFailed):
        run(SUBMIT, AppealState(rejected()), many, AGENT, NOW)
