"""Demo users (API.md "Demo mode", password ``demo``) and the work queues."""

from __future__ import annotations

from datetime import datetime

from app.domain.cases import Queue
from app.domain.enums import ApprovalLevel, EntityKind, Role
from app.domain.wire import to_wire
from server import storage

DEMO_PASSWORD = "demo"

REVIEW_QUEUES = ["credit_review"]
CONTACT_QUEUES = ["msp_emergency", "msp_general", "general", "after_hours", "customer_service"]

# username, display name, roles, skills (queue ids), approval level
DEMO_USERS: list[tuple[str, str, list[Role], list[str], ApprovalLevel | None]] = [
    ("agent1", "김하늘", [Role.AGENT], ["msp_emergency", "msp_general", "general"], None),
    ("agent2", "이수진", [Role.AGENT], ["general", "after_hours", "customer_service"], None),
    ("reviewer1", "박지훈", [Role.REVIEWER], ["credit_review", "customer_service"], None),
    ("reviewer2", "최유나", [Role.REVIEWER], ["credit_review"], None),
    (
        "senior1",
        "정민호",
        [Role.SENIOR_REVIEWER],
        ["senior_review", "appeals", "credit_review"],
        ApprovalLevel.DIVISION,  # API.md: every demo approval decidable (some need DIVISION)
    ),
    (
        "senior2",
        "한지원",
        [Role.SENIOR_REVIEWER],
        ["senior_review", "appeals", "credit_review"],
        ApprovalLevel.DEPARTMENT,
    ),
    ("qa1", "오세영", [Role.QA], ["qa_review"], None),
    (
        "admin1",
        "윤재석",
        [Role.OPS_ADMIN],
        ["ops_escalation", "credit_review", "senior_review"],
        ApprovalLevel.DIVISION,
    ),
    ("supervisor1", "강미래", [Role.SUPERVISOR], CONTACT_QUEUES, ApprovalLevel.DEPARTMENT),
    ("auditor1", "서도현", [Role.AUDITOR], [], None),
]

QUEUES = [
    Queue("credit_review", "여신 심사", "review", "priority", ["credit_review"]),
    Queue("senior_review", "선임 심사 (L2 에스컬레이션)", "review", "priority", ["senior_review"]),
    Queue("appeals", "이의 제기 심사", "appeals", "priority", ["appeals"]),
    Queue("ops_escalation", "운영 관리자 (L3)", "review", "priority", ["ops_escalation"]),
    Queue("qa_review", "품질 검토 (QA)", "qa", "priority", ["qa_review"]),
    Queue("customer_service", "고객 문의", "review", "priority", ["customer_service"]),
    Queue("msp_emergency", "MSP 긴급 장애", "contact", "msp_emergency", ["msp_emergency"]),
    Queue("msp_general", "MSP 일반 문의", "contact", "msp_general", ["msp_general"]),
    Queue("general", "일반 고객", "contact", "general", ["general"]),
    Queue("after_hours", "업무시간 외", "contact", "after_hours", ["after_hours"]),
]


def user_id(username: str) -> str:
    return f"u_{username}"


def create_users(session, now: datetime) -> list[dict]:
    out = []
    for username, name, roles, skills, level in DEMO_USERS:
        out.append(
            storage.create_user(
                session,
                username,
                DEMO_PASSWORD,
                name,
                [r.value for r in roles],
                skills,
                level.value if level else None,
                now=now,
            )
        )
    return out


def queue_dicts() -> list[dict]:
    return [to_wire(q) for q in QUEUES]


def put_queues(session, now: datetime) -> None:
    for q in queue_dicts():
        storage.put(session, EntityKind.QUEUE, q, actor="system:demo", now=now)
