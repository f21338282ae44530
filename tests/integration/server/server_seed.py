"""Entities the server tests need besides users and queues, written with the storage API."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.domain.enums import EntityKind
from app.domain.wire import format_time
from server import storage


def _rejected_case(cid: str, decided: datetime, decider: str) -> dict:
    return {
        "id": cid,
        "decision_id": f"D-{cid}",
        "priority": "p2",
        "status": "rejected",
        "queue_id": "credit_review",
        "escalation_level": "L1",
        "customer": {"customer_id": "CU-9", "name": "이영희", "account_id": "9876543210"},
        "application": {"amount": 20_000_000, "purpose": "사업자금", "term_months": 24},
        "decision_context": {"automatic_decision": "deny", "score": 0.41, "reason_codes": []},
        "sla": None,
        "assignee_id": decider,
        "created_at": format_time(decided),
        "decided_at": format_time(decided),
        "decided_by": decider,
        "final_decision": "deny",
        "reason_codes": ["CREDIT-DENY-SCORE-001"],
        "note": "신용점수 미달",
        "documents": [],
        "timeline": [],
        "task_ids": [],
    }


def seed_extras(db: storage.ServerDB, now: datetime) -> None:
    with db.session() as s:
        put = lambda kind, data: storage.put(s, kind, data, actor="system", now=now)  # noqa: E731
        put(EntityKind.CASE, _rejected_case("C-REJ-1", now - timedelta(days=5), "u_reviewer1"))
        put(EntityKind.CASE, _rejected_case("C-REJ-2", now - timedelta(days=5), "u_senior1"))
        put(EntityKind.CASE, _rejected_case("C-REJ-3", now - timedelta(days=5), "u_reviewer2"))
        put(EntityKind.CASE, _rejected_case("C-REJ-OLD", now - timedelta(days=40), "u_reviewer1"))
        s.commit()


def _checkpoint(cid: str, now: datetime) -> dict:
    from app.domain.checkpoints import Checkpoint, ObservationWindow, Proposal, Signal
    from app.domain.enums import CheckpointMode, Severity
    from app.domain.wire import to_wire

    cp = Checkpoint(
        id=cid,
        mode=CheckpointMode.SCHEDULED,
        window=ObservationWindow(now - timedelta(days=7), now),
        signals=[
            Signal("AS-001", "latency_spike", 4, Severity.WARNING, ["node-a"], "p95 3s"),
            Signal("AS-002", "error_rate", 2, Severity.INFO, ["node-b"], "5xx 1%"),
        ],
        proposals=[Proposal("IP-001", "캐시 TTL 조정", 0.8)],
        created_at=now,
        due_at=now + timedelta(days=2),
    )
    return to_wire(cp)


def _decision(exec_id: str, req_id: str, now: datetime, cost: int | None) -> tuple[dict, dict]:
    from app.domain.decisions import DecisionExecution, WorkflowExecution, WorkflowStatus
    from app.domain.enums import DecisionType
    from app.domain.wire import to_wire
    from app.rules import approvals

    req = approvals.new_request(
        req_id, exec_id, DecisionType.GO_NOGO, "system", now, estimated_cost=cost
    )
    dec = DecisionExecution(
        id=exec_id,
        execution=WorkflowExecution(
            exec_id, "WF-1", WorkflowStatus.PAUSED_FOR_HITL, 7, started_at=now
        ),
        approval_request=req,
    )
    return to_wire(dec), to_wire(req)


ARTICLES = [
    (
        "KB-001",
        "대출 한도 조회 방법",
        "고객의 대출 한도는 신용점수와 소득으로 계산합니다. 한도 상향은 심사가 필요합니다.",
    ),
    ("KB-002", "금리 인하 요구권 안내", "금리 인하를 요구할 수 있는 조건과 절차를 안내합니다."),
    ("KB-003", "카드 분실 신고", "카드를 분실한 경우 즉시 정지하고 재발급을 신청합니다."),
]


def _segment(i: int, role: str, text: str, issue: tuple[int, int] | None = None) -> dict:
    body = {
        "Id": f"S{i}",
        "ParticipantId": role.lower(),
        "ParticipantRole": role,
        "Content": text,
        "BeginOffsetMillis": i * 1000,
        "EndOffsetMillis": i * 1000 + 900,
        "Sentiment": "NEUTRAL",
        "IssuesDetected": [],
    }
    if issue:
        body["IssuesDetected"] = [
            {"CharacterOffsets": {"BeginOffsetChar": issue[0], "EndOffsetChar": issue[1]}}
        ]
    return {"Transcript": body}


def seed_more(db: storage.ServerDB, now: datetime) -> None:
    with db.session() as s:
        put = lambda kind, data: storage.put(s, kind, data, actor="system", now=now)  # noqa: E731
        put(EntityKind.CHECKPOINT, _checkpoint("HC-2026-11-20-001", now))
        put(EntityKind.CHECKPOINT, _checkpoint("HC-2026-11-20-002", now))
        for exec_id, req_id, cost in (
            ("EX-001", "AR-001", None),
            ("EX-002", "AR-002", 2 * 10**8),
            ("EX-003", "AR-003", None),
        ):
            dec, req = _decision(exec_id, req_id, now, cost)
            put(EntityKind.DECISION, dec)
            put(EntityKind.APPROVAL, req)
        for aid, title, body in ARTICLES:
            put(
                EntityKind.KNOWLEDGE_ARTICLE,
                {"id": aid, "title": title, "body": body, "tags": [], "category": "loan"},
            )
        for cid, state in (
            ("CALL-001", "connected"),
            ("CALL-002", "ringing"),
            ("CALL-003", "ended"),
        ):
            put(
                EntityKind.CALL,
                {
                    "id": cid,
                    "queue": "general",
                    "flow": "general",
                    "state": state,
                    "customer": {"name": "정", "tier": "general"},
                    "agent_id": "u_agent1" if state != "ringing" else None,
                    "started_at": format_time(now - timedelta(minutes=3)),
                    "connected_at": format_time(now - timedelta(minutes=2)),
                },
            )
        text = "대출 한도를 올리고 싶어요"
        segs = [
            _segment(1, "AGENT", "안녕하세요 상담원입니다"),
            {
                "Utterance": {
                    "Id": "S2",
                    "TranscriptId": "S2",
                    "ParticipantId": "customer",
                    "ParticipantRole": "CUSTOMER",
                    "PartialContent": "대출",
                    "BeginOffsetMillis": 2000,
                    "EndOffsetMillis": 2500,
                }
            },
            _segment(2, "CUSTOMER", text, (0, 5)),
        ]
        for seg in segs:
            body = next(iter(seg.values()))
            storage.append_segment(s, "CALL-001", body["Id"], seg)
        s.commit()
