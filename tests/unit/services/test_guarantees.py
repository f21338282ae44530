"""Atomicity and refusals: nothing is written unless everything is."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from app.domain.enums import CaseStatus, EntityKind, Priority, Role
from app.rules.errors import Forbidden, InvalidTransition, ValidationFailed
from app.services import case_actions, task_actions
from app.services.common import Conflict, NotFound
from app.store.apply import apply_changes
from app.store.extract import MODELS
from app.store.local_models import OutboxRow
from app.store.store import Store
from tests.reason_codes import APPROVE_CODE, DENY_CODE
from tests.unit.store import builders as b

REVIEWER = b.user("reviewer1", Role.REVIEWER)
AGENT = b.user("agent1", Role.AGENT)
T1 = b.T0 + timedelta(hours=1)
APPROVE = {"limit": 20_000_000, "rate": 6.5, "note": "승인", "reason_codes": [APPROVE_CODE]}


def _snapshot(store: Store) -> dict:
    with store.session() as s:
        out = {k.value: s.execute(select(m.__table__)).all() for k, m in MODELS.items()}
        out["outbox"] = s.execute(select(OutboxRow.__table__)).all()
    return out


@pytest.fixture
def seeded(store: Store) -> Store:
    c = b.case("case_1", priority=Priority.P2, assignee_id="reviewer1")
    with store.transaction() as s:
        apply_changes(s, b.page(b.queue("credit_review", "신용 심사"), c, b.task("task_1", c)))
    return store


def test_failure_of_the_outbox_insert_leaves_no_case_change(seeded: Store) -> None:
    with seeded.transaction() as s:
        s.execute(
            text(
                "CREATE TRIGGER outbox_full BEFORE INSERT ON outbox "
                "BEGIN SELECT RAISE(ABORT, 'outbox full'); END"
            )
        )
    before = _snapshot(seeded)
    with pytest.raises(DBAPIError, match="outbox full"):
        task_actions.approve(seeded, REVIEWER, "task_1", APPROVE, T1)
    assert _snapshot(seeded) == before


def test_duplicate_idempotency_key_rolls_back_the_second_action(seeded: Store) -> None:
    first = task_actions.comment(seeded, REVIEWER, "task_1", {"body": "첫 메모"}, T1)
    before = _snapshot(seeded)
    with pytest.raises(DBAPIError), seeded.transaction() as s:  # same key again
        from app.services.common import push
        from app.services.task_actions import run_task_action

        run_task_action(
            s,
            REVIEWER,
            task_actions.Action.DENY,
            "task_1",
            {"reason_codes": [DENY_CODE], "note": "거부", "improvement_advice": "재신청"},
            T1,
        )
        push(
            s,
            REVIEWER,
            T1,
            intent="x",
            path="/v1/x",
            payload={},
            form={},
            kind=EntityKind.TASK,
            entity_id="task_1",
            if_match=1,
            case_id="case_1",
            idempotency_key=first.idempotency_key,
        )
    assert _snapshot(seeded) == before


def test_invalid_input_writes_nothing_and_explains_in_both_languages(seeded: Store) -> None:
    before = _snapshot(seeded)
    with pytest.raises(ValidationFailed) as info:
        task_actions.approve(seeded, REVIEWER, "task_1", {"limit": "-5", "rate": 45}, T1)
    errors = info.value.errors
    assert {"limit", "rate", "note", "reason_codes"} <= set(errors)
    ko, en = info.value.messages("ko"), info.value.messages("en")
    assert "한도" in ko["limit"] and "Limit" in en["limit"]
    assert "필수" in ko["note"] and "required" in en["note"]
    assert _snapshot(seeded) == before


def test_forbidden_and_invalid_transitions_write_nothing(seeded: Store) -> None:
    before = _snapshot(seeded)
    with pytest.raises(Forbidden) as info:  # an agent may not approve
        task_actions.approve(seeded, AGENT, "task_1", APPROVE, T1)
    assert info.value.ko and info.value.en
    with pytest.raises(Forbidden):  # above a reviewer's authority (1억원)
        task_actions.approve(seeded, REVIEWER, "task_1", {**APPROVE, "limit": 150_000_000}, T1)
    with pytest.raises(InvalidTransition):  # pending → docs_received is not a transition
        case_actions.docs_received(seeded, REVIEWER, "case_1", {}, T1)
    with pytest.raises(Forbidden):  # only ops_admin assigns
        case_actions.assign(seeded, REVIEWER, "case_1", {"to": "reviewer2"}, T1)
    with pytest.raises(NotFound):
        task_actions.comment(seeded, REVIEWER, "task_x", {"body": "메모"}, T1)
    assert _snapshot(seeded) == before


def test_completed_task_cannot_be_acted_on_again(seeded: Store) -> None:
    task_actions.approve(seeded, REVIEWER, "task_1", APPROVE, T1)
    before = _snapshot(seeded)
    with pytest.raises((Conflict, InvalidTransition)):
        task_actions.deny(
            seeded,
            REVIEWER,
            "task_1",
            {"reason_codes": [DENY_CODE], "note": "거부", "improvement_advice": "재신청"},
            T1,
        )
    assert _snapshot(seeded) == before
    with seeded.session() as s:
        from app.store.lookups import get_case

        assert get_case(s, "case_1").status is CaseStatus.APPROVED
