"""app.services.decision_actions on a real store seeded like the change feed: each action
writes the optimistic change and the outbox row with the exact API.md path and payload in one
transaction, and writes nothing when the rules refuse."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.commands.checkpoint_feedback import field_errors as validate_feedback
from app.domain.checkpoints import Checkpoint
from app.domain.decisions import ApprovalRequest
from app.domain.enums import ApprovalLevel, ApprovalStatus, EntityKind
from app.domain.generated import GeneratedContent, GeneratedStatus
from app.domain.wire import from_wire
from app.rules.errors import Forbidden, RuleError, ValidationFailed
from app.services import decision_actions as da
from app.store.local_models import OutboxRow
from app.store.lookups import get_data, get_user
from tests.qt.decision.demo_data import NOW, checkpoint_ids, seed

APR_CAP = "APR-20261123-001"  # TEAM_LEAD
APR_HC = "APR-20261123-002"  # DIVISION (2.4억 option)


@pytest.fixture
def seeded(store):
    seed(store)
    return store


def user(store, uid):
    with store.session() as s:
        return get_user(s, uid)


def outbox(store) -> list[OutboxRow]:
    with store.session() as s:
        rows = list(s.execute(select(OutboxRow).order_by(OutboxRow.id)).scalars())
        s.expunge_all()
        return rows


def entity(store, kind, cls, eid):
    with store.session() as s:
        return from_wire(cls, get_data(s, kind, eid))


FORM = {
    "status": "APPROVED",
    "approval_level": "TEAM_LEAD",
    "selected_option_id": "OPT-02",
    "rationale": "균형 잡힌 접근 방식이 적합함",
    "conditions": "외주 인력 품질 관리 필수\n\n",
}


def test_approval_response_writes_change_and_exact_outbox_row(seeded):
    result = da.approval_response(seeded, user(seeded, "u_senior1"), APR_CAP, FORM, NOW)
    (row,) = outbox(seeded)
    assert row.id == result.outbox_id
    assert row.path == f"/v1/approvals/{APR_CAP}/responses"
    assert row.if_match == 1 and row.entity_kind == "approval" and row.entity_id == APR_CAP
    assert row.payload == {
        "status": "APPROVED",
        "approval_level": "TEAM_LEAD",
        "selected_option_id": "OPT-02",
        "rationale": "균형 잡힌 접근 방식이 적합함",
        "conditions": ["외주 인력 품질 관리 필수"],
    }
    after = entity(seeded, EntityKind.APPROVAL, ApprovalRequest, APR_CAP)
    assert after.status is ApprovalStatus.APPROVED and after.selected_option_id == "OPT-02"
    assert after.responses[-1].approver_id == "u_senior1"


def test_approval_above_the_users_level_is_refused_with_e006(seeded):
    with pytest.raises(Forbidden) as err:
        da.approval_response(
            seeded, user(seeded, "u_senior2"), APR_HC, {**FORM, "approval_level": "DEPARTMENT"}, NOW
        )
    assert "E006" in err.value.ko and "Division head" in err.value.en and "본부장급" in err.value.ko
    with pytest.raises(ValidationFailed) as bad:  # choosing a level above one's own
        da.approval_response(
            seeded, user(seeded, "u_senior1"), APR_CAP, {**FORM, "approval_level": "DIVISION"}, NOW
        )
    assert bad.value.errors["approval_level"].code == "forbidden"
    assert outbox(seeded) == []
    assert entity(seeded, EntityKind.APPROVAL, ApprovalRequest, APR_HC).status == "PENDING"


def test_rationale_and_option_are_required(seeded):
    with pytest.raises(ValidationFailed) as err:
        da.approval_response(
            seeded,
            user(seeded, "u_senior1"),
            APR_CAP,
            {**FORM, "rationale": "  ", "selected_option_id": ""},
            NOW,
        )
    assert set(err.value.errors) == {"rationale", "selected_option_id"}
    assert outbox(seeded) == []


def test_escalate_needs_the_role_and_raises_the_level(seeded):
    with pytest.raises(Forbidden):
        da.approval_escalate(seeded, user(seeded, "u_senior1"), APR_CAP, {"reason": "x"}, NOW)
    with pytest.raises(ValidationFailed):
        da.approval_escalate(seeded, user(seeded, "u_admin1"), APR_CAP, {"reason": " "}, NOW)
    da.approval_escalate(seeded, user(seeded, "u_admin1"), APR_CAP, {"reason": "고액 건"}, NOW)
    (row,) = outbox(seeded)
    assert row.path == f"/v1/approvals/{APR_CAP}/escalate" and row.payload == {"reason": "고액 건"}
    after = entity(seeded, EntityKind.APPROVAL, ApprovalRequest, APR_CAP)
    assert after.required_level is ApprovalLevel.DEPARTMENT
    assert after.status is ApprovalStatus.ESCALATED


def test_generated_content_needs_a_note_when_its_fact_check_failed(seeded):
    senior = user(seeded, "u_senior1")
    gid = "GEN-20261123-001"
    with pytest.raises(ValidationFailed) as err:
        da.generated_decision(seeded, senior, gid, {"decision": "approve"}, NOW)
    assert "note" in err.value.errors
    da.generated_decision(
        seeded, senior, gid, {"decision": "request_changes", "note": "샤프 1.18"}, NOW
    )
    (row,) = outbox(seeded)
    assert row.path == f"/v1/generated/{gid}/decision"
    assert row.payload == {"decision": "request_changes", "note": "샤프 1.18"}
    assert row.entity_kind == "generated" and row.entity_id == gid and row.if_match == 1
    content = entity(seeded, EntityKind.GENERATED, GeneratedContent, gid)
    assert content.status is GeneratedStatus.CHANGES_REQUESTED and not content.applicable
    with pytest.raises(RuleError):  # already decided
        da.generated_decision(seeded, senior, gid, {"decision": "approve", "note": "ok"}, NOW)


def test_checkpoint_feedback_pushes_the_seed_json_unchanged(seeded):
    sc, _ec = checkpoint_ids()
    feedback = {
        "checkpoint_id": sc,
        "mode": "scheduled",
        "signals_reviewed": ["AS-001", "AS-002"],
        "user_assessment": {"signal_validity": "disputed", "priority_override": "high"},
        "proposal_decisions": [
            {"proposal_id": "IP-001", "decision": "modify", "modification_notes": "2명"},
            {"proposal_id": "IP-002", "decision": "reject"},
        ],
    }
    admin = user(seeded, "u_admin1")
    with pytest.raises(Forbidden):  # checkpoint forms are ops_admin's (seed 000 RBAC; README)
        da.checkpoint_feedback(seeded, user(seeded, "u_senior1"), sc, feedback, NOW)
    with pytest.raises(ValidationFailed) as err:  # an EC choice on an SC
        da.checkpoint_feedback(seeded, admin, sc, feedback, NOW, choice="pause_and_escalate")
    assert set(err.value.errors) == {"choice"} and outbox(seeded) == []
    da.checkpoint_feedback(seeded, admin, sc, feedback, NOW, choice="decide_proposals")
    (row,) = outbox(seeded)
    assert row.path == f"/v1/checkpoints/{sc}/feedback?choice=decide_proposals"
    assert row.payload == feedback and validate_feedback(row.payload) == {}
    assert row.user_input["choice"] == "decide_proposals"
    after = entity(seeded, EntityKind.CHECKPOINT, Checkpoint, sc)
    assert after.status == "answered" and after.proposals[0].confidence == pytest.approx(0.41)


def test_checkpoint_pause_and_escalate_rides_in_the_path(seeded):
    _sc, ec = checkpoint_ids()
    feedback = {
        "checkpoint_id": ec,
        "mode": "event",
        "signals_reviewed": ["AS-001"],
        "user_assessment": {"signal_validity": "confirmed"},
        "proposal_decisions": [{"proposal_id": "IP-001", "decision": "approve"}],
    }
    admin = user(seeded, "u_admin1")
    da.checkpoint_feedback(seeded, admin, ec, feedback, NOW, choice="pause_and_escalate")
    (row,) = outbox(seeded)
    assert row.path == f"/v1/checkpoints/{ec}/feedback?choice=pause_and_escalate"
    assert row.payload == feedback  # the seed's JSON exactly, no extra key
    after = entity(seeded, EntityKind.CHECKPOINT, Checkpoint, ec)
    assert after.workflow_paused and after.status == "answered"


def test_checkpoint_without_a_choice_keeps_the_plain_path(seeded):
    sc, _ec = checkpoint_ids()
    feedback = {
        "checkpoint_id": sc,
        "mode": "scheduled",
        "signals_reviewed": ["AS-001"],
        "user_assessment": {"signal_validity": "confirmed"},
        "proposal_decisions": [],
    }
    da.checkpoint_feedback(seeded, user(seeded, "u_admin1"), sc, feedback, NOW)
    (row,) = outbox(seeded)
    assert row.path == f"/v1/checkpoints/{sc}/feedback" and row.payload == feedback
