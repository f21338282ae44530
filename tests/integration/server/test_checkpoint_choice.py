"""POST /checkpoints/{id}/feedback?choice=… over real HTTP: the SC / EC lettered choice beside
the seed's JSON — pause + escalate pauses the workflow and writes the escalation event, skip
records the SC as skipped, a choice of the other form is 422, the choice is part of the
idempotent request, and the workstation's row (``?choice=`` in its path) is accepted as sent."""

from __future__ import annotations

from datetime import timedelta

import pytest
from client_rows import local_store, only_row, push_row
from conftest import START, Api, assert_problem

from app.domain.checkpoints import Checkpoint, ObservationWindow, Proposal, Signal
from app.domain.enums import CheckpointMode, EntityKind, Role, Severity
from app.domain.people import User
from app.domain.wire import to_wire
from app.services.decision_actions import checkpoint_feedback
from server import storage

SC, EC, SC_SKIP, EC_CLIENT = (f"HC-2026-11-18-{n:03d}" for n in (1, 2, 3, 4))


def _cp(cid: str, mode: CheckpointMode) -> dict:
    return to_wire(
        Checkpoint(
            cid,
            mode,
            ObservationWindow(START - timedelta(days=1), START),
            [Signal("AS-001", "fraud_pattern", 4, Severity.CRITICAL, ["credit_review"], "4건")],
            proposals=[Proposal("IP-001", "4건 자동 보류", 0.9)],
            created_at=START,
            due_at=START + timedelta(days=2),
        )
    )


@pytest.fixture(scope="module", autouse=True)
def checkpoints(db) -> None:
    with db.session() as s:
        for cid, mode in ((SC, "scheduled"), (EC, "event"), (SC_SKIP, "scheduled"),
                          (EC_CLIENT, "event")):  # fmt: skip
            data = _cp(cid, CheckpointMode(mode))
            storage.put(s, EntityKind.CHECKPOINT, data, actor="system", now=START)
        s.commit()


def _feedback(cid: str, mode: str) -> dict:
    return {
        "checkpoint_id": cid,
        "mode": mode,
        "signals_reviewed": ["AS-001"],
        "user_assessment": {"signal_validity": "confirmed"},
        "proposal_decisions": [{"proposal_id": "IP-001", "decision": "approve"}],
    }


def _answer(api: Api, cid: str, mode: str, choice: str | None, **kw):
    path = f"/checkpoints/{cid}/feedback" + (f"?choice={choice}" if choice else "")
    return api.post(path, _feedback(cid, mode), **kw)


def test_choice_must_fit_the_form(api: Api) -> None:
    wrong = assert_problem(_answer(api, EC, "event", "skip_review"), 422, "validation")
    assert set(wrong["errors"]) == {"choice"}  # skip is an SC choice, not an EC one
    assert_problem(_answer(api, SC, "scheduled", "pause_and_escalate"), 422, "validation")
    assert "choice" in str(assert_problem(_answer(api, SC, "scheduled", "nap"), 422)["errors"])
    assert api.get(f"/checkpoints/{EC}", "auditor1").json()["status"] == "open"


def test_pause_and_escalate_pauses_and_records_the_escalation(api: Api) -> None:
    r = _answer(api, EC, "event", "pause_and_escalate", key="ec-choice-key", version=1)
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert data["workflow_paused"] is True and data["status"] == "answered"
    assert data["choice"] == "pause_and_escalate" and data["feedback"]["checkpoint_id"] == EC
    other = _answer(api, EC, "event", "monitor", key="ec-choice-key")  # same key, other query
    assert_problem(other, 422, "idempotency_key_reused")
    replay = _answer(api, EC, "event", "pause_and_escalate", key="ec-choice-key", version=1)
    assert replay.headers["Idempotent-Replayed"] == "true" and replay.json() == r.json()
    events = api.get("/audit", "auditor1", params={"entity": "checkpoint", "id": EC}).json()
    kinds = [(e["action"], e["data"]["kind"]) for e in events["events"]]
    assert kinds == [("hitl_checkpoint", "hitl_feedback"), ("hitl_checkpoint", "escalation")]
    assert events["events"][0]["data"]["choice"] == "pause_and_escalate"
    assert events["events"][0]["data"]["feedback"] == _feedback(EC, "event")


def test_skip_records_the_sc_as_skipped(api: Api) -> None:
    r = _answer(api, SC_SKIP, "scheduled", "skip_review")
    assert r.status_code == 200, r.text
    assert r.json()["data"]["status"] == "skipped" and not r.json()["data"]["workflow_paused"]


def test_no_choice_is_still_the_plain_seed_answer(api: Api) -> None:
    r = _answer(api, SC, "scheduled", None)
    assert r.status_code == 200, r.text
    assert r.json()["data"]["status"] == "answered" and r.json()["data"]["choice"] is None


def test_the_workstation_row_is_accepted_as_sent(api: Api, tmp_path) -> None:
    store = local_store(tmp_path, api, ("checkpoint", f"/checkpoints/{EC_CLIENT}"))
    admin = User("u_admin1", "Admin1", [Role.OPS_ADMIN])
    feedback = _feedback(EC_CLIENT, "event")
    checkpoint_feedback(store, admin, EC_CLIENT, feedback, START, choice="pause_and_escalate")
    row = only_row(store)
    assert row.path.endswith("/feedback?choice=pause_and_escalate") and row.payload == feedback
    r = push_row(api, row, "admin1")
    assert r.status_code == 200, r.text
    assert r.json()["data"]["workflow_paused"] is True
    assert r.json()["data"]["feedback"]["proposal_decisions"][0]["decision"] == "approve"
    store.close()


def test_a_wrong_choice_is_answered_with_the_choices_words(api: Api) -> None:
    body = assert_problem(_answer(api, SC, "scheduled", "nap"), 422, "validation")
    message = body["errors"]["choice"]  # the server's English; the detail carries both languages
    assert "Decide the proposals" in message and "decide_proposals" not in message
    assert "제안 승인·수정·거절" in body["detail"] and "skip_review" not in body["detail"]
